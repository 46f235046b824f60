/* SPDX-License-Identifier: MIT */
/* The line editor on screen: keys to edits, and the visible part of the text
 * drawn as a row.  The editing itself (code points and their widths) is
 * src/linebuf.c, tested without a terminal. */
#include "linebuf.h"
#include "tui_int.h"

bool tui_lineedit_input(struct sq_linebuf *lb, const struct tui_input *in)
{
	switch (tui_key_action(in, SCR_EDIT)) {
	case ACT_EDIT_LEFT: sq_linebuf_left(lb); return true;
	case ACT_EDIT_RIGHT: sq_linebuf_right(lb); return true;
	case ACT_EDIT_HOME: sq_linebuf_home(lb); return true;
	case ACT_EDIT_END: sq_linebuf_end(lb); return true;
	case ACT_EDIT_BACKSPACE: sq_linebuf_backspace(lb); return true;
	case ACT_EDIT_DELETE: sq_linebuf_delete(lb); return true;
	case ACT_EDIT_CLEAR: sq_linebuf_clear(lb); return true;
	case ACT_EDIT_KILL_WORD: sq_linebuf_kill_word(lb); return true;
	case ACT_EDIT_KILL_END: sq_linebuf_kill_end(lb); return true;
	default: break;
	}
	if (in->fn || in->ch < 0x20 || in->ch == 0x7f)
		return false; /* Enter, Esc, Tab, Ctrl-L, F-keys: the key table's */
	uint32_t cp = sq_cp_sanitize((uint32_t)in->ch);
	if (cp != SQ_CP_DROP)
		sq_linebuf_insert(lb, cp);
	return true;
}

int tui_lineedit_draw(struct tui *t, struct sq_linebuf *lb, WINDOW *w, int y,
		      int x, int cols)
{
	size_t first, count;
	int cur;
	if (cols < 1)
		return 0;
	sq_linebuf_view(lb, cols, &first, &count, &cur);
	struct tui_row *r = &t->row;
	tui_row_reset(r);
	/* Code points one by one: the editor's widths are the text module's. */
	char tmp[8];
	for (size_t i = first; i < first + count; i++) {
		int n = 0;
		uint32_t c = lb->cps[i];
		if (c < 0x80) {
			tmp[n++] = (char)c;
		} else if (c < 0x800) {
			tmp[n++] = (char)(0xc0 | (c >> 6));
			tmp[n++] = (char)(0x80 | (c & 0x3f));
		} else if (c < 0x10000) {
			tmp[n++] = (char)(0xe0 | (c >> 12));
			tmp[n++] = (char)(0x80 | ((c >> 6) & 0x3f));
			tmp[n++] = (char)(0x80 | (c & 0x3f));
		} else {
			tmp[n++] = (char)(0xf0 | (c >> 18));
			tmp[n++] = (char)(0x80 | ((c >> 12) & 0x3f));
			tmp[n++] = (char)(0x80 | ((c >> 6) & 0x3f));
			tmp[n++] = (char)(0x80 | (c & 0x3f));
		}
		tmp[n] = '\0';
		tui_row_glyph(r, tmp, ROLE_NORMAL);
	}
	/* Show that text is hidden on either side. */
	if (r->width < cols)
		tui_row_fill(r, cols - r->width, ROLE_NORMAL);
	mvwadd_wchnstr(w, y, x, r->cells, r->n);
	return cur;
}
