#!/bin/sh
# Generator tests: runs thunkgen on fixture libraries and checks that it
# finds what it must find. TAP output.
#   run.sh BUILD_DIR
set -u
build=$1
here=$(cd "$(dirname "$0")" && pwd)
thunkgen=$build/thunkgen/thunkgen
work=$build/test-logs/thunkgen
rm -rf "$work"
mkdir -p "$work"
count=0
failures=0
guests="--guest x86_64-linux-gnu=/ --guest aarch64-linux-gnu=/usr/aarch64-linux-gnu --guest riscv64-linux-gnu=/usr/riscv64-linux-gnu"

check() { # description, then a command that must succeed
	description=$1
	shift
	count=$((count + 1))
	if "$@"; then
		echo "ok $count - $description"
	else
		failures=$((failures + 1))
		echo "not ok $count - $description"
		sed 's/^/#   /' "$work/stderr" 2>/dev/null | head -n 5
	fi
}

generate() { # spec library -> exit status; stderr in $work/stderr
	mkdir -p "$work/out"
	# shellcheck disable=SC2086
	"$thunkgen" --spec "$1" --library "$2" --output-dir "$work/out" \
		-I "$here" $guests 2>"$work/stderr" >/dev/null
}

spec() { # name, lines... -> path of a spec file
	file=$work/$1.spec
	shift
	printf '%s\n' "$@" >"$file"
	echo "$file"
}

fails_with() { # text, then generate's arguments
	text=$1
	shift
	! generate "$@" && grep -q -- "$text" "$work/stderr"
}

wide=$build/tests/thunkgen/libwide.so
extra=$build/tests/thunkgen/libextra.so

# 1. The layout check finds a real difference.
s=$(spec wide "soname libwide.so" "header wide.h")
check "long double in a struct differs between x86_64 and aarch64" \
	fails_with "wide_sum: parameter 'wide': struct dt_wide, field 'value'" "$s" "$wide"
check "the message names the formats and both triples" \
	grep -q "long double (x87 80-bit extended vs IEEE binary128 format) differs between x86_64-linux-gnu and aarch64-linux-gnu" "$work/stderr"
s=$(spec wide-x86 "soname libwide.so" "header wide.h")
check "the same struct passes for an x86_64 guest alone" \
	sh -c "'$thunkgen' --spec '$s' --library '$wide' --output-dir '$work/out' -I '$here' --guest x86_64-linux-gnu=/ 2>'$work/stderr'"
s=$(spec wide-unsupported "soname libwide.so" "header wide.h" \
	"unsupported wide_sum long double has no common format")
check "a function marked unsupported is left out of the check" \
	generate "$s" "$wide"
check "the report gives the spec's reason and line" \
	grep -q "wide_sum: long double has no common format (spec line 3)" "$work/out/report.txt"
check "an unsupported export is still exported by the guest thunk, as a forward" \
	grep -q 'DLCALL_FORWARD(wide_sum, forward_wide_sum);' "$work/out/guest.c"

# 2. Spec errors name file and line.
s=$(spec unknown "soname libextra.so" "header extra.h" "frobnicate yes")
check "unknown keyword: file:line message" \
	fails_with "unknown.spec:3: unknown keyword 'frobnicate'" "$s" "$extra"
s=$(spec nodot "soname libextra.so" "header extra.h" "callback-field extra_options")
check "callback-field without RECORD.FIELD: file:line message" \
	fails_with "nodot.spec:3: callback-field wants RECORD.FIELD" "$s" "$extra"
s=$(spec nosoname "# no soname" "header extra.h")
check "missing soname: file:line message" \
	fails_with "nosoname.spec:2: no 'soname' line" "$s" "$extra"
s=$(spec twice "soname a.so" "soname b.so")
check "soname given twice: file:line message" \
	fails_with "twice.spec:2: soname given twice" "$s" "$extra"
s=$(spec stale "soname libextra.so" "header extra.h" \
	"unsupported extra_undeclared not in the headers" \
	"unsupported no_such_function gone")
check "unsupported naming a function the library lacks: file:line" \
	fails_with "stale.spec:4: no_such_function is not exported" "$s" "$extra"

# 3. An export left uncovered fails the build.
s=$(spec uncovered "soname libextra.so" "header extra.h")
check "an export no header declares fails the generation" \
	fails_with "exports extra_undeclared, which no header declares" "$s" "$extra"
s=$(spec covered "soname libextra.so" "header extra.h" \
	"unsupported extra_undeclared internal helper, not in the headers" \
	"callback-field extra_options.on_value")
check "listing it as unsupported with a reason lets it pass" \
	generate "$s" "$extra"
check "the report counts 2 exports, 1 thunked" \
	sh -c "grep -q '^exports: 2' '$work/out/report.txt' && grep -q '^thunked: 1' '$work/out/report.txt'"

# 4. A callback stored in a struct.
check "callback-field: the guest thunk passes the field's guest function" \
	grep -q "options->on_value, invoke_extra_callback" "$work/out/guest.c"
check "callback-field: the host thunk swaps in a closure and restores it" \
	sh -c "grep -q 'saved_options_on_value = \*options_on_value;' '$work/out/host.c' &&
	       grep -q '\*options_on_value = saved_options_on_value;' '$work/out/host.c'"
s=$(spec badfield "soname libextra.so" "header extra.h" \
	"unsupported extra_undeclared internal" "callback-field extra_options.count")
check "callback-field naming a non-function field is refused" \
	fails_with "not a function pointer" "$s" "$extra"
s=$(spec nofield "soname libextra.so" "header extra.h" \
	"unsupported extra_undeclared internal" "callback-field extra_options.missing")
check "callback-field naming no field of any passed struct: file:line" \
	fails_with "nofield.spec:4: no thunked function passes a extra_options" "$s" "$extra"

# 5. Symbol versions and va_list.
versioned=$build/tests/thunkgen/libversioned.so
s=$(spec versioned "soname libversioned.so" "header versioned.h")
check "a versioned library generates" generate "$s" "$versioned"
check "the version script reproduces both versions" \
	sh -c "grep -A4 '^VERSIONED_1.0 {' '$work/out/guest.map' | grep -q versioned_old &&
	       grep -A3 '^VERSIONED_2.0 {' '$work/out/guest.map' | grep -q versioned_new"
check "a va_list parameter is reported unsupported with the reason" \
	grep -q "versioned_format: va_list parameter" "$work/out/report.txt"
check "a FILE * parameter is reported unsupported: the guest's stdio" \
	grep -q "versioned_print: FILE \\* (a stream of the guest's C library" "$work/out/report.txt"

echo "1..$count"
[ "$failures" -eq 0 ]
