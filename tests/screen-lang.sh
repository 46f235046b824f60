#!/bin/bash
# SPDX-License-Identifier: MIT
# The interface in both languages: started under LANG=zh_CN.UTF-8 (Chinese)
# and C.UTF-8 (English), and switched live with L / F2, on the main screen,
# the detail view, search and help at 80x24, 100x30, 120x40 and 61x20.
# Each screen must show its own language's strings and none of the other's,
# and keep its columns: pane separators on every row, the detail view's
# label column, the help's description column, the search field's cursor
# (cells read from tmux).  The switch keeps the selection and the place.
# Then --lang at start, and Chinese without a zh_CN locale installed.
. "$(dirname "$0")/lib/tmux.sh"
: "${SHEQU_BUILDDIR:?SHEQU_BUILDDIR must name the build tree}"

if [ ! -e "$SHEQU_BUILDDIR/po/zh_CN/LC_MESSAGES/shequ.mo" ]; then
	echo "SKIP: built without NLS (no po/zh_CN/LC_MESSAGES/shequ.mo in the build tree)"
	exit 77
fi
ZH_LOCALE=zh_CN.UTF-8
if ! locale -a 2>/dev/null | grep -qix 'zh_CN\.utf-\?8'; then
	tm_log "note: no zh_CN.UTF-8 locale here (tools/install-deps makes it);" \
		"testing Chinese through --lang zh and L only"
	ZH_LOCALE=
fi

# What each language's screens say (English in the source, zh_CN.po).
declare -A S
S[zh.heads]="^ (区|街道) "  S[en.heads]="^ (District|Street) "  # the first pane
S[zh.heads3]="^ 区 .*│ 街道 .*│ 社区 *$"
S[en.heads3]="^ District .*│ Street .*│ Community *$"
S[zh.street]="街道"     S[en.street]="Street"
S[zh.help]="帮助"       S[en.help]="Help"
S[zh.quit]="退出"       S[en.quit]="Quit"
S[zh.other]="English"   S[en.other]="中文"
S[zh.back]="返回"       S[en.back]="Back"
S[zh.labels]="所在区|街道|区划代码|认定"  S[en.labels]="District|Subdistrict|Code|Recognized"
S[zh.services]=" 服务"  S[en.services]=" Services"
S[zh.search]=" 搜索： " S[en.search]=" Search: "
S[zh.field]=8          S[en.field]=9   # cells before the search field
S[zh.results]="个结果"  S[en.results]="results"
S[zh.helptitle]=" 帮助 - shequ"  S[en.helptitle]=" Help - shequ"
S[zh.keys]=" 窗格中的按键"      S[en.keys]=" Keys in the panes"
S[zh.district]="拱墅区" S[en.district]="Gongshu District"
other() { [ "$1" = zh ] && echo en || echo zh; }

panes_for() { [ "$1" -ge 72 ] && echo 3 || echo 2; }

check_panes() {
	local cols=$1 rows=$2 what=$3 n
	n=$(panes_for "$cols")
	tm_seps "│" $((n - 1)) $((rows / 2)) "$what separators"
	local ref=$TM_SEP_COLS
	tm_seps "┴" $((n - 1)) 1 "$what rule junctions"
	tm_check "$what junctions under the separators" test "$TM_SEP_COLS" = "$ref"
}

# Column (tmux's cells) where the Nth space-separated word of line Y starts.
word_col() {
	local y=$1 n=$2 i
	local seq=(set-option -g word-separators " " \; copy-mode -t "$TM_T"
		\; send-keys -t "$TM_T" -X top-line \; send-keys -t "$TM_T" -X start-of-line)
	if [ "$y" -gt 0 ]; then
		seq+=(\; send-keys -t "$TM_T" -X -N "$y" cursor-down)
	fi
	for ((i = 0; i < n; i++)); do
		seq+=(\; send-keys -t "$TM_T" -X next-word)
	done
	seq+=(\; display-message -p -t "$TM_T" '#{copy_cursor_y} #{copy_cursor_x}'
		\; send-keys -t "$TM_T" -X cancel)
	$TM "${seq[@]}" | awk -v y="$y" '$1 == y { print $2; exit } { print "BADLINE"; exit }'
}

# The second word starts at the same column on every line matching the
# extended regex RE, on at least MIN lines: labels and their values, keys
# and their descriptions.
aligned() {
	local re=$1 min=$2 what=$3 y col ref="" n=0 bad=""
	tm_settle
	while IFS=: read -r y _; do
		y=$((y - 1))
		col=$(word_col "$y" 2)
		n=$((n + 1))
		if [ -z "$ref" ]; then
			ref=$col
		elif [ "$col" != "$ref" ]; then
			bad+=" line $y at $col"
		fi
	done < <(tm_capture | grep -nE -- "$re")
	if [ -z "$bad" ] && [ "$n" -ge "$min" ] && [ "$ref" != BADLINE ]; then
		tm_pass "$what: column $ref on $n lines"
	else
		tm_fail "$what: column $ref expected on >= $min lines, got $n;$bad"
		tm_dump
	fi
}

# Line N matches the extended regex RE, within the timeout.
wait_line_re() {
	local n=$1 re=$2 end=$((SECONDS + TM_TIMEOUT))
	until tm_line "$n" | grep -qE -- "$re"; do
		[ $SECONDS -ge $end ] && return 1
		sleep 0.05
	done
}

# Line N trimmed of trailing blanks is exactly TEXT, within the timeout.
line_is() {
	local n=$1 text=$2 end=$((SECONDS + TM_TIMEOUT))
	while [ "$(tm_line "$n" | sed 's/ *$//')" != "$text" ]; do
		[ $SECONDS -ge $end ] && return 1
		sleep 0.05
	done
}

# The screen speaks L and not the other language.
bar_in() {
	local l=$1 what=$2 o
	o=$(other "$l")
	tm_expect_line $((ROWS - 1)) "${S[$l.quit]}" "$what: key bar in $l"
	tm_check "$what: key bar has no ${S[$o.quit]}" \
		bash -c '[[ "$1" != *"$2"* ]]' _ "$(tm_line $((ROWS - 1)))" "${S[$o.quit]}"
}

main_in() {
	local l=$1 what=$2
	tm_check "$what: headings in $l" wait_line_re 1 "${S[$l.heads]}"
	if [ "$COLS" -ge 72 ]; then
		tm_check "$what: all three headings in $l" wait_line_re 1 "${S[$l.heads3]}"
	fi
	tm_expect_line 1 "${S[$l.street]}" "$what: street heading in $l"
	bar_in "$l" "$what"
	tm_expect_line $((ROWS - 1)) "${S[$l.help]}" "$what: Help in the key bar"
	tm_expect_line $((ROWS - 1)) "${S[$l.other]}" "$what: the key bar offers ${S[$l.other]}"
	check_panes "$COLS" "$ROWS" "$what ${COLS}x$ROWS"
}

detail_in() {
	local l=$1 what=$2
	tm_expect "Baitaling Community" "$what: detail of 白塔岭社区"
	bar_in "$l" "$what"
	tm_expect_line $((ROWS - 1)) "${S[$l.back]}" "$what: Back in the key bar"
	aligned "^ (${S[$l.labels]}) " 4 "$what: detail labels in $l, values aligned"
}

search_in() {
	local l=$1 what=$2 want
	tm_expect_line 1 "${S[$l.search]}社区" "$what: search bar in $l, query kept"
	tm_expect_line 1 "${S[$l.results]}" "$what: result count in $l"
	# The field starts after the label; 社区 is 4 cells.
	want=$((${S[$l.field]} + 4))
	local end=$((SECONDS + TM_TIMEOUT))
	while [ "$(tm_fmt '#{cursor_x}')" != "$want" ] && [ $SECONDS -lt $end ]; do
		sleep 0.05
	done
	tm_check "$what: cursor after the query at column $want" \
		test "$(tm_fmt '#{cursor_x}')" = "$want"
	bar_in "$l" "$what"
}

help_in() {
	local l=$1 what=$2
	tm_expect_line 0 "${S[$l.helptitle]}" "$what: help title in $l"
	aligned '^ +(Enter|Esc|Tab|PgUp|Backspace|Ctrl-L|Ctrl-U|Ctrl-W) ' 3 \
		"$what: help descriptions aligned"
}

# One run: start under LOCALE, every screen in its language, and every
# screen again after L / F2 in the other.
scenario() {
	local locale=$1 l=$2 sz="${COLS}x$ROWS"
	local o what
	o=$(other "$l")
	what="$sz $locale"
	tm_start "$COLS" "$ROWS" "LANG=$locale" --
	main_in "$l" "$what"

	# The switch keeps the selection: 拱墅区, its second street.
	tm_send Down Tab Down
	tm_expect_line 0 "${S[$l.district]}" "$what: 拱墅区 selected"
	local before
	before=$(tm_line 1)
	tm_send L
	tm_expect_line 0 "${S[$o.district]}" "$what L: selection kept, named in $o"
	main_in "$o" "$what L"
	tm_send F2
	tm_expect_line 0 "${S[$l.district]}" "$what F2: back"
	tm_check "$what F2: the same headings as before" line_is 1 "$(sed 's/ *$//' <<<"$before")"

	# Detail of 白塔岭社区 (first district, street, community).
	tm_send BSpace Home Tab Home Tab Home Enter
	detail_in "$l" "$what"
	# Scroll the Services heading to the top; the switch keeps it there.
	if tm_press_until Down 1 "${S[$l.services]}" 40 && line_is 1 "${S[$l.services]}"; then
		tm_send L
		tm_check "$what L: detail keeps its place (${S[$o.services]} on top)" \
			line_is 1 "${S[$o.services]}"
		tm_send L
		tm_check "$what L L: and back" line_is 1 "${S[$l.services]}"
	else
		tm_pass "$what: the whole detail fits, no place to keep"
	fi
	tm_send Home L
	detail_in "$o" "$what L"
	tm_send L Escape

	# Search: the bar, the count, the cursor; F2 switches (L is text here).
	tm_send /
	tm_type "社区"
	search_in "$l" "$what"
	tm_send F2
	search_in "$o" "$what F2"
	tm_send F2
	search_in "$l" "$what F2 F2"
	tm_send Escape

	# Help, switched in place: the same line stays on top.
	tm_send "?"
	help_in "$l" "$what"
	tm_expect_line 1 "${S[$l.keys]}" "$what: help heading in $l"
	if tm_press_until Down 1 "→ l" 10; then
		tm_send L
		help_in "$o" "$what L"
		tm_expect_line 1 "→ l" "$what L: help keeps its place"
	else
		tm_pass "$what: the whole help fits, no place to keep"
		tm_send L
		help_in "$o" "$what L"
	fi
	tm_send Home
	tm_expect_line 1 "${S[$o.keys]}" "$what L: help heading in $o"
	tm_send Escape
	main_in "$o" "$what L, back from help"

	tm_send q
	if tm_wait_exit; then
		tm_check "$what: q exits 0" test "$TM_STATUS" = 0
	else
		tm_fail "$what: q did not quit"
	fi
}

for size in ${SHEQU_SCREEN_SIZES:-80x24 100x30 120x40 61x20}; do
	COLS=${size%x*} ROWS=${size#*x}
	scenario C.UTF-8 en
	if [ -n "$ZH_LOCALE" ]; then
		scenario "$ZH_LOCALE" zh
	fi
done

COLS=80 ROWS=24
# --lang chooses at start, whatever the locale says.
tm_start 80 24 LANG=C.UTF-8 -- --lang zh
main_in zh "--lang zh under C.UTF-8"
tm_send q
tm_wait_exit
if [ -n "$ZH_LOCALE" ]; then
	tm_start 80 24 "LANG=$ZH_LOCALE" -- --lang en
	main_in en "--lang en under $ZH_LOCALE"
	tm_send "?"
	help_in en "--lang en under $ZH_LOCALE"
	tm_send q
	tm_wait_exit
	# LANGUAGE, as a desktop sets it, picks the language too.
	tm_start 80 24 LANG=C.UTF-8 LANGUAGE=zh_CN:en --
	main_in zh "LANGUAGE=zh_CN:en"
	tm_send q
	tm_wait_exit
fi

# No zh_CN locale at all (only C.UTF-8 in LOCPATH): Chinese all the same.
if [ -d /usr/lib/locale/C.utf8 ]; then
	mkdir -p "$TM_TMP/locales"
	ln -sf /usr/lib/locale/C.utf8 "$TM_TMP/locales/C.utf8"
	tm_start 80 24 LANG=C.UTF-8 "LOCPATH=$TM_TMP/locales" --
	main_in en "only C.UTF-8 installed"
	tm_send L
	main_in zh "only C.UTF-8 installed, L"
	tm_send L
	main_in en "only C.UTF-8 installed, L L"
	tm_send q
	tm_wait_exit
fi
# LC_MESSAGES=C (gettext ignores LANGUAGE there) with a UTF-8 LC_CTYPE.
tm_start 80 24 LANG= LC_CTYPE=C.UTF-8 LC_MESSAGES=C -- --lang zh
main_in zh "LC_MESSAGES=C, --lang zh"
tm_send L
main_in en "LC_MESSAGES=C, L"
tm_send q
tm_wait_exit

tm_summary
