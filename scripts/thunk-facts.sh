#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The facts the build needs about each library in thunks/, all derived
# from its spec and the real host library, in one place:
#   thunk-facts.sh THUNKS_DIR HOST_LIBDIR
# prints one line per thunks/NAME/NAME.spec, sorted by NAME:
#   NAME|SONAME|STEM|VERSION|SOVERSION|HOST_FILE|BUILT|CUSTOM_FILES|HELPER_FILES|GROUP
# STEM names the guest thunk (lib<STEM>.so.<VERSION>, the real library's
# own file name) and, unless the spec says host-file, the host thunk
# (lib<STEM>-host.so). VERSION is the real library's, from the file its
# soname links to. BUILT is "no" for a spec marked coverage-only.
# CUSTOM_FILES are the spec's hand-written hooks (guest side) and
# HELPER_FILES its host code (spec: helper, host-init), space-separated. GROUP names
# the libraries it passes through with (spec: group), space-separated.
set -eu
thunks=$1
libdir=$2

for spec in "$thunks"/*/*.spec; do
	name=$(basename "$(dirname "$spec")")
	[ "$spec" = "$thunks/$name/$name.spec" ] || continue
	soname=$(awk '$1 == "soname" { print $2; exit }' "$spec")
	[ -n "$soname" ] || { echo "thunk-facts: $spec: no soname" >&2; exit 1; }
	stem=${soname#lib}
	stem=${stem%%.so*}
	soversion=${soname##*.so.}
	[ "$soversion" != "$soname" ] || soversion=""
	real=$(readlink -f "$libdir/$soname" 2>/dev/null || true)
	version=${real##*/lib"$stem".so.}
	case $version in */* | "") version=$soversion ;; esac
	host_file=$(awk '$1 == "host-file" { print $2; exit }' "$spec")
	[ -n "$host_file" ] || host_file=lib$stem-host.so
	built=yes
	grep -q '^coverage-only' "$spec" && built=no
	# Guest code of ours: custom functions and owned blocks' sizes.
	customs=$(awk '$1 == "custom" { print $3 }
		$1 == "owned-result" && $3 == "sized" { print $5 }
		$1 == "owned-out" { print $4 }' "$spec" | sort -u | tr '\n' ' ')
	helpers=$(awk '$1 == "helper" || $1 == "host-init" { print $3 }' "$spec" | sort -u | tr '\n' ' ')
	group=$(awk '$1 == "group" { print $2 }' "$spec" | sort -u | tr '\n' ' ')
	echo "$name|$soname|$stem|$version|$soversion|$host_file|$built|${customs% }|${helpers% }|${group% }"
done
