#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Typed fields are validated as recfix validates them (issue 10, item 9): for
# every %type line of the bundled data, values are given to `recfix --check`
# and to `shequ --check` in a record under the bundled descriptor, and both
# must accept or refuse each alike.  Where shequ is stricter on purpose it
# says so below: a Recognized month is a real month (01-12), numbers fit in
# 32 bits, and a mandatory field is not blank.  A field given twice in a
# record is refused by both, by the descriptor's %unique for recfix.
. "$(dirname "$0")/lib/assert.sh"
command -v recfix >/dev/null || { echo "SKIP: recfix is not installed (recutils)"; exit 77; }

descriptor=$(sed -n '/^%rec:/,/^$/p' "$DATA")
# The typed fields, from the data itself: a %type line this test does not
# cover is a failure, so that a new one cannot go unchecked.
typed=$(printf '%s\n' "$descriptor" | sed -n 's/^%type: \([^ ]*\) .*/\1/p' | tr ',' '\n' | sort)
covered=$(printf '%s\n' Batch Code ForeignResidents Recognized Service Staff Volunteers | sort)
expect_eq "$typed" "$covered" "the typed fields of the bundled descriptor"

n=0
# check FIELD VALUE [stricter]: VALUE is printf'd (\n for a continuation);
# "stricter" when shequ must refuse what recfix accepts.
check() {
	local field=$1 value=$2 want f="$TMP/t$n.rec"
	n=$((n + 1))
	{
		printf '%s\n\n' "$descriptor"
		printf 'Name: 甲社区\nDistrict: 甲区\nStreet: 甲街道\n'
		[ "$field" = Code ] || printf 'Code: 330100000001\n'
		printf "%s: $value\n" "$field"
	} >"$f"
	if recfix --check "$f" >/dev/null 2>&1; then want=ok; else want=refused; fi
	[ "${3:-}" = stricter ] && { expect_eq "$want" ok "recfix accepts $field: [$value]"; want=refused; }
	if timeout 10 "$SHEQU" --check "$f" >/dev/null 2>"$TMP/err"; then got=ok; else got=refused; fi
	expect_eq "$got" "$want" "$field: [$value] ($(head -c 200 "$TMP/err"))"
}

for v in 330100000002 33010000000 3301000000023 33010000000x ' 330100000002' \
	'330100000002 ' '3301000\\n+ 00002' '330100000002\\n+ '; do
	check Code "$v"
done
for v in 2 -2 +2 0 00 010 0x10 -0x1f 0X10 0x 0xg ' 2' '2 ' $'\t2' 2x 2.0 1e3 \
	'- 2' --2 '' '2\\n+ ' '2\\n+ 3' '\\n+ 2' 2147483647 -2147483648; do
	check Batch "$v"
done
check Batch 2147483648 stricter
check Batch 0x80000000 stricter
check Batch 99999999999999999999 stricter
for v in 2017-12 2017-01 1999-10 2017-1 2017-012 17-12 '2017-12 ' 2017/12 \
	2017-1x '2017-12\\n+ ' '' 2017-12-01; do
	check Recognized "$v"
done
for v in 2017-13 2017-00 2017-99; do
	check Recognized "$v" stricter
done
for f in ForeignResidents Staff Volunteers; do
	for v in 0 7 60+ 007 0+ + 1++ -1 '1 ' '1 +' 1.5 '' '1\\n+ 2' '1\\n+ ' 2147483647; do
		check "$f" "$v"
	done
	check "$f" 2147483648 stricter
done
for v in 'medical | 义诊 | Free clinics' 'medical | a | b | c' 'medical |  | b | c' \
	'medical | | b' 'medical |  | b' 'medical |   | b' 'medical | a |  ' 'medical | a | ' \
	'medical | a | b ' ' medical | a | b' 'medical  | a | b' 'Medical | a | b' \
	'cooking | a | b' 'medical | a' 'medical' 'medical | a | b\\n+ c' \
	'medical | a\\n+ b | c' 'medical |\\n+ a | b' 'language|a|b'; do
	check Service "$v"
done

# Mandatory fields present but blank, which recfix's %mandatory accepts.
for f in Name District Street; do
	for v in '' ' ' $'\t'; do
		r="$TMP/t$n.rec"
		n=$((n + 1))
		{
			printf '%s\n\n' "$descriptor"
			printf 'Name: 甲社区\nDistrict: 甲区\nStreet: 甲街道\nCode: 330100000001\n' |
				sed "s/^$f: .*/$f:$v/"
		} >"$r"
		recfix --check "$r" >/dev/null 2>&1 && pass || fail "recfix refuses a blank $f: [$v]"
		timeout 10 "$SHEQU" --check "$r" >/dev/null 2>&1 && fail "shequ accepts a blank $f: [$v]" || pass
	done
done

# Fields given twice.  Every field the record may hold once is %unique in the
# descriptor (Code by %key), so that recfix refuses a second one as shequ
# does; Alias and Service repeat.
allowed=$(printf '%s\n' "$descriptor" | sed -n 's/^%allowed: //p' | tr ' ' '\n' | sort)
once=$(printf '%s\n' "$descriptor" | sed -n 's/^%unique: //p' | tr ' ' '\n')
expect_eq "$(printf '%s\n' $once Code Alias Service | sort)" "$allowed" \
	"every field but Alias and Service is %unique (Code is the %key)"
# twice FIELD VALUE WANT: a record holding FIELD twice (the second VALUE).
twice() {
	local field=$1 value=$2 want=$3 f="$TMP/t$n.rec" got
	n=$((n + 1))
	{
		printf '%s\n\n' "$descriptor"
		printf 'Name: 甲社区\nDistrict: 甲区\nStreet: 甲街道\nCode: 330100000001\n'
		case $field in Name | District | Street | Code) ;; *) printf '%s: %s\n' "$field" "$value" ;; esac
		printf '%s: %s\n' "$field" "$value"
	} >"$f"
	if recfix --check "$f" >/dev/null 2>&1; then got=ok; else got=refused; fi
	expect_eq "$got" "$want" "recfix, $field twice"
	if timeout 10 "$SHEQU" --check "$f" >/dev/null 2>&1; then got=ok; else got=refused; fi
	expect_eq "$got" "$want" "shequ, $field twice"
}
for f in $once Code; do
	case $f in
	Batch) v=2 ;;
	Recognized) v=2017-12 ;;
	ForeignResidents | Staff | Volunteers) v=7 ;;
	Code) v=330100000002 ;;
	*) v=乙 ;;
	esac
	twice "$f" "$v" refused
done
twice Alias 乙 ok
twice Service 'medical | 义诊 | Free clinics' ok
finish
