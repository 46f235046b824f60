#!/bin/bash
# SPDX-License-Identifier: MIT
# The two views (the international communities, all of Hangzhou) and the
# category filter, as a person uses them: c switches, the fourteen are marked
# among the 3,320, search covers the view shown, the detail view names the
# international communities nearby, each view keeps its place, f lists a
# category's communities and Enter goes there.  Then a street of 5,000
# communities: paging to its end, the count, separators in their columns.
. "$(dirname "$0")/lib/tmux.sh"

# The thirteen districts of today's Hangzhou.
DISTRICTS="上城区 拱墅区 西湖区 滨江区 萧山区 余杭区 富阳区 临安区 临平区 钱塘区 桐庐县 淳安县 建德市"

# Press KEY until TEXT is anywhere on screen, at most MAX times.
press_until() {
	local key=$1 text=$2 max=${3:-40} i
	for ((i = 0; i <= max; i++)); do
		tm_capture | grep -qF -- "$text" && return 0
		tm_send "$key"
		tm_settle
	done
	tm_capture | grep -qF -- "$text"
}

panes_for() { [ "$1" -ge 72 ] && echo 3 || echo 2; }

for size in 80x24 61x20; do
	cols=${size%x*} rows=${size#*x}
	sz=$size
	nsep=$(($(panes_for "$cols") - 1))
	tm_start "$cols" "$rows" -- --lang zh
	tm_expect "communities.rec (14)" "$sz: starts on the international communities"
	# A place to come back to in this view: 拱墅区 › 湖墅街道.
	tm_send Down Enter Down Down
	tm_expect_line 0 "拱墅区 › 湖墅街道" "$sz: browsed to 湖墅街道"
	own_place=$(tm_line 0)

	tm_send c
	tm_expect "hangzhou.rec (3320)" "$sz: c shows the whole city"
	tm_send Home
	tm_settle
	missing=""
	for d in $DISTRICTS; do
		tm_capture | grep -qF -- "$d" || missing+=" $d"
	done
	tm_check "$sz: all 13 districts listed${missing:+ (missing:$missing)}" test -z "$missing"
	tm_send End
	tm_expect "建德市" "$sz: the last district"
	tm_check "$sz: 13 districts fit without a position count" \
		bash -c '! grep -qE "[0-9]+/13\b" <<<"$1"' _ "$(tm_line 1)"
	tm_send Home Enter
	tm_check "$sz: 南星街道 selected" press_until Down "上城区 › 南星街道" 20
	tm_send Enter
	tm_check "$sz: 白塔岭社区 selected" press_until Down "白塔岭社区  Baitaling Community" 20
	# The preview marks it.
	tm_expect "* 白塔岭社区  Baitaling Community" "$sz: the preview marks 白塔岭社区"
	tm_seps "│" "$nsep" $((rows / 2)) "$sz city view, 白塔岭社区 selected"
	tm_send Down
	tm_expect "复兴街社区" "$sz: the next community"
	tm_settle
	# In the list: the mark, bold and coloured, where the others have a blank.
	tm_check "$sz: 白塔岭社区 marked in the list" grep -q '│ \*白塔岭社区' <<<"$(tm_capture)"
	line=$(tm_capture_e | grep -F "白塔岭社区" | head -1)
	tm_check "$sz: the mark is bold" \
		grep -Eq $'\e\\[[0-9;]*1m(\e\\[[0-9;]*m)*\\*(\e\\[[0-9;]*m)*白塔岭' <<<"$line"
	tm_check "$sz: 复兴街社区 not marked" \
		bash -c '! grep -qF "*复兴街社区" <<<"$1"' _ "$(tm_capture)"
	tm_seps "│" "$nsep" $((rows / 2)) "$sz city view, marks in the list"

	# The detail view names the international communities of 上城区.
	tm_send Up Enter
	tm_expect_line 0 "白塔岭社区" "$sz: detail of 白塔岭社区"
	dline=$(tm_capture | grep -F "华家池社区" | head -1)
	tm_check "$sz: detail names 华家池社区 and 金色黎明社区 on one line" \
		bash -c '[[ $1 == *华家池社区* && $1 == *金色黎明社区* && $1 != *白塔岭* ]]' _ "$dline"
	tm_send Escape

	# Search covers the whole city here.
	tm_send /
	tm_type "清波门"
	tm_expect "清波门社区 · 清波街道 · 上城区" "$sz: the city search finds 清波门社区"
	tm_send C-u
	tm_type "白塔岭"
	tm_expect "*白塔岭社区 · 南星街道" "$sz: search results mark 白塔岭社区"
	tm_send C-u
	tm_type "清波门"
	tm_expect "清波门社区 · " "$sz: again"
	tm_send Enter
	tm_expect_line 0 "清波门社区" "$sz: Enter opens 清波门社区"
	tm_send Escape
	tm_expect_line 0 "上城区 › 清波街道" "$sz: the panes moved to 清波街道"
	tm_seps "│" "$nsep" $((rows / 2)) "$sz city view after the search"
	city_place=$(tm_line 0)

	# Back to the international communities: their place kept, and the
	# search no longer finds 清波门社区.
	tm_send c
	tm_expect "communities.rec (14)" "$sz: c again shows the fourteen"
	tm_check "$sz: the international view kept its place" \
		test "$(tm_line 0)" = "$own_place"
	tm_expect_not "*" "$sz: nothing marked where all are international"
	tm_send /
	tm_type "清波门"
	tm_wait "清波门" >/dev/null
	tm_settle 4
	tm_expect_not "清波门社区" "$sz: the search here does not find 清波门社区"
	tm_send Escape
	tm_check "$sz: Esc from the search restores the place" \
		tm_wait_line 0 "$own_place"
	tm_send c
	tm_expect "hangzhou.rec (3320)" "$sz: and the city again"
	tm_check "$sz: the city view kept its place" test "$(tm_line 0)" = "$city_place"

	# The category filter: language classes, from the menu.
	tm_send f
	tm_expect "语言课程" "$sz: f opens the category menu"
	tm_seps "│" 0 0 "$sz: no pane separators on the menu"
	tm_send Enter
	tm_expect "上城区 › 笕桥街道 › 金色黎明社区" "$sz: language classes: 金色黎明社区 as district › street › community"
	# Esc puts back where you were.
	tm_send Escape
	tm_check "$sz: Esc from the filter restores the place" \
		tm_wait_line 0 "$city_place"
	tm_send F6
	tm_send 1
	tm_expect "上城区 › 笕桥街道 › 金色黎明社区" "$sz: F6 and 1 list it too"
	tm_send Enter
	tm_expect_line 0 "金色黎明社区" "$sz: Enter opens 金色黎明社区"
	tm_send Escape
	tm_expect_line 0 "上城区 › 笕桥街道" "$sz: the panes moved to 笕桥街道"
	tm_expect "* 金色黎明社区  Jinseliming Community" "$sz: with 金色黎明社区 selected"
	tm_seps "│" "$nsep" $((rows / 2)) "$sz city view after the filter"

	# Resized, the marks and separators stay in their columns.
	tm_resize $((cols + 7)) $((rows + 3))
	tm_seps "│" $(($(panes_for $((cols + 7))) - 1)) $((rows / 2)) "$sz city view resized to $((cols + 7))x$((rows + 3))"
	tm_resize "$cols" "$rows"
	tm_send q
	tm_check "$sz: quits" tm_wait_exit
done

# The interface's words, in English: the title says which view is shown, the
# status says what the mark means, the detail view labels its neighbours.
tm_start 80 24 -- --lang en
tm_expect "Hangzhou international communities" "en: the title names the international view"
tm_send c
tm_expect "All of Hangzhou" "en: the title names the whole city"
tm_expect "* marks the 14 international ones" "en: the status says what the mark means"
tm_send /
tm_type "Baitaling"
tm_expect "*Baitaling Community" "en: search finds Baitaling, marked"
tm_send Enter
tm_expect_line 0 "Baitaling Community" "en: its detail"
tm_check "en: international communities in the same district" \
	grep -Eq "Same district +Huajiachi Community \(Kaixuan Subdistrict\), Jinseliming" \
	<<<"$(tm_capture)"
tm_check "en: none in the same street" grep -Eq "Same street +none" <<<"$(tm_capture)"
tm_send Escape c
tm_expect "Hangzhou international communities" "en: c goes back"
tm_send f
tm_expect "Language classes" "en: the menu names the categories"
tm_send 2
tm_expect "Bilingual services: 2 communities" "en: 2 chooses bilingual services"
tm_send Left
tm_expect "Language classes" "en: Left goes back to the menu"
# Culture: communities in districts and streets of different widths.  Their
# separators line up, as the panes' do, at every width (issue 10 item 43).
tm_send 4
tm_expect "Culture and activities: 6 communities" "en: 4 chooses culture"
for size in 80x24 61x20 45x15; do
	tm_resize "${size%x*}" "${size#*x}"
	tm_seps "›" 2 6 "en: culture at $size: the › of every row" 1
done
tm_resize 80 24
tm_send Escape q
tm_check "en: quits" tm_wait_exit

# A street of 5,000 communities (names of varying width), among small ones.
DATA=$TM_TMP/big-street.rec
awk 'BEGIN {
	print "%rec: Community\n%key: Code\n%mandatory: Name District Street Code\n"
	for (c = 1; c <= 5000; c++) {
		n = "五千社区第" c "号"
		if (c % 7 == 0) n = n "ＦＵＬＬ"
		if (c % 11 == 0) n = n " Mixed name"
		printf "Name: %s\nDistrict: 大区\nStreet: 五千社区街道\nCode: 3399010%05d\n\n", n, c
	}
	for (d = 1; d <= 3; d++)
		for (c = 1; c <= 3; c++)
			printf "Name: 小社区%d-%d\nDistrict: 小区%d\nStreet: 小街道%d\nCode: 33980%d00000%d\n\n", d, c, d, d, d, c
}' >"$DATA"

for size in 80x24 61x20; do
	cols=${size%x*} rows=${size#*x}
	sz="5000 $size"
	nsep=$(($(panes_for "$cols") - 1))
	tm_start "$cols" "$rows" -- --data "$DATA" --lang zh
	tm_expect "big-street.rec (5009)" "$sz: starts"
	tm_send Enter Enter
	tm_expect "1/5000" "$sz: the community pane counts 5000"
	keys=()
	for ((i = 0; i < 450; i++)); do keys+=(NPage); done
	start=$SECONDS
	tm_send "${keys[@]}"
	tm_expect "5000/5000" "$sz: PgDn to the end"
	tm_check "$sz: 450 PgDn took under 5 s" test $((SECONDS - start)) -lt 5
	tm_expect "五千社区第5000号" "$sz: the last community shown"
	tm_seps "│" "$nsep" $((rows / 2)) "$sz at the end"
	tm_send Home
	tm_expect "1/5000" "$sz: Home"
	tm_send PPage End
	tm_expect "5000/5000" "$sz: End"
	tm_send q
	tm_check "$sz: quits" tm_wait_exit
done

# With another data file, the whole city marks that file's communities, not
# the bundled fourteen (issue 10 item 27).
OTHER="$TM_TMP/other.rec"
printf 'Name: 清波门社区\nDistrict: 上城区\nStreet: 清波街道\nCode: 330102001051\n\nName: 孤社区\nDistrict: 某区\nStreet: 某街道\nCode: 339999999999\n' >"$OTHER"
tm_start 80 24 -- --data "$OTHER" --lang zh
tm_expect "other.rec (2)" "other: starts on the file"
tm_send c
tm_expect "other.rec" "other: the status names the file whose communities are marked"
tm_expect "hangzhou.rec (3320)" "other: the whole city"
tm_send /
tm_type 清波门
tm_expect "*清波门社区" "other: 清波门社区, in the file, is marked"
tm_send C-u
tm_type 白塔岭
tm_expect "白塔岭社区" "other: 白塔岭社区 found"
tm_expect_not "*白塔岭社区" "other: 白塔岭社区, not in the file, is not marked"
tm_send Escape "?" End
tm_expect "标记 other.rec 中的社区" "other: the help says what the mark means"
tm_send Q
tm_check "other: quits" tm_wait_exit

tm_summary
