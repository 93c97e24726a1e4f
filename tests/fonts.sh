# SPDX-License-Identifier: GPL-2.0-or-later
# FreeType: Debian's ftlint and ftdump (freetype2-demos, arm64 and amd64)
# and our client (tests/fonts/ft_client.c, three ISAs), natively, emulated
# and passed through, on DejaVu Sans. Sourced by tests/run.sh after
# tests/debian-clients.sh (client_check); uses $build, $dlcall, $logs,
# $native.

echo "# FreeType: Debian's ftlint and ftdump, our client"
font_work=$logs/fonts
mkdir -p "$font_work"
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
for arch in arm64 amd64; do
	sh scripts/fetch-clients.sh "$build" "$arch" freetype2-demos ||
		fail "downloading Debian's freetype2-demos ($arch)"
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

# Our client: the program's allocator, stream, outline walkers, span
# functions, face requester and finalizers, all called back.
"$build/guest-x86_64/tests/fonts/ft-client" "$font" >"$font_work/native.txt" 2>&1
for isa in x86_64 aarch64 riscv64; do
	client_check "$isa ft-client passed through (its allocator, stream, outline and span callbacks, face requester, finalizers once each): report identical to native" \
		"$font_work/client-$isa.check" \
		'grep -qx "finalized after FT_Done_Face: face 1, sizes 2, slot 1" "$font_work/native.txt" &&
		grep -qx ok "$font_work/native.txt" &&
		"$dlcall" run -- "$build/guest-$isa/tests/fonts/ft-client" "$font" \
			>"$font_work/pass-$isa.txt" 2>&1 &&
		cmp "$font_work/native.txt" "$font_work/pass-$isa.txt"'
done
client_check "aarch64 ft-client emulated: the same report" \
	"$font_work/client-emulated.check" \
	'"$dlcall" run --emulate -- "$build/guest-aarch64/tests/fonts/ft-client" "$font" \
		>"$font_work/emulated.txt" 2>&1 &&
	cmp "$font_work/native.txt" "$font_work/emulated.txt"'
