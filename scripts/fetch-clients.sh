#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Downloads unmodified Debian programs used as test clients and extracts
# them under BUILD/clients/ARCH (never rebuilt):
#   fetch-clients.sh BUILD ARCH PACKAGE...
set -eu
build=$1
arch=$2
shift 2
root=$build/clients/$arch
stamp=$root/.fetched-$(echo "$@" | tr ' ' '+')
[ -f "$stamp" ] && exit 0
downloads=$build/clients/downloads
mkdir -p "$root" "$downloads"
chmod 777 "$downloads" # apt's _apt user writes the files
# A package of every architecture (Architecture: all, data) has no :ARCH.
for package in "$@"; do
	(cd "$downloads" && { apt-get download -q "$package:$arch" ||
		apt-get download -q "$package"; } >/dev/null 2>&1) ||
		{ echo "dlcall: cannot download $package:$arch (apt-get update, and 'dpkg --add-architecture $arch')" >&2; exit 1; }
done
for package in "$@"; do
	for deb in "$downloads/${package}"_*_"$arch".deb "$downloads/${package}"_*_all.deb; do
		[ -f "$deb" ] && dpkg -x "$deb" "$root"
	done
done
touch "$stamp"
