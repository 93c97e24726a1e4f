#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds QEMU 10.0's user-mode emulators qemu-x86_64, qemu-aarch64 and
# qemu-riscv64, with TCG plugins enabled, from Debian's source package
# with our syscall filter patch (scripts/qemu-10.0-syscall-filter.patch:
# QEMU 11.1's filter API, for the filter flavour of our plugin), into DIR
# (default build/qemu-10.0); the binaries land in DIR/bin, the plugin
# header in DIR/include. System emulation, docs, tools and the guest
# agent are not built. Nothing is done when DIR/bin/qemu-aarch64 already
# is such a QEMU 10.0.
#
# Usage: scripts/build-qemu.sh [DIR]
#
# The system's apt configuration is left alone: a private one in DIR/apt
# (its own sources list, package lists and cache, the system's Debian
# keyring) fetches the bookworm-backports source with `apt-get source`,
# or trixie's QEMU 10.0 when the mirror lacks the backport's files.
# Debian's source drops the meson wheel QEMU bundles, and bookworm's
# meson (1.0) is older than the 1.5 QEMU needs, so bookworm-backports'
# meson package is unpacked into a private venv (DIR/python) that QEMU's
# configure nests its own venv in; the firmware blobs Debian drops are
# not installed. Missing build dependencies are installed from the
# system's (bookworm) apt sources.
set -eu
dir=${1:-build/qemu-10.0}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
targets=x86_64-linux-user,aarch64-linux-user,riscv64-linux-user

patch_file=$(cd "$(dirname "$0")" && pwd)/qemu-10.0-syscall-filter.patch
patch_sum=$(sha256sum <"$patch_file" | cut -d' ' -f1)

# Whether DIR/bin holds all three, built with this very patch.
built() {
	[ "$(cat "$dir/bin/.dlcall-patch" 2>/dev/null)" = "$patch_sum" ] || return 1
	for program in qemu-x86_64 qemu-aarch64 qemu-riscv64; do
		"$dir/bin/$program" --version 2>/dev/null | grep -q 'version 10\.0' &&
			nm -D "$dir/bin/$program" | grep -q ' qemu_plugin_register_vcpu_syscall_filter_cb$' ||
			return 1
	done
}
if built; then
	echo "build-qemu.sh: $dir/bin already holds QEMU 10.0 with this patch, nothing to do:" \
		"$("$dir/bin/qemu-aarch64" --version | head -n 1)"
	exit 0
fi

now() { date +%s; }
start=$(now)

# Build dependencies, from the system's apt sources (bookworm).
packages="build-essential dpkg-dev xz-utils pkg-config ninja-build python3
python3-venv libglib2.0-dev zlib1g-dev"
missing=""
for package in $packages; do
	dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null |
		grep -q '^install ok installed' || missing="$missing $package"
done
if [ -n "$missing" ]; then
	echo "build-qemu.sh: installing$missing"
	apt-get update -q
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends $missing
fi

# The private apt configuration.
apt=$dir/apt
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/parts" \
	"$apt/preferences.d" "$dir/src"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
arch=$(dpkg --print-architecture)
cat >"$apt/sources.list" <<EOF
deb-src [signed-by=$keyring] http://deb.debian.org/debian bookworm-backports main
deb-src [signed-by=$keyring] http://deb.debian.org/debian trixie main
deb [signed-by=$keyring arch=$arch] http://deb.debian.org/debian bookworm-backports main
EOF
cat >"$apt/apt.conf" <<EOF
Dir::Etc::SourceList "$apt/sources.list";
Dir::Etc::SourceParts "$apt/parts";
Dir::Etc::PreferencesParts "$apt/preferences.d";
Dir::State "$apt";
Dir::State::Lists "$apt/lists";
Dir::State::status "/var/lib/dpkg/status";
Dir::Cache "$apt/cache";
APT::Sandbox::User "root";
EOF
private_apt() { APT_CONFIG=$apt/apt.conf apt-get -q "$@"; }

fetch_start=$(now)
updated=no
update() {
	[ $updated = yes ] && return 0
	private_apt update >"$apt/update.log" 2>&1 || {
		echo "build-qemu.sh: apt-get update failed (see $apt/update.log)" >&2
		exit 1
	}
	updated=yes
}

# The extracted source, unless it holds another patch or a half-applied
# one (then it is extracted again); never dpkg-source's *.orig* leftovers.
source_dir() {
	find "$dir/src" -mindepth 1 -maxdepth 1 -type d -name 'qemu-10.0*' \
		! -name '*.orig*' | sort | tail -n 1
}
src=$(source_dir)
if [ -n "$src" ] && [ "$(cat "$src/.dlcall-syscall-filter" 2>/dev/null)" != "$patch_sum" ] &&
	! patch -d "$src" -p1 --dry-run --batch --forward <"$patch_file" >/dev/null 2>&1; then
	echo "build-qemu.sh: $src holds another patch: extracting it again"
	rm -rf "$src"
	src=
fi
if [ -z "$src" ] && [ -z "$(find "$dir/src" -maxdepth 1 -name 'qemu_*.dsc')" ]; then
	update
	: >"$apt/source.log"
	for suite in bookworm-backports trixie; do
		echo "build-qemu.sh: downloading qemu/$suite's source"
		if (cd "$dir/src" && private_apt source --download-only "qemu/$suite") \
			>>"$apt/source.log" 2>&1; then
			break
		fi
		echo "build-qemu.sh: qemu/$suite: $(grep '^E:' "$apt/source.log" | head -n 1)"
		rm -f "$dir"/src/qemu_*
	done
fi
if [ -z "$src" ]; then
	dsc=$(find "$dir/src" -maxdepth 1 -name 'qemu_*.dsc' | sort | tail -n 1)
	[ -n "$dsc" ] || {
		echo "build-qemu.sh: no qemu source could be downloaded (see $apt/source.log)" >&2
		exit 1
	}
	(cd "$dir/src" && dpkg-source -x "$dsc") >"$apt/dpkg-source.log" 2>&1 || {
		find "$dir/src" -mindepth 1 -maxdepth 1 -type d -exec rm -rf {} +
		echo "build-qemu.sh: dpkg-source -x failed (see $apt/dpkg-source.log)" >&2
		exit 1
	}
	src=$(source_dir)
fi
echo "build-qemu.sh: source $(sed -n 's/^Version: //p' "$dir"/src/qemu_*.dsc | tail -n 1) in $src"
if [ "$(cat "$src/.dlcall-syscall-filter" 2>/dev/null)" != "$patch_sum" ]; then
	patch -d "$src" -p1 --batch --forward <"$patch_file" >"$dir/patch.log" 2>&1 || {
		cat "$dir/patch.log" >&2
		rm -rf "$src"
		echo "build-qemu.sh: $patch_file does not apply" >&2
		exit 1
	}
	echo "$patch_sum" >"$src/.dlcall-syscall-filter"
	echo "build-qemu.sh: applied $(basename "$patch_file")"
fi

# Meson >= 1.5 in a private venv (system python3, which has python3-venv,
# not a version manager's that may come first on PATH).
python=$dir/python
if ! "$python/bin/python3" -c 'import mesonbuild' 2>/dev/null; then
	update
	rm -rf "$python" "$apt/meson"
	mkdir -p "$apt/meson"
	(cd "$apt/meson" && private_apt download meson/bookworm-backports) \
		>"$apt/meson.log" 2>&1 || {
		echo "build-qemu.sh: cannot download meson (see $apt/meson.log)" >&2
		exit 1
	}
	dpkg-deb -x "$apt"/meson/meson_*.deb "$apt/meson/root"
	/usr/bin/python3 -m venv --system-site-packages --without-pip "$python"
	site=$("$python/bin/python3" -c 'import sysconfig; print(sysconfig.get_path("purelib"))')
	cp -r "$apt"/meson/root/usr/lib/python3/dist-packages/. "$site/"
fi
echo "build-qemu.sh: meson $("$python/bin/python3" -c \
	'from mesonbuild import coredata; print(coredata.version)')"
fetch_end=$(now)

configure_start=$(now)
rm -rf "$dir/obj"
mkdir -p "$dir/obj"
(cd "$dir/obj" && "$src/configure" --prefix="$dir" \
	--python="$python/bin/python3" --target-list="$targets" \
	--enable-plugins --disable-system --enable-linux-user \
	--disable-docs --disable-tools --disable-guest-agent \
	--disable-download --disable-install-blobs --disable-werror) \
	>"$dir/configure.log" 2>&1 || {
	tail -n 30 "$dir/configure.log" >&2
	echo "build-qemu.sh: configure failed (see $dir/configure.log)" >&2
	exit 1
}
configure_end=$(now)

build_start=$(now)
rm -f "$dir/bin/.dlcall-patch"
(cd "$dir/obj" && make -j2 && make install) >"$dir/build.log" 2>&1 || {
	tail -n 30 "$dir/build.log" >&2
	echo "build-qemu.sh: build failed (see $dir/build.log)" >&2
	exit 1
}
build_end=$(now)

# Check the result: the three emulators run, and load a plugin (QEMU's
# own empty test plugin).
for program in qemu-x86_64 qemu-aarch64 qemu-riscv64; do
	"$dir/bin/$program" --version | grep -q 'version 10\.0' &&
		nm -D "$dir/bin/$program" | grep -q ' qemu_plugin_register_vcpu_syscall_filter_cb$' || {
		echo "build-qemu.sh: $dir/bin/$program is not QEMU 10.0 with the syscall filter" >&2
		exit 1
	}
done
"$dir/bin/qemu-aarch64" --version | head -n 1
empty=$dir/obj/tests/tcg/plugins/libempty.so
if [ -f "$empty" ]; then
	"$dir/bin/qemu-x86_64" -plugin "$empty" /bin/true || {
		echo "build-qemu.sh: qemu-x86_64 -plugin $empty /bin/true failed" >&2
		exit 1
	}
	echo "build-qemu.sh: qemu-x86_64 -plugin libempty.so /bin/true works"
fi

echo "$patch_sum" >"$dir/bin/.dlcall-patch"
echo "build-qemu.sh: fetch $((fetch_end - fetch_start)) s," \
	"configure $((configure_end - configure_start)) s," \
	"build $((build_end - build_start)) s," \
	"total $((build_end - start)) s"
