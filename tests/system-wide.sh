# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by tests/run.sh: dlcall without `dlcall run` (docs/system-wide.md):
# the plugin alone on QEMU's command line, and foreign programs started by
# the kernel through binfmt_misc.

wide=$logs/system-wide
rm -rf "$wide" && mkdir -p "$wide"
sh scripts/make-input.sh "$wide/input.txt" 1
sh scripts/fetch-clients.sh "$build" arm64 python3.11-minimal libpython3.11-minimal ||
	fail "downloading Debian's python3.11-minimal (arm64)"
arm64_bzip2=$build/clients/arm64/bin/bzip2
arm64_python=$build/clients/arm64/usr/bin/python3.11
"$build/clients/amd64/bin/bzip2" -9 -c "$wide/input.txt" >"$wide/native.bz2"

echo "# the plugin alone: QEMU's default aarch64 CPU, and the one dlcall needs"
alone="-plugin $build/lib/dlcall/plugin/libdlcall.so -L /usr/aarch64-linux-gnu
	-E LD_LIBRARY_PATH=$build/lib/dlcall/aarch64/bzip2
	-E DLCALL_HOST_DIR=$build/lib/dlcall/host"
# shellcheck disable=SC2086
one_line_error "aarch64 plugin alone, QEMU's default CPU (SVE): one line saying what to set" \
	"QEMU_CPU=max,sve=off,sme=off" \
	env -u QEMU_CPU qemu-aarch64 $alone "$arm64_bzip2" -9 -c "$wide/input.txt"
log=$wide/plugin-alone.log
# shellcheck disable=SC2086
if QEMU_CPU=max,sve=off,sme=off qemu-aarch64 $alone -E DLCALL_VERBOSE=1 \
	"$arm64_bzip2" -9 -c "$wide/input.txt" >"$wide/alone.bz2" 2>"$log" &&
	grep -q "libbz2.so.1.0: passed through" "$log" &&
	cmp "$wide/native.bz2" "$wide/alone.bz2" >>"$log" 2>&1; then
	pass "aarch64 plugin alone with QEMU_CPU=max,sve=off,sme=off: bzip2 passes libbz2 through, output as native"
else
	fail "aarch64 plugin alone with QEMU_CPU=max,sve=off,sme=off: bzip2 passes libbz2 through, output as native" "$log"
fi

echo "# the launcher started from a program of another ISA"
# An aarch64 program's QEMU_CPU and QEMU_LD_PREFIX (what dlcall sets for
# it, inherited by what it execs) must not reach a riscv64 program's QEMU.
log=$wide/other-isa.log
if QEMU_LD_PREFIX=/usr/aarch64-linux-gnu QEMU_CPU=max,sve=off,sme=off \
	"$dlcall" run -v -- "$build/guest-riscv64/tests/e2e/client" >"$wide/other-isa.out" 2>"$log" &&
	grep -q "^1\.\.[0-9]" "$wide/other-isa.out" && ! grep -q "^not ok" "$wide/other-isa.out" &&
	! grep -q "QEMU_CPU=max,sve=off" "$log" && ! grep -q "aarch64-linux-gnu" "$log"; then
	pass "riscv64 program started with aarch64's QEMU_CPU and QEMU_LD_PREFIX inherited: riscv64's own, all checks pass"
else
	fail "riscv64 program started with aarch64's QEMU_CPU and QEMU_LD_PREFIX inherited: riscv64's own, all checks pass" "$log"
fi

echo "# make install: a copy elsewhere runs on its own"
prefix=$wide/prefix
log=$wide/install.log
if sh scripts/install.sh "$build" "$prefix" >"$log" 2>&1 &&
	"$prefix/bin/dlcall" run -v -- "$arm64_bzip2" -9 -c "$wide/input.txt" \
		>"$wide/installed.bz2" 2>>"$log" &&
	grep -q "QEMU_PLUGIN=$prefix/lib/dlcall/plugin/libdlcall.so" "$log" &&
	grep -q "LD_LIBRARY_PATH=$prefix/lib/dlcall/aarch64/bzip2" "$log" &&
	grep -q "DLCALL_HOST_DIR=$prefix/lib/dlcall/host" "$log" &&
	grep -q "libbz2.so.1.0: passed through" "$log" &&
	cmp "$wide/native.bz2" "$wide/installed.bz2" >>"$log" 2>&1 &&
	"$prefix/bin/dlcall" list >>"$log" && ! "$prefix/bin/dlcall" list | grep -q dlcalltest &&
	sh scripts/install.sh --remove "$build" "$prefix" >>"$log" 2>&1 &&
	[ ! -e "$prefix/lib/dlcall" ] && [ ! -e "$prefix/bin/dlcall" ]; then
	pass "make install's copy runs arm64 bzip2 with its own plugin and thunks; uninstall removes it"
else
	fail "make install's copy runs arm64 bzip2 with its own plugin and thunks; uninstall removes it" "$log"
fi

echo "# binfmt_misc: foreign programs started directly"
binfmt_dir=/proc/sys/fs/binfmt_misc
# An entry as Debian's qemu-user-binfmt makes one: install must disable
# it, uninstall enable it again.
other_entry=qemu-aarch64-dlcalltest

# Why binfmt_misc cannot be tested here, or nothing.
binfmt_unavailable() {
	[ "$(id -u)" -eq 0 ] || { echo "not root"; return; }
	[ -e "$binfmt_dir/register" ] ||
		mount -t binfmt_misc binfmt_misc "$binfmt_dir" 2>/dev/null ||
		{ echo "binfmt_misc cannot be mounted on $binfmt_dir"; return; }
	[ "$(cat "$binfmt_dir/status")" = enabled ] || echo "binfmt_misc is disabled"
}

# Leaves binfmt_misc as it was, whatever happened.
binfmt_restore() {
	"$dlcall" binfmt uninstall >/dev/null 2>&1
	[ -e "$binfmt_dir/$other_entry" ] && echo -1 >"$binfmt_dir/$other_entry"
}

# binfmt_check NAME COMMANDS: client_check with a log in $wide, which the
# commands read as $log (the programs' stderr).
binfmt_check() {
	client_check "$1" "$wide/$(echo "$1" | tr -c 'a-zA-Z0-9\n' '_').log" "$2"
}

why=$(binfmt_unavailable)
if [ -n "$why" ]; then
	skip "binfmt install, direct runs, uninstall" "$why"
else
	trap binfmt_restore EXIT INT TERM
	[ -e "$binfmt_dir/$other_entry" ] && echo -1 >"$binfmt_dir/$other_entry"
	printf ':%s:M::\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00:\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:%s:\n' \
		"$other_entry" "$(command -v qemu-aarch64)" >"$binfmt_dir/register"
	launcher=$(readlink -f "$dlcall")
	binfmt_check "binfmt install: dlcall's entries registered, the other aarch64 entry disabled" '
		"$dlcall" binfmt install &&
		"$dlcall" binfmt status >"$wide/status" && cat "$wide/status" &&
		grep -qx "dlcall-aarch64: aarch64, enabled, interpreter $launcher, flags P, dlcall.s (this installation)" "$wide/status" &&
		grep -qx "dlcall-riscv64: riscv64, enabled, interpreter $launcher, flags P, dlcall.s (this installation)" "$wide/status" &&
		grep -q "^$other_entry: aarch64, disabled, .*disabled by dlcall binfmt install" "$wide/status"'
	binfmt_check "binfmt: arm64 bzip2 started directly passes libbz2 through, output as native" '
		DLCALL_VERBOSE=1 "$arm64_bzip2" -9 -c "$wide/input.txt" >"$wide/direct.bz2" &&
		grep -q "libbz2.so.1.0: passed through" "$log" &&
		cmp "$wide/native.bz2" "$wide/direct.bz2"'
	binfmt_check "binfmt: a shell pipeline of arm64 bzip2 -9 and bzip2 -d gives the input back" '
		sh -c "\"$arm64_bzip2\" -9 -c \"$wide/input.txt\" | \"$arm64_bzip2\" -d -c >\"$wide/round-trip.txt\"" &&
		cmp "$wide/input.txt" "$wide/round-trip.txt"'
	binfmt_check "binfmt: riscv64 client started directly passes through" '
		DLCALL_VERBOSE=1 "$build/guest-riscv64/tests/e2e/client" >"$wide/riscv64.out" &&
		grep -q "^1\.\.[0-9]" "$wide/riscv64.out" && ! grep "^not ok" "$wide/riscv64.out" &&
		grep -q "libdlcalltest.so.1: passed through" "$log"'
	# subprocess: fork and exec, or posix_spawn, of a foreign program
	# by a foreign program; its argv[0] is the one it was given.
	binfmt_check "binfmt: arm64 python3 runs arm64 bzip2 by subprocess, its argv[0] kept; zlib passes through" '
		DLCALL_VERBOSE=1 "$arm64_python" -S -c "
import subprocess, sys, zlib
data = open(sys.argv[1], \"rb\").read()
out = subprocess.run([\"bzip2-by-another-name\", \"-9\", \"-c\", sys.argv[1]], executable=sys.argv[2], stdout=subprocess.PIPE, check=True).stdout
print(zlib.crc32(out), zlib.crc32(open(sys.argv[3], \"rb\").read()))
print(subprocess.run([\"bzip2-by-another-name\", \"--help\"], executable=sys.argv[2], capture_output=True).stderr.decode().count(\"usage: bzip2-by-another-name \"))
" "$wide/input.txt" "$arm64_bzip2" "$wide/native.bz2" >"$wide/python.out" &&
		cat "$wide/python.out" &&
		[ "$(sed -n 1p "$wide/python.out" | tr " " "\n" | uniq | wc -l)" -eq 1 ] &&
		[ "$(sed -n 2p "$wide/python.out")" = 1 ] &&
		grep -q "libz.so.1: passed through" "$log" &&
		grep -q "libbz2.so.1.0: passed through" "$log"'
	# QEMU_CPU inherited from the arm64 program is aarch64's: the riscv64
	# QEMU would refuse it, so the launcher gives riscv64 its own.
	binfmt_check "binfmt: arm64 python3 runs our riscv64 client by subprocess; it passes through" '
		DLCALL_VERBOSE=1 "$arm64_python" -S -c "
import subprocess, sys
out = subprocess.run([sys.argv[1]], stdout=subprocess.PIPE, check=True).stdout.decode()
print(out.count(\"not ok\"), out.count(\"ok \"))
" "$build/guest-riscv64/tests/e2e/client" >"$wide/python-riscv64.out" &&
		cat "$wide/python-riscv64.out" &&
		[ "$(cut -d" " -f1 "$wide/python-riscv64.out")" = 0 ] &&
		[ "$(cut -d" " -f2 "$wide/python-riscv64.out")" -gt 0 ] &&
		grep -q "libdlcalltest.so.1: passed through" "$log"'
	binfmt_check "binfmt uninstall: dlcall's entries gone, the other entry enabled again" '
		"$dlcall" binfmt uninstall &&
		"$dlcall" binfmt status >"$wide/status-after" && cat "$wide/status-after" &&
		! grep -q "^dlcall-" "$wide/status-after" &&
		grep -q "^$other_entry: aarch64, enabled" "$wide/status-after"'
	binfmt_check "binfmt: after uninstall, arm64 bzip2 started directly runs emulated by the other entry" '
		DLCALL_VERBOSE=1 "$arm64_bzip2" -9 -c "$wide/input.txt" >"$wide/after.bz2" &&
		! grep -q "passed through" "$log" &&
		cmp "$wide/native.bz2" "$wide/after.bz2"'
	binfmt_restore
	trap - EXIT INT TERM
fi

. tests/rootfs.sh

echo "# make deb: the package installs, runs from /usr, registers binfmt on request, purges clean"

# Leaves the machine without the package, whatever happened.
deb_restore() {
	dpkg -s dlcall >/dev/null 2>&1 && apt-get purge -y dlcall >/dev/null 2>&1
	"$dlcall" binfmt uninstall >/dev/null 2>&1
}

if [ "$(id -u)" -ne 0 ]; then
	skip "make deb: install, run, purge" "not root"
elif dpkg -s dlcall >/dev/null 2>&1 || [ -e /usr/bin/dlcall ]; then
	skip "make deb: install, run, purge" "a dlcall is installed on this machine already"
else
	trap deb_restore EXIT INT TERM
	binfmt_check "make deb: apt installs the package; its dlcall runs arm64 bzip2 from /usr/lib/dlcall" '
		package=$(sh scripts/make-deb.sh "$build" | sed -n "s/^dlcall: wrote //p") &&
		echo "$package" && apt-get install -y "$package" &&
		/usr/bin/dlcall run -v -- "$arm64_bzip2" -9 -c "$wide/input.txt" >"$wide/deb.bz2" &&
		grep -q "QEMU_PLUGIN=/usr/lib/dlcall/plugin/libdlcall.so" "$log" &&
		grep -q "DLCALL_HOST_DIR=/usr/lib/dlcall/host" "$log" &&
		grep -q "libbz2.so.1.0: passed through" "$log" &&
		cmp "$wide/native.bz2" "$wide/deb.bz2" &&
		[ -e /usr/share/man/man1/dlcall.1.gz ] && [ -e /etc/default/dlcall ]'
	binfmt_check "deb: dlcall-binfmt.service, enabled, registers again at boot (systemd-analyze verify)" '
		systemd-analyze verify --man=no /lib/systemd/system/dlcall-binfmt.service &&
		[ -L /etc/systemd/system/multi-user.target.wants/dlcall-binfmt.service ]'
	if [ -z "$why" ]; then
		binfmt_check "deb: DLCALL_BINFMT=yes in /etc/default/dlcall registers /usr/bin/dlcall when configured" '
			sed -i "s/^DLCALL_BINFMT=no$/DLCALL_BINFMT=yes/" /etc/default/dlcall &&
			dpkg-reconfigure -f noninteractive dlcall &&
			/usr/bin/dlcall binfmt status >"$wide/deb-status" && cat "$wide/deb-status" &&
			grep -qx "dlcall-aarch64: aarch64, enabled, interpreter /usr/bin/dlcall, flags P, dlcall.s (this installation)" "$wide/deb-status"'
	fi
	binfmt_check "deb: purge removes the files, the boot unit and its link, dlcall's binfmt entries and /etc/default/dlcall" '
		apt-get purge -y dlcall &&
		[ ! -e /usr/bin/dlcall ] && [ ! -e /usr/lib/dlcall ] && [ ! -e /etc/default/dlcall ] &&
		[ ! -e /proc/sys/fs/binfmt_misc/dlcall-aarch64 ] &&
		[ ! -e /lib/systemd/system/dlcall-binfmt.service ] &&
		[ ! -L /etc/systemd/system/multi-user.target.wants/dlcall-binfmt.service ] &&
		[ ! -L /etc/systemd/system/dlcall-binfmt.service ]'
	deb_restore
	trap - EXIT INT TERM
fi
