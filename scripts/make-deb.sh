#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make deb: a Debian package of the launcher, plugin, runtimes and thunks
# for every guest ISA, from the build tree (scripts/install.sh into /usr),
# stripped, written to BUILD/dlcall_VERSION_ARCH.deb. docs/system-wide.md
# says what its maintainer scripts do.
#   make-deb.sh BUILD
set -eu
build=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n "s/^  version: '\([^']*\)',$/\1/p" "$root/meson.build")
arch=$(dpkg --print-architecture)
stage=$build/deb/dlcall
out=$build/dlcall_${version}_$arch.deb

rm -rf "$stage"
sh "$root/scripts/install.sh" "$build" "$stage/usr" >/dev/null

# Each ELF file with the strip of its machine.
find "$stage/usr" -type f | while read -r file; do
	case $(file -b "$file") in
	*ELF*x86-64*) strip --strip-unneeded "$file" ;;
	*ELF*aarch64*) aarch64-linux-gnu-strip --strip-unneeded "$file" ;;
	*ELF*RISC-V*) riscv64-linux-gnu-strip --strip-unneeded "$file" ;;
	esac
done

# Libraries are not programs (Debian policy 8.1: no execute bit).
find "$stage/usr/lib" -type f -name '*.so*' -exec chmod 644 {} +
gzip -9n "$stage/usr/share/man/man1/dlcall.1"
mkdir -p "$stage/usr/share/lintian/overrides"
cat >"$stage/usr/share/lintian/overrides/dlcall" <<'EOF'
# The guest runtime and thunks for arm64 and riscv64 programs: the guest's
# dynamic loader loads them into programs QEMU runs; they are of those ISAs
# on purpose, and lintian reads their dependencies as amd64 ones.
dlcall: binary-from-other-architecture [usr/lib/dlcall/aarch64/*]
dlcall: binary-from-other-architecture [usr/lib/dlcall/riscv64/*]
dlcall: library-not-linked-against-libc [usr/lib/dlcall/aarch64/*]
dlcall: library-not-linked-against-libc [usr/lib/dlcall/riscv64/*]
# A guest thunk that calls no C library function (every call goes to the
# guest runtime) is linked with --as-needed and so without libc.
dlcall: library-not-linked-against-libc [usr/lib/dlcall/x86_64/*]
# Host thunks must load the real library from the system's directory even
# when LD_LIBRARY_PATH names the guest thunk of the same soname (the
# guest's, inherited): DT_RPATH, unlike DT_RUNPATH, comes before it.
dlcall: custom-library-search-path RPATH /usr/lib/x86_64-linux-gnu [usr/lib/dlcall/host/*]
EOF

doc=$stage/usr/share/doc/dlcall
mkdir -p "$doc" "$stage/DEBIAN" "$stage/etc/default"
cat >"$doc/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: dlcall

Files: *
Copyright: 2026 the dlcall authors
License: GPL-2.0-or-later
 On Debian systems, the full text of the GNU General Public License
 version 2 can be found in /usr/share/common-licenses/GPL-2.
EOF
printf 'dlcall (%s) unstable; urgency=medium\n\n  * Built from %s.\n\n -- dlcall maintainers <%s>  %s\n' \
	"$version" "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo source)" \
	"maintainers@dlcall.invalid" "$(date -R -u)" | gzip -9n >"$doc/changelog.gz"

cat >"$stage/etc/default/dlcall" <<'EOF'
# dlcall: set DLCALL_BINFMT=yes and run "dpkg-reconfigure dlcall" (or
# "dlcall binfmt install") to start foreign programs through dlcall.
DLCALL_BINFMT=no
EOF
echo /etc/default/dlcall >"$stage/DEBIAN/conffiles"

# binfmt_misc forgets at every boot: this unit registers again, after
# Debian's own registrations (so that it can disable them), when
# /etc/default/dlcall asks for it.
mkdir -p "$stage/lib/systemd/system"
cat >"$stage/lib/systemd/system/dlcall-binfmt.service" <<'EOF'
[Unit]
Description=Start foreign programs through dlcall (binfmt_misc)
Documentation=man:dlcall(1)
After=systemd-binfmt.service binfmt-support.service proc-sys-fs-binfmt_misc.mount
ConditionPathExists=/etc/default/dlcall

[Service]
Type=oneshot
RemainAfterExit=yes
EnvironmentFile=/etc/default/dlcall
ExecCondition=/bin/sh -c 'test "$DLCALL_BINFMT" = yes'
ExecStart=/usr/bin/dlcall binfmt install
ExecStop=/usr/bin/dlcall binfmt uninstall

[Install]
WantedBy=multi-user.target
EOF

cat >"$stage/DEBIAN/postinst" <<'EOF'
#!/bin/sh
set -e
# binfmt_misc registration, only when /etc/default/dlcall asks for it.
if [ "$1" = configure ] && [ -r /etc/default/dlcall ]; then
	. /etc/default/dlcall
	[ "${DLCALL_BINFMT:-no}" = yes ] && dlcall binfmt install || true
	# At boot, dlcall-binfmt.service does the same. Enabled on the first
	# installation; an administrator's "systemctl disable" is kept, and
	# the mask a removal left is lifted.
	if command -v deb-systemd-helper >/dev/null; then
		deb-systemd-helper unmask dlcall-binfmt.service >/dev/null || true
		if deb-systemd-helper --quiet was-enabled dlcall-binfmt.service; then
			deb-systemd-helper enable dlcall-binfmt.service >/dev/null || true
		else
			deb-systemd-helper update-state dlcall-binfmt.service >/dev/null || true
		fi
	fi
	if [ -d /run/systemd/system ]; then
		systemctl --system daemon-reload >/dev/null || true
	fi
fi
EOF
cat >"$stage/DEBIAN/prerm" <<'EOF'
#!/bin/sh
set -e
# Removes dlcall's binfmt entries and enables the ones it disabled.
if [ "$1" = remove ] || [ "$1" = deconfigure ]; then
	dlcall binfmt uninstall >/dev/null 2>&1 || true
fi
EOF
cat >"$stage/DEBIAN/postrm" <<'EOF'
#!/bin/sh
set -e
if [ "$1" = remove ] && command -v deb-systemd-helper >/dev/null; then
	deb-systemd-helper mask dlcall-binfmt.service >/dev/null || true
fi
if [ "$1" = purge ]; then
	rm -rf /run/dlcall
	if command -v deb-systemd-helper >/dev/null; then
		deb-systemd-helper purge dlcall-binfmt.service >/dev/null || true
		deb-systemd-helper unmask dlcall-binfmt.service >/dev/null || true
	fi
fi
EOF
chmod 755 "$stage/DEBIAN/postinst" "$stage/DEBIAN/prerm" "$stage/DEBIAN/postrm"

size=$(du -sk "$stage/usr" | cut -f1)
cat >"$stage/DEBIAN/control" <<EOF
Package: dlcall
Version: $version
Architecture: $arch
Maintainer: dlcall maintainers <maintainers@dlcall.invalid>
Installed-Size: $size
Depends: qemu-user (>= 1:7.2), libc6, libffi8
Section: otherosfs
Priority: optional
Homepage: https://dlcall.invalid/
Description: run foreign Linux programs under qemu-user with native libraries
 dlcall makes programs of another architecture (arm64, riscv64, x86_64)
 running under QEMU's user-mode emulation call the host's native shared
 libraries (zlib, expat, OpenSSL, X11, GL, Vulkan, SDL 2 ...) instead of
 emulating them, callbacks included. "dlcall run PROG" starts one program;
 "dlcall binfmt install" makes every foreign program start through it,
 "dlcall rootfs ROOT" every program of a foreign chroot.
EOF
fakeroot dpkg-deb -Zxz -z6 --build "$stage" "$out" >/dev/null
echo "dlcall: wrote $out"
