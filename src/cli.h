/* SPDX-License-Identifier: MIT */
/* The command-line modes: for scripts and tests.  Each returns the exit
 * status (0 ok, 1 nothing found / job failed, 2 bad input or usage). */
#ifndef SHEQU_CLI_H
#define SHEQU_CLI_H

#include <stdio.h>

#include "model.h"
#include "options.h"

enum { SQ_EXIT_OK = 0, SQ_EXIT_NOTFOUND = 1, SQ_EXIT_ERROR = 2 };

int sq_cli_check(const char *path);
int sq_cli_list(const struct sq_model *m, FILE *out);
int sq_cli_search(const struct sq_model *m, const char *query, FILE *out);

/* Resolve a community named on the command line (code, Chinese or English
 * name, alias).  On failure prints why (not found, or the ambiguous
 * candidates) to stderr and returns -1 with *status set. */
long sq_cli_resolve(const struct sq_model *m, const char *name, int *status);

/* Fact sheets and printing (src/cli_sheet.c). */
int sq_cli_sheet(const struct sq_model *m, const struct sq_options *opt,
		 const char *name);
int sq_cli_print(const struct sq_model *m, const struct sq_options *opt,
		 const char *name);

#endif
