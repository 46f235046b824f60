/* SPDX-License-Identifier: MIT */
#include "options.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "util.h"

void sq_options_init(struct sq_options *o)
{
	*o = (struct sq_options){
		.lang = SQ_EN,
		.sheet_lang = SQ_SHEET_BOTH,
		.width = 80,
		.copies = 1,
		.idle_seconds = 120,
		.quit_keys = SQ_DEFAULT_QUIT_KEYS,
		.ambiguous = SQ_AMBIGUOUS_NARROW,
	};
	struct sq_buf why = {0};
	if (!sq_keyseq_parse(SQ_DEFAULT_QUIT_KEYS, "quit-keys", &o->quit_seq, &why))
		sq_die("the default quit-keys: %s", sq_buf_str(&why));
}

/* The kiosk's staff sequence is checked when it is read, not when a kiosk
 * starts: a bad one is a bad line of the file. */
static bool check_keys(struct sq_options *o, const char *name, const char *value,
		       struct sq_buf *why)
{
	struct sq_keyseq seq;
	if (!sq_keyseq_parse(value, name, &seq, why))
		return false;
	o->quit_seq = seq;
	return true;
}

static void choose_lang(struct sq_options *o, int choice)
{
	if (choice == 2) {
		/* sheets in both languages; the interface keeps its own */
		o->sheet_lang = SQ_SHEET_BOTH;
		o->lang_both = true;
		return;
	}
	o->lang = choice == 0 ? SQ_ZH : SQ_EN;
	o->sheet_lang = choice == 0 ? SQ_SHEET_ZH : SQ_SHEET_EN;
	o->lang_both = false;
	/* Every later message in that language, from where it is given. */
	sq_i18n_set_lang(o->lang);
}

static void choose_format(struct sq_options *o, int choice)
{
	o->format = choice == 0 ? SQ_FORMAT_TEXT : SQ_FORMAT_PDF;
}

static void choose_paper(struct sq_options *o, int choice)
{
	o->paper = choice == 0 ? SQ_PAPER_A4 : SQ_PAPER_RECEIPT;
}

static void choose_ambiguous(struct sq_options *o, int choice)
{
	static const enum sq_ambiguous modes[] = {SQ_AMBIGUOUS_NARROW, SQ_AMBIGUOUS_WIDE,
						  SQ_AMBIGUOUS_AUTO};
	o->ambiguous = modes[choice];
}

static const char *const langs[] = {"zh", "en", "both", NULL};
static const char *const formats[] = {"text", "pdf", NULL};
static const char *const papers[] = {"a4", "receipt", NULL};
static const char *const ambiguous_modes[] = {"narrow", "wide", "auto", NULL};

#define AT(member) offsetof(struct sq_options, member)

/* In the order of --help. */
const struct sq_setting sq_settings[] = {
	{"data", "data", .kind = SQ_SETTING_TEXT, .nonempty = true, .at = AT(data_path)},
	{"lang", "lang", .kind = SQ_SETTING_CHOICE, .choices = langs,
	 .choose = choose_lang},
	{"format", "format", .kind = SQ_SETTING_CHOICE, .choices = formats,
	 .choose = choose_format},
	{"width", "width", .kind = SQ_SETTING_INT, .lo = 32, .hi = 120, .at = AT(width)},
	{"paper", "paper", .kind = SQ_SETTING_CHOICE, .choices = papers,
	 .choose = choose_paper},
	{NULL, "output", .kind = SQ_SETTING_TEXT, .nonempty = true, .at = AT(output)},
	{"printer", "printer", .kind = SQ_SETTING_TEXT, .nonempty = true, .at = AT(printer)},
	{"copies", "copies", .kind = SQ_SETTING_INT, .lo = 1, .hi = 99, .at = AT(copies)},
	{"save-dir", "save-dir", .kind = SQ_SETTING_TEXT, .at = AT(save_dir)}, /* empty: none */
	{"kiosk", "kiosk", "no-kiosk", SQ_SETTING_BOOL, .at = AT(kiosk)},
	{"idle", "idle", .kind = SQ_SETTING_INT, .lo = 1, .hi = 86400,
	 .at = AT(idle_seconds)},
	{"quit-keys", NULL, .kind = SQ_SETTING_TEXT, .nonempty = true,
	 .at = AT(quit_keys), .check = check_keys},
	{"large", "large", "no-large", SQ_SETTING_BOOL, .at = AT(large)},
	{"ambiguous", "ambiguous", .kind = SQ_SETTING_CHOICE, .choices = ambiguous_modes,
	 .choose = choose_ambiguous},
	{"mouse", "mouse", "no-mouse", SQ_SETTING_BOOL, .negated = true,
	 .at = AT(no_mouse)},
};
const size_t sq_n_settings = SQ_ARRAY_LEN(sq_settings);
_Static_assert(SQ_ARRAY_LEN(sq_settings) <= SQ_SETTINGS_MAX,
	       "sq_options.conf_line has a place for every setting");

const struct sq_setting *sq_setting_by_key(const char *key)
{
	for (size_t i = 0; i < sq_n_settings; i++)
		if (sq_settings[i].key && strcmp(sq_settings[i].key, key) == 0)
			return &sq_settings[i];
	return NULL;
}

const struct sq_setting *sq_setting_by_option(const char *option)
{
	for (size_t i = 0; i < sq_n_settings; i++) {
		const struct sq_setting *s = &sq_settings[i];
		if ((s->option && strcmp(s->option, option) == 0) ||
		    (s->no_option && strcmp(s->no_option, option) == 0))
			return s;
	}
	return NULL;
}

/* 1 yes, 0 no, -1 neither. */
static int parse_bool(const char *v)
{
	static const char *const yes[] = {"yes", "true", "on", "1"};
	static const char *const no[] = {"no", "false", "off", "0"};
	for (size_t i = 0; i < SQ_ARRAY_LEN(yes); i++) {
		if (strcmp(v, yes[i]) == 0)
			return 1;
		if (strcmp(v, no[i]) == 0)
			return 0;
	}
	return -1;
}

static bool parse_int(const char *v, int lo, int hi, int *out)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < lo || n > hi)
		return false;
	*out = (int)n;
	return true;
}

/* Text values outlive the line or argument they came from. */
static const char *keep(const char *v)
{
	static struct sq_arena *kept;
	if (!kept)
		kept = sq_arena_new();
	return sq_arena_strndup(kept, v, strlen(v));
}

bool sq_setting_apply(const struct sq_setting *s, const char *name,
		      const char *value, struct sq_options *o, char **why)
{
	struct sq_buf b = {0};
	char *member = (char *)o + s->at;
	int n = 0;
	switch (s->kind) {
	case SQ_SETTING_BOOL:
		n = parse_bool(value);
		if (n < 0)
			sq_buf_addf(&b, _("%s: '%s' is not yes or no"), name, value);
		else
			*(bool *)member = s->negated ? !n : n;
		break;
	case SQ_SETTING_INT:
		if (!parse_int(value, s->lo, s->hi, &n))
			sq_buf_addf(&b, _("%s: '%s' is not a number from %d to %d"), name,
				    value, s->lo, s->hi);
		else
			*(int *)member = n;
		break;
	case SQ_SETTING_CHOICE:
		while (s->choices[n] && strcmp(s->choices[n], value) != 0)
			n++;
		if (s->choices[n]) {
			s->choose(o, n);
			break;
		}
		struct sq_buf list = {0};
		for (n = 0; s->choices[n]; n++)
			sq_buf_addf(&list, "%s%s", n ? ", " : "", s->choices[n]);
		sq_buf_addf(&b, _("%s: '%s' is not one of: %s"), name, value,
			    sq_buf_str(&list));
		sq_buf_free(&list);
		break;
	case SQ_SETTING_TEXT:
		if (s->nonempty && !*value)
			sq_buf_addf(&b, _("%s is empty"), name);
		else if (!s->check || s->check(o, name, value, &b))
			*(const char **)member = keep(value);
		break;
	}
	*why = b.data;
	return b.data == NULL;
}

void sq_setting_given(struct sq_options *o, const struct sq_setting *s,
		      const char *path, unsigned line)
{
	if (path && (!o->conf_path || strcmp(o->conf_path, path) != 0))
		o->conf_path = keep(path);
	o->conf_line[s - sq_settings] = path ? line : 0;
}

bool sq_setting_in_file(const struct sq_options *o, const char *key,
			const char **path, unsigned *line)
{
	const struct sq_setting *s = sq_setting_by_key(key);
	if (!s || !o->conf_line[s - sq_settings])
		return false;
	*path = o->conf_path;
	*line = o->conf_line[s - sq_settings];
	return true;
}
