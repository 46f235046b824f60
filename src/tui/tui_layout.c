/* SPDX-License-Identifier: MIT */
/* Where things go for a terminal size.  Narrow terminals get fewer panes, not
 * squeezed ones: three from TUI_THREE_PANES_COLS, else the focused level and
 * its parent, else the focused level alone. */
#include "tui_int.h"

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void tui_layout_compute(struct tui_layout *l, int lines, int cols, int focus)
{
	*l = (struct tui_layout){.lines = lines, .cols = cols};
	if (lines < TUI_MIN_LINES || cols < TUI_MIN_COLS) {
		l->too_small = true;
		return;
	}
	l->bar_y = lines - 1;
	l->body_y = 1;
	l->body_h = lines - 2;

	/* A preview when there is room for one under lists worth the name. */
	l->preview_h = lines >= 16 ? clamp((lines - 2) / 4, 4, 9) : 0;
	l->pane_y = 1;
	l->pane_h = lines - 2 - l->preview_h;
	l->preview_y = l->pane_y + l->pane_h;

	if (cols >= TUI_THREE_PANES_COLS) {
		l->npanes = 3;
		l->first_level = 0;
	} else if (cols >= TUI_TWO_PANES_COLS) {
		l->npanes = 2;
		l->first_level = focus > 0 ? focus - 1 : 0;
	} else {
		l->npanes = 1;
		l->first_level = focus;
	}

	int avail = cols - (l->npanes - 1); /* separators take a cell each */
	int w[3];
	if (l->npanes == 3) {
		w[0] = avail * 26 / 100;
		w[1] = avail * 31 / 100;
		w[2] = avail - w[0] - w[1];
	} else if (l->npanes == 2) {
		w[0] = avail * 42 / 100;
		w[1] = avail - w[0];
	} else {
		w[0] = avail;
	}
	int x = 0;
	for (int i = 0; i < l->npanes; i++) {
		l->pane_x[i] = x;
		l->pane_w[i] = w[i];
		x += w[i];
		if (i < l->npanes - 1)
			l->sep_x[i] = x++;
	}
}
