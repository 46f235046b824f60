/* SPDX-License-Identifier: MIT */
/* The two data sets of the browser: the data it started with (by default the
 * international demonstration communities) and all of Hangzhou.  One key
 * switches.  Each keeps its own model and search index (the browser keeps
 * a place in the panes for each), and knows which of its communities are
 * international: where only some are (the city), those are marked. */
#include <assert.h>
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
	uint32_t n_intl;          /* international communities (model.h) */
	/* Marked communities, where only some of the data set's are: by
	 * default the international ones; in the whole city opened from another
	 * data file, those of that file (marked[i], by code). */
	bool mark;
	uint8_t *marked;          /* NULL: the international ones */
	uint32_t n_marked;
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
	v->n_intl = m->n_intl;
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

static int cmp_code(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The whole city opened from a data file that is not the international
 * communities: mark the communities of that file, found by their codes. */
static void mark_own(struct view *city, const struct sq_model *own)
{
	const char **codes = sq_xcalloc(own->n_comms + 1, sizeof *codes);
	for (uint32_t i = 0; i < own->n_comms; i++)
		codes[i] = own->comms[i].code;
	qsort(codes, own->n_comms, sizeof *codes, cmp_code);
	const struct sq_model *m = city->model;
	city->marked = sq_xcalloc(m->n_comms + 1, 1);
	city->n_marked = 0;
	for (uint32_t i = 0; i < m->n_comms; i++) {
		const char *key = m->comms[i].code;
		if (bsearch(&key, codes, own->n_comms, sizeof *codes, cmp_code)) {
			city->marked[i] = 1;
			city->n_marked++;
		}
	}
	city->mark = city->n_marked > 0 && city->n_marked < m->n_comms;
	free(codes);
}

/* Whether the data it started with is the international communities (all
 * of them are), which is what the marks then mean. */
static bool own_is_international(const struct tui_views *vs)
{
	const struct view *own = &vs->v[TUI_VIEW_OWN];
	return own->n_intl && own->n_intl == own->model->n_comms;
}

void tui_views_free(struct tui *t)
{
	if (!t->views)
		return;
	for (int i = 0; i < TUI_VIEW_COUNT; i++) {
		struct view *v = &t->views->v[i];
		free(v->marked);
		sq_searcher_free(v->searcher);
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

/* The data set shown changed from old: every frame, from the bottom up,
 * follows or closes. */
static void retarget_from(struct tui *t, struct tui_frame *f,
			  const struct sq_model *old)
{
	if (!f)
		return;
	retarget_from(t, f->below, old); /* the browser first */
	if (!f->closing && (!f->type->retarget || !f->type->retarget(t, f, old)))
		tui_close(t, f);
}

static void retarget_all(struct tui *t, const struct sq_model *old)
{
	retarget_from(t, t->top, old);
	tui_relayout(t);
}

/* Show data set id. */
static void show(struct tui *t, enum tui_view_id id)
{
	const struct sq_model *old = t->model;
	if (id == t->views->cur)
		return;
	t->views->cur = id;
	t->model = t->views->v[id].model;
	t->searcher = t->views->v[id].searcher;
	retarget_all(t, old);
}

void tui_view_replace_own(struct tui *t, struct sq_model *m)
{
	/* Nobody's task is cut short (a kiosk replaces its data at a reset,
	 * where nothing is busy), and no frame may outlive the old data. */
	assert(!tui_busy(t));
	struct view *own = &t->views->v[TUI_VIEW_OWN], was = *own;
	view_init(own, m);
	/* The whole city marks the communities of the starting data. */
	struct view *city = &t->views->v[TUI_VIEW_CITY];
	if (city->marked) {
		free(city->marked);
		city->marked = NULL;
		city->mark = city->n_intl > 0 && city->n_intl < city->model->n_comms;
	}
	if (city->model && !own_is_international(t->views))
		mark_own(city, m);
	if (t->views->cur == TUI_VIEW_OWN) {
		t->model = m;
		t->searcher = own->searcher;
		retarget_all(t, was.model);
		tui_reap(t); /* the frames that could not follow point into it */
	}
	free(was.marked);
	sq_searcher_free(was.searcher);
	sq_model_free(was.model);
}

void tui_view_toggle(struct tui *t)
{
	if (t->views->cur == TUI_VIEW_CITY) {
		show(t, TUI_VIEW_OWN);
		const char *name = tui_view_title(t);
		tui_status(t, false, _("%s: %u communities"),
			   name ? name : sq_base_name(t->model->path), t->model->n_comms);
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
			const char *first = sq_diag_text(&diag);
			tui_status(t, true, "%.*s", (int)strcspn(first, "\n"), first);
			sq_diag_free(&diag);
			return;
		}
		sq_diag_free(&diag);
		view_init(city, m);
		if (!own_is_international(t->views))
			mark_own(city, t->views->v[TUI_VIEW_OWN].model);
	}
	show(t, TUI_VIEW_CITY);
	if (city->mark && !city->marked)
		tui_status(t, false,
			   _("All of Hangzhou: %u communities; %s marks the %u "
			     "international ones"),
			   city->model->n_comms, TUI_MARK, city->n_intl);
	else if (city->mark)
		tui_status(t, false,
			   _("All of Hangzhou: %u communities; %s marks the %u of %s"),
			   city->model->n_comms, TUI_MARK, city->n_marked,
			   sq_base_name(t->views->v[TUI_VIEW_OWN].model->path));
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
	const struct view *v = &t->views->v[t->views->cur];
	if (!v->mark)
		return false;
	return v->marked ? v->marked[comm]
			 : sq_comm_international(&t->model->comms[comm]);
}

const char *tui_view_mark_meaning(const struct tui *t, struct sq_buf *out)
{
	const struct view *v = &t->views->v[t->views->cur];
	sq_buf_reset(out);
	if (v->marked)
		sq_buf_addf(out, _("marks a community of %s"),
			    sq_base_name(t->views->v[TUI_VIEW_OWN].model->path));
	else
		sq_buf_adds(out, _("marks an international demonstration community"));
	return sq_buf_str(out);
}

int tui_view_mark_cell(struct tui *t, struct tui_row *r, uint32_t comm,
		       enum tui_role role)
{
	if (!tui_view_marks(t))
		return 0;
	if (tui_view_marked(t, comm))
		tui_row_glyph(r, TUI_MARK, role == ROLE_NORMAL ? ROLE_MARK : role);
	else
		tui_row_glyph(r, " ", role);
	return 1;
}
