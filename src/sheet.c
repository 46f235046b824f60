/* SPDX-License-Identifier: MIT */
#include "sheet.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Sheet labels are data-like: they follow the sheet's language, not the
 * interface locale, so they live here rather than in po/. */
enum label {
	L_PINYIN, L_ALIAS, L_DISTRICT, L_STREET, L_CODE, L_RECOGNIZED,
	L_FOREIGN, L_STAFF, L_VOLUNTEERS, L_SERVICES, L_SUMMARY, L_NOTE,
	L_SOURCE, L_DATA_DATE, L_PRINTED, L_COUNT
};

static const char *const labels[L_COUNT][2] = {
	[L_PINYIN] = {"拼音", "Pinyin"},
	[L_ALIAS] = {"别称", "Also called"},
	[L_DISTRICT] = {"所在区", "District"},
	[L_STREET] = {"街道", "Subdistrict"},
	[L_CODE] = {"区划代码", "Code"},
	[L_RECOGNIZED] = {"认定", "Recognized"},
	[L_FOREIGN] = {"外籍居民", "Foreign residents"},
	[L_STAFF] = {"外语人员", "Language staff"},
	[L_VOLUNTEERS] = {"志愿者", "Volunteers"},
	[L_SERVICES] = {"服务", "Services"},
	[L_SUMMARY] = {"简介", "Summary"},
	[L_NOTE] = {"说明", "Note"},
	[L_SOURCE] = {"来源", "Source"},
	[L_DATA_DATE] = {"资料日期", "Data date"},
	[L_PRINTED] = {"打印日期", "Printed"},
};

static const char *const sheet_title[2] = {
	"杭州市国际化示范社区 社区概况",
	"Hangzhou International Demonstration Community: fact sheet",
};

static const char *const no_details[2] = {
	"公告只列出了本社区的名称、所在地和批次，没有更多介绍。",
	"The announcement lists only this community's name, place and batch; "
	"it gives no further details.",
};

static const char *const months_en[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

time_t sq_sheet_time(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (s && *s) {
		char *end;
		errno = 0;
		long long v = strtoll(s, &end, 10);
		if (!errno && !*end && v >= 0)
			return (time_t)v;
	}
	return time(NULL);
}

void sq_sheet_tm(time_t t, struct tm *out)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (s && *s)
		gmtime_r(&t, out);
	else
		localtime_r(&t, out);
}

/* Building ---------------------------------------------------------------- */

struct builder {
	struct sq_sheet *sh;
	size_t cap_fields, cap_paras;
	bool zh, en; /* languages shown */
};

static const char *fmt(struct builder *b, const char *f, ...)
	__attribute__((format(printf, 2, 3)));

static const char *fmt(struct builder *b, const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, f, ap);
	va_end(ap);
	char *p = sq_arena_alloc(b->sh->arena, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, f, ap2);
	va_end(ap2);
	return p;
}

static void begin_field(struct builder *b, enum label l, bool footer)
{
	struct sq_sheet *sh = b->sh;
	if (sh->n_fields == b->cap_fields) {
		b->cap_fields = b->cap_fields ? 2 * b->cap_fields : 16;
		sh->fields = sq_xreallocarray(sh->fields, b->cap_fields,
					      sizeof *sh->fields);
	}
	struct sq_sheet_field *f = &sh->fields[sh->n_fields++];
	memset(f, 0, sizeof *f);
	if (b->zh)
		f->label[f->n_label++] = labels[l][SQ_ZH];
	if (b->en)
		f->label[f->n_label++] = labels[l][SQ_EN];
	f->first = sh->n_paras;
	f->footer = footer;
}

static void add_para(struct builder *b, enum sq_sheet_kind kind,
		     enum sq_lang lang, const char *text)
{
	struct sq_sheet *sh = b->sh;
	if (sh->n_paras == b->cap_paras) {
		b->cap_paras = b->cap_paras ? 2 * b->cap_paras : 64;
		sh->paras = sq_xreallocarray(sh->paras, b->cap_paras,
					     sizeof *sh->paras);
	}
	sh->paras[sh->n_paras++] =
		(struct sq_sheet_para){.kind = kind, .lang = lang, .text = text};
	sh->fields[sh->n_fields - 1].count++;
}

/* A paragraph per language shown; the English one is left out when it would
 * repeat the Chinese (no translation). */
static void add_both(struct builder *b, enum sq_sheet_kind kind,
		     const char *zh, const char *en)
{
	bool has_en = en && *en && strcmp(en, zh) != 0;
	if (b->zh || !has_en)
		add_para(b, kind, SQ_ZH, zh);
	if (b->en && has_en)
		add_para(b, b->zh && kind == SQ_SHEET_ITEM ? SQ_SHEET_MORE : kind,
			 SQ_EN, en);
}

static void add_figure(struct builder *b, enum label l, struct sq_figure f)
{
	if (f.value < 0)
		return;
	begin_field(b, l, false);
	add_both(b, SQ_SHEET_TEXT,
		 fmt(b, "%" PRId32 "%s人", f.value, f.more ? "余" : ""),
		 fmt(b, "%s%" PRId32, f.more ? "more than " : "", f.value));
}

static void add_recognition(struct builder *b, const struct sq_community *c)
{
	int year = 0, month = 0;
	bool dated = c->recognized &&
		     sscanf(c->recognized, "%4d-%2d", &year, &month) == 2 &&
		     month >= 1 && month <= 12;
	const char *zh, *en;
	static const char *const numerals[] = {
		"一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
	};
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
	begin_field(b, L_RECOGNIZED, false);
	add_both(b, SQ_SHEET_TEXT, zh, en);
}

/* The data's Source reads "NAME, YYYY-MM-DD[ remark]": the date becomes the
 * sheet's data date.  Anything else is shown whole as the source. */
static void add_source(struct builder *b, const char *src)
{
	const char *date = NULL;
	for (const char *p = src; (p = strstr(p, ", ")) != NULL; p += 2) {
		const char *d = p + 2;
		bool ok = true;
		for (int i = 0; i < 10 && ok; i++)
			ok = i == 4 || i == 7 ? d[i] == '-'
					      : isdigit((unsigned char)d[i]);
		if (ok && (d[10] == '\0' || d[10] == ' ')) {
			date = d;
			begin_field(b, L_SOURCE, true);
			const char *rest = d + 10;
			add_para(b, SQ_SHEET_TEXT, SQ_ZH,
				 fmt(b, "%.*s%s", (int)(p - src), src, rest));
			break;
		}
	}
	if (!date) {
		begin_field(b, L_SOURCE, true);
		add_para(b, SQ_SHEET_TEXT, SQ_ZH, src);
		return;
	}
	begin_field(b, L_DATA_DATE, true);
	add_para(b, SQ_SHEET_TEXT, SQ_EN, fmt(b, "%.10s", date));
}

static void add_services(struct builder *b, const struct sq_community *c)
{
	if (!c->n_services)
		return;
	begin_field(b, L_SERVICES, false);
	for (int cat = 0; cat < SQ_CAT_COUNT; cat++) {
		bool any = false;
		for (uint32_t i = 0; i < c->n_services; i++) {
			const struct sq_service *s = &c->services[i];
			if ((int)s->cat != cat)
				continue;
			if (!any) {
				const char *zh = sq_category_name(cat, SQ_ZH);
				const char *en = sq_category_name(cat, SQ_EN);
				add_para(b, SQ_SHEET_GROUP, b->zh ? SQ_ZH : SQ_EN,
					 b->zh && b->en ? fmt(b, "%s %s", zh, en)
					 : b->zh	? zh
							: en);
				any = true;
			}
			add_both(b, SQ_SHEET_ITEM, s->zh, s->en);
		}
	}
}

struct sq_sheet *sq_sheet_build(const struct sq_model *m,
				const struct sq_community *c,
				enum sq_sheet_lang lang, time_t printed)
{
	struct sq_sheet *sh = sq_xcalloc(1, sizeof *sh);
	struct builder b = {
		.sh = sh,
		.zh = lang != SQ_SHEET_EN,
		.en = lang != SQ_SHEET_ZH,
	};
	sh->lang = lang;
	sh->arena = sq_arena_new();
	sh->printed = printed;
	sh->code = c->code;
	if (b.zh)
		sh->title[sh->n_title++] = sheet_title[SQ_ZH];
	if (b.en)
		sh->title[sh->n_title++] = sheet_title[SQ_EN];

	/* Names: the reader's language first; both always, so that a foreign
	 * resident can show the Chinese name to anyone. */
	bool has_en = c->name_en && *c->name_en;
	if (lang == SQ_SHEET_EN && has_en)
		sh->names[sh->n_names++] = c->name_en;
	sh->names[sh->n_names++] = c->name;
	if (lang != SQ_SHEET_EN && has_en)
		sh->names[sh->n_names++] = c->name_en;
	sh->doc_title = has_en ? fmt(&b, "%s %s", c->name, c->name_en) : c->name;

	if (c->pinyin && *c->pinyin) {
		begin_field(&b, L_PINYIN, false);
		add_para(&b, SQ_SHEET_TEXT, SQ_EN, c->pinyin);
	}
	if (c->n_aliases) {
		begin_field(&b, L_ALIAS, false);
		for (uint32_t i = 0; i < c->n_aliases; i++)
			add_para(&b, SQ_SHEET_TEXT, SQ_ZH, c->aliases[i]);
	}

	const struct sq_district *d = sq_comm_district(m, c);
	begin_field(&b, L_DISTRICT, false);
	add_both(&b, SQ_SHEET_TEXT, d->name, d->name_en);
	if (c->district_announced && strcmp(c->district_announced, d->name)) {
		const char *zh = fmt(&b, "公告中列为%s", c->district_announced);
		const char *en = fmt(&b, "Listed in the announcement under %s",
				     c->district_announced_en &&
						     *c->district_announced_en
					     ? c->district_announced_en
					     : c->district_announced);
		add_both(&b, SQ_SHEET_TEXT, zh, en);
	}
	const struct sq_street *st = sq_comm_street(m, c);
	begin_field(&b, L_STREET, false);
	add_both(&b, SQ_SHEET_TEXT, st->name, st->name_en);

	begin_field(&b, L_CODE, false);
	add_para(&b, SQ_SHEET_TEXT, SQ_EN, c->code);

	add_recognition(&b, c);
	add_figure(&b, L_FOREIGN, c->foreign_residents);
	add_figure(&b, L_STAFF, c->staff);
	add_figure(&b, L_VOLUNTEERS, c->volunteers);
	add_services(&b, c);

	if (c->summary && *c->summary) {
		begin_field(&b, L_SUMMARY, false);
		add_both(&b, SQ_SHEET_TEXT, c->summary, c->summary_en);
	}
	if (!sq_comm_has_details(c)) {
		begin_field(&b, L_NOTE, false);
		add_both(&b, SQ_SHEET_TEXT, no_details[SQ_ZH], no_details[SQ_EN]);
	}

	if (c->source && *c->source)
		add_source(&b, c->source);
	struct tm tm;
	sq_sheet_tm(printed, &tm);
	begin_field(&b, L_PRINTED, true);
	add_para(&b, SQ_SHEET_TEXT, SQ_EN,
		 fmt(&b, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
		     tm.tm_mday));
	return sh;
}

void sq_sheet_free(struct sq_sheet *sh)
{
	if (!sh)
		return;
	free(sh->fields);
	free(sh->paras);
	sq_arena_free(sh->arena);
	free(sh);
}

/* Text rendering ---------------------------------------------------------- */

/* Wrapped lines of one paragraph, with the prefix each line takes. */
struct wrapped {
	const char *text;
	struct sq_line *lines;
	size_t n;
	const char *first_prefix, *prefix; /* of width 0 or 2 */
};

static void add_wrapped(struct sq_buf *out, const char *s, int width)
{
	struct sq_line *lines;
	size_t n = sq_wrap(s, strlen(s), width, &lines);
	for (size_t i = 0; i < n; i++) {
		sq_buf_add(out, s + lines[i].off, lines[i].len);
		sq_buf_adds(out, "\n");
	}
	free(lines);
}

static void add_rule(struct sq_buf *out, char c, int width)
{
	for (int i = 0; i < width; i++)
		sq_buf_add(out, &c, 1);
	sq_buf_adds(out, "\n");
}

/* The label column: wide enough for the widest label plus a gap of two, but
 * no more than a third of the sheet; longer labels wrap within it, between
 * words, so it is never narrower than a label's longest word. */
static int label_column(const struct sq_sheet *sh, int width)
{
	int widest = 0, widest_word = 0;
	for (size_t i = 0; i < sh->n_fields; i++)
		for (unsigned j = 0; j < sh->fields[i].n_label; j++) {
			const char *l = sh->fields[i].label[j];
			int w = sq_strwidth(l);
			if (w > widest)
				widest = w;
			for (const char *p = l; *p; p += strspn(p, " ")) {
				size_t n = strcspn(p, " ");
				w = sq_width(p, n);
				if (w > widest_word)
					widest_word = w;
				p += n;
			}
		}
	int cap = width / 3 > widest_word ? width / 3 : widest_word;
	return (widest < cap ? widest : cap) + 2;
}

static void render_field(const struct sq_sheet *sh,
			 const struct sq_sheet_field *f, int lcol, int width,
			 struct sq_buf *out)
{
	/* Label lines, each label wrapped to the column less its gap. */
	struct sq_line *llines[2] = {NULL, NULL};
	size_t nl[2] = {0, 0}, n_label_lines = 0;
	for (unsigned j = 0; j < f->n_label; j++) {
		nl[j] = sq_wrap(f->label[j], strlen(f->label[j]), lcol - 2,
				&llines[j]);
		n_label_lines += nl[j];
	}

	/* Value lines. */
	size_t np = f->count;
	struct wrapped *w = sq_xcalloc(np ? np : 1, sizeof *w);
	size_t n_value_lines = 0;
	int vcol = width - lcol;
	for (size_t i = 0; i < np; i++) {
		const struct sq_sheet_para *p = &sh->paras[f->first + i];
		bool indented = p->kind == SQ_SHEET_ITEM || p->kind == SQ_SHEET_MORE;
		w[i].text = p->text;
		w[i].first_prefix = p->kind == SQ_SHEET_ITEM ? "- "
				    : indented		    ? "  "
							    : "";
		w[i].prefix = indented ? "  " : "";
		w[i].n = sq_wrap(p->text, strlen(p->text),
				 indented ? vcol - 2 : vcol, &w[i].lines);
		n_value_lines += w[i].n;
	}

	size_t rows = n_label_lines > n_value_lines ? n_label_lines
						    : n_value_lines;
	size_t lj = 0, li = 0, vp = 0, vi = 0;
	for (size_t r = 0; r < rows; r++) {
		bool has_value = r < n_value_lines;
		if (r < n_label_lines) {
			while (li >= nl[lj]) {
				lj++;
				li = 0;
			}
			const char *l = f->label[lj];
			const struct sq_line *ln = &llines[lj][li++];
			if (has_value)
				sq_buf_fit(out, l + ln->off, ln->len, lcol);
			else
				sq_buf_add(out, l + ln->off, ln->len);
		} else if (has_value) {
			sq_buf_spaces(out, lcol);
		}
		if (has_value) {
			while (vi >= w[vp].n) {
				vp++;
				vi = 0;
			}
			sq_buf_adds(out, vi ? w[vp].prefix : w[vp].first_prefix);
			const struct sq_line *ln = &w[vp].lines[vi++];
			sq_buf_add(out, w[vp].text + ln->off, ln->len);
		}
		sq_buf_adds(out, "\n");
	}

	for (size_t i = 0; i < np; i++)
		free(w[i].lines);
	free(w);
	free(llines[0]);
	free(llines[1]);
}

void sq_sheet_text(const struct sq_sheet *sh, int width, struct sq_buf *out)
{
	if (width < SQ_SHEET_MIN_WIDTH)
		width = SQ_SHEET_MIN_WIDTH;
	if (width > SQ_SHEET_MAX_WIDTH)
		width = SQ_SHEET_MAX_WIDTH;
	for (unsigned i = 0; i < sh->n_title; i++)
		add_wrapped(out, sh->title[i], width);
	sq_buf_adds(out, "\n");
	for (unsigned i = 0; i < sh->n_names; i++)
		add_wrapped(out, sh->names[i], width);
	add_rule(out, '=', width);

	int lcol = label_column(sh, width);
	bool in_footer = false;
	for (size_t i = 0; i < sh->n_fields; i++) {
		const struct sq_sheet_field *f = &sh->fields[i];
		if (f->footer && !in_footer) {
			add_rule(out, '-', width);
			in_footer = true;
		}
		render_field(sh, f, lcol, width, out);
	}
}

size_t sq_sheet_lines(const struct sq_sheet *sh, int width, char ***out)
{
	struct sq_buf b = {0};
	sq_sheet_text(sh, width, &b);
	size_t n = 0, cap = 64;
	char **lines = sq_xreallocarray(NULL, cap, sizeof *lines);
	const char *s = sq_buf_str(&b);
	for (const char *nl; (nl = strchr(s, '\n')) != NULL; s = nl + 1) {
		if (n == cap) {
			cap *= 2;
			lines = sq_xreallocarray(lines, cap, sizeof *lines);
		}
		lines[n++] = sq_xstrndup(s, (size_t)(nl - s));
	}
	sq_buf_free(&b);
	*out = lines;
	return n;
}

void sq_sheet_lines_free(char **lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

void sq_sheet_file_name(const struct sq_sheet *sh, const char *ext,
			struct sq_buf *out)
{
	static const char *const lang[] = {"zh", "en", "both"};
	/* The code is 12 digits by the data's rules; keep the name ASCII and
	 * free of path separators whatever it holds. */
	for (const char *p = sh->code; *p; p++)
		sq_buf_add(out, isalnum((unsigned char)*p) ? p : "_", 1);
	sq_buf_addf(out, "-%s.%s", lang[sh->lang], ext);
}
