/* SPDX-License-Identifier: MIT */
/* Inside the full-screen interface: shared state, the row builder, the key
 * table and the screens.  Each screen (browse, detail, search, help) is a
 * small module filling a struct tui_screen; tui.c dispatches to them. */
#ifndef SHEQU_TUI_INT_H
#define SHEQU_TUI_INT_H

#include <curses.h>
#include <stdbool.h>
#include <stdint.h>

#include "linebuf.h"
#include "model.h"
#include "options.h"
#include "search.h"
#include "text.h"

/* ---- terminal (tui_term.c) ---- */

/* What a thing on screen is; tui_term.c maps roles to colours or, without
 * colour, to attributes that still tell the selection apart. */
enum tui_role {
	ROLE_NORMAL,
	ROLE_TITLE,
	ROLE_HEADING,       /* pane heading */
	ROLE_HEADING_FOCUS, /* heading of the pane with the focus */
	ROLE_SEL,           /* selected row, pane has the focus */
	ROLE_SEL_DIM,       /* selected row, pane without the focus */
	ROLE_MATCH,         /* characters a search matched */
	ROLE_MATCH_SEL,
	ROLE_KEY,           /* key name in the key bar */
	ROLE_BAR,           /* key bar text */
	ROLE_STATUS,
	ROLE_ERROR,
	ROLE_BORDER,
	ROLE_DIM,           /* secondary text: counts, other language */
	ROLE_LABEL,         /* "Street:" in the detail view */
	ROLE_SECTION,       /* section heading in the detail view */
	ROLE_NAME,          /* a community's name in the detail view */
	ROLE_MARK,          /* the mark of an international community */
	ROLE_COUNT
};

/* Glyphs that depend on the terminal: box drawing is East Asian Ambiguous,
 * so a terminal drawing it wide gets the ASCII set. */
struct tui_glyphs {
	const char *vline, *hline, *tee_up; /* separator, rule, rule meets separator */
	const char *crumb;                  /* between levels of a path */
	const char *dot;                    /* between fields */
	const char *bullet;
	const char *up, *down, *left, *right;
};
extern const struct tui_glyphs tui_glyphs_unicode, tui_glyphs_ascii;

bool tui_term_check_locale(void);
void tui_term_start(bool mouse);
void tui_term_stop(void);
/* Signal that asked us to stop (SIGINT, SIGTERM, SIGHUP), else 0. */
int tui_term_pending_signal(void);
void tui_term_reraise(int sig);
bool tui_term_colour(void);
/* Mouse reports are read here, not by ncurses: its state machine takes a
 * second press without a release (touch screens) for a drag and drops it.
 * The key codes of the two report prefixes, and the report after one of
 * them: true for a press of button 1 or a wheel step. */
#define TUI_KEY_MOUSE_X10 (KEY_MAX + 1)
#define TUI_KEY_MOUSE_SGR (KEY_MAX + 2)
bool tui_term_read_mouse(int code, MEVENT *ev);
attr_t tui_role_attr(enum tui_role r);
short tui_role_pair(enum tui_role r);

/* ---- rows (tui_screen.c) ---- */

/* One screen row built in memory: characters with their attributes, exactly
 * as wide as the window it is drawn into. */
struct tui_row {
	cchar_t *cells;
	int n, cap;
	int width; /* cells filled so far */
};

void tui_row_reset(struct tui_row *r);
void tui_row_free(struct tui_row *r);
/* Append s[0..n) taking exactly cols cells (cut with a mark, or padded).
 * marks (may be NULL) flags bytes drawn with mark_role instead of role. */
void tui_row_text(struct tui_row *r, const char *s, size_t n, int cols,
		  enum tui_role role, const unsigned char *marks,
		  enum tui_role mark_role);
void tui_row_str(struct tui_row *r, const char *s, int cols, enum tui_role role);
/* Right-aligned in cols cells. */
void tui_row_str_right(struct tui_row *r, const char *s, int cols,
		       enum tui_role role);
/* Append s as is (it must fit: used for glyphs and separators). */
void tui_row_glyph(struct tui_row *r, const char *s, enum tui_role role);
void tui_row_fill(struct tui_row *r, int cols, enum tui_role role);
/* Pad (or cut) to the window's width and draw it on line y. */
void tui_row_draw(struct tui_row *r, WINDOW *w, int y, enum tui_role pad);

/* ---- keys (tui_keys.c) ---- */

enum tui_action {
	ACT_NONE,
	ACT_QUIT,
	ACT_HELP,
	ACT_SEARCH,
	ACT_UP,
	ACT_DOWN,
	ACT_LEFT,   /* back out a level */
	ACT_RIGHT,  /* drill in */
	ACT_OPEN,   /* Enter */
	ACT_BACK,   /* Backspace */
	ACT_CLOSE,  /* Esc */
	ACT_NEXT_PANE,
	ACT_PREV_PANE,
	ACT_PGUP,
	ACT_PGDN,
	ACT_HOME,
	ACT_END,
	ACT_LANG,
	ACT_PRINT,
	ACT_CITY,
	ACT_FILTER, /* communities offering a category */
	ACT_REDRAW,
	ACT_PLUS,   /* the print dialog: a copy more */
	ACT_MINUS,  /* a copy fewer */
	ACT_SAVE,   /* keep the sheet as a PDF file */
	ACT_COUNT
};

enum tui_scr { SCR_BROWSE, SCR_DETAIL, SCR_SEARCH, SCR_HELP, SCR_PRINT, SCR_FILTER,
	       SCR_COUNT };
#define TUI_IN(s) (1u << (s))
#define TUI_ALL ((1u << SCR_COUNT) - 1)

struct tui_keydef {
	enum tui_action act;
	unsigned screens;     /* TUI_IN(...) where the binding works */
	int codes[3];         /* curses KEY_* codes, 0-terminated */
	wchar_t chars[3];     /* characters, 0-terminated */
	int fkey;             /* n of F<n>, 0 if none */
	const char *label;    /* keys as the help shows them */
	const char *label_ascii;
	const char *bar;      /* short name in the key bar, NULL: not there */
	unsigned bar_screens; /* where it appears in the bar */
	const char *help;     /* N_() */
};

extern const struct tui_keydef tui_keys[];
extern const size_t tui_n_keys;

struct tui_input {
	bool fn;   /* a curses KEY_* code rather than a character */
	int code;  /* KEY_* when fn */
	wint_t ch; /* character otherwise */
};

enum tui_action tui_key_action(const struct tui_input *in, enum tui_scr scr);
/* The label of the first binding of act for screen scr ("Enter", "q"). */
const char *tui_key_label(const struct tui_keydef *k, bool ascii);

/* ---- layout (tui_layout.c) ---- */

#define TUI_MIN_COLS 40
#define TUI_MIN_LINES 10
#define TUI_THREE_PANES_COLS 72
#define TUI_TWO_PANES_COLS 52

struct tui_layout {
	int lines, cols;
	bool too_small;
	int npanes, first_level;  /* levels first_level .. +npanes-1 shown */
	int pane_x[3], pane_w[3]; /* by position, not level */
	int sep_x[2];
	int pane_y, pane_h;       /* heading row included */
	int preview_y, preview_h; /* preview_h 0: none */
	int body_y, body_h;       /* full-width screens */
	int bar_y;
};

void tui_layout_compute(struct tui_layout *l, int lines, int cols, int focus);

/* ---- generic list pane (tui_list.c) ---- */

struct tui_list {
	uint32_t count, sel, top;
	int rows; /* visible rows */
};

void tui_list_set(struct tui_list *l, uint32_t count, uint32_t sel, uint32_t top);
/* Keep the selection visible; true if top changed. */
bool tui_list_scroll_to_sel(struct tui_list *l);
/* Move the selection; true if it moved. */
bool tui_list_move(struct tui_list *l, enum tui_action act);
bool tui_list_wheel(struct tui_list *l, int delta);
void tui_list_resize(struct tui_list *l, int rows);
/* "3/40" when the list is longer than the pane, else "". */
void tui_list_position(const struct tui_list *l, char *out, size_t n);

/* ---- screens ---- */

struct tui;

struct tui_screen {
	void (*enter)(struct tui *t);
	void (*layout)(struct tui *t);
	/* Draw what is dirty and wnoutrefresh it (no doupdate). */
	void (*draw)(struct tui *t);
	/* Raw input before the key table (the search bar's text). */
	bool (*input)(struct tui *t, const struct tui_input *in);
	bool (*action)(struct tui *t, enum tui_action act);
	void (*mouse)(struct tui *t, const MEVENT *ev);
	/* The title line's text. */
	void (*title)(struct tui *t, struct sq_buf *left, struct sq_buf *right);
};

extern const struct tui_screen tui_browse_screen, tui_detail_screen,
	tui_search_screen, tui_help_screen, tui_print_screen, tui_filter_screen;

/* A view's place in the panes, kept while the other view is shown. */
struct tui_place {
	uint32_t *street_sel, *street_top, *comm_sel, *comm_top;
	uint32_t sel0, top0; /* the district list */
	int focus;
	bool saved;
};

/* What the browser shows (tui_view.c): the data it started with (the
 * international communities) or the whole city.  Each view keeps its model,
 * search index and place, and knows which of its communities are
 * international. */
enum tui_view_id { TUI_VIEW_OWN, TUI_VIEW_CITY, TUI_VIEW_COUNT };

struct tui_view {
	struct sq_model *model;   /* NULL: not loaded yet */
	struct sq_searcher *searcher;
	uint32_t *intl;           /* communities with a batch, in file order */
	uint32_t n_intl;
	bool mark;                /* some are not international: mark those that are */
	struct tui_place place;
};

/* The mark of an international community where not all are: ASCII, one
 * cell in every terminal (CJK.md rule 4), drawn in ROLE_MARK. */
#define TUI_MARK "*"

struct tui_browse {
	int focus;                /* level: 0 district, 1 street, 2 community */
	struct tui_list list[3];  /* by level */
	uint32_t *street_sel, *street_top; /* remembered, per district */
	uint32_t *comm_sel, *comm_top;     /* remembered, per street */
	WINDOW *pane[3], *sep[2], *preview;
	struct tui_layout lay;
	bool dirty[3], dirty_preview, dirty_frame;
	int last_click_level;
	uint32_t last_click_item;
};

/* A block of the detail view before wrapping. */
struct tui_para {
	char *text;
	const char *prefix; /* on the first line ("- "), NULL for none */
	enum tui_role role;
	int indent;
};

struct tui_dline {
	uint32_t para;
	size_t off, len;
	bool first;
};

struct tui_detail {
	uint32_t comm;
	struct tui_para *paras;
	size_t n_paras, cap_paras;
	struct tui_dline *lines;
	size_t n_lines;
	int wrapped_cols;
	size_t top;
	WINDOW *win;
	bool dirty;
	enum tui_scr back_to;
};

struct tui_search {
	struct sq_linebuf lb;
	struct sq_hit *hits;
	size_t n_hits;
	struct tui_list list;
	WINDOW *bar, *win;
	bool dirty_bar, dirty_list;
	enum tui_scr back_to;
	char *last_query;
	uint32_t last_click;
};

struct tui_help {
	struct sq_buf text;   /* lines separated by '\n' */
	size_t n_lines, top;
	WINDOW *win;
	bool dirty;
	enum tui_scr back_to;
};

/* The category filter: a menu of the categories, then every community
 * offering the chosen one, as district > street > community. */
struct tui_filter {
	bool results;             /* false: the menu */
	struct tui_list menu, list;
	enum sq_category cat;
	uint32_t *hits;
	size_t n_hits;
	WINDOW *win;
	bool dirty;
	enum tui_scr back_to;
};

struct tui_bar_hit {
	int x0, x1;
	enum tui_action act;
};

/* ---- kiosk (tui_kiosk.c) ---- */

/* One key of the staff quit sequence: a curses KEY_* code and/or up to two
 * characters (Enter is \r or \n or KEY_ENTER). */
struct tui_kiosk_key {
	int code;
	wint_t ch[2];
};

#define TUI_KIOSK_MAX_KEYS 16

struct tui_kiosk {
	struct tui_kiosk_key seq[TUI_KIOSK_MAX_KEYS];
	int n_seq, progress;  /* keys of the sequence typed so far */
	bool armed;           /* a key or touch since the last reset */
	int64_t last_ms;      /* when (CLOCK_MONOTONIC) */
	int shown;            /* seconds on the countdown, 0: none shown */
};

struct tui {
	struct sq_model *model;
	const struct sq_options *opt;
	struct sq_searcher *searcher;
	enum sq_lang lang;        /* language of the data texts */
	const struct tui_glyphs *g;
	bool ascii_labels;
	enum tui_scr scr;
	const struct tui_screen *ops;
	int lines, cols;
	bool too_small;
	WINDOW *title, *bar, *small;
	bool dirty_title, dirty_bar;
	char status[256];
	bool status_error;
	bool quit;
	struct tui_bar_hit bar_hits[24];
	int n_bar_hits;
	struct tui_print *print;  /* the print dialog (tui_print.c), or NULL */
	struct tui_browse browse;
	struct tui_detail detail;
	struct tui_search search;
	struct tui_help help;
	struct tui_kiosk kiosk;
	struct tui_filter filter;
	struct tui_view views[TUI_VIEW_COUNT];
	enum tui_view_id view;    /* the one shown: t->model is its model */
	struct tui_row row;       /* scratch row */
	struct sq_buf buf, buf2;  /* scratch text */
	unsigned char *marks;     /* scratch highlight marks */
	size_t marks_cap;
};

/* tui.c */
void tui_switch(struct tui *t, enum tui_scr scr);
void tui_status(struct tui *t, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Every window of every screen must be redrawn (Ctrl-L, language). */
void tui_invalidate(struct tui *t);
/* Scratch marks of at least n bytes, zeroed. */
unsigned char *tui_marks(struct tui *t, size_t n);
/* Recreate a window at a place, reusing it when nothing changed. */
WINDOW *tui_window(WINDOW *w, int h, int wd, int y, int x);
void tui_free_window(WINDOW **w);
/* A full-width message row ("No community matches"). */
void tui_draw_message(struct tui *t, WINDOW *w, int y, const char *msg,
		      enum tui_role role);

/* Back to the start (kiosk idle reset): the bundled data, fresh panes at
 * the top, no search, the starting language. */
void tui_home(struct tui *t);

/* tui_kiosk.c.  init parses opt->quit_keys (a message on stderr and false
 * when it cannot); start makes the terminal raw in kiosk mode; tick runs the
 * idle countdown and reset and returns the getch timeout (ms); event sees
 * every key and mouse report first: true when it took it (the countdown
 * cancelled, the quit sequence completed). */
bool tui_kiosk_init(struct tui *t);
void tui_kiosk_start(struct tui *t);
int tui_kiosk_tick(struct tui *t);
bool tui_kiosk_event(struct tui *t, int r, wint_t ch);
/* q or F10 in kiosk mode: a hint, not the sequence. */
void tui_kiosk_refuse_quit(struct tui *t);

/* Large print (--large): each list row two lines tall, for fingers. */
static inline int tui_row_height(const struct tui *t)
{
	return t->opt->large ? 2 : 1;
}

/* tui_preflight.c: stdin a terminal, TERM usable; else a message, false. */
bool tui_preflight(void);

/* tui_wcwidth.c: resolve --ambiguous (probing the terminal for auto) and set
 * the text module's width; true when ambiguous characters are wide. */
bool tui_ambiguous_setup(const struct sq_options *opt);

/* tui_browse.c */
void tui_browse_init(struct tui *t);
void tui_browse_free(struct tui *t);
/* Move the panes to a community (search, later: kiosk). */
void tui_browse_goto(struct tui *t, uint32_t comm);
/* Leave t->model: its place goes into p and the browse state is freed. */
void tui_browse_stash(struct tui *t, struct tui_place *p);
/* Browse t->model, at p's place when it holds one (p is emptied). */
void tui_browse_unstash(struct tui *t, struct tui_place *p);
uint32_t tui_browse_current(const struct tui *t); /* UINT32_MAX: none */

/* tui_detail.c */
void tui_detail_open(struct tui *t, uint32_t comm);
void tui_detail_free(struct tui *t);
/* Paragraphs of a community's details, shared with the preview. */
void tui_detail_build(struct tui *t, uint32_t comm, bool brief);

/* tui_search.c */
void tui_search_init(struct tui *t);
void tui_search_free(struct tui *t);
/* An empty query, for a new search. */
void tui_search_reset(struct tui *t);

/* tui_help.c */
void tui_help_free(struct tui *t);

/* tui_view.c */
void tui_views_init(struct tui *t, struct sq_model *own);
void tui_views_free(struct tui *t);
/* Switch between the international communities and the whole city. */
void tui_view_toggle(struct tui *t);
/* The starting view at fresh places, no search or filter (kiosk reset). */
void tui_view_home(struct tui *t);
/* The view's name for the title, NULL when it has none. */
const char *tui_view_title(const struct tui *t);
/* Whether a community gets the international mark in this view. */
bool tui_view_marked(const struct tui *t, uint32_t comm);
/* In a marking view, append the mark or a blank (one cell) and return 1;
 * else append nothing and return 0. */
int tui_view_mark_cell(struct tui *t, struct tui_row *r, uint32_t comm,
		       enum tui_role role);

/* tui_filter.c */
void tui_filter_open(struct tui *t);
void tui_filter_free(struct tui *t);

/* tui_lineedit.c: the line editor on screen and its keys. */
bool tui_lineedit_input(struct sq_linebuf *lb, const struct tui_input *in);
/* Draw the field at (y, x) cols wide; returns the cursor's column. */
int tui_lineedit_draw(struct tui *t, struct sq_linebuf *lb, WINDOW *w, int y,
		      int x, int cols);

/* tui_print.c: the print dialog.  tui_print opens it on a community (in a
 * build without printing it only says so).  tick follows a submitted job
 * from the main loop, one cheap step per pass: true while a job is pending,
 * when the loop should come back within 200 ms.  close cancels a pending
 * job and closes the dialog (for a reset); free at exit. */
void tui_print(struct tui *t, uint32_t comm);
bool tui_print_tick(struct tui *t);
void tui_print_close(struct tui *t);
void tui_print_free(struct tui *t);

/* tui_keys.c: the key bar and help text, generated from the key table. */
void tui_draw_bar(struct tui *t);
void tui_help_build(struct tui *t, struct sq_buf *out, size_t *n_lines);

#endif
