#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make demo: Debian's unmodified arm64 minizip compressing 64 MiB, run
# natively (Debian's amd64 build), under plain emulation, and with zlib
# passed through to the host; prints the times and ratios and checks that
# the three archives agree.
set -eu
build=$(cd "${1:-build}" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
dlcall=$build/bin/dlcall
work=$build/demo
mkdir -p "$work"
sh "$root/scripts/fetch-clients.sh" "$build" arm64 minizip libminizip1
sh "$root/scripts/fetch-clients.sh" "$build" amd64 minizip libminizip1
sh "$root/scripts/make-input.sh" "$work/input.txt" 64

arm64=$build/clients/arm64
amd64=$build/clients/amd64
cd "$work"

seconds() { # name, command... ; runs it, prints wall seconds
	name=$1
	shift
	start=$(date +%s.%N)
	"$@" >"$work/$name.log" 2>&1 ||
		{ echo "dlcall demo: $name run failed:" >&2; cat "$work/$name.log" >&2; exit 1; }
	end=$(date +%s.%N)
	echo "$start $end" | awk '{ printf "%.2f", $2 - $1 }'
}

echo "dlcall demo: Debian arm64 minizip -9 on 64 MiB of text"
echo "host: $(uname -m), $(nproc) cores; $(qemu-aarch64 --version | head -n 1)"
native=$(LD_LIBRARY_PATH=$amd64/usr/lib/x86_64-linux-gnu \
	seconds native "$amd64/usr/bin/minizip" -o -9 native.zip input.txt)
emulated=$(LD_LIBRARY_PATH=$arm64/usr/lib/aarch64-linux-gnu \
	seconds emulated "$dlcall" run --emulate -- "$arm64/usr/bin/minizip" -o -9 emulated.zip input.txt)
passed=$(LD_LIBRARY_PATH=$arm64/usr/lib/aarch64-linux-gnu \
	seconds pass-through "$dlcall" run -v -- "$arm64/usr/bin/minizip" -o -9 passthrough.zip input.txt)
grep -q 'libz.so.1: passed through' "$work/pass-through.log" ||
	{ echo "dlcall demo: zlib was not passed through" >&2; exit 1; }

echo
printf '  native (amd64 build)      %6s s\n' "$native"
printf '  plain emulation (arm64)   %6s s\n' "$emulated"
printf '  pass-through (arm64)      %6s s\n' "$passed"
echo
awk -v n="$native" -v e="$emulated" -v p="$passed" 'BEGIN {
	printf "  pass-through / native:    %.2f\n", p / n
	printf "  emulation / pass-through: %.2f\n", e / p }'
if cmp -s emulated.zip passthrough.zip && cmp -s native.zip passthrough.zip; then
	echo "  the three archives are byte-identical ($(stat -c %s passthrough.zip) bytes)"
else
	echo "dlcall demo: the archives differ" >&2
	exit 1
fi
