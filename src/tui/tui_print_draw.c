/* SPDX-License-Identifier: MIT */
/* The print dialog drawn: wide terminals get the preview on the left and
 * the fields in a column on the right; narrow ones the fields on three
 * rows above the preview.  The message and the buttons are at the bottom
 * in both.  The message is shown there only, and wrapped so that a path
 * (a file, a directory, a socket) stays whole on a line.  Every row goes
 * through the row layer; every width comes from the text module. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "tui_print.h"
#include "util.h"

#define WIDE_MIN_COLS 60

/* ---- the preview ---- */

void tui_print_drop_lines(struct print_dialog *p)
{
	sq_sheet_lines_free(p->lines, p->n_lines);
	p->lines = NULL;
	p->n_lines = p->pv.lines = 0;
	p->lines_width = 0;
	p->sheet = NULL;
}

/* The sheet in the language chosen now, as lines of width cells; another
 * sheet (the language changed) starts at its top. */
static void ensure_lines(struct print_dialog *p, int width)
{
	const struct sq_sheet *sh = sq_printdlg_sheet(p->d);
	if (p->lines && p->sheet == sh && p->lines_width == width)
		return;
	if (p->sheet != sh)
		p->pv.top = 0;
	sq_sheet_lines_free(p->lines, p->n_lines);
	p->n_lines = p->pv.lines = sq_sheet_lines(sh, width, &p->lines);
	p->lines_width = width;
	p->sheet = sh;
}

/* ---- drawing ---- */

struct geom {
	int w, h;
	bool wide;
	int pw, fw;     /* wide: preview, then a separator, then the fields */
	int top_rows;   /* rows of preview and fields */
	int rule_y;     /* -1: none */
	int msg_y, msg_rows;
	int button_y;
};

/* What a row of the fields shows. */
enum frow_kind { FR_BLANK, FR_HEAD, FR_LANG, FR_PRINTER, FR_NOTE, FR_COPIES };

struct frow {
	enum frow_kind kind;
	int value; /* the field of a heading, the language, the printer */
	size_t off, len; /* a line of the note */
};

static const char *field_label(enum sq_pd_field f)
{
	static const char *const names[SQ_PD_FIELDS] = {
		[SQ_PD_FIELD_LANG] = N_("Language"),
		[SQ_PD_FIELD_PRINTER] = N_("Printer"),
		[SQ_PD_FIELD_COPIES] = N_("Copies"),
		[SQ_PD_FIELD_PREVIEW] = N_("Preview"),
	};
	return _(names[f]);
}

static bool focused(const struct print_dialog *p, enum sq_pd_field f)
{
	return sq_printdlg_focus(p->d) == f;
}

static void add_hit(struct print_dialog *p, int y, int x0, int x1, enum hit_kind kind,
		    int value)
{
	if (x1 <= x0)
		return;
	if (p->n_hits == p->cap_hits) {
		p->cap_hits = p->cap_hits ? 2 * p->cap_hits : 32;
		p->hits = sq_xreallocarray(p->hits, (size_t)p->cap_hits, sizeof *p->hits);
	}
	p->hits[p->n_hits++] = (struct hit){y, x0, x1, kind, value};
}

static enum tui_role heading_role(const struct print_dialog *p, enum sq_pd_field f)
{
	return focused(p, f) ? ROLE_HEADING_FOCUS : ROLE_HEADING;
}

/* A printer's name and tags ("default, stopped") in exactly cols cells. */
static void printer_text(struct tui *t, const struct sq_printer *pr, int cols,
			 enum tui_role role)
{
	struct tui_row *r = &t->row;
	struct sq_buf *tags = &t->buf2;
	sq_buf_reset(tags);
	sq_printdlg_printer_tags(pr, tags);
	int end = r->width + cols;
	int nw = sq_strwidth(pr->name), tw = tags->len ? sq_strwidth(tags->data) : 0;
	if (tw && nw + 2 + tw > cols)
		tw = cols - 2 - nw >= 6 ? cols - 2 - nw : 0;
	int name_cols = tw ? cols - 2 - tw : cols;
	if (name_cols > nw && tw)
		name_cols = nw;
	tui_row_str(r, pr->name, name_cols, role);
	if (tw) {
		tui_row_fill(r, 2, role);
		tui_row_str(r, tags->data, tw, role == ROLE_NORMAL ? ROLE_DIM : role);
	}
	tui_row_pad_to(r, end, role);
}

/* The printer field's note ("Asking CUPS…", "No default printer: choose
 * one") in cols cells, dimmed; false when there is none. */
static bool printer_note(struct tui *t, const struct print_dialog *p, int cols)
{
	struct sq_buf *note = &t->buf2;
	sq_buf_reset(note);
	if (!sq_printdlg_printer_note(p->d, note))
		return false;
	tui_row_str(&t->row, sq_buf_str(note), cols, ROLE_DIM);
	return true;
}

static void draw_copies(struct tui *t, struct print_dialog *p, int y, int end)
{
	struct tui_row *r = &t->row;
	char num[16];
	snprintf(num, sizeof num, " %d ", sq_printdlg_copies(p->d));
	int x = r->width;
	tui_row_str(r, "[-]", 3, ROLE_KEY);
	add_hit(p, y, x, r->width, HIT_MINUS, 0);
	tui_row_glyph(r, " ", ROLE_NORMAL);
	x = r->width;
	tui_row_str(r, num, sq_strwidth(num),
		    focused(p, SQ_PD_FIELD_COPIES) ? ROLE_SEL : ROLE_NORMAL);
	add_hit(p, y, x, r->width, HIT_COPIES, 0);
	tui_row_glyph(r, " ", ROLE_NORMAL);
	x = r->width;
	tui_row_str(r, "[+]", 3, ROLE_KEY);
	add_hit(p, y, x, r->width, HIT_PLUS, 0);
	tui_row_pad_to(r, end, ROLE_NORMAL);
}

/* A row of the field column (wide layout), exactly cols cells. */
static void draw_field_row(struct tui *t, struct print_dialog *p, const struct frow *f,
			   int y, int cols)
{
	struct tui_row *r = &t->row;
	int x0 = r->width, end = x0 + cols;
	tui_row_glyph(r, " ", ROLE_NORMAL);
	switch (f->kind) {
	case FR_BLANK:
		break;
	case FR_HEAD:
		tui_row_str(r, field_label((enum sq_pd_field)f->value), cols - 2,
			    heading_role(p, (enum sq_pd_field)f->value));
		break;
	case FR_LANG: {
		bool chosen = (int)sq_printdlg_lang(p->d) == f->value;
		enum tui_role role = chosen && focused(p, SQ_PD_FIELD_LANG) ? ROLE_SEL
										: ROLE_NORMAL;
		tui_row_str(r, chosen ? "(*) " : "( ) ", 4, role);
		tui_row_str(r, sq_printdlg_lang_name((enum sq_sheet_lang)f->value), cols - 6,
			    role);
		add_hit(p, y, x0, end, HIT_LANG, f->value);
		break;
	}
	case FR_PRINTER: {
		bool chosen = sq_printdlg_printer(p->d) == f->value;
		enum tui_role role = chosen && focused(p, SQ_PD_FIELD_PRINTER) ? ROLE_SEL
										   : ROLE_NORMAL;
		tui_row_str(r, chosen ? "(*) " : "( ) ", 4, role);
		printer_text(t, &sq_printdlg_printers(p->d)->v[f->value], cols - 6, role);
		add_hit(p, y, x0, end, HIT_PRINTER, f->value);
		break;
	}
	case FR_NOTE:
		tui_row_text(r, p->note.data + f->off, f->len, cols - 2, ROLE_DIM, NULL,
			     ROLE_DIM);
		break;
	case FR_COPIES:
		draw_copies(t, p, y, end - 1);
		break;
	}
	tui_row_pad_to(r, end, ROLE_NORMAL);
}

/* A field's arrows on one row (narrow layout): "<" or ">", and a blank
 * between it and the choice. */
static void arrow(struct tui *t, struct print_dialog *p, int y, enum sq_pd_field f,
		  bool next)
{
	struct tui_row *r = &t->row;
	int x = r->width;
	if (next)
		tui_row_glyph(r, " ", ROLE_NORMAL);
	tui_row_str(r, next ? ">" : "<", 1, ROLE_KEY);
	add_hit(p, y, x, r->width, next ? HIT_NEXT : HIT_PREV, (int)f);
	if (!next)
		tui_row_glyph(r, " ", ROLE_NORMAL);
}

/* The printer on one row (narrow layout): < name >, in avail cells. */
static void draw_compact_printer(struct tui *t, struct print_dialog *p, int y, int avail)
{
	struct tui_row *r = &t->row;
	const struct sq_printer_list *l = sq_printdlg_printers(p->d);
	long sel = sq_printdlg_printer(p->d);
	enum tui_role role = focused(p, SQ_PD_FIELD_PRINTER) ? ROLE_SEL : ROLE_NORMAL;
	if (!l->n) {
		printer_note(t, p, avail);
		return;
	}
	if (avail < 8) {
		if (sel >= 0)
			printer_text(t, &l->v[sel], avail, role);
		else
			printer_note(t, p, avail);
		return;
	}
	arrow(t, p, y, SQ_PD_FIELD_PRINTER, false);
	int x = r->width;
	if (sel >= 0)
		printer_text(t, &l->v[sel], avail - 4, role);
	else
		printer_note(t, p, avail - 4);
	if (sel >= 0)
		add_hit(p, y, x, r->width, HIT_PRINTER, (int)sel);
	arrow(t, p, y, SQ_PD_FIELD_PRINTER, true);
}

/* The languages on one row (narrow layout), in avail cells: all three,
 * the one chosen highlighted; where they do not fit, < the one chosen >. */
static void draw_compact_langs(struct tui *t, struct print_dialog *p, int y, int avail)
{
	struct tui_row *r = &t->row;
	int end = r->width + avail, need = -1;
	for (int i = SQ_SHEET_ZH; i <= SQ_SHEET_BOTH; i++)
		need += sq_strwidth(sq_printdlg_lang_name((enum sq_sheet_lang)i)) + 3;
	enum sq_sheet_lang lang = sq_printdlg_lang(p->d);
	bool focus = focused(p, SQ_PD_FIELD_LANG);
	if (need > avail && avail >= 8) {
		arrow(t, p, y, SQ_PD_FIELD_LANG, false);
		tui_row_str(r, sq_printdlg_lang_name(lang), avail - 4,
			    focus ? ROLE_SEL : ROLE_NORMAL);
		arrow(t, p, y, SQ_PD_FIELD_LANG, true);
		return;
	}
	for (int i = SQ_SHEET_ZH; i <= SQ_SHEET_BOTH; i++) {
		const char *name = sq_printdlg_lang_name((enum sq_sheet_lang)i);
		int w = sq_strwidth(name) + 2;
		if (r->width + w > end)
			break;
		enum tui_role role = (int)lang != i ? ROLE_NORMAL
				     : focus ? ROLE_SEL : ROLE_SEL_DIM;
		int x = r->width;
		tui_row_glyph(r, " ", role);
		tui_row_str(r, name, w - 2, role);
		tui_row_glyph(r, " ", role);
		add_hit(p, y, x, r->width, HIT_LANG, i);
		if (r->width < end)
			tui_row_glyph(r, " ", ROLE_NORMAL);
	}
}

/* A field on one row (narrow layout): label, then the value. */
static void draw_compact_row(struct tui *t, struct print_dialog *p, enum sq_pd_field fld,
			     int y, int cols, int lw)
{
	struct tui_row *r = &t->row;
	int end = r->width + cols, vend = end - 1;
	tui_row_glyph(r, " ", ROLE_NORMAL);
	tui_row_str(r, field_label(fld), lw, heading_role(p, fld));
	switch (fld) {
	case SQ_PD_FIELD_LANG:
		draw_compact_langs(t, p, y, vend - r->width);
		break;
	case SQ_PD_FIELD_PRINTER:
		draw_compact_printer(t, p, y, vend - r->width);
		break;
	case SQ_PD_FIELD_COPIES:
		if (vend - r->width >= 13)
			draw_copies(t, p, y, vend);
		break;
	default:
		break;
	}
	tui_row_pad_to(r, end, ROLE_NORMAL);
}

static void draw_preview_heading(struct tui *t, struct print_dialog *p, int cols)
{
	struct tui_row *r = &t->row;
	int end = r->width + cols;
	char pos[48];
	tui_scroll_position(&p->pv, pos, sizeof pos);
	int posw = pos[0] ? sq_strwidth(pos) + 1 : 0;
	if (posw > cols / 2)
		posw = 0;
	tui_row_glyph(r, " ", ROLE_NORMAL);
	tui_row_str(r, field_label(SQ_PD_FIELD_PREVIEW), cols - 2 - posw,
		    heading_role(p, SQ_PD_FIELD_PREVIEW));
	if (posw)
		tui_row_str_right(r, pos, posw, ROLE_DIM);
	tui_row_pad_to(r, end, ROLE_NORMAL);
}

static void draw_preview_line(struct tui *t, struct print_dialog *p, size_t i, int cols)
{
	struct tui_row *r = &t->row;
	int end = r->width + cols;
	if (i < p->n_lines) {
		tui_row_glyph(r, " ", ROLE_NORMAL);
		tui_row_str(r, p->lines[i], cols - 2, ROLE_NORMAL);
	}
	tui_row_pad_to(r, end, ROLE_NORMAL);
}

static void geometry(struct print_dialog *p, struct geom *g, size_t msg_lines)
{
	int h = getmaxy(p->win), w = getmaxx(p->win);
	*g = (struct geom){.w = w, .h = h};
	int max_msg = h >= 18 ? 4 : h >= 13 ? 3 : h >= 10 ? 2 : 1;
	g->msg_rows = msg_lines < 1 ? 1 : msg_lines > (size_t)max_msg ? max_msg : (int)msg_lines;
	g->button_y = h - 1;
	g->msg_y = g->button_y - g->msg_rows;
	g->rule_y = h >= 12 ? g->msg_y - 1 : -1;
	g->top_rows = g->rule_y >= 0 ? g->rule_y : g->msg_y;
	/* Side by side needs a preview at least as wide as the narrowest
	 * sheet and room for the fields' rows. */
	g->wide = w >= WIDE_MIN_COLS && g->top_rows >= 8;
	if (g->wide) {
		g->fw = w * 36 / 100;
		g->fw = g->fw < 24 ? 24 : g->fw > 40 ? 40 : g->fw;
		g->pw = w - g->fw - 1;
	}
}

/* The field column's rows, top to bottom (wide layout): n rows, n >= 8,
 * of cols cells. */
static void field_rows(struct print_dialog *p, int n, int cols, struct frow *out)
{
	const struct sq_printer_list *l = sq_printdlg_printers(p->d);
	int gap = n >= 12 ? 1 : 0, k = 0;
	/* The printer field gets what the others leave: its note, wrapped
	 * (all of it when there is no printer), then as many printers as fit. */
	int avail = n - 7 - 2 * gap, np = (int)l->n;
	sq_buf_reset(&p->note);
	struct sq_line *note = NULL;
	size_t nn = sq_printdlg_printer_note(p->d, &p->note)
			    ? sq_wrap(p->note.data, p->note.len, cols - 2, &note) : 0;
	int note_rows = np ? avail - 1 : avail;
	note_rows = (int)nn < note_rows ? (int)nn : note_rows > 0 ? note_rows : 0;
	int pvis = avail - note_rows < np ? avail - note_rows : np;
	long sel = sq_printdlg_printer(p->d);
	p->plist.rows = pvis > 0 ? pvis : 1;
	tui_list_set(&p->plist, (uint32_t)np, sel < 0 ? 0 : (uint32_t)sel, p->plist.top);
	out[k++] = (struct frow){FR_HEAD, SQ_PD_FIELD_LANG, 0, 0};
	for (int i = SQ_SHEET_ZH; i <= SQ_SHEET_BOTH; i++)
		out[k++] = (struct frow){FR_LANG, i, 0, 0};
	if (gap)
		out[k++] = (struct frow){FR_BLANK, 0, 0, 0};
	out[k++] = (struct frow){FR_HEAD, SQ_PD_FIELD_PRINTER, 0, 0};
	for (int i = 0; i < note_rows; i++)
		/* The last row takes the rest, cut with a mark. */
		out[k++] = (struct frow){FR_NOTE, 0, note[i].off,
					 i == note_rows - 1 ? p->note.len - note[i].off
							    : note[i].len};
	for (int i = 0; i < pvis; i++)
		out[k++] = (struct frow){FR_PRINTER, (int)p->plist.top + i, 0, 0};
	if (gap)
		out[k++] = (struct frow){FR_BLANK, 0, 0, 0};
	out[k++] = (struct frow){FR_HEAD, SQ_PD_FIELD_COPIES, 0, 0};
	out[k++] = (struct frow){FR_COPIES, 0, 0, 0};
	while (k < n)
		out[k++] = (struct frow){FR_BLANK, 0, 0, 0};
	free(note);
}

static void draw_rule(struct tui *t, struct print_dialog *p, const struct geom *g, int y)
{
	struct tui_row *r = &t->row;
	tui_row_reset(r);
	for (int x = 0; x < g->w; x++)
		tui_row_glyph(r, g->wide && x == g->pw ? t->g->tee_up : t->g->hline,
			      ROLE_BORDER);
	tui_row_draw(r, p->win, y, ROLE_BORDER);
}

/* ---- the message ---- */

/* A path begins at a '/' that starts the text or follows a blank, an
 * opening bracket or quote, or text that is not ASCII (Chinese runs into
 * it). */
static bool path_starts(const char *s, size_t i)
{
	if (s[i] != '/')
		return false;
	unsigned char c = i ? (unsigned char)s[i - 1] : ' ';
	return c == ' ' || c == '(' || c == '\'' || c == '"' || c >= 0x80;
}

/* It ends before a blank or text that is not ASCII, and before the
 * punctuation that closes a sentence or a quote after it. */
static size_t path_end(const char *s, size_t n, size_t i)
{
	size_t e = i;
	while (e < n && s[e] != ' ' && s[e] != '\n' && (unsigned char)s[e] < 0x80)
		e++;
	while (e > i + 1 && strchr(".,;:)'\"?!", s[e - 1]))
		e--;
	return e;
}

/* sq_wrap, except that a line never ends inside a path: a path that would
 * be broken starts the next line instead (one wider than a line is still
 * broken where it must be). */
static size_t wrap_message(const char *s, size_t n, int cols, struct sq_line **out)
{
	struct sq_line *v = NULL;
	size_t nv = 0, pos = 0;
	do {
		struct sq_line *l;
		size_t k = sq_wrap(s + pos, n - pos, cols, &l);
		size_t off = pos + l[0].off, len = l[0].len;
		size_t next = k > 1 ? pos + l[1].off : n;
		free(l);
		for (size_t i = off + 1; next < n && i < off + len; i++) {
			if (path_starts(s, i) && path_end(s, n, i) > off + len) {
				for (len = i - off; len && s[off + len - 1] == ' ';)
					len--;
				next = i;
				break;
			}
		}
		if (next <= pos)
			next = sq_next_grapheme(s, n, pos);
		v = sq_xreallocarray(v, nv + 1, sizeof *v);
		v[nv++] = (struct sq_line){off, len, sq_width(s + off, len)};
		pos = next;
	} while (pos < n);
	*out = v;
	return nv;
}

static void draw_message(struct tui *t, struct print_dialog *p, const struct geom *g,
			 const struct sq_buf *msg, enum sq_pd_tone tone,
			 const struct sq_line *lines, size_t n)
{
	struct tui_row *r = &t->row;
	static const enum tui_role roles[] = {
		[SQ_PD_TONE_HINT] = ROLE_DIM, [SQ_PD_TONE_INFO] = ROLE_STATUS,
		[SQ_PD_TONE_PROGRESS] = ROLE_STATUS, [SQ_PD_TONE_ERROR] = ROLE_ERROR,
	};
	enum tui_role role = roles[tone];
	int cols = g->w - 2;
	for (int i = 0; i < g->msg_rows; i++) {
		tui_row_reset(r);
		tui_row_glyph(r, " ", ROLE_NORMAL);
		if ((size_t)i < n && cols > 0) {
			const char *s = msg->data + lines[i].off;
			/* The last row takes the rest, cut with a mark. */
			size_t len = i == g->msg_rows - 1 ? msg->len - lines[i].off
							   : lines[i].len;
			int w = sq_width(s, len);
			tui_row_text(r, s, len, w < cols ? w : cols, role, NULL, role);
		}
		tui_row_draw(r, p->win, g->msg_y + i, ROLE_NORMAL);
	}
}

static void draw_buttons(struct tui *t, struct print_dialog *p, const struct geom *g)
{
	struct tui_row *r = &t->row;
	struct sq_pd_button b[SQ_PD_MAX_BUTTONS];
	size_t n = sq_printdlg_buttons(p->d, b);
	tui_row_reset(r);
	tui_row_glyph(r, " ", ROLE_NORMAL);
	for (size_t i = 0; i < n; i++) {
		char key[32];
		tui_print_key_name(t, b[i].action, key, sizeof key);
		int kw = sq_strwidth(key), lw = sq_strwidth(b[i].label);
		if (r->width + kw + 3 + lw + 1 > g->w)
			break;
		int x = r->width;
		tui_row_fill(r, 1, ROLE_KEY);
		tui_row_str(r, key, kw, ROLE_KEY);
		tui_row_fill(r, 1, ROLE_KEY);
		tui_row_glyph(r, " ", ROLE_BAR);
		tui_row_str(r, b[i].label, lw, ROLE_BAR);
		add_hit(p, g->button_y, x, r->width, HIT_BUTTON, (int)b[i].action);
		tui_row_pad_to(r, r->width + 3 < g->w ? r->width + 3 : g->w, ROLE_NORMAL);
	}
	tui_row_draw(r, p->win, g->button_y, ROLE_NORMAL);
}

/* Preview left, fields right. */
static void draw_wide(struct tui *t, struct print_dialog *p, const struct geom *g)
{
	struct tui_row *r = &t->row;
	struct frow *rows = sq_xcalloc((size_t)g->top_rows, sizeof *rows);
	field_rows(p, g->top_rows, g->fw, rows);
	for (int y = 0; y < g->top_rows; y++) {
		tui_row_reset(r);
		if (y == 0)
			draw_preview_heading(t, p, g->pw);
		else
			draw_preview_line(t, p, p->pv.top + (size_t)(y - 1), g->pw);
		tui_row_glyph(r, t->g->vline, ROLE_BORDER);
		draw_field_row(t, p, &rows[y], y, g->fw);
		tui_row_draw(r, p->win, y, ROLE_NORMAL);
	}
	free(rows);
	p->pv_y0 = 0;
	p->pv_x1 = g->pw;
}

/* The fields on three rows, the preview under them. */
static void draw_narrow(struct tui *t, struct print_dialog *p, const struct geom *g)
{
	static const enum sq_pd_field fields[3] = {SQ_PD_FIELD_LANG, SQ_PD_FIELD_PRINTER,
						   SQ_PD_FIELD_COPIES};
	struct tui_row *r = &t->row;
	int lw = 0;
	for (int i = 0; i < 3; i++) {
		int w = sq_strwidth(field_label(fields[i]));
		lw = w > lw ? w : lw;
	}
	lw = lw + 2 > g->w / 3 ? g->w / 3 : lw + 2;
	for (int y = 0; y < g->top_rows; y++) {
		tui_row_reset(r);
		if (y < 3)
			draw_compact_row(t, p, fields[y], y, g->w, lw);
		else if (y == 3)
			draw_preview_heading(t, p, g->w);
		else
			draw_preview_line(t, p, p->pv.top + (size_t)(y - 4), g->w);
		tui_row_draw(r, p->win, y, ROLE_NORMAL);
	}
	p->pv_y0 = 3;
	p->pv_x1 = g->w;
}

void tui_print_draw(struct tui *t, struct tui_frame *f)
{
	struct print_dialog *p = f->priv;
	if (!p->win || (!p->dirty && !f->dirty))
		return;
	struct geom g;
	struct sq_buf msg = {0};
	struct sq_line *mlines = NULL;
	enum sq_pd_tone tone = sq_printdlg_message(p->d, &msg);
	sq_buf_str(&msg);
	int mcols = getmaxx(p->win) - 2;
	size_t nm = wrap_message(msg.data, msg.len, mcols > 1 ? mcols : 1, &mlines);
	geometry(p, &g, nm);
	p->n_hits = 0;

	int text_w = (g.wide ? g.pw : g.w) - 2;
	ensure_lines(p, text_w < SQ_SHEET_MIN_WIDTH ? SQ_SHEET_MIN_WIDTH : text_w);
	int rows = g.wide ? g.top_rows - 1 : g.top_rows - 4;
	p->pv.rows = rows < 0 ? 0 : rows;
	tui_scroll_to(&p->pv, p->pv.top);
	if (g.wide)
		draw_wide(t, p, &g);
	else
		draw_narrow(t, p, &g);
	p->pv_y1 = g.top_rows;
	if (g.rule_y >= 0)
		draw_rule(t, p, &g, g.rule_y);
	draw_message(t, p, &g, &msg, tone, mlines, nm);
	draw_buttons(t, p, &g);
	free(mlines);
	sq_buf_free(&msg);
	wnoutrefresh(p->win);
	p->dirty = false;
}
