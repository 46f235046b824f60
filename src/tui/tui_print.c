/* SPDX-License-Identifier: MIT */
/* The print dialog: a preview of the fact sheet, its language, the CUPS
 * printers with the default marked, and the number of copies; Enter prints.
 * A submitted job is followed from the main loop (tui_print_tick), a cheap
 * step per pass, never waited for, so the screen keeps answering while the
 * printer works.  Every failure says what went wrong and offers to keep the
 * sheet as a PDF file in the save directory (--save-dir, SHEQU_SAVE_DIR or
 * the configuration file); no path is ever asked for, so a kiosk's visitor
 * cannot write anywhere else.
 *
 * Wide terminals get the preview on the left and the fields in a column on
 * the right; narrow ones the fields on three rows above the preview.  The
 * message and the buttons are at the bottom in both. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "pdf.h"
#include "print.h"
#include "paths.h"
#include "sheet.h"
#include "tui_int.h"
#include "util.h"

enum field { FIELD_LANG, FIELD_PRINTER, FIELD_COPIES, FIELD_PREVIEW, FIELD_COUNT };

enum msg_kind { MSG_HINT, MSG_INFO, MSG_PROGRESS, MSG_ERROR };

enum hit_kind {
	HIT_LANG,
	HIT_PRINTER,
	HIT_PREV_PRINTER,
	HIT_NEXT_PRINTER,
	HIT_COPIES,
	HIT_MINUS,
	HIT_PLUS,
	HIT_PRINT,
	HIT_SAVE,
	HIT_CLOSE,
};

/* A place on the dialog a click or touch acts on (window coordinates). */
struct hit {
	int y, x0, x1;
	enum hit_kind kind;
	int value;
};

#define MAX_HITS 48
#define MAX_COPIES 99
#define WIDE_MIN_COLS 60

struct print_dialog {
	struct tui_frame *frame;
	uint32_t comm;
	char *code;           /* the community's, to follow it to another data set */
	enum sq_sheet_lang lang;
	int copies;
	enum field focus;
	struct sq_printer_list printers;
	enum sq_print_status list_status;
	struct tui_list plist;  /* the printer chosen */
	struct sq_sheet *sheet; /* NULL until needed, or after a language change */
	char **lines;           /* the preview: the text sheet ... */
	size_t n_lines;
	int lines_width;        /* ... at this width */
	size_t top;
	int preview_rows;       /* as last drawn */
	int pv_y0, pv_y1, pv_x1; /* where the preview was drawn, for clicks */
	struct sq_buf pdf;      /* the sheet's PDF, empty until needed */
	bool pending;           /* job submitted and being followed */
	struct sq_print_job job;
	double started;
	struct sq_buf msg;
	enum msg_kind msg_kind;
	WINDOW *win;
	bool dirty;
	struct hit hits[MAX_HITS];
	int n_hits;
};

/* Each language named in itself, as the key bar names them. */
static const char *const lang_names[3] = {
	[SQ_SHEET_ZH] = "\u4e2d\u6587",
	[SQ_SHEET_EN] = "English",
	[SQ_SHEET_BOTH] = "\u53cc\u8bed",
};

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- state ---- */

static void drop_sheet(struct print_dialog *p)
{
	sq_sheet_lines_free(p->lines, p->n_lines);
	p->lines = NULL;
	p->n_lines = 0;
	p->lines_width = 0;
	sq_sheet_free(p->sheet);
	p->sheet = NULL;
	sq_buf_free(&p->pdf);
}

static void release(struct print_dialog *p)
{
	drop_sheet(p);
	sq_print_list_free(&p->printers);
	sq_buf_reset(&p->msg);
}

static struct sq_sheet *sheet(struct tui *t, struct print_dialog *p)
{
	if (!p->sheet)
		p->sheet = sq_sheet_build(t->model, &t->model->comms[p->comm],
					  p->lang, sq_sheet_time());
	return p->sheet;
}

static size_t preview_max_top(const struct print_dialog *p)
{
	size_t rows = p->preview_rows > 0 ? (size_t)p->preview_rows : 1;
	return p->n_lines > rows ? p->n_lines - rows : 0;
}

static void ensure_lines(struct tui *t, struct print_dialog *p, int width)
{
	if (p->lines && p->lines_width == width)
		return;
	sq_sheet_lines_free(p->lines, p->n_lines);
	p->n_lines = sq_sheet_lines(sheet(t, p), width, &p->lines);
	p->lines_width = width;
}

/* The last len bytes of s that are a whole UTF-8 sequence, at most max. */
static int utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return (int)len;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return (int)max;
}

/* The dialog's message; all but hints go to the status line too, which
 * shows them wherever the user goes (help) and after the dialog closed. */
static void set_msg(struct tui *t, struct print_dialog *p, enum msg_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void set_msg(struct tui *t, struct print_dialog *p, enum msg_kind kind, const char *fmt, ...)
{
	struct sq_buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	sq_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	if (kind != p->msg_kind || strcmp(sq_buf_str(&b), sq_buf_str(&p->msg)) != 0) {
		sq_buf_reset(&p->msg);
		sq_buf_add(&p->msg, b.data, b.len);
		p->msg_kind = kind;
		p->dirty = true;
	}
	if (kind != MSG_HINT) {
		int n = utf8_cut(b.data, b.len, sizeof t->status - 1);
		if (strncmp(t->status, b.data, (size_t)n) != 0 || t->status[n] ||
		    t->status_error != (kind == MSG_ERROR))
			tui_status(t, kind == MSG_ERROR, "%.*s", n, b.data);
	}
	sq_buf_free(&b);
}

static void hint(struct tui *t, struct print_dialog *p)
{
	set_msg(t, p, MSG_HINT, "%s",
		_("Tab moves between the fields, the arrow keys change them; "
		  "Enter prints."));
}

/* After a failure: where s keeps the sheet, or how to make that possible. */
static void offer_save(struct tui *t, struct print_dialog *p, const char *what)
{
	const char *dir = t->opt->save_dir;
	if (dir && *dir)
		set_msg(t, p, MSG_ERROR, _("%s \u2014 press s to save the sheet to %s"),
			what, dir);
	else
		set_msg(t, p, MSG_ERROR,
			_("%s \u2014 to be able to save the sheet as a PDF file "
			  "instead, start shequ with --save-dir DIR (or set "
			  "SHEQU_SAVE_DIR, or save-dir in %s)"),
			what, sq_settings_path());
}

/* sq_print_message's sentence without its full stop, to go on. */
static void job_message(const struct sq_print_job *job, struct sq_buf *out)
{
	sq_print_message(job, out);
	sq_buf_str(out);
	while (out->len && (out->data[out->len - 1] == '.' || out->data[out->len - 1] == ' '))
		out->data[--out->len] = '\0';
}

static void choose_printer(struct tui *t, struct print_dialog *p, const char *name)
{
	size_t sel = p->printers.default_index >= 0 ? (size_t)p->printers.default_index : 0;
	const char *want[2] = {name, t->opt->printer};
	for (int k = 1; k >= 0; k--)
		for (size_t i = 0; want[k] && i < p->printers.n; i++)
			if (strcmp(p->printers.v[i].name, want[k]) == 0)
				sel = i;
	tui_list_set(&p->plist, (uint32_t)p->printers.n, (uint32_t)sel, p->plist.top);
}

/* Ask CUPS again, keeping the printer chosen when it is still there. */
static void refresh_printers(struct tui *t, struct print_dialog *p)
{
	char *keep = NULL;
	if (p->printers.n)
		keep = sq_xstrdup(p->printers.v[p->plist.sel].name);
	sq_print_list_free(&p->printers);
	p->list_status = sq_print_list(&p->printers);
	choose_printer(t, p, keep);
	free(keep);
	p->dirty = true;
}

static bool ensure_pdf(struct tui *t, struct print_dialog *p)
{
	if (p->pdf.len)
		return true;
	struct sq_buf err = {0};
	bool ok = sq_pdf_sheet(sheet(t, p), t->opt->paper, &p->pdf, &err);
	if (!ok) {
		sq_buf_free(&p->pdf);
		set_msg(t, p, MSG_ERROR, _("Could not make the PDF: %s"), sq_buf_str(&err));
	}
	sq_buf_free(&err);
	return ok;
}

/* Wherever the dialog sits (under the help, when a job finished). */
static void close_dialog(struct tui *t, struct print_dialog *p)
{
	tui_close(t, p->frame);
}

/* ---- printing and saving ---- */

static void show_progress(struct tui *t, struct print_dialog *p)
{
	int secs = (int)(now_s() - p->started);
	set_msg(t, p, MSG_PROGRESS,
		_("Printing on '%s': job %d is with the printer (%d s) \u2014 Esc cancels it"),
		p->job.printer ? p->job.printer : "", p->job.id, secs);
}

static void job_failed(struct tui *t, struct print_dialog *p)
{
	struct sq_buf m = {0}, what = {0};
	job_message(&p->job, &m);
	p->pending = false;
	sq_print_job_clear(&p->job);
	sq_buf_addf(&what, _("Printing failed: %s"), sq_buf_str(&m));
	/* The queue may say more now (not accepting, stopped). */
	refresh_printers(t, p);
	offer_save(t, p, sq_buf_str(&what));
	sq_buf_free(&m);
	sq_buf_free(&what);
}

static void job_done(struct tui *t, struct print_dialog *p)
{
	struct sq_buf m = {0};
	sq_print_message(&p->job, &m);
	p->pending = false;
	sq_print_job_clear(&p->job);
	const char *s = sq_buf_str(&m);
	tui_status(t, false, "%.*s", utf8_cut(s, m.len, sizeof t->status - 1), s);
	sq_buf_free(&m);
	close_dialog(t, p);
}

static void do_print(struct tui *t, struct print_dialog *p)
{
	if (p->pending || !ensure_pdf(t, p))
		return;
	const char *name = p->printers.n ? p->printers.v[p->plist.sel].name : NULL;
	if (sq_print_submit(&p->job, name, sheet(t, p)->doc_title, p->pdf.data, p->pdf.len,
			    p->copies) != SQ_PRINT_OK) {
		job_failed(t, p);
		return;
	}
	p->pending = true;
	p->started = now_s();
	show_progress(t, p);
}

static void cancel(struct tui *t, struct print_dialog *p)
{
	int id = p->job.id;
	char *q = sq_xstrdup(p->job.printer ? p->job.printer : "");
	sq_print_cancel(&p->job);
	sq_print_job_clear(&p->job);
	p->pending = false;
	tui_status(t, false, _("Printing cancelled: job %d on printer '%s' will not print"),
		   id, q);
	free(q);
	close_dialog(t, p);
}

static void do_save(struct tui *t, struct print_dialog *p)
{
	const char *dir = t->opt->save_dir;
	if (!dir || !*dir) {
		set_msg(t, p, MSG_ERROR,
			_("No directory for saved sheets: start shequ with --save-dir "
			  "DIR (or set SHEQU_SAVE_DIR, or save-dir in %s)"),
			sq_settings_path());
		return;
	}
	if (!ensure_pdf(t, p))
		return;
	struct sq_buf name = {0}, path = {0}, err = {0};
	sq_sheet_file_name(sheet(t, p), "pdf", &name);
	if (sq_print_save(dir, sq_buf_str(&name), p->pdf.data, p->pdf.len, &path, &err))
		set_msg(t, p, MSG_INFO, _("Saved the sheet to %s"), sq_buf_str(&path));
	else
		set_msg(t, p, MSG_ERROR, _("Could not save the sheet: %s"), sq_buf_str(&err));
	sq_buf_free(&name);
	sq_buf_free(&path);
	sq_buf_free(&err);
}

/* ---- the hooks ---- */

static bool print_init(struct tui *t, struct tui_frame *f, const void *arg)
{
	struct print_dialog *p = f->priv;
	if (!HAVE_PRINTING) {
		tui_status(t, true, "%s", _("This shequ was built without printing"));
		return false;
	}
	p->frame = f;
	p->comm = *(const uint32_t *)arg;
	p->code = sq_xstrdup(t->model->comms[p->comm].code);
	p->lang = t->opt->sheet_lang;
	p->copies = t->opt->copies < 1 ? 1 : t->opt->copies > MAX_COPIES ? MAX_COPIES
									 : t->opt->copies;
	p->focus = FIELD_LANG;
	p->plist = (struct tui_list){.rows = 1};
	p->msg_kind = MSG_HINT;
	refresh_printers(t, p);
	if (p->list_status == SQ_PRINT_OK && t->opt->printer &&
	    strcmp(p->printers.v[p->plist.sel].name, t->opt->printer) != 0) {
		/* The printer configured is gone: say so, offer the others. */
		struct sq_buf known = {0}, m = {0};
		for (size_t i = 0; i < p->printers.n; i++)
			sq_buf_addf(&known, "%s%s", i ? ", " : "", p->printers.v[i].name);
		struct sq_print_job j = {
			.status = SQ_PRINT_UNKNOWN_PRINTER,
			.printer = sq_xstrdup(t->opt->printer),
			.known = sq_xstrdup(sq_buf_str(&known)),
		};
		sq_print_message(&j, &m);
		set_msg(t, p, MSG_ERROR, "%s", sq_buf_str(&m));
		sq_print_job_clear(&j);
		sq_buf_free(&known);
		sq_buf_free(&m);
	} else if (p->list_status == SQ_PRINT_OK) {
		hint(t, p);
	} else {
		struct sq_print_job j = {.status = p->list_status};
		struct sq_buf m = {0};
		job_message(&j, &m);
		offer_save(t, p, sq_buf_str(&m));
		sq_buf_free(&m);
	}
	return true;
}

/* Follow a submitted job, one cheap step per pass of the main loop. */
static int print_tick(struct tui *t, struct tui_frame *f)
{
	struct print_dialog *p = f->priv;
	if (!p->pending)
		return -1;
	switch (sq_print_poll(&p->job)) {
	case SQ_JOB_PENDING:
		show_progress(t, p);
		return 200;
	case SQ_JOB_COMPLETED:
		job_done(t, p);
		break;
	case SQ_JOB_FAILED:
	case SQ_JOB_TIMEOUT:
		job_failed(t, p);
		break;
	}
	return -1;
}

static bool print_busy(struct tui *t, struct tui_frame *f)
{
	const struct print_dialog *p = f->priv;
	(void)t;
	return p->pending;
}

static void print_done(struct tui *t, struct tui_frame *f)
{
	struct print_dialog *p = f->priv;
	(void)t;
	/* A job still pending is left to CUPS: quitting does not unprint. */
	sq_print_job_clear(&p->job);
	release(p);
	sq_buf_free(&p->msg);
	free(p->code);
	tui_free_window(&p->win);
}

/* The same community in the other data set, by its code. */
static bool print_retarget(struct tui *t, struct tui_frame *f,
			   const struct sq_model *old)
{
	struct print_dialog *p = f->priv;
	uint32_t found;
	(void)old;
	if (sq_model_find(t->model, p->code, &found, 1) != 1)
		return false;
	p->comm = found;
	drop_sheet(p);
	return true;
}

/* ---- drawing ---- */

struct geom {
	int w, h;
	bool wide;
	int pw, fw;     /* wide: preview, then a separator, then the fields */
	int top_rows;   /* rows of preview and fields */
	int rule_y;     /* -1: none */
	int msg_y, msg_rows;
	int button_y;
};

/* What a row of the fields shows. */
enum frow_kind { FR_BLANK, FR_HEAD, FR_LANG, FR_PRINTER, FR_NO_PRINTER, FR_COPIES };

struct frow {
	enum frow_kind kind;
	int value; /* the field of a heading, the language, the printer */
};

static const char *field_label(enum field f)
{
	static const char *const names[FIELD_COUNT] = {
		[FIELD_LANG] = N_("Language"),
		[FIELD_PRINTER] = N_("Printer"),
		[FIELD_COPIES] = N_("Copies"),
		[FIELD_PREVIEW] = N_("Preview"),
	};
	return _(names[f]);
}

static void add_hit(struct print_dialog *p, int y, int x0, int x1, enum hit_kind kind,
		    int value)
{
	if (p->n_hits < MAX_HITS && x1 > x0)
		p->hits[p->n_hits++] = (struct hit){y, x0, x1, kind, value};
}

/* Fill the row up to cell end. */
static void pad_to(struct tui_row *r, int end, enum tui_role role)
{
	if (r->width < end)
		tui_row_fill(r, end - r->width, role);
}

static enum tui_role heading_role(const struct print_dialog *p, enum field f)
{
	return p->focus == f ? ROLE_HEADING_FOCUS : ROLE_HEADING;
}

/* "default", "not accepting jobs", "stopped": what to know of a queue. */
static void printer_tags(const struct sq_printer *pr, struct sq_buf *out)
{
	sq_buf_reset(out);
	if (pr->is_default)
		sq_buf_adds(out, _("default"));
	if (!pr->accepting)
		sq_buf_addf(out, "%s%s", out->len ? ", " : "", _("not accepting jobs"));
	if (pr->stopped)
		sq_buf_addf(out, "%s%s", out->len ? ", " : "", _("stopped"));
	sq_buf_str(out);
}

/* A printer's name and tags in exactly cols cells. */
static void printer_text(struct tui *t, const struct sq_printer *pr, int cols,
			 enum tui_role role)
{
	struct tui_row *r = &t->row;
	struct sq_buf *tags = &t->buf2;
	printer_tags(pr, tags);
	int end = r->width + cols;
	int nw = sq_strwidth(pr->name), tw = tags->len ? sq_strwidth(tags->data) : 0;
	if (tw && nw + 2 + tw > cols)
		tw = cols - 2 - nw >= 6 ? cols - 2 - nw : 0;
	int name_cols = tw ? cols - 2 - tw : cols;
	if (name_cols > nw && tw)
		name_cols = nw;
	tui_row_str(r, pr->name, name_cols, role);
	if (tw) {
		tui_row_fill(r, 2, role);
		tui_row_str(r, tags->data, tw, role == ROLE_NORMAL ? ROLE_DIM : role);
	}
	pad_to(r, end, role);
}

static const char *no_printer_text(const struct print_dialog *p)
{
	switch (p->list_status) {
	case SQ_PRINT_NO_SCHEDULER:
		return _("CUPS cannot be reached");
	case SQ_PRINT_NO_PRINTERS:
		return _("No printer is set up");
	default:
		return _("No printer");
	}
}

static void draw_copies(struct tui *t, struct print_dialog *p, int y, int end)
{
	struct tui_row *r = &t->row;
	char num[16];
	snprintf(num, sizeof num, " %d ", p->copies);
	int x = r->width;
	tui_row_str(r, "[-]", 3, ROLE_KEY);
	add_hit(p, y, x, r->width, HIT_MINUS, 0);
	tui_row_glyph(r, " ", ROLE_NORMAL);
	x = r->width;
	tui_row_str(r, num, sq_strwidth(num), p->focus == FIELD_COPIES ? ROLE_SEL : ROLE_NORMAL);
	add_hit(p, y, x, r->width, HIT_COPIES, 0);
	tui_row_glyph(r, " ", ROLE_NORMAL);
	x = r->width;
	tui_row_str(r, "[+]", 3, ROLE_KEY);
	add_hit(p, y, x, r->width, HIT_PLUS, 0);
	pad_to(r, end, ROLE_NORMAL);
}

/* A row of the field column (wide layout), exactly cols cells. */
static void draw_field_row(struct tui *t, struct print_dialog *p, const struct frow *f, int y, int cols)
{
	struct tui_row *r = &t->row;
	int x0 = r->width, end = x0 + cols;
	tui_row_glyph(r, " ", ROLE_NORMAL);
	switch (f->kind) {
	case FR_BLANK:
		break;
	case FR_HEAD:
		tui_row_str(r, field_label((enum field)f->value), cols - 2,
			    heading_role(p, (enum field)f->value));
		break;
	case FR_LANG: {
		bool chosen = (int)p->lang == f->value;
		enum tui_role role = chosen && p->focus == FIELD_LANG ? ROLE_SEL : ROLE_NORMAL;
		tui_row_str(r, chosen ? "(*) " : "( ) ", 4, role);
		const char *name = lang_names[f->value];
		int nw = sq_strwidth(name);
		/* 双语 says "both" to a reader of Chinese only. */
		const char *both = "\u4e2d\u6587 + English";
		int bw = sq_strwidth(both);
		if (f->value == SQ_SHEET_BOTH && nw + 2 + bw <= cols - 6) {
			tui_row_str(r, name, nw, role);
			tui_row_fill(r, 2, role);
			tui_row_str(r, both, cols - 6 - nw - 2,
				    role == ROLE_NORMAL ? ROLE_DIM : role);
		} else {
			tui_row_str(r, name, cols - 6, role);
		}
		add_hit(p, y, x0, end, HIT_LANG, f->value);
		break;
	}
	case FR_PRINTER: {
		bool chosen = (uint32_t)f->value == p->plist.sel;
		enum tui_role role =
			chosen && p->focus == FIELD_PRINTER ? ROLE_SEL : ROLE_NORMAL;
		tui_row_str(r, chosen ? "(*) " : "( ) ", 4, role);
		printer_text(t, &p->printers.v[f->value], cols - 6, role);
		add_hit(p, y, x0, end, HIT_PRINTER, f->value);
		break;
	}
	case FR_NO_PRINTER:
		tui_row_str(r, no_printer_text(p), cols - 2, ROLE_DIM);
		break;
	case FR_COPIES:
		draw_copies(t, p, y, end - 1);
		break;
	}
	pad_to(r, end, ROLE_NORMAL);
}

/* A field on one row (narrow layout): label, then the value. */
static void draw_compact_row(struct tui *t, struct print_dialog *p, enum field fld, int y, int cols, int lw)
{
	struct tui_row *r = &t->row;
	int end = r->width + cols;
	bool focused = p->focus == fld;
	tui_row_glyph(r, " ", ROLE_NORMAL);
	tui_row_str(r, field_label(fld), lw, heading_role(p, fld));
	int vend = end - 1;
	switch (fld) {
	case FIELD_LANG:
		for (int i = 0; i < 3; i++) {
			const char *name = lang_names[i];
			int w = sq_strwidth(name) + 2;
			if (r->width + w > vend)
				break;
			bool chosen = (int)p->lang == i;
			enum tui_role role = !chosen ? ROLE_NORMAL : focused ? ROLE_SEL : ROLE_SEL_DIM;
			int x = r->width;
			tui_row_glyph(r, " ", role);
			tui_row_str(r, name, w - 2, role);
			tui_row_glyph(r, " ", role);
			add_hit(p, y, x, r->width, HIT_LANG, i);
			if (r->width < vend)
				tui_row_glyph(r, " ", ROLE_NORMAL);
		}
		break;
	case FIELD_PRINTER: {
		int avail = vend - r->width;
		if (!p->printers.n) {
			tui_row_str(r, no_printer_text(p), avail, ROLE_DIM);
			break;
		}
		if (avail < 8) {
			printer_text(t, &p->printers.v[p->plist.sel], avail,
				     focused ? ROLE_SEL : ROLE_NORMAL);
			break;
		}
		int x = r->width;
		tui_row_str(r, "<", 1, ROLE_KEY);
		add_hit(p, y, x, r->width, HIT_PREV_PRINTER, 0);
		tui_row_glyph(r, " ", ROLE_NORMAL);
		x = r->width;
		printer_text(t, &p->printers.v[p->plist.sel], avail - 4,
			     focused ? ROLE_SEL : ROLE_NORMAL);
		add_hit(p, y, x, r->width, HIT_PRINTER, (int)p->plist.sel);
		tui_row_glyph(r, " ", ROLE_NORMAL);
		x = r->width;
		tui_row_str(r, ">", 1, ROLE_KEY);
		add_hit(p, y, x, r->width, HIT_NEXT_PRINTER, 0);
		break;
	}
	case FIELD_COPIES:
		if (vend - r->width >= 13)
			draw_copies(t, p, y, vend);
		break;
	default:
		break;
	}
	pad_to(r, end, ROLE_NORMAL);
}

static void draw_preview_heading(struct tui *t, struct print_dialog *p, int cols)
{
	struct tui_row *r = &t->row;
	int end = r->width + cols;
	char pos[48] = "";
	size_t rows = p->preview_rows > 0 ? (size_t)p->preview_rows : 0;
	if (p->n_lines > rows && rows) {
		size_t last = p->top + rows < p->n_lines ? p->top + rows : p->n_lines;
		snprintf(pos, sizeof pos, "%zu-%zu/%zu", p->top + 1, last, p->n_lines);
	}
	int posw = pos[0] ? sq_strwidth(pos) + 1 : 0;
	if (posw > cols / 2)
		posw = 0;
	tui_row_glyph(r, " ", ROLE_NORMAL);
	tui_row_str(r, field_label(FIELD_PREVIEW), cols - 2 - posw,
		    heading_role(p, FIELD_PREVIEW));
	if (posw)
		tui_row_str_right(r, pos, posw, ROLE_DIM);
	pad_to(r, end, ROLE_NORMAL);
}

static void draw_preview_line(struct tui *t, struct print_dialog *p, size_t i, int cols)
{
	struct tui_row *r = &t->row;
	int end = r->width + cols;
	if (i < p->n_lines) {
		tui_row_glyph(r, " ", ROLE_NORMAL);
		tui_row_str(r, p->lines[i], cols - 2, ROLE_NORMAL);
	}
	pad_to(r, end, ROLE_NORMAL);
}

static void geometry(struct print_dialog *p, struct geom *g, size_t msg_lines)
{
	int h = getmaxy(p->win), w = getmaxx(p->win);
	*g = (struct geom){.w = w, .h = h};
	int max_msg = h >= 18 ? 4 : h >= 13 ? 3 : h >= 10 ? 2 : 1;
	g->msg_rows = msg_lines < 1 ? 1 : msg_lines > (size_t)max_msg ? max_msg : (int)msg_lines;
	g->button_y = h - 1;
	g->msg_y = g->button_y - g->msg_rows;
	g->rule_y = h >= 12 ? g->msg_y - 1 : -1;
	g->top_rows = g->rule_y >= 0 ? g->rule_y : g->msg_y;
	/* Side by side needs a preview at least as wide as the narrowest
	 * sheet and room for the fields' rows. */
	g->wide = w >= WIDE_MIN_COLS && g->top_rows >= 8;
	if (g->wide) {
		g->fw = w * 36 / 100;
		g->fw = g->fw < 24 ? 24 : g->fw > 40 ? 40 : g->fw;
		g->pw = w - g->fw - 1;
	}
}

/* The field column's rows, top to bottom (wide layout). */
static int field_rows(struct print_dialog *p, int n, struct frow *out)
{
	int gap = n >= 12 ? 1 : 0, k = 0;
	int pmax = n - 7 - 2 * gap;
	int np = p->printers.n ? (int)p->printers.n : 1;
	int pvis = np < pmax ? np : pmax;
	if (pvis < 1)
		pvis = 1;
	tui_list_resize(&p->plist, pvis);
	out[k++] = (struct frow){FR_HEAD, FIELD_LANG};
	for (int i = 0; i < 3; i++)
		out[k++] = (struct frow){FR_LANG, i};
	if (gap)
		out[k++] = (struct frow){FR_BLANK, 0};
	out[k++] = (struct frow){FR_HEAD, FIELD_PRINTER};
	if (!p->printers.n)
		out[k++] = (struct frow){FR_NO_PRINTER, 0};
	else
		for (int i = 0; i < pvis; i++)
			out[k++] = (struct frow){FR_PRINTER, (int)p->plist.top + i};
	if (gap)
		out[k++] = (struct frow){FR_BLANK, 0};
	out[k++] = (struct frow){FR_HEAD, FIELD_COPIES};
	out[k++] = (struct frow){FR_COPIES, 0};
	while (k < n)
		out[k++] = (struct frow){FR_BLANK, 0};
	return k;
}

static void draw_rule(struct tui *t, struct print_dialog *p, const struct geom *g, int y)
{
	struct tui_row *r = &t->row;
	tui_row_reset(r);
	for (int x = 0; x < g->w; x++)
		tui_row_glyph(r, g->wide && x == g->pw ? t->g->tee_up : t->g->hline,
			      ROLE_BORDER);
	tui_row_draw(r, p->win, y, ROLE_BORDER);
}

static void draw_message(struct tui *t, struct print_dialog *p, const struct geom *g, const struct sq_line *lines,
			 size_t n)
{
	struct tui_row *r = &t->row;
	static const enum tui_role roles[] = {
		[MSG_HINT] = ROLE_DIM, [MSG_INFO] = ROLE_STATUS,
		[MSG_PROGRESS] = ROLE_STATUS, [MSG_ERROR] = ROLE_ERROR,
	};
	enum tui_role role = roles[p->msg_kind];
	int cols = g->w - 2;
	for (int i = 0; i < g->msg_rows; i++) {
		tui_row_reset(r);
		tui_row_glyph(r, " ", ROLE_NORMAL);
		if ((size_t)i < n && cols > 0) {
			const char *s = p->msg.data + lines[i].off;
			/* The last row takes the rest, cut with a mark. */
			size_t len = i == g->msg_rows - 1 ? p->msg.len - lines[i].off
							   : lines[i].len;
			int w = sq_width(s, len);
			tui_row_text(r, s, len, w < cols ? w : cols, role, NULL, role);
		}
		tui_row_draw(r, p->win, g->msg_y + i, ROLE_NORMAL);
	}
}

static void draw_buttons(struct tui *t, struct print_dialog *p, const struct geom *g)
{
	struct tui_row *r = &t->row;
	static const struct {
		const char *key, *label;
		enum hit_kind kind;
	} idle[] = {
		{"Enter", N_("Print"), HIT_PRINT},
		{"s", N_("Save"), HIT_SAVE},
		{"Esc", N_("Close"), HIT_CLOSE},
	}, busy[] = {
		{"Esc", N_("Cancel printing"), HIT_CLOSE},
		{"s", N_("Save"), HIT_SAVE},
	};
	size_t n = p->pending ? sizeof busy / sizeof busy[0] : sizeof idle / sizeof idle[0];
	tui_row_reset(r);
	tui_row_glyph(r, " ", ROLE_NORMAL);
	for (size_t i = 0; i < n; i++) {
		const char *key = p->pending ? busy[i].key : idle[i].key;
		const char *label = _(p->pending ? busy[i].label : idle[i].label);
		int kw = sq_strwidth(key), lw = sq_strwidth(label);
		if (r->width + kw + 3 + lw + 1 > g->w)
			break;
		int x = r->width;
		tui_row_fill(r, 1, ROLE_KEY);
		tui_row_str(r, key, kw, ROLE_KEY);
		tui_row_fill(r, 1, ROLE_KEY);
		tui_row_glyph(r, " ", ROLE_BAR);
		tui_row_str(r, label, lw, ROLE_BAR);
		add_hit(p, g->button_y, x, r->width, p->pending ? busy[i].kind : idle[i].kind, 0);
		pad_to(r, r->width + 3 < g->w ? r->width + 3 : g->w, ROLE_NORMAL);
	}
	tui_row_draw(r, p->win, g->button_y, ROLE_NORMAL);
}

static void print_draw(struct tui *t, struct tui_frame *f)
{
	struct print_dialog *p = f->priv;
	if (!p->win || (!p->dirty && !f->dirty))
		return;
	struct tui_row *r = &t->row;
	struct geom g;
	struct sq_line *mlines = NULL;
	int mcols = getmaxx(p->win) - 2;
	size_t nm = p->msg.len ? sq_wrap(p->msg.data, p->msg.len, mcols > 1 ? mcols : 1, &mlines)
			       : 0;
	geometry(p, &g, nm);
	p->n_hits = 0;

	int text_w = (g.wide ? g.pw : g.w) - 2;
	ensure_lines(t, p, text_w < SQ_SHEET_MIN_WIDTH ? SQ_SHEET_MIN_WIDTH : text_w);
	p->preview_rows = g.wide ? g.top_rows - 1 : g.top_rows - 4;
	if (p->preview_rows < 0)
		p->preview_rows = 0;
	if (p->top > preview_max_top(p))
		p->top = preview_max_top(p);

	if (g.wide) {
		struct frow *rows = sq_xcalloc((size_t)g.top_rows, sizeof *rows);
		field_rows(p, g.top_rows, rows);
		for (int y = 0; y < g.top_rows; y++) {
			tui_row_reset(r);
			if (y == 0)
				draw_preview_heading(t, p, g.pw);
			else
				draw_preview_line(t, p, p->top + (size_t)(y - 1), g.pw);
			tui_row_glyph(r, t->g->vline, ROLE_BORDER);
			draw_field_row(t, p, &rows[y], y, g.fw);
			tui_row_draw(r, p->win, y, ROLE_NORMAL);
		}
		free(rows);
		p->pv_y0 = 0;
		p->pv_x1 = g.pw;
	} else {
		static const enum field fields[3] = {FIELD_LANG, FIELD_PRINTER, FIELD_COPIES};
		int lw = 0;
		for (int i = 0; i < 3; i++) {
			int w = sq_strwidth(field_label(fields[i]));
			lw = w > lw ? w : lw;
		}
		lw = lw + 2 > g.w / 3 ? g.w / 3 : lw + 2;
		tui_list_resize(&p->plist, 1);
		for (int y = 0; y < g.top_rows; y++) {
			tui_row_reset(r);
			if (y < 3)
				draw_compact_row(t, p, fields[y], y, g.w, lw);
			else if (y == 3)
				draw_preview_heading(t, p, g.w);
			else
				draw_preview_line(t, p, p->top + (size_t)(y - 4), g.w);
			tui_row_draw(r, p->win, y, ROLE_NORMAL);
		}
		p->pv_y0 = 3;
		p->pv_x1 = g.w;
	}
	p->pv_y1 = g.top_rows;
	if (g.rule_y >= 0)
		draw_rule(t, p, &g, g.rule_y);
	draw_message(t, p, &g, mlines, nm);
	draw_buttons(t, p, &g);
	free(mlines);
	wnoutrefresh(p->win);
	p->dirty = false;
}

/* ---- keys and the mouse ---- */

static void scroll_preview(struct print_dialog *p, long delta)
{
	size_t top = p->top;
	if (delta < 0)
		top = (size_t)-delta > top ? 0 : top - (size_t)-delta;
	else
		top += (size_t)delta;
	p->top = top > preview_max_top(p) ? preview_max_top(p) : top;
}

static void set_lang(struct print_dialog *p, int lang)
{
	if (lang < 0 || lang > SQ_SHEET_BOTH || lang == (int)p->lang)
		return;
	p->lang = (enum sq_sheet_lang)lang;
	drop_sheet(p);
	p->top = 0;
}

static void set_copies(struct print_dialog *p, int n)
{
	p->copies = n < 1 ? 1 : n > MAX_COPIES ? MAX_COPIES : n;
}

/* Left/Up (-1) or Right/Down (+1) in the focused field. */
static void change(struct tui *t, struct print_dialog *p, int dir, bool vertical)
{
	switch (p->focus) {
	case FIELD_LANG:
		set_lang(p, (int)p->lang + dir);
		break;
	case FIELD_PRINTER:
		tui_list_move(&p->plist, dir < 0 ? ACT_UP : ACT_DOWN);
		break;
	case FIELD_COPIES:
		/* Up is more, as on a spinner; Right is more, as on a scale. */
		set_copies(p, p->copies + (vertical ? -dir : dir));
		break;
	case FIELD_PREVIEW:
		if (vertical)
			scroll_preview(p, dir);
		break;
	default:
		break;
	}
}

static bool action(struct tui *t, struct print_dialog *p, enum tui_action act)
{
	long page = p->preview_rows > 1 ? p->preview_rows - 1 : 1;
	p->dirty = true;
	switch (act) {
	case ACT_CLOSE:
		if (p->pending)
			cancel(t, p);
		else
			close_dialog(t, p);
		return true;
	case ACT_OPEN:
		do_print(t, p);
		return true;
	case ACT_SAVE:
		do_save(t, p);
		return true;
	case ACT_NEXT_PANE:
		p->focus = (enum field)((p->focus + 1) % FIELD_COUNT);
		return true;
	case ACT_PREV_PANE:
		p->focus = (enum field)((p->focus + FIELD_COUNT - 1) % FIELD_COUNT);
		return true;
	case ACT_UP:
	case ACT_DOWN:
		change(t, p, act == ACT_UP ? -1 : 1, true);
		return true;
	case ACT_LEFT:
	case ACT_RIGHT:
		change(t, p, act == ACT_LEFT ? -1 : 1, false);
		return true;
	case ACT_PLUS:
	case ACT_MINUS:
		set_copies(p, p->copies + (act == ACT_PLUS ? 1 : -1));
		return true;
	case ACT_PGUP:
		scroll_preview(p, -page);
		return true;
	case ACT_PGDN:
		scroll_preview(p, page);
		return true;
	case ACT_HOME:
		p->top = 0;
		return true;
	case ACT_END:
		p->top = preview_max_top(p);
		return true;
	default:
		return false;
	}
}

static void print_mouse(struct tui *t, struct tui_frame *f, const MEVENT *ev)
{
	struct print_dialog *p = f->priv;
	if (!p->win)
		return;
	int y = ev->y - getbegy(p->win), x = ev->x;
	p->dirty = true;
	if (ev->bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		scroll_preview(p, ev->bstate & BUTTON4_PRESSED ? -3 : 3);
		return;
	}
	if (!(ev->bstate & BUTTON1_PRESSED))
		return;
	if (y >= p->pv_y0 && y < p->pv_y1 && x < p->pv_x1) {
		p->focus = FIELD_PREVIEW;
		return;
	}
	for (int i = 0; i < p->n_hits; i++) {
		const struct hit *h = &p->hits[i];
		if (y != h->y || x < h->x0 || x >= h->x1)
			continue;
		switch (h->kind) {
		case HIT_LANG:
			p->focus = FIELD_LANG;
			set_lang(p, h->value);
			break;
		case HIT_PRINTER:
			p->focus = FIELD_PRINTER;
			p->plist.sel = (uint32_t)h->value;
			tui_list_scroll_to_sel(&p->plist);
			break;
		case HIT_PREV_PRINTER:
		case HIT_NEXT_PRINTER:
			p->focus = FIELD_PRINTER;
			tui_list_move(&p->plist, h->kind == HIT_PREV_PRINTER ? ACT_UP : ACT_DOWN);
			break;
		case HIT_COPIES:
			p->focus = FIELD_COPIES;
			break;
		case HIT_MINUS:
		case HIT_PLUS:
			p->focus = FIELD_COPIES;
			set_copies(p, p->copies + (h->kind == HIT_PLUS ? 1 : -1));
			break;
		case HIT_PRINT:
			action(t, p, ACT_OPEN);
			break;
		case HIT_SAVE:
			action(t, p, ACT_SAVE);
			break;
		case HIT_CLOSE:
			action(t, p, ACT_CLOSE);
			break;
		}
		return;
	}
}

static bool print_action(struct tui *t, struct tui_frame *f, enum tui_action act)
{
	return action(t, f->priv, act);
}

static void print_layout(struct tui *t, struct tui_frame *f)
{
	struct print_dialog *p = f->priv;
	p->win = tui_body_window(t, p->win);
	if (p->msg_kind == MSG_HINT)
		hint(t, p); /* the interface language may have changed */
	p->dirty = true;
}

static void print_title(struct tui *t, struct tui_frame *f, struct sq_buf *left,
			struct sq_buf *right)
{
	struct print_dialog *p = f->priv;
	(void)right;
	sq_buf_adds(left, _("Print"));
	sq_buf_adds(left, t->g->crumb);
	sq_buf_adds(left, sq_comm_name(&t->model->comms[p->comm], t->lang));
}

static uint32_t print_current(struct tui *t, struct tui_frame *f)
{
	const struct print_dialog *p = f->priv;
	(void)t;
	return p->comm;
}

const struct tui_screen_type tui_print_type = {
	.name = "print",
	.keys = SCR_PRINT,
	.private_size = sizeof(struct print_dialog),
	.init = print_init,
	.done = print_done,
	.layout = print_layout,
	.draw = print_draw,
	.action = print_action,
	.mouse = print_mouse,
	.title = print_title,
	.current = print_current,
	.tick = print_tick,
	.retarget = print_retarget,
	.busy = print_busy,
};
