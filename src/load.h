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

/* True when this binary runs from the build tree (tests, developers): the
 * bundled data and the message catalogue are found there. */
bool sq_uninstalled(void);

/* The data file to use: --data, else $SHEQU_DATA, else the bundled one
 * (from the source tree when run from the build tree, else installed). */
const char *sq_default_data_path(void);

/* The bundled whole-city file (every community of Hangzhou) beside the
 * bundled data, or NULL when it is not there. */
const char *sq_default_city_path(void);

#endif
