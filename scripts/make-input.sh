#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Writes a deterministic text file of at least SIZE MiB (default 64) to
# PATH: the same bytes on every run, compressible like real text.
set -eu
path=$1
size_mib=${2:-64}
[ -f "$path" ] && [ "$(stat -c %s "$path")" -ge $((size_mib * 1048576)) ] && exit 0
awk -v bytes=$((size_mib * 1048576)) 'BEGIN {
	split("the of and to in is that for it as with was on be by at this " \
	      "from or an are not have which but one all were when there can " \
	      "compression library native emulation guest host call stream", w, " ")
	n = length(w); seed = 12345; total = 0
	while (total < bytes) {
		line = ""
		for (i = 0; i < 12; i++) {
			seed = (seed * 1103515245 + 12345) % 2147483648
			line = line w[int(seed / 65536) % n + 1] " "
		}
		line = line int(seed / 7) "\n"
		printf "%s", line
		total += length(line)
	}
}' >"$path"
