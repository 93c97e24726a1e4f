#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
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
	"$thunkgen" --spec "$1" --library "$2" --output-dir "$work/out" --host-file libfixture-host.so \
		-I "$here" $guests 2>"$work/stderr" >/dev/null
}

spec() { # name, lines... -> path of a spec file
	file=$work/$1.spec
	shift
	printf '%s\n' "$@" >"$file"
	echo "$file"
}

symbols() { # library -> its defined dynamic symbols with versions, sorted
	readelf --dyn-syms -W "$1" | awk '$7 != "UND" && ($4 == "FUNC" || $4 == "OBJECT") { print $8 }' |
		grep -v '^V[0-9]*$' | sort
}

compiles() { # output directory, library name: builds what was generated
	dir=$1
	warnings="-Wall -Wextra -Werror -std=c11 -D_GNU_SOURCE -fPIC -fvisibility=hidden -U_FILE_OFFSET_BITS"
	# shellcheck disable=SC2086
	gcc $warnings -I"$here/../../include" -I"$here/../../host" -I"$dir" -I"$here" \
		-c "$dir/host.c" -o "$dir/host.o" 2>"$work/stderr" || return 1
	for isa in x86_64 aarch64 riscv64; do
		# shellcheck disable=SC2086
		$isa-linux-gnu-gcc $warnings -I"$here/../../include" -I"$here/../../guest" -I"$dir" \
			-idirafter "$here" -c "$dir/guest.c" -o "$dir/guest-$isa.o" 2>"$work/stderr" &&
			$isa-linux-gnu-gcc -shared -o "$dir/lib$2-$isa.so" "$dir/guest-$isa.o" \
				-Wl,--version-script="$dir/guest.map" -L"$build/guest-$isa/guest" \
				-ldlcall-guest 2>"$work/stderr" || return 1
	done
	symbols "$build/tests/thunkgen/lib$2.so" >"$work/$2-real.txt"
	symbols "$dir/lib$2-x86_64.so" >"$work/$2-thunk.txt"
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
	sh -c "'$thunkgen' --spec '$s' --library '$wide' --output-dir '$work/out' --host-file libwide-host.so -I '$here' --guest x86_64-linux-gnu=/ 2>'$work/stderr'"
s=$(spec wide-unsupported "soname libwide.so" "header wide.h" \
	"unsupported wide_sum long double has no common format")
check "a function marked unsupported is left out of the check" \
	generate "$s" "$wide"
check "the report gives the spec's reason and line" \
	grep -q "wide_sum: long double has no common format (spec line 3)" "$work/out/report.txt"
check "wchar_t differs in signedness only: a layout note, not an error" \
	grep -q "wide_length: parameter 'text': wchar_t is signed on x86_64-linux-gnu, unsigned on aarch64-linux-gnu" "$work/out/report.txt"
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
	"unsupported no_such_function gone" "callback-field extra_options.on_value")
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

# undef: a macro undefined at its place among the headers, in the parse
# and in the generated code; only after a header.
s=$(spec undef-first "soname libextra.so" "undef EXTRA_GUARD" "header extra.h")
check "undef before any header: file:line" \
	fails_with "undef-first.spec:2: undef comes after a header" "$s" "$extra"
s=$(spec undef "soname libextra.so" "header extra.h" "undef EXTRA_GUARD" \
	"unsupported extra_undeclared internal" "callback-field extra_options.on_value")
generate "$s" "$extra"
check "undef between headers: the generated code undefines it after the header" \
	sh -c "grep -A1 '^#include <extra.h>' '$work/out/thunk_args.h' | grep -q '^#undef EXTRA_GUARD'"

# 4. A callback stored in a struct.
check "callback-field: the guest thunk passes the field's guest function" \
	sh -c "grep -q '(void \*)dlcall_node_options_0->on_value' '$work/out/guest.c' &&
	       grep -q 'dlcall_guest_options__on_value, invoke_int32__int32' '$work/out/guest.c'"
check "callback-field: the host thunk swaps in a closure and restores it" \
	sh -c "grep -q 'saved_options__on_value = \*slot_options__on_value;' '$work/out/host.c' &&
	       grep -q '\*slot_options__on_value = saved_options__on_value;' '$work/out/host.c'"
s=$(spec badfield "soname libextra.so" "header extra.h" "unsupported extra_undeclared internal" \
	"callback-field extra_options.on_value" "callback-field extra_options.count")
check "callback-field naming a non-function field is refused" \
	fails_with "badfield.spec:5: no export leads to a function pointer field extra_options.count" "$s" "$extra"
s=$(spec nofield "soname libextra.so" "header extra.h" \
	"unsupported extra_undeclared internal" "callback-field extra_options.missing")
check "an undecided function pointer field fails, naming its path" \
	fails_with "extra_declared.options->on_value: function pointer field extra_options.on_value is undecided" "$s" "$extra"
s=$(spec opaque "soname libextra.so" "header extra.h" \
	"unsupported extra_undeclared internal" "opaque-field extra_*.on_* the library never calls it")
generate "$s" "$extra"
check "opaque-field (a pattern) decides a field that does not cross" \
	sh -c "grep -q '^thunked: 1' '$work/out/report.txt' && ! grep -q on_value '$work/out/host.c'"
s=$(spec noreason "soname libextra.so" "header extra.h" "opaque-field extra_options.on_value")
check "opaque-field without a reason: file:line" \
	fails_with "noreason.spec:3: opaque-field wants a reason" "$s" "$extra"

s=$(spec undeclared-only "soname libextra.so" "header extra.h" \
	"undeclared extra_* internal" "callback-field extra_options.on_value")
generate "$s" "$extra"
check "'undeclared' (a pattern) decides only what no header declares" \
	sh -c "grep -q '^extra_undeclared: internal' '$work/out/report.txt' &&
	       grep -q '^thunked: 1' '$work/out/report.txt'"
s=$(spec kept "soname libextra.so" "header extra.h" "unsupported extra_undeclared internal" \
	"callback-field extra_options.on_value kept" "coverage-only a test")
generate "$s" "$extra"
check "callback-field ... kept: the closure stays after the call; coverage-only is accepted" \
	sh -c "grep -q 'kept, the library calls it later' '$work/out/host.c' &&
	       ! grep -q '\*slot_options__on_value = saved_options__on_value' '$work/out/host.c'"
s=$(spec opaque-unused "soname libextra.so" "header extra.h" "unsupported extra_undeclared internal" \
	"callback-field extra_options.on_value" "opaque-type nothing_here no such struct")
check "an opaque-type no pointer reaches: file:line" \
	fails_with "opaque-unused.spec:5: no pointer to nothing_here crosses" "$s" "$extra"
s=$(spec byname "soname libextra.so" "header extra.h" "unsupported extra_undeclared internal" \
	"callback-field extra_options.on_value" "proc-address extra_declared options extra_*")
check "proc-address on a function returning no pointer: file:line" \
	fails_with "byname.spec:5: proc-address: extra_declared has no pointer parameter" "$s" "$extra"

# 5. Symbol versions and va_list.
versioned=$build/tests/thunkgen/libversioned.so
s=$(spec versioned "soname libversioned.so" "header versioned.h")
check "a versioned library generates" generate "$s" "$versioned"
check "the version script reproduces both versions" \
	sh -c "grep -A4 '^VERSIONED_1.0 {' '$work/out/guest.map' | grep -q versioned_old &&
	       grep -A3 '^VERSIONED_2.0 {' '$work/out/guest.map' | grep -q versioned_new"
check "a va_list parameter is reported unsupported with the reason" \
	grep -q "versioned_format@@VERSIONED_1.0: va_list parameter" "$work/out/report.txt"
check "a FILE * parameter crosses as a host stream doing the guest's I/O" \
	grep -q "\.stream_io = dlcall_guest_stream_io" "$work/out/guest.c"
check "a FILE * result is reported unsupported with the reason" \
	grep -q "versioned_stream@@VERSIONED_2.0: FILE \\* other than an export's parameter" "$work/out/report.txt"

# 6. Exports of every kind (exports.h): versions, protected, data, noreturn.
exports=$build/tests/thunkgen/libexports.so
s=$(spec exports "soname libexports.so" "header exports.h")
check "every kind of export generates with no spec line about it" \
	generate "$s" "$exports"
check "the same code under two versions is one function, exported as both" \
	grep -qx "exports_twice@@V2 exports_twice@V1" "$work/out/report.txt"
check "an older version with code of its own is forwarded, with the reason" \
	grep -q "^exports_changed@V1: exports_changed@V1 is older code of its own" "$work/out/report.txt"
check "a protected export is thunked" \
	grep -qx "exports_protected@@V2" "$work/out/report.txt"
check "a constant table is copied; a variable and relocated data are reported; a variable holding a function calls what it holds" \
	sh -c "grep -q '^exports_table@@V1: 16 constant bytes, copied' '$work/out/report.txt' &&
	       grep -q '^exports_counter@@V1: a variable of the host library' '$work/out/report.txt' &&
	       grep -q '^exports_names@@V1: holds addresses' '$work/out/report.txt' &&
	       grep -q '^exports_hook@@V1: holds a function; the guest.s calls what it holds' '$work/out/report.txt'"
check "a _Noreturn export's thunk does not return" \
	sh -c "sed -n '/(exports_exit)(int status)/,/^}/p' '$work/out/guest.c' | grep -q __builtin_unreachable"
check "the thunks compile for the host and every guest ISA (-Wall -Wextra -Werror)" \
	compiles "$work/out" exports
check "no generated line is longer than 120 columns" \
	sh -c "! expand '$work/out/host.c' '$work/out/guest.c' '$work/out/thunk_args.h' | awk 'length > 120' | grep -q ."
check "the guest thunk exports exactly the real library's symbols and versions" \
	sh -c "diff '$work/exports-real.txt' '$work/exports-thunk.txt' >'$work/stderr'"
s=$(spec exports-pattern "soname libexports.so" "header exports.h" \
	"unsupported exports_names_* internal, by a pattern" "unsupported nothing_* matches nothing")
check "a spec pattern that matches nothing is an error" \
	fails_with "exports-pattern.spec:4: nothing_\\* matches nothing exported" "$s" "$exports"

# 7. Helpers: host code of ours that custom code calls, exported by
# neither thunk (spec: helper, declared in the .h beside the .c).
printf '%s\n' 'int extra_twice(int value);' >"$work/twice.h"
printf '%s\n' '#include "twice.h"' 'int extra_twice(int value) { return 2 * value; }' >"$work/twice.c"
s=$(spec helper "soname libextra.so" "header extra.h" \
	"unsupported extra_undeclared internal helper, not in the headers" \
	"callback-field extra_options.on_value" "helper extra_twice twice.c")
check "a helper generates: counted apart from the exports" \
	sh -c "'$thunkgen' --spec '$s' --library '$extra' --output-dir '$work/out' --host-file libextra-host.so \
		-I '$here' $guests 2>'$work/stderr' >/dev/null &&
	       grep -q '^exports: 2' '$work/out/report.txt' && grep -q '^helpers: 1' '$work/out/report.txt' &&
	       grep -q '^extra_twice: host code in .*twice.c (spec line 5)' '$work/out/report.txt'"
check "the guest thunk defines the helper, unexported, and reports it when the host side is absent" \
	sh -c "grep -q '^int (extra_twice)(int value)' '$work/out/guest.c' &&
	       ! grep -q 'EXPORT int (extra_twice)' '$work/out/guest.c' &&
	       ! grep -q extra_twice '$work/out/guest.map' &&
	       grep -q 'dlcall_guest_unsupported(THUNK_SONAME, \"extra_twice\"' '$work/out/guest.c'"
helper_unexported() { # the guest thunks link; none exports the helper
	dir=$work/helper-build
	mkdir -p "$dir" && cp "$work"/out/guest.c "$work"/out/guest.map "$work"/out/thunk_args.h "$dir/"
	for isa in x86_64 aarch64 riscv64; do
		$isa-linux-gnu-gcc -Wall -Wextra -Werror -std=c11 -fPIC -fvisibility=hidden \
			-I"$here/../../include" -I"$here/../../guest" -idirafter "$here" \
			-c "$dir/guest.c" -o "$dir/guest-$isa.o" 2>"$work/stderr" &&
			$isa-linux-gnu-gcc -shared -o "$dir/libextra-$isa.so" "$dir/guest-$isa.o" \
				-Wl,--version-script="$dir/guest.map" -L"$build/guest-$isa/guest" \
				-ldlcall-guest 2>"$work/stderr" || return 1
		readelf --dyn-syms -W "$dir/libextra-$isa.so" | grep -q ' extra_declared' || return 1
		! readelf --dyn-syms -W "$dir/libextra-$isa.so" | grep -q extra_twice || return 1
	done
}
check "with the helper, the guest thunks link and none exports it" helper_unexported
s=$(spec helper-export "soname libextra.so" "header extra.h" \
	"unsupported extra_undeclared internal helper, not in the headers" \
	"callback-field extra_options.on_value" "helper extra_declared twice.c")
check "a helper named like an export: file:line" \
	fails_with "helper-export.spec:5: helper extra_declared: the library exports that name" "$s" "$extra"
s=$(spec helper-missing "soname libextra.so" "header extra.h" \
	"unsupported extra_undeclared internal helper, not in the headers" \
	"callback-field extra_options.on_value" "helper extra_thrice twice.c")
check "a helper no header declares: file:line" \
	fails_with "helper-missing.spec:5: helper extra_thrice: no declaration in the header beside" "$s" "$extra"
s=$(spec helper-h "soname libextra.so" "header extra.h" "helper extra_twice twice.h")
check "a helper wants a .c file: file:line" \
	fails_with "helper-h.spec:3: helper wants a .c file" "$s" "$extra"

# 8. Mirror types: a name that is no struct, and a line nothing uses.
s=$(spec mirror-none "soname libextra.so" "header extra.h" \
	"unsupported extra_undeclared internal helper, not in the headers" \
	"callback-field extra_options.on_value" "mirror-type no_such_struct the library's")
check "mirror-type naming no struct: file:line" \
	fails_with "mirror-none.spec:5: mirror-type no_such_struct: no complete struct of that name" "$s" "$extra"
s=$(spec mirror-parameter "soname libextra.so" "header extra.h" \
	"unsupported extra_undeclared internal helper, not in the headers" \
	"mirror-type extra_options the library's own, for this test")
check "a parameter of a mirror type goes to the host as the original; its fields need no decision" \
	sh -c "'$thunkgen' --spec '$s' --library '$extra' --output-dir '$work/out' --host-file libextra-host.so \
		-I '$here' $guests 2>'$work/stderr' >/dev/null &&
	       grep -q 'dlcall_guest_mirror_original(' '$work/out/guest.c' &&
	       grep -q 'offsetof(struct extra_options, on_value), (void \*)stub_' '$work/out/guest.c'"

# 9. A kept field in the const struct a parameter points to: the host's
# copy of it lasts; deeper in, the function is unsupported with the reason.
kept=$build/tests/thunkgen/libkept.so
s=$(spec kept "soname libkept.so" "header kept.h" "callback-field kept_module.step kept")
check "a kept field in a const struct the parameter points to generates" \
	generate "$s" "$kept"
check "the host's copy of it lasts: allocated, not on the stack, and not put back" \
	sh -c "sed -n '/^static void thunk_kept_register(/,/^}/p' '$work/out/host.c' | grep -q 'malloc(sizeof(\*node_module_0))' &&
	       ! sed -n '/^static void thunk_kept_register(/,/^}/p' '$work/out/host.c' | grep -q 'slot_module__step = saved'"
check "a kept field in a const struct further in is unsupported, with the reason" \
	grep -q "kept_register_nested: the library keeps holder->module->step, in a struct the host would have to copy" "$work/out/report.txt"

# 10. Lists: an at-free field crosses only into the call that frees its
# struct, converted in every link; a kept one in every call, in every
# link; one swapped for the call only makes the function unsupported.
lists=$build/tests/thunkgen/liblists.so
s=$(spec lists "soname liblists.so" "header lists.h" \
	"callback-field list_object.finalizer at-free" "frees list_free it frees the objects" \
	"callback-field list_hook.call kept" "callback-field list_step.run")
check "lists: at-free and kept fields in lists generate" \
	sh -c "'$thunkgen' --spec '$s' --library '$lists' --output-dir '$work/out' --host-file liblists-host.so \
		-I '$here' $guests 2>'$work/stderr' >/dev/null"
check "lists: the generated code compiles for three ISAs" compiles "$work/out" lists
check "lists: an at-free field is not walked in a call that does not free its struct" \
	sh -c "! sed -n '/^EXPORT.*(list_count)/,/^}/p' '$work/out/guest.c' | grep -q finalizer"
check "lists: the freeing call converts it in every link, in place" \
	sh -c "sed -n '/^EXPORT.*(list_free)/,/^}/p' '$work/out/guest.c' | grep -q 'link = link->next' &&
	       sed -n '/^EXPORT.*(list_free)/,/^}/p' '$work/out/guest.c' | grep -q '&link->finalizer = host_closure('"
check "lists: a kept field is converted in every link of the list" \
	sh -c "sed -n '/^EXPORT.*(list_hooks_add)/,/^}/p' '$work/out/guest.c' | grep -q '&link->call = host_closure('"
check "lists: a field swapped for the call only makes the function unsupported" \
	grep -q "list_steps_run: steps is a chain of structs of one type" "$work/out/report.txt"
s=$(spec sometimes "soname liblists.so" "header lists.h" "callback-field list_hook.call sometimes")
check "callback-field takes only 'kept' or 'at-free' after the field" \
	fails_with "sometimes.spec:3: callback-field takes RECORD.FIELD and optionally 'kept' or 'at-free'" "$s" "$lists"

echo "1..$count"
[ "$failures" -eq 0 ]
