/* SPDX-License-Identifier: MIT */
/* The category filter: a menu of the eight categories of service, then every
 * community of the view that offers the chosen one, across the whole tree,
 * each as district > street > community.  Enter moves the panes to the
 * community and opens it, as the search does; Esc puts back where you were. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "tui_int.h"
#include "util.h"

struct filter {
	bool results;             /* false: the menu */
	struct tui_list menu, list;
	enum sq_category cat;
	uint32_t *hits;
	size_t n_hits;
	int widest[2];            /* widest district and street name of the hits */
	int widest_lang;          /* the language they were measured in; -1: none */
	WINDOW *win;
	bool dirty;
};

/* The category chosen last in this session: a new filter starts on it. */
static uint32_t last_choice;

static bool filter_init(struct tui *t, struct tui_frame *f, const void *arg)
{
	struct filter *fl = f->priv;
	(void)t;
	(void)arg;
	fl->menu.rows = fl->list.rows = 1;
	tui_list_set(&fl->menu, SQ_CAT_COUNT, last_choice, 0);
	return true;
}

static void filter_done(struct tui *t, struct tui_frame *f)
{
	struct filter *fl = f->priv;
	(void)t;
	free(fl->hits);
	tui_free_window(&fl->win);
}

static void filter_layout(struct tui *t, struct tui_frame *f)
{
	struct filter *fl = f->priv;
	fl->win = tui_body_window(t, fl->win);
	int rows = (t->geom.body_h - 1) / tui_row_height(t);
	tui_list_resize(&fl->menu, rows);
	tui_list_resize(&fl->list, rows);
	fl->dirty = true;
}

static struct tui_list *active(struct filter *fl)
{
	return fl->results ? &fl->list : &fl->menu;
}

static void heading(struct tui *t, struct filter *f, const char *text)
{
	struct tui_row *r = &t->row;
	char pos[32];
	tui_list_position(active(f), pos, sizeof pos);
	int width = getmaxx(f->win);
	int pw = pos[0] ? sq_strwidth(pos) + 1 : 0;
	tui_row_reset(r);
	tui_row_glyph(r, " ", ROLE_NORMAL);
	tui_row_str(r, text, width - 2 - pw, ROLE_SECTION);
	if (pw)
		tui_row_str_right(r, pos, pw, ROLE_DIM);
	tui_row_draw(r, f->win, 0, ROLE_NORMAL);
}

/* " 1  Language classes  语言课程          3" */
static void menu_row(struct tui *t, int k, bool sel, int width)
{
	struct tui_row *r = &t->row;
	enum tui_role role = sel ? ROLE_SEL : ROLE_NORMAL;
	enum sq_lang other = t->lang == SQ_ZH ? SQ_EN : SQ_ZH;
	const char *name = sq_category_name((enum sq_category)k, t->lang);
	const char *oname = sq_category_name((enum sq_category)k, other);
	char key[16], count[16];
	snprintf(key, sizeof key, "%d", k + 1);
	snprintf(count, sizeof count, "%u", t->model->cat_count[k]);
	int cw = sq_strwidth(count) + 1;
	int avail = width - 5 - cw; /* " 1  " before, " " after */
	int nw = sq_strwidth(name);
	if (nw > avail)
		nw = avail;
	tui_row_glyph(r, " ", role);
	tui_row_str(r, key, 1, sel ? role : ROLE_LABEL);
	tui_row_fill(r, 2, role);
	tui_row_str(r, name, nw, role);
	if (avail - nw > 2) {
		tui_row_fill(r, 2, role);
		tui_row_str(r, oname, avail - nw - 2, sel ? role : ROLE_DIM);
	} else {
		tui_row_fill(r, avail - nw, role);
	}
	tui_row_str_right(r, count, cw, sel ? role : ROLE_DIM);
	tui_row_glyph(r, " ", role);
}

/* District > street > community in width cells, in columns, so that the
 * separators of every row line up: the district and street columns are as
 * wide as the widest name among the results, but when they do not fit they
 * give way (the district first, then the street, each down to a few cells),
 * for the community's name is what the row is for. */
static void result_row(struct tui *t, const struct filter *f, uint32_t ci,
		       bool sel, int width)
{
	const struct sq_model *m = t->model;
	const struct sq_community *c = &m->comms[ci];
	struct tui_row *r = &t->row;
	enum tui_role role = sel ? ROLE_SEL : ROLE_NORMAL;
	const char *seg[3] = {
		sq_district_name(sq_comm_district(m, c), t->lang),
		sq_street_name(sq_comm_street(m, c), t->lang),
		sq_comm_name(c, t->lang),
	};
	int crumb = sq_strwidth(t->g->crumb);
	tui_row_glyph(r, " ", role);
	int avail = width - 2 - tui_view_mark_cell(t, r, ci, role) - 2 * crumb;
	int col[2] = {f->widest[0], f->widest[1]};
	/* The community keeps at least a third, and a few cells in any case. */
	int keep = avail / 3 > 6 ? avail / 3 : 6;
	for (int i = 0; i < 2 && col[0] + col[1] + keep > avail; i++) {
		int floor = 4, over = col[0] + col[1] + keep - avail;
		int cut = col[i] - floor < over ? col[i] - floor : over;
		if (cut > 0)
			col[i] -= cut;
	}
	for (int i = 0; i < 2; i++) {
		tui_row_str(r, seg[i], col[i], role);
		tui_row_str(r, t->g->crumb, crumb, sel ? role : ROLE_DIM);
	}
	int rest = avail - col[0] - col[1];
	tui_row_str(r, seg[2], rest > 0 ? rest : 0, role);
	tui_row_glyph(r, " ", role);
}

/* The widest district and street names of the results, in the language
 * shown: the columns of result_row. */
static void measure(const struct tui *t, struct filter *f)
{
	const struct sq_model *m = t->model;
	if (f->widest_lang == (int)t->lang)
		return;
	f->widest[0] = f->widest[1] = 0;
	for (size_t i = 0; i < f->n_hits; i++) {
		const struct sq_community *c = &m->comms[f->hits[i]];
		int w[2] = {
			sq_strwidth(sq_district_name(sq_comm_district(m, c), t->lang)),
			sq_strwidth(sq_street_name(sq_comm_street(m, c), t->lang)),
		};
		for (int k = 0; k < 2; k++)
			f->widest[k] = w[k] > f->widest[k] ? w[k] : f->widest[k];
	}
	f->widest_lang = (int)t->lang;
}

static void filter_draw(struct tui *t, struct tui_frame *fr)
{
	struct filter *f = fr->priv;
	if ((!f->dirty && !fr->dirty) || !f->win)
		return;
	struct tui_list *l = active(f);
	struct tui_row *r = &t->row;
	int rows = getmaxy(f->win), width = getmaxx(f->win), rh = tui_row_height(t);
	struct sq_buf *b = &t->buf;
	sq_buf_reset(b);
	if (f->results) {
		measure(t, f);
		/* Whole sentences: the colon is the language's own. */
		if (f->n_hits == 1)
			sq_buf_addf(b, _("%s: 1 community"), sq_category_name(f->cat, t->lang));
		else
			sq_buf_addf(b, _("%s: %zu communities"),
				    sq_category_name(f->cat, t->lang), f->n_hits);
	} else {
		sq_buf_adds(b, _("Communities offering a category of service:"));
	}
	heading(t, f, sq_buf_str(b));
	for (int y = 1; y < rows; y++) {
		uint32_t i = l->top + (uint32_t)((y - 1) / rh);
		bool sel = i == l->sel;
		tui_row_reset(r);
		if (f->results && f->n_hits == 0 && y == 1) {
			tui_draw_message(t, f->win, y, _("No community here offers it."),
					 ROLE_DIM);
			continue;
		}
		if (i >= l->count || (y - 1) / rh >= l->rows) {
			tui_row_draw(r, f->win, y, ROLE_NORMAL);
			continue;
		}
		if ((y - 1) % rh) {
			/* The lower half of a large-print row. */
			tui_row_draw(r, f->win, y, sel ? ROLE_SEL : ROLE_NORMAL);
			continue;
		}
		if (f->results)
			result_row(t, f, f->hits[i], sel, width);
		else
			menu_row(t, (int)i, sel, width);
		tui_row_draw(r, f->win, y, sel ? ROLE_SEL : ROLE_NORMAL);
	}
	wnoutrefresh(f->win);
	f->dirty = false;
}

static void choose(struct tui *t, struct filter *f, int k)
{
	free(f->hits);
	f->cat = (enum sq_category)k;
	last_choice = (uint32_t)k;
	f->widest_lang = -1;
	f->n_hits = sq_model_offering(t->model, f->cat, &f->hits);
	tui_list_set(&f->list, (uint32_t)f->n_hits, 0, 0);
	f->results = true;
	f->dirty = true;
	t->dirty_title = true;
}

static void to_menu(struct tui *t, struct filter *f)
{
	f->results = false;
	f->dirty = true;
	t->dirty_title = true;
}

static void activate(struct tui *t, struct filter *f)
{
	if (!f->results)
		choose(t, f, (int)f->menu.sel);
	else if (f->n_hits)
		tui_open_community(t, f->hits[f->list.sel]);
}

static bool filter_input(struct tui *t, struct tui_frame *fr, const struct tui_input *in)
{
	struct filter *f = fr->priv;
	/* The menu's numbers choose at once. */
	if (f->results || in->fn || in->ch < L'1' || in->ch >= L'1' + SQ_CAT_COUNT)
		return false;
	f->menu.sel = (uint32_t)(in->ch - L'1');
	tui_list_scroll_to_sel(&f->menu);
	choose(t, f, (int)f->menu.sel);
	return true;
}

static bool filter_action(struct tui *t, struct tui_frame *fr, enum tui_action act)
{
	struct filter *f = fr->priv;
	struct tui_list *l = active(f);
	switch (act) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PGUP:
	case ACT_PGDN:
	case ACT_HOME:
	case ACT_END: {
		uint32_t top = l->top;
		if (tui_list_move(l, act) || l->top != top)
			f->dirty = true;
		return true;
	}
	case ACT_OPEN:
	case ACT_RIGHT:
		activate(t, f);
		return true;
	case ACT_LEFT:
	case ACT_BACK:
		if (f->results)
			to_menu(t, f);
		else
			tui_close(t, fr);
		return true;
	case ACT_CLOSE:
		tui_close(t, fr);
		return true;
	case ACT_FILTER:
		to_menu(t, f);
		return true;
	default:
		return false;
	}
}

static void filter_mouse(struct tui *t, struct tui_frame *fr, const MEVENT *ev)
{
	struct filter *f = fr->priv;
	struct tui_list *l = active(f);
	int list_y = t->geom.body_y + 1;
	if (ev->bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		if (tui_list_wheel(l, ev->bstate & BUTTON4_PRESSED ? -3 : 3))
			f->dirty = true;
		return;
	}
	/* The first line of the body is the heading. */
	if (!(ev->bstate & BUTTON1_PRESSED) || ev->y < list_y)
		return;
	int row = (ev->y - list_y) / tui_row_height(t);
	uint32_t i = l->top + (uint32_t)row;
	if (row >= l->rows || i >= l->count)
		return;
	if (i == l->sel) {
		activate(t, f);
		return;
	}
	l->sel = i;
	f->dirty = true;
}

static void filter_title(struct tui *t, struct tui_frame *fr, struct sq_buf *left,
			 struct sq_buf *right)
{
	struct filter *f = fr->priv;
	sq_buf_adds(left, _("Category"));
	if (f->results) {
		sq_buf_adds(left, t->g->crumb);
		sq_buf_adds(left, sq_category_name(f->cat, t->lang));
	}
	tui_title_dataset(t, right);
}

/* The other data set: the same category, its communities. */
static bool filter_retarget(struct tui *t, struct tui_frame *fr,
			    const struct sq_model *old)
{
	struct filter *f = fr->priv;
	(void)old;
	if (f->results)
		choose(t, f, (int)f->cat);
	f->dirty = true;
	return true;
}

/* The selected community of the results: p prints it. */
static uint32_t filter_current(struct tui *t, struct tui_frame *fr)
{
	const struct filter *f = fr->priv;
	(void)t;
	return f->results && f->n_hits ? f->hits[f->list.sel] : UINT32_MAX;
}

const struct tui_screen_type tui_filter_type = {
	.name = "filter",
	.keys = SCR_FILTER,
	.private_size = sizeof(struct filter),
	.init = filter_init,
	.done = filter_done,
	.layout = filter_layout,
	.draw = filter_draw,
	.input = filter_input,
	.action = filter_action,
	.mouse = filter_mouse,
	.title = filter_title,
	.retarget = filter_retarget,
	.current = filter_current,
};
