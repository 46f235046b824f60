/* SPDX-License-Identifier: MIT */
/* Key sequences written by name, such as the kiosk's quit-keys "C-x C-s q":
 * the grammar and what each name stands for, without curses, so that the
 * configuration file is checked when it is read (options.c) and the browser
 * only maps a key's code to its own (tui_kiosk.c).
 *
 * A name is C-x, Ctrl-x or ^X (the control character of a letter or of
 * [\]^_), F1 to F63, one of the named keys (Esc, Enter, Tab, Space,
 * Backspace, the arrows, Home, End, PgUp, PgDn, Insert, Delete and their
 * other spellings, in any case), or a single printable character. */
#ifndef SHEQU_KEYSEQ_H
#define SHEQU_KEYSEQ_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"

/* A key that arrives as a code rather than as a character. */
enum sq_keycode {
	SQ_KEYCODE_NONE,
	SQ_KEYCODE_ENTER,
	SQ_KEYCODE_BACKSPACE,
	SQ_KEYCODE_UP,
	SQ_KEYCODE_DOWN,
	SQ_KEYCODE_LEFT,
	SQ_KEYCODE_RIGHT,
	SQ_KEYCODE_HOME,
	SQ_KEYCODE_END,
	SQ_KEYCODE_PGUP,
	SQ_KEYCODE_PGDN,
	SQ_KEYCODE_INSERT,
	SQ_KEYCODE_DELETE,
	SQ_KEYCODE_F1, /* F<n> is SQ_KEYCODE_F1 + n - 1, up to F63 */
	SQ_KEYCODE_F63 = SQ_KEYCODE_F1 + 62,
};

/* One key: its code, and up to two characters it may arrive as instead
 * (Enter: CR, LF or the code; Backspace: DEL, BS or the code); 0 for none. */
struct sq_keystroke {
	enum sq_keycode code;
	uint32_t ch[2];
};

enum { SQ_KEYSEQ_MAX = 16 };

struct sq_keyseq {
	struct sq_keystroke keys[SQ_KEYSEQ_MAX];
	int n; /* 1 .. SQ_KEYSEQ_MAX once parsed */
};

/* Parses s, key names separated by blanks, into *out.  On a bad name, none
 * or too many, returns false with a sentence that starts with name (the
 * setting as the user wrote it) added to why. */
bool sq_keyseq_parse(const char *s, const char *name, struct sq_keyseq *out,
		     struct sq_buf *why);

#endif
