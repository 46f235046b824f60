/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "print.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "paths.h"
#include "util.h"

#if !ENABLE_NLS
#define ngettext(one, many, n) ((n) == 1 ? (one) : (many))
#endif

static int env_seconds(const char *name, int fallback)
{
	const char *s = getenv(name);
	if (s && *s) {
		char *end;
		long v = strtol(s, &end, 10);
		if (!*end && v > 0 && v <= 24 * 3600)
			return (int)v;
	}
	return fallback;
}

int sq_print_timeout(void)
{
	return env_seconds("SHEQU_PRINT_TIMEOUT", 60);
}

int sq_print_answer_timeout(void)
{
	return env_seconds("SHEQU_CUPS_TIMEOUT", 10);
}

static char *dup_or_null(const char *s)
{
	return s ? sq_xstrdup(s) : NULL;
}

/* ---- printers ---- */

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

void sq_print_list_copy(struct sq_printer_list *dst, const struct sq_printer_list *src)
{
	dst->v = sq_xcalloc(src->n ? src->n : 1, sizeof *dst->v);
	dst->n = src->n;
	dst->default_index = src->default_index;
	for (size_t i = 0; i < src->n; i++) {
		dst->v[i] = src->v[i];
		dst->v[i].name = sq_xstrdup(src->v[i].name);
		dst->v[i].info = dup_or_null(src->v[i].info);
		dst->v[i].location = dup_or_null(src->v[i].location);
		dst->v[i].state_message = dup_or_null(src->v[i].state_message);
	}
}

long sq_print_list_find(const struct sq_printer_list *l, const char *name)
{
	for (size_t i = 0; name && i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return (long)i;
	return -1;
}

void sq_print_list_names(const struct sq_printer_list *l, struct sq_buf *out)
{
	/* Queue names are ASCII words: a comma reads right in both languages. */
	for (size_t i = 0; i < l->n; i++)
		sq_buf_addf(out, "%s%s", i ? ", " : "", l->v[i].name);
	sq_buf_str(out);
}

/* ---- results ---- */

void sq_print_result_clear(struct sq_print_result *r)
{
	free(r->printer);
	free(r->server);
	free(r->detail);
	free(r->known);
	memset(r, 0, sizeof *r);
}

void sq_print_result_copy(struct sq_print_result *dst, const struct sq_print_result *src)
{
	*dst = *src;
	dst->printer = dup_or_null(src->printer);
	dst->server = dup_or_null(src->server);
	dst->detail = dup_or_null(src->detail);
	dst->known = dup_or_null(src->known);
}

/* True when s ends in a full stop, question mark or the like of Chinese,
 * which carries its own space. */
static bool ends_wide(const struct sq_buf *b)
{
	static const char *const marks[] = {"\u3002", "\uff1f", "\uff01", "\uff09",
					    "\u201d", "\u2026"};
	for (size_t i = 0; i < SQ_ARRAY_LEN(marks); i++) {
		size_t n = strlen(marks[i]);
		if (b->len >= n && memcmp(b->data + b->len - n, marks[i], n) == 0)
			return true;
	}
	return false;
}

void sq_print_sentence(struct sq_buf *out, const char *sentence)
{
	if (!sentence || !*sentence)
		return;
	if (out->len && out->data[out->len - 1] != ' ' && out->data[out->len - 1] != '\n' &&
	    !ends_wide(out))
		sq_buf_adds(out, " ");
	sq_buf_adds(out, sentence);
	sq_buf_str(out);
}

void sq_print_sentencef(struct sq_buf *out, const char *fmt, ...)
{
	struct sq_buf s = {0};
	va_list ap;
	va_start(ap, fmt);
	sq_buf_vaddf(&s, fmt, ap);
	va_end(ap);
	sq_print_sentence(out, sq_buf_str(&s));
	sq_buf_free(&s);
}

static void timeout_message(const struct sq_print_result *r, const char *q,
			    struct sq_buf *out)
{
	int n = r->seconds;
	if (r->stopped && r->detail)
		sq_print_sentencef(out,
			  ngettext("Job %d on printer '%s' did not finish within %d second: "
				   "the printer is stopped (disabled) and says \"%s\".",
				   "Job %d on printer '%s' did not finish within %d seconds: "
				   "the printer is stopped (disabled) and says \"%s\".",
				   (unsigned long)n),
			  r->id, q, n, r->detail);
	else if (r->stopped)
		sq_print_sentencef(out,
			  ngettext("Job %d on printer '%s' did not finish within %d second: "
				   "the printer is stopped (disabled).",
				   "Job %d on printer '%s' did not finish within %d seconds: "
				   "the printer is stopped (disabled).",
				   (unsigned long)n),
			  r->id, q, n);
	else if (r->detail)
		sq_print_sentencef(out,
			  ngettext("Job %d on printer '%s' did not finish within %d second; "
				   "the printer says \"%s\".",
				   "Job %d on printer '%s' did not finish within %d seconds; "
				   "the printer says \"%s\".",
				   (unsigned long)n),
			  r->id, q, n, r->detail);
	else if (r->unanswered)
		sq_print_sentencef(out,
			  ngettext("Job %d on printer '%s' did not finish within %d second: "
				   "the print service stopped answering.",
				   "Job %d on printer '%s' did not finish within %d seconds: "
				   "the print service stopped answering.",
				   (unsigned long)n),
			  r->id, q, n);
	else
		sq_print_sentencef(out,
			  ngettext("Job %d on printer '%s' did not finish within %d second.",
				   "Job %d on printer '%s' did not finish within %d seconds.",
				   (unsigned long)n),
			  r->id, q, n);
}

/* What became of a job that was to be cancelled. */
static void cancel_message(const struct sq_print_result *r, struct sq_buf *out)
{
	if (r->cancel == SQ_CANCEL_DONE)
		sq_print_sentence(out, _("The job was cancelled, so it will not print later."));
	else if (r->cancel == SQ_CANCEL_FAILED)
		sq_print_sentence(out, _("It could not be cancelled and may still print later."));
}

static void cancelled_message(const struct sq_print_result *r, const char *q,
			      struct sq_buf *out)
{
	if (!r->id) {
		if (r->printer)
			sq_print_sentencef(out, _("Printing cancelled before the sheet reached printer '%s'."),
				  q);
		else
			sq_print_sentence(out, _("Printing cancelled before the sheet reached "
						 "the printer."));
	} else if (r->cancel == SQ_CANCEL_FAILED) {
		sq_print_sentencef(out, _("Job %d on printer '%s' could not be cancelled: it may "
				 "still print."),
			  r->id, q);
	} else {
		sq_print_sentencef(out, _("Printing cancelled: job %d on printer '%s' will not print."),
			  r->id, q);
	}
}

static void no_default_message(const struct sq_print_result *r,
			       enum sq_print_reader reader, struct sq_buf *out)
{
	if (reader == SQ_READER_SCREEN)
		sq_print_sentence(out, _("No default printer is set: choose a printer, then "
					 "press Enter."));
	else if (r->known && *r->known)
		sq_print_sentencef(out, _("No default printer is set: name one with --printer NAME. "
				 "Printers: %s."),
			  r->known);
	else
		sq_print_sentence(out, _("No default printer is set: name one with --printer "
					 "NAME."));
}

/* The scheduler could not be reached, did not answer, or has no queue. */
static void scheduler_message(const struct sq_print_result *r, struct sq_buf *out)
{
	int n = r->seconds;
	switch (r->status) {
	case SQ_PRINT_NO_SCHEDULER:
		if (r->server)
			sq_print_sentencef(out, _("Cannot reach the CUPS print service at %s: is cupsd "
					 "running?"),
				  r->server);
		else
			sq_print_sentence(out, _("Cannot reach the CUPS print service: is cupsd "
						 "running?"));
		break;
	case SQ_PRINT_NO_ANSWER:
		if (r->server)
			sq_print_sentencef(out,
				  ngettext("The CUPS print service at %s did not answer within "
					   "%d second.",
					   "The CUPS print service at %s did not answer within "
					   "%d seconds.",
					   (unsigned long)n),
				  r->server, n);
		else
			sq_print_sentencef(out,
				  ngettext("The CUPS print service did not answer within %d second.",
					   "The CUPS print service did not answer within %d seconds.",
					   (unsigned long)n),
				  n);
		break;
	default: /* SQ_PRINT_NO_PRINTERS */
		if (r->server)
			sq_print_sentencef(out, _("No printer is set up in CUPS (%s)."), r->server);
		else
			sq_print_sentence(out, _("No printer is set up in CUPS."));
		break;
	}
}

/* The queue: unknown, rejecting jobs, or refusing this one. */
static void queue_message(const struct sq_print_result *r, const char *q,
			  struct sq_buf *out)
{
	switch (r->status) {
	case SQ_PRINT_UNKNOWN_PRINTER:
		if (r->known && *r->known)
			sq_print_sentencef(out, _("There is no printer named '%s'. Printers: %s."), q,
				  r->known);
		else
			sq_print_sentencef(out, _("There is no printer named '%s'."), q);
		break;
	case SQ_PRINT_NOT_ACCEPTING:
		if (r->detail)
			sq_print_sentencef(out, _("Printer '%s' is not accepting jobs (%s)."), q, r->detail);
		else
			sq_print_sentencef(out, _("Printer '%s' is not accepting jobs."), q);
		break;
	default: /* SQ_PRINT_SUBMIT_FAILED */
		if (r->detail)
			sq_print_sentencef(out, _("Printer '%s' refused the job: %s."), q, r->detail);
		else
			sq_print_sentencef(out, _("Printer '%s' refused the job."), q);
		break;
	}
}

void sq_print_result_message(const struct sq_print_result *r,
			     enum sq_print_reader reader, struct sq_buf *out)
{
	const char *q = r->printer ? r->printer : "";
	switch (r->status) {
	case SQ_PRINT_OK:
		if (r->cancel == SQ_CANCEL_TOO_LATE)
			sq_print_sentencef(out, _("Too late to cancel: job %d on printer '%s' had "
					 "already printed."),
				  r->id, q);
		else
			sq_print_sentencef(out, _("Printed: job %d on printer '%s' is done."), r->id, q);
		break;
	case SQ_PRINT_DISABLED:
		sq_print_sentence(out, _("This shequ was built without printing."));
		break;
	case SQ_PRINT_NO_SCHEDULER:
	case SQ_PRINT_NO_ANSWER:
	case SQ_PRINT_NO_PRINTERS:
		scheduler_message(r, out);
		break;
	case SQ_PRINT_UNKNOWN_PRINTER:
	case SQ_PRINT_NOT_ACCEPTING:
	case SQ_PRINT_SUBMIT_FAILED:
		queue_message(r, q, out);
		break;
	case SQ_PRINT_NO_DEFAULT:
		no_default_message(r, reader, out);
		break;
	case SQ_PRINT_JOB_FAILED:
		sq_print_sentencef(out, _("Job %d on printer '%s' was stopped or cancelled before it "
				 "printed."),
			  r->id, q);
		if (r->cancel == SQ_CANCEL_FAILED)
			cancel_message(r, out);
		break;
	case SQ_PRINT_TIMEOUT:
		timeout_message(r, q, out);
		cancel_message(r, out);
		break;
	case SQ_PRINT_CANCELLED:
		cancelled_message(r, q, out);
		break;
	}
	sq_buf_str(out);
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

/* ---- saving ---- */

static bool write_file(int fd, const void *data, size_t len)
{
	const char *p = data;
	bool ok = true;
	while (ok && len) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		ok = w > 0;
		if (ok) {
			p += w;
			len -= (size_t)w;
		}
	}
	/* mkstemp makes it 0600; a saved sheet is for anyone at the kiosk to
	 * pick up. */
	ok = ok && fchmod(fd, 0644) == 0;
	ok = close(fd) == 0 && ok;
	return ok;
}

/* Save through a temporary file, then rename: a reader never sees half a
 * sheet.  On failure errno says why, and *dir_failed whether no file
 * could be made in dir at all. */
static bool save_file(const char *dir, const char *name, const void *data, size_t len,
		      struct sq_buf *final, bool *dir_failed)
{
	struct sq_buf tmp = {0};
	sq_buf_addf(final, "%s/%s", dir, name);
	sq_buf_addf(&tmp, "%s/.%s.XXXXXX", dir, name);
	int fd = mkstemp(tmp.data);
	bool ok = fd >= 0;
	*dir_failed = !ok;
	if (ok) {
		ok = write_file(fd, data, len) && rename(tmp.data, final->data) == 0;
		if (!ok) {
			int e = errno;
			unlink(tmp.data);
			errno = e;
		}
	}
	sq_buf_free(&tmp);
	return ok;
}

void sq_print_keep(const char *dir, const char *name, const void *pdf, size_t len,
		   bool kiosk, struct sq_print_saved *out)
{
	memset(out, 0, sizeof *out);
	out->kiosk = kiosk;
	if (!dir || !*dir) {
		out->what = SQ_SAVED_NO_DIR;
		return;
	}
	struct sq_buf final = {0};
	bool dir_failed;
	if (save_file(dir, name, pdf, len, &final, &dir_failed)) {
		out->what = SQ_SAVED_OK;
		out->path = sq_xstrdup(final.data);
	} else {
		out->what = SQ_SAVED_FAILED;
		/* The directory is what staff can check and fix. */
		out->error = errno;
		out->path = sq_xstrdup(dir);
	}
	sq_buf_free(&final);
}

void sq_print_saved_clear(struct sq_print_saved *s)
{
	free(s->path);
	memset(s, 0, sizeof *s);
}

void sq_print_saved_message(const struct sq_print_saved *s, struct sq_buf *out)
{
	switch (s->what) {
	case SQ_SAVED_NOT_TRIED:
		break;
	case SQ_SAVED_OK:
		sq_print_sentencef(out, _("The sheet was saved as %s."), s->path);
		break;
	case SQ_SAVED_FAILED:
		sq_print_sentencef(out, _("The sheet could not be saved in %s: %s."), s->path,
			  strerror(s->error));
		break;
	case SQ_SAVED_NO_DIR:
		if (s->kiosk)
			sq_print_sentencef(out, _("To have sheets saved as PDF files when printing "
					 "fails, ask whoever set up this kiosk to set save-dir "
					 "in %s."),
				  sq_settings_path());
		else
			sq_print_sentencef(out, _("To have the sheet saved as a PDF file when printing "
					 "fails, use --save-dir DIR, or set SHEQU_SAVE_DIR or "
					 "save-dir in %s."),
				  sq_settings_path());
		break;
	}
	sq_buf_str(out);
}
