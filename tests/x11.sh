# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by tests/run.sh: X11 and OpenGL (GLX) through a private X server.
# Debian's unmodified arm64 and amd64 X11 and GL programs (x11-utils,
# x11-apps, mesa-utils-bin) run natively, emulated and passed through; Xvfb draws
# with Mesa's llvmpipe.

x11_work=$logs/x11
mkdir -p "$x11_work"
. scripts/xvfb.sh
# Stopped whatever happens to the tests.
trap xvfb_stop EXIT INT TERM

# x11_same ISA PROGRAM ARGS...: the ISA's program passed through writes
# what the amd64 program writes natively; emulated it succeeds too.
x11_same() {
	isa=$1
	program=$2
	shift 2
	tag=$isa-$(echo "$program $*" | tr -c 'A-Za-z0-9\n' '_')
	"$native/usr/bin/$program" "$@" >"native-$tag.out" 2>"native-$tag.err" ||
		{ echo "native $program failed"; return 1; }
	"$dlcall" run -v -- "$build/clients/$isa/usr/bin/$program" "$@" \
		>"pass-$tag.out" 2>"pass-$tag.err" ||
		{ echo "passed through: exit $?"; cat "pass-$tag.err"; return 1; }
	"$dlcall" run --emulate -- "$build/clients/$isa/usr/bin/$program" "$@" \
		>"emulated-$tag.out" 2>&1 ||
		{ echo "emulated: exit $?"; return 1; }
	cmp "native-$tag.out" "pass-$tag.out"
}

# guest_triple ARCH: the multiarch triple of a Debian architecture.
guest_triple() { [ "$1" = arm64 ] && echo aarch64-linux-gnu || echo x86_64-linux-gnu; }

# passed_through LOG SONAME...: -v said each library passed through.
passed_through() {
	log=$1
	shift
	for soname in "$@"; do
		grep -q "dlcall: $soname: passed through" "$log" ||
			{ echo "$soname did not pass through"; return 1; }
	done
}

# window_pixels NAME OUT COMMAND...: runs COMMAND, and once its window
# NAME (or, for "-", the root's only child: glxdemo names none) shows and
# two captures half a second apart agree (it has drawn), writes the
# window's pixels (the end of the host's xwd output) to OUT.
window_pixels() {
	window_name=$1
	pixels_out=$2
	shift 2
	"$@" >"$pixels_out.log" 2>&1 &
	window_pid=$!
	previous=""
	current=""
	for _ in $(seq 60); do
		sleep 0.5
		if [ "$window_name" = - ]; then
			window=$(xwininfo -root -children 2>/dev/null |
				awk '$1 ~ /^0x/ { print $1; exit }')
		else
			window=$(xwininfo -name "$window_name" 2>/dev/null |
				awk '/Window id:/ { print $4 }')
		fi
		[ -n "$window" ] || continue
		size=$(xwininfo -id "$window" 2>/dev/null |
			awk '/Width:/ { w = $2 } /Height:/ { h = $2 } END { if (w) print w * h * 4 }')
		[ -n "$size" ] || continue
		xwd -id "$window" -silent | tail -c "$size" >"$pixels_out"
		current=$(cksum <"$pixels_out")
		[ "$current" = "$previous" ] && break
		previous=$current
	done
	# SIGKILL: a passed-through program blocked in XNextEvent() handles
	# a signal only when that host call returns (docs/limitations.md).
	kill -KILL "$window_pid" 2>/dev/null
	wait "$window_pid" 2>/dev/null
	[ -n "$previous" ] && [ "$current" = "$previous" ]
}

echo "# X11 and GLX: Debian's x11-utils and mesa-utils under Xvfb"
if ! command -v Xvfb >/dev/null 2>&1; then
	skip "X11 and GL programs" "no Xvfb (make deps installs it)"
elif ! { sh scripts/fetch-clients.sh "$build" arm64 x11-utils mesa-utils-bin x11-apps glmark2-x11 glmark2-es2-x11 glmark2-data vulkan-tools &&
	sh scripts/fetch-clients.sh "$build" amd64 x11-utils mesa-utils-bin x11-apps glmark2-x11 glmark2-es2-x11 glmark2-data vulkan-tools; } \
	>"$x11_work/fetch.log" 2>&1; then
	fail "X11 and GL programs: fetching Debian's packages" "$x11_work/fetch.log"
elif ! xvfb_start "$x11_work"; then
	fail "X11 and GL programs: starting Xvfb" "$x11_work/xvfb.log"
else
	cd "$x11_work" || exit 2
	for isa in arm64 amd64; do
		glxinfo=$(cd "$build/clients/$isa/usr/bin" && ls glxinfo.*-linux-gnu)
		glxgears=$(cd "$build/clients/$isa/usr/bin" && ls glxgears.*-linux-gnu)
		client_check "$isa xdpyinfo (libX11, Xext and 9 extension libraries) passed through: output identical to native" \
			"$x11_work/$isa-xdpyinfo.log" \
			'x11_same $isa xdpyinfo -ext all &&
			passed_through pass-$tag.err libX11.so.6 libXext.so.6 libXi.so.6 libXrender.so.1 libXinerama.so.1'
		client_check "$isa xwininfo -root -all (libxcb replies copied to the guest's heap) passed through: identical to native" \
			"$x11_work/$isa-xwininfo.log" \
			'x11_same $isa xwininfo -root -all &&
			passed_through pass-$tag.err libxcb.so.1'
		client_check "$isa xprop -root and xlsatoms passed through: identical to native" \
			"$x11_work/$isa-xprop.log" \
			'x11_same $isa xprop -root && x11_same $isa xlsatoms'
		# libXt, libXmu and libXaw stay emulated over the family.
		for app in xlogo xeyes; do
			client_check "$isa $app (libXt and libXaw emulated, libX11 and its family passed through): its window's pixels identical to native" \
				"$x11_work/$isa-$app.log" \
				'window_pixels $app native-$app.pixels /usr/bin/$app &&
				window_pixels $app pass-$isa-$app.pixels \
					"$dlcall" run -- "$build/clients/$isa/usr/bin/$app" &&
				cmp native-$app.pixels pass-$isa-$app.pixels'
		done
		# Mesa on the host draws for the passed-through program:
		# every string, extension and visual as native.
		client_check "$isa glxinfo (libGL and libX11) passed through: identical to native" \
			"$x11_work/$isa-glxinfo.log" \
			'"$native/usr/bin/glxinfo.x86_64-linux-gnu" >native-glxinfo.out 2>&1 &&
			"$dlcall" run -v -- "$build/clients/$isa/usr/bin/$glxinfo" \
				>pass-$isa-glxinfo.out 2>pass-$isa-glxinfo.err &&
			passed_through pass-$isa-glxinfo.err libGL.so.1 libX11.so.6 &&
			cmp native-glxinfo.out pass-$isa-glxinfo.out'
		# glxgears draws until stopped; it reports its frame rate
		# after 5 s.
		client_check "$isa glxgears passed through draws (stopped after 6 s)" \
			"$x11_work/$isa-glxgears.log" \
			'timeout 6 "$dlcall" run -- "$build/clients/$isa/usr/bin/$glxgears" \
				>pass-$isa-glxgears.out 2>&1
			status=$?
			cat pass-$isa-glxgears.out
			[ "$status" = 124 ] && grep -q "frames in 5.0 seconds" pass-$isa-glxgears.out'
		client_check "$isa glxdemo passed through: its window's pixels identical to native" \
			"$x11_work/$isa-glxdemo.log" \
			'window_pixels - native-glxdemo.pixels "$native/usr/bin/glxdemo.x86_64-linux-gnu" &&
			window_pixels - pass-$isa-glxdemo.pixels \
				"$dlcall" run -- "$build/clients/$isa/usr/bin/glxdemo.$(guest_triple $isa)" &&
			cmp native-glxdemo.pixels pass-$isa-glxdemo.pixels'
		# glmark2 checks each scene's pixels against its own expected
		# values (--validate); it loads libGL with dlopen().
		client_check "$isa glmark2 --validate passed through: every scene's verdict as native's, none failed" \
			"$x11_work/$isa-glmark2.log" \
			'"$native/usr/bin/glmark2" --data-path "$native/usr/share/glmark2" --validate 2>&1 |
				grep "Validation:" >native-glmark2.out &&
			"$dlcall" run -v -- "$build/clients/$isa/usr/bin/glmark2" \
				--data-path "$build/clients/$isa/usr/share/glmark2" --validate \
				>pass-$isa-glmark2.out 2>&1 &&
			passed_through pass-$isa-glmark2.out libGL.so.1 libpng16.so.16 &&
			grep "Validation:" pass-$isa-glmark2.out | cmp - native-glmark2.out &&
			grep -q "Validation: Success" native-glmark2.out &&
			! grep -q "Validation: Failure" native-glmark2.out'
	done
	glxinfo=$build/clients/arm64/usr/bin/glxinfo.aarch64-linux-gnu
	# Our GL client: the same scene drawn by the host's Mesa, natively
	# and passed through, gives the same pixels exactly; emulated, the
	# guest's Mesa rounds differently (LLVM's aarch64 backend), so only
	# the rest of what it reports must agree.
	"$build/guest-x86_64/tests/graphics/gl-client" native-gl.ppm native-gl.shot \
		>native-gl.txt 2>&1
	for isa in x86_64 aarch64 riscv64; do
		client_check "$isa gl-client passed through: glReadPixels, XGetImage (written with fwrite), a mapped buffer (write), an X error handler, an XIfEvent predicate, an after-function and a GL debug callback identical to native" \
			"$x11_work/$isa-gl-client.log" \
			'"$dlcall" run -v -- "$build/guest-$isa/tests/graphics/gl-client" \
				pass-$isa-gl.ppm pass-$isa-gl.shot >pass-$isa-gl.txt 2>pass-$isa-gl.err &&
			passed_through pass-$isa-gl.err libGL.so.1 libX11.so.6 &&
			cat pass-$isa-gl.txt && cmp native-gl.txt pass-$isa-gl.txt &&
			cmp native-gl.ppm pass-$isa-gl.ppm && cmp native-gl.shot pass-$isa-gl.shot'
		client_check "$isa gl-client through libOpenGL.so.0 and libGLX.so.0 passed through: identical to native" \
			"$x11_work/$isa-gl-client-glvnd.log" \
			'"$dlcall" run -v -- "$build/guest-$isa/tests/graphics/gl-client-glvnd" \
				glvnd-$isa-gl.ppm >glvnd-$isa-gl.txt 2>glvnd-$isa-gl.err &&
			passed_through glvnd-$isa-gl.err libOpenGL.so.0 libGLX.so.0 libX11.so.6 &&
			cmp native-gl.txt glvnd-$isa-gl.txt && cmp native-gl.ppm glvnd-$isa-gl.ppm'
	done
	client_check "aarch64 gl-client emulated (the guest's Mesa): the same report but for its pixels" \
		"$x11_work/emulated-gl-client.log" \
		'"$dlcall" run --emulate -- "$build/guest-aarch64/tests/graphics/gl-client" \
			emulated-gl.ppm emulated-gl.shot >emulated-gl.txt &&
		grep -v "^pixels:" native-gl.txt >native-gl.rest &&
		grep -v "^pixels:" emulated-gl.txt | cmp - native-gl.rest &&
		[ "$(wc -c <emulated-gl.ppm)" = "$(wc -c <native-gl.ppm)" ]'
	# The group: GL cannot pass through without libX11 and its family.
	client_check "arm64 glxinfo with --no-lib x11: libGL and the whole X11 family emulated, and correct" \
		"$x11_work/no-lib-x11.log" \
		'"$dlcall" run -v --no-lib x11 -- "$glxinfo" -B \
			>no-lib.out 2>no-lib.err &&
		grep -q "^dlcall: gl: emulated, as x11" no-lib.err &&
		! grep -q "libGL.so.1: passed through" no-lib.err &&
		grep -q "OpenGL renderer string: llvmpipe" no-lib.out'
	one_line_error "--lib gl with --no-lib x11 is refused: they pass through together" \
		"shares objects with" \
		"$dlcall" run --lib gl --no-lib x11 -- "$glxinfo" -B
	# Without any host thunk the whole family falls back (SPEC §7).
	client_check "arm64 xdpyinfo with no host thunks: the X11 family falls back to the guest's libraries" \
		"$x11_work/fallback.log" \
		'DLCALL_HOST_DIR=$runtime_only "$dlcall" run -v -- \
			"$build/clients/arm64/usr/bin/xdpyinfo" >fallback.out 2>fallback.err &&
		grep -q "libX11.so.6: emulated" fallback.err &&
		! grep -q "passed through" fallback.err &&
		"$native/usr/bin/xdpyinfo" | cmp - fallback.out'
	. "$root/tests/egl.sh"
	. "$root/tests/vulkan.sh"
	. "$root/tests/sdl2.sh"
	. "$root/tests/games.sh"
	cd "$root" || exit 2
fi
xvfb_stop
trap - EXIT INT TERM
