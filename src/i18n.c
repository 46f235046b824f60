/* SPDX-License-Identifier: MIT */
/* The interface language.  gettext answers in the first language of
 * $LANGUAGE that has a catalogue, falling back to the English msgid; the
 * language key sets LANGUAGE and tells gettext to look again, which works
 * whether or not a zh_CN locale is installed: LC_MESSAGES only has to be
 * something other than C. */
#include "i18n.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "util.h"

#if ENABLE_NLS && HAVE_NL_MSG_CAT_CNTR
/* glibc's (and GNU libintl's) cache generation: the gettext manual's way
 * to make a change of LANGUAGE take effect in a running program. */
extern int _nl_msg_cat_cntr;
#endif

/* The first locale the environment names that is not installed; LC_ALL
 * hides the others. */
static const char *missing_locale(void)
{
	static const char *const vars[] = {
		"LC_ALL", "LC_CTYPE", "LC_MESSAGES", "LC_COLLATE", "LC_NUMERIC",
		"LC_TIME", "LC_MONETARY", "LANG",
	};
	for (size_t i = 0; i < SQ_ARRAY_LEN(vars); i++) {
		const char *name = getenv(vars[i]);
		if (!name || !*name)
			continue;
		locale_t l = newlocale(LC_ALL_MASK, name, (locale_t)0);
		if (!l)
			return name;
		freelocale(l);
		if (i == 0)
			break;
	}
	return NULL;
}

static const char *asked_locale; /* when it was missing */

const char *sq_locale_init(void)
{
	if (setlocale(LC_ALL, ""))
		return NULL;
	asked_locale = missing_locale();
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return NULL; /* no better: the browser says what to do */
	return asked_locale ? asked_locale : "?";
}

enum sq_lang sq_i18n_default_lang(void)
{
	const char *l = getenv("LANGUAGE");
	if (!l || !*l)
		l = asked_locale ? asked_locale : setlocale(LC_MESSAGES, NULL);
	return l && strncmp(l, "zh", 2) == 0 ? SQ_ZH : SQ_EN;
}

void sq_i18n_init(void)
{
#if ENABLE_NLS
	bindtextdomain(GETTEXT_PACKAGE, sq_locale_dir());
	textdomain(GETTEXT_PACKAGE);
#endif
}

#if ENABLE_NLS
static bool is_c_locale(const char *name)
{
	return !name || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0;
}
#endif

void sq_i18n_set_lang(enum sq_lang lang)
{
#if ENABLE_NLS
	/* "en" has no catalogue: the msgids, English, even under zh_CN. */
	setenv("LANGUAGE", lang == SQ_ZH ? "zh_CN" : "en", 1);
	/* gettext ignores LANGUAGE when LC_MESSAGES is C.  Where the text can
	 * be shown (UTF-8), C.UTF-8 is the same locale with LANGUAGE heeded. */
	const char *cur = setlocale(LC_MESSAGES, NULL);
	if (lang == SQ_ZH && is_c_locale(cur) &&
	    strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
#if HAVE_NL_MSG_CAT_CNTR
	++_nl_msg_cat_cntr;
#else
	/* A change of locale also makes gettext forget what it looked up
	 * (setting the same name again is not a change). */
	char *name = sq_xstrdup(setlocale(LC_MESSAGES, NULL));
	setlocale(LC_MESSAGES, "C");
	setlocale(LC_MESSAGES, name);
	free(name);
#endif
#else
	(void)lang;
#endif
}
