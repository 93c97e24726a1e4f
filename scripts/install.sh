#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make install / make uninstall: copies the launcher and lib/dlcall (plugin,
# host runtime and thunks, the guest runtimes and thunks of every ISA) from
# the build tree to DEST, or removes them. The tree is relocatable: the
# launcher finds everything from its own path, guest thunks find their
# runtime by $ORIGIN. Our test library (dlcalltest) stays behind.
#   install.sh [--remove] BUILD DEST
set -eu
remove=false
[ "$1" = --remove ] && { remove=true; shift; }
build=$1
dest=$2
[ -n "$dest" ] || { echo "dlcall: install: no destination" >&2; exit 2; }

if $remove; then
	rm -f "$dest/bin/dlcall" "$dest/share/man/man1/dlcall.1"
	rm -rf "$dest/lib/dlcall"
	echo "dlcall: removed $dest/bin/dlcall and $dest/lib/dlcall"
	exit 0
fi
[ -x "$build/bin/dlcall" ] || { echo "dlcall: install: $build is not built; run make" >&2; exit 2; }
mkdir -p "$dest/bin" "$dest/lib"
rm -rf "$dest/lib/dlcall.new"
cp -a "$build/lib/dlcall" "$dest/lib/dlcall.new"
rm -rf "$dest"/lib/dlcall.new/*/dlcalltest "$dest"/lib/dlcall.new/host/libdlcalltest*
# Replace a previous installation whole, never half.
rm -rf "$dest/lib/dlcall"
mv "$dest/lib/dlcall.new" "$dest/lib/dlcall"
cp "$build/bin/dlcall" "$dest/bin/dlcall.new"
mv "$dest/bin/dlcall.new" "$dest/bin/dlcall"
mkdir -p "$dest/share/man/man1"
cp "$(dirname "$0")/../docs/dlcall.1" "$dest/share/man/man1/dlcall.1"
echo "dlcall: installed $dest/bin/dlcall and $dest/lib/dlcall"
