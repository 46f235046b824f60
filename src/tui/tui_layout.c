/* SPDX-License-Identifier: MIT */
/* Where things go for a terminal size.  Narrow terminals get fewer panes, not
 * squeezed ones: three from TUI_THREE_PANES_COLS, else the focused level and
 * its parent, else the focused level alone. */
#include <limits.h>

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

/* No pane narrower than this while the line has room for it. */
#define MIN_PANE 8

/* Widths of the shown panes (w by position) in avail cells. */
static void share(const struct tui_panes *p, int avail, const int natural[3], int w[3])
{
	static const int pct[4][3] = {{0}, {100}, {42, 58}, {26, 31, 43}};
	int n = p->npanes, want[3], left = avail, total = 0;
	bool done[3] = {false, false, false};
	for (int i = 0; i < n; i++) {
		int nat = natural ? natural[p->first_level + i] : INT_MAX;
		want[i] = nat < MIN_PANE ? MIN_PANE : nat;
		total += pct[n][i];
	}
	/* Water-filling: a pane wanting less than its share takes what it
	 * wants, and the others share the rest again. */
	for (bool changed = true; changed;) {
		changed = false;
		for (int i = 0; i < n; i++) {
			if (done[i] || total == 0 || want[i] > left * pct[n][i] / total)
				continue;
			w[i] = want[i];
			left -= w[i];
			total -= pct[n][i];
			done[i] = changed = true;
		}
	}
	int last = -1;
	for (int i = 0; i < n; i++)
		if (!done[i]) {
			w[i] = left * pct[n][i] / (total ? total : 1);
			last = i;
		}
	int used = 0;
	for (int i = 0; i < n; i++)
		used += w[i];
	/* Rounding, or room to spare: to the last pane left to share, else
	 * the last pane shown (the communities, whose names are longest). */
	w[last >= 0 ? last : n - 1] += avail - used;
}

void tui_panes_compute(struct tui_panes *p, const struct tui_geom *g, int focus,
		       const int natural[3])
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
	share(p, avail, natural, w);
	int x = 0;
	for (int i = 0; i < p->npanes; i++) {
		p->pane_x[i] = x;
		p->pane_w[i] = w[i];
		x += w[i];
		if (i < p->npanes - 1)
			p->sep_x[i] = x++;
	}
}
