/* SPDX-License-Identifier: MIT */
/* Kiosk mode (--kiosk, or kiosk = yes in the configuration file): only a
 * staff key sequence quits; the terminal is raw, so Ctrl-C and Ctrl-Z are
 * plain keys and nothing suspends the program; after --idle seconds without
 * a key or a touch, a countdown on the status line, then everything goes back
 * to where a new visitor expects it. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistr.h>

#include "datawatch.h"
#include "i18n.h"
#include "kiosklog.h"
#include "paths.h"
#include "settings.h"
#include "tui_int.h"
#include "tui_term.h"
#include "util.h"

/* One key of the staff quit sequence: a curses KEY_* code and/or up to two
 * characters (Enter is \r or \n or KEY_ENTER). */
struct kiosk_key {
	int code;
	wint_t ch[2];
};

#define MAX_KEYS 16

struct tui_kiosk {
	struct kiosk_key seq[MAX_KEYS];
	int n_seq, progress;  /* keys of the sequence typed so far */
	bool armed;           /* a key or touch since the last reset */
	double last;          /* when (sq_now) */
	int shown;            /* seconds on the countdown, 0: none shown */
	struct sq_datawatch *watch; /* the data file, for a newer one */
	struct sq_model *pending;   /* a newer data file, checked, not yet shown */
};

/* Names a staff member can write in quit-keys, besides single characters
 * and C-x / F<n>. */
static const struct {
	const char *name;
	int code;
	wint_t ch[2];
} named_keys[] = {
	{"Esc", 0, {0x1b}},        {"Escape", 0, {0x1b}},
	{"Enter", KEY_ENTER, {'\r', '\n'}}, {"Return", KEY_ENTER, {'\r', '\n'}},
	{"RET", KEY_ENTER, {'\r', '\n'}},
	{"Tab", 0, {'\t'}},        {"TAB", 0, {'\t'}},
	{"Space", 0, {' '}},       {"SPC", 0, {' '}},
	{"Backspace", KEY_BACKSPACE, {0x7f, 0x08}}, {"BS", KEY_BACKSPACE, {0x7f, 0x08}},
	{"Up", KEY_UP, {0}},       {"Down", KEY_DOWN, {0}},
	{"Left", KEY_LEFT, {0}},   {"Right", KEY_RIGHT, {0}},
	{"Home", KEY_HOME, {0}},   {"End", KEY_END, {0}},
	{"PgUp", KEY_PPAGE, {0}},  {"PageUp", KEY_PPAGE, {0}},
	{"PgDn", KEY_NPAGE, {0}},  {"PageDown", KEY_NPAGE, {0}},
	{"Insert", KEY_IC, {0}},   {"Ins", KEY_IC, {0}},
	{"Delete", KEY_DC, {0}},   {"Del", KEY_DC, {0}},
};

static bool parse_key(const char *name, struct kiosk_key *k)
{
	memset(k, 0, sizeof *k);
	size_t len = strlen(name);
	for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
		if (strcasecmp(name, named_keys[i].name) == 0) {
			k->code = named_keys[i].code;
			memcpy(k->ch, named_keys[i].ch, sizeof k->ch);
			return true;
		}
	/* C-x, Ctrl-x, ^X: the control character of a letter or of @[\]^_. */
	const char *c = NULL;
	if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-')
		c = name + 2;
	else if (len == 6 && strncasecmp(name, "Ctrl-", 5) == 0)
		c = name + 5;
	else if (len == 2 && name[0] == '^')
		c = name + 1;
	if (c) {
		int v = (unsigned char)*c;
		if (v >= 'a' && v <= 'z')
			v -= 'a' - 'A';
		if (v < '@' || v > '_' || v == '@')
			return false;
		k->ch[0] = (wint_t)(v - '@');
		return true;
	}
	/* F1 .. F63 */
	if ((name[0] == 'F' || name[0] == 'f') && len >= 2 && len <= 3) {
		char *end;
		long n = strtol(name + 1, &end, 10);
		if (*end || n < 1 || n > 63 || name[1] == '0')
			return false;
		k->code = KEY_F((int)n);
		return true;
	}
	/* One printable character: q, Q, 中. */
	ucs4_t uc;
	int n = u8_mbtouc(&uc, (const uint8_t *)name, len);
	if (n > 0 && (size_t)n == len && uc != 0xFFFD && uc > 0x20 && uc != 0x7f &&
	    sq_cp_sanitize(uc) == uc) {
		k->ch[0] = (wint_t)uc;
		return true;
	}
	return false;
}

bool tui_kiosk_init(struct tui *t)
{
	struct tui_kiosk *k = t->kiosk = sq_xcalloc(1, sizeof *t->kiosk);
	const char *keys = t->opt->quit_keys ? t->opt->quit_keys : SQ_DEFAULT_QUIT_KEYS;
	char *copy = strdup(keys), *save = NULL;
	const char *bad = NULL;
	k->n_seq = 0;
	if (!copy)
		return false;
	for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		if (k->n_seq == MAX_KEYS) {
			fprintf(stderr, _("shequ: %s: quit-keys: '%s' has more than %d keys\n"),
				sq_settings_path(), keys, MAX_KEYS);
			free(copy);
			return false;
		}
		if (!parse_key(w, &k->seq[k->n_seq])) {
			bad = w;
			break;
		}
		k->n_seq++;
	}
	if (bad || k->n_seq == 0) {
		fprintf(stderr, _("shequ: %s: quit-keys: '%s' is not a key; write key names "
				  "separated by spaces, such as \"C-x C-s q\" (C-x is Ctrl-X; "
				  "also F1-F63, Esc, Enter, Tab, Space, single characters)\n"),
			sq_settings_path(), bad ? bad : keys);
		free(copy);
		return false;
	}
	free(copy);
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

static bool key_is(const struct kiosk_key *k, bool fn, wint_t ch)
{
	if (fn)
		return k->code && (wint_t)k->code == ch;
	return ch && (k->ch[0] == ch || k->ch[1] == ch);
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
	if (key_is(&k->seq[k->progress], fn, ch))
		k->progress++;
	else
		k->progress = key_is(&k->seq[0], fn, ch) ? 1 : 0;
	if (k->progress == k->n_seq) {
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
