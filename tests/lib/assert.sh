# SPDX-License-Identifier: MIT
# Assertions for the shell tests of the built binary.  Source it; call
# `finish` at the end (exit status 1 when any assertion failed).
: "${SHEQU:?SHEQU must name the shequ binary}"
: "${SHEQU_SRCDIR:?SHEQU_SRCDIR must name the source tree}"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset LANGUAGE SHEQU_DATA SHEQU_SAVE_DIR
DATA="$SHEQU_SRCDIR/data/communities.rec"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
_passed=0 _failed=0

pass() { _passed=$((_passed + 1)); }
fail() { _failed=$((_failed + 1)); printf 'FAIL: %s\n' "$*" >&2; }

# run ARGS...: runs shequ, leaving $out, $err and $status.
run() {
	"$SHEQU" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	status=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
}

expect_status() { # expect_status WANT WHAT
	if [ "$status" = "$1" ]; then pass; else fail "$2: exit status $status, want $1 (stderr: $err)"; fi
}
expect_eq() { # expect_eq GOT WANT WHAT
	if [ "$1" = "$2" ]; then pass; else fail "$3: got [$1], want [$2]"; fi
}
expect_contains() { # expect_contains HAYSTACK NEEDLE WHAT
	case "$1" in *"$2"*) pass ;; *) fail "$3: [$1] does not contain [$2]" ;; esac
}
expect_not_contains() {
	case "$1" in *"$2"*) fail "$3: [$1] contains [$2]" ;; *) pass ;; esac
}

finish() {
	printf '%s: %d passed, %d failed\n' "$(basename "$0" .sh)" "$_passed" "$_failed"
	[ "$_failed" = 0 ]
}
