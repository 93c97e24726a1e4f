# SPDX-License-Identifier: GPL-2.0-or-later
# dlcall run --qemu PATH: the plugin matching that QEMU's version (sourced
# by tests/run.sh). Debian's QEMU 7.2, and QEMU 10.0 built from Debian's
# source with our syscall filter patch by scripts/build-qemu.sh into
# build/qemu-10.0 (about 5 minutes on a 2-core machine; kept there for
# the next run), with the observer plugin and the API-6 and API-7 filter
# plugins.

echo "# dlcall run --qemu PATH: the plugin for that QEMU's version"
versions=$logs/qemu-versions
mkdir -p "$versions"
sh scripts/make-input.sh "$versions/input.txt" 1
sh scripts/make-xml.sh "$versions/input.xml" 1
native=$build/clients/amd64
arm64=$build/clients/arm64
"$native/bin/bzip2" -9 -c "$versions/input.txt" >"$versions/native.bz2"
mkdir -p "$versions/xmlwf-native"
LD_LIBRARY_PATH="$native/usr/lib/x86_64-linux-gnu" \
	"$native/usr/bin/xmlwf" -d "$versions/xmlwf-native" "$versions/input.xml"
(cd "$versions" && LD_LIBRARY_PATH="$native/usr/lib/x86_64-linux-gnu" \
	"$native/usr/bin/minizip" -o -9 native.zip input.txt >/dev/null)

# client_passes OUT: a TAP log whose every planned check passed.
client_passes() {
	[ "$(grep -c '^ok ' "$1")" -eq "$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$1")" ] &&
		! grep -q '^not ok' "$1"
}

# qemu_check NAME DIR PLUGIN FLAVOUR [--plugin]: with DIR's qemu-ISA and
# the plugin libdlcall-PLUGIN.so of flavour FLAVOUR (chosen by the
# launcher from QEMU's version, or named with --plugin), the plugin loads
# and instruments the fast path's markers; Debian's arm64 bzip2, minizip
# and xmlwf pass libbz2, zlib and libexpat through, output as native; our
# client passes on each guest ISA, on the fast path and by syscall only.
qemu_check() {
	qemu_dir=$2
	plugin=$3
	flavour=$4
	plugin_option=
	[ "${5:-}" = --plugin ] &&
		plugin_option="--plugin $build/lib/dlcall/plugin/libdlcall-$plugin.so"
	client_check "$1" "$versions/$plugin.log" '
		"$dlcall" run --qemu "$qemu_dir/qemu-aarch64" $plugin_option --trace -- \
			"$arm64/bin/bzip2" -c /dev/null >/dev/null 2>"$versions/$plugin-trace.log" &&
		grep -q "QEMU_PLUGIN=$build/lib/dlcall/plugin/libdlcall-$plugin.so" "$versions/$plugin-trace.log" &&
		grep -q "loaded (plugin API $flavour, syscall 4096, fast transport offered)" "$versions/$plugin-trace.log" &&
		grep -q "fast transport on: markers instrumented" "$versions/$plugin-trace.log" &&
		"$dlcall" run --qemu "$qemu_dir/qemu-aarch64" $plugin_option -v -- \
			"$arm64/bin/bzip2" -9 -c "$versions/input.txt" \
			>"$versions/$plugin.bz2" 2>"$versions/$plugin-bzip2.log" &&
		grep -q "libbz2.so.1.0: passed through" "$versions/$plugin-bzip2.log" &&
		cmp "$versions/native.bz2" "$versions/$plugin.bz2" &&
		(cd "$versions" && LD_LIBRARY_PATH="$(ls -d "$arm64"/usr/lib/*-linux-gnu)" \
			"$dlcall" run --qemu "$qemu_dir/qemu-aarch64" $plugin_option -v -- \
			"$arm64/usr/bin/minizip" -o -9 "$plugin.zip" input.txt \
			2>"$versions/$plugin-minizip.log") &&
		grep -q "libz.so.1: passed through" "$versions/$plugin-minizip.log" &&
		cmp "$versions/native.zip" "$versions/$plugin.zip" &&
		rm -rf "$versions/xmlwf-$plugin" && mkdir "$versions/xmlwf-$plugin" &&
		"$dlcall" run --qemu "$qemu_dir/qemu-aarch64" $plugin_option -v -- \
			"$arm64/usr/bin/xmlwf" -d "$versions/xmlwf-$plugin" "$versions/input.xml" \
			2>"$versions/$plugin-xmlwf.log" &&
		grep -q "libexpat.so.1: passed through" "$versions/$plugin-xmlwf.log" &&
		cmp "$versions/xmlwf-native/input.xml" "$versions/xmlwf-$plugin/input.xml" &&
		for isa in x86_64 aarch64 riscv64; do
			"$dlcall" run --qemu "$qemu_dir/qemu-$isa" $plugin_option -- \
				"$build/guest-$isa/tests/e2e/client" >"$versions/$plugin-$isa.out" &&
			client_passes "$versions/$plugin-$isa.out" &&
			DLCALL_FAST=off "$dlcall" run --qemu "$qemu_dir/qemu-$isa" $plugin_option -- \
				"$build/guest-$isa/tests/e2e/client" >"$versions/$plugin-$isa-syscall.out" &&
			client_passes "$versions/$plugin-$isa-syscall.out" || exit 1
		done'
}

# end_to_end_check DIR PLUGIN: the plugin's fuzz corpus as real magic
# syscalls (tests/e2e/replay.c), tests/e2e/lifecycle's threads, signals,
# fork, longjmp and hazards cases, exit() in a callback, and a callback
# from a library's own thread, with DIR's qemu-ISA and
# libdlcall-PLUGIN.so, on each guest ISA and both paths.
end_to_end_check() {
	lifecycle_qemu=$1
	lifecycle_plugin=$2
	for isa in x86_64 aarch64 riscv64; do
		set -- run --qemu "$lifecycle_qemu/qemu-$isa" \
			--plugin "$build/lib/dlcall/plugin/libdlcall-$lifecycle_plugin.so" \
			-- "$build/guest-$isa/tests/e2e/lifecycle"
		label="QEMU 10.0, $lifecycle_plugin: $isa"
		tap "$label plugin fuzz corpus replayed as magic syscalls" \
			"$dlcall" run --qemu "$lifecycle_qemu/qemu-$isa" \
			--plugin "$build/lib/dlcall/plugin/libdlcall-$lifecycle_plugin.so" \
			-- "$build/guest-$isa/tests/e2e/replay" tests/fuzz/corpus/plugin/*
		for case in threads thread-exit longjmp fork signals hazards; do
			tap "$label lifecycle $case, pass-through" "$dlcall" "$@" "$case"
			tap "$label lifecycle $case, pass-through by syscall only" \
				env DLCALL_FAST=off "$dlcall" "$@" "$case"
		done
		# As tests/lifecycle.sh: these cases run on x86_64 and aarch64.
		[ "$isa" = riscv64 ] && continue
		exit_in_callback_check "$label" \
			"$versions/$lifecycle_plugin-$isa-exit-in-callback.log" "$dlcall" "$@"
		log=$versions/$lifecycle_plugin-$isa-host-thread.log
		if [ "$("$dlcall" "$@" host-thread 2>"$log")" = "$(printf 'result 5\nfolded 4950')" ] &&
			[ ! -s "$log" ]; then
			pass "$label callback from a library-created thread runs on a callback server"
		else
			fail "$label callback from a library-created thread" "$log"
		fi
	done
}

qemu_check "--qemu with Debian's QEMU 7.2: plugin API version 1, fast path on; bzip2, minizip, xmlwf and our client (three ISAs, both paths) pass through" \
	"$(dirname "$(command -v qemu-aarch64)")" v1 1
one_line_error "--qemu: a missing program: one line" "No such file" \
	"$dlcall" run --qemu "$versions/no-such-qemu" -- /bin/true
one_line_error "--qemu: a program that is no QEMU: one line" "not a QEMU" \
	"$dlcall" run --qemu /bin/true -- /bin/true
qemu10=$build/qemu-10.0
client_check "QEMU 10.0 with our filter patch, built from Debian's source or current (scripts/build-qemu.sh)" \
	"$versions/build-qemu.log" 'sh scripts/build-qemu.sh "$qemu10"'
if [ -s "$qemu10/bin/.dlcall-patch" ]; then
	qemu_check "--qemu with QEMU 10.0: plugin API version 4 (observer), fast path on; bzip2, minizip, xmlwf and our client (three ISAs, both paths) pass through" \
		"$qemu10/bin" v4 1
	qemu_check "--qemu with QEMU 10.0 and our filter patch, --plugin of API 7 (QEMU 11.1's filter), fast path on; bzip2, minizip, xmlwf and our client (three ISAs, both paths) pass through" \
		"$qemu10/bin" v7 7 --plugin
	qemu_check "--qemu with QEMU 10.0 and our filter patch, --plugin of API 6 (QEMU 11.0's filter), fast path on; bzip2, minizip, xmlwf and our client (three ISAs, both paths) pass through" \
		"$qemu10/bin" v6 6 --plugin
	for plugin in v4 v6 v7; do
		end_to_end_check "$qemu10/bin" "$plugin"
	done
else
	skip "--qemu with QEMU 10.0, observer and filter flavours" "it did not build"
fi
one_line_error "--plugin: a missing file: one line" "no such file" \
	"$dlcall" run --plugin "$versions/no-such-plugin.so" -- /bin/true
