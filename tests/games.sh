# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by tests/x11.sh, its X server running and its helpers defined:
# SuperTuxKart 1.4, Debian's unmodified arm64 and amd64 builds, race on the
# lighthouse track natively and passed through (scripts/supertuxkart.sh).
# The arm64 build draws with GLES 3.2 and the amd64 one with GL 4.5, both
# through SDL 2 (which loads libGL or libGLESv2 itself: on the host, when
# SDL passes through); sound goes through OpenAL. Emulated it takes minutes
# to reach the race: make bench measures that, not make check.

echo "# SuperTuxKart: Debian's arm64 and amd64 builds race, passed through"
stk_work=$x11_work/games
mkdir -p "$stk_work"
. "$root/scripts/supertuxkart.sh"
stk_home=$stk_work/home

# stk_checks DIR: the race ran to its end and was drawn and heard: the
# game's profile report, a window holding a scene, frames presented
# through Mesa, sound that is not silence.
stk_checks() {
	cat "$1/status" "$1/colors" "$1/race_seconds" 2>&1
	grep "profile:" "$1/log" | tail -n 12
	[ "$(cat "$1/status")" = 0 ] &&
		grep -q "profile: Number of frames: [0-9]" "$1/log" &&
		[ "$(cat "$1/colors")" -gt 500 ] &&
		[ "$(wc -l <"$1/hud/fps")" -gt 20 ] &&
		[ "$(tail -c +45 "$1/sound.wav" | tr -d '\0' | wc -c)" -gt 0 ]
}

# stk_result DIR: the profile's row of each kart: its name, its driver and
# its start and end positions (times and speeds differ in their last
# digits between ISAs and from run to run: physics steps follow frames).
stk_result() {
	sed -n 's/.*profile: \([a-z_]*\) \([A-Za-z]*\) \([0-9]*\) \([0-9]*\) [0-9.]* .*/\1 \2 \3 \4/p' "$1/log"
}

if ! sh "$root/scripts/deps.sh" games >"$stk_work/deps.log" 2>&1 ||
	! sh "$root/scripts/fetch-clients.sh" "$build" arm64 supertuxkart >>"$stk_work/deps.log" 2>&1; then
	fail "SuperTuxKart: installing the game and its data" "$stk_work/deps.log"
else
	stk_race "$stk_work/native" /usr/games/supertuxkart
	client_check "the native reference: amd64 SuperTuxKart races, draws and plays sound" \
		"$stk_work/native.check" 'stk_checks "$stk_work/native"'
	for isa in arm64 amd64; do
		game=$build/clients/arm64/usr/games/supertuxkart
		[ "$isa" = amd64 ] && game=/usr/games/supertuxkart
		stk_race "$stk_work/pass-$isa" "$dlcall" run -v -- "$game"
		client_check "$isa SuperTuxKart passed through (SDL 2, OpenAL, libpng, libvorbisfile, FreeType, HarfBuzz, GL or GLES from SDL): reaches the race, drives it as native, draws it and plays its sound" \
			"$stk_work/pass-$isa.check" \
			'stk_checks "$stk_work/pass-$isa" &&
			passed_through "$stk_work/pass-$isa/log" libSDL2-2.0.so.0 libopenal.so.1 libpng16.so.16 libvorbisfile.so.3 \
				libfreetype.so.6 libharfbuzz.so.0 &&
			! grep "gives NULL" "$stk_work/pass-$isa/log" &&
			stk_result "$stk_work/native" >native.result &&
			stk_result "$stk_work/pass-$isa" | diff native.result - &&
			grep -q . native.result'
	done
fi
