#!/bin/bash
# SPDX-License-Identifier: MIT
# Golden screens, as tig's tests keep them: the whole screen of the browser,
# the detail view, the search, the help, the category filter and the print
# dialog at 80x24 in both languages, compared character for character with
# tests/golden/LANG-NAME.txt.  A change to what a person sees fails here
# until the golden files are regenerated and the difference read:
#
#     SHEQU_GOLDEN_UPDATE=1 meson test -C build golden
#
# The data is a frozen copy (tests/golden/communities.rec), so that a
# correction of the bundled data does not move these screens; dates are
# fixed with SOURCE_DATE_EPOCH; the print dialog runs against a private
# cupsd with one queue, and is skipped where that cannot run (not root).
. "$(dirname "$0")/lib/tmux.sh"
. "$(dirname "$0")/lib/cupsd.sh"

GOLDEN="$SHEQU_SRCDIR/tests/golden"
UPDATE=${SHEQU_GOLDEN_UPDATE:-}
export SOURCE_DATE_EPOCH=1700000000
export HOME="$TM_TMP" # no ~/.cups/lpoptions of whoever runs the tests
unset LPDEST PRINTER
# tm_start runs shequ in $TM_TMP: the data by a relative name, so that no
# screen shows where the checkout is.
cp "$GOLDEN/communities.rec" "$TM_TMP/communities.rec"

printing=
if [ "${SHEQU_HAVE_PRINTING:-1}" = 1 ] && cupsd_usable; then
	trap 'cupsd_stop; tm_cleanup' EXIT
	if cupsd_start "$TM_TMP/cups" && cupsd_queue front-desk && lpadmin -d front-desk; then
		printing=1
	else
		tm_fail "the private cupsd did not start"
	fi
fi

# golden NAME: the screen, once it has stopped changing, against its file.
golden() {
	local name=$1 file="$GOLDEN/$1.txt"
	tm_settle 3
	tm_capture >"$TM_TMP/screen"
	if [ -n "$UPDATE" ]; then
		cp "$TM_TMP/screen" "$file"
		tm_pass "$name: written"
	elif [ ! -f "$file" ]; then
		tm_fail "$name: no golden file $file (SHEQU_GOLDEN_UPDATE=1 writes it)"
		tm_dump
	elif diff -u "$file" "$TM_TMP/screen" >"$TM_TMP/diff"; then
		tm_pass "$name: as the golden screen"
	else
		tm_fail "$name: differs from the golden screen"
		sed 's/^/| /' "$TM_TMP/diff"
	fi
}

# wait_for TEXT: the screen shows TEXT before it is compared, so that a slow
# machine is not mistaken for a changed screen.
wait_for() {
	tm_wait "$1" || { tm_fail "waiting for \"$1\""; tm_dump; }
}

for lang in zh en; do
	if [ $lang = zh ]; then
		bar="退出" search="搜索" keys="按键" jinse="金色黎明社区" yanlan="滟澜社区 ·"
	else
		bar="Quit" search="Search:" keys="Keys" jinse="Jinseliming" yanlan="Yanlan"
	fi
	tm_start 80 24 ${CUPS_SERVER:+CUPS_SERVER="$CUPS_SERVER"} HOME="$HOME" \
		SOURCE_DATE_EPOCH="$SOURCE_DATE_EPOCH" -- --data communities.rec --lang $lang
	wait_for "$bar"
	golden $lang-browse

	# The detail view of a community with everything, top and end.
	tm_send /
	wait_for "$search"
	tm_type 金色黎明
	wait_for "$jinse"
	tm_send Enter
	wait_for "330102016002"
	golden $lang-detail
	tm_send End
	wait_for "Zhejiang Online"
	golden $lang-detail-end

	# Back to the panes, which moved to it.
	tm_send Escape
	wait_for "$bar"
	golden $lang-browse-jinse

	# A search that matches a service's text.
	tm_send /
	wait_for "$search"
	tm_type 英语角
	wait_for "英语角"
	golden $lang-search
	tm_send Escape
	wait_for "$bar"

	tm_send "?"
	wait_for "$keys"
	golden $lang-help
	tm_send Escape
	wait_for "$bar"

	tm_send f
	wait_for "1  "
	golden $lang-filter
	tm_send Enter
	wait_for "$jinse"
	golden $lang-filter-results
	tm_send Escape
	wait_for "$bar"

	if [ -n "$printing" ]; then
		tm_send /
		wait_for "$search"
		tm_type 滟澜
		wait_for "$yanlan"
		tm_send Enter
		wait_for "330114001017"
		tm_send p
		wait_for "front-desk"
		golden $lang-print
		tm_send Escape
		wait_for "330114001017"
	fi
	tm_send Q
	tm_wait_exit || tm_fail "$lang: Q did not quit"
done
[ -n "$printing" ] || tm_log "the print dialog's golden screens were skipped (no private cupsd: not root, or built without printing)"
tm_summary
