/* SPDX-License-Identifier: MIT */
/* Where things go for a terminal size: the rows every screen shares (title,
 * body, key bar) and the browser's panes.  Narrow terminals get fewer panes,
 * not squeezed ones. */
#ifndef SHEQU_TUI_LAYOUT_H
#define SHEQU_TUI_LAYOUT_H

#include <stdbool.h>

#define TUI_MIN_COLS 40
#define TUI_MIN_LINES 10
#define TUI_THREE_PANES_COLS 72
#define TUI_TWO_PANES_COLS 52

/* The screen: a title row, the body, the key bar. */
struct tui_geom {
	int lines, cols;
	bool too_small;
	int body_y, body_h; /* the rows a screen has to itself */
	int bar_y;
};

void tui_geom_compute(struct tui_geom *g, int lines, int cols);

/* The browser's panes inside the body. */
struct tui_panes {
	int npanes, first_level;  /* levels first_level .. +npanes-1 shown */
	int pane_x[3], pane_w[3]; /* by position, not level */
	int sep_x[2];
	int pane_y, pane_h;       /* heading row included */
	int preview_y, preview_h; /* preview_h 0: none */
};

/* Panes as wide as their content wants (natural[level]: the widest row of
 * each level, in cells) where there is room, the rest of the line to the
 * last pane shown; where there is not, shares of the line (26:31:43, or
 * 42:58 for two), a pane that wants less than its share giving the rest
 * to the others.  natural NULL: the shares alone. */
void tui_panes_compute(struct tui_panes *p, const struct tui_geom *g,
		       int focus, const int natural[3]);

#endif
