/* SPDX-License-Identifier: MIT */
#include "sheet.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The one label of the sheet's own: the document knows nothing of printing. */
static const char *const printed_label[2] = {"打印日期", "Printed"};

const char *sq_sheet_printed_label(enum sq_lang lang)
{
	return printed_label[lang == SQ_EN];
}

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

/* Building: the document's items grouped into labelled fields ------------ */

struct builder {
	struct sq_sheet *sh;
	size_t cap_fields, cap_paras;
};

static void begin_field(struct builder *b, const char *const label[2],
			bool footer)
{
	struct sq_sheet *sh = b->sh;
	if (sh->n_fields == b->cap_fields) {
		b->cap_fields = b->cap_fields ? 2 * b->cap_fields : 16;
		sh->fields = sq_xreallocarray(sh->fields, b->cap_fields,
					      sizeof *sh->fields);
	}
	struct sq_sheet_field *f = &sh->fields[sh->n_fields++];
	memset(f, 0, sizeof *f);
	for (unsigned i = 0; i < sh->doc->n_langs; i++)
		f->label[f->n_label++] = label[sh->doc->langs[i] == SQ_EN];
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

static const char *join(struct sq_sheet *sh, const struct sq_doc_item *it)
{
	if (it->n < 2)
		return it->n ? it->text[0] : "";
	size_t a = strlen(it->text[0]), n = a + 1 + strlen(it->text[1]);
	char *s = sq_arena_alloc(sh->arena, n + 1);
	memcpy(s, it->text[0], a);
	s[a] = ' ';
	strcpy(s + a + 1, it->text[1]);
	return s;
}

static void add_item(struct builder *b, const struct sq_doc_item *it,
		     enum sq_doc_id prev)
{
	struct sq_sheet *sh = b->sh;
	const char *label[2] = {sq_doc_label(it->id, SQ_ZH),
				sq_doc_label(it->id, SQ_EN)};
	switch (it->id) {
	case SQ_DOC_TITLE:
		for (unsigned i = 0; i < it->n; i++)
			sh->title[sh->n_title++] = it->text[i];
		return;
	case SQ_DOC_NAME:
		for (unsigned i = 0; i < it->n; i++)
			sh->names[sh->n_names++] = it->text[i];
		return;
	case SQ_DOC_CATEGORY:
		/* One heading line: "语言课程 Language classes". */
		add_para(b, SQ_SHEET_GROUP, it->lang[0], join(sh, it));
		return;
	case SQ_DOC_SERVICE:
		for (unsigned i = 0; i < it->n; i++)
			add_para(b, i ? SQ_SHEET_MORE : SQ_SHEET_ITEM, it->lang[i],
				 it->text[i]);
		return;
	default:
		break;
	}
	/* Items of one kind in a row (aliases) share a label. */
	if (it->id != prev || !label[0])
		begin_field(b, label, it->id == SQ_DOC_SOURCE ||
					      it->id == SQ_DOC_DATA_DATE);
	for (unsigned i = 0; i < it->n; i++)
		add_para(b, SQ_SHEET_TEXT, it->lang[i], it->text[i]);
}

struct sq_sheet *sq_sheet_build(const struct sq_model *m,
				const struct sq_community *c,
				enum sq_sheet_lang lang, time_t printed)
{
	struct sq_sheet *sh = sq_xcalloc(1, sizeof *sh);
	struct builder b = {.sh = sh};
	enum sq_lang langs[2];
	unsigned n = sq_doc_sheet_langs(lang, langs);
	sh->doc = sq_doc_build(m, (uint32_t)(c - m->comms), langs, n, 0);
	sh->lang = lang;
	sh->model = m;
	sh->arena = sq_arena_new();
	sh->printed = printed;
	sh->code = c->code;
	/* The document's names: both, the sheet's language first, an English
	 * one that is the Chinese once. */
	sh->doc_title = join(sh, &sh->doc->items[sq_doc_find(sh->doc, SQ_DOC_NAME, 0)]);

	enum sq_doc_id prev = SQ_DOC_ID_COUNT;
	for (size_t i = 0; i < sh->doc->n_items; i++) {
		add_item(&b, &sh->doc->items[i], prev);
		prev = sh->doc->items[i].id;
	}

	struct tm tm;
	sq_sheet_tm(printed, &tm);
	char *date = sq_arena_alloc(sh->arena, 32);
	snprintf(date, 32, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday);
	begin_field(&b, printed_label, true);
	add_para(&b, SQ_SHEET_TEXT, SQ_EN, date);
	return sh;
}

void sq_sheet_free(struct sq_sheet *sh)
{
	if (!sh)
		return;
	free(sh->fields);
	free(sh->paras);
	sq_doc_free(sh->doc);
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
			/* Words end at spaces and after hyphens, where
			 * sq_wrap (UAX #14) may break too. */
			for (const char *p = l; *p; p += strspn(p, " ")) {
				size_t n = strcspn(p, " -");
				n += p[n] == '-';
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
