/* SPDX-License-Identifier: MIT */
/* The search screen: a bar to type in (Chinese from an input method,
 * fullwidth, pinyin, English) and a flat list of results updated on every
 * keystroke, matches highlighted.  Enter moves the panes to the chosen
 * community and opens it; Esc puts back where you were. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "tui_int.h"
#include "util.h"

#include "linebuf.h"

struct search {
	struct sq_linebuf lb;
	struct sq_hit *hits;
	size_t n_hits;
	struct tui_list list;
	WINDOW *bar, *win;
	bool dirty_bar, dirty_list;
	char *last_query;    /* what hits are for */
	struct sq_found found; /* where a result's query was found, reused */
};

static void run_query(struct tui *t, struct search *s)
{
	const char *q = sq_linebuf_str(&s->lb);
	if (s->last_query && strcmp(q, s->last_query) == 0)
		return;
	free(s->last_query);
	s->last_query = sq_xstrdup(q);
	free(s->hits);
	s->hits = NULL;
	s->n_hits = sq_search(t->searcher, q, &s->hits);
	tui_list_set(&s->list, (uint32_t)s->n_hits, 0, 0);
	s->dirty_list = true;
}

static bool search_init(struct tui *t, struct tui_frame *f, const void *arg)
{
	struct search *s = f->priv;
	(void)arg;
	sq_linebuf_init(&s->lb, 200);
	s->list.rows = 1;
	run_query(t, s);
	return true;
}

static void search_done(struct tui *t, struct tui_frame *f)
{
	struct search *s = f->priv;
	(void)t;
	sq_linebuf_free(&s->lb);
	free(s->hits);
	free(s->last_query);
	sq_found_free(&s->found);
	tui_free_window(&s->bar);
	tui_free_window(&s->win);
}

/* The other data set: the same query, its results. */
static bool search_retarget(struct tui *t, struct tui_frame *f,
			    const struct sq_model *old)
{
	struct search *s = f->priv;
	(void)old;
	free(s->last_query);
	s->last_query = NULL;
	run_query(t, s);
	return true;
}

static void search_layout(struct tui *t, struct tui_frame *f)
{
	struct search *s = f->priv;
	const struct tui_geom *g = &t->geom;
	s->bar = tui_window(s->bar, 1, g->cols, g->body_y, 0);
	s->win = tui_window(s->win, g->body_h - 1, g->cols, g->body_y + 1, 0);
	tui_list_resize(&s->list, (g->body_h - 1) / tui_row_height(t));
	s->dirty_bar = s->dirty_list = true;
}

/* One result: community · street · district, the matched characters
 * marked; then, when the query was found in something the row does not show
 * (a service, the summary, an announced district, an alias), that text, in
 * the interface's language where the match is in it, scrolled so that the
 * match is in view (sq_search_found, sq_found_window).  Where the row is
 * short, the district and then the street give way to it: what was found
 * matters more than where the community is. */
static void result_row(struct tui *t, struct search *s, const struct sq_hit *h,
		       bool sel, int width)
{
	const struct sq_model *m = t->model;
	const struct sq_community *c = &m->comms[h->comm];
	const char *q = sq_linebuf_str(&s->lb);
	const char *parts[3] = {
		sq_comm_name(c, t->lang),
		sq_street_name(sq_comm_street(m, c), t->lang),
		sq_district_name(sq_comm_district(m, c), t->lang),
	};
	enum tui_role role = sel ? ROLE_SEL : ROLE_NORMAL;
	tui_row_reset(&t->row);
	tui_row_glyph(&t->row, " ", role);
	int avail = width - 2 - tui_view_mark_cell(t, &t->row, h->comm, role);
	const char *dot = t->g->dot;
	int dw = sq_strwidth(dot), pw[3];
	for (int i = 0; i < 3; i++)
		pw[i] = sq_strwidth(parts[i]);

	static const unsigned shown = SQ_FIELD_BIT(SQ_FIELD_NAME) |
				      SQ_FIELD_BIT(SQ_FIELD_STREET) |
				      SQ_FIELD_BIT(SQ_FIELD_DISTRICT);
	struct sq_found *f = &s->found;
	int n_parts = 3;
	struct sq_window w = {0};
	if (sq_search_found(m, h->comm, q, t->lang, shown, f) && !f->shown) {
		/* Room for the match, its cut marks and a little around it. */
		int text_w = sq_width(f->text, f->len);
		int match_w = sq_width(f->text + f->first, f->first_end - f->first);
		int need = match_w + 2 + 12 < text_w ? match_w + 2 + 12 : text_w;
		int used = pw[0] + dw + pw[1] + dw + pw[2];
		while (n_parts > 1 && avail - used - dw < need)
			used -= dw + pw[--n_parts];
		if (avail - used - dw > 0)
			w = sq_found_window(f, avail - used - dw);
	}

	size_t total = w.len ? strlen(dot) + w.bytes : 0;
	for (int i = 0; i < n_parts; i++)
		total += strlen(parts[i]) + strlen(dot);
	struct sq_buf *b = &t->buf;
	sq_buf_reset(b);
	unsigned char *marks = tui_marks(t, total);
	for (int i = 0; i < n_parts; i++) {
		if (i)
			sq_buf_adds(b, dot);
		size_t at = b->len;
		sq_buf_adds(b, parts[i]);
		const char *pinyin = i == 0 && t->lang == SQ_ZH ? c->pinyin : NULL;
		sq_highlight(parts[i], pinyin, q, marks + at);
	}
	if (w.len) {
		sq_buf_adds(b, dot);
		sq_window_render(f, &w, b, marks + b->len);
	}
	tui_row_text(&t->row, b->data, b->len, avail, role, marks,
		     sel ? ROLE_MATCH_SEL : ROLE_MATCH);
	tui_row_glyph(&t->row, " ", role);
}

static void draw_list(struct tui *t, struct search *s)
{
	int rows = getmaxy(s->win), width = getmaxx(s->win);
	const char *q = sq_linebuf_str(&s->lb);
	/* With nothing found, say why, wrapped to the width. */
	const char *msg = *q ? _("No community matches.")
			     : _("Type a name in Chinese, English or pinyin, "
				 "or a service such as 英语角.");
	struct sq_line *lines = NULL;
	size_t msg_lines = 0;
	if (s->n_hits == 0)
		msg_lines = sq_wrap(msg, strlen(msg), width - 2, &lines);
	int rh = tui_row_height(t);
	for (int y = 0; y < rows; y++) {
		uint32_t i = s->list.top + (uint32_t)(y / rh);
		if (s->n_hits == 0 && y >= 1 && (size_t)y <= msg_lines) {
			const struct sq_line *ln = &lines[y - 1];
			tui_row_reset(&t->row);
			tui_row_glyph(&t->row, " ", ROLE_NORMAL);
			tui_row_text(&t->row, msg + ln->off, ln->len, width - 1,
				     ROLE_DIM, NULL, ROLE_DIM);
			tui_row_draw(&t->row, s->win, y, ROLE_NORMAL);
			continue;
		}
		if (i >= s->n_hits || y / rh >= s->list.rows) {
			tui_row_reset(&t->row);
			tui_row_draw(&t->row, s->win, y, ROLE_NORMAL);
			continue;
		}
		if (y % rh) {
			/* The lower half of a large-print row. */
			tui_row_reset(&t->row);
			tui_row_draw(&t->row, s->win, y,
				     i == s->list.sel ? ROLE_SEL : ROLE_NORMAL);
			continue;
		}
		result_row(t, s, &s->hits[i], i == s->list.sel, width);
		tui_row_draw(&t->row, s->win, y, i == s->list.sel ? ROLE_SEL : ROLE_NORMAL);
	}
	free(lines);
	wnoutrefresh(s->win);
}

static void draw_bar(struct tui *t, struct search *s)
{
	struct tui_row *r = &t->row;
	int width = getmaxx(s->bar);
	const char *label = _("Search:");
	char count[64] = "";
	if (*sq_linebuf_str(&s->lb)) {
		if (s->n_hits == 1)
			snprintf(count, sizeof count, "%s", _("1 result"));
		else
			snprintf(count, sizeof count, _("%zu results"), s->n_hits);
	}
	int lw = sq_strwidth(label), cw = sq_strwidth(count);
	if (cw + lw + 12 > width)
		cw = 0;
	int field = width - 1 - lw - 1 - (cw ? cw + 2 : 0) - 1;
	tui_row_reset(r);
	tui_row_glyph(r, " ", ROLE_NORMAL);
	tui_row_str(r, label, lw, ROLE_LABEL);
	tui_row_glyph(r, " ", ROLE_NORMAL);
	int x = r->width;
	tui_row_draw(r, s->bar, 0, ROLE_NORMAL);
	int cur = tui_lineedit_draw(t, &s->lb, s->bar, 0, x, field);
	if (cw) {
		tui_row_reset(r);
		tui_row_str_right(r, count, cw, ROLE_DIM);
		mvwadd_wchnstr(s->bar, 0, width - 1 - cw, r->cells, r->n);
	}
	wmove(s->bar, 0, x + cur);
}

static void search_draw(struct tui *t, struct tui_frame *f)
{
	struct search *s = f->priv;
	if (f->dirty)
		s->dirty_list = s->dirty_bar = true;
	if (s->dirty_list)
		draw_list(t, s);
	if (s->dirty_bar)
		draw_bar(t, s);
	s->dirty_list = s->dirty_bar = false;
	/* Last, and always: the terminal's cursor goes where this window's
	 * is, in the field after the character before it. */
	leaveok(s->bar, FALSE);
	wnoutrefresh(s->bar);
}

static bool search_input(struct tui *t, struct tui_frame *f, const struct tui_input *in)
{
	struct search *s = f->priv;
	if (!tui_lineedit_input(&s->lb, in))
		return false;
	s->dirty_bar = true;
	run_query(t, s);
	return true;
}

static void open_selected(struct tui *t, struct search *s)
{
	if (s->n_hits)
		tui_open_community(t, s->hits[s->list.sel].comm);
}

static bool search_action(struct tui *t, struct tui_frame *f, enum tui_action act)
{
	struct search *s = f->priv;
	switch (act) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PGUP:
	case ACT_PGDN: {
		uint32_t top = s->list.top;
		if (tui_list_move(&s->list, act) || top != s->list.top)
			s->dirty_list = true;
		return true;
	}
	case ACT_OPEN:
		open_selected(t, s);
		return true;
	case ACT_CLOSE:
		tui_close(t, f);
		return true;
	default:
		return false;
	}
}

static void search_mouse(struct tui *t, struct tui_frame *f, const MEVENT *ev)
{
	struct search *s = f->priv;
	int list_y = t->geom.body_y + 1;
	if (ev->bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		if (tui_list_wheel(&s->list, ev->bstate & BUTTON4_PRESSED ? -3 : 3))
			s->dirty_list = true;
		return;
	}
	if (!(ev->bstate & BUTTON1_PRESSED) || ev->y < list_y)
		return;
	int row = (ev->y - list_y) / tui_row_height(t);
	uint32_t i = s->list.top + (uint32_t)row;
	if (row >= s->list.rows || i >= s->n_hits)
		return;
	if (i == s->list.sel) {
		open_selected(t, s);
		return;
	}
	s->list.sel = i;
	s->dirty_list = true;
}

static void search_title(struct tui *t, struct tui_frame *f, struct sq_buf *left,
			 struct sq_buf *right)
{
	(void)f;
	sq_buf_adds(left, _("Search"));
	tui_title_dataset(t, right);
}

/* The selected result: F5 prints it. */
static uint32_t search_current(struct tui *t, struct tui_frame *f)
{
	const struct search *s = f->priv;
	(void)t;
	return s->n_hits ? s->hits[s->list.sel].comm : UINT32_MAX;
}

const struct tui_screen_type tui_search_type = {
	.name = "search",
	.keys = SCR_SEARCH,
	.cursor = true,
	.private_size = sizeof(struct search),
	.init = search_init,
	.done = search_done,
	.layout = search_layout,
	.draw = search_draw,
	.input = search_input,
	.action = search_action,
	.mouse = search_mouse,
	.title = search_title,
	.retarget = search_retarget,
	.current = search_current,
};
