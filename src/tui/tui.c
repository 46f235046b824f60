/* SPDX-License-Identifier: MIT */
/* The main loop and the stack of frames: read a key, hand it to the frame on
 * top, draw what became dirty with one doupdate.  What every screen does the
 * same way (quit, help, search, the filter, printing, the language, the data
 * set, repainting) is here, once. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "tui.h"
#include "tui_int.h"
#include "tui_term.h"
#include "util.h"

static double process_start;

/* Before main, so that the benchmark's first-frame time includes loading. */
__attribute__((constructor)) static void note_start(void)
{
	process_start = sq_now();
}

/* ---- windows and scratch ---- */

WINDOW *tui_window(WINDOW *w, int h, int wd, int y, int x)
{
	if (w) {
		int cy, cx, ch, cw;
		getbegyx(w, cy, cx);
		getmaxyx(w, ch, cw);
		if (cy == y && cx == x && ch == h && cw == wd)
			return w;
		delwin(w);
	}
	if (h <= 0 || wd <= 0)
		return NULL;
	w = newwin(h, wd, y, x);
	if (!w)
		sq_die("cannot create a %dx%d window", wd, h);
	leaveok(w, TRUE);
	return w;
}

WINDOW *tui_body_window(const struct tui *t, WINDOW *w)
{
	return tui_window(w, t->geom.body_h, t->geom.cols, t->geom.body_y, 0);
}

void tui_free_window(WINDOW **w)
{
	if (*w)
		delwin(*w);
	*w = NULL;
}

unsigned char *tui_marks(struct tui *t, size_t n)
{
	if (n + 1 > t->marks_cap) {
		t->marks_cap = (n + 1) * 2;
		t->marks = sq_xrealloc(t->marks, t->marks_cap);
	}
	memset(t->marks, 0, n + 1);
	return t->marks;
}

void tui_status(struct tui *t, bool error, const char *fmt, ...)
{
	struct sq_buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	sq_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	/* As much as the line holds, cut between characters. */
	size_t n = sq_cut_bytes(sq_buf_str(&b), b.len, sizeof t->status - 1);
	memcpy(t->status, sq_buf_str(&b), n);
	t->status[n] = '\0';
	sq_buf_free(&b);
	t->status_error = error;
	t->dirty_bar = true;
}

void tui_status_clear(struct tui *t)
{
	if (t->status[0]) {
		t->status[0] = '\0';
		t->dirty_bar = true;
	}
}

void tui_draw_message(struct tui *t, WINDOW *w, int y, const char *msg,
		      enum tui_role role)
{
	tui_row_reset(&t->row);
	tui_row_glyph(&t->row, " ", ROLE_NORMAL);
	tui_row_str(&t->row, msg, getmaxx(w) - 1, role);
	tui_row_draw(&t->row, w, y, ROLE_NORMAL);
}

void tui_title_dataset(const struct tui *t, struct sq_buf *right)
{
	sq_buf_adds(right, sq_base_name(t->model->path));
	sq_buf_addf(right, " (%u)", t->model->n_comms);
}

void tui_invalidate(struct tui *t)
{
	t->dirty_title = t->dirty_bar = true;
	if (t->top)
		t->top->dirty = true;
}

/* ---- the stack ---- */

/* The top frame takes the screen as it is now: its windows are placed for
 * the current size and language, and everything is drawn. */
void tui_relayout(struct tui *t)
{
	/* A top frame that is closing may point at data that is gone (a data
	 * set it could not follow); the one under it is laid out when it goes. */
	if (!t->top || t->top->closing)
		return;
	if (!t->geom.too_small && t->top->type->layout)
		t->top->type->layout(t, t->top);
	tui_invalidate(t);
}

static void frame_free(struct tui *t, struct tui_frame *f)
{
	if (f->type->done)
		f->type->done(t, f);
	free(f->priv);
	free(f);
}

struct tui_frame *tui_push(struct tui *t, const struct tui_screen_type *type,
			   const void *arg)
{
	struct tui_frame *f = sq_xcalloc(1, sizeof *f);
	f->type = type;
	f->priv = type->private_size ? sq_xcalloc(1, type->private_size) : NULL;
	f->below = t->top;
	t->top = f;
	if (type->init && !type->init(t, f, arg)) {
		t->top = f->below;
		frame_free(t, f);
		if (t->top)
			tui_invalidate(t);
		return NULL;
	}
	tui_relayout(t);
	return f;
}

void tui_close(struct tui *t, struct tui_frame *f)
{
	/* The bottom frame stays: the browser is where everything returns. */
	if (f->below)
		f->closing = true;
	(void)t;
}

struct tui_frame *tui_bottom(const struct tui *t)
{
	struct tui_frame *f = t->top;
	while (f && f->below)
		f = f->below;
	return f;
}

void tui_reap(struct tui *t)
{
	bool top_gone = false;
	for (struct tui_frame **p = &t->top; *p;) {
		struct tui_frame *f = *p;
		if (!f->closing) {
			p = &f->below;
			continue;
		}
		top_gone |= f == t->top;
		*p = f->below;
		frame_free(t, f);
	}
	if (top_gone)
		tui_relayout(t);
}

bool tui_busy(const struct tui *t)
{
	for (struct tui_frame *f = t->top; f; f = f->below)
		if (f->type->busy && f->type->busy((struct tui *)t, f))
			return true;
	return false;
}

void tui_close_all(struct tui *t)
{
	for (struct tui_frame *f = t->top; f && f->below; f = f->below)
		if (!f->type->busy || !f->type->busy(t, f))
			tui_close(t, f);
}

void tui_open_community(struct tui *t, uint32_t comm)
{
	tui_close_all(t);
	tui_browse_goto(t, comm);
	tui_push(t, &tui_detail_type, &comm);
}

void tui_home(struct tui *t)
{
	tui_close_all(t);
	tui_view_home(t);
	tui_browse_reset(t);
	if (t->lang != t->opt->lang) {
		t->lang = t->opt->lang;
		sq_i18n_set_lang(t->lang);
		tui_relayout(t);
	}
}

/* ---- drawing ---- */

static void layout(struct tui *t)
{
	int lines, cols;
	getmaxyx(stdscr, lines, cols);
	tui_geom_compute(&t->geom, lines, cols);
	tui_kiosk_resized(t);
	if (t->geom.too_small) {
		t->small = tui_window(t->small, lines, cols, 0, 0);
		tui_invalidate(t);
		return;
	}
	tui_free_window(&t->small);
	t->title = tui_window(t->title, 1, cols, 0, 0);
	t->bar = tui_window(t->bar, 1, cols, t->geom.bar_y, 0);
	tui_relayout(t);
}

static void draw_small(struct tui *t)
{
	WINDOW *w = t->small;
	char msg[160];
	int lines = t->geom.lines, cols = t->geom.cols;
	werase(w);
	snprintf(msg, sizeof msg, _("Terminal too small: %dx%d"), cols, lines);
	int y = lines / 2 - 1;
	if (y < 0)
		y = 0;
	for (int i = 0; i < lines; i++) {
		const char *s = "";
		if (i == y)
			s = msg;
		else if (i == y + 1)
			s = _("needs 40x10 or more");
		else if (i == y + 2 && !t->opt->kiosk)
			s = _("q quits"); /* a kiosk quits with the staff sequence only */
		tui_row_reset(&t->row);
		tui_row_str(&t->row, s, cols, i == y ? ROLE_ERROR : ROLE_NORMAL);
		tui_row_draw(&t->row, w, i, ROLE_NORMAL);
	}
	wnoutrefresh(w);
}

/* The screen's own title on the left; on the right the data set, after the
 * program's title when there is room for both. */
static void draw_title(struct tui *t)
{
	struct sq_buf *left = &t->buf, *right = &t->buf2;
	sq_buf_reset(left);
	sq_buf_reset(right);
	t->top->type->title(t, t->top, left, right);
	sq_buf_str(left);
	int lw = sq_width(left->data, left->len);
	int rw = right->len ? sq_width(right->data, right->len) : 0;
	/* Which view this is (the international communities, all of
	 * Hangzhou) says more than the data set's file name, less than a
	 * screen's own right side (the detail view's position).  The first
	 * of these that fits beside the whole left side is shown; else the
	 * more important single one keeps its place unless it would take
	 * over a third, and the left side is cut for it. */
	const char *name = tui_view_title(t);
	int nw = name ? sq_strwidth(name) : 0, dw = sq_strwidth(t->g->dot);
	const char *base = sq_base_name(t->model->path);
	bool dataset = rw && right->len >= strlen(base) &&
		       memcmp(right->data, base, strlen(base)) == 0;
	/* Candidates as bits: 1 the name, 2 the right side. */
	int cand[3], nc = 0, avail = t->geom.cols - 2, shown = 0, rtotal = 0;
	if (name && rw)
		cand[nc++] = 3;
	if (name && dataset)
		cand[nc++] = 1;
	if (rw)
		cand[nc++] = 2;
	if (name && !dataset)
		cand[nc++] = 1;
	for (int pass = 0; pass < 2 && !shown; pass++)
		for (int i = 0; i < nc && !shown; i++) {
			int w = (cand[i] & 1 ? nw : 0) + (cand[i] & 2 ? rw : 0) +
				(cand[i] == 3 ? dw : 0);
			if (pass == 0 ? lw + 2 + w <= avail
				      : cand[i] != 3 && w <= avail / 3) {
				shown = cand[i];
				rtotal = w;
			}
		}
	bool show_name = shown & 1, show_right = shown & 2;
	struct tui_row *r = &t->row;
	tui_row_reset(r);
	tui_row_glyph(r, " ", ROLE_TITLE);
	tui_row_text(r, left->data, left->len, avail - rtotal, ROLE_TITLE,
		     NULL, ROLE_TITLE);
	if (show_name)
		tui_row_str(r, name, nw, ROLE_TITLE);
	if (show_name && show_right)
		tui_row_str(r, t->g->dot, dw, ROLE_TITLE);
	if (show_right)
		tui_row_text(r, right->data, right->len, rw, ROLE_TITLE, NULL,
			     ROLE_TITLE);
	tui_row_draw(r, t->title, 0, ROLE_TITLE);
	wnoutrefresh(t->title);
}

static void draw(struct tui *t)
{
	/* stdscr is never drawn on, but a resize marks it changed, and
	 * reading a key (wgetch) would then paint it over everything. */
	if (is_wintouched(stdscr))
		wnoutrefresh(stdscr);
	if (t->geom.too_small) {
		draw_small(t);
	} else {
		struct tui_frame *f = t->top;
		if (t->dirty_title)
			draw_title(t);
		if (t->dirty_bar)
			tui_draw_bar(t, f->type->keys);
		t->dirty_title = t->dirty_bar = false;
		curs_set(f->type->cursor ? 1 : 0);
		f->type->draw(t, f); /* last: a text field places the cursor */
		f->dirty = false;
	}
	doupdate();
}

static void note_first_frame(void)
{
	const char *log = getenv("SHEQU_BENCH_LOG");
	if (!log || !*log)
		return;
	double ms = (sq_now() - process_start) * 1e3;
	FILE *f = fopen(log, "a");
	if (f) {
		fprintf(f, "first-frame-ms %.3f\n", ms);
		fclose(f);
	}
}

/* ---- events ---- */

/* What every screen does the same way, when the screen did not take it. */
static void global_action(struct tui *t, enum tui_action act)
{
	struct tui_frame *f = t->top;
	switch (act) {
	case ACT_QUIT:
		if (t->opt->kiosk)
			tui_kiosk_refuse_quit(t);
		else
			t->quit = true;
		break;
	case ACT_HELP:
		tui_push(t, &tui_help_type, NULL);
		break;
	case ACT_SEARCH:
	case ACT_FILTER:
		/* One way of finding at a time: the search opened from the
		 * filter takes its place, and the other way round, so that
		 * the stack cannot grow by going back and forth. */
		if (f->type == &tui_search_type || f->type == &tui_filter_type)
			tui_close(t, f);
		tui_push(t, act == ACT_SEARCH ? &tui_search_type : &tui_filter_type, NULL);
		break;
	case ACT_LANG:
		/* Interface and data together; places and selections stay. */
		t->lang = t->lang == SQ_ZH ? SQ_EN : SQ_ZH;
		sq_i18n_set_lang(t->lang);
		tui_relayout(t); /* texts change width: rewrap */
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		tui_invalidate(t);
		break;
	case ACT_PRINT: {
		uint32_t c = f->type->current ? f->type->current(t, f) : UINT32_MAX;
		if (c == UINT32_MAX)
			tui_status(t, true, "%s", _("No community selected"));
		else
			tui_push(t, &tui_print_type, &c);
		break;
	}
	case ACT_CITY:
		tui_view_toggle(t);
		break;
	default:
		break;
	}
}

static void dispatch(struct tui *t, enum tui_action act)
{
	struct tui_frame *f = t->top;
	if (!f->type->action(t, f, act))
		global_action(t, act);
}

static void mouse(struct tui *t, int code)
{
	MEVENT ev;
	if (!tui_term_read_mouse(code, &ev) || t->geom.too_small)
		return;
	if (ev.y == t->geom.bar_y && (ev.bstate & BUTTON1_PRESSED)) {
		for (int i = 0; i < t->n_bar_hits; i++)
			if (ev.x >= t->bar_hits[i].x0 && ev.x < t->bar_hits[i].x1) {
				dispatch(t, t->bar_hits[i].act);
				return;
			}
		return;
	}
	if (t->top->type->mouse)
		t->top->type->mouse(t, t->top, &ev);
}

static void input(struct tui *t, const struct tui_input *in)
{
	tui_status_clear(t);
	if (t->geom.too_small) {
		enum tui_action act = tui_key_action(in, SCR_BROWSE);
		if ((act == ACT_QUIT || (!in->fn && in->ch == 0x1b)) && !t->opt->kiosk)
			t->quit = true;
		else if (act == ACT_REDRAW)
			global_action(t, act);
		return;
	}
	struct tui_frame *f = t->top;
	if (f->type->input && f->type->input(t, f, in))
		return;
	enum tui_action act = tui_key_action(in, f->type->keys);
	if (act != ACT_NONE && f->type->action(t, f, act))
		return;
	/* The language, a repaint and quitting act where they are pressed. */
	bool in_place = act == ACT_LANG || act == ACT_REDRAW || act == ACT_QUIT;
	if (f->type->overlay && f->below && !in_place) {
		/* An overlay (the help) closes and passes on the keys of the
		 * screen under it. */
		enum tui_action under = tui_key_action(in, f->below->type->keys);
		if (under != ACT_NONE) {
			tui_close(t, f);
			tui_reap(t);
			dispatch(t, under);
		}
		return;
	}
	if (act != ACT_NONE)
		global_action(t, act);
}

/* Background work of every frame; the most ms the loop may wait. */
static int tick(struct tui *t, int wait)
{
	for (struct tui_frame *f = t->top; f; f = f->below) {
		if (!f->type->tick || f->closing)
			continue;
		int w = f->type->tick(t, f);
		if (w >= 0 && w < wait)
			wait = w;
	}
	tui_reap(t);
	return wait;
}

static void run(struct tui *t, int *sig)
{
	bool first = true;
	while (!t->quit) {
		int wait = tick(t, tui_kiosk_tick(t));
		draw(t);
		if (first) {
			note_first_frame();
			first = false;
		}
		wint_t ch;
		int r = tui_term_get_key(wait, &ch);
		if ((*sig = tui_term_pending_signal()) != 0)
			return;
		if (r == ERR || tui_kiosk_event(t, r, ch)) {
			tui_reap(t);
			continue;
		}
		struct tui_input in = {.fn = r == KEY_CODE_YES};
		if (in.fn && ch == KEY_RESIZE)
			layout(t);
		else if (in.fn && (ch == TUI_KEY_MOUSE_X10 || ch == TUI_KEY_MOUSE_SGR))
			mouse(t, (int)ch);
		else {
			if (in.fn)
				in.code = (int)ch;
			else
				in.ch = ch;
			input(t, &in);
		}
		tui_reap(t);
	}
}

int sq_tui_run(struct sq_model *model, const struct sq_options *opt)
{
	if (!tui_term_check_locale()) {
		fprintf(stderr, "%s\n%s\n",
			_("shequ: the locale does not use UTF-8, so Chinese cannot be shown."),
			_("Start it in a UTF-8 locale, for example: LANG=C.UTF-8 shequ"));
		sq_model_free(model);
		return 2;
	}
	struct tui t;
	memset(&t, 0, sizeof t);
	t.opt = opt;
	t.lang = opt->lang;
	if (!tui_kiosk_init(&t) || !tui_preflight()) {
		tui_kiosk_free(&t);
		sq_model_free(model);
		return 2;
	}
	bool ascii = tui_ambiguous_setup(opt);
	t.g = ascii ? &tui_glyphs_ascii : &tui_glyphs_unicode;
	t.ascii_labels = ascii;

	tui_term_start(!opt->no_mouse);
	tui_views_init(&t, model);
	tui_kiosk_start(&t);
	layout(&t);
	tui_push(&t, &tui_browse_type, NULL);

	int sig = 0;
	run(&t, &sig);

	tui_term_stop();
	tui_kiosk_stop(&t, sig);
	while (t.top) {
		struct tui_frame *f = t.top;
		t.top = f->below;
		frame_free(&t, f);
	}
	tui_views_free(&t);
	tui_print_session_free();
	tui_kiosk_free(&t);
	tui_free_window(&t.title);
	tui_free_window(&t.bar);
	tui_free_window(&t.small);
	tui_row_free(&t.row);
	sq_buf_free(&t.buf);
	sq_buf_free(&t.buf2);
	free(t.marks);
	if (sig)
		tui_term_reraise(sig);
	return 0;
}
