#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make fuzz: builds the fuzz targets with clang and libFuzzer (in
# BUILD/fuzz) and runs each for FUZZ_SECONDS (default 120), starting from
# the seed corpus in tests/fuzz/corpus/TARGET. A crash stops with the
# input saved under BUILD/fuzz/findings/; once fixed, copy that input into
# tests/fuzz/corpus/TARGET/ so that make check replays it from then on.
set -eu
build=$(cd "${1:-build}" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${FUZZ_SECONDS:-120}
dir=$build/fuzz
findings=$dir/findings
if [ ! -f "$dir/build.ninja" ]; then
	CC=clang-14 meson setup -Drole=fuzz "$dir" "$root" >/dev/null
fi
ninja --quiet -C "$dir"
mkdir -p "$findings"
for target in plugin spec; do
	corpus=$dir/corpus-$target
	mkdir -p "$corpus"
	echo "fuzz: $target for $seconds s" >&2
	touch "$dir/$target.log.start"
	if ! (cd "$dir" && "./tests/fuzz/$target-fuzz" -max_total_time="$seconds" \
		-print_final_stats=1 -artifact_prefix="$findings/$target-" \
		"$corpus" "$root/tests/fuzz/corpus/$target" \
		>"$dir/$target.log" 2>&1); then
		tail -n 30 "$dir/$target.log" >&2
		echo "fuzz: $target failed; inputs that crashed (none if it exited):" \
			"$(find "$findings" -name "$target-*" -newer "$dir/$target.log.start")" >&2
		exit 1
	fi
	grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$dir/$target.log" |
		sed "s/^/fuzz: $target: /" >&2
	echo "fuzz: $target: $(ls "$corpus" | wc -l) inputs in the corpus, no crash" >&2
done
