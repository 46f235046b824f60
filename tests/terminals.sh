#!/bin/bash
# SPDX-License-Identifier: MIT
# Terminals that are not the usual one.  In tmux: TERM=dumb and unknown
# types, no TERM, stdin not a terminal and a C locale are clear errors (exit
# 2); vt100 and NO_COLOR give a usable screen; 1-column and 1-row terminals
# and resizing through them keep the program alive and the panes aligned
# after; --ambiguous=narrow and auto (narrow in tmux) keep the separators in
# their columns on names full of East Asian Ambiguous characters.
# In xterm under Xvfb (when installed): separators found in the screenshot's
# pixels stay straight with --ambiguous=narrow in a default xterm and with
# --ambiguous=wide and auto in `xterm -cjk_width`, and are seen to break
# with narrow in -cjk_width (so the check can fail).  SHEQU_SHOT_DIR keeps
# the screenshots.
. "$(dirname "$0")/lib/tmux.sh"

REAL_SHEQU=$SHEQU
running() { [ ! -e "$TM_TMP/status" ]; }

# A wrapper as the binary, to change what tm_start cannot: stdin, TERM.
wrapper() {
	printf '#!/bin/bash\n%s\n' "$1" >"$TM_TMP/wrap.sh"
	chmod +x "$TM_TMP/wrap.sh"
	SHEQU=$TM_TMP/wrap.sh
}

expect_error() { # expect_error WHAT TEXT...
	local what=$1
	shift
	if tm_wait_exit; then
		tm_check "$what: exit status 2" test "$TM_STATUS" = 2
	else
		tm_fail "$what: did not exit"
		return
	fi
	local text
	for text in "$@"; do
		tm_expect "$text" "$what: says \"$text\""
	done
}

# ---- clear errors ----
tm_start 100 24 TERM=dumb -- --lang en
expect_error "TERM=dumb" "'dumb'" "TERM=xterm-256color" "--list"
tm_start 100 24 TERM=nonexistent-term -- --lang en
expect_error "unknown TERM" "'nonexistent-term'" "TERM=xterm-256color"
wrapper "exec env -u TERM $(printf %q "$REAL_SHEQU") \"\$@\""
tm_start 100 24 -- --lang en
expect_error "no TERM" "TERM is not set"
wrapper "exec $(printf %q "$REAL_SHEQU") \"\$@\" </dev/null"
tm_start 100 24 -- --lang en
expect_error "stdin /dev/null" "standard input is not a terminal"
tm_check "stdin /dev/null: terminal untouched" tm_restored
SHEQU=$REAL_SHEQU
tm_start 100 24 LANG=C -- --lang en
expect_error "LANG=C" "LANG=C.UTF-8"

# ---- usable screens without colour ----
tm_start 80 24 TERM=vt100 -- --lang en
tm_expect "District" "vt100: the panes"
tm_seps "│" 2 10 "vt100: separators"
screen_e=$(tm_capture_e)
if grep -q $'\e\[[0-9;]*[34][0-7]m' <<<"$screen_e"; then
	tm_fail "vt100: no colours"
else
	tm_pass "vt100: no colours"
fi
tm_check "vt100: the selection in reverse video" grep -q $'\e\[[0-9;]*7m Shangcheng' <<<"$screen_e"
tm_send Down Enter
tm_expect_line 0 "Gongshu District › Wenhui Subdistrict" "vt100: keys work"
tm_send q
tm_check "vt100: q quits" tm_wait_exit
tm_check "vt100: terminal restored" tm_restored

tm_start 80 24 NO_COLOR=1 TERM=xterm -- --lang en
tm_expect "District" "NO_COLOR TERM=xterm: the panes"
tm_seps "│" 2 10 "NO_COLOR TERM=xterm: separators"
tm_send q
tm_wait_exit

# ---- 1 column, 1 row, and back ----
tm_start 80 24 -- --lang en
tm_expect "District" "tiny: starts"
tm_send Down
for size in 1x24 80x1 1x1 2x2 40x3 3x40 20x5; do
	tm_resize "${size%x*}" "${size#*x}"
	tm_check "tiny: alive at $size" running
done
tm_send C-l
tm_settle
tm_check "tiny: alive after Ctrl-L at 20x5" running
tm_resize 80 24
tm_expect_line 0 "Gongshu District" "tiny: back at 80x24, the selection kept"
tm_seps "│" 2 10 "tiny: back at 80x24, separators"
tm_send q
tm_check "tiny: q quits" tm_wait_exit
tm_check "tiny: terminal restored" tm_restored

tm_start 1 1 -- --lang en
sleep 0.5
tm_check "1x1 from the start: alive" running
tm_resize 80 24
tm_expect "District" "1x1 from the start: the panes once there is room"
tm_seps "│" 2 10 "1x1 from the start: separators"
tm_send q
tm_check "1x1 from the start: q quits" tm_wait_exit

# ---- East Asian Ambiguous names: narrow and auto in tmux ----
AMB=$TM_TMP/ambiguous.rec
{
	printf '%%rec: Community\n%%key: Code\n%%mandatory: Name District Street Code\n\n'
	for d in 1 2 3 4; do
		for s in 1 2 3; do
			for c in 1 2 3; do
				printf 'Name: ①社区“%d”※○—%d\nNameEn: Community № %d · “Ⅱ” — α\n' "$c" "$c" "$c"
				printf 'District: 测试区·%d※\nDistrictEn: District %d · “Test” — Ⅳ\n' "$d" "$d"
				printf 'Street: 街道“%d-%d”—①\nStreetEn: Street %d-%d · § ±\n' "$d" "$s" "$d" "$s"
				printf 'Code: 3399%02d%03d%03d\nBatch: 2\nRecognized: 2017-12\n\n' "$d" "$s" "$c"
			done
		done
	done
} >"$AMB"

for mode in narrow auto; do
	tm_start 80 24 -- --data "$AMB" --lang en --ambiguous=$mode
	tm_expect "District" "ambiguous=$mode in tmux: starts"
	tm_seps "│" 2 10 "ambiguous=$mode in tmux: separators"
	tm_send Tab Tab
	tm_seps "│" 2 10 "ambiguous=$mode in tmux: separators, communities selected"
	tm_send L
	tm_expect_line 0 "测试区·1※" "ambiguous=$mode in tmux: Chinese names"
	tm_seps "│" 2 10 "ambiguous=$mode in tmux: separators, Chinese"
	tm_send q
	tm_wait_exit
done
# Wide in tmux cannot line up (tmux draws them narrow); it must still run,
# with ASCII borders.
tm_start 80 24 -- --data "$AMB" --lang en --ambiguous=wide
tm_expect "District" "ambiguous=wide in tmux: starts"
tm_expect " | " "ambiguous=wide: ASCII separators"
tm_expect_not "│" "ambiguous=wide: no box drawing"
tm_send q
tm_check "ambiguous=wide in tmux: quits" tm_wait_exit

# ---- xterm under Xvfb: what a terminal drawing them wide shows ----
xterm_check() { # xterm_check NAME WANT(straight|broken) XTERM-OPTS... -- SHEQU-OPTS...
	local name=$1 want=$2
	shift 2
	local xo=() so=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do xo+=("$1"); shift; done
	[ $# -gt 0 ] && shift
	so=("$@")
	local png="$TM_TMP/$name.png" ppm="$TM_TMP/$name.ppm" dfile="$TM_TMP/display"
	# A free display number, chosen by the server.
	: >"$dfile"
	Xvfb -displayfd 3 -screen 0 1200x800x24 -nolisten tcp 3>"$dfile" >/dev/null 2>&1 &
	local xvfb=$! i disp=""
	for ((i = 0; i < 100; i++)); do
		[ -s "$dfile" ] && disp=":$(head -1 "$dfile")" &&
			xdpyinfo -display "$disp" >/dev/null 2>&1 && break
		sleep 0.1
	done
	# Outside tmux, so that auto really asks the terminal.
	env -u TMUX -u STY -u NO_COLOR -u LC_ALL -u LANGUAGE DISPLAY="$disp" LANG=C.UTF-8 \
		xterm -geometry 100x30+0+0 -fa 'DejaVu Sans Mono' \
		-fd 'WenQuanYi Micro Hei Mono' -fs 13 "${xo[@]}" \
		-e "$REAL_SHEQU" --data "$AMB" --lang zh "${so[@]}" &
	local xt=$! prev="" cur="" same=0
	# Until two screenshots in a row agree, with the panes drawn.
	for ((i = 0; i < 40; i++)); do
		sleep 0.5
		DISPLAY="$disp" xwd -root -silent 2>/dev/null | convert xwd:- -trim +repage "$png" 2>/dev/null || continue
		convert "$png" "ppm:$ppm" 2>/dev/null || continue
		cur=$(python3 "$(dirname "$0")/lib/image_seps.py" "$ppm")
		if [ "${cur##* }" -ge 100 ] && [ "$cur" = "$prev" ]; then
			same=1
			break
		fi
		prev=$cur
	done
	kill "$xt" 2>/dev/null
	kill "$xvfb" 2>/dev/null
	wait "$xt" "$xvfb" 2>/dev/null
	if [ -n "${SHEQU_SHOT_DIR:-}" ]; then
		cp "$png" "$SHEQU_SHOT_DIR/$name.png"
	fi
	if [ "$same" != 1 ]; then
		tm_fail "xterm $name: no stable screen with the panes ($cur)"
		return
	fi
	local clusters=${cur% *}
	local n
	n=$(wc -w <<<"$clusters")
	if [ "$want" = straight ]; then
		tm_check "xterm $name: separators straight (pixels at x $clusters)" test "$n" = 2
	else
		tm_check "xterm $name: separators broken, as they should be (x $clusters)" test "$n" -gt 2
	fi
}

if command -v Xvfb >/dev/null && command -v xterm >/dev/null &&
	command -v xwd >/dev/null && command -v convert >/dev/null &&
	command -v xdpyinfo >/dev/null && command -v python3 >/dev/null &&
	fc-list 2>/dev/null | grep -qi 'WenQuanYi'; then
	xterm_check narrow-default straight -- --ambiguous=narrow
	xterm_check auto-default straight -- --ambiguous=auto
	xterm_check wide-cjk straight -cjk_width -- --ambiguous=wide
	xterm_check auto-cjk straight -cjk_width -- --ambiguous=auto
	xterm_check narrow-cjk broken -cjk_width -- --ambiguous=narrow
else
	tm_log "skip - xterm checks: needs Xvfb, xterm, xwd, xdpyinfo, convert, python3, fonts-wqy-microhei"
fi

tm_summary
