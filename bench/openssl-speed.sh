#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make bench, OpenSSL: Debian's unmodified `openssl speed` (wall-clock
# timing, -elapsed, fixed -seconds) natively (the amd64 build), emulated
# and passed through (arm64 and amd64 builds), interleaved in each round:
# AES-256-GCM and SHA-256 on 16 KiB blocks (bytes per second), RSA-2048
# signatures and verifications (per second). Writes
# bench/results/<date>-<host>-openssl.{json,md} with the medians over
# ROUNDS runs and the ratios (as times: native throughput / the mode's).
set -eu
build=$(cd "${1:-build}" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
dlcall=$build/bin/dlcall
rounds=${ROUNDS:-3}
seconds=${SECONDS_PER_TEST:-2}
stamp=$(date -u +%Y-%m-%d)
host=$(hostname -s 2>/dev/null || echo host)
out=$root/bench/results/$stamp-$host-openssl
raw=$build/bench-openssl.times
mkdir -p "$root/bench/results"
: >"$raw"
for arch in arm64 amd64; do
	sh "$root/scripts/fetch-clients.sh" "$build" "$arch" openssl libssl3
done

# speed MODE ARCH: one run of each test; "test mode arch value" lines.
speed() {
	case $1 in
	native) launch="" ;;
	emulated) launch="$dlcall run --emulate --" ;;
	pass-through) launch="$dlcall run --" ;;
	esac
	openssl=$build/clients/$2/usr/bin/openssl
	$launch "$openssl" speed -mr -elapsed -seconds "$seconds" -bytes 16384 \
		-evp aes-256-gcm 2>/dev/null |
		awk -F: -v k="aes-256-gcm $1 $2" '$1 == "+F" { print k, $4 }'
	$launch "$openssl" speed -mr -elapsed -seconds "$seconds" -bytes 16384 \
		sha256 2>/dev/null |
		awk -F: -v k="sha256 $1 $2" '$1 == "+F" { print k, $4 }'
	$launch "$openssl" speed -mr -elapsed -seconds "$seconds" rsa2048 2>/dev/null |
		awk -F: -v m="$1 $2" '$1 == "+F2" { print "rsa2048-sign", m, $4; print "rsa2048-verify", m, $5 }'
}

for round in $(seq "$rounds"); do
	speed native amd64 >>"$raw"
	for arch in arm64 amd64; do
		speed emulated "$arch" >>"$raw"
		speed pass-through "$arch" >>"$raw"
	done
	echo "bench: openssl speed, round $round of $rounds done" >&2
done
for test in aes-256-gcm sha256 rsa2048-sign rsa2048-verify; do
	[ "$(grep -c "^$test " "$raw")" = $((rounds * 5)) ] ||
		{ echo "bench: openssl speed $test did not report in every mode" >&2; exit 1; }
done

. "$root/bench/summary.sh"
summarize %.2f

write_json "$out.json" test \
	"\"openssl\": \"$(openssl version)\", \"seconds_per_test\": $seconds," \
	"\"rounds\": $rounds, \"unit\": \"bytes per second (aes, sha256), operations per second (rsa)\","

{
	echo "# openssl speed, $stamp on $host"
	echo
	echo "$(qemu-aarch64 --version | head -n 1); $(openssl version); $(nproc) cores;" \
		"median of $rounds runs of $seconds s each (wall clock, -elapsed)." \
		"AES-256-GCM and SHA-256 in MB/s on 16 KiB blocks, RSA-2048 in operations/s;" \
		"the ratios are times (native's throughput over the mode's)."
	echo
	echo "| test | guest | native (amd64) | emulated | pass-through | pass-through / native | emulated / pass-through |"
	echo "|---|---|---|---|---|---|---|"
	for test in aes-256-gcm sha256 rsa2048-sign rsa2048-verify; do
		native=$(figure "$test" native amd64)
		scale=1
		case $test in aes* | sha*) scale=1000000 ;; esac
		for arch in arm64 amd64; do
			emulated=$(figure "$test" emulated "$arch")
			pass=$(figure "$test" pass-through "$arch")
			echo "| $test | $arch | $(ratio "$native" $scale) | $(ratio "$emulated" $scale) | $(ratio "$pass" $scale) | $(ratio "$native" "$pass") | $(ratio "$pass" "$emulated") |"
		done
	done
} >"$out.md"
cat "$out.md"
