/* SPDX-License-Identifier: MIT */
#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static void buf_reserve(struct sq_buf *b, size_t more)
{
	if (more > SIZE_MAX - b->len - 1)
		sq_die("buffer overflow");
	size_t need = b->len + more + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	b->data = sq_xrealloc(b->data, cap);
	b->cap = cap;
}

void sq_buf_add(struct sq_buf *b, const char *s, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void sq_buf_adds(struct sq_buf *b, const char *s)
{
	sq_buf_add(b, s, strlen(s));
}

void sq_buf_vaddf(struct sq_buf *b, const char *fmt, va_list ap)
{
	/* Most pieces are short: format once into the stack, and again only
	 * when it did not fit.  (A NULL buffer for measuring trips gcc's
	 * format-truncation check in sanitizer builds.) */
	char small[256];
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	if (n < 0)
		sq_die("vsnprintf failed");
	buf_reserve(b, (size_t)n);
	if ((size_t)n < sizeof small)
		memcpy(b->data + b->len, small, (size_t)n + 1);
	else
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
	va_end(again);
	b->len += (size_t)n;
}

void sq_buf_addf(struct sq_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sq_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void sq_buf_spaces(struct sq_buf *b, int n)
{
	if (n <= 0)
		return;
	buf_reserve(b, (size_t)n);
	memset(b->data + b->len, ' ', (size_t)n);
	b->len += (size_t)n;
	b->data[b->len] = '\0';
}

void sq_buf_truncate(struct sq_buf *b, size_t len)
{
	if (len > b->len)
		sq_die("sq_buf_truncate beyond the end");
	b->len = len;
	if (b->data)
		b->data[len] = '\0';
}

void sq_buf_reset(struct sq_buf *b)
{
	sq_buf_truncate(b, 0);
}

void sq_buf_free(struct sq_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

const char *sq_buf_str(const struct sq_buf *b)
{
	return b->data ? b->data : "";
}
