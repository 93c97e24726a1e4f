#!/bin/sh
# make demo: an aarch64 program whose library calls run natively.
#
# Until the zlib thunks land (see docs/status.md), the demo runs the
# project's own aarch64 client of libdlcalltest.so.1 under plain emulation
# and with pass-through, and a call-heavy aarch64 benchmark both ways,
# printing the times and ratios.
set -eu
build=$(cd "${1:-build}" && pwd)
dlcall=$build/bin/dlcall
client=$build/guest-aarch64/tests/e2e/client
bench=$build/guest-aarch64/bench/callcost

seconds() { # command... ; prints wall seconds, output discarded
	start=$(date +%s.%N)
	"$@" >/dev/null 2>&1 || { echo "dlcall demo: '$*' failed" >&2; exit 1; }
	end=$(date +%s.%N)
	echo "$start $end" | awk '{ printf "%.3f", $2 - $1 }'
}

echo "dlcall demo: aarch64 guest on $(uname -m), $(qemu-aarch64 --version | head -n 1)"
echo
echo "1. The aarch64 test client, passed through (its checks, abridged):"
"$dlcall" run -v -- "$client" 2>&1 | grep -E 'dlcall: lib|nest|qsort|threads|1\.\.' | sed 's/^/   /'
echo
emulated=$(seconds "$dlcall" run --emulate -- "$client")
passed=$(seconds "$dlcall" run -- "$client")
echo "2. Whole client: emulated ${emulated}s, pass-through ${passed}s"
echo
echo "3. Per-call cost (ns), aarch64 guest:"
for kind in nothing callback; do
	e=$("$dlcall" run --emulate -- "$bench" "$kind" 200000)
	p=$("$dlcall" run -- "$bench" "$kind" 200000)
	echo "   $kind: emulated $e, pass-through $p"
done
echo
echo "Pass-through pays one magic syscall per call (~100 ns under QEMU 7.2);"
echo "it wins when the library does real work per call (compression,"
echo "parsing, rendering). The zlib demo on Debian's arm64 minizip comes"
echo "with the zlib thunks; see docs/status.md."
