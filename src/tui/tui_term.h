/* SPDX-License-Identifier: MIT */
/* The terminal: setup and teardown (crash-safe: the restore sequence is
 * prepared ahead and written with write() from the signal handlers), our
 * own mouse reports, and the checks before the screen is taken over. */
#ifndef SHEQU_TUI_TERM_H
#define SHEQU_TUI_TERM_H

#include <curses.h>
#include <stdbool.h>

#include "options.h"

bool tui_term_check_locale(void);
void tui_term_start(bool mouse);
void tui_term_stop(void);
/* Signal that asked us to stop (SIGINT, SIGTERM, SIGHUP), else 0. */
int tui_term_pending_signal(void);
void tui_term_reraise(int sig);

/* The next key, waiting at most wait_ms (-1: for ever), as wget_wch gives
 * it (OK with a character, KEY_CODE_YES with a KEY_* code, ERR for none),
 * but decoding UTF-8 itself: an invalid or truncated sequence is dropped at
 * once and the byte that broke it is the next key, where ncurses would
 * wait for the rest of the character and swallow the keys after it. */
int tui_term_get_key(int wait_ms, wint_t *ch);

/* Mouse reports are read here, not by ncurses: its state machine takes a
 * second press without a release (touch screens) for a drag and drops it.
 * The key codes of the two report prefixes, and the report after one of
 * them: true for a press of button 1 or a wheel step. */
#define TUI_KEY_MOUSE_X10 (KEY_MAX + 1)
#define TUI_KEY_MOUSE_SGR (KEY_MAX + 2)
bool tui_term_read_mouse(int code, MEVENT *ev);

/* tui_preflight.c: stdin a terminal, TERM usable; else a message, false. */
bool tui_preflight(void);

/* tui_wcwidth.c: resolve --ambiguous (probing the terminal for auto) and set
 * the text module's width; true when ambiguous characters are wide. */
bool tui_ambiguous_setup(const struct sq_options *opt);

#endif
