/* SPDX-License-Identifier: MIT */
/* The print dialog's screen, shared by its two files: tui_print.c (the
 * hooks, keys and clicks, what happened) and tui_print_draw.c (the
 * layouts, the preview, the message). */
#ifndef SHEQU_TUI_PRINT_H
#define SHEQU_TUI_PRINT_H

#include "printdlg.h"
#include "tui_int.h"

enum hit_kind {
	HIT_LANG,
	HIT_PRINTER,
	HIT_PREV,   /* the arrows of a field on one row: value, the field */
	HIT_NEXT,
	HIT_COPIES,
	HIT_MINUS,
	HIT_PLUS,
	HIT_BUTTON, /* value: its enum sq_pd_action */
};

/* A place on the dialog a click or touch acts on (window coordinates). */
struct hit {
	int y, x0, x1;
	enum hit_kind kind;
	int value;
};

struct print_dialog {
	struct tui_frame *frame;
	struct sq_printdlg *d;
	uint32_t comm;          /* in t->model: a change of data set closes the
				 * dialog (it has no retarget hook) */
	enum sq_pd_state seen;  /* d's state when last looked at */
	int job_copies;         /* of the job being sent, for the kiosk's log */
	struct tui_list plist;  /* the printers' rows (wide layout) */
	const struct sq_sheet *sheet; /* the preview's lines are of this sheet ... */
	char **lines;
	size_t n_lines;         /* = pv.lines */
	int lines_width;        /* ... at this width */
	struct tui_scroll pv;   /* the preview: its lines, rows as last drawn */
	int pv_y0, pv_y1, pv_x1; /* where the preview was drawn, for clicks */
	struct sq_buf note;     /* the printer field's note, during a draw */
	WINDOW *win;
	bool dirty;
	struct hit *hits;       /* as last drawn */
	int n_hits, cap_hits;
};

/* The key of the key table that does dialog action a (a button's key). */
void tui_print_key_name(const struct tui *t, enum sq_pd_action a, char *out, size_t n);

/* Draw what is dirty (the draw hook). */
void tui_print_draw(struct tui *t, struct tui_frame *f);
/* Forget the preview's lines (the sheet changed). */
void tui_print_drop_lines(struct print_dialog *p);

#endif
