/* SPDX-License-Identifier: MIT */
/* Inside search: the pieces its modules share.
 *
 *   search_key.c    keys (compatibility caseless forms) of text and queries
 *   search_match.c  pinyin queries compiled and matched bit-parallel
 *   search_index.c  the searcher: every community keyed into blobs, and the
 *                   pinyin index built on the first query with a letter
 *   search.c        scanning the index, the cache of recent results, ranking
 *   search_show.c   highlighting, and where a hit was found
 *
 * Nothing here is for the rest of the program: search.h is. */
#ifndef SHEQU_SEARCH_INT_H
#define SHEQU_SEARCH_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <unistr.h>

#include "pinyin.h"
#include "search.h"

/* ---- Keys (search_key.c) ------------------------------------------------- */

/* A growing key.  When mapped, from[i]..to[i] is the source byte range that
 * key byte i came from (a whole source character). */
struct sq_key {
	char *s;
	size_t len, cap;
	size_t *from, *to;
	bool mapped;
};

void sq_key_reserve(struct sq_key *k, size_t more);
void sq_key_free(struct sq_key *k);
/* Append the key of s[0..n) to k (spaces collapsed and trimmed within it). */
void sq_key_add(struct sq_key *k, const char *s, size_t n);
/* NUL-terminate a finished key and give back its slack. */
void sq_key_terminate(struct sq_key *k);

/* The key of a query, its terms separated by one space.  Terms are
 * separated by white space and by the punctuation an input method types
 * (CJK and fullwidth: "英语，角"); punctuation at either end of a term is
 * dropped ("英语角。", "“英语角”"); a term of punctuation alone is no term.
 * query may be NULL.  malloc'd; *out_len (may be NULL) gets its length. */
char *sq_query_key(const char *query, size_t *out_len);

static inline bool sq_ascii_space(unsigned char b)
{
	return b == ' ' || (b >= '\t' && b <= '\r');
}

/* The code point at u (n > 0 bytes) and its length; invalid UTF-8 gives
 * U+FFFD.  Three-byte sequences, all of CJK, inline. */
static inline size_t sq_next_cp(const unsigned char *u, size_t n, ucs4_t *c)
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
static inline bool sq_key_stable(ucs4_t c)
{
	return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0x3001 && c <= 0x3029) ||
	       (c >= 0x2012 && c <= 0x2016) || (c >= 0x2018 && c <= 0x2023) ||
	       c == 0x00B7 || c == 0x00D7;
}

/* ---- Pinyin matching (search_match.c) ------------------------------------ */

/* A name for pinyin matching is a row of units, one per character of its key
 * (spaces left out): the code point and, for Han characters, the syllable id,
 * packed as id << 21 | cp.  0 separates names. */
#define UNIT_CP(u) ((u) & 0x1FFFFFu)
#define UNIT_ID(u) ((u) >> 21)
#define PINYIN_MAX_QUERY 63

/* Code points of a key that take part in pinyin matching: all but spaces
 * and apostrophes (xi'an). */
static inline bool sq_pinyin_skips(ucs4_t c)
{
	return c == ' ' || c == '\'' || c == 0x2019;
}

static inline bool sq_is_letter(ucs4_t c)
{
	return c - 'a' < 26;
}

/* A community's signature: what characters of a query its names could
 * consume.  A query can match only if each of its letters is a letter of
 * one of the names' syllables or a letter of the names (u stands for v too,
 * lü typed lu), each other character is one of the names' (hashed), and a
 * first letter starts a syllable or is a letter of the names. */
#define SIG_LETTER(ch) (UINT64_C(1) << ((ch) - 'a'))
#define SIG_OTHER(cp) (UINT64_C(1) << (26 + (cp) % 6))
#define SIG_INITIAL(ch) (UINT64_C(1) << (32 + (ch) - 'a'))

struct sq_units {
	uint32_t *u;
	size_t *off;            /* key offset of each unit, when kept */
	size_t n, cap;
	bool keep_offsets;
};

void sq_units_reserve(struct sq_units *us, size_t more);
/* Append the units of one name's key; pinyin is its Pinyin field or NULL. */
void sq_units_add(struct sq_units *us, const char *key, size_t len,
		  const char *pinyin);
/* Units in key[0..len). */
size_t sq_units_in(const char *key, size_t len);

/* A query compiled for pinyin: bit q of a set stands for "the first q code
 * points of the query are consumed".  Each Han character consumes a
 * non-empty prefix of its syllable, or itself; any other character itself.
 * A digit 0-5 right after a letter is a tone number: it may also be passed
 * over, as tone marks are (bai2 = bái = bai). */
struct sq_pinyin_query {
	int len;                 /* code points; 0 = no pinyin matching */
	uint64_t accept;
	uint64_t tone;           /* positions of tone numbers */
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

/* Compile key[0..len) into p, reusing p's tables (p zeroed at first). */
void sq_pinyin_compile(struct sq_pinyin_query *p, const char *key, size_t len);
void sq_pinyin_query_free(struct sq_pinyin_query *p);

static inline uint64_t sq_pinyin_step(const struct sq_pinyin_query *p,
				      uint64_t set, uint32_t c, uint32_t id)
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
	next |= (set & lit) << 1;
	return next | (next & p->tone) << 1;
}

/* Whether some contiguous run of units consumes the whole query. */
static inline bool sq_pinyin_match(const struct sq_pinyin_query *p,
				   const uint32_t *u, size_t n)
{
	uint64_t set = 0;
	for (size_t i = 0; i < n; i++) {
		if (!u[i]) {
			set = 0;
			continue;
		}
		set = sq_pinyin_step(p, set | 1, UNIT_CP(u[i]), UNIT_ID(u[i]));
		if (set & p->accept)
			return true;
	}
	return false;
}

/* The shortest run starting at unit i that consumes the query: its last
 * unit, or (size_t)-1. */
size_t sq_pinyin_run(const struct sq_pinyin_query *p, const uint32_t *u,
		     size_t n, size_t i);

/* ---- The searcher (search_index.c) --------------------------------------- */

#define CACHE_SIZE 8
#define SQ_MAX_TERMS 8           /* more terms than this: the rest are ignored */

/* What a query looks for: the whole query, or one of its terms. */
struct sq_term {
	const char *key;         /* NUL-terminated */
	size_t len;
	struct sq_pinyin_query pq;
	uint64_t code_lo, code_hi; /* a code or code prefix: codes in [lo, hi) */
	bool places;             /* some street or announced district is hit */
	unsigned char *place_hit; /* n_places + 1, made on first use */
};

/* A cached result: comm << 4 | rank, best rank first then file order; the
 * rank is tier << 1, plus 1 for a match of the terms but not the whole. */
struct sq_cached {
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
	struct sq_key names;     /* per community: Name, aliases, NameEn */
	uint32_t *names_at;      /* n_comms + 1 */
	/* Built on the first query of digits alone (some 10 ms for 620,573
	 * codes: not for every searcher). */
	uint64_t *codes;         /* n_comms: Code as a number, or UINT64_MAX */
	unsigned char *flags;    /* n_comms */
	uint32_t *odd;           /* the communities with FL_ODD */
	size_t n_odd;
	/* Per community: services (zh, en) and summaries; text_at is NULL
	 * when no community has any. */
	struct sq_key text;
	uint32_t *text_at;
	/* Places: streets, districts, then the districts the announcement
	 * named (one per community that has one), each its Chinese name then
	 * its English name. */
	struct sq_key places;
	uint32_t *places_at;     /* n_places + 1 */
	uint32_t n_places;
	uint32_t *announced;     /* the community of each announced place */
	uint32_t n_announced;
	/* Built on the first query with a letter (sig NULL until then). */
	uint64_t *sig;           /* n_comms */
	uint64_t *place_sig;     /* n_places: of the Chinese name */

	uint64_t *syl_sig;       /* per syllable id: its letters and initial */
	uint64_t *cjk_sig;       /* U+4000..U+9FFF: SIG_OTHER and the syllable's
				  * syl_sig at once, the bulk of every key */
	uint16_t ascii_id[128];  /* sq_pinyin_id of ASCII (none, but the table
				  * decides) */
	/* Units of the FL_EXCEPTION communities, as a row per community: alias
	 * runs, then the name's unless an alias holds it (it then gives that
	 * part of the alias its syllables), each ended by 0. */
	uint32_t *exc_comm;      /* sorted */
	uint32_t *exc_at;        /* n_exc + 1 */
	struct sq_units exc;
	size_t n_exc;
	/* The query being searched: term[0] is the whole of it (its key),
	 * term[1..n_terms] its terms when it has more than one. */
	char *terms;             /* the terms' keys, each NUL-terminated */
	struct sq_term term[1 + SQ_MAX_TERMS];
	size_t n_terms;
	unsigned char *tier;     /* n_comms, scratch */
	unsigned char *tier2, *tier3; /* the same, for queries of terms */
	struct sq_cached cache[CACHE_SIZE];
	unsigned long clock;
};

void sq_cached_drop(struct sq_cached *e);
/* Whether key[0..len) is a code or the first digits of one (sq_search):
 * then [*lo, *hi) are the codes it stands for. */
bool sq_code_range(const char *key, size_t len, uint64_t *lo, uint64_t *hi);
void sq_searcher_build_codes(struct sq_searcher *s);
/* Build the pinyin index (sig, exceptions) for queries with letters. */
void sq_searcher_build_pinyin(struct sq_searcher *s);
/* Whether community c matches pq in pinyin. */
bool sq_searcher_pinyin_comm(const struct sq_searcher *s,
			     const struct sq_pinyin_query *pq, uint32_t c);
/* Whether the Chinese name of place i matches pq in pinyin (the table's
 * syllables). */
bool sq_searcher_pinyin_place(const struct sq_searcher *s,
			      const struct sq_pinyin_query *pq, uint32_t i);

#endif
