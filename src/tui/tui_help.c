/* SPDX-License-Identifier: MIT */
/* The help screen, generated from the key table. */
#include <string.h>

#include "i18n.h"
#include "tui_int.h"
#include "util.h"

void tui_help_free(struct tui *t)
{
	sq_buf_free(&t->help.text);
	tui_free_window(&t->help.win);
}

static size_t max_top(const struct tui *t)
{
	size_t rows = (size_t)getmaxy(t->help.win);
	return t->help.n_lines > rows ? t->help.n_lines - rows : 0;
}

/* The text in the interface's language: built on entering, and again on a
 * layout, which is how a change of language reaches a screen.  The lines
 * are the same in every language, so the place is kept. */
static void build(struct tui *t)
{
	tui_help_build(t, &t->help.text, &t->help.n_lines);
	t->help.n_lines = 0;
	for (const char *p = sq_buf_str(&t->help.text); *p; p++)
		t->help.n_lines += *p == '\n';
}

static void help_enter(struct tui *t)
{
	build(t);
	t->help.top = 0;
	if (t->help.back_to == SCR_SEARCH) {
		/* Open at what matters there: the search bar's keys. */
		const char *want = _("In the search bar");
		const char *p = t->help.text.data;
		for (size_t line = 0; p && *p; line++) {
			if (*p == '#' && strncmp(p + 1, want, strlen(want)) == 0) {
				t->help.top = line;
				break;
			}
			p = strchr(p, '\n');
			if (p)
				p++;
		}
	}
}

static void help_layout(struct tui *t)
{
	build(t);
	t->help.win = tui_window(t->help.win, t->lines - 2, t->cols, 1, 0);
	if (t->help.top > max_top(t))
		t->help.top = max_top(t);
	t->help.dirty = true;
}

static void help_draw(struct tui *t)
{
	struct tui_help *h = &t->help;
	if (!h->dirty)
		return;
	int rows = getmaxy(h->win), width = getmaxx(h->win);
	const char *p = h->text.data ? h->text.data : "";
	for (size_t skip = 0; skip < h->top && *p; skip++) {
		p = strchr(p, '\n');
		p = p ? p + 1 : "";
	}
	for (int y = 0; y < rows; y++) {
		size_t len = strcspn(p, "\n"), n = len;
		enum tui_role role = ROLE_NORMAL;
		const char *s = p;
		if (len && *s == '#') {
			/* A heading: the mark is not shown, the line is. */
			role = ROLE_SECTION;
			s++;
			n--;
		}
		tui_row_reset(&t->row);
		tui_row_glyph(&t->row, " ", ROLE_NORMAL);
		tui_row_text(&t->row, s, n, width - 1, role, NULL, role);
		tui_row_draw(&t->row, h->win, y, ROLE_NORMAL);
		p += len;
		if (*p)
			p++;
	}
	wnoutrefresh(h->win);
	h->dirty = false;
}

static bool help_scroll(struct tui *t, size_t top)
{
	if (top > max_top(t))
		top = max_top(t);
	if (top != t->help.top) {
		t->help.top = top;
		t->help.dirty = true;
	}
	return true;
}

static bool help_action(struct tui *t, enum tui_action act)
{
	struct tui_help *h = &t->help;
	size_t page = (size_t)getmaxy(h->win) - 1;
	switch (act) {
	case ACT_UP:
		return help_scroll(t, h->top ? h->top - 1 : 0);
	case ACT_DOWN:
		return help_scroll(t, h->top + 1);
	case ACT_PGUP:
		return help_scroll(t, h->top > page ? h->top - page : 0);
	case ACT_PGDN:
		return help_scroll(t, h->top + page);
	case ACT_HOME:
		return help_scroll(t, 0);
	case ACT_END:
		return help_scroll(t, max_top(t));
	case ACT_HELP:
	case ACT_LEFT:
	case ACT_BACK:
	case ACT_CLOSE:
		tui_switch(t, h->back_to);
		return true;
	default:
		return false;
	}
}

static void help_mouse(struct tui *t, const MEVENT *ev)
{
	if (ev->bstate & BUTTON4_PRESSED)
		help_scroll(t, t->help.top > 3 ? t->help.top - 3 : 0);
	else if (ev->bstate & BUTTON5_PRESSED)
		help_scroll(t, t->help.top + 3);
}

static void help_title(struct tui *t, struct sq_buf *left, struct sq_buf *right)
{
	(void)right;
	sq_buf_adds(left, _("Help"));
	sq_buf_adds(left, " - shequ ");
	sq_buf_adds(left, SHEQU_VERSION);
}

const struct tui_screen tui_help_screen = {
	.enter = help_enter,
	.layout = help_layout,
	.draw = help_draw,
	.action = help_action,
	.mouse = help_mouse,
	.title = help_title,
};
