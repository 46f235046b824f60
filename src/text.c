/* SPDX-License-Identifier: MIT */
#include "text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "util.h"

#include "ambiguous_width.h"

#define REPLACEMENT 0xFFFDu

static bool ambiguous_wide;

void sq_text_set_ambiguous_wide(bool wide)
{
	ambiguous_wide = wide;
}

bool sq_text_ambiguous_wide(void)
{
	return ambiguous_wide;
}

static bool in_ranges(uint32_t c, const uint32_t (*r)[2], size_t n)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c < r[mid][0])
			hi = mid;
		else if (c > r[mid][1])
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

/* glibc's wcwidth() is -1 exactly for these (checked over every code point
 * by the unit test): controls, line/paragraph separators, and code points
 * unassigned in its Unicode version, which libunistring 1.0 shares. */
static bool printable(uint32_t c)
{
	if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return false;
	return !uc_is_general_category_withtable(
		c, UC_CATEGORY_MASK_Cc | UC_CATEGORY_MASK_Cn |
			   UC_CATEGORY_MASK_Zl | UC_CATEGORY_MASK_Zp);
}

/* Where libunistring's uc_width(c, "UTF-8") disagrees with glibc 2.36, glibc
 * wins because ncursesw advances the cursor by its wcwidth(). */
static const struct {
	uint32_t lo, hi;
	int width;
} glibc_corrections[] = {
	{0x00AD, 0x00AD, 1},   /* soft hyphen: glibc draws it */
	{0x0600, 0x0605, 1},   /* prepended concatenation marks (Cf)... */
	{0x06DD, 0x06DD, 1},
	{0x070F, 0x070F, 1},
	{0x0890, 0x0891, 1},
	{0x08E2, 0x08E2, 1},
	{0x0CBF, 0x0CBF, 0},   /* Kannada vowel signs glibc takes as marks */
	{0x0CC6, 0x0CC6, 0},
	{0x110BD, 0x110BD, 1}, /* ...Kaithi number signs, like the above */
	{0x110CD, 0x110CD, 1},
	{0x11A07, 0x11A08, 0}, /* Zanabazar Square vowel signs */
	{0x11C3F, 0x11C3F, 0}, /* Bhaiksuki vowel sign */
	{0x3248, 0x324F, 2},   /* circled numbers on black squares */
	{0x4DC0, 0x4DFF, 2},   /* Yijing hexagrams */
};

static int narrow_width(uint32_t c)
{
	for (size_t i = 0; i < SQ_ARRAY_LEN(glibc_corrections); i++)
		if (c >= glibc_corrections[i].lo && c <= glibc_corrections[i].hi)
			return glibc_corrections[i].width;
	/* Never the locale's charset: CJK encodings widen Greek, Cyrillic and
	 * box drawing too (see CJK.md). */
	return uc_width(c, "UTF-8");
}

int sq_cp_width(uint32_t c)
{
	/* The two ranges nearly all of the data lives in, before any lookup. */
	if (c >= 0x20 && c < 0x7F)
		return 1;
	if (c >= 0x4E00 && c <= 0x9FFF)
		return 2;
	if (!printable(c))
		c = REPLACEMENT;
	int w = narrow_width(c);
	/* Ambiguous combining marks (U+0300...) stay zero-width in every
	 * terminal, so only the narrow ones widen. */
	if (w == 1 && ambiguous_wide &&
	    in_ranges(c, sq_ambiguous_ranges, SQ_ARRAY_LEN(sq_ambiguous_ranges)))
		return 2;
	return w;
}

int sq_width(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + n;
	int w = 0;
	while (p < end) {
		if (*p >= 0x20 && *p < 0x7F) {
			w++;
			p++;
			continue;
		}
		ucs4_t c;
		p += u8_mbtouc(&c, p, end - p);
		w += sq_cp_width(c);
	}
	return w;
}

int sq_strwidth(const char *s)
{
	return sq_width(s, strlen(s));
}

size_t sq_next_grapheme(const char *s, size_t n, size_t i)
{
	if (i >= n)
		return n;
	const uint8_t *p = (const uint8_t *)s;
	const uint8_t *next = u8_grapheme_next(p + i, p + n);
	return next ? (size_t)(next - p) : n;
}

size_t sq_cut_bytes(const char *s, size_t n, size_t max)
{
	size_t cut = 0;
	while (cut < n) {
		size_t next = sq_next_grapheme(s, n, cut);
		if (next <= cut || next > max)
			break;
		cut = next;
	}
	return cut;
}

size_t sq_prev_grapheme(const char *s, size_t n, size_t i)
{
	if (i > n)
		i = n;
	if (i == 0)
		return 0;
	const uint8_t *p = (const uint8_t *)s;
	const uint8_t *prev = u8_grapheme_prev(p + i, p);
	return prev ? (size_t)(prev - p) : 0;
}

size_t sq_fit_prefix(const char *s, size_t n, int cols, int *used)
{
	size_t i = 0;
	int w = 0;
	while (i < n && cols > 0) {
		size_t j;
		int gw;
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F &&
		    (i + 1 == n || (unsigned char)s[i + 1] < 0x80)) {
			/* ASCII followed by ASCII is a cluster of its own
			 * (CR LF aside, and CR is not printable). */
			j = i + 1;
			gw = 1;
		} else {
			j = sq_next_grapheme(s, n, i);
			gw = sq_width(s + i, j - i);
		}
		if (w + gw > cols)
			break;
		w += gw;
		i = j;
	}
	if (used)
		*used = w;
	return i;
}

static int buf_fit(struct sq_buf *b, const char *s, size_t n, int cols,
		   bool right)
{
	if (cols <= 0)
		return 0;
	int w = sq_width(s, n);
	if (w <= cols) {
		if (right)
			sq_buf_spaces(b, cols - w);
		sq_buf_add(b, s, n);
		if (!right)
			sq_buf_spaces(b, cols - w);
		return w;
	}
	int used;
	size_t len = sq_fit_prefix(s, n, cols - 1, &used);
	/* The cell a wide character could not take stays blank, on the side
	 * that keeps the alignment. */
	if (right)
		sq_buf_spaces(b, cols - 1 - used);
	sq_buf_add(b, s, len);
	if (!right)
		sq_buf_spaces(b, cols - 1 - used);
	sq_buf_adds(b, SQ_CUT_MARK);
	return used;
}

int sq_buf_fit(struct sq_buf *b, const char *s, size_t n, int cols)
{
	return buf_fit(b, s, n, cols, false);
}

int sq_buf_fit_right(struct sq_buf *b, const char *s, size_t n, int cols)
{
	return buf_fit(b, s, n, cols, true);
}

/* ---- wrapping ---- */

/* Blanks that may hang past the right edge and are cut from line ends. */
static bool is_blank(const char *s, size_t i, size_t j)
{
	return (j - i == 1 && s[i] == ' ') ||
	       (j - i == 3 && memcmp(s + i, "\xe3\x80\x80", 3) == 0);
}

struct wrap_out {
	struct sq_line *lines;
	size_t count, cap;
};

static void emit(struct wrap_out *o, size_t off, size_t len, int width)
{
	if (o->count == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 8;
		o->lines = sq_xreallocarray(o->lines, o->cap, sizeof *o->lines);
	}
	o->lines[o->count++] = (struct sq_line){off, len, width};
}

/* The end of the longest run of characters of the cluster s[i..j) that fits
 * in cols (at least one character: a wide one when cols is 1); *w its
 * width. */
static size_t split_cluster(const char *s, size_t i, size_t j, int cols, int *w)
{
	size_t k = i;
	*w = 0;
	while (k < j) {
		ucs4_t c;
		int len = u8_mbtouc(&c, (const uint8_t *)s + k, j - k);
		int cw = sq_cp_width(c);
		if (k > i && *w + cw > cols)
			break;
		*w += cw;
		k += len;
	}
	return k;
}

static bool mandatory_break(const char *brk, size_t i)
{
	return brk[i] == UC_BREAK_MANDATORY || brk[i] == UC_BREAK_CR_BEFORE_LF;
}

/* Emits the line that starts at start (none when it holds only blanks
 * before a break) and returns where the next one starts. */
static size_t wrap_line(struct wrap_out *o, const char *s, size_t n,
			const char *brk, int cols, size_t start)
{
	/* The line [start, i): its end without trailing blanks, and the last
	 * break opportunity inside it. */
	size_t i = start, content_end = start;
	int width = 0, content_width = 0;
	size_t brk_at = 0, brk_content_end = 0;
	int brk_content_width = 0;
	bool have_brk = false;

	while (i < n && !mandatory_break(brk, i)) {
		if (i > start && brk[i] == UC_BREAK_POSSIBLE) {
			have_brk = true;
			brk_at = i;
			brk_content_end = content_end;
			brk_content_width = content_width;
		}
		size_t j = sq_next_grapheme(s, n, i);
		int gw = sq_width(s + i, j - i);
		if (is_blank(s, i, j)) {
			width += gw;
			i = j;
			continue;
		}
		if (width + gw <= cols) {
			width += gw;
			i = content_end = j;
			content_width = width;
			continue;
		}
		if (have_brk && brk_content_end > start) {
			emit(o, start, brk_content_end - start, brk_content_width);
			return brk_at;
		}
		if (have_brk || (content_end == start && i > start))
			/* Only blanks (an indent) before the break: drop them
			 * rather than emit an empty line. */
			return have_brk ? brk_at : i;
		if (i > start) {
			emit(o, start, content_end - start, content_width);
			return i;
		}
		/* One cluster wider than the line: split it by characters. */
		int kw;
		size_t k = split_cluster(s, i, j, cols, &kw);
		emit(o, start, k - start, kw);
		return k;
	}
	emit(o, start, content_end - start, content_width);
	return i < n ? sq_next_grapheme(s, n, i) : n;
}

size_t sq_wrap(const char *s, size_t n, int cols, struct sq_line **out)
{
	struct wrap_out o = {0};
	if (cols < 1)
		cols = 1;
	char *brk = NULL;
	if (n) {
		brk = sq_xmalloc(n);
		u8_possible_linebreaks((const uint8_t *)s, n, "UTF-8", brk);
	}
	for (size_t start = 0; start < n;)
		start = wrap_line(&o, s, n, brk, cols, start);
	free(brk);
	if (o.count == 0)
		emit(&o, 0, 0, 0);
	*out = o.lines;
	return o.count;
}

/* ---- UTF-8 ---- */

/* A word's bytes in memory order, first byte lowest. */
static inline uint64_t le64(uint64_t w)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return __builtin_bswap64(w);
#else
	return w;
#endif
}

/* A lead byte of U+1000..U+CFFF or U+E000..U+FFFF: any two continuation
 * bytes make a valid sequence. */
static inline bool cjk_lead(uint8_t c)
{
	return (uint8_t)(c - 0xe1) < 0x0f && c != 0xed;
}

/* ASCII is skipped eight bytes at a time, and runs of three-byte sequences
 * (CJK) are checked in a loop of their own. */
const uint8_t *sq_utf8_check(const uint8_t *s, size_t n)
{
	const uint8_t *e = s + n;
	for (;;) {
		while ((size_t)(e - s) >= 8) {
			uint64_t w;
			memcpy(&w, s, 8);
			if (w & UINT64_C(0x8080808080808080))
				break;
			s += 8;
		}
		while (s < e && *s < 0x80)
			s++;
		if (s == e)
			return NULL;
		/* U+1000..U+CFFF and U+E000..U+FFFF: a lead E1..EC or EE..EF and
		 * two continuation bytes */
		while ((size_t)(e - s) >= 8) {
			/* two at a time: bytes 0-2 and 3-5 */
			uint64_t w;
			memcpy(&w, s, 8);
			w = le64(w);
			if ((w & UINT64_C(0xc0c0f0c0c0f0)) != UINT64_C(0x8080e08080e0) ||
			    !cjk_lead((uint8_t)w) || !cjk_lead((uint8_t)(w >> 24)))
				break;
			s += 6;
		}
		while ((size_t)(e - s) >= 3 && cjk_lead(s[0]) &&
		       (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80)
			s += 3;
		if (s == e)
			return NULL;
		uint8_t c = *s;
		size_t left = (size_t)(e - s);
		if (c < 0x80) {
			continue;
		} else if (c >= 0xe0 && c < 0xf0) {
			if (left >= 3 && (s[1] ^ 0x80) < 0x40 && (s[2] ^ 0x80) < 0x40 &&
			    (c >= 0xe1 || s[1] >= 0xa0) && (c != 0xed || s[1] < 0xa0)) {
				s += 3;
				continue;
			}
		} else if (c >= 0xc2 && c < 0xe0) {
			if (left >= 2 && (s[1] ^ 0x80) < 0x40) {
				s += 2;
				continue;
			}
		} else if (c >= 0xf0 && c < 0xf8) {
			if (left >= 4 && (s[1] ^ 0x80) < 0x40 && (s[2] ^ 0x80) < 0x40 &&
			    (s[3] ^ 0x80) < 0x40 && (c >= 0xf1 || s[1] >= 0x90) &&
			    (c < 0xf4 || (c == 0xf4 && s[1] < 0x90))) {
				s += 4;
				continue;
			}
		}
		return s;
	}
}

/* ---- sanitising ---- */

uint32_t sq_cp_sanitize(uint32_t c)
{
	if (c >= 0x20 && c < 0x7F)
		return c;
	if (c == '\t')
		return ' ';
	/* Invisible joiners and selectors whose rendering terminals disagree
	 * on: without them every cluster is as wide as the sum of its parts. */
	if (c == 0x00AD || c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F) ||
	    (c >= 0xE0000 && c <= 0xE01EF) || (c >= 0x1F3FB && c <= 0x1F3FF))
		return SQ_CP_DROP;
	/* Bidirectional controls reorder what follows them (an English name
	 * with U+202E prints reversed), and zero-width spaces and byte order
	 * marks hide in names and defeat search: none has a place in a name
	 * or a sentence shequ shows. */
	if (c == 0x061C || c == 0x200B || c == 0x200E || c == 0x200F ||
	    (c >= 0x202A && c <= 0x202E) || c == 0x2060 ||
	    (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF)
		return SQ_CP_DROP;
	if (!printable(c))
		return REPLACEMENT;
	return c;
}

/* The characters of clean text (sq_text_clean): each NFC, of combining
 * class 0, never the second half of a canonical composition, and kept as it
 * is by sq_cp_sanitize, so that any mix of them is NFC and sanitised.  The
 * unit tests hold every code point this lets through to that. */
static const uint32_t clean_ranges[][2] = {
	{0x0020, 0x007E},   /* printable ASCII */
	{0x00A0, 0x00AC},   /* Latin-1 to Latin Extended-B, but for */
	{0x00AE, 0x024F},   /* U+00AD (soft hyphen, dropped) */
	{0x2010, 0x2027},   /* general punctuation: dashes, quotes, ... */
	{0x2030, 0x205E},   /* (not U+2028/2029 or the invisible ones) */
	{0x3000, 0x3029},   /* CJK punctuation, but for the tone marks */
	{0x3030, 0x303F},
	{0x3400, 0x4DBF},   /* CJK ideographs: Extension A */
	{0x4E00, 0x9FFF},   /* URO */
	{0xFF01, 0xFF60},   /* fullwidth forms */
	{0xFFE0, 0xFFE6},
	{0x20000, 0x2A6DF}, /* Extension B */
};

bool sq_text_clean(const char *str, size_t n)
{
	const uint8_t *p = (const uint8_t *)str, *end = p + n;
	while (p < end) {
		uint8_t c = *p;
		if ((c >= 0xE5 && c <= 0xE9) || (c == 0xE4 && p[1] != 0xB7)) {
			/* U+4000..U+9FFF but for U+4DC0..U+4DFF: the table's
			 * ideographs, without decoding them */
			p += 3;
		} else if (c < 0x80) {
			if (c < 0x20 || c == 0x7F)
				return false;
			p++;
		} else {
			ucs4_t u;
			p += u8_mbtouc_unsafe(&u, p, end - p);
			if (!in_ranges(u, clean_ranges, SQ_ARRAY_LEN(clean_ranges)))
				return false;
		}
	}
	return true;
}

char *sq_sanitize(const char *s, size_t n, size_t *out_len)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + n;
	if (out_len)
		*out_len = n;
	if (sq_text_clean(s, n))
		return NULL;

	/* Filter before normalising: a dropped selector between a letter and
	 * an accent would otherwise leave them uncomposed. */
	/* A one-byte control becomes three bytes of U+FFFD at most. */
	uint8_t *tmp = sq_xreallocarray(NULL, n, 3);
	size_t tlen = 0;
	while (p < end) {
		ucs4_t c;
		p += u8_mbtouc(&c, p, end - p);
		c = sq_cp_sanitize(c);
		if (c == SQ_CP_DROP)
			continue;
		int k = u8_uctomb(tmp + tlen, c, (ptrdiff_t)(3 * n - tlen));
		if (k < 0)
			sq_die("cannot encode U+%04X", (unsigned)c);
		tlen += (size_t)k;
	}

	size_t rlen = 0;
	uint8_t *r = u8_normalize(UNINORM_NFC, tmp, tlen, NULL, &rlen);
	free(tmp);
	if (!r)
		sq_die("out of memory normalising text");
	if (rlen == n && memcmp(r, s, n) == 0) {
		free(r);
		return NULL;
	}
	char *res = sq_xrealloc(r, rlen + 1);
	res[rlen] = '\0';
	if (out_len)
		*out_len = rlen;
	return res;
}

char *sq_sanitize_lines(const char *s, size_t n, size_t *out_len)
{
	if (out_len)
		*out_len = n;
	if (sq_text_clean(s, n)) /* the common case, first */
		return NULL;
	const char *nl = memchr(s, '\n', n);
	if (!nl)
		return sq_sanitize(s, n, out_len);
	struct sq_buf b = {0};
	bool changed = false;
	for (size_t i = 0;; i = (size_t)(nl - s) + 1) {
		nl = memchr(s + i, '\n', n - i);
		size_t k = nl ? (size_t)(nl - (s + i)) : n - i, tl;
		char *t = sq_sanitize(s + i, k, &tl);
		sq_buf_add(&b, t ? t : s + i, t ? tl : k);
		changed |= t != NULL;
		free(t);
		if (!nl)
			break;
		sq_buf_add(&b, "\n", 1);
	}
	if (!changed) {
		sq_buf_free(&b);
		if (out_len)
			*out_len = n;
		return NULL;
	}
	if (out_len)
		*out_len = b.len;
	return b.data;
}
