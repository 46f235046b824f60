/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "print.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"

#if HAVE_PRINTING
#include <cups/cups.h>
#endif

int sq_print_timeout(void)
{
	const char *s = getenv("SHEQU_PRINT_TIMEOUT");
	if (s && *s) {
		char *end;
		long v = strtol(s, &end, 10);
		if (!*end && v > 0 && v <= 24 * 3600)
			return (int)v;
	}
	return 60;
}

void sq_print_list_free(struct sq_printer_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].info);
		free(l->v[i].location);
		free(l->v[i].state_message);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
	l->default_index = -1;
}

#if HAVE_PRINTING

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *dup_or_null(const char *s)
{
	return s && *s ? sq_xstrdup(s) : NULL;
}

static void set_detail(struct sq_print_job *job, const char *s)
{
	free(job->detail);
	job->detail = dup_or_null(s);
}

/* The probe PRINTING.md recommends: with cupsd down or absent, libcups's
 * own errors say "No such file or directory" or "printer does not exist";
 * a failed connection says what is really wrong. */
static http_t *connect_scheduler(void)
{
	return httpConnect2(cupsServer(), ippPort(), NULL, AF_UNSPEC,
			    cupsEncryption(), 1, 5000, NULL);
}

static void fill_printer(struct sq_printer *p, const cups_dest_t *d)
{
	const char *v;
	p->name = sq_xstrdup(d->name);
	p->info = dup_or_null(cupsGetOption("printer-info", d->num_options, d->options));
	p->location = dup_or_null(
		cupsGetOption("printer-location", d->num_options, d->options));
	p->state_message = dup_or_null(
		cupsGetOption("printer-state-message", d->num_options, d->options));
	v = cupsGetOption("printer-is-accepting-jobs", d->num_options, d->options);
	p->accepting = !v || strcmp(v, "false") != 0;
	v = cupsGetOption("printer-state", d->num_options, d->options);
	p->stopped = v && atoi(v) == IPP_PSTATE_STOPPED;
	p->is_default = d->is_default;
}

static enum sq_print_status list_on(http_t *http, struct sq_printer_list *out)
{
	cups_dest_t *dests = NULL;
	int n = cupsGetDests2(http, &dests);
	/* Instances (queue/instance) are the same queue for our purpose. */
	out->v = sq_xcalloc(n > 0 ? (size_t)n : 1, sizeof *out->v);
	out->n = 0;
	out->default_index = -1;
	cups_dest_t *def = n > 0 ? cupsGetDest(NULL, NULL, n, dests) : NULL;
	for (int i = 0; i < n; i++) {
		if (dests[i].instance)
			continue;
		struct sq_printer *p = &out->v[out->n];
		fill_printer(p, &dests[i]);
		p->is_default = def && strcmp(def->name, dests[i].name) == 0;
		if (p->is_default)
			out->default_index = (long)out->n;
		out->n++;
	}
	cupsFreeDests(n, dests);
	return out->n ? SQ_PRINT_OK : SQ_PRINT_NO_PRINTERS;
}

enum sq_print_status sq_print_list(struct sq_printer_list *out)
{
	memset(out, 0, sizeof *out);
	out->default_index = -1;
	http_t *http = connect_scheduler();
	if (!http)
		return SQ_PRINT_NO_SCHEDULER;
	enum sq_print_status st = list_on(http, out);
	httpClose(http);
	return st;
}

static enum sq_print_status fail(struct sq_print_job *job,
				 enum sq_print_status st, const char *detail)
{
	set_detail(job, detail);
	return job->status = st;
}

enum sq_print_status sq_print_submit(struct sq_print_job *job,
				     const char *printer, const char *title,
				     const void *pdf, size_t len, int copies)
{
	memset(job, 0, sizeof *job);
	job->timeout = sq_print_timeout();
	job->printer = printer ? sq_xstrdup(printer) : NULL;

	http_t *http = connect_scheduler();
	if (!http)
		return fail(job, SQ_PRINT_NO_SCHEDULER, cupsServer());
	job->http = http;

	struct sq_printer_list list;
	enum sq_print_status st = list_on(http, &list);
	if (st != SQ_PRINT_OK) {
		sq_print_list_free(&list);
		return fail(job, st, cupsServer());
	}
	/* An index, not a pointer: which queue, or none. */
	long chosen = -1;
	if (printer) {
		for (size_t i = 0; i < list.n && chosen < 0; i++)
			if (strcmp(list.v[i].name, printer) == 0)
				chosen = (long)i;
	} else if (list.default_index >= 0) {
		chosen = list.default_index;
	} else if (list.n == 1) {
		chosen = 0; /* the only queue there is */
	}
	if (chosen < 0) {
		struct sq_buf known = {0};
		for (size_t i = 0; i < list.n; i++)
			sq_buf_addf(&known, "%s%s", i ? ", " : "", list.v[i].name);
		job->known = sq_xstrdup(sq_buf_str(&known));
		sq_buf_free(&known);
		sq_print_list_free(&list);
		return fail(job,
			    printer ? SQ_PRINT_UNKNOWN_PRINTER : SQ_PRINT_NO_DEFAULT,
			    NULL);
	}
	const struct sq_printer *p = &list.v[chosen];
	if (!job->printer)
		job->printer = sq_xstrdup(p->name);
	if (!p->accepting) {
		st = fail(job, SQ_PRINT_NOT_ACCEPTING, p->state_message);
		sq_print_list_free(&list);
		return st;
	}
	sq_print_list_free(&list);

	char ncopies[16];
	snprintf(ncopies, sizeof ncopies, "%d", copies > 0 ? copies : 1);
	cups_option_t *options = NULL;
	int n_options = cupsAddOption("copies", ncopies, 0, &options);
	int id = cupsCreateJob(http, job->printer, title, n_options, options);
	cupsFreeOptions(n_options, options);
	if (id <= 0) {
		ipp_status_t e = cupsLastError();
		return fail(job,
			    e == IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS
				    ? SQ_PRINT_NOT_ACCEPTING
				    : SQ_PRINT_SUBMIT_FAILED,
			    cupsLastErrorString());
	}
	job->id = id;
	if (cupsStartDocument(http, job->printer, id, title, CUPS_FORMAT_PDF, 1) !=
		    HTTP_STATUS_CONTINUE ||
	    cupsWriteRequestData(http, pdf, len) != HTTP_STATUS_CONTINUE) {
		st = fail(job, SQ_PRINT_SUBMIT_FAILED, cupsLastErrorString());
		cupsFinishDocument(http, job->printer);
		cupsCancelJob2(http, job->printer, id, 0);
		return st;
	}
	if (cupsFinishDocument(http, job->printer) > IPP_STATUS_OK_EVENTS_COMPLETE) {
		st = fail(job, SQ_PRINT_SUBMIT_FAILED, cupsLastErrorString());
		cupsCancelJob2(http, job->printer, id, 0);
		return st;
	}
	job->job_state = IPP_JSTATE_PENDING;
	job->deadline = now() + job->timeout;
	return job->status = SQ_PRINT_OK;
}

/* Why a queue holds a job: for the timeout message. */
static void describe_queue(struct sq_print_job *job)
{
	struct sq_printer_list list;
	if (list_on(job->http, &list) == SQ_PRINT_OK) {
		for (size_t i = 0; i < list.n; i++) {
			const struct sq_printer *p = &list.v[i];
			if (strcmp(p->name, job->printer) != 0)
				continue;
			if (p->stopped) {
				struct sq_buf b = {0};
				sq_buf_adds(&b, _("the printer is stopped (disabled)"));
				if (p->state_message)
					sq_buf_addf(&b, ": %s", p->state_message);
				set_detail(job, sq_buf_str(&b));
				sq_buf_free(&b);
			} else if (p->state_message) {
				set_detail(job, p->state_message);
			}
		}
	}
	sq_print_list_free(&list);
}

enum sq_job_progress sq_print_poll(struct sq_print_job *job)
{
	if (job->status == SQ_PRINT_TIMEOUT)
		return SQ_JOB_TIMEOUT;
	if (job->status != SQ_PRINT_OK || !job->id)
		return SQ_JOB_FAILED;
	if (job->job_state == IPP_JSTATE_COMPLETED)
		return SQ_JOB_COMPLETED;
	double t = now();
	if (t - job->last_poll < 0.2 && t < job->deadline)
		return SQ_JOB_PENDING;
	job->last_poll = t;

	cups_job_t *jobs = NULL;
	int n = cupsGetJobs2(job->http, &jobs, job->printer, 1, CUPS_WHICHJOBS_ALL);
	if (n < 0) {
		/* Kept for the timeout message, unless the queue explains more. */
		struct sq_buf b = {0};
		sq_buf_addf(&b, _("the print service stopped answering (%s)"),
			    cupsLastErrorString());
		set_detail(job, sq_buf_str(&b));
		sq_buf_free(&b);
	}
	for (int i = 0; i < n; i++)
		if (jobs[i].id == job->id)
			job->job_state = jobs[i].state;
	cupsFreeJobs(n, jobs);

	switch (job->job_state) {
	case IPP_JSTATE_COMPLETED:
		return SQ_JOB_COMPLETED;
	case IPP_JSTATE_STOPPED:
	case IPP_JSTATE_CANCELED:
	case IPP_JSTATE_ABORTED:
		job->status = SQ_PRINT_JOB_FAILED;
		cupsCancelJob2(job->http, job->printer, job->id, 0);
		return SQ_JOB_FAILED;
	default:
		break;
	}
	if (t < job->deadline)
		return SQ_JOB_PENDING;
	/* Cancel it, so that a queue enabled later does not print a sheet the
	 * user has given up on (and maybe saved or printed elsewhere). */
	job->status = SQ_PRINT_TIMEOUT;
	describe_queue(job);
	cupsCancelJob2(job->http, job->printer, job->id, 0);
	return SQ_JOB_TIMEOUT;
}

void sq_print_cancel(struct sq_print_job *job)
{
	if (job->status != SQ_PRINT_OK || !job->id ||
	    job->job_state == IPP_JSTATE_COMPLETED)
		return;
	cupsCancelJob2(job->http, job->printer, job->id, 0);
	job->status = SQ_PRINT_JOB_FAILED;
}

enum sq_print_status sq_print_wait(struct sq_print_job *job)
{
	while (sq_print_poll(job) == SQ_JOB_PENDING) {
		struct timespec ts = {0, 50 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	return job->status;
}

void sq_print_job_clear(struct sq_print_job *job)
{
	if (job->http)
		httpClose(job->http);
	free(job->printer);
	free(job->detail);
	free(job->known);
	memset(job, 0, sizeof *job);
}

static const char *server_name(void)
{
	return cupsServer();
}

#else /* !HAVE_PRINTING */

enum sq_print_status sq_print_list(struct sq_printer_list *out)
{
	memset(out, 0, sizeof *out);
	out->default_index = -1;
	return SQ_PRINT_DISABLED;
}

enum sq_print_status sq_print_submit(struct sq_print_job *job,
				     const char *printer, const char *title,
				     const void *pdf, size_t len, int copies)
{
	memset(job, 0, sizeof *job);
	job->printer = printer ? sq_xstrdup(printer) : NULL;
	return job->status = SQ_PRINT_DISABLED;
}

enum sq_job_progress sq_print_poll(struct sq_print_job *job)
{
	return SQ_JOB_FAILED;
}

void sq_print_cancel(struct sq_print_job *job)
{
}

enum sq_print_status sq_print_wait(struct sq_print_job *job)
{
	return job->status;
}

void sq_print_job_clear(struct sq_print_job *job)
{
	free(job->printer);
	free(job->detail);
	free(job->known);
	memset(job, 0, sizeof *job);
}

static const char *server_name(void)
{
	return "";
}

#endif

void sq_print_message(const struct sq_print_job *job, struct sq_buf *out)
{
	const char *q = job->printer ? job->printer : "";
	switch (job->status) {
	case SQ_PRINT_OK:
		sq_buf_addf(out, _("Printed: job %d on printer '%s' is done."),
			    job->id, q);
		return;
	case SQ_PRINT_DISABLED:
		sq_buf_adds(out, _("This shequ was built without printing."));
		return;
	case SQ_PRINT_NO_SCHEDULER:
		sq_buf_addf(out,
			    _("Cannot reach the CUPS print service at %s: is cupsd "
			      "running?"),
			    job->detail ? job->detail : server_name());
		return;
	case SQ_PRINT_NO_PRINTERS:
		sq_buf_addf(out, _("No printer is set up in CUPS (%s)."),
			    job->detail ? job->detail : server_name());
		return;
	case SQ_PRINT_UNKNOWN_PRINTER:
		sq_buf_addf(out, _("There is no printer named '%s'."), q);
		if (job->known && *job->known)
			sq_buf_addf(out, _(" Printers: %s."), job->known);
		return;
	case SQ_PRINT_NO_DEFAULT:
		sq_buf_adds(out, _("No default printer is set: choose one "
				   "(--printer NAME)."));
		if (job->known && *job->known)
			sq_buf_addf(out, _(" Printers: %s."), job->known);
		return;
	case SQ_PRINT_NOT_ACCEPTING:
		/* Whole sentences, so that a translation can order them. */
		if (job->detail)
			sq_buf_addf(out, _("Printer '%s' is not accepting jobs (%s)."),
				    q, job->detail);
		else
			sq_buf_addf(out, _("Printer '%s' is not accepting jobs."), q);
		return;
	case SQ_PRINT_SUBMIT_FAILED:
		sq_buf_addf(out, _("Printer '%s' refused the job: %s."), q,
			    job->detail ? job->detail : "?");
		return;
	case SQ_PRINT_JOB_FAILED:
		sq_buf_addf(out,
			    _("Job %d on printer '%s' was stopped or cancelled "
			      "before it printed."),
			    job->id, q);
		return;
	case SQ_PRINT_TIMEOUT:
		if (job->detail)
			sq_buf_addf(out,
				    _("Job %d on printer '%s' did not finish within "
				      "%d seconds: %s. The job was cancelled."),
				    job->id, q, job->timeout, job->detail);
		else
			sq_buf_addf(out,
				    _("Job %d on printer '%s' did not finish within "
				      "%d seconds. The job was cancelled."),
				    job->id, q, job->timeout);
		return;
	}
}

int sq_print_exit_status(enum sq_print_status st)
{
	switch (st) {
	case SQ_PRINT_OK:
		return 0;
	case SQ_PRINT_DISABLED:
	case SQ_PRINT_UNKNOWN_PRINTER:
	case SQ_PRINT_NO_DEFAULT:
		return 2;
	default:
		return 1;
	}
}

bool sq_print_save(const char *dir, const char *name, const void *data,
		   size_t len, struct sq_buf *path, struct sq_buf *err)
{
	struct sq_buf final = {0}, tmp = {0};
	sq_buf_addf(&final, "%s/%s", dir, name);
	sq_buf_addf(&tmp, "%s/.%s.XXXXXX", dir, name);
	int fd = mkstemp(tmp.data);
	bool ok = fd >= 0;
	const char *what = sq_buf_str(&final);
	if (ok) {
		const char *p = data;
		size_t left = len;
		while (ok && left) {
			ssize_t w = write(fd, p, left);
			if (w < 0 && errno == EINTR)
				continue;
			ok = w > 0;
			if (ok) {
				p += w;
				left -= (size_t)w;
			}
		}
		/* mkstemp makes it 0600; a saved sheet is for anyone at the
		 * kiosk to pick up. */
		ok = ok && fchmod(fd, 0644) == 0;
		ok = close(fd) == 0 && ok;
		ok = ok && rename(tmp.data, final.data) == 0;
		if (!ok) {
			int e = errno;
			unlink(tmp.data);
			errno = e;
		}
	} else {
		what = dir;
	}
	if (ok)
		sq_buf_adds(path, final.data);
	else
		sq_buf_addf(err, "%s: %s", what, strerror(errno));
	sq_buf_free(&final);
	sq_buf_free(&tmp);
	return ok;
}
