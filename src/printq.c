/* SPDX-License-Identifier: MIT */
/* Request threads, detached: each serves one request at a time, from its
 * first libcups call to its last, then waits a while for another.  A
 * request goes to a thread waiting idle, else to a new one; so a request
 * that CUPS never answers holds its own thread and nothing else, and
 * threads are not made afresh for every look at a job (which costs, and
 * which AddressSanitizer never gives back).
 *
 * One mutex per queue guards every field that both sides touch (marked
 * below); what a request asks for is written before it is handed to a
 * thread (under the mutex, or before pthread_create) and only read after.
 * The answer is written once, under the mutex, by whichever side decides
 * first: the thread with what it heard, or the caller's clock with "no
 * answer"; the caller reads it only after seeing it decided, and nobody
 * writes it again. */
#include "config.h"

#include "printq.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "printcups.h"
#include "util.h"

/* More threads than this means CUPS has not answered the last several
 * requests: a new one fails at once rather than add to them. */
#define MAX_THREADS 16
/* Threads kept waiting for work beyond this many end. */
#define MAX_IDLE 2
/* How often a queued job is looked at. */
#define POLL_SECONDS 0.5
/* The thread gets this long past the limit to say "no answer" itself
 * (with the server's name) before the caller's clock says it. */
#define GRACE_SECONDS 0.5

enum req_kind { REQ_LIST, REQ_SUBMIT, REQ_JOB, REQ_CANCEL };

struct sq_printq {
	pthread_mutex_t mu;
	pthread_cond_t work; /* a request for an idle thread, or closing */
	int wake[2];         /* a byte is written to wake[1] per answer */
	/* Under mu: */
	int refs;            /* the owner's, one per request not freed, one
			      * per thread */
	int threads;         /* request threads running, idle ones too */
	int idle;            /* idle threads no request has been given to */
	bool closing;        /* the owner let go: idle threads end */
	struct sq_printq_req *todo, *todo_tail; /* given to idle threads */
};

struct sq_printq_req {
	struct sq_printq *q;
	/* What is asked: set before the thread starts, then read-only. */
	enum req_kind kind;
	char *printer, *title;
	void *pdf;
	size_t len;
	int copies, id;
	bool describe;
	double limit; /* seconds without a word from CUPS before giving up */
	/* Under q->mu: */
	int refs;     /* the caller's and the thread's */
	bool decided; /* ans is final (answered, given up or released) */
	double heard; /* when CUPS last said something (or the request began) */
	char *server; /* the scheduler, once the thread knows it */
	struct sq_printq_answer ans;
	struct sq_printq_req *next; /* in q->todo */
};

static char *dup_or_null(const char *s)
{
	return s ? sq_xstrdup(s) : NULL;
}

static int ms_until(double t)
{
	double ms = (t - sq_now()) * 1000.0;
	return ms <= 0 ? 0 : ms > 3600e3 ? 3600000 : (int)ms + 1;
}

/* ---- the queue ---- */

struct sq_printq *sq_printq_new(void)
{
	struct sq_printq *q = sq_xcalloc(1, sizeof *q);
	if (pipe2(q->wake, O_NONBLOCK | O_CLOEXEC) != 0)
		sq_die("pipe: %s", strerror(errno));
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->work, NULL);
	q->refs = 1;
	return q;
}

static void q_unref(struct sq_printq *q)
{
	pthread_mutex_lock(&q->mu);
	bool last = --q->refs == 0;
	pthread_mutex_unlock(&q->mu);
	if (!last)
		return;
	close(q->wake[0]);
	close(q->wake[1]);
	pthread_cond_destroy(&q->work);
	pthread_mutex_destroy(&q->mu);
	free(q);
}

void sq_printq_free(struct sq_printq *q)
{
	if (!q)
		return;
	pthread_mutex_lock(&q->mu);
	q->closing = true;
	pthread_cond_broadcast(&q->work);
	pthread_mutex_unlock(&q->mu);
	q_unref(q);
}

int sq_printq_fd(const struct sq_printq *q)
{
	return q->wake[0];
}

void sq_printq_drain(struct sq_printq *q)
{
	char buf[64];
	while (read(q->wake[0], buf, sizeof buf) > 0)
		;
}

static void wake(struct sq_printq *q)
{
	/* Full means readable already: nothing lost. */
	ssize_t n = write(q->wake[1], "", 1);
	(void)n;
}

int sq_printq_threads(struct sq_printq *q)
{
	pthread_mutex_lock(&q->mu);
	int n = q->threads - q->idle;
	pthread_mutex_unlock(&q->mu);
	return n;
}

/* ---- requests ---- */

static void answer_free(struct sq_printq_answer *a)
{
	sq_print_result_clear(&a->res);
	sq_print_list_free(&a->printers);
}

static void answer_init(struct sq_printq_answer *a)
{
	memset(a, 0, sizeof *a);
	a->printers.default_index = -1;
}

static void req_unref(struct sq_printq_req *r)
{
	struct sq_printq *q = r->q;
	pthread_mutex_lock(&q->mu);
	bool last = --r->refs == 0;
	pthread_mutex_unlock(&q->mu);
	if (!last)
		return;
	free(r->printer);
	free(r->title);
	free(r->pdf);
	free(r->server);
	answer_free(&r->ans);
	free(r);
	q_unref(q);
}

/* The answer when CUPS said nothing in time.  Under q->mu. */
static void give_up_locked(struct sq_printq_req *r, enum sq_print_status st)
{
	answer_free(&r->ans);
	answer_init(&r->ans);
	r->ans.res.status = st;
	r->ans.res.seconds = (int)r->limit;
	r->ans.res.server = dup_or_null(r->server);
	r->ans.res.printer = dup_or_null(r->printer);
	r->ans.res.id = r->kind == REQ_SUBMIT ? 0 : r->id;
	r->decided = true;
}

/* Called by libcups (through printcups.c) on the request's thread while it
 * waits. */
static bool keep_waiting(void *ctx)
{
	struct sq_printq_req *r = ctx;
	pthread_mutex_lock(&r->q->mu);
	bool keep = !r->decided && sq_now() - r->heard < r->limit;
	pthread_mutex_unlock(&r->q->mu);
	return keep;
}

static void heard(void *ctx)
{
	struct sq_printq_req *r = ctx;
	pthread_mutex_lock(&r->q->mu);
	r->heard = sq_now();
	pthread_mutex_unlock(&r->q->mu);
}

static void serve(struct sq_printq_req *r, struct sq_cups *c, struct sq_printq_answer *a)
{
	switch (r->kind) {
	case REQ_LIST:
		sq_cups_list(c, &a->printers, &a->res);
		break;
	case REQ_SUBMIT:
		sq_cups_submit(c, r->printer, r->title, r->pdf, r->len, r->copies,
			       &a->printers, &a->res);
		break;
	case REQ_JOB:
		sq_cups_job_state(c, r->printer, r->id, &a->job_state, &a->res);
		break;
	case REQ_CANCEL:
		sq_cups_cancel(c, r->printer, r->id, r->describe, &a->job_state, &a->res);
		break;
	}
	if (r->kind != REQ_SUBMIT) {
		a->res.id = r->id;
		if (!a->res.printer)
			a->res.printer = dup_or_null(r->printer);
	}
}

struct orphan {
	double until;
};

static bool orphan_keep_waiting(void *ctx)
{
	const struct orphan *o = ctx;
	return sq_now() < o->until;
}

/* A job made for a request given up: the caller said there is none, so
 * it must not print. */
static void cancel_orphan(const struct sq_printq_req *r, const char *printer, int id)
{
	struct orphan o = {sq_now() + r->limit};
	struct sq_cups c = {.keep_waiting = orphan_keep_waiting, .ctx = &o,
			    .connect_ms = (int)(r->limit * 1000)};
	struct sq_print_result res = {0};
	int state;
	if (sq_cups_connect(&c, &res))
		sq_cups_cancel(&c, printer, id, false, &state, &res);
	sq_cups_close(&c);
	sq_print_result_clear(&res);
}

/* Count the thread among the idle ones, unless enough wait already or the
 * queue is closing; under q->mu.  True when it stays. */
static bool stay_locked(struct sq_printq *q)
{
	bool stay = !q->closing && q->idle < MAX_IDLE;
	if (stay)
		q->idle++;
	return stay;
}

/* Serve r: connect, ask, hang up, hand in the answer.  True when the
 * thread is to wait for another request. */
static bool serve_one(struct sq_printq_req *r)
{
	struct sq_printq *q = r->q;
	struct sq_printq_answer a;
	answer_init(&a);
	char *server = sq_cups_server();
	pthread_mutex_lock(&q->mu);
	r->server = server;
	pthread_mutex_unlock(&q->mu);

	struct sq_cups c = {.keep_waiting = keep_waiting, .heard = heard, .ctx = r,
			    .connect_ms = (int)(r->limit * 1000)};
	if (sq_cups_connect(&c, &a.res))
		serve(r, &c, &a);
	sq_cups_close(&c);
	if (a.res.status == SQ_PRINT_NO_ANSWER)
		a.res.seconds = (int)r->limit;

	/* Idle from the moment the answer is in, so that the caller's next
	 * request, made as soon as it sees this one answered, comes here
	 * rather than to a new thread. */
	pthread_mutex_lock(&q->mu);
	bool kept = !r->decided, stay = false;
	if (kept) {
		r->ans = a;
		r->decided = true;
		stay = stay_locked(q);
	}
	pthread_mutex_unlock(&q->mu);
	if (!kept) {
		if (r->kind == REQ_SUBMIT && a.res.status == SQ_PRINT_OK && a.res.id)
			cancel_orphan(r, a.res.printer, a.res.id);
		answer_free(&a);
		pthread_mutex_lock(&q->mu);
		stay = stay_locked(q);
		pthread_mutex_unlock(&q->mu);
	}
	wake(q);
	req_unref(r);
	return stay;
}

static void *run(void *arg)
{
	struct sq_printq_req *r = arg;
	struct sq_printq *q = r->q;
	for (;;) {
		bool stay = serve_one(r);
		pthread_mutex_lock(&q->mu);
		if (!stay)
			break;
		while (!q->todo && !q->closing)
			pthread_cond_wait(&q->work, &q->mu);
		r = q->todo;
		if (!r) {
			q->idle--; /* closing */
			break;
		}
		/* The one who queued it counted this thread as taken. */
		q->todo = r->next;
		if (!q->todo)
			q->todo_tail = NULL;
		pthread_mutex_unlock(&q->mu);
	}
	q->threads--;
	pthread_mutex_unlock(&q->mu);
	q_unref(q);
	return NULL;
}

/* Start r's thread, with every signal blocked in it: signals are the main
 * loop's business, and a SIGPIPE from a dead connection must not kill the
 * program. */
static bool spawn(struct sq_printq_req *r)
{
	pthread_attr_t attr;
	pthread_t tid;
	sigset_t all, old;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int err = pthread_create(&tid, &attr, run, r);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	return err == 0;
}

static struct sq_printq_req *start(struct sq_printq *q, struct sq_printq_req *r)
{
	r->q = q;
	r->limit = sq_print_answer_timeout();
	r->heard = sq_now();
	answer_init(&r->ans);
	pthread_mutex_lock(&q->mu);
	q->refs++;
	r->refs = 2; /* the caller's and the serving thread's */
	if (HAVE_PRINTING && q->idle > 0) {
		q->idle--;
		if (q->todo_tail)
			q->todo_tail->next = r;
		else
			q->todo = r;
		q->todo_tail = r;
		pthread_cond_signal(&q->work);
		pthread_mutex_unlock(&q->mu);
		return r;
	}
	bool room = HAVE_PRINTING && q->threads < MAX_THREADS;
	if (room) {
		q->threads++;
		q->refs++; /* the thread's */
	}
	pthread_mutex_unlock(&q->mu);
	if (room && spawn(r))
		return r;
	pthread_mutex_lock(&q->mu);
	if (room) {
		q->threads--;
		q->refs--;
	}
	r->refs = 1;
	give_up_locked(r, HAVE_PRINTING ? SQ_PRINT_NO_ANSWER : SQ_PRINT_DISABLED);
	pthread_mutex_unlock(&q->mu);
	wake(q);
	return r;
}

static struct sq_printq_req *new_req(enum req_kind kind, const char *printer, int id)
{
	struct sq_printq_req *r = sq_xcalloc(1, sizeof *r);
	r->kind = kind;
	r->printer = dup_or_null(printer);
	r->id = id;
	return r;
}

struct sq_printq_req *sq_printq_list(struct sq_printq *q)
{
	return start(q, new_req(REQ_LIST, NULL, 0));
}

struct sq_printq_req *sq_printq_submit(struct sq_printq *q, const char *printer,
				       const char *title, const void *pdf,
				       size_t len, int copies)
{
	struct sq_printq_req *r = new_req(REQ_SUBMIT, printer, 0);
	r->title = sq_xstrdup(title ? title : "shequ");
	r->pdf = sq_xmalloc(len ? len : 1);
	if (len)
		memcpy(r->pdf, pdf, len);
	r->len = len;
	r->copies = copies;
	return start(q, r);
}

struct sq_printq_req *sq_printq_job(struct sq_printq *q, const char *printer, int id)
{
	return start(q, new_req(REQ_JOB, printer, id));
}

struct sq_printq_req *sq_printq_cancel(struct sq_printq *q, const char *printer, int id,
				       bool describe)
{
	struct sq_printq_req *r = new_req(REQ_CANCEL, printer, id);
	r->describe = describe;
	return start(q, r);
}

const struct sq_printq_answer *sq_printq_answer(struct sq_printq_req *r)
{
	pthread_mutex_lock(&r->q->mu);
	if (!r->decided && sq_now() - r->heard >= r->limit + GRACE_SECONDS)
		give_up_locked(r, SQ_PRINT_NO_ANSWER);
	bool decided = r->decided;
	pthread_mutex_unlock(&r->q->mu);
	return decided ? &r->ans : NULL;
}

int sq_printq_due_ms(struct sq_printq_req *r)
{
	pthread_mutex_lock(&r->q->mu);
	double due = r->decided ? 0 : r->heard + r->limit + GRACE_SECONDS;
	pthread_mutex_unlock(&r->q->mu);
	return due ? ms_until(due) : 0;
}

static void sleep_on(struct sq_printq *q, int ms)
{
	struct pollfd p = {.fd = q->wake[0], .events = POLLIN};
	if (ms != 0 && poll(&p, 1, ms) > 0)
		sq_printq_drain(q);
}

const struct sq_printq_answer *sq_printq_wait(struct sq_printq_req *r)
{
	const struct sq_printq_answer *a;
	while (!(a = sq_printq_answer(r)))
		sleep_on(r->q, sq_printq_due_ms(r));
	return a;
}

void sq_printq_release(struct sq_printq_req *r)
{
	if (!r)
		return;
	pthread_mutex_lock(&r->q->mu);
	r->decided = true; /* the thread's answer, if any comes, is dropped */
	pthread_mutex_unlock(&r->q->mu);
	req_unref(r);
}

/* ---- a print job ---- */

void sq_printq_job_start(struct sq_printq_job *j, struct sq_printq *q,
			 const char *printer, const char *title, const void *pdf,
			 size_t len, int copies)
{
	memset(j, 0, sizeof *j);
	j->q = q;
	j->printers.default_index = -1;
	j->res.printer = dup_or_null(printer);
	j->timeout = sq_print_timeout();
	j->started = sq_now();
	j->stage = SQ_STAGE_SENDING;
	j->req = sq_printq_submit(q, printer, title, pdf, len, copies);
}

static void drop_req(struct sq_printq_job *j)
{
	sq_printq_release(j->req);
	j->req = NULL;
}

static void start_cancel(struct sq_printq_job *j, enum sq_print_status ending, bool describe)
{
	drop_req(j);
	j->ending = ending;
	j->req = sq_printq_cancel(j->q, j->res.printer, j->res.id, describe);
	j->stage = SQ_STAGE_CANCELLING;
}

static void took_submit(struct sq_printq_job *j, const struct sq_printq_answer *a, double t)
{
	if (a->printers.n) {
		sq_print_list_free(&j->printers);
		sq_print_list_copy(&j->printers, &a->printers);
	}
	if (a->res.status == SQ_PRINT_OK) {
		free(j->res.printer);
		j->res.printer = dup_or_null(a->res.printer);
		j->res.id = a->res.id;
		drop_req(j);
		j->stage = SQ_STAGE_QUEUED;
		j->queued = t;
		j->next_poll = t + POLL_SECONDS / 2;
		if (j->cancel_wanted)
			start_cancel(j, SQ_PRINT_CANCELLED, false);
		return;
	}
	char *asked = j->res.printer;
	j->res.printer = NULL;
	sq_print_result_clear(&j->res);
	sq_print_result_copy(&j->res, &a->res);
	if (!j->res.printer) {
		j->res.printer = asked;
		asked = NULL;
	}
	free(asked);
	drop_req(j);
	if (j->cancel_wanted) {
		/* No job was made (one made late is cancelled by its thread). */
		j->res.status = SQ_PRINT_CANCELLED;
		j->res.id = 0;
	}
	j->stage = SQ_STAGE_DONE;
}

static void took_state(struct sq_printq_job *j, const struct sq_printq_answer *a, double t)
{
	bool answered = a->res.status == SQ_PRINT_OK;
	int state = answered ? a->job_state : SQ_JOB_STATE_UNKNOWN;
	j->unanswered = !answered;
	drop_req(j);
	switch (state) {
	case SQ_JOB_STATE_COMPLETED:
		j->res.status = SQ_PRINT_OK;
		j->stage = SQ_STAGE_DONE;
		break;
	case SQ_JOB_STATE_STOPPED:
		/* Held by CUPS: cancel it, or it prints whenever someone
		 * restarts the queue. */
		start_cancel(j, SQ_PRINT_JOB_FAILED, false);
		break;
	case SQ_JOB_STATE_CANCELED:
	case SQ_JOB_STATE_ABORTED:
		j->res.status = SQ_PRINT_JOB_FAILED;
		j->stage = SQ_STAGE_DONE;
		break;
	default:
		j->next_poll = t + POLL_SECONDS;
		break;
	}
}

static void took_cancel(struct sq_printq_job *j, const struct sq_printq_answer *a)
{
	struct sq_print_result *r = &j->res;
	r->status = j->ending;
	if (j->ending == SQ_PRINT_TIMEOUT) {
		r->seconds = j->timeout;
		r->stopped = a->res.stopped;
		free(r->detail);
		r->detail = dup_or_null(a->res.detail);
		r->unanswered = j->unanswered && !r->stopped && !r->detail;
	}
	if (a->res.status == SQ_PRINT_OK) {
		r->cancel = SQ_CANCEL_DONE;
	} else if (a->job_state == SQ_JOB_STATE_COMPLETED) {
		/* It printed before the cancel reached it. */
		r->status = SQ_PRINT_OK;
		r->cancel = j->ending == SQ_PRINT_CANCELLED ? SQ_CANCEL_TOO_LATE : SQ_CANCEL_NONE;
	} else {
		r->cancel = SQ_CANCEL_FAILED;
	}
	drop_req(j);
	j->stage = SQ_STAGE_DONE;
}

enum sq_printq_stage sq_printq_job_step(struct sq_printq_job *j)
{
	double t = sq_now();
	const struct sq_printq_answer *a = j->req ? sq_printq_answer(j->req) : NULL;
	switch (j->stage) {
	case SQ_STAGE_SENDING:
		if (a)
			took_submit(j, a, t);
		break;
	case SQ_STAGE_QUEUED:
		if (a)
			took_state(j, a, t);
		if (j->stage != SQ_STAGE_QUEUED || j->req)
			break;
		if (t >= j->queued + j->timeout)
			/* Cancel it, so that a queue enabled later does not
			 * print a sheet the user has given up on (and maybe
			 * saved or printed elsewhere). */
			start_cancel(j, SQ_PRINT_TIMEOUT, true);
		else if (t >= j->next_poll)
			j->req = sq_printq_job(j->q, j->res.printer, j->res.id);
		break;
	case SQ_STAGE_CANCELLING:
		if (a)
			took_cancel(j, a);
		break;
	case SQ_STAGE_DONE:
		break;
	}
	return j->stage;
}

int sq_printq_job_due_ms(const struct sq_printq_job *j)
{
	if (j->stage == SQ_STAGE_DONE)
		return -1;
	if (j->req)
		return sq_printq_due_ms(j->req);
	double next = j->next_poll < j->queued + j->timeout ? j->next_poll
							    : j->queued + j->timeout;
	return ms_until(next);
}

void sq_printq_job_run(struct sq_printq_job *j)
{
	while (sq_printq_job_step(j) != SQ_STAGE_DONE)
		sleep_on(j->q, sq_printq_job_due_ms(j));
}

void sq_printq_job_cancel(struct sq_printq_job *j)
{
	if (j->stage == SQ_STAGE_SENDING)
		j->cancel_wanted = true;
	else if (j->stage == SQ_STAGE_QUEUED)
		start_cancel(j, SQ_PRINT_CANCELLED, false);
}

void sq_printq_job_clear(struct sq_printq_job *j)
{
	drop_req(j);
	sq_print_result_clear(&j->res);
	sq_print_list_free(&j->printers);
	memset(j, 0, sizeof *j);
}
