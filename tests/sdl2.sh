# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by tests/x11.sh, its X server running and its helpers defined:
# SDL 2 through libSDL2-2.0.so.0, proved by SDL's own test programs
# (tests/peer/sdl2/meson.build builds them from Debian's source package
# for x86_64 and aarch64 guests). The x86_64 programs run natively give
# the reference; both ISAs' programs pass through, and some run emulated.
# Sound goes to SDL's disk driver: the bytes that would have been played.

echo "# SDL 2: SDL's own test programs natively, emulated and passed through"
sdl2_work=$x11_work/sdl2
mkdir -p "$sdl2_work"
cd "$sdl2_work" || exit 2
cp "$build/sources/libsdl2/test/sample.wav" "$build/sources/libsdl2/test/icon.bmp" .
export SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null

# sdl2_program ISA NAME: the test program built for ISA.
sdl2_program() { echo "$build/guest-$1/tests/peer/sdl2/sdl2-$2"; }

# sdl2_run MODE ISA NAME ARGS...: runs the program natively (MODE
# native: x86_64 only), emulated or passed through (with -v); with
# $sdl2_exec set to exec, in place of the calling (sub)shell.
sdl2_exec=""
sdl2_run() {
	run_mode=$1
	run_program=$(sdl2_program "$2" "$3")
	shift 3
	case $run_mode in
	native) $sdl2_exec "$run_program" "$@" ;;
	emulate) $sdl2_exec "$dlcall" run --emulate -- "$run_program" "$@" ;;
	*) $sdl2_exec "$dlcall" run -v -- "$run_program" "$@" ;;
	esac
}

# sdl2_verdicts LOG: testautomation's verdict on each test, sorted.
sdl2_verdicts() {
	grep -o ">>> Test '[^']*': [A-Za-z]*" "$1" | sort
}

# SDL's automated suite with a fixed seed, three runs at once (most of
# its time is spent waiting: audio_pauseUnpauseAudio waits a minute for
# the sound servers this machine lacks, natively too), each under an X
# server of its own: the clipboard tests set and read back the one
# clipboard of a display.
seed=DLCALLSDL2SEED01
sdl2_automation() { # MODE ISA LOG
	(
		mkdir -p "$3.x" && xvfb_start "$3.x" || exit 1
		sdl2_run "$1" "$2" testautomation --seed "$seed" >"$3" 2>&1
		automation_status=$?
		xvfb_stop
		exit $automation_status
	)
}
sdl2_automation native x86_64 automation-native.log &
automation_runs=$!
for isa in x86_64 aarch64; do
	sdl2_automation pass "$isa" "automation-pass-$isa.log" &
	automation_runs="$automation_runs $!"
done
# The programs whose time is mostly waiting (timers, threads) meanwhile.
for isa in x86_64 aarch64; do
	for program in testtimer testerror; do
		sdl2_run pass "$isa" "$program" >"$program-pass-$isa.log" 2>&1
		echo $? >"$program-pass-$isa.status"
	done
done
sdl2_run pass aarch64 testthread >testthread-pass-aarch64.log 2>&1
echo $? >testthread-pass-aarch64.status
# shellcheck disable=SC2086
wait $automation_runs # not the X server, another child of this shell
sdl2_run native x86_64 testthread >testthread-native.log 2>&1
sdl2_run native x86_64 testerror >testerror-native.log 2>&1
sdl2_verdicts automation-native.log >automation-native.verdicts
for isa in x86_64 aarch64; do
	client_check "$isa testautomation (SDL's automated suite, 22 suites) passed through: every test's verdict as native's" \
		"$sdl2_work/automation-$isa.check" \
		'passed_through automation-pass-$isa.log libSDL2-2.0.so.0 &&
		test "$(grep -c . automation-native.verdicts)" -gt 250 &&
		sdl2_verdicts automation-pass-$isa.log | diff automation-native.verdicts - &&
		grep "Run Summary" automation-pass-$isa.log'
done

# Thread ids and timings differ from run to run: numbers are masked, and
# lines sorted and counted once (threads print in the order they run, and
# say they are alive once a second for five seconds: five or six times).
sdl2_masked() { sed 's/[0-9][0-9][0-9][0-9][0-9]*/N/g; s/[0-9]*\.[0-9]* sec//' "$1"; }
for isa in x86_64 aarch64; do
	client_check "$isa testerror passed through: SDL's error message per thread, as native" \
		"$sdl2_work/testerror-$isa.check" \
		'test "$(cat testerror-pass-$isa.status)" = 0 &&
		grep -v "^dlcall:" testerror-pass-$isa.log | sdl2_masked /dev/stdin | sort -u >pass.masked &&
		sdl2_masked testerror-native.log | sort -u | diff - pass.masked'
	client_check "$isa testtimer passed through: SDL_AddTimer callbacks on SDL's timer thread" \
		"$sdl2_work/testtimer-$isa.check" \
		'cat testtimer-pass-$isa.log &&
		test "$(cat testtimer-pass-$isa.status)" = 0 &&
		grep -q "Timer 233 : param = 3" testtimer-pass-$isa.log &&
		grep -q "Timer 50 : param = 2" testtimer-pass-$isa.log &&
		grep -q "1 million iterations of ticktock" testtimer-pass-$isa.log'
done

# testthread's SIGTERM handler logs through vsnprintf(), which faults in
# a signal handler under qemu-x86_64 7.2 with plain emulation too: aarch64.
# Its second thread says it is exiting only when its one-second sleep ends
# between the handler's last two statements, natively too: that line is
# left out on both sides.
client_check "aarch64 testthread passed through: SDL_CreateThread makes guest threads, thread-local storage, a signal in a thread, as native" \
	"$sdl2_work/testthread-aarch64.check" \
	'test "$(cat testthread-pass-aarch64.status)" = 0 &&
	passed_through testthread-pass-aarch64.log libSDL2-2.0.so.0 &&
	grep -v "^dlcall:\|Thread .#2. exiting" testthread-pass-aarch64.log | sdl2_masked /dev/stdin | sort -u >pass.masked &&
	grep -v "Thread .#2. exiting" testthread-native.log | sdl2_masked /dev/stdin | sort -u | diff - pass.masked'

# Programs whose whole output is the same natively and passed through.
# (client_check keeps its own $name and $log.)
# testqsort: SDL_qsort() calling the program's comparison, a fixed seed.
for program in testplatform testqsort testver testfile testaudioinfo; do
	arguments=""
	[ "$program" = testqsort ] && arguments=0x40759da60a5d34b3
	# shellcheck disable=SC2086
	sdl2_run native x86_64 "$program" $arguments >"$program-native.log" 2>&1
	for isa in x86_64 aarch64; do
		client_check "$isa $program passed through: output identical to native" \
			"$sdl2_work/$program-$isa.check" \
			'sdl2_run pass $isa $program $arguments >$program-pass-$isa.log 2>&1 &&
			passed_through $program-pass-$isa.log libSDL2-2.0.so.0 &&
			grep -v "^dlcall:" $program-pass-$isa.log | cmp $program-native.log -'
	done
done
client_check "aarch64 testatomic passed through: SDL's atomics and lock-free FIFO across 8 threads, no event lost" \
	"$sdl2_work/testatomic.check" \
	'sdl2_run pass aarch64 testatomic >testatomic.log 2>&1 &&
	grep -q "Atomic 47 " testatomic.log &&
	grep -q "Writers wrote 4000000 total events" testatomic.log &&
	grep -q "Readers read 4000000 total events" testatomic.log'

# sdl2_until_term MODE ISA NAME ARGS...: runs the program for SECONDS
# (default 4), then sends SIGTERM (SDL makes it SDL_QUIT); its status.
sdl2_until_term() {
	(sdl2_exec=exec && sdl2_run "$@") &
	sleep "${SECONDS_TO_RUN:-4}"
	kill -TERM $!
	wait $!
}

# loopwave: SDL's audio callback on SDL's audio thread fills the disk
# driver's buffer with the wave, over and over. Paused at first, the
# device writes silence for as long as start-up takes: after it, the
# bytes must be native's.
sdl2_sound() { # MODE ISA OUT: loopwave for 3 s, its sound in OUT
	SDL_DISKAUDIOFILE=$3 SECONDS_TO_RUN=3 sdl2_until_term "$1" "$2" loopwave &&
		python3 -c 'import sys; d = open(sys.argv[1], "rb").read(); open(sys.argv[1], "wb").write(d.lstrip(b"\0"))' "$3"
}
# sdl2_each_mode "MODE-ISA..." PROGRAM WHAT CHECK: client_check of CHECK
# (which reads $mode and $isa) for each, named "ISA PROGRAM (MODE): WHAT".
sdl2_each_mode() {
	for mode_isa in $1; do
		mode=${mode_isa%-*}
		isa=${mode_isa#*-}
		client_check "$isa $2 ($mode): $3" "$sdl2_work/$2-$mode_isa.check" "$4"
	done
}
sdl2_sound native x86_64 loopwave-native.raw >loopwave-native.log 2>&1
sdl2_each_mode "pass-x86_64 pass-aarch64 emulate-aarch64" loopwave \
	"the audio callback's sound, byte for byte native's" \
	'sdl2_sound $mode $isa loopwave-$mode-$isa.raw &&
	size=$(stat -c %s loopwave-$mode-$isa.raw) && test "$size" -gt 65536 &&
	cmp -n "$size" loopwave-native.raw loopwave-$mode-$isa.raw'

# testaudiocapture: the disk driver's capture device reads a file of
# samples (float, mono, none zero). Holding the mouse button down on the
# window (xdotool) records, releasing it plays back what the program's
# loop moved with SDL_DequeueAudio() and SDL_QueueAudio(). What the disk
# driver wrote, silence left out, must be the start of the file: all that
# was recorded (how much depends on how long the button was held).
python3 -c 'import struct, sys; sys.stdout.buffer.write(b"".join(struct.pack("<f", (i % 997 + 1) / 1000) for i in range(176400)))' >capture-in.raw
sdl2_capture() { # MODE ISA OUT: record for ~2 s, play back; OUT the sound
	(sdl2_exec=exec && SDL_DISKAUDIOFILEIN=capture-in.raw SDL_DISKAUDIOFILE=$3 \
		sdl2_run "$1" "$2" testaudiocapture >"$3.log" 2>&1) &
	capture_pid=$!
	for _ in $(seq 120); do
		grep -q "Ready!" "$3.log" && break
		sleep 0.5
	done
	window=$(xdotool search --name '^testaudiocapture$' | head -n 1)
	[ -n "$window" ] && xdotool mousemove --window "$window" 160 120 mousedown 1 &&
		sleep 2 && xdotool mouseup 1 && sleep 3
	kill -TERM $capture_pid
	wait $capture_pid && grep -q "Shutting down" "$3.log"
}
# sdl2_captured IN OUT: OUT's samples but silence, a prefix of IN's, of
# more than half a second.
sdl2_captured() {
	python3 -c 'import sys
recorded, written = (open(name, "rb").read() for name in sys.argv[1:3])
sound = b"".join(written[i:i + 4] for i in range(0, len(written), 4) if written[i:i + 4] != bytes(4))
print(len(sound) // 4, "samples played back")
sys.exit(not (len(sound) > 4 * 22050 and recorded.startswith(sound)))' "$1" "$2"
}
sdl2_each_mode "native-x86_64 pass-x86_64 pass-aarch64" testaudiocapture \
	"records from the disk driver while the button is down, plays back the start of its file" \
	'sdl2_capture $mode $isa capture-$mode-$isa.raw &&
	{ [ $mode = native ] || passed_through capture-$mode-$isa.raw.log libSDL2-2.0.so.0; } &&
	sdl2_captured capture-in.raw capture-$mode-$isa.raw'

# Drawing programs, stopped by SIGTERM after a few seconds: each prints
# its frame rate.
for program in testgl2 testgles2 testvulkan testsprite2; do
	arguments=""
	seconds=4
	# testsprite2 reports every 5 s.
	[ "$program" = testsprite2 ] && arguments="--iterations 100" && seconds=6
	for isa in x86_64 aarch64; do
		client_check "$isa $program passed through draws, and quits on SIGTERM (SDL_QUIT)" \
			"$sdl2_work/$program-$isa.check" \
			'SECONDS_TO_RUN=$seconds sdl2_until_term pass $isa $program $arguments >$program-pass-$isa.log 2>&1
			status=$?
			cat $program-pass-$isa.log && test $status = 0 &&
			passed_through $program-pass-$isa.log libSDL2-2.0.so.0 &&
			grep "frames per second" $program-pass-$isa.log'
	done
done
one_line_error "--lib sdl2 with --no-lib x11 is refused: they pass through together" \
	"shares objects with" \
	"$dlcall" run --lib sdl2 --no-lib x11 -- "$(sdl2_program aarch64 testver)"
unset SDL_VIDEODRIVER SDL_AUDIODRIVER SDL_DISKAUDIOFILE
