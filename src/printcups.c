/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "printcups.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#if HAVE_PRINTING
#include <cups/cups.h>
#include <pthread.h>

/* cupsGetDests2 starts an Avahi client (DNS-SD), whose first use sets up
 * Avahi's and D-Bus's globals without a lock: two request threads listing
 * at once (one given up and still running) must not both be the first.
 * Nothing else is locked while this is held. */
static pthread_mutex_t dests_lock = PTHREAD_MUTEX_INITIALIZER;

static char *dup_or_null(const char *s)
{
	return s && *s ? sq_xstrdup(s) : NULL;
}

static void set_detail(struct sq_print_result *res, const char *s)
{
	free(res->detail);
	res->detail = dup_or_null(s);
}

static int on_timeout(http_t *http, void *data)
{
	struct sq_cups *c = data;
	(void)http;
	if (c->keep_waiting(c->ctx))
		return 1;
	c->gave_up = true;
	return 0;
}

static void heard(struct sq_cups *c)
{
	if (c->heard)
		c->heard(c->ctx);
}

/* The status of a call that failed: no answer, or what CUPS said. */
static enum sq_print_status failed(struct sq_cups *c, enum sq_print_status otherwise,
				   struct sq_print_result *res)
{
	if (c->gave_up)
		return res->status = SQ_PRINT_NO_ANSWER;
	/* cupsLastErrorString is stale after success, but this is a failure. */
	set_detail(res, cupsLastErrorString());
	return res->status = otherwise;
}

char *sq_cups_server(void)
{
	return sq_xstrdup(cupsServer());
}

bool sq_cups_connect(struct sq_cups *c, struct sq_print_result *res)
{
	const char *server = cupsServer();
	free(res->server);
	res->server = sq_xstrdup(server);
	/* The probe PRINTING.md recommends: with cupsd down or absent, libcups's
	 * own errors say "No such file or directory" or "printer does not
	 * exist"; a failed connection says what is really wrong. */
	http_t *http = httpConnect2(server, ippPort(), NULL, AF_UNSPEC, cupsEncryption(), 1,
				    c->connect_ms, NULL);
	if (!http) {
		res->status = SQ_PRINT_NO_SCHEDULER;
		return false;
	}
	httpSetTimeout(http, 0.25, on_timeout, c);
	c->http = http;
	heard(c);
	return true;
}

void sq_cups_close(struct sq_cups *c)
{
	if (c->http)
		httpClose(c->http);
	c->http = NULL;
}

static void fill_printer(struct sq_printer *p, const cups_dest_t *d)
{
	const char *v;
	p->name = sq_xstrdup(d->name);
	p->info = dup_or_null(cupsGetOption("printer-info", d->num_options, d->options));
	p->location = dup_or_null(
		cupsGetOption("printer-location", d->num_options, d->options));
	/* (printer-state-message is not among them: see state_message.) */
	v = cupsGetOption("printer-is-accepting-jobs", d->num_options, d->options);
	p->accepting = !v || strcmp(v, "false") != 0;
	v = cupsGetOption("printer-state", d->num_options, d->options);
	p->stopped = v && atoi(v) == IPP_PSTATE_STOPPED;
}

/* What the queue says of itself (cupsdisable -r, cupsreject -r, a
 * driver's "paper jam"): not among the attributes cupsGetDests2 asks for. */
static char *state_message(struct sq_cups *c, const char *name)
{
	char uri[HTTP_MAX_URI];
	httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost",
			 ippPort(), "/printers/%s", name);
	ipp_t *rq = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
	ippAddString(rq, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
	ippAddString(rq, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", NULL,
		     "printer-state-message");
	ipp_t *resp = cupsDoRequest(c->http, rq, "/");
	if (!resp)
		return NULL;
	heard(c);
	ipp_attribute_t *a = ippFindAttribute(resp, "printer-state-message", IPP_TAG_TEXT);
	char *msg = a ? dup_or_null(ippGetString(a, 0, NULL)) : NULL;
	ippDelete(resp);
	return msg;
}

enum sq_print_status sq_cups_list(struct sq_cups *c, struct sq_printer_list *out,
				  struct sq_print_result *res)
{
	memset(out, 0, sizeof *out);
	out->default_index = -1;
	cups_dest_t *dests = NULL;
	pthread_mutex_lock(&dests_lock);
	int n = cupsGetDests2(c->http, &dests);
	pthread_mutex_unlock(&dests_lock);
	/* Instances (queue/instance) are the same queue for our purpose. */
	out->v = sq_xcalloc(n > 0 ? (size_t)n : 1, sizeof *out->v);
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
	if (c->gave_up)
		return res->status = SQ_PRINT_NO_ANSWER;
	heard(c);
	/* Why a queue is in trouble, for the messages that say so. */
	for (size_t i = 0; i < out->n && !c->gave_up; i++)
		if (out->v[i].stopped || !out->v[i].accepting)
			out->v[i].state_message = state_message(c, out->v[i].name);
	return res->status = out->n ? SQ_PRINT_OK : SQ_PRINT_NO_PRINTERS;
}

/* Which queue of the list: the one asked for, else the default, else the
 * only one there is; -1 with the status saying why not. */
static long choose(const struct sq_printer_list *l, const char *printer,
		   struct sq_print_result *res)
{
	long i = printer ? sq_print_list_find(l, printer)
		 : l->default_index >= 0 ? l->default_index
		 : l->n == 1 ? 0 : -1;
	if (i < 0) {
		struct sq_buf known = {0};
		sq_print_list_names(l, &known);
		free(res->known);
		res->known = sq_xstrdup(sq_buf_str(&known));
		sq_buf_free(&known);
		res->status = printer ? SQ_PRINT_UNKNOWN_PRINTER : SQ_PRINT_NO_DEFAULT;
	}
	return i;
}

static bool send_document(struct sq_cups *c, const char *printer, int id, const char *title,
			  const void *pdf, size_t len)
{
	if (cupsStartDocument(c->http, printer, id, title, CUPS_FORMAT_PDF, 1) !=
	    HTTP_STATUS_CONTINUE)
		return false;
	/* In pieces, so that a slow link counts as heard from while it takes
	 * the sheet. */
	const char *p = pdf;
	while (len) {
		size_t n = len < 65536 ? len : 65536;
		if (cupsWriteRequestData(c->http, p, n) != HTTP_STATUS_CONTINUE)
			return false;
		heard(c);
		p += n;
		len -= n;
	}
	return true;
}

enum sq_print_status sq_cups_submit(struct sq_cups *c, const char *printer,
				    const char *title, const void *pdf, size_t len,
				    int copies, struct sq_printer_list *seen,
				    struct sq_print_result *res)
{
	free(res->printer);
	res->printer = printer ? sq_xstrdup(printer) : NULL;
	enum sq_print_status st = sq_cups_list(c, seen, res);
	if (st != SQ_PRINT_OK)
		return st;
	long i = choose(seen, printer, res);
	if (i < 0)
		return res->status;
	const struct sq_printer *p = &seen->v[i];
	if (!res->printer)
		res->printer = sq_xstrdup(p->name);
	if (!p->accepting) {
		set_detail(res, p->state_message);
		return res->status = SQ_PRINT_NOT_ACCEPTING;
	}

	char ncopies[16];
	snprintf(ncopies, sizeof ncopies, "%d", copies > 0 ? copies : 1);
	cups_option_t *options = NULL;
	int n_options = cupsAddOption("copies", ncopies, 0, &options);
	int id = cupsCreateJob(c->http, res->printer, title, n_options, options);
	cupsFreeOptions(n_options, options);
	if (id <= 0)
		return failed(c,
			      cupsLastError() == IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS
				      ? SQ_PRINT_NOT_ACCEPTING
				      : SQ_PRINT_SUBMIT_FAILED,
			      res);
	heard(c);
	res->id = id;
	bool sent = send_document(c, res->printer, id, title, pdf, len);
	if (!sent || cupsFinishDocument(c->http, res->printer) > IPP_STATUS_OK_EVENTS_COMPLETE) {
		st = failed(c, SQ_PRINT_SUBMIT_FAILED, res);
		if (!c->gave_up)
			cupsCancelJob2(c->http, res->printer, id, 0);
		/* No job to follow; the one made is cancelled, or never got its
		 * document (and CUPS drops it). */
		res->id = 0;
		return st;
	}
	heard(c);
	return res->status = SQ_PRINT_OK;
}

static int job_state(struct sq_cups *c, const char *printer, int id, bool *ok)
{
	cups_job_t *jobs = NULL;
	int n = cupsGetJobs2(c->http, &jobs, printer, 1, CUPS_WHICHJOBS_ALL);
	int state = SQ_JOB_STATE_UNKNOWN;
	for (int i = 0; i < n; i++)
		if (jobs[i].id == id)
			state = (int)jobs[i].state;
	cupsFreeJobs(n, jobs);
	*ok = n >= 0;
	return state;
}

enum sq_print_status sq_cups_job_state(struct sq_cups *c, const char *printer, int id,
				       int *state, struct sq_print_result *res)
{
	bool ok;
	*state = job_state(c, printer, id, &ok);
	if (!ok)
		return failed(c, SQ_PRINT_NO_SCHEDULER, res);
	heard(c);
	return res->status = SQ_PRINT_OK;
}

/* Why a queue holds a job: for the timeout message. */
static void describe_queue(struct sq_cups *c, const char *printer,
			   struct sq_print_result *res)
{
	struct sq_printer_list list;
	struct sq_print_result scratch = {0};
	if (sq_cups_list(c, &list, &scratch) == SQ_PRINT_OK) {
		long i = sq_print_list_find(&list, printer);
		if (i >= 0) {
			res->stopped = list.v[i].stopped;
			set_detail(res, list.v[i].state_message);
		}
	}
	sq_print_result_clear(&scratch);
	sq_print_list_free(&list);
}

enum sq_print_status sq_cups_cancel(struct sq_cups *c, const char *printer, int id,
				    bool describe, int *state,
				    struct sq_print_result *res)
{
	*state = SQ_JOB_STATE_UNKNOWN;
	if (describe)
		describe_queue(c, printer, res);
	if (c->gave_up)
		return res->status = SQ_PRINT_NO_ANSWER;
	ipp_status_t st = cupsCancelJob2(c->http, printer, id, 0);
	if (st <= IPP_STATUS_OK_EVENTS_COMPLETE) {
		heard(c);
		return res->status = SQ_PRINT_OK;
	}
	if (c->gave_up)
		return res->status = SQ_PRINT_NO_ANSWER;
	/* Refused: most often because the job is done already.  (CUPS's
	 * words are not kept: res->detail is the queue's, for the message.) */
	bool ok;
	*state = job_state(c, printer, id, &ok);
	return res->status = c->gave_up ? SQ_PRINT_NO_ANSWER : SQ_PRINT_SUBMIT_FAILED;
}

#else /* !HAVE_PRINTING */

char *sq_cups_server(void)
{
	return sq_xstrdup("");
}

bool sq_cups_connect(struct sq_cups *c, struct sq_print_result *res)
{
	res->status = SQ_PRINT_DISABLED;
	return false;
}

void sq_cups_close(struct sq_cups *c)
{
}

enum sq_print_status sq_cups_list(struct sq_cups *c, struct sq_printer_list *out,
				  struct sq_print_result *res)
{
	memset(out, 0, sizeof *out);
	out->default_index = -1;
	return res->status = SQ_PRINT_DISABLED;
}

enum sq_print_status sq_cups_submit(struct sq_cups *c, const char *printer,
				    const char *title, const void *pdf, size_t len,
				    int copies, struct sq_printer_list *seen,
				    struct sq_print_result *res)
{
	return res->status = SQ_PRINT_DISABLED;
}

enum sq_print_status sq_cups_job_state(struct sq_cups *c, const char *printer, int id,
				       int *state, struct sq_print_result *res)
{
	return res->status = SQ_PRINT_DISABLED;
}

enum sq_print_status sq_cups_cancel(struct sq_cups *c, const char *printer, int id,
				    bool describe, int *state,
				    struct sq_print_result *res)
{
	return res->status = SQ_PRINT_DISABLED;
}

#endif
