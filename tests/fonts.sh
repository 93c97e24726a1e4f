# SPDX-License-Identifier: GPL-2.0-or-later
# FreeType and HarfBuzz: Debian's ftlint and ftdump (freetype2-demos),
# hb-shape, hb-subset and hb-ot-shape-closure (libharfbuzz-bin), arm64 and
# amd64, and our clients (tests/fonts/ft_client.c, hb_client.c, three
# ISAs), natively, emulated and passed through, on DejaVu Sans. Sourced
# by tests/run.sh after
# tests/debian-clients.sh (client_check); uses $build, $dlcall, $logs,
# $native.

echo "# FreeType and HarfBuzz: Debian's ftlint, ftdump, hb-shape, hb-subset, our clients"
font_work=$logs/fonts
mkdir -p "$font_work"
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
for arch in arm64 amd64; do
	sh scripts/fetch-clients.sh "$build" "$arch" freetype2-demos libharfbuzz-bin ||
		fail "downloading Debian's freetype2-demos and libharfbuzz-bin ($arch)"
done

# ftlint renders every glyph (6,253) and prints each bitmap's MD5: in
# grey at 24 ppem, in black and white at 11, LCD-filtered at 16.
for form in "24" "-r 2 11" "-r 3 16"; do
	tag=$(echo "ftlint $form" | tr -d ' -')
	# shellcheck disable=SC2086
	"$native/usr/bin/ftlint" $form "$font" >"$font_work/native-$tag.out" 2>&1
	for arch in arm64 amd64; do
		client_check "$arch ftlint $form passed through: every glyph's MD5 as native" \
			"$font_work/$arch-$tag.check" \
			'"$dlcall" run -v -- "$build/clients/$arch/usr/bin/ftlint" $form "$font" \
				>"$font_work/pass-$arch-$tag.out" 2>"$font_work/pass-$arch-$tag.err" &&
			grep -q "libfreetype.so.6: passed through" "$font_work/pass-$arch-$tag.err" &&
			test "$(grep -c "^ *[0-9]* .*[0-9A-F]\{32\}$" "$font_work/native-$tag.out")" -gt 6000 &&
			cmp "$font_work/native-$tag.out" "$font_work/pass-$arch-$tag.out"'
	done
done

# ftdump: names, charmap coverage, the table list and every TrueType
# program; and a file that is no font (its error and status).
printf 'not a font\n' >"$font_work/text.ttf"
for input in "$font" "$font_work/text.ttf"; do
	tag=$(basename "$input" .ttf)
	"$native/usr/bin/ftdump" -n -c -t -p "$input" >"$font_work/native-ftdump-$tag.out" 2>&1
	echo $? >"$font_work/native-ftdump-$tag.status"
	for arch in arm64 amd64; do
		client_check "$arch ftdump of $tag passed through: output and status as native" \
			"$font_work/$arch-ftdump-$tag.check" \
			'"$dlcall" run -- "$build/clients/$arch/usr/bin/ftdump" -n -c -t -p "$input" \
				>"$font_work/pass-$arch-ftdump-$tag.out" 2>&1
			test "$?" = "$(cat "$font_work/native-ftdump-$tag.status")" &&
			grep -q "^font type entries\|unknown file format" "$font_work/native-ftdump-$tag.out" &&
			cmp "$font_work/native-ftdump-$tag.out" "$font_work/pass-$arch-ftdump-$tag.out"'
	done
done

# fonts_client PROGRAM DESCRIPTION LINE: our client PROGRAM
# (tests/fonts/) passed through on three ISAs and emulated on aarch64,
# each report identical to native's, which has LINE and ends "ok".
fonts_client() {
	program=$1
	description=$2
	expected=$3
	"$build/guest-x86_64/tests/fonts/$program" "$font" >"$font_work/$program-native.txt" 2>&1
	for isa in x86_64 aarch64 riscv64; do
		client_check "$isa $program passed through ($description): report identical to native" \
			"$font_work/$program-$isa.check" \
			'grep -qx "$expected" "$font_work/$program-native.txt" &&
			grep -qx ok "$font_work/$program-native.txt" &&
			"$dlcall" run -- "$build/guest-$isa/tests/fonts/$program" "$font" \
				>"$font_work/$program-pass-$isa.txt" 2>&1 &&
			cmp "$font_work/$program-native.txt" "$font_work/$program-pass-$isa.txt"'
	done
	client_check "aarch64 $program emulated: the same report" \
		"$font_work/$program-emulated.check" \
		'"$dlcall" run --emulate -- "$build/guest-aarch64/tests/fonts/$program" "$font" \
			>"$font_work/$program-emulated.txt" 2>&1 &&
		cmp "$font_work/$program-native.txt" "$font_work/$program-emulated.txt"'
}

# Our FreeType client: the program's allocator, stream, outline walkers,
# span functions, face requester and finalizers, all called back.
fonts_client ft-client "its allocator, stream, outline and span callbacks, face requester, finalizers once each" \
	"finalized after FT_Done_Face: face 1, sizes 2, slot 1"

# hb-shape: Latin with kerning and ligatures and Arabic, with HarfBuzz's
# own font functions and FreeType's, in text and JSON.
text="مرحبا بالعالم: Pass-through AVAWAY, fi ffl."
for form in "" "--font-funcs=ft --show-extents --cluster-level=1" \
	"--features=-kern,+liga --direction=rtl --script=arab" \
	"--output-format=json --show-flags --font-size=36"; do
	tag=$(echo "hbshape$form" | tr -cd 'a-z0-9')
	# shellcheck disable=SC2086
	"$native/usr/bin/hb-shape" $form "$font" "$text" >"$font_work/native-$tag.out" 2>&1
	for arch in arm64 amd64; do
		client_check "$arch hb-shape ${form:+$form }passed through: glyphs and positions as native" \
			"$font_work/$arch-$tag.check" \
			'"$dlcall" run -v -- "$build/clients/$arch/usr/bin/hb-shape" $form "$font" "$text" \
				>"$font_work/pass-$arch-$tag.out" 2>"$font_work/pass-$arch-$tag.err" &&
			grep -q "libharfbuzz.so.0: passed through" "$font_work/pass-$arch-$tag.err" &&
			grep -q "uniFE[0-9A-F][0-9A-F]" "$font_work/native-$tag.out" &&
			cmp "$font_work/native-$tag.out" "$font_work/pass-$arch-$tag.out"'
	done
done

# hb-subset writes the subset font from the subsetter's blob; and
# hb-ot-shape-closure.
"$native/usr/bin/hb-subset" --font-file="$font" --text="dlcall passes" \
	--output-file="$font_work/native-subset.ttf" >"$font_work/native-subset.err" 2>&1
"$native/usr/bin/hb-ot-shape-closure" "$font" "fi ffl AV" >"$font_work/native-closure.out" 2>&1
for arch in arm64 amd64; do
	client_check "$arch hb-subset passed through: the subset font byte for byte native's" \
		"$font_work/$arch-subset.check" \
		'"$dlcall" run -v -- "$build/clients/$arch/usr/bin/hb-subset" --font-file="$font" \
			--text="dlcall passes" --output-file="$font_work/pass-$arch-subset.ttf" \
			2>"$font_work/pass-$arch-subset.err" &&
		grep -q "libharfbuzz-subset.so.0: passed through" "$font_work/pass-$arch-subset.err" &&
		test "$(wc -c <"$font_work/native-subset.ttf")" -gt 1000 &&
		cmp "$font_work/native-subset.ttf" "$font_work/pass-$arch-subset.ttf"'
	client_check "$arch hb-ot-shape-closure passed through: the glyph set as native" \
		"$font_work/$arch-closure.check" \
		'"$dlcall" run -- "$build/clients/$arch/usr/bin/hb-ot-shape-closure" "$font" "fi ffl AV" \
			>"$font_work/pass-$arch-closure.out" 2>&1 &&
		grep -q uniFB04 "$font_work/native-closure.out" &&
		cmp "$font_work/native-closure.out" "$font_work/pass-$arch-closure.out"'
done

# Our HarfBuzz client: FreeType's face, the program's font functions
# (calling FreeType from inside), tables and message function.
fonts_client hb-client "hb_ft, the program's font functions, tables, messages, destroy callbacks" \
	"cached face: found again yes, finalizer set yes"
