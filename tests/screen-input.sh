#!/bin/bash
# SPDX-License-Identifier: MIT
# Bytes from the terminal that are not UTF-8 (a stray lead byte, a
# character cut short, a lone continuation byte) are dropped at once: the
# keys after them work, in the panes and in the search bar (issue 10 item
# 3: ncurses waited for the rest of the character and swallowed them).
. "$(dirname "$0")/lib/tmux.sh"

tm_start 80 24 -- --lang en
tm_expect "District" "starts"
tm_expect_line 0 "Shangcheng District" "the first district"

# A lone lead byte, then j: the j moves at once.
tm_send -H e9
tm_send j
tm_expect_line 0 "Gongshu District" "after \\xe9, j moves down"
# Twenty more keys after another one: all of them count.
tm_send -H e9
for _ in $(seq 20); do tm_send j; done
tm_expect_line 0 "Qiantang District" "after \\xe9, twenty j reach the last district"
# A lone continuation byte and an invalid lead byte: dropped too.
tm_send -H 80
tm_send k
tm_expect_line 0 "Yuhang District" "after \\x80, k moves up"
tm_send -H ff
tm_send k
tm_expect_line 0 "Xiaoshan District" "after \\xff, k moves up"
# A three-byte character cut after its second byte.
tm_send -H e8 8b
tm_send k
tm_expect_line 0 "Binjiang District" "after a character cut short, k moves up"

# In the search bar the same bytes eat nothing either.
tm_send /
tm_expect "Search:" "the search bar"
tm_type "英语"
tm_send -H e9
tm_type "角"
tm_expect "Search: 英语角 " "the search bar holds 英语角, nothing between"
tm_expect "1 result" "英语角 is found"
tm_send -H e8 8b
tm_type "x"
tm_expect "Search: 英语角x " "a character cut short, then x"
tm_send BSpace
tm_expect "Search: 英语角 " "Backspace removes the x, not more"
tm_send Escape
tm_send q
if tm_wait_exit; then
	tm_check "q quits: exit status 0" test "$TM_STATUS" = 0
else
	tm_fail "q did not quit"
fi
tm_summary
