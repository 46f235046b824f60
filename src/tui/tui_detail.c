/* SPDX-License-Identifier: MIT */
/* The detail view: everything known about one community, full width,
 * scrollable.  Built as paragraphs once, wrapped (sq_wrap: UAX #14) whenever
 * the width or the language changes. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "i18n.h"
#include "tui_int.h"
#include "util.h"

/* A block of the detail view before wrapping. */
/* Indents that are columns, not cells. */
enum {
	LABELLED = -1, /* the label before a '\t', then the value */
	VALUE_COLUMN = -2, /* under a labelled value (its other language) */
};

struct para {
	char *text;
	const char *prefix; /* on the first line ("- "), NULL for none */
	enum tui_role role;
	int indent;         /* cells, or LABELLED or VALUE_COLUMN */
};

/* A line of the wrapped view: a piece of a paragraph, and for a labelled
 * one the piece of its label that goes beside it (labels wrap too). */
struct dline {
	uint32_t para;
	size_t off, len;
	size_t label_off, label_len;
	bool first;
};

struct detail {
	uint32_t comm;
	struct para *paras;
	size_t n_paras, cap_paras;
	struct dline *lines;
	size_t n_lines;
	int wrapped_cols;
	int label_cols;      /* the label column, as last wrapped */
	struct tui_scroll sc; /* over lines: sc.lines is n_lines, once wrapped */
	WINDOW *win;
	bool dirty;
};

/* The label column for cols: as wide as the widest label shown, but no
 * more than a quarter of the line unless a single word needs it; longer
 * labels wrap within it.  Two cells of gap after it. */
static int label_column(const struct detail *d, int cols)
{
	int widest = 0, word = 0;
	for (size_t i = 0; i < d->n_paras; i++) {
		const struct para *pa = &d->paras[i];
		if (pa->indent != LABELLED)
			continue;
		size_t n = strcspn(pa->text, "\t");
		int w = sq_width(pa->text, n);
		widest = w > widest ? w : widest;
		for (size_t k = 0; k < n;) {
			size_t len = strcspn(pa->text + k, " -\t");
			len = len > n - k ? n - k : len;
			w = sq_width(pa->text + k, len);
			word = w > word ? w : word;
			k += len + 1;
		}
	}
	int cap = cols / 4 > word ? cols / 4 : word;
	return (widest < cap ? widest : cap) + 2;
}

static void clear_paras(struct detail *d)
{
	for (size_t i = 0; i < d->n_paras; i++)
		free(d->paras[i].text);
	d->n_paras = 0;
	free(d->lines);
	d->lines = NULL;
	d->n_lines = 0;
	d->wrapped_cols = 0;
}

static void para(struct detail *d, const char *prefix, enum tui_role role,
		 int indent, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void para(struct detail *d, const char *prefix, enum tui_role role,
		 int indent, const char *fmt, ...)
{
	if (d->n_paras == d->cap_paras) {
		d->cap_paras = d->cap_paras ? d->cap_paras * 2 : 32;
		d->paras = sq_xreallocarray(d->paras, d->cap_paras, sizeof *d->paras);
	}
	struct sq_buf text = {0};
	va_list ap;
	va_start(ap, fmt);
	sq_buf_vaddf(&text, fmt, ap);
	va_end(ap);
	/* The paragraph owns the buffer's bytes, never NULL after a format
	 * (freed with free()). */
	d->paras[d->n_paras++] = (struct para){text.data, prefix, role, indent};
}

static void blank(struct detail *d)
{
	para(d, NULL, ROLE_NORMAL, 0, "%s", "");
}

/* A section heading, after a blank line. */
static void section(struct detail *d, const char *heading)
{
	blank(d);
	para(d, NULL, ROLE_SECTION, 0, "%s", heading);
}

/* The item's texts on one line, the first language first. */
static const char *joined(const struct sq_doc_item *it, struct sq_buf *b)
{
	sq_buf_reset(b);
	for (unsigned k = 0; k < it->n; k++) {
		if (k)
			sq_buf_adds(b, "  ");
		sq_buf_adds(b, it->text[k]);
	}
	return sq_buf_str(b);
}

/* The community's document (sq_doc_build), in the interface's language
 * first and the other second, as paragraphs: labelled lines for the
 * facts, sections for the nearby communities, the services and the
 * summary, the other language dimmed under the first. */
static void build(struct tui *t, struct detail *d, uint32_t ci)
{
	enum sq_lang langs[2] = {t->lang, t->lang == SQ_ZH ? SQ_EN : SQ_ZH};
	struct sq_doc *doc = sq_doc_build(t->model, ci, langs, 2, SQ_DOC_WITH_NEARBY);
	struct sq_buf b = {0};
	clear_paras(d);
	d->comm = ci;
	for (size_t i = 0; i < doc->n_items; i++) {
		const struct sq_doc_item *it = &doc->items[i];
		const char *label = sq_doc_label(it->id, t->lang);
		switch (it->id) {
		case SQ_DOC_TITLE:
			break;
		case SQ_DOC_NAME:
			for (unsigned k = 0; k < it->n; k++)
				para(d, NULL, ROLE_NAME, 0, "%s", it->text[k]);
			break;
		case SQ_DOC_PINYIN:
			para(d, NULL, ROLE_DIM, 0, "%s", it->text[0]);
			blank(d);
			break;
		case SQ_DOC_NEARBY:
		case SQ_DOC_SERVICES:
			section(d, label);
			break;
		case SQ_DOC_NEAR_STREET:
		case SQ_DOC_NEAR_DISTRICT:
			/* Names of other communities: the first language says it. */
			para(d, NULL, ROLE_NORMAL, LABELLED, "%s\t%s", label, it->text[0]);
			break;
		case SQ_DOC_CATEGORY:
			para(d, NULL, ROLE_LABEL, 1, "%s", joined(it, &b));
			break;
		case SQ_DOC_SERVICE:
			para(d, t->g->bullet, ROLE_NORMAL, 3, "%s", it->text[0]);
			if (it->n > 1)
				para(d, NULL, ROLE_DIM, 5, "%s", it->text[1]);
			break;
		case SQ_DOC_SUMMARY:
			section(d, label);
			para(d, NULL, ROLE_NORMAL, 1, "%s", it->text[0]);
			if (it->n > 1)
				para(d, NULL, ROLE_DIM, 1, "%s", it->text[1]);
			break;
		case SQ_DOC_NOTE:
			blank(d);
			para(d, NULL, ROLE_DIM, 0, "%s", it->text[0]);
			break;
		case SQ_DOC_SOURCE:
			blank(d);
			para(d, NULL, ROLE_NORMAL, LABELLED, "%s\t%s", label, joined(it, &b));
			break;
		case SQ_DOC_RECOGNITION:
			/* A sentence: the other language on a line of its own. */
			para(d, NULL, ROLE_NORMAL, LABELLED, "%s\t%s", label, it->text[0]);
			if (it->n > 1)
				para(d, NULL, ROLE_DIM, VALUE_COLUMN, "%s", it->text[1]);
			break;
		default:
			/* Names and figures: both languages on the line. */
			para(d, NULL, ROLE_NORMAL, LABELLED, "%s\t%s", label ? label : "",
			     joined(it, &b));
			break;
		}
	}
	sq_buf_free(&b);
	sq_doc_free(doc);
}

static void add_line(struct detail *d, size_t *cap, struct dline ln)
{
	if (d->n_lines == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		d->lines = sq_xreallocarray(d->lines, *cap, sizeof *d->lines);
	}
	d->lines[d->n_lines++] = ln;
}

static void wrap(struct detail *d, int cols)
{
	size_t cap = 0;
	int lw = d->label_cols = label_column(d, cols);
	free(d->lines);
	d->lines = NULL;
	d->n_lines = 0;
	for (uint32_t p = 0; p < d->n_paras; p++) {
		const struct para *pa = &d->paras[p];
		const char *text = pa->text;
		size_t off = 0;
		int indent = pa->indent < 0 ? lw : pa->indent;
		struct sq_line *labels = NULL;
		size_t n_labels = 0;
		if (pa->indent == LABELLED) {
			off = strcspn(text, "\t");
			n_labels = sq_wrap(text, off, lw - 2, &labels);
			off++;
		}
		int pw = pa->prefix ? sq_strwidth(pa->prefix) : 0;
		int width = cols - 2 - indent - pw;
		if (width < 4)
			width = 4;
		struct sq_line *lines;
		size_t n = sq_wrap(text + off, strlen(text + off), width, &lines);
		for (size_t i = 0; i < n || i < n_labels; i++) {
			struct dline ln = {.para = p, .off = off, .first = i == 0};
			if (i < n) {
				ln.off += lines[i].off;
				ln.len = lines[i].len;
			}
			if (i < n_labels) {
				ln.label_off = labels[i].off;
				ln.label_len = labels[i].len;
			}
			add_line(d, &cap, ln);
		}
		free(lines);
		free(labels);
	}
	d->wrapped_cols = cols;
	d->sc.lines = d->n_lines;
	tui_scroll_to(&d->sc, d->sc.top);
}

static bool detail_init(struct tui *t, struct tui_frame *f, const void *arg)
{
	struct detail *d = f->priv;
	build(t, d, *(const uint32_t *)arg);
	return true;
}

static void detail_done(struct tui *t, struct tui_frame *f)
{
	struct detail *d = f->priv;
	(void)t;
	clear_paras(d);
	free(d->paras);
	tui_free_window(&d->win);
}

static void detail_layout(struct tui *t, struct tui_frame *f)
{
	struct detail *d = f->priv;
	d->win = tui_body_window(t, d->win);
	d->sc.rows = d->win ? getmaxy(d->win) : 1;
	if (d->n_paras) {
		/* The language may have changed too: rebuild, then rewrap.
		 * Both languages give the same paragraphs, so the one at the
		 * top stays there, at the same point of it in proportion. */
		uint32_t para = 0;
		size_t into = 0, old_len = 1;
		if (d->sc.top < d->n_lines) {
			para = d->lines[d->sc.top].para;
			while (into < d->sc.top && d->lines[d->sc.top - into - 1].para == para)
				into++;
			while (d->sc.top - into + old_len < d->n_lines &&
			       d->lines[d->sc.top - into + old_len].para == para)
				old_len++;
		}
		build(t, d, d->comm);
		wrap(d, t->geom.cols);
		d->sc.top = 0;
		size_t len = 0;
		for (size_t i = 0; i < d->n_lines; i++) {
			if (d->lines[i].para != para)
				continue;
			if (!len)
				d->sc.top = i;
			len++;
		}
		if (len)
			d->sc.top += into * len / old_len;
		tui_scroll_to(&d->sc, d->sc.top);
	}
	d->dirty = true;
}

static void detail_draw(struct tui *t, struct tui_frame *f)
{
	struct detail *d = f->priv;
	if ((!d->dirty && !f->dirty) || !d->win)
		return;
	if (d->wrapped_cols != t->geom.cols)
		wrap(d, t->geom.cols);
	int rows = getmaxy(d->win), lw = d->label_cols;
	struct tui_row *r = &t->row;
	for (int y = 0; y < rows; y++) {
		size_t i = d->sc.top + (size_t)y;
		tui_row_reset(r);
		if (i >= d->n_lines) {
			tui_row_draw(r, d->win, y, ROLE_NORMAL);
			continue;
		}
		const struct dline *ln = &d->lines[i];
		const struct para *pa = &d->paras[ln->para];
		int avail = t->geom.cols - 2;
		tui_row_glyph(r, " ", ROLE_NORMAL);
		if (pa->indent < 0) {
			tui_row_text(r, pa->text + ln->label_off, ln->label_len, lw,
				     ROLE_LABEL, NULL, ROLE_LABEL);
			avail -= lw;
		} else {
			tui_row_fill(r, pa->indent, ROLE_NORMAL);
			avail -= pa->indent;
		}
		if (pa->prefix) {
			int pw = sq_strwidth(pa->prefix);
			if (ln->first)
				tui_row_str(r, pa->prefix, pw, ROLE_DIM);
			else
				tui_row_fill(r, pw, ROLE_NORMAL);
			avail -= pw;
		}
		tui_row_text(r, pa->text + ln->off, ln->len, avail, pa->role, NULL,
			     pa->role);
		tui_row_draw(r, d->win, y, ROLE_NORMAL);
	}
	wnoutrefresh(d->win);
	d->dirty = false;
}

/* The view moved: the title's position too. */
static void moved(struct tui *t, struct detail *d, bool did)
{
	if (did) {
		d->dirty = true;
		t->dirty_title = true;
	}
}

static bool detail_action(struct tui *t, struct tui_frame *f, enum tui_action act)
{
	struct detail *d = f->priv;
	bool did;
	if (tui_scroll_act(&d->sc, act, &did)) {
		moved(t, d, did);
		return true;
	}
	switch (act) {
	case ACT_LEFT:
	case ACT_BACK:
	case ACT_CLOSE:
		tui_close(t, f);
		return true;
	default:
		return false;
	}
}

static void detail_mouse(struct tui *t, struct tui_frame *f, const MEVENT *ev)
{
	struct detail *d = f->priv;
	if (ev->bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED))
		moved(t, d, tui_scroll_by(&d->sc, ev->bstate & BUTTON4_PRESSED ? -3 : 3));
}

static void detail_title(struct tui *t, struct tui_frame *f, struct sq_buf *left,
			 struct sq_buf *right)
{
	struct detail *d = f->priv;
	const struct sq_community *c = &t->model->comms[d->comm];
	sq_buf_adds(left, sq_comm_name(c, t->lang));
	/* Short, so that a narrow terminal keeps it beside a long name. */
	char pos[64];
	tui_scroll_position(&d->sc, pos, sizeof pos);
	sq_buf_adds(right, pos);
	if (pos[0] && d->sc.top == tui_scroll_max(&d->sc))
		sq_buf_addf(right, " %s", _("(end)"));
}

static uint32_t detail_current(struct tui *t, struct tui_frame *f)
{
	const struct detail *d = f->priv;
	(void)t;
	return d->comm;
}

/* The same community, by its code, in the other data set; closed when it
 * is not there. */
static bool detail_retarget(struct tui *t, struct tui_frame *f,
			    const struct sq_model *old)
{
	struct detail *d = f->priv;
	uint32_t found;
	if (sq_model_find(t->model, old->comms[d->comm].code, &found, 1) != 1)
		return false;
	d->comm = found;
	d->sc.top = 0;
	build(t, d, found);
	d->wrapped_cols = 0;
	return true;
}

const struct tui_screen_type tui_detail_type = {
	.name = "detail",
	.keys = SCR_DETAIL,
	.private_size = sizeof(struct detail),
	.init = detail_init,
	.done = detail_done,
	.layout = detail_layout,
	.draw = detail_draw,
	.action = detail_action,
	.mouse = detail_mouse,
	.title = detail_title,
	.current = detail_current,
	.retarget = detail_retarget,
};
