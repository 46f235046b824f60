/* SPDX-License-Identifier: MIT */
/* The fact sheet typeset as PDF with Pango and Cairo, in a CJK font found
 * through fontconfig.  Only in builds with printing (HAVE_PRINTING). */
#ifndef SHEQU_PDF_H
#define SHEQU_PDF_H

#include <stdbool.h>

#include "options.h"
#include "sheet.h"
#include "text.h"

/* The font asked for; fontconfig falls back for anything it lacks. */
#define SQ_PDF_FONT "Noto Sans CJK SC"

/* Typeset sh on A4 pages (as many as it takes) or on an 80 mm receipt roll
 * (one page as tall as the content).  Dates in the file come from
 * sh->printed, so the same sheet gives the same bytes.  Appends the PDF to
 * out and returns true; on failure returns false with a message in err
 * (for instance when no installed font can draw some of the text). */
bool sq_pdf_sheet(const struct sq_sheet *sh, enum sq_paper paper,
		  struct sq_buf *out, struct sq_buf *err);

#endif
