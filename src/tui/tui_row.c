/* SPDX-License-Identifier: MIT */
/* Rows built in memory, then drawn whole.  The text module measures, cuts and
 * pads; this file only turns the fitted bytes into curses characters and puts
 * them down with one wadd_wchnstr per row, which neither wraps nor moves the
 * cursor, so a row can never spill into the next one. */
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "text.h"
#include "tui_row.h"
#include "util.h"

void tui_row_reset(struct tui_row *r)
{
	r->n = 0;
	r->width = 0;
}

void tui_row_free(struct tui_row *r)
{
	free(r->cells);
	memset(r, 0, sizeof *r);
}

static cchar_t *new_cell(struct tui_row *r)
{
	if (r->n + 1 >= r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->cells = sq_xreallocarray(r->cells, (size_t)r->cap, sizeof *r->cells);
	}
	return &r->cells[r->n++];
}

static void put_cp(struct tui_row *r, uint32_t cp, enum tui_role role)
{
	/* A line break kept in a paragraph (a Summary on two lines) shown on
	 * one row, or any other control: a blank, the cell the text module
	 * measured for it; never a control character handed to curses. */
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
		cp = ' ';
	int w = sq_cp_width(cp);
	attr_t a = tui_role_attr(role);
	short pair = tui_role_pair(role);
	if (w == 0 && r->n > 0) {
		/* A combining mark joins the character before it. */
		cchar_t *c = &r->cells[r->n - 1];
		wchar_t wch[CCHARW_MAX + 1];
		attr_t oa;
		short op;
		getcchar(c, wch, &oa, &op, NULL);
		size_t k = wcslen(wch);
		if (k < CCHARW_MAX) {
			wch[k] = (wchar_t)cp;
			wch[k + 1] = L'\0';
			setcchar(c, wch, oa, op, NULL);
		}
		return;
	}
	wchar_t wch[3] = {(wchar_t)cp, L'\0', L'\0'};
	if (w == 0) {
		/* Nothing to join: give the mark a base of its own. */
		wch[0] = L' ';
		wch[1] = (wchar_t)cp;
		w = 1;
	}
	setcchar(new_cell(r), wch, a, pair, NULL);
	r->width += w;
}

static void put_bytes(struct tui_row *r, const char *s, size_t n,
		      enum tui_role role, const unsigned char *marks,
		      enum tui_role mark_role)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + n;
	while (p < end) {
		ucs4_t c;
		int k = u8_mbtouc(&c, p, (size_t)(end - p));
		if (k <= 0)
			break;
		bool marked = marks && marks[p - (const uint8_t *)s];
		put_cp(r, c, marked ? mark_role : role);
		p += k;
	}
}

void tui_row_text(struct tui_row *r, const char *s, size_t n, int cols,
		  enum tui_role role, const unsigned char *marks,
		  enum tui_role mark_role)
{
	if (cols <= 0)
		return;
	struct sq_buf b = {0};
	int shown = sq_buf_fit(&b, s, n, cols);
	/* sq_buf_fit copies a prefix of s, then padding or the cut mark: the
	 * marks apply to that prefix only. */
	size_t prefix = n;
	if (shown < sq_width(s, n))
		prefix = sq_fit_prefix(s, n, shown, NULL);
	put_bytes(r, b.data, prefix, role, marks, mark_role);
	put_bytes(r, b.data + prefix, b.len - prefix, role, NULL, role);
	sq_buf_free(&b);
}

void tui_row_str(struct tui_row *r, const char *s, int cols, enum tui_role role)
{
	tui_row_text(r, s, strlen(s), cols, role, NULL, role);
}

void tui_row_str_right(struct tui_row *r, const char *s, int cols,
		       enum tui_role role)
{
	if (cols <= 0)
		return;
	struct sq_buf b = {0};
	sq_buf_fit_right(&b, s, strlen(s), cols);
	put_bytes(r, b.data, b.len, role, NULL, role);
	sq_buf_free(&b);
}

void tui_row_glyph(struct tui_row *r, const char *s, enum tui_role role)
{
	put_bytes(r, s, strlen(s), role, NULL, role);
}

void tui_row_fill(struct tui_row *r, int cols, enum tui_role role)
{
	for (int i = 0; i < cols; i++)
		put_cp(r, ' ', role);
}

void tui_row_pad_to(struct tui_row *r, int end, enum tui_role role)
{
	if (r->width < end)
		tui_row_fill(r, end - r->width, role);
}

void tui_row_draw(struct tui_row *r, WINDOW *w, int y, enum tui_role pad)
{
	int cols = getmaxx(w);
	if (r->width > cols) {
		/* Callers fit their rows; this is a guard against a wide
		 * character being split at the edge, not a layout tool. */
		int width = 0, i = 0;
		while (i < r->n) {
			wchar_t wch[CCHARW_MAX + 1];
			attr_t a;
			short p;
			getcchar(&r->cells[i], wch, &a, &p, NULL);
			int cw = sq_cp_width((uint32_t)wch[0]);
			if (cw < 1)
				cw = 1;
			if (width + cw > cols)
				break;
			width += cw;
			i++;
		}
		r->n = i;
		r->width = width;
	}
	tui_row_fill(r, cols - r->width, pad);
	mvwadd_wchnstr(w, y, 0, r->cells, r->n);
}
