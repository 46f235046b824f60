/* SPDX-License-Identifier: MIT */
/* The fact sheet of one community: its document (doc.h) in the sheet's
 * language(s), grouped into labelled fields (consecutive aliases share a
 * label; a service category and its services are paragraphs of one
 * "Services" field), plus the date it was printed; rendered as text (here,
 * measured with the one text module) or as PDF (pdf.h).  Every word on a
 * sheet comes from the document, except the "Printed" label. */
#ifndef SHEQU_SHEET_H
#define SHEQU_SHEET_H

#include <stddef.h>
#include <time.h>

#include "doc.h"
#include "model.h"
#include "options.h"
#include "text.h"

/* What a paragraph of a field's value is. */
enum sq_sheet_kind {
	SQ_SHEET_TEXT,  /* plain paragraph */
	SQ_SHEET_GROUP, /* a heading inside the value (a service category) */
	SQ_SHEET_ITEM,  /* first paragraph of a bulleted item */
	SQ_SHEET_MORE,  /* a further paragraph of the same item (other language) */
};

struct sq_sheet_para {
	enum sq_sheet_kind kind;
	enum sq_lang lang; /* language of the text (for font selection) */
	const char *text;
};

struct sq_sheet_field {
	const char *label[2]; /* label lines, one per language shown */
	unsigned n_label;
	size_t first, count;  /* paragraphs sheet->paras[first .. first+count) */
	bool footer;          /* after the rule: source and dates */
};

struct sq_sheet {
	struct sq_doc *doc;     /* what the fields show; owned */
	enum sq_sheet_lang lang;
	const char *title[2];   /* the heading, per language shown */
	unsigned n_title;
	const char *names[2];   /* both names, the sheet's language first */
	unsigned n_names;
	const char *doc_title;  /* one line for PDF metadata and print jobs */
	const char *code;
	time_t printed;
	struct sq_sheet_field *fields;
	size_t n_fields;
	struct sq_sheet_para *paras;
	size_t n_paras;
	const struct sq_model *model; /* built from; must outlive the sheet */
	struct sq_arena *arena; /* owns formatted strings */
};

/* The time the sheet says it was printed: $SOURCE_DATE_EPOCH when set (so
 * that renders are reproducible), else now. */
time_t sq_sheet_time(void);

/* Broken-down time for t: UTC when SOURCE_DATE_EPOCH is set, else local. */
void sq_sheet_tm(time_t t, struct tm *out);

struct sq_sheet *sq_sheet_build(const struct sq_model *m,
				const struct sq_community *c,
				enum sq_sheet_lang lang, time_t printed);
void sq_sheet_free(struct sq_sheet *sh);

/* The sheet's one label of its own, "Printed", in a language. */
const char *sq_sheet_printed_label(enum sq_lang lang);

/* Width limits of the text sheet. */
enum { SQ_SHEET_MIN_WIDTH = 32, SQ_SHEET_MAX_WIDTH = 120 };

/* The text sheet, every line at most width cells (by sq_width) and ending in
 * '\n'.  width is clamped to SQ_SHEET_MIN_WIDTH..SQ_SHEET_MAX_WIDTH. */
void sq_sheet_text(const struct sq_sheet *sh, int width, struct sq_buf *out);

/* The same as separate lines without '\n' (for a preview pane): returns the
 * count and a malloc'd array of malloc'd strings in *out; free it with
 * sq_sheet_lines_free. */
size_t sq_sheet_lines(const struct sq_sheet *sh, int width, char ***out);
void sq_sheet_lines_free(char **lines, size_t n);

/* A file name for the sheet: "CODE-LANG.EXT" (ASCII only). */
void sq_sheet_file_name(const struct sq_sheet *sh, const char *ext,
			struct sq_buf *out);

#endif
