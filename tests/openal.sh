# SPDX-License-Identifier: GPL-2.0-or-later
# OpenAL Soft through libopenal.so.1: Debian's openal-info (arm64, amd64)
# and our client (tests/audio/al_client.c, three ISAs), natively,
# emulated and passed through. With no sound card, OpenAL Soft's wave
# backend writes what would have been played to a file (ALSOFT_CONF):
# the bytes must be native's. Sourced by tests/run.sh after
# tests/debian-clients.sh (client_check); uses $build, $dlcall, $logs.

echo "# OpenAL: Debian's openal-info and our client, the wave backend's bytes"
al_work=$logs/openal
mkdir -p "$al_work"
for arch in arm64 amd64; do
	sh scripts/fetch-clients.sh "$build" "$arch" openal-info ||
		fail "downloading Debian's openal-info ($arch)"
done

# al_conf NAME: an OpenAL Soft configuration writing to NAME.wav.
al_conf() {
	printf '[general]\ndrivers = wave\n[wave]\nfile = %s/%s.wav\n' "$al_work" "$1" >"$al_work/$1.conf"
	echo "$al_work/$1.conf"
}

# al_samples NAME: the sound NAME.wav holds: its data chunk without the
# silence before and after it. The wave backend writes in real time, so
# how many periods of silence precede the tone follows how long the
# program took from opening the device to playing (a period more in a
# slow run, emulated or not); the tone itself must be native's, byte for
# byte. (perl is in every Debian system: perl-base is essential.)
al_samples() {
	perl -0777 -ne 's/\A.*?data.{4}//s or exit 1; s/\A\0+//; s/\0+\z//; print' \
		"$al_work/$1.wav"
}

ALSOFT_CONF=$(al_conf native-info) "$native/usr/bin/openal-info" >"$al_work/native-info.txt" 2>&1
ALSOFT_CONF=$(al_conf native) "$build/guest-x86_64/tests/audio/al-client" >"$al_work/native.txt" 2>&1
client_check "the native reference: OpenAL Soft's wave backend played our tone" \
	"$al_work/native.check" \
	'cat "$al_work/native.txt" && grep -q "^played: state 0x1014" "$al_work/native.txt" &&
	test "$(al_samples native | wc -c)" -gt 100000'
for arch in arm64 amd64; do
	client_check "$arch openal-info passed through: identical to native" \
		"$al_work/info-$arch.check" \
		'ALSOFT_CONF=$(al_conf pass-info-$arch) "$dlcall" run -v -- \
			"$build/clients/$arch/usr/bin/openal-info" >"$al_work/pass-info-$arch.txt" \
			2>"$al_work/pass-info-$arch.err" &&
		grep -q "libopenal.so.1: passed through" "$al_work/pass-info-$arch.err" &&
		cmp "$al_work/native-info.txt" "$al_work/pass-info-$arch.txt"'
done
for isa in x86_64 aarch64 riscv64; do
	client_check "$isa al-client passed through: extension functions by name, loopback samples and the wave backend's bytes identical to native" \
		"$al_work/pass-$isa.check" \
		'ALSOFT_CONF=$(al_conf pass-$isa) "$dlcall" run -v -- \
			"$build/guest-$isa/tests/audio/al-client" >"$al_work/pass-$isa.txt" \
			2>"$al_work/pass-$isa.err" &&
		grep -q "libopenal.so.1: passed through" "$al_work/pass-$isa.err" &&
		cmp "$al_work/native.txt" "$al_work/pass-$isa.txt" &&
		al_samples pass-$isa >"$al_work/pass-$isa.samples" &&
		al_samples native | cmp - "$al_work/pass-$isa.samples"'
done
client_check "aarch64 al-client emulated (the guest's OpenAL Soft): the same report and bytes" \
	"$al_work/emulated.check" \
	'ALSOFT_CONF=$(al_conf emulated) "$dlcall" run --emulate -- \
		"$build/guest-aarch64/tests/audio/al-client" >"$al_work/emulated.txt" &&
	cmp "$al_work/native.txt" "$al_work/emulated.txt" &&
	al_samples emulated >"$al_work/emulated.samples" &&
	al_samples native | cmp - "$al_work/emulated.samples"'
