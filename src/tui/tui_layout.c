/* SPDX-License-Identifier: MIT */
/* Where things go for a terminal size.  Narrow terminals get fewer panes, not
 * squeezed ones: three from TUI_THREE_PANES_COLS, else the focused level and
 * its parent, else the focused level alone. */
#include "tui_layout.h"

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void tui_geom_compute(struct tui_geom *g, int lines, int cols)
{
	*g = (struct tui_geom){.lines = lines, .cols = cols};
	g->too_small = lines < TUI_MIN_LINES || cols < TUI_MIN_COLS;
	g->body_y = 1;
	g->body_h = lines - 2 > 0 ? lines - 2 : 0;
	g->bar_y = lines - 1;
}

void tui_panes_compute(struct tui_panes *p, const struct tui_geom *g, int focus)
{
	*p = (struct tui_panes){0};
	if (g->too_small)
		return;
	int cols = g->cols;
	/* A preview when there is room for one under lists worth the name. */
	p->preview_h = g->lines >= 16 ? clamp(g->body_h / 4, 4, 9) : 0;
	p->pane_y = g->body_y;
	p->pane_h = g->body_h - p->preview_h;
	p->preview_y = p->pane_y + p->pane_h;

	if (cols >= TUI_THREE_PANES_COLS) {
		p->npanes = 3;
		p->first_level = 0;
	} else if (cols >= TUI_TWO_PANES_COLS) {
		p->npanes = 2;
		p->first_level = focus > 0 ? focus - 1 : 0;
	} else {
		p->npanes = 1;
		p->first_level = focus;
	}

	int avail = cols - (p->npanes - 1); /* separators take a cell each */
	int w[3];
	if (p->npanes == 3) {
		w[0] = avail * 26 / 100;
		w[1] = avail * 31 / 100;
		w[2] = avail - w[0] - w[1];
	} else if (p->npanes == 2) {
		w[0] = avail * 42 / 100;
		w[1] = avail - w[0];
	} else {
		w[0] = avail;
	}
	int x = 0;
	for (int i = 0; i < p->npanes; i++) {
		p->pane_x[i] = x;
		p->pane_w[i] = w[i];
		x += w[i];
		if (i < p->npanes - 1)
			p->sep_x[i] = x++;
	}
}
