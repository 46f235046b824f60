/* SPDX-License-Identifier: MIT */
/* The calls to libcups.  Only printq.c uses them, and only on one of its
 * request threads: libcups keeps its last error, its default connection
 * and its settings per thread, so one request's calls all run on the
 * thread that made its connection, and no other thread makes any.
 *
 * Every wait for the scheduler asks keep_waiting() four times a second
 * and gives up when it says no; the connection is made with a bounded
 * connect().  libcups still has waits of its own (up to a minute, on a
 * connection of its own after a failure), which is why the caller never
 * waits for a request thread (printq.h). */
#ifndef SHEQU_PRINTCUPS_H
#define SHEQU_PRINTCUPS_H

#include <stdbool.h>
#include <stddef.h>

#include "print.h"

/* IPP job-state values (RFC 8011 5.3.7), 0 when not known. */
enum sq_job_state {
	SQ_JOB_STATE_UNKNOWN = 0,
	SQ_JOB_STATE_PENDING = 3,
	SQ_JOB_STATE_HELD = 4,
	SQ_JOB_STATE_PROCESSING = 5,
	SQ_JOB_STATE_STOPPED = 6,
	SQ_JOB_STATE_CANCELED = 7,
	SQ_JOB_STATE_ABORTED = 8,
	SQ_JOB_STATE_COMPLETED = 9,
};

struct sq_cups {
	void *http;                      /* http_t, NULL when not connected */
	bool (*keep_waiting)(void *ctx); /* false: give up the wait */
	void (*heard)(void *ctx);        /* the scheduler answered something */
	void *ctx;
	int connect_ms;                  /* how long connect() may take */
	bool gave_up;                    /* a wait was given up: no answer */
};

/* The scheduler calls go to (cupsServer()), to free. */
char *sq_cups_server(void);

/* Connect to the scheduler.  res->server is set in any case; false with
 * SQ_PRINT_NO_SCHEDULER in res when it cannot be reached. */
bool sq_cups_connect(struct sq_cups *c, struct sq_print_result *res);
void sq_cups_close(struct sq_cups *c);

/* The queues and the default (lpoptions, LPDEST, PRINTER). */
enum sq_print_status sq_cups_list(struct sq_cups *c, struct sq_printer_list *out,
				  struct sq_print_result *res);

/* Check the queue (printer NULL: the default), then send pdf as one
 * document of copies copies.  seen gets the queues listed on the way. */
enum sq_print_status sq_cups_submit(struct sq_cups *c, const char *printer,
				    const char *title, const void *pdf, size_t len,
				    int copies, struct sq_printer_list *seen,
				    struct sq_print_result *res);

/* Where job id stands (enum sq_job_state in *state). */
enum sq_print_status sq_cups_job_state(struct sq_cups *c, const char *printer, int id,
				       int *state, struct sq_print_result *res);

/* Cancel job id.  With describe, first note why the queue holds it (stopped,
 * its state message) in res.  When CUPS refuses, *state says whether the
 * job had already completed. */
enum sq_print_status sq_cups_cancel(struct sq_cups *c, const char *printer, int id,
				    bool describe, int *state,
				    struct sq_print_result *res);

#endif
