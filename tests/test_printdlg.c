/* SPDX-License-Identifier: MIT */
/* The print dialog's logic without a terminal.
 *
 *   test_printdlg          against a print service that never answers
 *                          (made here): every action and tick returns at
 *                          once, the dialog says it is waiting, then says
 *                          why it gave up; a failed print keeps the sheet
 *                          and says where; the message follows the
 *                          language; the keys offered are the keys that
 *                          work; kiosk advice names the setting.
 *   test_printdlg cups Q   against the private cupsd of tests/print.sh
 *                          (CUPS_SERVER set, root): queue Q and another,
 *                          no default.  Choosing, remembering the choice,
 *                          printing, a stopped queue's timeout, cancelling.
 */
#include <locale.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "config.h"
#include "i18n.h"
#include "load.h"
#include "printdlg.h"
#include "printq.h"
#include "paths.h"
#include "silent.h"
#include "util.h"

#define QUICK 0.05

static struct sq_model *model;
static uint32_t yanlan;
static char save_dir[64];

static double now(void)
{
	return sq_now();
}

static double slowest; /* the slowest tick or action so far */

static void timed(double t0)
{
	double d = now() - t0;
	if (d > slowest)
		slowest = d;
}

static enum sq_pd_effect act(struct sq_printdlg *d, enum sq_pd_action a)
{
	double t0 = now();
	enum sq_pd_effect e = sq_printdlg_act(d, a);
	timed(t0);
	return e;
}

/* The screen's loop: sleep on the descriptor or the time asked for, tick,
 * until the state is not st any more (or secs pass). */
static enum sq_pd_state run_while(struct sq_printdlg *d, enum sq_pd_state st, double secs)
{
	double end = now() + secs;
	while (sq_printdlg_state(d) == st && now() < end) {
		int ms = sq_printdlg_wait_ms(d);
		struct pollfd p = {.fd = sq_printdlg_fd(d), .events = POLLIN};
		poll(&p, 1, ms < 0 || ms > 100 ? 100 : ms);
		double t0 = now();
		sq_printdlg_tick(d);
		timed(t0);
	}
	return sq_printdlg_state(d);
}

static const char *msg(const struct sq_printdlg *d, struct sq_buf *b, enum sq_pd_tone *tone)
{
	sq_buf_reset(b);
	enum sq_pd_tone t = sq_printdlg_message(d, b);
	if (tone)
		*tone = t;
	return sq_buf_str(b);
}

#define CHECK_HAS(s, part)                                                           \
	do {                                                                         \
		const char *s_ = (s), *p_ = (part);                                  \
		check_count++;                                                       \
		if (!strstr(s_, p_)) {                                               \
			check_failures++;                                            \
			fprintf(stderr, "%s:%d: [%s] lacks [%s]\n", __FILE__, __LINE__, \
				s_, p_);                                             \
		}                                                                    \
	} while (0)

#define CHECK_LACKS(s, part)                                                         \
	do {                                                                         \
		const char *s_ = (s), *p_ = (part);                                  \
		check_count++;                                                       \
		if (strstr(s_, p_)) {                                                \
			check_failures++;                                            \
			fprintf(stderr, "%s:%d: [%s] has [%s]\n", __FILE__, __LINE__, \
				s_, p_);                                             \
		}                                                                    \
	} while (0)

/* The key the screen's key table gives each button (src/tui/tui_keys.c). */
static const char *pd_key(enum sq_pd_action a)
{
	return a == SQ_PD_PRINT ? "Enter" : a == SQ_PD_SAVE ? "s" : "Esc";
}

/* The buttons, as "key label|key label". */
static const char *buttons(const struct sq_printdlg *d, struct sq_buf *b)
{
	struct sq_pd_button v[SQ_PD_MAX_BUTTONS];
	size_t n = sq_printdlg_buttons(d, v);
	sq_buf_reset(b);
	for (size_t i = 0; i < n; i++) {
		sq_buf_addf(b, "%s%s %s", i ? "|" : "", pd_key(v[i].action), v[i].label);
		/* What is offered works, and is offered as what it is. */
		CHECK(sq_printdlg_offers(d, v[i].action));
	}
	return sq_buf_str(b);
}

static struct sq_options options(void)
{
	return (struct sq_options){
		.sheet_lang = SQ_SHEET_BOTH,
		.paper = SQ_PAPER_A4,
		.copies = 1,
	};
}

static bool is_pdf(const char *path)
{
	FILE *f = fopen(path, "rb");
	char head[5] = "";
	bool ok = f && fread(head, 1, 5, f) == 5 && memcmp(head, "%PDF-", 5) == 0;
	if (f)
		fclose(f);
	return ok;
}

/* ---- without an answering CUPS ---- */

static void test_fields(struct sq_printdlg_session *s)
{
	struct sq_options opt = options();
	opt.copies = 500;
	struct sq_printdlg *d = sq_printdlg_open(s, model, yanlan, &opt);
	CHECK_INT(sq_printdlg_copies(d), SQ_PD_MAX_COPIES);
	sq_printdlg_set_copies(d, 0);
	CHECK_INT(sq_printdlg_copies(d), 1);
	CHECK_INT(act(d, SQ_PD_FEWER), SQ_PD_CHANGED);
	CHECK_INT(sq_printdlg_copies(d), 1);
	for (int i = 0; i < 120; i++)
		act(d, SQ_PD_MORE);
	CHECK_INT(sq_printdlg_copies(d), 99);

	/* Tab goes round the fields; arrows act in the one focused. */
	CHECK_INT(sq_printdlg_focus(d), SQ_PD_FIELD_LANG);
	CHECK_INT(sq_printdlg_lang(d), SQ_SHEET_BOTH);
	act(d, SQ_PD_LEFT);
	CHECK_INT(sq_printdlg_lang(d), SQ_SHEET_EN);
	act(d, SQ_PD_UP);
	act(d, SQ_PD_UP);
	CHECK_INT(sq_printdlg_lang(d), SQ_SHEET_ZH);
	act(d, SQ_PD_RIGHT);
	act(d, SQ_PD_RIGHT);
	act(d, SQ_PD_DOWN);
	CHECK_INT(sq_printdlg_lang(d), SQ_SHEET_BOTH);
	act(d, SQ_PD_NEXT_FIELD);
	CHECK_INT(sq_printdlg_focus(d), SQ_PD_FIELD_PRINTER);
	/* No queues yet: nothing to move through. */
	CHECK_INT(act(d, SQ_PD_DOWN), SQ_PD_IGNORED);
	act(d, SQ_PD_NEXT_FIELD);
	sq_printdlg_set_copies(d, 5);
	act(d, SQ_PD_UP); /* up is more */
	act(d, SQ_PD_RIGHT);
	act(d, SQ_PD_LEFT);
	act(d, SQ_PD_DOWN);
	act(d, SQ_PD_DOWN);
	CHECK_INT(sq_printdlg_copies(d), 4);
	act(d, SQ_PD_NEXT_FIELD);
	CHECK_INT(sq_printdlg_focus(d), SQ_PD_FIELD_PREVIEW);
	CHECK_INT(act(d, SQ_PD_DOWN), SQ_PD_SCROLL_DOWN);
	CHECK_INT(act(d, SQ_PD_UP), SQ_PD_SCROLL_UP);
	CHECK_INT(act(d, SQ_PD_LEFT), SQ_PD_IGNORED);
	act(d, SQ_PD_NEXT_FIELD);
	CHECK_INT(sq_printdlg_focus(d), SQ_PD_FIELD_LANG);
	act(d, SQ_PD_PREV_FIELD);
	CHECK_INT(sq_printdlg_focus(d), SQ_PD_FIELD_PREVIEW);

	/* The preview follows the language. */
	const struct sq_sheet *both = sq_printdlg_sheet(d);
	sq_printdlg_set_lang(d, SQ_SHEET_ZH);
	CHECK(sq_printdlg_sheet(d) != both);
	CHECK_STR(sq_printdlg_lang_name(SQ_SHEET_ZH), "中文");
	CHECK_STR(sq_printdlg_lang_name(SQ_SHEET_EN), "English");
	CHECK_STR(sq_printdlg_lang_name(SQ_SHEET_BOTH), "中文 + English");

	/* Closing while only asking CUPS for printers is allowed at once. */
	CHECK(!sq_printdlg_busy(d));
	CHECK_INT(act(d, SQ_PD_CLOSE), SQ_PD_CLOSED);
	sq_printdlg_free(d);

	struct sq_buf b = {0};
	struct sq_printer p = {.name = "x", .is_default = true, .accepting = false,
			       .stopped = true};
	sq_printdlg_printer_tags(&p, &b);
	CHECK_STR(sq_buf_str(&b), "default, not accepting jobs, stopped");
	sq_i18n_set_lang(SQ_ZH);
	sq_buf_reset(&b);
	sq_printdlg_printer_tags(&p, &b);
	CHECK_STR(sq_buf_str(&b), "默认、不接受任务、已停止");
	sq_i18n_set_lang(SQ_EN);
	p = (struct sq_printer){.name = "x", .accepting = true};
	sq_buf_reset(&b);
	sq_printdlg_printer_tags(&p, &b);
	CHECK_STR(sq_buf_str(&b), "");
	sq_buf_free(&b);
}

/* Waiting for CUPS, and saying so; giving up, and saying why. */
static void test_waiting(struct sq_printdlg_session *s)
{
	struct sq_buf b = {0}, bb = {0}, want = {0};
	struct sq_options opt = options();
	enum sq_pd_tone tone;

	double t0 = now();
	struct sq_printdlg *d = sq_printdlg_open(s, model, yanlan, &opt);
	timed(t0);
	/* Waiting for CUPS, and saying so; Enter waits for the list. */
	CHECK_INT(sq_printdlg_state(d), SQ_PD_LISTING);
	CHECK_STR(msg(d, &b, &tone), "Asking CUPS for its printers (0 s)\u2026");
	CHECK_INT(tone, SQ_PD_TONE_PROGRESS);
	CHECK_STR(buttons(d, &bb), "s Save|Esc Close");
	CHECK_INT(act(d, SQ_PD_PRINT), SQ_PD_IGNORED);
	sq_buf_reset(&b);
	CHECK(sq_printdlg_printer_note(d, &b));
	CHECK_STR(sq_buf_str(&b), "Asking CUPS\u2026");
	CHECK(sq_printdlg_wait_ms(d) >= 0 && sq_printdlg_wait_ms(d) <= 1001);
	/* The keys work meanwhile. */
	act(d, SQ_PD_MORE);
	CHECK_INT(sq_printdlg_copies(d), 2);

	CHECK_INT(run_while(d, SQ_PD_LISTING, 5), SQ_PD_READY);
	CHECK(now() - t0 < 2.5);
	sq_buf_addf(&want, "The CUPS print service at %s did not answer within 1 second. "
			   "To have the sheet saved as a PDF file when printing fails, use "
			   "--save-dir DIR, or set SHEQU_SAVE_DIR or save-dir in %s.",
		    silent.path, sq_settings_path());
	CHECK_STR(msg(d, &b, &tone), sq_buf_str(&want));
	CHECK_INT(tone, SQ_PD_TONE_ERROR);
	sq_buf_reset(&b);
	CHECK(sq_printdlg_printer_note(d, &b));
	CHECK_STR(sq_buf_str(&b), "CUPS does not answer");
	CHECK_INT(sq_printdlg_printer(d), -1);
	CHECK_STR(buttons(d, &bb), "Enter Print|s Save|Esc Close");

	/* The language key: the same cause, said again in Chinese. */
	sq_i18n_set_lang(SQ_ZH);
	sq_buf_reset(&want);
	sq_buf_addf(&want, "%s 上的 CUPS 打印服务在 1 秒内没有应答。如需在打印失败时把信息单"
			   "保存为 PDF 文件，请使用 --save-dir DIR，或设置 SHEQU_SAVE_DIR，或在 "
			   "%s 中设置 save-dir。",
		    silent.path, sq_settings_path());
	CHECK_STR(msg(d, &b, NULL), sq_buf_str(&want));
	CHECK_STR(buttons(d, &bb), "Enter 打印|s 保存|Esc 关闭");
	sq_i18n_set_lang(SQ_EN);

	/* s without a save directory says how to set one. */
	act(d, SQ_PD_SAVE);
	sq_buf_reset(&want);
	sq_buf_addf(&want, "No directory for saved sheets is set: start shequ with --save-dir "
			   "DIR, or set SHEQU_SAVE_DIR or save-dir in %s.",
		    sq_settings_path());
	CHECK_STR(msg(d, &b, NULL), sq_buf_str(&want));
	sq_printdlg_free(d);
	sq_buf_free(&b);
	sq_buf_free(&bb);
	sq_buf_free(&want);
}

/* With a save directory: the offer, then a failed print keeps the sheet by
 * itself and says where; Esc while the sheet is on its way. */
/* A silent CUPS: the job fails in time, the sheet is saved, said in the
 * language shown. */
static void check_silent_send(struct sq_printdlg *d, struct sq_buf *b,
			      struct sq_buf *bb, struct sq_buf *want)
{
	enum sq_pd_tone tone;
	run_while(d, SQ_PD_LISTING, 5);
	sq_buf_reset(want);
	sq_buf_addf(want, "The CUPS print service at %s did not answer within 1 second. "
			   "Press s to save the sheet as a PDF file in %s.",
		    silent.path, save_dir);
	CHECK_STR(msg(d, b, NULL), sq_buf_str(want));
	sq_printdlg_set_lang(d, SQ_SHEET_EN);
	CHECK_INT(sq_printdlg_act(d, SQ_PD_PRINT), SQ_PD_CHANGED);
	CHECK_INT(sq_printdlg_state(d), SQ_PD_SENDING);
	CHECK(sq_printdlg_busy(d));
	CHECK_STR(msg(d, b, &tone), "Sending the sheet to the default printer (0 s)\u2026");
	CHECK_INT(tone, SQ_PD_TONE_PROGRESS);
	CHECK_STR(buttons(d, bb), "s Save|Esc Cancel printing");
	CHECK_INT(act(d, SQ_PD_PRINT), SQ_PD_IGNORED);
	CHECK(!sq_printdlg_result(d) && !sq_printdlg_saved(d));
	act(d, SQ_PD_FEWER);
	double t0 = now();
	CHECK_INT(run_while(d, SQ_PD_SENDING, 5), SQ_PD_FAILED);
	CHECK(now() - t0 < 2.5);
	CHECK(!sq_printdlg_busy(d));
	char saved[128];
	snprintf(saved, sizeof saved, "%s/330114001017-en.pdf", save_dir);
	sq_buf_reset(want);
	sq_buf_addf(want, "The CUPS print service at %s did not answer within 1 second. "
			   "The sheet was saved as %s.",
		    silent.path, saved);
	CHECK_STR(msg(d, b, &tone), sq_buf_str(want));
	CHECK_INT(tone, SQ_PD_TONE_ERROR);
	CHECK(is_pdf(saved));
	/* The same as causes, for a kiosk's log. */
	const struct sq_print_result *res = sq_printdlg_result(d);
	CHECK(res && res->status == SQ_PRINT_NO_ANSWER);
	const struct sq_print_saved *kept = sq_printdlg_saved(d);
	CHECK(kept && kept->what == SQ_SAVED_OK);
	CHECK_STR(kept ? kept->path : "", saved);
	CHECK_STR(buttons(d, bb), "Enter Print again|s Save|Esc Close");
	sq_i18n_set_lang(SQ_ZH);
	sq_buf_reset(want);
	sq_buf_addf(want, "%s 上的 CUPS 打印服务在 1 秒内没有应答。信息单已保存为 %s。",
		    silent.path, saved);
	CHECK_STR(msg(d, b, NULL), sq_buf_str(want));
	sq_i18n_set_lang(SQ_EN);
}

/* s saves the language chosen now. */
static void check_save_now(struct sq_printdlg *d, struct sq_buf *b, struct sq_buf *want)
{
	enum sq_pd_tone tone;
	sq_printdlg_set_lang(d, SQ_SHEET_ZH);
	sq_printdlg_act(d, SQ_PD_SAVE); /* makes the PDF: not timed */
	char saved[128];
	snprintf(saved, sizeof saved, "%s/330114001017-zh.pdf", save_dir);
	sq_buf_reset(want);
	sq_buf_addf(want, "The sheet was saved as %s.", saved);
	CHECK_STR(msg(d, b, &tone), sq_buf_str(want));
	CHECK_INT(tone, SQ_PD_TONE_INFO);
	CHECK(is_pdf(saved));
	CHECK(!sq_printdlg_result(d));
	const struct sq_print_saved *kept = sq_printdlg_saved(d);
	CHECK(kept && kept->what == SQ_SAVED_OK);
}

/* Esc while the sheet is on its way: cancelling, said, then done. */
static void check_cancel_sending(struct sq_printdlg *d, struct sq_buf *b, struct sq_buf *bb)
{
	enum sq_pd_tone tone;
	sq_printdlg_act(d, SQ_PD_PRINT);
	CHECK_INT(act(d, SQ_PD_CLOSE), SQ_PD_CHANGED);
	CHECK_INT(sq_printdlg_state(d), SQ_PD_CANCELLING);
	CHECK(sq_printdlg_busy(d));
	CHECK_STR(msg(d, b, NULL), "Cancelling: waiting for CUPS to take the sheet first (0 s)\u2026");
	CHECK_STR(buttons(d, bb), "s Save");
	CHECK_INT(act(d, SQ_PD_CLOSE), SQ_PD_IGNORED);
	CHECK_INT(run_while(d, SQ_PD_CANCELLING, 5), SQ_PD_FINISHED);
	CHECK_STR(msg(d, b, &tone), "Printing cancelled before the sheet reached the printer.");
	CHECK_INT(tone, SQ_PD_TONE_INFO);
	const struct sq_print_result *res = sq_printdlg_result(d);
	CHECK(res && res->status == SQ_PRINT_CANCELLED);
	CHECK(!sq_printdlg_saved(d));
	CHECK_STR(buttons(d, bb), "");
	CHECK_INT(act(d, SQ_PD_MORE), SQ_PD_IGNORED);
	CHECK_INT(sq_printdlg_wait_ms(d), -1);
}

static void test_failed_print(struct sq_printdlg_session *s)
{
	struct sq_buf b = {0}, bb = {0}, want = {0};
	struct sq_options opt = options();
	opt.save_dir = save_dir;
	struct sq_printdlg *d = sq_printdlg_open(s, model, yanlan, &opt);
	check_silent_send(d, &b, &bb, &want);
	check_save_now(d, &b, &want);
	check_cancel_sending(d, &b, &bb);
	sq_printdlg_free(d);
	sq_buf_free(&b);
	sq_buf_free(&bb);
	sq_buf_free(&want);
}

/* At a kiosk: whom to ask, which setting, which file; never an option. */
static void test_kiosk(struct sq_printdlg_session *s)
{
	struct sq_buf b = {0}, want = {0};
	struct sq_options opt = options();
	opt.kiosk = true;
	struct sq_printdlg *d = sq_printdlg_open(s, model, yanlan, &opt);
	run_while(d, SQ_PD_LISTING, 5);
	sq_buf_reset(&want);
	sq_buf_addf(&want, "ask whoever set up this kiosk to set save-dir in %s.",
		    sq_settings_path());
	CHECK_HAS(msg(d, &b, NULL), sq_buf_str(&want));
	CHECK_LACKS(msg(d, &b, NULL), "--save-dir");
	act(d, SQ_PD_SAVE);
	CHECK_HAS(msg(d, &b, NULL), "No folder is set up for saved sheets: ");
	CHECK(!sq_printdlg_saved(d)); /* nothing was tried: nothing to log */
	CHECK_HAS(msg(d, &b, NULL), sq_buf_str(&want));
	CHECK_LACKS(msg(d, &b, NULL), "--save-dir");
	sq_printdlg_free(d);
	sq_buf_free(&b);
	sq_buf_free(&want);
}

/* ---- against the private cupsd ---- */

static int sh(const char *fmt, const char *arg)
{
	struct sq_buf cmd = {0};
	sq_buf_addf(&cmd, fmt, arg, arg);
	int st = system(cmd.data);
	sq_buf_free(&cmd);
	return st;
}

static bool queue_empty(const char *q)
{
	struct sq_buf cmd = {0};
	sq_buf_addf(&cmd, "lpstat -o %s 2>/dev/null", q);
	FILE *p = popen(cmd.data, "r");
	char line[256];
	bool empty = !p || !fgets(line, sizeof line, p);
	if (p)
		pclose(p);
	sq_buf_free(&cmd);
	return empty;
}

/* No default: nothing chosen, the dialog says so; the choice remembered.
 * Returns the index of q in the list. */
static long test_cups_choice(struct sq_printdlg_session *s, const char *q)
{
	struct sq_buf b = {0};
	struct sq_options opt = options();
	opt.save_dir = save_dir;

	/* No default: nothing chosen, and the dialog says so. */
	struct sq_printdlg *d = sq_printdlg_open(s, model, yanlan, &opt);
	CHECK_INT(run_while(d, SQ_PD_LISTING, 5), SQ_PD_READY);
	const struct sq_printer_list *l = sq_printdlg_printers(d);
	long qi = sq_print_list_find(l, q);
	CHECK(l->n == 2 && qi >= 0 && l->default_index == -1);
	CHECK_INT(sq_printdlg_printer(d), -1);
	CHECK_STR(msg(d, &b, NULL), "No default printer is set: choose a printer, then press Enter.");
	sq_buf_reset(&b);
	CHECK(sq_printdlg_printer_note(d, &b));
	CHECK_STR(sq_buf_str(&b), "No default printer: choose one");
	/* Enter says to choose, and goes to the printers. */
	CHECK_INT(act(d, SQ_PD_PRINT), SQ_PD_CHANGED);
	CHECK_INT(sq_printdlg_state(d), SQ_PD_READY);
	CHECK_INT(sq_printdlg_focus(d), SQ_PD_FIELD_PRINTER);
	act(d, SQ_PD_DOWN);
	CHECK_INT(sq_printdlg_printer(d), 0);
	sq_printdlg_set_printer(d, qi);
	CHECK_STR(msg(d, &b, NULL), "Tab moves between the fields, the arrow keys change them; "
				    "Enter prints.");
	sq_printdlg_act(d, SQ_PD_PRINT);
	CHECK(sq_printdlg_busy(d));
	CHECK_INT(run_while(d, SQ_PD_SENDING, 10), SQ_PD_PRINTING);
	CHECK(sq_printdlg_busy(d));
	CHECK_HAS(msg(d, &b, NULL), "is with the printer (0 s).");
	CHECK_INT(run_while(d, SQ_PD_PRINTING, 10), SQ_PD_FINISHED);
	CHECK_HAS(msg(d, &b, NULL), "Printed: job ");
	CHECK_HAS(msg(d, &b, NULL), "' is done.");
	CHECK_HAS(msg(d, &b, NULL), q);
	sq_printdlg_free(d);

	/* The choice is remembered for the session. */
	d = sq_printdlg_open(s, model, yanlan, &opt);
	run_while(d, SQ_PD_LISTING, 5);
	CHECK_INT(sq_printdlg_printer(d), qi);
	CHECK_STR(msg(d, &b, NULL), "Tab moves between the fields, the arrow keys change them; "
				    "Enter prints.");
	sq_printdlg_free(d);
	sq_buf_free(&b);
	return qi;
}

/* A printer configured that is not there; what the list says of a queue. */
static void test_cups_queues(const char *q, long qi)
{
	struct sq_buf b = {0};
	struct sq_options opt = options();
	struct sq_printdlg_session *s2 = sq_printdlg_session_new();
	opt.printer = "nosuch";
	struct sq_printdlg *d = sq_printdlg_open(s2, model, yanlan, &opt);
	run_while(d, SQ_PD_LISTING, 5);
	CHECK_INT(sq_printdlg_printer(d), -1);
	CHECK_HAS(msg(d, &b, NULL), "There is no printer named 'nosuch'. Printers: ");
	CHECK_HAS(msg(d, &b, NULL), ". Choose a printer, then press Enter.");
	sq_printdlg_free(d);
	opt.printer = NULL;

	sh("cupsreject -r closed %s && cupsdisable -r 'paper jam' %s", q);
	d = sq_printdlg_open(s2, model, yanlan, &opt);
	run_while(d, SQ_PD_LISTING, 5);
	const struct sq_printer_list *l = sq_printdlg_printers(d);
	sq_buf_reset(&b);
	sq_printdlg_printer_tags(&l->v[qi], &b);
	CHECK_STR(sq_buf_str(&b), "not accepting jobs, stopped");
	sq_printdlg_free(d);
	/* (cupsaccept clears the state message: say it again.) */
	sh("cupsaccept %s && cupsdisable -r 'paper jam' %s", q);
	sq_printdlg_session_free(s2);
	sq_buf_free(&b);
}

/* A stopped queue keeps the job: followed (busy: a kiosk waits), then
 * cancelled after the time, said, and the sheet kept; Esc cancels one. */
static void test_cups_stopped(struct sq_printdlg_session *s, const char *q)
{
	struct sq_buf b = {0}, want = {0};
	struct sq_options opt = options();
	opt.save_dir = save_dir;
	setenv("SHEQU_PRINT_TIMEOUT", "2", 1);
	struct sq_printdlg *d = sq_printdlg_open(s, model, yanlan, &opt);
	run_while(d, SQ_PD_LISTING, 5);
	sq_printdlg_act(d, SQ_PD_PRINT);
	CHECK_INT(run_while(d, SQ_PD_SENDING, 10), SQ_PD_PRINTING);
	CHECK(sq_printdlg_busy(d));
	CHECK_STR(buttons(d, &b), "s Save|Esc Cancel printing");
	enum sq_pd_state st = run_while(d, SQ_PD_PRINTING, 10);
	if (st == SQ_PD_CANCELLING)
		st = run_while(d, SQ_PD_CANCELLING, 10);
	CHECK_INT(st, SQ_PD_FAILED);
	sq_buf_reset(&want);
	sq_buf_addf(&want, "on printer '%s' did not finish within 2 seconds: the printer is "
			   "stopped (disabled) and says \"paper jam\". The job was cancelled, so "
			   "it will not print later. The sheet was saved as %s/330114001017-both.pdf.",
		    q, save_dir);
	CHECK_HAS(msg(d, &b, NULL), sq_buf_str(&want));
	CHECK(queue_empty(q));

	/* Esc while it is followed: cancelled, and said. */
	sq_printdlg_act(d, SQ_PD_PRINT);
	CHECK_INT(run_while(d, SQ_PD_SENDING, 10), SQ_PD_PRINTING);
	CHECK_INT(act(d, SQ_PD_CLOSE), SQ_PD_CHANGED);
	CHECK_INT(sq_printdlg_state(d), SQ_PD_CANCELLING);
	CHECK_HAS(msg(d, &b, NULL), "Cancelling job ");
	CHECK_INT(run_while(d, SQ_PD_CANCELLING, 10), SQ_PD_FINISHED);
	CHECK_HAS(msg(d, &b, NULL), "Printing cancelled: job ");
	CHECK_HAS(msg(d, &b, NULL), "' will not print.");
	CHECK(queue_empty(q));
	sq_printdlg_free(d);
	sh("cupsenable %s", q);
	unsetenv("SHEQU_PRINT_TIMEOUT");
	sq_buf_free(&b);
	sq_buf_free(&want);
}

static void test_cups(const char *q)
{
	struct sq_printdlg_session *s = sq_printdlg_session_new();
	long qi = test_cups_choice(s, q);
	test_cups_queues(q, qi);
	/* The session remembers q: the dialog below prints there. */
	test_cups_stopped(s, q);
	sq_printdlg_session_free(s);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	sq_i18n_init();
	sq_i18n_set_lang(SQ_EN);
	unsetenv("LPDEST");
	unsetenv("PRINTER");
	unsetenv("SHEQU_PRINT_TIMEOUT");
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	setenv("SHEQU_CUPS_TIMEOUT", argc > 1 ? "5" : "1", 1);

	const char *src = getenv("SHEQU_SRCDIR");
	struct sq_buf path = {0};
	sq_buf_addf(&path, "%s/data/communities.rec", src ? src : "..");
	struct sq_diag diag = {0};
	model = sq_load_file(path.data, &diag);
	sq_buf_free(&path);
	sq_diag_free(&diag);
	uint32_t found[2];
	if (!model || sq_model_find(model, "滟澜社区", found, 2) != 1) {
		fprintf(stderr, "test_printdlg: no model\n");
		return 1;
	}
	yanlan = found[0];
	strcpy(save_dir, "/tmp/shequ-saved-XXXXXX");
	if (!mkdtemp(save_dir))
		return 1;

	if (argc > 2 && !strcmp(argv[1], "cups")) {
		test_cups(argv[2]);
	} else if (HAVE_PRINTING) {
		silent_start();
		setenv("CUPS_SERVER", silent.path, 1);
		setenv("HOME", silent.dir, 1);
		struct sq_printdlg_session *s = sq_printdlg_session_new();
		test_fields(s);
		test_waiting(s);
		test_failed_print(s);
		test_kiosk(s);
		sq_printdlg_session_free(s);
		silent_stop();
	}
	/* Every action and tick returned at once, whatever CUPS did
	 * (printing, which makes the PDF, is timed apart). */
	if (slowest >= QUICK)
		fprintf(stderr, "slowest action or tick: %.3f s\n", slowest);
	CHECK(slowest < QUICK);
	sq_model_free(model);
	struct sq_buf rm = {0};
	sq_buf_addf(&rm, "rm -rf '%s'", save_dir);
	if (system(rm.data) != 0)
		fprintf(stderr, "could not remove %s\n", save_dir);
	sq_buf_free(&rm);
	return check_report("test_printdlg");
}
