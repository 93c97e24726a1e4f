# SPDX-License-Identifier: GPL-2.0-or-later
# An arm64 Debian root file system (sourced by tests/system-wide.sh, whose
# binfmt helpers it uses): mmdebstrap builds it from Debian's packages,
# its second stage running through dlcall's binfmt entry inside a root
# prepared by 'dlcall rootfs'; then python3, bzip2, xmlwf and pigz in a
# chroot pass their libraries through with output identical to native,
# and 'dlcall rootfs --undo' leaves the tree as mmdebstrap made it.

echo "# an arm64 Debian root file system: built through dlcall's binfmt entry, used by chroot"
arm64_root=$build/rootfs-arm64

# Undoes whatever a run stopped halfway left under $arm64_root: dlcall's
# preparation, then any other mount (an interrupted mmdebstrap's).
rootfs_restore() {
	[ -e "$arm64_root/.dlcall-rootfs" ] &&
		"$dlcall" rootfs --undo "$arm64_root" >/dev/null 2>&1
	# A slave first: unmounting a /dev bound in there must not unmount
	# the host's /dev/pts.
	awk -v root="$arm64_root/" 'index($2, root) == 1 { print $2 }' /proc/mounts |
		sort -r | while read -r point; do
			mount --make-rslave "$point" && umount -l "$point"
		done
	binfmt_restore
}

# The host's apt sources, for mmdebstrap to fetch the same suites from.
host_sources() {
	for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
		/etc/apt/sources.list.d/*.sources; do
		[ -s "$file" ] && echo "$file"
	done
}

# rootfs_check NAME SCRIPT: a check whose log is $log, as binfmt_check.
rootfs_check() {
	binfmt_check "rootfs: $1" "$2"
}

if [ -n "$why" ]; then
	skip "rootfs: arm64 root file system built and used through binfmt" "$why"
elif ! command -v mmdebstrap >/dev/null; then
	skip "rootfs: arm64 root file system built and used through binfmt" "mmdebstrap is not installed"
else
	trap rootfs_restore EXIT INT TERM
	rootfs_restore
	# --one-file-system: never into a mount a killed run may have left.
	rm -rf --one-file-system "$arm64_root"
	"$dlcall" binfmt install >/dev/null
	rootfs_check "mmdebstrap builds arm64 bookworm with python3, bzip2, expat, pigz, its second stage through dlcall" '
		mmdebstrap --mode=root --arch=arm64 --variant=minbase \
			--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
			--include=python3,bzip2,expat,pigz --skip=check/qemu \
			--extract-hook="\"$dlcall\" rootfs \"\$1\"" \
			--customize-hook="\"$dlcall\" rootfs --undo \"\$1\"" \
			bookworm "$arm64_root" $(host_sources) </dev/null &&
		grep -q "rootfs: $arm64_root is ready: its aarch64 programs pass through" "$log" &&
		[ -x "$arm64_root/usr/bin/python3" ] && [ ! -e "$arm64_root/.dlcall-rootfs" ] &&
		! grep -q " $arm64_root/" /proc/mounts'
	sh scripts/make-input.sh "$arm64_root/tmp/input.txt" 2
	printf '<?xml version="1.0"?>\n<doc a="1"><item n="x">text &amp; more</item><empty/></doc>\n' \
		>"$arm64_root/tmp/doc.xml"
	# mmdebstrap made device nodes; without them dlcall rootfs makes its own.
	rm -f "$arm64_root/dev/null" "$arm64_root/dev/zero" "$arm64_root/dev/urandom"
	find "$arm64_root" -xdev -printf '%y %m %p\n' | sort >"$wide/rootfs-before"
	rootfs_check "dlcall rootfs mounts the host parts read-only at their own paths, makes the missing device nodes" '
		"$dlcall" rootfs "$arm64_root" &&
		grep -q "rootfs: $arm64_root is ready" "$log" &&
		grep -q "rootfs: $arm64_root/dev/null: made" "$log" &&
		[ -c "$arm64_root/dev/null" ] && [ "$(stat -c %t:%T "$arm64_root/dev/null")" = "$(stat -c %t:%T /dev/null)" ] &&
		grep " $arm64_root/" /proc/mounts >"$wide/rootfs-mounts" && cat "$wide/rootfs-mounts" &&
		grep -q " $arm64_root$(dirname "$(sh scripts/host-loader.sh)") [^ ]* ro," "$wide/rootfs-mounts" &&
		grep -q " $arm64_root$(readlink -f "$dlcall") [^ ]* ro," "$wide/rootfs-mounts" &&
		grep -q " $arm64_root$(command -v qemu-aarch64) [^ ]* ro," "$wide/rootfs-mounts"'
	one_line_error "rootfs: preparing a prepared root: one line" "prepared already" \
		"$dlcall" rootfs "$arm64_root"
	one_line_error "rootfs: a tree with no foreign programs: one line" "not a root file system" \
		"$dlcall" rootfs "$wide"
	python_script='
import bz2, hashlib, pyexpat, sys, zlib
data = open(sys.argv[1], "rb").read()
print(zlib.crc32(zlib.compress(data, 9)), zlib.adler32(data))
print(hashlib.sha256(bz2.compress(data, 9)).hexdigest())
print(bz2.decompress(bz2.compress(data)) == data)
events = []
parser = pyexpat.ParserCreate()
parser.StartElementHandler = lambda name, attrs: events.append((name, sorted(attrs.items())))
parser.CharacterDataHandler = lambda text: events.append(text)
parser.Parse(open(sys.argv[2], "rb").read(), True)
print(events)'
	python3 -B -c "$python_script" "$arm64_root/tmp/input.txt" "$arm64_root/tmp/doc.xml" \
		>"$wide/rootfs-python-native.out"
	rootfs_check "python3 in the chroot passes zlib, bz2 and pyexpat through, output as native" '
		chroot "$arm64_root" env DLCALL_VERBOSE=1 python3 -B -c "$python_script" \
			/tmp/input.txt /tmp/doc.xml >"$wide/rootfs-python.out" &&
		cmp "$wide/rootfs-python-native.out" "$wide/rootfs-python.out" &&
		grep -q "libz.so.1: passed through" "$log" &&
		grep -q "libbz2.so.1.0: passed through" "$log" &&
		grep -q "libexpat.so.1: passed through" "$log"'
	rootfs_check "bzip2 in the chroot passes libbz2 through, output as native" '
		"$build/clients/amd64/bin/bzip2" -9 -c "$arm64_root/tmp/input.txt" >"$wide/rootfs-native.bz2" &&
		chroot "$arm64_root" env DLCALL_VERBOSE=1 bzip2 -9 -c /tmp/input.txt >"$wide/rootfs.bz2" &&
		cmp "$wide/rootfs-native.bz2" "$wide/rootfs.bz2" &&
		grep -q "libbz2.so.1.0: passed through" "$log"'
	rootfs_check "xmlwf in the chroot passes libexpat through, output as native" '
		mkdir -p "$wide/rootfs-xmlwf-native" && (cd "$arm64_root/tmp" && "$build/clients/amd64/usr/bin/xmlwf" -d "$wide/rootfs-xmlwf-native" doc.xml) &&
		mkdir -p "$arm64_root/tmp/xmlwf-out" &&
		chroot "$arm64_root" env DLCALL_VERBOSE=1 sh -c "cd /tmp && xmlwf -d /tmp/xmlwf-out doc.xml" &&
		cmp "$wide/rootfs-xmlwf-native/doc.xml" "$arm64_root/tmp/xmlwf-out/doc.xml" &&
		grep -q "libexpat.so.1: passed through" "$log"'
	rootfs_check "pigz -p 2 in the chroot passes zlib through, output as native" '
		"$build/clients/amd64/usr/bin/pigz" -9 -n -p 2 -c "$arm64_root/tmp/input.txt" >"$wide/rootfs-native.gz" &&
		chroot "$arm64_root" env DLCALL_VERBOSE=1 pigz -9 -n -p 2 -c /tmp/input.txt >"$wide/rootfs.gz" &&
		cmp "$wide/rootfs-native.gz" "$wide/rootfs.gz" &&
		grep -q "libz.so.1: passed through" "$log"'
	rm -rf "$arm64_root/tmp/xmlwf-out"
	rootfs_check "dlcall rootfs --undo: no mount left, the tree as before" '
		"$dlcall" rootfs --undo "$arm64_root" &&
		! grep -q " $arm64_root/" /proc/mounts &&
		find "$arm64_root" -xdev -printf "%y %m %p\n" | sort >"$wide/rootfs-after" &&
		diff "$wide/rootfs-before" "$wide/rootfs-after"'
	one_line_error "rootfs: undoing an unprepared root: one line" "is not prepared" \
		"$dlcall" rootfs --undo "$arm64_root"
	rootfs_restore
	trap - EXIT INT TERM
	rm -rf --one-file-system "$arm64_root"
fi
