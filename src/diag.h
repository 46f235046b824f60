/* SPDX-License-Identifier: MIT */
/* Diagnostics: messages about input files, collected one a line for the
 * caller to print or show.  Two shapes, as compilers have them: a message
 * about a line is "FILE:LINE: message" (for editors and grep); one about a
 * whole file (it cannot be read, it is empty...) names the program too,
 * "shequ: FILE: message". */
#ifndef SHEQU_DIAG_H
#define SHEQU_DIAG_H

#include <stdarg.h>

#include "buf.h"

struct sq_diag {
	struct sq_buf text; /* the messages, each ending in '\n' */
	unsigned count;
};

/* One message about file at line, or about the whole file when line is 0
 * ("shequ: FILE: message"). */
void sq_diag_at(struct sq_diag *d, const char *file, unsigned line,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void sq_diag_vat(struct sq_diag *d, const char *file, unsigned line,
		 const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));

/* Every message, "" when there is none. */
const char *sq_diag_text(const struct sq_diag *d);

/* To take back the messages added after a point. */
struct sq_diag_mark {
	size_t len;
	unsigned count;
};
struct sq_diag_mark sq_diag_mark(const struct sq_diag *d);
void sq_diag_rewind(struct sq_diag *d, struct sq_diag_mark m);

void sq_diag_free(struct sq_diag *d);

#endif
