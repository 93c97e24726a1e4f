# SPDX-License-Identifier: GPL-2.0-or-later
# An aarch64 host, end to end (sourced by tests/run.sh): the host side
# cross-built for aarch64 by scripts/build-aarch64-host.sh, loaded by
# Debian's arm64 qemu-x86_64, which itself runs under our qemu-aarch64.
# x86_64 programs then call Debian's arm64 zlib, libbz2 and libexpat
# through our aarch64 plugin, host runtime (its context switch, libffi's
# closures) and host thunks. fork() is left out: the nested QEMU's child
# fails an assertion of QEMU's own even in plain emulation
# (docs/limitations.md).

echo "# an aarch64 host: x86_64 programs through Debian's arm64 QEMU, nested"
nested=$logs/aarch64-host
mkdir -p "$nested"
client_check "aarch64 host side cross-built (scripts/build-aarch64-host.sh)" \
	"$nested/build.log" 'sh scripts/build-aarch64-host.sh "$build"'
aarch64_host=$build/aarch64-host
# The launcher's QEMU: arm64 qemu-x86_64 under qemu-aarch64. The plugin
# and CPU the launcher puts in the environment are the inner QEMU's; the
# outer one gets none.
cat >"$nested/qemu-x86_64" <<EOF
#!/bin/sh
[ -n "\${QEMU_PLUGIN:-}" ] && set -- -plugin "\$QEMU_PLUGIN" "\$@"
[ -n "\${QEMU_CPU:-}" ] && set -- -cpu "\$QEMU_CPU" "\$@"
exec env -u QEMU_PLUGIN -u QEMU_CPU qemu-aarch64 -cpu max,sve=off \\
	-L "$aarch64_host/root" "$aarch64_host/root/usr/bin/qemu-x86_64" "\$@"
EOF
chmod +x "$nested/qemu-x86_64"

# on_aarch64_host RUN-ARGUMENTS...: dlcall run with the aarch64 host side
# (a script, for timeout and env).
on_aarch64_host=$nested/dlcall-run
cat >"$on_aarch64_host" <<EOF
#!/bin/sh
export DLCALL_HOST_DIR=$aarch64_host/lib/dlcall/host
exec "$dlcall" run \\
	--qemu "$nested/qemu-x86_64" \\
	--plugin "$aarch64_host/lib/dlcall/plugin/libdlcall-v1.so" "\$@"
EOF
chmod +x "$on_aarch64_host"

if [ -x "$aarch64_host/root/usr/bin/qemu-x86_64" ] &&
	[ -f "$aarch64_host/lib/dlcall/host/libdlcall-host.so" ]; then
	client=$build/guest-x86_64/tests/e2e/client
	lifecycle=$build/guest-x86_64/tests/e2e/lifecycle
	tap "aarch64 host: x86_64 client, pass-through" "$on_aarch64_host" -- "$client"
	tap "aarch64 host: x86_64 client, pass-through by syscall only" \
		env DLCALL_FAST=off "$on_aarch64_host" -- "$client"
	one_line_error "aarch64 host: read-only chain link reported" \
		"dt_run_job: a DT_KIND_NOTIFY link in memory the program cannot write" \
		"$on_aarch64_host" -- "$client" readonly-chain
	for case in threads thread-exit longjmp signals; do
		tap "aarch64 host: x86_64 lifecycle $case, pass-through" \
			"$on_aarch64_host" -- "$lifecycle" "$case"
		tap "aarch64 host: x86_64 lifecycle $case, pass-through by syscall only" \
			env DLCALL_FAST=off "$on_aarch64_host" -- "$lifecycle" "$case"
	done
	exit_in_callback_check "aarch64 host:" "$nested/exit-in-callback.log" \
		"$on_aarch64_host" -- "$lifecycle"
	log=$nested/abort-in-callback.log
	(ulimit -c 0; exec timeout 120 "$on_aarch64_host" -- "$lifecycle" abort-in-callback) \
		>"$log" 2>&1
	status=$?
	if [ $status -eq 134 ]; then
		pass "aarch64 host: abort() in a callback ends the program by SIGABRT"
	else
		fail "aarch64 host: abort() in a callback (status $status)" "$log"
	fi

	# Debian's amd64 bzip2, minizip and xmlwf: the arm64 library is the
	# one passed through, the output is the native program's.
	native=$build/clients/amd64
	amd64_libs=$native/usr/lib/x86_64-linux-gnu
	sh scripts/make-input.sh "$nested/input.txt" 1
	sh scripts/make-xml.sh "$nested/input.xml" 1
	client_check "aarch64 host: Debian's amd64 bzip2 -9 passes libbz2 through to arm64's, output as native" \
		"$nested/bzip2.log" '
		"$on_aarch64_host" -v -- "$native/bin/bzip2" -9 -c "$nested/input.txt" \
			>"$nested/passed.bz2" 2>"$nested/bzip2-v.log" &&
		grep -q "libbz2.so.1.0: passed through to the host.s /usr/lib/aarch64-linux-gnu/" "$nested/bzip2-v.log" &&
		grep -q "^dlcall: fast transport on$" "$nested/bzip2-v.log" &&
		"$native/bin/bzip2" -9 -c "$nested/input.txt" | cmp - "$nested/passed.bz2"'
	client_check "aarch64 host: Debian's amd64 minizip -9 passes zlib through to arm64's, archive as native" \
		"$nested/minizip.log" '
		cd "$nested" && rm -f native.zip passed.zip &&
		LD_LIBRARY_PATH=$amd64_libs "$native/usr/bin/minizip" -o -9 native.zip input.txt &&
		LD_LIBRARY_PATH=$amd64_libs "$on_aarch64_host" -v -- \
			"$native/usr/bin/minizip" -o -9 passed.zip input.txt 2>minizip-v.log &&
		grep -q "libz.so.1: passed through to the host.s /usr/lib/aarch64-linux-gnu/" minizip-v.log &&
		cmp native.zip passed.zip'
	client_check "aarch64 host: Debian's amd64 xmlwf passes libexpat through to arm64's, output as native" \
		"$nested/xmlwf.log" '
		rm -rf "$nested/xmlwf-native" "$nested/xmlwf-passed" &&
		mkdir "$nested/xmlwf-native" "$nested/xmlwf-passed" &&
		LD_LIBRARY_PATH=$amd64_libs "$native/usr/bin/xmlwf" -d "$nested/xmlwf-native" "$nested/input.xml" &&
		LD_LIBRARY_PATH=$amd64_libs "$on_aarch64_host" -v -- "$native/usr/bin/xmlwf" \
			-d "$nested/xmlwf-passed" "$nested/input.xml" 2>"$nested/xmlwf-v.log" &&
		grep -q "libexpat.so.1: passed through to the host.s /usr/lib/aarch64-linux-gnu/" "$nested/xmlwf-v.log" &&
		cmp "$nested/xmlwf-native/input.xml" "$nested/xmlwf-passed/input.xml"'
else
	skip "aarch64 host, nested QEMU" "the aarch64 host side did not build"
fi
