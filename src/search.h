/* SPDX-License-Identifier: MIT */
/* Search: query normalisation (NFKC + casefold) and terms, matching by
 * Chinese, English, pinyin and code, ranking, and where a hit was found with
 * a window of it to show.  Shared by --search and the TUI.  (The modules
 * inside are listed in search_int.h.) */
#ifndef SHEQU_SEARCH_H
#define SHEQU_SEARCH_H

#include "model.h"

/* Ranking tiers, best first. */
enum sq_tier {
	SQ_TIER_EXACT,     /* a name or alias equals the query; the code */
	SQ_TIER_PREFIX,    /* a name or alias starts with it; a code prefix */
	SQ_TIER_SUBSTRING, /* a name or alias contains it */
	SQ_TIER_PINYIN,    /* the name's pinyin (full or initials) matches */
	SQ_TIER_TEXT,      /* text or a place's name holds it (see sq_search) */
	SQ_TIER_NONE
};

struct sq_hit {
	uint32_t comm;
	enum sq_tier tier;
};

struct sq_searcher; /* per-model index */

/* Keys every name, text and place of the model (some 25 ms for 620,000
 * communities), so that the first keystroke does not; pinyin is indexed on
 * the first query with a letter, codes on the first query of digits. */
struct sq_searcher *sq_searcher_new(const struct sq_model *m);
void sq_searcher_free(struct sq_searcher *s);

/* All communities matching query, best first; each community once.  Returns
 * the count and a malloc'd array in *out (always set; free it).
 *
 * Keys: the query and the data are compared as search keys (sq_search_key:
 * case, accents and character width ignored).  Names are Name, aliases and
 * NameEn; pinyin is that of Name (its Pinyin field, else the table) and
 * aliases; text is services and summaries, and the names of the
 * community's street, district and announced district (DistrictAnnounced),
 * all in Chinese and in English; the Chinese names of those places match in
 * pinyin too (the table's readings: places have no Pinyin field), at the
 * text tier.
 *
 * Codes: a query or term of 6 to 12 digits (fullwidth too) also finds the
 * communities whose 12-digit Code starts with it: the whole code at the
 * exact tier, its first 6 to 11 digits (a district, township or street:
 * 330102, 330102008) at the prefix tier, giving the communities under
 * them.  Fewer than 6 digits are no code.
 *
 * Terms: the query is cut into terms at white space (U+3000 too) and at the
 * punctuation an input method types (CJK and fullwidth: "英语，角");
 * punctuation at either end of a term is dropped ("英语角。", "“英语角”"),
 * and a query of punctuation alone is empty and matches nothing.  A
 * community matches when the whole query (its terms joined by one space)
 * matches it, or when every term does, each anywhere and in any order, as
 * in fzf ("英语 角", "corner english", "xihu 英语": a district and a
 * service).  At most 8 terms count; more are ignored.
 *
 * Ranking: the whole query's tier is the best at which it matches; the
 * terms' tier is the worst of each term's best, so "community baitaling"
 * is a substring match of "Baitaling Community".  A community takes the
 * better of the two; at the same tier, a match of the whole query comes
 * before a match of the terms apart ("xi hu": "Da Xi Hu" before "Hu Xi
 * Lu"); then file order.
 *
 * Pinyin: spaces and apostrophes in the query are ignored; each Han
 * character of a contiguous run of the name consumes a non-empty prefix of
 * its syllable (so full syllables, initials, "zh" or "z", tone marks or
 * none, and u or v for ü) or itself; other characters consume themselves.
 * A digit 0 to 5 right after a letter is a tone number, passed over as a
 * tone mark is ("bai2 ta3 ling3", "bai2ta3ling3"), or itself.
 *
 * Recent results are cached, and a query extending a cached one
 * re-examines only that one's hits when they are few (typing). */
size_t sq_search(struct sq_searcher *s, const char *query, struct sq_hit **out);

/* True when query has no terms (see sq_search): nothing, white space or
 * punctuation alone; it matches nothing. */
bool sq_search_query_empty(const char *query);

/* Mark the characters of a name that the query matched: mark (strlen(text)
 * bytes) is cleared, then mark[i] = 1 for every byte i of text inside a
 * matched character.  For the whole query and for each of its terms (see
 * sq_search), every occurrence is marked; when there is none, its pinyin
 * matches: the Chinese characters whose pinyin matched.  pinyin is the name's Pinyin field, or NULL (the character table
 * is used).  Returns true when anything was marked. */
bool sq_highlight(const char *text, const char *pinyin, const char *query,
		  unsigned char *mark);

/* The same for other text (services, summaries): occurrences only, no
 * pinyin. */
bool sq_highlight_text(const char *text, const char *query, unsigned char *mark);

/* Where a hit was found: a field of the community. */
enum sq_field {
	SQ_FIELD_NONE,
	SQ_FIELD_NAME,      /* Name or NameEn */
	SQ_FIELD_ALIAS,     /* aliases[index] */
	SQ_FIELD_STREET,    /* the street's name */
	SQ_FIELD_DISTRICT,  /* the district's name */
	SQ_FIELD_ANNOUNCED, /* the district the announcement named */
	SQ_FIELD_SERVICE,   /* services[index] */
	SQ_FIELD_SUMMARY,
	SQ_FIELD_CODE,
};
#define SQ_FIELD_BIT(f) (1u << (f))

struct sq_found {
	enum sq_field field;     /* SQ_FIELD_NONE: nothing found */
	enum sq_lang lang;       /* the language of text (the code: lang) */
	uint32_t index;          /* which alias or service; else 0 */
	const char *text;        /* the field's text: the model's own string */
	size_t len;              /* strlen(text) */
	unsigned char *mark;     /* len bytes: 1 inside a match, else 0 */
	size_t first, first_end; /* the first match: bytes [first, first_end) */
	bool shown;              /* the caller shows this text already */
	size_t cap;              /* (mark's size) */
};

/* Where the query was found in community comm, and the text to show for it.
 * f must be zeroed before its first use, may be reused for other hits, and
 * is freed with sq_found_free.  Returns false (f->field SQ_FIELD_NONE) when
 * no field holds the query.
 *
 * Every field is tried in each language it has: Name, NameEn, the street's,
 * district's and announced district's names, aliases, services, summaries
 * and the code.  Marks are those of sq_highlight_text, occurrences only, for
 * the whole query and each term, except that Chinese names (Name, aliases,
 * places) also take sq_highlight's pinyin (btl marks 白塔岭) and the code its
 * leading digits (sq_search's codes).  The field chosen holds the most: the
 * whole query, or else the most terms; among equals, one the caller does not
 * show already (shown: SQ_FIELD_BIT of each field the caller shows in lang,
 * as sq_comm_name, sq_street_name... give it); then the text the interface
 * shows for that field in lang, so that an English interface shows an
 * English match (Milan: the English service); then the order above.
 * f->shown says that the field chosen is one the caller shows already: a
 * match in the name or place the row shows, nothing more to say. */
bool sq_search_found(const struct sq_model *m, uint32_t comm, const char *query,
		     enum sq_lang lang, unsigned shown, struct sq_found *f);
void sq_found_free(struct sq_found *f);

/* A window of a found text to show in a given width: the bytes
 * f->text[off .. off + len), after a cut mark (SQ_CUT_MARK, text.h) when
 * cut_before and before one when cut_after.  width is the cells of it all,
 * marks included: at most cols (one less when a wide character did not
 * fit).  The first match is in the window: the window begins at the start
 * when the match fits there; else ends at the end when the match fits
 * there; else begins a third of what the match leaves before the match (at
 * its start when the match is wider than the window).  The text fits
 * whole when it can.  Cuts fall on grapheme boundaries.  Below 3 cells
 * there is no room for marks: the window is the start of the match. */
struct sq_window {
	size_t off, len;
	bool cut_before, cut_after;
	int width;
	size_t bytes;            /* len and the cut marks' bytes */
};
struct sq_window sq_found_window(const struct sq_found *f, int cols);

struct sq_buf;
/* Append window w of f to b, cut marks included, and its marks (w->bytes of
 * them: f's for the text, 0 for the cut marks) to mark.  Returns w->bytes. */
size_t sq_window_render(const struct sq_found *f, const struct sq_window *w,
			struct sq_buf *b, unsigned char *mark);

/* Search key of a string: compatibility caseless (NFKC/NFKD + casefold),
 * accents and other nonspacing marks removed, whitespace collapsed to one
 * space and trimmed.  malloc'd, NUL-terminated; *out_len (may be NULL) gets
 * its length. */
char *sq_search_key(const char *s, size_t n, size_t *out_len);

#endif
