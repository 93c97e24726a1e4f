# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced: a private X server for the tests and benchmarks.
#   xvfb_start DIR   starts Xvfb on a display number it finds free
#                    (-displayfd), exports DISPLAY; 0 once it accepts
#                    clients (its log: DIR/xvfb.log); -noreset: when
#                    its last client leaves, an X server resets and drops
#                    the connections opened meanwhile (a program that
#                    closes one connection and opens another, as
#                    vulkaninfo does, would fail now and then)
#   xvfb_stop        stops it (safe to call twice)
xvfb_pid=""

xvfb_start() {
	: >"$1/display"
	Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp -noreset \
		3>"$1/display" >"$1/xvfb.log" 2>&1 &
	xvfb_pid=$!
	for _ in $(seq 100); do
		if [ -s "$1/display" ]; then
			DISPLAY=:$(cat "$1/display")
			export DISPLAY
			return 0
		fi
		kill -0 "$xvfb_pid" 2>/dev/null || break
		sleep 0.1
	done
	return 1
}

xvfb_stop() {
	if [ -n "$xvfb_pid" ]; then
		kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid"
	fi
	xvfb_pid=""
}
