/* SPDX-License-Identifier: MIT */
/* The print dialog on screen.  Everything that decides (the fields, the
 * job, what the message says, which buttons there are) is printdlg.h's;
 * this draws what it says and feeds it keys and clicks.  CUPS is never
 * waited for: the dialog's requests run on printq.h's threads, and the
 * tick hook takes their answers between keys, wherever the dialog sits
 * (a job that finishes under the help closes the dialog there).
 *
 * One session for the run of the interface: the printer chosen last (the
 * next dialog preselects it) and the request threads.  It is made with
 * the first dialog and freed by tui_print_session_free.
 *
 * Wide terminals get the preview on the left and the fields in a column on
 * the right; narrow ones the fields on three rows above the preview.  The
 * message and the buttons are at the bottom in both.  The message is shown
 * there only, and wrapped so that a path (a file, a directory, a socket)
 * stays whole on a line. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "kiosklog.h"
#include "printdlg.h"
#include "tui_int.h"
#include "util.h"

enum hit_kind {
	HIT_LANG,
	HIT_PRINTER,
	HIT_PREV_PRINTER,
	HIT_NEXT_PRINTER,
	HIT_COPIES,
	HIT_MINUS,
	HIT_PLUS,
	HIT_BUTTON, /* value: its enum sq_pd_action */
};

/* A place on the dialog a click or touch acts on (window coordinates). */
struct hit {
	int y, x0, x1;
	enum hit_kind kind;
	int value;
};

#define MAX_HITS 48
#define WIDE_MIN_COLS 60
/* The loop cannot poll sq_printdlg_fd beside the terminal: while CUPS is
 * waited for, the dialog looks this often, so that an answer shows at
 * once. */
#define CUPS_LOOK_MS 50

struct print_dialog {
	struct tui_frame *frame;
	struct sq_printdlg *d;
	const struct sq_model *model; /* the data d is on */
	uint32_t comm;
	char *code;             /* the community's, to follow it to another data set */
	enum sq_pd_state seen;  /* d's state when last looked at */
	int job_copies;         /* of the job being sent, for the kiosk's log */
	struct tui_list plist;  /* the printers' rows (wide layout) */
	const struct sq_sheet *sheet; /* the preview's lines are of this sheet ... */
	char **lines;
	size_t n_lines;
	int lines_width;        /* ... at this width */
	size_t top;
	int preview_rows;       /* as last drawn */
	int pv_y0, pv_y1, pv_x1; /* where the preview was drawn, for clicks */
	struct sq_buf note;     /* the printer field's note, as last drawn */
	WINDOW *win;
	bool dirty;
	struct hit hits[MAX_HITS];
	int n_hits;
};

static struct sq_printdlg_session *session;

void tui_print_session_free(void)
{
	sq_printdlg_session_free(session);
	session = NULL;
}

/* ---- the preview ---- */

static void drop_lines(struct print_dialog *p)
{
	sq_sheet_lines_free(p->lines, p->n_lines);
	p->lines = NULL;
	p->n_lines = 0;
	p->lines_width = 0;
	p->sheet = NULL;
}

static size_t preview_max_top(const struct print_dialog *p)
{
	size_t rows = p->preview_rows > 0 ? (size_t)p->preview_rows : 1;
	return p->n_lines > rows ? p->n_lines - rows : 0;
}

/* The sheet in the language chosen now, as lines of width cells; another
 * sheet (the language changed) starts at its top. */
static void ensure_lines(struct print_dialog *p, int width)
{
	const struct sq_sheet *sh = sq_printdlg_sheet(p->d);
	if (p->lines && p->sheet == sh && p->lines_width == width)
		return;
	if (p->sheet != sh)
		p->top = 0;
	sq_sheet_lines_free(p->lines, p->n_lines);
	p->n_lines = sq_sheet_lines(sh, width, &p->lines);
	p->lines_width = width;
	p->sheet = sh;
}

static void scroll_preview(struct print_dialog *p, long delta)
{
	size_t top = p->top;
	if (delta < 0)
		top = (size_t)-delta > top ? 0 : top - (size_t)-delta;
	else
		top += (size_t)delta;
	p->top = top > preview_max_top(p) ? preview_max_top(p) : top;
}

/* ---- what happened ---- */

static bool kiosk(const struct tui *t)
{
	return t->opt->kiosk;
}

/* At a kiosk, a sheet saved or not saved goes to the log. */
static void log_saved(struct tui *t, struct print_dialog *p)
{
	const struct sq_print_saved *s = sq_printdlg_saved(p->d);
	if (kiosk(t) && s)
		sq_klog_save(s->path, s->what == SQ_SAVED_FAILED ? strerror(s->error) : NULL);
}

/* The dialog is done (printed, or cancelled as asked): its message goes to
 * the status line, where it stays after the dialog has closed. */
static void finish(struct tui *t, struct print_dialog *p)
{
	struct sq_buf m = {0};
	enum sq_pd_tone tone = sq_printdlg_message(p->d, &m);
	sq_buf_str(&m);
	/* As much as the status line holds, cut between characters. */
	size_t n = 0;
	while (n < m.len) {
		size_t next = sq_next_grapheme(m.data, m.len, n);
		if (next <= n || next >= sizeof t->status)
			break;
		n = next;
	}
	tui_status(t, tone == SQ_PD_TONE_ERROR, "%.*s", (int)n, m.data);
	sq_buf_free(&m);
	tui_close(t, p->frame);
}

static bool busy_state(enum sq_pd_state st)
{
	return st == SQ_PD_SENDING || st == SQ_PD_PRINTING || st == SQ_PD_CANCELLING;
}

/* After a tick or an action: a job that ended is logged at a kiosk, a
 * dialog that is done closes, and the key bar follows the state (it offers
 * what works in it). */
static void follow_state(struct tui *t, struct print_dialog *p)
{
	enum sq_pd_state st = sq_printdlg_state(p->d);
	if (st == p->seen)
		return;
	if (!busy_state(p->seen) && busy_state(st))
		p->job_copies = sq_printdlg_copies(p->d);
	if (busy_state(p->seen) && (st == SQ_PD_FAILED || st == SQ_PD_FINISHED) && kiosk(t)) {
		const struct sq_print_result *r = sq_printdlg_result(p->d);
		if (r)
			sq_klog_print(p->code, r, p->job_copies);
		log_saved(t, p);
	}
	p->seen = st;
	p->dirty = true;
	t->dirty_bar = true;
	if (st == SQ_PD_FINISHED)
		finish(t, p);
}

static void act(struct tui *t, struct print_dialog *p, enum sq_pd_action a)
{
	enum sq_pd_effect e = sq_printdlg_act(p->d, a);
	switch (e) {
	case SQ_PD_IGNORED:
		return;
	case SQ_PD_CLOSED:
		tui_close(t, p->frame);
		return;
	case SQ_PD_SCROLL_UP:
	case SQ_PD_SCROLL_DOWN:
		scroll_preview(p, e == SQ_PD_SCROLL_UP ? -1 : 1);
		break;
	case SQ_PD_CHANGED:
		break;
	}
	p->dirty = true;
	if (a == SQ_PD_SAVE)
		log_saved(t, p);
	follow_state(t, p);
}

/* ---- the hooks ---- */

static bool print_init(struct tui *t, struct tui_frame *f, const void *arg)
{
	struct print_dialog *p = f->priv;
	if (!HAVE_PRINTING) {
		tui_status(t, true, "%s", _("This shequ was built without printing"));
		return false;
	}
	if (!session)
		session = sq_printdlg_session_new();
	p->frame = f;
	p->comm = *(const uint32_t *)arg;
	p->model = t->model;
	p->code = sq_xstrdup(t->model->comms[p->comm].code);
	p->d = sq_printdlg_open(session, t->model, p->comm, t->opt);
	p->seen = sq_printdlg_state(p->d);
	p->plist = (struct tui_list){.rows = 1};
	return true;
}

static void print_done(struct tui *t, struct tui_frame *f)
{
	struct print_dialog *p = f->priv;
	(void)t;
	/* A job still being followed is left to CUPS: quitting does not unprint. */
	sq_printdlg_free(p->d);
	drop_lines(p);
	sq_buf_free(&p->note);
	free(p->code);
	tui_free_window(&p->win);
}

static int print_tick(struct tui *t, struct tui_frame *f)
{
	struct print_dialog *p = f->priv;
	if (sq_printdlg_tick(p->d))
		p->dirty = true;
	follow_state(t, p);
	int ms = sq_printdlg_wait_ms(p->d);
	return ms < 0 ? -1 : ms < CUPS_LOOK_MS ? ms : CUPS_LOOK_MS;
}

static bool print_busy(struct tui *t, struct tui_frame *f)
{
	const struct print_dialog *p = f->priv;
	(void)t;
	return sq_printdlg_busy(p->d);
}

/* The same community in the other data set, by its code: a fresh dialog
 * with the same choices.  A dialog following a job stays with it, on the
 * data it was opened on (which must outlive the dialog). */
static bool print_retarget(struct tui *t, struct tui_frame *f,
			   const struct sq_model *old)
{
	struct print_dialog *p = f->priv;
	uint32_t found;
	(void)old;
	if (sq_printdlg_busy(p->d))
		return true;
	if (sq_model_find(t->model, p->code, &found, 1) != 1)
		return false;
	enum sq_sheet_lang lang = sq_printdlg_lang(p->d);
	int copies = sq_printdlg_copies(p->d);
	enum sq_pd_field focus = sq_printdlg_focus(p->d);
	sq_printdlg_free(p->d);
	p->d = sq_printdlg_open(session, t->model, found, t->opt);
	sq_printdlg_set_lang(p->d, lang);
	sq_printdlg_set_copies(p->d, copies);
	sq_printdlg_set_focus(p->d, focus);
	p->model = t->model;
	p->comm = found;
	p->seen = sq_printdlg_state(p->d);
	drop_lines(p);
	p->top = 0;
	p->dirty = true;
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
enum frow_kind { FR_BLANK, FR_HEAD, FR_LANG, FR_PRINTER, FR_NOTE, FR_COPIES };

struct frow {
	enum frow_kind kind;
	int value; /* the field of a heading, the language, the printer */
	size_t off, len; /* a line of the note */
};

static const char *field_label(enum sq_pd_field f)
{
	static const char *const names[SQ_PD_FIELDS] = {
		[SQ_PD_FIELD_LANG] = N_("Language"),
		[SQ_PD_FIELD_PRINTER] = N_("Printer"),
		[SQ_PD_FIELD_COPIES] = N_("Copies"),
		[SQ_PD_FIELD_PREVIEW] = N_("Preview"),
	};
	return _(names[f]);
}

static bool focused(const struct print_dialog *p, enum sq_pd_field f)
{
	return sq_printdlg_focus(p->d) == f;
}

static void add_hit(struct print_dialog *p, int y, int x0, int x1, enum hit_kind kind,
		    int value)
{
	if (p->n_hits < MAX_HITS && x1 > x0)
		p->hits[p->n_hits++] = (struct hit){y, x0, x1, kind, value};
}

static enum tui_role heading_role(const struct print_dialog *p, enum sq_pd_field f)
{
	return focused(p, f) ? ROLE_HEADING_FOCUS : ROLE_HEADING;
}

/* A printer's name and tags ("default, stopped") in exactly cols cells. */
static void printer_text(struct tui *t, const struct sq_printer *pr, int cols,
			 enum tui_role role)
{
	struct tui_row *r = &t->row;
	struct sq_buf *tags = &t->buf2;
	sq_buf_reset(tags);
	sq_printdlg_printer_tags(pr, tags);
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
	tui_row_pad_to(r, end, role);
}

/* The printer field's note ("Asking CUPS…", "No default printer: choose
 * one") in cols cells, dimmed; false when there is none. */
static bool printer_note(struct tui *t, const struct print_dialog *p, int cols)
{
	struct sq_buf *note = &t->buf2;
	sq_buf_reset(note);
	if (!sq_printdlg_printer_note(p->d, note))
		return false;
	tui_row_str(&t->row, sq_buf_str(note), cols, ROLE_DIM);
	return true;
}

static void draw_copies(struct tui *t, struct print_dialog *p, int y, int end)
{
	struct tui_row *r = &t->row;
	char num[16];
	snprintf(num, sizeof num, " %d ", sq_printdlg_copies(p->d));
	int x = r->width;
	tui_row_str(r, "[-]", 3, ROLE_KEY);
	add_hit(p, y, x, r->width, HIT_MINUS, 0);
	tui_row_glyph(r, " ", ROLE_NORMAL);
	x = r->width;
	tui_row_str(r, num, sq_strwidth(num),
		    focused(p, SQ_PD_FIELD_COPIES) ? ROLE_SEL : ROLE_NORMAL);
	add_hit(p, y, x, r->width, HIT_COPIES, 0);
	tui_row_glyph(r, " ", ROLE_NORMAL);
	x = r->width;
	tui_row_str(r, "[+]", 3, ROLE_KEY);
	add_hit(p, y, x, r->width, HIT_PLUS, 0);
	tui_row_pad_to(r, end, ROLE_NORMAL);
}

/* A choice of a field (a language, a printer) is highlighted when it is
 * the one chosen and the field has the focus. */
static enum tui_role choice_role(const struct print_dialog *p, enum sq_pd_field f,
				 bool chosen)
{
	return chosen && focused(p, f) ? ROLE_SEL : ROLE_NORMAL;
}

/* A row of the field column (wide layout), exactly cols cells. */
static void draw_field_row(struct tui *t, struct print_dialog *p, const struct frow *f,
			   int y, int cols)
{
	struct tui_row *r = &t->row;
	int x0 = r->width, end = x0 + cols;
	tui_row_glyph(r, " ", ROLE_NORMAL);
	switch (f->kind) {
	case FR_BLANK:
		break;
	case FR_HEAD:
		tui_row_str(r, field_label((enum sq_pd_field)f->value), cols - 2,
			    heading_role(p, (enum sq_pd_field)f->value));
		break;
	case FR_LANG: {
		bool chosen = (int)sq_printdlg_lang(p->d) == f->value;
		enum tui_role role = choice_role(p, SQ_PD_FIELD_LANG, chosen);
		tui_row_str(r, chosen ? "(*) " : "( ) ", 4, role);
		tui_row_str(r, sq_printdlg_lang_name((enum sq_sheet_lang)f->value), cols - 6,
			    role);
		add_hit(p, y, x0, end, HIT_LANG, f->value);
		break;
	}
	case FR_PRINTER: {
		bool chosen = sq_printdlg_printer(p->d) == f->value;
		enum tui_role role = choice_role(p, SQ_PD_FIELD_PRINTER, chosen);
		tui_row_str(r, chosen ? "(*) " : "( ) ", 4, role);
		printer_text(t, &sq_printdlg_printers(p->d)->v[f->value], cols - 6, role);
		add_hit(p, y, x0, end, HIT_PRINTER, f->value);
		break;
	}
	case FR_NOTE:
		tui_row_text(r, p->note.data + f->off, f->len, cols - 2, ROLE_DIM, NULL,
			     ROLE_DIM);
		break;
	case FR_COPIES:
		draw_copies(t, p, y, end - 1);
		break;
	}
	tui_row_pad_to(r, end, ROLE_NORMAL);
}

/* The printer on one row (narrow layout): < name >, in avail cells. */
static void draw_compact_printer(struct tui *t, struct print_dialog *p, int y, int avail)
{
	struct tui_row *r = &t->row;
	const struct sq_printer_list *l = sq_printdlg_printers(p->d);
	long sel = sq_printdlg_printer(p->d);
	enum tui_role role = focused(p, SQ_PD_FIELD_PRINTER) ? ROLE_SEL : ROLE_NORMAL;
	if (!l->n) {
		printer_note(t, p, avail);
		return;
	}
	if (avail < 8) {
		if (sel >= 0)
			printer_text(t, &l->v[sel], avail, role);
		else
			printer_note(t, p, avail);
		return;
	}
	int x = r->width;
	tui_row_str(r, "<", 1, ROLE_KEY);
	add_hit(p, y, x, r->width, HIT_PREV_PRINTER, 0);
	tui_row_glyph(r, " ", ROLE_NORMAL);
	x = r->width;
	if (sel >= 0)
		printer_text(t, &l->v[sel], avail - 4, role);
	else
		printer_note(t, p, avail - 4);
	add_hit(p, y, x, r->width, sel >= 0 ? HIT_PRINTER : HIT_NEXT_PRINTER, (int)sel);
	tui_row_glyph(r, " ", ROLE_NORMAL);
	x = r->width;
	tui_row_str(r, ">", 1, ROLE_KEY);
	add_hit(p, y, x, r->width, HIT_NEXT_PRINTER, 0);
}

/* A field on one row (narrow layout): label, then the value. */
static void draw_compact_row(struct tui *t, struct print_dialog *p, enum sq_pd_field fld,
			     int y, int cols, int lw)
{
	struct tui_row *r = &t->row;
	int end = r->width + cols, vend = end - 1;
	tui_row_glyph(r, " ", ROLE_NORMAL);
	tui_row_str(r, field_label(fld), lw, heading_role(p, fld));
	switch (fld) {
	case SQ_PD_FIELD_LANG:
		for (int i = SQ_SHEET_ZH; i <= SQ_SHEET_BOTH; i++) {
			const char *name = sq_printdlg_lang_name((enum sq_sheet_lang)i);
			int w = sq_strwidth(name) + 2;
			if (r->width + w > vend)
				break;
			bool chosen = (int)sq_printdlg_lang(p->d) == i;
			enum tui_role role = !chosen ? ROLE_NORMAL
					     : focused(p, fld) ? ROLE_SEL : ROLE_SEL_DIM;
			int x = r->width;
			tui_row_glyph(r, " ", role);
			tui_row_str(r, name, w - 2, role);
			tui_row_glyph(r, " ", role);
			add_hit(p, y, x, r->width, HIT_LANG, i);
			if (r->width < vend)
				tui_row_glyph(r, " ", ROLE_NORMAL);
		}
		break;
	case SQ_PD_FIELD_PRINTER:
		draw_compact_printer(t, p, y, vend - r->width);
		break;
	case SQ_PD_FIELD_COPIES:
		if (vend - r->width >= 13)
			draw_copies(t, p, y, vend);
		break;
	default:
		break;
	}
	tui_row_pad_to(r, end, ROLE_NORMAL);
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
	tui_row_str(r, field_label(SQ_PD_FIELD_PREVIEW), cols - 2 - posw,
		    heading_role(p, SQ_PD_FIELD_PREVIEW));
	if (posw)
		tui_row_str_right(r, pos, posw, ROLE_DIM);
	tui_row_pad_to(r, end, ROLE_NORMAL);
}

static void draw_preview_line(struct tui *t, struct print_dialog *p, size_t i, int cols)
{
	struct tui_row *r = &t->row;
	int end = r->width + cols;
	if (i < p->n_lines) {
		tui_row_glyph(r, " ", ROLE_NORMAL);
		tui_row_str(r, p->lines[i], cols - 2, ROLE_NORMAL);
	}
	tui_row_pad_to(r, end, ROLE_NORMAL);
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

/* The field column's rows, top to bottom (wide layout): n rows, n >= 8,
 * of cols cells. */
static void field_rows(struct print_dialog *p, int n, int cols, struct frow *out)
{
	const struct sq_printer_list *l = sq_printdlg_printers(p->d);
	int gap = n >= 12 ? 1 : 0, k = 0;
	/* The printer field gets what the others leave: its note, wrapped
	 * (all of it when there is no printer), then as many printers as fit. */
	int avail = n - 7 - 2 * gap, np = (int)l->n;
	sq_buf_reset(&p->note);
	struct sq_line *note = NULL;
	size_t nn = sq_printdlg_printer_note(p->d, &p->note)
			    ? sq_wrap(p->note.data, p->note.len, cols - 2, &note) : 0;
	int note_rows = np ? avail - 1 : avail;
	note_rows = (int)nn < note_rows ? (int)nn : note_rows > 0 ? note_rows : 0;
	int pvis = avail - note_rows < np ? avail - note_rows : np;
	long sel = sq_printdlg_printer(p->d);
	p->plist.rows = pvis > 0 ? pvis : 1;
	tui_list_set(&p->plist, (uint32_t)np, sel < 0 ? 0 : (uint32_t)sel, p->plist.top);
	out[k++] = (struct frow){FR_HEAD, SQ_PD_FIELD_LANG, 0, 0};
	for (int i = SQ_SHEET_ZH; i <= SQ_SHEET_BOTH; i++)
		out[k++] = (struct frow){FR_LANG, i, 0, 0};
	if (gap)
		out[k++] = (struct frow){FR_BLANK, 0, 0, 0};
	out[k++] = (struct frow){FR_HEAD, SQ_PD_FIELD_PRINTER, 0, 0};
	for (int i = 0; i < note_rows; i++)
		/* The last row takes the rest, cut with a mark. */
		out[k++] = (struct frow){FR_NOTE, 0, note[i].off,
					 i == note_rows - 1 ? p->note.len - note[i].off
							    : note[i].len};
	for (int i = 0; i < pvis; i++)
		out[k++] = (struct frow){FR_PRINTER, (int)p->plist.top + i, 0, 0};
	if (gap)
		out[k++] = (struct frow){FR_BLANK, 0, 0, 0};
	out[k++] = (struct frow){FR_HEAD, SQ_PD_FIELD_COPIES, 0, 0};
	out[k++] = (struct frow){FR_COPIES, 0, 0, 0};
	while (k < n)
		out[k++] = (struct frow){FR_BLANK, 0, 0, 0};
	free(note);
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

/* ---- the message ---- */

/* A path begins at a '/' that starts the text or follows a blank, an
 * opening bracket or quote, or text that is not ASCII (Chinese runs into
 * it). */
static bool path_starts(const char *s, size_t i)
{
	if (s[i] != '/')
		return false;
	unsigned char c = i ? (unsigned char)s[i - 1] : ' ';
	return c == ' ' || c == '(' || c == '\'' || c == '"' || c >= 0x80;
}

/* It ends before a blank or text that is not ASCII, and before the
 * punctuation that closes a sentence or a quote after it. */
static size_t path_end(const char *s, size_t n, size_t i)
{
	size_t e = i;
	while (e < n && s[e] != ' ' && s[e] != '\n' && (unsigned char)s[e] < 0x80)
		e++;
	while (e > i + 1 && strchr(".,;:)'\"?!", s[e - 1]))
		e--;
	return e;
}

/* sq_wrap, except that a line never ends inside a path: a path that would
 * be broken starts the next line instead (one wider than a line is still
 * broken where it must be). */
static size_t wrap_message(const char *s, size_t n, int cols, struct sq_line **out)
{
	struct sq_line *v = NULL;
	size_t nv = 0, pos = 0;
	do {
		struct sq_line *l;
		size_t k = sq_wrap(s + pos, n - pos, cols, &l);
		size_t off = pos + l[0].off, len = l[0].len;
		size_t next = k > 1 ? pos + l[1].off : n;
		free(l);
		for (size_t i = off + 1; next < n && i < off + len; i++) {
			if (path_starts(s, i) && path_end(s, n, i) > off + len) {
				for (len = i - off; len && s[off + len - 1] == ' ';)
					len--;
				next = i;
				break;
			}
		}
		if (next <= pos)
			next = sq_next_grapheme(s, n, pos);
		v = sq_xreallocarray(v, nv + 1, sizeof *v);
		v[nv++] = (struct sq_line){off, len, sq_width(s + off, len)};
		pos = next;
	} while (pos < n);
	*out = v;
	return nv;
}

static void draw_message(struct tui *t, struct print_dialog *p, const struct geom *g,
			 const struct sq_buf *msg, enum sq_pd_tone tone,
			 const struct sq_line *lines, size_t n)
{
	struct tui_row *r = &t->row;
	static const enum tui_role roles[] = {
		[SQ_PD_TONE_HINT] = ROLE_DIM, [SQ_PD_TONE_INFO] = ROLE_STATUS,
		[SQ_PD_TONE_PROGRESS] = ROLE_STATUS, [SQ_PD_TONE_ERROR] = ROLE_ERROR,
	};
	enum tui_role role = roles[tone];
	int cols = g->w - 2;
	for (int i = 0; i < g->msg_rows; i++) {
		tui_row_reset(r);
		tui_row_glyph(r, " ", ROLE_NORMAL);
		if ((size_t)i < n && cols > 0) {
			const char *s = msg->data + lines[i].off;
			/* The last row takes the rest, cut with a mark. */
			size_t len = i == g->msg_rows - 1 ? msg->len - lines[i].off
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
	struct sq_pd_button b[SQ_PD_MAX_BUTTONS];
	size_t n = sq_printdlg_buttons(p->d, b);
	tui_row_reset(r);
	tui_row_glyph(r, " ", ROLE_NORMAL);
	for (size_t i = 0; i < n; i++) {
		int kw = sq_strwidth(b[i].key), lw = sq_strwidth(b[i].label);
		if (r->width + kw + 3 + lw + 1 > g->w)
			break;
		int x = r->width;
		tui_row_fill(r, 1, ROLE_KEY);
		tui_row_str(r, b[i].key, kw, ROLE_KEY);
		tui_row_fill(r, 1, ROLE_KEY);
		tui_row_glyph(r, " ", ROLE_BAR);
		tui_row_str(r, b[i].label, lw, ROLE_BAR);
		add_hit(p, g->button_y, x, r->width, HIT_BUTTON, (int)b[i].action);
		tui_row_pad_to(r, r->width + 3 < g->w ? r->width + 3 : g->w, ROLE_NORMAL);
	}
	tui_row_draw(r, p->win, g->button_y, ROLE_NORMAL);
}

/* Preview left, fields right. */
static void draw_wide(struct tui *t, struct print_dialog *p, const struct geom *g)
{
	struct tui_row *r = &t->row;
	struct frow *rows = sq_xcalloc((size_t)g->top_rows, sizeof *rows);
	field_rows(p, g->top_rows, g->fw, rows);
	for (int y = 0; y < g->top_rows; y++) {
		tui_row_reset(r);
		if (y == 0)
			draw_preview_heading(t, p, g->pw);
		else
			draw_preview_line(t, p, p->top + (size_t)(y - 1), g->pw);
		tui_row_glyph(r, t->g->vline, ROLE_BORDER);
		draw_field_row(t, p, &rows[y], y, g->fw);
		tui_row_draw(r, p->win, y, ROLE_NORMAL);
	}
	free(rows);
	p->pv_y0 = 0;
	p->pv_x1 = g->pw;
}

/* The fields on three rows, the preview under them. */
static void draw_narrow(struct tui *t, struct print_dialog *p, const struct geom *g)
{
	static const enum sq_pd_field fields[3] = {SQ_PD_FIELD_LANG, SQ_PD_FIELD_PRINTER,
						   SQ_PD_FIELD_COPIES};
	struct tui_row *r = &t->row;
	int lw = 0;
	for (int i = 0; i < 3; i++) {
		int w = sq_strwidth(field_label(fields[i]));
		lw = w > lw ? w : lw;
	}
	lw = lw + 2 > g->w / 3 ? g->w / 3 : lw + 2;
	for (int y = 0; y < g->top_rows; y++) {
		tui_row_reset(r);
		if (y < 3)
			draw_compact_row(t, p, fields[y], y, g->w, lw);
		else if (y == 3)
			draw_preview_heading(t, p, g->w);
		else
			draw_preview_line(t, p, p->top + (size_t)(y - 4), g->w);
		tui_row_draw(r, p->win, y, ROLE_NORMAL);
	}
	p->pv_y0 = 3;
	p->pv_x1 = g->w;
}

static void print_draw(struct tui *t, struct tui_frame *f)
{
	struct print_dialog *p = f->priv;
	if (!p->win || (!p->dirty && !f->dirty))
		return;
	struct geom g;
	struct sq_buf msg = {0};
	struct sq_line *mlines = NULL;
	enum sq_pd_tone tone = sq_printdlg_message(p->d, &msg);
	sq_buf_str(&msg);
	int mcols = getmaxx(p->win) - 2;
	size_t nm = wrap_message(msg.data, msg.len, mcols > 1 ? mcols : 1, &mlines);
	geometry(p, &g, nm);
	p->n_hits = 0;

	int text_w = (g.wide ? g.pw : g.w) - 2;
	ensure_lines(p, text_w < SQ_SHEET_MIN_WIDTH ? SQ_SHEET_MIN_WIDTH : text_w);
	p->preview_rows = g.wide ? g.top_rows - 1 : g.top_rows - 4;
	if (p->preview_rows < 0)
		p->preview_rows = 0;
	if (p->top > preview_max_top(p))
		p->top = preview_max_top(p);
	if (g.wide)
		draw_wide(t, p, &g);
	else
		draw_narrow(t, p, &g);
	p->pv_y1 = g.top_rows;
	if (g.rule_y >= 0)
		draw_rule(t, p, &g, g.rule_y);
	draw_message(t, p, &g, &msg, tone, mlines, nm);
	draw_buttons(t, p, &g);
	free(mlines);
	sq_buf_free(&msg);
	wnoutrefresh(p->win);
	p->dirty = false;
}

/* ---- keys and the mouse ---- */

/* The dialog's action for a key's, if it is one. */
static bool dialog_action(enum tui_action act, enum sq_pd_action *out)
{
	static const struct {
		enum tui_action act;
		enum sq_pd_action pd;
	} map[] = {
		{ACT_OPEN, SQ_PD_PRINT},         {ACT_SAVE, SQ_PD_SAVE},
		{ACT_CLOSE, SQ_PD_CLOSE},        {ACT_NEXT_PANE, SQ_PD_NEXT_FIELD},
		{ACT_PREV_PANE, SQ_PD_PREV_FIELD}, {ACT_UP, SQ_PD_UP},
		{ACT_DOWN, SQ_PD_DOWN},          {ACT_LEFT, SQ_PD_LEFT},
		{ACT_RIGHT, SQ_PD_RIGHT},        {ACT_PLUS, SQ_PD_MORE},
		{ACT_MINUS, SQ_PD_FEWER},
	};
	for (size_t i = 0; i < SQ_ARRAY_LEN(map); i++)
		if (map[i].act == act) {
			*out = map[i].pd;
			return true;
		}
	return false;
}

static bool print_action(struct tui *t, struct tui_frame *f, enum tui_action a)
{
	struct print_dialog *p = f->priv;
	long page = p->preview_rows > 1 ? p->preview_rows - 1 : 1;
	enum sq_pd_action pa;
	switch (a) {
	case ACT_PGUP:
	case ACT_PGDN:
		scroll_preview(p, a == ACT_PGUP ? -page : page);
		break;
	case ACT_HOME:
		p->top = 0;
		break;
	case ACT_END:
		p->top = preview_max_top(p);
		break;
	default:
		if (!dialog_action(a, &pa))
			return false;
		act(t, p, pa);
		return true;
	}
	p->dirty = true;
	return true;
}

/* The key bar offers what the dialog offers now, named as its buttons are
 * ("Print again", "Cancel printing"). */
static const char *print_bar_label(struct tui *t, struct tui_frame *f,
				   enum tui_action a, const char *label)
{
	const struct print_dialog *p = f->priv;
	enum sq_pd_action pa;
	(void)t;
	if (!dialog_action(a, &pa))
		return label;
	if (!sq_printdlg_offers(p->d, pa))
		return NULL;
	struct sq_pd_button b[SQ_PD_MAX_BUTTONS];
	size_t n = sq_printdlg_buttons(p->d, b);
	for (size_t i = 0; i < n; i++)
		if (b[i].action == pa)
			return b[i].label;
	return label;
}

static void click(struct tui *t, struct print_dialog *p, const struct hit *h)
{
	switch (h->kind) {
	case HIT_LANG:
		sq_printdlg_set_focus(p->d, SQ_PD_FIELD_LANG);
		sq_printdlg_set_lang(p->d, (enum sq_sheet_lang)h->value);
		break;
	case HIT_PRINTER:
		sq_printdlg_set_focus(p->d, SQ_PD_FIELD_PRINTER);
		sq_printdlg_set_printer(p->d, h->value);
		break;
	case HIT_PREV_PRINTER:
	case HIT_NEXT_PRINTER:
		sq_printdlg_set_focus(p->d, SQ_PD_FIELD_PRINTER);
		act(t, p, h->kind == HIT_PREV_PRINTER ? SQ_PD_LEFT : SQ_PD_RIGHT);
		break;
	case HIT_COPIES:
		sq_printdlg_set_focus(p->d, SQ_PD_FIELD_COPIES);
		break;
	case HIT_MINUS:
	case HIT_PLUS:
		sq_printdlg_set_focus(p->d, SQ_PD_FIELD_COPIES);
		act(t, p, h->kind == HIT_PLUS ? SQ_PD_MORE : SQ_PD_FEWER);
		break;
	case HIT_BUTTON:
		act(t, p, (enum sq_pd_action)h->value);
		break;
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
		sq_printdlg_set_focus(p->d, SQ_PD_FIELD_PREVIEW);
		return;
	}
	for (int i = 0; i < p->n_hits; i++) {
		const struct hit *h = &p->hits[i];
		if (y == h->y && x >= h->x0 && x < h->x1) {
			click(t, p, h);
			return;
		}
	}
}

static void print_layout(struct tui *t, struct tui_frame *f)
{
	struct print_dialog *p = f->priv;
	p->win = tui_body_window(t, p->win);
	p->dirty = true; /* the message and the labels in the language of now */
}

static void print_title(struct tui *t, struct tui_frame *f, struct sq_buf *left,
			struct sq_buf *right)
{
	struct print_dialog *p = f->priv;
	(void)right;
	sq_buf_adds(left, _("Print"));
	sq_buf_adds(left, t->g->crumb);
	sq_buf_adds(left, sq_comm_name(&p->model->comms[p->comm], t->lang));
}

static uint32_t print_current(struct tui *t, struct tui_frame *f)
{
	const struct print_dialog *p = f->priv;
	return p->model == t->model ? p->comm : UINT32_MAX;
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
	.bar_label = print_bar_label,
};
