#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tools/run-tests' summary (tools/testlog-summary) counts every outcome of a
# meson test run, skipped tests too, and says which were skipped and why
# (issue 10, item 40).
. "$(dirname "$0")/lib/assert.sh"
sum="$SHEQU_SRCDIR/tools/testlog-summary"
mkdir -p "$TMP/b1/meson-logs" "$TMP/b2/meson-logs"
cat >"$TMP/b1/meson-logs/testlog.json" <<'JSON'
{"name": "unit-text", "stdout": "ok\n", "result": "OK", "returncode": 0}
{"name": "types", "stdout": "SKIP: recfix is not installed (recutils)\n", "result": "SKIP", "returncode": 77}
{"name": "screen", "stdout": "FAIL - x\n", "result": "FAIL", "returncode": 1}
{"name": "soak", "stdout": "", "result": "TIMEOUT", "returncode": -15}
JSON
cat >"$TMP/b2/meson-logs/testlog.json" <<'JSON'
{"name": "po", "stdout": "note\nSKIP: xgettext is not installed (gettext)\n\n", "result": "SKIP", "returncode": 77}
{"name": "cli", "stdout": "cli: 9 passed, 0 failed\n", "result": "OK", "returncode": 0}
JSON
"$sum" "$TMP/b1/meson-logs/testlog.json" "$TMP/b2/meson-logs/testlog.json" >"$TMP/out"
expect_eq "$?" 1 "failures: exit status 1"
expect_eq "$(tail -1 "$TMP/out")" "Tests: 2 passed, 2 failed, 2 skipped" "the summary line, last"
expect_eq "$(grep '^skipped:' "$TMP/out")" "skipped: types (b1): SKIP: recfix is not installed (recutils)
skipped: po (b2): SKIP: xgettext is not installed (gettext)" "each skipped test, where and why"
"$sum" --extra 3 1 --label ci "$TMP/b2/meson-logs/testlog.json" >"$TMP/out"
expect_eq "$(tail -1 "$TMP/out")" "Tests: 4 passed, 1 failed, 1 skipped" "--extra: steps outside meson"
expect_contains "$(cat "$TMP/out")" "skipped: po (ci):" "--label names the build"
"$sum" "$TMP/none/testlog.json" >"$TMP/out"
expect_eq "$(tail -1 "$TMP/out")" "Tests: 0 passed, 1 failed, 0 skipped" "a missing log is a failure"
"$sum" "$TMP/b2/meson-logs/testlog.json" >/dev/null
expect_eq "$?" 0 "nothing failed: exit status 0"
# run-tests itself ends with this line.
expect_contains "$(cat "$SHEQU_SRCDIR/tools/run-tests")" "tools/testlog-summary" \
	"tools/run-tests counts with it"
finish
