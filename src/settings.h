/* SPDX-License-Identifier: MIT */
/* The system-wide configuration file (sq_settings_path, paths.h), read
 * before the command line so that options given there win.  Lines are
 * "key = value"; '#' starts a comment, except in a value written in double
 * quotes (key = "a # b", with \" and \\ for " and \ inside); the keys are
 * the settings of options.h, checked as the command line checks them. */
#ifndef SHEQU_SETTINGS_H
#define SHEQU_SETTINGS_H

#include "diag.h"
#include "options.h"

enum sq_settings_status {
	SQ_SETTINGS_OK,
	SQ_SETTINGS_ABSENT,     /* no such file (diag says so) */
	SQ_SETTINGS_UNREADABLE, /* there, but cannot be read: a directory... */
	SQ_SETTINGS_BAD,        /* read, with FILE:LINE errors */
};

/* Applies the file at path to opt, with its messages in diag. */
enum sq_settings_status sq_settings_load(const char *path, struct sq_options *opt,
					 struct sq_diag *diag);

#endif
