#!/bin/bash
# SPDX-License-Identifier: MIT
# Soak: 10,000 random keystrokes (keys, F-keys, Chinese text, stray escape
# sequences, SGR and X10 mouse reports) with resizes, in kiosk mode so that
# nothing random can quit; then a shorter run in normal mode without the
# keys that quit.  Passes when the process is alive at the end, its memory
# (VmRSS) flat after warm-up, and after Ctrl-L every pane separator in its
# column on every row.  A fixed seed (SHEQU_SOAK_SEED) makes a failure
# repeatable; SHEQU_SOAK_KEYS changes the length.
. "$(dirname "$0")/lib/tmux.sh"

SEED=${SHEQU_SOAK_SEED:-20240611}
KEYS=${SHEQU_SOAK_KEYS:-10000}
BATCH=50

# Under AddressSanitizer freed memory waits in a quarantine, which would look
# like growth: keep it small.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=1"

# Nowhere to print to, somewhere harmless to save.
mkdir -p "$TM_TMP/save"
ENVS=(CUPS_SERVER="$TM_TMP/no-cupsd.sock" SHEQU_SAVE_DIR="$TM_TMP/save" SHEQU_CONFIG=/dev/null)

NAMED=(Up Down Left Right Up Down Up Down Enter Enter Tab BTab BSpace Home End
	PageUp PageDown Space F1 F2 F3 F4 F5 F6 F7 F8 F9 F11 F12 C-l C-u C-w C-a
	C-e C-c C-z C-s C-q 'C-\' IC DC Escape)
LETTERS=(a b c d e f g h i j k l m n o p r s t u v w x y z G L / '?' '+' '-' '=' 1 2 3 0)
TEXTS=("英语角" "社区" "杭州" "滟澜" "ｅｎｇｌｉｓｈ" "黄龙" "中文" "·" "“”" "①" "é" "ｑ")
HEXES=("1b 5b" "1b 5b 4d" "1b 4f" "1b 5b 31 3b" "1b 1b" "c3" "e4 b8" "1b 5b 3c 30 3b" "7f" "00")
SIZES=(80x24 100x30 61x20 120x40 45x12 30x8 1x1 200x50 72x24 52x15 81x25)

# One batch as a single tmux command: BATCH keystrokes, kinds mixed.
# NOQUIT=1 leaves out what quits or stops a normal (not kiosk) session.
batch() {
	local cols=$1 rows=$2 seq=() i r k
	local named=() letters=()
	for k in "${NAMED[@]}"; do
		if [ "${NOQUIT:-0}" = 1 ]; then
			# Signals, and flow control (XOFF would stop the output).
			case $k in C-c | C-z | 'C-\' | C-s | C-q) continue ;; esac
		fi
		named+=("$k")
	done
	letters=("${LETTERS[@]}")
	for ((i = 0; i < BATCH; i++)); do
		r=$((RANDOM % 100))
		[ ${#seq[@]} -gt 0 ] && seq+=(\;)
		if [ $r -lt 45 ]; then
			seq+=(send-keys -t "$TM_T" "${named[RANDOM % ${#named[@]}]}")
		elif [ $r -lt 75 ]; then
			seq+=(send-keys -t "$TM_T" -l -- "${letters[RANDOM % ${#letters[@]}]}")
		elif [ $r -lt 85 ]; then
			seq+=(send-keys -t "$TM_T" -l -- "${TEXTS[RANDOM % ${#TEXTS[@]}]}")
		elif [ $r -lt 95 ]; then
			local b=$((RANDOM % 4)) x=$((RANDOM % (cols + 2) + 1)) y=$((RANDOM % (rows + 2) + 1))
			# The key bar's Quit can be touched: not in normal mode.
			[ "${NOQUIT:-0}" = 1 ] && [ "$y" -ge "$rows" ] && y=1
			local codes=(0 64 65 0) end=M
			[ $((RANDOM % 4)) = 0 ] && end=m
			seq+=(send-keys -t "$TM_T" -l -- $'\e'"[<${codes[b]};$x;$y$end")
		elif [ $r -lt 97 ]; then
			local x=$((RANDOM % 200 + 33)) y=$((RANDOM % 60 + 33))
			[ "${NOQUIT:-0}" = 1 ] && [ "$y" -ge $((rows + 32)) ] && y=33
			[ $x -gt 255 ] && x=255
			seq+=(send-keys -t "$TM_T" -H 1b 5b 4d 20 "$(printf %02x $x)" "$(printf %02x $y)")
		else
			# shellcheck disable=SC2206
			local hex=(${HEXES[RANDOM % ${#HEXES[@]}]})
			seq+=(send-keys -t "$TM_T" -H "${hex[@]}")
		fi
	done
	$TM "${seq[@]}"
}

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }

# soak NAME NKEYS ARGS...: the run, RSS samples, the checks at the end.
soak() {
	local name=$1 nkeys=$2
	shift 2
	RANDOM=$SEED
	tm_start 80 24 "${ENVS[@]}" -- "$@"
	tm_expect "communities.rec" "$name: starts"
	local pid
	pid=$(tm_pid)
	# What stays loaded once seen, before warm-up ends: the whole-city
	# data, and the fonts of the print dialog's preview.
	tm_send c
	tm_settle 3
	tm_send c
	tm_settle 2
	tm_send p
	tm_settle 3
	tm_send Escape
	tm_settle 2
	local cols=80 rows=24 n=0 b=0 warm="" samples=() t0=$SECONDS
	local nbatches=$((nkeys / BATCH))
	# glibc keeps the high-water mark of the heap: warm up through a
	# good part of the run before the reference sample.
	local warm_at=$((nbatches * 3 / 10))
	for ((b = 1; b <= nbatches; b++)); do
		batch "$cols" "$rows"
		n=$((n + BATCH))
		if [ $((b % 10)) = 0 ]; then
			local sz=${SIZES[RANDOM % ${#SIZES[@]}]}
			cols=${sz%x*} rows=${sz#*x}
			$TM resize-window -t "$TM_T" -x "$cols" -y "$rows"
		fi
		# Let it catch up now and then: keys queue in the pty otherwise.
		if [ $((b % 5)) = 0 ]; then
			tm_settle 2
			if [ ! -d "/proc/$pid" ] || ! running; then
				tm_fail "$name: died after $n keys (status $(cat "$TM_TMP/status" 2>/dev/null))"
				tm_dump
				return
			fi
		fi
		if [ "$b" = "$warm_at" ]; then
			tm_settle 3
			warm=$(rss_kb "$pid")
			samples+=("$n:$warm")
		elif [ $((b % (nbatches / 10))) = 0 ]; then
			tm_settle 2
			samples+=("$n:$(rss_kb "$pid")")
		fi
	done
	tm_settle 4
	local last
	last=$(rss_kb "$pid")
	samples+=("end:$last")
	tm_log "$name: $n keys in $((SECONDS - t0)) s; VmRSS kB ${samples[*]}"
	tm_check "$name: alive after $n keys" running
	if [ -n "$warm" ] && [ -n "$last" ]; then
		local limit=$((warm * 110 / 100 + 1024))
		tm_check "$name: memory flat (${warm} kB after warm-up, ${last} kB at the end, limit $limit)" \
			test "$last" -le "$limit"
	else
		tm_fail "$name: no memory samples"
	fi
	# Back to the panes, at a size with three of them, then Ctrl-L.  First
	# a pause: after a stray UTF-8 lead byte ncurses (wget_wch) gathers the
	# bytes that follow into one character until a read times out (1 s).
	sleep 1.5
	tm_resize 100 30
	local i
	for ((i = 0; i < 4; i++)); do
		tm_send Escape
		tm_settle
	done
	tm_send C-l
	tm_settle 3
	if tm_wait "District" 5 || tm_wait "区" 1; then
		tm_pass "$name: the panes after Escape"
	else
		tm_fail "$name: not back to the panes"
		tm_dump
	fi
	tm_seps "$SEP" 2 10 "$name: separators after Ctrl-L"
	tm_resize 80 24
	tm_send C-l
	tm_settle 3
	tm_seps "$SEP" 2 10 "$name: separators after a resize"
}

running() { [ ! -e "$TM_TMP/status" ]; }

SEP="│"
ONLY=${SHEQU_SOAK_ONLY:-}
if [ "$ONLY" != normal ]; then
soak kiosk "$KEYS" --kiosk --lang zh --idle 86400
tm_send C-x C-s q
if tm_wait_exit; then
	tm_check "kiosk: the staff sequence quits after the soak" test "$TM_STATUS" = 0
else
	tm_fail "kiosk: the staff sequence did not quit after the soak"
fi
tm_check "kiosk: terminal restored" tm_restored
fi

# Normal mode: nothing that quits in the stream (q and F10 are not in it;
# Ctrl-C, Ctrl-Z, Ctrl-\ are signals there, Ctrl-S and Ctrl-Q flow control;
# Esc quits the too-small screen, so no size that small), and the large
# print layout.
SIZES=(80x24 100x30 61x20 120x40 45x12 200x50 72x24 52x15 81x25)
if [ "$ONLY" != kiosk ]; then
NOQUIT=1 soak normal $((KEYS / 2)) --lang en --large
tm_send q
tm_check "normal: q quits after the soak" tm_wait_exit
tm_check "normal: terminal restored" tm_restored
fi

tm_summary
