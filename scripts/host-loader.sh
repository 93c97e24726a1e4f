#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Prints the host's dynamic loader at its canonical path (the one that
# has no symbolic link in it, /usr/lib/TRIPLE/... on Debian): the only
# place a foreign root file system prepared by `dlcall rootfs` has it.
interpreter=$(readelf -l /bin/sh | sed -n 's/.*interpreter: \(.*\)]$/\1/p')
[ -n "$interpreter" ] || { echo "host-loader.sh: /bin/sh names no dynamic loader" >&2; exit 1; }
readlink -f "$interpreter"
