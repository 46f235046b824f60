#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# GNU recutils and shequ read the bundled files the same way.
. "$(dirname "$0")/lib/assert.sh"
command -v recsel >/dev/null || { echo "recsel not installed (recutils)"; exit 77; }

for f in "$SHEQU_SRCDIR"/data/*.rec; do
	recsel -p Name,District,Street "$f" |
		awk '/^Name: /{n=substr($0,7)} /^District: /{d=substr($0,11)}
		     /^Street: /{s=substr($0,9); print d "\t" s "\t" n}' >"$TMP/recsel"
	"$SHEQU" --data "$f" --list >"$TMP/shequ"
	if cmp -s "$TMP/recsel" "$TMP/shequ"; then pass; else
		fail "$(basename "$f"): recsel and shequ --list differ"
		diff "$TMP/recsel" "$TMP/shequ" | head >&2
	fi
	recfix --check "$f" && pass || fail "recfix --check $(basename "$f")"
	# recfix enforces the schema: a record without Street is refused.
	sed '0,/^Street: /{/^Street: /d}' "$f" >"$TMP/nostreet.rec"
	if recfix --check "$TMP/nostreet.rec" 2>/dev/null; then
		fail "recfix accepts a record without Street: %mandatory missing"
	else pass; fi
	sed '0,/^Code: /{s/^Code: .*/Code: 12345/}' "$f" >"$TMP/badcode.rec"
	if recfix --check "$TMP/badcode.rec" 2>/dev/null; then
		fail "recfix accepts a short Code: %type missing"
	else pass; fi
done
finish
