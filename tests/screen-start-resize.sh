#!/bin/bash
# SPDX-License-Identifier: MIT
# A resize that no SIGWINCH reports, right as the browser starts: cage sizes
# foot's window while shequ starts in it, and a resize between ncurses
# reading the size and installing its handler used to leave the layout of
# the first size on screen for good.  gdb stops shequ just after initscr,
# the window grows while it is stopped (the signal goes to gdb, the
# terminal's foreground then), and the browser must still fill the new size.
set -u
: "${SHEQU:?SHEQU must name the built shequ binary}"
for tool in tmux gdb; do
	if ! command -v "$tool" >/dev/null; then
		echo "SKIP: $tool is not installed"
		exit 77
	fi
done
TMP=$(mktemp -d "${TMPDIR:-/tmp}/shequ-resize.XXXXXX")
SOCK="shequ-resize-$$"
TM="tmux -L $SOCK -f /dev/null"
trap '$TM kill-server >/dev/null 2>&1; rm -rf "$TMP"' EXIT

cat >"$TMP/gdb" <<GDB
set pagination off
set breakpoint pending on
break initscr
run
finish
shell tmux -L $SOCK resize-window -x 100 -y 24
continue
GDB
# (Leak checking cannot run under ptrace.)
$TM new-session -d -x 60 -y 13 \
	"env LANG=C.UTF-8 ASAN_OPTIONS=detect_leaks=0 gdb -q -batch -x '$TMP/gdb' --args '$SHEQU' --lang en --no-mouse"
# The last row of the grown window holds the key bar, and the third pane
# is there: the layout is that of 100x24.
fills() {
	$TM capture-pane -p >"$TMP/screen" 2>/dev/null &&
		[ "$(sed -n 24p "$TMP/screen" | cut -c1-10)" = "Enter Open" ] &&
		grep -q 'Community' "$TMP/screen"
}
for _ in $(seq 100); do
	sleep 0.1
	fills && break
done
failed=0
if fills; then
	echo "ok   - the browser fills the window it grew into before its first frame"
else
	echo "FAIL - the browser kept the layout of the size it started at:"
	sed 's/^/| /' "$TMP/screen"
	failed=1
fi
echo "screen-start-resize: $((1 - failed)) passed, $failed failed"
exit "$failed"
