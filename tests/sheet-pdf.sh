#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The PDF fact sheet (issue 10, items 6, 21 and 22):
#   - size: every community of the bundled data, in zh, en and both, on a4
#     and receipt, is at most 150 KB in one language and 200 KB in both,
#     and pdftotext still finds its Chinese and English names;
#   - a character no installed font can draw does not stop the sheet: it is
#     made, the code point is named on stderr, and --check names it with
#     FILE:LINE;
#   - an item's lines stay on one page: on sheets long enough to break, no
#     service is split between two pages.
. "$(dirname "$0")/lib/assert.sh"
if [ "${SHEQU_HAVE_PRINTING:-1}" != 1 ]; then
	echo "built without printing"
	exit 77
fi
for tool in pdftotext pdfinfo python3; do
	command -v "$tool" >/dev/null || { echo "$tool not installed"; exit 77; }
done
export SOURCE_DATE_EPOCH=1700000000

# ---- size and extractable names, every community ----
"$SHEQU" --data "$DATA" --list >"$TMP/list" || fail "--list"
n=0
while IFS=$'\t' read -r _district _street name; do
	en=$(awk -v n="$name" '/^Name: /{ cur = substr($0, 7) } /^NameEn: / && cur == n { print substr($0, 9) }' "$DATA")
	for lang in zh en both; do
		limit=$((150 * 1024))
		[ "$lang" = both ] && limit=$((200 * 1024))
		for paper in a4 receipt; do
			f="$TMP/s.pdf"
			run --data "$DATA" --sheet "$name" --lang "$lang" --paper "$paper" --format pdf -o "$f"
			expect_status 0 "$name $lang $paper"
			size=$(stat -c %s "$f")
			if [ "$size" -le "$limit" ]; then pass; else fail "$name --lang $lang --paper $paper: $size bytes, limit $limit"; fi
			printf '%s\t%s\t%s\t%s\n' "$name" "$lang" "$paper" "$size" >>"$TMP/sizes"
			txt=$(pdftotext "$f" - 2>/dev/null | tr -s ' \n' '  ')
			expect_contains "$txt" "$name" "$name $lang $paper: pdftotext finds the Chinese name"
			[ -n "$en" ] && expect_contains "$txt" "$en" "$name $lang $paper: pdftotext finds the English name"
		done
	done
	n=$((n + 1))
done <"$TMP/list"
expect_eq "$n" 14 "every community"
sort -t$'\t' -k4 -n "$TMP/sizes" | tail -1 | awk -F'\t' '{ printf "largest sheet: %s %s %s, %d bytes\n", $1, $2, $3, $4 }'

# The same bytes twice.
"$SHEQU" --data "$DATA" --sheet 良渚文化村社区 --lang both --format pdf -o "$TMP/a.pdf"
"$SHEQU" --data "$DATA" --sheet 良渚文化村社区 --lang both --format pdf -o "$TMP/b.pdf"
if cmp -s "$TMP/a.pdf" "$TMP/b.pdf"; then pass; else fail "two renders differ"; fi
# No subset file is left behind.
export TMPDIR="$TMP/tmpdir"
mkdir -p "$TMPDIR"
run --data "$DATA" --sheet 滟澜社区 --format pdf -o "$TMP/c.pdf"
expect_status 0 "with TMPDIR"
expect_eq "$(ls -A "$TMPDIR")" "" "the subset font files are removed"
unset TMPDIR

# ---- characters no font can draw ----
# U+1F9FF and U+A000 are in no font of a Debian 12 test machine; U+1F600 is
# named only where no installed font has it (DejaVu Sans does).
cat >"$TMP/odd.rec" <<'EOF'
%rec: Community

Name: 护身符🧿社区
NameEn: Amulet Community 😀
District: 上城区
Street: 南星街道ꀀ
Code: 330102008098
Summary: 叠加的附加符号 Z̴̡̛͉̈́͊a̷͚̾l̵g̸o 也要能打印。
EOF
want="U+A000 U+1F9FF"
if ! fc-list ':charset=1f600' family | grep -q .; then want="U+A000 U+1F600 U+1F9FF"; fi
for cp in 1f9ff a000; do
	if fc-list ":charset=$cp" family | grep -q .; then
		echo "a font here has U+$cp: the undrawable-character checks are skipped"
		want=""
	fi
done
if [ -n "$want" ]; then
	for paper in a4 receipt; do
		run --data "$TMP/odd.rec" --sheet 330102008098 --lang both --paper "$paper" --format pdf -o "$TMP/odd.pdf"
		expect_status 0 "undrawable characters: the sheet is made ($paper)"
		expect_contains "$err" "$want" "undrawable characters: named on stderr ($paper)"
		expect_contains "$err" "warning" "undrawable characters: a warning ($paper)"
		txt=$(pdftotext "$TMP/odd.pdf" - 2>/dev/null)
		expect_contains "$txt" "护身符" "undrawable characters: the rest of the name is there ($paper)"
		expect_contains "$txt" "Amulet Community" "undrawable characters: the English name is there ($paper)"
	done
	run --check "$TMP/odd.rec"
	expect_status 0 "--check: undrawable characters are a warning"
	expect_contains "$err" "odd.rec:3: warning: no installed font can draw $want" "--check names them with FILE:LINE"
fi
run --check "$DATA"
expect_not_contains "$err" "no installed font" "--check: the bundled data has nothing undrawable"

# ---- an item's lines on one page ----
# Records with many services of different lengths, so that page breaks fall
# at many places; every service, in each language, must be whole on a page.
python3 - "$TMP/long.rec" <<'EOF'
import sys
out = open(sys.argv[1], "w", encoding="utf-8")
out.write("%rec: Community\n")
for k in range(8):
    out.write(f"\nName: 长长{k}社区\nNameEn: Long {k} Community\nDistrict: 上城区\n"
              f"Street: 南星街道\nCode: 33010200{8100 + k}\n")
    for i in range(22 + 3 * k):
        words = 6 + (i * 7 + k * 5) % 23
        zh = "服务" + "中外居民一起参加的活动" * (1 + (i + k) % 4) + f"第{i}项"
        en = f"Service {k}.{i}: " + " ".join(["neighbours meet and learn together"] * (words // 5 + 1))
        out.write(f"Service: culture | {zh} | {en} (end {k}.{i})\n")
EOF
python3 - "$SHEQU" "$TMP" <<'EOF' >"$TMP/py" 2>&1
import re, subprocess, sys
shequ, tmp = sys.argv[1], sys.argv[2]
rec = open(f"{tmp}/long.rec", encoding="utf-8").read()
ok = 0
def norm(s):
    return re.sub(r"\s+", "", s)
for k in range(8):
    services = re.findall(r"^Service: culture \| (.*) \| (.*)$", rec[rec.index(f"Name: 长长{k}社区"):].split("\n\n")[0], re.M)
    for lang in ("en", "both", "zh"):
        pdf = f"{tmp}/long.pdf"
        subprocess.run([shequ, "--data", f"{tmp}/long.rec", "--sheet", f"长长{k}社区",
                        "--lang", lang, "--format", "pdf", "-o", pdf], check=True,
                       stderr=subprocess.DEVNULL)
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        if pages < 2:
            print(f"note: 长长{k}社区 --lang {lang} takes one page")
            continue
        texts = [norm(subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), pdf, "-"],
                                     capture_output=True, text=True).stdout)
                 for p in range(1, pages + 1)]
        for zh, en in services:
            for t in ([zh] if lang == "zh" else [en] if lang == "en" else [zh, en]):
                if any(norm(t) in page for page in texts):
                    ok += 1
                else:
                    print(f"长长{k}社区 --lang {lang}: split between pages: {t[:40]}")
print("OK", ok)
EOF
while IFS= read -r line; do
	case "$line" in
	"OK "*) _passed=$((_passed + ${line#OK })) ;;
	"note: "*) echo "$line" ;;
	*) fail "$line" ;;
	esac
done <"$TMP/py"
grep -q '^OK ' "$TMP/py" || fail "the page checker did not finish: $(cat "$TMP/py")"
finish
