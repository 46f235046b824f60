/* SPDX-License-Identifier: MIT */
/* The full-screen interface.  Returns the process exit status.  It takes
 * the model over (a kiosk may replace it with a newer data file) and frees
 * it before it returns. */
#ifndef SHEQU_TUI_H
#define SHEQU_TUI_H

#include "model.h"
#include "options.h"

int sq_tui_run(struct sq_model *model, const struct sq_options *opt);

#endif
