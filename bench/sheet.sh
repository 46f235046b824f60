#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# How long one PDF fact sheet takes to make, and how big it is.
#
# Each case times the whole `shequ --sheet NAME --format pdf` run (start,
# load, document, font subset, typesetting, writing) against pango-view
# (pango1.0-tools) typesetting the same sheet's text with the same font to
# PDF in this process group: the same Pango, Cairo and fontconfig, without
# shequ's work.  Best of ROUNDS runs; the ratio is shequ / pango-view.
# Sizes are the PDFs' bytes, with the sheet's limits (150 KB in one
# language, 200 KB in both: tests/sheet-pdf.sh enforces them).
#
# usage: bench/sheet.sh
# environment: BUILD (build dir, default build), SHEQU (binary, default
#   $BUILD/src/shequ), ROUNDS (default 5).
# Not part of meson test: these are measurements on a shared machine.
set -uo pipefail
export LC_ALL=C.UTF-8 LANG=C.UTF-8 SOURCE_DATE_EPOCH=1700000000
unset LANGUAGE SHEQU_DATA

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
BUILD=${BUILD:-$repo/build}
SHEQU=${SHEQU:-$BUILD/src/shequ}
ROUNDS=${ROUNDS:-5}
DATA=$repo/data/communities.rec

say() { printf '%s\n' "$*" >&2; }
[ -x "$SHEQU" ] || { say "no shequ binary at $SHEQU (meson compile -C $BUILD)"; exit 2; }
if ! command -v pango-view >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	say "installing: pango1.0-tools"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends pango1.0-tools >/dev/null 2>&1 ||
		say "warning: could not install pango1.0-tools"
fi
have_pv=0; command -v pango-view >/dev/null 2>&1 && have_pv=1
[ $have_pv = 1 ] || say "warning: pango-view not installed: no reference column"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# best_ms CMD...: the best wall time of ROUNDS runs, in ms, into $ms.
best_ms() {
	local best="" i t0 t1 us
	for ((i = 0; i < ROUNDS; i++)); do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>"$TMP/err" </dev/null || { ms=error; return; }
		t1=$(date +%s%N)
		us=$(((t1 - t0) / 1000))
		if [ -z "$best" ] || [ $us -lt "$best" ]; then best=$us; fi
	done
	ms=$(awk -v us="$best" 'BEGIN { printf "%.1f", us / 1000 }')
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2fx", a / b; else printf "-" }'; }
# label TEXT WIDTH: TEXT padded to WIDTH terminal columns (Chinese is two wide).
label() {
	local w
	w=$(printf '%s' "$1" | wc -L)
	printf '%s%*s' "$1" $((w < $2 ? $2 - w : 0)) ""
}
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }

printf 'shequ sheet benchmark — %s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
printf 'binary: %s (%s)\n' "$SHEQU" "$(git -C "$repo" describe --always --dirty 2>/dev/null || echo unknown)"
printf 'cpu:    %s, %s cores\n' "$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)" "$(nproc)"
printf 'times:  best of %d runs, wall clock of whole commands; reference:\n' "$ROUNDS"
printf '        pango-view --font "Noto Sans CJK SC 10.5" on the same text sheet\n\n'

fmt='%s %-5s %-8s %9s %9s %7s %9s %9s %6s\n'
printf "$fmt" "$(label community 16)" lang paper "shequ ms" "pango ms" ratio "shequ KB" "pango KB" limit
fails=0
for name in 良渚文化村社区 滟澜社区 黄龙社区; do
	for lang in zh en both; do
		for paper in a4 receipt; do
			best_ms "$SHEQU" --data "$DATA" --sheet "$name" --lang "$lang" --paper "$paper" --format pdf -o "$TMP/s.pdf"
			s=$ms
			size=$(stat -c %s "$TMP/s.pdf" 2>/dev/null || echo 0)
			p=- psize=0
			if [ $have_pv = 1 ]; then
				"$SHEQU" --data "$DATA" --sheet "$name" --lang "$lang" --width 80 >"$TMP/s.txt"
				best_ms pango-view -q --font "Noto Sans CJK SC 10.5" --output="$TMP/p.pdf" "$TMP/s.txt"
				p=$ms
				psize=$(stat -c %s "$TMP/p.pdf" 2>/dev/null || echo 0)
			fi
			limit=150
			[ "$lang" = both ] && limit=200
			v=ok
			[ "$size" -le $((limit * 1024)) ] || { v=OVER; fails=$((fails + 1)); }
			printf "$fmt" "$(label "$name" 16)" "$lang" "$paper" "$s" "$p" "$(ratio "$s" "$p")" "$(kb "$size")" \
				"$([ "$psize" -gt 0 ] && kb "$psize" || echo -)" "$v"
		done
	done
done
echo
echo "pango-view embeds Noto Sans CJK through cairo's own subsetter, so its"
echo "column shows what the sheet would weigh without shequ's font subset."
[ $fails = 0 ]
