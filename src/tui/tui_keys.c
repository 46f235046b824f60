/* SPDX-License-Identifier: MIT */
/* The one key table: input is looked up here, and the key bar and the help
 * screen are generated from it, so they cannot disagree with what the keys
 * do.  Every F-key has a letter alternative (terminals and kiosks without
 * F-keys); in the search bar, where letters are text, the F-keys work. */
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "tui_int.h"

#define B TUI_IN(SCR_BROWSE)
#define D TUI_IN(SCR_DETAIL)
#define S TUI_IN(SCR_SEARCH)
#define H TUI_IN(SCR_HELP)
#define F TUI_IN(SCR_FILTER)
#define P TUI_IN(SCR_PRINT)

const struct tui_keydef tui_keys[] = {
	{ACT_UP, TUI_ALL, {KEY_UP}, {L'k'}, 0, "\u2191 k", "Up k",
	 NULL, 0, N_("Move up; scroll up")},
	{ACT_DOWN, TUI_ALL, {KEY_DOWN}, {L'j'}, 0, "\u2193 j", "Down j",
	 NULL, 0, N_("Move down; scroll down")},
	{ACT_RIGHT, B | F, {KEY_RIGHT}, {L'l'}, 0, "\u2192 l", "Right l",
	 NULL, 0, N_("Into the selected district or street")},
	{ACT_OPEN, B | S | F, {KEY_ENTER}, {L'\r', L'\n'}, 0, "Enter", "Enter",
	 N_("Open"), B | S | F, N_("Open the selection: next level, or a community's details")},
	{ACT_LEFT, B | D | H | F, {KEY_LEFT}, {L'h'}, 0, "\u2190 h", "Left h",
	 NULL, 0, N_("Back to the level above; close a view")},
	{ACT_BACK, B | D | H | F, {KEY_BACKSPACE}, {0x7f, 0x08}, 0, "Backspace",
	 "Backspace", NULL, 0, N_("Back, like the left arrow")},
	{ACT_CLOSE, D | S | H | F, {0}, {0x1b}, 0, "Esc", "Esc", N_("Back"), D | S | H | F,
	 N_("Close the view or the search; the search puts back where you were")},
	{ACT_NEXT_PANE, B, {0}, {L'\t'}, 0, "Tab", "Tab", N_("Pane"), B,
	 N_("Next pane")},
	{ACT_PREV_PANE, B, {KEY_BTAB}, {0}, 0, "Shift-Tab", "Shift-Tab", NULL, 0,
	 N_("Previous pane")},
	{ACT_PGUP, TUI_ALL, {KEY_PPAGE}, {0}, 0, "PgUp", "PgUp", NULL, 0,
	 N_("A page up")},
	{ACT_PGDN, TUI_ALL, {KEY_NPAGE}, {L' '}, 0, "PgDn Space", "PgDn Space",
	 NULL, 0, N_("A page down")},
	{ACT_HOME, TUI_ALL, {KEY_HOME}, {L'g'}, 0, "Home g", "Home g", NULL, 0,
	 N_("First item; top")},
	{ACT_END, TUI_ALL, {KEY_END}, {L'G'}, 0, "End G", "End G", NULL, 0,
	 N_("Last item; bottom")},
	{ACT_SEARCH, B | D | H, {KEY_F(3)}, {L'/'}, 3, "/ F3", "/ F3",
	 N_("Search"), B | D, N_("Search by name (Chinese, English, pinyin) or service")},
	{ACT_LANG, TUI_ALL, {KEY_F(2)}, {L'L'}, 2, "L F2", "L F2",
	 N_("Language"), B | D,
	 N_("Show names and texts in Chinese or English")},
	{ACT_PRINT, B | D, {KEY_F(5)}, {L'p'}, 5, "p F5", "p F5", N_("Print"), B | D,
	 N_("Print a fact sheet of the community")},
	{ACT_CITY, B, {KEY_F(4)}, {L'c'}, 4, "c F4", "c F4", NULL, 0,
	 N_("Switch between the demonstration communities and the whole city")},
	{ACT_FILTER, B | D | S | H | F, {KEY_F(6)}, {L'f'}, 6, "f F6", "f F6",
	 N_("Category"), B, N_("Every community offering a category of service")},
	/* The print dialog's own keys: the help lists them on their own. */
	{ACT_OPEN, P, {KEY_ENTER}, {L'\r', L'\n'}, 0, "Enter", "Enter",
	 N_("Print"), P, N_("Print the sheet on the chosen printer")},
	{ACT_NEXT_PANE, P, {0}, {L'\t'}, 0, "Tab", "Tab", N_("Field"), P,
	 N_("Next field: language, printer, copies, preview")},
	{ACT_PREV_PANE, P, {KEY_BTAB}, {0}, 0, "Shift-Tab", "Shift-Tab", NULL, 0,
	 N_("Previous field")},
	{ACT_LEFT, P, {KEY_LEFT}, {L'h'}, 0, "\u2190 h", "Left h", NULL, 0,
	 N_("The choice before, in the field (Up too)")},
	{ACT_RIGHT, P, {KEY_RIGHT}, {L'l'}, 0, "\u2192 l", "Right l", NULL, 0,
	 N_("The choice after, in the field (Down too)")},
	{ACT_PLUS, P, {0}, {L'+', L'='}, 0, "+", "+", NULL, 0,
	 N_("One copy more")},
	{ACT_MINUS, P, {0}, {L'-'}, 0, "-", "-", NULL, 0, N_("One copy fewer")},
	{ACT_SAVE, P, {0}, {L's'}, 0, "s", "s", N_("Save"), P,
	 N_("Save the sheet as a PDF file in the save directory")},
	{ACT_CLOSE, P, {0}, {0x1b}, 0, "Esc", "Esc", N_("Close"), P,
	 N_("Close the dialog; cancel a job that has not printed yet")},
	{ACT_HELP, TUI_ALL, {KEY_F(1)}, {L'?'}, 1, "? F1", "? F1", N_("Help"),
	 B | D | S | P | F, N_("This help")},
	{ACT_REDRAW, TUI_ALL, {0}, {0x0c}, 0, "Ctrl-L", "Ctrl-L", NULL, 0,
	 N_("Repaint the screen")},
	{ACT_QUIT, TUI_ALL, {KEY_F(10)}, {L'q'}, 10, "q F10", "q F10", N_("Quit"),
	 TUI_ALL, N_("Quit")},
};
const size_t tui_n_keys = sizeof tui_keys / sizeof tui_keys[0];

enum tui_action tui_key_action(const struct tui_input *in, enum tui_scr scr)
{
	for (size_t i = 0; i < tui_n_keys; i++) {
		const struct tui_keydef *k = &tui_keys[i];
		if (!(k->screens & TUI_IN(scr)))
			continue;
		if (in->fn) {
			for (int j = 0; j < 3 && k->codes[j]; j++)
				if (k->codes[j] == in->code)
					return k->act;
		} else {
			for (int j = 0; j < 3 && k->chars[j]; j++)
				if ((wint_t)k->chars[j] == in->ch)
					return k->act;
		}
	}
	return ACT_NONE;
}

const char *tui_key_label(const struct tui_keydef *k, bool ascii)
{
	return ascii ? k->label_ascii : k->label;
}

/* The key as the bar shows it: its first key only. */
static void bar_key(const struct tui_keydef *k, enum tui_scr scr, bool ascii,
		    char *out, size_t n)
{
	if (scr == SCR_SEARCH && k->fkey) {
		/* Letters are text in the search bar. */
		snprintf(out, n, "F%d", k->fkey);
		return;
	}
	const char *l = tui_key_label(k, ascii);
	size_t len = strcspn(l, " ");
	if (len >= n)
		len = n - 1;
	memcpy(out, l, len);
	out[len] = '\0';
}

static const char *bar_text(const struct tui *t, const struct tui_keydef *k)
{
	if (k->act == ACT_LANG)
		/* Name the language it switches to, in that language. */
		return t->lang == SQ_ZH ? "English" : "\u4e2d\u6587";
	return _(k->bar);
}

void tui_draw_bar(struct tui *t, enum tui_scr scr)
{
	struct tui_row *r = &t->row;
	int cols = getmaxx(t->bar);
	tui_row_reset(r);
	t->n_bar_hits = 0;
	if (t->status[0]) {
		enum tui_role role = t->status_error ? ROLE_ERROR : ROLE_STATUS;
		tui_row_glyph(r, " ", role);
		tui_row_str(r, t->status, cols - 1, role);
		tui_row_draw(r, t->bar, 0, ROLE_BAR);
		wnoutrefresh(t->bar);
		return;
	}
	/* Which items fit: all, else drop from the end of the table's order
	 * but keep Help and Quit, which come last. */
	/* Large print: a cell more on each side of the key and after the
	 * text, so that a finger finds the button. */
	int pad = t->opt->large ? 1 : 0;
	const struct tui_keydef *items[24];
	int widths[24], n = 0, total = 0;
	for (size_t i = 0; i < tui_n_keys && n < 24; i++) {
		const struct tui_keydef *k = &tui_keys[i];
		if (!k->bar || !(k->bar_screens & TUI_IN(scr)))
			continue;
		if (k->act == ACT_CITY && !t->opt->city_path)
			continue;
		if (k->act == ACT_QUIT && t->opt->kiosk)
			continue; /* staff quit with their own sequence */
		char key[32];
		bar_key(k, scr, t->ascii_labels, key, sizeof key);
		items[n] = k;
		widths[n] = sq_strwidth(key) + 1 + sq_strwidth(bar_text(t, k)) + 2 + 3 * pad;
		total += widths[n++];
	}
	while (total > cols && n > 0) {
		int drop = n - 1;
		while (drop >= 0 && (items[drop]->act == ACT_QUIT ||
				     items[drop]->act == ACT_HELP))
			drop--;
		if (drop < 0)
			drop = n - 1;
		total -= widths[drop];
		memmove(&items[drop], &items[drop + 1], (size_t)(n - drop - 1) * sizeof items[0]);
		memmove(&widths[drop], &widths[drop + 1], (size_t)(n - drop - 1) * sizeof widths[0]);
		n--;
	}
	int x = 0;
	for (int i = 0; i < n; i++) {
		char key[32];
		bar_key(items[i], scr, t->ascii_labels, key, sizeof key);
		const char *text = bar_text(t, items[i]);
		int kw = sq_strwidth(key), tw = sq_strwidth(text);
		int bw = kw + 1 + tw + 3 * pad;
		if (x + bw > cols)
			break;
		t->bar_hits[t->n_bar_hits++] =
			(struct tui_bar_hit){x, x + bw, items[i]->act};
		tui_row_fill(r, pad, ROLE_KEY);
		tui_row_str(r, key, kw, ROLE_KEY);
		tui_row_fill(r, pad, ROLE_KEY);
		tui_row_glyph(r, " ", ROLE_BAR);
		tui_row_str(r, text, tw, ROLE_BAR);
		tui_row_fill(r, pad, ROLE_BAR);
		x += bw;
		int gap = cols - x < 2 ? cols - x : 2;
		tui_row_fill(r, gap, ROLE_BAR);
		x += gap;
	}
	tui_row_draw(r, t->bar, 0, ROLE_BAR);
	wnoutrefresh(t->bar);
}

/* One line of help: the key column padded to keyw cells, then what it does. */
static void help_row(struct sq_buf *out, const char *label, const char *text,
		     int keyw)
{
	sq_buf_adds(out, "  ");
	sq_buf_adds(out, label);
	sq_buf_spaces(out, keyw - sq_strwidth(label) + 3);
	sq_buf_adds(out, text);
	sq_buf_adds(out, "\n");
}

void tui_help_build(struct tui *t, struct sq_buf *out, size_t *n_lines)
{
	size_t lines = 0;
	int keyw = 0;
	for (size_t i = 0; i < tui_n_keys; i++) {
		int w = sq_strwidth(tui_key_label(&tui_keys[i], t->ascii_labels));
		if (w > keyw)
			keyw = w;
	}
	sq_buf_reset(out);
	/* Lines starting with '#' are headings. */
	sq_buf_addf(out, "#%s\n", _("Keys"));
	lines++;
	for (size_t i = 0; i < tui_n_keys; i++) {
		const struct tui_keydef *k = &tui_keys[i];
		if (k->act == ACT_CITY && !t->opt->city_path)
			continue;
		if (k->screens == P)
			continue; /* below, under the print dialog */
		if (k->act == ACT_QUIT && t->opt->kiosk)
			continue;
		const char *label = tui_key_label(k, t->ascii_labels);
		help_row(out, label, _(k->help), keyw);
		lines++;
	}
	sq_buf_adds(out, "\n");
	sq_buf_addf(out, "#%s\n", _("In the search bar"));
	const char *edit[][2] = {
		{"\u2190 \u2192", N_("Move by character")},
		{"Home End", N_("Start, end of the query")},
		{"Backspace", N_("Delete the character before the cursor")},
		{"Ctrl-U", N_("Clear the query")},
		{"Ctrl-W", N_("Delete the word before the cursor")},
		{"F1 F10", N_("Help, quit (letters are typed)")},
	};
	lines += 2;
	for (size_t i = 0; i < sizeof edit / sizeof edit[0]; i++) {
		const char *label = edit[i][0];
		if (t->ascii_labels && i == 0)
			label = "Left Right";
		help_row(out, label, _(edit[i][1]), keyw);
		lines++;
	}
	if (HAVE_PRINTING) {
		sq_buf_adds(out, "\n");
		sq_buf_addf(out, "#%s\n", _("In the print dialog"));
		lines += 2;
	}
	for (size_t i = 0; i < tui_n_keys && HAVE_PRINTING; i++) {
		const struct tui_keydef *k = &tui_keys[i];
		if (k->screens != P)
			continue;
		const char *label = tui_key_label(k, t->ascii_labels);
		help_row(out, label, _(k->help), keyw);
		lines++;
	}
	sq_buf_adds(out, "\n");
	sq_buf_addf(out, "#%s\n", _("Mouse and touch"));
	sq_buf_addf(out, "  %s\n", _("A click or touch selects; on the selected row it opens."));
	sq_buf_addf(out, "  %s\n", _("The wheel scrolls the pane under the pointer."));
	sq_buf_addf(out, "  %s\n", _("The key bar at the bottom can be clicked."));
	lines += 5;
	sq_buf_adds(out, "\n");
	sq_buf_addf(out, "#%s\n", _("Data"));
	sq_buf_addf(out, "  %s\n", t->model->path);
	sq_buf_adds(out, "  ");
	sq_buf_addf(out, _("%u districts, %u streets, %u communities\n"),
		    t->model->n_districts, t->model->n_streets, t->model->n_comms);
	lines += 4;
	if (tui_view_marks(t)) {
		sq_buf_addf(out, "  " TUI_MARK " %s\n",
			    _("marks an international demonstration community"));
		lines++;
	}
	*n_lines = lines;
}
