/* SPDX-License-Identifier: MIT */
/* What the command line and the configuration file asked for, and the one
 * table of settings both of them give: each checked and described alike,
 * whichever says it. */
#ifndef SHEQU_OPTIONS_H
#define SHEQU_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "keyseq.h"
#include "model.h"

enum sq_ambiguous { SQ_AMBIGUOUS_NARROW, SQ_AMBIGUOUS_WIDE, SQ_AMBIGUOUS_AUTO };
enum { SQ_SETTINGS_MAX = 32 };
enum sq_sheet_lang { SQ_SHEET_ZH, SQ_SHEET_EN, SQ_SHEET_BOTH };
enum sq_sheet_format { SQ_FORMAT_TEXT, SQ_FORMAT_PDF };
enum sq_paper { SQ_PAPER_A4, SQ_PAPER_RECEIPT };

struct sq_options {
	const char *data_path;    /* --data, data =, $SHEQU_DATA or the bundled file */
	const char *city_path;    /* the whole-city file, NULL when absent */
	enum sq_lang lang;        /* interface and data language */
	bool lang_both;           /* lang both: sheets in both, no interface language */
	enum sq_sheet_lang sheet_lang;
	enum sq_sheet_format format;
	enum sq_paper paper;
	int width;                /* text sheet width, 32..120 */
	const char *output;       /* -o */
	const char *printer;      /* --printer */
	int copies;
	const char *save_dir;     /* --save-dir, save-dir = or $SHEQU_SAVE_DIR */
	bool kiosk;
	int idle_seconds;         /* kiosk idle reset */
	const char *quit_keys;    /* kiosk: the staff key sequence that quits, */
	struct sq_keyseq quit_seq; /* ... and its keys (checked when given) */
	bool large;               /* large print for touch screens */
	bool no_mouse;
	enum sq_ambiguous ambiguous;
	/* Where each setting (by its index in sq_settings) was given last:
	 * conf_line[i] is its line in the configuration file conf_path, 0
	 * when it was not given there or the command line gave it since. */
	const char *conf_path;
	unsigned conf_line[SQ_SETTINGS_MAX];
};

/* The default staff key sequence that quits a kiosk. */
#define SQ_DEFAULT_QUIT_KEYS "C-x C-s q"

/* The defaults, before the configuration file and the command line. */
void sq_options_init(struct sq_options *o);

enum sq_setting_kind {
	SQ_SETTING_BOOL,   /* --name or --no-name alone; name = yes|no */
	SQ_SETTING_INT,    /* a number from lo to hi */
	SQ_SETTING_CHOICE, /* one of a few words */
	SQ_SETTING_TEXT,   /* a path, a name, keys */
};

struct sq_setting {
	const char *key;      /* in the configuration file; NULL: not there */
	const char *option;   /* the long option, without "--"; NULL: none */
	const char *no_option; /* BOOL: the long option that says no */
	enum sq_setting_kind kind;
	bool negated;         /* BOOL: the member holds the opposite (no_mouse) */
	bool nonempty;        /* TEXT: an empty value is an error */
	int lo, hi;           /* INT */
	const char *const *choices; /* CHOICE: NULL-terminated */
	size_t at;            /* what it sets: offsetof(struct sq_options, ...) */
	void (*choose)(struct sq_options *o, int choice); /* CHOICE */
	/* TEXT, optional: checks the value further, keeping in o what it
	 * made of it; false with a sentence starting with name added to why. */
	bool (*check)(struct sq_options *o, const char *name, const char *value,
		      struct sq_buf *why);
};

extern const struct sq_setting sq_settings[];
extern const size_t sq_n_settings;

/* The setting with that configuration key, or with that long option
 * (without "--"; a BOOL's no_option too), or NULL. */
const struct sq_setting *sq_setting_by_key(const char *key);
const struct sq_setting *sq_setting_by_option(const char *option);

/* Gives s the value (a BOOL's option gives "yes", its no_option "no").  On a bad
 * value returns false, with a message that starts with name as the user
 * wrote it ("--width" or "width") in why (a malloc'd string; free it). */
bool sq_setting_apply(const struct sq_setting *s, const char *name,
		      const char *value, struct sq_options *o, char **why);

/* Records where s was just given: line of the configuration file at path,
 * or the command line (path NULL). */
void sq_setting_given(struct sq_options *o, const struct sq_setting *s,
		      const char *path, unsigned line);

/* Whether the setting with that key was given last in the configuration
 * file; then *path and *line say where. */
bool sq_setting_in_file(const struct sq_options *o, const char *key,
			const char **path, unsigned *line);

#endif
