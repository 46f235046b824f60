/* SPDX-License-Identifier: MIT */
/* Highlighting: which characters of a text the query matched. */
#include <stdlib.h>
#include <string.h>

#include "search_int.h"
#include "util.h"

static void mark_range(unsigned char *mark, size_t from, size_t to)
{
	memset(mark + from, 1, to - from);
}

static bool mark_substrings(const struct sq_key *k, const char *q, size_t qlen,
			    unsigned char *mark)
{
	bool any = false;
	const char *p = k->s, *end = k->s + k->len;
	while (p < end && (p = memmem(p, (size_t)(end - p), q, qlen))) {
		size_t a = (size_t)(p - k->s), b = a + qlen - 1;
		mark_range(mark, k->from[a], k->to[b]);
		any = true;
		p += qlen;
	}
	return any;
}

static bool mark_pinyin(const struct sq_key *k, const char *pinyin,
			const char *q, size_t qlen, unsigned char *mark)
{
	struct sq_pinyin_query pq = {0};
	sq_pinyin_compile(&pq, q, qlen);
	bool any = false;
	if (pq.len) {
		struct sq_units us = {.keep_offsets = true};
		sq_units_add(&us, k->s, k->len, pinyin);
		for (size_t i = 0; i < us.n; i++) {
			size_t j = sq_pinyin_run(&pq, us.u, us.n, i);
			if (j == (size_t)-1)
				continue;
			for (size_t u = i; u <= j; u++) {
				size_t a = us.off[u];
				size_t b = a + (size_t)u8_mblen((const uint8_t *)k->s + a,
								k->len - a) - 1;
				mark_range(mark, k->from[a], k->to[b]);
			}
			any = true;
			i = j;
		}
		free(us.u);
		free(us.off);
	}
	sq_pinyin_query_free(&pq);
	return any;
}

/* Mark one piece of the query (the whole, or a term): its occurrences, or
 * for names when there is none, its pinyin. */
static bool mark_piece(const struct sq_key *k, const char *pinyin, bool names,
		       const char *q, size_t qlen, unsigned char *mark)
{
	if (mark_substrings(k, q, qlen, mark))
		return true;
	return names && mark_pinyin(k, pinyin, q, qlen, mark);
}

static bool highlight(const char *text, const char *pinyin, bool names,
		      const char *query, unsigned char *mark)
{
	if (!text)
		return false;
	size_t n = strlen(text), qlen;
	memset(mark, 0, n);
	char *q = sq_query_key(query, &qlen);
	bool any = false;
	if (qlen) {
		struct sq_key k = {.mapped = true};
		sq_key_reserve(&k, n + 1);
		sq_key_add(&k, text, n);
		any = mark_piece(&k, pinyin, names, q, qlen, mark);
		for (size_t a = 0; memchr(q, ' ', qlen) && a < qlen;) {
			const char *sp = memchr(q + a, ' ', qlen - a);
			size_t b = sp ? (size_t)(sp - q) : qlen;
			any |= mark_piece(&k, pinyin, names, q + a, b - a, mark);
			a = b + 1;
		}
		sq_key_free(&k);
	}
	free(q);
	return any;
}

bool sq_highlight(const char *text, const char *pinyin, const char *query,
		  unsigned char *mark)
{
	return highlight(text, pinyin, true, query, mark);
}

bool sq_highlight_text(const char *text, const char *query, unsigned char *mark)
{
	return highlight(text, NULL, false, query, mark);
}
