#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs every test of the project and ends with "N passed, N failed, N skipped".
#
# A TAP-producing test program counts one test per "ok"/"not ok" line; a
# shell check below counts one. Each program's output goes to
# BUILD/test-logs/ and failures are echoed here.
set -u
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
build=$(cd "$build" && pwd)
dlcall=$build/bin/dlcall
logs=$build/test-logs
rm -rf "$logs"
mkdir -p "$logs"
passed=0
failed=0
skipped=0

pass() {
	passed=$((passed + 1))
	echo "ok - $1"
}

fail() {
	failed=$((failed + 1))
	echo "not ok - $1"
	[ -n "${2:-}" ] && sed 's/^/#   /' "$2" | tail -n 15
}

# skip NAME REASON: a check that cannot run on this machine.
skip() {
	skipped=$((skipped + 1))
	echo "ok - $1 # SKIP $2"
}

# Runs a TAP program: tap NAME COMMAND...
tap() {
	name=$1
	shift
	log=$logs/$(echo "$name" | tr ' /' '__').log
	timeout -k 10 300 "$@" >"$log" 2>&1
	status=$?
	ok=$(grep -c '^ok ' "$log")
	not_ok=$(grep -c '^not ok ' "$log")
	planned=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$log" | tail -n 1)
	passed=$((passed + ok))
	failed=$((failed + not_ok))
	if [ "$status" -ne 0 ] || [ -z "$planned" ] ||
		[ "$planned" -ne $((ok + not_ok)) ]; then
		fail "$name: exit status $status, $ok of ${planned:-?} planned checks ran" "$log"
	elif [ "$not_ok" -ne 0 ]; then
		echo "not ok - $name: $not_ok failed"
		grep -A2 '^not ok' "$log" | sed 's/^/#   /'
	else
		echo "ok - $name ($ok checks)"
	fi
}

# exit(3) from a callback ends the program with status 3, and its atexit
# handler still calls the library (tests/e2e/lifecycle.c):
# exit_in_callback_check LABEL LOG COMMAND... (COMMAND runs lifecycle).
exit_in_callback_check() {
	exit_label=$1
	exit_log=$2
	shift 2
	"$@" exit-in-callback >"$exit_log" 2>&1
	status=$?
	if [ $status -eq 3 ] && grep -q '^at exit: dt_add(2, 3) = 5$' "$exit_log"; then
		pass "$exit_label exit(3) from a callback: status 3, atexit handler still calls the library"
	else
		fail "$exit_label exit(3) from a callback (status $status)" "$exit_log"
	fi
}

# Expects a command to fail with one line on stderr containing TEXT:
# one_line_error NAME TEXT COMMAND...
one_line_error() {
	name=$1
	text=$2
	shift 2
	log=$logs/$(echo "$name" | tr ' /' '__').log
	"$@" >"$log.out" 2>"$log"
	status=$?
	first=$(head -n 1 "$log")
	if [ "$status" -ne 0 ] && grep -q -- "$text" "$log" &&
		case "$first" in dlcall:*) true ;; *) false ;; esac; then
		pass "$name"
	else
		fail "$name (exit $status)" "$log"
	fi
}

echo "# plugin, fake-QEMU harness"
for api in 1 6 7; do
	tap "plugin harness, API $api" \
		"$build/tests/plugin/plugin-harness-api$api" \
		"$build/plugin/libdlcall-api$api.so" "$api"
done
version=$(sed -n 's/.*plugin API flavour \([0-9]\).*/\1/p' \
	"$build/meson-logs/meson-log.txt" | tail -n 1)
[ "$version" = 1 ] && tap "plugin harness, installed plugin" \
	"$build/tests/plugin/plugin-harness-api1" \
	"$build/lib/dlcall/plugin/libdlcall.so" 1

echo "# fuzz corpus and past findings, replayed (make fuzz finds more)"
tap "plugin callback: fuzz corpus replayed (ASan, UBSan)" \
	"$build/tests/fuzz/plugin-replay" tests/fuzz/corpus/plugin/*
tap "spec parser: fuzz corpus replayed (ASan, UBSan, leaks)" \
	"$build/tests/fuzz/spec-replay" tests/fuzz/corpus/spec/*
# The plugin's corpus again, each input as real magic syscalls of a guest
# (tests/e2e/replay.c; QEMU 10.0's flavours in tests/qemu-versions.sh).
for isa in x86_64 aarch64 riscv64; do
	tap "$isa plugin fuzz corpus replayed as magic syscalls through QEMU 7.2" \
		"$dlcall" run -- "$build/guest-$isa/tests/e2e/replay" tests/fuzz/corpus/plugin/*
done

echo "# plugin options under real QEMU"
plugin=$build/lib/dlcall/plugin/libdlcall.so
for option in syscall_num=100 syscall_num= syscall_num=-5000 \
	syscall_num=abc nonsense=1 verbose=maybe; do
	key=${option%%=*}
	one_line_error "qemu-x86_64 rejects plugin option $option" "$key" \
		qemu-x86_64 -plugin "$plugin,$option" /bin/true
done
if qemu-x86_64 -plugin "$plugin,syscall_num=5000" /bin/true 2>"$logs/good.log"; then
	pass "qemu-x86_64 loads the plugin with syscall_num=5000"
else
	fail "qemu-x86_64 loads the plugin with syscall_num=5000" "$logs/good.log"
fi

echo "# thunk generator"
tap "thunkgen on fixture libraries" sh tests/thunkgen/run.sh "$build"
for report in "$build"/thunks/*-report.txt; do
	library=$(basename "$report" -report.txt)
	if grep -q '^unsupported: 0' "$report" || grep -q '^## unsupported' "$report"; then
		pass "$library: every export thunked or listed with a reason"
	else
		fail "$library: coverage report incomplete" "$report"
	fi
done

echo "# host runtime"
tap "host runtime (ASan, UBSan)" "$build/tests/host/runtime-test"
tap "context switch x86_64 (ASan, UBSan)" "$build/tests/host/context-test-x86_64"
tap "context switch aarch64 under qemu-aarch64" \
	qemu-aarch64 -L /usr/aarch64-linux-gnu \
	"$build/guest-aarch64/tests/context-test-aarch64"
tap "context switch riscv64 under qemu-riscv64" \
	qemu-riscv64 -L /usr/riscv64-linux-gnu \
	"$build/guest-riscv64/tests/context-test-riscv64"

echo "# end to end under real QEMU"
for isa in x86_64 aarch64 riscv64; do
	client=$build/guest-$isa/tests/e2e/client
	tap "$isa client, plain emulation" "$dlcall" run --emulate -- "$client"
	tap "$isa client, pass-through" "$dlcall" run -v -- "$client"
	if grep -q 'libdlcalltest.so.1: passed through to the host' \
		"$logs/${isa}_client,_pass-through.log"; then
		pass "$isa client really passed through"
	else
		fail "$isa client really passed through" \
			"$logs/${isa}_client,_pass-through.log"
	fi
	tap "$isa client, --syscall-num 5000" \
		"$dlcall" run --syscall-num 5000 -- "$client"
	log=$logs/${isa}_no-lib.log
	if "$dlcall" run -v --no-lib dlcalltest -- "$client" >"$log" 2>&1 &&
		grep -q 'dlcalltest: emulated (disabled by option)' "$log" &&
		! grep -q 'passed through' "$log"; then
		pass "$isa client, --no-lib dlcalltest runs emulated"
	else
		fail "$isa client, --no-lib dlcalltest runs emulated" "$log"
	fi
	# An export that cannot pass through: reported in one line, and the
	# same call works with the guest's own library.
	one_line_error "$isa unsupported export reported" \
		"dt_halve_long_double is not available through pass-through" \
		"$dlcall" run -- "$client" unsupported
	# SPEC §7: a host library older than the guest's (no dt_version_two)
	# leaves the host thunk unloadable; the guest's own library serves.
	old_host=$logs/old-host-$isa
	mkdir -p "$old_host"
	cp "$build/lib/dlcall/host/libdlcall-host.so" \
		"$build/lib/dlcall/host/libdlcalltest-host.so" \
		"$build/tests/testlib/old/libdlcalltest.so.1" "$old_host/"
	DLCALL_HOST_DIR=$old_host DLCALL_EXPECT_FALLBACK=1 tap "$isa client, host library too old, guest library used" \
		"$dlcall" run -v -- "$client"
	log=$logs/${isa}_client,_host_library_too_old,_guest_library_used.log
	if grep -q "libdlcalltest.so.1: emulated with the guest's own .*undefined symbol: dt_version_two" "$log" &&
		[ "$(DLCALL_HOST_DIR=$old_host "$dlcall" run -- "$client" unsupported)" = 1.25 ]; then
		pass "$isa fallback: -v names the guest library and the reason; unsupported exports forward to it"
	else
		fail "$isa fallback: -v names the guest library and the reason; unsupported exports forward to it" "$log"
	fi
	# A chain link the program made read-only cannot carry a closure.
	one_line_error "$isa read-only chain link reported" \
		"dt_run_job: a DT_KIND_NOTIFY link in memory the program cannot write" \
		"$dlcall" run -- "$client" readonly-chain
	# A library-owned type the program made itself, with its function.
	one_line_error "$isa a program's own object of a mirror type reported" \
		"dt_codec_apply: a dt_codec the program made itself does not pass through: it holds the program's own functions" \
		"$dlcall" run -- "$client" guest-codec
	# A thunk loaded without the plugin says so and exits non-zero.
	sysroot=""
	[ "$isa" = x86_64 ] || sysroot="-L /usr/$isa-linux-gnu"
	# shellcheck disable=SC2086
	one_line_error "$isa thunk without the plugin" "without the dlcall plugin" \
		"qemu-$isa" $sysroot \
		-E "LD_LIBRARY_PATH=$build/lib/dlcall/$isa/dlcalltest" "$client"
done
# SPEC §9: the user's own LD_LIBRARY_PATH naming the guest thunk must not
# make the host load the thunk instead of the real host library.
LD_LIBRARY_PATH=$build/lib/dlcall/x86_64/dlcalltest \
	tap "x86_64 client with LD_LIBRARY_PATH set to the thunk directory" \
	"$dlcall" run -- "$build/guest-x86_64/tests/e2e/client"

echo "# expat: the project's expat client (handlers, unknown encoding, nested parser, allocators)"
for isa in x86_64 aarch64; do
	client=$build/guest-$isa/tests/e2e/expat-client
	tap "$isa expat client, plain emulation" "$dlcall" run --emulate -- "$client"
	tap "$isa expat client, pass-through" "$dlcall" run -v -- "$client"
	if grep -q 'libexpat.so.1: passed through' "$logs/${isa}_expat_client,_pass-through.log"; then
		pass "$isa expat client really passed through"
	else
		fail "$isa expat client really passed through" "$logs/${isa}_expat_client,_pass-through.log"
	fi
done

echo "# two host thunks in one process: each binds to its own tables"
# /lib or /usr/lib: QEMU itself may have loaded the library already.
host_libdir=lib/$(gcc -print-multiarch)
for isa in x86_64 aarch64; do
	log=$logs/${isa}_two_libraries.log
	program=$build/guest-$isa/tests/e2e/two-libraries
	"$dlcall" run -v -- "$program" >"$log.out" 2>"$log"
	status=$?
	"$dlcall" run --emulate -- "$program" >"$log.emulated" 2>&1
	if [ "$status" -eq 0 ] && cmp -s "$log.out" "$log.emulated" &&
		grep -q "libz.so.1: passed through to the host's .*$host_libdir/libz.so.1" "$log" &&
		grep -q "libexpat.so.1: passed through to the host's .*$host_libdir/libexpat.so.1" "$log"; then
		pass "$isa zlib and expat in one program: each host thunk names its own real library"
	else
		fail "$isa zlib and expat in one program: each host thunk names its own real library" "$log"
	fi
done

# Debian's unmodified arm64 and amd64 programs.
. tests/debian-clients.sh

# OpenAL Soft, its sound through the wave backend.
. tests/openal.sh

# libvorbisfile: Debian's oggdec and our client.
. tests/vorbis.sh

# FreeType: Debian's ftlint and ftdump and our client.
. tests/fonts.sh

# X11 and GL under a private Xvfb.
. tests/x11.sh

# The libraries' own test programs, built for every guest ISA.
. tests/peer.sh

# Threads, signals, fork, exec, exit paths; Debian's pigz.
. tests/lifecycle.sh

# glibc's libm: the host's results, the guest's symbol versions.
. tests/libm.sh

# System-wide: the plugin alone, binfmt_misc, a foreign chroot, the package.
. tests/system-wide.sh

# Other QEMUs: dlcall run --qemu PATH.
. tests/qemu-versions.sh

# Another host ISA: the aarch64 host side, under a nested QEMU.
. tests/aarch64-host.sh

echo "# launcher: as many libraries as are installed"
# A copy of the launcher in a tree with 100 library directories: every one
# is listed, where a fixed table once stopped at 64 without a word.
many=$logs/many-libraries
rm -rf "$many"
mkdir -p "$many/bin" "$many/lib/dlcall/x86_64"
cp "$dlcall" "$many/bin/dlcall"
for i in $(seq 100); do mkdir "$many/lib/dlcall/x86_64/library$i"; done
listed=$("$many/bin/dlcall" list --arch x86_64 | wc -w)
if [ "$listed" -eq 101 ]; then
	pass "launcher lists all 100 of 100 libraries"
else
	fail "launcher lists all 100 of 100 libraries (saw $((listed - 1)))" /dev/null
fi

echo "# --trace and --summary: calls by library and function"
for isa in x86_64 aarch64; do
	client=$build/guest-$isa/tests/e2e/client
	log=$logs/${isa}_summary.log
	if "$dlcall" run --summary -- "$client" >"$log.out" 2>"$log" &&
		grep -q '^dlcall: summary: libdlcalltest.so.1 dt_sort 201$' "$log" &&
		grep -q '^dlcall: summary: libdlcalltest.so.1 dt_sum4 1$' "$log" &&
		! grep -q 'summary: ?' "$log"; then
		pass "$isa --summary counts each function's calls (dt_sort 201, dt_sum4 1)"
	else
		fail "$isa --summary counts each function's calls (dt_sort 201, dt_sum4 1)" "$log"
	fi
	log=$logs/${isa}_trace.log
	if "$dlcall" run --trace -- "$client" >"$log.out" 2>"$log" &&
		[ "$(grep -c '^dlcall: trace: libdlcalltest.so.1 dt_sort$' "$log")" -eq 201 ]; then
		pass "$isa --trace names every call (201 of dt_sort)"
	else
		fail "$isa --trace names every call (201 of dt_sort)" "$log"
	fi
done

echo "# launcher errors"
printf 'not an ELF file\n' >"$logs/not-elf"
chmod +x "$logs/not-elf"
one_line_error "launcher: not an ELF program" "not an ELF" \
	"$dlcall" run -- "$logs/not-elf"
# A 32-bit ELF header and one for a machine we do not support (PowerPC 64).
printf '\177ELF\001\001\001\000\000\000\000\000\000\000\000\000\002\000\003\000' \
	>"$logs/elf32"
one_line_error "launcher: 32-bit guest refused" "32-bit" \
	"$dlcall" run -- "$logs/elf32"
printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000\002\000\025\000' \
	>"$logs/ppc64"
one_line_error "launcher: unsupported guest ISA" "machine 21" \
	"$dlcall" run -- "$logs/ppc64"
one_line_error "launcher: unsupported --arch" "unsupported guest ISA" \
	"$dlcall" run --arch mips -- /bin/true
one_line_error "launcher: missing QEMU" "qemu-aarch64 not found" \
	env PATH=/nonexistent "$dlcall" run -- \
	"$build/guest-aarch64/tests/e2e/client"
one_line_error "launcher: unknown library" "no pass-through library 'nosuchlib'" \
	"$dlcall" run --lib nosuchlib -- /bin/true
one_line_error "launcher: missing program" "cannot open" \
	"$dlcall" run -- /nonexistent/program
one_line_error "launcher: no program" "no program" "$dlcall" run
one_line_error "launcher: bad --syscall-num" "syscall-num" \
	"$dlcall" run --syscall-num 12 -- /bin/true
if "$dlcall" run --help | grep -q 'not a sandbox'; then
	pass "launcher: --help states the trust model"
else
	fail "launcher: --help states the trust model"
fi

echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
