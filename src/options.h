/* SPDX-License-Identifier: MIT */
/* What the command line (and the kiosk config file) asked for. */
#ifndef SHEQU_OPTIONS_H
#define SHEQU_OPTIONS_H

#include <stdbool.h>

#include "model.h"

enum sq_ambiguous { SQ_AMBIGUOUS_NARROW, SQ_AMBIGUOUS_WIDE, SQ_AMBIGUOUS_AUTO };
enum sq_sheet_lang { SQ_SHEET_ZH, SQ_SHEET_EN, SQ_SHEET_BOTH };
enum sq_sheet_format { SQ_FORMAT_TEXT, SQ_FORMAT_PDF };
enum sq_paper { SQ_PAPER_A4, SQ_PAPER_RECEIPT };

struct sq_options {
	const char *data_path;    /* --data, $SHEQU_DATA or the bundled file */
	const char *city_path;    /* the whole-city file, NULL when absent */
	enum sq_lang lang;        /* interface and data language */
	bool lang_given;          /* --lang given (else: from the locale) */
	enum sq_sheet_lang sheet_lang;
	enum sq_sheet_format format;
	enum sq_paper paper;
	int width;                /* text sheet width, 32..120 */
	const char *output;       /* -o */
	const char *printer;      /* --printer */
	int copies;
	const char *save_dir;     /* --save-dir or $SHEQU_SAVE_DIR */
	bool kiosk;
	int idle_seconds;         /* kiosk idle reset */
	const char *quit_keys;    /* kiosk: the staff key sequence that quits */
	bool large;               /* large print for touch screens */
	bool no_mouse;
	enum sq_ambiguous ambiguous;
};

#endif
