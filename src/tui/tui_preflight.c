/* SPDX-License-Identifier: MIT */
/* Before the screen is taken over: keys must come from a terminal, and the
 * terminal type must be one that can place the cursor.  Otherwise initscr
 * would print its own message and exit 1, or the program would wait on
 * /dev/null for ever; here it says what to do instead, and exits 2. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "i18n.h"
#include "text.h"
#include "tui_term.h"
/* Last: term.h defines macros such as "lines" that clash with curses.h. */
#include <term.h>

bool tui_preflight(void)
{
	if (!isatty(STDIN_FILENO)) {
		fprintf(stderr, "%s\n",
			_("shequ: standard input is not a terminal; the browser reads its "
			  "keys from one (see --list, --search and --help)"));
		return false;
	}
	const char *term = getenv("TERM");
	if (!term || !*term) {
		fprintf(stderr, "%s\n",
			_("shequ: TERM is not set, so the terminal cannot be driven; "
			  "set it, for example TERM=xterm-256color"));
		return false;
	}
	/* An unknown type and a generic one such as dumb fail alike (err 0). */
	int err = 0;
	bool usable = false;
	if (setupterm(NULL, STDOUT_FILENO, &err) == OK) {
		const char *cup = tigetstr("cup");
		usable = cup && cup != (char *)-1;
		TERMINAL *probe = cur_term;
		set_curterm(NULL);
		del_curterm(probe);
	}
	if (!usable) {
		fprintf(stderr,
			_("shequ: the terminal type '%s' (TERM) is unknown here or cannot "
			  "place the cursor, and the browser needs a full-screen terminal; "
			  "try TERM=xterm-256color, or use --list and --search\n"),
			term);
		return false;
	}
	return true;
}
