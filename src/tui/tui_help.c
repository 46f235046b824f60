/* SPDX-License-Identifier: MIT */
/* The help screen, generated from the key table.  It lies over the screen
 * it was opened from: a key it does not take closes it and acts there. */
#include <string.h>

#include "i18n.h"
#include "tui_int.h"
#include "util.h"

struct help {
	struct sq_buf text;   /* lines separated by '\n'; '#' starts a heading */
	struct tui_scroll sc; /* over its lines */
	enum tui_scr under;   /* whose screen it lies over */
	WINDOW *win;
	bool dirty;
};

/* The text in the interface's language: built on opening, and again on a
 * layout, which is how a change of language reaches a screen.  The lines
 * are the same in every language, so the place is kept. */
static void build(struct tui *t, struct help *h)
{
	tui_help_build(t, h->under, t->geom.cols - 1, &h->text);
	h->sc.lines = 0;
	for (const char *p = sq_buf_str(&h->text); *p; p++)
		h->sc.lines += *p == '\n';
}

static bool help_init(struct tui *t, struct tui_frame *f, const void *arg)
{
	struct help *h = f->priv;
	(void)arg;
	/* The help is about the screen it lies over. */
	h->under = f->below ? f->below->type->keys : SCR_BROWSE;
	build(t, h);
	return true;
}

static void help_done(struct tui *t, struct tui_frame *f)
{
	struct help *h = f->priv;
	(void)t;
	sq_buf_free(&h->text);
	tui_free_window(&h->win);
}

static void help_layout(struct tui *t, struct tui_frame *f)
{
	struct help *h = f->priv;
	build(t, h);
	h->win = tui_body_window(t, h->win);
	h->sc.rows = h->win ? getmaxy(h->win) : 1;
	tui_scroll_to(&h->sc, h->sc.top);
	h->dirty = true;
}

static void help_draw(struct tui *t, struct tui_frame *f)
{
	struct help *h = f->priv;
	if (!h->dirty && !f->dirty)
		return;
	int rows = getmaxy(h->win), width = getmaxx(h->win);
	const char *p = h->text.data ? h->text.data : "";
	for (size_t skip = 0; skip < h->sc.top && *p; skip++) {
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

static bool help_action(struct tui *t, struct tui_frame *f, enum tui_action act)
{
	struct help *h = f->priv;
	bool moved;
	if (tui_scroll_act(&h->sc, act, &moved)) {
		h->dirty |= moved;
		return true;
	}
	switch (act) {
	case ACT_HELP:
	case ACT_LEFT:
	case ACT_BACK:
	case ACT_CLOSE:
		tui_close(t, f);
		return true;
	default:
		return false;
	}
}

static void help_mouse(struct tui *t, struct tui_frame *f, const MEVENT *ev)
{
	struct help *h = f->priv;
	(void)t;
	if (ev->bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED))
		h->dirty |= tui_scroll_by(&h->sc, ev->bstate & BUTTON4_PRESSED ? -3 : 3);
}

static void help_title(struct tui *t, struct tui_frame *f, struct sq_buf *left,
		       struct sq_buf *right)
{
	(void)t;
	(void)f;
	(void)right;
	sq_buf_adds(left, _("Help"));
	sq_buf_adds(left, " - shequ ");
	sq_buf_adds(left, SHEQU_VERSION);
}

const struct tui_screen_type tui_help_type = {
	.name = "help",
	.keys = SCR_HELP,
	.overlay = true,
	.private_size = sizeof(struct help),
	.init = help_init,
	.done = help_done,
	.layout = help_layout,
	.draw = help_draw,
	.action = help_action,
	.mouse = help_mouse,
	.title = help_title,
};
