/* SPDX-License-Identifier: MIT */
/* Pinyin matching.  A query is compiled once into bit sets over its
 * positions (sq_pinyin_query); a name is then stepped through once, one
 * character at a time, each Han character consuming a prefix of its syllable
 * or itself: one 64-bit set of query positions, so the matcher is
 * bit-parallel over every way of splitting the query. */
#include <stdlib.h>
#include <string.h>

#include "search_int.h"
#include "util.h"

void sq_units_reserve(struct sq_units *us, size_t more)
{
	if (us->u && us->cap - us->n >= more)
		return;
	while (us->cap - us->n < more)
		us->cap = us->cap ? us->cap * 2 : 256;
	us->u = sq_xreallocarray(us->u, us->cap, sizeof *us->u);
	if (us->keep_offsets)
		us->off = sq_xreallocarray(us->off, us->cap, sizeof *us->off);
}

void sq_units_add(struct sq_units *us, const char *key, size_t len,
		  const char *pinyin)
{
	sq_units_reserve(us, len + 1);
	uint32_t *cps = us->u + us->n;
	size_t m = 0;
	for (size_t i = 0; i < len;) {
		ucs4_t c;
		size_t l = sq_next_cp((const unsigned char *)key + i, len - i, &c);
		if (!sq_pinyin_skips(c)) {
			if (us->off)
				us->off[us->n + m] = i;
			cps[m++] = c;
		}
		i += l;
	}
	uint16_t ids_buf[64], *ids = m <= 64 ? ids_buf : sq_xmalloc(m * 2);
	sq_pinyin_assign(cps, m, pinyin, ids);
	for (size_t j = 0; j < m; j++)
		cps[j] |= (uint32_t)ids[j] << 21;
	us->n += m;
	if (ids != ids_buf)
		free(ids);
}

size_t sq_units_in(const char *key, size_t len)
{
	size_t m = 0;
	for (size_t i = 0; i < len;) {
		ucs4_t c;
		i += sq_next_cp((const unsigned char *)key + i, len - i, &c);
		m += !sq_pinyin_skips(c);
	}
	return m;
}

void sq_pinyin_compile(struct sq_pinyin_query *p, const char *key, size_t len)
{
	uint64_t (*prefix)[SQ_PINYIN_MAX_LEN] = p->prefix;
	uint64_t *first = p->first;
	memset(p, 0, sizeof *p);
	p->prefix = prefix;
	p->first = first;
	int q = 0;
	bool after_letter = false;
	for (size_t i = 0; i < len;) {
		ucs4_t c;
		i += sq_next_cp((const unsigned char *)key + i, len - i, &c);
		if (sq_pinyin_skips(c)) {
			p->skips = true;
			continue;
		}
		if (q == PINYIN_MAX_QUERY) {
			p->len = 0;
			return;
		}
		if (sq_is_letter(c)) {
			p->letters = true;
			p->need |= SIG_LETTER(c) | (q == 0 ? SIG_INITIAL(c) : 0);
		} else if (after_letter && c >= '0' && c <= '5') {
			p->tone |= UINT64_C(1) << q; /* not needed: may be passed */
		} else {
			p->need |= SIG_OTHER(c);
		}
		after_letter = sq_is_letter(c);
		if (c < 128) {
			p->ascii[c] |= UINT64_C(1) << q;
		} else {
			int w = 0;
			while (w < p->n_wide && p->wide_cp[w] != c)
				w++;
			if (w == p->n_wide) {
				p->wide_cp[w] = c;
				p->n_wide++;
			}
			p->wide_at[w] |= UINT64_C(1) << q;
			p->wide_bloom |= UINT64_C(1) << (c & 63);
		}
		q++;
	}
	p->len = q;
	p->accept = UINT64_C(1) << q;
	if (!q)
		return;
	unsigned n = sq_pinyin_count();
	if (!p->prefix) {
		p->prefix = sq_xcalloc(n + 1, sizeof *p->prefix);
		p->first = sq_xcalloc(n + 1, sizeof *p->first);
	}
	for (unsigned id = 1; id <= n; id++) {
		const char *syl = sq_pinyin_name(id);
		uint64_t m = ~UINT64_C(0), f = 0;
		for (int k = 0; k < SQ_PINYIN_MAX_LEN; k++) {
			unsigned char ch = m ? (unsigned char)syl[k] : 0;
			if (ch) {
				uint64_t at = p->ascii[ch];
				if (ch == 'v')
					at |= p->ascii['u']; /* lü typed lu */
				m &= at >> k;
			} else {
				m = 0;
			}
			p->prefix[id][k] = m;
			f |= (m & 1) << (k + 1);
		}
		p->first[id] = f;
	}
}

size_t sq_pinyin_run(const struct sq_pinyin_query *p, const uint32_t *u,
		     size_t n, size_t i)
{
	uint64_t set = 1;
	for (size_t j = i; j < n && set && u[j]; j++) {
		set = sq_pinyin_step(p, set, UNIT_CP(u[j]), UNIT_ID(u[j]));
		if (set & p->accept)
			return j;
	}
	return (size_t)-1;
}

void sq_pinyin_query_free(struct sq_pinyin_query *p)
{
	free(p->prefix);
	free(p->first);
	p->prefix = NULL;
	p->first = NULL;
}
