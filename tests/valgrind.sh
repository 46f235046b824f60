#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# valgrind memcheck is clean on the command-line workload: no invalid access,
# no uninitialised value, no leak.
. "$(dirname "$0")/lib/assert.sh"
command -v valgrind >/dev/null || { echo "valgrind not installed"; exit 77; }
# Sanitizer builds cannot run under valgrind.
if nm "$SHEQU" 2>/dev/null | grep -q __asan_init; then
	echo "ASan build: valgrind skipped"; exit 77
fi
vg() {
	valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		"$SHEQU" "$@" >/dev/null 2>"$TMP/vg" </dev/null
	local s=$?
	if [ "$s" = 99 ] || grep -q '^==[0-9]*==' "$TMP/vg"; then
		fail "valgrind: shequ $*"; cat "$TMP/vg" >&2
	else pass; fi
}
vg --check "$DATA"
vg --data "$DATA" --list
vg --data "$DATA" --search btl
vg --data "$DATA" --search 'English corner'
vg --data "$DATA" --search nothing-matches
vg --data "$DATA" --sheet 滟澜社区 --lang both --width 41
vg --data "$DATA" --sheet 金色黎明社区 --lang en --width 32
printf 'Name: x\n' >"$TMP/bad.rec"
vg --check "$TMP/bad.rec"
vg --bogus
[ -f "$SHEQU_SRCDIR/data/hangzhou.rec" ] && vg --data "$SHEQU_SRCDIR/data/hangzhou.rec" --search 社区
finish
