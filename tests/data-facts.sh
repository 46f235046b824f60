#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The bundled data states what the sources say: the fourteen of the 2017
# announcement with today's districts, streets and NBS 2023 codes, the
# announcement's district where it differs, and no details for the eight the
# announcement does not describe.
. "$(dirname "$0")/lib/assert.sh"
tsv="$SHEQU_SRCDIR/../shared/data/intl-communities-batch2.tsv"
[ -f "$tsv" ] || { echo "no $tsv: skipped"; exit 77; }

field() { # field CODE NAME: the values of a field of the record with that code
	recsel -e "Code = '$1'" -P "$2" "$DATA"
}

n=0
while IFS=$'\t' read -r a_dist a_street a_comm _ _ _ _ _ _ n_dist n_street_code code n_comm; do
	[ "$a_dist" = article_district ] && continue
	n=$((n + 1))
	expect_eq "$(field "$code" Name)" "$n_comm" "$code Name"
	expect_eq "$(field "$code" District)" "$n_dist" "$code District (2021 on)"
	expect_eq "$(field "$code" Street)" "$a_street" "$code Street"
	if [ "$a_dist" != "$n_dist" ]; then
		expect_eq "$(field "$code" DistrictAnnounced)" "$a_dist" "$code DistrictAnnounced"
	else
		expect_eq "$(field "$code" DistrictAnnounced)" "" "$code has no DistrictAnnounced"
	fi
	if [ "$a_comm" != "$n_comm" ]; then
		expect_contains "$(field "$code" Alias)" "$a_comm" "$code keeps the announcement's name as Alias"
	fi
	expect_eq "$(field "$code" Batch)" 2 "$code Batch"
	expect_eq "$(field "$code" Recognized)" 2017-12 "$code Recognized"
	for f in NameEn DistrictEn StreetEn Pinyin Source; do
		[ -n "$(field "$code" "$f")" ] && pass || fail "$code has no $f"
	done
	# One tone-marked syllable per Chinese character of the name.
	syl=$(field "$code" Pinyin | wc -w)
	chars=$(printf '%s' "$n_comm" | python3 -c 'import sys; print(len(sys.stdin.read()))')
	expect_eq "$syl" "$chars" "$code Pinyin has a syllable per character"
done <"$tsv"
expect_eq "$n" 14 "the table lists fourteen"
expect_eq "$(recsel -c "$DATA")" 14 "the data has fourteen records"

# The six the announcement describes have services and a summary in both
# languages; the eight it does not have none.
detailed="白塔岭社区 现代城社区 金色黎明社区 仁和仓社区 良渚文化村社区 滟澜社区"
for name in $(recsel -P Name "$DATA"); do
	services=$(recsel -e "Name = '$name'" -P Service "$DATA" | grep -c .)
	case " $detailed " in
	*" $name "*)
		[ "$services" -gt 0 ] && pass || fail "$name should have services"
		[ -n "$(recsel -e "Name = '$name'" -P SummaryEn "$DATA")" ] && pass || fail "$name has no SummaryEn"
		;;
	*)
		expect_eq "$services" 0 "$name has no services (none in the source)"
		expect_eq "$(recsel -e "Name = '$name'" -P Summary "$DATA")" "" "$name has no summary"
		;;
	esac
done
# Every service carries a category, Chinese and English.
bad=$(recsel -P Service "$DATA" | grep -v -c -E '^$|^[a-z]+ \| .+ \| .+$')
expect_eq "$bad" 0 "every Service is 'category | 中文 | English'"
# The figures the source states.
expect_eq "$(recsel -e "Name = '良渚文化村社区'" -P ForeignResidents "$DATA")" "60+" "良渚文化村: 60+ foreign residents"
expect_eq "$(recsel -e "Name = '滟澜社区'" -P ForeignResidents "$DATA")" "130+" "滟澜: 130+ foreign residents"
expect_eq "$(recsel -e "Name = '滟澜社区'" -P Volunteers "$DATA")" "12" "滟澜: 12 volunteers"
expect_eq "$(recsel -e "Name = '现代城社区'" -P Staff "$DATA")" "7" "现代城: 7 foreign-language staff"
finish
