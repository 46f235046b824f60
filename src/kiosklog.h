/* SPDX-License-Identifier: MIT */
/* What a kiosk did, for whoever looks after it: syslog, so the journal under
 * systemd (journalctl -t shequ).  One line per event, in English whatever
 * the interface speaks, and never anything a visitor typed: no search
 * query, no personal data.  Without a syslog daemon nothing is written and
 * nothing complains; never on the terminal.
 *
 * A run that did not end cleanly leaves a marker, DIR/shequ-kiosk.run, where
 * DIR is $RUNTIME_DIRECTORY (systemd's RuntimeDirectory=, which the unit
 * keeps across automatic restarts but removes on "systemctl stop") or else
 * $XDG_RUNTIME_DIR; the next start finds it and logs the restart.  No
 * marker, and no restart line, when neither is set. */
#ifndef SHEQU_KIOSKLOG_H
#define SHEQU_KIOSKLOG_H

#include <stdbool.h>

#include "load.h"
#include "model.h"
#include "print.h"

/* openlog("shequ", LOG_PID, LOG_USER). */
void sq_klog_open(void);
void sq_klog_close(void);

/* The kiosk started on the data at path: logs "start: ...", and before it
 * "restart after a crash: ..." when the last run left its marker; then
 * leaves this run's marker. */
void sq_klog_start(const char *path, const struct sq_model *m);

/* The kiosk stops: by the staff quit sequence, or after a signal (kill,
 * systemctl stop).  Logs "stop: ..." and removes the marker. */
void sq_klog_stop_quit(void);
void sq_klog_stop_signal(int sig);

/* New data taken into use, and new data refused (each "FILE:LINE: message"
 * line of diag, up to ten, then how many more), the kiosk keeping what it
 * has. */
void sq_klog_data_loaded(const char *path, const struct sq_model *m);
void sq_klog_data_refused(const char *path, const struct sq_diag *diag);
/* The data file cannot be watched (no inotify, no directory): a new one is
 * taken only when the kiosk restarts.  diag says why. */
void sq_klog_data_not_watched(const char *path, const struct sq_diag *diag);

/* A print job has ended (r->status says how; r->id is 0 when it was
 * never submitted).  code: the community's 12-digit code. */
void sq_klog_print(const char *code, const struct sq_print_result *r, int copies);

/* A sheet saved as a file (error NULL), or not (dir and the reason). */
void sq_klog_save(const char *path, const char *error);

/* The terminal's size, after every resize: logs when it becomes too small
 * for the browser (and when it fits again), not each time it is called. */
void sq_klog_terminal_size(int cols, int lines, int min_cols, int min_lines);

/* Tests: lines go to sink instead of syslog (NULL: syslog again). */
typedef void sq_klog_sink_fn(int priority, const char *line, void *ctx);
void sq_klog_set_sink(sq_klog_sink_fn *sink, void *ctx);

#endif
