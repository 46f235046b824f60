/* SPDX-License-Identifier: MIT */
/* Search keys are compatibility-caseless forms (NFKD + casefold, twice, as
 * Unicode defines compatibility caseless matching) with nonspacing marks
 * removed and whitespace collapsed.  NFKD rather than NFKC because the marks
 * are dropped anyway; the two give equal keys after that.
 *
 * The searcher keys every community once, when it is made, into a few
 * contiguous blobs so that one strstr over a blob finds the hits of a whole
 * national file (names that are their own keys, as CJK names are, are copied
 * as they are).  Pinyin is matched bit-parallel (one 64-bit set of query
 * positions, stepped once per character of a name), on the fly from the name
 * keys, after a 64-bit signature per community has ruled out most names; it
 * is built on the first query with a letter.  Recent results are kept: a
 * query that extends a cached one only re-examines that one's hits when they
 * are few, which is what typing does. */
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

/* A community's signature: what characters of a query its names could
 * consume.  A query can match only if each of its letters is a letter of
 * one of the names' syllables or a letter of the names (u stands for v too,
 * lü typed lu), each other character is one of the names' (hashed), and a
 * first letter starts a syllable or is a letter of the names. */
#define SIG_LETTER(ch) (UINT64_C(1) << ((ch) - 'a'))
#define SIG_OTHER(cp) (UINT64_C(1) << (26 + (cp) % 6))
#define SIG_INITIAL(ch) (UINT64_C(1) << (32 + (ch) - 'a'))

static inline bool is_letter(ucs4_t c)
{
	return c - 'a' < 26;
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
	uint64_t need;           /* the signature bits a match needs */
	bool letters;            /* some code point is a letter a-z */
	bool skips;              /* the query holds spaces or apostrophes */
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
		if (pinyin_skips(c)) {
			p->skips = true;
			continue;
		}
		if (q == PINYIN_MAX_QUERY) {
			p->len = 0;
			return;
		}
		if (is_letter(c)) {
			p->letters = true;
			p->need |= SIG_LETTER(c) | (q == 0 ? SIG_INITIAL(c) : 0);
		} else {
			p->need |= SIG_OTHER(c);
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
				   uint32_t c, uint32_t id)
{
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
		set = pinyin_step(p, set | 1, UNIT_CP(u[i]), UNIT_ID(u[i]));
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
		set = pinyin_step(p, set, UNIT_CP(u[j]), UNIT_ID(u[j]));
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

/* Per-community flags. */
enum {
	FL_HAS_EN = 1,           /* the last name is NameEn (no pinyin) */
	FL_HAS_PINYIN = 2,       /* the community has a Pinyin field */
	FL_ODD = 4,              /* a Name or Alias key holds a space or apostrophe */
	FL_EXCEPTION = 8,        /* its pinyin units are stored (see exc) */
};

/* Every key in a blob ends with '\n' (which no query key holds) and the blob
 * with NUL, so that strstr, much faster than memmem in glibc, scans it.
 *
 * Pinyin is matched on the fly from the name keys, the syllables coming from
 * the table; only where a Pinyin field gives other readings than the table
 * (polyphones) are a community's units stored.  A signature per community
 * (see SIG_LETTER) lets a query pass over most names without decoding them. */
struct sq_searcher {
	const struct sq_model *m;
	bool have_pinyin;
	struct key names;        /* per community: Name, aliases, NameEn */
	uint32_t *names_at;      /* n_comms + 1 */
	unsigned char *flags;    /* n_comms */
	uint32_t *odd;           /* the communities with FL_ODD */
	size_t n_odd;
	/* Per community: services (zh, en), summaries, announced district;
	 * text_at is NULL when no community has any. */
	struct key text;
	uint32_t *text_at;
	/* Streets then districts: Chinese and English names. */
	struct key places;
	uint32_t *places_at;     /* n_streets + n_districts + 1 */
	unsigned char *place_hit;
	/* Built on the first query with a letter. */
	uint64_t *sig;           /* n_comms */
	uint64_t *syl_sig;       /* per syllable id: its letters and initial */
	uint16_t ascii_id[128];  /* sq_pinyin_id of ASCII (none, but the table
				  * decides) */
	/* Units of the FL_EXCEPTION communities, as a row per community: alias
	 * runs, then the name's unless an alias holds it (it then gives that
	 * part of the alias its syllables), each ended by 0. */
	uint32_t *exc_comm;      /* sorted */
	uint32_t *exc_at;        /* n_exc + 1 */
	struct units exc;
	size_t n_exc;
	struct pinyin_query pq;
	unsigned char *tier;     /* n_comms, scratch */
	struct cached cache[CACHE_SIZE];
	unsigned long clock;
};

static void build(struct sq_searcher *s);

struct sq_searcher *sq_searcher_new(const struct sq_model *m)
{
	struct sq_searcher *s = sq_xcalloc(1, sizeof *s);
	s->m = m;
	if (m->n_comms)
		build(s);
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
	free(s->flags);
	free(s->odd);
	free(s->text_at);
	free(s->places_at);
	free(s->place_hit);
	free(s->sig);
	free(s->syl_sig);
	free(s->exc_comm);
	free(s->exc_at);
	free(s->exc.u);
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

/* The length of the longest prefix of s (NUL-terminated) that is its own
 * key: lower-case ASCII but for white space, and characters key_stable
 * keeps, as CJK names are.  *odd is set when it holds an apostrophe (spaces
 * make it no key). */
static size_t own_key(const char *s, bool *odd)
{
	const unsigned char *u = (const unsigned char *)s, *p = u;
	for (;;) {
		unsigned b = p[0];
		/* U+4000..U+9FFF, the bulk of CJK names */
		if (b >= 0xE4 && b <= 0xE9 && (p[1] & 0xC0) == 0x80 &&
		    (p[2] & 0xC0) == 0x80) {
			p += 3;
			continue;
		}
		if (b < 0x80) {
			if (!b || (b >= 'A' && b <= 'Z') || ascii_space((unsigned char)b))
				break;
			*odd |= b == '\'';
			p++;
			continue;
		}
		ucs4_t c;
		size_t l = next_cp(p, strnlen((const char *)p, 4), &c);
		if (!key_stable(c))
			break;
		*odd |= c == 0x2019;
		p += l;
	}
	return (size_t)(p - u);
}

/* Append one name's key and '\n'; true when the key holds a space or an
 * apostrophe. */
static bool add_name(struct key *k, const char *s)
{
	bool odd = false;
	size_t n = own_key(s, &odd);
	if (!s[n]) {
		key_reserve(k, n + 1);
		memcpy(k->s + k->len, s, n);
		k->len += n;
	} else {
		size_t at = k->len;
		key_add(k, s, strlen(s));
		const char *p = k->s + at;
		size_t len = k->len - at;
		odd = memchr(p, ' ', len) || memchr(p, '\'', len) ||
		      memmem(p, len, "\xE2\x80\x99", 3);
		key_reserve(k, 1);
	}
	k->s[k->len++] = '\n';
	return odd;
}

static void add_field(struct key *k, const char *s)
{
	if (s)
		key_add(k, s, strlen(s));
	key_reserve(k, 1);
	k->s[k->len++] = '\n';
}

static bool has_text(const struct sq_community *c)
{
	return c->n_services || c->summary || c->summary_en ||
	       c->district_announced;
}

static void add_text(struct key *k, const struct sq_community *c)
{
	for (uint32_t v = 0; v < c->n_services; v++) {
		add_field(k, c->services[v].zh);
		if (c->services[v].en)
			add_field(k, c->services[v].en);
	}
	if (c->summary)
		add_field(k, c->summary);
	if (c->summary_en)
		add_field(k, c->summary_en);
	if (c->district_announced)
		add_field(k, c->district_announced);
}

static void build(struct sq_searcher *s)
{
	const struct sq_model *m = s->m;
	uint32_t n = m->n_comms;
	s->names_at = sq_xreallocarray(NULL, (size_t)n + 1, sizeof *s->names_at);
	s->flags = sq_xcalloc((size_t)n + 1, 1);
	s->tier = sq_xcalloc((size_t)n + 1, 1);
	size_t cap_odd = 0;
	for (uint32_t i = 0; i < n; i++) {
		const struct sq_community *c = &m->comms[i];
		unsigned char fl = c->pinyin ? FL_HAS_PINYIN : 0;
		s->names_at[i] = offset32(s->names.len);
		bool odd = add_name(&s->names, c->name);
		for (uint32_t a = 0; a < c->n_aliases; a++)
			odd |= add_name(&s->names, c->aliases[a]);
		if (c->name_en) {
			add_field(&s->names, c->name_en);
			fl |= FL_HAS_EN;
		}
		if (odd) {
			fl |= FL_ODD;
			if (s->n_odd == cap_odd) {
				cap_odd = cap_odd ? cap_odd * 2 : 64;
				s->odd = sq_xreallocarray(s->odd, cap_odd, sizeof *s->odd);
			}
			s->odd[s->n_odd++] = i;
		}
		s->flags[i] = fl;

		if (!s->text_at && has_text(c))
			s->text_at = sq_xcalloc((size_t)n + 1, sizeof *s->text_at);
		if (s->text_at) {
			s->text_at[i] = offset32(s->text.len);
			add_text(&s->text, c);
		}
	}
	s->names_at[n] = offset32(s->names.len);
	key_terminate(&s->names);
	if (s->text_at) {
		s->text_at[n] = offset32(s->text.len);
		key_terminate(&s->text);
	}

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
}

/* ---- Pinyin of the names --------------------------------------------------- */

static inline unsigned py_id(const struct sq_searcher *s, ucs4_t c)
{
	return c < 128 ? s->ascii_id[c] : sq_pinyin_id_inline(c);
}

/* A character of U+4000..U+9FFF at u, as the bulk of CJK keys are (keys
 * are valid UTF-8): its code point and syllable without the general
 * decoder. */
static inline bool key_cjk(const unsigned char *u, const unsigned char *e,
			   ucs4_t *c, unsigned *id)
{
	if ((unsigned)(u[0] - 0xE4) > 5 || e - u < 3)
		return false;
	*c = (ucs4_t)(u[0] & 0x0F) << 12 | (ucs4_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
	*id = sq_pinyin_dense[*c - SQ_PINYIN_DENSE_FIRST];
	return true;
}

/* The name keys of community c that have pinyin: Name and aliases (NameEn,
 * when there is one, is the last key). */
static const char *pinyin_keys(const struct sq_searcher *s, uint32_t c,
			       const char **end)
{
	const char *k = s->names.s + s->names_at[c];
	const char *e = s->names.s + s->names_at[c + 1];
	if (s->flags[c] & FL_HAS_EN) {
		e--;
		while (e > k && e[-1] != '\n')
			e--;
	}
	*end = e;
	return k;
}

/* pinyin_match over keys ('\n'-separated), syllables from the table. */
static bool pinyin_match_keys(const struct sq_searcher *s, const char *key,
			      const char *end)
{
	const struct pinyin_query *p = &s->pq;
	const unsigned char *u = (const unsigned char *)key;
	const unsigned char *e = (const unsigned char *)end;
	uint64_t set = 0;
	while (u < e) {
		ucs4_t c = *u;
		unsigned id;
		if (key_cjk(u, e, &c, &id)) {
			u += 3;
		} else if (c < 0x80) {
			u++;
			if (c == '\n') {
				set = 0;
				continue;
			}
			if (c == ' ' || c == '\'')
				continue;
			id = s->ascii_id[c];
		} else {
			u += next_cp(u, (size_t)(e - u), &c);
			if (c == 0x2019)
				continue;
			id = py_id(s, c);
		}
		set = pinyin_step(p, set | 1, c, id);
		if (set & p->accept)
			return true;
	}
	return false;
}

static size_t exc_index(const struct sq_searcher *s, uint32_t c)
{
	size_t lo = 0, hi = s->n_exc;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->exc_comm[mid] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether community c matches the compiled query in pinyin. */
static bool pinyin_comm(const struct sq_searcher *s, uint32_t c)
{
	if (s->flags[c] & FL_EXCEPTION) {
		size_t e = exc_index(s, c);
		return pinyin_match(&s->pq, s->exc.u + s->exc_at[e],
				    s->exc_at[e + 1] - s->exc_at[e]);
	}
	const char *end, *k = pinyin_keys(s, c, &end);
	return pinyin_match_keys(s, k, end);
}

/* Community c's units as a stored row (see exc_at). */
static void units_of(const struct sq_searcher *s, uint32_t c,
		     struct units *us, struct units *name)
{
	const struct sq_community *cm = &s->m->comms[c];
	const char *nk = s->names.s + s->names_at[c];
	size_t nlen = (size_t)((const char *)rawmemchr(nk, '\n') - nk);
	name->n = 0;
	units_add(name, nk, nlen, cm->pinyin);
	bool covered = false;
	const char *f = nk + nlen + 1;
	for (uint32_t a = 0; a < cm->n_aliases; a++) {
		size_t len = (size_t)((const char *)rawmemchr(f, '\n') - f);
		size_t at = us->n;
		units_add(us, f, len, NULL);
		const char *in = nlen ? memmem(f, len, nk, nlen) : NULL;
		if (in && !covered) {
			size_t skip = units_in(f, (size_t)(in - f));
			memcpy(us->u + at + skip, name->u, name->n * sizeof *name->u);
			covered = true;
		}
		units_reserve(us, 1);
		us->u[us->n++] = 0;
		f += len + 1;
	}
	if (!covered) {
		units_reserve(us, name->n + 1);
		memcpy(us->u + us->n, name->u, name->n * sizeof *name->u);
		us->n += name->n;
		us->u[us->n++] = 0;
	}
}

static inline uint64_t unit_sig(const struct sq_searcher *s, ucs4_t c,
				unsigned id)
{
	uint64_t sig = is_letter(c) ? SIG_LETTER(c) | SIG_INITIAL(c) : SIG_OTHER(c);
	return id ? sig | s->syl_sig[id] : sig;
}

static uint64_t sig_of_keys(const struct sq_searcher *s, const char *key,
			    const char *end)
{
	const unsigned char *u = (const unsigned char *)key;
	const unsigned char *e = (const unsigned char *)end;
	uint64_t sig = 0;
	while (u < e) {
		ucs4_t c;
		unsigned id;
		if (key_cjk(u, e, &c, &id)) {
			u += 3;
			sig |= SIG_OTHER(c) | s->syl_sig[id];
			continue;
		}
		u += next_cp(u, (size_t)(e - u), &c);
		if (c != '\n' && !pinyin_skips(c))
			sig |= unit_sig(s, c, py_id(s, c));
	}
	return sig;
}

/* Whether the Pinyin field of community c gives a name syllable other than
 * the table's. */
static bool pinyin_differs(const struct sq_searcher *s, uint32_t c,
			   struct units *name)
{
	const char *nk = s->names.s + s->names_at[c];
	size_t nlen = (size_t)((const char *)rawmemchr(nk, '\n') - nk);
	name->n = 0;
	units_add(name, nk, nlen, s->m->comms[c].pinyin);
	for (size_t j = 0; j < name->n; j++)
		if (UNIT_ID(name->u[j]) != py_id(s, UNIT_CP(name->u[j])))
			return true;
	return false;
}

static void build_pinyin(struct sq_searcher *s)
{
	const struct sq_model *m = s->m;
	uint32_t n = m->n_comms;
	for (ucs4_t c = 0; c < 128; c++)
		s->ascii_id[c] = (uint16_t)sq_pinyin_id(c);
	unsigned n_syl = sq_pinyin_count();
	s->syl_sig = sq_xcalloc(n_syl + 1, sizeof *s->syl_sig);
	for (unsigned id = 1; id <= n_syl; id++) {
		const char *syl = sq_pinyin_name(id);
		uint64_t sig = 0;
		for (const char *p = syl; *p; p++) {
			if (!is_letter((unsigned char)*p))
				continue;
			sig |= SIG_LETTER(*p);
			if (*p == 'v')
				sig |= SIG_LETTER('u');
		}
		if (is_letter((unsigned char)syl[0]))
			sig |= SIG_INITIAL(syl[0]) |
			       (syl[0] == 'v' ? SIG_INITIAL('u') : 0);
		s->syl_sig[id] = sig;
	}
	s->sig = sq_xreallocarray(NULL, (size_t)n + 1, sizeof *s->sig);
	struct units name = {0};
	size_t cap_exc = 0;
	for (uint32_t c = 0; c < n; c++) {
		if ((s->flags[c] & FL_HAS_PINYIN) && pinyin_differs(s, c, &name)) {
			if (s->n_exc == cap_exc) {
				cap_exc = cap_exc ? cap_exc * 2 : 64;
				s->exc_comm = sq_xreallocarray(s->exc_comm, cap_exc,
							       sizeof *s->exc_comm);
				s->exc_at = sq_xreallocarray(s->exc_at, cap_exc + 1,
							     sizeof *s->exc_at);
			}
			s->exc_comm[s->n_exc] = c;
			s->exc_at[s->n_exc++] = offset32(s->exc.n);
			size_t at = s->exc.n;
			units_of(s, c, &s->exc, &name);
			uint64_t sig = 0;
			for (size_t j = at; j < s->exc.n; j++)
				if (s->exc.u[j])
					sig |= unit_sig(s, UNIT_CP(s->exc.u[j]),
							UNIT_ID(s->exc.u[j]));
			s->sig[c] = sig;
			s->flags[c] |= FL_EXCEPTION;
			continue;
		}
		const char *end, *k = pinyin_keys(s, c, &end);
		s->sig[c] = sig_of_keys(s, k, end);
	}
	if (s->n_exc)
		s->exc_at[s->n_exc] = offset32(s->exc.n);
	free(name.u);
	s->have_pinyin = true;
}

/* ---- Scanning ------------------------------------------------------------ */

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

/* Whether c matches in pinyin, for a community not hit by name. */
static bool pinyin_hit(const struct sq_searcher *s, uint32_t c)
{
	/* The signature rules most out, and decides a query of one letter
	 * (a letter starting a syllable, or itself). */
	if (s->pq.letters) {
		if (!s->sig) /* sq_search builds it for such a query */
			sq_die("no pinyin index");
		return (s->sig[c] & s->pq.need) == s->pq.need &&
		       (s->pq.len == 1 || pinyin_comm(s, c));
	}
	/* Without letters, only characters consume themselves: the query
	 * without its spaces and apostrophes must be in a name with its own
	 * left out.  A name without any, not hit by name, cannot hold it
	 * unless the query had some. */
	if (!s->pq.skips && !(s->flags[c] & FL_ODD))
		return false;
	return pinyin_comm(s, c);
}

static inline void pinyin_better(struct sq_searcher *s, uint32_t c)
{
	if (s->tier[c] > SQ_TIER_PINYIN && pinyin_comm(s, c))
		s->tier[c] = SQ_TIER_PINYIN;
}

/* Pinyin tier over every community not hit by name yet. */
static void scan_pinyin(struct sq_searcher *s, const char *q, size_t qlen)
{
	uint32_t n = s->m->n_comms;
	if (s->pq.letters) {
		const uint64_t *sig = s->sig, need = s->pq.need;
		bool exact = s->pq.len == 1;
		for (uint32_t c = 0; c < n; c++) {
			if ((sig[c] & need) != need || s->tier[c] <= SQ_TIER_PINYIN)
				continue;
			if (exact || pinyin_comm(s, c))
				s->tier[c] = SQ_TIER_PINYIN;
		}
		return;
	}
	/* See pinyin_hit: the names with spaces or apostrophes, and, when the
	 * query has some, those holding it without them. */
	for (size_t i = 0; i < s->n_odd; i++)
		pinyin_better(s, s->odd[i]);
	if (!s->pq.skips)
		return;
	char *bare = sq_xmalloc(qlen + 1);
	size_t blen = 0;
	for (size_t i = 0; i < qlen;) {
		ucs4_t c;
		size_t l = next_cp((const unsigned char *)q + i, qlen - i, &c);
		if (!pinyin_skips(c)) {
			memcpy(bare + blen, q + i, l);
			blen += l;
		}
		i += l;
	}
	bare[blen] = '\0';
	const char *b = s->names.s;
	uint32_t c = 0;
	for (const char *p = b; blen && (p = strstr(p, bare));) {
		c = locate(s->names_at, n, c, (size_t)(p - b));
		pinyin_better(s, c);
		p = b + s->names_at[c + 1];
	}
	free(bare);
}

/* Text tier over the whole text blob, for communities not hit yet. */
static void scan_text(struct sq_searcher *s, const char *q)
{
	uint32_t n = s->m->n_comms;
	const char *b = s->text.s;
	if (!s->text_at)
		return;
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
	if (!s->text_at)
		return false;
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

/* Whether community c's street is marked.  An out-of-range street is never
 * marked. */
static inline bool place_of(const struct sq_searcher *s, uint32_t c)
{
	uint32_t st = s->m->comms[c].street;
	return st < s->m->n_streets && s->place_hit[st];
}

/* Text tier for the communities of the marked streets (model->street_comms
 * groups them by street). */
static void mark_places(struct sq_searcher *s)
{
	const struct sq_model *m = s->m;
	for (uint32_t st = 0; st < m->n_streets; st++) {
		if (!s->place_hit[st])
			continue;
		const struct sq_street *str = &m->streets[st];
		for (uint32_t k = str->first; k - str->first < str->count && k < m->n_comms; k++)
			better(s->tier, m->street_comms[k], SQ_TIER_TEXT);
	}
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
			if (s->sig)
				__builtin_prefetch(s->sig + d);
			if (s->text_at)
				__builtin_prefetch(s->text.s + s->text_at[d]);
		}
		enum sq_tier t = names_tier(s, c, q, qlen);
		if (t > SQ_TIER_PINYIN && s->pq.len && pinyin_hit(s, c))
			t = SQ_TIER_PINYIN;
		if (t > SQ_TIER_TEXT &&
		    ((places && place_of(s, c)) || text_has(s, c, q, qlen)))
			t = SQ_TIER_TEXT;
		s->tier[c] = (unsigned char)t;
	}
}

static void scan(struct sq_searcher *s, const char *q, size_t qlen, bool places)
{
	scan_names(s, q, qlen);
	if (s->pq.len)
		scan_pinyin(s, q, qlen);
	if (places)
		mark_places(s);
	scan_text(s, q);
}

/* The first community from c on with a tier, or n: eight at a time past
 * the many without. */
static inline uint32_t next_hit(const unsigned char *tier, uint32_t c, uint32_t n)
{
	const uint64_t none = UINT64_C(0x0101010101010101) * SQ_TIER_NONE;
	for (; c + 8 <= n; c += 8) {
		uint64_t w;
		memcpy(&w, tier + c, 8);
		if (w != none)
			break;
	}
	while (c < n && tier[c] == SQ_TIER_NONE)
		c++;
	return c;
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
	struct cached *e = cache_find(s, q, qlen, true);
	if (e) {
		free(q);
		e->used = ++s->clock;
		return result(e, out);
	}
	uint32_t n = s->m->n_comms;
	pinyin_compile(&s->pq, q, qlen);
	if (s->pq.len && s->pq.letters && !s->have_pinyin)
		build_pinyin(s);
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

	size_t count[SQ_TIER_NONE] = {0}, at[SQ_TIER_NONE] = {0};
	for (uint32_t c = 0; (c = next_hit(s->tier, c, n)) < n; c++)
		count[s->tier[c]]++;
	size_t total = 0;
	for (int t = 0; t < SQ_TIER_NONE; t++) {
		at[t] = total;
		total += count[t];
	}
	uint32_t *hits = sq_xmalloc((total ? total : 1) * sizeof *hits);
	for (uint32_t c = 0; (c = next_hit(s->tier, c, n)) < n; c++)
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
