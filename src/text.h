/* SPDX-License-Identifier: MIT */
/* The one place that measures, cuts, pads and wraps text in terminal cells.
 * Every column the program computes comes from here, and every width here
 * equals what ncursesw will advance (libc wcwidth) for the characters the
 * program draws: text is sanitised at load so that no other kind reaches it. */
#ifndef SHEQU_TEXT_H
#define SHEQU_TEXT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* The mark drawn where text was cut: of unambiguous width 1. */
#define SQ_CUT_MARK ">"

/* Treat East Asian Ambiguous characters as 2 columns (terminals that draw
 * them wide; --ambiguous=wide).  Default: narrow. */
void sq_text_set_ambiguous_wide(bool wide);
bool sq_text_ambiguous_wide(void);

/* Cells of one code point: 0, 1 or 2 (never negative: sanitised text only;
 * anything unprintable counts as the U+FFFD that replaces it: 1, or 2 when
 * ambiguous characters are wide).  Independent of the locale. */
int sq_cp_width(uint32_t c);

/* Cells of n bytes of valid UTF-8 (grapheme-agnostic sum of sq_cp_width). */
int sq_width(const char *s, size_t n);
int sq_strwidth(const char *s);

/* Byte length of the longest prefix of s[0..n) that fits in cols cells and
 * ends on a grapheme-cluster boundary.  *used (if used is not NULL) receives
 * its width.  cols <= 0 gives 0. */
size_t sq_fit_prefix(const char *s, size_t n, int cols, int *used);

/* Append s to b taking exactly cols cells: cut at a grapheme boundary with
 * SQ_CUT_MARK as the last cell when it does not fit (never through a wide
 * character: a left-over cell becomes a space), padded with spaces when it is
 * shorter.  cols <= 0 appends nothing.  Returns the cells of s shown
 * (excluding padding and mark). */
int sq_buf_fit(struct sq_buf *b, const char *s, size_t n, int cols);

/* Same, but right-aligned: padding, and the cell a wide character left over
 * at a cut, go on the left. */
int sq_buf_fit_right(struct sq_buf *b, const char *s, size_t n, int cols);

/* One line of wrapped text: s[off .. off+len), trailing spaces excluded. */
struct sq_line {
	size_t off, len;
	int width;
};

/* Wrap s[0..n) to cols cells on UAX #14 break opportunities (libunistring),
 * hard-cutting at a grapheme boundary any word wider than cols; mandatory
 * breaks (LF, CR LF, ...) are honoured.  Returns the number of lines and sets
 * *out to a malloc'd array (free it).  Empty text gives one empty line.
 * - Every line is at most cols wide.  The one exception: with cols 1 (cols
 *   < 1 counts as 1) a wide character stands alone on a 2-cell line.
 * - Blanks (U+0020, U+3000) at a line end are excluded from it and may hang
 *   past the edge; an indent wider than the line is dropped.
 * - A grapheme cluster wider than the line (rare: Hangul jamo runs) is split
 *   between characters.
 * - A break at the very end adds no empty line: "a\n" is one line, "a\n\n"
 *   two. */
size_t sq_wrap(const char *s, size_t n, int cols, struct sq_line **out);

/* Validate-free sanitiser for text already checked as UTF-8: drop U+00AD,
 * U+200D, U+FE00-FE0F, U+E0000-E01EF, U+1F3FB-1F3FF (joiners and selectors),
 * the bidirectional controls (U+061C, U+200E-200F, U+202A-202E,
 * U+2066-2069), U+200B, U+2060 and U+FEFF; turn TAB into a space;
 * replace every other control (LF and CR included: fields are single-line)
 * and every character libc cannot print (unassigned, U+2028/2029) with
 * U+FFFD; then NFC.  Returns a malloc'd NUL-terminated string and its length
 * in *out_len, or NULL when s is already clean (the common case, so the
 * loader can keep pointing into its buffer; *out_len is then n).  out_len may
 * be NULL. */
char *sq_sanitize(const char *s, size_t n, size_t *out_len);

/* The same for text of several lines: each line sanitised on its own, the
 * line feeds between them kept. */
char *sq_sanitize_lines(const char *s, size_t n, size_t *out_len);

/* True when s[0..n), valid UTF-8, is already clean: made only of characters
 * that sq_sanitize keeps and that stay NFC next to each other (printable
 * ASCII, Latin-1 to Latin Extended-B but for U+00AD, common punctuation, CJK
 * ideographs and punctuation, fullwidth forms).  sq_sanitize returns such
 * text at once; anything else (combining marks, kana that compose, invisible
 * characters, controls, LF) is looked at character by character. */
bool sq_text_clean(const char *s, size_t n);

/* The first byte of the first invalid or incomplete UTF-8 sequence of
 * s[0..n), or NULL when there is none: u8_check's answer, faster on what data
 * files hold (ASCII and CJK). */
const uint8_t *sq_utf8_check(const uint8_t *s, size_t n);

/* What sq_sanitize makes of one code point, normalisation aside: c itself,
 * U+FFFD, a space (for TAB), or SQ_CP_DROP when it is removed.  For text that
 * arrives one character at a time (typed input). */
#define SQ_CP_DROP UINT32_MAX
uint32_t sq_cp_sanitize(uint32_t c);

/* Index of the start of the grapheme after / before byte offset i. */
size_t sq_next_grapheme(const char *s, size_t n, size_t i);
size_t sq_prev_grapheme(const char *s, size_t n, size_t i);

/* The length of the longest prefix of s[0..n) of at most max bytes that
 * ends between two grapheme clusters: for a copy into a fixed size (a
 * status line, a log line) that must not split a character. */
size_t sq_cut_bytes(const char *s, size_t n, size_t max);

#endif
