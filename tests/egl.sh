# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by tests/x11.sh, its X server running and its helpers defined:
# EGL and OpenGL ES through glvnd's libEGL, libGLESv2 and libGLESv1_CM.
# Debian's unmodified arm64 and amd64 programs (mesa-utils-bin,
# glmark2-es2-x11) and our EGL client run natively, emulated and passed
# through.

echo "# EGL and OpenGL ES: Debian's mesa-utils and glmark2-es2 under Xvfb"
for isa in arm64 amd64; do
	triple=$(guest_triple "$isa")
	# eglinfo's exit status counts the platforms it could not open
	# (GBM, Wayland): only what it prints is compared.
	client_check "$isa eglinfo (every EGL platform, config and extension) passed through: identical to native" \
		"$x11_work/$isa-eglinfo.log" \
		'"$native/usr/bin/eglinfo.x86_64-linux-gnu" >native-eglinfo.out 2>/dev/null
		"$dlcall" run -v -- "$build/clients/$isa/usr/bin/eglinfo.$triple" \
			>pass-$isa-eglinfo.out 2>pass-$isa-eglinfo.err
		passed_through pass-$isa-eglinfo.err libEGL.so.1 &&
		grep -q "EGL driver name: swrast" native-eglinfo.out &&
		cmp native-eglinfo.out pass-$isa-eglinfo.out'
	client_check "$isa es2_info (libEGL and libGLESv2) passed through: identical to native (emulated: the guest's Mesa answers)" \
		"$x11_work/$isa-es2_info.log" \
		'"$native/usr/bin/es2_info.x86_64-linux-gnu" >native-es2_info.out &&
		"$dlcall" run -v -- "$build/clients/$isa/usr/bin/es2_info.$triple" \
			>pass-$isa-es2_info.out 2>pass-$isa-es2_info.err &&
		passed_through pass-$isa-es2_info.err libEGL.so.1 libGLESv2.so.2 libX11.so.6 &&
		cmp native-es2_info.out pass-$isa-es2_info.out &&
		"$dlcall" run --emulate -- "$build/clients/$isa/usr/bin/es2_info.$triple" \
			>emulated-$isa-es2_info.out 2>&1 &&
		grep -q "GL_RENDERER: llvmpipe" emulated-$isa-es2_info.out'
	# es2gears prints its frame rate every 5 s, through stdio: a
	# terminal (script) makes it line-buffered, so timeout's SIGTERM
	# loses nothing.
	client_check "$isa es2gears_x11 passed through draws (stopped after 6 s)" \
		"$x11_work/$isa-es2gears.log" \
		'timeout 6 script -qfc "\"$dlcall\" run -- \"$build/clients/$isa/usr/bin/es2gears_x11.$triple\"" \
			/dev/null >pass-$isa-es2gears.out 2>&1
		cat pass-$isa-es2gears.out
		grep -q "frames in 5.0 seconds" pass-$isa-es2gears.out'
	client_check "$isa es2tri passed through: its window's pixels identical to native" \
		"$x11_work/$isa-es2tri.log" \
		'window_pixels "OpenGL ES 2.x tri" native-es2tri.pixels "$native/usr/bin/es2tri.x86_64-linux-gnu" &&
		window_pixels "OpenGL ES 2.x tri" pass-$isa-es2tri.pixels \
			"$dlcall" run -- "$build/clients/$isa/usr/bin/es2tri.$triple" &&
		cmp native-es2tri.pixels pass-$isa-es2tri.pixels'
	client_check "$isa glmark2-es2 --validate passed through: every scene's verdict as native's, none failed" \
		"$x11_work/$isa-glmark2-es2.log" \
		'"$native/usr/bin/glmark2-es2" --data-path "$native/usr/share/glmark2" --validate 2>&1 |
			grep "Validation:" >native-glmark2-es2.out &&
		"$dlcall" run -v -- "$build/clients/$isa/usr/bin/glmark2-es2" \
			--data-path "$build/clients/$isa/usr/share/glmark2" --validate \
			>pass-$isa-glmark2-es2.out 2>&1 &&
		passed_through pass-$isa-glmark2-es2.out libEGL.so.1 libGLESv2.so.2 libpng16.so.16 &&
		grep "Validation:" pass-$isa-glmark2-es2.out | cmp - native-glmark2-es2.out &&
		grep -q "Validation: Success" native-glmark2-es2.out &&
		! grep -q "Validation: Failure" native-glmark2-es2.out'
done

# Our EGL client: the host's Mesa draws the same pixels for it natively
# and passed through; emulated, the guest's Mesa rounds its GLES 2 scene
# differently (LLVM's aarch64 backend), so only the rest must agree.
"$build/guest-x86_64/tests/graphics/egl-client" native-egl.ppm \
	>native-egl.txt 2>&1
for isa in x86_64 aarch64 riscv64; do
	client_check "$isa egl-client passed through: EGL on X11, an EGL_KHR_debug callback, EGL and GLES extension functions by name, an EGLImage, GLES 2, GLES 1.1 and desktop GL identical to native" \
		"$x11_work/$isa-egl-client.log" \
		'"$dlcall" run -v -- "$build/guest-$isa/tests/graphics/egl-client" \
			pass-$isa-egl.ppm >pass-$isa-egl.txt 2>pass-$isa-egl.err &&
		passed_through pass-$isa-egl.err libEGL.so.1 libGLESv2.so.2 libGLESv1_CM.so.1 libX11.so.6 &&
		cat pass-$isa-egl.txt && cmp native-egl.txt pass-$isa-egl.txt &&
		cmp native-egl.ppm pass-$isa-egl.ppm'
done
client_check "aarch64 egl-client emulated (the guest's Mesa): the same report but for its GLES 2 pixels" \
	"$x11_work/emulated-egl-client.log" \
	'"$dlcall" run --emulate -- "$build/guest-aarch64/tests/graphics/egl-client" \
		emulated-egl.ppm >emulated-egl.txt &&
	grep -v "^GLES 2 pixels:" native-egl.txt >native-egl.rest &&
	grep -v "^GLES 2 pixels:" emulated-egl.txt | cmp - native-egl.rest'
one_line_error "--lib egl with --no-lib x11 is refused: they pass through together" \
	"shares objects with" \
	"$dlcall" run --lib egl --no-lib x11 -- "$build/guest-aarch64/tests/graphics/egl-client" refused.ppm
client_check "arm64 es2_info with --no-lib glesv2: EGL, GLES and the X11 family emulated together, and correct" \
	"$x11_work/no-lib-glesv2.log" \
	'"$dlcall" run -v --no-lib glesv2 -- "$build/clients/arm64/usr/bin/es2_info.aarch64-linux-gnu" \
		>no-lib-es2.out 2>no-lib-es2.err &&
	grep -q "^dlcall: egl: emulated" no-lib-es2.err &&
	! grep -q "lib\(EGL\|GLESv2\|X11\)\.so\.[0-9]*: passed through" no-lib-es2.err &&
	grep -q "GL_RENDERER: llvmpipe" no-lib-es2.out'
