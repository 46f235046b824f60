#!/bin/bash
# SPDX-License-Identifier: MIT
# The full-screen browser on the bundled data, driven in tmux like a person
# would at 80x24, 100x30, 120x40 and 61x20 and across live resizes: browse to
# 金色黎明社区 by the panes, open it and scroll to its end, search 英语角 and
# open the result, help, quitting on every path.  Separator columns are read
# from tmux's cells, on every row, highlighted rows included.
. "$(dirname "$0")/lib/tmux.sh"

# The rows of the panes carry the separator; the title, preview and key bar
# do not.  Panes shown: 3 from 72 columns, else 2.
panes_for() { [ "$1" -ge 72 ] && echo 3 || echo 2; }

check_panes() {
	local cols=$1 rows=$2 what=$3
	local n
	n=$(panes_for "$cols")
	# Pane rows: all but title, key bar and the preview (a quarter).
	tm_seps "│" $((n - 1)) $((rows / 2)) "$what ${cols}x$rows separators"
	local ref=$TM_SEP_COLS
	tm_seps "┴" $((n - 1)) 1 "$what ${cols}x$rows rule junctions"
	if [ "$TM_SEP_COLS" = "$ref" ]; then
		tm_pass "$what ${cols}x$rows junctions under the separators"
	else
		tm_fail "$what ${cols}x$rows junctions [$TM_SEP_COLS] vs separators [$ref]"
	fi
}

# Browse to 上城区 › 笕桥街道 › 金色黎明社区 by the panes.
browse_to_jinse() {
	local what=$1
	tm_send Home
	tm_check "$what: 上城区 selected" tm_press_until Down 0 "上城区" 20
	tm_send Enter
	tm_check "$what: 笕桥街道 selected" tm_press_until Down 0 "笕桥街道" 20
	tm_send Enter
	tm_expect "金色黎明社区  Jinseliming Community" "$what: preview of 金色黎明社区"
}

scenario() {
	local cols=$1 rows=$2
	local sz="${cols}x$rows"
	tm_start "$cols" "$rows" -- --lang zh
	tm_expect "communities.rec" "$sz: title names the data set"
	# --lang zh: the interface in Chinese too.
	tm_expect "退出" "$sz: key bar"
	tm_expect_line 1 " 区 " "$sz: district heading"
	check_panes "$cols" "$rows" "start"

	browse_to_jinse "$sz"
	# The selection is highlighted in three panes now: the worst case for
	# rows that pad with blanks.
	check_panes "$cols" "$rows" "金色黎明社区 selected"
	if [ "$cols" -lt 72 ]; then
		tm_check "$sz: two panes (street, community) when narrow" \
			bash -c '[[ "$1" != " 区 "* ]]' _ "$(tm_line 1)"
	fi

	# Detail view, then scroll to its end.
	tm_send Enter
	tm_expect "Jinseliming Community" "$sz: detail shows the English name"
	tm_expect "330102016002" "$sz: detail shows the code"
	tm_expect "江干区" "$sz: detail shows the district the announcement gave"
	tm_expect "语言课程  Language classes" "$sz: services under bilingual headings"
	tm_send End
	tm_expect "Zhejiang Online" "$sz: detail scrolled to its end (source)"
	if tm_line 0 | grep -Eq "[0-9]+-[0-9]+/[0-9]+"; then
		tm_expect_line 0 "（完）" "$sz: position says end"
	fi
	# Resize while in the detail view: rewrapped, still readable.
	tm_resize 70 22
	tm_expect_line 0 "金色黎明社区" "$sz: detail after resize to 70x22"
	tm_send End
	tm_expect "Zhejiang Online" "$sz: detail end after resize"
	tm_resize "$cols" "$rows"
	tm_send Escape
	tm_expect "金色黎明社区  Jinseliming Community" "$sz: back to the panes, selection kept"
	check_panes "$cols" "$rows" "after detail"

	# Search 英语角 and open the result.
	tm_send /
	tm_expect "搜索：" "$sz: search bar"
	tm_type "英语角"
	tm_expect "滟澜社区 · 下沙街道 · 钱塘区" "$sz: 英语角 finds 滟澜社区"
	tm_resize 66 20
	tm_expect "滟澜社区 · 下沙街道" "$sz: results after resize in search"
	tm_resize "$cols" "$rows"
	tm_send Enter
	tm_expect "Yanlan Community" "$sz: Enter opens 滟澜社区"
	# Page through it like a reader until both are seen.
	local zh=0 en=0 i screen
	for ((i = 0; i < 40; i++)); do
		screen=$(tm_capture)
		grep -q "英语角" <<<"$screen" && zh=1
		# The English may wrap between its two words: read it as one text.
		grep -q "English corner" <<<"$(tr -s ' \n' '  ' <<<"$screen")" && en=1
		[ $zh = 1 ] && [ $en = 1 ] && break
		tm_send Down
		tm_settle
	done
	tm_check "$sz: its services mention 英语角" test $zh = 1
	tm_check "$sz: and the English corner" test $en = 1
	tm_send Escape
	tm_expect_line 0 "钱塘区 › 下沙街道" "$sz: the panes moved to the result"
	tm_expect "滟澜社区  Yanlan Community" "$sz: preview of the result"
	check_panes "$cols" "$rows" "after search"

	# Help, with a resize inside it.
	tm_send "?"
	tm_expect "按键" "$sz: help"
	tm_expect "切换中文或英文" "$sz: help from the key table"
	tm_resize 61 20
	tm_expect "按键" "$sz: help after resize"
	tm_resize "$cols" "$rows"
	tm_send Escape
	tm_expect "滟澜社区  Yanlan Community" "$sz: back from help"
	tm_send q
	if tm_wait_exit; then
		tm_check "$sz: q exits 0" test "$TM_STATUS" = 0
	else
		tm_fail "$sz: q did not quit"
	fi
	tm_check "$sz: terminal restored after q" tm_restored
}

for size in ${SHEQU_SCREEN_SIZES:-80x24 100x30 120x40 61x20}; do
	scenario "${size%x*}" "${size#*x}"
done

# A live resize through every layout while browsing: the selection stays.
tm_start 80 24 -- --lang zh
tm_expect_line 1 " 区 " "resize: starts"
browse_to_jinse "resize"
for size in 120x40 61x20 100x30 45x15 81x25 80x24; do
	c=${size%x*} r=${size#*x}
	tm_resize "$c" "$r"
	tm_expect "金色黎明社区" "resize: at $size the selection is kept"
	if [ "$c" -ge 52 ]; then
		check_panes "$c" "$r" "resize"
	fi
done
tm_resize 30 8
tm_expect "终端太小" "resize: 30x8 says the terminal is too small"
tm_resize 80 24
tm_expect "金色黎明社区  Jinseliming Community" "resize: back from too small, selection kept"
tm_send C-l
tm_expect "金色黎明社区  Jinseliming Community" "Ctrl-L repaints"
tm_resize 30 8
tm_expect "终端太小" "too small again"
tm_send q
tm_check "q quits from the too-small screen" tm_wait_exit
tm_check "terminal restored" tm_restored

# Moving around: Tab, Backspace, the selection remembered per level.
tm_start 80 24 -- --lang zh
tm_expect_line 1 " 区 " "keys: starts"
tm_send Down
tm_expect_line 0 "拱墅区" "keys: Down selects the second district"
tm_send Tab Down Down
tm_expect_line 0 "湖墅街道" "keys: Tab moves to the streets"
tm_send BSpace Up
tm_expect_line 0 "上城区" "keys: Backspace back to districts"
tm_send Down l
tm_expect_line 0 "拱墅区 › 湖墅街道" "keys: the street of 拱墅区 was remembered"
tm_send h k j
tm_expect_line 0 "拱墅区" "keys: h, k, j"
tm_send End
tm_expect_line 0 "钱塘区" "keys: End"
tm_send L
tm_expect_line 0 "Qiantang District" "keys: L switches names to English"
tm_expect "中文" "keys: the key bar offers Chinese back"
tm_expect "Quit" "keys: and the interface is English"
tm_send F2
tm_expect_line 0 "钱塘区" "keys: F2 switches back"
tm_send F1
tm_expect "按键" "keys: F1 is help"
tm_send F1
tm_expect_line 1 " 区 " "keys: F1 again closes it"
tm_send p
if [ "${SHEQU_HAVE_PRINTING:-1}" = 1 ]; then
	# The dialog: its copies buttons are the same in either language.
	tm_expect "[+]" "keys: p opens the print dialog"
	tm_send Escape
	tm_expect_line 0 "钱塘区" "keys: Esc closes the print dialog"
else
	tm_expect "未包含打印功能" "keys: p says this shequ was built without printing"
fi
tm_send F10
tm_check "keys: F10 quits" tm_wait_exit

# Mouse: a press selects, a press on the selection opens, the wheel scrolls
# the pane under the pointer; presses only, as touch screens send them, in
# both report forms.
for TM_MOUSE in sgr x10; do
	tm_start 80 24 -- --lang zh
	tm_expect_line 1 " 区 " "mouse $TM_MOUSE: starts"
	tm_mouse 0 3 4 # third district row (the heading is line 1)
	tm_expect_line 0 "西湖区" "mouse $TM_MOUSE: a press selects 西湖区"
	tm_mouse 0 3 4
	tm_expect_line 0 "西湖区 › 西溪街道" "mouse $TM_MOUSE: a press on the selection opens it"
	# The panes are as wide as their names: find them by their separators.
	read -r sep1 sep2 <<<"$(tm_cols_of 2 "│")"
	tm_mouse 0 $((sep1 + 3)) 3
	tm_expect_line 0 "西湖区 › 灵隐街道" "mouse $TM_MOUSE: a press in the street pane"
	tm_mouse 0 $((sep2 + 3)) 2
	tm_settle
	tm_mouse 0 $((sep2 + 3)) 2
	tm_expect "Huanglong Community" "mouse $TM_MOUSE: two presses on a community open it"
	tm_send Escape
	tm_mouse 65 3 4
	tm_expect_line 0 "滨江区" "mouse $TM_MOUSE: the wheel over the districts scrolls them"
	tm_mouse 0 24 23 # "/ 搜索" in the key bar
	tm_expect "搜索：" "mouse $TM_MOUSE: the key bar can be touched"
	tm_send Escape
	tm_send q
	tm_check "mouse $TM_MOUSE: quits" tm_wait_exit
done
TM_MOUSE=sgr

# --no-mouse: no mouse reporting asked of the terminal.
tm_start 80 24 -- --no-mouse
tm_expect "District" "no-mouse: starts"
tm_check "no-mouse: mouse reporting off" test "$(tm_fmt '#{mouse_any_flag}')" = 0
tm_send q
tm_wait_exit

# Every way out restores the terminal.
for sig in INT TERM HUP SEGV ABRT; do
	tm_start 80 24 -- --lang zh
	tm_expect_line 1 " 区 " "SIG$sig: starts"
	kill -"$sig" "$(tm_pid)"
	if tm_wait_exit; then
		tm_check "SIG$sig: dies of it ($TM_STATUS)" test "$TM_STATUS" -gt 128
	else
		tm_fail "SIG$sig: still running"
	fi
	tm_check "SIG$sig: terminal restored" tm_restored
done

# Colours where the terminal has them; NO_COLOR honoured, selection still
# visible (reverse video).
tm_start 80 24 -- --lang zh
tm_expect_line 1 " 区 " "colour: starts"
screen_e=$(tm_capture_e)
tm_check "colour: colours used" grep -q $'\e\[[0-9;]*[34][0-7]m' <<<"$screen_e"
tm_send q
tm_wait_exit
tm_start 80 24 NO_COLOR=1 -- --lang zh
tm_expect_line 1 " 区 " "NO_COLOR: starts"
screen_e=$(tm_capture_e)
if grep -q $'\e\[[0-9;]*[34][0-7]m' <<<"$screen_e"; then
	tm_fail "NO_COLOR: no colours"
else
	tm_pass "NO_COLOR: no colours"
fi
tm_check "NO_COLOR: the selection in reverse video" \
	grep -q $'\e\[[0-9;]*7m 上城区' <<<"$screen_e"
tm_send q
tm_wait_exit

# A locale that is not UTF-8: a message naming the fix, exit 2.
tm_start 80 24 LC_ALL=C -- --lang zh
if tm_wait_exit; then
	tm_check "C locale: exit status 2" test "$TM_STATUS" = 2
else
	tm_fail "C locale: did not exit"
fi
tm_expect "LANG=C.UTF-8" "C locale: the message names the fix"

# Ctrl-S is a key like any other: no XON/XOFF freezing the screen.
tm_start 80 24 -- --lang zh
tm_expect "白塔岭社区" "Ctrl-S: started"
tm_send C-s
tm_send j
tm_expect "现代城社区" "Ctrl-S does not freeze the screen: the next key still moves"
tm_send q
tm_wait_exit

# Panes as wide as their content (issue 10 item 32): at 80x24 in English
# no district name is cut, while the community pane has room; at 250
# columns the counts sit beside the names, not 55 cells away.
tm_start 80 24 -- --lang en
tm_expect "Shangcheng District" "widths: starts"
tm_check "widths 80x24: no district name cut" \
	bash -c '! grep -qE "Distri?c?t?>" <<<"$1"' _ "$(tm_capture)"
tm_expect "Shangcheng District 3 │" "widths 80x24: the count right after the longest district"
tm_resize 250 30
tm_expect "Shangcheng District 3 │" "widths 250x30: the district pane no wider than its names"
tm_send q
tm_wait_exit

tm_summary
