/* SPDX-License-Identifier: MIT */
/* East Asian Ambiguous characters drawn wide (--ambiguous=wide|auto).
 *
 * ncursesw advances its cursor by wcwidth() of each character, and it binds
 * to the executable's wcwidth before libc's.  So the program defines its own:
 * libc's answer, except that with ambiguous-wide on, a character the text
 * module counts as 2 (sq_cp_width: the ~900 Ambiguous code points) is 2 for
 * ncurses too, and every column the program computes stays true.  wcswidth
 * comes along because glibc's calls its internal wcwidth, not this one.
 *
 * "auto" asks the terminal: print an Ambiguous character and read where the
 * cursor went (ESC [ 6 n).  Not inside tmux or screen: they answer the probe
 * themselves and always draw Ambiguous characters narrow. */
#include <dlfcn.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "text.h"
#include "util.h"
#include "tui_term.h"

typedef int (*wcwidth_fn)(wchar_t);

static int fallback_wcwidth(wchar_t c)
{
	if (c == 0)
		return 0;
	if (c < 0x20 || (c >= 0x7f && c < 0xa0))
		return -1;
	return sq_cp_width((uint32_t)c);
}

static wcwidth_fn libc_wcwidth(void)
{
	static wcwidth_fn fn;
	if (!fn) {
		void *sym = dlsym(RTLD_NEXT, "wcwidth");
		fn = sym ? (wcwidth_fn)sym : fallback_wcwidth;
	}
	return fn;
}

int wcwidth(wchar_t c)
{
	int w = libc_wcwidth()(c);
	if (w == 1 && sq_text_ambiguous_wide() && sq_cp_width((uint32_t)c) == 2)
		return 2;
	return w;
}

int wcswidth(const wchar_t *s, size_t n)
{
	int total = 0;
	for (size_t i = 0; i < n && s[i]; i++) {
		int w = wcwidth(s[i]);
		if (w < 0)
			return -1;
		total += w;
	}
	return total;
}

/* Inside a multiplexer the probe measures the multiplexer, which is narrow. */
static bool in_multiplexer(void)
{
	const char *term = getenv("TERM");
	const char *tmux = getenv("TMUX"), *sty = getenv("STY");
	if ((tmux && *tmux) || (sty && *sty))
		return true;
	return term && (strncmp(term, "screen", 6) == 0 || strncmp(term, "tmux", 4) == 0);
}

/* The cursor position report ESC [ row ; col R, within timeout_ms.  Other
 * bytes before it (a key pressed just then) are dropped. */
static int read_cursor_column(int fd, int timeout_ms)
{
	char buf[64];
	size_t len = 0;
	double t0 = sq_now();
	for (;;) {
		long left = timeout_ms - (long)((sq_now() - t0) * 1000);
		if (left <= 0)
			return -1;
		struct pollfd p = {.fd = fd, .events = POLLIN};
		int r = poll(&p, 1, (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		char c;
		if (read(fd, &c, 1) != 1)
			return -1;
		if (c == '\033')
			len = 0;
		if (len < sizeof buf - 1)
			buf[len++] = c;
		if (c == 'R') {
			buf[len] = '\0';
			int row, col;
			if (sscanf(buf, "\033[%d;%dR", &row, &col) == 2)
				return col;
			len = 0;
		}
	}
}

/* U+00B7 MIDDLE DOT: East Asian Ambiguous, in every terminal's font, and
 * drawn by this program (between fields) when ambiguous characters are
 * narrow. */
#define PROBE_CHAR "\xc2\xb7"

static bool probe_wide(void)
{
	int in = STDIN_FILENO, out = STDOUT_FILENO;
	if (!isatty(in) || !isatty(out) || in_multiplexer())
		return false;
	struct termios saved, raw;
	if (tcgetattr(in, &saved) != 0)
		return false;
	raw = saved;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(in, TCSANOW, &raw) != 0)
		return false;
	/* From column 1: the report says 2 after a narrow character, 3 after
	 * a wide one.  Then the line is wiped. */
	static const char probe[] = "\r" PROBE_CHAR "\033[6n";
	bool wide = false;
	if (write(out, probe, sizeof probe - 1) == (ssize_t)(sizeof probe - 1))
		wide = read_cursor_column(in, 300) == 3;
	static const char wipe[] = "\r\033[K";
	ssize_t r = write(out, wipe, sizeof wipe - 1);
	(void)r;
	tcsetattr(in, TCSANOW, &saved);
	return wide;
}

bool tui_ambiguous_setup(const struct sq_options *opt)
{
	bool wide = opt->ambiguous == SQ_AMBIGUOUS_WIDE ||
		    (opt->ambiguous == SQ_AMBIGUOUS_AUTO && probe_wide());
	sq_text_set_ambiguous_wide(wide);
	return wide;
}
