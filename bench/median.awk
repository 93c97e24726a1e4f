# Input: "A B C value" lines sorted by key then value. Output per key, in
# first-seen order: "A B C median min max". Used by bench/*.sh.
{
	key = $1 " " $2 " " $3
	v[key, ++n[key]] = $4
	if (!(key in seen)) {
		seen[key] = 1
		order[++k] = key
	}
}
END {
	for (i = 1; i <= k; i++) {
		key = order[i]
		c = n[key]
		median = c % 2 ? v[key, (c + 1) / 2] : (v[key, c / 2] + v[key, c / 2 + 1]) / 2
		printf "%s " format " " format " " format "\n", key, median, v[key, 1], v[key, c]
	}
}
