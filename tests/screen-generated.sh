#!/bin/bash
# SPDX-License-Identifier: MIT
# The browser on a generated data file made to hurt: long names mixing
# Chinese, English and fullwidth letters, 40 districts, a street with 500
# communities.  Pane separators must stay in their columns on every row
# (from tmux's cells), with highlighted rows cut at the pane edge.
. "$(dirname "$0")/lib/tmux.sh"

DATA=$TM_TMP/generated.rec

gen() {
	local d s c code n=0
	printf '%%rec: Community\n%%key: Code\n%%mandatory: Name District Street Code\n\n'
	for ((d = 1; d <= 40; d++)); do
		local dz="测试区${d}号ＤＩＳＴＲＩＣＴ长长长长长名字区"
		local de="Test District ${d} with a Rather Long English Name"
		local nstreets=2
		for ((s = 1; s <= nstreets; s++)); do
			local sz="第${s}街道Ｓｔｒｅｅｔ混合Mixed名称街道"
			local se="Street ${s} of District ${d}, Mixed Name Subdistrict"
			local count=2
			if [ "$d" = 40 ] && [ "$s" = 2 ]; then
				sz="五百社区大街道ＦＩＶＥ-HUNDRED街道"
				se="Five Hundred Communities Subdistrict"
				count=500
			fi
			for ((c = 1; c <= count; c++)); do
				n=$((n + 1))
				code=$(printf '3399%02d%03d%03d' "$d" "$s" "$c")
				printf 'Name: 国际化示范社区第%d号Ｃｏｍｍｕｎｉｔｙ很长很长的名字社区\n' "$n"
				printf 'NameEn: International Demonstration Community Number %d With A Long Name\n' "$n"
				printf 'District: %s\nDistrictEn: %s\n' "$dz" "$de"
				printf 'Street: %s\nStreetEn: %s\n' "$sz" "$se"
				printf 'Code: %s\nBatch: 2\nRecognized: 2017-12\n' "$code"
				if [ $((n % 7)) = 0 ]; then
					printf 'Service: language | 开设中、英、韩、日语课程，每周三次，全年开放，欢迎所有外籍居民参加ＡＢＣ | Classes in Chinese, English, Korean and Japanese three times a week all year for every foreign resident\n'
					printf 'Service: culture | 英语角ｅｎｇｌｉｓｈ活动 | An English corner\n'
					printf 'Summary: 这是一段很长的概况，用来检验在不同宽度下按照断行规则重新换行是否正确，其中夹杂English words和全角ＦＵＬＬＷＩＤＴＨ字母。\n'
					printf 'SummaryEn: A long summary to check rewrapping at different widths on line-break opportunities, with 中文 words mixed in.\n'
				fi
				printf '\n'
			done
		done
	done
}
gen >"$DATA"

panes_for() { [ "$1" -ge 72 ] && echo 3 || echo 2; }

# PgUp from the end: the indicator leaves 500/500 and still counts the 500.
page_moved_up() {
	tm_wait_gone "500/500" && tm_capture | grep -q '/500'
}

check_panes() {
	local cols=$1 rows=$2 what=$3
	local n
	n=$(panes_for "$cols")
	tm_seps "│" $((n - 1)) $((rows / 2)) "$what ${cols}x$rows separators"
}

for size in ${SHEQU_SCREEN_SIZES:-80x24 100x30 120x40 61x20}; do
	cols=${size%x*} rows=${size#*x}
	sz=$size
	tm_start "$cols" "$rows" -- --data "$DATA" --lang zh
	# Beside the long place, the view's name (all 658 have a batch: the
	# international communities) goes before the file's when not both fit.
	tm_expect_line 0 "测试区1号" "$sz: title shows the place"
	if tm_line 0 | grep -qF "generated.rec (658)"; then
		tm_pass "$sz: title names the generated data"
	else
		tm_check "$sz: title names the view instead of the file" \
			grep -Eq '名字区 +[^ ]' <<<"$(tm_line 0)"
	fi
	tm_expect "1/40" "$sz: district position indicator"
	check_panes "$cols" "$rows" "$sz start"

	tm_send End
	tm_expect "40/40" "$sz: End on 40 districts"
	tm_send Enter Down Enter
	tm_expect "1/500" "$sz: the 500-community street"
	check_panes "$cols" "$rows" "$sz first of 500"
	tm_send End
	tm_expect "500/500" "$sz: End in 500 communities"
	tm_send PageUp
	# Wait for the move (the screen is read, not assumed): the indicator
	# leaves 500/500 and still counts the 500.
	tm_check "$sz: PgUp moves a page" page_moved_up

	tm_send Up Up
	tm_settle
	check_panes "$cols" "$rows" "$sz inside 500"

	# Tab through the levels: the remembered selections keep the columns.
	tm_send Tab
	tm_settle
	check_panes "$cols" "$rows" "$sz Tab"
	tm_send Tab Tab
	tm_settle

	# A long name in the detail view, wrapped, to its end, and resized.
	tm_send Enter
	tm_expect "Community Number" "$sz: detail of a long-named community"
	tm_expect "33994000" "$sz: detail shows the code"
	tm_send End
	if tm_line 0 | grep -Eq "[0-9]+-[0-9]+/[0-9]+"; then
		tm_expect_line 0 "（完）" "$sz: detail scrolled to its end"
	fi
	tm_resize 61 20
	tm_expect "国际化示范社区" "$sz: detail after resize to 61x20"
	tm_resize "$cols" "$rows"
	tm_send Escape
	tm_expect "500" "$sz: back to the 500"
	check_panes "$cols" "$rows" "$sz back"

	# Search with fullwidth text: results cut at the edge, one per line.
	tm_send /
	tm_type "ｅｎｇｌｉｓｈ"
	tm_expect "个结果" "$sz: fullwidth query finds services"
	rows_with_name=$(tm_capture | grep -c "国际化示范社区")
	tm_check "$sz: results fill the list ($rows_with_name rows)" \
		test "$rows_with_name" -ge $((rows - 5))
	tm_send Escape
	tm_resize 61 20
	check_panes 61 20 "$sz resized"
	tm_resize "$cols" "$rows"
	check_panes "$cols" "$rows" "$sz resized back"
	tm_send q
	tm_check "$sz: quits" tm_wait_exit
done

tm_summary
