#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs the Debian packages dlcall needs, when any is missing.
# Debian 12: qemu-user 7.2, cross compilers and libcs for the guest ISAs,
# libffi, libclang, meson and ninja; valgrind and gnuplot for make bench;
# clang and its sanitizer runtimes (libFuzzer) for make fuzz; file and
# fakeroot for make deb; mmdebstrap for the arm64 root file system test.
# Multiarch arm64 is enabled for the Debian arm64 programs used as test
# clients (and their libraries, emulated; Mesa's for the GL clients);
# Xvfb is the X server the X11 and GL tests start.
set -eu

packages="build-essential meson ninja-build pkg-config libffi-dev
libclang-14-dev qemu-user gcc-aarch64-linux-gnu
gcc-riscv64-linux-gnu libc6-dev-arm64-cross
libc6-dev-riscv64-cross zlib1g-dev zlib1g:arm64
libbz2-dev libbz2-1.0:arm64 libexpat1-dev libexpat1:arm64
liblzma-dev liblzma5:arm64 xz-utils libzstd-dev libzstd1:arm64
libsqlite3-dev libsqlite3-0:arm64 tcl libreadline8:arm64
libxml2-dev libxml2:arm64 libxml2-utils
libssl-dev libssl-dev:arm64 openssl
libx11-dev libx11-xcb-dev libxcb1-dev libxext-dev libgl-dev
libxtst-dev libxxf86vm-dev libxxf86dga-dev libxi-dev libxrender-dev
libxcomposite-dev libxinerama-dev libxrandr-dev libxfixes-dev
libxdamage-dev libxss-dev libxcursor-dev
xvfb mesa-utils x11-utils x11-apps libgl1-mesa-dri libglx-mesa0
libx11-6:arm64 libx11-xcb1:arm64 libxcb1:arm64 libxext6:arm64
libxtst6:arm64 libxxf86vm1:arm64 libxxf86dga1:arm64 libxi6:arm64
libxrender1:arm64 libxcomposite1:arm64 libxinerama1:arm64
libxrandr2:arm64 libxfixes3:arm64 libxdamage1:arm64 libxss1:arm64
libxcursor1:arm64 libxcb-shape0:arm64 libjpeg62-turbo:arm64 libpng16-16:arm64
libjpeg62-turbo libpng16-16 libxt6:arm64 libxmu6:arm64 libxaw7:arm64
libxft2:arm64 libsm6:arm64 libice6:arm64 libxpm4:arm64 libxcb-present0:arm64
libxcb-xfixes0:arm64 libxcb-damage0:arm64 libxkbfile1:arm64
libgl1:arm64 libglx-mesa0:arm64 libgl1-mesa-dri:arm64 libopengl0:arm64
libopengl0 libegl-dev libgles-dev libegl-mesa0 libegl1:arm64 libgles1:arm64
libgles2:arm64 libegl-mesa0:arm64 libvulkan-dev mesa-vulkan-drivers
libvulkan1:arm64 mesa-vulkan-drivers:arm64 glslang-tools
libsdl2-dev libsdl2-2.0-0:arm64 libopenal-dev libopenal1:arm64 libpng-dev
libjpeg62-turbo-dev libvorbis-dev libogg-dev libvorbisfile3:arm64 libflac12
libfreetype-dev libfreetype6:arm64 fonts-dejavu-core libharfbuzz-dev
libharfbuzz0b:arm64 libharfbuzz-subset0:arm64 xdotool
valgrind gnuplot-nox clang-14 libclang-rt-14-dev file fakeroot mmdebstrap"
# make coverage: the headers of the libraries whose specs it checks.
if [ "${1:-}" = coverage ]; then
	packages="$packages libasound2-dev"
fi
# The game tests (tests/games.sh): SuperTuxKart natively, its data (630 MB,
# shared with the arm64 build) and the arm64 build's libraries.
if [ "${1:-}" = games ]; then
	packages="$packages supertuxkart supertuxkart-data libbluetooth3:arm64
libcurl3-gnutls:arm64 libfreetype6:arm64 libharfbuzz0b:arm64
libmbedcrypto7:arm64 libmcpp0:arm64 libsquish0:arm64 libstdc++6:arm64
libvorbisfile3:arm64"
fi

missing=""
for package in $packages; do
	status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
	case "$status" in
	*"install ok installed"*) ;;
	*) missing="$missing $package" ;;
	esac
done
arm64_enabled=yes
dpkg --print-foreign-architectures | grep -qx arm64 || arm64_enabled=no

if [ -z "$missing" ] && [ "$arm64_enabled" = yes ]; then
	exit 0
fi

as_root=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		as_root=sudo
	else
		echo "dlcall: missing Debian packages:$missing; run 'make deps' as root" >&2
		exit 1
	fi
fi

echo "dlcall: installing:${missing:- (none)}${missing:+}"
[ "$arm64_enabled" = yes ] || $as_root dpkg --add-architecture arm64
$as_root apt-get update -q
if [ -n "$missing" ]; then
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -q --no-install-recommends $missing
fi
