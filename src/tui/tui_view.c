/* SPDX-License-Identifier: MIT */
/* The two views of the browser: the data it started with (by default the
 * international demonstration communities) and all of Hangzhou.  One key
 * switches.  Each view keeps its own place in the panes and its own search
 * index, so switching back finds things as they were, and knows which of its
 * communities are international: where only some are (the city), those are
 * marked, and the detail view names them as neighbours in either view. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "load.h"
#include "tui_int.h"
#include "util.h"

static void place_free(struct tui_place *p)
{
	free(p->street_sel);
	free(p->street_top);
	free(p->comm_sel);
	free(p->comm_top);
	memset(p, 0, sizeof *p);
}

/* One pass over the model, once per view: nothing per frame depends on the
 * number of communities. */
static void view_init(struct tui_view *v, struct sq_model *m)
{
	memset(v, 0, sizeof *v);
	v->model = m;
	uint32_t n = 0;
	for (uint32_t i = 0; i < m->n_comms; i++)
		n += m->comms[i].batch > 0;
	v->intl = sq_xcalloc(n ? n : 1, sizeof *v->intl);
	for (uint32_t i = 0; i < m->n_comms; i++)
		if (m->comms[i].batch > 0)
			v->intl[v->n_intl++] = i;
	v->mark = v->n_intl > 0 && v->n_intl < m->n_comms;
	v->searcher = sq_searcher_new(m);
}

static void view_free(struct tui_view *v, bool free_model)
{
	sq_searcher_free(v->searcher);
	free(v->intl);
	place_free(&v->place);
	if (free_model)
		sq_model_free(v->model);
	memset(v, 0, sizeof *v);
}

void tui_views_init(struct tui *t, struct sq_model *own)
{
	view_init(&t->views[TUI_VIEW_OWN], own);
	t->view = TUI_VIEW_OWN;
	t->model = own;
	t->searcher = t->views[TUI_VIEW_OWN].searcher;
}

void tui_views_free(struct tui *t)
{
	/* The starting model is the caller's. */
	view_free(&t->views[TUI_VIEW_OWN], false);
	view_free(&t->views[TUI_VIEW_CITY], true);
	t->model = NULL;
	t->searcher = NULL;
}

/* Show view id in the panes, at its remembered place.  Screen state that
 * points into the old model (results, hits) is dropped. */
static void show(struct tui *t, enum tui_view_id id)
{
	tui_browse_stash(t, &t->views[t->view].place);
	tui_search_free(t);
	tui_filter_free(t);
	tui_detail_free(t);
	t->view = id;
	t->model = t->views[id].model;
	t->searcher = t->views[id].searcher;
	tui_browse_unstash(t, &t->views[id].place);
	tui_search_init(t);
	tui_switch(t, SCR_BROWSE);
}

void tui_view_toggle(struct tui *t)
{
	if (t->view == TUI_VIEW_CITY) {
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
	struct tui_view *city = &t->views[TUI_VIEW_CITY];
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
	tui_browse_free(t);
	for (int i = 0; i < TUI_VIEW_COUNT; i++)
		place_free(&t->views[i].place);
	tui_search_free(t);
	tui_filter_free(t);
	t->view = TUI_VIEW_OWN;
	t->model = t->views[TUI_VIEW_OWN].model;
	t->searcher = t->views[TUI_VIEW_OWN].searcher;
	tui_browse_init(t);
	tui_search_init(t);
	tui_switch(t, SCR_BROWSE);
}

const char *tui_view_title(const struct tui *t)
{
	if (t->view == TUI_VIEW_CITY)
		return _("All of Hangzhou");
	const struct tui_view *v = &t->views[t->view];
	if (v->n_intl && v->n_intl == v->model->n_comms)
		return _("Hangzhou international communities");
	return NULL;
}

bool tui_view_marked(const struct tui *t, uint32_t comm)
{
	return t->views[t->view].mark && t->model->comms[comm].batch > 0;
}

int tui_view_mark_cell(struct tui *t, struct tui_row *r, uint32_t comm,
		       enum tui_role role)
{
	if (!t->views[t->view].mark)
		return 0;
	if (t->model->comms[comm].batch > 0)
		tui_row_glyph(r, TUI_MARK, role == ROLE_NORMAL ? ROLE_MARK : role);
	else
		tui_row_glyph(r, " ", role);
	return 1;
}
