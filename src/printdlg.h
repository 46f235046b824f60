/* SPDX-License-Identifier: MIT */
/* The print dialog without curses: its fields (language, printer, copies),
 * the job it sends and follows, and its one message.  A screen draws what
 * this says and feeds it actions; everything that decides is here and is
 * unit-tested without a terminal (tests/test_printdlg.c).
 *
 * CUPS is never waited for: the dialog's requests run on printq.h's
 * threads.  The screen's loop calls sq_printdlg_tick when
 * sq_printdlg_fd is readable or sq_printdlg_wait_ms has passed, and redraws
 * when it returns true; every action returns at once in every state.
 *
 * The message is kept as its cause (an enum and its data) and turned into
 * sentences by sq_printdlg_message when drawn, in the language of that
 * moment.  It is one text: the screen shows it once, where it likes.
 *
 * States, and what Enter, s and Esc do in each (sq_printdlg_buttons lists
 * exactly these; the field actions work in every state but FINISHED):
 *
 *   LISTING     asking CUPS for its printers      -      save  close
 *   READY       choose, then print                print  save  close
 *   SENDING     the sheet is on its way to CUPS   -      save  cancel
 *   PRINTING    CUPS has it; followed             -      save  cancel
 *   CANCELLING  waiting for CUPS to confirm       -      save  -
 *   FAILED      the last print failed (says why)  print  save  close
 *   FINISHED    printed or cancelled: close the screen, show the message
 *
 * A failed print (FAILED) saves the sheet's PDF into the save directory by
 * itself when one is set, and the message says where; without one it says
 * how to set one (at a kiosk: ask whoever set it up, naming the setting and
 * the configuration file).  s saves the sheet at any time.
 *
 * A screen, in outline:
 *
 *   open:   d = sq_printdlg_open(session, model, comm, opt);
 *   loop:   ms = sq_printdlg_wait_ms(d);  (-1: none) wait for a key at most
 *           that long (or poll() sq_printdlg_fd(d) beside the terminal);
 *           then if (sq_printdlg_tick(d)) redraw;
 *           if (sq_printdlg_state(d) == SQ_PD_FINISHED) show the message
 *           (the status line), close the screen, sq_printdlg_free(d).
 *   keys:   Enter SQ_PD_PRINT, s SQ_PD_SAVE, Esc SQ_PD_CLOSE, Tab, Shift-Tab,
 *           arrows, + and -: e = sq_printdlg_act(d, a); SQ_PD_CLOSED closes
 *           the screen, SQ_PD_SCROLL_* scrolls the preview, SQ_PD_CHANGED
 *           redraws.  The key bar and the buttons list only what
 *           sq_printdlg_offers(d, a) allows.
 *   clicks: sq_printdlg_set_lang / _set_printer / _set_copies / _set_focus,
 *           or the button's action through sq_printdlg_act.
 *   draw:   sq_printdlg_sheet (preview), _lang, _printers, _printer,
 *           _printer_tags, _printer_note, _copies, _focus, _buttons, and
 *           sq_printdlg_message once, in its tone.
 *   kiosk:  while sq_printdlg_busy(d) the idle reset waits; otherwise it
 *           may close the dialog (sq_printdlg_free) like Esc.
 *   quit:   sq_printdlg_free(d) (a job still with CUPS is left to it), then
 *           sq_printdlg_session_free at the end of the program. */
#ifndef SHEQU_PRINTDLG_H
#define SHEQU_PRINTDLG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "options.h"
#include "print.h"
#include "sheet.h"
#include "text.h"

/* What lasts from one dialog to the next while the program runs: the
 * printer last chosen (the next dialog preselects it) and the request
 * threads' queue.  One per program; free it after the last dialog. */
struct sq_printdlg_session;
struct sq_printdlg_session *sq_printdlg_session_new(void);
void sq_printdlg_session_free(struct sq_printdlg_session *s);

struct sq_printdlg;

/* Open on community comm of m; asks CUPS for its printers at once (state
 * LISTING).  m, opt and s must outlive the dialog. */
struct sq_printdlg *sq_printdlg_open(struct sq_printdlg_session *s,
				     const struct sq_model *m, uint32_t comm,
				     const struct sq_options *opt);
/* Close.  While busy (see below) only when the program quits: a job sent
 * is then left to CUPS, neither followed nor cancelled. */
void sq_printdlg_free(struct sq_printdlg *d);

enum sq_pd_state {
	SQ_PD_LISTING,
	SQ_PD_READY,
	SQ_PD_SENDING,
	SQ_PD_PRINTING,
	SQ_PD_CANCELLING,
	SQ_PD_FAILED,
	SQ_PD_FINISHED,
};
enum sq_pd_state sq_printdlg_state(const struct sq_printdlg *d);

/* A job is being sent, followed or cancelled: the dialog must stay (a
 * kiosk's idle reset waits, or leaves the dialog alone). */
bool sq_printdlg_busy(const struct sq_printdlg *d);

/* ---- time ---- */

/* Take CUPS's answers and notice what is due (timeouts, the next look at
 * the job, the seconds counted in the message).  True when anything shown
 * changed.  Cheap; never blocks. */
bool sq_printdlg_tick(struct sq_printdlg *d);
/* The longest the loop may sleep before the next tick (ms); -1: until a
 * key.  Also readable: */
int sq_printdlg_wait_ms(const struct sq_printdlg *d);
/* A descriptor that becomes readable when CUPS has answered, for a poll()
 * set; tick drains it. */
int sq_printdlg_fd(const struct sq_printdlg *d);

/* ---- actions (keys and clicks) ---- */

enum sq_pd_action {
	SQ_PD_PRINT,      /* Enter, the Print button */
	SQ_PD_SAVE,       /* s */
	SQ_PD_CLOSE,      /* Esc: close; while a job is sent or followed, cancel it */
	SQ_PD_NEXT_FIELD, /* Tab */
	SQ_PD_PREV_FIELD, /* Shift-Tab */
	SQ_PD_UP,
	SQ_PD_DOWN,
	SQ_PD_LEFT,
	SQ_PD_RIGHT,
	SQ_PD_MORE,       /* +: a copy more */
	SQ_PD_FEWER,      /* -: a copy fewer */
};

enum sq_pd_effect {
	SQ_PD_IGNORED,     /* does nothing now (not offered: see sq_printdlg_offers) */
	SQ_PD_CHANGED,     /* redraw */
	SQ_PD_SCROLL_UP,   /* the preview has the focus: scroll it a line */
	SQ_PD_SCROLL_DOWN,
	SQ_PD_CLOSED,      /* close the screen, then sq_printdlg_free */
};

enum sq_pd_effect sq_printdlg_act(struct sq_printdlg *d, enum sq_pd_action a);

/* Does a in this state do something the screen may offer? */
bool sq_printdlg_offers(const struct sq_printdlg *d, enum sq_pd_action a);

/* The buttons for this state, in order: Enter, s, Esc as offered. */
struct sq_pd_button {
	enum sq_pd_action action; /* the screen names its key (its key table) */
	const char *label;        /* translated now */
};
#define SQ_PD_MAX_BUTTONS 3
size_t sq_printdlg_buttons(const struct sq_printdlg *d,
			   struct sq_pd_button out[SQ_PD_MAX_BUTTONS]);

/* ---- fields ---- */

enum sq_pd_field { SQ_PD_FIELD_LANG, SQ_PD_FIELD_PRINTER, SQ_PD_FIELD_COPIES,
		   SQ_PD_FIELD_PREVIEW, SQ_PD_FIELDS };

enum sq_pd_field sq_printdlg_focus(const struct sq_printdlg *d);
void sq_printdlg_set_focus(struct sq_printdlg *d, enum sq_pd_field f);

enum sq_sheet_lang sq_printdlg_lang(const struct sq_printdlg *d);
void sq_printdlg_set_lang(struct sq_printdlg *d, enum sq_sheet_lang lang);
/* A sheet language's name for the chooser: 中文, English, and both in the
 * interface's language. */
const char *sq_printdlg_lang_name(enum sq_sheet_lang lang);

#define SQ_PD_MAX_COPIES 99
int sq_printdlg_copies(const struct sq_printdlg *d);
void sq_printdlg_set_copies(struct sq_printdlg *d, int n); /* kept within 1..99 */

/* The queues CUPS knows (empty until it answered, or when it did not). */
const struct sq_printer_list *sq_printdlg_printers(const struct sq_printdlg *d);
/* The queue chosen, or -1: none (no default, or no list). */
long sq_printdlg_printer(const struct sq_printdlg *d);
/* The user chooses queue i (remembered for the session). */
void sq_printdlg_set_printer(struct sq_printdlg *d, long i);
/* "default, not accepting jobs, stopped": what to know of a queue,
 * translated now; appended to out ("" when nothing). */
void sq_printdlg_printer_tags(const struct sq_printer *p, struct sq_buf *out);
/* A short line for the printer field when there is no queue to show or
 * none is chosen ("Asking CUPS…", "No default printer: choose one");
 * false when there is nothing to say. */
bool sq_printdlg_printer_note(const struct sq_printdlg *d, struct sq_buf *out);

/* The sheet in the language chosen, for the preview (built when first
 * asked for; the pointer changes when the language does). */
const struct sq_sheet *sq_printdlg_sheet(struct sq_printdlg *d);

/* ---- the message ---- */

enum sq_pd_tone {
	SQ_PD_TONE_HINT,     /* how to use the dialog */
	SQ_PD_TONE_INFO,     /* done: saved, printed */
	SQ_PD_TONE_PROGRESS, /* waiting for CUPS or the printer */
	SQ_PD_TONE_ERROR,    /* something failed; the user may act */
};

/* The message in whole sentences, translated now; appended to out. */
enum sq_pd_tone sq_printdlg_message(const struct sq_printdlg *d, struct sq_buf *out);

/* For a record of what happened (a kiosk's log), as causes, not words:
 * how the last print job ended, in FAILED and FINISHED (NULL otherwise:
 * no job has ended since the last action); and what became of a sheet
 * the message says was saved or could not be (by s, or kept after a
 * failed print), or NULL.  Valid until the next action or tick. */
const struct sq_print_result *sq_printdlg_result(const struct sq_printdlg *d);
const struct sq_print_saved *sq_printdlg_saved(const struct sq_printdlg *d);

#endif
