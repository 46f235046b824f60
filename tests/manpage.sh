#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The man pages are lint-clean and name every option that --help names.
. "$(dirname "$0")/lib/assert.sh"
man1="$SHEQU_SRCDIR/man/shequ.1"
man5="$SHEQU_SRCDIR/man/shequ.5"

if command -v mandoc >/dev/null; then
	lint=$(mandoc -T lint -W warning "$man1" "$man5" 2>&1)
	expect_eq "$lint" "" "mandoc -T lint is clean"
fi
run --help
opts=$(printf '%s\n' "$out" | grep -o -- '--[a-z][a-z-]*' | sort -u)
[ -n "$opts" ] && pass || fail "--help lists no options"
# The man page writes options as "Fl \-name" with "\-" for each hyphen.
for o in $opts; do
	name=${o#--}
	pat="Fl \\\\-$(printf '%s' "$name" | sed 's/-/\\\\-/g')"
	if grep -q -- "$pat" "$man1"; then pass; else fail "$o is in --help but not in shequ.1"; fi
done
# And the other way round: every option of the man page exists.
for o in $(grep -o 'Fl \\-[a-z\\-]*' "$man1" | sed 's/Fl \\-//; s/\\-/-/g' | sort -u); do
	case "$out" in *"--$o"*) pass ;; *) fail "shequ.1 names --$o, which --help does not" ;; esac
done
# Every field of the data file's schema is documented in shequ.5.
for f in $(grep '^%allowed:' "$DATA" | cut -d: -f2); do
	grep -q "Cm $f" "$man5" && pass || fail "field $f is not documented in shequ.5"
done
finish
