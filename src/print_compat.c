/* SPDX-License-Identifier: MIT */
/* The blocking interface the first print dialog (src/tui/tui_print.c) was
 * written against, on top of printq.h: each call waits for its request,
 * which now ends within sq_print_answer_timeout() seconds instead of
 * libcups's minutes.  Delete this file and its part of print.h when
 * tui_print.c draws printdlg.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "print.h"
#include "printq.h"
#include "util.h"

/* The scheduler the last answer named, for a message made from a bare
 * status (the dialog's list failure).  Main thread only. */
static char *last_server;

/* One queue for the program, so that its threads serve one request after
 * another.  Main thread only; it lives as long as the program. */
static struct sq_printq *queue(void)
{
	static struct sq_printq *q;
	if (!q)
		q = sq_printq_new();
	return q;
}

static void note_server(const char *server)
{
	if (server && (!last_server || strcmp(server, last_server) != 0)) {
		free(last_server);
		last_server = sq_xstrdup(server);
	}
}

enum sq_print_status sq_print_list(struct sq_printer_list *out)
{
	struct sq_printq_req *r = sq_printq_list(queue());
	const struct sq_printq_answer *a = sq_printq_wait(r);
	sq_print_list_copy(out, &a->printers);
	note_server(a->res.server);
	enum sq_print_status st = a->res.status;
	sq_printq_release(r);
	return st;
}

static struct sq_printq_job *engine(const struct sq_print_job *job)
{
	return job->http;
}

static char *dup_or_null(const char *s)
{
	return s ? sq_xstrdup(s) : NULL;
}

/* The old fields from where the job stands. */
static void sync_job(struct sq_print_job *job)
{
	const struct sq_printq_job *j = engine(job);
	const struct sq_print_result *r = &j->res;
	job->status = j->stage == SQ_STAGE_DONE ? r->status : SQ_PRINT_OK;
	if (r->printer && (!job->printer || strcmp(job->printer, r->printer) != 0)) {
		free(job->printer);
		job->printer = sq_xstrdup(r->printer);
	}
	job->id = r->id;
	free(job->detail);
	job->detail = dup_or_null(r->detail);
	free(job->known);
	job->known = dup_or_null(r->known);
	note_server(r->server);
}

static void step_until(struct sq_print_job *job, bool (*more)(enum sq_printq_stage))
{
	struct sq_printq_job *j = engine(job);
	while (more(sq_printq_job_step(j)))
		if (j->req)
			sq_printq_wait(j->req);
	sync_job(job);
}

static bool sending(enum sq_printq_stage s)
{
	return s == SQ_STAGE_SENDING;
}

static bool not_done(enum sq_printq_stage s)
{
	return s != SQ_STAGE_DONE;
}

enum sq_print_status sq_print_submit(struct sq_print_job *job,
				     const char *printer, const char *title,
				     const void *pdf, size_t len, int copies)
{
	memset(job, 0, sizeof *job);
	job->timeout = sq_print_timeout();
	job->printer = dup_or_null(printer);
	struct sq_printq_job *j = sq_xcalloc(1, sizeof *j);
	sq_printq_job_start(j, queue(), printer, title, pdf, len, copies);
	job->http = j;
	step_until(job, sending);
	return job->status;
}

enum sq_job_progress sq_print_poll(struct sq_print_job *job)
{
	struct sq_printq_job *j = engine(job);
	if (!j)
		return SQ_JOB_FAILED;
	enum sq_printq_stage s = sq_printq_job_step(j);
	sync_job(job);
	if (s != SQ_STAGE_DONE)
		return SQ_JOB_PENDING;
	return job->status == SQ_PRINT_OK	 ? SQ_JOB_COMPLETED
	       : job->status == SQ_PRINT_TIMEOUT ? SQ_JOB_TIMEOUT
						 : SQ_JOB_FAILED;
}

void sq_print_cancel(struct sq_print_job *job)
{
	struct sq_printq_job *j = engine(job);
	if (!j)
		return;
	sq_printq_job_cancel(j);
	step_until(job, not_done);
}

enum sq_print_status sq_print_wait(struct sq_print_job *job)
{
	if (engine(job))
		step_until(job, not_done);
	return job->status;
}

void sq_print_job_clear(struct sq_print_job *job)
{
	struct sq_printq_job *j = engine(job);
	if (j) {
		sq_printq_job_clear(j);
		free(j);
	}
	free(job->printer);
	free(job->detail);
	free(job->known);
	memset(job, 0, sizeof *job);
}

void sq_print_message(const struct sq_print_job *job, struct sq_buf *out)
{
	const struct sq_printq_job *j = engine(job);
	if (j && j->stage == SQ_STAGE_DONE) {
		sq_print_result_message(&j->res, SQ_READER_CLI, out);
		return;
	}
	struct sq_print_result r = {
		.status = job->status,
		.printer = job->printer,
		.id = job->id,
		.seconds = job->status == SQ_PRINT_TIMEOUT ? job->timeout
							    : sq_print_answer_timeout(),
		.server = last_server,
		.detail = job->detail,
		.known = job->known,
	};
	sq_print_result_message(&r, SQ_READER_CLI, out);
}
