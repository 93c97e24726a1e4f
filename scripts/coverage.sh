#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make coverage: runs the generator on every library spec in thunks/ whose
# real library this machine has, compiles what it writes (the host thunk,
# and the guest thunk for x86_64, aarch64 and riscv64, -Wall -Wextra
# -Werror), and writes the table to docs/coverage.md.
#   coverage.sh BUILD_DIR
set -u
build=$(cd "${1:-build}" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
work=$build/coverage
libdir=/usr/lib/$(gcc -print-multiarch)
table=$root/docs/coverage.md
rows=$work/rows.md
mkdir -p "$work"
: >"$rows"
guests="--guest x86_64-linux-gnu=/ --guest aarch64-linux-gnu=/usr/aarch64-linux-gnu --guest riscv64-linux-gnu=/usr/riscv64-linux-gnu"
warnings="-Wall -Wextra -Werror -std=c11 -D_GNU_SOURCE -fPIC -fvisibility=hidden -U_FILE_OFFSET_BITS"
# Per-ISA configuration headers (jconfig.h, opensslconf.h, SDL's
# _real_SDL_config.h) live in the multiarch directory of each ISA's -dev
# package: arm64's are downloaded (never installed). Debian 12 has no
# riscv64 packages; arm64's headers (LP64, little-endian, like riscv64)
# stand in for them.
sh "$root/scripts/fetch-clients.sh" "$build" arm64 libjpeg62-turbo-dev libsdl2-dev libssl-dev ||
	{ echo "coverage: cannot download the arm64 configuration headers" >&2; exit 1; }
arm64_config=$build/clients/arm64/usr/include/aarch64-linux-gnu
guests="$guests --guest-include aarch64-linux-gnu=$arm64_config --guest-include riscv64-linux-gnu=$arm64_config"

count() { # key -> its number in report.txt
	sed -n "s/^$1: //p" "$out/report.txt"
}

compiles() { # -> "yes", or what failed
	includes=$(sed -n 's/^include-dir /-I/p' "$spec" | tr '\n' ' ')
	# shellcheck disable=SC2086
	gcc $warnings $includes -I"$root/include" -I"$root/host" -I"$out" \
		-c "$out/host.c" -o "$out/host.o" 2>"$out/host.log" || { echo "host: $(grep -m1 error "$out/host.log")"; return; }
	for isa in x86_64 aarch64 riscv64; do
		config=""
		[ "$isa" = x86_64 ] || config="-idirafter $arm64_config"
		# shellcheck disable=SC2086
		$isa-linux-gnu-gcc $warnings -I"$root/include" -I"$root/guest" -I"$out" \
			$config -idirafter /usr/include $includes -c "$out/guest.c" -o "$out/guest-$isa.o" \
			2>"$out/guest-$isa.log" || { echo "$isa: $(grep -m1 error "$out/guest-$isa.log")"; return; }
	done
	echo yes
}

sh "$root/scripts/thunk-facts.sh" "$root/thunks" "$libdir" >"$work/facts"
# shellcheck disable=SC2034
while IFS='|' read -r name soname stem version soversion host_file built customs helpers; do
	spec=$root/thunks/$name/$name.spec
	[ -e "$libdir/$soname" ] || continue
	out=$work/$name
	mkdir -p "$out"
	start=$(date +%s.%N)
	# shellcheck disable=SC2086
	if ! "${THUNKGEN:-$build/thunkgen/thunkgen}" --spec "$spec" --library "$libdir/$soname" \
		--host-file "$host_file" --output-dir "$out" $guests >/dev/null 2>"$out/thunkgen.log"; then
		errors=$(grep -c . "$out/thunkgen.log")
		echo "| $name | $soname | generation fails: $errors problems, e.g. \`$(head -n 1 "$out/thunkgen.log" | cut -c1-100 | tr '|' '/')\` | | | | | | | |" >>"$rows"
		echo "coverage: $name: generation fails ($errors problems)" >&2
		continue
	fi
	seconds=$(echo "$start $(date +%s.%N)" | awk '{ printf "%.2f", $2 - $1 }')
	compiled=$(compiles)
	by_name=""
	[ -z "$(count 'by name')" ] ||
		by_name="$(count 'by name'): $(count 'by name, thunk of the export')/$(count 'by name, stub of the signature')/$(count 'by name, thunk of its own')/$(count 'by name, none (NULL)')"
	echo "| $name | $soname | $(count exports) | $(count thunked) | $(count custom) | $(count unsupported) | $(count 'data copied')/$(count data) | $by_name | $compiled | $seconds |" >>"$rows"
	echo "coverage: $name: compiled: $compiled" >&2
done <"$work/facts"

{
	echo "# Coverage of the library specs"
	echo
	echo "Written by \`make coverage\` (scripts/coverage.sh) on $(date -u +%Y-%m-%d) from the specs in"
	echo "\`thunks/\` and this machine's libraries (Debian 12, $(uname -m)). For each: its exports"
	echo "(functions and data objects; the versions of one function count once), how many"
	echo "are thunked, written by hand (custom), unsupported with a reason (forwarded to the"
	echo "guest's own library when that serves, reported otherwise), data objects copied"
	echo "exactly (constant bytes) of all, whether the generated host thunk and the x86_64,"
	echo "aarch64 and riscv64 guest thunks compile with \`-Wall -Wextra -Werror\`, and the"
	echo "generator's time for the three guest triples. Each library's reasons are in"
	echo "\`build/coverage/LIB/report.txt\`. Every function the headers declare that a"
	echo "spec's proc-address answers for is decided too (gl, egl, vulkan, openal, sdl2),"
	echo "and every function pointer an export leads to: \"by name\" counts them as N: thunk of"
	echo "the export / stub of the signature / thunk of its own / none. Per-ISA configuration headers"
	echo "(jconfig.h, opensslconf.h, SDL's _real_SDL_config.h) are arm64's -dev packages'"
	echo "(downloaded, not installed); Debian 12 has no riscv64 packages, so arm64's stand"
	echo "in for riscv64 (both LP64 and little-endian)."
	echo
	echo "| library | soname | exports | thunked | custom | unsupported | data copied | by name | compiles | seconds |"
	echo "|---|---|---|---|---|---|---|---|---|---|"
	cat "$rows"
} >"$table"
cat "$table"
