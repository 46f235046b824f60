#!/bin/bash
# SPDX-License-Identifier: MIT
# A kiosk takes a newer data file without anyone's task being cut short
# (issue 12): at once on an untouched start screen, else at the next idle
# reset; a file replaced by rename (as dpkg does) and one written in place
# both count; a broken one is refused and the data shown stays.  The log
# (syslog) says what happened: start, data loaded, data refused with
# FILE:LINE, the terminal too small, stop.  The log is read from a private
# syslog socket at /dev/log where there is none (as root), else skipped.
. "$(dirname "$0")/lib/tmux.sh"

DATA="$TM_TMP/data.rec"
cp "$SHEQU_SRCDIR/data/communities.rec" "$DATA"
# A version of the data with one name changed, made as a city office would.
edited() { sed "s/^NameEn: Baitaling Community\$/NameEn: $1/" "$SHEQU_SRCDIR/data/communities.rec"; }

LOG="$TM_TMP/syslog"
logger_pid=
if [ "$(id -u)" = 0 ] && [ ! -e /dev/log ] && command -v python3 >/dev/null; then
	python3 - "$LOG" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind('/dev/log')
with open(sys.argv[1], 'ab', buffering=0) as out:
    while True:
        out.write(s.recv(65536) + b'\n')
PY
	logger_pid=$!
	for _ in $(seq 50); do [ -S /dev/log ] && break; sleep 0.05; done
	trap 'kill $logger_pid 2>/dev/null; rm -f /dev/log; tm_cleanup' EXIT
fi
logged() { [ -n "$logger_pid" ] && grep -q -- "$1" "$LOG" 2>/dev/null; }
expect_log() { # TEXT WHAT
	[ -n "$logger_pid" ] || return 0
	local end=$((SECONDS + 5))
	while ! logged "$1"; do
		if [ $SECONDS -ge $end ]; then
			tm_fail "$2 (log: $(tr '\n' '|' <"$LOG" 2>/dev/null))"
			return
		fi
		sleep 0.1
	done
	tm_pass "$2"
}

tm_start 80 24 -- --kiosk --idle 4 --lang en --data "$DATA"
tm_expect "Baitaling Community" "starts"
expect_log "start: " "log: start"

# Untouched: a file renamed over the old one is shown at once.
edited "Baitaling Community One" >"$DATA.new" && mv "$DATA.new" "$DATA"
tm_expect "Baitaling Community One" "untouched: the renamed file is shown at once"
expect_log "data loaded: $DATA" "log: data loaded"

# Someone is browsing: a newer file waits for the idle reset.
tm_send Down
tm_expect_line 0 "Gongshu District" "browsing: Gongshu District"
edited "Baitaling Community Two" >"$DATA"   # written in place
sleep 2
tm_expect_line 0 "Gongshu District" "browsing: not moved under the visitor"
tm_check "browsing: the old data still shown" \
	bash -c '! grep -q "Community Two" <<<"$1"' _ "$(tm_capture)"
tm_expect_line 0 "Shangcheng District" "the idle reset comes" 
tm_expect "Baitaling Community Two" "after the reset, the file written in place is shown"

# A broken file: refused, with where it is broken; the data stays.
printf '%%rec: Community\n\nName: 坏社区\nDistrict: 某区\nStreet: 某街道\nCode: 123\n' >"$DATA.new"
mv "$DATA.new" "$DATA"
sleep 2
tm_expect "Baitaling Community Two" "broken: the data shown stays"
expect_log "data refused: $DATA:6:" "log: refused, with FILE:LINE"
expect_log "keeping the data in use" "log: says the data in use stays"

# Too small, then the staff sequence.
tm_resize 30 8
tm_expect "Terminal too small" "too small"
expect_log "too small" "log: the terminal too small"
tm_resize 80 24
tm_send C-x C-s q
if tm_wait_exit; then
	tm_check "the staff sequence quits: exit status 0" test "$TM_STATUS" = 0
else
	tm_fail "the staff sequence did not quit"
fi
expect_log "stop: " "log: stop"
if [ -n "$logger_pid" ]; then
	tm_log "what the kiosk logged:"
	tr -d '\000' <"$LOG" | grep -F 'shequ[' | sed 's/^/  | /'
else
	tm_log "the log lines were not checked: /dev/log exists or not root"
fi
tm_summary
