/* SPDX-License-Identifier: MIT */
#include "doc.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

/* Labels are data-like: they follow the document's languages, not the
 * interface locale, so they live here rather than in po/. */
static const char *const labels[SQ_DOC_ID_COUNT][2] = {
	[SQ_DOC_PINYIN] = {"拼音", "Pinyin"},
	[SQ_DOC_ALIAS] = {"别称", "Also called"},
	[SQ_DOC_DISTRICT] = {"所在区", "District"},
	[SQ_DOC_ANNOUNCED] = {"公告所列区", "Announced as"},
	[SQ_DOC_STREET] = {"街道", "Subdistrict"},
	[SQ_DOC_CODE] = {"区划代码", "Code"},
	[SQ_DOC_RECOGNITION] = {"认定", "Recognized"},
	/* The report's word: 外籍人士, foreign nationals. */
	[SQ_DOC_FOREIGN] = {"外籍人士", "Foreign nationals"},
	/* The data's Staff counts the staff who speak foreign languages
	 * (现代城社区: 7名专职和兼职外语工作人员). */
	[SQ_DOC_STAFF] = {"外语人员", "Foreign-language staff"},
	[SQ_DOC_VOLUNTEERS] = {"志愿者", "Volunteers"},
	[SQ_DOC_SERVICES] = {"服务", "Services"},
	[SQ_DOC_SUMMARY] = {"简介", "Summary"},
	[SQ_DOC_NOTE] = {"说明", "Note"},
	[SQ_DOC_NEARBY] = {"附近的国际化社区", "International communities nearby"},
	[SQ_DOC_NEAR_STREET] = {"同街道", "Same street"},
	[SQ_DOC_NEAR_DISTRICT] = {"同区", "Same district"},
	[SQ_DOC_SOURCE] = {"来源", "Source"},
	[SQ_DOC_DATA_DATE] = {"资料日期", "Data date"},
};

/* The heading: the programme's name only for a community in it. */
static const char *const title_intl[2] = {
	"杭州市国际化示范社区 社区概况",
	"Hangzhou International Demonstration Community: fact sheet",
};
static const char *const title_plain[2] = {
	"杭州市城乡社区 概况",
	"Hangzhou community fact sheet",
};

/* Whose silence the note reports: the announcement's for a community of a
 * batch; the data's for one recognized in a month the data gives without a
 * batch (the announcement is not named: the data does not say which it
 * was), and for any other (which may still be in a batch the data does not
 * name, so nothing is said about that). */
static const char *const no_details_intl[2] = {
	"公告只列出了本社区的名称、所在地和批次，没有更多介绍。",
	"The announcement lists only this community's name, place and batch; "
	"it gives no further details.",
};
static const char *const no_details_month[2] = {
	"资料只列出了本社区的名称、所在地、区划代码和认定月份，没有更多介绍。",
	"The data lists only this community's name, place, code and month of "
	"recognition; it gives no further details.",
};
static const char *const no_details_plain[2] = {
	"资料只列出了本社区的名称、所在地和区划代码，没有更多介绍。",
	"The data lists only this community's name, place and code; it gives "
	"no further details.",
};

static const char *const months_en[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

void sq_doc_words(void (*fn)(const char *s, void *arg), void *arg)
{
	static const char *const more[] = {
		/* add_figure, add_recognition, name_list */
		"余人more than (as of )截至", "杭州市第一二三四五六七八九十批国际化示范社区（年月）",
		"Hangzhou international demonstration community, batch ()",
		"、（），另有个无 and more none",
	};
	for (int id = 0; id < SQ_DOC_ID_COUNT; id++)
		for (int l = 0; l < 2; l++)
			if (labels[id][l])
				fn(labels[id][l], arg);
	for (int l = 0; l < 2; l++) {
		fn(title_intl[l], arg);
		fn(title_plain[l], arg);
		fn(no_details_intl[l], arg);
		fn(no_details_month[l], arg);
		fn(no_details_plain[l], arg);
	}
	for (size_t i = 0; i < SQ_ARRAY_LEN(months_en); i++)
		fn(months_en[i], arg);
	for (size_t i = 0; i < SQ_ARRAY_LEN(more); i++)
		fn(more[i], arg);
	for (int k = 0; k < SQ_CAT_COUNT; k++)
		for (int l = 0; l < 2; l++)
			fn(sq_category_name((enum sq_category)k, (enum sq_lang)l), arg);
}

const char *sq_doc_label(enum sq_doc_id id, enum sq_lang lang)
{
	if ((unsigned)id >= SQ_DOC_ID_COUNT)
		return NULL;
	return labels[id][lang == SQ_EN];
}

unsigned sq_doc_sheet_langs(enum sq_sheet_lang lang, enum sq_lang out[2])
{
	switch (lang) {
	case SQ_SHEET_EN:
		out[0] = SQ_EN;
		return 1;
	case SQ_SHEET_BOTH:
		out[0] = SQ_ZH;
		out[1] = SQ_EN;
		return 2;
	default:
		out[0] = SQ_ZH;
		return 1;
	}
}

size_t sq_doc_find(const struct sq_doc *d, enum sq_doc_id id, size_t from)
{
	for (size_t i = from; i < d->n_items; i++)
		if (d->items[i].id == id)
			return i;
	return d->n_items;
}

/* Building ---------------------------------------------------------------- */

struct builder {
	const struct sq_model *m;
	const struct sq_community *c;
	struct sq_doc *d;
	size_t cap;
	bool has_zh, has_en; /* among the document's languages */
};

static const char *fmt(struct builder *b, const char *f, ...)
	__attribute__((format(printf, 2, 3)));

/* Formatted into the document's arena. */
static const char *fmt(struct builder *b, const char *f, ...)
{
	struct sq_buf s = {0};
	va_list ap;
	va_start(ap, f);
	sq_buf_vaddf(&s, f, ap);
	va_end(ap);
	const char *p = sq_arena_strndup(b->d->arena, sq_buf_str(&s), s.len);
	sq_buf_free(&s);
	return p;
}

static struct sq_doc_item *item(struct builder *b, enum sq_doc_id id)
{
	struct sq_doc *d = b->d;
	if (d->n_items == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 32;
		d->items = sq_xreallocarray(d->items, b->cap, sizeof *d->items);
	}
	struct sq_doc_item *it = &d->items[d->n_items++];
	memset(it, 0, sizeof *it);
	it->id = id;
	return it;
}

static void add_text(struct sq_doc_item *it, const char *s, enum sq_lang lang)
{
	if (s && *s && it->n < 2) {
		it->text[it->n] = s;
		it->lang[it->n++] = lang;
	}
}

/* One language-neutral text (or none when s is empty). */
static void one(struct builder *b, enum sq_doc_id id, const char *s,
		enum sq_lang lang)
{
	if (s && *s)
		add_text(item(b, id), s, lang);
}

/* A text per document language.  Without English (en NULL, empty or the
 * same as zh) the Chinese stands in, once; without Chinese (a summary given
 * in English alone) the English does. */
static struct sq_doc_item *both(struct builder *b, enum sq_doc_id id,
				const char *zh, const char *en)
{
	struct sq_doc_item *it = item(b, id);
	bool has_zh = zh && *zh;
	bool has_en = en && *en && !(has_zh && strcmp(en, zh) == 0);
	for (unsigned i = 0; i < b->d->n_langs; i++) {
		bool en_slot = b->d->langs[i] == SQ_EN;
		if (en_slot ? has_en : has_zh)
			add_text(it, en_slot ? en : zh, b->d->langs[i]);
		else if (en_slot ? !b->has_zh : !b->has_en)
			/* the other language is not the document's: it stands in */
			add_text(it, en_slot ? zh : en, en_slot ? SQ_ZH : SQ_EN);
	}
	return it;
}

static void add_names(struct builder *b)
{
	const struct sq_community *c = b->c;
	struct sq_doc_item *it = item(b, SQ_DOC_NAME);
	bool has_en = c->name_en && *c->name_en && strcmp(c->name_en, c->name);
	if (b->d->langs[0] == SQ_EN && has_en)
		add_text(it, c->name_en, SQ_EN);
	add_text(it, c->name, SQ_ZH);
	if (b->d->langs[0] != SQ_EN && has_en)
		add_text(it, c->name_en, SQ_EN);
}

/* The date the record's source gives ("NAME, YYYY-MM-DD[ remark]"), in
 * *at (its first byte) with its year and month; false when there is none. */
static bool source_date(const char *src, const char **at, int *year, int *month)
{
	for (const char *p = src; p && (p = strstr(p, ", ")) != NULL; p += 2) {
		const char *d = p + 2;
		bool ok = true;
		for (int i = 0; i < 10 && ok; i++)
			ok = i == 4 || i == 7 ? d[i] == '-' : isdigit((unsigned char)d[i]);
		if (ok && (d[10] == '\0' || d[10] == ' ') &&
		    sscanf(d, "%4d-%2d", year, month) == 2 && *month >= 1 && *month <= 12) {
			*at = p;
			return true;
		}
	}
	return false;
}

/* A figure is the source's, on its date: a resident must not take 60 for
 * today's count. */
static void add_figure(struct builder *b, enum sq_doc_id id, struct sq_figure f)
{
	if (f.value < 0)
		return;
	const char *zh = fmt(b, "%" PRId32 "%s人", f.value, f.more ? "余" : "");
	const char *en = fmt(b, "%s%" PRId32, f.more ? "more than " : "", f.value);
	const char *at;
	int year, month;
	if (source_date(b->c->source, &at, &year, &month)) {
		zh = fmt(b, "%s（截至%d年%d月）", zh, year, month);
		en = fmt(b, "%s (as of %s %d)", en, months_en[month - 1], year);
	}
	both(b, id, zh, en);
}

/* The programme, batch and month, as far as the record states them; only
 * for an international community (sq_comm_international), which is what
 * the record then says it is. */
static void add_recognition(struct builder *b)
{
	const struct sq_community *c = b->c;
	if (!sq_comm_international(c))
		return;
	int year = 0, month = 0;
	bool dated = c->recognized &&
		     sscanf(c->recognized, "%4d-%2d", &year, &month) == 2 &&
		     month >= 1 && month <= 12;
	static const char *const numerals[] = {
		"一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
	};
	const char *zh, *en;
	if (c->batch > 0) {
		zh = c->batch <= 10
			     ? fmt(b, "杭州市第%s批国际化示范社区",
				   numerals[c->batch - 1])
			     : fmt(b, "杭州市第%" PRId32 "批国际化示范社区",
				   c->batch);
		en = fmt(b, "Hangzhou international demonstration community, "
			    "batch %" PRId32, c->batch);
	} else {
		zh = "杭州市国际化示范社区";
		en = "Hangzhou international demonstration community";
	}
	if (dated) {
		zh = fmt(b, "%s（%d年%d月）", zh, year, month);
		en = fmt(b, "%s (%s %d)", en, months_en[month - 1], year);
	}
	both(b, SQ_DOC_RECOGNITION, zh, en);
}

static void add_services(struct builder *b)
{
	const struct sq_community *c = b->c;
	if (!c->n_services)
		return;
	item(b, SQ_DOC_SERVICES);
	for (int k = 0; k < SQ_CAT_COUNT; k++) {
		enum sq_category cat = (enum sq_category)k;
		if (!sq_comm_offers(c, cat))
			continue;
		both(b, SQ_DOC_CATEGORY, sq_category_name(cat, SQ_ZH),
		     sq_category_name(cat, SQ_EN))
			->cat = cat;
		for (uint32_t i = 0; i < c->n_services; i++)
			if (c->services[i].cat == cat)
				both(b, SQ_DOC_SERVICE, c->services[i].zh,
				     c->services[i].en)
					->cat = cat;
	}
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* The international communities (sq_comm_international) other than this one in
 * its street (same_street) or in the rest of its district, in file order. */
static size_t neighbours(const struct builder *b, bool same_street,
			 uint32_t **out)
{
	const struct sq_model *m = b->m;
	const struct sq_community *c = b->c;
	const struct sq_district *dist = sq_comm_district(m, c);
	size_t n = 0, cap = 0;
	uint32_t *v = NULL;
	for (uint32_t s = 0; s < dist->count; s++) {
		uint32_t si = m->district_streets[dist->first + s];
		if ((si == c->street) != same_street)
			continue;
		const struct sq_street *st = &m->streets[si];
		for (uint32_t k = 0; k < st->count; k++) {
			uint32_t ci = m->street_comms[st->first + k];
			if (ci == b->d->comm || !sq_comm_international(&m->comms[ci]))
				continue;
			if (n == cap) {
				cap = cap ? 2 * cap : 16;
				v = sq_xreallocarray(v, cap, sizeof *v);
			}
			v[n++] = ci;
		}
	}
	if (n)
		qsort(v, n, sizeof *v, cmp_u32);
	*out = v;
	return n;
}

/* "A、B（街道）" / "A, B (Street)": names in one language, at most
 * SQ_DOC_NEARBY_MAX of them, the rest counted. */
static const char *name_list(struct builder *b, const uint32_t *v, size_t n,
			     bool with_street, enum sq_lang lang)
{
	const struct sq_model *m = b->m;
	struct sq_buf s = {0};
	bool zh = lang == SQ_ZH;
	for (size_t i = 0; i < n && i < SQ_DOC_NEARBY_MAX; i++) {
		const struct sq_community *o = &m->comms[v[i]];
		if (i)
			sq_buf_adds(&s, zh ? "、" : ", ");
		sq_buf_adds(&s, sq_comm_name(o, lang));
		if (with_street)
			sq_buf_addf(&s, zh ? "（%s）" : " (%s)",
				    sq_street_name(&m->streets[o->street], lang));
	}
	if (n > SQ_DOC_NEARBY_MAX)
		sq_buf_addf(&s, zh ? "，另有 %zu 个" : " and %zu more",
			    n - SQ_DOC_NEARBY_MAX);
	if (!n)
		sq_buf_adds(&s, zh ? "无" : "none");
	const char *r = sq_arena_strndup(b->d->arena, s.data ? s.data : "", s.len);
	sq_buf_free(&s);
	return r;
}

static void add_nearby(struct builder *b)
{
	if (!b->m->n_intl)
		return;
	item(b, SQ_DOC_NEARBY);
	for (int pass = 0; pass < 2; pass++) {
		uint32_t *v;
		size_t n = neighbours(b, pass == 0, &v);
		struct sq_doc_item *it =
			item(b, pass == 0 ? SQ_DOC_NEAR_STREET : SQ_DOC_NEAR_DISTRICT);
		for (unsigned i = 0; i < b->d->n_langs; i++)
			add_text(it, name_list(b, v, n, pass == 1, b->d->langs[i]),
				 b->d->langs[i]);
		free(v);
	}
}

/* The data's Source reads "NAME, YYYY-MM-DD[ remark]": the date becomes the
 * data date.  Anything else is the source, whole. */
static void add_source(struct builder *b)
{
	const char *src = b->c->source, *at;
	int year, month;
	if (!src || !*src)
		return;
	if (source_date(src, &at, &year, &month)) {
		one(b, SQ_DOC_SOURCE, fmt(b, "%.*s%s", (int)(at - src), src, at + 12), SQ_ZH);
		one(b, SQ_DOC_DATA_DATE, fmt(b, "%.10s", at + 2), SQ_EN);
		return;
	}
	one(b, SQ_DOC_SOURCE, src, SQ_ZH);
}

struct sq_doc *sq_doc_build(const struct sq_model *m, uint32_t comm,
			    const enum sq_lang *langs, unsigned n_langs,
			    unsigned flags)
{
	struct sq_doc *d = sq_xcalloc(1, sizeof *d);
	d->arena = sq_arena_new();
	d->comm = comm;
	d->langs[0] = n_langs ? langs[0] : SQ_ZH;
	d->n_langs = 1;
	if (n_langs > 1 && langs[1] != langs[0])
		d->langs[d->n_langs++] = langs[1];
	const struct sq_community *c = &m->comms[comm];
	struct builder b = {
		.m = m,
		.c = c,
		.d = d,
		.has_zh = d->langs[0] == SQ_ZH ||
			  (d->n_langs > 1 && d->langs[1] == SQ_ZH),
		.has_en = d->langs[0] == SQ_EN ||
			  (d->n_langs > 1 && d->langs[1] == SQ_EN),
	};
	bool intl = sq_comm_international(c);

	both(&b, SQ_DOC_TITLE, intl ? title_intl[SQ_ZH] : title_plain[SQ_ZH],
	     intl ? title_intl[SQ_EN] : title_plain[SQ_EN]);
	add_names(&b);
	one(&b, SQ_DOC_PINYIN, c->pinyin, SQ_EN);
	for (uint32_t i = 0; i < c->n_aliases; i++)
		one(&b, SQ_DOC_ALIAS, c->aliases[i], SQ_ZH);

	const struct sq_district *dist = sq_comm_district(m, c);
	both(&b, SQ_DOC_DISTRICT, dist->name, dist->name_en);
	if (c->district_announced && *c->district_announced &&
	    strcmp(c->district_announced, dist->name) != 0)
		both(&b, SQ_DOC_ANNOUNCED, c->district_announced,
		     c->district_announced_en);
	const struct sq_street *st = sq_comm_street(m, c);
	both(&b, SQ_DOC_STREET, st->name, st->name_en);
	one(&b, SQ_DOC_CODE, c->code, SQ_EN);

	add_recognition(&b);
	add_figure(&b, SQ_DOC_FOREIGN, c->foreign_residents);
	add_figure(&b, SQ_DOC_STAFF, c->staff);
	add_figure(&b, SQ_DOC_VOLUNTEERS, c->volunteers);
	if (flags & SQ_DOC_WITH_NEARBY)
		add_nearby(&b);
	if (!sq_comm_has_details(c)) {
		const char *const *note = c->batch > 0 ? no_details_intl
					  : intl       ? no_details_month
						       : no_details_plain;
		both(&b, SQ_DOC_NOTE, note[SQ_ZH], note[SQ_EN]);
	}
	add_services(&b);
	if ((c->summary && *c->summary) || (c->summary_en && *c->summary_en))
		both(&b, SQ_DOC_SUMMARY, c->summary, c->summary_en);
	add_source(&b);
	return d;
}

void sq_doc_free(struct sq_doc *d)
{
	if (!d)
		return;
	free(d->items);
	sq_arena_free(d->arena);
	free(d);
}
