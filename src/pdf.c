/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "pdf.h"

#include "i18n.h"

#if HAVE_PRINTING

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <hb-subset.h>
#include <hb.h>
#include <inttypes.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unictype.h>
#include <unistr.h>

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

/* The sheet's own font ------------------------------------------------------
 *
 * Why a sheet is typeset with a subset of its font made here: Noto Sans CJK
 * is a CID-keyed CFF font whose ideographs share one font dictionary with
 * 28,516 local subroutines (870 KB).  cairo 1.16 subsets CFF by following
 * the subroutines each glyph calls, but a subroutine it has already marked
 * as used is not parsed again, so the stem hints declared inside it are not
 * counted for the next glyph that calls it; that glyph's hint mask is then
 * misread, the parse fails, and cairo copies every subroutine of the font
 * (any Latin text does it: "IL" is enough): about 1 MB per weight.  Even
 * when the parse succeeds each unused subroutine stays as a byte and an
 * offset, some 50 KB per weight.  So HarfBuzz subsets the font to the
 * characters the sheet holds, without subroutines or hints, and Pango lays
 * the sheet out with that subset (the same glyphs, metrics and features)
 * through a private fontconfig configuration in which the subset takes the
 * place of the installed file.  Anything the subset cannot draw falls back
 * to the other installed fonts, as before.  Should any step fail, the
 * installed font is used as it is: a bigger file, the same page. */

struct sheet_fonts {
	FcConfig *config;   /* NULL: the default configuration */
	char dir[64];       /* private directory of the subset files, or "" */
	char *files[2];
};

static void fonts_free(struct sheet_fonts *fo)
{
	if (fo->config)
		FcConfigDestroy(fo->config);
	for (int i = 0; i < 2; i++) {
		if (fo->files[i])
			unlink(fo->files[i]);
		free(fo->files[i]);
	}
	if (fo->dir[0])
		rmdir(fo->dir);
	memset(fo, 0, sizeof *fo);
}

static void add_code_points(hb_set_t *set, const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	ucs4_t c;
	while (p && (p = u8_next(&c, p)) != NULL)
		hb_set_add(set, c);
}

/* Every character the sheet can put on a page. */
static hb_set_t *sheet_code_points(const struct sq_sheet *sh)
{
	hb_set_t *set = hb_set_create();
	add_code_points(set, "0123456789/ •");
	add_code_points(set, sh->doc_title);
	for (unsigned i = 0; i < sh->n_title; i++)
		add_code_points(set, sh->title[i]);
	for (unsigned i = 0; i < sh->n_names; i++)
		add_code_points(set, sh->names[i]);
	for (size_t i = 0; i < sh->n_fields; i++)
		for (unsigned j = 0; j < sh->fields[i].n_label; j++)
			add_code_points(set, sh->fields[i].label[j]);
	for (size_t i = 0; i < sh->n_paras; i++)
		add_code_points(set, sh->paras[i].text);
	return set;
}

/* The installed file of SQ_PDF_FONT in a weight, if fontconfig has it. */
static bool font_file(int weight, char **file, int *index)
{
	FcPattern *pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)SQ_PDF_FONT);
	FcPatternAddInteger(pat, FC_WEIGHT, weight);
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	FcResult res;
	FcPattern *match = FcFontMatch(NULL, pat, &res);
	FcPatternDestroy(pat);
	bool ok = false;
	FcChar8 *family, *path;
	if (match &&
	    FcPatternGetString(match, FC_FAMILY, 0, &family) == FcResultMatch &&
	    strcmp((const char *)family, SQ_PDF_FONT) == 0 &&
	    FcPatternGetString(match, FC_FILE, 0, &path) == FcResultMatch &&
	    FcPatternGetInteger(match, FC_INDEX, 0, index) == FcResultMatch) {
		*file = sq_xstrdup((const char *)path);
		ok = true;
	}
	if (match)
		FcPatternDestroy(match);
	return ok;
}

/* Subset file (index) of one face, in fo->dir; false when HarfBuzz fails. */
static bool write_subset(const char *file, int index, const hb_set_t *cps,
			 const char *out)
{
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(file);
	if (!blob)
		return false;
	hb_face_t *face = hb_face_create(blob, (unsigned)index);
	hb_blob_destroy(blob);
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	bool ok = false;
	if (in) {
		hb_set_union(hb_subset_input_unicode_set(in), cps);
		hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_DESUBROUTINIZE |
						      HB_SUBSET_FLAGS_NO_HINTING);
		/* fontconfig names the face from these: family and style,
		 * typographic family and style. */
		hb_set_t *names = hb_subset_input_set(in, HB_SUBSET_SETS_NAME_ID);
		hb_set_add(names, 16);
		hb_set_add(names, 17);
		hb_face_t *sub = hb_subset_or_fail(face, in);
		hb_subset_input_destroy(in);
		if (sub) {
			hb_blob_t *b = hb_face_reference_blob(sub);
			unsigned len;
			const char *data = hb_blob_get_data(b, &len);
			FILE *f = len ? fopen(out, "wbx") : NULL;
			if (f) {
				ok = fwrite(data, 1, len, f) == len;
				ok = fclose(f) == 0 && ok;
			}
			hb_blob_destroy(b);
			hb_face_destroy(sub);
		}
	}
	hb_face_destroy(face);
	return ok;
}

static bool subset_fonts(const hb_set_t *cps, struct sheet_fonts *fo)
{
	static const int weights[2] = {FC_WEIGHT_REGULAR, FC_WEIGHT_BOLD};
	char *orig[2] = {NULL, NULL};
	int index[2];
	for (int i = 0; i < 2; i++)
		if (!font_file(weights[i], &orig[i], &index[i]))
			goto fail;
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !*tmp || strlen(tmp) > 40)
		tmp = "/tmp";
	snprintf(fo->dir, sizeof fo->dir, "%s/shequ-font-XXXXXX", tmp);
	if (!mkdtemp(fo->dir)) {
		fo->dir[0] = '\0';
		goto fail;
	}
	bool ok = true;
	for (int i = 0; i < 2 && ok; i++) {
		struct sq_buf path = {0};
		sq_buf_addf(&path, "%s/%d.otf", fo->dir, i);
		fo->files[i] = sq_xstrdup(sq_buf_str(&path));
		sq_buf_free(&path);
		ok = write_subset(orig[i], index[i], cps, fo->files[i]);
	}
	if (!ok)
		goto fail;

	/* The installed configuration less the installed file(s) of the
	 * font, plus the subsets. */
	fo->config = FcInitLoadConfig();
	if (!fo->config)
		goto fail;
	struct sq_buf xml = {0};
	sq_buf_adds(&xml, "<?xml version=\"1.0\"?><fontconfig><selectfont>"
			  "<rejectfont>");
	for (int i = 0; i < 2; i++) {
		sq_buf_adds(&xml, "<glob>");
		for (const char *p = orig[i]; *p; p++)
			/* File names are plain; glob characters would
			 * match more than the one file. */
			sq_buf_add(&xml, strchr("<>&*?[", *p) ? "?" : p, 1);
		sq_buf_adds(&xml, "</glob>");
	}
	sq_buf_adds(&xml, "</rejectfont></selectfont></fontconfig>");
	ok = FcConfigParseAndLoadFromMemory(fo->config,
					    (const FcChar8 *)sq_buf_str(&xml),
					    FcTrue) &&
	     FcConfigBuildFonts(fo->config);
	sq_buf_free(&xml);
	for (int i = 0; i < 2 && ok; i++)
		ok = FcConfigAppFontAddFile(fo->config,
					    (const FcChar8 *)fo->files[i]);
	if (!ok)
		goto fail;
	free(orig[0]);
	free(orig[1]);
	return true;
fail:
	free(orig[0]);
	free(orig[1]);
	fonts_free(fo);
	return false;
}


/* One subset serves many sheets.  cairo and Pango keep what they read from
 * a font file for as long as the process lives, keyed by its path, so a new
 * file per sheet would grow a kiosk's memory with every sheet printed.  A
 * subset covers every character of the sheet's model and every fixed word
 * of a document, so that it depends on the model only (and a sheet's bytes
 * not on the sheets made before it); one is kept per model for the two a
 * browser holds (its data and the whole city), and removed at exit. */
struct subset {
	const void *model, *buf;  /* the model it was made for */
	hb_set_t *set;            /* the characters the subset covers */
	struct sheet_fonts fonts; /* config NULL: no subset */
	bool failed;              /* use the installed font */
	unsigned long used;       /* when last used, for replacing */
};
static struct subset cache[2];

static void subset_free(struct subset *c)
{
	fonts_free(&c->fonts);
	hb_set_destroy(c->set);
	memset(c, 0, sizeof *c);
}

static void cache_free(void)
{
	for (size_t i = 0; i < SQ_ARRAY_LEN(cache); i++)
		subset_free(&cache[i]);
}

static void add_word(const char *s, void *set)
{
	add_code_points(set, s);
}

static void add_model_code_points(hb_set_t *set, const struct sq_model *m)
{
	for (uint32_t i = 0; i < m->n_comms; i++) {
		const struct sq_community *c = &m->comms[i];
		const char *fields[] = {
			c->name, c->name_en, c->pinyin, c->district_announced,
			c->district_announced_en, c->summary, c->summary_en,
			c->source,
		};
		for (size_t k = 0; k < SQ_ARRAY_LEN(fields); k++)
			add_code_points(set, fields[k]);
		for (uint32_t k = 0; k < c->n_aliases; k++)
			add_code_points(set, c->aliases[k]);
		for (uint32_t k = 0; k < c->n_services; k++) {
			add_code_points(set, c->services[k].zh);
			add_code_points(set, c->services[k].en);
		}
	}
	for (uint32_t i = 0; i < m->n_streets; i++) {
		add_code_points(set, m->streets[i].name);
		add_code_points(set, m->streets[i].name_en);
	}
	for (uint32_t i = 0; i < m->n_districts; i++) {
		add_code_points(set, m->districts[i].name);
		add_code_points(set, m->districts[i].name_en);
	}
	/* Every printable ASCII character, the document's own words and the
	 * sheet's (the printed label, page numbers, the bullet). */
	for (hb_codepoint_t c = 0x20; c < 0x7f; c++)
		hb_set_add(set, c);
	sq_doc_words(add_word, set);
	add_code_points(set, sq_sheet_printed_label(SQ_ZH));
	add_code_points(set, sq_sheet_printed_label(SQ_EN));
	add_code_points(set, "•");
}

/* The private configuration for a sheet, or NULL for the installed one. */
static FcConfig *sheet_config(const struct sq_sheet *sh,
			      const struct sq_model *m)
{
	static bool registered;
	static unsigned long clock;
	hb_set_t *cps = sheet_code_points(sh);
	struct subset *c = NULL;
	for (size_t i = 0; i < SQ_ARRAY_LEN(cache) && !c; i++)
		if (cache[i].set && cache[i].model == m &&
		    (!m || cache[i].buf == m->buf))
			c = &cache[i];
	if (c && hb_set_is_subset(cps, c->set)) {
		hb_set_destroy(cps);
		c->used = ++clock;
		return c->failed ? NULL : c->fonts.config;
	}
	if (!registered) {
		atexit(cache_free);
		registered = true;
	}
	if (c) {
		/* A character beyond the model's: cover it too. */
		hb_set_union(cps, c->set);
	} else {
		c = &cache[cache[1].used < cache[0].used];
		if (m)
			add_model_code_points(cps, m);
	}
	subset_free(c);
	c->set = cps;
	c->model = m;
	c->buf = m ? m->buf : NULL;
	c->used = ++clock;
	c->failed = !subset_fonts(cps, &c->fonts);
	return c->failed ? NULL : c->fonts.config;
}

/* Characters no font draws --------------------------------------------------
 * Pango draws them as a box with the code point in it; the sheet is made
 * all the same, and the caller is told which they were. */

struct unknown {
	uint32_t *cps;
	size_t n, cap;
};

static void note_unknown(struct unknown *u, uint32_t c)
{
	for (size_t i = 0; i < u->n; i++)
		if (u->cps[i] == c)
			return;
	if (u->n == u->cap) {
		u->cap = u->cap ? 2 * u->cap : 8;
		u->cps = sq_xreallocarray(u->cps, u->cap, sizeof *u->cps);
	}
	u->cps[u->n++] = c;
}

static void layout_unknown(PangoLayout *l, struct unknown *u)
{
	if (!pango_layout_get_unknown_glyphs_count(l))
		return;
	for (GSList *ln = pango_layout_get_lines_readonly(l); ln; ln = ln->next)
		for (GSList *r = ((PangoLayoutLine *)ln->data)->runs; r; r = r->next) {
			PangoGlyphString *gs = ((PangoGlyphItem *)r->data)->glyphs;
			for (int i = 0; i < gs->num_glyphs; i++) {
				PangoGlyph g = gs->glyphs[i].glyph;
				if (g & PANGO_GLYPH_UNKNOWN_FLAG)
					note_unknown(u, g & ~PANGO_GLYPH_UNKNOWN_FLAG);
			}
		}
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* "U+1F600 U+0489": the list a warning names. */
static void code_point_list(struct unknown *u, struct sq_buf *out)
{
	qsort(u->cps, u->n, sizeof *u->cps, cmp_u32);
	for (size_t i = 0; i < u->n; i++)
		sq_buf_addf(out, "%sU+%04" PRIX32, i ? " " : "", u->cps[i]);
}

/* The same question for a whole model, for --check: which characters of
 * its records does no installed font have.  A union of the coverage of the
 * fonts fontconfig falls back to from SQ_PDF_FONT (what Pango consults),
 * asked once per distinct code point, so that a national file costs one
 * pass over its text. */

struct coverage {
	FcCharSet *cs;
	uint8_t *known, *bad; /* bit sets over U+0000..U+10FFFF */
};

static bool bit(const uint8_t *set, ucs4_t c)
{
	return set[c >> 3] >> (c & 7) & 1;
}

static bool undrawable(struct coverage *cov, ucs4_t c)
{
	if (c > 0x10FFFF)
		return false;
	if (!bit(cov->known, c)) {
		cov->known[c >> 3] |= (uint8_t)(1u << (c & 7));
		/* Controls are dropped at load; default-ignorable characters
		 * (joiners, selectors) take no glyph. */
		bool bad = c >= 0x20 && !uc_is_property_default_ignorable_code_point(c) &&
			   !FcCharSetHasChar(cov->cs, c);
		if (bad)
			cov->bad[c >> 3] |= (uint8_t)(1u << (c & 7));
	}
	return bit(cov->bad, c);
}

static void scan(struct coverage *cov, const char *s, struct unknown *u)
{
	for (const uint8_t *p = (const uint8_t *)s; p && *p;) {
		if (*p < 0x80) {
			p++;
			continue;
		}
		ucs4_t c;
		p = u8_next(&c, p);
		if (p && undrawable(cov, c))
			note_unknown(u, c);
	}
}

static void scan_community(struct coverage *cov, const struct sq_community *c,
			   struct unknown *u)
{
	const char *fields[] = {
		c->name, c->name_en, c->pinyin, c->code, c->district_announced,
		c->district_announced_en, c->recognized, c->summary,
		c->summary_en, c->source,
	};
	for (size_t i = 0; i < SQ_ARRAY_LEN(fields); i++)
		scan(cov, fields[i], u);
	for (uint32_t i = 0; i < c->n_aliases; i++)
		scan(cov, c->aliases[i], u);
	for (uint32_t i = 0; i < c->n_services; i++) {
		scan(cov, c->services[i].zh, u);
		scan(cov, c->services[i].en, u);
	}
}

size_t sq_pdf_check_model(const struct sq_model *m, struct sq_diag *diag)
{
	FcPattern *pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)SQ_PDF_FONT);
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	FcResult res;
	struct coverage cov = {0};
	FcFontSet *fs = FcFontSort(NULL, pat, FcTrue, &cov.cs, &res);
	FcPatternDestroy(pat);
	if (fs)
		FcFontSetDestroy(fs);
	if (!cov.cs)
		cov.cs = FcCharSetCreate();
	cov.known = sq_xcalloc(0x110000 / 8, 1);
	cov.bad = sq_xcalloc(0x110000 / 8, 1);

	/* District and street names are said once, at the first record that
	 * uses them. */
	uint8_t *seen_d = sq_xcalloc(m->n_districts ? m->n_districts : 1, 1);
	uint8_t *seen_s = sq_xcalloc(m->n_streets ? m->n_streets : 1, 1);
	size_t warned = 0;
	struct unknown u = {0};
	struct sq_buf list = {0};
	for (uint32_t i = 0; i < m->n_comms; i++) {
		const struct sq_community *c = &m->comms[i];
		u.n = 0;
		scan_community(&cov, c, &u);
		const struct sq_street *st = &m->streets[c->street];
		if (!seen_s[c->street]) {
			seen_s[c->street] = 1;
			scan(&cov, st->name, &u);
			scan(&cov, st->name_en, &u);
		}
		if (!seen_d[st->district]) {
			seen_d[st->district] = 1;
			scan(&cov, m->districts[st->district].name, &u);
			scan(&cov, m->districts[st->district].name_en, &u);
		}
		if (!u.n)
			continue;
		sq_buf_reset(&list);
		code_point_list(&u, &list);
		sq_diag_at(diag, m->path ? m->path : "-", c->line,
			   _("warning: no installed font can draw %s: a printed "
			     "sheet shows a box with the code in its place"),
			   sq_buf_str(&list));
		warned++;
	}
	sq_buf_free(&list);
	free(u.cps);
	free(seen_d);
	free(seen_s);
	free(cov.known);
	free(cov.bad);
	FcCharSetDestroy(cov.cs);
	return warned;
}

void sq_pdf_release(void)
{
	cache_free();
	FcFini();
}

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
	struct unknown unknown; /* characters no font could draw */
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
	if (!f->draw)
		layout_unknown(l, &f->unknown);
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

/* Paragraphs i .. *end of a field that stay on one page: a service with its
 * other language, a category heading with its first service.  Plain text
 * may break between its lines. */
static bool block(const struct sq_sheet *sh, const struct sq_sheet_field *fl,
		  size_t i, size_t *end)
{
	const struct sq_sheet_para *p = &sh->paras[fl->first];
	size_t j = i;
	if (p[j].kind == SQ_SHEET_GROUP && j + 1 < fl->count &&
	    p[j + 1].kind == SQ_SHEET_ITEM)
		j++;
	if (p[j].kind != SQ_SHEET_ITEM) {
		*end = i;
		return false;
	}
	while (j + 1 < fl->count && p[j + 1].kind == SQ_SHEET_MORE)
		j++;
	*end = j;
	return true;
}

static double space_before(const struct sq_sheet_para *p, size_t i, double pt)
{
	if (i == 0)
		return 0;
	return p->kind == SQ_SHEET_GROUP ? pt * 0.4
	       : p->kind == SQ_SHEET_ITEM ? pt * 0.15
					  : 0;
}

static void flow_field(struct flow *f, const struct sq_sheet *sh,
		       const struct sq_sheet_field *fl, double lw, double pt)
{
	double gap = pt;                /* between labels and values */
	double vx = f->x0 + lw + gap;   /* value column */
	double vw = f->width - lw - gap;
	double indent = pt * 1.1;       /* bullet items */
	double page_h = f->bottom - f->top;
	const struct sq_sheet_para *paras = &sh->paras[fl->first];

	struct sq_buf label = {0};
	for (unsigned j = 0; j < fl->n_label; j++) {
		if (j)
			sq_buf_adds(&label, "\n");
		sq_buf_adds(&label, fl->label[j]);
	}
	PangoLayout *ll = make_layout(f, sq_buf_str(&label), pt, true, lw);
	sq_buf_free(&label);

	PangoLayout **ls = sq_xcalloc(fl->count ? fl->count : 1, sizeof *ls);
	for (size_t i = 0; i < fl->count; i++) {
		const struct sq_sheet_para *p = &paras[i];
		bool item = p->kind == SQ_SHEET_ITEM || p->kind == SQ_SHEET_MORE;
		ls[i] = make_layout(f, p->text, pt, p->kind == SQ_SHEET_GROUP,
				    item ? vw - indent : vw);
	}

	/* Keep the label with the first line of its value, or with the whole
	 * of a first block. */
	double keep = first_line_height(ll);
	size_t end;
	if (fl->count) {
		double h = first_line_height(ls[0]);
		if (block(sh, fl, 0, &end)) {
			h = 0;
			for (size_t j = 0; j <= end; j++)
				h += space_before(&paras[j], j, pt) +
				     layout_height(ls[j]);
		}
		if (h > keep && h <= page_h)
			keep = h;
	}
	need(f, keep);
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
		const struct sq_sheet_para *p = &paras[i];
		bool item = p->kind == SQ_SHEET_ITEM || p->kind == SQ_SHEET_MORE;
		f->y += space_before(p, i, pt);
		if (i > 0 && block(sh, fl, i, &end)) {
			double h = layout_height(ls[i]);
			for (size_t j = i + 1; j <= end; j++)
				h += space_before(&paras[j], j, pt) +
				     layout_height(ls[j]);
			if (h <= page_h)
				need(f, h);
		}
		set_grey(f, p->kind == SQ_SHEET_MORE ? 0.3 : 0);
		flow_layout(f, ls[i], item ? vx + indent : vx,
			    p->kind == SQ_SHEET_ITEM ? bullet : NULL, vx);
		g_object_unref(ls[i]);
	}
	free(ls);
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

/* A private font map and context: the subset font, no hinting, unrounded
 * positions and 72 dpi, so that one point of type is one PDF unit and the
 * layout does not depend on any screen. */
static PangoContext *sheet_context(const struct sq_sheet *sh, cairo_t *cr,
				   PangoFontMap **fm_out)
{
	PangoFontMap *fm = pango_cairo_font_map_new();
	FcConfig *config = PANGO_IS_FC_FONT_MAP(fm) ? sheet_config(sh, sh->model)
						     : NULL;
	if (config)
		pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), config);
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
	*fm_out = fm;
	return ctx;
}

/* Measure first: a receipt is one page as tall as what is on it, and A4
 * pages say "page of pages"; then draw. */
static void flow_pages(struct flow *f, cairo_surface_t *surface, double page_h)
{
	const struct geom *g = f->g;
	flow_sheet(f, f->sh);
	if (!g->page_h && f->y + g->margin_y < MAX_PAGE_H) {
		page_h = f->y + g->margin_y;
		f->bottom = page_h - g->margin_y;
		cairo_pdf_surface_set_size(surface, g->page_w, page_h);
	} else {
		f->pages = f->page + 1;
	}
	f->draw = true;
	flow_sheet(f, f->sh);
	page_footer(f);
	cairo_show_page(f->cr);
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
	PangoFontMap *fm;
	PangoContext *ctx = sheet_context(sh, cr, &fm);

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
	flow_pages(&f, surface, page_h);

	cairo_destroy(cr);
	cairo_surface_finish(surface);
	cairo_status_t st = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	g_object_unref(ctx);
	g_object_unref(fm);

	bool ok = st == CAIRO_STATUS_SUCCESS;
	if (!ok) {
		sq_buf_addf(err, "cairo: %s", cairo_status_to_string(st));
	} else {
		sq_buf_add(out, pdf.data, pdf.len);
		if (f.unknown.n) {
			struct sq_buf list = {0};
			code_point_list(&f.unknown, &list);
			sq_buf_addf(err,
				    _("no installed font can draw %s: the sheet "
				      "shows a box with the code in its place"),
				    sq_buf_str(&list));
			sq_buf_free(&list);
		}
	}
	free(f.unknown.cps);
	sq_buf_free(&pdf);
	return ok;
}

#else

void sq_pdf_release(void)
{
}

size_t sq_pdf_check_model(const struct sq_model *m, struct sq_diag *diag)
{
	(void)m;
	(void)diag;
	return 0;
}

bool sq_pdf_sheet(const struct sq_sheet *sh, enum sq_paper paper,
		  struct sq_buf *out, struct sq_buf *err)
{
	sq_buf_adds(err, _("built without printing: no PDF"));
	return false;
}

#endif
