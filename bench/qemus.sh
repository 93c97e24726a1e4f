#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The per-call cost on each QEMU we have (issue 19): Debian's 7.2 and the
# 10.0 scripts/build-qemu.sh builds (built here if missing), each through
# `dlcall run --qemu` with the plugin for its API version, and that 10.0
# with each filter plugin (--plugin libdlcall-v7.so, 11.1's API, and
# libdlcall-v6.so, 11.0's), in one run:
# the bare magic syscall, a pass-through call of a no-op and one callback
# round trip (bench/callcost.c), fast path and syscall path.
# Writes bench/results/DATE-HOST-qemus.{json,md} (in the JSON, "arch" is
# QEMU-ISA and "mode" the path).
#   bench/qemus.sh [BUILD]
set -eu
build=$(cd "${1:-build}" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
dlcall=$build/bin/dlcall
rounds=${ROUNDS:-7}
iterations=${ITERATIONS:-300000}
stamp=$(date -u +%Y-%m-%d)
host=$(hostname -s 2>/dev/null || echo host)
out=$root/bench/results/$stamp-$host-qemus
raw=$(mktemp)
mkdir -p "$root/bench/results"

sh "$root/scripts/build-qemu.sh" "$build/qemu-10.0" >&2
debian=$(dirname "$(command -v qemu-aarch64)")
plugins=$build/lib/dlcall/plugin

# The QEMUs: Debian's 7.2 (plugin API 1), the 10.0 build with the
# observer plugin (API 4) and with the filter plugins (APIs 7 and 6, our
# patch).
for round in $(seq "$rounds"); do
	for version in 7.2 10.0 10.0-filter 10.0-filter6; do
		dir=$build/qemu-10.0/bin
		plugin=
		case $version in
		7.2) dir=$debian ;;
		10.0-filter) plugin="--plugin $plugins/libdlcall-v7.so" ;;
		10.0-filter6) plugin="--plugin $plugins/libdlcall-v6.so" ;;
		esac
		for isa in x86_64 aarch64; do
			qemu=$dir/qemu-$isa
			for kind in syscall nothing callback; do
				for path in fast syscall-path; do
					[ "$kind" = syscall ] && [ $path = syscall-path ] && continue
					fast=on
					[ $path = syscall-path ] && fast=off
					# shellcheck disable=SC2086
					value=$(DLCALL_FAST=$fast "$dlcall" run --qemu "$qemu" $plugin -- \
						"$build/guest-$isa/bench/callcost" "$kind" "$iterations" 2>"$raw.err") &&
						case $value in '' | *[!0-9.]*) false ;; esac || {
						echo "bench: callcost $kind failed (QEMU $version, $isa, $path): $(head -n 3 "$raw.err")" >&2
						exit 1
					}
					echo "$kind $path $version-$isa $value" >>"$raw"
				done
			done
		done
	done
	echo "bench: qemus round $round of $rounds done" >&2
done

. "$root/bench/summary.sh"
summarize %.1f
write_json "$out.json" operation \
	"\"qemus\": \"$("$debian/qemu-aarch64" --version | head -n 1); $("$build/qemu-10.0/bin/qemu-aarch64" --version | head -n 1)\"," \
	"\"rounds\": $rounds, \"iterations\": $iterations, \"unit\": \"ns per operation\","
{
	echo "# Call cost per QEMU, $stamp on $host"
	echo
	echo "Debian's $("$debian/qemu-aarch64" --version | head -n 1) and $("$build/qemu-10.0/bin/qemu-aarch64" --version | head -n 1)"
	echo "(scripts/build-qemu.sh, with our syscall filter patch), each with the plugin for its API version (\`dlcall run --qemu\`: v1, v4)"
	echo "and the 10.0 build with the API-7 and API-6 filter plugins;"
	echo "$(nproc) cores; median of $rounds runs of $iterations operations; ns per operation."
	echo
	echo "| guest | operation | 7.2 fast path | 7.2 syscall path | 10.0 fast path | 10.0 syscall path | 10.0 filter: fast path | 10.0 filter: syscall path | 10.0 API-6 filter: fast path | 10.0 API-6 filter: syscall path | 10.0 / 7.2 (fast path) | filter / observer on 10.0 (syscall path) |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
	for isa in x86_64 aarch64; do
		for kind in syscall nothing callback; do
			old=$(figure "$kind" fast "7.2-$isa")
			new=$(figure "$kind" fast "10.0-$isa")
			slow=$(figure "$kind" syscall-path "10.0-$isa")
			filtered=$(figure "$kind" syscall-path "10.0-filter-$isa")
			[ "$kind" = syscall ] && slow=$new && filtered=$(figure "$kind" fast "10.0-filter-$isa")
			echo "| $isa | $kind | $old | $(figure "$kind" syscall-path "7.2-$isa") | $new | $(figure "$kind" syscall-path "10.0-$isa") | $(figure "$kind" fast "10.0-filter-$isa") | $(figure "$kind" syscall-path "10.0-filter-$isa") | $(figure "$kind" fast "10.0-filter6-$isa") | $(figure "$kind" syscall-path "10.0-filter6-$isa") | $(ratio "$new" "$old") | $(ratio "$filtered" "$slow") |"
		done
	done
	echo
	echo "syscall: the bare magic syscall (an operation the plugin rejects at once; it takes no fast path, so its figure"
	echo "is in the fast-path column); nothing: a pass-through call of a no-op; callback: one host-to-guest callback round"
	echo "trip. The syscall path is the same call with DLCALL_FAST=off. 10.0 filter: the same QEMU 10.0 build (with our"
	echo "patch adding QEMU 11.1's syscall filter API) and the API-7 filter plugin, which consumes the syscall instead of"
	echo "letting QEMU answer it -ENOSYS; API-6 filter: the same with the API-6 plugin (QEMU 11.0's signature)."
} >"$out.md"
rm -f "$raw" "$raw.err"
cat "$out.md"
echo "bench: wrote $out.json and $out.md" >&2
