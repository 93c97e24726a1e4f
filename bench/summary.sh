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
