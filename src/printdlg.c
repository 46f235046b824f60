/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "printdlg.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "pdf.h"
#include "printq.h"
#include "paths.h"
#include "util.h"

struct sq_printdlg_session {
	struct sq_printq *q; /* made with the first dialog */
	char *printer;       /* the queue chosen last, or NULL */
};

/* What the message says, as its cause; sentences come at drawing time. */
enum cause {
	MSG_HINT,            /* how to use the dialog */
	MSG_ASKING,          /* LISTING */
	MSG_CHOOSE,          /* queues, none chosen */
	MSG_CONFIGURED_GONE, /* res: the queue configured is not there; detail: the one chosen */
	MSG_LIST_FAILED,     /* res: why there is no list */
	MSG_SENDING,
	MSG_PRINTING,
	MSG_CANCELLING,
	MSG_FAILED,          /* res, saved */
	MSG_FINISHED,        /* res */
	MSG_SAVED,           /* saved (s) */
	MSG_NO_SAVE_DIR,     /* s without a save directory */
	MSG_PDF_FAILED,      /* detail: why */
};

struct msg {
	enum cause cause;
	struct sq_print_result res;
	struct sq_print_saved saved;
	char *detail;
};

/* A sheet and its PDF in one language, made when first needed. */
struct slot {
	struct sq_sheet *sheet;
	struct sq_buf pdf;
};

struct sq_printdlg {
	struct sq_printdlg_session *s;
	const struct sq_model *m;
	uint32_t comm;
	const struct sq_options *opt;
	enum sq_pd_state state;
	enum sq_pd_field focus;
	enum sq_sheet_lang lang;
	int copies;
	struct sq_printer_list printers;
	bool have_list;                  /* CUPS listed its queues */
	enum sq_print_status list_status;
	long chosen;                     /* index into printers, -1: none */
	struct sq_printq_req *listing;   /* LISTING */
	struct sq_printq_job job;        /* SENDING .. CANCELLING */
	bool job_live;
	enum sq_sheet_lang job_lang;     /* the sheet the job prints */
	struct slot slots[SQ_SHEET_BOTH + 1];
	struct msg msg;
	double since;                    /* when the present wait began */
	int shown_secs;                  /* the seconds counted at the last tick */
};

/* ---- the session ---- */

struct sq_printdlg_session *sq_printdlg_session_new(void)
{
	return sq_xcalloc(1, sizeof(struct sq_printdlg_session));
}

void sq_printdlg_session_free(struct sq_printdlg_session *s)
{
	if (!s)
		return;
	sq_printq_free(s->q);
	free(s->printer);
	free(s);
}

static void remember(struct sq_printdlg *d, const char *name)
{
	if (!name || (d->s->printer && strcmp(d->s->printer, name) == 0))
		return;
	free(d->s->printer);
	d->s->printer = sq_xstrdup(name);
}

/* ---- the message ---- */

static void msg_clear(struct msg *m)
{
	sq_print_result_clear(&m->res);
	sq_print_saved_clear(&m->saved);
	free(m->detail);
	memset(m, 0, sizeof *m);
}

static void say(struct sq_printdlg *d, enum cause c)
{
	msg_clear(&d->msg);
	d->msg.cause = c;
}

static void say_result(struct sq_printdlg *d, enum cause c, const struct sq_print_result *r)
{
	say(d, c);
	sq_print_result_copy(&d->msg.res, r);
}

static int waited(const struct sq_printdlg *d)
{
	return (int)(sq_now() - d->since);
}

static const char *chosen_name(const struct sq_printdlg *d)
{
	return d->chosen >= 0 ? d->printers.v[d->chosen].name : NULL;
}

static bool have_save_dir(const struct sq_printdlg *d)
{
	return d->opt->save_dir && *d->opt->save_dir;
}

static enum sq_pd_tone progress_message(const struct sq_printdlg *d, struct sq_buf *out)
{
	const struct sq_print_result *r = &d->job.res;
	switch (d->msg.cause) {
	case MSG_ASKING:
		sq_print_sentencef(out, _("Asking CUPS for its printers (%d s)\u2026"), waited(d));
		break;
	case MSG_SENDING:
		if (r->printer)
			sq_print_sentencef(out, _("Sending the sheet to printer '%s' (%d s)\u2026"),
				  r->printer, waited(d));
		else
			sq_print_sentencef(out, _("Sending the sheet to the default printer (%d s)\u2026"),
				  waited(d));
		break;
	case MSG_PRINTING:
		sq_print_sentencef(out, _("Printing on '%s': job %d is with the printer (%d s)."),
			  r->printer ? r->printer : "", r->id, waited(d));
		break;
	default: /* MSG_CANCELLING */
		if (r->id)
			sq_print_sentencef(out, _("Cancelling job %d on printer '%s'\u2026"), r->id,
				  r->printer ? r->printer : "");
		else
			sq_print_sentencef(out, _("Cancelling: waiting for CUPS to take the sheet first "
					 "(%d s)\u2026"),
				  waited(d));
		break;
	}
	return SQ_PD_TONE_PROGRESS;
}

/* How to set a save directory, or that s saves there. */
static void save_offer(const struct sq_printdlg *d, struct sq_buf *out)
{
	if (have_save_dir(d)) {
		sq_print_sentencef(out, _("Press s to save the sheet as a PDF file in %s."),
			  d->opt->save_dir);
	} else {
		struct sq_print_saved none = {.what = SQ_SAVED_NO_DIR, .kiosk = d->opt->kiosk};
		sq_print_saved_message(&none, out);
	}
}

static enum sq_pd_tone no_save_dir(const struct sq_printdlg *d, struct sq_buf *out)
{
	if (d->opt->kiosk)
		sq_print_sentencef(out, _("No folder is set up for saved sheets: ask whoever set up "
				 "this kiosk to set save-dir in %s."),
			  sq_settings_path());
	else
		sq_print_sentencef(out, _("No directory for saved sheets is set: start shequ with "
				 "--save-dir DIR, or set SHEQU_SAVE_DIR or save-dir in %s."),
			  sq_settings_path());
	return SQ_PD_TONE_ERROR;
}

enum sq_pd_tone sq_printdlg_message(const struct sq_printdlg *d, struct sq_buf *out)
{
	const struct msg *m = &d->msg;
	switch (m->cause) {
	case MSG_HINT:
		sq_print_sentence(out, _("Tab moves between the fields, the arrow keys change "
					 "them; Enter prints."));
		return SQ_PD_TONE_HINT;
	case MSG_ASKING:
	case MSG_SENDING:
	case MSG_PRINTING:
	case MSG_CANCELLING:
		return progress_message(d, out);
	case MSG_CHOOSE:
		sq_print_sentence(out, _("No default printer is set: choose a printer, then "
					 "press Enter."));
		return SQ_PD_TONE_INFO;
	case MSG_CONFIGURED_GONE:
		sq_print_result_message(&m->res, SQ_READER_SCREEN, out);
		if (m->detail)
			sq_print_sentencef(out, _("Printer '%s' is chosen instead."), m->detail);
		else
			sq_print_sentence(out, _("Choose a printer, then press Enter."));
		return SQ_PD_TONE_ERROR;
	case MSG_LIST_FAILED:
		sq_print_result_message(&m->res, SQ_READER_SCREEN, out);
		save_offer(d, out);
		return SQ_PD_TONE_ERROR;
	case MSG_FAILED:
		sq_print_result_message(&m->res, SQ_READER_SCREEN, out);
		sq_print_saved_message(&m->saved, out);
		return SQ_PD_TONE_ERROR;
	case MSG_FINISHED:
		sq_print_result_message(&m->res, SQ_READER_SCREEN, out);
		return SQ_PD_TONE_INFO;
	case MSG_SAVED:
		sq_print_saved_message(&m->saved, out);
		return m->saved.what == SQ_SAVED_OK ? SQ_PD_TONE_INFO : SQ_PD_TONE_ERROR;
	case MSG_NO_SAVE_DIR:
		return no_save_dir(d, out);
	case MSG_PDF_FAILED:
		sq_print_sentencef(out, _("Could not make the PDF: %s."), m->detail ? m->detail : "?");
		return SQ_PD_TONE_ERROR;
	}
	return SQ_PD_TONE_HINT;
}

const struct sq_print_result *sq_printdlg_result(const struct sq_printdlg *d)
{
	bool ended = d->msg.cause == MSG_FAILED || d->msg.cause == MSG_FINISHED;
	return ended ? &d->msg.res : NULL;
}

const struct sq_print_saved *sq_printdlg_saved(const struct sq_printdlg *d)
{
	const struct sq_print_saved *s = &d->msg.saved;
	bool tried = s->what == SQ_SAVED_OK || s->what == SQ_SAVED_FAILED;
	return tried && (d->msg.cause == MSG_FAILED || d->msg.cause == MSG_SAVED) ? s : NULL;
}

/* ---- the sheet ---- */

static struct slot *slot(struct sq_printdlg *d, enum sq_sheet_lang lang)
{
	struct slot *s = &d->slots[lang];
	if (!s->sheet)
		s->sheet = sq_sheet_build(d->m, &d->m->comms[d->comm], lang, sq_sheet_time());
	return s;
}

const struct sq_sheet *sq_printdlg_sheet(struct sq_printdlg *d)
{
	return slot(d, d->lang)->sheet;
}

/* The PDF in lang, made now if need be; false with the message said. */
static bool ensure_pdf(struct sq_printdlg *d, enum sq_sheet_lang lang)
{
	struct slot *s = slot(d, lang);
	if (s->pdf.len)
		return true;
	struct sq_buf err = {0};
	bool ok = sq_pdf_sheet(s->sheet, d->opt->paper, &s->pdf, &err);
	if (!ok) {
		sq_buf_free(&s->pdf);
		say(d, MSG_PDF_FAILED);
		d->msg.detail = sq_xstrdup(sq_buf_str(&err));
	}
	sq_buf_free(&err);
	return ok;
}

static void keep(struct sq_printdlg *d, enum sq_sheet_lang lang, struct sq_print_saved *out)
{
	struct slot *s = slot(d, lang);
	struct sq_buf name = {0};
	sq_sheet_file_name(s->sheet, "pdf", &name);
	sq_print_keep(d->opt->save_dir, sq_buf_str(&name), s->pdf.data, s->pdf.len,
		      d->opt->kiosk, out);
	sq_buf_free(&name);
}

/* ---- printers ---- */

static long pick(const struct sq_printer_list *l, const char *remembered,
		 const char *configured, bool *configured_gone)
{
	long i;
	*configured_gone = false;
	if ((i = sq_print_list_find(l, remembered)) >= 0)
		return i;
	if (configured && *configured) {
		if ((i = sq_print_list_find(l, configured)) >= 0)
			return i;
		*configured_gone = true;
	}
	/* The only queue there is counts as the default, as for --print. */
	return l->default_index >= 0 ? l->default_index : l->n == 1 ? 0 : -1;
}

/* A newer list from CUPS, keeping the queue chosen when it is still there. */
static void new_list(struct sq_printdlg *d, const struct sq_printer_list *l)
{
	char *keep_name = chosen_name(d) ? sq_xstrdup(chosen_name(d)) : NULL;
	sq_print_list_free(&d->printers);
	sq_print_list_copy(&d->printers, l);
	d->chosen = sq_print_list_find(&d->printers, keep_name);
	d->have_list = true;
	free(keep_name);
}

static void took_list(struct sq_printdlg *d, const struct sq_printq_answer *a)
{
	/* The user's own doings since the dialog opened keep the message. */
	bool tell = d->msg.cause == MSG_ASKING;
	d->list_status = a->res.status;
	d->state = SQ_PD_READY;
	if (a->res.status != SQ_PRINT_OK) {
		/* (The printer field says so too: sq_printdlg_printer_note.) */
		if (tell)
			say_result(d, MSG_LIST_FAILED, &a->res);
		return;
	}
	new_list(d, &a->printers);
	bool gone;
	d->chosen = pick(&d->printers, d->s->printer, d->opt->printer, &gone);
	if (!tell)
		return;
	if (gone) {
		struct sq_print_result r = {.status = SQ_PRINT_UNKNOWN_PRINTER,
					    .printer = (char *)d->opt->printer};
		struct sq_buf known = {0};
		sq_print_list_names(&d->printers, &known);
		r.known = known.data;
		say_result(d, MSG_CONFIGURED_GONE, &r);
		sq_buf_free(&known);
		if (d->chosen >= 0)
			d->msg.detail = sq_xstrdup(chosen_name(d));
	} else {
		say(d, d->chosen >= 0 ? MSG_HINT : MSG_CHOOSE);
	}
}

/* ---- the job ---- */

static void wait_from_now(struct sq_printdlg *d, enum sq_pd_state st, enum cause c)
{
	d->state = st;
	d->since = sq_now();
	d->shown_secs = 0;
	say(d, c);
}

static void job_done(struct sq_printdlg *d)
{
	struct sq_printq_job *j = &d->job;
	const struct sq_print_result *r = &j->res;
	if (j->printers.n)
		new_list(d, &j->printers);
	if (r->status == SQ_PRINT_OK ||
	    (r->status == SQ_PRINT_CANCELLED && r->cancel != SQ_CANCEL_FAILED)) {
		d->state = SQ_PD_FINISHED;
		say_result(d, MSG_FINISHED, r);
	} else {
		d->state = SQ_PD_FAILED;
		say_result(d, MSG_FAILED, r);
		/* A failed print keeps the sheet; one cancelled is not wanted. */
		if (r->status != SQ_PRINT_CANCELLED)
			keep(d, d->job_lang, &d->msg.saved);
		if (r->status == SQ_PRINT_NO_DEFAULT || r->status == SQ_PRINT_UNKNOWN_PRINTER)
			d->focus = SQ_PD_FIELD_PRINTER;
	}
	sq_printq_job_clear(j);
	d->job_live = false;
}

/* Where the job went since the last look; true when the dialog changed. */
static bool follow(struct sq_printdlg *d)
{
	switch (sq_printq_job_step(&d->job)) {
	case SQ_STAGE_SENDING:
		return false;
	case SQ_STAGE_QUEUED:
		if (d->state != SQ_PD_SENDING)
			return false;
		remember(d, d->job.res.printer);
		wait_from_now(d, SQ_PD_PRINTING, MSG_PRINTING);
		return true;
	case SQ_STAGE_CANCELLING:
		if (d->state == SQ_PD_CANCELLING)
			return false;
		/* Only the timeout or CUPS stopping the job get here unasked:
		 * the message says the job is being cancelled. */
		wait_from_now(d, SQ_PD_CANCELLING, MSG_CANCELLING);
		return true;
	case SQ_STAGE_DONE:
		job_done(d);
		return true;
	}
	return false;
}

static enum sq_pd_effect print(struct sq_printdlg *d)
{
	if (d->have_list && d->chosen < 0) {
		say(d, MSG_CHOOSE);
		d->focus = SQ_PD_FIELD_PRINTER;
		return SQ_PD_CHANGED;
	}
	if (!ensure_pdf(d, d->lang))
		return SQ_PD_CHANGED;
	/* No list (CUPS did not give one): the default, as CUPS sees it. */
	const char *name = chosen_name(d);
	remember(d, name);
	const struct slot *s = &d->slots[d->lang];
	d->job_lang = d->lang;
	sq_printq_job_start(&d->job, d->s->q, name, s->sheet->doc_title, s->pdf.data,
			    s->pdf.len, d->copies);
	d->job_live = true;
	wait_from_now(d, SQ_PD_SENDING, MSG_SENDING);
	return SQ_PD_CHANGED;
}

static void save(struct sq_printdlg *d)
{
	if (!have_save_dir(d)) {
		say(d, MSG_NO_SAVE_DIR);
		return;
	}
	if (!ensure_pdf(d, d->lang))
		return;
	struct sq_print_saved saved;
	keep(d, d->lang, &saved);
	say(d, MSG_SAVED);
	d->msg.saved = saved;
}

/* ---- opening, time ---- */

struct sq_printdlg *sq_printdlg_open(struct sq_printdlg_session *s,
				     const struct sq_model *m, uint32_t comm,
				     const struct sq_options *opt)
{
	struct sq_printdlg *d = sq_xcalloc(1, sizeof *d);
	d->s = s;
	d->m = m;
	d->comm = comm;
	d->opt = opt;
	d->lang = opt->sheet_lang;
	d->focus = SQ_PD_FIELD_LANG;
	d->chosen = -1;
	d->printers.default_index = -1;
	sq_printdlg_set_copies(d, opt->copies);
	if (!s->q)
		s->q = sq_printq_new();
	d->listing = sq_printq_list(s->q);
	wait_from_now(d, SQ_PD_LISTING, MSG_ASKING);
	return d;
}

void sq_printdlg_free(struct sq_printdlg *d)
{
	if (!d)
		return;
	sq_printq_release(d->listing);
	if (d->job_live)
		sq_printq_job_clear(&d->job);
	sq_print_list_free(&d->printers);
	for (size_t i = 0; i < SQ_ARRAY_LEN(d->slots); i++) {
		sq_sheet_free(d->slots[i].sheet);
		sq_buf_free(&d->slots[i].pdf);
	}
	msg_clear(&d->msg);
	free(d);
}

enum sq_pd_state sq_printdlg_state(const struct sq_printdlg *d)
{
	return d->state;
}

bool sq_printdlg_busy(const struct sq_printdlg *d)
{
	return d->state == SQ_PD_SENDING || d->state == SQ_PD_PRINTING ||
	       d->state == SQ_PD_CANCELLING;
}

static bool waiting(const struct sq_printdlg *d)
{
	return d->state == SQ_PD_LISTING || sq_printdlg_busy(d);
}

bool sq_printdlg_tick(struct sq_printdlg *d)
{
	bool changed = false;
	sq_printq_drain(d->s->q);
	if (d->listing) {
		const struct sq_printq_answer *a = sq_printq_answer(d->listing);
		if (a) {
			took_list(d, a);
			sq_printq_release(d->listing);
			d->listing = NULL;
			changed = true;
		}
	}
	if (d->job_live)
		changed |= follow(d);
	if (waiting(d) && waited(d) != d->shown_secs) {
		d->shown_secs = waited(d);
		changed = true;
	}
	return changed;
}

int sq_printdlg_wait_ms(const struct sq_printdlg *d)
{
	if (!waiting(d))
		return -1;
	/* The next whole second of the count in the message. */
	double next = d->since + d->shown_secs + 1;
	int ms = (int)((next - sq_now()) * 1000.0) + 1;
	int due = d->listing ? sq_printq_due_ms(d->listing)
		  : d->job_live ? sq_printq_job_due_ms(&d->job) : -1;
	if (due >= 0 && due < ms)
		ms = due;
	return ms < 0 ? 0 : ms;
}

int sq_printdlg_fd(const struct sq_printdlg *d)
{
	return sq_printq_fd(d->s->q);
}

/* ---- actions ---- */

bool sq_printdlg_offers(const struct sq_printdlg *d, enum sq_pd_action a)
{
	switch (a) {
	case SQ_PD_PRINT:
		return d->state == SQ_PD_READY || d->state == SQ_PD_FAILED;
	case SQ_PD_CLOSE:
		return d->state != SQ_PD_CANCELLING && d->state != SQ_PD_FINISHED;
	default:
		return d->state != SQ_PD_FINISHED;
	}
}

size_t sq_printdlg_buttons(const struct sq_printdlg *d,
			   struct sq_pd_button out[SQ_PD_MAX_BUTTONS])
{
	size_t n = 0;
	if (sq_printdlg_offers(d, SQ_PD_PRINT))
		out[n++] = (struct sq_pd_button){
			SQ_PD_PRINT, d->state == SQ_PD_FAILED ? _("Print again") : _("Print")};
	if (sq_printdlg_offers(d, SQ_PD_SAVE))
		out[n++] = (struct sq_pd_button){SQ_PD_SAVE, _("Save")};
	if (sq_printdlg_offers(d, SQ_PD_CLOSE))
		out[n++] = (struct sq_pd_button){
			SQ_PD_CLOSE, sq_printdlg_busy(d) ? _("Cancel printing") : _("Close")};
	return n;
}

static enum sq_pd_effect close_or_cancel(struct sq_printdlg *d)
{
	switch (d->state) {
	case SQ_PD_SENDING:
	case SQ_PD_PRINTING:
		sq_printq_job_cancel(&d->job);
		wait_from_now(d, SQ_PD_CANCELLING, MSG_CANCELLING);
		return SQ_PD_CHANGED;
	case SQ_PD_CANCELLING:
	case SQ_PD_FINISHED:
		return SQ_PD_IGNORED;
	default:
		return SQ_PD_CLOSED;
	}
}

static enum sq_pd_effect move(struct sq_printdlg *d, enum sq_pd_action a)
{
	bool vertical = a == SQ_PD_UP || a == SQ_PD_DOWN;
	int dir = a == SQ_PD_UP || a == SQ_PD_LEFT ? -1 : 1;
	switch (d->focus) {
	case SQ_PD_FIELD_LANG:
		sq_printdlg_set_lang(d, (enum sq_sheet_lang)((int)d->lang + dir < 0 ? 0
							       : (int)d->lang + dir));
		return SQ_PD_CHANGED;
	case SQ_PD_FIELD_PRINTER: {
		long n = (long)d->printers.n;
		if (!n)
			return SQ_PD_IGNORED;
		long i = d->chosen < 0 ? (dir > 0 ? 0 : n - 1) : d->chosen + dir;
		sq_printdlg_set_printer(d, i < 0 ? 0 : i >= n ? n - 1 : i);
		return SQ_PD_CHANGED;
	}
	case SQ_PD_FIELD_COPIES:
		/* Up is more, as on a spinner; Right is more, as on a scale. */
		sq_printdlg_set_copies(d, d->copies + (vertical ? -dir : dir));
		return SQ_PD_CHANGED;
	default: /* the preview */
		if (!vertical)
			return SQ_PD_IGNORED;
		return dir < 0 ? SQ_PD_SCROLL_UP : SQ_PD_SCROLL_DOWN;
	}
}

enum sq_pd_effect sq_printdlg_act(struct sq_printdlg *d, enum sq_pd_action a)
{
	if (!sq_printdlg_offers(d, a))
		return SQ_PD_IGNORED;
	switch (a) {
	case SQ_PD_PRINT:
		return print(d);
	case SQ_PD_SAVE:
		save(d);
		return SQ_PD_CHANGED;
	case SQ_PD_CLOSE:
		return close_or_cancel(d);
	case SQ_PD_NEXT_FIELD:
		d->focus = (enum sq_pd_field)((d->focus + 1) % SQ_PD_FIELDS);
		return SQ_PD_CHANGED;
	case SQ_PD_PREV_FIELD:
		d->focus = (enum sq_pd_field)((d->focus + SQ_PD_FIELDS - 1) % SQ_PD_FIELDS);
		return SQ_PD_CHANGED;
	case SQ_PD_MORE:
	case SQ_PD_FEWER:
		sq_printdlg_set_copies(d, d->copies + (a == SQ_PD_MORE ? 1 : -1));
		return SQ_PD_CHANGED;
	default:
		return move(d, a);
	}
}

/* ---- fields ---- */

enum sq_pd_field sq_printdlg_focus(const struct sq_printdlg *d)
{
	return d->focus;
}

void sq_printdlg_set_focus(struct sq_printdlg *d, enum sq_pd_field f)
{
	if (f < SQ_PD_FIELDS)
		d->focus = f;
}

enum sq_sheet_lang sq_printdlg_lang(const struct sq_printdlg *d)
{
	return d->lang;
}

void sq_printdlg_set_lang(struct sq_printdlg *d, enum sq_sheet_lang lang)
{
	if ((int)lang >= SQ_SHEET_ZH && lang <= SQ_SHEET_BOTH)
		d->lang = lang;
}

const char *sq_printdlg_lang_name(enum sq_sheet_lang lang)
{
	/* Each in itself, so that its reader finds it in either interface. */
	switch (lang) {
	case SQ_SHEET_ZH:
		return "\u4e2d\u6587";
	case SQ_SHEET_EN:
		return "English";
	default:
		return "\u4e2d\u6587 + English";
	}
}

int sq_printdlg_copies(const struct sq_printdlg *d)
{
	return d->copies;
}

void sq_printdlg_set_copies(struct sq_printdlg *d, int n)
{
	d->copies = n < 1 ? 1 : n > SQ_PD_MAX_COPIES ? SQ_PD_MAX_COPIES : n;
}

const struct sq_printer_list *sq_printdlg_printers(const struct sq_printdlg *d)
{
	return &d->printers;
}

long sq_printdlg_printer(const struct sq_printdlg *d)
{
	return d->chosen;
}

void sq_printdlg_set_printer(struct sq_printdlg *d, long i)
{
	if (i < 0 || (size_t)i >= d->printers.n)
		return;
	d->chosen = i;
	remember(d, chosen_name(d));
	if (d->msg.cause == MSG_CHOOSE)
		say(d, MSG_HINT);
}

void sq_printdlg_printer_tags(const struct sq_printer *p, struct sq_buf *out)
{
	const char *tags[3];
	size_t n = 0;
	if (p->is_default)
		tags[n++] = _("default");
	if (!p->accepting)
		tags[n++] = _("not accepting jobs");
	if (p->stopped)
		tags[n++] = _("stopped");
	for (size_t i = 0; i < n; i++) {
		/* TRANSLATORS: between the tags of a printer: "default, stopped". */
		if (i)
			sq_buf_adds(out, _(", "));
		sq_buf_adds(out, tags[i]);
	}
	sq_buf_str(out);
}

bool sq_printdlg_printer_note(const struct sq_printdlg *d, struct sq_buf *out)
{
	const char *s = NULL;
	if (d->state == SQ_PD_LISTING)
		s = _("Asking CUPS\u2026");
	else if (!d->have_list)
		s = d->list_status == SQ_PRINT_NO_SCHEDULER ? _("CUPS cannot be reached")
		    : d->list_status == SQ_PRINT_NO_ANSWER  ? _("CUPS does not answer")
		    : d->list_status == SQ_PRINT_NO_PRINTERS ? _("No printer is set up")
		    : d->list_status == SQ_PRINT_DISABLED    ? _("Built without printing")
							     : _("No printer");
	else if (d->chosen < 0)
		s = _("No default printer: choose one");
	if (s)
		sq_buf_adds(out, s);
	return s != NULL;
}
