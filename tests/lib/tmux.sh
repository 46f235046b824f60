# SPDX-License-Identifier: MIT
# Shared helpers for the screen tests (sourced): the real binary in a private
# tmux server, driven with send-keys, read with capture-pane.  Column
# positions come from tmux's own cells (copy mode, jump-forward, read
# #{copy_cursor_x}), never from the program's width code.
#
# A test script calls tm_start, then tm_wait/tm_expect/tm_seps..., and ends
# with tm_summary, which exits non-zero if anything failed.

set -u

: "${SHEQU:?SHEQU must name the built shequ binary}"
if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux is not installed"
	exit 77
fi
# The screens are read in both languages; without NLS there is only English.
if [ -n "${SHEQU_BUILDDIR:-}" ] && [ ! -d "$SHEQU_BUILDDIR/po" ]; then
	echo "SKIP: built without NLS (-Dnls=disabled): no Chinese interface to test"
	exit 77
fi

# A private server per tm_start (a new one, not one still shutting down).
TM_RUN=0
TM_SOCK="shequ-test-$$-$TM_RUN"
TM="tmux -L $TM_SOCK -f /dev/null"
TM_T="shequ"
TM_PASS=0
TM_FAIL=0
TM_TMP=$(mktemp -d "${TMPDIR:-/tmp}/shequ-screen.XXXXXX")
TM_TIMEOUT=${TM_TIMEOUT:-10}
TM_NAME=$(basename "$0" .sh)
TM_TERM=${TM_TERM:-tmux-256color}
if ! infocmp "$TM_TERM" >/dev/null 2>&1; then
	TM_TERM=screen-256color
fi

tm_cleanup() {
	$TM kill-server >/dev/null 2>&1
	rm -rf "$TM_TMP"
}
trap tm_cleanup EXIT
trap 'exit 130' INT TERM HUP

tm_log() { printf '%s\n' "$*"; }

tm_pass() {
	TM_PASS=$((TM_PASS + 1))
	tm_log "ok   - $*"
}

tm_fail() {
	TM_FAIL=$((TM_FAIL + 1))
	tm_log "FAIL - $*"
}

# The screen as a person sees it, for failure reports.
tm_dump() {
	tm_log "---- screen ($(tm_size)) ----"
	tm_capture | sed 's/^/| /'
	tm_log "----"
}

# Start shequ in a new tmux server: tm_start COLS ROWS [ENV=VAL...] -- [ARGS...]
# A wrapper runs it in the foreground of the pane and stays after it exits,
# so its exit status ($TM_TMP/status) and the terminal state it left can be
# read; its pid is in $TM_TMP/pid.
tm_start() {
	local cols=$1 rows=$2
	shift 2
	local envs=()
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		envs+=("$1")
		shift
	done
	[ $# -gt 0 ] && shift
	$TM kill-server >/dev/null 2>&1
	TM_RUN=$((TM_RUN + 1))
	TM_SOCK="shequ-test-$$-$TM_RUN"
	TM="tmux -L $TM_SOCK -f /dev/null"
	rm -f "$TM_TMP/status" "$TM_TMP/pid"
	{
		printf '#!/bin/bash\n'
		printf 'cd %q || exit 1\n' "$TM_TMP"
		printf '( echo $BASHPID >pid; exec env -u NO_COLOR -u LC_ALL -u LANGUAGE LANG=C.UTF-8 TERM=%q' "$TM_TERM"
		local e
		for e in "${envs[@]+"${envs[@]}"}"; do
			printf ' %q' "$e"
		done
		printf ' %q' "$SHEQU" "$@"
		printf ' )\necho $? >status.tmp && mv status.tmp status\nexec sleep 100000\n'
	} >"$TM_TMP/run.sh"
	$TM new-session -d -s "$TM_T" -x "$cols" -y "$rows" "bash $TM_TMP/run.sh" \; \
		set-option -g status off
}

# shequ's exit status once it has exited (128+N for signal N); 1 on timeout.
tm_wait_exit() {
	local end=$((SECONDS + ${1:-$TM_TIMEOUT}))
	while [ ! -e "$TM_TMP/status" ]; do
		[ $SECONDS -ge $end ] && return 1
		sleep 0.05
	done
	TM_STATUS=$(cat "$TM_TMP/status")
}

tm_pid() {
	local end=$((SECONDS + TM_TIMEOUT))
	while [ ! -s "$TM_TMP/pid" ]; do
		[ $SECONDS -ge $end ] && return 1
		sleep 0.05
	done
	cat "$TM_TMP/pid"
}

tm_send() { $TM send-keys -t "$TM_T" "$@"; }
# Literal text, as an input method would send it.
tm_type() { $TM send-keys -t "$TM_T" -l -- "$1"; }
tm_capture() { $TM capture-pane -p -t "$TM_T"; }
tm_capture_e() { $TM capture-pane -p -e -t "$TM_T"; }
tm_fmt() { $TM display-message -p -t "$TM_T" "$1"; }
tm_size() { tm_fmt '#{pane_width}x#{pane_height}'; }
tm_line() { tm_capture | sed -n "$(($1 + 1))p"; }
# Resize the window, then wait for the pane to have the size and for shequ to
# have redrawn (tmux may deliver the size change a little later).
tm_resize() {
	$TM resize-window -t "$TM_T" -x "$1" -y "$2"
	local end=$((SECONDS + TM_TIMEOUT))
	while [ "$(tm_size)" != "$1x$2" ] && [ $SECONDS -lt $end ]; do
		sleep 0.02
	done
	tm_settle 4
}

# Poll until the screen contains TEXT (fixed string); 1 on timeout.
tm_wait() {
	local text=$1 timeout=${2:-$TM_TIMEOUT}
	local end=$((SECONDS + timeout))
	while :; do
		if tm_capture | grep -qF -- "$text"; then
			return 0
		fi
		[ $SECONDS -ge $end ] && return 1
		sleep 0.05
	done
}

# Poll until line N (0-based) contains TEXT.
tm_wait_line() {
	local n=$1 text=$2 timeout=${3:-$TM_TIMEOUT}
	local end=$((SECONDS + timeout))
	while :; do
		if tm_line "$n" | grep -qF -- "$text"; then
			return 0
		fi
		[ $SECONDS -ge $end ] && return 1
		sleep 0.05
	done
}

tm_wait_gone() {
	local text=$1 timeout=${2:-$TM_TIMEOUT}
	local end=$((SECONDS + timeout))
	while :; do
		if ! tm_capture | grep -qF -- "$text"; then
			return 0
		fi
		[ $SECONDS -ge $end ] && return 1
		sleep 0.05
	done
}

# Wait for the screen to stop changing (after a resize or a burst of keys):
# the same for N captures in a row (default 2), 50 ms apart.
tm_settle() {
	local need=${1:-2} prev="" cur i same=0
	for ((i = 0; i < 100; i++)); do
		cur=$(tm_capture)
		if [ "$cur" = "$prev" ]; then
			same=$((same + 1))
			[ $same -ge $((need - 1)) ] && return 0
		else
			same=0
		fi
		prev=$cur
		sleep 0.05
	done
}

tm_expect() {
	local text=$1 what=${2:-"shows \"$1\""}
	if tm_wait "$text"; then
		tm_pass "$what"
	else
		tm_fail "$what (\"$text\" not on screen)"
		tm_dump
	fi
}

tm_expect_line() {
	local n=$1 text=$2 what=${3:-"line $1 shows \"$2\""}
	if tm_wait_line "$n" "$text"; then
		tm_pass "$what"
	else
		tm_fail "$what"
		tm_dump
	fi
}

tm_expect_not() {
	local text=$1 what=${2:-"does not show \"$1\""}
	if tm_capture | grep -qF -- "$text"; then
		tm_fail "$what"
		tm_dump
	else
		tm_pass "$what"
	fi
}

tm_check() {
	local what=$1
	shift
	if "$@"; then
		tm_pass "$what"
	else
		tm_fail "$what"
	fi
}

# Press KEY until line N shows TEXT, at most MAX times: how a person looks for
# something in a list.
tm_press_until() {
	local key=$1 n=$2 text=$3 max=${4:-60} i
	for ((i = 0; i <= max; i++)); do
		tm_line "$n" | grep -qF -- "$text" && return 0
		tm_send "$key"
		tm_settle
	done
	tm_line "$n" | grep -qF -- "$text"
}

# Columns (cells, from tmux) of every CHAR on screen line Y, space-separated:
# copy mode, cursor to the line's start, jump-forward to CHAR again and again
# reading #{copy_cursor_x}, all in one tmux command sequence.
tm_cols_of() {
	local y=$1 ch=$2 max=${3:-8} i
	local seq=(copy-mode -t "$TM_T" \; send-keys -t "$TM_T" -X top-line
		\; send-keys -t "$TM_T" -X start-of-line)
	if [ "$y" -gt 0 ]; then
		seq+=(\; send-keys -t "$TM_T" -X -N "$y" cursor-down)
	fi
	seq+=(\; display-message -p -t "$TM_T" '#{copy_cursor_y} #{copy_cursor_x} #{copy_cursor_word}')
	for ((i = 0; i < max; i++)); do
		seq+=(\; send-keys -t "$TM_T" -X jump-forward "$ch"
			\; display-message -p -t "$TM_T" '#{copy_cursor_x}')
	done
	seq+=(\; send-keys -t "$TM_T" -X cancel)
	$TM "${seq[@]}" | awk -v y="$y" -v ch="$ch" '
		NR == 1 {
			if ($1 != y) { print "BADLINE"; exit }
			prev = $2; if ($2 == 0 && $3 == ch) out = "0"; next
		}
		$1 != prev { out = out (out == "" ? "" : " ") $1; prev = $1 }
		END { print out }'
}

# Every line (from line FIRST, default 0) that has the separator CHAR has it
# at the same columns, and there are COUNT of them on each such line, on at
# least MIN lines.
tm_seps() {
	local ch=$1 count=$2 min=$3 what=$4 first=${5:-0}
	local rows y cols ref="" nlines=0 bad=""
	local screen
	screen=$(tm_capture)
	rows=$(tm_fmt '#{pane_height}')
	for ((y = first; y < rows; y++)); do
		sed -n "$((y + 1))p" <<<"$screen" | grep -qF -- "$ch" || continue
		cols=$(tm_cols_of "$y" "$ch" $((count + 1)))
		nlines=$((nlines + 1))
		if [ -z "$ref" ]; then
			ref=$cols
		elif [ "$cols" != "$ref" ]; then
			bad+=" line $y at [$cols]"
		fi
		if [ "$(wc -w <<<"$cols")" -ne "$count" ]; then
			bad+=" line $y has $(wc -w <<<"$cols") not $count"
		fi
	done
	if [ -z "$bad" ] && [ "$nlines" -ge "$min" ]; then
		tm_pass "$what: '$ch' at columns [$ref] on $nlines lines"
	else
		tm_fail "$what: '$ch' expected at [$ref] on >= $min lines, got $nlines;$bad"
		tm_dump
	fi
	TM_SEP_COLS=$ref
}

# The terminal as shequ left it: main screen, cursor shown, mouse reporting
# and keypad mode off.
tm_restored() {
	[ "$(tm_fmt '#{alternate_on}#{cursor_flag}#{mouse_any_flag}#{keypad_cursor_flag}')" = "0100" ]
}

# A mouse press of button B (0 left, 64 wheel up, 65 wheel down) at cell
# (X, Y), 0-based, as a terminal sends it: SGR form (1006), or the old X10
# form with TM_MOUSE=x10.  Presses only, like a touch screen.
tm_mouse() {
	local b=$1 x=$2 y=$3
	if [ "${TM_MOUSE:-sgr}" = x10 ]; then
		$TM send-keys -t "$TM_T" -H 1b 5b 4d \
			"$(printf '%02x' $((32 + b)))" "$(printf '%02x' $((33 + x)))" \
			"$(printf '%02x' $((33 + y)))"
	else
		$TM send-keys -t "$TM_T" -l -- $'\e'"[<$b;$((x + 1));$((y + 1))M"
	fi
}

tm_summary() {
	tm_log "$TM_NAME: $TM_PASS passed, $TM_FAIL failed"
	[ "$TM_FAIL" -eq 0 ]
}
