# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by tests/games.sh and bench/games.sh, an X server running: one
# SuperTuxKart race, the same for every build and mode.
#   stk_race DIR COMMAND...  runs COMMAND (the game, natively or under the
#                 launcher) with stk_options for stk_seconds of game time
#                 and HOME=$stk_home (shared by every run: the first one
#                 makes the game's configuration and its cache of textures,
#                 as a player's first start does), and writes to DIR:
#                 log, status, seconds (wall time), race_seconds (the
#                 game's own count from the start of the race to its end),
#                 hud/fps (Mesa's frames per second, a sample every half
#                 second: GALLIUM_HUD), colors (distinct colors in the
#                 window once the race has drawn 20 samples' worth) and
#                 sound.wav (OpenAL Soft's wave backend)
#   stk_in_race_fps DIR  the median of the second half of hud/fps: frames
#                 per second in the race (loading presents few frames, so
#                 the second half is all race)
#   stk_time_to_race DIR  seconds from start to the race's first frame

# The lighthouse track, one kart driven by the game's profile mode for
# stk_seconds of game time (120 physics steps a second; a frame advances
# the game by at most a few steps, so a slow frame rate stretches the race),
# skipping menus, the countdown and the music; 640x480 in a window; effects
# off (llvmpipe draws on the CPU).
stk_seconds=20
stk_options="--race-now --track=lighthouse --numkarts=1 --laps=1 --seed=1 --screensize=640x480 --windowed
--disable-dynamic-lights --disable-particles --disable-glow --disable-bloom
--disable-light-shaft --disable-dof --disable-motion-blur --disable-mlaa
--disable-ssao --shadows=0 --anisotropic=0 --disable-addon-karts
--disable-addon-tracks"

stk_race() {
	stk_dir=$1
	shift
	rm -rf "$stk_dir"
	mkdir -p "$stk_dir/hud" "$stk_home"
	printf '[general]\ndrivers = wave\n[wave]\nfile = %s/sound.wav\n' \
		"$stk_dir" >"$stk_dir/openal.conf"
	stk_start=$(date +%s.%N)
	# shellcheck disable=SC2086
	HOME=$stk_home GALLIUM_HUD=fps GALLIUM_HUD_DUMP_DIR=$stk_dir/hud \
		ALSOFT_CONF=$stk_dir/openal.conf timeout 1800 "$@" $stk_options \
		--profile-time="$stk_seconds" \
		>"$stk_dir/log" 2>&1 &
	stk_pid=$!
	while kill -0 "$stk_pid" 2>/dev/null; do
		sleep 0.5
		if [ ! -s "$stk_dir/colors" ] && [ -f "$stk_dir/hud/fps" ] &&
			[ "$(wc -l <"$stk_dir/hud/fps")" -gt 20 ]; then
			stk_window_colors >"$stk_dir/colors"
		fi
	done
	if wait "$stk_pid"; then
		echo 0 >"$stk_dir/status"
	else
		echo $? >"$stk_dir/status"
	fi
	echo "$stk_start $(date +%s.%N)" |
		awk '{ printf "%.3f\n", $2 - $1 }' >"$stk_dir/seconds"
	sed -n 's/.*profile: Number of frames: [0-9]* time \([0-9.]*\),.*/\1/p' \
		"$stk_dir/log" >"$stk_dir/race_seconds"
}

# stk_window_colors: the distinct colors of the game's window (the
# display's only top-level window with a name).
stk_window_colors() {
	stk_window=$(xwininfo -root -tree 2>/dev/null |
		awk '/"SuperTuxKart/ { print $1; exit }')
	[ -n "$stk_window" ] || return 0
	stk_size=$(xwininfo -id "$stk_window" 2>/dev/null |
		awk '/Width:/ { w = $2 } /Height:/ { h = $2 } END { if (w) print w * h * 4 }')
	[ -n "$stk_size" ] && xwd -id "$stk_window" -silent |
		tail -c "$stk_size" | od -An -tx4 -v -w4 | sort -u | wc -l
}

stk_in_race_fps() {
	stk_samples=$(wc -l <"$1/hud/fps")
	tail -n $((stk_samples - stk_samples / 2)) "$1/hud/fps" | sort -n |
		awk '{ v[NR] = $1 } END {
			if (NR) printf "%.2f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		}'
}

stk_time_to_race() {
	[ -s "$1/race_seconds" ] || return 1
	awk -v race="$(cat "$1/race_seconds")" '{ printf "%.2f\n", $1 - race }' \
		"$1/seconds"
}
