/* SPDX-License-Identifier: MIT */
/* Search: query normalisation (NFKC + casefold), matching by Chinese, English
 * and pinyin, ranking.  Shared by --search and the TUI. */
#ifndef SHEQU_SEARCH_H
#define SHEQU_SEARCH_H

#include "model.h"

/* Ranking tiers, best first. */
enum sq_tier {
	SQ_TIER_EXACT,     /* a name or alias equals the query */
	SQ_TIER_PREFIX,    /* a name or alias starts with it */
	SQ_TIER_SUBSTRING, /* a name or alias contains it */
	SQ_TIER_PINYIN,    /* the name's pinyin (full or initials) matches */
	SQ_TIER_TEXT,      /* service or summary text contains it */
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

/* All communities matching query, best tier first, ties in file order; each
 * community once, at its best tier.  Names are Name, aliases and NameEn;
 * pinyin is that of Name (its Pinyin field, else the table) and aliases;
 * text is services and summaries, and the names of the community's street,
 * district and announced district (DistrictAnnounced), all in Chinese and
 * in English; the Chinese names of those places match in pinyin too (the
 * table's readings: places have no Pinyin field), at the text tier.  Returns the count
 * and a malloc'd array in *out (always set; free it).  An empty query (after
 * normalisation) matches nothing.
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
 * matched character.  Every occurrence of the query's key is marked; when
 * there is none, the pinyin matches: the Chinese characters whose pinyin
 * matched.  pinyin is the name's Pinyin field, or NULL (the character table
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
