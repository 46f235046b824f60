/* SPDX-License-Identifier: MIT */
/* The generic list: a count, a selection and a scroll position.  District,
 * street, community, search results, the category filter and the printers
 * all use it; drawing is the caller's, row by row. */
#ifndef SHEQU_TUI_LIST_H
#define SHEQU_TUI_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tui_keys.h"

struct tui_list {
	uint32_t count, sel, top;
	int rows; /* visible rows */
};

void tui_list_set(struct tui_list *l, uint32_t count, uint32_t sel, uint32_t top);
/* Keep the selection visible; true if top changed. */
bool tui_list_scroll_to_sel(struct tui_list *l);
/* Move the selection (up, down, a page, the ends); true if it moved. */
bool tui_list_move(struct tui_list *l, enum tui_action act);
bool tui_list_wheel(struct tui_list *l, int delta);
void tui_list_resize(struct tui_list *l, int rows);
/* "3/40" when the list is longer than the pane, else "". */
void tui_list_position(const struct tui_list *l, char *out, size_t n);

/* A text scrolled by its top line: the detail view, the help, the print
 * dialog's preview.  lines of it, rows shown. */
struct tui_scroll {
	size_t lines, top;
	int rows;
};

size_t tui_scroll_max(const struct tui_scroll *s);
/* Set the top line, within bounds; true when it moved. */
bool tui_scroll_to(struct tui_scroll *s, size_t top);
/* Up, Down: a line; PgUp, PgDn: a page less a line; Home, End.  *moved says
 * whether the top moved; false for an action that is not one of these. */
bool tui_scroll_act(struct tui_scroll *s, enum tui_action act, bool *moved);
/* Lines up (negative) or down: the wheel. */
bool tui_scroll_by(struct tui_scroll *s, long delta);
/* "1-22/48" when not all the lines show, else "". */
void tui_scroll_position(const struct tui_scroll *s, char *out, size_t n);

#endif
