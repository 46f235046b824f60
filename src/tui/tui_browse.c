/* SPDX-License-Identifier: MIT */
/* The browse screen: District | Street | Community, one generic list per
 * level, and a preview of the selected community below.  Each level's
 * selection is remembered per parent, so going back and forth keeps places. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "i18n.h"
#include "tui_int.h"
#include "util.h"

/* Where a data set's panes were: the selection and scroll of each level,
 * remembered per parent, so that going back and forth keeps places. */
struct place {
	const struct sq_model *model;      /* the one the arrays are for */
	uint32_t *street_sel, *street_top; /* per district */
	uint32_t *comm_sel, *comm_top;     /* per street */
	uint32_t sel0, top0;               /* the district list */
	int focus;
};

struct browse {
	enum tui_view_id shown;   /* the data set of the live place */
	struct place places[TUI_VIEW_COUNT];
	int focus;                /* level: 0 district, 1 street, 2 community */
	struct tui_list list[3];  /* by level */
	WINDOW *pane[3], *sep[2], *preview;
	struct tui_panes lay;
	int natural[3];           /* the widest row of each level, in cells */
	const struct sq_model *measured; /* what natural is for: model and */
	int measured_lang;               /* language; -1: nothing */
	bool dirty[3], dirty_preview, dirty_frame;
};

static struct place *here(struct browse *b)
{
	return &b->places[b->shown];
}

static const char *level_heading(int level)
{
	static const char *const names[3] = {N_("District"), N_("Street"),
					     N_("Community")};
	return _(names[level]);
}

static uint32_t cur_district(const struct browse *b)
{
	return b->list[0].sel;
}

/* The street selected, in model m. */
static uint32_t street_in(const struct sq_model *m, const struct browse *b)
{
	if (m->n_districts == 0)
		return UINT32_MAX;
	const struct sq_district *d = &m->districts[cur_district(b)];
	if (d->count == 0)
		return UINT32_MAX;
	return m->district_streets[d->first + b->list[1].sel];
}

static uint32_t cur_street(const struct tui *t, const struct browse *b)
{
	return street_in(t->model, b);
}

static uint32_t current(const struct tui *t, const struct browse *b)
{
	uint32_t s = cur_street(t, b);
	if (s == UINT32_MAX || t->model->streets[s].count == 0)
		return UINT32_MAX;
	const struct sq_street *st = &t->model->streets[s];
	return t->model->street_comms[st->first + b->list[2].sel];
}

/* Item i of a level's list, as a name in the current language. */
static const char *item_name(const struct tui *t, const struct browse *b,
			     int level, uint32_t i, uint32_t *count)
{
	const struct sq_model *m = t->model;
	*count = UINT32_MAX;
	if (level == 0) {
		const struct sq_district *d = &m->districts[i];
		uint32_t n = 0;
		for (uint32_t k = 0; k < d->count; k++)
			n += m->streets[m->district_streets[d->first + k]].count;
		*count = n;
		return sq_district_name(d, t->lang);
	}
	if (level == 1) {
		const struct sq_district *d = &m->districts[cur_district(b)];
		const struct sq_street *s = &m->streets[m->district_streets[d->first + i]];
		*count = s->count;
		return sq_street_name(s, t->lang);
	}
	const struct sq_street *s = &m->streets[cur_street(t, b)];
	return sq_comm_name(&m->comms[m->street_comms[s->first + i]], t->lang);
}

/* The community at row i of the community list. */
static uint32_t comm_at(const struct tui *t, const struct browse *b, uint32_t i)
{
	const struct sq_street *s = &t->model->streets[cur_street(t, b)];
	return t->model->street_comms[s->first + i];
}

/* Load the street and community lists from what was remembered for the
 * selected district and street. */
static void load_children(struct tui *t, struct browse *b, int from_level)
{
	const struct sq_model *m = t->model;
	struct place *p = here(b);
	if (from_level <= 0) {
		uint32_t d = cur_district(b);
		uint32_t n = m->n_districts ? m->districts[d].count : 0;
		tui_list_set(&b->list[1], n, n ? p->street_sel[d] : 0,
			     n ? p->street_top[d] : 0);
		b->dirty[1] = true;
	}
	uint32_t s = cur_street(t, b);
	uint32_t n = s != UINT32_MAX ? m->streets[s].count : 0;
	tui_list_set(&b->list[2], n, n ? p->comm_sel[s] : 0, n ? p->comm_top[s] : 0);
	b->dirty[2] = true;
	b->dirty_preview = true;
	t->dirty_title = true;
}

/* Keep the selections in the place, for the model it is of. */
static void remember(struct browse *b)
{
	struct place *p = here(b);
	if (!p->model || p->model->n_districts == 0)
		return;
	uint32_t d = cur_district(b);
	p->street_sel[d] = b->list[1].sel;
	p->street_top[d] = b->list[1].top;
	uint32_t s = street_in(p->model, b);
	if (s != UINT32_MAX) {
		p->comm_sel[s] = b->list[2].sel;
		p->comm_top[s] = b->list[2].top;
	}
	p->sel0 = b->list[0].sel;
	p->top0 = b->list[0].top;
	p->focus = b->focus;
}

static void place_free(struct place *p)
{
	free(p->street_sel);
	free(p->street_top);
	free(p->comm_sel);
	free(p->comm_top);
	memset(p, 0, sizeof *p);
}

/* The panes of the data set shown, at its remembered place, or at the top
 * the first time. */
static void show_place(struct tui *t, struct browse *b)
{
	const struct sq_model *m = t->model;
	struct place *p = here(b);
	/* A newer model of the data set (a kiosk's data replaced): its
	 * districts and streets are others; start again at the top. */
	if (p->street_sel && p->model != m)
		place_free(p);
	if (!p->street_sel) {
		p->model = m;
		p->street_sel = sq_xcalloc(m->n_districts + 1, sizeof *p->street_sel);
		p->street_top = sq_xcalloc(m->n_districts + 1, sizeof *p->street_top);
		p->comm_sel = sq_xcalloc(m->n_streets + 1, sizeof *p->comm_sel);
		p->comm_top = sq_xcalloc(m->n_streets + 1, sizeof *p->comm_top);
	}
	for (int i = 0; i < 3; i++)
		if (b->list[i].rows < 1)
			b->list[i].rows = 1;
	b->focus = p->focus;
	tui_list_set(&b->list[0], m->n_districts, p->sel0, p->top0);
	load_children(t, b, 0);
	b->dirty[0] = true;
}

static bool browse_init(struct tui *t, struct tui_frame *f, const void *arg)
{
	struct browse *b = f->priv;
	(void)arg;
	b->shown = tui_view_current(t);
	b->measured_lang = -1;
	show_place(t, b);
	return true;
}

static void browse_done(struct tui *t, struct tui_frame *f)
{
	struct browse *b = f->priv;
	(void)t;
	for (int i = 0; i < TUI_VIEW_COUNT; i++)
		place_free(&b->places[i]);
	for (int i = 0; i < 3; i++)
		tui_free_window(&b->pane[i]);
	for (int i = 0; i < 2; i++)
		tui_free_window(&b->sep[i]);
	tui_free_window(&b->preview);
}

/* The data set changed: keep the old one's place, show the new one's. */
static bool browse_retarget(struct tui *t, struct tui_frame *f,
			    const struct sq_model *old)
{
	struct browse *b = f->priv;
	(void)old; /* the place knows its model */
	remember(b);
	b->shown = tui_view_current(t);
	show_place(t, b);
	return true;
}

static struct browse *the_browser(const struct tui *t)
{
	return tui_bottom(t)->priv;
}

void tui_browse_reset(struct tui *t)
{
	struct browse *b = the_browser(t);
	for (int i = 0; i < TUI_VIEW_COUNT; i++)
		place_free(&b->places[i]);
	b->shown = tui_view_current(t);
	show_place(t, b);
	tui_relayout(t);
}

void tui_browse_goto(struct tui *t, uint32_t comm)
{
	struct browse *b = the_browser(t);
	struct place *p = here(b);
	const struct sq_model *m = t->model;
	if (comm >= m->n_comms)
		return;
	remember(b);
	uint32_t s = m->comms[comm].street;
	uint32_t d = m->streets[s].district;
	const struct sq_district *dd = &m->districts[d];
	for (uint32_t i = 0; i < dd->count; i++)
		if (m->district_streets[dd->first + i] == s)
			p->street_sel[d] = i;
	const struct sq_street *ss = &m->streets[s];
	for (uint32_t i = 0; i < ss->count; i++)
		if (m->street_comms[ss->first + i] == comm)
			p->comm_sel[s] = i;
	b->list[0].sel = d;
	tui_list_scroll_to_sel(&b->list[0]);
	load_children(t, b, 0);
	b->focus = 2;
	b->dirty[0] = true;
}

static int digits(uint32_t n)
{
	int d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

/* Widths of rows, for the width most of them need. */
struct widths {
	uint32_t count[128]; /* rows of each width, the last for all wider */
	uint32_t n;
};

static void widths_add(struct widths *w, int cells)
{
	w->count[cells < 127 ? cells : 127]++;
	w->n++;
}

/* The width that nine rows in ten fit in: the few longest names are cut
 * rather than leave the other panes too narrow for theirs. */
static int widths_p90(const struct widths *w)
{
	uint64_t need = ((uint64_t)w->n * 9 + 9) / 10, seen = 0;
	for (int c = 0; c < 128; c++) {
		seen += w->count[c];
		if (seen >= need && need)
			return c;
	}
	return 0;
}

/* The width each level's rows want in the data set and language shown: a
 * margin each side, the mark, the name, and a count with its gap (as
 * draw_pane lays them out), for nine rows in ten; the heading whole.  Once
 * per data set and language: one pass over the names. */
static void measure(const struct tui *t, struct browse *b)
{
	const struct sq_model *m = t->model;
	if (b->measured == m && b->measured_lang == (int)t->lang)
		return;
	struct widths *w = sq_xcalloc(3, sizeof *w);
	for (uint32_t d = 0; d < m->n_districts; d++) {
		const struct sq_district *dd = &m->districts[d];
		uint32_t n = 0;
		for (uint32_t k = 0; k < dd->count; k++)
			n += m->streets[m->district_streets[dd->first + k]].count;
		widths_add(&w[0], 2 + sq_strwidth(sq_district_name(dd, t->lang)) + 1 + digits(n));
	}
	for (uint32_t s = 0; s < m->n_streets; s++) {
		const struct sq_street *st = &m->streets[s];
		widths_add(&w[1], 2 + sq_strwidth(sq_street_name(st, t->lang)) + 1 +
					  digits(st->count));
	}
	int mark = tui_view_marks(t) ? 1 : 0;
	for (uint32_t c = 0; c < m->n_comms; c++)
		widths_add(&w[2], 2 + mark + sq_strwidth(sq_comm_name(&m->comms[c], t->lang)));
	for (int level = 0; level < 3; level++) {
		int heading = 2 + sq_strwidth(level_heading(level));
		int rows = widths_p90(&w[level]);
		b->natural[level] = rows > heading ? rows : heading;
	}
	free(w);
	b->measured = m;
	b->measured_lang = (int)t->lang;
}

static void place_panes(struct tui *t, struct browse *b)
{
	struct tui_panes *l = &b->lay;
	measure(t, b);
	tui_panes_compute(l, &t->geom, b->focus, b->natural);
	for (int p = 0; p < 3; p++) {
		if (p < l->npanes)
			b->pane[p] = tui_window(b->pane[p], l->pane_h, l->pane_w[p],
						l->pane_y, l->pane_x[p]);
		else
			tui_free_window(&b->pane[p]);
	}
	for (int i = 0; i < 2; i++) {
		if (i < l->npanes - 1)
			b->sep[i] = tui_window(b->sep[i], l->pane_h, 1, l->pane_y,
					       l->sep_x[i]);
		else
			tui_free_window(&b->sep[i]);
	}
	if (l->preview_h)
		b->preview = tui_window(b->preview, l->preview_h, t->geom.cols,
					l->preview_y, 0);
	else
		tui_free_window(&b->preview);
	for (int level = 0; level < 3; level++) {
		tui_list_resize(&b->list[level], (l->pane_h - 1) / tui_row_height(t));
		b->dirty[level] = true;
	}
	b->dirty_frame = b->dirty_preview = true;
}

/* Focus moved: in a narrow terminal that may change which panes show. */
static void set_focus(struct tui *t, struct browse *b, int level)
{
	if (level < 0 || level > 2 || level == b->focus)
		return;
	int old_first = b->lay.first_level;
	b->focus = level;
	if (b->lay.npanes < 3) {
		place_panes(t, b);
		if (b->lay.first_level != old_first)
			tui_invalidate(t);
	}
	for (int i = 0; i < 3; i++)
		b->dirty[i] = true;
	t->dirty_title = true;
}

static void draw_pane(struct tui *t, struct browse *b, int pos)
{
	int level = b->lay.first_level + pos;
	WINDOW *w = b->pane[pos];
	struct tui_list *l = &b->list[level];
	struct tui_row *r = &t->row;
	int width = getmaxx(w);
	bool focused = level == b->focus;
	char pos_text[32], count_text[16];

	tui_list_position(l, pos_text, sizeof pos_text);
	int pw = pos_text[0] ? sq_strwidth(pos_text) + 1 : 0;
	tui_row_reset(r);
	enum tui_role hr = focused ? ROLE_HEADING_FOCUS : ROLE_HEADING;
	tui_row_glyph(r, " ", ROLE_NORMAL);
	tui_row_str(r, level_heading(level), width - 2 - pw, hr);
	if (pw)
		tui_row_str_right(r, pos_text, pw, ROLE_DIM);
	tui_row_draw(r, w, 0, ROLE_NORMAL);

	int rh = tui_row_height(t);
	for (int y = 1; y < getmaxy(w); y++) {
		uint32_t i = l->top + (uint32_t)((y - 1) / rh);
		tui_row_reset(r);
		if (i >= l->count || (y - 1) / rh >= l->rows) {
			tui_row_draw(r, w, y, ROLE_NORMAL);
			continue;
		}
		uint32_t count;
		const char *name = item_name(t, b, level, i, &count);
		bool sel = i == l->sel;
		enum tui_role role = !sel ? ROLE_NORMAL : focused ? ROLE_SEL : ROLE_SEL_DIM;
		if ((y - 1) % rh) {
			/* The lower half of a large-print row. */
			tui_row_draw(r, w, y, role);
			continue;
		}
		int cw = 0, mw = 0;
		if (count != UINT32_MAX) {
			snprintf(count_text, sizeof count_text, "%u", count);
			cw = sq_strwidth(count_text) + 1;
			if (cw > width / 3)
				cw = 0;
		}
		tui_row_glyph(r, " ", role);
		if (level == 2)
			mw = tui_view_mark_cell(t, r, comm_at(t, b, i), role);
		tui_row_str(r, name, width - 2 - cw - mw, role);
		if (cw)
			tui_row_str_right(r, count_text, cw, sel ? role : ROLE_DIM);
		tui_row_glyph(r, " ", role);
		tui_row_draw(r, w, y, role);
	}
	wnoutrefresh(w);
}

static void draw_frame(struct tui *t, struct browse *b)
{
	for (int i = 0; i < b->lay.npanes - 1; i++) {
		for (int y = 0; y < b->lay.pane_h; y++) {
			tui_row_reset(&t->row);
			tui_row_glyph(&t->row, t->g->vline, ROLE_BORDER);
			tui_row_draw(&t->row, b->sep[i], y, ROLE_BORDER);
		}
		wnoutrefresh(b->sep[i]);
	}
}

/* The rule above the preview, with a junction under each separator. */
static void draw_rule(struct tui *t, struct browse *b, WINDOW *w)
{
	struct tui_row *r = &t->row;
	tui_row_reset(r);
	int x = 0;
	for (int i = 0; i < b->lay.npanes - 1; i++) {
		for (; x < b->lay.sep_x[i]; x++)
			tui_row_glyph(r, t->g->hline, ROLE_BORDER);
		tui_row_glyph(r, t->g->tee_up, ROLE_BORDER);
		x++;
	}
	for (; x < t->geom.cols; x++)
		tui_row_glyph(r, t->g->hline, ROLE_BORDER);
	tui_row_draw(r, w, 0, ROLE_BORDER);
}

static void preview_line(struct tui *t, WINDOW *w, int *y, const char *s,
			 enum tui_role role)
{
	if (*y >= getmaxy(w))
		return;
	tui_row_reset(&t->row);
	tui_row_glyph(&t->row, " ", ROLE_NORMAL);
	tui_row_str(&t->row, s, getmaxx(w) - 2, role);
	tui_row_draw(&t->row, w, (*y)++, ROLE_NORMAL);
}

/* The names, the mark before them as in the list. */
static void preview_names(struct tui *t, WINDOW *w, int *y, const struct sq_doc *doc)
{
	const struct sq_doc_item *it = &doc->items[sq_doc_find(doc, SQ_DOC_NAME, 0)];
	struct sq_buf *buf = &t->buf;
	sq_buf_reset(buf);
	for (unsigned k = 0; k < it->n; k++)
		sq_buf_addf(buf, "%s%s", k ? "  " : "", it->text[k]);
	tui_row_reset(&t->row);
	tui_row_glyph(&t->row, " ", ROLE_NORMAL);
	int mw = 0;
	if (tui_view_marked(t, doc->comm)) {
		tui_row_glyph(&t->row, TUI_MARK " ", ROLE_MARK);
		mw = 2;
	}
	tui_row_str(&t->row, sq_buf_str(buf), getmaxx(w) - 2 - mw, ROLE_NAME);
	tui_row_draw(&t->row, w, (*y)++, ROLE_NORMAL);
}

/* District > street . code */
static void preview_place(struct tui *t, WINDOW *w, int *y, const struct sq_doc *doc)
{
	static const enum sq_doc_id place[] = {SQ_DOC_DISTRICT, SQ_DOC_STREET, SQ_DOC_CODE};
	struct sq_buf *buf = &t->buf;
	sq_buf_reset(buf);
	for (size_t k = 0; k < SQ_ARRAY_LEN(place); k++) {
		size_t at = sq_doc_find(doc, place[k], 0);
		if (at == doc->n_items)
			continue;
		if (k)
			sq_buf_adds(buf, k == 1 ? t->g->crumb : t->g->dot);
		sq_buf_adds(buf, doc->items[at].text[0]);
	}
	preview_line(t, w, y, sq_buf_str(buf), ROLE_NORMAL);
}

/* "8 services: Medical services, Culture and activities, ..." */
static void preview_services(struct tui *t, WINDOW *w, int *y, const struct sq_doc *doc)
{
	struct sq_buf *cats = &t->buf, *line = &t->buf2;
	unsigned n = 0;
	sq_buf_reset(cats);
	for (size_t k = sq_doc_find(doc, SQ_DOC_SERVICES, 0); k < doc->n_items; k++) {
		if (doc->items[k].id == SQ_DOC_SERVICE)
			n++;
		if (doc->items[k].id == SQ_DOC_CATEGORY)
			sq_buf_addf(cats, "%s%s",
				    cats->len ? (t->lang == SQ_ZH ? "\u3001" : ", ") : "",
				    doc->items[k].text[0]);
	}
	if (!n)
		return;
	sq_buf_reset(line);
	sq_buf_addf(line, _("%u services: "), n);
	sq_buf_adds(line, sq_buf_str(cats));
	preview_line(t, w, y, sq_buf_str(line), ROLE_NORMAL);
}

/* The start of the summary, on the lines left, "more" marked. */
static void preview_summary(struct tui *t, WINDOW *w, int *y, const struct sq_doc *doc)
{
	size_t sum = sq_doc_find(doc, SQ_DOC_SUMMARY, 0);
	int h = getmaxy(w);
	if (sum == doc->n_items || *y >= h)
		return;
	const char *text = doc->items[sum].text[0];
	struct sq_line *lines;
	/* Two cells spare on every line for the "more" mark. */
	int cols = t->geom.cols - 4;
	size_t n = sq_wrap(text, strlen(text), cols, &lines);
	for (size_t i = 0; i < n && *y < h; i++) {
		bool more = *y == h - 1 && i + 1 < n;
		tui_row_reset(&t->row);
		tui_row_glyph(&t->row, " ", ROLE_NORMAL);
		tui_row_text(&t->row, text + lines[i].off, lines[i].len, cols, ROLE_DIM,
			     NULL, ROLE_DIM);
		if (more)
			tui_row_str(&t->row, " " SQ_CUT_MARK, 2, ROLE_DIM);
		tui_row_draw(&t->row, w, (*y)++, ROLE_NORMAL);
	}
	free(lines);
}

/* A few items of the community's document (sq_doc_build), the interface's
 * language first: its names; its place and code; its recognition, where
 * there is room; the categories it offers or the note that there are no
 * details; the start of its summary. */
static void draw_preview(struct tui *t, struct browse *b)
{
	WINDOW *w = b->preview;
	int y = 1, h = getmaxy(w);
	draw_rule(t, b, w);
	uint32_t ci = current(t, b);
	if (ci == UINT32_MAX) {
		preview_line(t, w, &y, _("No community here"), ROLE_DIM);
	} else {
		enum sq_lang langs[2] = {t->lang, t->lang == SQ_ZH ? SQ_EN : SQ_ZH};
		struct sq_doc *doc = sq_doc_build(t->model, ci, langs, 2, 0);
		preview_names(t, w, &y, doc);
		preview_place(t, w, &y, doc);
		size_t rec = sq_doc_find(doc, SQ_DOC_RECOGNITION, 0);
		if (rec < doc->n_items && h - y >= 4)
			preview_line(t, w, &y, doc->items[rec].text[0], ROLE_NORMAL);
		size_t note = sq_doc_find(doc, SQ_DOC_NOTE, 0);
		if (note < doc->n_items)
			preview_line(t, w, &y, doc->items[note].text[0], ROLE_DIM);
		preview_services(t, w, &y, doc);
		preview_summary(t, w, &y, doc);
		sq_doc_free(doc);
	}
	while (y < h) {
		tui_row_reset(&t->row);
		tui_row_draw(&t->row, w, y++, ROLE_NORMAL);
	}
	wnoutrefresh(w);
}

static void browse_layout(struct tui *t, struct tui_frame *f)
{
	place_panes(t, f->priv);
}

static void browse_draw(struct tui *t, struct tui_frame *f)
{
	struct browse *b = f->priv;
	if (f->dirty) {
		b->dirty_frame = b->dirty_preview = true;
		b->dirty[0] = b->dirty[1] = b->dirty[2] = true;
	}
	if (b->dirty_frame)
		draw_frame(t, b);
	for (int p = 0; p < b->lay.npanes; p++)
		if (b->dirty[b->lay.first_level + p])
			draw_pane(t, b, p);
	if (b->preview && b->dirty_preview)
		draw_preview(t, b);
	b->dirty_frame = b->dirty_preview = false;
	b->dirty[0] = b->dirty[1] = b->dirty[2] = false;
}

/* The selection of a level changed (remember() was called before). */
static void moved(struct tui *t, struct browse *b, int level)
{
	b->dirty[level] = true;
	if (level < 2)
		load_children(t, b, level);
	b->dirty_preview = true;
	t->dirty_title = true;
}

static void open_item(struct tui *t, struct browse *b, int level)
{
	if (level < 2) {
		if (b->list[level + 1].count)
			set_focus(t, b, level + 1);
		return;
	}
	uint32_t c = current(t, b);
	if (c != UINT32_MAX)
		tui_push(t, &tui_detail_type, &c);
}

static bool browse_action(struct tui *t, struct tui_frame *f, enum tui_action act)
{
	struct browse *b = f->priv;
	struct tui_list *l = &b->list[b->focus];
	switch (act) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PGUP:
	case ACT_PGDN:
	case ACT_HOME:
	case ACT_END: {
		uint32_t top = l->top;
		remember(b);
		if (tui_list_move(l, act))
			moved(t, b, b->focus);
		else if (l->top != top)
			b->dirty[b->focus] = true;
		return true;
	}
	case ACT_RIGHT:
	case ACT_OPEN:
		open_item(t, b, b->focus);
		return true;
	case ACT_LEFT:
	case ACT_BACK:
		set_focus(t, b, b->focus - 1);
		return true;
	case ACT_NEXT_PANE:
		set_focus(t, b, (b->focus + 1) % 3);
		return true;
	case ACT_PREV_PANE:
		set_focus(t, b, (b->focus + 2) % 3);
		return true;
	default:
		return false;
	}
}

static void browse_mouse(struct tui *t, struct tui_frame *f, const MEVENT *ev)
{
	struct browse *b = f->priv;
	const struct tui_panes *lay = &b->lay;
	/* The preview (not the rule above it) opens what it shows; the help
	 * and shequ(1) say so. */
	if (b->preview && ev->y >= lay->preview_y) {
		if (ev->y > lay->preview_y && (ev->bstate & BUTTON1_PRESSED))
			open_item(t, b, 2);
		return;
	}
	for (int p = 0; p < lay->npanes; p++) {
		if (ev->x < lay->pane_x[p] || ev->x >= lay->pane_x[p] + lay->pane_w[p] ||
		    ev->y < lay->pane_y || ev->y >= lay->pane_y + lay->pane_h)
			continue;
		int level = lay->first_level + p;
		struct tui_list *l = &b->list[level];
		remember(b);
		if (ev->bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
			if (tui_list_wheel(l, ev->bstate & BUTTON4_PRESSED ? -3 : 3))
				moved(t, b, level);
			return;
		}
		if (!(ev->bstate & BUTTON1_PRESSED))
			return;
		int row = ev->y - lay->pane_y - 1;
		row = row < 0 ? row : row / tui_row_height(t);
		uint32_t item = l->top + (uint32_t)(row < 0 ? 0 : row);
		if (row < 0 || row >= l->rows || item >= l->count) {
			set_focus(t, b, level);
			return;
		}
		if (item == l->sel) {
			/* A second click (or a double click): open. */
			if (level != b->focus && level == 2)
				set_focus(t, b, level);
			open_item(t, b, level);
			return;
		}
		l->sel = item;
		tui_list_scroll_to_sel(l);
		moved(t, b, level);
		set_focus(t, b, level);
		return;
	}
}

static void browse_title(struct tui *t, struct tui_frame *f, struct sq_buf *left,
			 struct sq_buf *right)
{
	struct browse *b = f->priv;
	const struct sq_model *m = t->model;
	/* Where the panes are, first: it must survive a narrow terminal. */
	if (m->n_districts) {
		sq_buf_adds(left, sq_district_name(&m->districts[cur_district(b)], t->lang));
		uint32_t s = cur_street(t, b);
		if (s != UINT32_MAX && b->focus >= 1) {
			sq_buf_adds(left, t->g->crumb);
			sq_buf_adds(left, sq_street_name(&m->streets[s], t->lang));
		}
	}
	tui_title_dataset(t, right);
}

static uint32_t browse_current(struct tui *t, struct tui_frame *f)
{
	return current(t, f->priv);
}

const struct tui_screen_type tui_browse_type = {
	.name = "browse",
	.keys = SCR_BROWSE,
	.private_size = sizeof(struct browse),
	.init = browse_init,
	.done = browse_done,
	.layout = browse_layout,
	.draw = browse_draw,
	.action = browse_action,
	.mouse = browse_mouse,
	.title = browse_title,
	.current = browse_current,
	.retarget = browse_retarget,
};
