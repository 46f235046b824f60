/* SPDX-License-Identifier: MIT */
/* Widths here are checked against glibc's wcwidth() (what ncursesw uses),
 * computed independently of src/text.c, never against text.c itself. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <unictype.h>
#include <unigbrk.h>
#include <uninorm.h>
#include <unistr.h>

#include "check.h"
#include "text.h"

/* The fixture of the issue: Chinese, English and fullwidth punctuation. */
static const char golden[] = "金色黎明社区 Golden Dawn（笕桥）";

/* Sum of wcwidth() over s, decoded by libc; -1 if anything is unprintable. */
static int ref_width(const char *s, size_t n)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	int w = 0;
	while (n) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s, n, &st);
		if (k == (size_t)-1 || k == (size_t)-2)
			return -1;
		if (k == 0)
			k = 1; /* an embedded NUL */
		int cw = wcwidth(wc);
		if (cw < 0)
			return -1;
		w += cw;
		s += k;
		n -= k;
	}
	return w;
}

static int encode(uint32_t c, char *buf)
{
	int k = u8_uctomb((uint8_t *)buf, c, 4);
	buf[k > 0 ? k : 0] = '\0';
	return k;
}

/* The reference meaning of "sanitised": NFC of the input, computed without
 * text.c's fast path. */
static uint8_t *nfc(const char *s, size_t n, size_t *len)
{
	return u8_normalize(UNINORM_NFC, (const uint8_t *)s, n, NULL, len);
}

/* Is byte offset i a grapheme-cluster boundary of s (per libunistring)? */
static bool at_boundary(const char *s, size_t n, size_t i)
{
	if (i == 0 || i == n)
		return true;
	char *b = malloc(n + 1);
	u8_grapheme_breaks((const uint8_t *)s, n, b);
	bool r = b[i];
	free(b);
	return r;
}

static void test_exhaustive_widths(void)
{
	long mismatches = 0, unprintable_kept = 0, bad_output = 0, kept = 0;
	char in[8];
	for (uint32_t c = 0; c <= 0x10FFFF; c++) {
		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		int wc = wcwidth((wchar_t)c);
		uint32_t k = sq_cp_sanitize(c);
		if (k == c) {
			kept++;
			if (wc < 0 && unprintable_kept++ < 5)
				fprintf(stderr, "U+%04X kept, wcwidth -1\n", c);
			if (sq_cp_width(c) != wc && mismatches++ < 10)
				fprintf(stderr, "U+%04X: sq_cp_width %d, wcwidth %d\n",
					c, sq_cp_width(c), wc);
		} else if (wc < 0) {
			if (k != 0xFFFD && k != SQ_CP_DROP &&
			    !(c == '\t' && k == ' '))
				mismatches++;
		}

		/* Whatever the sanitiser emits is printable and measured
		 * as libc measures it. */
		int n = encode(c, in);
		size_t len;
		char *out = sq_sanitize(in, (size_t)n, &len);
		const char *o = out ? out : in;
		if (!out && (int)len != n)
			bad_output++;
		int rw = ref_width(o, len);
		bool ok = rw >= 0 && rw == sq_width(o, len);
		if (k == SQ_CP_DROP) {
			ok = ok && out && len == 0;
		} else if (k != c) {
			char want[8];
			encode(k, want);
			ok = ok && out && strcmp(out, want) == 0;
		} else {
			size_t nlen;
			uint8_t *ref = nfc(in, (size_t)n, &nlen);
			ok = ok && nlen == len && memcmp(ref, o, len) == 0;
			free(ref);
		}
		if (!ok && bad_output++ < 10)
			fprintf(stderr, "sq_sanitize(U+%04X) wrong\n", c);
		free(out);
	}
	CHECK_INT(mismatches, 0);
	CHECK_INT(unprintable_kept, 0);
	CHECK_INT(bad_output, 0);
	CHECK(kept > 250000); /* sanity: the loop saw the assigned planes */
}

/* The fast "already clean" path must never hide a needed normalisation:
 * every canonical pair must still compose, every mark run still reorder. */
static void test_sanitize_normalises(void)
{
	long bad = 0;
	char s[32];
	for (uint32_t x = 0; x <= 0x10FFFF; x++) {
		ucs4_t d[UC_DECOMPOSITION_MAX_LENGTH];
		int nd = uc_canonical_decomposition(x, d);
		size_t n = 0;
		if (nd == 2) {
			n += (size_t)encode(d[0], s);
			n += (size_t)encode(d[1], s + n);
		} else if (uc_combining_class(x) > 1 && sq_cp_sanitize(x) == x) {
			/* U+0334 (class 1) must move before x. */
			n = (size_t)encode('a', s);
			n += (size_t)encode(x, s + n);
			n += (size_t)encode(0x0334, s + n);
		} else {
			continue;
		}
		size_t len, rlen;
		char *out = sq_sanitize(s, n, &len);
		const char *o = out ? out : s;
		uint8_t *ref = nfc(s, n, &rlen);
		if ((rlen != len || memcmp(ref, o, len) != 0) && bad++ < 10)
			fprintf(stderr, "sq_sanitize not NFC near U+%04X\n", x);
		free(ref);
		free(out);
	}
	CHECK_INT(bad, 0);
}

static void check_sanitize(const char *in, size_t n, const char *want)
{
	size_t len = 12345;
	char *out = sq_sanitize(in, n, &len);
	if (!want) {
		CHECK(out == NULL);
		CHECK_INT(len, n);
	} else {
		CHECK_STR(out, want);
		if (out)
			CHECK_INT(len, strlen(want));
	}
	free(out);
}
#define SANITIZE(in, want) check_sanitize(in, sizeof(in) - 1, want)

static void test_sanitize_cases(void)
{
	SANITIZE("", NULL);
	SANITIZE("abc", NULL);
	SANITIZE("金色黎明社区 Golden Dawn（笕桥）", NULL);
	SANITIZE("杭州市·上城区 “湖滨” 12号　¥", NULL);
	SANITIZE("𠀀", NULL);                        /* Ext B ideograph */
	SANITIZE("e\xcc\x81", "\xc3\xa9");           /* NFC composes */
	SANITIZE("\xc3\xa9", NULL);                  /* already NFC */
	SANITIZE("\xe2\x84\xab", "\xc3\x85");        /* U+212B -> U+00C5 */
	SANITIZE("\xef\xa4\x80", "\xe8\xb1\x88");    /* U+F900 -> U+8C48 */
	SANITIZE("a\tb", "a b");
	SANITIZE("a\nb", "a\xef\xbf\xbd" "b");
	SANITIZE("a\rb\x7f", "a\xef\xbf\xbd" "b\xef\xbf\xbd");
	SANITIZE("a\0b", "a\xef\xbf\xbd" "b");
	SANITIZE("\xc2\x85", "\xef\xbf\xbd");        /* C1 NEL */
	SANITIZE("\xe2\x80\xa8", "\xef\xbf\xbd");    /* U+2028 */
	SANITIZE("\xcd\xb8", "\xef\xbf\xbd");        /* unassigned U+0378 */
	SANITIZE("\xef\xb7\x90", "\xef\xbf\xbd");    /* noncharacter */
	SANITIZE("\xf3\xb0\x80\x80", NULL);          /* private use stays */
	SANITIZE("co\xc2\xad" "op", "coop");         /* soft hyphen */
	SANITIZE("\xc2\xad", "");
	SANITIZE("\xe2\x9d\xa4\xef\xb8\x8f", "\xe2\x9d\xa4"); /* VS16 */
	SANITIZE("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",
		 "\xf0\x9f\x91\x8d");                /* skin tone */
	SANITIZE("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9",
		 "\xf0\x9f\x91\xa8\xf0\x9f\x91\xa9"); /* ZWJ */
	SANITIZE("\xf3\xa0\x84\x80", "");            /* U+E0100 */
	/* Dropped before normalising, so the accent still composes. */
	SANITIZE("e\xef\xb8\x8f\xcc\x81", "\xc3\xa9");
	/* Bidirectional controls and invisible characters are removed
	 * (issue 10, item 8): an English name with U+202E would print
	 * reversed. */
	SANITIZE("Yanlan\xe2\x80\xae Community", "Yanlan Community"); /* RLO */
	SANITIZE("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad\xe2\x80\xae", "");
	SANITIZE("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9", ""); /* isolates */
	SANITIZE("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", "");   /* LRM, RLM, ALM */
	SANITIZE("白\xe2\x80\x8b塔\xef\xbb\xbf岭\xe2\x81\xa0", "白塔岭"); /* ZWSP, BOM, WJ */
	/* Decomposed Hangul composes to a syllable. */
	SANITIZE("\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8", "\xea\xb0\x81");

	size_t len;
	char *out = sq_sanitize("x\ty", 3, NULL); /* out_len is optional */
	CHECK_STR(out, "x y");
	free(out);
	out = sq_sanitize("ab\tcd", 2, &len); /* only n bytes are read */
	CHECK(out == NULL);
	CHECK_INT(len, 2);
}

static void check_lines(const char *in, const char *want)
{
	size_t len = 12345;
	char *out = sq_sanitize_lines(in, strlen(in), &len);
	if (!want) {
		CHECK(out == NULL);
		CHECK_INT(len, strlen(in));
	} else {
		CHECK_STR(out, want);
		if (out)
			CHECK_INT(len, strlen(want));
	}
	free(out);
}

/* Multi-line values: each line on its own, the line feeds kept. */
static void test_sanitize_lines(void)
{
	check_lines("", NULL);
	check_lines("a\nb", NULL);
	check_lines("\n\n", NULL);
	check_lines("第一行\n第二行", NULL);
	check_lines("e\xcc\x81\nx", "\xc3\xa9\nx");
	check_lines("x\n\ty\n", "x\n y\n");
	check_lines("a\n\xcc\x81", NULL); /* a mark does not join across lines */
	check_lines("a\r\nb", "a\xef\xbf\xbd\nb");
}

/* The fast UTF-8 check answers as u8_check does: random mixes of ASCII, CJK
 * and every kind of bad or cut sequence, at every alignment. */
static void test_utf8_check(void)
{
	static const char *const pieces[] = {
		"a", "abcdefgh", "\xe7\x99\xbd", "\xc3\xa9", "\xf0\x9f\x98\x80",
		"\xe0\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80", "\xf4\x8f\xbf\xbf",
		"\x80", "\xc0\xaf", "\xc2", "\xe0\x9f\x80", "\xed\xa0\x80", "\xe7\x99",
		"\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff",
	};
	uint32_t st = 7;
	long bad = 0;
	for (int round = 0; round < 20000; round++) {
		uint8_t text[256];
		size_t n = 0;
		int k = 1 + (int)((st = st * 1103515245u + 12345u) >> 16) % 24;
		for (int j = 0; j < k; j++) {
			st = st * 1103515245u + 12345u;
			size_t np = sizeof pieces / sizeof *pieces;
			size_t pi = (st >> 16) % 8 ? (st >> 8) % 9 : (st >> 8) % np;
			memcpy(text + n, pieces[pi], strlen(pieces[pi]));
			n += strlen(pieces[pi]);
		}
		if (sq_utf8_check(text, n) != u8_check(text, n) && bad++ < 5)
			fprintf(stderr, "sq_utf8_check disagrees with u8_check, round %d\n", round);
	}
	CHECK_INT(bad, 0);
	CHECK(sq_utf8_check((const uint8_t *)"", 0) == NULL);
}

/* Typed text (the search bar) loses what loaded text loses. */
static void test_cp_sanitize(void)
{
	static const uint32_t dropped[] = {
		0x00AD, 0x061C, 0x200B, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B,
		0x202C, 0x202D, 0x202E, 0x2060, 0x2066, 0x2067, 0x2068, 0x2069,
		0xFE0F, 0xFEFF, 0xE0001, 0x1F3FB,
	};
	for (size_t i = 0; i < sizeof dropped / sizeof *dropped; i++)
		CHECK_INT(sq_cp_sanitize(dropped[i]), SQ_CP_DROP);
	CHECK_INT(sq_cp_sanitize(0x200C), 0x200C); /* ZWNJ shapes Persian, Indic */
	CHECK_INT(sq_cp_sanitize('a'), 'a');
	CHECK_INT(sq_cp_sanitize('\t'), ' ');
	CHECK_INT(sq_cp_sanitize(0x0085), 0xFFFD);
}

static void test_cp_width(void)
{
	CHECK_INT(sq_cp_width('a'), 1);
	CHECK_INT(sq_cp_width(0x91D1), 2);  /* 金 */
	CHECK_INT(sq_cp_width(0xFF08), 2);  /* （ */
	CHECK_INT(sq_cp_width(0x3000), 2);
	CHECK_INT(sq_cp_width(0x0301), 0);
	CHECK_INT(sq_cp_width(0x201C), 1);  /* “ ambiguous, narrow */
	CHECK_INT(sq_cp_width(0x4DC0), 2);  /* glibc, not libunistring */
	CHECK_INT(sq_cp_width(0x3248), 2);
	CHECK_INT(sq_cp_width(0x0CBF), 0);
	CHECK_INT(sq_cp_width('\n'), 1);    /* counts as its placeholder */
	CHECK_INT(sq_cp_width(0x0378), 1);
	CHECK_INT(sq_cp_width(0xD800), 1);
	CHECK_INT(sq_cp_width(0x110000), 1);
	CHECK_INT(sq_strwidth(golden), ref_width(golden, strlen(golden)));
	CHECK_INT(sq_strwidth(golden), 32);
	CHECK_INT(sq_strwidth(""), 0);
	CHECK_INT(sq_width("e\xcc\x81" "x", 4), 2);
	CHECK_INT(sq_width("ab", 1), 1);
}

/* Ranges of EastAsianWidth.txt with class A, read here independently of the
 * build-time generator. */
static bool eaw_ambiguous(uint32_t c, FILE *f)
{
	static bool *amb;
	if (!amb) {
		amb = calloc(0x110000, sizeof *amb);
		char line[512];
		while (fgets(line, sizeof line, f)) {
			unsigned lo, hi;
			char cls[8];
			if (sscanf(line, "%x..%x ; %7[A-Za-z]", &lo, &hi, cls) != 3) {
				if (sscanf(line, "%x ; %7[A-Za-z]", &lo, cls) != 2)
					continue;
				hi = lo;
			}
			if (strcmp(cls, "A") != 0)
				continue;
			for (unsigned c2 = lo; c2 <= hi && c2 < 0x110000; c2++)
				amb[c2] = true;
		}
	}
	return c < 0x110000 && amb[c];
}

static void test_ambiguous(void)
{
	CHECK(!sq_text_ambiguous_wide());
	sq_text_set_ambiguous_wide(true);
	CHECK(sq_text_ambiguous_wide());
	static const uint32_t wide[] = {0x201C, 0x201D, 0x2018, 0x25CF, 0x00B7,
					0x2014, 0x2026, 0x203B, 0x2460, 0x2500,
					0x00A7, 0x0391, 0x0416, 0xFFFD};
	for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
		CHECK_INT(sq_cp_width(wide[i]), 2);
	CHECK_INT(sq_cp_width('a'), 1);
	CHECK_INT(sq_cp_width(0x00E0), 2); /* à is A; é (U+00E9) is too */
	CHECK_INT(sq_cp_width(0x0101), 2);
	CHECK_INT(sq_cp_width(0x0107), 1); /* ć is N */
	CHECK_INT(sq_cp_width(0x0301), 0); /* ambiguous mark stays 0 */
	CHECK_INT(sq_cp_width(0x91D1), 2);
	CHECK_INT(sq_cp_width(0x00A2), 1); /* ¢ is Na */
	CHECK_INT(sq_cp_width('\n'), 2);   /* its placeholder U+FFFD is A */
	CHECK_INT(sq_strwidth("“湖滨”"), 8);

	const char *path = "/usr/share/unicode/EastAsianWidth.txt";
	FILE *f = fopen(path, "r");
	if (f) {
		long bad = 0, widened = 0;
		for (uint32_t c = 0; c <= 0x10FFFF; c++) {
			sq_text_set_ambiguous_wide(false);
			int n = sq_cp_width(c);
			sq_text_set_ambiguous_wide(true);
			int w = sq_cp_width(c);
			uint32_t shown = sq_cp_sanitize(c) == c ? c : 0xFFFD;
			int want = n == 1 && eaw_ambiguous(shown, f) ? 2 : n;
			if (w != want && bad++ < 10)
				fprintf(stderr, "wide U+%04X: %d, want %d\n", c, w, want);
			widened += w != n && !(c >= 0xE000 && c <= 0xF8FF) &&
				   c < 0xF0000 && shown == c;
		}
		CHECK_INT(bad, 0);
		/* CJK.md: about 900 outside the private use areas. */
		CHECK(widened > 800 && widened < 1000);
		fclose(f);
	} else {
		printf("skipping the EastAsianWidth.txt cross-check: no %s\n", path);
	}
	sq_text_set_ambiguous_wide(false);
	CHECK_INT(sq_cp_width(0x201C), 1);
}

static void test_buf(void)
{
	struct sq_buf b = {0};
	CHECK_STR(sq_buf_str(&b), "");
	sq_buf_spaces(&b, 0);
	sq_buf_spaces(&b, -3);
	CHECK_INT(b.len, 0);
	sq_buf_adds(&b, "ab");
	sq_buf_add(&b, "cdef", 2);
	sq_buf_addf(&b, "%d-%s", 42, "金");
	sq_buf_spaces(&b, 2);
	CHECK_STR(sq_buf_str(&b), "abcd42-金  ");
	CHECK_INT(b.len, strlen("abcd42-金  "));
	sq_buf_truncate(&b, 4);
	CHECK_STR(sq_buf_str(&b), "abcd");
	sq_buf_reset(&b);
	CHECK_STR(sq_buf_str(&b), "");
	for (int i = 0; i < 1000; i++)
		sq_buf_addf(&b, "%s", "中文");
	CHECK_INT(b.len, 6000);
	CHECK_INT(sq_strwidth(sq_buf_str(&b)), 4000);
	sq_buf_free(&b);
	CHECK(b.data == NULL && b.len == 0);
	sq_buf_free(&b);
}

static void test_graphemes(void)
{
	const char *s = "e\xcc\x81x中";
	size_t n = strlen(s);
	CHECK_INT(sq_next_grapheme(s, n, 0), 3);
	CHECK_INT(sq_next_grapheme(s, n, 3), 4);
	CHECK_INT(sq_next_grapheme(s, n, 4), 7);
	CHECK_INT(sq_next_grapheme(s, n, 7), 7);
	CHECK_INT(sq_next_grapheme(s, n, 99), 7);
	CHECK_INT(sq_prev_grapheme(s, n, 7), 4);
	CHECK_INT(sq_prev_grapheme(s, n, 4), 3);
	CHECK_INT(sq_prev_grapheme(s, n, 3), 0);
	CHECK_INT(sq_prev_grapheme(s, n, 0), 0);
	CHECK_INT(sq_prev_grapheme(s, n, 99), 4);
}

static const char *const fit_samples[] = {
	golden,
	"a中b",
	"中",
	"",
	"ab",
	"e\xcc\x81" "e\xcc\x81" "中e\xcc\x81",
	"（上城区）湖滨街道·东坡路社区居民委员会",
	"Hangzhou West Lake District Community",
	"\xe1\x84\x80\xe1\x84\x80\xe1\x85\xa1" "x", /* L L V: one cluster, 4 cells */
};

/* Check one fitted cell: exact width, mark on a cut, a grapheme-boundary
 * prefix that is the longest that fits, padding only where due. */
static void check_fit(const char *s, int cols, bool right)
{
	size_t n = strlen(s);
	int sw = ref_width(s, n);
	struct sq_buf b = {0};
	sq_buf_adds(&b, "|"); /* appends, never overwrites */
	int shown = right ? sq_buf_fit_right(&b, s, n, cols)
			  : sq_buf_fit(&b, s, n, cols);
	const char *o = sq_buf_str(&b) + 1;
	size_t olen = b.len - 1;
	CHECK(b.data == NULL || b.data[0] == '|');
	CHECK(u8_check((const uint8_t *)o, olen) == NULL);
	if (cols <= 0) {
		CHECK_INT(olen, 0);
		CHECK_INT(shown, 0);
		sq_buf_free(&b);
		return;
	}
	CHECK_INT(ref_width(o, olen), cols);
	if (sw <= cols) {
		CHECK_INT(shown, sw);
		size_t pad = (size_t)(cols - sw);
		const char *text = right ? o + pad : o;
		CHECK(memcmp(text, s, n) == 0);
		for (size_t i = 0; i < pad; i++)
			CHECK(o[right ? i : n + i] == ' ');
	} else {
		CHECK(olen >= 1 && o[olen - 1] == SQ_CUT_MARK[0]);
		/* Strip the left-over cell a wide character could not take. */
		const char *text = o;
		size_t tlen = olen - 1;
		int spare = cols - 1 - shown;
		CHECK(spare == 0 || spare == 1 ||
		      (spare > 1 && strstr(s, "\xe1\x84\x80")));
		if (right) {
			text += spare;
		}
		tlen -= (size_t)spare;
		CHECK(tlen <= n && memcmp(text, s, tlen) == 0);
		CHECK(at_boundary(s, n, tlen));
		CHECK_INT(ref_width(text, tlen), shown);
		/* Longest: the next cluster would not have fitted. */
		size_t next = sq_next_grapheme(s, n, tlen);
		CHECK(ref_width(s, next) > cols - 1);
		/* The fit_prefix view of the same cut agrees. */
		int used = -1;
		CHECK_INT(sq_fit_prefix(s, n, cols - 1, &used), tlen);
		CHECK_INT(used, shown);
	}
	sq_buf_free(&b);
}

static void test_fit(void)
{
	for (size_t k = 0; k < sizeof fit_samples / sizeof fit_samples[0]; k++)
		for (int cols = -1; cols <= 41; cols++) {
			check_fit(fit_samples[k], cols, false);
			check_fit(fit_samples[k], cols, true);
		}

	struct sq_buf b = {0};
	sq_buf_fit(&b, golden, strlen(golden), 7);
	CHECK_STR(sq_buf_str(&b), "金色黎>");
	sq_buf_reset(&b);
	sq_buf_fit(&b, golden, strlen(golden), 8);
	CHECK_STR(sq_buf_str(&b), "金色黎 >"); /* wide 明 left a cell */
	sq_buf_reset(&b);
	sq_buf_fit(&b, golden, strlen(golden), 9);
	CHECK_STR(sq_buf_str(&b), "金色黎明>");
	sq_buf_reset(&b);
	sq_buf_fit_right(&b, golden, strlen(golden), 8);
	CHECK_STR(sq_buf_str(&b), " 金色黎>");
	sq_buf_reset(&b);
	sq_buf_fit(&b, "中", 3, 1);
	CHECK_STR(sq_buf_str(&b), ">");
	sq_buf_reset(&b);
	sq_buf_fit(&b, "中", 3, 2);
	CHECK_STR(sq_buf_str(&b), "中");
	sq_buf_reset(&b);
	sq_buf_fit(&b, "ab", 2, 5);
	CHECK_STR(sq_buf_str(&b), "ab   ");
	sq_buf_reset(&b);
	sq_buf_fit_right(&b, "ab", 2, 5);
	CHECK_STR(sq_buf_str(&b), "   ab");
	sq_buf_reset(&b);
	/* The accent travels with its letter. */
	sq_buf_fit(&b, "e\xcc\x81" "ab", 5, 2);
	CHECK_STR(sq_buf_str(&b), "e\xcc\x81>");
	sq_buf_reset(&b);
	CHECK_INT(sq_buf_fit(&b, "", 0, 3), 0);
	CHECK_STR(sq_buf_str(&b), "   ");
	sq_buf_free(&b);

	int used = -1;
	CHECK_INT(sq_fit_prefix(golden, strlen(golden), 0, &used), 0);
	CHECK_INT(used, 0);
	CHECK_INT(sq_fit_prefix(golden, strlen(golden), 5, &used), 6);
	CHECK_INT(used, 4);
	CHECK_INT(sq_fit_prefix("", 0, 5, &used), 0);
	CHECK_INT(used, 0);
	CHECK_INT(sq_fit_prefix("abc", 3, 99, NULL), 3);
}

static bool gap_ok(const char *s, size_t from, size_t to)
{
	for (size_t i = from; i < to;) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\r') {
			i++;
		} else if (to - i >= 3 && memcmp(s + i, "\xe3\x80\x80", 3) == 0) {
			i += 3;
		} else {
			return false;
		}
	}
	return true;
}

/* Structural checks of a wrap: widths exact and within cols, lines in order,
 * only blanks and line breaks lost between them, no blank at a line end. */
static void check_wrap(const char *s, int cols)
{
	size_t n = strlen(s);
	struct sq_line *l = NULL;
	size_t count = sq_wrap(s, n, cols, &l);
	CHECK(count >= 1 && l != NULL);
	if (!l)
		return;
	size_t prev_end = 0;
	for (size_t i = 0; i < count; i++) {
		const char *t = s + l[i].off;
		CHECK(l[i].off >= prev_end && l[i].off + l[i].len <= n);
		CHECK(gap_ok(s, prev_end, l[i].off));
		CHECK_INT(ref_width(t, l[i].len), l[i].width);
		if (cols >= 2) {
			CHECK(l[i].width <= cols);
		} else {
			/* A wide character alone on a line is the one way
			 * past a single column. */
			CHECK(l[i].width <= 1 ||
			      (l[i].width == 2 && u8_mbsnlen((const uint8_t *)t,
							     l[i].len) == 1));
		}
		if (l[i].len) {
			CHECK(t[l[i].len - 1] != ' ');
			CHECK(l[i].len < 3 ||
			      memcmp(t + l[i].len - 3, "\xe3\x80\x80", 3) != 0);
		}
		CHECK(at_boundary(s, n, l[i].off) || strstr(s, "\xe1\x84\x80"));
		prev_end = l[i].off + l[i].len;
	}
	CHECK(gap_ok(s, prev_end, n));
	free(l);
}

static const char wrap_text[] =
	"金色黎明社区 Golden Dawn（笕桥）位于杭州市上城区笕桥街道，"
	"管辖范围东至机场路、南至天城路。\n"
	"Supercalifragilisticexpialidocious-communities and "
	"pneumonoultramicroscopicsilicovolcanoconiosis　全角空格　后文。\r\n"
	"\n"
	"Short line.   Trailing   \n"
	"  indented two, then e\xcc\x81t\xc3\xa9 caf\xc3\xa9 “引号”";

static void expect_lines(const char *s, int cols, const char *const *want,
			 size_t nwant)
{
	struct sq_line *l;
	size_t count = sq_wrap(s, strlen(s), cols, &l);
	CHECK_INT(count, nwant);
	for (size_t i = 0; i < count && i < nwant; i++) {
		char *got = strndup(s + l[i].off, l[i].len);
		CHECK_STR(got, want[i]);
		CHECK_INT(l[i].width, ref_width(want[i], strlen(want[i])));
		free(got);
	}
	free(l);
}
#define EXPECT_LINES(s, cols, ...)                                             \
	do {                                                                   \
		const char *const w_[] = {__VA_ARGS__};                        \
		expect_lines(s, cols, w_, sizeof w_ / sizeof w_[0]);           \
	} while (0)

static void test_wrap(void)
{
	for (int cols = -1; cols <= 41; cols++) {
		check_wrap(wrap_text, cols);
		for (size_t k = 0; k < sizeof fit_samples / sizeof fit_samples[0]; k++)
			check_wrap(fit_samples[k], cols);
	}
	check_wrap(wrap_text, 200);

	EXPECT_LINES("", 10, "");
	EXPECT_LINES("hello world", 5, "hello", "world");
	EXPECT_LINES("hello world", 11, "hello world");
	EXPECT_LINES("hello   world", 7, "hello", "world");
	EXPECT_LINES("abcdefghijkl", 5, "abcde", "fghij", "kl");
	EXPECT_LINES("ab\n\ncd", 10, "ab", "", "cd");
	EXPECT_LINES("ab\r\ncd", 10, "ab", "cd");
	EXPECT_LINES("abc\n", 10, "abc");
	EXPECT_LINES("\n", 10, "");
	EXPECT_LINES("a\n\n", 10, "a", "");
	EXPECT_LINES("中文", 1, "中", "文");
	EXPECT_LINES("中文", 3, "中", "文");
	EXPECT_LINES("a中", 2, "a", "中");
	EXPECT_LINES("x", 0, "x");
	EXPECT_LINES(golden, 13, "金色黎明社区", "Golden Dawn", "（笕桥）");
	EXPECT_LINES(golden, 7, "金色黎", "明社区", "Golden", "Dawn", "（笕", "桥）");
	EXPECT_LINES("ae\xcc\x81" "bc", 2, "ae\xcc\x81", "bc");
	EXPECT_LINES("      x", 4, "x");
	EXPECT_LINES("  x", 4, "  x");
	EXPECT_LINES("ab  ", 2, "ab");
	EXPECT_LINES("中中　中", 4, "中中", "中");
	/* One cluster (L L V jamo) wider than the line is split by character. */
	EXPECT_LINES("\xe1\x84\x80\xe1\x84\x80\xe1\x85\xa1", 3,
		     "\xe1\x84\x80", "\xe1\x84\x80\xe1\x85\xa1");
}

/* A fixed-size copy never splits a character or a cluster. */
static void test_cut_bytes(void)
{
	const char *zh = "中文"; /* 3 + 3 bytes */
	CHECK_INT(sq_cut_bytes(zh, 6, 6), 6);
	CHECK_INT(sq_cut_bytes(zh, 6, 5), 3);
	CHECK_INT(sq_cut_bytes(zh, 6, 2), 0);
	const char *e = "e\xcc\x81x"; /* e + U+0301: one cluster of 3 bytes */
	CHECK_INT(sq_cut_bytes(e, 4, 2), 0);
	CHECK_INT(sq_cut_bytes(e, 4, 3), 3);
	CHECK_INT(sq_cut_bytes(e, 4, 100), 4);
	CHECK_INT(sq_cut_bytes("", 0, 10), 0);
}

int main(void)
{
	if (!setlocale(LC_CTYPE, "C.UTF-8")) {
		fprintf(stderr, "test_text: no C.UTF-8 locale\n");
		return 1;
	}
	test_cp_sanitize();
	test_cp_width();
	test_exhaustive_widths();
	test_sanitize_normalises();
	test_sanitize_cases();
	test_sanitize_lines();
	test_utf8_check();
	test_ambiguous();
	test_buf();
	test_graphemes();
	test_cut_bytes();
	test_fit();
	test_wrap();
	return check_report("test_text");
}
