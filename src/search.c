/* SPDX-License-Identifier: MIT */
/* Searching the index: one strstr over each blob for a whole national file,
 * pinyin behind the signatures, ranking by tier, and the recent results
 * kept: a query that extends a cached one only re-examines that one's hits
 * when they are few, which is what typing does. */
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
		       (s->pq.len == 1 || sq_searcher_pinyin_comm(s, c));
	}
	/* Without letters, only characters consume themselves: the query
	 * without its spaces and apostrophes must be in a name with its own
	 * left out.  A name without any, not hit by name, cannot hold it
	 * unless the query had some. */
	if (!s->pq.skips && !(s->flags[c] & FL_ODD))
		return false;
	return sq_searcher_pinyin_comm(s, c);
}

static inline void pinyin_better(struct sq_searcher *s, uint32_t c)
{
	if (s->tier[c] > SQ_TIER_PINYIN && sq_searcher_pinyin_comm(s, c))
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
			if (exact || sq_searcher_pinyin_comm(s, c))
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
		size_t l = sq_next_cp((const unsigned char *)q + i, qlen - i, &c);
		if (!sq_pinyin_skips(c)) {
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

/* Mark the places whose name holds the query or whose Chinese name matches
 * it in pinyin, and the streets of the districts marked; true when any
 * street or announced district is.  (Tens of thousands of places in a
 * national file: each is matched, no signature needed.) */
static bool scan_places(struct sq_searcher *s, const char *q)
{
	const struct sq_model *m = s->m;
	uint32_t np = s->n_places, first_ann = np - s->n_announced;
	memset(s->place_hit, 0, (size_t)np + 1);
	const char *b = s->places.s;
	uint32_t i = 0;
	bool any = false;
	for (const char *p = b; (p = strstr(p, q));) {
		i = locate(s->places_at, np, i, (size_t)(p - b));
		s->place_hit[i] = 1;
		any |= i >= first_ann;
		p = b + s->places_at[i + 1];
	}
	if (s->pq.len && (s->pq.letters || s->pq.skips))
		for (i = 0; i < np; i++)
			if (!s->place_hit[i] && sq_searcher_pinyin_place(s, i)) {
				s->place_hit[i] = 1;
				any |= i >= first_ann;
			}
	for (uint32_t st = 0; st < m->n_streets; st++) {
		if (m->streets[st].district < m->n_districts &&
		    s->place_hit[m->n_streets + m->streets[st].district])
			s->place_hit[st] = 1;
		any |= s->place_hit[st];
	}
	return any;
}

/* The place index of community c's announced district, or UINT32_MAX. */
static uint32_t announced_place(const struct sq_searcher *s, uint32_t c)
{
	uint32_t lo = 0, hi = s->n_announced;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (s->announced[mid] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == s->n_announced || s->announced[lo] != c)
		return UINT32_MAX;
	return s->n_places - s->n_announced + lo;
}

/* Whether community c's street or announced district is marked.  An
 * out-of-range street is never marked. */
static inline bool place_of(const struct sq_searcher *s, uint32_t c)
{
	uint32_t st = s->m->comms[c].street;
	if (st < s->m->n_streets && s->place_hit[st])
		return true;
	uint32_t a = s->n_announced ? announced_place(s, c) : UINT32_MAX;
	return a != UINT32_MAX && s->place_hit[a];
}

/* Text tier for the communities of the marked streets (model->street_comms
 * groups them by street) and announced districts. */
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
	uint32_t first_ann = s->n_places - s->n_announced;
	for (uint32_t a = 0; a < s->n_announced; a++)
		if (s->place_hit[first_ann + a])
			better(s->tier, s->announced[a], SQ_TIER_TEXT);
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
			  : (!best || e->key_len > best->key_len))
			best = e;
		if (exact && best)
			break;
	}
	return best;
}

static struct sq_cached *cache_store(struct sq_searcher *s, char *q, size_t qlen,
				  uint32_t *hits, size_t n)
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
		h[i].comm = e->hits[i] >> 3;
		h[i].tier = (enum sq_tier)(e->hits[i] & 7);
	}
	*out = h;
	return e->n;
}

/* Re-examine only the hits of base, a result for a prefix of q.  Every hit
 * of q is one of them: a field holding q holds that prefix, and a run of
 * characters consuming q in pinyin consumes the prefix when cut short. */
static void rescan(struct sq_searcher *s, const struct sq_cached *base,
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
	struct sq_cached *e = cache_find(s, q, qlen, true);
	if (e) {
		free(q);
		e->used = ++s->clock;
		return result(e, out);
	}
	uint32_t n = s->m->n_comms;
	sq_pinyin_compile(&s->pq, q, qlen);
	if (s->pq.len && s->pq.letters && !s->have_pinyin)
		sq_searcher_build_pinyin(s);
	bool places = scan_places(s, q);
	memset(s->tier, SQ_TIER_NONE, n);

	/* Re-examining one community costs a few times what a sweep over the
	 * blobs costs per community: sweep when the base is large.  (Measured
	 * on 620,573 communities; see tests/test_search.c.) */
	const struct sq_cached *base = cache_find(s, q, qlen, false);
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

