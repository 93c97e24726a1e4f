#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make bench, X11, GL, GLES, Vulkan and SDL 2: under a private Xvfb drawn by
# Mesa's llvmpipe and lavapipe, interleaved in each round, natively
# (amd64), emulated and passed through (arm64 and amd64 builds):
#   glxgears      frames per second over its second 5-second report
#   es2gears      the same, of es2gears_x11 (EGL and GLES 2)
#   glmark2       the score of a fixed subset (build, phong shading,
#                 mipmapped texture; 3 s each, 320x240)
#   glmark2-es2   the same subset, of glmark2-es2 (EGL and GLES 2)
#   vkcube        frames per second: the frames of two runs of vkcube
#                 --c over the difference of their times (start-up out)
#   testsprite2   frames per second of SDL's testsprite2 (SDL's GL
#                 renderer, 100 sprites), its second 5-second report
#   vkCmdSetViewport  nanoseconds per call recorded into a command
#                 buffer (bench/vkcost)
#   first-frame   seconds from start to exit of our GL client (a context,
#                 one frame drawn and read back): time to first frame
#   glxinfo       seconds for Debian's glxinfo -B (start-up)
#   glColor3f     nanoseconds per call (bench/glcost), and the same
#                 program's call of an empty function of its own
# Writes bench/results/<date>-<host>-graphics.{json,md}: medians over
# ROUNDS runs and the ratios.
set -eu
build=$(cd "${1:-build}" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
dlcall=$build/bin/dlcall
rounds=${ROUNDS:-3}
stamp=$(date -u +%Y-%m-%d)
host=$(hostname -s 2>/dev/null || echo host)
out=$root/bench/results/$stamp-$host-graphics
raw=$build/bench-graphics.times
work=$build/bench-graphics
mkdir -p "$root/bench/results" "$work"
: >"$raw"
for arch in arm64 amd64; do
	sh "$root/scripts/fetch-clients.sh" "$build" "$arch" mesa-utils-bin \
		glmark2-x11 glmark2-es2-x11 glmark2-data vulkan-tools
done
. "$root/scripts/xvfb.sh"
trap xvfb_stop EXIT INT TERM
xvfb_start "$work" || { echo "bench: cannot start Xvfb" >&2; exit 1; }
cp "$build/sources/libsdl2/test/icon.bmp" "$work/"

. "$root/bench/modes.sh"

# guest_isa ARCH: the build's name of a Debian architecture.
guest_isa() { [ "$1" = arm64 ] && echo aarch64 || echo x86_64; }

# vkcube_rate MODE ARCH: vkcube's frames per second, start-up left out
# (emulated, fewer frames: it draws ~20 a second).
vkcube_rate() {
	few=200
	many=1200
	[ "$1" = emulated ] && few=20 && many=70
	# shellcheck disable=SC2086
	short=$(seconds $(launcher "$1") "$build/clients/$2/usr/bin/vkcube" --c $few)
	# shellcheck disable=SC2086
	long=$(seconds $(launcher "$1") "$build/clients/$2/usr/bin/vkcube" --c $many)
	echo "$short $long" | awk -v k="vkcube $1 $2" -v n=$((many - few)) \
		'$2 > $1 { printf "%s %.1f\n", k, n / ($2 - $1) }'
}

# sprite_rate MODE ARCH: testsprite2's frames per second, its second
# report (start-up out).
sprite_rate() {
	# shellcheck disable=SC2046
	(cd "$work" && exec $(launcher "$1") \
		"$build/guest-$(guest_isa "$2")/tests/peer/sdl2/sdl2-testsprite2" \
		>"$work/sprite.log" 2>&1) &
	sleep 11
	kill -TERM $! 2>/dev/null || true
	wait $! || true
	awk -v k="testsprite2 $1 $2" '/frames per second/ { fps = $2 } END { if (fps) print k, fps }' \
		"$work/sprite.log"
}

# measure MODE ARCH: one run of each figure, "figure mode arch value".
measure() {
	launch=$(launcher "$1")
	bin=$build/clients/$2/usr/bin
	isa=$(guest_isa "$2")
	# shellcheck disable=SC2086
	timeout 11 $launch "$bin/glxgears.$isa-linux-gnu" 2>/dev/null |
		awk -v k="glxgears $1 $2" '/frames in/ { fps = $(NF - 1) } END { if (fps) print k, fps }' || true
	# es2gears prints through stdio: line-buffered on a terminal.
	timeout 11 script -qfc "$launch $bin/es2gears_x11.$isa-linux-gnu" /dev/null 2>/dev/null |
		awk -v k="es2gears $1 $2" '/frames in/ { fps = $(NF - 1) } END { if (fps) print k, fps }' || true
	for glmark2 in glmark2 glmark2-es2; do
		# shellcheck disable=SC2086
		$launch "$bin/$glmark2" --data-path "$build/clients/$2/usr/share/glmark2" \
			-s 320x240 -b build:use-vbo=true:duration=3 \
			-b shading:shading=phong:duration=3 \
			-b texture:texture-filter=mipmap:duration=3 2>/dev/null |
			awk -v k="$glmark2 $1 $2" '/glmark2 Score:/ { print k, $3 }'
	done
	vkcube_rate "$1" "$2"
	sprite_rate "$1" "$2"
	# shellcheck disable=SC2086
	$launch "$build/guest-$isa/bench/vkcost" 200000 2>/dev/null |
		awk -v m="$1 $2" '{ print $1, m, $2 }'
	# shellcheck disable=SC2086
	echo "first-frame $1 $2 $(seconds $launch "$build/guest-$isa/tests/graphics/gl-client" "$work/frame.ppm")"
	# shellcheck disable=SC2086
	echo "glxinfo $1 $2 $(seconds $launch "$bin/glxinfo.$isa-linux-gnu" -B)"
	# shellcheck disable=SC2086
	$launch "$build/guest-$isa/bench/glcost" 1000000 2>/dev/null |
		awk -v m="$1 $2" '{ print $1, m, $2 }'
}

for round in $(seq "$rounds"); do
	measure native amd64 >>"$raw"
	for arch in arm64 amd64; do
		measure emulated "$arch" >>"$raw"
		measure pass-through "$arch" >>"$raw"
	done
	echo "bench: graphics, round $round of $rounds done" >&2
done
xvfb_stop
for figure in glxgears es2gears glmark2 glmark2-es2 vkcube testsprite2 first-frame glxinfo \
	glColor3f vkCmdSetViewport own-function; do
	[ "$(grep -c "^$figure " "$raw")" = $((rounds * 5)) ] ||
		{ echo "bench: graphics $figure did not report in every mode" >&2; exit 1; }
done

. "$root/bench/summary.sh"
summarize %.3f

write_json "$out.json" figure \
	"\"mesa\": \"$(dpkg-query -W -f '${Version}\n' libgl1-mesa-dri | head -n 1)\", \"rounds\": $rounds," \
	"\"units\": \"glxgears, es2gears, vkcube, testsprite2: frames per second; glmark2, glmark2-es2: score; first-frame, glxinfo: seconds; glColor3f, vkCmdSetViewport, own-function: ns per call\","

{
	echo "# X11, GL, GLES and Vulkan, $stamp on $host"
	echo
	echo "$(qemu-aarch64 --version | head -n 1); Mesa $(dpkg-query -W -f '${Version}\n' libgl1-mesa-dri | head -n 1)" \
		"(llvmpipe, lavapipe) under Xvfb; $(nproc) cores; median of $rounds rounds, modes interleaved."
	echo
	echo "Rates (higher is better): pass-through as a share of native, and over emulation."
	echo
	echo "| figure | guest | native (amd64) | emulated | pass-through | pass-through / native | pass-through / emulated |"
	echo "|---|---|---|---|---|---|---|"
	for figure in glxgears es2gears glmark2 glmark2-es2 vkcube testsprite2; do
		native=$(figure "$figure" native amd64)
		for arch in arm64 amd64; do
			emulated=$(figure "$figure" emulated "$arch")
			pass=$(figure "$figure" pass-through "$arch")
			echo "| $figure | $arch | $native | $emulated | $pass | $(ratio "$pass" "$native") | $(ratio "$pass" "$emulated") |"
		done
	done
	echo
	echo "Times (lower is better): as multiples of native, and emulation over pass-through."
	echo
	echo "| figure | guest | native (amd64) | emulated | pass-through | pass-through / native | emulated / pass-through |"
	echo "|---|---|---|---|---|---|---|"
	for figure in first-frame glxinfo glColor3f vkCmdSetViewport own-function; do
		native=$(figure "$figure" native amd64)
		for arch in arm64 amd64; do
			emulated=$(figure "$figure" emulated "$arch")
			pass=$(figure "$figure" pass-through "$arch")
			echo "| $figure | $arch | $native | $emulated | $pass | $(ratio "$pass" "$native") | $(ratio "$emulated" "$pass") |"
		done
	done
	echo
	echo "first-frame and glxinfo in seconds; glColor3f, vkCmdSetViewport and own-function (an empty"
	echo "function of the program's own, the emulated no-op call) in ns per call."
} >"$out.md"

# The chart: each figure as a share of native (a rate over native's, or
# native's time over the mode's), per guest and mode.
for figure in glxgears es2gears glmark2 glmark2-es2 vkcube testsprite2 first-frame glxinfo; do
	native=$(figure "$figure" native amd64)
	for arch in arm64 amd64; do
		emulated=$(figure "$figure" emulated "$arch")
		pass=$(figure "$figure" pass-through "$arch")
		case $figure in
		glxgears | es2gears | glmark2*| vkcube | testsprite2) echo "\"$figure $arch\" 1 $(ratio "$emulated" "$native") $(ratio "$pass" "$native")" ;;
		*) echo "\"$figure $arch\" 1 $(ratio "$native" "$emulated") $(ratio "$native" "$pass")" ;;
		esac
	done
done >"$work/chart.data"
gnuplot <<EOF
set terminal svg size 1200,400 dynamic font "sans,12" background "white"
set output "$out.svg"
set title "X11, GL, GLES and Vulkan under qemu-user 7.2: share of native amd64 (higher is better)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set logscale y 2
set yrange [0.0078125:2]
set ytics ("1/128" 0.0078125, "1/32" 0.03125, "1/8" 0.125, "1/2" 0.5, "1" 1, "2" 2)
set grid ytics
set key top right
plot "$work/chart.data" using 2:xtic(1) title "native" linecolor rgb "#4c72b0", \
     "" using 3 title "plain emulation" linecolor rgb "#dd8452", \
     "" using 4 title "dlcall pass-through" linecolor rgb "#55a868"
EOF
echo >>"$out.md"
echo "![share of native]($(basename "$out").svg)" >>"$out.md"
cat "$out.md"
