#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Malformed data files, table-driven: each case writes a file, runs
# `shequ --check` on it and asserts the exact first message (FILE:LINE: …)
# and the exit status.  None may crash or hang.
. "$(dirname "$0")/lib/assert.sh"
shopt -s lastpipe # case_ reads its file from a pipe and must count here

# The header is 66 bytes (4 lines), a record 70 bytes (4 lines).
head_rec=$'%rec: Community\n%key: Code\n%mandatory: Name District Street Code\n\n'
rec1=$'Name: 甲社区\nDistrict: 甲区\nStreet: 甲街道\nCode: 330100000001\n'
rec2=$'Name: 乙社区\nDistrict: 甲区\nStreet: 甲街道\nCode: 330100000002\n'

# case_ NAME WANT_STATUS WANT_FIRST_MESSAGE < FILE
case_() {
	local name=$1 want_status=$2 want=$3 f="$TMP/$1.rec"
	cat >"$f"
	timeout 20 "$SHEQU" --check "$f" >"$TMP/out" 2>"$TMP/err"
	local s=$?
	expect_eq "$s" "$want_status" "$name: exit status"
	expect_eq "$(head -n 1 "$TMP/err" | sed "s|$TMP/||")" "$want" "$name: message"
}

# Invalid UTF-8 at the start, in the middle and at the end.
{ printf '\xff'; printf '%s%s' "$head_rec" "$rec1"; } |
	case_ utf8-start 2 "utf8-start.rec:1: invalid UTF-8 at byte 0"
{ printf '%s%s' "$head_rec" "$rec1"; printf 'Summary: ab\xc3(cd\n'; } |
	case_ utf8-middle 2 "utf8-middle.rec:9: invalid UTF-8 at byte 147"
{ printf '%s%s' "$head_rec" "$rec1"; printf 'Summary: abc\xe4\xb8'; } |
	case_ utf8-end 2 "utf8-end.rec:9: invalid UTF-8 at byte 148"
# NUL bytes: a binary file, and the line of the first one (issue 10, item 7).
{ printf '%s%s' "$head_rec" "$rec1"; printf 'Summary: a\0b\n'; } |
	case_ nul 2 "nul.rec:9: binary file (NUL byte at byte 146)"
# A 1 MiB line.
{ printf '%s%s' "$head_rec" "$rec1"; printf 'Summary: '; head -c 1048576 /dev/zero | tr '\0' a; echo; } |
	case_ huge-line 2 "huge-line.rec:9: line longer than 65536 bytes"
# A record with 100,000 fields: valid, and read quickly.
{ printf '%s%s' "$head_rec" "$rec1"; seq -f 'Alias: 别名%g' 100000; } |
	case_ many-fields 0 ""
expect_eq "$(cat "$TMP/out")" "1 districts, 1 streets, 1 communities" "many-fields: counts"
{ printf '%s%s' "$head_rec" "$rec1"; seq -f 'Foo%g: x' 100000; } |
	case_ many-unknown-fields 2 "many-unknown-fields.rec:9: unknown field 'Foo1' in a Community record"
# Unterminated records and values.
{ printf '%s%s' "$head_rec" "$rec1"; printf 'Summary: a value that goes on \\'; } |
	case_ unterminated-value 2 "unterminated-value.rec:9: unterminated multi-line value (backslash at end of file)"
{ printf '%s' "$head_rec"; printf 'Name: 甲社区\nDistrict: 甲区\nStreet: 甲街道\nCode: 3301000'; } |
	case_ unterminated-record 2 "unterminated-record.rec:8: bad Code '3301000' (expected 12 digits)"
{ printf '%s' "$head_rec"; printf '%s' "${rec1%$'\n'}"; } |
	case_ no-final-newline 0 ""
# Duplicate codes.
{ printf '%s%s\n%s' "$head_rec" "$rec1" "$rec1"; } |
	case_ duplicate-code 2 "duplicate-code.rec:13: duplicate Code 330100000001 (first at line 8)"
# Missing mandatory fields.
{ printf '%s' "$head_rec"; printf 'Name: 甲社区\nDistrict: 甲区\nCode: 330100000001\n'; } |
	case_ no-street 2 "no-street.rec:5: record has no Street field"
{ printf '%s%s\n' "$head_rec" "$rec1"; printf 'District: 甲区\nStreet: 甲街道\nCode: 330100000003\n'; } |
	case_ no-name 2 "no-name.rec:10: record has no Name field"
# Unknown record types and fields.
{ printf '%%rec: Person\n\nName: 张三\n'; } |
	case_ unknown-type 2 "unknown-type.rec:1: unknown record type 'Person'"
{ printf '%s%s' "$head_rec" "$rec1"; printf 'Phone: 12345\n'; } |
	case_ unknown-field 2 "unknown-field.rec:9: unknown field 'Phone' in a Community record"
# Bad values.
{ printf '%s%s' "$head_rec" "$rec1"; printf 'Service: cooking | 烹饪 | Cooking\n'; } |
	case_ bad-category 2 "bad-category.rec:9: unknown service category 'cooking'"
{ printf '%s%s' "$head_rec" "$rec1"; printf 'Batch: two\n'; } |
	case_ bad-batch 2 "bad-batch.rec:9: bad Batch 'two' (expected an integer)"
{ printf '%s%s' "$head_rec" "$rec1"; printf 'just some words\n'; } |
	case_ not-a-field 2 "not-a-field.rec:9: not a field: expected 'Name: value', a comment or a blank line"
{ printf '+ orphan\n'; } |
	case_ orphan-continuation 2 "orphan-continuation.rec:1: continuation line ('+') with no field before it"
# A '+' line continues only the fields shown as paragraphs (shequ(5)): a
# name on two lines would break a list row and a sheet's title.
{ printf '%s' "$head_rec"; printf 'Name: 甲社区\n+ 二\nDistrict: 甲区\nStreet: 甲街道\nCode: 330100000001\n'; } |
	case_ two-line-name 2 "two-line-name.rec:5: Name holds one line: a '+' line continues only Service, Summary, SummaryEn"
{ printf '%s%s' "$head_rec" "$rec1"; printf 'Source: 浙江在线,\n+ 2017-12-10\n'; } |
	case_ two-line-source 2 "two-line-source.rec:9: Source holds one line: a '+' line continues only Service, Summary, SummaryEn"
# A comment ends the value before it, as recfix reads it ("expected a
# record"): the '+' after it continues nothing.
{ printf '%s%s' "$head_rec" "$rec1"; printf 'Summary: a\n# c\n+ b\n'; } |
	case_ comment-in-value 2 "comment-in-value.rec:11: continuation line ('+') with no field before it"
# Empty, unreadable and missing files: errors about the whole file are
# "shequ: FILE: message" (issue 10, item 35); those of a line FILE:LINE.
printf '' | case_ empty 2 "shequ: empty.rec: empty file"
printf '\xef\xbb\xbf\n\n' | case_ empty-bom 2 "shequ: empty-bom.rec: empty file"
printf '%s' "$rec1" >"$TMP/unreadable.rec"
chmod 000 "$TMP/unreadable.rec"
if [ "$(id -u)" != 0 ]; then
	"$SHEQU" --check "$TMP/unreadable.rec" 2>"$TMP/err"
	expect_eq "$?" 2 "unreadable: exit status"
	expect_eq "$(sed "s|$TMP/||" "$TMP/err")" "shequ: unreadable.rec: Permission denied" "unreadable: message"
fi
"$SHEQU" --check "$TMP/missing.rec" 2>"$TMP/err"
expect_eq "$?" 2 "missing: exit status"
expect_eq "$(sed "s|$TMP/||" "$TMP/err")" "shequ: missing.rec: No such file or directory" "missing: message"
"$SHEQU" --check "$TMP" 2>"$TMP/err"
expect_eq "$?" 2 "directory: exit status"
expect_eq "$(cat "$TMP/err")" "shequ: $TMP: Is a directory" "directory: message"
# Anything but a regular file is refused at once, never read without end
# and never waited on (issue 10, item 2): devices, a FIFO with no writer.
mkfifo "$TMP/fifo"
for f in /dev/zero /dev/urandom /dev/null "$TMP/fifo"; do
	timeout 10 "$SHEQU" --check "$f" >/dev/null 2>"$TMP/err"
	expect_eq "$?" 2 "$f: exit status"
	expect_eq "$(sed "s|$TMP/||" "$TMP/err")" "shequ: ${f#"$TMP/"}: not a regular file" "$f: message"
done
timeout 10 "$SHEQU" --data /dev/zero --list >/dev/null 2>"$TMP/err"
expect_eq "$?" 2 "--data /dev/zero: exit status"
# A symbolic link to a data file is the file.
ln -s "$DATA" "$TMP/link.rec"
"$SHEQU" --check "$TMP/link.rec" >/dev/null 2>&1
expect_eq "$?" 0 "a symbolic link to a data file"
# CRLF and a BOM are fine.
{ printf '\xef\xbb\xbf'; printf '%s%s' "$head_rec" "$rec1" | sed 's/$/\r/'; } |
	case_ crlf-bom 0 ""
finish
