#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# SQLite's amalgamation (sqlite3.c, sqlite3.h) from Debian's source tree,
# made by SQLite's own build (configure, then `make sqlite3.c`, which
# needs tclsh) in a directory of its own:
#   amalgamation.sh SOURCE_TREE WORK_DIR SQLITE3_C SQLITE3_H
set -eu
source=$1
work=$2
c_file=$(realpath "$3")
h_file=$(realpath "$4")
mkdir -p "$work"
cd "$work"
[ -f Makefile ] || "$source/configure" >configure.log 2>&1 ||
	{ echo "amalgamation: SQLite's configure failed (see $work/configure.log)" >&2; exit 1; }
make sqlite3.c >make.log 2>&1 ||
	{ echo "amalgamation: make sqlite3.c failed (see $work/make.log)" >&2; exit 1; }
cp sqlite3.c "$c_file"
cp sqlite3.h "$h_file"
