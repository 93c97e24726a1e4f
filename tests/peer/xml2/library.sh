#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# libxml2.so.2 for a guest ISA that Debian 12 has no package for
# (riscv64), made by libxml2's own build from Debian's source tree, with
# Debian's features less the libraries it would need of that ISA (zlib,
# liblzma, ICU): the same soname and symbol versions.
#   library.sh SOURCE_TREE WORK_DIR HOST_TRIPLET OUTPUT...
# Each OUTPUT gets a copy of the library.
set -eu
source=$1
work=$2
triplet=$3
shift 3
outputs=""
for output in "$@"; do
	outputs="$outputs $(realpath -m "$output")"
done
mkdir -p "$work"
cd "$work"
[ -f Makefile ] || "$source/configure" --host="$triplet" --disable-static \
	--without-python --without-zlib --without-lzma --without-icu \
	--without-readline --without-history >configure.log 2>&1 ||
	{ echo "library.sh: libxml2's configure failed (see $work/configure.log)" >&2; exit 1; }
# Debian's patches touch Makefile.am: its rules must not run automake.
make ACLOCAL=true AUTOMAKE=true AUTOCONF=true libxml2.la >make.log 2>&1 ||
	{ echo "library.sh: building libxml2 failed (see $work/make.log)" >&2; exit 1; }
for output in $outputs; do
	cp .libs/libxml2.so.2.* "$output"
done
