/* SPDX-License-Identifier: MIT */
/* Terminal setup and teardown, crash-safe; colours and attributes by role. */
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <unistr.h>

#include "i18n.h"
#include "tui_row.h"
#include "tui_term.h"
/* Last: term.h defines macros such as "lines" that clash with curses.h. */
#include <term.h>

const struct tui_glyphs tui_glyphs_unicode = {
	.vline = "\u2502", .hline = "\u2500", .tee_up = "\u2534",
	.crumb = " \u203a ", .dot = " \u00b7 ", .bullet = "\u2022 ",
	.up = "\u2191", .down = "\u2193", .left = "\u2190", .right = "\u2192",
};

const struct tui_glyphs tui_glyphs_ascii = {
	.vline = "|", .hline = "-", .tee_up = "+",
	.crumb = " > ", .dot = " - ", .bullet = "- ",
	.up = "Up", .down = "Down", .left = "Left", .right = "Right",
};

bool tui_term_check_locale(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* What endwin would send, prepared while it is safe to call terminfo, so a
 * signal handler can put the terminal back with write() alone. */
static char restore_seq[256];
static size_t restore_len;
static struct termios saved_tios;
static bool have_tios;
static volatile sig_atomic_t pending_signal;
static volatile sig_atomic_t started;

static void add_cap(const char *name)
{
	char *s = tigetstr(name);
	if (!s || s == (char *)-1)
		return;
	size_t n = strlen(s);
	/* Padding specifications ($<5>) are harmless to a modern terminal. */
	if (restore_len + n < sizeof restore_seq) {
		memcpy(restore_seq + restore_len, s, n);
		restore_len += n;
	}
}

static void prepare_restore(void)
{
	restore_len = 0;
	const char *mouse_off = "\033[?1006l\033[?1002l\033[?1000l";
	memcpy(restore_seq, mouse_off, strlen(mouse_off));
	restore_len = strlen(mouse_off);
	add_cap("sgr0");
	add_cap("cnorm");
	add_cap("rmkx");
	add_cap("rmcup");
}

static void restore_now(void)
{
	if (!started)
		return;
	started = 0;
	if (restore_len) {
		ssize_t r = write(STDOUT_FILENO, restore_seq, restore_len);
		(void)r;
	}
	if (have_tios)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tios);
}

static void on_stop_signal(int sig)
{
	pending_signal = sig;
}

static void on_crash(int sig)
{
	restore_now();
	/* SA_RESETHAND put the default action back: re-raise to die of it. */
	raise(sig);
}

static void install(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static bool colour;
static bool mouse_on;

/* Bytes of one UTF-8 character follow each other at once: the terminal
 * writes them together.  A lone lead byte is given up after this long. */
#define UTF8_REST_MS 50

int tui_term_get_key(int wait_ms, wint_t *ch)
{
	for (;;) {
		wtimeout(stdscr, wait_ms);
		int c = wgetch(stdscr);
		if (c == ERR)
			return ERR;
		if (c >= KEY_MIN) {
			*ch = (wint_t)c;
			return KEY_CODE_YES;
		}
		if (c < 0x80) {
			*ch = (wint_t)c;
			return OK;
		}
		uint8_t u[4] = {(uint8_t)c};
		int need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1, n = 1;
		while (n < need) {
			wtimeout(stdscr, UTF8_REST_MS);
			int d = wgetch(stdscr);
			if (d == ERR)
				break;
			if (d >= KEY_MIN || (d & 0xc0) != 0x80) {
				ungetch(d); /* a key of its own: read it next */
				break;
			}
			u[n++] = (uint8_t)d;
		}
		ucs4_t uc;
		if (n == need && u8_mbtoucr(&uc, u, (size_t)n) == n) {
			*ch = (wint_t)uc;
			return OK;
		}
		/* Invalid or cut short: dropped, and whatever follows is read
		 * as it comes. */
		wait_ms = 0;
	}
}

/* A byte of a report, not waiting long for it: a lone ESC [ M typed by hand
 * must not hang the program. */
static int report_byte(void)
{
	wtimeout(stdscr, 50);
	int c = wgetch(stdscr);
	wtimeout(stdscr, 1000);
	return c;
}

bool tui_term_read_mouse(int code, MEVENT *ev)
{
	int b, x, y;
	bool press;
	memset(ev, 0, sizeof *ev);
	if (code == TUI_KEY_MOUSE_X10) {
		/* ESC [ M Cb Cx Cy, each 32 + value (x, y from 1). */
		b = report_byte() - 32;
		x = report_byte() - 33;
		y = report_byte() - 33;
		if (b < 0 || x < 0 || y < 0)
			return false;
		press = (b & 3) != 3 || (b & 64);
	} else {
		/* ESC [ < b ; x ; y M (press) or m (release). */
		int v[3] = {0, 0, 0}, i = 0, c;
		while ((c = report_byte()) != ERR) {
			if (c >= '0' && c <= '9' && v[i] < 100000)
				v[i] = v[i] * 10 + (c - '0');
			else if (c == ';' && i < 2)
				i++;
			else
				break;
		}
		if (i != 2 || (c != 'M' && c != 'm'))
			return false;
		b = v[0];
		x = v[1] - 1;
		y = v[2] - 1;
		press = c == 'M';
	}
	if (!press || (b & 32)) /* releases and motion */
		return false;
	ev->x = x;
	ev->y = y;
	switch (b & ~(4 | 8 | 16)) { /* modifiers do not matter */
	case 0:
		ev->bstate = BUTTON1_PRESSED;
		return true;
	case 64:
		ev->bstate = BUTTON4_PRESSED;
		return true;
	case 65:
		ev->bstate = BUTTON5_PRESSED;
		return true;
	default:
		return false;
	}
}

static const struct {
	short fg, bg;
	attr_t attr;   /* with colour */
	attr_t mono;   /* without */
} roles[ROLE_COUNT] = {
	/* Readable on light and dark backgrounds alike: no yellow or white text
	 * on the terminal's own background. */
	[ROLE_NORMAL] = {-1, -1, A_NORMAL, A_NORMAL},
	[ROLE_TITLE] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE},
	[ROLE_HEADING] = {-1, -1, A_BOLD, A_BOLD},
	[ROLE_HEADING_FOCUS] = {-1, -1, A_BOLD | A_UNDERLINE,
				A_BOLD | A_UNDERLINE},
	[ROLE_SEL] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE},
	[ROLE_SEL_DIM] = {COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_BOLD | A_UNDERLINE},
	[ROLE_MATCH] = {COLOR_RED, -1, A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE},
	[ROLE_MATCH_SEL] = {COLOR_BLUE, COLOR_CYAN, A_BOLD | A_UNDERLINE,
			    A_REVERSE | A_UNDERLINE},
	[ROLE_KEY] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE},
	[ROLE_BAR] = {-1, -1, A_NORMAL, A_NORMAL},
	[ROLE_STATUS] = {COLOR_GREEN, -1, A_BOLD, A_BOLD},
	[ROLE_ERROR] = {COLOR_WHITE, COLOR_RED, A_BOLD, A_BOLD | A_REVERSE},
	[ROLE_BORDER] = {COLOR_BLUE, -1, A_NORMAL, A_NORMAL},
	[ROLE_DIM] = {-1, -1, A_DIM, A_DIM},
	[ROLE_LABEL] = {COLOR_CYAN, -1, A_NORMAL, A_BOLD},
	[ROLE_SECTION] = {-1, -1, A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE},
	[ROLE_NAME] = {-1, -1, A_BOLD, A_BOLD},
	[ROLE_MARK] = {COLOR_MAGENTA, -1, A_BOLD, A_BOLD},
};

attr_t tui_role_attr(enum tui_role r)
{
	return colour ? roles[r].attr : roles[r].mono;
}

short tui_role_pair(enum tui_role r)
{
	return colour && r != ROLE_NORMAL ? (short)(r + 1) : 0;
}

static void setup_colour(void)
{
	const char *no = getenv("NO_COLOR");
	colour = false;
	if ((no && *no) || !has_colors() || start_color() == ERR)
		return;
	use_default_colors();
	if (COLORS < 8 || COLOR_PAIRS < ROLE_COUNT + 1)
		return;
	for (int r = 1; r < ROLE_COUNT; r++)
		init_pair((short)(r + 1), roles[r].fg, roles[r].bg);
	colour = true;
}

void tui_term_start(bool mouse)
{
	have_tios = tcgetattr(STDIN_FILENO, &saved_tios) == 0;
	/* Before initscr, so ncurses leaves SIGINT and SIGTERM to us. */
	install(SIGINT, on_stop_signal, 0);
	install(SIGTERM, on_stop_signal, 0);
	install(SIGHUP, on_stop_signal, 0);
	int crash[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
	for (size_t i = 0; i < sizeof crash / sizeof crash[0]; i++)
		install(crash[i], on_crash, (int)(SA_RESETHAND | SA_NODEFER));

	/* Escape must close a view at once, not after a second. */
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	initscr();
	/* A resize after ncurses read the size but before its SIGWINCH handler
	 * was in place is never reported (cage sizes foot's window just as
	 * shequ starts in it): ask the terminal once more, now that any later
	 * resize is caught. */
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0 &&
	    is_term_resized(ws.ws_row, ws.ws_col))
		resize_term(ws.ws_row, ws.ws_col);
	cbreak();
	/* Ctrl-S must not freeze the screen until Ctrl-Q: nobody at a counter
	 * knows XON/XOFF.  Keep ncurses' program mode in step. */
	struct termios t;
	if (tcgetattr(STDIN_FILENO, &t) == 0) {
		t.c_iflag &= ~(tcflag_t)IXON;
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
		def_prog_mode();
	}
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	setup_colour();
	/* Our own mouse reports; none of ncurses' (kmous). */
	define_key("\033[M", 0);
	define_key("\033[<", 0);
	mouse_on = mouse;
	if (mouse) {
		define_key("\033[M", TUI_KEY_MOUSE_X10);
		define_key("\033[<", TUI_KEY_MOUSE_SGR);
		/* Presses and releases (1000), in SGR form where the terminal
		 * knows it (1006): no limit on columns, releases marked. */
		putp("\033[?1000h\033[?1006h");
	}
	prepare_restore();
	started = 1;
}

void tui_term_stop(void)
{
	if (!started)
		return;
	started = 0;
	if (!isendwin()) {
		if (mouse_on)
			putp("\033[?1006l\033[?1000l");
		curs_set(1);
		endwin();
	}
	fflush(stdout);
}

int tui_term_pending_signal(void)
{
	return pending_signal;
}

void tui_term_reraise(int sig)
{
	signal(sig, SIG_DFL);
	raise(sig);
}
