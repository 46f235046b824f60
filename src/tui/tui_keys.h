/* SPDX-License-Identifier: MIT */
/* The one key table: input is looked up here, and the key bar and the help
 * screen are generated from it (tui_keys.c), so they cannot disagree with
 * what the keys do. */
#ifndef SHEQU_TUI_KEYS_H
#define SHEQU_TUI_KEYS_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

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
	/* The line editor (the search bar). */
	ACT_EDIT_LEFT,
	ACT_EDIT_RIGHT,
	ACT_EDIT_HOME,
	ACT_EDIT_END,
	ACT_EDIT_BACKSPACE,
	ACT_EDIT_DELETE,
	ACT_EDIT_CLEAR,
	ACT_EDIT_KILL_WORD,
	ACT_EDIT_KILL_END,
	ACT_COUNT
};

/* Whose keys: every screen type names one; SCR_EDIT is the line editor's,
 * which the search bar takes before its own. */
enum tui_scr { SCR_BROWSE, SCR_DETAIL, SCR_SEARCH, SCR_HELP, SCR_PRINT, SCR_FILTER,
	       SCR_EDIT, SCR_COUNT };
#define TUI_IN(s) (1u << (s))
#define TUI_ALL ((1u << SCR_COUNT) - 1)

struct tui_keydef {
	enum tui_action act;
	unsigned screens;     /* TUI_IN(...) where the binding works */
	int codes[3];         /* curses KEY_* codes (KEY_F(n) too), 0-terminated */
	wchar_t chars[3];     /* characters, 0-terminated */
	const char *bar;      /* short name in the key bar, NULL: not there */
	unsigned bar_screens; /* where it appears in the bar */
	const char *help;     /* N_() */
};

extern const struct tui_keydef tui_keys[];
extern const size_t tui_n_keys;

/* A key as read: a curses KEY_* code or a character. */
struct tui_input {
	bool fn;   /* a curses KEY_* code rather than a character */
	int code;  /* KEY_* when fn */
	wint_t ch; /* character otherwise */
};

enum tui_action tui_key_action(const struct tui_input *in, enum tui_scr scr);

/* The first key that does act in scr, as the key bar shows it ("" when
 * none does). */
void tui_action_key(enum tui_action act, enum tui_scr scr, bool ascii, char *out,
		    size_t n);

/* The keys of a binding that work in scr, as the help shows them ("? F1",
 * "Up k" with ascii), written to out; the first only when first_only (the
 * key bar).  Empty when none works there. */
void tui_key_label(const struct tui_keydef *k, enum tui_scr scr, bool ascii,
		   bool first_only, char *out, size_t n);

#endif
