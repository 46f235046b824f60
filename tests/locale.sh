#!/bin/bash
# SPDX-License-Identifier: MIT
# A locale that is named but not installed does not stop the browser: it
# starts in C.UTF-8, in the language the locale named (issue 10, item 37).
# (tests/cli.sh checks the note on standard error; a locale that is not UTF-8
# at all still stops it, tests/screen.sh.)
. "$(dirname "$0")/lib/tmux.sh"

tm_start 80 24 LANG=xx_XX.UTF-8 --
tm_expect "Baitaling Community" "xx_XX.UTF-8 (not installed): the browser starts, in English"
tm_send q
tm_wait_exit && tm_check "xx_XX.UTF-8: exit status 0" test "$TM_STATUS" = 0

tm_start 80 24 LANG=zh_HK.UTF-8 --
tm_expect "白塔岭社区" "zh_HK.UTF-8 (not installed): the browser starts, in Chinese"
tm_expect "上城区" "zh_HK.UTF-8: the districts in Chinese"
tm_send q
tm_wait_exit && tm_check "zh_HK.UTF-8: exit status 0" test "$TM_STATUS" = 0

tm_summary
