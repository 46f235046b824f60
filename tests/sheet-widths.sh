#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The text fact sheet fits its width: for every community, in zh, en and
# both, at widths 32 42 48 57 80 120, no line is wider than asked -- measured
# here with Python's Unicode tables (East Asian Width W/F = 2 cells,
# combining and format characters 0), not with shequ's own width code -- and
# the values of labelled lines all start in one column.
. "$(dirname "$0")/lib/assert.sh"
command -v python3 >/dev/null || { echo "python3 not installed"; exit 77; }

widths="32 42 48 57 80 120"
"$SHEQU" --data "$DATA" --list >"$TMP/list" || fail "--list"
n=0
while IFS=$'\t' read -r _district _street name; do
	for lang in zh en both; do
		for w in $widths; do
			f="$TMP/sheet.$n.$lang.$w"
			SOURCE_DATE_EPOCH=86400 "$SHEQU" --data "$DATA" --sheet "$name" \
				--lang "$lang" --width "$w" >"$f" 2>"$TMP/err" </dev/null
			s=$?
			if [ "$s" = 0 ]; then pass; else fail "--sheet $name --lang $lang --width $w: exit $s: $(cat "$TMP/err")"; fi
			printf '%s\t%s\t%s\t%s\n' "$f" "$name" "$lang" "$w" >>"$TMP/index"
		done
	done
	n=$((n + 1))
done <"$TMP/list"
expect_eq "$n" 14 "every community listed"

# One Python run checks every sheet; it prints one line per failure and
# the number of checks that passed.
python3 - "$TMP/index" >"$TMP/py" 2>&1 <<'EOF'
import sys, unicodedata

def cells(ch):
    if unicodedata.category(ch) in ("Mn", "Me", "Cf") and ch != "\u00ad":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1

def width(s):
    return sum(cells(c) for c in s)

def col_of(line, i):
    return width(line[:i])

ok = 0
def check(cond, what):
    global ok
    if cond:
        ok += 1
    else:
        print(what)

labels = {
    "zh": ["拼音", "所在区", "街道", "区划代码", "认定", "来源", "打印日期"],
    "en": ["Pinyin", "District", "Subdistrict", "Code", "Recognized", "Source", "Printed"],
}
for entry in open(sys.argv[1], encoding="utf-8"):
    path, name, lang, w = entry.rstrip("\n").split("\t")
    w = int(w)
    tag = f"{name} --lang {lang} --width {w}"
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")
    check(text.endswith("\n") and lines[-1] == "", f"{tag}: ends with a newline")
    lines = lines[:-1]
    wide = max(lines, key=width)
    check(width(wide) <= w, f"{tag}: a line is {width(wide)} cells wide: {wide!r}")
    check(all(not l.endswith(" ") for l in lines), f"{tag}: trailing spaces")
    check(name in text, f"{tag}: names the community")
    check("1970-01-02" in text, f"{tag}: printed date from SOURCE_DATE_EPOCH")
    for lg in (["zh", "en"] if lang == "both" else [lang]):
        for lab in labels[lg]:
            check(any(l.startswith(lab) for l in lines), f"{tag}: label {lab}")
    # Rules: '=' under the heading, '-' before the footer, both full width.
    rules = [i for i, l in enumerate(lines) if l and set(l) <= set("=-")]
    check(len(rules) == 2 and all(len(lines[i]) == w for i in rules),
          f"{tag}: two full-width rules")
    # After the first rule: label lines (value after a gap of two or more
    # spaces), label-only lines, and continuation lines (leading spaces).
    value_cols, cont_cols = set(), set()
    label_only = []
    for l in lines[rules[0] + 1:]:
        if not l or set(l) <= set("=-"):
            continue
        if l[0] == " ":
            i = len(l) - len(l.lstrip(" "))
            cont_cols.add(col_of(l, i))
            continue
        i = l.find("  ")
        if i < 0:
            label_only.append(width(l))
            continue
        j = i + len(l[i:]) - len(l[i:].lstrip(" "))
        value_cols.add(col_of(l, j))
    check(len(value_cols) == 1, f"{tag}: values start in one column {sorted(value_cols)}")
    if len(value_cols) == 1:
        vc = value_cols.pop()
        check(cont_cols <= {vc, vc + 2}, f"{tag}: continuation lines at {sorted(cont_cols)}, values at {vc}")
        check(all(x <= vc - 2 for x in label_only), f"{tag}: label-only lines inside the label column")
        check(vc <= max(w // 3, 11) + 2, f"{tag}: label column {vc} too wide")
print("OK", ok)
EOF
while IFS= read -r line; do
	case "$line" in
	"OK "*) _passed=$((_passed + ${line#OK })) ;;
	*) fail "$line" ;;
	esac
done <"$TMP/py"
grep -q '^OK ' "$TMP/py" || fail "the width checker did not finish: $(cat "$TMP/py")"

# The sheet for a community without details says so rather than padding.
run --data "$DATA" --sheet 黄龙社区 --lang en --width 80
expect_contains "$out" "gives no further details" "no-details note (en)"
run --data "$DATA" --sheet 黄龙社区 --lang zh --width 80
expect_contains "$out" "没有更多介绍" "no-details note (zh)"
run --data "$DATA" --sheet 滟澜社区 --lang en --width 80
expect_not_contains "$out" "no further details" "no note where there are details"
expect_contains "$out" "Digital platforms" "services by category"
expect_contains "$out" "more than 130" "figures"

# A community of the city data that is in no batch: the sheet states only
# what its record holds (issue 10 item 1).
run --data "$SHEQU_SRCDIR/data/hangzhou.rec" --sheet 清波门社区 --lang both --width 80
expect_status 0 "--sheet 清波门社区 from the city data"
for word in 认定 Recognized 示范 emonstration 公告 announcement 批 batch; do
	expect_not_contains "$out" "$word" "清波门社区: no \"$word\""
done
expect_contains "$out" "杭州市城乡社区 概况" "清波门社区: a heading for any community (zh)"
expect_contains "$out" "Hangzhou community fact sheet" "清波门社区: a heading for any community (en)"
expect_contains "$out" "The data lists only this community's name, place and code" "清波门社区: whose silence"
# One of the fourteen in the same file keeps its recognition.
run --data "$SHEQU_SRCDIR/data/hangzhou.rec" --sheet 白塔岭社区 --lang en --width 120
expect_contains "$out" "batch 2 (December 2017)" "白塔岭社区 in the city data: batch and month"
# The figures' one wording (issue 10 item 29).
run --data "$DATA" --sheet 现代城社区 --lang both --width 80
expect_contains "$out" "外语人员" "staff: foreign-language staff (zh)"
expect_contains "$out" "Foreign-language staff" "staff: foreign-language staff (en)"
expect_contains "$out" "7人" "staff: 7人"

# Two renders are the same; the width option is checked.
a=$(SOURCE_DATE_EPOCH=1700000000 "$SHEQU" --data "$DATA" --sheet 滟澜社区 --width 57)
b=$(SOURCE_DATE_EPOCH=1700000000 "$SHEQU" --data "$DATA" --sheet 滟澜社区 --width 57)
expect_eq "$a" "$b" "the same sheet twice"
expect_contains "$a" "2023-11-14" "SOURCE_DATE_EPOCH gives the printed date"
run --data "$DATA" --sheet 滟澜社区 --width 31
expect_status 2 "--width below 32"
run --data "$DATA" --sheet 滟澜社区 --width 121
expect_status 2 "--width above 120"
run --data "$DATA" --sheet 没有这个社区
expect_status 2 "unknown community"
expect_contains "$err" "没有这个社区" "the message names it"
run --data "$DATA" --sheet 滟澜社区 -o "$TMP/sheet.txt"
expect_status 0 "-o FILE"
expect_contains "$(cat "$TMP/sheet.txt")" "滟澜社区" "-o FILE gets the sheet"
finish
