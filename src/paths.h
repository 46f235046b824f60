/* SPDX-License-Identifier: MIT */
/* Where shequ's files are: the bundled data, the message catalogue and the
 * configuration file, whether this binary is installed or run from its build
 * tree. */
#ifndef SHEQU_PATHS_H
#define SHEQU_PATHS_H

#include <stdbool.h>

/* True when this binary runs from the build tree (tests, developers): the
 * bundled data and the message catalogue are found there. */
bool sq_uninstalled(void);

/* The data file to use when --data is not given: $SHEQU_DATA, else the
 * bundled one (from the source tree when run from the build tree, else
 * installed). */
const char *sq_default_data_path(void);

/* The bundled whole-city file (every community of Hangzhou) beside the
 * bundled data, or NULL when it is not there. */
const char *sq_default_city_path(void);

/* The configuration file: $SHEQU_CONFIG, else SYSCONFDIR/shequ.conf. */
const char *sq_settings_path(void);

/* True when the configuration file was named by $SHEQU_CONFIG. */
bool sq_settings_path_explicit(void);

/* The directory of message catalogues (LL/LC_MESSAGES/shequ.mo). */
const char *sq_locale_dir(void);

#endif
