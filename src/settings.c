/* SPDX-License-Identifier: MIT */
#include "settings.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "text.h"

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

/* A value in double quotes, from the quote at v: in place, with \" and \\
 * for " and \ (any other backslash is itself); NULL after saying what is
 * wrong.  Only blanks and a comment may follow it. */
static char *unquote(char *v, const char *path, unsigned lineno, struct sq_diag *diag)
{
	char *r = v + 1, *w = v;
	while (*r && *r != '"') {
		if (*r == '\\' && (r[1] == '"' || r[1] == '\\'))
			r++;
		*w++ = *r++;
	}
	if (*r != '"') {
		sq_diag_at(diag, path, lineno, "%s", _("a quoted value has no closing quote"));
		return NULL;
	}
	*w = '\0';
	r = trim(r + 1);
	if (*r && *r != '#') {
		sq_diag_at(diag, path, lineno, "%s",
			   _("only a comment may follow a quoted value"));
		return NULL;
	}
	return v;
}

/* One line; false after saying what is wrong.  '#' starts a comment, but
 * in a value written in double quotes, which may hold it. */
static bool apply_line(char *line, const char *path, unsigned lineno,
		       struct sq_options *opt, struct sq_diag *diag)
{
	char *s = trim(line);
	char *eq = strpbrk(s, "=#");
	if (!*s || *s == '#')
		return true;
	if (!eq || *eq == '#') {
		sq_diag_at(diag, path, lineno, "%s", _("expected 'key = value'"));
		return false;
	}
	*eq = '\0';
	char *key = trim(s), *val = trim(eq + 1);
	if (*val == '"') {
		if (!(val = unquote(val, path, lineno, diag)))
			return false;
	} else {
		char *hash = strchr(val, '#');
		if (hash)
			*hash = '\0';
		val = trim(val);
	}
	const struct sq_setting *set = sq_setting_by_key(key);
	if (!set) {
		sq_diag_at(diag, path, lineno, _("unknown setting '%s'"), key);
		return false;
	}
	char *why;
	if (sq_setting_apply(set, key, val, opt, &why)) {
		sq_setting_given(opt, set, path, lineno);
		return true;
	}
	sq_diag_at(diag, path, lineno, "%s", why);
	free(why);
	return false;
}

/* The file, or NULL with a message: absent or unreadable. */
static FILE *open_settings(const char *path, enum sq_settings_status *status,
			   struct sq_diag *diag)
{
	FILE *f = fopen(path, "r");
	struct stat st;
	int err = f ? 0 : errno;
	if (f && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		f = NULL;
		err = EISDIR;
	}
	if (!f) {
		*status = err == ENOENT ? SQ_SETTINGS_ABSENT : SQ_SETTINGS_UNREADABLE;
		sq_diag_at(diag, path, 0, _("cannot read the configuration file: %s"),
			   strerror(err));
	}
	return f;
}

enum sq_settings_status sq_settings_load(const char *path, struct sq_options *opt,
					 struct sq_diag *diag)
{
	enum sq_settings_status status = SQ_SETTINGS_OK;
	FILE *f = open_settings(path, &status, diag);
	if (!f)
		return status;
	char line[4096];
	unsigned lineno = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		size_t len = strlen(line);
		if (len == sizeof line - 1 && line[len - 1] != '\n') {
			sq_diag_at(diag, path, lineno, "%s", _("line too long"));
			status = SQ_SETTINGS_BAD;
			break;
		}
		if (sq_utf8_check((const uint8_t *)line, len)) {
			sq_diag_at(diag, path, lineno, "%s", _("invalid UTF-8"));
			status = SQ_SETTINGS_BAD;
		} else if (!apply_line(line, path, lineno, opt, diag)) {
			status = SQ_SETTINGS_BAD;
		}
	}
	if (ferror(f) && status == SQ_SETTINGS_OK) {
		sq_diag_at(diag, path, 0, _("cannot read the configuration file: %s"),
			   strerror(errno));
		status = SQ_SETTINGS_UNREADABLE;
	}
	fclose(f);
	return status;
}
