#!/bin/bash
# SPDX-License-Identifier: MIT
# Every key does what the screen says, on every screen where it makes sense
# (issue 10 items 23-26): q closes a view and quits only from the panes, Q
# quits from anywhere; the global keys work in the detail view, the search
# and the filter (in the search by their F-keys, letters being text); the
# help is about the screen it was opened from and lists the line editor's
# keys there; a kiosk offers no key that does not quit.
. "$(dirname "$0")/lib/tmux.sh"

running() { [ ! -e "$TM_TMP/status" ]; }

open_detail() { # open 金色黎明社区 through the search, English interface
	tm_send /
	tm_type 金色黎明
	tm_expect "Jinseliming" "$1: found"
	tm_send Enter
	tm_expect "330102016002" "$1: its detail view"
}

# ---- q closes, Q quits ----
tm_start 80 24 -- --lang en
tm_expect "District" "q: starts"
open_detail "q"
tm_expect_line 23 "q Back" "q: the detail view's key bar says q goes back"
tm_expect_line 23 "Q Quit" "q: and Q quits"
tm_send q
tm_expect_line 1 "District" "q: q in the detail view goes back to the panes"
tm_check "q: still running" running
tm_send "?"
tm_expect "Keys in the panes" "q: the help"
tm_expect "q Q F10" "q: the help says q and Q quit from the panes"
tm_send q
tm_expect_line 1 "District" "q: q closes the help"
tm_check "q: still running after the help" running
tm_send f
tm_expect "Communities offering" "q: the filter"
tm_send q
tm_expect_line 1 "District" "q: q closes the filter"
open_detail "Q"
tm_send Q
if tm_wait_exit; then
	tm_check "Q quits from the detail view: exit status 0" test "$TM_STATUS" = 0
else
	tm_fail "Q did not quit from the detail view"
fi

# ---- the preview is a target, the rule above it is not (item 28) ----
tm_start 80 24 -- --lang en
tm_expect "District" "preview: starts"
rule=$(tm_capture | grep -n "┴" | head -1 | cut -d: -f1)
tm_mouse 0 40 $((rule - 1))
tm_settle
tm_expect_line 1 "District" "preview: a touch on the rule opens nothing"
tm_mouse 0 40 $((rule + 1))
tm_expect "330102008059" "preview: a touch on the preview opens the community"
tm_expect_line 0 "Baitaling Community" "preview: its detail view"
tm_send Q
tm_wait_exit || tm_fail "preview: Q did not quit"

# ---- global keys on every screen ----
tm_start 100 30 -- --lang en
tm_expect "District" "global: starts"
open_detail "global"
# c in the detail view: the whole city, the same community.
tm_send c
tm_expect_line 0 "All of Hangzhou" "global: c in the detail view switches to the whole city"
tm_expect "330102016002" "global: and keeps the community open"
tm_send c
tm_expect_line 0 "Hangzhou international communities" "global: c again, back"
tm_expect "330102016002" "global: the community still open"
tm_send q
# The search: letters are text, the F-keys work.
tm_send /
tm_type 清波
tm_expect "No community matches" "global: 清波 is not one of the fourteen"
tm_send F4
tm_expect "清波门" "global: F4 in the search switches to the city and searches there"
tm_expect "Search: 清波 " "global: the query kept"
tm_send F5
tm_expect "Copies" "global: F5 in the search prints the selected result"
tm_send Escape
tm_expect "Search: 清波 " "global: Esc back to the search"
tm_send F6
tm_expect "Communities offering" "global: F6 in the search opens the filter"
tm_send Escape
# The filter took the search's place: going back and forth between them
# cannot pile up screens.
tm_expect_line 1 "District" "global: Esc from that filter goes back to the panes"
tm_send /
tm_type 清波
tm_expect "Search: 清波 " "global: a new search"
tm_send F2
tm_expect "搜索" "global: F2 in the search switches the language"
tm_send F2
tm_send F1
tm_expect "Keys in the search" "global: F1 in the search: the help of the search"
for k in "F2" "F4" "F5" "F6" "F10"; do
	tm_expect "$k " "global: the help of the search lists $k"
done
tm_expect "Editing the query" "global: the line editor's keys are in the help"
for k in "Ctrl-A" "Ctrl-E" "Ctrl-B" "Ctrl-F" "Ctrl-D" "Ctrl-K" "Ctrl-U" "Ctrl-W" "Delete"; do
	tm_expect "$k" "global: the help lists $k"
done
tm_expect_not "c F4" "global: no letter shown for the search, where letters are text"
tm_send Escape
# The filter: p prints the selected community, / searches.
tm_send Escape
tm_send f
tm_expect "Communities offering" "global: the filter"
tm_send Enter
tm_expect "Language classes:" "global: the first category's communities"
tm_send p
tm_expect "Copies" "global: p in the filter prints the selected community"
tm_send Escape
tm_send /
tm_expect "Search:" "global: / in the filter searches"
tm_send Escape
tm_expect_line 1 "District" "global: the search took the filter's place: Esc, the panes"
# Forty times from one to the other, then the whole city from there: one
# finder on the panes, and everything under it follows the data set.
tm_send /
for _ in $(seq 20); do tm_send F6 /; done
tm_expect "Search:" "global: back and forth forty times"
# (The whole city is shown since F4 in the search above.)
tm_send F4
tm_expect_line 0 "Hangzhou international communities" "global: F4 from there"
tm_send Escape
tm_expect_line 1 "District" "global: one Esc to the panes"
tm_send c
tm_expect_line 0 "All of Hangzhou" "global: and the whole city again"
tm_send Q
tm_wait_exit || tm_fail "global: Q did not quit"

# ---- a kiosk offers only what works ----
tm_start 80 24 -- --kiosk --lang en
tm_expect "District" "kiosk: starts"
tm_send "?"
tm_expect "Keys in the panes" "kiosk: the help"
tm_expect_not "F10" "kiosk: the help does not offer F10"
tm_expect_not "Quit" "kiosk: nor Quit"
tm_send Escape
tm_resize 30 8
tm_expect "Terminal too small" "kiosk: too small"
tm_expect_not "q quits" "kiosk: the too-small screen does not say q quits"
tm_send q
tm_settle
tm_check "kiosk: q does not quit the too-small screen" running
tm_resize 80 24
tm_send C-x C-s q
tm_wait_exit || tm_fail "kiosk: the staff sequence did not quit"

tm_summary
