# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by tests/run.sh: Debian's unmodified arm64 and amd64 programs
# (apt-get download, never rebuilt) with their libraries passed through,
# compared byte for byte with the amd64 program run natively and with
# plain emulation.

# Runs the commands of a check in a subshell, logging to LOG:
# client_check NAME LOG COMMANDS
client_check() {
	name=$1
	log=$2
	shift 2
	if (eval "$*") >"$log" 2>&1; then
		pass "$name"
	else
		fail "$name" "$log"
	fi
}

client_work=$logs/clients
mkdir -p "$client_work"
sh scripts/make-input.sh "$client_work/input.txt" 8
native=$build/clients/amd64
# A host directory with the runtime but no host thunks: every library's
# host side is unavailable, so each falls back to the guest's own (SPEC §7).
runtime_only=$client_work/runtime-only
mkdir -p "$runtime_only"
cp "$build/lib/dlcall/host/libdlcall-host.so" "$runtime_only/"

echo "# zlib: Debian's minizip and miniunzip"
sh scripts/fetch-clients.sh "$build" arm64 minizip libminizip1 &&
	sh scripts/fetch-clients.sh "$build" amd64 minizip libminizip1 ||
	fail "downloading Debian's minizip (arm64, amd64)"
for deb_arch in arm64 amd64; do
	clients=$build/clients/$deb_arch
	libdir=$(ls -d "$clients"/usr/lib/*-linux-gnu)
	isa=$(basename "$libdir" | cut -d- -f1)
	work=$client_work/zip-$deb_arch
	rm -rf "$work" && mkdir -p "$work" && cp "$client_work/input.txt" "$work/"
	client_check "$deb_arch ($isa guest) minizip -9 and miniunzip, zlib passed through: zip identical to native and emulated, extraction exact" \
		"$work.log" '
		cd "$work" &&
		LD_LIBRARY_PATH="$native/usr/lib/x86_64-linux-gnu" \
			"$native/usr/bin/minizip" -o -9 native.zip input.txt &&
		LD_LIBRARY_PATH="$libdir" "$dlcall" run --emulate -- \
			"$clients/usr/bin/minizip" -o -9 emulated.zip input.txt &&
		LD_LIBRARY_PATH="$libdir" "$dlcall" run -v -- \
			"$clients/usr/bin/minizip" -o -9 passthrough.zip input.txt 2>pass.log &&
		grep -q "libz.so.1: passed through" pass.log &&
		cmp native.zip passthrough.zip && cmp emulated.zip passthrough.zip &&
		mkdir out && cd out &&
		LD_LIBRARY_PATH="$libdir" "$dlcall" run -v -- \
			"$clients/usr/bin/miniunzip" -o ../passthrough.zip 2>unzip.log &&
		grep -q "libz.so.1: passed through" unzip.log &&
		cmp input.txt ../input.txt'
	client_check "$deb_arch ($isa guest) minizip -9 with libz unavailable on the host and with --no-lib zlib: the guest's zlib, same zip" \
		"$work/fallback.log" '
		cd "$work" &&
		LD_LIBRARY_PATH="$libdir" DLCALL_HOST_DIR="$runtime_only" "$dlcall" run -v -- \
			"$clients/usr/bin/minizip" -o -9 fallback.zip input.txt 2>fallback.err &&
		grep "libz.so.1: emulated with the guest.s own .*libz.so.1 (cannot load host thunk libz-host.so" fallback.err &&
		cmp native.zip fallback.zip &&
		LD_LIBRARY_PATH="$libdir" "$dlcall" run -v --no-lib zlib -- \
			"$clients/usr/bin/minizip" -o -9 no-lib.zip input.txt 2>no-lib.err &&
		grep "zlib: emulated (disabled by option)" no-lib.err &&
		! grep "libz.so.1: passed through" no-lib.err &&
		cmp native.zip no-lib.zip'
done

echo "# bzip2: Debian's bzip2 and bunzip2"
sh scripts/fetch-clients.sh "$build" arm64 bzip2 &&
	sh scripts/fetch-clients.sh "$build" amd64 bzip2 ||
	fail "downloading Debian's bzip2 (arm64, amd64)"
for deb_arch in arm64 amd64; do
	clients=$build/clients/$deb_arch
	isa=x86_64
	[ "$deb_arch" = arm64 ] && isa=aarch64
	work=$client_work/bzip2-$deb_arch
	rm -rf "$work" && mkdir -p "$work" && cp "$client_work/input.txt" "$work/"
	client_check "$deb_arch ($isa guest) bzip2 -9 and -1, libbz2 passed through: output identical to native and emulated" \
		"$work/compress.log" '
		cd "$work" &&
		for level in -9 -1; do
			"$native/bin/bzip2" $level -c input.txt >native$level.bz2 &&
			"$dlcall" run --emulate -- "$clients/bin/bzip2" $level -c input.txt \
				>emulated$level.bz2 &&
			"$dlcall" run -v -- "$clients/bin/bzip2" $level -c input.txt \
				>pass$level.bz2 2>pass.log &&
			grep -q "libbz2.so.1.0: passed through" pass.log &&
			cmp native$level.bz2 pass$level.bz2 &&
			cmp emulated$level.bz2 pass$level.bz2 || exit 1
		done'
	client_check "$deb_arch ($isa guest) bunzip2 of two concatenated streams and bzip2 -k on a file, libbz2 passed through" \
		"$work/decompress.log" '
		cd "$work" &&
		cat native-9.bz2 native-1.bz2 >two.bz2 &&
		cat input.txt input.txt >two.txt &&
		"$dlcall" run -- "$clients/bin/bunzip2" -c two.bz2 >two.out &&
		cmp two.txt two.out &&
		"$dlcall" run -- "$clients/bin/bzip2" -t two.bz2 &&
		cp input.txt file.txt &&
		"$dlcall" run -- "$clients/bin/bzip2" -k file.txt &&
		cmp file.txt.bz2 native-9.bz2'
	client_check "$deb_arch ($isa guest) bunzip2 on a truncated and on a corrupt file fails like native (exit 2)" \
		"$work/damaged.log" '
		cd "$work" &&
		head -c 100000 native-9.bz2 >truncated.bz2 &&
		{ printf "BZh9"; head -c 5000 input.txt; } >corrupt.bz2 &&
		for damaged in truncated corrupt; do
			"$native/bin/bunzip2" -c $damaged.bz2 >native.out 2>native.err
			native_status=$?
			"$dlcall" run -- "$clients/bin/bunzip2" -c $damaged.bz2 \
				>pass.out 2>pass.err
			pass_status=$?
			echo "$damaged: native $native_status, passed through $pass_status"
			[ $native_status -eq 2 ] && [ $pass_status -eq 2 ] &&
			cmp native.out pass.out || exit 1
		done'
	client_check "$deb_arch ($isa guest) bzip2 with libbz2 unavailable on the host and with --no-lib bzip2: the guest's libbz2, same output" \
		"$work/fallback.log" '
		cd "$work" &&
		DLCALL_HOST_DIR="$runtime_only" "$dlcall" run -v -- \
			"$clients/bin/bzip2" -9 -c input.txt >fallback.bz2 2>fallback.err &&
		grep "libbz2.so.1.0: emulated with the guest.s own .*libbz2.so.1.0 (cannot load host thunk" fallback.err &&
		cmp native-9.bz2 fallback.bz2 &&
		"$dlcall" run -v --no-lib bzip2 -- "$clients/bin/bzip2" -9 -c input.txt \
			>no-lib.bz2 2>no-lib.err &&
		grep "bzip2: emulated (disabled by option)" no-lib.err &&
		cmp native-9.bz2 no-lib.bz2'
done

echo "# liblzma: Debian's xz"
sh scripts/fetch-clients.sh "$build" arm64 xz-utils &&
	sh scripts/fetch-clients.sh "$build" amd64 xz-utils ||
	fail "downloading Debian's xz (arm64, amd64)"
for deb_arch in arm64 amd64; do
	clients=$build/clients/$deb_arch
	isa=x86_64
	[ "$deb_arch" = arm64 ] && isa=aarch64
	work=$client_work/xz-$deb_arch
	rm -rf "$work" && mkdir -p "$work" && cp "$client_work/input.txt" "$work/"
	client_check "$deb_arch ($isa guest) xz -9 and -1 -T2, liblzma passed through: output identical to native and emulated" \
		"$work/compress.log" '
		cd "$work" &&
		for level in -9 "-1 -T2"; do
			name=$(echo "$level" | tr -d " ") &&
			"$native/usr/bin/xz" $level -c input.txt >native$name.xz &&
			"$dlcall" run --emulate -- "$clients/usr/bin/xz" $level -c input.txt \
				>emulated$name.xz &&
			"$dlcall" run -v -- "$clients/usr/bin/xz" $level -c input.txt \
				>pass$name.xz 2>pass.log &&
			grep -q "liblzma.so.5: passed through" pass.log &&
			cmp native$name.xz pass$name.xz &&
			cmp emulated$name.xz pass$name.xz || exit 1
		done'
	client_check "$deb_arch ($isa guest) xz -d, -t and --list -vv, liblzma passed through; a truncated file fails like native" \
		"$work/decompress.log" '
		cd "$work" &&
		"$dlcall" run -- "$clients/usr/bin/xz" -d -c native-9.xz >out.txt &&
		cmp input.txt out.txt &&
		"$dlcall" run -- "$clients/usr/bin/xz" -t native-1-T2.xz &&
		"$native/usr/bin/xz" --list -vv native-9.xz native-1-T2.xz >list-native.txt &&
		"$dlcall" run -- "$clients/usr/bin/xz" --list -vv native-9.xz native-1-T2.xz \
			>list-pass.txt &&
		cmp list-native.txt list-pass.txt &&
		head -c 10000 native-9.xz >truncated.xz || exit 1
		"$native/usr/bin/xz" -d -c truncated.xz >/dev/null 2>&1
		native_status=$?
		"$dlcall" run -- "$clients/usr/bin/xz" -d -c truncated.xz >/dev/null 2>&1
		passed_status=$?
		echo "native $native_status, passed through $passed_status"
		[ "$native_status" -ne 0 ] && [ "$native_status" = "$passed_status" ]'
done

echo "# expat: Debian's xmlwf"
sh scripts/fetch-clients.sh "$build" arm64 expat &&
	sh scripts/fetch-clients.sh "$build" amd64 expat ||
	fail "downloading Debian's xmlwf (arm64, amd64)"
sh scripts/make-xml.sh "$client_work/input.xml" 4
for deb_arch in arm64 amd64; do
	clients=$build/clients/$deb_arch
	libdir=$(ls -d "$clients"/usr/lib/*-linux-gnu)
	isa=$(basename "$libdir" | cut -d- -f1)
	work=$client_work/xmlwf-$deb_arch
	rm -rf "$work" && mkdir -p "$work/native" "$work/emulated" "$work/pass" \
		"$work/stdin" "$work/fallback"
	cp "$client_work/input.xml" "$work/"
	printf '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY ext SYSTEM "part.xml">]>\n<d a="1">&ext;<?pi data?></d>\n' \
		>"$work/external.xml"
	printf '<p>hello <b>world</b> &#233;</p>' >"$work/part.xml"
	printf '<?xml version="1.0"?>\n<a><b></a>\n' >"$work/broken.xml"
	xmlwf_native() {
		LD_LIBRARY_PATH="$native/usr/lib/x86_64-linux-gnu" "$native/usr/bin/xmlwf" "$@"
	}
	client_check "$deb_arch ($isa guest) xmlwf -d, libexpat passed through: canonical output identical to native and emulated" \
		"$work/canonical.log" '
		cd "$work" &&
		xmlwf_native -d native input.xml &&
		"$dlcall" run --emulate -- "$clients/usr/bin/xmlwf" -d emulated input.xml &&
		"$dlcall" run -v -- "$clients/usr/bin/xmlwf" -d pass input.xml 2>pass.err &&
		grep "libexpat.so.1: passed through" pass.err &&
		cmp native/input.xml pass/input.xml &&
		cmp emulated/input.xml pass/input.xml'
	client_check "$deb_arch ($isa guest) xmlwf reading stdin and with -r (XML_GetBuffer + read()): identical to native" \
		"$work/stdin.log" '
		cd "$work" &&
		"$dlcall" run -- "$clients/usr/bin/xmlwf" -d stdin <input.xml &&
		cmp native/input.xml stdin/STDIN &&
		rm -f stdin/input.xml &&
		"$dlcall" run -- "$clients/usr/bin/xmlwf" -r -d stdin input.xml &&
		cmp native/input.xml stdin/input.xml'
	client_check "$deb_arch ($isa guest) xmlwf -x: external entity parsed by a nested parser, identical to native" \
		"$work/external.log" '
		cd "$work" &&
		xmlwf_native -x -d native external.xml &&
		"$dlcall" run -- "$clients/usr/bin/xmlwf" -x -d pass external.xml &&
		grep -q "<p>hello <b>world</b>" pass/external.xml &&
		cmp native/external.xml pass/external.xml'
	client_check "$deb_arch ($isa guest) xmlwf on a broken document: same message and exit status as native" \
		"$work/broken.log" '
		cd "$work" &&
		xmlwf_native broken.xml >native.out 2>&1
		native_status=$?
		"$dlcall" run -- "$clients/usr/bin/xmlwf" broken.xml >pass.out 2>&1
		pass_status=$?
		echo "native $native_status, passed through $pass_status" &&
		[ $native_status -ne 0 ] && [ $native_status -eq $pass_status ] &&
		cmp native.out pass.out'
	client_check "$deb_arch ($isa guest) xmlwf with libexpat unavailable on the host: the guest's expat, same output" \
		"$work/fallback.log" '
		cd "$work" &&
		DLCALL_HOST_DIR="$runtime_only" "$dlcall" run -v -- \
			"$clients/usr/bin/xmlwf" -d fallback input.xml 2>fallback.err &&
		grep "libexpat.so.1: emulated with the guest.s own" fallback.err &&
		cmp native/input.xml fallback/input.xml'
done

echo "# libxml2: Debian's xmllint"
sh scripts/fetch-clients.sh "$build" arm64 libxml2-utils &&
	sh scripts/fetch-clients.sh "$build" amd64 libxml2-utils ||
	fail "downloading Debian's xmllint (arm64, amd64)"
# xmllint_same NAME ARGS...: native and passed-through xmllint give the
# same output, messages and exit status (run in $work with $clients).
xmllint_same() {
	name=$1
	shift
	"$native/usr/bin/xmllint" "$@" >"native-$name.out" 2>"native-$name.err"
	native_status=$?
	"$dlcall" run -- "$clients/usr/bin/xmllint" "$@" >"pass-$name.out" \
		2>"pass-$name.err" </dev/null
	passed_status=$?
	echo "$name: native $native_status, passed through $passed_status"
	[ "$native_status" = "$passed_status" ] &&
		cmp "native-$name.out" "pass-$name.out" &&
		cmp "native-$name.err" "pass-$name.err"
}
for deb_arch in arm64 amd64; do
	clients=$build/clients/$deb_arch
	isa=x86_64
	[ "$deb_arch" = arm64 ] && isa=aarch64
	work=$client_work/xmllint-$deb_arch
	rm -rf "$work" && mkdir -p "$work"
	cp "$client_work/input.xml" "$work/"
	cat >"$work/valid.xml" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE doc [
<!ELEMENT doc (item*)>
<!ELEMENT item (#PCDATA)>
<!ATTLIST item id ID #REQUIRED>
<!ENTITY more "two &amp; three">
]>
<doc><item id="a">one</item><item id="b">&more;</item></doc>
XML
	sed 's|<item id="b">|<other/><item>|' "$work/valid.xml" >"$work/invalid.xml"
	printf '<?xml version="1.0"?>\n<a><b></a>\n' >"$work/broken.xml"
	client_check "$deb_arch ($isa guest) xmllint --noout --valid and --xpath, libxml2 passed through: identical to native and emulated" \
		"$work/valid.log" '
		cd "$work" &&
		"$dlcall" run -v -- "$clients/usr/bin/xmllint" --noout --valid valid.xml 2>pass.err &&
		grep "libxml2.so.2: passed through" pass.err &&
		xmllint_same valid --noout --valid valid.xml &&
		xmllint_same xpath --xpath "//item[@id=\"b\"]/text()" valid.xml &&
		xmllint_same count --xpath "count(//*)" input.xml &&
		"$dlcall" run --emulate -- "$clients/usr/bin/xmllint" --xpath "count(//*)" input.xml >emulated-count.out &&
		cmp native-count.out emulated-count.out'
	client_check "$deb_arch ($isa guest) xmllint on invalid and broken documents: the same messages (printf-style callbacks) and exit status" \
		"$work/invalid.log" '
		cd "$work" &&
		xmllint_same invalid --noout --valid invalid.xml
		[ $? = 0 ] && [ "$native_status" = 4 ] &&
		xmllint_same broken broken.xml
		[ $? = 0 ] && [ "$native_status" = 1 ] &&
		xmllint_same recover --recover broken.xml
		[ $? = 0 ] && [ -s native-broken.err ]'
	client_check "$deb_arch ($isa guest) xmllint --stream, --format, --sax, --push, --walker, --pattern on a 4 MiB document: identical to native" \
		"$work/stream.log" '
		cd "$work" &&
		xmllint_same stream --stream --noout input.xml &&
		xmllint_same format --format input.xml &&
		xmllint_same sax --sax valid.xml &&
		xmllint_same push --push --noout input.xml &&
		xmllint_same walker --walker valid.xml &&
		xmllint_same pattern --stream --pattern "//item" valid.xml &&
		xmllint_same noent --noent --dropdtd valid.xml'
	client_check "$deb_arch ($isa guest) xmllint --debug and --debugent: the library writes to the program's FILE *, identical to native" \
		"$work/streams.log" '
		cd "$work" &&
		xmllint_same debug --debug valid.xml &&
		xmllint_same debugent --debugent --noout valid.xml'
	client_check "$deb_arch ($isa guest) xmllint --c14n, --exc-c14n and --memory: documents dumped to the library's memory, written by the program, identical to native" \
		"$work/memory.log" '
		cd "$work" &&
		xmllint_same c14n --c14n valid.xml &&
		xmllint_same exc-c14n --exc-c14n input.xml &&
		xmllint_same memory --memory --format valid.xml &&
		[ -s pass-c14n.out ] && [ -s pass-memory.out ]'
	client_check "$deb_arch ($isa guest) xmllint --shell: its lines (strings the library frees) and the FILE * it writes, identical to native" \
		"$work/shell.log" '
		cd "$work" &&
		printf "ls\ncat /doc\nxpath //item\ndu\ndir /doc/item\nexit\n" >shell.in &&
		"$native/usr/bin/xmllint" --shell valid.xml <shell.in >native-shell.out 2>&1 &&
		"$dlcall" run -- "$clients/usr/bin/xmllint" --shell valid.xml <shell.in >pass-shell.out 2>&1 &&
		cmp native-shell.out pass-shell.out'
done

echo "# SQLite: Debian's sqlite3 shell"
sh scripts/fetch-clients.sh "$build" arm64 sqlite3 &&
	sh scripts/fetch-clients.sh "$build" amd64 sqlite3 ||
	fail "downloading Debian's sqlite3 shell (arm64, amd64)"
# sqlite3_session SIDE COMMAND...: runs tests/sqlite/shell.sql in
# $work/SIDE, beside a file for appendvfs to append a database to.
sqlite3_script=$PWD/tests/sqlite/shell.sql
sqlite3_session() {
	side=$1
	shift
	rm -rf "$work/$side" && mkdir -p "$work/$side" &&
		(cd "$work/$side" &&
		 printf 'not a database, %s\n' $(seq 40) >app.bin &&
		 { "$@" main.db <"$sqlite3_script" >out.txt 2>&1
		   echo "status $?" >>out.txt; })
}
for deb_arch in arm64 amd64; do
	clients=$build/clients/$deb_arch
	isa=x86_64
	[ "$deb_arch" = arm64 ] && isa=aarch64
	work=$client_work/sqlite3-$deb_arch
	rm -rf "$work" && mkdir -p "$work"
	client_check "$deb_arch ($isa guest) sqlite3 shell, libsqlite3 passed through: a session with its own VFS (appendvfs), user functions, WAL, .backup, .import, .expert: output and every file identical to native" \
		"$work.log" '
		"$dlcall" run -v -- "$clients/usr/bin/sqlite3" :memory: "select 1" 2>"$work/pass.err" &&
		grep -q "libsqlite3.so.0: passed through" "$work/pass.err" &&
		sqlite3_session native "$native/usr/bin/sqlite3" &&
		sqlite3_session passed "$dlcall" run -- "$clients/usr/bin/sqlite3" &&
		grep -q "^apnd(4096)/unix\$" "$work/native/out.txt" &&
		diff "$work/native/out.txt" "$work/passed/out.txt" &&
		for file in main.db app.bin backup.db out.csv; do
			cmp "$work/native/$file" "$work/passed/$file" || exit 1
		done'
done

echo "# libjpeg: Debian's cjpeg, djpeg and jpegtran (libjpeg-turbo-progs)"
sh scripts/fetch-clients.sh "$build" arm64 libjpeg-turbo-progs &&
	sh scripts/fetch-clients.sh "$build" amd64 libjpeg-turbo-progs ||
	fail "downloading Debian's libjpeg-turbo-progs (arm64, amd64)"
for deb_arch in arm64 amd64; do
	clients=$build/clients/$deb_arch
	work=$client_work/jpeg-$deb_arch
	rm -rf "$work" && mkdir -p "$work" &&
		cp "$build/sources/libsdl2/test/sample.bmp" "$work/"
	# Each program natively, emulated and passed through: the same bytes.
	# jpegtran's rotation uses libjpeg's helpers from jpegint.h.
	client_check "$deb_arch cjpeg -optimize, djpeg -bmp, jpegtran -rotate 90 -progressive, libjpeg passed through: output identical to native and emulated" \
		"$work/convert.log" '
		cd "$work" &&
		for mode in native emulated pass; do
			case $mode in
			native) run="" ;;
			emulated) run="$dlcall run --emulate --" ;;
			pass) run="$dlcall run -v --" ;;
			esac
			bin=$clients/usr/bin
			[ $mode = native ] && bin=$native/usr/bin
			$run "$bin/cjpeg" -quality 85 -optimize sample.bmp >$mode.jpg 2>$mode.err &&
			$run "$bin/djpeg" -bmp $mode.jpg >$mode.bmp 2>>$mode.err &&
			$run "$bin/jpegtran" -rotate 90 -progressive $mode.jpg >$mode-rotated.jpg 2>>$mode.err ||
				exit 1
		done &&
		grep -q "libjpeg.so.62: passed through" pass.err &&
		for file in .jpg .bmp -rotated.jpg; do
			cmp native$file pass$file && cmp emulated$file pass$file || exit 1
		done'
	client_check "$deb_arch djpeg of a file that is no JPEG: libjpeg's error through the program's error manager, as native (exit 1)" \
		"$work/damaged.log" '
		cd "$work" && echo "no JPEG" >bad.jpg &&
		"$native/usr/bin/djpeg" bad.jpg >/dev/null 2>native.bad; native_status=$?
		"$dlcall" run -- "$clients/usr/bin/djpeg" bad.jpg >/dev/null 2>pass.bad; pass_status=$?
		cat pass.bad && test $native_status = 1 && test $pass_status = 1 &&
		cmp native.bad pass.bad'
done

echo "# libcrypto and libssl: Debian's openssl"
sh scripts/fetch-clients.sh "$build" arm64 openssl libssl3 &&
	sh scripts/fetch-clients.sh "$build" amd64 openssl libssl3 ||
	fail "downloading Debian's openssl (arm64, amd64)"
# openssl_same NAME ARGS...: the native amd64 openssl and the passed-through
# one give the same output and exit status (in $work, with $clients).
openssl_same() {
	name=$1
	shift
	"$native/usr/bin/openssl" "$@" >"native-$name.out" 2>"native-$name.err"
	native_status=$?
	"$dlcall" run -- "$clients/usr/bin/openssl" "$@" >"pass-$name.out" \
		2>"pass-$name.err" </dev/null
	passed_status=$?
	echo "$name: native $native_status, passed through $passed_status"
	[ "$native_status" = "$passed_status" ] &&
		cmp "native-$name.out" "pass-$name.out"
}
# tls_server WORK RUN...: starts `RUN s_server` on a free port of
# 127.0.0.1 for one connection answering HTTP (-www); sets $server_pid
# and $port once it listens.
tls_server() {
	server_log=$1/server.log
	shift
	"$@" s_server -accept 127.0.0.1:0 -cert cert.pem -key key.pem \
		-tls1_3 -naccept 1 -www >"$server_log" 2>&1 &
	server_pid=$!
	port=""
	for _ in $(seq 100); do
		port=$(sed -n 's/^ACCEPT 127.0.0.1:\([0-9]*\)$/\1/p' "$server_log")
		[ -n "$port" ] && return 0
		sleep 0.1
	done
	kill "$server_pid"
	return 1
}
key=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
for deb_arch in arm64 amd64; do
	clients=$build/clients/$deb_arch
	libdir=$(ls -d "$clients"/usr/lib/*-linux-gnu)
	isa=$(basename "$libdir" | cut -d- -f1)
	work=$client_work/openssl-$deb_arch
	rm -rf "$work" && mkdir -p "$work"
	head -c 2097152 "$client_work/input.txt" >"$work/input.txt"
	client_check "$deb_arch ($isa guest) openssl dgst, enc and base64, libcrypto and libssl passed through: identical to native" \
		"$work/enc.log" '
		cd "$work" &&
		"$dlcall" run -v -- "$clients/usr/bin/openssl" version 2>pass.err &&
		grep "libcrypto.so.3: passed through" pass.err &&
		grep "libssl.so.3: passed through" pass.err &&
		openssl_same sha256 dgst -sha256 input.txt &&
		openssl_same digests dgst -sha512 -sha3-256 -blake2b512 input.txt &&
		openssl_same hmac dgst -sha256 -hmac secret input.txt &&
		openssl_same aes enc -aes-256-cbc -K $key -iv 0f0e0d0c0b0a09080706050403020100 -in input.txt &&
		openssl_same chacha enc -chacha20 -K $key -iv 00000000000000000000000000000000 -in input.txt &&
		openssl_same pbkdf2 enc -aes-128-ctr -pbkdf2 -pass pass:word -S 0102030405060708 -in input.txt &&
		openssl_same base64 base64 -in input.txt &&
		"$dlcall" run -- "$clients/usr/bin/openssl" enc -d -aes-256-cbc -K $key -iv 0f0e0d0c0b0a09080706050403020100 -in native-aes.out -out decrypted &&
		cmp decrypted input.txt'
	client_check "$deb_arch ($isa guest) openssl req -x509 makes an RSA key and certificate (guest callbacks report the key search); native openssl verifies them; x509 -text identical" \
		"$work/req.log" '
		cd "$work" &&
		"$dlcall" run -- "$clients/usr/bin/openssl" req -x509 -newkey rsa:2048 -nodes \
			-keyout key.pem -out cert.pem -days 30 -subj "/CN=dlcall test" 2>req.err &&
		grep -q "+++++" req.err &&
		"$native/usr/bin/openssl" verify -CAfile cert.pem cert.pem &&
		"$native/usr/bin/openssl" rsa -check -noout -in key.pem &&
		openssl_same x509 x509 -in cert.pem -noout -text -fingerprint -sha256 &&
		openssl_same pubkey pkey -in key.pem -pubout &&
		openssl_same ec ecparam -name prime256v1 -text -noout'
	client_check "$deb_arch ($isa guest) openssl s_server passed through, native s_client: TLS 1.3 handshake over 127.0.0.1, certificate verified, page served" \
		"$work/tls.log" '
		cd "$work" &&
		tls_server "$work" "$dlcall" run -- "$clients/usr/bin/openssl" &&
		printf "GET / HTTP/1.0\r\n\r\n" |
			timeout 60 "$native/usr/bin/openssl" s_client -connect 127.0.0.1:$port \
			-tls1_3 -CAfile cert.pem -verify_return_error -ign_eof >client.out 2>&1 &&
		wait $server_pid &&
		grep "^New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384" client.out &&
		grep "^Verify return code: 0 (ok)" client.out &&
		grep "^HTTP/1.0 200 ok" client.out'
	client_check "$deb_arch ($isa guest) openssl s_client passed through, native s_server: TLS 1.3, its request read into OPENSSL_malloc() memory, page received" \
		"$work/tls-client.log" '
		cd "$work" &&
		tls_server "$work" "$native/usr/bin/openssl" &&
		printf "GET / HTTP/1.0\r\n\r\n" |
			timeout 60 "$dlcall" run -- "$clients/usr/bin/openssl" s_client -connect 127.0.0.1:$port \
			-tls1_3 -CAfile cert.pem -verify_return_error -ign_eof >client.out 2>&1 &&
		wait $server_pid &&
		grep "^New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384" client.out &&
		grep "^Verify return code: 0 (ok)" client.out &&
		grep "^HTTP/1.0 200 ok" client.out'
	client_check "$deb_arch ($isa guest) openssl --no-lib ssl: libcrypto is emulated with it (a group), same digest" \
		"$work/group.log" '
		cd "$work" &&
		"$dlcall" run -v --no-lib ssl -- "$clients/usr/bin/openssl" dgst -sha256 input.txt >group.out 2>group.err &&
		grep "crypto: emulated, as ssl, which shares objects with it" group.err &&
		! grep "passed through to the host" group.err &&
		cmp group.out native-sha256.out'
	client_check "$deb_arch ($isa guest) openssl with no host thunk for libssl: libcrypto falls back with it, same digest" \
		"$work/fallback.log" '
		cd "$work" &&
		mkdir -p crypto-only &&
		cp "$build/lib/dlcall/host/libdlcall-host.so" "$build/lib/dlcall/host/libcrypto-host.so" crypto-only/ &&
		LD_LIBRARY_PATH="$libdir" DLCALL_HOST_DIR="$work/crypto-only" "$dlcall" run -v -- \
			"$clients/usr/bin/openssl" dgst -sha256 input.txt >fallback.out 2>fallback.err &&
		grep "libcrypto.so.3: .*libssl.so.3, which shares objects with it, cannot pass through" fallback.err &&
		grep "libssl.so.3: emulated with the guest" fallback.err &&
		cmp fallback.out native-sha256.out'
done
