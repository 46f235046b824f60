/* SPDX-License-Identifier: MIT */
/* The fact sheet typeset as PDF with Pango and Cairo, in a CJK font found
 * through fontconfig.  Only in builds with printing (HAVE_PRINTING). */
#ifndef SHEQU_PDF_H
#define SHEQU_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "options.h"
#include "sheet.h"
#include "text.h"

/* The font asked for; fontconfig falls back for anything it lacks. */
#define SQ_PDF_FONT "Noto Sans CJK SC"

/* Typeset sh on A4 pages (as many as it takes) or on an 80 mm receipt roll
 * (one page as tall as the content), with a subset of SQ_PDF_FONT made for
 * the sheet (pdf.c says why).  An item's lines stay on one page, and a
 * label stays with its value's first line.  Dates in the file come from
 * sh->printed, so the same sheet gives the same bytes.
 *
 * Appends the PDF to out and returns true.  A character no installed font
 * can draw does not stop the sheet: it is drawn as a box holding its code,
 * and err receives a warning naming every such code point ("no installed
 * font can draw U+1F600: ...").  So on success err is empty or a warning;
 * on failure (cairo could not write) the function returns false with the
 * reason in err and out unchanged. */
bool sq_pdf_sheet(const struct sq_sheet *sh, enum sq_paper paper,
		  struct sq_buf *out, struct sq_buf *err);

/* For --check: says "FILE:LINE: warning: no installed font can draw
 * U+1F600 ..." in diag for every record holding a character that no
 * installed font can draw (the fonts fontconfig falls back to from
 * SQ_PDF_FONT), and returns the number of such records.  Without
 * printing, 0. */
size_t sq_pdf_check_model(const struct sq_model *m, struct sq_diag *diag);

/* Frees fontconfig's process-wide state (FcFini), which leak checkers
 * otherwise report.  Only for a one-shot mode about to exit: no font may be
 * in use, and none may be used after. */
void sq_pdf_release(void);

#endif
