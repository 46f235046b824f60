/* SPDX-License-Identifier: MIT */
/* The generic list: a count, a selection and a scroll position.  District,
 * street, community and search results all use it; drawing is the caller's,
 * row by row. */
#include <stdio.h>

#include "tui_list.h"

void tui_list_set(struct tui_list *l, uint32_t count, uint32_t sel, uint32_t top)
{
	l->count = count;
	l->sel = count ? (sel < count ? sel : count - 1) : 0;
	l->top = top;
	tui_list_scroll_to_sel(l);
}

bool tui_list_scroll_to_sel(struct tui_list *l)
{
	uint32_t old = l->top;
	uint32_t rows = l->rows > 0 ? (uint32_t)l->rows : 1;
	if (l->count <= rows)
		l->top = 0;
	else if (l->top > l->count - rows)
		l->top = l->count - rows;
	if (l->sel < l->top)
		l->top = l->sel;
	else if (l->sel >= l->top + rows)
		l->top = l->sel - rows + 1;
	return l->top != old;
}

bool tui_list_move(struct tui_list *l, enum tui_action act)
{
	if (l->count == 0)
		return false;
	uint32_t old = l->sel, last = l->count - 1;
	uint32_t page = l->rows > 1 ? (uint32_t)l->rows - 1 : 1;
	switch (act) {
	case ACT_UP:
		if (l->sel > 0)
			l->sel--;
		break;
	case ACT_DOWN:
		if (l->sel < last)
			l->sel++;
		break;
	case ACT_PGUP:
		l->sel = l->sel > page ? l->sel - page : 0;
		if (l->top > page)
			l->top -= page;
		else
			l->top = 0;
		break;
	case ACT_PGDN:
		l->sel = l->sel + page < last ? l->sel + page : last;
		l->top += page;
		break;
	case ACT_HOME:
		l->sel = 0;
		break;
	case ACT_END:
		l->sel = last;
		break;
	default:
		return false;
	}
	tui_list_scroll_to_sel(l);
	return l->sel != old;
}

/* The wheel scrolls the view; the selection follows only as far as it must
 * to stay on screen. */
bool tui_list_wheel(struct tui_list *l, int delta)
{
	uint32_t rows = l->rows > 0 ? (uint32_t)l->rows : 1;
	if (l->count <= rows)
		return tui_list_move(l, delta < 0 ? ACT_UP : ACT_DOWN);
	uint32_t old_top = l->top, old_sel = l->sel;
	int64_t top = (int64_t)l->top + delta;
	if (top < 0)
		top = 0;
	if (top > (int64_t)(l->count - rows))
		top = l->count - rows;
	l->top = (uint32_t)top;
	if (l->sel < l->top)
		l->sel = l->top;
	if (l->sel >= l->top + rows)
		l->sel = l->top + rows - 1;
	return l->top != old_top || l->sel != old_sel;
}

void tui_list_resize(struct tui_list *l, int rows)
{
	l->rows = rows;
	tui_list_scroll_to_sel(l);
}

void tui_list_position(const struct tui_list *l, char *out, size_t n)
{
	if (l->rows > 0 && l->count > (uint32_t)l->rows)
		snprintf(out, n, "%u/%u", l->sel + 1, l->count);
	else
		out[0] = '\0';
}

size_t tui_scroll_max(const struct tui_scroll *s)
{
	size_t rows = s->rows > 0 ? (size_t)s->rows : 1;
	return s->lines > rows ? s->lines - rows : 0;
}

bool tui_scroll_to(struct tui_scroll *s, size_t top)
{
	size_t max = tui_scroll_max(s), old = s->top;
	s->top = top > max ? max : top;
	return s->top != old;
}

bool tui_scroll_by(struct tui_scroll *s, long delta)
{
	if (delta < 0)
		return tui_scroll_to(s, (size_t)-delta > s->top ? 0 : s->top - (size_t)-delta);
	return tui_scroll_to(s, s->top + (size_t)delta);
}

bool tui_scroll_act(struct tui_scroll *s, enum tui_action act, bool *moved)
{
	long page = s->rows > 1 ? s->rows - 1 : 1;
	switch (act) {
	case ACT_UP: *moved = tui_scroll_by(s, -1); return true;
	case ACT_DOWN: *moved = tui_scroll_by(s, 1); return true;
	case ACT_PGUP: *moved = tui_scroll_by(s, -page); return true;
	case ACT_PGDN: *moved = tui_scroll_by(s, page); return true;
	case ACT_HOME: *moved = tui_scroll_to(s, 0); return true;
	case ACT_END: *moved = tui_scroll_to(s, tui_scroll_max(s)); return true;
	default: return false;
	}
}

void tui_scroll_position(const struct tui_scroll *s, char *out, size_t n)
{
	size_t rows = s->rows > 0 ? (size_t)s->rows : 0;
	if (!rows || s->lines <= rows) {
		out[0] = '\0';
		return;
	}
	size_t last = s->top + rows < s->lines ? s->top + rows : s->lines;
	snprintf(out, n, "%zu-%zu/%zu", s->top + 1, last, s->lines);
}
