#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make bench, games: SuperTuxKart 1.4 (Debian's arm64 and amd64 builds) on
# the lighthouse track under a private Xvfb drawn by Mesa's llvmpipe, the
# race of scripts/supertuxkart.sh, natively (amd64), passed through and
# emulated (arm64), interleaved in each round:
#   in-race-fps   frames per second in the race: the median of the second
#                 half of Mesa's GALLIUM_HUD samples (not the game's own
#                 figure, which counts physics steps)
#   time-to-race  seconds from start to the race's first frame (the wall
#                 time less the game's own count of the race), the game's
#                 texture cache made by an earlier run
# Emulated, the arm64 build takes minutes to load and draws under a frame a
# second: it runs once, for 3 s of game time instead of 20 (each frame
# advances the game by at most a few steps, so its race lasts minutes).
# Writes bench/results/<date>-<host>-games.{json,md}: medians over ROUNDS
# runs and the ratios.
set -eu
build=$(cd "${1:-build}" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
dlcall=$build/bin/dlcall
rounds=${ROUNDS:-3}
stamp=$(date -u +%Y-%m-%d)
host=$(hostname -s 2>/dev/null || echo host)
out=$root/bench/results/$stamp-$host-games
raw=$build/bench-games.times
work=$build/bench-games
mkdir -p "$root/bench/results" "$work"
: >"$raw"
sh "$root/scripts/deps.sh" games
sh "$root/scripts/fetch-clients.sh" "$build" arm64 supertuxkart
. "$root/scripts/xvfb.sh"
trap xvfb_stop EXIT INT TERM
xvfb_start "$work" || { echo "bench: cannot start Xvfb" >&2; exit 1; }
. "$root/scripts/supertuxkart.sh"

# race MODE ARCH COMMAND...: one race, its figures as "figure mode arch
# value" lines (none when it did not reach its end).
race() {
	mode=$1
	arch=$2
	shift 2
	dir=$work/$mode-$arch
	stk_race "$dir" "$@"
	if [ "$(cat "$dir/status")" != 0 ] || [ ! -s "$dir/race_seconds" ]; then
		echo "bench: SuperTuxKart $mode $arch did not finish its race:" >&2
		tail -n 5 "$dir/log" >&2
		return 0
	fi
	echo "in-race-fps $mode $arch $(stk_in_race_fps "$dir")"
	echo "time-to-race $mode $arch $(stk_time_to_race "$dir")"
}

# One home for every run, its configuration and texture cache made by a
# first native run that is not measured (a player's first start).
stk_home=$work/home
rm -rf "$stk_home"
stk_seconds=1
stk_race "$work/warm-up" /usr/games/supertuxkart
stk_seconds=20
game_arm64=$build/clients/arm64/usr/games/supertuxkart
for round in $(seq "$rounds"); do
	race native amd64 /usr/games/supertuxkart >>"$raw"
	race pass-through arm64 "$dlcall" run -- "$game_arm64" >>"$raw"
	race pass-through amd64 "$dlcall" run -- /usr/games/supertuxkart >>"$raw"
	echo "bench: games, round $round of $rounds done" >&2
done
stk_seconds=3
race emulated arm64 "$dlcall" run --emulate -- "$game_arm64" >>"$raw"
xvfb_stop
for figure in in-race-fps time-to-race; do
	[ "$(grep -c "^$figure " "$raw")" = $((rounds * 3 + 1)) ] ||
		{ echo "bench: games $figure did not report in every run" >&2; exit 1; }
done
. "$root/bench/summary.sh"
summarize %.2f
write_json "$out.json" figure \
	"\"game\": \"supertuxkart $(dpkg-query -W -f '${Version}' supertuxkart)\", \"mesa\": \"$(dpkg-query -W -f '${Version}\n' libgl1-mesa-dri | head -n 1)\", \"rounds\": $rounds," \
	"\"units\": \"in-race-fps: frames per second; time-to-race: seconds\","
native_fps=$(figure in-race-fps native amd64)
native_wait=$(figure time-to-race native amd64)
{
	echo "# SuperTuxKart, $stamp on $host"
	echo
	echo "$(qemu-aarch64 --version | head -n 1); SuperTuxKart $(dpkg-query -W -f '${Version}' supertuxkart);" \
		"Mesa $(dpkg-query -W -f '${Version}\n' libgl1-mesa-dri | head -n 1) (llvmpipe) under Xvfb; $(nproc) cores."
	echo "Lighthouse track, 640x480, effects off, one kart driven by the game's profile mode;"
	echo "native and pass-through: median of $rounds rounds of 20 s of game time, interleaved;"
	echo "emulated: one run of 3 s of game time."
	echo
	echo "| guest | mode | in-race FPS | share of native | time to race (s) | multiple of native |"
	echo "|---|---|---|---|---|---|"
	echo "| amd64 | native | $native_fps | 1.00 | $native_wait | 1.00 |"
	for run in pass-through/arm64 pass-through/amd64 emulated/arm64; do
		mode=${run%/*}
		arch=${run#*/}
		fps=$(figure in-race-fps "$mode" "$arch")
		wait_s=$(figure time-to-race "$mode" "$arch")
		echo "| $arch | $mode | $fps | $(ratio "$fps" "$native_fps") | $wait_s | $(ratio "$wait_s" "$native_wait") |"
	done
} >"$out.md"
cat "$out.md"
