/* SPDX-License-Identifier: MIT */
/* Search keys are compatibility-caseless forms (NFKD + casefold, twice, as
 * Unicode defines compatibility caseless matching) with nonspacing marks
 * removed and whitespace collapsed.  NFKD rather than NFKC because the marks
 * are dropped anyway; the two give equal keys after that.
 *
 * The searcher keys every community once, on the first search, into a few
 * contiguous blobs so that one strstr over a blob finds the hits of a whole
 * national file; pinyin is matched bit-parallel (one 64-bit set of query
 * positions, stepped once per character of a name).  Recent results are
 * kept: a query that extends a cached one only re-examines that one's hits
 * when they are few, which is what typing does. */
#include "search.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "pinyin.h"
#include "util.h"

/* ---- Keys ---------------------------------------------------------------- */

/* A growing key.  When from/to are kept, from[i]..to[i] is the source byte
 * range that key byte i came from (a whole source character). */
struct key {
	char *s;
	size_t len, cap;
	size_t *from, *to;
	bool mapped;
};

static void key_reserve(struct key *k, size_t more)
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

static void key_free(struct key *k)
{
	free(k->s);
	free(k->from);
	free(k->to);
	memset(k, 0, sizeof *k);
}

/* State of one key_add: whitespace is held back until something follows, so
 * that runs collapse to one space and the ends are trimmed. */
struct keyer {
	struct key *k;
	size_t start;           /* k->len when the string began */
	bool space;             /* whitespace pending */
	size_t space_from, space_to;
};

static inline void keyer_put(struct keyer *w, const char *p, size_t n,
			     size_t from, size_t to)
{
	struct key *k = w->k;
	key_reserve(k, n + 1);
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

static inline bool ascii_space(unsigned char b)
{
	return b == ' ' || (b >= '\t' && b <= '\r');
}

/* The code point at u (n > 0 bytes) and its length; invalid UTF-8 gives
 * U+FFFD.  Three-byte sequences, all of CJK, inline. */
static inline size_t next_cp(const unsigned char *u, size_t n, ucs4_t *c)
{
	unsigned char b = u[0];
	if (b < 0x80) {
		*c = b;
		return 1;
	}
	if ((b & 0xF0) == 0xE0 && n >= 3 && (u[1] & 0xC0) == 0x80 &&
	    (u[2] & 0xC0) == 0x80) {
		ucs4_t v = (ucs4_t)(b & 0x0F) << 12 | (ucs4_t)(u[1] & 0x3F) << 6 |
			   (u[2] & 0x3F);
		if (v >= 0x800 && (v < 0xD800 || v >= 0xE000)) {
			*c = v;
			return 3;
		}
	}
	return (size_t)u8_mbtouc(c, u, n);
}

/* Code points whose key is themselves: verified against the general path
 * for every code point by tests/test_search.c. */
static inline bool key_stable(ucs4_t c)
{
	return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0x3001 && c <= 0x3029) ||
	       (c >= 0x2012 && c <= 0x2016) || (c >= 0x2018 && c <= 0x2023) ||
	       c == 0x00B7 || c == 0x00D7;
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
	struct key *k = w->k;
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

/* Append the key of s[0..n) to k. */
static void key_add(struct key *k, const char *s, size_t n)
{
	struct keyer w = {.k = k, .start = k->len};
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		unsigned char b = u[i];
		if (b < 0x80) {
			if (ascii_space(b)) {
				keyer_space(&w, i, i + 1);
			} else {
				char ch = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
				keyer_put(&w, &ch, 1, i, i + 1);
			}
			i++;
			continue;
		}
		ucs4_t c;
		size_t l = next_cp(u + i, n - i, &c);
		if (key_stable(c)) {
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
	struct key k = {0};
	key_reserve(&k, n + 1);
	key_add(&k, s, n);
	key_reserve(&k, 1);
	k.s[k.len] = '\0';
	if (out_len)
		*out_len = k.len;
	return k.s;
}

/* ---- Pinyin matching ----------------------------------------------------- */

/* A name for pinyin matching is a row of units, one per character of its key
 * (spaces left out): the code point and, for Han characters, the syllable id,
 * packed as id << 21 | cp.  0 separates names. */
#define UNIT_CP(u) ((u) & 0x1FFFFFu)
#define UNIT_ID(u) ((u) >> 21)
#define PINYIN_MAX_QUERY 63

/* Code points of a key that take part in pinyin matching: all but spaces
 * and apostrophes (xi'an). */
static bool pinyin_skips(ucs4_t c)
{
	return c == ' ' || c == '\'' || c == 0x2019;
}

struct units {
	uint32_t *u;
	size_t *off;            /* key offset of each unit, when kept */
	size_t n, cap;
	bool keep_offsets;
};

static void units_reserve(struct units *us, size_t more)
{
	if (us->u && us->cap - us->n >= more)
		return;
	while (us->cap - us->n < more)
		us->cap = us->cap ? us->cap * 2 : 256;
	us->u = sq_xreallocarray(us->u, us->cap, sizeof *us->u);
	if (us->keep_offsets)
		us->off = sq_xreallocarray(us->off, us->cap, sizeof *us->off);
}

/* Append the units of one name's key; pinyin is its Pinyin field or NULL. */
static void units_add(struct units *us, const char *key, size_t len,
		      const char *pinyin)
{
	units_reserve(us, len + 1);
	uint32_t *cps = us->u + us->n;
	size_t m = 0;
	for (size_t i = 0; i < len;) {
		ucs4_t c;
		size_t l = next_cp((const unsigned char *)key + i, len - i, &c);
		if (!pinyin_skips(c)) {
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

/* Units in key[0..len). */
static size_t units_in(const char *key, size_t len)
{
	size_t m = 0;
	for (size_t i = 0; i < len;) {
		ucs4_t c;
		i += next_cp((const unsigned char *)key + i, len - i, &c);
		m += !pinyin_skips(c);
	}
	return m;
}

/* A query compiled for pinyin: bit q of a set stands for "the first q code
 * points of the query are consumed".  Each Han character consumes a
 * non-empty prefix of its syllable, or itself; any other character itself. */
struct pinyin_query {
	int len;                 /* code points; 0 = no pinyin matching */
	uint64_t accept;
	uint64_t ascii[128];     /* positions holding each ASCII code point */
	int n_wide;
	uint64_t wide_bloom;     /* bit c % 64 for each wide code point c */
	uint32_t wide_cp[PINYIN_MAX_QUERY];
	uint64_t wide_at[PINYIN_MAX_QUERY];
	/* Per syllable id: where its first k+1 letters start in the query,
	 * and the step from the empty prefix alone, the common case. */
	uint64_t (*prefix)[SQ_PINYIN_MAX_LEN];
	uint64_t *first;
};

static void pinyin_compile(struct pinyin_query *p, const char *key, size_t len)
{
	uint64_t (*prefix)[SQ_PINYIN_MAX_LEN] = p->prefix;
	uint64_t *first = p->first;
	memset(p, 0, sizeof *p);
	p->prefix = prefix;
	p->first = first;
	int q = 0;
	for (size_t i = 0; i < len;) {
		ucs4_t c;
		i += next_cp((const unsigned char *)key + i, len - i, &c);
		if (pinyin_skips(c))
			continue;
		if (q == PINYIN_MAX_QUERY) {
			p->len = 0;
			return;
		}
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

static inline uint64_t pinyin_step(const struct pinyin_query *p, uint64_t set,
				   uint32_t unit)
{
	uint32_t c = UNIT_CP(unit), id = UNIT_ID(unit);
	uint64_t next = 0;
	if (set == 1) {
		next = p->first[id];
	} else if (id) {
		const uint64_t *m = p->prefix[id];
		for (int k = 0; k < SQ_PINYIN_MAX_LEN && m[k]; k++)
			next |= (set & m[k]) << (k + 1);
	}
	uint64_t lit = 0;
	if (c < 128) {
		lit = p->ascii[c];
	} else if (p->wide_bloom >> (c & 63) & 1) {
		for (int w = 0; w < p->n_wide; w++)
			if (p->wide_cp[w] == c)
				lit = p->wide_at[w];
	}
	return next | (set & lit) << 1;
}

/* Whether some contiguous run of units consumes the whole query. */
static inline bool pinyin_match(const struct pinyin_query *p, const uint32_t *u,
				size_t n)
{
	uint64_t set = 0;
	for (size_t i = 0; i < n; i++) {
		if (!u[i]) {
			set = 0;
			continue;
		}
		set = pinyin_step(p, set | 1, u[i]);
		if (set & p->accept)
			return true;
	}
	return false;
}

/* The shortest run starting at unit i that consumes the query: its last
 * unit, or (size_t)-1. */
static size_t pinyin_run(const struct pinyin_query *p, const uint32_t *u,
			 size_t n, size_t i)
{
	uint64_t set = 1;
	for (size_t j = i; j < n && set && u[j]; j++) {
		set = pinyin_step(p, set, u[j]);
		if (set & p->accept)
			return j;
	}
	return (size_t)-1;
}

/* ---- The searcher -------------------------------------------------------- */

#define CACHE_SIZE 8
#define PREFETCH_AHEAD 8
#ifndef RESCAN_FRACTION
#define RESCAN_FRACTION 8
#endif

/* A cached result: comm << 3 | tier, best tier first then file order. */
struct cached {
	char *key;
	size_t key_len;
	uint32_t *hits;
	size_t n;
	unsigned long used;
};

/* Every key in a blob ends with '\n' (which no query key holds) and the blob
 * with NUL, so that strstr, much faster than memmem in glibc, scans it. */
struct sq_searcher {
	const struct sq_model *m;
	bool built, have_units;
	struct key names;        /* per community: Name, aliases, NameEn */
	uint32_t *names_at;      /* n_comms + 1 */
	/* Per community: services (zh, en), summaries, announced district. */
	struct key text;
	uint32_t *text_at;
	/* Streets then districts: Chinese and English names. */
	struct key places;
	uint32_t *places_at;     /* n_streets + n_districts + 1 */
	uint32_t *comm_street;   /* n_comms */
	unsigned char *place_hit;
	/* Pinyin units of Name and aliases, built on the first query that
	 * needs them.  A name that an alias contains (白塔岭社区 in
	 * 白塔岭社区居民委员会) is left out: the alias, with the name's
	 * syllables for that part, matches everything the name would. */
	struct units units;
	uint32_t *units_at;      /* n_comms + 1 */
	struct pinyin_query pq;
	unsigned char *tier;     /* n_comms, scratch */
	struct cached cache[CACHE_SIZE];
	unsigned long clock;
};

struct sq_searcher *sq_searcher_new(const struct sq_model *m)
{
	struct sq_searcher *s = sq_xcalloc(1, sizeof *s);
	s->m = m;
	return s;
}

static void cache_drop(struct cached *e)
{
	free(e->key);
	free(e->hits);
	memset(e, 0, sizeof *e);
}

void sq_searcher_free(struct sq_searcher *s)
{
	if (!s)
		return;
	key_free(&s->names);
	key_free(&s->text);
	key_free(&s->places);
	free(s->names_at);
	free(s->text_at);
	free(s->places_at);
	free(s->comm_street);
	free(s->place_hit);
	free(s->units.u);
	free(s->units_at);
	free(s->pq.prefix);
	free(s->pq.first);
	free(s->tier);
	for (int i = 0; i < CACHE_SIZE; i++)
		cache_drop(&s->cache[i]);
	free(s);
}

static uint32_t offset32(size_t off)
{
	if (off > UINT32_MAX)
		sq_die("search index over 4 GiB");
	return (uint32_t)off;
}

/* NUL-terminate a finished blob and give back its slack. */
static void key_terminate(struct key *k)
{
	k->s = sq_xrealloc(k->s, k->len + 1);
	k->cap = k->len + 1;
	k->s[k->len] = '\0';
}

static void add_field(struct key *k, const char *s)
{
	if (s)
		key_add(k, s, strlen(s));
	key_reserve(k, 1);
	k->s[k->len++] = '\n';
}

static void build(struct sq_searcher *s)
{
	const struct sq_model *m = s->m;
	uint32_t n = m->n_comms;
	s->names_at = sq_xcalloc((size_t)n + 1, sizeof *s->names_at);
	s->text_at = sq_xcalloc((size_t)n + 1, sizeof *s->text_at);
	s->comm_street = sq_xcalloc((size_t)n + 1, sizeof *s->comm_street);
	s->tier = sq_xcalloc((size_t)n + 1, 1);
	for (uint32_t i = 0; i < n; i++) {
		const struct sq_community *c = &m->comms[i];
		s->names_at[i] = offset32(s->names.len);
		add_field(&s->names, c->name);
		for (uint32_t a = 0; a < c->n_aliases; a++)
			add_field(&s->names, c->aliases[a]);
		if (c->name_en)
			add_field(&s->names, c->name_en);

		s->text_at[i] = offset32(s->text.len);
		for (uint32_t v = 0; v < c->n_services; v++) {
			add_field(&s->text, c->services[v].zh);
			if (c->services[v].en)
				add_field(&s->text, c->services[v].en);
		}
		if (c->summary)
			add_field(&s->text, c->summary);
		if (c->summary_en)
			add_field(&s->text, c->summary_en);
		if (c->district_announced)
			add_field(&s->text, c->district_announced);
		/* An out-of-range street points at a slot never marked. */
		s->comm_street[i] = c->street < m->n_streets
					    ? c->street
					    : m->n_streets + m->n_districts;
	}
	s->names_at[n] = offset32(s->names.len);
	s->text_at[n] = offset32(s->text.len);
	key_terminate(&s->names);
	key_terminate(&s->text);

	size_t np = (size_t)m->n_streets + m->n_districts;
	s->places_at = sq_xcalloc(np + 1, sizeof *s->places_at);
	s->place_hit = sq_xcalloc(np + 1, 1);
	for (size_t i = 0; i < np; i++) {
		const char *zh, *en;
		if (i < m->n_streets) {
			zh = m->streets[i].name;
			en = m->streets[i].name_en;
		} else {
			zh = m->districts[i - m->n_streets].name;
			en = m->districts[i - m->n_streets].name_en;
		}
		s->places_at[i] = offset32(s->places.len);
		add_field(&s->places, zh);
		if (en)
			add_field(&s->places, en);
	}
	s->places_at[np] = offset32(s->places.len);
	key_terminate(&s->places);
	s->built = true;
}

static void build_units(struct sq_searcher *s)
{
	const struct sq_model *m = s->m;
	struct units *us = &s->units, name = {0};
	s->units_at = sq_xcalloc((size_t)m->n_comms + 1, sizeof *s->units_at);
	for (uint32_t i = 0; i < m->n_comms; i++) {
		const struct sq_community *c = &m->comms[i];
		s->units_at[i] = offset32(us->n);
		/* The name keys are the first 1 + n_aliases fields. */
		const char *nk = s->names.s + s->names_at[i];
		size_t nlen = (size_t)((const char *)rawmemchr(nk, '\n') - nk);
		name.n = 0;
		units_add(&name, nk, nlen, c->pinyin);
		bool covered = false;
		const char *f = nk + nlen + 1;
		for (uint32_t a = 0; a < c->n_aliases; a++) {
			size_t len = (size_t)((const char *)rawmemchr(f, '\n') - f);
			size_t at = us->n;
			units_add(us, f, len, NULL);
			const char *in = nlen ? memmem(f, len, nk, nlen) : NULL;
			if (in && !covered) {
				size_t skip = units_in(f, (size_t)(in - f));
				memcpy(us->u + at + skip, name.u, name.n * sizeof *name.u);
				covered = true;
			}
			units_reserve(us, 1);
			us->u[us->n++] = 0;
			f += len + 1;
		}
		if (!covered) {
			units_reserve(us, name.n + 1);
			memcpy(us->u + us->n, name.u, name.n * sizeof *name.u);
			us->n += name.n;
			us->u[us->n++] = 0;
		}
	}
	s->units_at[m->n_comms] = offset32(us->n);
	us->u = sq_xreallocarray(us->u, us->n + 1, sizeof *us->u);
	us->cap = us->n + 1;
	free(name.u);
	s->have_units = true;
}

/* The segment holding byte p: the last i >= from with at[i] <= p, given
 * at[from] <= p < at[n].  Galloping, as hits arrive in increasing order. */
static uint32_t locate(const uint32_t *at, uint32_t n, uint32_t from, size_t p)
{
	uint32_t lo = from, step = 1, hi;
	for (;;) {
		hi = lo + step;
		if (hi >= n || at[hi] > p)
			break;
		lo = hi;
		step *= 2;
	}
	if (hi > n)
		hi = n;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (at[mid] <= p)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static inline void better(unsigned char *tier, uint32_t c, enum sq_tier t)
{
	if (tier[c] > t)
		tier[c] = (unsigned char)t;
}

/* Name tiers over the whole names blob. */
static void scan_names(struct sq_searcher *s, const char *q, size_t qlen)
{
	const char *b = s->names.s;
	uint32_t n = s->m->n_comms, c = 0;
	for (const char *p = b; (p = strstr(p, q));) {
		c = locate(s->names_at, n, c, (size_t)(p - b));
		const char *comm = b + s->names_at[c], *field = p;
		const char *fend = rawmemchr(p, '\n');
		while (field > comm && field[-1] != '\n')
			field--;
		enum sq_tier t = SQ_TIER_SUBSTRING;
		if (field == p)
			t = (size_t)(fend - p) == qlen ? SQ_TIER_EXACT
						       : SQ_TIER_PREFIX;
		better(s->tier, c, t);
		p = fend + 1; /* a later hit in this field is no better */
	}
}

/* memmem for the short ranges of one community, where glibc's set-up cost
 * dominates. */
static inline bool contains(const char *h, size_t hn, const char *q, size_t qn)
{
	if (hn < qn)
		return false;
	const char *last = h + (hn - qn);
	for (const char *p = h; p <= last; p++) {
		p = memchr(p, q[0], (size_t)(last - p) + 1);
		if (!p)
			return false;
		if (memcmp(p + 1, q + 1, qn - 1) == 0)
			return true;
	}
	return false;
}

static enum sq_tier names_tier(const struct sq_searcher *s, uint32_t c,
			       const char *q, size_t qlen)
{
	enum sq_tier best = SQ_TIER_NONE;
	const char *f = s->names.s + s->names_at[c];
	const char *end = s->names.s + s->names_at[c + 1];
	while (f < end) {
		size_t len = (size_t)((const char *)rawmemchr(f, '\n') - f);
		if (len >= qlen) {
			if (memcmp(f, q, qlen) == 0)
				return len == qlen ? SQ_TIER_EXACT : SQ_TIER_PREFIX;
			if (best > SQ_TIER_SUBSTRING &&
			    contains(f + 1, len - 1, q, qlen))
				best = SQ_TIER_SUBSTRING;
		}
		f += len + 1;
	}
	return best;
}

static bool units_match(const struct sq_searcher *s, uint32_t c)
{
	size_t a = s->units_at[c], b = s->units_at[c + 1];
	return pinyin_match(&s->pq, s->units.u + a, b - a);
}

/* Text tier over the whole text blob, for communities not hit yet. */
static void scan_text(struct sq_searcher *s, const char *q)
{
	uint32_t n = s->m->n_comms;
	const char *b = s->text.s;
	unsigned char *none = memchr(s->tier, SQ_TIER_NONE, n);
	while (none) {
		uint32_t c = (uint32_t)(none - s->tier);
		const char *p = strstr(b + s->text_at[c], q);
		if (!p)
			break;
		c = locate(s->text_at, n, c, (size_t)(p - b));
		better(s->tier, c, SQ_TIER_TEXT);
		if (c + 1 >= n)
			break;
		none = memchr(s->tier + c + 1, SQ_TIER_NONE, n - c - 1);
	}
}

static bool text_has(const struct sq_searcher *s, uint32_t c, const char *q,
		     size_t qlen)
{
	size_t a = s->text_at[c], b = s->text_at[c + 1];
	return contains(s->text.s + a, b - a, q, qlen);
}

/* Mark the streets whose name (or whose district's name) holds the query;
 * true when any is. */
static bool scan_places(struct sq_searcher *s, const char *q)
{
	const struct sq_model *m = s->m;
	uint32_t np = m->n_streets + m->n_districts;
	memset(s->place_hit, 0, (size_t)np + 1);
	const char *b = s->places.s;
	uint32_t i = 0;
	bool any = false;
	for (const char *p = b; (p = strstr(p, q));) {
		i = locate(s->places_at, np, i, (size_t)(p - b));
		s->place_hit[i] = 1;
		p = b + s->places_at[i + 1];
	}
	for (uint32_t st = 0; st < m->n_streets; st++) {
		if (m->streets[st].district < m->n_districts &&
		    s->place_hit[m->n_streets + m->streets[st].district])
			s->place_hit[st] = 1;
		any |= s->place_hit[st];
	}
	return any;
}

static struct cached *cache_find(struct sq_searcher *s, const char *q,
				 size_t qlen, bool exact)
{
	struct cached *best = NULL;
	for (int i = 0; i < CACHE_SIZE; i++) {
		struct cached *e = &s->cache[i];
		if (!e->key || e->key_len > qlen || memcmp(e->key, q, e->key_len))
			continue;
		if (exact ? e->key_len == qlen
			  : (!best || e->key_len > best->key_len))
			best = e;
		if (exact && best)
			break;
	}
	return best;
}

static struct cached *cache_store(struct sq_searcher *s, char *q, size_t qlen,
				  uint32_t *hits, size_t n)
{
	struct cached *e = &s->cache[0];
	for (int i = 0; i < CACHE_SIZE; i++) {
		if (!s->cache[i].key) {
			e = &s->cache[i];
			break;
		}
		if (s->cache[i].used < e->used)
			e = &s->cache[i];
	}
	cache_drop(e);
	e->key = q;
	e->key_len = qlen;
	e->hits = hits;
	e->n = n;
	e->used = ++s->clock;
	return e;
}

static size_t result(const struct cached *e, struct sq_hit **out)
{
	struct sq_hit *h = sq_xmalloc((e->n ? e->n : 1) * sizeof *h);
	for (size_t i = 0; i < e->n; i++) {
		h[i].comm = e->hits[i] >> 3;
		h[i].tier = (enum sq_tier)(e->hits[i] & 7);
	}
	*out = h;
	return e->n;
}

/* Re-examine only the hits of base, a result for a prefix of q.  Every hit
 * of q is one of them: a field holding q holds that prefix, and a run of
 * characters consuming q in pinyin consumes the prefix when cut short. */
static void rescan(struct sq_searcher *s, const struct cached *base,
		   const char *q, size_t qlen, bool places)
{
	for (size_t i = 0; i < base->n; i++) {
		uint32_t c = base->hits[i] >> 3;
		if (i + PREFETCH_AHEAD < base->n) {
			/* The hits are scattered over blobs far larger than
			 * the caches: fetch ahead, or wait on memory. */
			uint32_t d = base->hits[i + PREFETCH_AHEAD] >> 3;
			__builtin_prefetch(s->names.s + s->names_at[d]);
			if (s->have_units)
				__builtin_prefetch(s->units.u + s->units_at[d]);
			__builtin_prefetch(s->text.s + s->text_at[d]);
		}
		enum sq_tier t = names_tier(s, c, q, qlen);
		if (t > SQ_TIER_PINYIN && s->pq.len && units_match(s, c))
			t = SQ_TIER_PINYIN;
		if (t > SQ_TIER_TEXT &&
		    ((places && s->place_hit[s->comm_street[c]]) ||
		     text_has(s, c, q, qlen)))
			t = SQ_TIER_TEXT;
		s->tier[c] = (unsigned char)t;
	}
}

static void scan(struct sq_searcher *s, const char *q, size_t qlen, bool places)
{
	uint32_t n = s->m->n_comms;
	scan_names(s, q, qlen);
	if (s->pq.len) {
		const uint32_t *u = s->units.u;
		const uint32_t *at = s->units_at;
		for (uint32_t c = 0; c < n; c++)
			if (s->tier[c] > SQ_TIER_PINYIN &&
			    pinyin_match(&s->pq, u + at[c], at[c + 1] - at[c]))
				s->tier[c] = SQ_TIER_PINYIN;
	}
	if (places)
		for (uint32_t c = 0; c < n; c++)
			if (s->place_hit[s->comm_street[c]])
				better(s->tier, c, SQ_TIER_TEXT);
	scan_text(s, q);
}

size_t sq_search(struct sq_searcher *s, const char *query, struct sq_hit **out)
{
	size_t qlen;
	char *q = sq_search_key(query ? query : "", query ? strlen(query) : 0,
				&qlen);
	if (!qlen || !s->m->n_comms) {
		free(q);
		*out = sq_xmalloc(sizeof **out);
		return 0;
	}
	if (!s->built)
		build(s);
	struct cached *e = cache_find(s, q, qlen, true);
	if (e) {
		free(q);
		e->used = ++s->clock;
		return result(e, out);
	}
	uint32_t n = s->m->n_comms;
	pinyin_compile(&s->pq, q, qlen);
	if (s->pq.len && !s->have_units)
		build_units(s);
	bool places = scan_places(s, q);
	memset(s->tier, SQ_TIER_NONE, n);

	/* Re-examining one community costs a few times what a sweep over the
	 * blobs costs per community: sweep when the base is large.  (Measured
	 * on 620,573 communities; see tests/test_search.c.) */
	const struct cached *base = cache_find(s, q, qlen, false);
	if (base && base->n < n / RESCAN_FRACTION)
		rescan(s, base, q, qlen, places);
	else
		scan(s, q, qlen, places);

	size_t count[SQ_TIER_NONE + 1] = {0}, at[SQ_TIER_NONE] = {0};
	for (uint32_t c = 0; c < n; c++)
		count[s->tier[c]]++;
	size_t total = 0;
	for (int t = 0; t < SQ_TIER_NONE; t++) {
		at[t] = total;
		total += count[t];
	}
	uint32_t *hits = sq_xmalloc((total ? total : 1) * sizeof *hits);
	for (uint32_t c = 0; c < n; c++)
		if (s->tier[c] != SQ_TIER_NONE)
			hits[at[s->tier[c]]++] = c << 3 | s->tier[c];
	return result(cache_store(s, q, qlen, hits, total), out);
}

/* ---- Highlighting -------------------------------------------------------- */

static void mark_range(unsigned char *mark, size_t from, size_t to)
{
	memset(mark + from, 1, to - from);
}

static bool mark_substrings(const struct key *k, const char *q, size_t qlen,
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

static bool mark_pinyin(const struct key *k, const char *pinyin,
			const char *q, size_t qlen, unsigned char *mark)
{
	struct pinyin_query pq = {0};
	pinyin_compile(&pq, q, qlen);
	bool any = false;
	if (pq.len) {
		struct units us = {.keep_offsets = true};
		units_add(&us, k->s, k->len, pinyin);
		for (size_t i = 0; i < us.n; i++) {
			size_t j = pinyin_run(&pq, us.u, us.n, i);
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
	free(pq.prefix);
	free(pq.first);
	return any;
}

static bool highlight(const char *text, const char *pinyin, bool names,
		      const char *query, unsigned char *mark)
{
	if (!text)
		return false;
	size_t n = strlen(text), qlen;
	memset(mark, 0, n);
	if (!query)
		return false;
	char *q = sq_search_key(query, strlen(query), &qlen);
	bool any = false;
	if (qlen) {
		struct key k = {.mapped = true};
		key_reserve(&k, n + 1);
		key_add(&k, text, n);
		any = mark_substrings(&k, q, qlen, mark);
		if (!any && names)
			any = mark_pinyin(&k, pinyin, q, qlen, mark);
		key_free(&k);
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

/* ---- Categories ---------------------------------------------------------- */

size_t sq_filter_category(const struct sq_model *m, enum sq_category cat,
			  uint32_t **out)
{
	size_t n = 0;
	uint32_t *v = sq_xcalloc(m->n_comms ? m->n_comms : 1, sizeof *v);
	for (uint32_t i = 0; i < m->n_comms; i++) {
		const struct sq_community *c = &m->comms[i];
		for (uint32_t j = 0; j < c->n_services; j++)
			if (c->services[j].cat == cat) {
				v[n++] = i;
				break;
			}
	}
	*out = v;
	return n;
}
