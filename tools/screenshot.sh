#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Takes the README's screenshot: shequ in xterm under Xvfb with a CJK font.
# Usage: tools/screenshot.sh BINARY OUT.png [xterm options...] [-- shequ options...]
set -eu
bin=$1 out=$2
shift 2
xterm_opts=() shequ_opts=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do xterm_opts+=("$1"); shift; done
[ $# -gt 0 ] && shift
shequ_opts=("$@")
disp=:$((90 + RANDOM % 9))
Xvfb "$disp" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
for _ in $(seq 50); do xdpyinfo -display "$disp" >/dev/null 2>&1 && break; sleep 0.1; done
keys=${SHEQU_SCREENSHOT_KEYS:-}
DISPLAY=$disp LANG=C.UTF-8 xterm -geometry 100x30+0+0 -fa 'DejaVu Sans Mono' -fd 'WenQuanYi Micro Hei Mono' \
	-fs 13 "${xterm_opts[@]}" -e "$bin" "${shequ_opts[@]}" &
xt=$!
sleep 2
if [ -n "$keys" ] && command -v xdotool >/dev/null; then
	DISPLAY=$disp xdotool type --delay 100 "$keys"
	sleep 1
fi
DISPLAY=$disp xwd -root -silent | convert xwd:- -bordercolor black -border 1 -trim +repage "$out"
kill $xt 2>/dev/null || true
