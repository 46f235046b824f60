#!/bin/bash
# SPDX-License-Identifier: MIT
# Kiosk mode in tmux: q, F10, Ctrl-C and Ctrl-Z do not end or suspend it; the
# staff sequence does and restores the terminal; signals sent by kill still
# do (and a crash); the idle countdown, its cancelling, and the reset; kiosk
# and quit-keys from the configuration file (SHEQU_CONFIG); large print.
. "$(dirname "$0")/lib/tmux.sh"
. "$(dirname "$0")/lib/cupsd.sh"

CONF="$TM_TMP/shequ.conf"
: >"$CONF"

running() { [ ! -e "$TM_TMP/status" ]; }

# The countdown in either language (L switches the interface too).
COUNTDOWN_EN="Returning to the start in"
COUNTDOWN_ZH="秒后返回首页"
wait_countdown() {
	local end=$((SECONDS + $1)) s
	while :; do
		s=$(tm_capture)
		if grep -qF -e "$COUNTDOWN_EN" -e "$COUNTDOWN_ZH" <<<"$s"; then
			return 0
		fi
		[ $SECONDS -ge $end ] && return 1
		sleep 0.05
	done
}
countdown_gone() { ! tm_capture | grep -qF -e "$COUNTDOWN_EN" -e "$COUNTDOWN_ZH"; }

# ---- keys that must not quit, then the sequence that does ----
tm_start 80 24 SHEQU_CONFIG="$CONF" -- --kiosk --lang en
tm_expect "District" "kiosk: starts"
tm_expect_not "Quit" "kiosk: no Quit in the key bar"
tm_send q
tm_expect "Quitting is for staff" "kiosk: q shows the staff hint"
tm_check "kiosk: q does not quit" running
tm_expect_not "C-x" "kiosk: the hint does not give the sequence away"
tm_send Down
tm_wait_gone "Quitting is for staff"
tm_send F10
tm_expect "Quitting is for staff" "kiosk: F10 shows the staff hint"
tm_send C-c
tm_settle
tm_check "kiosk: Ctrl-C is a key, not an interrupt" running
tm_send C-z
tm_settle
tm_check "kiosk: Ctrl-Z does not suspend" running
tm_check "kiosk: still on the screen after Ctrl-Z" \
	test "$(tm_fmt '#{alternate_on}')" = 1
tm_send C-\\
tm_settle
tm_check "kiosk: Ctrl-\\ does not quit" running
tm_send Down
tm_expect_line 0 "Xihu District" "kiosk: keys still work after Ctrl-C, Ctrl-Z"
# Part of the sequence, then something else: no quit.
tm_send C-x C-s Down
tm_settle
tm_check "kiosk: a broken sequence does not quit" running
# In the search bar q is text, and the sequence still works.
tm_send /
tm_expect "Search:" "kiosk: search bar"
tm_type "q"
tm_expect "Search: q" "kiosk: q is typed in the search bar"
tm_send Escape
tm_send C-x C-s q
if tm_wait_exit; then
	tm_check "kiosk: C-x C-s q quits with 0" test "$TM_STATUS" = 0
else
	tm_fail "kiosk: C-x C-s q did not quit"
fi
tm_check "kiosk: terminal restored after the sequence" tm_restored

# ---- too small: q and Esc do not quit there either ----
tm_start 30 8 -- --kiosk
tm_expect "too small" "kiosk small: says too small"
tm_send q Escape
tm_settle
tm_check "kiosk small: q and Esc do not quit" running
tm_send C-x C-s q
tm_check "kiosk small: the sequence quits" tm_wait_exit

# ---- signals sent by kill still end it, terminal restored ----
for sig in INT TERM HUP SEGV ABRT; do
	tm_start 80 24 -- --kiosk
	tm_expect "District" "kiosk SIG$sig: starts"
	kill -"$sig" "$(tm_pid)"
	if tm_wait_exit; then
		tm_check "kiosk SIG$sig: ends ($TM_STATUS)" test "$TM_STATUS" -gt 128
	else
		tm_fail "kiosk SIG$sig: still running"
	fi
	tm_check "kiosk SIG$sig: terminal restored" tm_restored
done
tm_start 80 24 -- --kiosk --lang en
tm_expect "District" "kiosk SIGTSTP: starts"
kill -TSTP "$(tm_pid)"
sleep 0.3
tm_send Down
tm_expect_line 0 "Gongshu District" "kiosk SIGTSTP by kill: ignored, keys still work"
tm_send C-x C-s q
tm_wait_exit

# ---- idle: countdown, then the start again ----
tm_start 80 24 -- --kiosk --idle 3 --lang en
tm_expect "District" "idle: starts"
tm_send Down Down Tab Down Enter
tm_expect_line 0 "Xihu District › Lingyin Subdistrict" "idle: browsed to Xihu District › Lingyin Subdistrict"
tm_send L
tm_expect_line 0 "西湖区" "idle: switched to Chinese"
tm_send /
tm_type "qqzz"
tm_expect "qqzz" "idle: a search typed"
if wait_countdown 5; then
	tm_pass "idle: the countdown shows"
	tm_check "idle: the countdown says how to stop it" \
		bash -c "$TM capture-pane -p -t $TM_T | grep -qF -e 'press any key' -e '按任意键'"
else
	tm_fail "idle: no countdown"
	tm_dump
fi
if tm_wait_gone "qqzz" 5; then
	tm_pass "idle: the search is closed"
else
	tm_fail "idle: still in the search"
fi
tm_expect_line 0 "Shangcheng District" "idle: back to the first district, in English"
tm_check "idle: the districts have the focus" bash -c "! $TM capture-pane -p -t $TM_T | head -1 | grep -q '›'"
tm_check "idle: the countdown is gone" countdown_gone
tm_expect "Baitaling Community  白塔岭社区" "idle: the first community in the preview"
tm_check "idle: still running" running
tm_send /
tm_expect "Type a name" "idle: a new search starts empty"
tm_expect_not "qqzz" "idle: the old query is gone"
tm_send Escape
tm_send Tab
tm_expect_line 0 "Shangcheng District › Nanxing Subdistrict" "idle: the streets are at the top too"
tm_send C-x C-s q
tm_wait_exit

# ---- a key during the countdown cancels it ----
tm_start 80 24 -- --kiosk --idle 3 --lang en
tm_expect "District" "cancel: starts"
tm_send Down Down
tm_expect_line 0 "Xihu District" "cancel: Xihu District"
if wait_countdown 5; then
	tm_send Down
	tm_wait_gone "$COUNTDOWN_EN" 2
	tm_check "cancel: the key removed the countdown" countdown_gone
	tm_expect_line 0 "Xihu District" "cancel: the cancelling key did nothing else"
	sleep 0.8
	tm_expect_line 0 "Xihu District" "cancel: no reset"
else
	tm_fail "cancel: no countdown"
fi
# A touch cancels it too, and is not taken as a press on the panes.
if wait_countdown 5; then
	tm_mouse 0 3 2
	tm_wait_gone "$COUNTDOWN_EN" 2
	tm_expect_line 0 "Xihu District" "cancel: a touch cancels it, selects nothing"
else
	tm_fail "cancel: no second countdown"
fi
tm_send C-x C-s q
tm_wait_exit

# ---- a print job being followed holds the idle reset off ----
# (issue 10 item 4: the reset used to cancel the job, silently.)
if [ "${SHEQU_HAVE_PRINTING:-1}" = 1 ] && cupsd_usable; then
	trap 'cupsd_stop; tm_cleanup' EXIT
	if cupsd_start "$TM_TMP/cups" && cupsd_queue stopped && lpadmin -d stopped; then
		cupsdisable -r "out of paper" stopped
		tm_start 80 24 CUPS_SERVER="$CUPS_SERVER" HOME="$TM_TMP" SHEQU_PRINT_TIMEOUT=60 \
			-- --kiosk --idle 3 --lang en
		tm_expect "District" "job: starts"
		tm_send /
		tm_type 滟澜
		tm_expect "Yanlan" "job: found"
		tm_send Enter
		tm_expect "330114001017" "job: the detail view"
		tm_send p
		tm_expect "(*) stopped" "job: the dialog on the stopped queue"
		tm_send Enter
		tm_expect "Printing on 'stopped'" "job: followed"
		never_countdown() { # for $1 s the countdown never shows
			local end=$((SECONDS + $1))
			while [ $SECONDS -lt $end ]; do
				countdown_gone || return 1
				sleep 0.1
			done
		}
		tm_check "job: no countdown while the job is followed (twice the idle time)" \
			never_countdown 6
		tm_expect "Printing on 'stopped'" "job: still followed after twice the idle time"
		tm_check "job: the job is still in the queue" \
			bash -c '[ -n "$(lpstat -o stopped 2>/dev/null)" ]'
		cupsenable stopped
		tm_expect "Printed" "job: printed once the queue runs"
		if wait_countdown 8; then
			tm_pass "job: the idle countdown comes back after the job"
		else
			tm_fail "job: no countdown after the job"
		fi
		tm_expect_line 0 "Shangcheng District" "job: then the reset"
		tm_send C-x C-s q
		tm_wait_exit
	else
		tm_fail "job: the private cupsd did not start"
	fi
	cupsd_stop
else
	tm_log "skipped: a print job and the idle reset (no private cupsd: not root, or no printing)"
fi

# ---- the configuration file ----
printf '# a kiosk\nkiosk = yes\nidle = 300\n' >"$CONF"
tm_start 80 24 SHEQU_CONFIG="$CONF" -- --lang en
tm_expect "District" "config: starts"
tm_send q
tm_expect "Quitting is for staff" "config: kiosk = yes makes a kiosk"
tm_check "config: q does not quit" running
tm_send C-x C-s q
tm_check "config: the default sequence quits" tm_wait_exit

printf 'kiosk = yes\nquit-keys = F12 Esc Enter\n' >"$CONF"
tm_start 80 24 SHEQU_CONFIG="$CONF" -- --lang en
tm_expect "District" "config quit-keys: starts"
tm_send C-x C-s q
tm_settle
tm_check "config quit-keys: the default sequence no longer quits" running
tm_send F12 Escape Enter
tm_check "config quit-keys: F12 Esc Enter quits" tm_wait_exit
tm_check "config quit-keys: terminal restored" tm_restored

for bad in "C-x Hyper-q" "C-1" "F0"; do
	printf 'kiosk = yes\nquit-keys = %s\n' "$bad" >"$CONF"
	tm_start 100 24 SHEQU_CONFIG="$CONF" -- --lang en
	if tm_wait_exit; then
		tm_check "bad quit-keys '$bad': exit 2" test "$TM_STATUS" = 2
	else
		tm_fail "bad quit-keys '$bad': did not exit"
	fi
	tm_expect "quit-keys" "bad quit-keys '$bad': the message names the setting"
	tm_expect "$CONF:2:" "bad quit-keys '$bad': and the file and its line"
done

# The command line undoes the file's yes/no settings: --no-kiosk,
# --no-large (the rows one line again: line 4, a blank line between
# districts in large print, holds the second district).
printf 'kiosk = yes\nlarge = yes\nmouse = no\n' >"$CONF"
tm_start 80 24 SHEQU_CONFIG="$CONF" -- --no-kiosk --no-large --mouse --lang en
tm_expect "District" "--no-kiosk --no-large: starts"
tm_check "--no-large: rows of one line" \
	bash -c "$TM capture-pane -p -t $TM_T | sed -n 4p | grep -q 'District'"
tm_send Q
tm_check "--no-kiosk: Q quits" tm_wait_exit
: >"$CONF"

# ---- large print, in a kiosk ----
tm_start 80 24 -- --kiosk --large --lang en
tm_expect "District" "large: starts"
tm_seps "│" 2 16 "large: separators"
tm_check "large: a blank line between districts" \
	bash -c "$TM capture-pane -p -t $TM_T | sed -n 4p | grep -q '^ *│ *│ *\$'"
# Rows are two lines: line 6 and line 7 are both the third district.
tm_mouse 0 3 6
tm_expect_line 0 "Xihu District" "large: a press on a row's first line selects it"
tm_mouse 0 3 7
tm_expect_line 0 "Xihu District › Xixi Subdistrict" "large: a press on its second line opens it"
tm_seps "│" 2 16 "large: separators with the selection"
tm_check "large: wider key bar buttons" bash -c "$TM capture-pane -p -t $TM_T | tail -1 | grep -q ' Enter  Open '"
tm_send C-x C-s q
tm_wait_exit

tm_summary
