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

# per_part N1_OBJECTS N2_OBJECTS PER: "part|count" lines, the difference
# between two runs per object file mapped to its part, divided by PER.
per_part() {
	while read -r object count; do
		echo "$(part "$object")|$count|$(awk -v o="$object" '$1 == o { print $2 }' "$2")"
	done <"$1" | awk -F'|' -v n="$3" '
		{ d[$1] += ($3 - $2) / n }
		END { for (p in d) printf "%s|%.0f\n", p, d[p] }'
}

# launch ISA MODE: the launcher's command line for MODE, under callgrind.
launch() {
	case $2 in
	native) echo "valgrind --tool=callgrind -q --callgrind-out-file=$CALLGRIND_OUT" ;;
	emulated) echo "$dlcall run --emulate --" ;;
	pass-through) echo "$dlcall run --" ;;
	syscall-path) echo "env DLCALL_FAST=off $dlcall run --" ;;
	esac
}

# measure ISA MODE KIND: "part|instructions-per-operation" lines.
measure() {
	for n in $n1 $n2; do
		CALLGRIND_OUT=$work/$1-$2-$3-$n.out
		CALLGRIND_OUT=$CALLGRIND_OUT DLCALL_QEMU=$work/qemu-$1 \
			$(launch "$1" "$2") \
			"$build/guest-$1/bench/callcost" "$3" "$n" >/dev/null
		per_object "$CALLGRIND_OUT" >"$work/$n.objects"
	done
	per_part "$work/$n1.objects" "$work/$n2.objects" $((n2 - n1))
}

# measure_xmlwf ISA MODE: "part|instructions-per-MiB" lines: xmlwf -d of
# 1 and 2 MiB documents, the difference (start-up and exit cancel).
measure_xmlwf() {
	clients=$build/clients/$([ "$1" = aarch64 ] && echo arm64 || echo amd64)
	for mib in 1 2; do
		CALLGRIND_OUT=$work/xmlwf-$1-$2-$mib.out
		rm -rf "$work/xmlwf-out" && mkdir "$work/xmlwf-out"
		CALLGRIND_OUT=$CALLGRIND_OUT DLCALL_QEMU=$work/qemu-$1 \
			$(launch "$1" "$2") "$clients/usr/bin/xmlwf" -d "$work/xmlwf-out" \
			"$work/input-$mib.xml"
		per_object "$CALLGRIND_OUT" >"$work/$mib.objects"
	done
	per_part "$work/1.objects" "$work/2.objects" 1
}

# row LABEL SCALE: a table row of the parts in $work/parts, each divided
# by SCALE; the total last.
parts="guest code|QEMU|plugin|host runtime|host thunk|library"
row() {
	awk -F'|' -v label="$1" -v scale="$2" -v parts="$parts" '
		{ value[$1] = $2 + 0 > 0 ? $2 : 0 }
		END {
			n = split(parts, name, "|")
			line = label
			for (i = 1; i <= n; i++) {
				line = line sprintf(" %.0f |", value[name[i]] / scale)
				total += value[name[i]]
			}
			printf "%s %.0f |\n", line, total / scale
		}' "$work/parts"
}

{
	echo "# Where a call's time goes, $stamp on $host"
	echo
	echo "Instructions per operation (callgrind, user space only), from runs of $n1 and $n2 operations;"
	echo "$(qemu-x86_64 --version | head -n 1). Pass-through takes the fast path (a marker the plugin"
	echo "instruments, docs/design.md); the syscall path is the same call with DLCALL_FAST=off."
	echo
	echo "| guest | operation | guest code | QEMU | plugin | host runtime | host thunk | library | total |"
	echo "|---|---|---|---|---|---|---|---|---|"
} >"$out.md"
for isa in x86_64 aarch64; do
	for figure in "emulated nothing" "pass-through syscall" "syscall-path nothing" \
		"pass-through nothing" "syscall-path callback" "pass-through callback"; do
		set -- $figure
		measure "$isa" "$1" "$2" >"$work/parts"
		row "| $isa | $2, $1 |" 1 >>"$out.md"
		echo "bench: breakdown $isa $figure done" >&2
	done
done
{
	echo
	echo "syscall: the bare magic syscall; nothing: a pass-through call of a no-op (emulated: the guest's own no-op);"
	echo "callback: one host-to-guest callback round trip. Pass-through nothing minus syscall is the cost dlcall adds."
} >>"$out.md"

# xmlwf: a callback per parse event, each handler the program's own code
# (emulated) writing through the guest's C library.
sh "$root/scripts/fetch-clients.sh" "$build" arm64 expat >/dev/null
sh "$root/scripts/fetch-clients.sh" "$build" amd64 expat >/dev/null
for mib in 1 2; do
	sh "$root/scripts/make-xml.sh" "$work/input-$mib.xml" $mib
done
{
	echo
	echo "## xmlwf -d, millions of instructions per MiB of XML"
	echo
	echo "From runs on 1 and 2 MiB documents (scripts/make-xml.sh). Native: Debian's amd64 xmlwf on the host."
	echo
	echo "| guest | mode | guest code | QEMU | plugin | host runtime | host thunk | library | total |"
	echo "|---|---|---|---|---|---|---|---|---|"
} >>"$out.md"
measure_xmlwf x86_64 native >"$work/parts"
awk -F'|' '{ t += $2 } END { print "library|" t }' "$work/parts" >"$work/native"
mv "$work/native" "$work/parts"
row "| amd64 | native |" 1000000 >>"$out.md"
for isa in aarch64 x86_64; do
	for mode in emulated syscall-path pass-through; do
		measure_xmlwf "$isa" "$mode" >"$work/parts"
		row "| $([ $isa = aarch64 ] && echo arm64 || echo amd64) | $mode |" 1000000 >>"$out.md"
		echo "bench: breakdown xmlwf $isa $mode done" >&2
	done
done
{
	echo
	echo "guest code and QEMU: the program's handlers and the guest's C library, emulated; plugin, host runtime"
	echo "and host thunk: the transport; library: libexpat (native: everything)."
} >>"$out.md"
cat "$out.md"
echo "bench: wrote $out.md" >&2
