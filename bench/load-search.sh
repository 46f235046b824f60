#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Load and search at national scale: 620,573 village-level units of China
# (bench/china-data.sh), timed against grep and fzf on the same data, plus
# peak memory, a 100,000-record subset and the per-keystroke cost of search.
#
# usage: bench/load-search.sh
# environment: BUILD (build dir, default build), SHEQU (binary, default
#   $BUILD/src/shequ), ROUNDS (runs per timing, best kept; default 3),
#   BENCH_TIMEOUT (seconds per command, default 300), BENCH_CACHE.
# Not part of meson test: these are measurements, not pass/fail tests.
set -uo pipefail
export LC_ALL=C.UTF-8 LANG=C.UTF-8
unset LANGUAGE SHEQU_DATA

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
BUILD=${BUILD:-$repo/build}
ROUNDS=${ROUNDS:-3}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-300}
QUERIES=(白塔岭 社区 btl Community baitaling)
KEY_QUERIES=(白塔岭社 btls comm)

say() { printf '%s\n' "$*" >&2; }

# --- tools -----------------------------------------------------------------
want=""
command -v fzf >/dev/null 2>&1 || want="$want fzf"
[ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1 || want="$want time"
if [ -n "$want" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	say "installing:$want"
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $want >/dev/null 2>&1 ||
		{ apt-get update -qq >/dev/null 2>&1 &&
		  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $want >/dev/null 2>&1; } ||
		say "warning: could not install$want"
fi
have_fzf=0; command -v fzf >/dev/null 2>&1 && have_fzf=1
have_time=0; /usr/bin/time -f %M true >/dev/null 2>&1 && have_time=1
[ $have_fzf = 1 ] || say "warning: fzf not installed: its column is left empty"
[ $have_time = 1 ] || say "warning: GNU time not installed: no peak memory"

# --- build -----------------------------------------------------------------
if [ -z "${SHEQU:-}" ]; then
	SHEQU=$BUILD/src/shequ
	if [ ! -f "$BUILD/build.ninja" ]; then
		meson setup "$BUILD" "$repo" >/dev/null || { say "meson setup failed"; exit 2; }
	fi
	meson compile -C "$BUILD" >/dev/null 2>&1 ||
		meson compile -C "$BUILD" shequ bench-keystroke >/dev/null 2>&1 ||
		say "warning: build failed; using the binaries already built, if any"
fi
KEYSTROKE=${KEYSTROKE:-$BUILD/bench/bench-keystroke}
[ -x "$SHEQU" ] || { say "no shequ binary at $SHEQU"; exit 2; }

# --- data ------------------------------------------------------------------
FILE=$("$here/china-data.sh") || { say "china-data.sh failed"; exit 2; }
SUBSET=$(dirname "$FILE")/china-100k.rec
CITY=$repo/data/hangzhou.rec
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
awk '/^Name: /{ print substr($0, 7) }' "$FILE" >"$TMP/names"

# --- measuring -------------------------------------------------------------
# best_ms CMD...: sets $ms to the best wall time of ROUNDS runs in ms
# ("timeout" if a run exceeds BENCH_TIMEOUT), leaves the last run's output in
# $TMP/out and $TMP/err and its exit status in $last_status.  Standard input
# is $IN, or /dev/null.
best_ms() {
	local best="" i t0 t1 us
	for ((i = 0; i < ROUNDS; i++)); do
		t0=$(date +%s%N)
		timeout "$BENCH_TIMEOUT" "$@" >"$TMP/out" 2>"$TMP/err" <"${IN:-/dev/null}"
		last_status=$?
		t1=$(date +%s%N)
		if [ $last_status = 124 ]; then ms=timeout; return; fi
		us=$(((t1 - t0) / 1000))
		if [ -z "$best" ] || [ $us -lt $best ]; then best=$us; fi
	done
	ms=$(awk -v us="$best" 'BEGIN { printf "%.1f", us / 1000 }')
}
# peak_kb CMD...: maximum resident set size in KiB (GNU time %M).
peak_kb() {
	if [ $have_time = 0 ]; then echo -; return; fi
	timeout "$BENCH_TIMEOUT" /usr/bin/time -f %M -o "$TMP/mem" "$@" >/dev/null 2>&1 </dev/null
	tail -1 "$TMP/mem"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.1fx", a / b; else printf "-" }'; }
mib() { awk -v k="$1" 'BEGIN { if (k + 0 > 0) printf "%.1f", k / 1024; else printf "-" }'; }
mem_ratio() { awk -v k="$1" -v f="$2" 'BEGIN { if (k + 0 > 0) printf "%.2f", k * 1024 / f; else printf "-" }'; }
lines() { grep -c . "$TMP/out"; }

size_of() { stat -c %s "$1"; }
fsize=$(size_of "$FILE")
nrec=$(wc -l <"$TMP/names")

row_fmt='%s %10s %9s %8s %9s  %-20s %8s %9s\n'
# label TEXT: TEXT padded to 26 terminal columns (Chinese is two wide).
label() {
	local w
	w=$(printf '%s' "$1" | wc -L)
	printf '%s%*s' "$1" $((w < 26 ? 26 - w : 0)) ""
}
header() {
	printf "$row_fmt" "$(label command)" "shequ ms" "grep ms" "ratio" "fzf ms" "hits shequ/grep/fzf" "peak MiB" "peak/file"
	printf "$row_fmt" "$(label -------)" "--------" "-------" "-----" "------" "-------------------" "--------" "---------"
}

# check_row LABEL FILE
check_row() {
	local label=$1 f=$2 s g p st
	best_ms "$SHEQU" --check "$f"; s=$ms st=$last_status
	local out; out=$(cat "$TMP/out")
	[ "$st" = 0 ] || out="exit $st: $(head -c 200 "$TMP/err")"
	best_ms grep -c -F 'Name: ' "$f"; g=$ms
	p=$(peak_kb "$SHEQU" --check "$f")
	printf "$row_fmt" "$(label "$label")" "$s" "$g" "$(ratio "$s" "$g")" "" "" "$(mib "$p")" "$(mem_ratio "$p" "$(size_of "$f")")"
	printf '%28s-> %s\n' "" "$out"
}

printf 'shequ load and search benchmark — %s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
printf 'binary: %s\n' "$SHEQU"
printf 'data:   %s (%.1f MB, %d records)\n' "$FILE" "$(awk -v s="$fsize" 'BEGIN{print s/1e6}')" "$nrec"
printf 'times: best of %d runs, wall clock; grep is grep -c -F on the same file;\n' "$ROUNDS"
printf '       fzf is fzf --filter on the names alone (%d lines, extracted beforehand)\n' "$nrec"
printf 'cpu:    %s, %s cores\n\n' "$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)" "$(nproc)"

header
check_row "--check (China)" "$FILE"
for q in "${QUERIES[@]}"; do
	best_ms "$SHEQU" --data "$FILE" --search "$q"; s=$ms st=$last_status
	hs=$(lines); [ "$st" -le 1 ] 2>/dev/null || hs="exit $st"
	best_ms grep -c -F "$q" "$FILE"; g=$ms hg=$(cat "$TMP/out")
	f=""; hf=""
	if [ $have_fzf = 1 ]; then
		IN=$TMP/names best_ms fzf --filter "$q"; f=$ms hf=$(lines)
	fi
	p=$(peak_kb "$SHEQU" --data "$FILE" --search "$q")
	printf "$row_fmt" "$(label "--search $q")" "$s" "$g" "$(ratio "$s" "$g")" "$f" "$hs/$hg/$hf" "$(mib "$p")" "$(mem_ratio "$p" "$fsize")"
done
echo
header
check_row "--check (100k subset)" "$SUBSET"
check_row "--check (hangzhou.rec)" "$CITY"

echo
echo "Per keystroke (bench-keystroke: sq_search on each prefix, national file)"
if [ -x "$KEYSTROKE" ]; then
	timeout "$BENCH_TIMEOUT" "$KEYSTROKE" -r "$((ROUNDS > 1 ? ROUNDS : 2))" "$FILE" "${KEY_QUERIES[@]}" ||
		echo "bench-keystroke failed or timed out (status $?)"
else
	echo "not built: $KEYSTROKE"
fi
