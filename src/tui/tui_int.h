/* SPDX-License-Identifier: MIT */
/* What every screen of the full-screen interface needs: the shared state,
 * the stack of frames and the screen types that fill them.
 *
 * As in tig (struct view_ops with private_size and parent), a screen type
 * declares its operations and the size of its private state; the main loop
 * (tui.c) holds a stack of frames, the browser at the bottom.  Opening help,
 * search, the filter or the print dialog pushes a frame; Esc pops it; a frame
 * that is done (a finished print job) is closed wherever it sits.  A screen's
 * state is its frame's private block: no screen reads or writes another's;
 * they meet only through the functions declared here. */
#ifndef SHEQU_TUI_INT_H
#define SHEQU_TUI_INT_H

#include <curses.h>
#include <stdbool.h>
#include <stdint.h>

#include "model.h"
#include "options.h"
#include "search.h"
#include "text.h"
#include "tui_keys.h"
#include "tui_layout.h"
#include "tui_list.h"
#include "tui_row.h"

struct tui;
struct tui_frame;

struct tui_screen_type {
	const char *name;
	enum tui_scr keys;   /* whose bindings of the key table it takes */
	bool cursor;         /* shows the terminal's cursor (a text field) */
	bool overlay;        /* keys it does not take close it and go below */
	size_t private_size;
	/* Set up the private state (zeroed) from arg.  false: nothing to
	 * show; the frame is dropped, the status line having said why. */
	bool (*init)(struct tui *t, struct tui_frame *f, const void *arg);
	void (*done)(struct tui *t, struct tui_frame *f);
	/* The size or the language changed, or the frame came to the top. */
	void (*layout)(struct tui *t, struct tui_frame *f);
	/* Draw what is dirty, everything when f->dirty, and wnoutrefresh it
	 * (no doupdate). */
	void (*draw)(struct tui *t, struct tui_frame *f);
	/* Raw input before the key table (the search bar's text). */
	bool (*input)(struct tui *t, struct tui_frame *f, const struct tui_input *in);
	/* false: not the screen's; the main loop's global keys get it. */
	bool (*action)(struct tui *t, struct tui_frame *f, enum tui_action act);
	void (*mouse)(struct tui *t, struct tui_frame *f, const MEVENT *ev);
	/* The title line: the screen's own text left, more on the right. */
	void (*title)(struct tui *t, struct tui_frame *f, struct sq_buf *left,
		      struct sq_buf *right);
	/* Optional.  The community the screen is about (p prints it);
	 * UINT32_MAX: none. */
	uint32_t (*current)(struct tui *t, struct tui_frame *f);
	/* Optional.  Work between keys, wherever the frame sits (following a
	 * print job): the most milliseconds the loop may wait before the next
	 * call; -1: no need to be called early. */
	int (*tick)(struct tui *t, struct tui_frame *f);
	/* Optional.  The data set changed (t->model; old is the one the frame
	 * knew, still valid during the call): follow it.  false, or no
	 * retarget: the frame is closed. */
	bool (*retarget)(struct tui *t, struct tui_frame *f, const struct sq_model *old);
	/* Optional.  Work an idle reset must not drop (a job being followed). */
	bool (*busy)(struct tui *t, struct tui_frame *f);
	/* Optional.  The key bar's text for act while the frame is on top:
	 * label (the key table's), another, or NULL when act does nothing in
	 * the screen's present state (the bar then does not offer it). */
	const char *(*bar_label)(struct tui *t, struct tui_frame *f, enum tui_action act,
				 const char *label);
};

struct tui_frame {
	const struct tui_screen_type *type;
	struct tui_frame *below; /* where Esc returns; NULL: the bottom */
	void *priv;              /* type->private_size bytes */
	bool dirty;              /* draw everything */
	bool closing;            /* removed when the current event is done */
};

extern const struct tui_screen_type tui_browse_type, tui_detail_type,
	tui_search_type, tui_help_type, tui_print_type, tui_filter_type;

struct tui_bar_hit {
	int x0, x1;
	enum tui_action act;
};

struct tui_views;
struct tui_kiosk;

struct tui {
	struct sq_model *model;       /* the data set shown (tui_view.c) */
	struct sq_searcher *searcher; /* its search index */
	const struct sq_options *opt;
	enum sq_lang lang;            /* language of the interface and the data */
	const struct tui_glyphs *g;
	bool ascii_labels;
	struct tui_geom geom;         /* title, body and key bar */
	WINDOW *title, *bar, *small;
	bool dirty_title, dirty_bar;
	char status[256];             /* on the key bar until the next key */
	bool status_error;
	bool quit;
	struct tui_bar_hit bar_hits[24];
	int n_bar_hits;
	struct tui_frame *top;        /* the stack; the browser at the bottom */
	struct tui_views *views;
	struct tui_kiosk *kiosk;
	struct tui_row row;           /* scratch row */
	struct sq_buf buf, buf2;      /* scratch text */
	unsigned char *marks;         /* scratch highlight marks */
	size_t marks_cap;
};

/* ---- the stack (tui.c) ---- */

/* A new frame of type on top, set up from arg; NULL when init declined. */
struct tui_frame *tui_push(struct tui *t, const struct tui_screen_type *type,
			   const void *arg);
/* Close f wherever it sits: it is removed once the event being handled is
 * done, so the caller may still use it until it returns. */
void tui_close(struct tui *t, struct tui_frame *f);
/* The frame at the bottom (the browser). */
struct tui_frame *tui_bottom(const struct tui *t);
/* Open a community's details from anywhere (search, filter): whatever is
 * above the browser closes, the panes move to it, its detail view opens. */
void tui_open_community(struct tui *t, uint32_t comm);
/* Back to the start (kiosk idle reset): the starting data and language,
 * fresh panes, nothing on top. */
void tui_home(struct tui *t);
/* Every frame above the bottom that is not busy closes. */
void tui_close_all(struct tui *t);
/* Remove the frames marked closing, wherever they sit (the main loop does
 * after each event; call it only where no frame's code is running). */
void tui_reap(struct tui *t);
/* The top frame takes the screen as it is now: its windows are placed for
 * the current size and language, and everything is drawn. */
void tui_relayout(struct tui *t);
/* Whether some frame holds work an idle reset must not drop. */
bool tui_busy(const struct tui *t);

/* ---- shared drawing (tui.c) ---- */

void tui_status(struct tui *t, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void tui_status_clear(struct tui *t);
/* The top frame and the lines around it must be drawn again. */
void tui_invalidate(struct tui *t);
/* Scratch marks of at least n bytes, zeroed. */
unsigned char *tui_marks(struct tui *t, size_t n);
/* Recreate a window at a place, reusing it when nothing changed. */
WINDOW *tui_window(WINDOW *w, int h, int wd, int y, int x);
/* The same for a screen's whole body, between the title and the key bar. */
WINDOW *tui_body_window(const struct tui *t, WINDOW *w);
void tui_free_window(WINDOW **w);
/* A full-width message row ("No community matches"). */
void tui_draw_message(struct tui *t, WINDOW *w, int y, const char *msg,
		      enum tui_role role);
/* The data set's file name and size, for a title's right side. */
void tui_title_dataset(const struct tui *t, struct sq_buf *right);

/* Large print (--large): each list row two lines tall, for fingers. */
static inline int tui_row_height(const struct tui *t)
{
	return t->opt->large ? 2 : 1;
}

/* ---- the key bar and the help text (tui_keys.c) ---- */

void tui_draw_bar(struct tui *t, enum tui_scr scr);
/* The help for the screen whose keys are scr, in lines of width cells (less
 * one for the margin): its keys, the mouse, the data; lines starting with
 * '#' are headings. */
void tui_help_build(struct tui *t, enum tui_scr scr, int width, struct sq_buf *out);

/* ---- the browser (tui_browse.c) ---- */

/* Move the panes to a community. */
void tui_browse_goto(struct tui *t, uint32_t comm);
/* Forget the places of every data set: the panes at the top (kiosk reset). */
void tui_browse_reset(struct tui *t);

/* ---- the line editor on screen (tui_lineedit.c) ---- */

struct sq_linebuf;
bool tui_lineedit_input(struct sq_linebuf *lb, const struct tui_input *in);
/* Draw the field at (y, x) cols wide; returns the cursor's column. */
int tui_lineedit_draw(struct tui *t, struct sq_linebuf *lb, WINDOW *w, int y,
		      int x, int cols);

/* ---- the data sets (tui_view.c) ---- */

/* The data it started with (by default the international communities) and
 * the whole city, each with its own model and search index. */
enum tui_view_id { TUI_VIEW_OWN, TUI_VIEW_CITY, TUI_VIEW_COUNT };

void tui_views_init(struct tui *t, struct sq_model *own);
void tui_views_free(struct tui *t);
enum tui_view_id tui_view_current(const struct tui *t);
/* Switch between the two; every frame follows (retarget) or closes. */
void tui_view_toggle(struct tui *t);
/* The starting data set (kiosk reset). */
void tui_view_home(struct tui *t);
/* A newer model of the starting data set takes its place (it takes m
 * over); every frame follows or closes, as for a switch. */
void tui_view_replace_own(struct tui *t, struct sq_model *m);
/* The data set's name for the title, NULL when it has none. */
const char *tui_view_title(const struct tui *t);
/* Whether the data set marks its international communities, and whether
 * comm is one. */
bool tui_view_marks(const struct tui *t);
bool tui_view_marked(const struct tui *t, uint32_t comm);
/* What the mark means here ("marks an international demonstration
 * community"), in out. */
const char *tui_view_mark_meaning(const struct tui *t, struct sq_buf *out);
/* In a marking data set, append the mark or a blank (one cell) and return
 * 1; else append nothing and return 0. */
int tui_view_mark_cell(struct tui *t, struct tui_row *r, uint32_t comm,
		       enum tui_role role);

/* The mark of an international community where not all are: ASCII, one
 * cell in every terminal (CJK.md rule 4), drawn in ROLE_MARK. */
#define TUI_MARK "*"

/* ---- printing (tui_print.c) ---- */

/* The print dialogs share one session for the run (the printer chosen last,
 * CUPS's request threads), made with the first dialog: free it at the end,
 * after the last frame is gone. */
void tui_print_session_free(void);

/* ---- kiosk (tui_kiosk.c) ---- */

/* init readies the kiosk's state (opt->quit_seq was checked when the
 * settings were read); start makes the terminal raw in kiosk mode; tick runs the idle
 * countdown and reset and returns the most milliseconds to wait; event
 * sees every key and mouse report first: true when it took it (the
 * countdown cancelled, the quit sequence completed). */
bool tui_kiosk_init(struct tui *t);
void tui_kiosk_free(struct tui *t);
/* After the model is shown: the kiosk's log (start, data loaded or refused,
 * the terminal too small, stop) and the watch on the data file. */
void tui_kiosk_start(struct tui *t);
/* The kiosk ends: by the staff sequence (sig 0) or a signal; for the log. */
void tui_kiosk_stop(struct tui *t, int sig);
/* The terminal's size changed (for the log). */
void tui_kiosk_resized(struct tui *t);
int tui_kiosk_tick(struct tui *t);
bool tui_kiosk_event(struct tui *t, int r, wint_t ch);
/* q or F10 in kiosk mode: a hint, not the sequence. */
void tui_kiosk_refuse_quit(struct tui *t);

#endif
