/* SPDX-License-Identifier: MIT */
/* gettext for interface strings: English in the source, zh_CN in po/. */
#ifndef SHEQU_I18N_H
#define SHEQU_I18N_H

#include "config.h"

#if ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#endif
#define N_(s) (s)

#endif
