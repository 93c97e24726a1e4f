#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make bench, FreeType and HarfBuzz: Debian's programs on DejaVu Sans,
# natively (amd64), emulated and passed through (arm64 and amd64 builds),
# modes interleaved in each round:
#   ftbench TEST  microseconds per operation of FreeType's own benchmark
#                 (freetype2-demos), one pass over the font's 6,253 glyphs
#   ftlint        seconds for ftlint 24 (every glyph rendered and hashed)
#   hb-shape      seconds to shape the GPL's text ten times, line by line
# Writes bench/results/<date>-<host>-fonts.{json,md}: medians over ROUNDS
# runs and the ratios.
set -eu
build=$(cd "${1:-build}" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
dlcall=$build/bin/dlcall
rounds=${ROUNDS:-3}
stamp=$(date -u +%Y-%m-%d)
host=$(hostname -s 2>/dev/null || echo host)
out=$root/bench/results/$stamp-$host-fonts
raw=$build/bench-fonts.times
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
text=$build/bench-fonts.txt
mkdir -p "$root/bench/results"
for _ in 1 2 3 4 5 6 7 8 9 10; do cat /usr/share/common-licenses/GPL-3; done >"$text"
: >"$raw"
for arch in arm64 amd64; do
	sh "$root/scripts/fetch-clients.sh" "$build" "$arch" freetype2-demos libharfbuzz-bin
done
# ftbench's tests, by its letters: each a FreeType call or two per glyph.
tests="a b c d e f h j"

. "$root/bench/modes.sh"

# measure MODE ARCH: one run of each figure, "figure mode arch value".
measure() {
	launch=$(launcher "$1")
	bin=$build/clients/$2/usr/bin
	for test in $tests; do
		# shellcheck disable=SC2086
		$launch "$bin/ftbench" -c 1 -b "$test" "$font" 2>/dev/null |
			awk -v m="$1 $2" '/us\/op/ {
				name = $1; for (i = 2; $(i + 1) != "us/op"; i++) name = name $i
				gsub(/[()]/, "", name); print "ftbench-" name, m, $i }'
	done
	# shellcheck disable=SC2086
	echo "ftlint $1 $2 $(seconds $launch "$bin/ftlint" 24 "$font")"
	# shellcheck disable=SC2086
	echo "hb-shape $1 $2 $(seconds $launch "$bin/hb-shape" --text-file="$text" "$font")"
}

for round in $(seq "$rounds"); do
	measure native amd64 >>"$raw"
	for arch in arm64 amd64; do
		measure emulated "$arch" >>"$raw"
		measure pass-through "$arch" >>"$raw"
	done
	echo "bench: fonts, round $round of $rounds done" >&2
done
figures=$(awk '{ print $1 }' "$raw" | awk '!seen[$0]++')
for figure in $figures; do
	[ "$(grep -c "^$figure " "$raw")" = $((rounds * 5)) ] ||
		{ echo "bench: fonts $figure did not report in every mode" >&2; exit 1; }
done

. "$root/bench/summary.sh"
summarize %.3f

write_json "$out.json" figure \
	"\"freetype\": \"$(dpkg-query -W -f '${Version}\n' libfreetype6 | head -n 1)\", \"harfbuzz\": \"$(dpkg-query -W -f '${Version}\n' libharfbuzz0b | head -n 1)\", \"rounds\": $rounds," \
	"\"units\": \"ftbench-*: microseconds per operation; ftlint, hb-shape: seconds\","

{
	echo "# FreeType and HarfBuzz, $stamp on $host"
	echo
	echo "$(qemu-aarch64 --version | head -n 1); FreeType $(dpkg-query -W -f '${Version}\n' libfreetype6 | head -n 1)," \
		"HarfBuzz $(dpkg-query -W -f '${Version}\n' libharfbuzz0b | head -n 1); DejaVu Sans; $(nproc) cores;" \
		"median of $rounds rounds, modes interleaved."
	echo
	echo "Times (lower is better): as multiples of native, and emulation over pass-through."
	echo
	echo "| figure | guest | native (amd64) | emulated | pass-through | pass-through / native | emulated / pass-through |"
	echo "|---|---|---|---|---|---|---|"
	for figure in $figures; do
		native=$(figure "$figure" native amd64)
		for arch in arm64 amd64; do
			emulated=$(figure "$figure" emulated "$arch")
			pass=$(figure "$figure" pass-through "$arch")
			echo "| $figure | $arch | $native | $emulated | $pass | $(ratio "$pass" "$native") | $(ratio "$emulated" "$pass") |"
		done
	done
	echo
	echo "ftbench-* in microseconds per operation (FT_Load_Glyph, FT_Get_Advances, FT_Render_Glyph,"
	echo "FT_Get_Glyph, FT_Get_Char_Index, FT_Get_First/Next_Char over the charmap, FT_GlyphSlot_Embolden,"
	echo "FT_Outline_Get_BBox); ftlint and hb-shape in seconds, start-up included."
} >"$out.md"
echo "bench: wrote $out.md" >&2
