# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by tests/run.sh: glibc's libm passed through (thunks/m), on
# every guest ISA. Uses $build, $dlcall and $logs.

# The functions and objects a libm.so.6 exports, as NAME@VERSION TYPE.
libm_symbols() {
	readelf --dyn-syms -W "$1" |
		awk '$7 != "UND" && ($4 == "FUNC" || $4 == "OBJECT" || $4 == "IFUNC") {
			sub(/@@/, "@", $8); print $8, ($4 == "OBJECT" ? "object" : "function") }' |
		sort -u
}

# libm_same NAME LOG EXPECTED COMMAND...: COMMAND prints what EXPECTED
# holds, and its -v lines (in LOG) say libm passed through.
libm_same() {
	name=$1
	log=$2
	expected=$3
	shift 3
	"$@" >"$log.out" 2>"$log"
	status=$?
	if [ "$status" -eq 0 ] && cmp -s "$log.out" "$expected" &&
		grep -q "libm.so.6: passed through to the host" "$log"; then
		pass "$name"
	else
		diff "$expected" "$log.out" | head -n 10 >>"$log"
		fail "$name (exit $status)" "$log"
	fi
}

echo "# libm: the host's results, the guest's symbol versions"
libm_native=$logs/libm-native.txt
"$build/guest-x86_64/tests/e2e/libm-client" host >"$libm_native" ||
	fail "libm client natively" "$libm_native"
for isa in x86_64 aarch64 riscv64; do
	client=$build/guest-$isa/tests/e2e/libm-client
	triple=$isa-linux-gnu
	own=/usr/$triple/lib/libm.so.6
	[ "$isa" = x86_64 ] && own=/lib/$triple/libm.so.6
	libm_symbols "$own" >"$logs/libm-$isa-own.symbols"
	libm_symbols "$build/lib/dlcall/$isa/m/libm.so.6" >"$logs/libm-$isa-thunk.symbols"
	if [ -s "$logs/libm-$isa-own.symbols" ] &&
		diff "$logs/libm-$isa-own.symbols" "$logs/libm-$isa-thunk.symbols" \
			>"$logs/libm-$isa-symbols.diff"; then
		pass "$isa libm thunk exports what the guest's own libm.so.6 does, with its versions"
	else
		fail "$isa libm thunk exports what the guest's own libm.so.6 does, with its versions" \
			"$logs/libm-$isa-symbols.diff"
	fi
	libm_same "$isa libm: the host's results bit for bit, fast path" \
		"$logs/libm-$isa-host.log" "$libm_native" \
		"$dlcall" run -v -- "$client" host
	libm_same "$isa libm: the host's results bit for bit, by syscall only" \
		"$logs/libm-$isa-host-syscall.log" "$libm_native" \
		env DLCALL_FAST=off "$dlcall" run -v -- "$client" host
	# long double, signgam and a program's own rounding mode: what the
	# guest's libm computes under plain emulation.
	guest_expected=$logs/libm-$isa-guest-emulated.txt
	"$dlcall" run --emulate -- "$client" guest >"$guest_expected" 2>&1 ||
		fail "$isa libm client emulated" "$guest_expected"
	libm_same "$isa libm: long double, signgam, fesetround as the guest's own libm computes them" \
		"$logs/libm-$isa-guest.log" "$guest_expected" \
		"$dlcall" run -v -- "$client" guest
	if grep -q "libm.so.6: emulated from now on: fesetround called" \
		"$logs/libm-$isa-guest.log"; then
		pass "$isa libm: setting the rounding mode hands libm to the guest's own"
	else
		fail "$isa libm: setting the rounding mode hands libm to the guest's own" \
			"$logs/libm-$isa-guest.log"
	fi
done
