#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make bench, third part: where a pass-through call's time goes, measured
# as instructions per call with valgrind's callgrind (wall time is too
# noisy for parts of ~100 ns, and the machine has no hardware counters).
#
# Each figure runs callcost twice under callgrind, with N1 and N2
# operations; the difference per operation, per object file, cancels
# start-up and exit. Object files map to the parts of a call:
#   guest code        QEMU's translated guest code (the thunk, the packing)
#   QEMU              qemu-<isa>, GLib and the C library QEMU calls: the
#                     syscall path, translation-block lookups
#   plugin            libdlcall.so's syscall callback
#   host runtime      libdlcall-host.so (coroutine, errno) and libffi
#                     (the closures that call guest functions)
#   host thunk        lib<name>-host.so (unpacking)
#   library           the real host library
# The kernel's own syscall entry is not counted (callgrind sees user
# space only); the bare magic syscall includes it in wall time.
set -eu
build=$(cd "${1:-build}" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
dlcall=$build/bin/dlcall
n1=${BREAKDOWN_N1:-5000}
n2=${BREAKDOWN_N2:-25000}
stamp=$(date -u +%Y-%m-%d)
host=$(hostname -s 2>/dev/null || echo host)
out=$root/bench/results/$stamp-$host-breakdown
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v valgrind >/dev/null || {
	echo "bench: valgrind is missing (make deps installs it)" >&2
	exit 1
}

# A QEMU wrapper for the launcher (DLCALL_QEMU): callgrind around qemu.
for isa in x86_64 aarch64; do
	cat >"$work/qemu-$isa" <<EOF
#!/bin/sh
exec valgrind --tool=callgrind --smc-check=all -q \
	--callgrind-out-file="\$CALLGRIND_OUT" qemu-$isa "\$@"
EOF
	chmod +x "$work/qemu-$isa"
done

# Instructions per object file: "object count" lines.
per_object() {
	callgrind_annotate --threshold=100 "$1" 2>/dev/null | awk '
		/^ *[0-9,]+ \(/ && /\]$/ {
			count = $1; gsub(",", "", count)
			object = $0; sub(/.*\[/, "", object); sub(/\]$/, "", object)
			sum[object] += count
		}
		END { for (o in sum) print o, sum[o] }'
}

part() {
	case $1 in
	\?\?\?) echo "guest code" ;;
	*/qemu-* | *libglib* | *libc.so* | *libm.so* | *ld-linux*) echo QEMU ;;
	*/plugin/libdlcall.so) echo plugin ;;
	*/libdlcall-host.so | *libffi*) echo "host runtime" ;;
	*-host.so) echo "host thunk" ;;
	*) echo library ;;
	esac
}

# measure ISA MODE KIND: "part instructions-per-operation" lines.
measure() {
	mode_option=""
	[ "$2" = emulated ] && mode_option=--emulate
	for n in $n1 $n2; do
		CALLGRIND_OUT=$work/$1-$2-$3-$n.out DLCALL_QEMU=$work/qemu-$1 \
			"$dlcall" run $mode_option -- \
			"$build/guest-$1/bench/callcost" "$3" "$n" >/dev/null
		per_object "$work/$1-$2-$3-$n.out" >"$work/$n.objects"
	done
	while read -r object count; do
		echo "$(part "$object")|$count|$(awk -v o="$object" '$1 == o { print $2 }' "$work/$n2.objects")"
	done <"$work/$n1.objects" | awk -F'|' -v n=$((n2 - n1)) '
		{ d[$1] += ($3 - $2) / n }
		END { for (p in d) printf "%s|%.0f\n", p, d[p] }'
}

parts="guest code|QEMU|plugin|host runtime|host thunk|library"
{
	echo "# Where a call's time goes, $stamp on $host"
	echo
	echo "Instructions per operation (callgrind, user space only), from runs of $n1 and $n2 operations;"
	echo "$(qemu-x86_64 --version | head -n 1)."
	echo
	echo "| guest | operation | guest code | QEMU | plugin | host runtime | host thunk | library | total |"
	echo "|---|---|---|---|---|---|---|---|---|"
} >"$out.md"
for isa in x86_64 aarch64; do
	for figure in "emulated nothing" "pass-through syscall" "pass-through nothing" "pass-through callback"; do
		set -- $figure
		measure "$isa" "$1" "$2" >"$work/parts"
		row="| $isa | $2, $1 |"
		total=0
		old_ifs=$IFS
		IFS='|'
		for p in $parts; do
			value=$(awk -F'|' -v p="$p" '$1 == p { print $2 }' "$work/parts")
			value=$((${value:-0}))
			[ "$value" -lt 0 ] && value=0
			row="$row $value |"
			total=$((total + value))
		done
		IFS=$old_ifs
		echo "$row $total |" >>"$out.md"
		echo "bench: breakdown $isa $figure done" >&2
	done
done
{
	echo
	echo "syscall: the bare magic syscall; nothing: a pass-through call of a no-op (emulated: the guest's own no-op);"
	echo "callback: one host-to-guest callback round trip. Pass-through nothing minus syscall is the cost dlcall adds."
} >>"$out.md"
cat "$out.md"
echo "bench: wrote $out.md" >&2
