#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make bench, end to end: Debian's unmodified programs on deterministic
# inputs, native (the amd64 build on the host), plain emulation and
# pass-through (arm64 and amd64 builds), interleaved in each round so that
# machine drift touches every mode alike. Checks that every mode's output
# is the same, then writes bench/results/<date>-<host>-programs.{json,md}
# with median/min/max seconds over ROUNDS runs and the ratios.
set -eu
build=$(cd "${1:-build}" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
dlcall=$build/bin/dlcall
rounds=${ROUNDS:-5}
stamp=$(date -u +%Y-%m-%d)
host=$(hostname -s 2>/dev/null || echo host)
out=$root/bench/results/$stamp-$host-programs
work=$build/bench-programs
raw=$work/times
mkdir -p "$work" "$root/bench/results"
: >"$raw"

for arch in arm64 amd64; do
	sh "$root/scripts/fetch-clients.sh" "$build" "$arch" minizip libminizip1 bzip2 expat
	sh "$root/scripts/fetch-clients.sh" "$build" "$arch" pigz xz-utils
	sh "$root/scripts/fetch-clients.sh" "$build" "$arch" libxml2-utils
	sh "$root/scripts/fetch-clients.sh" "$build" "$arch" python3.11-minimal libpython3.11-minimal
done
[ -f "$work/input.txt" ] || sh "$root/scripts/make-input.sh" "$work/input.txt" 64
[ -f "$work/input.xml" ] || sh "$root/scripts/make-xml.sh" "$work/input.xml" 16
head -c 16777216 "$work/input.txt" >"$work/input16.txt"
# Decompression inputs, 64 MiB of text, made natively once.
[ -f "$work/input.xz" ] || xz -6 -T2 -c "$work/input.txt" >"$work/input.xz"
[ -f "$work/input.zst" ] ||
	"$build/guest-x86_64/tests/peer/zstd/zstd" -q -19 -T2 -c "$work/input.txt" >"$work/input.zst"

# run PROGRAM MODE ARCH: one timed run, output in $work/out-PROGRAM-MODE-ARCH
run() {
	clients=$build/clients/$3
	libdir=$(ls -d "$clients"/usr/lib/*-linux-gnu)
	result=$work/out-$1-$2-$3
	case $2 in
	native) launch="" ;;
	emulated) launch="$dlcall run --emulate --" ;;
	pass-through) launch="$dlcall run --" ;;
	# Every call by the magic syscall, no fast path (docs/design.md).
	syscall-path) launch="env DLCALL_FAST=off $dlcall run --" ;;
	esac
	# zstd: Debian's links libzstd statically; the program built from
	# Debian's source for each ISA (tests/peer/zstd) links it dynamically.
	guest_build=$build/guest-$([ "$3" = arm64 ] && echo aarch64 || echo x86_64)
	zstd=$guest_build/tests/peer/zstd/zstd
	rm -rf "$result" && mkdir -p "$result"
	start=$(date +%s.%N)
	case $1 in
	minizip) (cd "$result" && cp -p "$work/input.txt" . &&
		LD_LIBRARY_PATH=$libdir $launch "$clients/usr/bin/minizip" -o -9 out.zip input.txt >/dev/null &&
		rm input.txt) ;;
	bzip2) $launch "$clients/bin/bzip2" -9 -c "$work/input16.txt" >"$result/out.bz2" ;;
	xmlwf) $launch "$clients/usr/bin/xmlwf" -d "$result" "$work/input.xml" ;;
	# libxml2: the reader (one call per node, no callbacks) and the
	# tree parser with its SAX callbacks inside the library.
	xmllint-stream) $launch "$clients/usr/bin/xmllint" --stream --noout "$work/input.xml" ;;
	xmllint-dom) $launch "$clients/usr/bin/xmllint" --noout "$work/input.xml" ;;
	pigz-p*) $launch "$clients/usr/bin/pigz" -9 -p "${1#pigz-p}" -c "$work/input16.txt" >"$result/out.gz" ;;
	xz-9) $launch "$clients/usr/bin/xz" -9 -T1 -c "$work/input16.txt" >"$result/out.xz" ;;
	xz-d) $launch "$clients/usr/bin/xz" -d -c "$work/input.xz" >"$result/out.txt" ;;
	zstd-19) $launch "$zstd" -q -19 -T1 -c "$work/input16.txt" >"$result/out.zst" ;;
	zstd-d) $launch "$zstd" -q -d -c "$work/input.zst" >"$result/out.txt" ;;
	# Python's start-up (zlib and expat pass through): mostly the
	# translation of its code, which the fast path's translation
	# callback makes slower; the syscall path has none.
	python-start) $launch "$clients/usr/bin/python3.11" -S -c \
		"import zlib; print(zlib.crc32(b'dlcall'))" >"$result/out.txt" ;;
	# SQLite's speedtest1 (built from Debian's source): the database it
	# leaves is the same bytes in every mode.
	speedtest1) (cd "$result" &&
		$launch "$guest_build/tests/peer/sqlite3/sqlite-speedtest1" --size 25 out.db >/dev/null) ;;
	esac
	end=$(date +%s.%N)
	echo "$1 $2 $3 $start $end" | awk '{ printf "%s %s %s %.3f\n", $1, $2, $3, $5 - $4 }' >>"$raw"
}

# pigz: zlib from 1 and 2 threads (scaling needs cores; this machine's
# count is in the results).
programs=${PROGRAMS:-"minizip bzip2 xmlwf xmllint-stream xmllint-dom pigz-p1 pigz-p2 xz-9 xz-d zstd-19 zstd-d speedtest1 python-start"}
for round in $(seq "$rounds"); do
	for program in $programs; do
		run "$program" native amd64
		for arch in arm64 amd64; do
			run "$program" emulated "$arch"
			run "$program" syscall-path "$arch"
			run "$program" pass-through "$arch"
		done
		for result in "$work"/out-"$program"-*; do
			diff -r "$work/out-$program-native-amd64" "$result" >/dev/null ||
				{ echo "bench: $program: $(basename "$result") differs from native" >&2; exit 1; }
		done
	done
	echo "bench: programs, round $round of $rounds done" >&2
done

. "$root/bench/summary.sh"
summarize %.3f

write_json "$out.json" program \
	"\"inputs\": {\"minizip\": \"64 MiB text, -9\", \"bzip2\": \"16 MiB text, -9\", \"xmlwf\": \"16 MiB XML, -d\", \"xmllint-stream\": \"16 MiB XML, --stream --noout\", \"xmllint-dom\": \"16 MiB XML, --noout\", \"pigz-pN\": \"16 MiB text, -9 -p N\", \"xz-9\": \"16 MiB text, -9 -T1\", \"xz-d\": \"64 MiB text, xz -6\", \"zstd-19\": \"16 MiB text, -19 -T1\", \"zstd-d\": \"64 MiB text, zstd -19\", \"speedtest1\": \"--size 25, a new database\", \"python-start\": \"python3.11 -S, import zlib, one crc32\"}," \
	"\"rounds\": $rounds, \"unit\": \"seconds\","

{
	echo "# Debian programs end to end, $stamp on $host"
	echo
	echo "$(qemu-aarch64 --version | head -n 1); $(nproc) cores; median seconds of $rounds runs; outputs of every mode identical to native."
	echo "Pass-through takes the fast path where it may (docs/design.md); the syscall path is the same with DLCALL_FAST=off."
	echo
	echo "| program | guest | native (amd64) | emulated | pass-through, syscall path | pass-through | pass-through / native | syscall path / native | emulated / pass-through |"
	echo "|---|---|---|---|---|---|---|---|---|"
	for program in $programs; do
		native=$(figure "$program" native amd64)
		for arch in arm64 amd64; do
			emulated=$(figure "$program" emulated "$arch")
			pass=$(figure "$program" pass-through "$arch")
			slow=$(figure "$program" syscall-path "$arch")
			echo "| $program | $arch | $native | $emulated | $slow | $pass | $(ratio "$pass" "$native") | $(ratio "$slow" "$native") | $(ratio "$emulated" "$pass") |"
		done
	done
	echo
	echo "pigz scaling, time with 1 thread / time with 2 ($(nproc) cores):" \
		"native $(ratio "$(figure pigz-p1 native amd64)" "$(figure pigz-p2 native amd64)")," \
		"arm64 pass-through $(ratio "$(figure pigz-p1 pass-through arm64)" "$(figure pigz-p2 pass-through arm64)")," \
		"arm64 emulated $(ratio "$(figure pigz-p1 emulated arm64)" "$(figure pigz-p2 emulated arm64)")," \
		"amd64 pass-through $(ratio "$(figure pigz-p1 pass-through amd64)" "$(figure pigz-p2 pass-through amd64)")."
} >"$out.md"

# The chart: each program's time relative to native, per guest and mode.
for program in $programs; do
	native=$(figure "$program" native amd64)
	for arch in arm64 amd64; do
		echo "\"$program $arch\" 1 $(ratio "$(figure "$program" emulated "$arch")" "$native") $(ratio "$(figure "$program" pass-through "$arch")" "$native")"
	done
done >"$work/chart.data"
gnuplot <<EOF
set terminal svg size 900,380 dynamic font "sans,12" background "white"
set output "$out.svg"
set title "Debian programs under qemu-user 7.2: time relative to native amd64 (lower is better)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set logscale y 2
set yrange [0.5:*]
set ytics ("0.5" 0.5, "1" 1, "2" 2, "4" 4, "8" 8, "16" 16)
set grid ytics
set key top left
plot "$work/chart.data" using 2:xtic(1) title "native" linecolor rgb "#4c72b0", \
     "" using 3 title "plain emulation" linecolor rgb "#dd8452", \
     "" using 4 title "dlcall pass-through" linecolor rgb "#55a868"
EOF
echo >>"$out.md"
echo "![time relative to native]($(basename "$out").svg)" >>"$out.md"
cat "$out.md"
