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
