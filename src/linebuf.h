/* SPDX-License-Identifier: MIT */
/* A one-line text editor held as code points with their cell widths, apart
 * from curses so that it can be tested on its own.  Zero-width code points
 * (combining marks) belong to the character before them: the cursor never
 * stops between them and Backspace removes them with their base. */
#ifndef SHEQU_LINEBUF_H
#define SHEQU_LINEBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sq_linebuf {
	uint32_t *cps;
	uint8_t *widths;
	size_t len, cap;
	size_t cursor;   /* index into cps, 0..len */
	size_t first;    /* first code point shown (horizontal scroll) */
	char *utf8;      /* cache for sq_linebuf_str */
	size_t limit;    /* most code points accepted; 0: no limit */
};

void sq_linebuf_init(struct sq_linebuf *lb, size_t limit);
void sq_linebuf_free(struct sq_linebuf *lb);

/* Insert one code point at the cursor.  Control characters and, when the
 * limit is reached, anything are refused (false). */
bool sq_linebuf_insert(struct sq_linebuf *lb, uint32_t cp);
/* Insert UTF-8 text (pasted or set); stops at the limit. */
void sq_linebuf_insert_utf8(struct sq_linebuf *lb, const char *s);

bool sq_linebuf_backspace(struct sq_linebuf *lb);  /* character before cursor */
bool sq_linebuf_delete(struct sq_linebuf *lb);     /* character at cursor */
bool sq_linebuf_left(struct sq_linebuf *lb);
bool sq_linebuf_right(struct sq_linebuf *lb);
bool sq_linebuf_home(struct sq_linebuf *lb);
bool sq_linebuf_end(struct sq_linebuf *lb);
bool sq_linebuf_clear(struct sq_linebuf *lb);      /* Ctrl-U */
bool sq_linebuf_kill_word(struct sq_linebuf *lb);  /* Ctrl-W */
bool sq_linebuf_kill_end(struct sq_linebuf *lb);   /* Ctrl-K */

/* The text as NUL-terminated UTF-8, valid until the next change. */
const char *sq_linebuf_str(struct sq_linebuf *lb);

/* Cells from the start of the text to the cursor. */
int sq_linebuf_cursor_col(const struct sq_linebuf *lb);

/* What to show in a field cols cells wide: code points [*first, *first +
 * *count) and the cursor's column inside the field.  Scrolls so that the
 * cursor and the cell after it are visible, never splitting a wide
 * character; remembers the scroll position between calls. */
void sq_linebuf_view(struct sq_linebuf *lb, int cols, size_t *first,
		     size_t *count, int *cursor_col);

#endif
