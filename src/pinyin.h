/* SPDX-License-Identifier: MIT */
/* Toneless pinyin of Han characters, for searching names by pinyin.  The
 * table (generated at build time from Unihan kMandarin, first reading) gives
 * the common reading; a name's Pinyin field, where the data has one, settles
 * polyphones.  Syllables are lower-case ASCII with u-umlaut written 'v'
 * ("bai", "lv"); each has an id from 1 to sq_pinyin_count(), 0 meaning none. */
#ifndef SHEQU_PINYIN_H
#define SHEQU_PINYIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Longest syllable, in letters. */
#define SQ_PINYIN_MAX_LEN 6

unsigned sq_pinyin_count(void);

/* Text of a syllable id; "" for 0 or an id out of range. */
const char *sq_pinyin_name(unsigned id);

/* The table's syllable for a code point, 0 when it has none. */
unsigned sq_pinyin_id(uint32_t c);

/* The same, with the table's dense range (where CJK names live) inline, for
 * loops over every character of a national file's names. */
#define SQ_PINYIN_DENSE_FIRST 0x3400u /* as in tools/gen-pinyin-table.py */
#define SQ_PINYIN_DENSE_LAST 0x9FFFu
extern const uint16_t sq_pinyin_dense[];

static inline unsigned sq_pinyin_id_inline(uint32_t c)
{
	if (c - SQ_PINYIN_DENSE_FIRST <= SQ_PINYIN_DENSE_LAST - SQ_PINYIN_DENSE_FIRST)
		return sq_pinyin_dense[c - SQ_PINYIN_DENSE_FIRST];
	return sq_pinyin_id(c);
}

/* The same as text ("bai" for U+767D), NULL when none. */
const char *sq_pinyin_of(uint32_t c);

/* Whether c is a Han character: one that takes one syllable of a Pinyin
 * field (it has a reading, or is ideographic, like 〇). */
bool sq_pinyin_is_han(uint32_t c);

/* Id of one syllable written with or without tone marks, in either case, with
 * u-umlaut as ü or v ("lǚ", "Lü", "lv"); 0 when s[0..n) is not a syllable. */
unsigned sq_pinyin_parse(const char *s, size_t n);

/* Syllable ids of a name given as code points: ids[i] for cps[i], 0 for
 * characters that are not Han or have no reading.  pinyin, when not NULL, is
 * the data's Pinyin field: one syllable per Han character in order, separated
 * by spaces (apostrophes and hyphens also separate).  It is used when its
 * syllable count equals the number of Han characters and every syllable is
 * known; otherwise the table is.  Returns true when the field was used. */
bool sq_pinyin_assign(const uint32_t *cps, size_t n, const char *pinyin,
		      uint16_t *ids);

#endif
