# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by tests/run.sh: threads, signals, fork, exec and the ways a
# program ends around pass-through calls (tests/e2e/lifecycle.c), and
# Debian's multi-threaded pigz.

# Waits until FILE contains a line "ready" (at most 60 s).
wait_ready() {
	tries=0
	until grep -q '^ready$' "$1" 2>/dev/null || [ $tries -ge 600 ]; do
		sleep 0.1
		tries=$((tries + 1))
	done
}

# Sends SIGNAL to a lifecycle run during its long host call and prints
# its exit status: signal_during_call SIGNAL LOG COMMAND...
signal_during_call() {
	signal=$1
	output=$2
	shift 2
	: >"$output"
	# A non-interactive shell starts background jobs with SIGINT ignored.
	env --default-signal="$signal" "$@" >"$output" 2>&1 &
	job=$!
	wait_ready "$output"
	kill "-$signal" "$job"
	wait "$job"
	echo $?
}

echo "# threads, signals, fork, exec and exit paths"
for isa in x86_64 aarch64 riscv64; do
	lifecycle=$build/guest-$isa/tests/e2e/lifecycle
	for case in threads thread-exit longjmp fork signals hazards; do
		tap "$isa $case, plain emulation" \
			"$dlcall" run --emulate -- "$lifecycle" "$case"
		tap "$isa $case, pass-through" \
			"$dlcall" run -- "$lifecycle" "$case"
		# The same with every call by the magic syscall.
		tap "$isa $case, pass-through by syscall only" \
			env DLCALL_FAST=off "$dlcall" run -- "$lifecycle" "$case"
	done

	# The fast transport is on, and keeps working when QEMU translates
	# one instruction per block or chains no blocks.
	log=$logs/${isa}_fast_on.log
	if "$dlcall" run -v -- "$lifecycle" spin 1 >/dev/null 2>"$log" &&
		grep -q '^dlcall: fast transport on$' "$log"; then
		pass "$isa fast transport on (-v)"
	else
		fail "$isa fast transport on (-v)" "$log"
	fi
	for option in -singlestep nochain; do
		wrapper=$logs/qemu-$isa$option
		case $option in
		nochain) set -- -d nochain ;;
		*) set -- "$option" ;;
		esac
		printf '#!/bin/sh\nexec qemu-%s %s "$@"\n' "$isa" "$*" >"$wrapper"
		chmod +x "$wrapper"
		tap "$isa hazards, pass-through, qemu $*" \
			env DLCALL_QEMU="$wrapper" "$dlcall" run -- "$lifecycle" hazards
	done
	[ "$isa" = riscv64 ] && continue

	exit_in_callback_check "$isa" "$logs/${isa}_exit_in_callback.log" \
		"$dlcall" run -- "$lifecycle"

	log=$logs/${isa}_abort_in_callback.log
	(ulimit -c 0; exec timeout 60 "$dlcall" run -- "$lifecycle" abort-in-callback) >"$log" 2>&1
	status=$?
	if [ $status -eq 134 ]; then
		pass "$isa abort() in a callback ends the program by SIGABRT"
	else
		fail "$isa abort() in a callback (status $status, want 134)" "$log"
	fi

	log=$logs/${isa}_host_thread.log
	host_thread_result=$(printf 'result 5\nfolded 4950')
	if [ "$("$dlcall" run -- "$lifecycle" host-thread 2>"$log")" = "$host_thread_result" ] &&
		[ ! -s "$log" ]; then
		pass "$isa callback from a host-created thread runs on a callback server: the result emulation gives"
	else
		fail "$isa callback from a host-created thread" "$log"
	fi
	if [ "$("$dlcall" run --emulate -- "$lifecycle" host-thread 2>&1)" = "$host_thread_result" ]; then
		pass "$isa callback from a library thread works in plain emulation"
	else
		fail "$isa callback from a library thread works in plain emulation"
	fi
	# QEMU 7.2 cannot start a thread in the child of a process with
	# several (its plugin hook asserts): such a callback there ends the
	# child with one line, the parent carries on.
	log=$logs/${isa}_host_thread_fork.log
	"$dlcall" run -- "$lifecycle" host-thread-fork >"$log.out" 2>"$log"
	if [ "$(cat "$log.out")" = "$(printf 'parent 5\nchild status 127')" ] &&
		[ "$(grep -c . "$log")" -eq 1 ] &&
		grep -q '^dlcall: libdlcalltest.so.1 int (\*)(int, int) callback (guest function 0x[0-9a-f]*, given to dt_apply_in_thread) called from a thread the library created, in a child of fork()' "$log"; then
		pass "$isa callback from a library thread in a child of fork(): one line, status 127, the parent unharmed"
	else
		fail "$isa callback from a library thread in a child of fork()" "$log"
	fi

	for signal in INT:2 TERM:15; do
		want=$((128 + ${signal#*:}))
		signal=${signal%:*}
		log=$logs/${isa}_SIG$signal.log
		status=$(signal_during_call "$signal" "$log" "$dlcall" run -- "$lifecycle" spin 5000)
		if [ "$status" -eq "$want" ] && ! grep -q spun "$log"; then
			pass "$isa SIG$signal during a long host call ends the program (status $status)"
		else
			fail "$isa SIG$signal during a long host call (status $status, want $want)" "$log"
		fi
	done
	log=$logs/${isa}_handled_SIGINT.log
	status=$(signal_during_call INT "$log" "$dlcall" run -- "$lifecycle" handled-interrupt 3000)
	if [ "$status" -eq 0 ] && grep -q '^interrupts 1$' "$log"; then
		pass "$isa SIGINT handler installed by the guest runs once after a long host call"
	else
		fail "$isa SIGINT handler during a long host call (status $status)" "$log"
	fi
done

# exec: the programs a guest execs start clean, with pass-through where a
# QEMU is started for them (QEMU_PLUGIN, as binfmt_misc would), and with
# their own libraries where there is none (DLCALL_RUN).
x86_64_lifecycle=$build/guest-x86_64/tests/e2e/lifecycle
aarch64_lifecycle=$build/guest-aarch64/tests/e2e/lifecycle
name="x86_64 program execs an x86_64 program (runs natively, own library)"
tap "$name" "$dlcall" run -v -- "$x86_64_lifecycle" exec "$x86_64_lifecycle" threads
log=$logs/$(echo "$name" | tr ' /' '__').log
if grep -q "libdlcalltest.so.1: uses the guest's own .*(no dlcall plugin: started by exec" "$log"; then
	pass "x86_64 exec: -v says the exec'd program uses its own library"
else
	fail "x86_64 exec: -v says the exec'd program uses its own library" "$log"
fi
name="aarch64 program execs QEMU with an aarch64 program (pass-through again)"
tap "$name" "$dlcall" run -v -- "$aarch64_lifecycle" exec \
	"$(command -v qemu-aarch64)" "$aarch64_lifecycle" threads
log=$logs/$(echo "$name" | tr ' /' '__').log
if [ "$(grep -c 'libdlcalltest.so.1: passed through' "$log")" -eq 2 ]; then
	pass "aarch64 exec: both programs pass through"
else
	fail "aarch64 exec: both programs pass through" "$log"
fi
name="aarch64 program execs QEMU without the plugin (own library, emulated)"
tap "$name" "$dlcall" run -v -- "$aarch64_lifecycle" exec /usr/bin/env -u QEMU_PLUGIN \
	"$(command -v qemu-aarch64)" "$aarch64_lifecycle" threads
log=$logs/$(echo "$name" | tr ' /' '__').log
if grep -q "libdlcalltest.so.1: uses the guest's own .*(no dlcall plugin: started by exec" "$log"; then
	pass "aarch64 exec without the plugin: -v says it uses its own library"
else
	fail "aarch64 exec without the plugin: -v says it uses its own library" "$log"
fi

# Threads in a real program: Debian's pigz, the same bytes as natively.
echo "# pigz: multi-threaded zlib"
for arch in arm64 amd64; do
	sh scripts/fetch-clients.sh "$build" "$arch" pigz
done
pigz_work=$build/pigz-work
mkdir -p "$pigz_work"
sh scripts/make-input.sh "$pigz_work/input.txt" 8
native_pigz=$build/clients/amd64/usr/bin/pigz
for threads in 1 2 8; do
	"$native_pigz" -9 -p "$threads" -c "$pigz_work/input.txt" >"$pigz_work/native-$threads.gz"
	for arch in arm64 amd64; do
		for mode in pass-through emulated; do
			[ "$mode" = emulated ] && [ "$threads" != 2 ] && continue
			option=-v
			[ "$mode" = emulated ] && option=--emulate
			result=$pigz_work/$arch-$mode-$threads.gz
			log=$logs/pigz-$arch-$mode-$threads.log
			if "$dlcall" run "$option" -- "$build/clients/$arch/usr/bin/pigz" \
				-9 -p "$threads" -c "$pigz_work/input.txt" >"$result" 2>"$log" &&
				cmp "$pigz_work/native-$threads.gz" "$result" >>"$log" 2>&1 &&
				{ [ "$mode" = emulated ] || grep -q 'libz.so.1: passed through' "$log"; } &&
				"$native_pigz" -d -c "$result" | cmp - "$pigz_work/input.txt" >>"$log" 2>&1; then
				pass "$arch pigz -9 -p $threads, $mode: same bytes as native pigz"
			else
				fail "$arch pigz -9 -p $threads, $mode: same bytes as native pigz" "$log"
			fi
		done
	done
done
# A shell script under an x86_64 guest runs the host's pigz natively.
log=$logs/pigz-from-guest-shell.log
if "$dlcall" run -v -- /bin/sh -c "'$native_pigz' -9 -p 2 -c '$pigz_work/input.txt'" \
	>"$pigz_work/from-shell.gz" 2>"$log" &&
	cmp "$pigz_work/native-2.gz" "$pigz_work/from-shell.gz" >>"$log" 2>&1 &&
	grep -q "libz.so.1: uses the guest's own" "$log"; then
	pass "x86_64 guest shell runs amd64 pigz (native, own libz): same bytes"
else
	fail "x86_64 guest shell runs amd64 pigz (native, own libz): same bytes" "$log"
fi
