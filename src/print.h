/* SPDX-License-Identifier: MIT */
/* Printing a typeset sheet through CUPS, for the command line and the TUI.
 *
 * A job goes: sq_print_list (optional, for a chooser) -> sq_print_submit ->
 * sq_print_poll from the UI loop (cheap to call often: it asks the scheduler
 * at most a few times a second) until it stops returning SQ_JOB_PENDING, or
 * sq_print_wait to block.  Each failure has its own status and message
 * (sq_print_message); the sheet can then be kept as a file (sq_print_save).
 *
 * Every call honours CUPS_SERVER.  In a build without printing the calls
 * exist and return SQ_PRINT_DISABLED ("built without printing"). */
#ifndef SHEQU_PRINT_H
#define SHEQU_PRINT_H

#include <stdbool.h>
#include <stddef.h>

#include "text.h"

enum sq_print_status {
	SQ_PRINT_OK,
	SQ_PRINT_DISABLED,        /* built without printing */
	SQ_PRINT_NO_SCHEDULER,    /* cupsd cannot be reached */
	SQ_PRINT_NO_PRINTERS,     /* no queue is set up */
	SQ_PRINT_UNKNOWN_PRINTER, /* no queue of the name asked for */
	SQ_PRINT_NO_DEFAULT,      /* none asked for, several and no default */
	SQ_PRINT_NOT_ACCEPTING,   /* the queue rejects jobs (cupsreject) */
	SQ_PRINT_SUBMIT_FAILED,   /* the scheduler refused the job */
	SQ_PRINT_JOB_FAILED,      /* the job was stopped, cancelled or aborted */
	SQ_PRINT_TIMEOUT,         /* not done in time (e.g. a disabled queue) */
};

struct sq_printer {
	char *name;
	char *info;          /* description, or NULL */
	char *location;      /* or NULL */
	char *state_message; /* printer-state-message, or NULL */
	bool is_default;
	bool accepting;      /* printer-is-accepting-jobs */
	bool stopped;        /* printer-state stopped (cupsdisable) */
};

struct sq_printer_list {
	struct sq_printer *v;
	size_t n;
	long default_index; /* -1 when there is no default */
};

/* The queues the scheduler knows, and the default (lpoptions, LPDEST,
 * PRINTER).  SQ_PRINT_NO_SCHEDULER or SQ_PRINT_NO_PRINTERS when there is
 * nothing to choose from.  Free with sq_print_list_free in every case. */
enum sq_print_status sq_print_list(struct sq_printer_list *out);
void sq_print_list_free(struct sq_printer_list *l);

/* One print job and where it stands. */
struct sq_print_job {
	enum sq_print_status status;
	char *printer;   /* the queue used (or asked for) */
	int id;          /* CUPS job id, 0 before submission */
	int timeout;     /* seconds */
	char *detail;    /* extra words from CUPS for the message, or NULL */
	char *known;     /* for SQ_PRINT_UNKNOWN_PRINTER and _NO_DEFAULT: the
			  * queues there are */
	int job_state;   /* last IPP job-state seen (3 pending .. 9 completed) */
	double deadline, last_poll; /* monotonic seconds */
	void *http;      /* the connection to the scheduler */
};

/* Seconds to wait for a job: $SHEQU_PRINT_TIMEOUT, default 60. */
int sq_print_timeout(void);

/* Check the scheduler and the queue (printer NULL: the default), then
 * submit pdf as one document of copies copies.  Returns the status, also
 * in job->status; SQ_PRINT_OK means the job is queued: follow it.  Clear
 * the job with sq_print_job_clear whatever happened. */
enum sq_print_status sq_print_submit(struct sq_print_job *job,
				     const char *printer, const char *title,
				     const void *pdf, size_t len, int copies);

enum sq_job_progress {
	SQ_JOB_PENDING,   /* call again later */
	SQ_JOB_COMPLETED, /* job->status SQ_PRINT_OK */
	SQ_JOB_FAILED,    /* job->status SQ_PRINT_JOB_FAILED */
	SQ_JOB_TIMEOUT,   /* job->status SQ_PRINT_TIMEOUT; the job was cancelled */
};

/* One non-blocking step of following a submitted job: at most one quick
 * request to the scheduler, none if the last was under 0.2 s ago. */
enum sq_job_progress sq_print_poll(struct sq_print_job *job);

/* Give up on a submitted job that has not completed (the user pressed
 * Esc): CUPS cancels it and the job counts as failed. */
void sq_print_cancel(struct sq_print_job *job);

/* Follow the job until it is done, failed or timed out (for the CLI). */
enum sq_print_status sq_print_wait(struct sq_print_job *job);

void sq_print_job_clear(struct sq_print_job *job);

/* A sentence or two for the user on how the job went (translated). */
void sq_print_message(const struct sq_print_job *job, struct sq_buf *out);

/* Exit status for the CLI: 0 ok, 2 when the printer must be named right
 * (unknown name, no default) or in a build without printing, 1 for
 * everything else. */
int sq_print_exit_status(enum sq_print_status st);

/* Write data to DIR/NAME (through a temporary file, then renamed).  On
 * success appends the path to path; on failure the reason to err. */
bool sq_print_save(const char *dir, const char *name, const void *data,
		   size_t len, struct sq_buf *path, struct sq_buf *err);

#endif
