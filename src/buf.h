/* SPDX-License-Identifier: MIT */
/* The growable byte buffer: always NUL-terminated once anything was added. */
#ifndef SHEQU_BUF_H
#define SHEQU_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct sq_buf {
	char *data;
	size_t len, cap;
};
void sq_buf_add(struct sq_buf *b, const char *s, size_t n);
void sq_buf_adds(struct sq_buf *b, const char *s);
void sq_buf_vaddf(struct sq_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void sq_buf_addf(struct sq_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sq_buf_spaces(struct sq_buf *b, int n);
/* Keep only the first len bytes (len <= b->len). */
void sq_buf_truncate(struct sq_buf *b, size_t len);
void sq_buf_reset(struct sq_buf *b);
void sq_buf_free(struct sq_buf *b);
const char *sq_buf_str(const struct sq_buf *b); /* NUL-terminated view */

#endif
