/* SPDX-License-Identifier: MIT */
/* The one key table: input is looked up here, and the key bar and the help
 * screen are generated from it, key names included, so they cannot disagree
 * with what the keys do.  Every F-key has a letter beside it (terminals and
 * kiosks without F-keys); in the search bar, where letters are text, the
 * F-keys work and only they are shown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "tui_int.h"

#define B TUI_IN(SCR_BROWSE)
#define D TUI_IN(SCR_DETAIL)
#define S TUI_IN(SCR_SEARCH)
#define H TUI_IN(SCR_HELP)
#define F TUI_IN(SCR_FILTER)
#define P TUI_IN(SCR_PRINT)
#define E TUI_IN(SCR_EDIT)
#define SCREENS (B | D | S | H | F | P)
/* Where the data is shown: a key about the data works in all of them. */
#define DATA (B | D | S | F)
#define CTRL(c) ((c) & 0x1f)

const struct tui_keydef tui_keys[] = {
	{ACT_UP, SCREENS & ~P, {KEY_UP}, {L'k'}, NULL, 0, N_("Move up; scroll up")},
	{ACT_DOWN, SCREENS & ~P, {KEY_DOWN}, {L'j'}, NULL, 0, N_("Move down; scroll down")},
	{ACT_RIGHT, B | F, {KEY_RIGHT}, {L'l'}, NULL, 0,
	 N_("Into the selection: the next level, or a community's details")},
	{ACT_OPEN, B | S | F, {KEY_ENTER}, {L'\r', L'\n'}, N_("Open"), B | S | F,
	 N_("Open the selection: the next level, or a community's details")},
	{ACT_LEFT, B | D | H | F, {KEY_LEFT}, {L'h'}, NULL, 0,
	 N_("Back to the level above; close a view")},
	{ACT_BACK, B | D | H | F, {KEY_BACKSPACE}, {0x7f, 0x08}, NULL, 0,
	 N_("Back, like the left arrow")},
	{ACT_CLOSE, S, {0}, {0x1b}, N_("Back"), S,
	 N_("Close the search; the panes stay where they were")},
	{ACT_CLOSE, D | H | F, {0}, {L'q', 0x1b}, N_("Back"), D | H | F,
	 N_("Close this view")},
	{ACT_NEXT_PANE, B, {0}, {L'\t'}, N_("Pane"), B, N_("Next pane")},
	{ACT_PREV_PANE, B, {KEY_BTAB}, {0}, NULL, 0, N_("Previous pane")},
	{ACT_PGUP, SCREENS, {KEY_PPAGE}, {0}, NULL, 0, N_("A page up")},
	{ACT_PGDN, SCREENS, {KEY_NPAGE}, {L' '}, NULL, 0, N_("A page down")},
	{ACT_HOME, SCREENS & ~P, {KEY_HOME}, {L'g'}, NULL, 0, N_("First item; top")},
	{ACT_END, SCREENS & ~P, {KEY_END}, {L'G'}, NULL, 0, N_("Last item; bottom")},
	{ACT_SEARCH, DATA & ~S, {KEY_F(3)}, {L'/'}, N_("Search"), B | D,
	 N_("Search by name (Chinese, English, pinyin), code or service")},
	{ACT_LANG, SCREENS, {KEY_F(2)}, {L'L'}, N_("Language"), B | D,
	 N_("Show names and texts in Chinese or English")},
	{ACT_PRINT, DATA, {KEY_F(5)}, {L'p'}, N_("Print"), B | D,
	 N_("Print a fact sheet of the selected community")},
	{ACT_FILTER, DATA, {KEY_F(6)}, {L'f'}, N_("Category"), B,
	 N_("Every community offering a category of service")},
	{ACT_CITY, DATA, {KEY_F(4)}, {L'c'}, NULL, 0,
	 N_("Switch between the demonstration communities and the whole city")},
	/* The print dialog's own keys. */
	{ACT_OPEN, P, {KEY_ENTER}, {L'\r', L'\n'}, N_("Print"), P,
	 N_("Print the sheet on the chosen printer")},
	{ACT_NEXT_PANE, P, {0}, {L'\t'}, N_("Field"), P,
	 N_("Next field: language, printer, copies, preview")},
	{ACT_PREV_PANE, P, {KEY_BTAB}, {0}, NULL, 0, N_("Previous field")},
	{ACT_UP, P, {KEY_UP}, {L'k'}, NULL, 0,
	 N_("The choice above in the field; one copy more; in the preview, scroll up")},
	{ACT_DOWN, P, {KEY_DOWN}, {L'j'}, NULL, 0,
	 N_("The choice below in the field; one copy fewer; in the preview, scroll down")},
	{ACT_LEFT, P, {KEY_LEFT}, {L'h'}, NULL, 0,
	 N_("The choice before in the field; one copy fewer")},
	{ACT_RIGHT, P, {KEY_RIGHT}, {L'l'}, NULL, 0,
	 N_("The choice after in the field; one copy more")},
	{ACT_PLUS, P, {0}, {L'+', L'='}, NULL, 0, N_("One copy more")},
	{ACT_MINUS, P, {0}, {L'-'}, NULL, 0, N_("One copy fewer")},
	{ACT_HOME, P, {KEY_HOME}, {L'g'}, NULL, 0, N_("The top of the preview")},
	{ACT_END, P, {KEY_END}, {L'G'}, NULL, 0, N_("The end of the preview")},
	{ACT_SAVE, P, {0}, {L's'}, N_("Save"), P,
	 N_("Save the sheet as a PDF file in the save directory")},
	{ACT_CLOSE, P, {0}, {0x1b, L'q'}, N_("Close"), P,
	 N_("Close the dialog; cancel a job that has not printed yet")},
	/* The line editor, before the search's own keys. */
	{ACT_EDIT_LEFT, E, {KEY_LEFT}, {CTRL('B')}, NULL, 0, N_("A character left")},
	{ACT_EDIT_RIGHT, E, {KEY_RIGHT}, {CTRL('F')}, NULL, 0, N_("A character right")},
	{ACT_EDIT_HOME, E, {KEY_HOME}, {CTRL('A')}, NULL, 0, N_("To the start of the query")},
	{ACT_EDIT_END, E, {KEY_END}, {CTRL('E')}, NULL, 0, N_("To the end of the query")},
	{ACT_EDIT_BACKSPACE, E, {KEY_BACKSPACE}, {0x7f, 0x08}, NULL, 0,
	 N_("Delete the character before the cursor")},
	{ACT_EDIT_DELETE, E, {KEY_DC}, {CTRL('D')}, NULL, 0,
	 N_("Delete the character at the cursor")},
	{ACT_EDIT_CLEAR, E, {0}, {CTRL('U')}, NULL, 0, N_("Clear the query")},
	{ACT_EDIT_KILL_WORD, E, {0}, {CTRL('W')}, NULL, 0,
	 N_("Delete the word before the cursor")},
	{ACT_EDIT_KILL_END, E, {0}, {CTRL('K')}, NULL, 0,
	 N_("Delete from the cursor to the end")},
	{ACT_HELP, SCREENS, {KEY_F(1)}, {L'?'}, N_("Help"), B | D | S | P | F,
	 N_("This help")},
	{ACT_REDRAW, SCREENS, {0}, {CTRL('L')}, NULL, 0, N_("Repaint the screen")},
	/* q closes a view (as in less and tig) and quits only from the
	 * panes; Q quits from anywhere. */
	{ACT_QUIT, B, {KEY_F(10)}, {L'q', L'Q'}, N_("Quit"), B, N_("Quit")},
	{ACT_QUIT, SCREENS & ~B, {KEY_F(10)}, {L'Q'}, N_("Quit"), SCREENS & ~B,
	 N_("Quit shequ")},
};
const size_t tui_n_keys = sizeof tui_keys / sizeof tui_keys[0];

/* Whether the line editor binds the key (a code, or a character). */
static bool edit_binds(int code, wchar_t ch)
{
	struct tui_input in = {.fn = code != 0, .code = code, .ch = (wint_t)ch};
	return tui_key_action(&in, SCR_EDIT) != ACT_NONE;
}

/* In the search bar the line editor takes its keys, and letters are text,
 * before the search's own bindings see them: those keys do not work there
 * as the table says, so they are neither shown nor listed. */
static bool shadowed(enum tui_scr scr, int code, wchar_t ch)
{
	if (scr != SCR_SEARCH)
		return false;
	return (!code && ch >= 0x20 && ch != 0x7f) || edit_binds(code, ch);
}

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

/* The name of a curses key code, NULL for one the table does not use. */
static const char *code_name(int code, bool ascii, char *buf, size_t n)
{
	for (int f = 1; f <= 12; f++)
		if (code == KEY_F(f)) {
			snprintf(buf, n, "F%d", f);
			return buf;
		}
	switch (code) {
	case KEY_UP: return ascii ? "Up" : "\u2191";
	case KEY_DOWN: return ascii ? "Down" : "\u2193";
	case KEY_LEFT: return ascii ? "Left" : "\u2190";
	case KEY_RIGHT: return ascii ? "Right" : "\u2192";
	case KEY_ENTER: return "Enter";
	case KEY_BACKSPACE: return "Backspace";
	case KEY_DC: return "Delete";
	case KEY_BTAB: return "Shift-Tab";
	case KEY_PPAGE: return "PgUp";
	case KEY_NPAGE: return "PgDn";
	case KEY_HOME: return "Home";
	case KEY_END: return "End";
	default: return NULL;
	}
}

static const char *char_name(wchar_t c, char *buf, size_t n)
{
	switch (c) {
	case L'\r':
	case L'\n': return "Enter";
	case 0x1b: return "Esc";
	case L'\t': return "Tab";
	case L' ': return "Space";
	case 0x7f:
	case 0x08: return "Backspace";
	default: break;
	}
	if (c < 0x20)
		snprintf(buf, n, "Ctrl-%c", (char)(c + '@'));
	else
		snprintf(buf, n, "%lc", (wint_t)c);
	return buf;
}

/* Names in the order a person reads them: special keys, the letters, then
 * the F-keys ("\u2191 k", "? F1", "Esc q"); the same name once. */
void tui_key_label(const struct tui_keydef *k, enum tui_scr scr, bool ascii,
		   bool first_only, char *out, size_t n)
{
	const char *names[8];
	char bufs[8][16];
	int m = 0;
	for (int pass = 0; pass < 3; pass++) {
		for (int j = 0; pass != 1 && j < 3 && k->codes[j]; j++) {
			bool fkey = k->codes[j] >= KEY_F(1) && k->codes[j] <= KEY_F(63);
			if (fkey != (pass == 2))
				continue;
			const char *name = code_name(k->codes[j], ascii, bufs[m], sizeof bufs[m]);
			if (name && !shadowed(scr, k->codes[j], 0))
				names[m++] = name;
		}
		for (int j = 0; pass == 1 && j < 3 && k->chars[j]; j++)
			if (!shadowed(scr, 0, k->chars[j]))
				names[m] = char_name(k->chars[j], bufs[m], sizeof bufs[m]), m++;
	}
	out[0] = '\0';
	size_t len = 0;
	for (int i = 0; i < m; i++) {
		bool seen = false;
		for (int j = 0; j < i && !seen; j++)
			seen = strcmp(names[j], names[i]) == 0;
		if (seen)
			continue;
		int w = snprintf(out + len, n - len, "%s%s", len ? " " : "", names[i]);
		if (w < 0 || (size_t)w >= n - len)
			break;
		len += (size_t)w;
		if (first_only)
			break;
	}
}

void tui_action_key(enum tui_action act, enum tui_scr scr, bool ascii, char *out,
		    size_t n)
{
	out[0] = '\0';
	for (size_t i = 0; i < tui_n_keys && !out[0]; i++)
		if (tui_keys[i].act == act && (tui_keys[i].screens & TUI_IN(scr)))
			tui_key_label(&tui_keys[i], scr, ascii, true, out, n);
}

/* Whether a binding is offered here: kiosks quit with the staff sequence,
 * and the whole city only when its file is installed. */
static bool offered(const struct tui *t, const struct tui_keydef *k)
{
	if (k->act == ACT_QUIT && t->opt->kiosk)
		return false;
	if (k->act == ACT_CITY && !t->opt->city_path)
		return false;
	return true;
}

/* The bar's text for k, or NULL when the screen on top does not offer it
 * now. */
static const char *bar_text(struct tui *t, const struct tui_keydef *k)
{
	/* The language: named as the language it switches to, in that language. */
	const char *label = k->act != ACT_LANG ? _(k->bar)
			    : t->lang == SQ_ZH ? "English" : "\u4e2d\u6587";
	struct tui_frame *f = t->top;
	if (f && f->type->bar_label)
		label = f->type->bar_label(t, f, k->act, label);
	return label;
}

#define MAX_BAR 24

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
	const struct tui_keydef *items[MAX_BAR];
	char keys[MAX_BAR][32];
	int widths[MAX_BAR], n = 0, total = 0;
	for (size_t i = 0; i < tui_n_keys && n < MAX_BAR; i++) {
		const struct tui_keydef *k = &tui_keys[i];
		if (!k->bar || !(k->bar_screens & TUI_IN(scr)) || !offered(t, k) ||
		    !bar_text(t, k))
			continue;
		tui_key_label(k, scr, t->ascii_labels, true, keys[n], sizeof keys[n]);
		if (!keys[n][0])
			continue;
		items[n] = k;
		widths[n] = sq_strwidth(keys[n]) + 1 + sq_strwidth(bar_text(t, k)) + 2 + 3 * pad;
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
		memmove(&keys[drop], &keys[drop + 1], (size_t)(n - drop - 1) * sizeof keys[0]);
		memmove(&widths[drop], &widths[drop + 1], (size_t)(n - drop - 1) * sizeof widths[0]);
		n--;
	}
	int x = 0;
	for (int i = 0; i < n; i++) {
		const char *text = bar_text(t, items[i]);
		int kw = sq_strwidth(keys[i]), tw = sq_strwidth(text);
		int bw = kw + 1 + tw + 3 * pad;
		if (x + bw > cols)
			break;
		t->bar_hits[t->n_bar_hits++] =
			(struct tui_bar_hit){x, x + bw, items[i]->act};
		tui_row_fill(r, pad, ROLE_KEY);
		tui_row_str(r, keys[i], kw, ROLE_KEY);
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

/* ---- the help text ---- */

struct help_text {
	struct sq_buf *out;
	int keyw;  /* the key column */
	int width; /* of a line */
};

/* A heading: lines starting with '#' (tui_help.c draws them so). */
static void heading(struct help_text *h, const char *s)
{
	if (h->out->len)
		sq_buf_adds(h->out, "\n");
	sq_buf_addf(h->out, "#%s\n", s);
}

/* text wrapped to the line, each line after indent cells and after the
 * first one's label (label padded to the indent). */
static void wrapped(struct help_text *h, const char *label, int indent, const char *text)
{
	struct sq_line *lines;
	size_t n = sq_wrap(text, strlen(text), h->width - indent, &lines);
	for (size_t i = 0; i < n; i++) {
		if (i == 0 && label) {
			sq_buf_adds(h->out, "  ");
			sq_buf_adds(h->out, label);
			sq_buf_spaces(h->out, indent - 2 - sq_strwidth(label));
		} else {
			sq_buf_spaces(h->out, indent);
		}
		sq_buf_add(h->out, text + lines[i].off, lines[i].len);
		sq_buf_adds(h->out, "\n");
	}
	free(lines);
}

/* One binding: the key column, then what it does, wrapped under itself. */
static void key_row(struct help_text *h, const char *label, const char *text)
{
	wrapped(h, label, 2 + h->keyw + 3, text);
}

/* A sentence of its own, indented as the keys are. */
static void para(struct help_text *h, const char *text)
{
	wrapped(h, NULL, 2, text);
}

/* The widest label of the bindings of the screens shown. */
static int key_column(const struct tui *t, unsigned screens)
{
	char label[64];
	int keyw = 0;
	for (size_t i = 0; i < tui_n_keys; i++)
		for (int c = 0; c < SCR_COUNT; c++) {
			if (!(tui_keys[i].screens & screens & TUI_IN(c)))
				continue;
			tui_key_label(&tui_keys[i], (enum tui_scr)c, t->ascii_labels,
				      false, label, sizeof label);
			int w = sq_strwidth(label);
			keyw = w > keyw ? w : keyw;
		}
	return keyw;
}

/* Whether act has a binding in the screens also (listed there already). */
static bool listed(enum tui_action act, unsigned also)
{
	for (size_t i = 0; i < tui_n_keys; i++)
		if (tui_keys[i].act == act && (tui_keys[i].screens & also))
			return true;
	return false;
}

/* Every binding that works in scr and not in also (listed already), in the
 * table's order. */
static void keys_of(struct tui *t, struct help_text *h, enum tui_scr scr,
		    unsigned also)
{
	char label[64];
	for (size_t i = 0; i < tui_n_keys; i++) {
		const struct tui_keydef *k = &tui_keys[i];
		if (!(k->screens & TUI_IN(scr)) || !offered(t, k) || listed(k->act, also))
			continue;
		tui_key_label(k, scr, t->ascii_labels, false, label, sizeof label);
		if (label[0])
			key_row(h, label, _(k->help));
	}
}

static const char *keys_heading(enum tui_scr scr)
{
	switch (scr) {
	case SCR_DETAIL: return _("Keys in the detail view");
	case SCR_SEARCH: return _("Keys in the search");
	case SCR_FILTER: return _("Keys in the category filter");
	case SCR_PRINT: return _("Keys in the print dialog");
	case SCR_HELP: return _("Keys in the help");
	default: return _("Keys in the panes");
	}
}

void tui_help_build(struct tui *t, enum tui_scr scr, int width, struct sq_buf *out)
{
	unsigned shown = TUI_IN(scr) | TUI_IN(SCR_HELP) |
			 (scr == SCR_SEARCH ? TUI_IN(SCR_EDIT) : 0);
	struct help_text h = {.out = out, .width = width};
	h.keyw = key_column(t, shown);
	if (h.width - 2 - h.keyw - 3 < 16)
		h.width = 2 + h.keyw + 3 + 16; /* narrow: cut, not a column of one word */
	sq_buf_reset(out);
	heading(&h, keys_heading(scr));
	keys_of(t, &h, scr, 0);
	if (scr == SCR_SEARCH) {
		heading(&h, _("Editing the query"));
		keys_of(t, &h, SCR_EDIT, 0);
	}
	/* The help's own keys, where they are not the screen's. */
	size_t len = out->len;
	heading(&h, _("In the help"));
	size_t with_heading = out->len;
	keys_of(t, &h, SCR_HELP, TUI_IN(scr));
	if (out->len == with_heading)
		out->len = len;

	heading(&h, _("Mouse and touch"));
	if (scr == SCR_PRINT)
		para(&h, _("A click or touch chooses a language, a printer or a button."));
	else if (scr == SCR_BROWSE || scr == SCR_SEARCH || scr == SCR_FILTER)
		para(&h, _("A click or touch selects; on the selected row it opens."));
	if (scr == SCR_BROWSE)
		para(&h, _("A touch on the preview below the panes opens the community's details."));
	para(&h, scr == SCR_BROWSE ? _("The wheel scrolls the pane under the pointer.")
				   : _("The wheel scrolls."));
	para(&h, _("The key bar at the bottom can be clicked."));

	heading(&h, _("Data"));
	para(&h, t->model->path);
	struct sq_buf more = {0};
	sq_buf_addf(&more, _("%u districts, %u streets, %u communities\n"),
		    t->model->n_districts, t->model->n_streets, t->model->n_comms);
	sq_buf_truncate(&more, more.len - 1); /* para ends the line itself */
	para(&h, sq_buf_str(&more));
	if (tui_view_marks(t)) {
		struct sq_buf meaning = {0};
		sq_buf_reset(&more);
		sq_buf_addf(&more, TUI_MARK " %s", tui_view_mark_meaning(t, &meaning));
		para(&h, sq_buf_str(&more));
		sq_buf_free(&meaning);
	}
	sq_buf_free(&more);
}
