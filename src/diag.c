/* SPDX-License-Identifier: MIT */
#include "diag.h"

void sq_diag_vat(struct sq_diag *d, const char *file, unsigned line,
		 const char *fmt, va_list ap)
{
	if (line)
		sq_buf_addf(&d->text, "%s:%u: ", file, line);
	else
		sq_buf_addf(&d->text, "shequ: %s: ", file);
	sq_buf_vaddf(&d->text, fmt, ap);
	sq_buf_add(&d->text, "\n", 1);
	d->count++;
}

void sq_diag_at(struct sq_diag *d, const char *file, unsigned line,
		const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sq_diag_vat(d, file, line, fmt, ap);
	va_end(ap);
}

const char *sq_diag_text(const struct sq_diag *d)
{
	return sq_buf_str(&d->text);
}

struct sq_diag_mark sq_diag_mark(const struct sq_diag *d)
{
	return (struct sq_diag_mark){d->text.len, d->count};
}

void sq_diag_rewind(struct sq_diag *d, struct sq_diag_mark m)
{
	sq_buf_truncate(&d->text, m.len);
	d->count = m.count;
}

void sq_diag_free(struct sq_diag *d)
{
	sq_buf_free(&d->text);
	d->count = 0;
}
