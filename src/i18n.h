/* SPDX-License-Identifier: MIT */
/* gettext for interface strings: English in the source, zh_CN in po/. */
#ifndef SHEQU_I18N_H
#define SHEQU_I18N_H

#include "config.h"
#include "model.h"

#if ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#endif
#define N_(s) (s)

/* setlocale(LC_ALL, ""); when a locale the environment names is not
 * installed, C.UTF-8 instead where it is (as Python does).  Returns the name
 * that was not found, for a note, or NULL. */
const char *sq_locale_init(void);

/* The interface language the environment asks for: Chinese for a zh
 * $LANGUAGE or a zh locale (even one that is not installed), else English. */
enum sq_lang sq_i18n_default_lang(void);

/* Bind the message catalogue: the build tree's when this binary runs from
 * it (the tests), else the installed one.  After setlocale(LC_ALL, ""). */
void sq_i18n_init(void);

/* The language every later _() answers in, whatever the locale says; for
 * the TUI's language key, so it works at any time. */
void sq_i18n_set_lang(enum sq_lang lang);

#endif
