#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The command-line modes of the built binary.
. "$(dirname "$0")/lib/assert.sh"

run --check "$DATA"
expect_status 0 "--check bundled"
expect_eq "$out" "7 districts, 14 streets, 14 communities" "--check counts"

run --check
expect_status 0 "--check without FILE uses the bundled data"
expect_eq "$out" "7 districts, 14 streets, 14 communities" "--check default file"

SHEQU_DATA="$DATA" "$SHEQU" --check >/dev/null 2>&1
expect_eq "$?" 0 "SHEQU_DATA is honoured"
SHEQU_DATA=/nonexistent/x.rec "$SHEQU" --list >/dev/null 2>"$TMP/e"
expect_eq "$?" 2 "SHEQU_DATA pointing nowhere fails"
expect_eq "$(cat "$TMP/e")" "shequ: /nonexistent/x.rec: No such file or directory" \
	"the message names the program and the file (issue 10, item 35)"

run --data "$DATA" --list
expect_status 0 "--list"
expect_eq "$(printf '%s\n' "$out" | wc -l)" 14 "--list gives one line per community"
expect_eq "$(printf '%s\n' "$out" | head -1)" "$(printf '上城区\t南星街道\t白塔岭社区')" "--list first line, tab-separated"
expect_eq "$(printf '%s\n' "$out" | tail -1)" "$(printf '钱塘区\t下沙街道\t滟澜社区')" "--list last line"

# Search: names before text; case- and width-insensitive; exit 1 on no match.
run --search 滟澜
expect_status 0 "--search Chinese"
expect_eq "$out" "$(printf '钱塘区\t下沙街道\t滟澜社区')" "--search 滟澜"
run --search 英语角
expect_eq "$out" "$(printf '钱塘区\t下沙街道\t滟澜社区')" "--search finds service text"
run --search 'ENGLISH corner'
expect_contains "$out" "滟澜社区" "--search is case-insensitive"
run --search 'ｙａｎｌａｎ'
expect_contains "$out" "滟澜社区" "--search is width-insensitive (fullwidth input)"
run --search 桥西大社区
expect_eq "$out" "$(printf '拱墅区\t拱宸桥街道\t桥西社区')" "--search finds an alias"
run --search 'language class'
expect_contains "$out" "金色黎明社区" "--search English service text"
run --search 社区
expect_eq "$(printf '%s\n' "$out" | head -1 | cut -f3)" "白塔岭社区" "ties in file order"
run --search 金
first=$(printf '%s\n' "$out" | head -2 | cut -f3 | tr '\n' ' ')
expect_eq "$first" "金色黎明社区 金东方社区 " "name prefix before substring, file order"
run --search 'no such place zzz'
expect_status 1 "--search with no match exits 1"
expect_eq "$out" "" "--search with no match prints nothing"
# The district the announcement named, in English as in Chinese.
run --search Jianggan
expect_eq "$(printf '%s\n' "$out" | cut -f3 | tr '\n' ' ')" "华家池社区 金色黎明社区 " \
	"--search an announced district in English"
run --search 'Xiacheng District'
expect_eq "$(printf '%s\n' "$out" | cut -f3 | tr '\n' ' ')" "现代城社区 施家花园社区 " \
	"--search Xiacheng District"
run --search 'Economic and Technological'
expect_eq "$out" "$(printf '钱塘区\t下沙街道\t滟澜社区')" "--search Economic and Technological"
# Terms apart, in any order; punctuation from an input method ignored.
for q in '英语 角' '英语　角' '英语角。' 'corner english' '“英语角”'; do
	run --search "$q"
	expect_eq "$out" "$(printf '钱塘区\t下沙街道\t滟澜社区')" "--search '$q'"
done
# A code finds its community; from six digits, the communities under it.
run --search 330102008059
expect_eq "$out" "$(printf '上城区\t南星街道\t白塔岭社区')" "--search a code"
run --search 330102008
expect_eq "$out" "$(printf '上城区\t南星街道\t白塔岭社区')" "--search a street's code"
run --search 330102
expect_eq "$(printf '%s\n' "$out" | cut -f3 | tr '\n' ' ')" "白塔岭社区 华家池社区 金色黎明社区 " \
	"--search a district's code"
run --search 33010
expect_status 1 "--search five digits is no code"
# Pinyin with tone numbers, as with tone marks.
run --search 'bai2 ta3 ling3'
expect_eq "$out" "$(printf '上城区\t南星街道\t白塔岭社区')" "--search bai2 ta3 ling3"
run --search 'bai2ta3ling3'
expect_eq "$out" "$(printf '上城区\t南星街道\t白塔岭社区')" "--search bai2ta3ling3"
# Districts and streets by pinyin initials, as community names.
run --search xh
expect_eq "$(printf '%s\n' "$out" | cut -f1 | sort -u | tr '\n' ' ')" "上城区 余杭区 西湖区 " \
	"--search xh: the communities of 西湖区 (and two with 'exhibition', in 上城区 and 余杭区)"
expect_contains "$out" "$(printf '西湖区\t灵隐街道')" "--search xh finds 西湖区"
run --search lyjd
expect_eq "$(printf '%s\n' "$out" | cut -f2)" "灵隐街道" "--search lyjd finds 灵隐街道"

# Bidirectional controls and invisible characters in the data are removed
# at load (issue 10, item 8): none reaches --list.
bidi="$TMP/bidi.rec"
printf 'Name: 白\u200b塔岭社区\nNameEn: \u202eytinummoC\nDistrict: 上\ufeff城区\nStreet: \u2066南星街道\u2069\nCode: 330102008059\n' >"$bidi"
run --data "$bidi" --list
expect_status 0 "bidi: loads"
expect_eq "$out" "$(printf '上城区\t南星街道\t白塔岭社区')" "bidi: controls removed"
run --data "$bidi" --sheet 330102008059 --lang en
expect_contains "$out" "ytinummoC" "bidi: the English name on the sheet"
expect_not_contains "$out" $'\u202e' "bidi: without U+202E"

# Options
run --version
expect_status 0 "--version"
expect_contains "$out" "shequ " "--version names the program"
run --help
expect_status 0 "--help"
expect_contains "$out" "--search QUERY" "--help lists options"
# Every option --help names is one the command line takes.
for o in $(printf '%s\n' "$out" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
	"$SHEQU" "$o" 2>&1 </dev/null | grep -q "unknown option" &&
		fail "$o is in --help but unknown" || pass
done
run --bogus
expect_status 2 "unknown option"
expect_contains "$err" "unknown option '--bogus'" "unknown option is named"
expect_contains "$err" "shequ --help" "usage hint on unknown option"
expect_eq "$(printf '%s\n' "$err" | head -1 | wc -l)" 1 "one-line error"
run --width 7 --sheet 滟澜社区
expect_status 2 "out-of-range --width"
run --lang fr
expect_status 2 "bad --lang"
run stray
expect_status 2 "stray argument"

# Conflicting modes are a usage error, never "the last wins" (issue 10,
# item 33); so is a mode given twice.
conflict() { # conflict WANT_MESSAGE ARGS...
	local want=$1
	shift
	run "$@"
	expect_status 2 "$*"
	expect_eq "$(printf '%s\n' "$err" | head -1)" "shequ: $want" "$*: message"
	expect_contains "$err" "shequ --help" "$*: points to --help"
	expect_eq "$out" "" "$*: nothing done"
}
conflict "--list and --search cannot be used together" --list --search x
conflict "--sheet and --print cannot be used together" --sheet 滟澜社区 --print 滟澜社区
conflict "--check and --list cannot be used together" --check "$DATA" --list
conflict "--search and --check cannot be used together" --search x --check
conflict "--search is given more than once" --search a --search b

# An empty query is a mistake, said as such (issue 10, item 34).
conflict "--search: the query is empty" --search ""
conflict "--search: the query is empty" --search "   "
conflict "--search: the query is empty" --search "　"
# Punctuation alone is no term either (search.h): the search's own rule.
conflict "--search: the query is empty" --search "。，"
conflict "--search: the query is empty" --search "“ ”"

# A value out of range or not among the choices: the same words on the
# command line as in the configuration file (tests/config.sh).
conflict "--width: '7' is not a number from 32 to 120" --width 7 --sheet 滟澜社区
conflict "--lang: 'fr' is not one of: zh, en, both" --lang fr
conflict "--copies: '0' is not a number from 1 to 99" --copies 0

# --lang both is for sheets: the browser refuses it rather than acting as
# English (issue 10, item 36).
run --lang both
expect_status 2 "--lang both for the browser"
expect_contains "$err" "lang both is for sheets" "--lang both: says why"
run --lang both --sheet 滟澜社区
expect_status 0 "--lang both for a sheet"
expect_contains "$out" "Yanlan" "--lang both: the sheet has English"
expect_contains "$out" "滟澜社区" "--lang both: and Chinese"

# A locale that is named but not installed: C.UTF-8 instead, with a note
# (issue 10, item 37); tests/locale.sh starts the browser so.
LC_ALL= LANG=xx_XX.UTF-8 "$SHEQU" --list >"$TMP/o" 2>"$TMP/e"
expect_eq "$?" 0 "missing locale: --list works"
expect_eq "$(cat "$TMP/e")" "shequ: the locale xx_XX.UTF-8 is not installed; using C.UTF-8" \
	"missing locale: the note"
expect_eq "$(wc -l <"$TMP/o")" 14 "missing locale: the list"
LC_ALL= LANG=xx_XX.UTF-8 LC_MESSAGES=C.UTF-8 "$SHEQU" --bogus >/dev/null 2>"$TMP/e"
expect_eq "$?" 2 "missing locale: usage errors still exit 2"

# Bare shequ needs a terminal.
run
expect_status 2 "bare shequ without a terminal"
expect_contains "$err" "not a terminal" "says why"

# Naming a community: by code, Chinese, English, alias; ambiguity.
amb="$TMP/amb.rec"
{
	printf '%%rec: Community\n%%key: Code\n\n'
	printf 'Name: 新华社区\nDistrict: 甲区\nStreet: 一街道\nCode: 330100000001\n\n'
	printf 'Name: 新华社区\nDistrict: 乙区\nStreet: 二街道\nCode: 330100000002\n'
} >"$amb"
run --data "$amb" --sheet 新华社区
expect_status 2 "ambiguous name"
expect_contains "$err" "330100000001" "ambiguous: lists the first candidate"
expect_contains "$err" "330100000002" "ambiguous: lists the second candidate"
run --data "$amb" --sheet 330100000002
expect_status 0 "a code settles it"
run --sheet 'Yanlan Community'
expect_status 0 "found by English name"
run --sheet 'yanlan community'
expect_status 0 "English name, any case"
run --sheet 桥西大社区
expect_status 0 "found by alias"
run --sheet 不存在社区
expect_status 2 "unknown community"
expect_contains "$err" "不存在社区" "names what was not found"

# Messages follow the locale: Chinese under zh_CN.UTF-8, with the same
# FILE:LINE prefix; --lang zh|en overrides it.  (Everything above ran under
# C.UTF-8 and read English.)
nls=1
[ -n "${SHEQU_BUILDDIR:-}" ] && [ ! -d "$SHEQU_BUILDDIR/po" ] && nls=0
if [ $nls = 0 ]; then
	echo "note: built without NLS; messages are English only"
elif locale -a 2>/dev/null | grep -qix 'zh_CN\.utf-\?8'; then
	zh() { LC_ALL= LANG=zh_CN.UTF-8 "$@"; }
	zh "$SHEQU" --bogus >/dev/null 2>"$TMP/e"
	expect_eq "$?" 2 "zh_CN: unknown option exits 2"
	expect_eq "$(head -1 "$TMP/e")" "shequ: 未知选项“--bogus”" "zh_CN: unknown option in Chinese"
	expect_contains "$(cat "$TMP/e")" "shequ --help" "zh_CN: points to --help"
	zh "$SHEQU" --check "$SHEQU_SRCDIR/tests/data/bad-mixed.rec" >/dev/null 2>"$TMP/e"
	expect_eq "$?" 2 "zh_CN: --check of a bad file exits 2"
	expect_eq "$(head -1 "$TMP/e" | sed "s|^$SHEQU_SRCDIR/tests/||")" \
		"data/bad-mixed.rec:8: Community 记录中有未知字段“Foo”" \
		"zh_CN: the loader's message in Chinese, FILE:LINE first"
	expect_eq "$(wc -l <"$TMP/e")" "$(wc -l <"$SHEQU_SRCDIR/tests/data/bad-mixed.expected")" \
		"zh_CN: as many messages as in English"
	zh "$SHEQU" --check "$DATA" >"$TMP/o"
	expect_eq "$(cat "$TMP/o")" "7 个区，14 个街道，14 个社区" "zh_CN: --check counts in Chinese"
	zh "$SHEQU" --lang en --bogus >/dev/null 2>"$TMP/e"
	expect_eq "$(head -1 "$TMP/e")" "shequ: unknown option '--bogus'" "zh_CN with --lang en: English"
else
	echo "note: no zh_CN.UTF-8 locale (tools/install-deps makes it); Chinese under the locale untested"
fi
if [ $nls = 1 ]; then
	"$SHEQU" --lang zh --bogus >/dev/null 2>"$TMP/e"
	expect_eq "$(head -1 "$TMP/e")" "shequ: 未知选项“--bogus”" "C.UTF-8 with --lang zh: Chinese"
fi

finish
