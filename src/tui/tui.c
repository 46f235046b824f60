/* SPDX-License-Identifier: MIT */
/* The main loop: read a key, hand it to the current screen, draw what became
 * dirty with one doupdate.  Screens are modules (tui_browse.c, tui_detail.c,
 * tui_search.c, tui_help.c) behind struct tui_screen. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "load.h"
#include "tui.h"
#include "tui_int.h"
#include "util.h"

static struct timespec process_start;

/* Before main, so that the benchmark's first-frame time includes loading. */
__attribute__((constructor)) static void note_start(void)
{
	clock_gettime(CLOCK_MONOTONIC, &process_start);
}

static const struct tui_screen *const screens[SCR_COUNT] = {
	[SCR_BROWSE] = &tui_browse_screen,
	[SCR_DETAIL] = &tui_detail_screen,
	[SCR_SEARCH] = &tui_search_screen,
	[SCR_HELP] = &tui_help_screen,
	[SCR_PRINT] = &tui_print_screen,
	[SCR_FILTER] = &tui_filter_screen,
};

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
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->status, sizeof t->status, fmt, ap);
	va_end(ap);
	t->status_error = error;
	t->dirty_bar = true;
}

void tui_draw_message(struct tui *t, WINDOW *w, int y, const char *msg,
		      enum tui_role role)
{
	tui_row_reset(&t->row);
	tui_row_glyph(&t->row, " ", ROLE_NORMAL);
	tui_row_str(&t->row, msg, getmaxx(w) - 1, role);
	tui_row_draw(&t->row, w, y, ROLE_NORMAL);
}

void tui_invalidate(struct tui *t)
{
	t->dirty_title = t->dirty_bar = true;
	t->browse.dirty[0] = t->browse.dirty[1] = t->browse.dirty[2] = true;
	t->browse.dirty_preview = t->browse.dirty_frame = true;
	t->detail.dirty = true;
	t->search.dirty_bar = t->search.dirty_list = true;
	t->help.dirty = true;
	t->filter.dirty = true;
}

static void layout(struct tui *t)
{
	getmaxyx(stdscr, t->lines, t->cols);
	t->too_small = t->lines < TUI_MIN_LINES || t->cols < TUI_MIN_COLS;
	if (t->too_small) {
		t->small = tui_window(t->small, t->lines, t->cols, 0, 0);
		tui_invalidate(t);
		return;
	}
	tui_free_window(&t->small);
	t->title = tui_window(t->title, 1, t->cols, 0, 0);
	t->bar = tui_window(t->bar, 1, t->cols, t->lines - 1, 0);
	t->ops->layout(t);
	tui_invalidate(t);
}

void tui_switch(struct tui *t, enum tui_scr scr)
{
	t->scr = scr;
	t->ops = screens[scr];
	if (t->ops->enter)
		t->ops->enter(t);
	if (!t->too_small)
		t->ops->layout(t);
	/* Screens share the rows: whatever was there must be painted over. */
	tui_invalidate(t);
}

static void draw_small(struct tui *t)
{
	WINDOW *w = t->small;
	char msg[160];
	werase(w);
	snprintf(msg, sizeof msg, _("Terminal too small: %dx%d"), t->cols, t->lines);
	int y = t->lines / 2 - 1;
	if (y < 0)
		y = 0;
	for (int i = 0; i < t->lines; i++) {
		const char *s = "";
		if (i == y)
			s = msg;
		else if (i == y + 1)
			s = _("needs 40x10 or more");
		else if (i == y + 2)
			s = _("q quits");
		tui_row_reset(&t->row);
		tui_row_str(&t->row, s, t->cols, i == y ? ROLE_ERROR : ROLE_NORMAL);
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
	t->ops->title(t, left, right);
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
	const char *base = strrchr(t->model->path, '/');
	base = base ? base + 1 : t->model->path;
	bool dataset = rw && right->len >= strlen(base) &&
		       memcmp(right->data, base, strlen(base)) == 0;
	/* Candidates as bits: 1 the name, 2 the right side. */
	int cand[3], nc = 0, avail = t->cols - 2, shown = 0, rtotal = 0;
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
	 * wget_wch would then paint it over everything. */
	if (is_wintouched(stdscr))
		wnoutrefresh(stdscr);
	if (t->too_small) {
		draw_small(t);
	} else {
		if (t->dirty_title)
			draw_title(t);
		if (t->dirty_bar)
			tui_draw_bar(t);
		t->dirty_title = t->dirty_bar = false;
		curs_set(t->scr == SCR_SEARCH ? 1 : 0);
		t->ops->draw(t); /* last: the search bar places the cursor */
	}
	doupdate();
}

static void note_first_frame(void)
{
	const char *log = getenv("SHEQU_BENCH_LOG");
	if (!log || !*log)
		return;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double ms = (double)(now.tv_sec - process_start.tv_sec) * 1e3 +
		    (double)(now.tv_nsec - process_start.tv_nsec) / 1e6;
	FILE *f = fopen(log, "a");
	if (f) {
		fprintf(f, "first-frame-ms %.3f\n", ms);
		fclose(f);
	}
}

static uint32_t current_comm(struct tui *t)
{
	if (t->scr == SCR_DETAIL || (t->scr == SCR_HELP && t->help.back_to == SCR_DETAIL))
		return t->detail.comm;
	return tui_browse_current(t);
}

/* What every screen does the same way, when the screen did not take it. */
static void global_action(struct tui *t, enum tui_action act)
{
	switch (act) {
	case ACT_QUIT:
		if (t->opt->kiosk)
			tui_kiosk_refuse_quit(t);
		else
			t->quit = true;
		break;
	case ACT_HELP:
		if (t->scr != SCR_HELP) {
			t->help.back_to = t->scr;
			tui_switch(t, SCR_HELP);
		}
		break;
	case ACT_SEARCH:
		if (t->scr != SCR_SEARCH) {
			enum tui_scr from = t->scr == SCR_HELP ? t->help.back_to : t->scr;
			/* From help opened in the search: back to that search, not
			 * a new one that Esc would return to for ever. */
			if (from != SCR_SEARCH) {
				t->search.back_to = from;
				tui_search_reset(t);
			}
			tui_switch(t, SCR_SEARCH);
		}
		break;
	case ACT_LANG:
		/* Interface and data together; places and selections stay. */
		t->lang = t->lang == SQ_ZH ? SQ_EN : SQ_ZH;
		sq_i18n_set_lang(t->lang);
		if (t->ops->layout)
			t->ops->layout(t); /* texts change width: rewrap */
		tui_invalidate(t);
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		tui_invalidate(t);
		break;
	case ACT_PRINT: {
		uint32_t c = current_comm(t);
		if (c == UINT32_MAX)
			tui_status(t, true, "%s", _("No community selected"));
		else
			tui_print(t, c);
		break;
	}
	case ACT_CITY:
		tui_view_toggle(t);
		break;
	case ACT_FILTER:
		if (t->scr != SCR_FILTER)
			tui_filter_open(t);
		break;
	default:
		break;
	}
}

void tui_home(struct tui *t)
{
	tui_print_close(t); /* the next visitor starts without it */
	tui_view_home(t);
	if (t->lang != t->opt->lang)
		global_action(t, ACT_LANG);
}

static void mouse(struct tui *t, int code)
{
	MEVENT ev;
	if (!tui_term_read_mouse(code, &ev))
		return;
	if (t->too_small)
		return;
	if (ev.y == t->lines - 1 && (ev.bstate & BUTTON1_PRESSED)) {
		for (int i = 0; i < t->n_bar_hits; i++)
			if (ev.x >= t->bar_hits[i].x0 && ev.x < t->bar_hits[i].x1) {
				enum tui_action act = t->bar_hits[i].act;
				if (!t->ops->action(t, act))
					global_action(t, act);
				return;
			}
		return;
	}
	if (t->ops->mouse)
		t->ops->mouse(t, &ev);
}

static void input(struct tui *t, const struct tui_input *in)
{
	if (t->status[0]) {
		t->status[0] = '\0';
		t->dirty_bar = true;
	}
	if (t->too_small) {
		enum tui_action act = tui_key_action(in, SCR_BROWSE);
		if ((act == ACT_QUIT || (!in->fn && in->ch == 0x1b)) && !t->opt->kiosk)
			t->quit = true;
		else if (act == ACT_REDRAW)
			global_action(t, act);
		return;
	}
	if (t->ops->input && t->ops->input(t, in))
		return;
	enum tui_action act = tui_key_action(in, t->scr);
	if (act == ACT_NONE)
		return;
	if (!t->ops->action(t, act))
		global_action(t, act);
}

int sq_tui_run(struct sq_model *model, const struct sq_options *opt)
{
	if (!tui_term_check_locale()) {
		fprintf(stderr, "%s\n%s\n",
			_("shequ: the locale does not use UTF-8, so Chinese cannot be shown."),
			_("Start it in a UTF-8 locale, for example: LANG=C.UTF-8 shequ"));
		return 2;
	}
	struct tui t;
	memset(&t, 0, sizeof t);
	t.opt = opt;
	t.lang = opt->lang;
	if (!tui_kiosk_init(&t) || !tui_preflight())
		return 2;
	bool ascii = tui_ambiguous_setup(opt);
	t.g = ascii ? &tui_glyphs_ascii : &tui_glyphs_unicode;
	t.ascii_labels = ascii;
	t.scr = SCR_BROWSE;
	t.ops = screens[SCR_BROWSE];

	tui_term_start(!opt->no_mouse);
	tui_kiosk_start(&t);
	tui_views_init(&t, model);
	tui_browse_init(&t);
	tui_search_init(&t);
	layout(&t);

	bool first = true;
	int sig = 0;
	while (!t.quit) {
		int wait = tui_kiosk_tick(&t);
		if (tui_print_tick(&t) && wait > 200)
			wait = 200; /* following a print job */
		draw(&t);
		if (first) {
			note_first_frame();
			first = false;
		}
		wint_t ch;
		wtimeout(stdscr, wait);
		int r = wget_wch(stdscr, &ch);
		if ((sig = tui_term_pending_signal()) != 0)
			break;
		if (r == ERR || tui_kiosk_event(&t, r, ch))
			continue;
		struct tui_input in = {.fn = r == KEY_CODE_YES};
		if (in.fn) {
			in.code = (int)ch;
			if (ch == KEY_RESIZE) {
				layout(&t);
				continue;
			}
			if (ch == TUI_KEY_MOUSE_X10 || ch == TUI_KEY_MOUSE_SGR) {
				mouse(&t, (int)ch);
				continue;
			}
		} else {
			in.ch = ch;
		}
		input(&t, &in);
	}

	tui_term_stop();
	tui_search_free(&t);
	tui_browse_free(&t);
	tui_detail_free(&t);
	tui_help_free(&t);
	tui_print_free(&t);
	tui_filter_free(&t);
	tui_views_free(&t);
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
