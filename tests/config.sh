#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The configuration file (SHEQU_CONFIG): its settings are the command line's,
# checked and worded alike, and one that should be there but cannot be read
# is never ignored in silence (issue 10, item 36).
. "$(dirname "$0")/lib/assert.sh"
CONF="$TMP/shequ.conf"
conf() { printf '%s\n' "$@" >"$CONF"; }
runc() { SHEQU_CONFIG="$CONF" run "$@"; }

# The file's lang sets the sheet's language as --lang does.
run --lang zh --sheet 滟澜社区
zh_sheet=$out
conf "lang = zh"
runc --sheet 滟澜社区
expect_status 0 "lang = zh: a sheet"
expect_eq "$out" "$zh_sheet" "lang = zh in the file: the sheet of --lang zh"
expect_not_contains "$out" "foreign residents" "lang = zh: no English summary on the sheet"
conf "# sheets" "lang = both"
runc --sheet 滟澜社区
expect_contains "$out" "foreign residents" "lang = both: the English summary on the sheet"
runc
expect_status 2 "lang = both: not an interface language for the browser"
expect_eq "$(printf '%s\n' "$err" | sed "s|^$CONF|FILE|")" \
	"FILE:2: the browser speaks zh or en: lang both is for sheets and printing" \
	"lang = both: the browser's refusal names the line"
# --check checks the file as the browser takes it (shequ.conf says to run
# it after a change): what stops the browser fails it, at its line.
runc --check
expect_status 2 "lang = both: --check fails"
expect_eq "$out" "7 districts, 14 streets, 14 communities" "lang = both: --check still checks the data"
expect_eq "$(printf '%s\n' "$err" | sed "s|^$CONF|FILE|")" \
	"FILE:2: the browser speaks zh or en: lang both is for sheets and printing" \
	"lang = both: --check names the line"
conf "lang = both" "lang = zh"
runc --check
expect_status 0 "lang = both, then lang = zh: --check passes"
run --lang both
expect_status 2 "--lang both: the browser refuses"
expect_contains "$err" "Try 'shequ --help'" "--lang both: a usage error"
SHEQU_CONFIG="$TMP/typo.conf" run --check
expect_status 2 "SHEQU_CONFIG missing: --check fails"
# The command line still wins.
conf "lang = zh"
runc --lang en --sheet 滟澜社区
expect_contains "$out" "Yanlan" "--lang en over lang = zh"
conf "width = 40"
runc --sheet 滟澜社区
width_file=$out
run --width 40 --sheet 滟澜社区
expect_eq "$width_file" "$out" "width = 40 in the file: the sheet of --width 40"
run --sheet 滟澜社区
[ "$width_file" != "$out" ] && pass || fail "width = 40: a sheet other than the default"

# Bad values: FILE:LINE: and the command line's words.
bad() { # bad LINE WANT
	conf "$1"
	runc --list
	expect_status 2 "[$1]"
	expect_eq "$(printf '%s\n' "$err" | sed "s|^$CONF|FILE|")" "FILE:1: $2" "[$1]: message"
}
bad "width = 7" "width: '7' is not a number from 32 to 120"
bad "idle = 0" "idle: '0' is not a number from 1 to 86400"
bad "lang = fr" "lang: 'fr' is not one of: zh, en, both"
bad "ambiguous = big" "ambiguous: 'big' is not one of: narrow, wide, auto"
bad "kiosk = maybe" "kiosk: 'maybe' is not yes or no"
bad "quit-keys =" "quit-keys is empty"
# The kiosk's keys are checked when the file is read, in every mode.
bad "quit-keys = C-€" "quit-keys: 'C-€' is not a key; write key names separated by spaces, such as \"C-x C-s q\" (C-x is Ctrl-X; also F1-F63, Esc, Enter, Tab, Space, single characters)"
q17=$(seq 17 | sed 's/.*/q/' | paste -sd ' ')
bad "quit-keys = $q17" "quit-keys: '$q17' has more than 16 keys"
conf "kiosk = no" "quit-keys = C-x Hyper-q"
runc --check
expect_status 2 "bad quit-keys: --check fails"
expect_eq "$(printf '%s\n' "$err" | sed "s|^$CONF|FILE|")" \
	"FILE:2: quit-keys: 'Hyper-q' is not a key; write key names separated by spaces, such as \"C-x C-s q\" (C-x is Ctrl-X; also F1-F63, Esc, Enter, Tab, Space, single characters)" \
	"bad quit-keys: --check names the line"
bad "colour = red" "unknown setting 'colour'"
bad "kiosk" "expected 'key = value'"
bad "output = x" "unknown setting 'output'"

# '#' starts a comment, but in a value in double quotes, which may hold it
# (and blanks at its ends); \" and \\ stand for " and \ there.
cp "$DATA" "$TMP/a#b.rec"
conf "data = $TMP/a#b.rec"
runc --list
expect_status 2 "data = …#…: the rest is a comment"
expect_eq "$(printf '%s\n' "$err" | sed "s|^$CONF|FILE|")" \
	"shequ: $TMP/a: No such file or directory
FILE:1: the data file named here (data = $TMP/a) could not be used" \
	"data = …#…: the file's error, then the line that named it"
runc --check
expect_status 2 "data = …#…: --check fails"
expect_contains "$err" "$CONF:1: the data file named here" "data = …#…: --check names the line"
runc --data "$DATA" --list
expect_status 0 "data = …#…: --data on the command line wins"
runc --check "$TMP/none.rec"
expect_not_contains "$err" "named here" "--check FILE: no word of the file's data line"
conf "data = \"$TMP/a#b.rec\"  # the one with a hash"
runc --list
expect_status 0 "data = \"…#…\": the quoted name, # and all"
expect_contains "$out" "滟澜社区" "data = \"…#…\": that file's communities"
cp "$DATA" "$TMP/q\"b.rec"
conf "data = \"$TMP/q\\\"b.rec\""
runc --list
expect_status 0 "data = \"…\\\"…\": an escaped quote"
conf "quit-keys = \"C-x #\""
runc --list
expect_status 0 "quit-keys = \"C-x #\": # is a key"
bad 'printer = "lobby' 'a quoted value has no closing quote'
bad 'printer = "lobby" 2' 'only a comment may follow a quoted value'
bad 'printer = ""' 'printer is empty'
bad 'kiosk # = yes' "expected 'key = value'"

# data/shequ.conf, every setting uncommented (but the data file, installed
# elsewhere): the values it shows are good ones.
sed 's/^#\([a-z-]* = \)/\1/; /^data = /d' "$SHEQU_SRCDIR/data/shequ.conf" >"$CONF"
runc --check "$DATA"
expect_status 0 "shequ.conf's values, uncommented: --check"
expect_eq "$err" "" "shequ.conf's values, uncommented: no message"

# Missing or unreadable: a warning for the command-line modes; the browser
# does not start (it may be a kiosk, and kiosk = yes may be in the file).
SHEQU_CONFIG="$TMP/typo.conf" run --list
expect_status 0 "SHEQU_CONFIG missing: --list still works"
expect_eq "$err" "shequ: $TMP/typo.conf: cannot read the configuration file: No such file or directory" \
	"SHEQU_CONFIG missing: a warning naming the file"
SHEQU_CONFIG="$TMP" run --list
expect_status 0 "SHEQU_CONFIG a directory: --list still works"
expect_eq "$err" "shequ: $TMP: cannot read the configuration file: Is a directory" \
	"SHEQU_CONFIG a directory: a warning"
for c in "$TMP/typo.conf" "$TMP"; do
	SHEQU_CONFIG="$c" run
	expect_status 2 "SHEQU_CONFIG=$c: the browser does not start"
	expect_contains "$err" "not starting the browser without its configuration file" \
		"SHEQU_CONFIG=$c: says why"
	SHEQU_CONFIG="$c" run --kiosk
	expect_status 2 "SHEQU_CONFIG=$c: nor does a kiosk"
done
# An empty SHEQU_CONFIG is not set: the default file, silently absent.
SHEQU_CONFIG= run --list
expect_eq "$err" "" "SHEQU_CONFIG empty: no warning"
finish
