#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The whole-city file data/hangzhou.rec: up to date with its generator and
# sources, valid, complete, and carrying the fourteen in full.
. "$(dirname "$0")/lib/assert.sh"

CITY="$SHEQU_SRCDIR/data/hangzhou.rec"
TSV="$SHEQU_SRCDIR/../shared/data/hangzhou-communities-nbs2023.tsv"
have_tsv=1
if [ ! -r "$TSV" ]; then
	have_tsv=0
	printf 'city: SKIP regeneration and counts from the table: %s is absent\n' "$TSV" >&2
fi

if [ ! -r "$CITY" ]; then
	fail "$CITY is missing (run tools/gen-city.py)"
	finish
	exit
fi

# Regenerating gives the committed file, byte for byte.
if [ "$have_tsv" = 1 ]; then
	if python3 "$SHEQU_SRCDIR/tools/gen-city.py" "$TSV" "$TMP/city.rec" 2>"$TMP/gen-err"; then
		if cmp -s "$TMP/city.rec" "$CITY"; then
			pass
		else
			fail "data/hangzhou.rec is not what tools/gen-city.py generates (regenerate it): $(diff "$CITY" "$TMP/city.rec" | head -5)"
		fi
	else
		fail "tools/gen-city.py failed: $(cat "$TMP/gen-err")"
	fi

	# The generator fails loudly when one of the fourteen is not in the table.
	grep -v -F "$(printf '\t330102008059\t')" "$TSV" >"$TMP/short.tsv"
	python3 "$SHEQU_SRCDIR/tools/gen-city.py" "$TMP/short.tsv" "$TMP/short.rec" 2>"$TMP/gen-err"
	expect_eq "$?" 1 "generator exit status when a code of the fourteen is missing"
	expect_contains "$(cat "$TMP/gen-err")" "330102008059" "the message names the missing code"
	expect_eq "$(test -e "$TMP/short.rec" && echo written)" "" "nothing written on failure"

	# Counts from the table itself, not from the generator.
	n_comms=$(awk -F'\t' 'NR > 1' "$TSV" | wc -l)
	n_streets=$(awk -F'\t' 'NR > 1 { print $3 }' "$TSV" | sort -u | wc -l)
	n_districts=$(awk -F'\t' 'NR > 1 { print $1 }' "$TSV" | sort -u | wc -l)
else
	n_comms=3320
	n_streets=$(awk '/^District: /{ d = $0 } /^Street: /{ print d "|" $0 }' "$CITY" | sort -u | wc -l)
	n_districts=13
fi
expect_eq "$n_comms" 3320 "the table has 3,320 communities"

run --check "$CITY"
expect_status 0 "--check data/hangzhou.rec"
expect_eq "$out" "$n_districts districts, $n_streets streets, $n_comms communities" "--check counts"

if command -v recfix >/dev/null 2>&1; then
	recfix --check "$CITY" >"$TMP/recfix" 2>&1
	expect_eq "$?" 0 "recfix --check accepts it: $(head -3 "$TMP/recfix")"

	# Each of the fourteen is there with every field of communities.rec.
	for code in $(recsel -P Code "$DATA"); do
		want=$(recsel -e "Code = '$code'" "$DATA")
		got=$(recsel -e "Code = '$code'" "$CITY")
		expect_eq "$got" "$want" "record $code as in communities.rec"
		expect_eq "$(recsel -e "Code = '$code'" -P Batch "$CITY")" 2 "$code has its Batch"
	done
	expect_eq "$(recsel -e 'Batch = 2' -c "$CITY")" 14 "fourteen of batch 2"
	expect_eq "$(recsel -e '#Service > 0' -c "$CITY")" "$(recsel -e '#Service > 0' -c "$DATA")" \
		"communities with services"
	expect_eq "$(recsel -P Service "$CITY" | grep -c .)" "$(recsel -P Service "$DATA" | grep -c .)" \
		"service lines"
	expect_eq "$(recsel -e 'Name ~ "白塔岭"' -P Service "$CITY" | grep -c .)" 8 "白塔岭社区 keeps its 8 services"

	# Names as people say them; the official name stays as an alias.
	names=$(recsel -P Name "$CITY" | grep .)
	expect_eq "$(printf '%s\n' "$names" | grep -c -E '(委员会|村委会)$')" 0 "no committee suffix in names"
	expect_eq "$(recsel -e 'Code = "330127100219"' -p Name,Alias "$CITY" | grep .)" \
		"$(printf 'Name: 富城村\nAlias: 富城村村民委员会')" "富城村村民委员会 is shown as 富城村"
	if [ "$have_tsv" = 1 ]; then
		expect_eq "$(recsel -e 'Alias ~ "(委员会|村委会)$"' -c "$CITY")" \
			"$(awk -F'\t' 'NR > 1 && $6 ~ /(委员会|村委会)$/' "$TSV" | wc -l)" \
			"every committee name kept as an alias"
	fi

	# English only where a source gives it: districts, and the fourteen.
	expect_eq "$(recsel -e '#NameEn > 0' -c "$CITY")" 14 "English names for the fourteen only"
	expect_eq "$(recsel -e '#DistrictEn = 0' -c "$CITY")" 0 "every record has DistrictEn"
	streets14=$(recsel -P Street "$DATA" | grep . | sort -u)
	streets_en=$(recsel -e '#StreetEn > 0' -P Street "$CITY" | grep . | sort -u)
	expect_eq "$streets_en" "$streets14" "English street names only on the streets of the fourteen"
else
	printf 'city: SKIP recutils checks: recfix not installed\n' >&2
fi

# File order is the table's (district, street, community as NBS orders them).
if [ "$have_tsv" = 1 ]; then
	expect_eq "$(grep '^Code: ' "$CITY" | cut -d' ' -f2 | md5sum)" \
		"$(awk -F'\t' 'NR > 1 { print $5 }' "$TSV" | md5sum)" "records in table order"
fi

run --data "$CITY" --search 白塔岭
expect_status 0 "--search 白塔岭 in the city file"
expect_contains "$out" "白塔岭社区" "--search 白塔岭 finds it"
run --data "$CITY" --search 富城村村民委员会
expect_status 0 "--search by official name"
expect_contains "$out" "富城村" "--search by official name finds the village"
run --data "$CITY" --search btl
expect_contains "$out" "白塔岭社区" "--search btl (pinyin initials) finds it"

finish
status=$?
if [ "$status" = 0 ] && [ "$have_tsv" = 0 ]; then
	exit 77
fi
exit "$status"
