/* SPDX-License-Identifier: MIT */
/* The row layer: one screen row built in memory as cells with their
 * attributes, fitted by the text module (cut on a grapheme boundary with a
 * mark, or padded) and drawn whole, so that a row can never spill into the
 * next one.  Roles say what a thing on screen is; tui_term.c maps them to
 * colours or, without colour, to attributes. */
#ifndef SHEQU_TUI_ROW_H
#define SHEQU_TUI_ROW_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

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
	ROLE_LABEL,         /* "Street" in the detail view */
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
/* Fill with role up to cell end (nothing when the row is already there). */
void tui_row_pad_to(struct tui_row *r, int end, enum tui_role role);
/* Pad (or cut) to the window's width and draw it on line y. */
void tui_row_draw(struct tui_row *r, WINDOW *w, int y, enum tui_role pad);

/* Colour pair and attributes of a role (tui_term.c). */
attr_t tui_role_attr(enum tui_role r);
short tui_role_pair(enum tui_role r);

#endif
