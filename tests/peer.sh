# SPDX-License-Identifier: GPL-2.0-or-later
# The libraries' own tests (tests/peer/meson.build builds them from
# Debian's source packages for every guest ISA), each run with plain
# emulation and with the library passed through, in the same run.
# Sourced by tests/run.sh after tests/debian-clients.sh (its input text
# and client_check); uses $build, $dlcall and $logs.

peer_sources=$build/sources

# peer_check NAME LIBRARY MODE COMMANDS: client_check (tests/debian-
# clients.sh) of COMMANDS in the ISA's work directory, with $run set to
# the launcher in MODE (emulate, pass, or fallback: the thunks with no
# host side, so the guest's own library serves through them); in
# pass-through and fallback mode -v must also say which LIBRARY (a
# soname) served.
peer_check() {
	name=$1
	library=$2
	mode=$3
	shift 3
	log=$logs/peer-$(echo "$name-$mode" | tr ' /' '__').log
	if [ "$mode" = emulate ]; then
		run="$dlcall run --emulate --"
		client_check "$name, plain emulation" "$log" 'cd "$peer_work" &&' "$*"
	elif [ "$mode" = fallback ]; then
		run="env DLCALL_HOST_DIR=$runtime_only $dlcall run -v --"
		client_check "$name, the guest's own library through the thunk" "$log" \
			'cd "$peer_work" &&' "$*" \
			'&& grep -q "$library: emulated with the guest'"'"'s own" "$log"'
	else
		run="$dlcall run -v --"
		client_check "$name, pass-through" "$log" 'cd "$peer_work" &&' "$*" \
			'&& grep -q "$library: passed through to the host" "$log"'
	fi
}

# xz_layout DIR PROGRAMS RUN: the build tree that xz's test scripts expect
# around their working directory DIR/tests (../config.h, ../src/xz/xz),
# with the programs built from PROGRAMS started by the command RUN.
xz_layout() {
	mkdir -p "$1/tests" "$1/src/xz"
	cp tests/peer/xz/config.h "$1/"
	printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$3" "$2/xz" >"$1/src/xz/xz"
	printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$3" "$2/xz-create_compress_files" \
		>"$1/tests/create_compress_files"
	chmod +x "$1/src/xz/xz" "$1/tests/create_compress_files"
}

# fuzzcheck_trace RUN...: SQLite's fuzzcheck on the 2575 JSON scripts of
# test/fuzzdata4.db, every statement's results (--result-trace), all
# passing; its line of timing left out.
fuzzcheck_trace() {
	"$@" --result-trace "$peer_sources/sqlite3/test/fuzzdata4.db" >fuzzcheck.out &&
		grep -q "^fuzzcheck: 0 errors out of 2575 tests" fuzzcheck.out &&
		sed '/^fuzzcheck: /d' fuzzcheck.out
}

# SQLite: the results the x86_64 programs give natively, run once.
sqlite_native=$logs/peer-sqlite-native
mkdir -p "$sqlite_native"
(cd "$sqlite_native" &&
	"$build/guest-x86_64/tests/peer/sqlite3/sqlite-speedtest1" --size 10 --verify native.db |
	grep '^Verification Hash' >speedtest1.hash &&
	"$build/guest-x86_64/tests/peer/sqlite3/sqlite-client" >client.txt &&
	fuzzcheck_trace "$build/guest-x86_64/tests/peer/sqlite3/sqlite-fuzzcheck" \
		>fuzzcheck.txt) ||
	fail "SQLite's speedtest1, fuzzcheck and our client natively" "$sqlite_native/speedtest1.hash"

# libxml2's testapi as the x86_64 program reports it natively.
xml2_native=$logs/peer-xml2-native
mkdir -p "$xml2_native"
(cd "$xml2_native" &&
	"$build/guest-x86_64/tests/peer/xml2/xml2-testapi" >testapi.out &&
	grep -q "^Total: .* 0 errors" testapi.out &&
	"$build/guest-x86_64/tests/peer/xml2/xml2-client" >client.txt) ||
	fail "libxml2's testapi and our client natively" "$xml2_native/testapi.out"

# OpenSSL's evp_test, ssl_test and sslapitest, from its source tree's
# test/ directory (their data and certificates); the launcher's lines go
# to the check's log.
openssl_tests=$peer_sources/openssl/test
# openssl_evp RUN...: each recipe of test/recipes/30-test_evp_data with
# the default and legacy providers: "file status summary" lines.
openssl_evp() {
	for recipe in "$openssl_tests"/recipes/30-test_evp_data/*.txt; do
		"$@" -config "$openssl_tests/default-and-legacy.cnf" "$recipe" >evp.out 2>&1
		status=$?
		grep "^dlcall: " evp.out >&2
		echo "$(basename "$recipe") $status $(grep -o 'Completed .*' evp.out | tr '\n' ' ')"
	done
}
# openssl_ssl_test RUN...: each handshake configuration of test/ssl-tests:
# "file status passed failed" lines.
openssl_ssl_test() {
	for config in "$openssl_tests"/ssl-tests/*.cnf; do
		(cd "$openssl_tests" && TEST_CERTS_DIR=certs CTLOG_FILE=ct/log_list.cnf \
			"$@" "$config" default) >ssl_test.out 2>&1
		status=$?
		grep "^dlcall: " ssl_test.out >&2
		echo "$(basename "$config") $status $(grep -c '^ *ok' ssl_test.out) $(grep -c '^ *not ok' ssl_test.out)"
	done
}
# openssl_sslapitest RUN... [-test NAME]: sslapitest with OpenSSL's own
# arguments; its results are the "ok N - name" lines, less the number.
openssl_sslapitest() {
	(cd "$openssl_tests" && "$@" certs recipes/90-test_sslapi_data/passwd.txt \
		"$peer_work/sslapi.tmp" default default.cnf \
		recipes/90-test_sslapi_data/dhparams.pem) >sslapitest.out 2>&1
	grep "^dlcall: " sslapitest.out >&2
	sed -n 's/^\(not ok\|ok\) [0-9]* - /\1 /p' sslapitest.out
}
openssl_native=$logs/peer-openssl-native
mkdir -p "$openssl_native"
if [ -x "$build/guest-x86_64/tests/peer/openssl/openssl-evp_test" ]; then
	peer_work=$openssl_native
	(cd "$openssl_native" &&
		openssl_evp "$build/guest-x86_64/tests/peer/openssl/openssl-evp_test" >evp.txt &&
		openssl_ssl_test "$build/guest-x86_64/tests/peer/openssl/openssl-ssl_test" >ssl_test.txt &&
		openssl_sslapitest "$build/guest-x86_64/tests/peer/openssl/openssl-sslapitest" >sslapitest.txt &&
		[ "$(wc -l <sslapitest.txt)" -gt 80 ] &&
		"$build/guest-x86_64/tests/peer/openssl/openssl-provider_test" \
			>provider_test.txt 2>/dev/null) ||
		fail "OpenSSL's evp_test, ssl_test, sslapitest and provider_test natively" "$openssl_native"
fi

# libpng's pngtest natively (x86_64): its report and its rewritten image.
png_native=$logs/peer-png-native
mkdir -p "$png_native"
if [ -x "$build/guest-x86_64/tests/peer/png/png-pngtest" ]; then
	(cd "$png_native" && cp "$peer_sources/libpng1.6/pngtest.png" . &&
		"$build/guest-x86_64/tests/peer/png/png-pngtest" pngtest.png >pngtest.out) ||
		fail "libpng's pngtest natively" "$png_native/pngtest.out"
fi

echo "# the libraries' own tests, from Debian's source packages ($(tr '\n' ';' <"$peer_sources/versions" | sed 's/;$//; s/;/; /g'))"
for isa in x86_64 aarch64 riscv64; do
	peer=$build/guest-$isa/tests/peer
	if [ ! -x "$peer/expat-runtests" ]; then
		fail "$isa: peer tests not built (no sources in $peer_sources?)"
		continue
	fi
	for mode in emulate pass; do
		peer_work=$logs/peer-$isa-$mode
		mkdir -p "$peer_work"
		cp "$peer_sources"/bzip2/sample[123].* "$peer_work/"

		# zlib's `make test`: example, and minigzip both ways.
		peer_check "$isa zlib example" libz.so.1 $mode \
			'$run "$peer/zlib-example" example.gz &&
			 grep -q "inflate with dictionary: hello, hello!" "$log"'
		peer_check "$isa zlib minigzip (echo hello world)" libz.so.1 $mode \
			'[ "$(echo hello world | $run "$peer/zlib-minigzip" |
			      $run "$peer/zlib-minigzip" -d)" = "hello world" ]'
		# Larger data, checked against the host's own gzip.
		peer_check "$isa zlib minigzip -9 of 1 MiB, gunzip on the host" libz.so.1 $mode \
			'head -c 1048576 "$client_work/input.txt" >plain &&
			 $run "$peer/zlib-minigzip" -9 <plain >plain.gz &&
			 gzip -dc plain.gz | cmp - plain &&
			 gzip -9c plain | $run "$peer/zlib-minigzip" -d | cmp - plain'
		# infcover asserts every result; it exits 0 only if all held.
		peer_check "$isa zlib infcover (inflate, inflateBack, allocators)" libz.so.1 $mode \
			'$run "$peer/zlib-infcover"'

		# bzip2's `make test`: three compressions and three
		# decompressions, compared with the sample files.
		peer_check "$isa bzip2 sample tests" libbz2.so.1.0 $mode \
			'$run "$peer/bzip2" -1 <sample1.ref >sample1.rb2 &&
			 $run "$peer/bzip2" -2 <sample2.ref >sample2.rb2 &&
			 $run "$peer/bzip2" -3 <sample3.ref >sample3.rb2 &&
			 $run "$peer/bzip2" -d <sample1.bz2 >sample1.tst &&
			 $run "$peer/bzip2" -d <sample2.bz2 >sample2.tst &&
			 $run "$peer/bzip2" -ds <sample3.bz2 >sample3.tst &&
			 cmp sample1.bz2 sample1.rb2 && cmp sample2.bz2 sample2.rb2 &&
			 cmp sample3.bz2 sample3.rb2 && cmp sample1.tst sample1.ref &&
			 cmp sample2.tst sample2.ref && cmp sample3.tst sample3.ref'
		# dlltest: the BZFILE functions (bzopen/bzwrite/bzread/bzdopen).
		peer_check "$isa bzip2 dlltest" libbz2.so.1.0 $mode \
			'$run "$peer/bzip2-dlltest" -1 sample1.ref dll1.bz2 &&
			 cmp dll1.bz2 sample1.bz2 &&
			 $run "$peer/bzip2-dlltest" -d sample2.bz2 dll2 &&
			 cmp dll2 sample2.ref &&
			 $run "$peer/bzip2-dlltest" -d <sample3.bz2 >dll3 &&
			 cmp dll3 sample3.ref'

		# expat's runtests: every test but the excluded ones.
		peer_check "$isa expat runtests" libexpat.so.1 $mode \
			'$run "$peer/expat-runtests" &&
			 grep -q "^100%: Checks: [0-9]*, Failed: 0" "$log"'

		# xz's `make check`: its C tests (each exits non-zero on a
		# failure or a skip), then its scripts with the xz program.
		xz_peer=$build/guest-$isa/tests/peer/xz
		for xz_test in test_check test_hardware test_stream_flags \
			test_filter_flags test_block_header test_index \
			test_index_hash test_bcj_exact_size test_memlimit \
			test_lzip_decoder test_vli; do
			peer_check "$isa xz $xz_test" liblzma.so.5 $mode \
				'srcdir="$peer_sources/xz-utils/tests" $run "$xz_peer/xz-$xz_test"'
		done
		xz_layout "$peer_work/xz-tree" "$xz_peer" \
			"$dlcall run $([ $mode = pass ] && echo -v || echo --emulate) --"
		peer_check "$isa xz test_files.sh (every good, bad and unsupported file)" liblzma.so.5 $mode \
			'cd xz-tree/tests && srcdir="$peer_sources/xz-utils/tests" \
			 sh "$peer_sources/xz-utils/tests/test_files.sh"'
		for xz_file in compress_prepared_bcj_sparc compress_prepared_bcj_x86 \
			compress_generated_abc compress_generated_random \
			compress_generated_text; do
			peer_check "$isa xz test_compress.sh $xz_file" liblzma.so.5 $mode \
				'cd xz-tree/tests && srcdir="$peer_sources/xz-utils/tests" \
				 sh "$peer_sources/xz-utils/tests/test_compress.sh" $xz_file'
		done

		# zstd's `make test-fuzzer test-zstream test-zstd`, smaller:
		# the unit tests in full, then a fixed seed and count of fuzz
		# rounds instead of minutes (--no-big-tests: no 1 GiB windows).
		zstd_peer=$build/guest-$isa/tests/peer/zstd
		peer_check "$isa zstd fuzzer (unit tests, 30 rounds of seed 1234)" libzstd.so.1 $mode \
			'$run "$zstd_peer/zstd-fuzzer" -v -s1234 -i30 --no-big-tests'
		peer_check "$isa zstd zstreamtest (unit tests, 20 rounds of seed 1234)" libzstd.so.1 $mode \
			'$run "$zstd_peer/zstd-zstreamtest" -v -s1234 -i20 --no-big-tests'
		peer_check "$isa zstd zstreamtest --newapi -t1 (20 rounds of seed 1234)" libzstd.so.1 $mode \
			'$run "$zstd_peer/zstd-zstreamtest" -v --newapi -t1 -s1234 -i20 --no-big-tests'
		# playTests.sh starts zstd through $EXEC_PREFIX (and its
		# symlink tests through $EXE_PREFIX): a launcher without -v,
		# since some tests read zstd's stderr.
		printf '#!/bin/sh\nexec %s run %s -- "$@"\n' "$dlcall" \
			"$([ $mode = emulate ] && echo --emulate)" >"$peer_work/zstd-run"
		chmod +x "$peer_work/zstd-run"
		mkdir -p "$peer_work/zstd-play"
		peer_check "$isa zstd playTests.sh" libzstd.so.1 $mode \
			'$run "$zstd_peer/zstd" -V && cd zstd-play &&
			 EXEC_PREFIX="$peer_work/zstd-run" EXE_PREFIX="$peer_work/zstd-run" \
			 ZSTD_BIN="$zstd_peer/zstd" \
			 DATAGEN_BIN="$build/guest-x86_64/tests/peer/zstd/zstd-datagen" \
			 sh "$peer_sources/libzstd/tests/playTests.sh"'

		# SQLite's speedtest1 with --verify: every test's results
		# hashed, the same hash as natively.
		sqlite_peer=$build/guest-$isa/tests/peer/sqlite3
		peer_check "$isa sqlite3 speedtest1 --size 10 --verify (the native results' hash)" libsqlite3.so.0 $mode \
			'rm -f speedtest1.db &&
			 $run "$sqlite_peer/sqlite-speedtest1" --size 10 --verify speedtest1.db >speedtest1.out &&
			 grep "^Verification Hash" speedtest1.out | cmp - "$sqlite_native/speedtest1.hash"'
		peer_check "$isa sqlite3 fuzzcheck fuzzdata4.db: 2575 JSON scripts in its in-memory VFS, results as native" \
			libsqlite3.so.0 $mode \
			'fuzzcheck_trace $run "$sqlite_peer/sqlite-fuzzcheck" >fuzzcheck.txt &&
			 cmp fuzzcheck.txt "$sqlite_native/fuzzcheck.txt"'
		peer_check "$isa sqlite3 fuzzcheck fuzzdata8.db: 575 corrupt databases with their SQL, and recovery" \
			libsqlite3.so.0 $mode \
			'$run "$sqlite_peer/sqlite-fuzzcheck" "$peer_sources/sqlite3/test/fuzzdata8.db" >fuzzcheck8.out &&
			 grep -q "^fuzzcheck: 0 errors out of 575 tests" fuzzcheck8.out'
		peer_check "$isa sqlite3 threadtest3 cgt_pager_1 walthread5, then with the multiplexor VFS" \
			libsqlite3.so.0 $mode \
			'rm -f test.db* test_sv.db* &&
			 $run "$sqlite_peer/sqlite-threadtest3" cgt_pager_1 walthread5 >threadtest3.out &&
			 $run "$sqlite_peer/sqlite-threadtest3" -multiplexor cgt_pager_1 walthread5 >>threadtest3.out &&
			 [ "$(grep -c "^0 errors out of 2 tests" threadtest3.out)" = 2 ]'
		peer_check "$isa sqlite3 printf family, config, db_config, log, VFS objects and a VFS of the program's: our client's output as native" \
			libsqlite3.so.0 $mode \
			'$run "$sqlite_peer/sqlite-client" >sqlite-client.out &&
			 cmp sqlite-client.out "$sqlite_native/client.txt"'

		# libxml2: testapi (non-zero on an error or a leak),
		# testchar, testdict.
		xml2_peer=$build/guest-$isa/tests/peer/xml2
		if [ -x "$xml2_peer/xml2-testapi" ]; then
			peer_check "$isa libxml2 testapi: every public function of its 39 modules, leak-checked, the native report" \
				libxml2.so.2 $mode \
				'$run "$xml2_peer/xml2-testapi" >testapi.out &&
				 cmp testapi.out "$xml2_native/testapi.out"'
			peer_check "$isa libxml2 allocator, I/O, SAX, error, XPath and input callbacks: our client's output as native" \
				libxml2.so.2 $mode \
				'$run "$xml2_peer/xml2-client" >xml2-client.out &&
				 cmp xml2-client.out "$xml2_native/client.txt"'
			peer_check "$isa libxml2 testchar and testdict" libxml2.so.2 $mode \
				'$run "$xml2_peer/xml2-testchar" >testchar.out &&
				 grep -q "testing 2 byte char in document: 1 2 3 4 done" testchar.out &&
				 $run "$xml2_peer/xml2-testdict" >testdict.out &&
				 grep -q "dictionary tests succeeded" testdict.out'
		fi

		# libpng: pngtest reads and rewrites pngtest.png through the
		# program's I/O, error and chunk callbacks (its report and the
		# image it writes as natively); pngvalid reads back every
		# standard format and size, progressively too, errors by
		# longjmp() (non-zero on any difference).
		png_peer=$build/guest-$isa/tests/peer/png
		if [ -x "$png_peer/png-pngtest" ]; then
			peer_check "$isa libpng pngtest: PASS, its report and rewritten image as native" \
				libpng16.so.16 $mode \
				'cp "$peer_sources/libpng1.6/pngtest.png" . &&
				 $run "$png_peer/png-pngtest" pngtest.png >pngtest.out &&
				 grep -q "^ PASS" pngtest.out && cmp pngtest.out "$png_native/pngtest.out" &&
				 cmp pngout.png "$png_native/pngout.png"'
			peer_check "$isa libpng pngvalid --standard, --standard --progressive-read, --size --progressive-read" \
				libpng16.so.16 $mode \
				'$run "$png_peer/png-pngvalid" --standard &&
				 $run "$png_peer/png-pngvalid" --standard --progressive-read &&
				 $run "$png_peer/png-pngvalid" --size --progressive-read'
		fi
	done
	# OpenSSL: evp_test's recipes identical to native passed through
	# (emulated, the guest's library has its own set of algorithms:
	# arm64 has no AES-CBC-HMAC-SHA "stitched" ciphers, so each recipe
	# must pass); ssl_test and sslapitest identical to native, emulated
	# on aarch64 (x86_64's own library emulated adds little, for
	# minutes), passed through test by test (two load providers written
	# in the program: test_sigalgs_available, test_pluggable_group).
	openssl_peer=$build/guest-$isa/tests/peer/openssl
	if [ -x "$openssl_peer/openssl-evp_test" ]; then
		for mode in emulate pass; do
			peer_work=$logs/peer-$isa-$mode
			peer_check "$isa OpenSSL evp_test: the 69 recipe files of 30-test_evp_data, default and legacy providers" \
				libcrypto.so.3 $mode \
				'openssl_evp $run "$openssl_peer/openssl-evp_test" >evp.txt &&
				 if [ "$mode" = pass ]; then cmp evp.txt "$openssl_native/evp.txt";
				 else ! grep -v "^[^ ]* 0 Completed [0-9]* tests with 0 errors" evp.txt; fi'
		done
		if [ "$isa" = aarch64 ]; then
			peer_work=$logs/peer-$isa-emulate
			peer_check "$isa OpenSSL ssl_test: the 30 handshake configurations of test/ssl-tests, as native" \
				libssl.so.3 emulate \
				'openssl_ssl_test $run "$openssl_peer/openssl-ssl_test" >ssl_test.txt &&
				 cmp ssl_test.txt "$openssl_native/ssl_test.txt"'
			peer_check "$isa OpenSSL sslapitest: its 93 tests, the results of native" \
				libssl.so.3 emulate \
				'openssl_sslapitest $run "$openssl_peer/openssl-sslapitest" >sslapitest.txt &&
				 cmp sslapitest.txt "$openssl_native/sslapitest.txt"'
		fi
		peer_work=$logs/peer-$isa-pass
		peer_check "$isa OpenSSL ssl_test: the 30 handshake configurations of test/ssl-tests, as native" \
			libssl.so.3 pass \
			'openssl_ssl_test $run "$openssl_peer/openssl-ssl_test" >ssl_test.txt &&
			 cmp ssl_test.txt "$openssl_native/ssl_test.txt"'
		peer_check "$isa OpenSSL sslapitest: each of its tests on its own (2 with providers written in the program), the results of native" \
			libssl.so.3 pass \
			'for test in $(sed "s/^[a-z ]* //" "$openssl_native/sslapitest.txt"); do
				 openssl_sslapitest $run "$openssl_peer/openssl-sslapitest" -test $test
			 done >sslapitest.txt &&
			 cmp "$openssl_native/sslapitest.txt" sslapitest.txt'
		# The program's provider logs errors through the core (its
		# va_list functions) and makes a child library context from
		# the core's table.
		peer_check "$isa OpenSSL provider_test: a provider of the program's own, built in, and one with a child library context, as native" \
			libcrypto.so.3 pass \
			'$run "$openssl_peer/openssl-provider_test" >provider_test.txt &&
			 cmp "$openssl_native/provider_test.txt" provider_test.txt'
		# The hand-written hooks hand the guest's own library what
		# they are given.
		peer_check "$isa OpenSSL provider_test (hooks OSSL_PROVIDER_add_builtin, OSSL_LIB_CTX_new_child)" \
			libcrypto.so.3 fallback \
			'$run "$openssl_peer/openssl-provider_test" >provider_test.txt &&
			 cmp "$openssl_native/provider_test.txt" provider_test.txt'
	fi
	# The guest's own libxml2 binds to the thunk's data objects: the
	# relocated ones (xmlTreeIndentString) must hold its own addresses.
	if [ -x "$xml2_peer/xml2-client" ]; then
		peer_check "$isa libxml2 our client (indented output, SAX defaults)" \
			libxml2.so.2 fallback \
			'$run "$xml2_peer/xml2-client" >xml2-client.out &&
			 cmp xml2-client.out "$xml2_native/client.txt"'
	fi
	# The hand-written SQLite hooks hand the guest's own library the
	# arguments they read (test_control's, config's tables, extensions).
	peer_check "$isa sqlite3 our client (printf family, config tables, test_control, auto extensions)" \
		libsqlite3.so.0 fallback \
		'$run "$sqlite_peer/sqlite-client" >sqlite-client.out &&
		 cmp sqlite-client.out "$sqlite_native/client.txt"'
done
