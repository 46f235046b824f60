/* SPDX-License-Identifier: MIT */
/* The full-screen interface.  Returns the process exit status. */
#ifndef SHEQU_TUI_H
#define SHEQU_TUI_H

#include "model.h"
#include "options.h"

int sq_tui_run(struct sq_model *model, const struct sq_options *opt);

#endif
