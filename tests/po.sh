#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every interface string is translated: xgettext over po/POTFILES (as
# `meson compile shequ-pot` runs it), merged into po/zh_CN.po without fuzzy
# matching, must leave nothing untranslated or fuzzy; every source that
# marks strings is in POTFILES; the catalogue passes msgfmt --check (printf
# formats intact).  Nothing in the source tree is written.
. "$(dirname "$0")/lib/assert.sh"

for tool in xgettext msgmerge msgattrib msgfmt; do
	if ! command -v "$tool" >/dev/null; then
		echo "SKIP: $tool is not installed (gettext)"
		exit 77
	fi
done

PO="$SHEQU_SRCDIR/po"
cd "$SHEQU_SRCDIR" || exit 1

# Every source marking strings for translation is listed.
listed=$(grep -v '^[[:space:]]*\(#\|$\)' "$PO/POTFILES" | sort)
for f in $(grep -rlE '\bN?_\("' src --include='*.c' | sort); do
	if grep -qxF "$f" <<<"$listed"; then pass; else fail "$f marks strings but is not in po/POTFILES"; fi
done
for f in $listed; do
	if [ -e "$f" ]; then pass; else fail "po/POTFILES lists $f, which does not exist"; fi
done

# The same extraction as meson's i18n module (see po/meson.build).
if ! xgettext --package-name=shequ -f "$PO/POTFILES" -D "$SHEQU_SRCDIR" -k_ \
	--from-code=UTF-8 --keyword=_ --keyword=N_ --add-comments=TRANSLATORS \
	-o "$TMP/shequ.pot" 2>"$TMP/xgettext.err"; then
	fail "xgettext: $(cat "$TMP/xgettext.err")"
	finish
	exit
fi
pass
n=$(grep -c '^msgid ' "$TMP/shequ.pot")
[ "$n" -gt 50 ] && pass || fail "only $n msgids extracted"

for po in "$PO"/*.po; do
	lang=$(basename "$po" .po)
	msgmerge -q --no-fuzzy-matching -o "$TMP/$lang.po" "$po" "$TMP/shequ.pot"
	untranslated=$(msgattrib --untranslated --no-obsolete "$TMP/$lang.po" |
		grep '^msgid ' | grep -v '^msgid ""$')
	expect_eq "$untranslated" "" "$lang: msgids without a translation (run meson compile shequ-update-po, then translate)"
	fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$TMP/$lang.po" |
		grep '^msgid ' | grep -v '^msgid ""$')
	expect_eq "$fuzzy" "" "$lang: fuzzy translations"
	if msgfmt --check --statistics -o /dev/null "$TMP/$lang.po" 2>"$TMP/msgfmt.out"; then
		pass
	else
		fail "$lang: msgfmt --check: $(cat "$TMP/msgfmt.out")"
	fi
	# The catalogue as committed is the one built: it must be complete too.
	stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$po" 2>&1)
	case "$stats" in
	*fuzzy* | *untranslated*) fail "$lang: po/$lang.po itself: $stats" ;;
	*) pass ;;
	esac
done

# The catalogue is built where the uninstalled binary looks for it (unless
# the build has no NLS: -Dnls=disabled).
[ -d "$SHEQU_BUILDDIR/po" ] || { finish; exit; }
for lang in $(grep -v '^#' "$PO/LINGUAS"); do
	mo="$SHEQU_BUILDDIR/po/$lang/LC_MESSAGES/shequ.mo"
	[ -s "$mo" ] && pass || fail "$mo was not built"
done

finish
