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

#endif
