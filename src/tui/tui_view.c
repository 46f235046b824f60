/* SPDX-License-Identifier: MIT */
/* The two data sets of the browser: the data it started with (by default the
 * international demonstration communities) and all of Hangzhou.  One key
 * switches.  Each keeps its own model and search index (the browser keeps
 * a place in the panes for each), and knows which of its communities are
 * international: where only some are (the city), those are marked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "load.h"
#include "tui_int.h"
#include "util.h"

struct view {
	struct sq_model *model;   /* NULL: not loaded yet */
	struct sq_searcher *searcher;
	uint32_t n_intl;          /* communities with a batch */
	bool mark;                /* some are not international: mark those that are */
};

struct tui_views {
	struct view v[TUI_VIEW_COUNT];
	enum tui_view_id cur;
};

/* One pass over the model, once per data set: nothing per frame depends on
 * the number of communities. */
static void view_init(struct view *v, struct sq_model *m)
{
	memset(v, 0, sizeof *v);
	v->model = m;
	for (uint32_t i = 0; i < m->n_comms; i++)
		v->n_intl += m->comms[i].batch > 0;
	v->mark = v->n_intl > 0 && v->n_intl < m->n_comms;
	v->searcher = sq_searcher_new(m);
}

void tui_views_init(struct tui *t, struct sq_model *own)
{
	t->views = sq_xcalloc(1, sizeof *t->views);
	view_init(&t->views->v[TUI_VIEW_OWN], own);
	t->views->cur = TUI_VIEW_OWN;
	t->model = own;
	t->searcher = t->views->v[TUI_VIEW_OWN].searcher;
}

void tui_views_free(struct tui *t)
{
	if (!t->views)
		return;
	for (int i = 0; i < TUI_VIEW_COUNT; i++) {
		struct view *v = &t->views->v[i];
		sq_searcher_free(v->searcher);
		/* The starting model is the caller's. */
		if (i != TUI_VIEW_OWN)
			sq_model_free(v->model);
	}
	free(t->views);
	t->views = NULL;
	t->model = NULL;
	t->searcher = NULL;
}

enum tui_view_id tui_view_current(const struct tui *t)
{
	return t->views->cur;
}

/* Show data set id: every frame, from the bottom up, follows or closes. */
static void show(struct tui *t, enum tui_view_id id)
{
	const struct sq_model *old = t->model;
	if (id == t->views->cur)
		return;
	t->views->cur = id;
	t->model = t->views->v[id].model;
	t->searcher = t->views->v[id].searcher;
	struct tui_frame *stack[32];
	int n = 0;
	for (struct tui_frame *f = t->top; f && n < 32; f = f->below)
		if (!f->closing)
			stack[n++] = f;
	while (n-- > 0) {
		struct tui_frame *f = stack[n];
		if (!f->type->retarget || !f->type->retarget(t, f, old))
			tui_close(t, f);
	}
	tui_relayout(t);
}

void tui_view_toggle(struct tui *t)
{
	if (t->views->cur == TUI_VIEW_CITY) {
		show(t, TUI_VIEW_OWN);
		const char *name = tui_view_title(t);
		const char *base = strrchr(t->model->path, '/');
		tui_status(t, false, _("%s: %u communities"),
			   name ? name : base ? base + 1 : t->model->path,
			   t->model->n_comms);
		return;
	}
	if (!t->opt->city_path) {
		tui_status(t, true, "%s", _("No whole-city data file is installed"));
		return;
	}
	struct view *city = &t->views->v[TUI_VIEW_CITY];
	if (!city->model) {
		struct sq_diag diag = {0};
		struct sq_model *m = sq_load_file(t->opt->city_path, &diag);
		if (!m) {
			const char *first = diag.text ? diag.text : "";
			tui_status(t, true, "%.*s", (int)strcspn(first, "\n"), first);
			sq_diag_free(&diag);
			return;
		}
		sq_diag_free(&diag);
		view_init(city, m);
	}
	show(t, TUI_VIEW_CITY);
	if (city->mark)
		tui_status(t, false,
			   _("All of Hangzhou: %u communities; %s marks the %u "
			     "international ones"),
			   city->model->n_comms, TUI_MARK, city->n_intl);
	else
		tui_status(t, false, _("All of Hangzhou: %u communities"),
			   city->model->n_comms);
}

void tui_view_home(struct tui *t)
{
	show(t, TUI_VIEW_OWN);
}

const char *tui_view_title(const struct tui *t)
{
	if (t->views->cur == TUI_VIEW_CITY)
		return _("All of Hangzhou");
	const struct view *v = &t->views->v[t->views->cur];
	if (v->n_intl && v->n_intl == v->model->n_comms)
		return _("Hangzhou international communities");
	return NULL;
}

bool tui_view_marks(const struct tui *t)
{
	return t->views->v[t->views->cur].mark;
}

bool tui_view_marked(const struct tui *t, uint32_t comm)
{
	return tui_view_marks(t) && t->model->comms[comm].batch > 0;
}

int tui_view_mark_cell(struct tui *t, struct tui_row *r, uint32_t comm,
		       enum tui_role role)
{
	if (!tui_view_marks(t))
		return 0;
	if (t->model->comms[comm].batch > 0)
		tui_row_glyph(r, TUI_MARK, role == ROLE_NORMAL ? ROLE_MARK : role);
	else
		tui_row_glyph(r, " ", role);
	return 1;
}
