/* SPDX-License-Identifier: MIT */
/* Search: query normalisation (NFKC + casefold), matching by Chinese, English
 * and pinyin, ranking.  Shared by --search and the TUI. */
#ifndef SHEQU_SEARCH_H
#define SHEQU_SEARCH_H

#include "model.h"

/* Ranking tiers, best first. */
enum sq_tier {
	SQ_TIER_EXACT,     /* a name or alias equals the query; the code */
	SQ_TIER_PREFIX,    /* a name or alias starts with it; a code prefix */
	SQ_TIER_SUBSTRING, /* a name or alias contains it */
	SQ_TIER_PINYIN,    /* the name's pinyin (full or initials) matches */
	SQ_TIER_TEXT,      /* text or a place's name holds it (see sq_search) */
	SQ_TIER_NONE
};

struct sq_hit {
	uint32_t comm;
	enum sq_tier tier;
};

struct sq_searcher; /* per-model index */

/* Keys every name, text and place of the model (some 20 ms for 620,000
 * communities), so that the first keystroke does not; pinyin is indexed on
 * the first query with a letter. */
struct sq_searcher *sq_searcher_new(const struct sq_model *m);
void sq_searcher_free(struct sq_searcher *s);

/* All communities matching query, best first; each community once.  Returns
 * the count and a malloc'd array in *out (always set; free it).
 *
 * Keys: the query and the data are compared as search keys (sq_search_key:
 * case, accents and character width ignored).  Names are Name, aliases and
 * NameEn; pinyin is that of Name (its Pinyin field, else the table) and
 * aliases; text is services and summaries, and the names of the
 * community's street, district and announced district (DistrictAnnounced),
 * all in Chinese and in English; the Chinese names of those places match in
 * pinyin too (the table's readings: places have no Pinyin field), at the
 * text tier.
 *
 * Codes: a query or term of 6 to 12 digits (fullwidth too) also finds the
 * communities whose 12-digit Code starts with it: the whole code at the
 * exact tier, its first 6 to 11 digits (a district, township or street:
 * 330102, 330102008) at the prefix tier, giving the communities under
 * them.  Fewer than 6 digits are no code.
 *
 * Terms: the query is cut into terms at white space (U+3000 too) and at the
 * punctuation an input method types (CJK and fullwidth: "英语，角");
 * punctuation at either end of a term is dropped ("英语角。", "“英语角”"),
 * and a query of punctuation alone is empty and matches nothing.  A
 * community matches when the whole query (its terms joined by one space)
 * matches it, or when every term does, each anywhere and in any order, as
 * in fzf ("英语 角", "corner english", "xihu 英语": a district and a
 * service).  At most 8 terms count; more are ignored.
 *
 * Ranking: the whole query's tier is the best at which it matches; the
 * terms' tier is the worst of each term's best, so "community baitaling"
 * is a substring match of "Baitaling Community".  A community takes the
 * better of the two; at the same tier, a match of the whole query comes
 * before a match of the terms apart ("xi hu": "Da Xi Hu" before "Hu Xi
 * Lu"); then file order.
 *
 * Pinyin: spaces and apostrophes in the query are ignored; each Han
 * character of a contiguous run of the name consumes a non-empty prefix of
 * its syllable (so full syllables, initials, "zh" or "z", tone marks or
 * none, and u or v for ü) or itself; other characters consume themselves.
 * A digit 0 to 5 right after a letter is a tone number, passed over as a
 * tone mark is ("bai2 ta3 ling3", "bai2ta3ling3"), or itself.
 *
 * Recent results are cached, and a query extending a cached one
 * re-examines only that one's hits when they are few (typing). */
size_t sq_search(struct sq_searcher *s, const char *query, struct sq_hit **out);

/* Mark the characters of a name that the query matched: mark (strlen(text)
 * bytes) is cleared, then mark[i] = 1 for every byte i of text inside a
 * matched character.  For the whole query and for each of its terms (see
 * sq_search), every occurrence is marked; when there is none, its pinyin
 * matches: the Chinese characters whose pinyin matched.  pinyin is the name's Pinyin field, or NULL (the character table
 * is used).  Returns true when anything was marked. */
bool sq_highlight(const char *text, const char *pinyin, const char *query,
		  unsigned char *mark);

/* The same for other text (services, summaries): occurrences only, no
 * pinyin. */
bool sq_highlight_text(const char *text, const char *query, unsigned char *mark);

/* Search key of a string: compatibility caseless (NFKC/NFKD + casefold),
 * accents and other nonspacing marks removed, whitespace collapsed to one
 * space and trimmed.  malloc'd, NUL-terminated; *out_len (may be NULL) gets
 * its length. */
char *sq_search_key(const char *s, size_t n, size_t *out_len);

#endif
