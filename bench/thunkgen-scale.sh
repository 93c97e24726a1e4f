#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make bench: the generator's cost as a library grows. Writes a synthetic
# header of N functions, each with a struct and a callback type of its own
# (the worst case for lookups by type), and a library exporting them (an
# assembly file of N labels: only the export list matters), then times
# thunkgen for all three guest triples. Reports seconds per 1,000
# functions at each size: flat means linear cost.
#   thunkgen-scale.sh BUILD_DIR [SIZES]
set -eu
build=$(cd "${1:-build}" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
sizes=${2:-"2000 8000 32000"}
rounds=${ROUNDS:-3}
work=$build/bench/thunkgen-scale
stamp=$(date -u +%Y-%m-%d)
host=$(hostname -s 2>/dev/null || echo host)
out=$root/bench/results/$stamp-$host-thunkgen.md
mkdir -p "$work" "$root/bench/results"

synthesize() { # N -> $work/N/{scale.h,libscale.so,scale.spec}
	dir=$work/$1
	mkdir -p "$dir"
	awk -v n="$1" 'BEGIN {
		print "/* Synthetic: " n " functions, each with its own struct and callback. */"
		for (i = 0; i < n; i++) {
			printf "typedef int (*scale_callback%d)(void *data, long value%d);\n", i, i
			printf "struct scale_record%d { int field; scale_callback%d call; double weight[%d]; };\n", i, i, i % 7 + 1
			printf "int scale_function%d(struct scale_record%d *record, scale_callback%d callback, void *data);\n", i, i, i
		}
	}' >"$dir/scale.h"
	awk -v n="$1" 'BEGIN {
		print ".text"
		for (i = 0; i < n; i++)
			printf ".globl scale_function%d\n.type scale_function%d, @function\nscale_function%d:\n\tret\n", i, i, i
	}' >"$dir/scale.s"
	gcc -shared -nostdlib -o "$dir/libscale.so" "$dir/scale.s"
	{
		echo "soname libscale.so"
		echo "header scale.h"
		echo "callback-field scale_record*.call"
	} >"$dir/scale.spec"
}

generate() { # N -> seconds for one thunkgen run
	dir=$work/$1
	start=$(date +%s.%N)
	"$build/thunkgen/thunkgen" --spec "$dir/scale.spec" --library "$dir/libscale.so" \
		--output-dir "$dir" -I "$dir" --host-file libscale-host.so --guest x86_64-linux-gnu=/ \
		--guest aarch64-linux-gnu=/usr/aarch64-linux-gnu \
		--guest riscv64-linux-gnu=/usr/riscv64-linux-gnu >/dev/null
	end=$(date +%s.%N)
	echo "$start $end" | awk '{ printf "%.3f\n", $2 - $1 }'
}

{
	echo "# thunkgen: cost per 1,000 functions ($stamp, $host)"
	echo
	echo "Synthetic header: N functions, each with its own struct and callback type;"
	echo "three guest triples; median of $rounds runs. \`sh bench/thunkgen-scale.sh build\`."
	echo
	echo "| functions | seconds (median) | seconds per 1,000 functions |"
	echo "|---|---|---|"
	for n in $sizes; do
		synthesize "$n"
		times=""
		for r in $(seq "$rounds"); do
			times="$times $(generate "$n")"
		done
		median=$(echo "$times" | tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
		echo "| $n | $median | $(echo "$median $n" | awk '{ printf "%.3f", $1 * 1000 / $2 }') |"
	done
} >"$out"
cat "$out"
