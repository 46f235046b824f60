/* SPDX-License-Identifier: MIT */
/* Reads a GNU recutils data file into the model. */
#ifndef SHEQU_LOAD_H
#define SHEQU_LOAD_H

#include "diag.h"
#include "model.h"

/* Load a file.  NULL on failure, with every error found (up to a cap) in
 * diag.  The name used in messages is the path as given. */
struct sq_model *sq_load_file(const char *path, struct sq_diag *diag);

/* Load from memory (tests, fuzzing).  data need not be NUL-terminated; the
 * loader copies it. */
struct sq_model *sq_load_buffer(const char *name, const char *data, size_t len,
				struct sq_diag *diag);

#endif
