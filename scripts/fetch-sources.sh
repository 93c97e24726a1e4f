#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Downloads Debian's source packages of the pass-through libraries (zlib,
# bzip2, expat, xz-utils, libzstd, sqlite3, libxml2, openssl, libsdl2, libpng1.6) with `apt-get source` and
# unpacks them into BUILD/sources/,
# for the libraries' own test programs (tests/peer). The system's apt
# configuration is left alone: a private deb-src list and private package
# lists live in BUILD/sources/apt/.
#
# BUILD/sources/NAME links to the unpacked tree; BUILD/sources/versions
# says which source version each came from.
set -eu
build=${1:-build}
mkdir -p "$build/sources"
sources=$(cd "$build/sources" && pwd)
packages="zlib bzip2 expat xz-utils libzstd sqlite3 libxml2 openssl libsdl2 libpng1.6"

missing=""
for package in $packages; do
	[ -d "$sources/$package/" ] || missing="$missing $package"
done
[ -z "$missing" ] && exit 0

apt=$sources/apt
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
cat >"$apt/sources.list" <<EOF
deb-src [signed-by=$keyring] http://deb.debian.org/debian bookworm main
deb-src [signed-by=$keyring] http://deb.debian.org/debian bookworm-updates main
deb-src [signed-by=$keyring] http://deb.debian.org/debian-security bookworm-security main
EOF
apt_options="-q -o Dir::Etc::SourceList=$apt/sources.list
-o Dir::Etc::SourceParts=/nonexistent -o Dir::State::Lists=$apt/lists
-o Dir::Cache=$apt/cache -o APT::Sandbox::User=root"

echo "dlcall: downloading Debian source packages:$missing"
# shellcheck disable=SC2086
apt-get $apt_options update >"$apt/update.log" 2>&1 || {
	echo "dlcall: cannot read Debian's source package lists (see $apt/update.log)" >&2
	exit 1
}
cd "$sources"
for package in $missing; do
	# The newest version first; a security update whose source the
	# mirror lacks falls back to the release's own version.
	# shellcheck disable=SC2086
	if ! apt-get $apt_options source "$package" >"$apt/$package.log" 2>&1 &&
		! apt-get $apt_options source "$package/bookworm" \
			>>"$apt/$package.log" 2>&1; then
		echo "dlcall: cannot download the source of $package (see $apt/$package.log)" >&2
		exit 1
	fi
	directory=$(ls -d "$package"-[0-9]*/ | tail -n 1)
	ln -sfn "${directory%/}" "$package"
	version=$(sed -n 's/^Version: //p' "$package"_*.dsc | tail -n 1)
	echo "$package $version" >>versions
done
