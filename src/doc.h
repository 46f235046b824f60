/* SPDX-License-Identifier: MIT */
/* One community as a document: the one place where a record becomes words.
 * The fact sheet (sheet.h: text and PDF), the detail view and the preview
 * render it; none of them words a fact of its own.
 *
 * A document is a flat list of items in a fixed order, each identified by an
 * enum sq_doc_id so that a renderer can choose which to show and how to style
 * them, and each holding its text in the document's languages: an ordered
 * set of one or two (zh; en; zh+en; en+zh).  Labels come from one bilingual
 * table here (sq_doc_label), not from gettext: they follow the document's
 * languages, not the interface's.  The document states only what the record
 * holds: the programme's title, recognition and nearby list only for an
 * international community (sq_comm_international, the one test), a title
 * that fits an ordinary community, a note where there are no details.  No
 * curses, no Pango: a renderer measures and places.
 *
 * The items, in order (those marked * may be absent; + may repeat):
 *
 *   SQ_DOC_TITLE          the sheet's heading, per language
 *   SQ_DOC_NAME           the community's names: ALWAYS both languages when
 *                         an English name exists (a resident can show the
 *                         Chinese one to anyone), the document's first
 *                         language first
 *   SQ_DOC_PINYIN *       one text, language-neutral
 *   SQ_DOC_ALIAS *+       one item per alias, one text each
 *   SQ_DOC_DISTRICT       today's district
 *   SQ_DOC_ANNOUNCED *    the district the announcement named, where it
 *                         differs from today's
 *   SQ_DOC_STREET
 *   SQ_DOC_CODE           one text, language-neutral
 *   SQ_DOC_RECOGNITION *  the programme, batch and month as far as the
 *                         record gives them; only for an international
 *                         community (a batch or a recognition month)
 *   SQ_DOC_FOREIGN *, SQ_DOC_STAFF *, SQ_DOC_VOLUNTEERS *
 *                         figures ("130余人" / "more than 130"); Staff counts
 *                         foreign-language staff
 *   SQ_DOC_NEARBY *       with SQ_DOC_WITH_NEARBY, where the model holds
 *                         international communities: a heading (no text),
 *   SQ_DOC_NEAR_STREET,   followed by the international communities in the
 *   SQ_DOC_NEAR_DISTRICT  same street and in the rest of the same district
 *                         (one line each; "none"/"无" when there are none)
 *   SQ_DOC_NOTE *         says that there are no details, and whose silence
 *                         it is (the announcement's or the data's)
 *   SQ_DOC_SERVICES *     heading of the services (no text), followed by
 *   SQ_DOC_CATEGORY +     a category heading (item->cat set), followed by
 *   SQ_DOC_SERVICE +      the services of that category (item->cat set);
 *                         categories in the model's fixed order
 *   SQ_DOC_SUMMARY *
 *   SQ_DOC_SOURCE *       the source without its date
 *   SQ_DOC_DATA_DATE *    the date the source gives (YYYY-MM-DD)
 *
 * Texts: item->text[0 .. item->n) in the document's language order;
 * item->lang[i] says which language text[i] is in (for fonts and styling).
 * An item has a text per document language, except that
 *   - language-neutral items (pinyin, alias, code, data date) have one;
 *   - where the record has no English, an English-only document shows the
 *     Chinese, and a two-language document shows the Chinese once; where
 *     it has only the English (a summary), the other way round;
 *   - SQ_DOC_NAME, as said above.
 * So n is 0 (the headings SQ_DOC_SERVICES and SQ_DOC_NEARBY), 1 or 2.
 *
 * Rendering, for example as "label  text" lines in the first language only
 * (a preview would pick a few ids; a detail view would show SERVICES and
 * SUMMARY as sections, and the second text dimmed):
 *
 *   enum sq_lang langs[] = {SQ_EN, SQ_ZH};
 *   struct sq_doc *d = sq_doc_build(m, ci, langs, 2, SQ_DOC_WITH_NEARBY);
 *   for (size_t i = 0; i < d->n_items; i++) {
 *           const struct sq_doc_item *it = &d->items[i];
 *           const char *label = sq_doc_label(it->id, d->langs[0]);
 *           if (it->id == SQ_DOC_TITLE)
 *                   continue;
 *           printf("%-20s %s\n", label ? label : "",
 *                  it->n ? it->text[0] : "");
 *   }
 *   sq_doc_free(d);
 */
#ifndef SHEQU_DOC_H
#define SHEQU_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "options.h"

enum sq_doc_id {
	SQ_DOC_TITLE,
	SQ_DOC_NAME,
	SQ_DOC_PINYIN,
	SQ_DOC_ALIAS,
	SQ_DOC_DISTRICT,
	SQ_DOC_ANNOUNCED,
	SQ_DOC_STREET,
	SQ_DOC_CODE,
	SQ_DOC_RECOGNITION,
	SQ_DOC_FOREIGN,
	SQ_DOC_STAFF,
	SQ_DOC_VOLUNTEERS,
	SQ_DOC_NEARBY,
	SQ_DOC_NEAR_STREET,
	SQ_DOC_NEAR_DISTRICT,
	SQ_DOC_NOTE,
	SQ_DOC_SERVICES,
	SQ_DOC_CATEGORY,
	SQ_DOC_SERVICE,
	SQ_DOC_SUMMARY,
	SQ_DOC_SOURCE,
	SQ_DOC_DATA_DATE,
	SQ_DOC_ID_COUNT
};

/* Optional parts, or'ed into sq_doc_build's flags. */
enum { SQ_DOC_WITH_NEARBY = 1u << 0 };

/* At most this many neighbours are named on a line; the rest are counted. */
enum { SQ_DOC_NEARBY_MAX = 12 };

struct sq_doc_item {
	enum sq_doc_id id;
	enum sq_category cat; /* SQ_DOC_CATEGORY and SQ_DOC_SERVICE; else 0 */
	unsigned n;           /* texts: 0, 1 or 2 */
	const char *text[2];  /* never NULL below n, never empty */
	enum sq_lang lang[2]; /* the language text[i] is written in */
};

struct sq_doc {
	enum sq_lang langs[2]; /* the document's languages, in order */
	unsigned n_langs;      /* 1 or 2 */
	uint32_t comm;         /* index into the model's communities */
	struct sq_doc_item *items;
	size_t n_items;
	struct sq_arena *arena; /* owns formatted strings; others point into
				 * the model, which must outlive the document */
};

/* The document of community comm of m in langs[0 .. n_langs) (1 or 2
 * distinct languages, the first leading).  Never NULL. */
struct sq_doc *sq_doc_build(const struct sq_model *m, uint32_t comm,
			    const enum sq_lang *langs, unsigned n_langs,
			    unsigned flags);
void sq_doc_free(struct sq_doc *d);

/* The languages of a sheet (zh; en; zh then en) into out; returns the count. */
unsigned sq_doc_sheet_langs(enum sq_sheet_lang lang, enum sq_lang out[2]);

/* The label of an item in a language; NULL for items shown without one
 * (title, name, category, service). */
const char *sq_doc_label(enum sq_doc_id id, enum sq_lang lang);

/* Calls fn with every fixed word a document can hold (labels, headings,
 * notes, the fragments of figures and recognitions), for a font subset
 * that must cover any document. */
void sq_doc_words(void (*fn)(const char *s, void *arg), void *arg);

/* The first item with this id at or after index from, or d->n_items. */
size_t sq_doc_find(const struct sq_doc *d, enum sq_doc_id id, size_t from);

#endif
