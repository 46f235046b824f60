#!/bin/bash
# SPDX-License-Identifier: MIT
# How fast the full-screen browser shows its first frame, and how many bytes
# it writes to the terminal for a navigation keystroke.
#
#   bench/tui-frame.sh [path/to/shequ] [--data FILE]
#
# First frame: shequ notes the time from process start (before main, so
# loading counts) to its first doupdate in $SHEQU_BENCH_LOG; the run is
# repeated and min/median/max reported.  Bytes: tmux pipe-pane records
# everything shequ writes; each keystroke's share is what arrived after it.
set -u

SHEQU=${1:-${SHEQU:-build/src/shequ}}
shift $(($# > 0 ? 1 : 0))
ARGS=("$@")
RUNS=${RUNS:-15}
COLS=${COLS:-80}
ROWS=${ROWS:-24}

command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 1; }
[ -x "$SHEQU" ] || { echo "no shequ at $SHEQU (give the path)" >&2; exit 1; }
SHEQU=$(cd "$(dirname "$SHEQU")" && pwd)/$(basename "$SHEQU")

TMP=$(mktemp -d)
SOCK="shequ-bench-$$"
TM="tmux -L $SOCK -f /dev/null"
trap '$TM kill-server >/dev/null 2>&1; rm -rf "$TMP"' EXIT

run_cmd() {
	local q
	printf 'exec env LANG=C.UTF-8 TERM=tmux-256color SHEQU_BENCH_LOG=%q %q' \
		"$TMP/frame.log" "$SHEQU"
	for q in "${ARGS[@]+"${ARGS[@]}"}"; do
		printf ' %q' "$q"
	done
}

wait_for() {
	local i
	for ((i = 0; i < 400; i++)); do
		"$@" && return 0
		sleep 0.01
	done
	return 1
}

size() { stat -c %s "$TMP/out" 2>/dev/null || echo 0; }

# The output has stopped growing for a while: the redraw is complete.
settle() {
	local prev=-1 cur same=0 i
	for ((i = 0; i < 200; i++)); do
		cur=$(size)
		if [ "$cur" = "$prev" ]; then
			same=$((same + 1))
			[ $same -ge 5 ] && return 0
		else
			same=0
		fi
		prev=$cur
		sleep 0.02
	done
}

echo "shequ: $SHEQU ${ARGS[*]+"${ARGS[*]}"}  (${COLS}x$ROWS)"

# ---- first frame ----
rm -f "$TMP/frame.log"
for ((r = 0; r < RUNS; r++)); do
	$TM new-session -d -s b -x "$COLS" -y "$ROWS" "$(run_cmd)"
	n=$((r + 1))
	wait_for test "$(grep -c first-frame "$TMP/frame.log" 2>/dev/null || echo 0)" -ge $n
	$TM send-keys -t b q
	wait_for bash -c "! $TM has-session -t b 2>/dev/null"
	$TM kill-server >/dev/null 2>&1
done
sort -n -k2 "$TMP/frame.log" | awk '
	{ v[NR] = $2 }
	END {
		if (NR == 0) { print "first frame: no measurement"; exit 1 }
		printf "first frame: min %.1f ms, median %.1f ms, max %.1f ms (%d runs)\n",
			v[1], v[int((NR + 1) / 2)], v[NR], NR
	}'

# ---- bytes per keystroke ----
$TM new-session -d -s b -x "$COLS" -y "$ROWS" "read -r _; $(run_cmd)"
$TM pipe-pane -t b -o "cat >>$TMP/out"
sleep 0.2
$TM send-keys -t b Enter
wait_for test -s "$TMP/out"
settle
printf '%-28s %6d bytes\n' "first frame" "$(size)"

key() {
	local label=$1
	shift
	local before
	before=$(size)
	$TM send-keys -t b "$@"
	settle
	printf '%-28s %6d bytes\n' "$label" $(($(size) - before))
}

key "Down (district)" Down
key "Down (district)" Down
key "Up (district)" Up
key "Enter (into streets)" Enter
key "Down (street)" Down
key "Tab (to communities)" Tab
key "Down (community, none)" Down
key "Left (back to streets)" Left
key "Backspace (districts)" BSpace
key "End" End
key "Home" Home
key "Ctrl-L (full repaint)" C-l
$TM send-keys -t b q
