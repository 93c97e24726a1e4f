#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make bench: per-call costs, measured side by side in one run.
#
# Every figure is run ROUNDS times, one process per measurement, with the
# kinds and modes interleaved inside each round so that machine drift
# touches all of them alike. Writes bench/results/<date>-<host>.json and
# .md (median, min, max in ns per operation, plus the ratios).
set -eu
build=$(cd "${1:-build}" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
dlcall=$build/bin/dlcall
# Per-call figures are ~100 ns, so a round costs little: 11 rounds of
# 500,000 operations (a tenth of a second each) keep the median steady to
# about 1 ns on a noisy 2-core VM, where 5 of 200,000 drifted by 3-4 ns.
rounds=${ROUNDS:-11}
iterations=${ITERATIONS:-500000}
stamp=$(date -u +%Y-%m-%d)
host=$(hostname -s 2>/dev/null || echo host)
out=$root/bench/results/$stamp-$host
raw=$(mktemp)
mkdir -p "$root/bench/results"

# measure ISA MODE KIND: ns per operation. crc32-64 and crc32-64k are
# zlib's crc32() of 64 bytes and 64 KiB (a hundredth of the iterations);
# thread-callback a hundredth too (a hand-over between threads each).
measure() {
	case $3 in
	crc32-64) set -- "$1" "$2" "$build/guest-$1/bench/zlibcost" 64 "$iterations" ;;
	crc32-64k) set -- "$1" "$2" "$build/guest-$1/bench/zlibcost" 65536 $((iterations / 100)) ;;
	thread-callback) set -- "$1" "$2" "$build/guest-$1/bench/callcost" "$3" $((iterations / 100)) ;;
	sin | exp | pow | log) set -- "$1" "$2" "$build/guest-$1/bench/libmcost" "$3" "$iterations" ;;
	*) set -- "$1" "$2" "$build/guest-$1/bench/callcost" "$3" "$iterations" ;;
	esac
	isa=$1
	mode=$2
	shift 2
	case $mode in
	native) "$@" 2>/dev/null ;;
	emulated) "$dlcall" run --emulate -- "$@" 2>/dev/null ;;
	pass-through) "$dlcall" run -- "$@" 2>/dev/null ;;
	syscall-path) DLCALL_FAST=off "$dlcall" run -- "$@" 2>/dev/null ;;
	esac
}
kinds="syscall invoke nothing add callback thread-callback crc32-64 crc32-64k sin exp pow log"

for round in $(seq "$rounds"); do
	for isa in x86_64 aarch64 riscv64; do
		for kind in $kinds; do
			[ -x "$build/guest-$isa/bench/zlibcost" ] ||
				case $kind in crc32*) continue ;; esac
			modes="emulated pass-through"
			[ "$isa" = x86_64 ] && modes="native $modes"
			case $kind in
			invoke) modes=pass-through ;;
			syscall | thread-callback) ;;
			*) modes="$modes syscall-path" ;;
			esac
			for mode in $modes; do
				value=$(measure "$isa" "$mode" "$kind") || {
					echo "bench: callcost $kind failed ($isa, $mode)" >&2
					exit 1
				}
				echo "$isa $mode $kind $value" >>"$raw"
			done
		done
	done
	echo "bench: round $round of $rounds done" >&2
done

# Median, min and max of each figure.
. "$root/bench/summary.sh"
summarize %.1f

qemu_version=$(qemu-x86_64 --version | head -n 1)
{
	echo "{"
	echo "  \"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\","
	echo "  \"host\": \"$host\","
	echo "  \"cpu\": \"$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)\","
	echo "  \"cores\": $(nproc),"
	echo "  \"kernel\": \"$(uname -r)\","
	echo "  \"qemu\": \"$qemu_version\","
	echo "  \"compiler\": \"$(cc --version | head -n 1)\","
	echo "  \"rounds\": $rounds, \"iterations\": $iterations, \"unit\": \"ns per operation\","
	echo "  \"figures\": ["
	echo "$summary" | awk '{ printf "%s    {\"isa\": \"%s\", \"mode\": \"%s\", \"kind\": \"%s\", \"median\": %s, \"min\": %s, \"max\": %s}", (NR > 1 ? ",\n" : ""), $1, $2, $3, $4, $5, $6 } END { print "" }'
	echo "  ]"
	echo "}"
} >"$out.json"

{
	echo "# Call costs, $stamp on $host"
	echo
	echo "$qemu_version; $(nproc) cores; median of $rounds runs of $iterations operations; ns per operation."
	echo
	echo "| guest | operation | native | emulated | pass-through, syscall path | pass-through | pass-through / syscall path | pass-through / bare magic syscall | emulated / pass-through |"
	echo "|---|---|---|---|---|---|---|---|---|"
	for isa in x86_64 aarch64 riscv64; do
		bare=$(figure "$isa" pass-through syscall)
		for kind in $kinds; do
			pass=$(figure "$isa" pass-through "$kind")
			[ -n "$pass" ] || continue
			emulated=$(figure "$isa" emulated "$kind")
			slow=$(figure "$isa" syscall-path "$kind")
			echo "| $isa | $kind | $(figure "$isa" native "$kind") | $emulated | $slow | $pass | $(ratio "$pass" "$slow") | $(ratio "$pass" "$bare") | $(ratio "$emulated" "$pass") |"
		done
	done
	echo
	echo "syscall: the bare magic syscall (an operation the plugin rejects at once); invoke: bare INVOKE_PROC of the host"
	echo "thunk of a no-op, bypassing both runtimes; nothing: whole pass-through call of a no-op; add: int add(int, int);"
	echo "callback: one host-to-guest callback round trip; thread-callback: the same from a thread the library started"
	echo "(passed through, a callback server runs it: a hand-over between threads each way); crc32-64, crc32-64k: zlib's"
	echo "crc32() of 64 bytes and of 64 KiB; sin, exp, pow, log: glibc's libm, one call each (bench/libmcost.c). Pass-through takes the fast path (a marker the plugin instruments, docs/design.md)"
	echo "where it may; the syscall path is the same call with DLCALL_FAST=off."
	echo "Targets (issue 5): nothing ≤ 1.15 and callback ≤ 3 times the"
	echo "bare magic syscall."
} >"$out.md"
rm -f "$raw"
cat "$out.md"
echo "bench: wrote $out.json and $out.md" >&2
