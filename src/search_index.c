/* SPDX-License-Identifier: MIT */
/* The searcher's index.  Every community is keyed once, when the searcher
 * is made, into a few contiguous blobs so that one strstr over a blob finds
 * the hits of a whole national file (names that are their own keys, as CJK
 * names are, are copied as they are).  Pinyin is matched on the fly from the
 * name keys, after a 64-bit signature per community has ruled out most names;
 * the signatures are built on the first query with a letter. */
#include <stdlib.h>
#include <string.h>

#include "search_int.h"
#include "util.h"

void sq_cached_drop(struct sq_cached *e)
{
	free(e->key);
	free(e->hits);
	memset(e, 0, sizeof *e);
}

void sq_searcher_free(struct sq_searcher *s)
{
	if (!s)
		return;
	sq_key_free(&s->names);
	sq_key_free(&s->text);
	sq_key_free(&s->places);
	free(s->names_at);
	free(s->flags);
	free(s->odd);
	free(s->text_at);
	free(s->places_at);
	free(s->announced);
	free(s->sig);
	free(s->place_sig);
	free(s->codes);
	free(s->syl_sig);
	free(s->cjk_sig);
	free(s->exc_comm);
	free(s->exc_at);
	free(s->exc.u);
	for (size_t i = 0; i <= SQ_MAX_TERMS; i++) {
		sq_pinyin_query_free(&s->term[i].pq);
		free(s->term[i].place_hit);
	}
	free(s->terms);
	free(s->tier);
	free(s->tier2);
	free(s->tier3);
	for (int i = 0; i < CACHE_SIZE; i++)
		sq_cached_drop(&s->cache[i]);
	free(s);
}

static uint32_t offset32(size_t off)
{
	if (off > UINT32_MAX)
		sq_die("search index over 4 GiB");
	return (uint32_t)off;
}

/* The length of the longest prefix of s (NUL-terminated) that is its own
 * key: lower-case ASCII but for white space, and characters sq_key_stable
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
			if (!b || (b >= 'A' && b <= 'Z') || sq_ascii_space((unsigned char)b))
				break;
			*odd |= b == '\'';
			p++;
			continue;
		}
		ucs4_t c;
		size_t l = sq_next_cp(p, strnlen((const char *)p, 4), &c);
		if (!sq_key_stable(c))
			break;
		*odd |= c == 0x2019;
		p += l;
	}
	return (size_t)(p - u);
}

/* Append one name's key and '\n'; true when the key holds a space or an
 * apostrophe. */
static bool add_name(struct sq_key *k, const char *s)
{
	bool odd = false;
	size_t n = own_key(s, &odd);
	if (!s[n]) {
		sq_key_reserve(k, n + 1);
		memcpy(k->s + k->len, s, n);
		k->len += n;
	} else {
		size_t at = k->len;
		sq_key_add(k, s, strlen(s));
		const char *p = k->s + at;
		size_t len = k->len - at;
		odd = memchr(p, ' ', len) || memchr(p, '\'', len) ||
		      memmem(p, len, "\xE2\x80\x99", 3);
		sq_key_reserve(k, 1);
	}
	k->s[k->len++] = '\n';
	return odd;
}

static void add_field(struct sq_key *k, const char *s)
{
	if (s)
		sq_key_add(k, s, strlen(s));
	sq_key_reserve(k, 1);
	k->s[k->len++] = '\n';
}

/* ---- Codes ---------------------------------------------------------------- */

#define CODE_DIGITS 12
#define CODE_MIN_DIGITS 6 /* a county's code, the first level named here */

bool sq_code_range(const char *key, size_t len, uint64_t *lo, uint64_t *hi)
{
	if (len < CODE_MIN_DIGITS || len > CODE_DIGITS)
		return false;
	uint64_t v = 0, scale = 1;
	for (size_t i = 0; i < len; i++) {
		if (key[i] < '0' || key[i] > '9')
			return false;
		v = v * 10 + (uint64_t)(key[i] - '0');
	}
	for (size_t i = len; i < CODE_DIGITS; i++)
		scale *= 10;
	*lo = v * scale;
	*hi = (v + 1) * scale;
	return true;
}

/* Code as a number, UINT64_MAX when it is not 12 digits. */
static uint64_t code_value(const char *code)
{
	uint64_t v = 0;
	for (int i = 0; code && i < CODE_DIGITS; i++) {
		unsigned d = (unsigned char)code[i] - (unsigned)'0';
		if (d > 9) /* NUL too */
			return UINT64_MAX;
		v = v * 10 + d;
	}
	return code && !code[CODE_DIGITS] ? v : UINT64_MAX;
}

void sq_searcher_build_codes(struct sq_searcher *s)
{
	uint32_t n = s->m->n_comms;
	s->codes = sq_xreallocarray(NULL, (size_t)n + 1, sizeof *s->codes);
	for (uint32_t c = 0; c < n; c++)
		s->codes[c] = code_value(s->m->comms[c].code);
}

static bool has_text(const struct sq_community *c)
{
	return c->n_services || c->summary || c->summary_en;
}

static void add_text(struct sq_key *k, const struct sq_community *c)
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
}

/* The names blob, the flags, the text blob and the communities with an
 * announced district, one community at a time (one pass: a national file's
 * communities do not fit in the caches). */
static void build_names(struct sq_searcher *s)
{
	const struct sq_model *m = s->m;
	uint32_t n = m->n_comms;
	s->names_at = sq_xreallocarray(NULL, (size_t)n + 1, sizeof *s->names_at);
	s->flags = sq_xcalloc((size_t)n + 1, 1);
	size_t cap_odd = 0, cap_ann = 0;
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
		if (c->district_announced) {
			if (s->n_announced == cap_ann) {
				cap_ann = cap_ann ? cap_ann * 2 : 16;
				s->announced = sq_xreallocarray(s->announced, cap_ann,
								sizeof *s->announced);
			}
			s->announced[s->n_announced++] = i;
		}

		if (!s->text_at && has_text(c))
			s->text_at = sq_xcalloc((size_t)n + 1, sizeof *s->text_at);
		if (s->text_at) {
			s->text_at[i] = offset32(s->text.len);
			add_text(&s->text, c);
		}
	}
	s->names_at[n] = offset32(s->names.len);
	sq_key_terminate(&s->names);
	if (s->text_at) {
		s->text_at[n] = offset32(s->text.len);
		sq_key_terminate(&s->text);
	}
}

static void add_place(struct sq_searcher *s, uint32_t i, const char *zh,
		      const char *en)
{
	s->places_at[i] = offset32(s->places.len);
	add_field(&s->places, zh);
	if (en)
		add_field(&s->places, en);
}

/* The places blob: every street, district and announced district (after
 * build_names). */
static void build_places(struct sq_searcher *s)
{
	const struct sq_model *m = s->m;
	uint32_t np = s->n_places = m->n_streets + m->n_districts + s->n_announced;
	s->places_at = sq_xcalloc((size_t)np + 1, sizeof *s->places_at);
	uint32_t i = 0;
	for (uint32_t st = 0; st < m->n_streets; st++, i++)
		add_place(s, i, m->streets[st].name, m->streets[st].name_en);
	for (uint32_t d = 0; d < m->n_districts; d++, i++)
		add_place(s, i, m->districts[d].name, m->districts[d].name_en);
	for (uint32_t a = 0; a < s->n_announced; a++) {
		const struct sq_community *c = &m->comms[s->announced[a]];
		add_place(s, i++, c->district_announced, c->district_announced_en);
	}
	s->places_at[np] = offset32(s->places.len);
	sq_key_terminate(&s->places);
}

struct sq_searcher *sq_searcher_new(const struct sq_model *m)
{
	struct sq_searcher *s = sq_xcalloc(1, sizeof *s);
	s->m = m;
	if (m->n_comms) {
		s->tier = sq_xcalloc((size_t)m->n_comms + 1, 1);
		build_names(s);
		build_places(s);
	}
	return s;
}

/* ---- Pinyin of the names ------------------------------------------------- */

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

/* sq_pinyin_match over keys ('\n'-separated), syllables from the table. */
static bool pinyin_match_keys(const struct sq_searcher *s,
			      const struct sq_pinyin_query *p, const char *key,
			      const char *end)
{
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
			u += sq_next_cp(u, (size_t)(e - u), &c);
			if (c == 0x2019)
				continue;
			id = py_id(s, c);
		}
		set = sq_pinyin_step(p, set | 1, c, id);
		if (set & p->accept)
			return true;
	}
	return false;
}

bool sq_searcher_pinyin_comm(const struct sq_searcher *s,
			     const struct sq_pinyin_query *pq, uint32_t c)
{
	if (s->flags[c] & FL_EXCEPTION) {
		size_t e = sq_lower_bound_u32(s->exc_comm, s->n_exc, c);
		return sq_pinyin_match(pq, s->exc.u + s->exc_at[e],
				       s->exc_at[e + 1] - s->exc_at[e]);
	}
	const char *end, *k = pinyin_keys(s, c, &end);
	return pinyin_match_keys(s, pq, k, end);
}

bool sq_searcher_pinyin_place(const struct sq_searcher *s,
			      const struct sq_pinyin_query *pq, uint32_t i)
{
	if (pq->letters) {
		/* As for communities: the signature rules most out, and
		 * decides a query of one letter. */
		if ((s->place_sig[i] & pq->need) != pq->need)
			return false;
		if (pq->len == 1)
			return true;
	}
	const char *k = s->places.s + s->places_at[i];
	return pinyin_match_keys(s, pq, k, rawmemchr(k, '\n'));
}

/* Community c's units as a stored row (see exc_at). */
static void units_of(const struct sq_searcher *s, uint32_t c,
		     struct sq_units *us, struct sq_units *name)
{
	const struct sq_community *cm = &s->m->comms[c];
	const char *nk = s->names.s + s->names_at[c];
	size_t nlen = (size_t)((const char *)rawmemchr(nk, '\n') - nk);
	name->n = 0;
	sq_units_add(name, nk, nlen, cm->pinyin);
	bool covered = false;
	const char *f = nk + nlen + 1;
	for (uint32_t a = 0; a < cm->n_aliases; a++) {
		size_t len = (size_t)((const char *)rawmemchr(f, '\n') - f);
		size_t at = us->n;
		sq_units_add(us, f, len, NULL);
		const char *in = nlen ? memmem(f, len, nk, nlen) : NULL;
		if (in && !covered) {
			size_t skip = sq_units_in(f, (size_t)(in - f));
			memcpy(us->u + at + skip, name->u, name->n * sizeof *name->u);
			covered = true;
		}
		sq_units_reserve(us, 1);
		us->u[us->n++] = 0;
		f += len + 1;
	}
	if (!covered) {
		sq_units_reserve(us, name->n + 1);
		memcpy(us->u + us->n, name->u, name->n * sizeof *name->u);
		us->n += name->n;
		us->u[us->n++] = 0;
	}
}

static inline uint64_t unit_sig(const struct sq_searcher *s, ucs4_t c,
				unsigned id)
{
	uint64_t sig = sq_is_letter(c) ? SIG_LETTER(c) | SIG_INITIAL(c) : SIG_OTHER(c);
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
		/* U+4000..U+9FFF, as in key_cjk, from one table. */
		if ((unsigned)(u[0] - 0xE4) <= 5 && e - u >= 3) {
			c = (ucs4_t)(u[0] & 0x0F) << 12 | (ucs4_t)(u[1] & 0x3F) << 6 |
			    (u[2] & 0x3F);
			sig |= s->cjk_sig[c - 0x4000];
			u += 3;
			continue;
		}
		u += sq_next_cp(u, (size_t)(e - u), &c);
		if (c != '\n' && !sq_pinyin_skips(c))
			sig |= unit_sig(s, c, py_id(s, c));
	}
	return sig;
}

/* Whether the Pinyin field of community c gives a name syllable other than
 * the table's. */
static bool pinyin_differs(const struct sq_searcher *s, uint32_t c,
			   struct sq_units *name)
{
	const char *nk = s->names.s + s->names_at[c];
	size_t nlen = (size_t)((const char *)rawmemchr(nk, '\n') - nk);
	name->n = 0;
	sq_units_add(name, nk, nlen, s->m->comms[c].pinyin);
	for (size_t j = 0; j < name->n; j++)
		if (UNIT_ID(name->u[j]) != py_id(s, UNIT_CP(name->u[j])))
			return true;
	return false;
}

void sq_searcher_build_pinyin(struct sq_searcher *s)
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
			if (!sq_is_letter((unsigned char)*p))
				continue;
			sig |= SIG_LETTER(*p);
			if (*p == 'v')
				sig |= SIG_LETTER('u');
		}
		if (sq_is_letter((unsigned char)syl[0]))
			sig |= SIG_INITIAL(syl[0]) |
			       (syl[0] == 'v' ? SIG_INITIAL('u') : 0);
		s->syl_sig[id] = sig;
	}
	/* One load a character for the bulk of every key in sig_of_keys, in
	 * place of a syllable lookup, a second dependent load and a modulo. */
	s->cjk_sig = sq_xreallocarray(NULL, 0x6000, sizeof *s->cjk_sig);
	for (ucs4_t c = 0x4000; c <= 0x9FFF; c++)
		s->cjk_sig[c - 0x4000] = SIG_OTHER(c) | s->syl_sig[sq_pinyin_id_inline(c)];
	s->sig = sq_xreallocarray(NULL, (size_t)n + 1, sizeof *s->sig);
	struct sq_units name = {0};
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
	s->place_sig = sq_xcalloc((size_t)s->n_places + 1, sizeof *s->place_sig);
	for (uint32_t i = 0; i < s->n_places; i++) {
		const char *k = s->places.s + s->places_at[i];
		s->place_sig[i] = sig_of_keys(s, k, rawmemchr(k, '\n'));
	}
}
