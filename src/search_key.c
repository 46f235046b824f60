/* SPDX-License-Identifier: MIT */
/* Search keys are compatibility-caseless forms (NFKD + casefold, twice, as
 * Unicode defines compatibility caseless matching) with nonspacing marks
 * removed and whitespace collapsed.  NFKD rather than NFKC because the marks
 * are dropped anyway; the two give equal keys after that.  A key can keep,
 * for every byte, the source bytes it came from, for highlighting. */
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "search_int.h"
#include "util.h"

void sq_key_reserve(struct sq_key *k, size_t more)
{
	if (k->cap - k->len >= more)
		return;
	size_t cap = k->cap ? k->cap : 64;
	while (cap - k->len < more)
		cap *= 2;
	k->s = sq_xrealloc(k->s, cap);
	if (k->mapped) {
		k->from = sq_xreallocarray(k->from, cap, sizeof *k->from);
		k->to = sq_xreallocarray(k->to, cap, sizeof *k->to);
	}
	k->cap = cap;
}

void sq_key_free(struct sq_key *k)
{
	free(k->s);
	free(k->from);
	free(k->to);
	memset(k, 0, sizeof *k);
}

/* State of one key_add: whitespace is held back until something follows, so
 * that runs collapse to one space and the ends are trimmed. */
struct keyer {
	struct sq_key *k;
	size_t start;           /* k->len when the string began */
	bool space;             /* whitespace pending */
	size_t space_from, space_to;
};

static inline void keyer_put(struct keyer *w, const char *p, size_t n,
			     size_t from, size_t to)
{
	struct sq_key *k = w->k;
	sq_key_reserve(k, n + 1);
	if (w->space) {
		if (k->len > w->start) {
			if (k->mapped) {
				k->from[k->len] = w->space_from;
				k->to[k->len] = w->space_to;
			}
			k->s[k->len++] = ' ';
		}
		w->space = false;
	}
	memcpy(k->s + k->len, p, n);
	if (k->mapped)
		for (size_t i = 0; i < n; i++) {
			k->from[k->len + i] = from;
			k->to[k->len + i] = to;
		}
	k->len += n;
}

static inline void keyer_space(struct keyer *w, size_t from, size_t to)
{
	if (!w->space) {
		w->space = true;
		w->space_from = from;
	}
	w->space_to = to;
}

/* The general path, for one code point: compatibility caseless form. */
static void keyer_fold(struct keyer *w, ucs4_t c, size_t from, size_t to)
{
	uint8_t in[6], buf1[64], buf2[64];
	int n = u8_uctomb(in, c, sizeof in);
	if (n <= 0)
		n = u8_uctomb(in, 0xFFFD, sizeof in);
	size_t len1 = sizeof buf1, len2 = sizeof buf2;
	uint8_t *r1 = u8_casefold(in, (size_t)n, NULL, UNINORM_NFKD, buf1, &len1);
	uint8_t *r2 = r1 ? u8_casefold(r1, len1, NULL, UNINORM_NFKD, buf2, &len2)
			 : NULL;
	if (!r2)
		sq_die("case folding failed");
	struct sq_key *k = w->k;
	size_t len0 = k->len;
	bool space = false;
	for (size_t i = 0; i < len2;) {
		ucs4_t d;
		int l = u8_mbtouc(&d, r2 + i, len2 - i);
		if (uc_is_property_white_space(d)) {
			keyer_space(w, from, to);
			space = true;
		} else if (!uc_is_general_category(d, UC_CATEGORY_Mn)) {
			keyer_put(w, (const char *)r2 + i, (size_t)l, from, to);
		}
		i += (size_t)l;
	}
	/* A mark that vanished belongs to the character before it: a
	 * highlight takes it along rather than cutting the grapheme. */
	if (k->mapped && !space && k->len == len0 && k->len > w->start) {
		size_t prev = k->from[k->len - 1];
		for (size_t j = k->len; j > w->start && k->from[j - 1] == prev; j--)
			k->to[j - 1] = to;
	}
	if (r1 != buf1)
		free(r1);
	if (r2 != buf2)
		free(r2);
}

void sq_key_add(struct sq_key *k, const char *s, size_t n)
{
	struct keyer w = {.k = k, .start = k->len};
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		unsigned char b = u[i];
		if (b < 0x80) {
			if (sq_ascii_space(b)) {
				keyer_space(&w, i, i + 1);
			} else {
				char ch = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
				keyer_put(&w, &ch, 1, i, i + 1);
			}
			i++;
			continue;
		}
		ucs4_t c;
		size_t l = sq_next_cp(u + i, n - i, &c);
		if (sq_key_stable(c)) {
			keyer_put(&w, s + i, l, i, i + l);
		} else if (c >= 0xFF01 && c <= 0xFF5E) {
			/* Fullwidth ASCII: NFKC gives the ASCII character. */
			unsigned a = c - 0xFEE0;
			char ch = (char)(a >= 'A' && a <= 'Z' ? a + 32 : a);
			keyer_put(&w, &ch, 1, i, i + l);
		} else if (c == 0x3000) {
			keyer_space(&w, i, i + l);
		} else {
			keyer_fold(&w, c, i, i + l);
		}
		i += l;
	}
}

char *sq_search_key(const char *s, size_t n, size_t *out_len)
{
	struct sq_key k = {0};
	sq_key_reserve(&k, n + 1);
	sq_key_add(&k, s, n);
	sq_key_reserve(&k, 1);
	k.s[k.len] = '\0';
	if (out_len)
		*out_len = k.len;
	return k.s;
}

void sq_key_terminate(struct sq_key *k)
{
	k->s = sq_xrealloc(k->s, k->len + 1);
	k->cap = k->len + 1;
	k->s[k->len] = '\0';
}

/* Punctuation that an input method types: CJK symbols and punctuation,
 * vertical, small and fullwidth forms.  In a query it separates terms. */
static bool wide_punct(ucs4_t c)
{
	return ((c >= 0x3000 && c <= 0x303F) || (c >= 0xFE10 && c <= 0xFE6F) ||
		(c >= 0xFF00 && c <= 0xFFEF)) &&
	       uc_is_general_category(c, UC_CATEGORY_P);
}

static bool is_punct(ucs4_t c)
{
	return uc_is_general_category(c, UC_CATEGORY_P);
}

/* Append term t[0..n) to k without the punctuation at either end, after a
 * space when k holds a term already. */
static void add_term(struct sq_key *k, const char *t, size_t n)
{
	const uint8_t *u = (const uint8_t *)t, *a = u, *b = u + n;
	ucs4_t c;
	while (a < b) {
		int l = u8_mbtouc(&c, a, (size_t)(b - a));
		if (!is_punct(c))
			break;
		a += l;
	}
	while (a < b) {
		const uint8_t *p = u8_prev(&c, b, a);
		if (!p || !is_punct(c))
			break;
		b = p;
	}
	if (a == b)
		return;
	size_t len = (size_t)(b - a);
	sq_key_reserve(k, len + 2);
	if (k->len)
		k->s[k->len++] = ' ';
	memcpy(k->s + k->len, a, len);
	k->len += len;
}

char *sq_query_key(const char *query, size_t *out_len)
{
	size_t n = query ? strlen(query) : 0;
	char *spaced = sq_xmalloc(n + 1);
	size_t m = 0;
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		size_t l = sq_next_cp((const unsigned char *)query + i, n - i, &c);
		if (wide_punct(c)) {
			spaced[m++] = ' ';
		} else {
			memcpy(spaced + m, query + i, l);
			m += l;
		}
		i += l;
	}
	size_t klen;
	char *key = sq_search_key(spaced, m, &klen);
	free(spaced);
	struct sq_key k = {0};
	sq_key_reserve(&k, klen + 1);
	for (size_t a = 0; a < klen;) {
		const char *sp = memchr(key + a, ' ', klen - a);
		size_t b = sp ? (size_t)(sp - key) : klen;
		add_term(&k, key + a, b - a);
		a = b + 1;
	}
	free(key);
	k.s[k.len] = '\0';
	if (out_len)
		*out_len = k.len;
	return k.s;
}

bool sq_search_query_empty(const char *query)
{
	size_t len;
	free(sq_query_key(query, &len));
	return len == 0;
}
