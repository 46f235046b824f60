/* SPDX-License-Identifier: MIT */
/* The detail view: everything known about one community, full width,
 * scrollable.  Built as paragraphs once, wrapped (sq_wrap: UAX #14) whenever
 * the width or the language changes. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "tui_int.h"
#include "util.h"

/* A block of the detail view before wrapping. */
struct para {
	char *text;
	const char *prefix; /* on the first line ("- "), NULL for none */
	enum tui_role role;
	int indent;         /* < 0: a labelled line, label before a '\t' */
};

/* A line of the wrapped view: a piece of a paragraph. */
struct dline {
	uint32_t para;
	size_t off, len;
	bool first;
};

struct detail {
	uint32_t comm;
	struct para *paras;
	size_t n_paras, cap_paras;
	struct dline *lines;
	size_t n_lines;
	int wrapped_cols;
	size_t top;
	WINDOW *win;
	bool dirty;
};

/* The label column: labels are padded to this many cells. */
static int label_width(void)
{
	static const char *const labels[] = {
		N_("District"), N_("Announced as"), N_("Street"), N_("Code"),
		N_("Batch"), N_("Foreign residents"), N_("Staff"), N_("Volunteers"),
		N_("Source"), N_("Same street"), N_("Same district"),
	};
	int w = 0;
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
		int lw = sq_strwidth(_(labels[i]));
		if (lw > w)
			w = lw;
	}
	return w + 2;
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

/* indent < 0: a labelled line (label in text before a '\t'). */
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

static void labelled(struct detail *d, const char *label, const char *value)
{
	/* The label goes in front of a tab; drawing puts it in its column. */
	para(d, NULL, ROLE_NORMAL, -1, "%s\t%s", label, value);
}

static void figure(struct detail *d, const char *label, struct sq_figure f)
{
	char v[64];
	if (f.value < 0)
		return;
	if (f.more)
		snprintf(v, sizeof v, _("more than %d"), (int)f.value);
	else
		snprintf(v, sizeof v, "%d", (int)f.value);
	labelled(d, label, v);
}

/* "zh  en", or one of them when they are the same or one is missing. */
static void both(struct sq_buf *b, const char *zh, const char *en)
{
	sq_buf_reset(b);
	sq_buf_adds(b, zh);
	if (en && *en && strcmp(en, zh) != 0) {
		sq_buf_adds(b, "  ");
		sq_buf_adds(b, en);
	}
}

/* At most this many neighbours are named on a line; the rest are counted. */
#define NEARBY_MAX 12

/* The international communities in the same street and elsewhere in the
 * same district: every community in the international data set, those with
 * a batch in the whole city. */
static void nearby(struct tui *t, struct detail *d, uint32_t ci, struct sq_buf *b)
{
	const struct sq_model *m = t->model;
	const struct sq_community *c = &m->comms[ci];
	uint32_t district = m->streets[c->street].district;
	bool any = false;
	for (uint32_t k = 0; k < m->n_comms && !any; k++)
		any = m->comms[k].batch > 0;
	if (!any)
		return;
	blank(d);
	para(d, NULL, ROLE_SECTION, 0, "%s", _("International communities nearby"));
	for (int pass = 0; pass < 2; pass++) {
		uint32_t n = 0, more = 0;
		sq_buf_reset(b);
		for (uint32_t k = 0; k < m->n_comms; k++) {
			const struct sq_community *o = &m->comms[k];
			bool street = o->street == c->street;
			if (o->batch <= 0 || k == ci || (pass == 0 && !street) ||
			    (pass == 1 && (street || m->streets[o->street].district != district)))
				continue;
			if (n == NEARBY_MAX) {
				more++;
				continue;
			}
			if (n++)
				sq_buf_adds(b, t->lang == SQ_ZH ? "\u3001" : ", ");
			sq_buf_adds(b, sq_comm_name(o, t->lang));
			if (pass == 1)
				sq_buf_addf(b, t->lang == SQ_ZH ? "\uff08%s\uff09" : " (%s)",
					    sq_street_name(&m->streets[o->street], t->lang));
		}
		if (more)
			sq_buf_addf(b, _(" and %u more"), more);
		if (!n)
			sq_buf_adds(b, _("none"));
		labelled(d, pass == 0 ? _("Same street") : _("Same district"),
			 sq_buf_str(b));
	}
}

static void build(struct tui *t, struct detail *d, uint32_t ci)
{
	const struct sq_model *m = t->model;
	const struct sq_community *c = &m->comms[ci];
	const struct sq_district *dist = sq_comm_district(m, c);
	const struct sq_street *st = sq_comm_street(m, c);
	enum sq_lang lang = t->lang, other = lang == SQ_ZH ? SQ_EN : SQ_ZH;
	struct sq_buf b = {0};

	clear_paras(d);
	d->comm = ci;
	para(d, NULL, ROLE_NAME, 0, "%s", sq_comm_name(c, lang));
	if (sq_comm_name(c, other) != sq_comm_name(c, lang))
		para(d, NULL, ROLE_NAME, 0, "%s", sq_comm_name(c, other));
	if (c->pinyin)
		para(d, NULL, ROLE_DIM, 0, "%s", c->pinyin);
	blank(d);

	both(&b, dist->name, dist->name_en);
	labelled(d, _("District"), sq_buf_str(&b));
	if (c->district_announced) {
		both(&b, c->district_announced, c->district_announced_en);
		labelled(d, _("Announced as"), sq_buf_str(&b));
	}
	both(&b, st->name, st->name_en);
	labelled(d, _("Street"), sq_buf_str(&b));
	labelled(d, _("Code"), c->code);
	if (c->batch > 0) {
		sq_buf_reset(&b);
		sq_buf_addf(&b, _("international demonstration community, batch %d"),
			    (int)c->batch);
		if (c->recognized)
			sq_buf_addf(&b, _(", recognized %s"), c->recognized);
		labelled(d, _("Batch"), sq_buf_str(&b));
	}
	figure(d, _("Foreign residents"), c->foreign_residents);
	figure(d, _("Staff"), c->staff);
	figure(d, _("Volunteers"), c->volunteers);
	nearby(t, d, ci, &b);

	if (!sq_comm_has_details(c)) {
		blank(d);
		if (c->batch > 0)
			para(d, NULL, ROLE_DIM, 0, "%s",
			     _("The announcement gives no details for this community "
			       "beyond its name, place and batch."));
		else
			para(d, NULL, ROLE_DIM, 0, "%s",
			     _("Not one of the international demonstration communities: "
			       "the data gives its name, place and code only."));
	}

	if (c->n_services) {
		blank(d);
		para(d, NULL, ROLE_SECTION, 0, "%s", _("Services"));
		for (int k = 0; k < SQ_CAT_COUNT; k++) {
			bool any = false;
			for (uint32_t i = 0; i < c->n_services; i++) {
				const struct sq_service *s = &c->services[i];
				if ((int)s->cat != k)
					continue;
				if (!any) {
					both(&b, sq_category_name((enum sq_category)k, SQ_ZH),
					     sq_category_name((enum sq_category)k, SQ_EN));
					para(d, NULL, ROLE_LABEL, 1, "%s", sq_buf_str(&b));
					any = true;
				}
				para(d, t->g->bullet, ROLE_NORMAL, 3, "%s",
				     sq_service_text(s, lang));
				const char *o = sq_service_text(s, other);
				if (o != sq_service_text(s, lang))
					para(d, NULL, ROLE_DIM, 5, "%s", o);
			}
		}
	}

	const char *sum = sq_comm_summary(c, lang), *osum = sq_comm_summary(c, other);
	if (sum) {
		blank(d);
		para(d, NULL, ROLE_SECTION, 0, "%s", _("Summary"));
		para(d, NULL, ROLE_NORMAL, 1, "%s", sum);
		if (osum && osum != sum)
			para(d, NULL, ROLE_DIM, 1, "%s", osum);
	}
	if (c->source) {
		blank(d);
		labelled(d, _("Source"), c->source);
	}
	sq_buf_free(&b);
}

static void add_line(struct detail *d, size_t *cap, uint32_t p, size_t off,
		     size_t len, bool first)
{
	if (d->n_lines == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		d->lines = sq_xreallocarray(d->lines, *cap, sizeof *d->lines);
	}
	d->lines[d->n_lines++] = (struct dline){p, off, len, first};
}

static void wrap(struct detail *d, int cols)
{
	size_t cap = 0;
	int lw = label_width();
	free(d->lines);
	d->lines = NULL;
	d->n_lines = 0;
	for (uint32_t p = 0; p < d->n_paras; p++) {
		const struct para *pa = &d->paras[p];
		const char *text = pa->text;
		size_t off = 0;
		int indent = pa->indent;
		if (indent < 0) {
			off = strcspn(text, "\t") + 1;
			indent = lw;
		}
		int pw = pa->prefix ? sq_strwidth(pa->prefix) : 0;
		int width = cols - 2 - indent - pw;
		if (width < 4)
			width = 4;
		struct sq_line *lines;
		size_t n = sq_wrap(text + off, strlen(text + off), width, &lines);
		for (size_t i = 0; i < n; i++)
			add_line(d, &cap, p, off + lines[i].off, lines[i].len, i == 0);
		free(lines);
	}
	d->wrapped_cols = cols;
}

static int view_rows(const struct detail *d)
{
	return d->win ? getmaxy(d->win) : 1;
}

static size_t max_top(const struct detail *d)
{
	size_t rows = (size_t)view_rows(d);
	return d->n_lines > rows ? d->n_lines - rows : 0;
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
	if (d->n_paras) {
		/* The language may have changed too: rebuild, then rewrap.
		 * Both languages give the same paragraphs, so the one at the
		 * top stays there, at the same point of it in proportion. */
		uint32_t para = 0;
		size_t into = 0, old_len = 1;
		if (d->top < d->n_lines) {
			para = d->lines[d->top].para;
			while (into < d->top && d->lines[d->top - into - 1].para == para)
				into++;
			while (d->top - into + old_len < d->n_lines &&
			       d->lines[d->top - into + old_len].para == para)
				old_len++;
		}
		build(t, d, d->comm);
		wrap(d, t->geom.cols);
		d->top = 0;
		size_t len = 0;
		for (size_t i = 0; i < d->n_lines; i++) {
			if (d->lines[i].para != para)
				continue;
			if (!len)
				d->top = i;
			len++;
		}
		if (len)
			d->top += into * len / old_len;
		if (d->top > max_top(d))
			d->top = max_top(d);
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
	int rows = getmaxy(d->win), lw = label_width();
	struct tui_row *r = &t->row;
	for (int y = 0; y < rows; y++) {
		size_t i = d->top + (size_t)y;
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
			if (ln->first) {
				size_t ll = strcspn(pa->text, "\t");
				tui_row_text(r, pa->text, ll, lw, ROLE_LABEL, NULL, ROLE_LABEL);
			} else {
				tui_row_fill(r, lw, ROLE_NORMAL);
			}
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

static bool scroll_to(struct tui *t, struct detail *d, size_t top)
{
	if (top > max_top(d))
		top = max_top(d);
	if (top == d->top)
		return false;
	d->top = top;
	d->dirty = true;
	t->dirty_title = true;
	return true;
}

static bool detail_action(struct tui *t, struct tui_frame *f, enum tui_action act)
{
	struct detail *d = f->priv;
	size_t page = (size_t)(view_rows(d) > 1 ? view_rows(d) - 1 : 1);
	switch (act) {
	case ACT_UP:
		if (d->top)
			scroll_to(t, d, d->top - 1);
		return true;
	case ACT_DOWN:
		scroll_to(t, d, d->top + 1);
		return true;
	case ACT_PGUP:
		scroll_to(t, d, d->top > page ? d->top - page : 0);
		return true;
	case ACT_PGDN:
		scroll_to(t, d, d->top + page);
		return true;
	case ACT_HOME:
		scroll_to(t, d, 0);
		return true;
	case ACT_END:
		scroll_to(t, d, max_top(d));
		return true;
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
	if (ev->bstate & BUTTON4_PRESSED)
		scroll_to(t, d, d->top > 3 ? d->top - 3 : 0);
	else if (ev->bstate & BUTTON5_PRESSED)
		scroll_to(t, d, d->top + 3);
}

static void detail_title(struct tui *t, struct tui_frame *f, struct sq_buf *left,
			 struct sq_buf *right)
{
	struct detail *d = f->priv;
	const struct sq_community *c = &t->model->comms[d->comm];
	sq_buf_adds(left, sq_comm_name(c, t->lang));
	size_t rows = (size_t)view_rows(d);
	size_t last = d->top + rows < d->n_lines ? d->top + rows : d->n_lines;
	/* Short, so that a narrow terminal keeps it beside a long name. */
	if (d->n_lines > rows)
		sq_buf_addf(right, "%zu-%zu/%zu", d->top + 1, last, d->n_lines);
	if (last == d->n_lines && d->n_lines > rows)
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
	d->top = 0;
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
