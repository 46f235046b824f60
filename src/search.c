/* SPDX-License-Identifier: MIT */
/* Searching the index: one strstr over each blob for a whole national file,
 * pinyin behind the signatures, for the whole query and for each of its
 * terms; ranking by tier; and the recent results kept: a query that extends
 * a cached one only re-examines that one's hits when they are few, which is
 * what typing does. */
#include <stdlib.h>
#include <string.h>

#include "search_int.h"
#include "util.h"

#define PREFETCH_AHEAD 8
#ifndef RESCAN_FRACTION
#define RESCAN_FRACTION 8
#endif

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

/* ---- One term over every community --------------------------------------- */

/* Name tiers over the whole names blob. */
static void scan_names(const struct sq_searcher *s, const struct sq_term *t,
		       unsigned char *tier)
{
	const char *b = s->names.s;
	uint32_t n = s->m->n_comms, c = 0;
	for (const char *p = b; (p = strstr(p, t->key));) {
		c = locate(s->names_at, n, c, (size_t)(p - b));
		const char *comm = b + s->names_at[c], *field = p;
		const char *fend = rawmemchr(p, '\n');
		while (field > comm && field[-1] != '\n')
			field--;
		enum sq_tier tr = SQ_TIER_SUBSTRING;
		if (field == p)
			tr = (size_t)(fend - p) == t->len ? SQ_TIER_EXACT
							   : SQ_TIER_PREFIX;
		better(tier, c, tr);
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
			       const struct sq_term *t)
{
	enum sq_tier best = SQ_TIER_NONE;
	const char *f = s->names.s + s->names_at[c];
	const char *end = s->names.s + s->names_at[c + 1];
	while (f < end) {
		size_t len = (size_t)((const char *)rawmemchr(f, '\n') - f);
		if (len >= t->len) {
			if (memcmp(f, t->key, t->len) == 0)
				return len == t->len ? SQ_TIER_EXACT : SQ_TIER_PREFIX;
			if (best > SQ_TIER_SUBSTRING &&
			    contains(f + 1, len - 1, t->key, t->len))
				best = SQ_TIER_SUBSTRING;
		}
		f += len + 1;
	}
	return best;
}

/* Whether c matches in pinyin, for a community not hit by name. */
static bool pinyin_hit(const struct sq_searcher *s, const struct sq_term *t,
		       uint32_t c)
{
	const struct sq_pinyin_query *pq = &t->pq;
	/* The signature rules most out, and decides a query of one letter
	 * (a letter starting a syllable, or itself). */
	if (pq->letters) {
		if (!s->sig) /* sq_search builds it for such a query */
			sq_die("no pinyin index");
		return (s->sig[c] & pq->need) == pq->need &&
		       (pq->len == 1 || sq_searcher_pinyin_comm(s, pq, c));
	}
	/* Without letters, only characters consume themselves: the query
	 * without its spaces and apostrophes must be in a name with its own
	 * left out.  A name without any, not hit by name, cannot hold it
	 * unless the query had some. */
	if (!pq->skips && !(s->flags[c] & FL_ODD))
		return false;
	return sq_searcher_pinyin_comm(s, pq, c);
}

static inline void pinyin_better(const struct sq_searcher *s,
				 const struct sq_term *t, unsigned char *tier,
				 uint32_t c)
{
	if (tier[c] > SQ_TIER_PINYIN && sq_searcher_pinyin_comm(s, &t->pq, c))
		tier[c] = SQ_TIER_PINYIN;
}

/* Pinyin tier, for a query without letters: see pinyin_hit. */
static void scan_pinyin_chars(const struct sq_searcher *s,
			      const struct sq_term *t, unsigned char *tier)
{
	for (size_t i = 0; i < s->n_odd; i++)
		pinyin_better(s, t, tier, s->odd[i]);
	if (!t->pq.skips)
		return;
	char *bare = sq_xmalloc(t->len + 1);
	size_t blen = 0;
	for (size_t i = 0; i < t->len;) {
		ucs4_t c;
		size_t l = sq_next_cp((const unsigned char *)t->key + i, t->len - i, &c);
		if (!sq_pinyin_skips(c)) {
			memcpy(bare + blen, t->key + i, l);
			blen += l;
		}
		i += l;
	}
	bare[blen] = '\0';
	const char *b = s->names.s;
	uint32_t n = s->m->n_comms, c = 0;
	for (const char *p = b; blen && (p = strstr(p, bare));) {
		c = locate(s->names_at, n, c, (size_t)(p - b));
		pinyin_better(s, t, tier, c);
		p = b + s->names_at[c + 1];
	}
	free(bare);
}

/* Pinyin tier over every community not hit by name yet. */
static void scan_pinyin(const struct sq_searcher *s, const struct sq_term *t,
			unsigned char *tier)
{
	if (!t->pq.letters) {
		scan_pinyin_chars(s, t, tier);
		return;
	}
	uint32_t n = s->m->n_comms;
	const uint64_t *sig = s->sig, need = t->pq.need;
	bool exact = t->pq.len == 1;
	for (uint32_t c = 0; c < n; c++) {
		if ((sig[c] & need) != need || tier[c] <= SQ_TIER_PINYIN)
			continue;
		if (exact || sq_searcher_pinyin_comm(s, &t->pq, c))
			tier[c] = SQ_TIER_PINYIN;
	}
}

/* Text tier over the whole text blob, for communities not hit yet. */
static void scan_text(const struct sq_searcher *s, const struct sq_term *t,
		      unsigned char *tier)
{
	uint32_t n = s->m->n_comms;
	const char *b = s->text.s;
	if (!s->text_at)
		return;
	unsigned char *none = memchr(tier, SQ_TIER_NONE, n);
	while (none) {
		uint32_t c = (uint32_t)(none - tier);
		const char *p = strstr(b + s->text_at[c], t->key);
		if (!p)
			break;
		c = locate(s->text_at, n, c, (size_t)(p - b));
		better(tier, c, SQ_TIER_TEXT);
		if (c + 1 >= n)
			break;
		none = memchr(tier + c + 1, SQ_TIER_NONE, n - c - 1);
	}
}

static bool text_has(const struct sq_searcher *s, uint32_t c,
		     const struct sq_term *t)
{
	if (!s->text_at)
		return false;
	size_t a = s->text_at[c], b = s->text_at[c + 1];
	return contains(s->text.s + a, b - a, t->key, t->len);
}

/* Mark the places whose name holds the term or whose Chinese name matches
 * it in pinyin, and the streets of the districts marked; t->places tells
 * whether any street or announced district is marked. */
static void scan_places(const struct sq_searcher *s, struct sq_term *t)
{
	const struct sq_model *m = s->m;
	uint32_t np = s->n_places, first_ann = np - s->n_announced;
	if (!t->place_hit)
		t->place_hit = sq_xmalloc((size_t)np + 1);
	unsigned char *hit = t->place_hit;
	memset(hit, 0, (size_t)np + 1);
	const char *b = s->places.s;
	uint32_t i = 0;
	bool any = false;
	for (const char *p = b; (p = strstr(p, t->key));) {
		i = locate(s->places_at, np, i, (size_t)(p - b));
		hit[i] = 1;
		any |= i >= first_ann;
		p = b + s->places_at[i + 1];
	}
	if (t->pq.len && (t->pq.letters || t->pq.skips))
		for (i = 0; i < np; i++)
			if (!hit[i] && sq_searcher_pinyin_place(s, &t->pq, i)) {
				hit[i] = 1;
				any |= i >= first_ann;
			}
	for (uint32_t st = 0; st < m->n_streets; st++) {
		if (m->streets[st].district < m->n_districts &&
		    hit[m->n_streets + m->streets[st].district])
			hit[st] = 1;
		any |= hit[st];
	}
	t->places = any;
}

/* The place index of community c's announced district, or UINT32_MAX. */
static uint32_t announced_place(const struct sq_searcher *s, uint32_t c)
{
	uint32_t lo = (uint32_t)sq_lower_bound_u32(s->announced, s->n_announced, c);
	if (lo == s->n_announced || s->announced[lo] != c)
		return UINT32_MAX;
	return s->n_places - s->n_announced + lo;
}

/* Whether community c's street or announced district is marked.  An
 * out-of-range street is never marked. */
static inline bool place_of(const struct sq_searcher *s,
			    const struct sq_term *t, uint32_t c)
{
	if (!t->places)
		return false;
	uint32_t st = s->m->comms[c].street;
	if (st < s->m->n_streets && t->place_hit[st])
		return true;
	uint32_t a = s->n_announced ? announced_place(s, c) : UINT32_MAX;
	return a != UINT32_MAX && t->place_hit[a];
}

/* Text tier for the communities of the marked streets (model->street_comms
 * groups them by street) and announced districts. */
static void mark_places(const struct sq_searcher *s, const struct sq_term *t,
			unsigned char *tier)
{
	const struct sq_model *m = s->m;
	if (!t->places)
		return;
	for (uint32_t st = 0; st < m->n_streets; st++) {
		if (!t->place_hit[st])
			continue;
		const struct sq_street *str = &m->streets[st];
		for (uint32_t k = str->first; k - str->first < str->count && k < m->n_comms; k++)
			better(tier, m->street_comms[k], SQ_TIER_TEXT);
	}
	uint32_t first_ann = s->n_places - s->n_announced;
	for (uint32_t a = 0; a < s->n_announced; a++)
		if (t->place_hit[first_ann + a])
			better(tier, s->announced[a], SQ_TIER_TEXT);
}

/* The tier of community c for the code or code prefix t stands for. */
static inline enum sq_tier code_tier(const struct sq_searcher *s,
				     const struct sq_term *t, uint32_t c)
{
	if (s->codes[c] - t->code_lo >= t->code_hi - t->code_lo)
		return SQ_TIER_NONE;
	return t->code_hi - t->code_lo == 1 ? SQ_TIER_EXACT : SQ_TIER_PREFIX;
}

static void scan_codes(const struct sq_searcher *s, const struct sq_term *t,
		       unsigned char *tier)
{
	uint32_t n = s->m->n_comms;
	for (uint32_t c = 0; c < n; c++)
		better(tier, c, code_tier(s, t, c));
}

/* The tier of every community for term t. */
static void scan_term(const struct sq_searcher *s, const struct sq_term *t,
		      unsigned char *tier)
{
	memset(tier, SQ_TIER_NONE, s->m->n_comms);
	if (t->code_lo < t->code_hi)
		scan_codes(s, t, tier);
	scan_names(s, t, tier);
	if (t->pq.len)
		scan_pinyin(s, t, tier);
	mark_places(s, t, tier);
	scan_text(s, t, tier);
}

/* The tier of community c for term t. */
static enum sq_tier term_tier(const struct sq_searcher *s,
			      const struct sq_term *t, uint32_t c)
{
	enum sq_tier tr = names_tier(s, c, t);
	if (t->code_lo < t->code_hi) {
		enum sq_tier code = code_tier(s, t, c);
		if (code < tr)
			tr = code;
	}
	if (tr > SQ_TIER_PINYIN && t->pq.len && pinyin_hit(s, t, c))
		tr = SQ_TIER_PINYIN;
	if (tr > SQ_TIER_TEXT && (place_of(s, t, c) || text_has(s, c, t)))
		tr = SQ_TIER_TEXT;
	return tr;
}

/* ---- Recent results ------------------------------------------------------ */

/* Whether base, a cached result for a prefix of the query q, holds every
 * hit of q.  It does (see rescan) unless q's term that base's last term
 * begins is a code or code prefix and that last term is not: the
 * communities under 330102 are not among the hits of 33010. */
static bool extends(const struct sq_cached *base, const char *q, size_t qlen)
{
	const char *sp = memrchr(base->key, ' ', base->key_len);
	size_t a = sp ? (size_t)(sp - base->key) + 1 : 0;
	const char *end = memchr(q + a, ' ', qlen - a);
	size_t b = end ? (size_t)(end - q) : qlen;
	uint64_t lo, hi;
	return !sq_code_range(q + a, b - a, &lo, &hi) ||
	       sq_code_range(base->key + a, base->key_len - a, &lo, &hi);
}

static struct sq_cached *cache_find(struct sq_searcher *s, const char *q,
				    size_t qlen, bool exact)
{
	struct sq_cached *best = NULL;
	for (int i = 0; i < CACHE_SIZE; i++) {
		struct sq_cached *e = &s->cache[i];
		if (!e->key || e->key_len > qlen || memcmp(e->key, q, e->key_len))
			continue;
		if (exact ? e->key_len == qlen
			  : (!best || e->key_len > best->key_len) && extends(e, q, qlen))
			best = e;
		if (exact && best)
			break;
	}
	return best;
}

static struct sq_cached *cache_store(struct sq_searcher *s, char *q,
				     size_t qlen, uint32_t *hits, size_t n)
{
	struct sq_cached *e = &s->cache[0];
	for (int i = 0; i < CACHE_SIZE; i++) {
		if (!s->cache[i].key) {
			e = &s->cache[i];
			break;
		}
		if (s->cache[i].used < e->used)
			e = &s->cache[i];
	}
	sq_cached_drop(e);
	e->key = q;
	e->key_len = qlen;
	e->hits = hits;
	e->n = n;
	e->used = ++s->clock;
	return e;
}

static size_t result(const struct sq_cached *e, struct sq_hit **out)
{
	struct sq_hit *h = sq_xmalloc((e->n ? e->n : 1) * sizeof *h);
	for (size_t i = 0; i < e->n; i++) {
		h[i].comm = e->hits[i] >> 4;
		h[i].tier = (enum sq_tier)((e->hits[i] & 15) >> 1);
	}
	*out = h;
	return e->n;
}

/* ---- A query of terms ---------------------------------------------------- */

/* See sq_cached: the whole query at tier t ranks before its terms at t. */
#define RANK_NONE (SQ_TIER_NONE << 1)
#define RANK_TERMS(t) ((unsigned char)((t) << 1 | 1))

/* The first community from c on with a tier (or rank), or n: eight at a
 * time past the many without. */
static inline uint32_t next_hit(const unsigned char *tier, uint32_t c,
				uint32_t n, unsigned char none)
{
	const uint64_t word = UINT64_C(0x0101010101010101) * none;
	for (; c + 8 <= n; c += 8) {
		uint64_t w;
		memcpy(&w, tier + c, 8);
		if (w != word)
			break;
	}
	while (c < n && tier[c] == none)
		c++;
	return c;
}

/* The rank of community c for the whole query. */
static unsigned char rank_of(const struct sq_searcher *s, uint32_t c)
{
	enum sq_tier whole = term_tier(s, &s->term[0], c);
	unsigned char rank = (unsigned char)(whole << 1);
	if (!s->n_terms || whole == SQ_TIER_EXACT)
		return rank;
	enum sq_tier worst = SQ_TIER_EXACT;
	for (size_t i = 1; i <= s->n_terms && worst < SQ_TIER_NONE; i++) {
		enum sq_tier tr = term_tier(s, &s->term[i], c);
		if (tr > worst)
			worst = tr;
	}
	return worst < SQ_TIER_NONE && RANK_TERMS(worst) < rank ? RANK_TERMS(worst)
							     : rank;
}

/* Re-examine only the hits of base, a result for a prefix of the query.
 * Every hit is one of them: a field holding a term holds its prefix, and a
 * run of characters consuming a term in pinyin consumes the prefix when cut
 * short (see extends for the exception). */
static void rescan(struct sq_searcher *s, const struct sq_cached *base)
{
	memset(s->tier, RANK_NONE, s->m->n_comms);
	for (size_t i = 0; i < base->n; i++) {
		uint32_t c = base->hits[i] >> 4;
		if (i + PREFETCH_AHEAD < base->n) {
			/* The hits are scattered over blobs far larger than
			 * the caches: fetch ahead, or wait on memory. */
			uint32_t d = base->hits[i + PREFETCH_AHEAD] >> 4;
			__builtin_prefetch(s->names.s + s->names_at[d]);
			if (s->sig)
				__builtin_prefetch(s->sig + d);
			if (s->text_at)
				__builtin_prefetch(s->text.s + s->text_at[d]);
		}
		s->tier[c] = rank_of(s, c);
	}
}

/* scan_term, or the result of a search for the term alone when it is
 * cached: typing "社区 村" has just searched for 社区. */
static void term_tiers(struct sq_searcher *s, const struct sq_term *t,
		       unsigned char *tier)
{
	const struct sq_cached *e = cache_find(s, t->key, t->len, true);
	if (!e) {
		scan_term(s, t, tier);
		return;
	}
	memset(tier, SQ_TIER_NONE, s->m->n_comms);
	for (size_t i = 0; i < e->n; i++)
		tier[e->hits[i] >> 4] = (unsigned char)((e->hits[i] & 15) >> 1);
}

/* acc[c]: the worst tier of c over every term, SQ_TIER_NONE when some term
 * does not match.  Terms after the first re-examine the few communities
 * left, or sweep. */
static void scan_terms(struct sq_searcher *s, unsigned char *acc)
{
	uint32_t n = s->m->n_comms;
	term_tiers(s, &s->term[1], acc);
	for (size_t i = 2; i <= s->n_terms; i++) {
		const struct sq_term *t = &s->term[i];
		uint32_t left = 0;
		for (uint32_t c = 0; (c = next_hit(acc, c, n, SQ_TIER_NONE)) < n; c++)
			left++;
		if (left < n / RESCAN_FRACTION) {
			for (uint32_t c = 0; (c = next_hit(acc, c, n, SQ_TIER_NONE)) < n; c++) {
				enum sq_tier tr = term_tier(s, t, c);
				if (tr > acc[c])
					acc[c] = (unsigned char)tr;
			}
			continue;
		}
		if (!s->tier3)
			s->tier3 = sq_xmalloc((size_t)n + 1);
		term_tiers(s, t, s->tier3);
		for (uint32_t c = 0; c < n; c++)
			if (s->tier3[c] > acc[c])
				acc[c] = s->tier3[c];
	}
}

/* s->tier: the rank of every community. */
static void scan(struct sq_searcher *s)
{
	uint32_t n = s->m->n_comms;
	unsigned char *tier = s->tier;
	scan_term(s, &s->term[0], tier);
	if (!s->n_terms) {
		for (uint32_t c = 0; c < n; c++)
			tier[c] = (unsigned char)(tier[c] << 1);
		return;
	}
	if (!s->tier2)
		s->tier2 = sq_xmalloc((size_t)n + 1);
	scan_terms(s, s->tier2);
	for (uint32_t c = 0; c < n; c++) {
		unsigned char whole = (unsigned char)(tier[c] << 1);
		unsigned char terms = s->tier2[c] < SQ_TIER_NONE ? RANK_TERMS(s->tier2[c])
								  : RANK_NONE;
		tier[c] = terms < whole ? terms : whole;
	}
}

/* ---- Searching ----------------------------------------------------------- */

static void compile_term(struct sq_searcher *s, struct sq_term *t,
			 const char *key, size_t len)
{
	t->key = key;
	t->len = len;
	t->code_lo = t->code_hi = 0;
	sq_code_range(key, len, &t->code_lo, &t->code_hi);
	if (!s->codes && strspn(key, "0123456789") == len)
		sq_searcher_build_codes(s); /* typing a code, most likely */
	sq_pinyin_compile(&t->pq, key, len);
	if (t->pq.len && t->pq.letters && !s->sig)
		sq_searcher_build_pinyin(s);
	scan_places(s, t);
}

/* Compile the query (its key q, terms separated by single spaces): the
 * whole, and its terms when it has more than one. */
static void compile(struct sq_searcher *s, const char *q, size_t qlen)
{
	compile_term(s, &s->term[0], q, qlen);
	free(s->terms);
	s->terms = sq_xmalloc(qlen + 1);
	memcpy(s->terms, q, qlen + 1);
	s->n_terms = 0;
	if (!memchr(q, ' ', qlen))
		return;
	for (char *a = s->terms; *a && s->n_terms < SQ_MAX_TERMS;) {
		char *sp = strchr(a, ' ');
		size_t len = sp ? (size_t)(sp - a) : strlen(a);
		a[len] = '\0';
		compile_term(s, &s->term[++s->n_terms], a, len);
		a += len + (sp != NULL);
	}
}

/* The hits in s->tier, best rank first then file order, cached. */
static struct sq_cached *collect(struct sq_searcher *s, char *q, size_t qlen)
{
	uint32_t n = s->m->n_comms;
	size_t count[RANK_NONE] = {0}, at[RANK_NONE] = {0};
	for (uint32_t c = 0; (c = next_hit(s->tier, c, n, RANK_NONE)) < n; c++)
		count[s->tier[c]]++;
	size_t total = 0;
	for (int r = 0; r < RANK_NONE; r++) {
		at[r] = total;
		total += count[r];
	}
	uint32_t *hits = sq_xmalloc((total ? total : 1) * sizeof *hits);
	for (uint32_t c = 0; (c = next_hit(s->tier, c, n, RANK_NONE)) < n; c++)
		hits[at[s->tier[c]]++] = c << 4 | s->tier[c];
	return cache_store(s, q, qlen, hits, total);
}

size_t sq_search(struct sq_searcher *s, const char *query, struct sq_hit **out)
{
	size_t qlen;
	char *q = sq_query_key(query, &qlen);
	if (!qlen || !s->m->n_comms) {
		free(q);
		*out = sq_xmalloc(sizeof **out);
		return 0;
	}
	struct sq_cached *e = cache_find(s, q, qlen, true);
	if (e) {
		free(q);
		e->used = ++s->clock;
		return result(e, out);
	}
	compile(s, q, qlen);

	/* Re-examining one community costs a few times what a sweep over the
	 * blobs costs per community: sweep when the base is large.  (Measured
	 * on 620,573 communities; see tests/test_search.c.) */
	const struct sq_cached *base = cache_find(s, q, qlen, false);
	if (base && base->n < s->m->n_comms / RESCAN_FRACTION)
		rescan(s, base);
	else
		scan(s);
	return result(collect(s, q, qlen), out);
}
