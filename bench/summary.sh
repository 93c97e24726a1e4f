# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by bench/*.sh after their runs: reads "$raw" ("A B C value"
# lines), sets $summary to "A B C median min max" per figure (printf
# format $1), and defines figure A B C (its median) and ratio X Y.
summarize() {
	summary=$(sort -k1,1 -k2,2 -k3,3 -k4,4n "$raw" |
		awk -v format="$1" -f "$root/bench/median.awk")
}
figure() { echo "$summary" | awk -v k="$1 $2 $3" '$1 " " $2 " " $3 == k { print $4 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }

# write_json FILE KEY LINE...: the run's JSON report: the machine, the
# script's own LINEs (each `"name": value,` pairs), then every figure of
# $summary, its first word named KEY.
write_json() {
	json_file=$1
	json_key=$2
	shift 2
	{
		echo "{"
		echo "  \"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\", \"host\": \"$host\","
		echo "  \"cpu\": \"$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)\", \"cores\": $(nproc),"
		echo "  \"kernel\": \"$(uname -r)\", \"qemu\": \"$(qemu-aarch64 --version | head -n 1)\","
		for line in "$@"; do
			echo "  $line"
		done
		echo "  \"figures\": ["
		echo "$summary" | awk -v key="$json_key" '{ printf "%s    {\"%s\": \"%s\", \"mode\": \"%s\", \"arch\": \"%s\", \"median\": %s, \"min\": %s, \"max\": %s}", (NR > 1 ? ",\n" : ""), key, $1, $2, $3, $4, $5, $6 } END { print "" }'
		echo "  ]"
		echo "}"
	} >"$json_file"
}
