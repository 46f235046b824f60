/* SPDX-License-Identifier: MIT */
/* Noticing that the data file was replaced under a running browser (a
 * package upgrade renames a new file over it; an editor renames or writes in
 * place), and loading the new file in full before anyone switches to it.
 * No curses: the main loop polls the descriptor, or simply calls
 * sq_datawatch_changed now and then (it never blocks). */
#ifndef SHEQU_DATAWATCH_H
#define SHEQU_DATAWATCH_H

#include <stdbool.h>

#include "load.h"

struct sq_datawatch;

/* Watch path with inotify: its directory, for a file renamed over it (the
 * way dpkg, apt and most editors replace a file), and the file itself, for
 * a write in place.  A change counts once the writer has closed the file or
 * the rename is done, never half-way through.  NULL, with the reason in
 * diag, when inotify or the directory is not available: the browser then
 * keeps its data until restarted. */
struct sq_datawatch *sq_datawatch_new(const char *path, struct sq_diag *diag);

/* Readable (POLLIN) when events wait; for poll() beside the terminal. */
int sq_datawatch_fd(const struct sq_datawatch *w);

/* Drain every waiting event without blocking.  True when the file was
 * replaced or written since the last call; several events count once. */
bool sq_datawatch_changed(struct sq_datawatch *w);

void sq_datawatch_free(struct sq_datawatch *w);

/* Load the file at path and check it in full, exactly as --check does (a file
 * without communities is refused there too).  A
 * file that changed while it was being read is refused too (the next event
 * brings it back when the writer is done).  NULL with "FILE:LINE: message"
 * lines in diag when the file is refused. */
struct sq_model *sq_datawatch_load(const char *path, struct sq_diag *diag);

#endif
