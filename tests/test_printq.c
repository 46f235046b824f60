/* SPDX-License-Identifier: MIT */
/* Requests to CUPS never block the caller: against a print service that
 * takes the connection and never answers, every call returns at once, the
 * descriptor wakes the caller, and each request ends as "no answer" after
 * the time set, with a whole sentence saying so in either language.  Then
 * every message of printing, in both languages, is made of whole sentences
 * with no punctuation doubled. */
#include <locale.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "config.h"
#include "i18n.h"
#include "print.h"
#include "printq.h"
#include "silent.h"
#include "util.h"

/* How long one call may take and still count as not blocking. */
#define QUICK 0.05

static double now(void)
{
	return sq_now();
}

/* Wait on the descriptor, as a main loop would, until r is answered;
 * every look is timed. */
static const struct sq_printq_answer *wait_answer(struct sq_printq *q,
						  struct sq_printq_req *r, double *took)
{
	double t0 = now(), slowest = 0;
	const struct sq_printq_answer *a;
	for (;;) {
		double t = now();
		a = sq_printq_answer(r);
		int due = sq_printq_due_ms(r);
		double d = now() - t;
		slowest = d > slowest ? d : slowest;
		if (a || now() - t0 > 10)
			break;
		struct pollfd p = {.fd = sq_printq_fd(q), .events = POLLIN};
		poll(&p, 1, due > 200 ? 200 : due);
		sq_printq_drain(q);
	}
	CHECK(slowest < QUICK);
	*took = now() - t0;
	return a;
}

static const char *message(const struct sq_print_result *r, struct sq_buf *b)
{
	sq_buf_reset(b);
	sq_print_result_message(r, SQ_READER_CLI, b);
	return sq_buf_str(b);
}

/* A list and a submit: each call returns at once, each request ends. */
static void test_silent_requests(struct sq_printq *q)
{
	struct sq_buf b = {0};

	/* Listing. */
	double t = now();
	struct sq_printq_req *r = sq_printq_list(q);
	CHECK(now() - t < QUICK);
	CHECK(sq_printq_answer(r) == NULL);
	double took;
	const struct sq_printq_answer *a = wait_answer(q, r, &took);
	CHECK(a != NULL);
	if (a) {
		CHECK_INT(a->res.status, SQ_PRINT_NO_ANSWER);
		CHECK_INT(a->res.seconds, 1);
		CHECK_STR(a->res.server, silent.path);
		CHECK_INT(a->printers.n, 0);
		struct sq_buf want = {0};
		sq_buf_addf(&want, "The CUPS print service at %s did not answer within 1 second.",
			    silent.path);
		CHECK_STR(message(&a->res, &b), sq_buf_str(&want));
		sq_buf_free(&want);
	}
	CHECK(took >= 0.9 && took < 2.5);
	CHECK(silent_connections() >= 1);
	sq_printq_release(r);

	/* Submitting a sheet: no job, the same clear end. */
	static const char pdf[] = "%PDF-1.4 not really";
	t = now();
	r = sq_printq_submit(q, NULL, "title", pdf, sizeof pdf, 1);
	CHECK(now() - t < QUICK);
	a = wait_answer(q, r, &took);
	CHECK(a && a->res.status == SQ_PRINT_NO_ANSWER && a->res.id == 0);
	CHECK(took < 2.5);
	sq_printq_release(r);
	sq_buf_free(&b);
}

/* A job followed in steps, as the dialog does: each step is quick, and it
 * ends; a job given up on while it is sent ends cancelled. */
static void test_silent_job(struct sq_printq *q)
{
	struct sq_buf b = {0};
	static const char pdf[] = "%PDF-1.4 not really";
	double t;
	struct sq_printq_job j;
	sq_printq_job_start(&j, q, "queue", "title", pdf, sizeof pdf, 2);
	double t0 = now(), slowest = 0;
	while (now() - t0 < 10) {
		t = now();
		enum sq_printq_stage st = sq_printq_job_step(&j);
		int due = sq_printq_job_due_ms(&j);
		slowest = now() - t > slowest ? now() - t : slowest;
		if (st == SQ_STAGE_DONE)
			break;
		struct pollfd p = {.fd = sq_printq_fd(q), .events = POLLIN};
		poll(&p, 1, due);
		sq_printq_drain(q);
	}
	CHECK(slowest < QUICK);
	CHECK_INT(j.stage, SQ_STAGE_DONE);
	CHECK_INT(j.res.status, SQ_PRINT_NO_ANSWER);
	CHECK_STR(j.res.printer, "queue");
	CHECK(now() - t0 < 2.5);
	sq_printq_job_clear(&j);

	/* The user gives up on a job being sent: it ends cancelled, no job. */
	sq_printq_job_start(&j, q, "queue", "title", pdf, sizeof pdf, 1);
	sq_printq_job_cancel(&j);
	sq_printq_job_run(&j);
	CHECK_INT(j.res.status, SQ_PRINT_CANCELLED);
	CHECK_INT(j.res.id, 0);
	CHECK_STR(message(&j.res, &b),
		  "Printing cancelled before the sheet reached printer 'queue'.");
	sq_printq_job_clear(&j);
	sq_buf_free(&b);
}

/* Many requests at once, released unanswered: none blocks, and once the
 * service goes away every thread ends. */
static void test_silent_many(struct sq_printq *q)
{
	double t = now(), t0;
	struct sq_printq_req *many[24];
	for (size_t i = 0; i < SQ_ARRAY_LEN(many); i++)
		many[i] = sq_printq_job(q, "queue", (int)i + 1);
	CHECK(now() - t < QUICK * 4);
	CHECK(sq_printq_threads(q) <= 16);
	/* Past the limit of threads, a request ends at once. */
	CHECK(sq_printq_answer(many[SQ_ARRAY_LEN(many) - 1]) != NULL);
	for (size_t i = 0; i < SQ_ARRAY_LEN(many); i++)
		sq_printq_release(many[i]);
	silent_stop();
	t0 = now();
	while (sq_printq_threads(q) > 0 && now() - t0 < 5) {
		struct timespec ts = {0, 20 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	CHECK_INT(sq_printq_threads(q), 0);
}

static void test_silent(void)
{
	struct sq_printq *q = sq_printq_new();
	test_silent_requests(q);
	test_silent_job(q);
	test_silent_many(q);
	sq_printq_free(q);
}

/* Nothing listens: the scheduler cannot be reached, said at once. */
static void test_refused(void)
{
	struct sq_buf b = {0};
	struct sq_printq *q = sq_printq_new();
	setenv("CUPS_SERVER", "/nonexistent/cups.sock", 1);
	double took;
	struct sq_printq_req *r = sq_printq_list(q);
	const struct sq_printq_answer *a = wait_answer(q, r, &took);
	CHECK(a && a->res.status == SQ_PRINT_NO_SCHEDULER);
	CHECK(took < 1);
	if (a)
		CHECK_STR(message(&a->res, &b), "Cannot reach the CUPS print service at "
						"/nonexistent/cups.sock: is cupsd running?");
	sq_printq_release(r);
	/* Freed before the last request is released: it stays valid. */
	r = sq_printq_list(q);
	sq_printq_free(q);
	CHECK(sq_printq_wait(r) != NULL);
	sq_printq_release(r);
	sq_buf_free(&b);
}

/* ---- every message, whole ---- */

static const char *const doubled[] = {
	"\u3002\uff1b", "\uff1f\uff1b", "\u3002\u3002", "\uff1f\u3002", "\uff1a\u3002",
	"\u3002.",      "..",           ". .",          "?.",           ":.",
	"\uff1b.",      "\u3002 ",      " \u3002",      "  ",
};

static void check_whole(const char *s, enum sq_lang lang, const char *what)
{
	size_t n = strlen(s);
	bool ok = n > 0;
	for (size_t i = 0; ok && i < SQ_ARRAY_LEN(doubled); i++)
		ok = !strstr(s, doubled[i]);
	if (ok && lang == SQ_EN)
		ok = s[n - 1] == '.' || s[n - 1] == '?' || (n >= 3 && !strcmp(s + n - 3, "\u2026"));
	if (ok && lang == SQ_ZH) {
		/* Translated, and ends as a Chinese sentence does. */
		ok = n >= 3 && (!strcmp(s + n - 3, "\u3002") || !strcmp(s + n - 3, "\uff1f") ||
				!strcmp(s + n - 3, "\u2026"));
		ok = ok && !strstr(s, "Job ") && !strstr(s, "Printer '") && !strstr(s, "The ");
	}
	check_count++;
	if (!ok) {
		check_failures++;
		fprintf(stderr, "%s (%s): not whole sentences: [%s]\n", what,
			lang == SQ_ZH ? "zh" : "en", s);
	}
}

static void test_sentences(void)
{
	struct sq_buf b = {0};
	for (int lang = SQ_ZH; lang <= SQ_EN; lang++) {
		sq_i18n_set_lang((enum sq_lang)lang);
		for (int st = SQ_PRINT_OK; st <= SQ_PRINT_CANCELLED; st++)
			for (int v = 0; v < 32; v++) {
				struct sq_print_result r = {
					.status = (enum sq_print_status)st,
					.printer = v & 1 ? "front-desk" : NULL,
					.id = v & 2 ? 12 : 0,
					.seconds = v & 4 ? 1 : 60,
					.server = v & 8 ? "/run/cups/cups.sock" : NULL,
					.detail = v & 16 ? "paper jam" : NULL,
					.known = v & 16 ? "a, b" : NULL,
					.stopped = v & 4,
					.unanswered = v & 8,
					.cancel = (enum sq_print_cancel)(v % 4),
				};
				for (int reader = SQ_READER_CLI; reader <= SQ_READER_SCREEN; reader++) {
					sq_buf_reset(&b);
					sq_print_result_message(&r, (enum sq_print_reader)reader, &b);
					char what[64];
					snprintf(what, sizeof what, "status %d variant %d", st, v);
					check_whole(sq_buf_str(&b), (enum sq_lang)lang, what);
				}
			}
		for (int w = SQ_SAVED_NO_DIR; w <= SQ_SAVED_FAILED; w++)
			for (int kiosk = 0; kiosk < 2; kiosk++) {
				struct sq_print_saved s = {.what = w, .path = "/srv/sheets",
							   .error = 2, .kiosk = kiosk};
				sq_buf_reset(&b);
				sq_print_saved_message(&s, &b);
				check_whole(sq_buf_str(&b), (enum sq_lang)lang, "saved");
				/* Kiosk staff cannot give options: they are told whom
				 * to ask and what to set. */
				if (w == SQ_SAVED_NO_DIR && kiosk) {
					CHECK(!strstr(b.data, "--save-dir"));
					CHECK(strstr(b.data, "save-dir"));
				}
			}
		/* Two sentences in a row: a space between them in English only. */
		struct sq_print_result r = {.status = SQ_PRINT_TIMEOUT, .printer = "p", .id = 3,
					    .seconds = 5, .cancel = SQ_CANCEL_DONE};
		sq_buf_reset(&b);
		sq_print_result_message(&r, SQ_READER_CLI, &b);
		if (lang == SQ_EN)
			CHECK_STR(b.data, "Job 3 on printer 'p' did not finish within 5 seconds. "
					  "The job was cancelled, so it will not print later.");
		else
			CHECK_STR(b.data, "任务 3（打印机“p”）未在 5 秒内完成。任务已取消，之后不会再打印。");
	}
	sq_buf_free(&b);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	sq_i18n_init();
	sq_i18n_set_lang(SQ_EN);
	setenv("SHEQU_CUPS_TIMEOUT", "1", 1);
	unsetenv("LPDEST");
	unsetenv("PRINTER");
	silent_start();
	setenv("CUPS_SERVER", silent.path, 1);
	setenv("HOME", silent.dir, 1); /* no ~/.cups of the user */
	if (HAVE_PRINTING) {
		test_silent();
		test_refused();
	} else {
		silent_stop();
	}
#if ENABLE_NLS
	test_sentences();
#endif
	return check_report("test_printq");
}
