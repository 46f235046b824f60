/* SPDX-License-Identifier: MIT */
/* Talking to CUPS without waiting for it.
 *
 * A request (list the printers, submit a sheet, ask where a job stands,
 * cancel a job) starts at once and runs on a thread of its own, which makes
 * every libcups call of that request (printcups.h); the caller's thread
 * makes none.  The caller keeps a handle and asks, without blocking,
 * whether the answer is there (sq_printq_answer); the descriptor
 * sq_printq_fd becomes readable whenever some request has been answered,
 * for a poll() set.  A request that hears nothing from CUPS for
 * sq_print_answer_timeout() seconds ends as SQ_PRINT_NO_ANSWER: the caller
 * decides that by the clock, whatever the thread is stuck in.
 *
 * A thread serves one request at a time; after one, up to two threads stay
 * and wait for the next, for as long as the queue lives.
 * The caller never waits for a thread: a thread still stuck in libcups when
 * its request is given up (timed out, or released unanswered) finishes on
 * its own, detached, and what it hears then is thrown away; if it was
 * submitting and the job got made after all, it cancels that job, since
 * the caller has been told there is none.  The queue object lives until its
 * owner has freed it and every request has been released and finished.
 *
 * sq_printq_job is a print job on top: submitted, followed until it
 * prints, fails or takes too long (sq_print_timeout()), and cancelled on
 * request, all in non-blocking steps for a UI loop or in a blocking loop for
 * the command line. */
#ifndef SHEQU_PRINTQ_H
#define SHEQU_PRINTQ_H

#include <stdbool.h>
#include <stddef.h>

#include "print.h"

struct sq_printq;
struct sq_printq_req;

struct sq_printq *sq_printq_new(void);
/* Lets go of the queue; never waits.  Requests not released stay valid and
 * are still answered; idle threads end. */
void sq_printq_free(struct sq_printq *q);

/* Readable when a request has been answered since the last drain. */
int sq_printq_fd(const struct sq_printq *q);
/* Empty sq_printq_fd; call before looking at the requests after a wake. */
void sq_printq_drain(struct sq_printq *q);

/* How many request threads are serving a request (given-up ones
 * included; idle ones, kept for the next request, not). */
int sq_printq_threads(struct sq_printq *q);

/* What a request found out.  Valid from when sq_printq_answer returns it
 * until the request is released; read-only. */
struct sq_printq_answer {
	struct sq_print_result res;      /* status and its cause */
	struct sq_printer_list printers; /* list, submit: the queues seen */
	int job_state;                   /* job, cancel: enum sq_job_state, 0 unknown */
};

struct sq_printq_req *sq_printq_list(struct sq_printq *q);
/* printer NULL: the default (or the only queue there is).  pdf is copied. */
struct sq_printq_req *sq_printq_submit(struct sq_printq *q, const char *printer,
				       const char *title, const void *pdf,
				       size_t len, int copies);
struct sq_printq_req *sq_printq_job(struct sq_printq *q, const char *printer, int id);
/* describe: also find out why the queue holds the job (for a timeout). */
struct sq_printq_req *sq_printq_cancel(struct sq_printq *q, const char *printer, int id,
				       bool describe);

/* The answer, or NULL while there is none yet.  Never blocks.  Past the
 * time without an answer, the answer is SQ_PRINT_NO_ANSWER. */
const struct sq_printq_answer *sq_printq_answer(struct sq_printq_req *r);
/* Milliseconds until r gives up waiting, 0 when answered or due. */
int sq_printq_due_ms(struct sq_printq_req *r);
/* Block until r is answered or gives up (the command line). */
const struct sq_printq_answer *sq_printq_wait(struct sq_printq_req *r);
/* The caller is done with r; unanswered, it is given up. */
void sq_printq_release(struct sq_printq_req *r);

/* ---- a print job ---- */

enum sq_printq_stage {
	SQ_STAGE_SENDING,    /* the sheet is on its way to CUPS */
	SQ_STAGE_QUEUED,     /* CUPS has the job: followed until it prints */
	SQ_STAGE_CANCELLING, /* cancelling it (asked for, or it took too long) */
	SQ_STAGE_DONE,       /* res says how it went */
};

struct sq_printq_job {
	struct sq_printq *q;
	struct sq_printq_req *req;     /* in flight, or NULL */
	enum sq_printq_stage stage;
	struct sq_print_result res;    /* DONE: the outcome; before: printer, id */
	struct sq_printer_list printers; /* the queues the submit saw (n 0: none) */
	double started;                /* when it was submitted (sq_now) */
	double queued;                 /* CUPS took it */
	double next_poll;
	int timeout;                   /* seconds it may take once queued */
	enum sq_print_status ending;   /* CANCELLING: CANCELLED, TIMEOUT or JOB_FAILED */
	bool cancel_wanted;            /* cancel as soon as it is queued */
	bool unanswered;               /* the last look at it had no answer */
};

/* Submit, as sq_printq_submit; the job then moves on in sq_printq_job_step. */
void sq_printq_job_start(struct sq_printq_job *j, struct sq_printq *q,
			 const char *printer, const char *title, const void *pdf,
			 size_t len, int copies);
/* One non-blocking step: takes an answer if there is one, asks the next
 * question when it is due.  Returns the stage. */
enum sq_printq_stage sq_printq_job_step(struct sq_printq_job *j);
/* Milliseconds until a step is due even if no answer wakes the caller; -1
 * when done. */
int sq_printq_job_due_ms(const struct sq_printq_job *j);
/* Step until done, sleeping on sq_printq_fd in between (the command line). */
void sq_printq_job_run(struct sq_printq_job *j);
/* The user cancels: CUPS is asked to cancel the job (once it has it);
 * the outcome is SQ_PRINT_CANCELLED, or SQ_PRINT_OK when it had printed. */
void sq_printq_job_cancel(struct sq_printq_job *j);
/* Let go (of a job done, or when quitting: a queued job is left to CUPS). */
void sq_printq_job_clear(struct sq_printq_job *j);

#endif
