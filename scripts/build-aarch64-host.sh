#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The host side of dlcall for an aarch64 host, cross-built on this
# machine, and Debian's arm64 QEMU to run it in:
#   build-aarch64-host.sh BUILD
# BUILD/aarch64-host gets the plugin (lib/dlcall/plugin), the host runtime
# and the host thunks of libdlcalltest, zlib, libbz2 and libexpat
# (lib/dlcall/host), built by Meson with the build machine's generator
# (BUILD/thunkgen/thunkgen: `make build` first), and root/: Debian's
# arm64 qemu-user and its libraries, with libffi's arm64 headers, unpacked
# with dpkg -x (never installed). The real libraries are Debian's
# multiarch arm64 packages in /usr/lib/aarch64-linux-gnu (scripts/deps.sh).
# tests/aarch64-host.sh runs x86_64 programs through that QEMU started
# under qemu-aarch64: then our aarch64 code is the host.
set -eu
build=$(realpath "$1")
out=$build/aarch64-host
root=$out/root
# qemu-user:arm64 and what it depends on (apt-cache depends --recurse).
packages="qemu-user libc6 libgcc-s1 gcc-12-base libglib2.0-0 libcapstone4
libgnutls30 libgmp10 libhogweed6 libnettle8 libidn2-0 libunistring2
libp11-kit0 libtasn1-6 libffi8 libffi-dev libmount1 libblkid1 libselinux1
libpcre2-8-0 libnuma1 liburing2 zlib1g"

fetch_root() {
	stamp=$root/.fetched
	[ -f "$stamp" ] && return
	downloads=$out/downloads
	mkdir -p "$root" "$downloads"
	chmod 777 "$downloads" # apt's _apt user writes the files
	for package in $packages; do
		(cd "$downloads" && apt-get download -q "$package:arm64" >/dev/null 2>&1) || {
			echo "dlcall: cannot download $package:arm64 (apt-get update)" >&2
			exit 1
		}
	done
	for deb in "$downloads"/*_arm64.deb; do
		dpkg -x "$deb" "$root"
	done
	touch "$stamp"
}

# The cross file: Debian's aarch64 cross compiler, libffi's arm64 headers
# and link library from root/, the libraries' headers from /usr/include.
write_cross_file() {
	cat >"$out/cross.ini" <<EOF
[binaries]
c = 'aarch64-linux-gnu-gcc'
ar = 'aarch64-linux-gnu-ar'
strip = 'aarch64-linux-gnu-strip'

[built-in options]
c_args = ['-I$root/usr/include/aarch64-linux-gnu', '-idirafter', '/usr/include']
c_link_args = ['-L$root/usr/lib/aarch64-linux-gnu']

[host_machine]
system = 'linux'
cpu_family = 'aarch64'
cpu = 'aarch64'
endian = 'little'
EOF
}

fetch_root
[ -x "$build/thunkgen/thunkgen" ] || {
	echo "dlcall: $build/thunkgen/thunkgen is missing; run 'make' first" >&2
	exit 1
}
if [ ! -f "$out/meson/build.ninja" ]; then
	write_cross_file
	meson setup --cross-file "$out/cross.ini" --prefix="$out" --libdir=lib \
		-Drole=host -Dthunkgen="$build/thunkgen/thunkgen" \
		-Dhost_libraries=dlcalltest,zlib,bzip2,expat \
		"$out/meson" >"$out/meson-setup.log"
fi
ninja --quiet -C "$out/meson"
meson install -C "$out/meson" --no-rebuild --quiet >/dev/null
