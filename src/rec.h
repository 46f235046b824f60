/* SPDX-License-Identifier: MIT */
/* A reader of GNU recutils files: the syntax, not what the fields mean.  It
 * checks the file (UTF-8, line length, NUL bytes), splits it into records
 * and fields, assembles each value and hands it to its client (struct
 * rec_ops), which gives the fields their meaning (load.c: Community records
 * into the model).
 *
 * Syntax read: '#' comment lines (also inside a record, where they end the
 * value before them, as recfix reads them: a '+' line after a comment has no
 * field to continue), records separated by lines that are empty or hold
 * only blanks,
 * "Name: value" (the colon and one blank separate them; further blanks are
 * the value's), "+ text" and "+" lines
 * continuing the value with a newline, a value line ending in a backslash
 * joined to the next line (taken raw) without one, record descriptors (a
 * record whose first field starts with '%'; its %rec names the type of the
 * records after it, and it holds no other kind of field), CRLF line ends and
 * a leading UTF-8 BOM.
 *
 * Each value is assembled and NUL-terminated in one output buffer, right
 * after the values the client kept before it (out[0..kept)); the client
 * keeps one by moving kept past it, so that a clean file costs no allocation
 * per field and the buffer ends up holding only what the client uses.
 *
 * Diagnostics are "FILE:LINE: message"; errors about the whole file
 * (unreadable, not a regular file, too large, empty, too many errors) name
 * the program instead of a line, "shequ: FILE: message" (diag.h).  A NUL byte makes a file binary: that is then the one error
 * reported, with the line of the first NUL.  Byte offsets are 0-based offsets into the file as stored,
 * BOM included.  A file is "empty" when it holds nothing but a BOM and white
 * space. */
#ifndef SHEQU_REC_H
#define SHEQU_REC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

enum {
	REC_MAX_ERRORS = 50,
	REC_MAX_LINE = 65536,
	REC_QUOTE_MAX = 40, /* bytes of a bad value shown in a message */
};

struct rec_reader;

/* What the client is told, in file order; r is for rec_keep, rec_error and
 * rec_utf8_ok. */
struct rec_ops {
	/* A descriptor's %rec: the records after it are of this type. */
	void (*record_type)(void *ctx, struct rec_reader *r, const char *type,
			    size_t len, uint32_t line);
	/* A record (not a descriptor) starts at line. */
	void (*record_open)(void *ctx, struct rec_reader *r, uint32_t line);
	/* A whole value of the open record: v[0..n), NUL-terminated in the
	 * output after what was kept, where the client may change it.  name
	 * holds the field name's first REC_QUOTE_MAX bytes at least. */
	void (*field)(void *ctx, struct rec_reader *r, const char *name,
		      size_t name_len, char *v, size_t n, uint32_t line);
	/* The record ends; broken: a line of it could not be read as a field
	 * (which was reported). */
	void (*record_close)(void *ctx, struct rec_reader *r, bool broken);
};

/* Reads the file at path, or the bytes data[0..size) under that name when
 * data is not NULL, calling ops with ctx.  Returns the number of errors
 * reported in diag (the client's, through rec_error, included; the parse
 * stops after REC_MAX_ERRORS), or -1 when the file could not be read (it
 * cannot be opened, a read error), which diag then says, alone.  *out
 * receives the output buffer (malloc'd; free it), *kept its bytes in use. */
long rec_read(const char *path, const char *data, size_t size,
	      struct sq_diag *diag, const struct rec_ops *ops, void *ctx,
	      char **out, size_t *kept);

/* Keeps the value s[0..n), NUL-terminated at s[n] in the output after the
 * values kept so far: it stays in the output (moved to the front when it is
 * part of a value).  Returns where it is now. */
const char *rec_keep(struct rec_reader *r, const char *s, size_t n);

/* False once the file was found to hold invalid UTF-8: its text is then
 * not to be looked at as UTF-8 (no model is made of it). */
bool rec_utf8_ok(const struct rec_reader *r);

/* The errors reported so far. */
unsigned rec_errors(const struct rec_reader *r);

/* An error at line of the file being read (0: about the whole file). */
void rec_error(struct rec_reader *r, uint32_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A bad value for a message: its first line, at most REC_QUOTE_MAX bytes
 * cut at a character boundary, "..." when shortened.  Returns out. */
const char *rec_quote(char out[REC_QUOTE_MAX + 4], const char *s, size_t n);

#endif
