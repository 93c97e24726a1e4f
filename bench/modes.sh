# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by bench/graphics.sh and bench/fonts.sh (which set $dlcall):
#   launcher MODE     the command line prefix of a mode (native, emulated,
#                     pass-through)
#   seconds COMMAND...  the wall time of a command, in seconds
launcher() {
	case $1 in
	native) echo "" ;;
	emulated) echo "$dlcall run --emulate --" ;;
	pass-through) echo "$dlcall run --" ;;
	esac
}

seconds() {
	start=$(date +%s.%N)
	"$@" >/dev/null 2>&1
	echo "$start $(date +%s.%N)" | awk '{ printf "%.3f\n", $2 - $1 }'
}
