#!/bin/sh
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
rounds=${ROUNDS:-5}
iterations=${ITERATIONS:-200000}
stamp=$(date -u +%Y-%m-%d)
host=$(hostname -s 2>/dev/null || echo host)
out=$root/bench/results/$stamp-$host
raw=$(mktemp)
mkdir -p "$root/bench/results"

measure() { # isa mode kind
	client=$build/guest-$1/bench/callcost
	case $2 in
	native) "$client" "$3" "$iterations" ;;
	emulated) "$dlcall" run --emulate -- "$client" "$3" "$iterations" ;;
	pass-through) "$dlcall" run -- "$client" "$3" "$iterations" ;;
	esac
}

for round in $(seq "$rounds"); do
	for isa in x86_64 aarch64 riscv64; do
		for kind in syscall invoke nothing add callback; do
			modes="emulated pass-through"
			[ "$isa" = x86_64 ] && modes="native $modes"
			[ "$kind" = invoke ] && modes=pass-through
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
	echo "| guest | operation | native | emulated | pass-through | pass-through / bare magic syscall |"
	echo "|---|---|---|---|---|---|"
	for isa in x86_64 aarch64 riscv64; do
		bare=$(figure "$isa" pass-through syscall)
		for kind in syscall invoke nothing add callback; do
			pass=$(figure "$isa" pass-through "$kind")
			echo "| $isa | $kind | $(figure "$isa" native "$kind") | $(figure "$isa" emulated "$kind") | $pass | $(ratio "$pass" "$bare") |"
		done
	done
	echo
	echo "syscall: the bare magic syscall (an operation the plugin rejects at once); invoke: bare INVOKE_PROC of the host"
	echo "thunk of a no-op, bypassing both runtimes; nothing: whole pass-through call of a no-op; add: int add(int, int);"
	echo "callback: one host-to-guest callback round trip. Targets (issue 5): nothing ≤ 1.15 and callback ≤ 3 times the"
	echo "bare magic syscall."
} >"$out.md"
rm -f "$raw"
cat "$out.md"
echo "bench: wrote $out.json and $out.md" >&2
