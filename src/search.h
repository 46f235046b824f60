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

struct sq_searcher; /* per-model index, built lazily */

struct sq_searcher *sq_searcher_new(const struct sq_model *m);
void sq_searcher_free(struct sq_searcher *s);

/* All communities matching query, best tier first, ties in file order.
 * Returns the count and a malloc'd array in *out (free it).  An empty query
 * (after normalisation) matches nothing. */
size_t sq_search(struct sq_searcher *s, const char *query, struct sq_hit **out);

/* Mark the characters of text that the query matched: mark[i] = 1 for every
 * byte i of text inside a matched character.  For pinyin matches the marked
 * characters are the Chinese ones whose pinyin matched.  pinyin may be NULL
 * (the character table is used).  Returns true when anything was marked. */
bool sq_highlight(const char *text, const char *pinyin, const char *query,
		  unsigned char *mark);

/* Search key of a string: NFKC, casefold, accents removed.  malloc'd. */
char *sq_search_key(const char *s, size_t n, size_t *out_len);

/* Communities offering a category, in file order. */
size_t sq_filter_category(const struct sq_model *m, enum sq_category cat,
			  uint32_t **out);

#endif
