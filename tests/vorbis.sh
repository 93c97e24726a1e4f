# SPDX-License-Identifier: GPL-2.0-or-later
# libvorbisfile and libogg: Debian's oggdec and ogginfo (vorbis-tools,
# arm64 and amd64) and our client (tests/audio/vorbis_client.c, three
# ISAs), natively, emulated and passed through. The input is made natively by Debian's oggenc from raw
# samples (the test text read as 16-bit stereo). Sourced by tests/run.sh
# after tests/debian-clients.sh (client_check); uses $build, $dlcall,
# $logs, $client_work.

echo "# libvorbisfile and libogg: Debian's oggdec and ogginfo, our client"
vorbis_work=$logs/vorbis
mkdir -p "$vorbis_work"
for arch in arm64 amd64; do
	sh scripts/fetch-clients.sh "$build" "$arch" vorbis-tools ||
		fail "downloading Debian's vorbis-tools ($arch)"
done
"$native/usr/bin/oggenc" -Q -r -c TITLE=dlcall -c ARTIST=tests \
	-o "$vorbis_work/in.ogg" "$client_work/input.txt" 2>"$vorbis_work/oggenc.err"
head -c 3000 "$vorbis_work/in.ogg" >"$vorbis_work/cut.ogg"
echo "not an Ogg file" >"$vorbis_work/text.ogg"

# Every output form: WAV, raw 8-bit unsigned, raw 16-bit big-endian.
for form in "" "-R -b 8 -s 0" "-R -e 1"; do
	tag=$(echo "wav$form" | tr -d ' -')
	# shellcheck disable=SC2086
	"$native/usr/bin/oggdec" -Q $form -o - "$vorbis_work/in.ogg" \
		>"$vorbis_work/native-$tag.out" 2>&1
	for arch in arm64 amd64; do
		client_check "$arch oggdec ${form:+$form }passed through: the decoded bytes identical to native" \
			"$vorbis_work/$arch-$tag.check" \
			'"$dlcall" run -v -- "$build/clients/$arch/usr/bin/oggdec" -Q $form \
				-o - "$vorbis_work/in.ogg" >"$vorbis_work/pass-$arch-$tag.out" \
				2>"$vorbis_work/pass-$arch-$tag.err" &&
			grep -q "libvorbisfile.so.3: passed through" "$vorbis_work/pass-$arch-$tag.err" &&
			test "$(wc -c <"$vorbis_work/native-$tag.out")" -gt 500000 &&
			cmp "$vorbis_work/native-$tag.out" "$vorbis_work/pass-$arch-$tag.out"'
	done
done
for arch in arm64 amd64; do
	for bad in cut text; do
		client_check "$arch oggdec of a $bad file passed through: its error and status as native" \
			"$vorbis_work/$arch-$bad.check" \
			'"$native/usr/bin/oggdec" -Q -o /dev/null "$vorbis_work/$bad.ogg" \
				>"$vorbis_work/native-$bad.out" 2>&1
			native_status=$?
			"$dlcall" run -- "$build/clients/$arch/usr/bin/oggdec" -Q -o /dev/null \
				"$vorbis_work/$bad.ogg" >"$vorbis_work/pass-$arch-$bad.out" 2>&1
			test $? = "$native_status" && test "$native_status" != 0 &&
			cmp "$vorbis_work/native-$bad.out" "$vorbis_work/pass-$arch-$bad.out"'
	done
done

# Our client: every way to open, seeks, floats, the program's own stream
# functions (called back), a crosslap.
"$build/guest-x86_64/tests/audio/vorbis-client" "$vorbis_work/in.ogg" \
	>"$vorbis_work/native.txt" 2>&1
for isa in x86_64 aarch64 riscv64; do
	client_check "$isa vorbis-client passed through (a path, a FILE, the program's stream functions, read() into its buffer, seeks, floats, crosslap): report identical to native" \
		"$vorbis_work/client-$isa.check" \
		'grep -q "^stream: closed 1 times" "$vorbis_work/native.txt" &&
		"$dlcall" run -- "$build/guest-$isa/tests/audio/vorbis-client" \
			"$vorbis_work/in.ogg" >"$vorbis_work/pass-$isa.txt" 2>&1 &&
		cmp "$vorbis_work/native.txt" "$vorbis_work/pass-$isa.txt"'
done
# Emulated, the guest's libvorbis rounds its samples differently.
client_check "aarch64 vorbis-client emulated: the same report but for the samples" \
	"$vorbis_work/client-emulated.check" \
	'"$dlcall" run --emulate -- "$build/guest-aarch64/tests/audio/vorbis-client" \
		"$vorbis_work/in.ogg" >"$vorbis_work/emulated.txt" 2>&1 &&
	grep -v "^pcm" "$vorbis_work/native.txt" >"$vorbis_work/native.rest" &&
	grep -v "^pcm" "$vorbis_work/emulated.txt" | cmp - "$vorbis_work/native.rest"'

# libogg: Debian's ogginfo parses every page with libogg passed through
# (its buffer filled by the program's fread(): a read() straight into
# it) and the headers with the guest's libvorbis calling libogg. Of a cut
# file it prints a bitrate of 0/0, whose sign is the ISA's (arm64 makes
# a positive NaN): "-nan" reads as "nan".
for arch in arm64 amd64; do
	for file in in cut; do
		client_check "$arch ogginfo of the $file file passed through (libogg; libvorbis emulated): output and status as native" \
			"$vorbis_work/$arch-ogginfo-$file.check" \
			'"$native/usr/bin/ogginfo" "$vorbis_work/$file.ogg" \
				>"$vorbis_work/native-ogginfo-$file.out" 2>&1
			native_status=$?
			"$dlcall" run -v -- "$build/clients/$arch/usr/bin/ogginfo" "$vorbis_work/$file.ogg" \
				>"$vorbis_work/pass-$arch-ogginfo-$file.out" 2>"$vorbis_work/pass-$arch-ogginfo-$file.err"
			test $? = "$native_status" &&
			grep -q "libogg.so.0: passed through" "$vorbis_work/pass-$arch-ogginfo-$file.err" &&
			grep -q "Vorbis stream 1" "$vorbis_work/native-ogginfo-$file.out" &&
			sed s/-nan/nan/ "$vorbis_work/native-ogginfo-$file.out" >"$vorbis_work/native-ogginfo-$file.nan" &&
			sed s/-nan/nan/ "$vorbis_work/pass-$arch-ogginfo-$file.out" |
				cmp "$vorbis_work/native-ogginfo-$file.nan" -'
	done
done
