# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by tests/x11.sh, its X server running and its helpers defined:
# Vulkan through the host's loader and Mesa's lavapipe. Debian's unmodified
# arm64 and amd64 vulkan-tools and our Vulkan client run natively,
# emulated and passed through.

# window_colors OUT COMMAND...: runs COMMAND until its window (the root's
# only child) has shown for 2 s, then writes to OUT how many distinct
# colors the X server's copy of it holds.
window_colors() {
	colors_out=$1
	shift
	"$@" >"$colors_out.log" 2>&1 &
	window_pid=$!
	window=""
	for _ in $(seq 60); do
		sleep 0.5
		window=$(xwininfo -root -children 2>/dev/null |
			awk '$1 ~ /^0x/ { print $1; exit }')
		[ -n "$window" ] && break
	done
	sleep 2
	size=$(xwininfo -id "$window" 2>/dev/null |
		awk '/Width:/ { w = $2 } /Height:/ { h = $2 } END { if (w) print w * h * 4 }')
	[ -n "$size" ] && xwd -id "$window" -silent | tail -c "$size" |
		od -An -tx4 -v -w4 | sort -u | wc -l >"$colors_out"
	kill -KILL "$window_pid" 2>/dev/null
	wait "$window_pid" 2>/dev/null
	[ -s "$colors_out" ]
}

echo "# Vulkan: Debian's vulkan-tools and our client under Xvfb, lavapipe"
for isa in arm64 amd64; do
	# Only stdout: stderr has the loader's messages about the other
	# architecture's drivers, which differ by architecture.
	client_check "$isa vulkaninfo (every device property, format and extension) passed through: identical to native (emulated: the guest's lavapipe answers)" \
		"$x11_work/$isa-vulkaninfo.log" \
		'"$native/usr/bin/vulkaninfo" >native-vulkaninfo.out 2>/dev/null &&
		"$dlcall" run -v -- "$build/clients/$isa/usr/bin/vulkaninfo" \
			>pass-$isa-vulkaninfo.out 2>pass-$isa-vulkaninfo.err &&
		passed_through pass-$isa-vulkaninfo.err libvulkan.so.1 &&
		grep -q "deviceName *= llvmpipe" native-vulkaninfo.out &&
		cmp native-vulkaninfo.out pass-$isa-vulkaninfo.out &&
		"$dlcall" run --emulate -- "$build/clients/$isa/usr/bin/vulkaninfo" \
			>emulated-$isa-vulkaninfo.out 2>/dev/null &&
		grep -q "deviceName *= llvmpipe" emulated-$isa-vulkaninfo.out'
	client_check "$isa vkcube --c 300 (xcb surface, swapchain) passed through: presents every frame and ends" \
		"$x11_work/$isa-vkcube.log" \
		'"$dlcall" run -v -- "$build/clients/$isa/usr/bin/vkcube" --c 300 \
			>pass-$isa-vkcube.out 2>&1 &&
		passed_through pass-$isa-vkcube.out libvulkan.so.1 libxcb.so.1 &&
		grep -q "Selected GPU 0: llvmpipe" pass-$isa-vkcube.out'
	# The cube turns every frame: what is compared is that the window
	# holds a drawing (native: hundreds of colors), not a blank.
	client_check "$isa vkcube passed through draws into its window as native does" \
		"$x11_work/$isa-vkcube-window.log" \
		'window_colors native-vkcube.colors "$native/usr/bin/vkcube" --c 100000 &&
		window_colors pass-$isa-vkcube.colors "$dlcall" run -- \
			"$build/clients/$isa/usr/bin/vkcube" --c 100000 &&
		echo "native $(cat native-vkcube.colors), passed through $(cat pass-$isa-vkcube.colors) colors" &&
		[ "$(cat native-vkcube.colors)" -gt 100 ] &&
		[ "$(cat pass-$isa-vkcube.colors)" -gt 100 ]'
done

# Our Vulkan client: the host's lavapipe draws the same pixels for it
# natively and passed through; emulated, the guest's lavapipe rounds
# differently (LLVM's aarch64 backend), so only the rest must agree.
"$build/guest-x86_64/tests/graphics/vk-client" native-vk.ppm native-vk.raw \
	>native-vk.txt 2>&1
for isa in x86_64 aarch64 riscv64; do
	client_check "$isa vk-client passed through: every command by name, guest allocation callbacks (all freed), debug messengers in pNext and made, a textured depth-tested scene, mapped memory written with write(), an xlib surface presenting: identical to native" \
		"$x11_work/$isa-vk-client.log" \
		'"$dlcall" run -v -- "$build/guest-$isa/tests/graphics/vk-client" \
			pass-$isa-vk.ppm pass-$isa-vk.raw >pass-$isa-vk.txt 2>pass-$isa-vk.err &&
		passed_through pass-$isa-vk.err libvulkan.so.1 libX11.so.6 &&
		cat pass-$isa-vk.txt && cmp native-vk.txt pass-$isa-vk.txt &&
		cmp native-vk.ppm pass-$isa-vk.ppm && cmp native-vk.raw pass-$isa-vk.raw &&
		grep -q "blocks left after vkDestroyInstance: 0" pass-$isa-vk.txt'
done
client_check "aarch64 vk-client emulated (the guest's lavapipe): the same report but for its pixels" \
	"$x11_work/emulated-vk-client.log" \
	'"$dlcall" run --emulate -- "$build/guest-aarch64/tests/graphics/vk-client" \
		emulated-vk.ppm >emulated-vk.txt &&
	grep -v "^pixels:" native-vk.txt >native-vk.rest &&
	grep -v "^pixels:" emulated-vk.txt | cmp - native-vk.rest'
# The loader runs on the host: VK_ICD_FILENAMES names the host's drivers
# (the loader relays the debug report to each driver loaded: one count
# differs).
client_check "VK_ICD_FILENAMES under dlcall run selects the host's driver (lavapipe's x86_64 manifest)" \
	"$x11_work/icd-filenames.log" \
	'VK_ICD_FILENAMES=/usr/share/vulkan/icd.d/lvp_icd.x86_64.json \
		"$dlcall" run -- "$build/guest-aarch64/tests/graphics/vk-client" \
		icd-vk.ppm >icd-vk.txt 2>icd-vk.err &&
	grep -v "^debug-report callback" native-vk.txt >native-vk.drivers &&
	grep -v "^debug-report callback" icd-vk.txt | cmp - native-vk.drivers &&
	! grep -q "libvulkan_" icd-vk.err'
one_line_error "--lib vulkan with --no-lib x11 is refused: they pass through together" \
	"shares objects with" \
	"$dlcall" run --lib vulkan --no-lib x11 -- "$build/guest-aarch64/tests/graphics/vk-client" refused.ppm
