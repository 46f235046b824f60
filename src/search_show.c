/* SPDX-License-Identifier: MIT */
/* Showing what a search found: which characters of a text the query
 * matched (highlighting), which field of a hit holds the match, and a
 * window of that field's text, cut to a width around the match.  All cell
 * arithmetic is the text module's. */
#include <stdlib.h>
#include <string.h>

#include "search_int.h"
#include "text.h"
#include "util.h"

/* ---- The query, in pieces ------------------------------------------------ */

/* The pieces of a query matched one by one: the whole (its key) and, when
 * it has more than one term, each term.  Pinyin is compiled on first use. */
struct pieces {
	char *key;
	size_t n;
	struct {
		const char *s;
		size_t len;
		struct sq_pinyin_query pq;
		bool compiled;
	} p[1 + SQ_MAX_TERMS];
};

static void pieces_init(struct pieces *ps, const char *query)
{
	size_t len;
	memset(ps, 0, sizeof *ps);
	ps->key = sq_query_key(query, &len);
	if (!len)
		return;
	ps->p[0].s = ps->key;
	ps->p[0].len = len;
	ps->n = 1;
	if (!memchr(ps->key, ' ', len))
		return;
	for (size_t a = 0; a < len && ps->n <= SQ_MAX_TERMS;) {
		const char *sp = memchr(ps->key + a, ' ', len - a);
		size_t b = sp ? (size_t)(sp - ps->key) : len;
		ps->p[ps->n].s = ps->key + a;
		ps->p[ps->n++].len = b - a;
		a = b + 1;
	}
}

static void pieces_free(struct pieces *ps)
{
	for (size_t i = 0; i < ps->n; i++)
		sq_pinyin_query_free(&ps->p[i].pq);
	free(ps->key);
}

static const struct sq_pinyin_query *piece_pinyin(struct pieces *ps, size_t i)
{
	if (!ps->p[i].compiled) {
		sq_pinyin_compile(&ps->p[i].pq, ps->p[i].s, ps->p[i].len);
		ps->p[i].compiled = true;
	}
	return &ps->p[i].pq;
}

/* ---- Marking --------------------------------------------------------------- */

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
			const struct sq_pinyin_query *pq, unsigned char *mark)
{
	if (!pq->len)
		return false;
	bool any = false;
	struct sq_units us = {.keep_offsets = true};
	sq_units_add(&us, k->s, k->len, pinyin);
	for (size_t i = 0; i < us.n; i++) {
		size_t j = sq_pinyin_run(pq, us.u, us.n, i);
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
	return any;
}

/* How much of the query a text holds: piece i found as it is (as_is) or in
 * pinyin.  The whole query outweighs every term together, and a piece as it
 * is its pinyin. */
static unsigned score_of(size_t i, bool as_is)
{
	unsigned piece = as_is ? 2 : 1;
	return i == 0 ? piece * (2 * SQ_MAX_TERMS + 1) : piece;
}

/* Mark in text (n bytes; mark cleared first) every piece of the query: its
 * occurrences, or for names when there is none, its pinyin (pinyin is the
 * name's Pinyin field or NULL).  Returns the score of what matched. */
static unsigned mark_pieces(struct pieces *ps, const char *text, size_t n,
			    const char *pinyin, bool names, unsigned char *mark)
{
	memset(mark, 0, n);
	if (!ps->n || !n)
		return 0;
	struct sq_key k = {.mapped = true};
	sq_key_reserve(&k, n + 1);
	sq_key_add(&k, text, n);
	unsigned score = 0;
	for (size_t i = 0; i < ps->n; i++) {
		if (mark_substrings(&k, ps->p[i].s, ps->p[i].len, mark))
			score += score_of(i, true);
		else if (names && mark_pinyin(&k, pinyin, piece_pinyin(ps, i), mark))
			score += score_of(i, false);
	}
	sq_key_free(&k);
	return score;
}

static bool highlight(const char *text, const char *pinyin, bool names,
		      const char *query, unsigned char *mark)
{
	if (!text)
		return false;
	struct pieces ps;
	pieces_init(&ps, query);
	unsigned score = mark_pieces(&ps, text, strlen(text), pinyin, names, mark);
	pieces_free(&ps);
	return score > 0;
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

/* ---- Where a hit was found ------------------------------------------------- */

/* One field of a community that may hold the match. */
struct field {
	enum sq_field field;
	enum sq_lang lang;
	uint32_t index;
	const char *text;
	const char *pinyin;      /* Name's Pinyin field */
	bool names;              /* a Chinese name: pinyin matches too */
};

/* The fields that have text, in the order that breaks ties: names, places,
 * aliases, text, code. */
static size_t fields_of(const struct sq_model *m, const struct sq_community *c,
			struct field *out, size_t max)
{
	const struct sq_street *st = sq_comm_street(m, c);
	const struct sq_district *d = sq_comm_district(m, c);
	struct field f[] = {
		{SQ_FIELD_NAME, SQ_ZH, 0, c->name, c->pinyin, true},
		{SQ_FIELD_NAME, SQ_EN, 0, c->name_en, NULL, false},
		{SQ_FIELD_STREET, SQ_ZH, 0, st->name, NULL, true},
		{SQ_FIELD_STREET, SQ_EN, 0, st->name_en, NULL, false},
		{SQ_FIELD_DISTRICT, SQ_ZH, 0, d->name, NULL, true},
		{SQ_FIELD_DISTRICT, SQ_EN, 0, d->name_en, NULL, false},
		{SQ_FIELD_ANNOUNCED, SQ_ZH, 0, c->district_announced, NULL, true},
		{SQ_FIELD_ANNOUNCED, SQ_EN, 0, c->district_announced_en, NULL, false},
	};
	size_t n = 0;
	for (size_t i = 0; i < SQ_ARRAY_LEN(f) && n < max; i++)
		if (f[i].text)
			out[n++] = f[i];
	for (uint32_t a = 0; a < c->n_aliases && n < max; a++)
		out[n++] = (struct field){SQ_FIELD_ALIAS, SQ_ZH, a, c->aliases[a],
					  NULL, true};
	for (uint32_t v = 0; v < c->n_services; v++)
		for (int l = 0; l < 2 && n < max; l++) {
			const char *t = l ? c->services[v].en : c->services[v].zh;
			if (t)
				out[n++] = (struct field){SQ_FIELD_SERVICE, l ? SQ_EN : SQ_ZH,
							  v, t, NULL, false};
		}
	if (c->summary && n < max)
		out[n++] = (struct field){SQ_FIELD_SUMMARY, SQ_ZH, 0, c->summary, NULL, false};
	if (c->summary_en && n < max)
		out[n++] = (struct field){SQ_FIELD_SUMMARY, SQ_EN, 0, c->summary_en, NULL, false};
	if (c->code && n < max)
		out[n++] = (struct field){SQ_FIELD_CODE, SQ_ZH, 0, c->code, NULL, false};
	return n;
}

/* The text the interface shows for a field in lang (the model's fallback
 * to Chinese included). */
static const char *shown_text(const struct sq_model *m,
			      const struct sq_community *c,
			      const struct field *f, enum sq_lang lang)
{
	switch (f->field) {
	case SQ_FIELD_NAME:
		return sq_comm_name(c, lang);
	case SQ_FIELD_STREET:
		return sq_street_name(sq_comm_street(m, c), lang);
	case SQ_FIELD_DISTRICT:
		return sq_district_name(sq_comm_district(m, c), lang);
	case SQ_FIELD_ANNOUNCED:
		return sq_comm_announced(c, lang);
	case SQ_FIELD_SERVICE:
		return sq_service_text(&c->services[f->index], lang);
	case SQ_FIELD_SUMMARY:
		return sq_comm_summary(c, lang);
	default:
		return f->text;
	}
}

/* Mark the code's digits that a piece of the query gives (sq_search: six
 * digits or more); the score as mark_pieces gives it. */
static unsigned mark_code(struct pieces *ps, const char *code, unsigned char *mark)
{
	size_t n = strlen(code);
	unsigned score = 0;
	memset(mark, 0, n);
	for (size_t i = 0; i < ps->n; i++) {
		uint64_t lo, hi;
		size_t len = ps->p[i].len;
		if (sq_code_range(ps->p[i].s, len, &lo, &hi) && len <= n &&
		    memcmp(code, ps->p[i].s, len) == 0) {
			mark_range(mark, 0, len);
			score += score_of(i, true);
		}
	}
	return score;
}

/* f->mark holds the marks of f->text: set the first match from them. */
static void first_match(struct sq_found *f)
{
	unsigned char *one = memchr(f->mark, 1, f->len);
	f->first = one ? (size_t)(one - f->mark) : 0;
	f->first_end = f->first;
	while (one && f->first_end < f->len && f->mark[f->first_end])
		f->first_end++;
}

static void found_set(struct sq_found *f, const struct field *fd,
		      const unsigned char *mark, bool shown)
{
	f->field = fd->field;
	f->shown = shown;
	f->lang = fd->lang;
	f->index = fd->index;
	f->text = fd->text;
	f->len = strlen(fd->text);
	if (f->len + 1 > f->cap) {
		f->cap = f->len + 1;
		f->mark = sq_xrealloc(f->mark, f->cap);
	}
	memcpy(f->mark, mark, f->len);
	first_match(f);
}

/* The order of preference: more of the query; a field the caller does not
 * show already; the text the interface shows for its field in its
 * language; the field order. */
struct choice {
	unsigned score;
	bool fresh, own_lang;
};

static bool preferred(const struct choice *a, const struct choice *b)
{
	if (a->score != b->score)
		return a->score > b->score;
	if (a->fresh != b->fresh)
		return a->fresh;
	return a->own_lang && !b->own_lang;
}

bool sq_search_found(const struct sq_model *m, uint32_t comm, const char *query,
		     enum sq_lang lang, unsigned shown, struct sq_found *f)
{
	f->field = SQ_FIELD_NONE;
	f->text = NULL;
	f->len = f->first = f->first_end = 0;
	f->shown = false;
	if (comm >= m->n_comms)
		return false;
	const struct sq_community *c = &m->comms[comm];
	struct pieces ps;
	pieces_init(&ps, query);
	size_t max = 12 + c->n_aliases + 2 * (size_t)c->n_services;
	struct field *fields = sq_xreallocarray(NULL, max, sizeof *fields);
	size_t n = fields_of(m, c, fields, max);
	struct choice best = {0};
	unsigned char *mark = NULL;
	size_t cap = 0;
	for (size_t i = 0; i < n; i++) {
		struct field *fd = &fields[i];
		if (fd->field == SQ_FIELD_CODE)
			fd->lang = lang; /* in no language, or in any */
		size_t len = strlen(fd->text);
		if (len + 1 > cap)
			mark = sq_xrealloc(mark, cap = len + 1);
		struct choice ch = {
			.score = fd->field == SQ_FIELD_CODE
					 ? mark_code(&ps, fd->text, mark)
					 : mark_pieces(&ps, fd->text, len, fd->pinyin,
						       fd->names, mark),
			.fresh = !(shown & SQ_FIELD_BIT(fd->field)) ||
				 fd->text != shown_text(m, c, fd, lang),
			.own_lang = fd->text == shown_text(m, c, fd, lang),
		};
		if (ch.score && (f->field == SQ_FIELD_NONE || preferred(&ch, &best))) {
			best = ch;
			found_set(f, fd, mark, !ch.fresh);
		}
	}
	free(mark);
	free(fields);
	pieces_free(&ps);
	return f->field != SQ_FIELD_NONE;
}

void sq_found_free(struct sq_found *f)
{
	free(f->mark);
	memset(f, 0, sizeof *f);
}

/* ---- A window of the text ---------------------------------------------------- */

/* The start of the longest run of whole graphemes ending at byte i of s[0..n)
 * no wider than cells. */
static size_t back_cells(const char *s, size_t n, size_t i, int cells)
{
	int w = 0;
	while (i > 0) {
		size_t p = sq_prev_grapheme(s, n, i);
		int gw = sq_width(s + p, i - p);
		if (w + gw > cells)
			break;
		w += gw;
		i = p;
	}
	return i;
}

static struct sq_window window(size_t off, size_t len, bool before, bool after,
			       int width)
{
	size_t mark = strlen(SQ_CUT_MARK);
	return (struct sq_window){
		.off = off, .len = len, .cut_before = before, .cut_after = after,
		.width = width,
		.bytes = len + (before ? mark : 0) + (after ? mark : 0),
	};
}

struct sq_window sq_found_window(const struct sq_found *f, int cols)
{
	if (!f->text || cols <= 0)
		return window(0, 0, false, false, 0);
	const char *s = f->text;
	size_t n = f->len;
	int used, all = sq_width(s, n), cm = sq_strwidth(SQ_CUT_MARK);
	if (all <= cols)
		return window(0, n, false, false, all);
	/* From the start, when the first match fits before a cut. */
	size_t end = sq_fit_prefix(s, n, cols - cm, &used);
	if (end >= f->first_end && end > 0)
		return window(0, end, false, true, used + cm);
	/* Too narrow for two cut marks: the match alone, from its start. */
	int budget = cols - 2 * cm;
	if (budget < 1) {
		end = f->first + sq_fit_prefix(s + f->first, n - f->first, cols, &used);
		return window(f->first, end - f->first, false, false, used);
	}
	/* Up to the end, when the match is near it. */
	if (sq_width(s + f->first, n - f->first) <= cols - cm) {
		size_t start = back_cells(s, n, n, cols - cm);
		return window(start, n - start, true, false,
			      sq_width(s + start, n - start) + cm);
	}
	/* Cut on both sides: a third of what the match leaves, before it. */
	int mw = sq_width(s + f->first, f->first_end - f->first);
	size_t start = back_cells(s, n, f->first, mw < budget ? (budget - mw) / 3 : 0);
	if (start == 0) { /* a match wider than the window, at the start */
		end = sq_fit_prefix(s, n, cols - cm, &used);
		return window(0, end, false, true, used + cm);
	}
	end = start + sq_fit_prefix(s + start, n - start, budget, &used);
	return window(start, end - start, true, true, used + 2 * cm);
}

size_t sq_window_render(const struct sq_found *f, const struct sq_window *w,
			struct sq_buf *b, unsigned char *mark)
{
	size_t cut = strlen(SQ_CUT_MARK), at = 0;
	if (w->cut_before) {
		sq_buf_add(b, SQ_CUT_MARK, cut);
		memset(mark, 0, cut);
		at += cut;
	}
	sq_buf_add(b, f->text + w->off, w->len);
	memcpy(mark + at, f->mark + w->off, w->len);
	at += w->len;
	if (w->cut_after) {
		sq_buf_add(b, SQ_CUT_MARK, cut);
		memset(mark + at, 0, cut);
		at += cut;
	}
	return at;
}
