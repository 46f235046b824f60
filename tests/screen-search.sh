#!/bin/bash
# SPDX-License-Identifier: MIT
# The search bar as a person uses it: Chinese as an input method sends it,
# fullwidth input, the cursor after wide characters (tmux's own cursor
# column), Backspace by character, arrows, Ctrl-U, a long query scrolling
# inside the bar, live results with highlights, Enter and Esc.
. "$(dirname "$0")/lib/tmux.sh"

cursor_x() { tm_fmt '#{cursor_x}'; }
# Where the search field starts: after " 搜索： " (the interface is Chinese).
F=8

# Wait for tmux's cursor to be at column X (it follows the redraw).
expect_cursor() {
	local x=$1 what=$2 end=$((SECONDS + TM_TIMEOUT))
	while [ "$(cursor_x)" != "$x" ]; do
		if [ $SECONDS -ge $end ]; then
			tm_fail "$what: cursor at $(cursor_x), want $x"
			tm_dump
			return
		fi
		sleep 0.05
	done
	tm_pass "$what: cursor at column $x"
}

for size in 80x24 61x20; do
	cols=${size%x*} rows=${size#*x}
	sz=$size
	tm_start "$cols" "$rows" -- --lang zh
	tm_expect_line 1 " 区 " "$sz: starts"
	# Somewhere to come back to.
	tm_send Down Enter Down Down
	tm_expect_line 0 "拱墅区 › 湖墅街道" "$sz: browsed to 湖墅街道"

	tm_send /
	tm_expect "搜索：" "$sz: / opens the bar"
	tm_expect "英语角" "$sz: a hint while the query is empty"
	# --lang zh: " 搜索： " is 8 cells, the field starts at column F.
	expect_cursor "$F" "$sz: empty query"
	tm_check "$sz: cursor visible in the bar" test "$(tm_fmt '#{cursor_flag}')" = 1
	tm_check "$sz: cursor on the bar's line" test "$(tm_fmt '#{cursor_y}')" = 1

	tm_type "金"
	tm_expect "金色黎明社区" "$sz: 金 finds 金色黎明社区"
	tm_expect "金东方社区" "$sz: and 金东方社区"
	expect_cursor $((F + 2)) "$sz: after one wide character"
	tm_type "色"
	tm_expect "1 个结果" "$sz: 金色 narrows to one result"
	tm_expect_not "金东方社区" "$sz: 金东方社区 gone"
	expect_cursor $((F + 4)) "$sz: after two wide characters"
	# The matched characters are highlighted (underlined).
	line=$(tm_capture_e | grep "黎明社区 ·" | head -1)
	tm_check "$sz: matched characters highlighted" \
		grep -Eq $'\e\\[[0-9;]*4[0-9;]*m(\e\\[[0-9;]*m)*金色' <<<"$line"

	tm_send BSpace
	tm_expect "金东方社区" "$sz: Backspace removes one whole character"
	expect_cursor $((F + 2)) "$sz: after Backspace"
	tm_type "东方"
	expect_cursor $((F + 6)) "$sz: three characters"
	tm_send Left
	expect_cursor $((F + 4)) "$sz: Left moves one character"
	tm_send Left
	expect_cursor $((F + 2)) "$sz: Left again"
	tm_send BSpace
	expect_cursor "$F" "$sz: Backspace in the middle"
	tm_expect "搜索： 东方" "$sz: the character before the cursor went"
	tm_send Right
	expect_cursor $((F + 2)) "$sz: Right moves one character"
	tm_send End
	expect_cursor $((F + 4)) "$sz: End"
	tm_send C-u
	tm_expect "英语角" "$sz: Ctrl-U clears the query"
	expect_cursor "$F" "$sz: after Ctrl-U"

	# Fullwidth input: NFKC makes it the pinyin jin.
	tm_type "ｊｉｎ"
	expect_cursor $((F + 6)) "$sz: after three fullwidth letters"
	tm_expect "金色黎明社区" "$sz: fullwidth ｊｉｎ finds 金色黎明社区 by pinyin"
	tm_send C-u

	# Terms apart, a full-width space and the full stop of an input
	# method; tone numbers.
	tm_type "英语　角。"
	tm_expect "滟澜社区 · " "$sz: 英语　角。 finds 滟澜社区"
	tm_expect "1 个结果" "$sz: and only it"
	tm_send C-u
	tm_type "bai2ta3"
	tm_expect "白塔岭社区 · " "$sz: bai2ta3 finds 白塔岭社区"
	tm_send C-u

	# q is text here, not quit; F1 is help and comes back to the query.
	tm_type "q"
	expect_cursor $((F + 1)) "$sz: q is typed"
	tm_send BSpace
	tm_type "社区"
	tm_expect "个结果" "$sz: 社区 matches many"
	tm_send F1
	tm_expect "搜索中的按键" "$sz: F1 opens the help of the search"
	tm_send Escape
	tm_expect "搜索： 社区" "$sz: back from help, query kept"
	expect_cursor $((F + 4)) "$sz: cursor kept"

	# Resize while searching: query, results and cursor survive.
	tm_resize 70 22
	tm_expect "搜索： 社区" "$sz: query after resize"
	expect_cursor $((F + 4)) "$sz: cursor after resize"
	tm_resize "$cols" "$rows"

	# Down twice and Enter: the third result opens, the panes move to it.
	third=$(tm_line 4 | sed 's/^ *//; s/ · .*//')
	tm_send Down Down
	tm_settle
	tm_send Enter
	tm_expect_line 0 "$third" "$sz: Enter opens the third result ($third)"
	tm_send Escape
	tm_expect "$third  " "$sz: the panes show it"
	# The panes' title (a path), not the detail view's any more.
	tm_wait_line 0 "›"

	# Esc puts back where you were.
	before=$(tm_line 0)
	tm_send /
	tm_type "滟澜"
	tm_expect "滟澜社区 · " "$sz: another search"
	tm_send Down
	tm_send Escape
	tm_wait_gone "搜索："
	tm_check "$sz: Esc restores the place" test "$(tm_line 0)" = "$before"

	# A long query scrolls inside the bar: the cursor stays in it, the
	# line never spills.
	tm_send /
	long="国际化示范社区杭州上城区拱墅区西湖区滨江区萧山区余杭区钱塘区"
	tm_type "$long$long"
	tm_settle
	x=$(cursor_x)
	tm_check "$sz: long query: cursor inside the bar ($x < $cols)" test "$x" -lt "$cols"
	tm_check "$sz: long query: the bar ends with what was typed last" \
		bash -c "[[ \"\$1\" == *钱塘区* ]]" _ "$(tm_line 1)"
	tm_check "$sz: long query: nothing spilled onto the next line" \
		bash -c "! [[ \"\$1\" == *钱塘区* ]]" _ "$(tm_line 2)"
	tm_send Home
	expect_cursor "$F" "$sz: Home in a long query"
	tm_expect "搜索： 国际化示范" "$sz: the start shows again"
	tm_send Escape
	tm_send q
	tm_check "$sz: quits" tm_wait_exit
done

# Where the query was found (issue 10 items 15, 16): the text that matched,
# scrolled so that the match is in view, in the interface's language where
# the match is in it, and the text that holds the query (not a pinyin
# match of something else).
found_in() { # found_in COLS ROWS LANG QUERY NAME WANT: NAME's row shows WANT
	local row snippet
	tm_start "$1" "$2" -- --lang "$3"
	tm_settle 3
	tm_send /
	tm_type "$4"
	tm_settle
	row=$(tm_capture | grep -F -- "$5" | head -1)
	snippet=${row#*"$5"}
	if [[ ${snippet,,} == *"${6,,}"* ]]; then
		tm_pass "$1x$2 $3: '$4' shows \"$6\" on the row of $5"
	else
		tm_fail "$1x$2 $3: '$4' does not show \"$6\" on the row of $5: [$row]"
		tm_dump
	fi
	tm_send Escape Q
	tm_wait_exit
}
found_in 100 30 en "english corner" "Yanlan Community" "English corner"
found_in 40 20 zh "英语角" "滟澜社区" "英语角"
found_in 61 20 zh "英语角" "滟澜社区" "英语角"
found_in 80 24 en "Milan" "Liangzhu Culture Village Community" "Milan"
found_in 80 24 en "zh" "Jinseliming Community" "zh"
found_in 80 24 zh "zh" "金色黎明社区" "zh"

# A service on two lines (a '+' line) found by its second: one row, the line
# break a blank, nothing below it moved.
ML="$TM_TMP/two-lines.rec"
printf '%%rec: Community\n\nName: 甲社区\nDistrict: 一区\nStreet: 一街道\nCode: 330000000001\nService: culture | 第一行\n+ 英语角在第二行 | first line\n+ English corner on the second\n' >"$ML"
tm_start 60 12 -- --lang en --data "$ML"
tm_wait Quit
tm_send /
tm_type corner
tm_expect_line 2 "first line English corner" "two lines: the service on one row, the break a blank"
tm_check "two lines: nothing on the row below" bash -c '[ -z "$(tr -d " " <<<"$1")" ]' _ "$(tm_line 3)"
tm_send Escape Q
tm_wait_exit

tm_summary
