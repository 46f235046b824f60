/* SPDX-License-Identifier: MIT */
#include "keyseq.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

#include "i18n.h"
#include "text.h"
#include "util.h"

/* Names besides single characters and C-x / F<n>. */
static const struct {
	const char *name;
	struct sq_keystroke key;
} named_keys[] = {
	{"Esc", {0, {0x1b}}},       {"Escape", {0, {0x1b}}},
	{"Enter", {SQ_KEYCODE_ENTER, {'\r', '\n'}}},
	{"Return", {SQ_KEYCODE_ENTER, {'\r', '\n'}}},
	{"RET", {SQ_KEYCODE_ENTER, {'\r', '\n'}}},
	{"Tab", {0, {'\t'}}},       {"TAB", {0, {'\t'}}},
	{"Space", {0, {' '}}},      {"SPC", {0, {' '}}},
	{"Backspace", {SQ_KEYCODE_BACKSPACE, {0x7f, 0x08}}},
	{"BS", {SQ_KEYCODE_BACKSPACE, {0x7f, 0x08}}},
	{"Up", {SQ_KEYCODE_UP, {0}}},       {"Down", {SQ_KEYCODE_DOWN, {0}}},
	{"Left", {SQ_KEYCODE_LEFT, {0}}},   {"Right", {SQ_KEYCODE_RIGHT, {0}}},
	{"Home", {SQ_KEYCODE_HOME, {0}}},   {"End", {SQ_KEYCODE_END, {0}}},
	{"PgUp", {SQ_KEYCODE_PGUP, {0}}},   {"PageUp", {SQ_KEYCODE_PGUP, {0}}},
	{"PgDn", {SQ_KEYCODE_PGDN, {0}}},   {"PageDown", {SQ_KEYCODE_PGDN, {0}}},
	{"Insert", {SQ_KEYCODE_INSERT, {0}}}, {"Ins", {SQ_KEYCODE_INSERT, {0}}},
	{"Delete", {SQ_KEYCODE_DELETE, {0}}}, {"Del", {SQ_KEYCODE_DELETE, {0}}},
};

static bool parse_key(const char *name, struct sq_keystroke *k)
{
	memset(k, 0, sizeof *k);
	size_t len = strlen(name);
	for (size_t i = 0; i < SQ_ARRAY_LEN(named_keys); i++)
		if (strcasecmp(name, named_keys[i].name) == 0) {
			*k = named_keys[i].key;
			return true;
		}
	/* C-x, Ctrl-x, ^X: the control character of a letter or of [\]^_. */
	const char *c = NULL;
	if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-')
		c = name + 2;
	else if (len == 6 && strncasecmp(name, "Ctrl-", 5) == 0)
		c = name + 5;
	else if (len == 2 && name[0] == '^')
		c = name + 1;
	if (c) {
		int v = (unsigned char)*c;
		if (v >= 'a' && v <= 'z')
			v -= 'a' - 'A';
		if (v <= '@' || v > '_')
			return false;
		k->ch[0] = (uint32_t)(v - '@');
		return true;
	}
	/* F1 .. F63 */
	if ((name[0] == 'F' || name[0] == 'f') && len >= 2 && len <= 3) {
		char *end;
		long n = strtol(name + 1, &end, 10);
		if (*end || n < 1 || n > 63 || name[1] == '0')
			return false;
		k->code = (enum sq_keycode)(SQ_KEYCODE_F1 + n - 1);
		return true;
	}
	/* One printable character: q, Q, 中. */
	ucs4_t uc;
	int n = u8_mbtouc(&uc, (const uint8_t *)name, len);
	if (n > 0 && (size_t)n == len && uc != 0xFFFD && uc > 0x20 && uc != 0x7f &&
	    sq_cp_sanitize(uc) == uc) {
		k->ch[0] = uc;
		return true;
	}
	return false;
}

bool sq_keyseq_parse(const char *s, const char *name, struct sq_keyseq *out,
		     struct sq_buf *why)
{
	char *copy = sq_xstrdup(s), *save = NULL;
	const char *bad = NULL;
	bool too_many = false;
	out->n = 0;
	for (char *w = strtok_r(copy, " \t", &save); w && !bad && !too_many;
	     w = strtok_r(NULL, " \t", &save)) {
		if (out->n == SQ_KEYSEQ_MAX)
			too_many = true;
		else if (parse_key(w, &out->keys[out->n]))
			out->n++;
		else
			bad = w;
	}
	if (too_many)
		sq_buf_addf(why, _("%s: '%s' has more than %d keys"), name, s,
			    SQ_KEYSEQ_MAX);
	else if (bad || out->n == 0)
		sq_buf_addf(why, _("%s: '%s' is not a key; write key names separated by "
				   "spaces, such as \"C-x C-s q\" (C-x is Ctrl-X; also "
				   "F1-F63, Esc, Enter, Tab, Space, single characters)"),
			    name, bad ? bad : s);
	free(copy);
	if (too_many || bad || out->n == 0) {
		out->n = 0;
		return false;
	}
	return true;
}
