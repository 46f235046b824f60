/* SPDX-License-Identifier: MIT */
/* Kiosk mode (--kiosk, or kiosk = yes in the configuration file): only a
 * staff key sequence quits; the terminal is raw, so Ctrl-C and Ctrl-Z are
 * plain keys and nothing suspends the program; after --idle seconds without
 * a key or a touch, a countdown on the status line, then everything goes back
 * to where a new visitor expects it. */
#include <signal.h>
#include <stdlib.h>
#include <time.h>

#include "datawatch.h"
#include "i18n.h"
#include "kiosklog.h"
#include "tui_int.h"
#include "tui_term.h"
#include "util.h"

struct tui_kiosk {
	int progress;         /* keys of the sequence (opt->quit_seq) typed so far */
	bool armed;           /* a key or touch since the last reset */
	double last;          /* when (sq_now) */
	int shown;            /* seconds on the countdown, 0: none shown */
	struct sq_datawatch *watch; /* the data file, for a newer one */
	struct sq_model *pending;   /* a newer data file, checked, not yet shown */
};

/* The staff sequence was checked when the settings were read (keyseq.h):
 * here its keys only get curses's codes. */
bool tui_kiosk_init(struct tui *t)
{
	t->kiosk = sq_xcalloc(1, sizeof *t->kiosk);
	return true;
}

void tui_kiosk_free(struct tui *t)
{
	if (t->kiosk) {
		sq_datawatch_free(t->kiosk->watch);
		sq_model_free(t->kiosk->pending);
	}
	free(t->kiosk);
	t->kiosk = NULL;
}

void tui_kiosk_stop(struct tui *t, int sig)
{
	if (!t->opt->kiosk)
		return;
	if (sig)
		sq_klog_stop_signal(sig);
	else
		sq_klog_stop_quit();
	sq_klog_close();
}

void tui_kiosk_resized(struct tui *t)
{
	if (t->opt->kiosk)
		sq_klog_terminal_size(t->geom.cols, t->geom.lines, TUI_MIN_COLS,
				      TUI_MIN_LINES);
}

void tui_kiosk_start(struct tui *t)
{
	if (!t->opt->kiosk)
		return;
	/* Raw: Ctrl-C, Ctrl-Z, Ctrl-\ and Ctrl-S arrive as keys instead of
	 * signals and flow control.  A stop sent by kill is ignored too; kill's
	 * SIGINT and SIGTERM still end the program, terminal restored. */
	raw();
	signal(SIGTSTP, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	sq_klog_open();
	sq_klog_start(t->opt->data_path, t->model);
	/* Without inotify the kiosk keeps its data until it is restarted:
	 * whoever looks after it must know. */
	struct sq_diag diag = {0};
	t->kiosk->watch = sq_datawatch_new(t->opt->data_path, &diag);
	if (!t->kiosk->watch)
		sq_klog_data_not_watched(t->opt->data_path, &diag);
	sq_diag_free(&diag);
}

/* A newer data file: checked in full now, shown at the next reset (or at
 * once on an untouched start screen); a broken one is refused, the log
 * saying why, and the data shown stays. */
static void check_data(struct tui *t)
{
	struct tui_kiosk *k = t->kiosk;
	if (!k->watch || !sq_datawatch_changed(k->watch))
		return;
	struct sq_diag diag = {0};
	struct sq_model *m = sq_datawatch_load(t->opt->data_path, &diag);
	if (m) {
		sq_model_free(k->pending);
		k->pending = m;
	} else {
		sq_klog_data_refused(t->opt->data_path, &diag);
	}
	sq_diag_free(&diag);
}

/* Show the newer data: never in the middle of someone's task. */
static void take_pending(struct tui *t)
{
	struct tui_kiosk *k = t->kiosk;
	if (!k->pending)
		return;
	sq_klog_data_loaded(t->opt->data_path, k->pending);
	tui_view_replace_own(t, k->pending); /* the panes start at the top */
	k->pending = NULL;
}

/* How long the countdown shows: the last 10 s, less for a short --idle so
 * that a second passes after a key before it appears. */
static int countdown_seconds(const struct tui *t)
{
	int n = t->opt->idle_seconds - 1;
	return n > 10 ? 10 : n < 1 ? 1 : n;
}

static void stop_countdown(struct tui *t)
{
	struct tui_kiosk *k = t->kiosk;
	if (k->shown)
		tui_status_clear(t);
	k->shown = 0;
}

int tui_kiosk_tick(struct tui *t)
{
	struct tui_kiosk *k = t->kiosk;
	if (!t->opt->kiosk)
		return 1000;
	check_data(t);
	if (!k->armed) {
		/* Untouched since the last reset: the start screen, nobody's. */
		if (k->pending && !t->top->below)
			take_pending(t);
		return 1000;
	}
	if (tui_busy(t)) {
		/* A print job being followed is someone's task going on: the
		 * idle time counts from when it is done. */
		stop_countdown(t);
		k->last = sq_now();
		return 1000;
	}
	int64_t left = (int64_t)((k->last + t->opt->idle_seconds - sq_now()) * 1000);
	if (left <= 0) {
		stop_countdown(t);
		k->armed = false;
		k->progress = 0;
		tui_home(t);
		take_pending(t);
		tui_status_clear(t);
		return 1000;
	}
	int64_t window = (int64_t)countdown_seconds(t) * 1000;
	if (left > window)
		return left - window < 1000 ? (int)(left - window) : 1000;
	int secs = (int)((left + 999) / 1000);
	if (secs != k->shown) {
		tui_status(t, true, _("Returning to the start in %d s \u2014 press any key"),
			   secs);
		k->shown = secs;
	}
	/* Wake when the number changes, not before. */
	int64_t next = left - (int64_t)(secs - 1) * 1000;
	return next < 1 ? 1 : next > 1000 ? 1000 : (int)next;
}

static int curses_code(enum sq_keycode c)
{
	static const int codes[] = {
		[SQ_KEYCODE_ENTER] = KEY_ENTER, [SQ_KEYCODE_BACKSPACE] = KEY_BACKSPACE,
		[SQ_KEYCODE_UP] = KEY_UP,       [SQ_KEYCODE_DOWN] = KEY_DOWN,
		[SQ_KEYCODE_LEFT] = KEY_LEFT,   [SQ_KEYCODE_RIGHT] = KEY_RIGHT,
		[SQ_KEYCODE_HOME] = KEY_HOME,   [SQ_KEYCODE_END] = KEY_END,
		[SQ_KEYCODE_PGUP] = KEY_PPAGE,  [SQ_KEYCODE_PGDN] = KEY_NPAGE,
		[SQ_KEYCODE_INSERT] = KEY_IC,   [SQ_KEYCODE_DELETE] = KEY_DC,
	};
	if (c >= SQ_KEYCODE_F1 && c <= SQ_KEYCODE_F63)
		return KEY_F((int)(c - SQ_KEYCODE_F1) + 1);
	return (size_t)c < sizeof codes / sizeof codes[0] ? codes[c] : 0;
}

static bool key_is(const struct sq_keystroke *k, bool fn, wint_t ch)
{
	if (fn)
		return k->code && (wint_t)curses_code(k->code) == ch;
	return ch && ((wint_t)k->ch[0] == ch || (wint_t)k->ch[1] == ch);
}

bool tui_kiosk_event(struct tui *t, int r, wint_t ch)
{
	struct tui_kiosk *k = t->kiosk;
	bool fn = r == KEY_CODE_YES;
	if (!t->opt->kiosk || (fn && ch == KEY_RESIZE))
		return false;
	bool mouse = fn && (ch == TUI_KEY_MOUSE_X10 || ch == TUI_KEY_MOUSE_SGR);
	k->last = sq_now();
	k->armed = true;
	if (k->shown) {
		/* The key or touch that stops the countdown does nothing else:
		 * a visitor tapping the screen must not open something. */
		stop_countdown(t);
		if (mouse) {
			MEVENT ev;
			tui_term_read_mouse((int)ch, &ev);
		}
		k->progress = 0;
		return true;
	}
	if (mouse)
		return false;
	const struct sq_keyseq *seq = &t->opt->quit_seq;
	if (key_is(&seq->keys[k->progress], fn, ch))
		k->progress++;
	else
		k->progress = key_is(&seq->keys[0], fn, ch) ? 1 : 0;
	if (k->progress == seq->n) {
		t->quit = true;
		return true;
	}
	return false;
}

void tui_kiosk_refuse_quit(struct tui *t)
{
	/* Never the sequence itself: the screen is public. */
	tui_status(t, false, "%s", _("Quitting is for staff"));
}
