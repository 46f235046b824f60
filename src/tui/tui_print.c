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
 * How it looks is tui_print_draw.c's. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "kiosklog.h"
#include "tui_print.h"
#include "util.h"

/* The loop cannot poll sq_printdlg_fd beside the terminal: while CUPS is
 * waited for, the dialog looks this often, so that an answer shows at
 * once. */
#define CUPS_LOOK_MS 50

static struct sq_printdlg_session *session;

void tui_print_session_free(void)
{
	sq_printdlg_session_free(session);
	session = NULL;
}

/* ---- what happened ---- */

/* At a kiosk, a sheet saved or not saved goes to the log. */
static void log_saved(struct tui *t, struct print_dialog *p)
{
	const struct sq_print_saved *s = sq_printdlg_saved(p->d);
	if (t->opt->kiosk && s)
		sq_klog_save(s->path, s->what == SQ_SAVED_FAILED ? strerror(s->error) : NULL);
}

/* The dialog is done (printed, or cancelled as asked): its message goes to
 * the status line, where it stays after the dialog has closed. */
static void finish(struct tui *t, struct print_dialog *p)
{
	struct sq_buf m = {0};
	enum sq_pd_tone tone = sq_printdlg_message(p->d, &m);
	tui_status(t, tone == SQ_PD_TONE_ERROR, "%s", sq_buf_str(&m));
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
	if (busy_state(p->seen) && (st == SQ_PD_FAILED || st == SQ_PD_FINISHED) &&
	    t->opt->kiosk) {
		const struct sq_print_result *r = sq_printdlg_result(p->d);
		if (r)
			sq_klog_print(t->model->comms[p->comm].code, r, p->job_copies);
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
		tui_scroll_by(&p->pv, e == SQ_PD_SCROLL_UP ? -1 : 1);
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
	tui_print_drop_lines(p);
	free(p->hits);
	sq_buf_free(&p->note);
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

/* ---- keys and the mouse ---- */

/* The key table's actions and the dialog's. */
static const struct {
	enum tui_action act;
	enum sq_pd_action pd;
} actions[] = {
	{ACT_OPEN, SQ_PD_PRINT},         {ACT_SAVE, SQ_PD_SAVE},
	{ACT_CLOSE, SQ_PD_CLOSE},        {ACT_NEXT_PANE, SQ_PD_NEXT_FIELD},
	{ACT_PREV_PANE, SQ_PD_PREV_FIELD}, {ACT_UP, SQ_PD_UP},
	{ACT_DOWN, SQ_PD_DOWN},          {ACT_LEFT, SQ_PD_LEFT},
	{ACT_RIGHT, SQ_PD_RIGHT},        {ACT_PLUS, SQ_PD_MORE},
	{ACT_MINUS, SQ_PD_FEWER},
};

/* The dialog's action for a key's, if it is one. */
static bool dialog_action(enum tui_action act, enum sq_pd_action *out)
{
	for (size_t i = 0; i < SQ_ARRAY_LEN(actions); i++)
		if (actions[i].act == act) {
			*out = actions[i].pd;
			return true;
		}
	return false;
}

void tui_print_key_name(const struct tui *t, enum sq_pd_action a, char *out, size_t n)
{
	out[0] = '\0';
	for (size_t i = 0; i < SQ_ARRAY_LEN(actions); i++)
		if (actions[i].pd == a) {
			tui_action_key(actions[i].act, SCR_PRINT, t->ascii_labels, out, n);
			return;
		}
}

static bool print_action(struct tui *t, struct tui_frame *f, enum tui_action a)
{
	struct print_dialog *p = f->priv;
	enum sq_pd_action pa;
	bool moved;
	switch (a) {
	case ACT_PGUP:
	case ACT_PGDN:
	case ACT_HOME:
	case ACT_END:
		tui_scroll_act(&p->pv, a, &moved);
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
	case HIT_PREV:
	case HIT_NEXT:
		sq_printdlg_set_focus(p->d, (enum sq_pd_field)h->value);
		act(t, p, h->kind == HIT_PREV ? SQ_PD_LEFT : SQ_PD_RIGHT);
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
		tui_scroll_by(&p->pv, ev->bstate & BUTTON4_PRESSED ? -3 : 3);
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
	sq_buf_adds(left, sq_comm_name(&t->model->comms[p->comm], t->lang));
}

static uint32_t print_current(struct tui *t, struct tui_frame *f)
{
	const struct print_dialog *p = f->priv;
	return p->comm;
}

const struct tui_screen_type tui_print_type = {
	.name = "print",
	.keys = SCR_PRINT,
	.private_size = sizeof(struct print_dialog),
	.init = print_init,
	.done = print_done,
	.layout = print_layout,
	.draw = tui_print_draw,
	.action = print_action,
	.mouse = print_mouse,
	.title = print_title,
	.current = print_current,
	.tick = print_tick,
	.busy = print_busy,
	.bar_label = print_bar_label,
};
