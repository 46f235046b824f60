/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "pdf.h"

#include "i18n.h"

#if HAVE_PRINTING

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

#define MM (72.0 / 25.4)

#ifdef __SANITIZE_ADDRESS__
/* LeakSanitizer in sanitizer builds: cairo 1.16 loses a few arrays when it
 * subsets a CID-keyed CFF font (Noto CJK) in cairo_surface_finish, and
 * fontconfig some of its parsed configuration.  Neither is reachable from
 * here, neither grows with use; the stacks stop inside the libraries. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libcairo.so.2\nleak:libfontconfig.so.1\n";
}
#endif

/* Page geometry and type sizes, in points. */
struct geom {
	double page_w, page_h;   /* page_h 0: fitted to the content */
	double margin_x, margin_y;
	double title_pt, name_pt, body_pt, footer_pt;
};

static const struct geom a4 = {
	.page_w = 210 * MM, .page_h = 297 * MM,
	.margin_x = 20 * MM, .margin_y = 18 * MM,
	.title_pt = 10, .name_pt = 20, .body_pt = 10.5, .footer_pt = 9,
};

/* An 80 mm roll prints about 72 mm wide. */
static const struct geom receipt = {
	.page_w = 80 * MM, .page_h = 0,
	.margin_x = 4 * MM, .margin_y = 5 * MM,
	.title_pt = 7.5, .name_pt = 13, .body_pt = 8, .footer_pt = 7,
};

/* PDF readers and Cairo keep pages below 200 inches. */
#define MAX_PAGE_H (14400.0 - 1)

struct flow {
	const struct geom *g;
	const struct sq_sheet *sh;
	PangoContext *ctx;
	cairo_t *cr;
	bool draw;         /* false: only measure */
	double x0, width;  /* content column */
	double top, bottom;
	double y;
	int page;
	int pages;         /* known after a measuring pass, else 0 */
	int unknown;       /* glyphs no font could draw */
};

static PangoLayout *make_layout(struct flow *f, const char *text, double pt,
				bool bold, double width)
{
	PangoLayout *l = pango_layout_new(f->ctx);
	PangoFontDescription *fd = pango_font_description_from_string(SQ_PDF_FONT);
	pango_font_description_set_size(fd, (gint)(pt * PANGO_SCALE));
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(l, text, -1);
	f->unknown += pango_layout_get_unknown_glyphs_count(l);
	return l;
}

static double layout_height(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static double first_line_height(PangoLayout *l)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	PangoRectangle r;
	pango_layout_iter_get_line_extents(it, NULL, &r);
	pango_layout_iter_free(it);
	return (double)r.height / PANGO_SCALE;
}

/* "name  2/3" under the text of a sheet that takes more than one page. */
static void page_footer(struct flow *f)
{
	if (!f->draw || f->pages < 2)
		return;
	char num[32];
	snprintf(num, sizeof num, "%d/%d", f->page + 1, f->pages);
	struct sq_buf b = {0};
	sq_buf_addf(&b, "%s  %s", f->sh->doc_title, num);
	PangoLayout *l = make_layout(f, sq_buf_str(&b), f->g->footer_pt, false,
				     f->width);
	sq_buf_free(&b);
	pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
	cairo_set_source_rgb(f->cr, 0.35, 0.35, 0.35);
	cairo_move_to(f->cr, f->x0, f->bottom + f->g->margin_y / 3);
	pango_cairo_show_layout(f->cr, l);
	g_object_unref(l);
}

static void new_page(struct flow *f)
{
	if (f->draw) {
		page_footer(f);
		cairo_show_page(f->cr);
	}
	f->page++;
	f->y = f->top;
}

/* Make room for h points, starting a page unless already at the top. */
static void need(struct flow *f, double h)
{
	if (f->y + h > f->bottom && f->y > f->top)
		new_page(f);
}

static void set_grey(struct flow *f, double grey)
{
	if (f->draw)
		cairo_set_source_rgb(f->cr, grey, grey, grey);
}

/* Show a layout at x line by line, breaking pages between lines.  The
 * optional mark (a bullet) is drawn at mark_x on the first line's baseline. */
static void flow_layout(struct flow *f, PangoLayout *l, double x,
			PangoLayout *mark, double mark_x)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	bool first = true;
	do {
		PangoRectangle r;
		pango_layout_iter_get_line_extents(it, NULL, &r);
		double h = (double)r.height / PANGO_SCALE;
		need(f, h);
		if (f->draw) {
			double base = f->y + (double)(pango_layout_iter_get_baseline(it) -
						      r.y) / PANGO_SCALE;
			cairo_move_to(f->cr, x + (double)r.x / PANGO_SCALE, base);
			pango_cairo_show_layout_line(
				f->cr, pango_layout_iter_get_line_readonly(it));
			if (first && mark) {
				cairo_move_to(f->cr, mark_x, base);
				pango_cairo_show_layout_line(
					f->cr, pango_layout_get_line_readonly(mark, 0));
			}
		}
		f->y += h;
		first = false;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

static void rule(struct flow *f, double weight, double space)
{
	need(f, 2 * space + weight);
	f->y += space;
	if (f->draw) {
		cairo_set_source_rgb(f->cr, 0, 0, 0);
		cairo_set_line_width(f->cr, weight);
		cairo_move_to(f->cr, f->x0, f->y + weight / 2);
		cairo_line_to(f->cr, f->x0 + f->width, f->y + weight / 2);
		cairo_stroke(f->cr);
	}
	f->y += weight + space;
}

static double label_width(struct flow *f, const struct sq_sheet *sh, double pt)
{
	double widest = 0;
	for (size_t i = 0; i < sh->n_fields; i++)
		for (unsigned j = 0; j < sh->fields[i].n_label; j++) {
			PangoLayout *l = make_layout(f, sh->fields[i].label[j],
						     pt, true, -1);
			int w, h;
			pango_layout_get_size(l, &w, &h);
			if (w > widest * PANGO_SCALE)
				widest = (double)w / PANGO_SCALE;
			g_object_unref(l);
		}
	double cap = f->width / 3;
	return widest < cap ? widest : cap;
}

static void flow_field(struct flow *f, const struct sq_sheet *sh,
		       const struct sq_sheet_field *fl, double lw, double pt)
{
	double gap = pt;                /* between labels and values */
	double vx = f->x0 + lw + gap;   /* value column */
	double vw = f->width - lw - gap;
	double indent = pt * 1.1;       /* bullet items */

	struct sq_buf label = {0};
	for (unsigned j = 0; j < fl->n_label; j++) {
		if (j)
			sq_buf_adds(&label, "\n");
		sq_buf_adds(&label, fl->label[j]);
	}
	PangoLayout *ll = make_layout(f, sq_buf_str(&label), pt, true, lw);
	sq_buf_free(&label);

	/* Keep the label with the first line of its value. */
	double first_h = first_line_height(ll);
	if (fl->count) {
		const struct sq_sheet_para *p = &sh->paras[fl->first];
		PangoLayout *v = make_layout(f, p->text, pt, false, vw);
		double h = first_line_height(v);
		if (h > first_h)
			first_h = h;
		g_object_unref(v);
	}
	need(f, first_h);
	double label_y = f->y;
	int label_page = f->page;
	if (f->draw) {
		set_grey(f, 0.35);
		cairo_move_to(f->cr, f->x0, label_y);
		pango_cairo_show_layout(f->cr, ll);
	}
	double label_bottom = label_y + layout_height(ll);
	g_object_unref(ll);

	PangoLayout *bullet = make_layout(f, "•", pt, false, -1);
	for (size_t i = 0; i < fl->count; i++) {
		const struct sq_sheet_para *p = &sh->paras[fl->first + i];
		bool item = p->kind == SQ_SHEET_ITEM || p->kind == SQ_SHEET_MORE;
		if (p->kind == SQ_SHEET_GROUP && i > 0)
			f->y += pt * 0.4;
		else if (p->kind == SQ_SHEET_ITEM && i > 0)
			f->y += pt * 0.15;
		PangoLayout *l = make_layout(f, p->text, pt, p->kind == SQ_SHEET_GROUP,
					     item ? vw - indent : vw);
		set_grey(f, p->kind == SQ_SHEET_MORE ? 0.3 : 0);
		flow_layout(f, l, item ? vx + indent : vx,
			    p->kind == SQ_SHEET_ITEM ? bullet : NULL, vx);
		g_object_unref(l);
	}
	g_object_unref(bullet);
	if (f->page == label_page && f->y < label_bottom)
		f->y = label_bottom;
	f->y += pt * 0.45;
}

static void flow_sheet(struct flow *f, const struct sq_sheet *sh)
{
	const struct geom *g = f->g;
	f->y = f->top;
	f->page = 0;
	f->unknown = 0;

	for (unsigned i = 0; i < sh->n_title; i++) {
		PangoLayout *l = make_layout(f, sh->title[i], g->title_pt, false,
					     f->width);
		set_grey(f, 0.35);
		flow_layout(f, l, f->x0, NULL, 0);
		g_object_unref(l);
	}
	f->y += g->title_pt * 0.5;
	for (unsigned i = 0; i < sh->n_names; i++) {
		PangoLayout *l = make_layout(f, sh->names[i],
					     i ? g->name_pt * 0.75 : g->name_pt,
					     true, f->width);
		set_grey(f, 0);
		flow_layout(f, l, f->x0, NULL, 0);
		g_object_unref(l);
	}
	rule(f, 1.2, g->body_pt * 0.5);

	double lw = label_width(f, sh, g->body_pt);
	double flw = label_width(f, sh, g->footer_pt);
	bool in_footer = false;
	for (size_t i = 0; i < sh->n_fields; i++) {
		const struct sq_sheet_field *fl = &sh->fields[i];
		if (fl->footer && !in_footer) {
			rule(f, 0.5, g->body_pt * 0.3);
			in_footer = true;
		}
		flow_field(f, sh, fl, in_footer ? flw : lw,
			   in_footer ? g->footer_pt : g->body_pt);
	}
}

static cairo_status_t write_buf(void *closure, const unsigned char *data,
				unsigned int len)
{
	sq_buf_add(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

static void set_dates(cairo_surface_t *s, time_t t)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	char date[32];
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
}

bool sq_pdf_sheet(const struct sq_sheet *sh, enum sq_paper paper,
		  struct sq_buf *out, struct sq_buf *err)
{
	const struct geom *g = paper == SQ_PAPER_RECEIPT ? &receipt : &a4;
	struct sq_buf pdf = {0};
	double page_h = g->page_h ? g->page_h : MAX_PAGE_H;
	cairo_surface_t *surface =
		cairo_pdf_surface_create_for_stream(write_buf, &pdf, g->page_w, page_h);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
				       sh->doc_title);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR,
				       "shequ " SHEQU_VERSION);
	set_dates(surface, sh->printed);
	cairo_t *cr = cairo_create(surface);

	/* A private font map and context: no hinting, unrounded positions and
	 * 72 dpi, so that one point of type is one PDF unit and the layout does
	 * not depend on any screen. */
	PangoFontMap *fm = pango_cairo_font_map_new();
	PangoContext *ctx = pango_font_map_create_context(fm);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_context_set_resolution(ctx, 72);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
	pango_cairo_update_context(cr, ctx);

	struct flow f = {
		.g = g,
		.sh = sh,
		.ctx = ctx,
		.cr = cr,
		.x0 = g->margin_x,
		.width = g->page_w - 2 * g->margin_x,
		.top = g->margin_y,
		.bottom = page_h - g->margin_y,
	};
	/* Measure first: a receipt is one page as tall as what is on it, and
	 * A4 pages say "page of pages". */
	flow_sheet(&f, sh);
	if (!g->page_h) {
		double h = f.y + g->margin_y;
		if (h < MAX_PAGE_H) {
			page_h = h;
			f.bottom = page_h - g->margin_y;
			cairo_pdf_surface_set_size(surface, g->page_w, page_h);
		} else {
			f.pages = f.page + 1;
		}
	} else {
		f.pages = f.page + 1;
	}
	f.draw = true;
	flow_sheet(&f, sh);
	page_footer(&f);
	cairo_show_page(cr);

	cairo_destroy(cr);
	cairo_surface_finish(surface);
	cairo_status_t st = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	g_object_unref(ctx);
	g_object_unref(fm);

	bool ok = false;
	if (st != CAIRO_STATUS_SUCCESS)
		sq_buf_addf(err, "cairo: %s", cairo_status_to_string(st));
	else if (f.unknown)
		sq_buf_addf(err,
			    _("no installed font can draw %d of the sheet's "
			      "characters (install fonts-noto-cjk)"),
			    f.unknown);
	else
		ok = true;
	if (ok)
		sq_buf_add(out, pdf.data, pdf.len);
	sq_buf_free(&pdf);
	return ok;
}

#else

bool sq_pdf_sheet(const struct sq_sheet *sh, enum sq_paper paper,
		  struct sq_buf *out, struct sq_buf *err)
{
	sq_buf_adds(err, _("built without printing: no PDF"));
	return false;
}

#endif
