/* SPDX-License-Identifier: MIT */
#include "settings.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "i18n.h"
#include "util.h"

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static int parse_bool(const char *v)
{
	if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "on") || !strcmp(v, "1"))
		return 1;
	if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "off") || !strcmp(v, "0"))
		return 0;
	return -1;
}

/* Values outlive the file: the options point at them until exit. */
static char *keep(const char *v)
{
	return sq_xstrdup(v);
}

bool sq_settings_load(const char *path, struct sq_options *opt, struct sq_diag *diag)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT)
			return true;
		sq_diag_at(diag, path, 0, "%s", strerror(errno));
		return false;
	}
	char line[4096];
	unsigned lineno = 0;
	bool ok = true;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		size_t len = strlen(line);
		if (len == sizeof line - 1 && line[len - 1] != '\n') {
			sq_diag_at(diag, path, lineno, _("line too long"));
			ok = false;
			break;
		}
		if (u8_check((const uint8_t *)line, len)) {
			sq_diag_at(diag, path, lineno, _("invalid UTF-8"));
			ok = false;
			continue;
		}
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		char *s = trim(line);
		if (!*s)
			continue;
		char *eq = strchr(s, '=');
		if (!eq) {
			sq_diag_at(diag, path, lineno, _("expected 'key = value'"));
			ok = false;
			continue;
		}
		*eq = '\0';
		char *key = trim(s), *val = trim(eq + 1);
		int b;
		if (!strcmp(key, "kiosk") || !strcmp(key, "large") || !strcmp(key, "mouse")) {
			if ((b = parse_bool(val)) < 0) {
				sq_diag_at(diag, path, lineno, _("%s: '%s' is not yes or no"), key, val);
				ok = false;
			} else if (!strcmp(key, "kiosk")) {
				opt->kiosk = b;
			} else if (!strcmp(key, "large")) {
				opt->large = b;
			} else {
				opt->no_mouse = !b;
			}
		} else if (!strcmp(key, "idle")) {
			char *end;
			long v = strtol(val, &end, 10);
			if (end == val || *end || v < 1 || v > 86400) {
				sq_diag_at(diag, path, lineno, _("idle: '%s' is not a number of seconds from 1 to 86400"), val);
				ok = false;
			} else {
				opt->idle_seconds = (int)v;
			}
		} else if (!strcmp(key, "quit-keys")) {
			if (!*val) {
				sq_diag_at(diag, path, lineno, _("quit-keys is empty"));
				ok = false;
			} else {
				opt->quit_keys = keep(val);
			}
		} else if (!strcmp(key, "save-dir")) {
			opt->save_dir = keep(val);
		} else if (!strcmp(key, "data")) {
			opt->data_path = keep(val);
		} else if (!strcmp(key, "printer")) {
			opt->printer = keep(val);
		} else if (!strcmp(key, "lang")) {
			if (!strcmp(val, "zh"))
				opt->lang = SQ_ZH;
			else if (!strcmp(val, "en"))
				opt->lang = SQ_EN;
			else {
				sq_diag_at(diag, path, lineno, _("lang: '%s' is not zh or en"), val);
				ok = false;
				continue;
			}
			opt->lang_given = true;
		} else if (!strcmp(key, "ambiguous")) {
			if (!strcmp(val, "narrow"))
				opt->ambiguous = SQ_AMBIGUOUS_NARROW;
			else if (!strcmp(val, "wide"))
				opt->ambiguous = SQ_AMBIGUOUS_WIDE;
			else if (!strcmp(val, "auto"))
				opt->ambiguous = SQ_AMBIGUOUS_AUTO;
			else {
				sq_diag_at(diag, path, lineno, _("ambiguous: '%s' is not narrow, wide or auto"), val);
				ok = false;
			}
		} else {
			sq_diag_at(diag, path, lineno, _("unknown setting '%s'"), key);
			ok = false;
		}
	}
	fclose(f);
	return ok;
}
