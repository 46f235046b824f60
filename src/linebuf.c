/* SPDX-License-Identifier: MIT */
#include "linebuf.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "text.h"
#include "util.h"

void sq_linebuf_init(struct sq_linebuf *lb, size_t limit)
{
	memset(lb, 0, sizeof *lb);
	lb->limit = limit;
}

void sq_linebuf_free(struct sq_linebuf *lb)
{
	free(lb->cps);
	free(lb->widths);
	free(lb->utf8);
	memset(lb, 0, sizeof *lb);
}

static void changed(struct sq_linebuf *lb)
{
	free(lb->utf8);
	lb->utf8 = NULL;
}

bool sq_linebuf_insert(struct sq_linebuf *lb, uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return false;
	if (lb->limit && lb->len >= lb->limit)
		return false;
	int w = sq_cp_width(cp);
	/* A combining mark with nothing to attach to would be drawn alone. */
	if (w == 0 && lb->cursor == 0)
		return false;
	if (lb->len == lb->cap) {
		lb->cap = lb->cap ? lb->cap * 2 : 32;
		lb->cps = sq_xreallocarray(lb->cps, lb->cap, sizeof *lb->cps);
		lb->widths = sq_xreallocarray(lb->widths, lb->cap, 1);
	}
	size_t at = lb->cursor, tail = lb->len - at;
	memmove(lb->cps + at + 1, lb->cps + at, tail * sizeof *lb->cps);
	memmove(lb->widths + at + 1, lb->widths + at, tail);
	lb->cps[at] = cp;
	lb->widths[at] = (uint8_t)(w < 0 ? 1 : w);
	lb->len++;
	lb->cursor++;
	changed(lb);
	return true;
}

void sq_linebuf_insert_utf8(struct sq_linebuf *lb, const char *s)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	while (p < end) {
		ucs4_t c;
		int n = u8_mbtouc(&c, p, (size_t)(end - p));
		if (n <= 0)
			break;
		if (!sq_linebuf_insert(lb, c) && lb->limit && lb->len >= lb->limit)
			break;
		p += n;
	}
}

/* Start of the character holding index i: back over zero-width marks. */
static size_t char_start(const struct sq_linebuf *lb, size_t i)
{
	while (i > 0 && lb->widths[i] == 0)
		i--;
	return i;
}

/* Index just past the character starting at i. */
static size_t char_end(const struct sq_linebuf *lb, size_t i)
{
	if (i < lb->len)
		i++;
	while (i < lb->len && lb->widths[i] == 0)
		i++;
	return i;
}

static void erase(struct sq_linebuf *lb, size_t from, size_t to)
{
	memmove(lb->cps + from, lb->cps + to, (lb->len - to) * sizeof *lb->cps);
	memmove(lb->widths + from, lb->widths + to, lb->len - to);
	lb->len -= to - from;
	if (lb->cursor >= to)
		lb->cursor -= to - from;
	else if (lb->cursor > from)
		lb->cursor = from;
	if (lb->first > lb->len)
		lb->first = lb->len;
	changed(lb);
}

bool sq_linebuf_backspace(struct sq_linebuf *lb)
{
	if (lb->cursor == 0)
		return false;
	erase(lb, char_start(lb, lb->cursor - 1), lb->cursor);
	return true;
}

bool sq_linebuf_delete(struct sq_linebuf *lb)
{
	if (lb->cursor >= lb->len)
		return false;
	erase(lb, lb->cursor, char_end(lb, lb->cursor));
	return true;
}

bool sq_linebuf_left(struct sq_linebuf *lb)
{
	if (lb->cursor == 0)
		return false;
	lb->cursor = char_start(lb, lb->cursor - 1);
	return true;
}

bool sq_linebuf_right(struct sq_linebuf *lb)
{
	if (lb->cursor >= lb->len)
		return false;
	lb->cursor = char_end(lb, lb->cursor);
	return true;
}

bool sq_linebuf_home(struct sq_linebuf *lb)
{
	bool moved = lb->cursor != 0;
	lb->cursor = 0;
	return moved;
}

bool sq_linebuf_end(struct sq_linebuf *lb)
{
	bool moved = lb->cursor != lb->len;
	lb->cursor = lb->len;
	return moved;
}

bool sq_linebuf_clear(struct sq_linebuf *lb)
{
	if (lb->len == 0)
		return false;
	lb->len = lb->cursor = lb->first = 0;
	changed(lb);
	return true;
}

bool sq_linebuf_kill_end(struct sq_linebuf *lb)
{
	if (lb->cursor >= lb->len)
		return false;
	erase(lb, lb->cursor, lb->len);
	return true;
}

static bool is_space(uint32_t c)
{
	return c == ' ' || c == 0x3000;
}

bool sq_linebuf_kill_word(struct sq_linebuf *lb)
{
	size_t i = lb->cursor;
	if (i == 0)
		return false;
	while (i > 0 && is_space(lb->cps[i - 1]))
		i--;
	while (i > 0 && !is_space(lb->cps[i - 1]))
		i--;
	erase(lb, i, lb->cursor);
	return true;
}

const char *sq_linebuf_str(struct sq_linebuf *lb)
{
	if (lb->utf8)
		return lb->utf8;
	size_t n = 0;
	lb->utf8 = sq_xmalloc(lb->len * 4 + 1);
	for (size_t i = 0; i < lb->len; i++) {
		int k = u8_uctomb((uint8_t *)lb->utf8 + n, lb->cps[i], 4);
		if (k > 0)
			n += (size_t)k;
	}
	lb->utf8[n] = '\0';
	return lb->utf8;
}

int sq_linebuf_cursor_col(const struct sq_linebuf *lb)
{
	int col = 0;
	for (size_t i = 0; i < lb->cursor; i++)
		col += lb->widths[i];
	return col;
}

static int span(const struct sq_linebuf *lb, size_t from, size_t to)
{
	int w = 0;
	for (size_t i = from; i < to; i++)
		w += lb->widths[i];
	return w;
}

void sq_linebuf_view(struct sq_linebuf *lb, int cols, size_t *first,
		     size_t *count, int *cursor_col)
{
	if (cols < 1)
		cols = 1;
	if (lb->first > lb->cursor)
		lb->first = lb->cursor;
	lb->first = char_start(lb, lb->first < lb->len ? lb->first : lb->len);
	/* The cursor needs its own cell: the character under it, or one blank
	 * cell at the end of the text. */
	size_t cur_end = char_end(lb, lb->cursor);
	int cur_w = lb->cursor < lb->len ? span(lb, lb->cursor, cur_end) : 1;
	while (lb->first < lb->cursor &&
	       span(lb, lb->first, lb->cursor) + cur_w > cols)
		lb->first = char_end(lb, lb->first);
	/* Scroll back when text was deleted and room opened up on the left. */
	while (lb->first > 0) {
		size_t prev = char_start(lb, lb->first - 1);
		int tail = span(lb, prev, lb->len) + (lb->cursor == lb->len);
		if (tail > cols)
			break;
		lb->first = prev;
	}
	size_t end = lb->first;
	int used = 0;
	while (end < lb->len) {
		size_t next = char_end(lb, end);
		int w = span(lb, end, next);
		if (used + w > cols)
			break;
		used += w;
		end = next;
	}
	*first = lb->first;
	*count = end - lb->first;
	*cursor_col = span(lb, lb->first, lb->cursor);
}
