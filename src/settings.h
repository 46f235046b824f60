/* SPDX-License-Identifier: MIT */
/* The system-wide configuration file (sq_settings_path, paths.h), read
 * before the command line so that options given there win.  Lines are "key = value"; '#' starts a comment. */
#ifndef SHEQU_SETTINGS_H
#define SHEQU_SETTINGS_H

#include "diag.h"
#include "options.h"

/* Apply the file at path to opt.  A missing file is not an error.  Returns
 * false with "FILE:LINE: message" lines in diag on a bad file.  Strings are
 * kept in storage owned by this module for the life of the process. */
bool sq_settings_load(const char *path, struct sq_options *opt, struct sq_diag *diag);

/* The default staff key sequence that quits a kiosk. */
#define SQ_DEFAULT_QUIT_KEYS "C-x C-s q"

#endif
