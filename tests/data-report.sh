#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The services and summaries say what the announcement says, no more and no
# less, in Chinese and in English (issue 13).  Each correction is checked in
# both data files: the report's phrase is in the record (and is the report's:
# the announcement has it word for word), and the wording it does not support
# is gone (and is not the announcement's either).
#
# usage: data-report.sh [COMMUNITIES.rec [CITY.rec]]  (default: the bundled
# data/communities.rec and data/hangzhou.rec), so that the assertions can be
# run against an older file and seen to fail there.
. "$(dirname "$0")/lib/assert.sh"
command -v recsel >/dev/null 2>&1 || { echo "data-report: recsel not installed: skipped"; exit 77; }

COMM=${1:-$DATA}
CITY=${2:-$SHEQU_SRCDIR/data/hangzhou.rec}
REPORT="$SHEQU_SRCDIR/../shared/source/announcement-2017-12-10.txt"
if [ -r "$REPORT" ]; then
	report=$(cat "$REPORT")
else
	report=
	printf 'data-report: SKIP the checks against the announcement: %s is absent\n' "$REPORT" >&2
fi

BTL=330102008059 XDC=330105017007 HJC=330102011004 JSLM=330102016002
RHC=330105002056 LZ=330110010012 YL=330114001017

# texts LANG [CODE]: the Chinese (zh) or English (en) text of the services and
# summary of one record, or of every record; one field a line, left in $T.
# Kept, since recsel reads the whole city file each time.
declare -A cache
texts() {
	local key="$file $1 ${2:-all}"
	[ -n "${cache[$key]+set}" ] || cache[$key]=$(texts_read "$@")
	T=${cache[$key]}
}
texts_read() {
	local sel=()
	[ -n "${2:-}" ] && sel=(-e "Code = '$2'")
	if [ "$1" = zh ]; then
		recsel "${sel[@]}" -P Service "$file" | awk -F ' [|] ' 'NF == 3 { print $2 }'
		recsel "${sel[@]}" -P Summary "$file"
	else
		recsel "${sel[@]}" -P Service "$file" | awk -F ' [|] ' 'NF == 3 { print $3 }'
		recsel "${sel[@]}" -P SummaryEn "$file"
	fi
}

# says CODE LANG PHRASE: the record carries PHRASE; a Chinese phrase must be
# the announcement's own words.
says() {
	local t
	texts "$2" "$1"; t=$T
	case "$t" in
	*"$3"*)
		if [ "$2" = zh ] && [ -n "$report" ] && [[ $report != *"$3"* ]]; then
			fail "$where $1 ($2) says [$3], which is not the announcement's wording"
		else
			pass
		fi ;;
	*) fail "$where $1 ($2) does not say [$3]: [$t]" ;;
	esac
}

# unsaid CODE|all LANG PHRASE: the wording is gone; a Chinese one is not the
# announcement's either.
unsaid() {
	local t
	if [ "$1" = all ]; then texts "$2"; else texts "$2" "$1"; fi
	t=$T
	case "$t" in
	*"$3"*) fail "$where $1 ($2) still says [$3]" ;;
	*)
		if [ "$2" = zh ] && [ -n "$report" ] && [[ $report == *"$3"* ]]; then
			fail "[$3] is the announcement's wording: the test should not forbid it"
		else
			pass
		fi ;;
	esac
}

# together CODE LANG A B: the field that names A also says B.
together() {
	local line
	texts "$2" "$1"
	line=$(printf '%s\n' "$T" | grep -a -F -- "$3")
	expect_contains "$line" "$4" "$where $1 ($2): the text of [$3] also says [$4]"
}

# apart CODE LANG A B: no one field says both A and B (two statements of the
# announcement are not run into one).
apart() {
	local line
	texts "$2" "$1"
	line=$(printf '%s\n' "$T" | grep -a -F -- "$3")
	if [ -z "$line" ]; then
		fail "$where $1 ($2): nothing says [$3]"
	else
		expect_not_contains "$line" "$4" "$where $1 ($2): [$3] is not defined by [$4]"
	fi
}

# dated CODE FIGURE_ZH FIGURE_EN: a figure is given as of the announcement,
# in the same sentence of the summary, in both languages.
dated() {
	local zh en
	zh=$(recsel -e "Code = '$1'" -P Summary "$file" | sed 's/。/\n/g' | grep -a -F -- "$2")
	en=$(recsel -e "Code = '$1'" -P SummaryEn "$file" | sed 's/\. /.\n/g' | grep -a -F -- "$3")
	expect_contains "$zh" "2017年12月" "$where $1: [$2] is dated"
	expect_contains "$en" "December 2017" "$where $1: [$3] is dated"
}

for file in "$COMM" "$CITY"; do
	where=$(basename "$file")
	[ -r "$file" ] || { fail "$file is missing"; continue; }

	# 白塔岭: 慰老服务; the medical centre in the quality-of-life circle.
	says "$BTL" zh 社区的慰老服务
	unsaid "$BTL" zh 敬老
	says "$BTL" en "comfort to older people"
	unsaid "$BTL" en "care for older people"
	together "$BTL" zh 邵逸夫国际医疗中心 中外居民品质生活圈
	together "$BTL" en "Sir Run Run Shaw" "quality-of-life circle"
	unsaid "$BTL" en "service circle"
	says "$BTL" en "New Residents' Home"

	# 现代城: why the staff and the account; the events' names.
	says "$XDC" zh 无障碍沟通桥梁
	says "$XDC" en "communication without barriers"
	says "$XDC" en "Drawing with a Childlike Heart"
	unsaid "$XDC" en "Children's Drawing"
	says "$XDC" en "make wishes together for the Chinese New Year"
	unsaid "$XDC" en "welcome the Chinese New Year"

	# 金色黎明: the hall, the two who take charge, featured services, classes.
	says "$JSLM" zh 一人一国一展示
	unsaid "$JSLM" zh 每位外籍居民展示自己的国家
	says "$JSLM" en '"one person, one country, one display"'
	unsaid "$JSLM" en "presents their own country"
	says "$JSLM" zh 存在感和融入感
	says "$JSLM" en "sense of being seen and of belonging"
	says "$JSLM" zh 包干服务
	unsaid "$JSLM" zh 管家负责
	says "$JSLM" en "take charge of the service"
	unsaid "$JSLM" en "looked after"
	together "$JSLM" zh 包干服务 文化、教育、商业、医疗等特色服务
	says "$JSLM" en "featured services"
	unsaid "$JSLM" zh 个性化
	unsaid "$JSLM" en "personal service"
	says "$JSLM" en "property manager"
	says "$JSLM" zh 课内外互动
	says "$JSLM" en "interaction in and out of class"

	# 仁和仓: 运河, strung together; pooling and the 1234+X method apart;
	# foreigners in the buildings, not residents.
	says "$RHC" zh 串联融合
	unsaid "$RHC" zh 大运河
	says "$RHC" en "strung together"
	unsaid "$RHC" en "Grand Canal"
	unsaid "$RHC" en "linked into one route"
	says "$RHC" zh 社区、楼宇、职能部门三方力量
	apart "$RHC" zh 1234+X 三方
	apart "$RHC" en 1234+X "government departments"
	unsaid "$RHC" en "foreign residents"
	says "$RHC" en "Business, cultural, everyday"

	# 良渚文化村: the pairing as the announcement leaves it; events; the date.
	says "$LZ" zh 意大利米兰小镇
	unsaid "$LZ" zh 米兰的一个小镇
	unsaid "$LZ" zh 2014年起
	says "$LZ" en 米兰小镇
	unsaid "$LZ" en "in Milan"
	unsaid "$LZ" en "since 2014"
	says "$LZ" en "village tours and a crowd-funded Villagers' Day"
	dated "$LZ" 60余 "more than 60"

	# 滟澜: five separate terms, its advantages, the aim of its events, the
	# venue for Chinese and foreign residents; the date.
	unsaid "$YL" zh 大社区、大服务、大文化、大协商、大沟通
	for t in “大服务”模式 “大文化”氛围 “大协商”机制 “大沟通”平台; do
		says "$YL" zh "$t"
	done
	says "$YL" en '"big service" model'
	unsaid "$YL" en "big-community approach"
	says "$YL" zh CBD核心区位
	says "$YL" zh 高层次人群聚集
	says "$YL" zh 商业配套完备
	says "$YL" en "core CBD location"
	says "$YL" en "highly qualified people"
	says "$YL" en "full range of shops and services"
	says "$YL" zh 增进中外居民的互动交流
	says "$YL" en "interaction and exchange between Chinese and foreign residents"
	together "$YL" en "Shared E Home" "permanent venue"
	together "$YL" en "Shared E Home" "of Chinese and foreign residents"
	unsaid "$YL" en "liaison club for international residents"
	dated "$YL" 130余 "more than 130"

	# English that reads badly, anywhere in the file.
	for bad in "New Citizens'" good-living steward characterful "community service" \
		convention "opinion observers" "service window" Economic "a fixed place"; do
		unsaid all en "$bad"
	done
	says "$YL" en "service counter"
	says "$YL" en "residents' charter"
	# One spelling of "centre" in a record.
	mixed=$(recsel -e "#Service > 0 || #SummaryEn > 0" -P Code "$file" | grep . | while read -r code; do
		texts en "$code"; t=$T
		case "$t" in *Center*) case "$t" in *centre* | *Centre*) echo "$code" ;; esac ;; esac
	done)
	expect_eq "$mixed" "" "$where: no record spells both Center and centre"

	# 华家池: huà, the surname's reading.
	expect_eq "$(recsel -e "Code = '$HJC'" -P Pinyin "$file")" "huà jiā chí shè qū" "$where 华家池 Pinyin"
done

# The comment above 华家池 gives the source of its pinyin.
expect_contains "$(grep -B 10 '^Name: 华家池社区$' "$COMM" | grep '^#')" "kXHC1983" \
	"the comment above 华家池社区 cites Unihan's dictionary index"
# The header says what the file leaves out rather than claiming everything.
header=$(sed -n '/^%rec:/q; s/^# *//p' "$COMM" | tr -s ' \n' '  ')
expect_not_contains "$header" "every fact the announcement states" \
	"communities.rec does not claim every fact"
expect_contains "$header" "Left out:" "communities.rec says what it leaves out"
# The whole-city file's %doc is about its own records.
expect_not_contains "$(grep '^%doc:' "$CITY")" "One international demonstration community" \
	"hangzhou.rec's %doc is not the fourteen's"
finish
