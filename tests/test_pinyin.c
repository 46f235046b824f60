/* SPDX-License-Identifier: MIT */
/* The pinyin table (generated from Unihan at build time) and the Pinyin field
 * overriding it. */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "pinyin.h"

#define CHECK_PINYIN(cp, want) CHECK_STR(sq_pinyin_of(cp), want)

static void test_table(void)
{
	CHECK_PINYIN(0x767D, "bai");  /* 白 */
	CHECK_PINYIN(0x5854, "ta");   /* 塔 */
	CHECK_PINYIN(0x5CAD, "ling"); /* 岭 */
	CHECK_PINYIN(0x6E1A, "zhu");  /* 渚 */
	CHECK_PINYIN(0x826F, "liang"); /* 良 */
	CHECK_PINYIN(0x793E, "she");  /* 社 */
	CHECK_PINYIN(0x533A, "qu");   /* 区 */
	CHECK_PINYIN(0x7EFF, "lv");   /* 绿: lǜ */
	CHECK_PINYIN(0x5973, "nv");   /* 女: nǚ */
	CHECK_PINYIN(0x957F, "zhang"); /* 长: the table's first reading */
	CHECK(sq_pinyin_of(0x3007) == NULL); /* 〇 has no kMandarin */
	CHECK_PINYIN(0x20000, "he");  /* 𠀀, Extension B */
	CHECK(sq_pinyin_of('a') == NULL);
	CHECK(sq_pinyin_of(0x3002) == NULL); /* 。 */
	CHECK_INT(sq_pinyin_id(0), 0);
	CHECK_INT(sq_pinyin_id(0x10FFFF), 0);

	CHECK(sq_pinyin_is_han(0x767D));
	CHECK(sq_pinyin_is_han(0x3007));
	CHECK(!sq_pinyin_is_han('A'));
	CHECK(!sq_pinyin_is_han(0x3002));
	CHECK(!sq_pinyin_is_han(0xFF21)); /* Ａ */

	/* The inventory: sorted, unique, lower-case, at most 6 letters. */
	unsigned n = sq_pinyin_count();
	CHECK(n > 400 && n < 500);
	CHECK_STR(sq_pinyin_name(0), "");
	CHECK_STR(sq_pinyin_name(n + 1), "");
	bool sorted = true, shape = true;
	for (unsigned id = 1; id <= n; id++) {
		const char *s = sq_pinyin_name(id);
		if (id > 1 && strcmp(sq_pinyin_name(id - 1), s) >= 0)
			sorted = false;
		size_t len = strlen(s);
		if (!len || len > SQ_PINYIN_MAX_LEN ||
		    strspn(s, "abcdefghijklmnopqrstuvwxyz") != len)
			shape = false;
	}
	CHECK(sorted);
	CHECK(shape);
}

static void test_parse(void)
{
	unsigned bai = sq_pinyin_id(0x767D), lv = sq_pinyin_id(0x7EFF);
	CHECK_INT(sq_pinyin_parse("bai", 3), bai);
	CHECK_INT(sq_pinyin_parse("bái", strlen("bái")), bai);
	CHECK_INT(sq_pinyin_parse("Bái", strlen("Bái")), bai);
	CHECK_INT(sq_pinyin_parse("BA\xCC\x81I", 5), bai); /* decomposed */
	CHECK_INT(sq_pinyin_parse("lǜ", strlen("lǜ")), lv);
	CHECK_INT(sq_pinyin_parse("lü", strlen("lü")), lv);
	CHECK_INT(sq_pinyin_parse("LǙ", strlen("LǙ")), lv);
	CHECK_INT(sq_pinyin_parse("lv", 2), lv);
	CHECK_STR(sq_pinyin_name(sq_pinyin_parse("zhuāng", strlen("zhuāng"))),
		  "zhuang");
	/* every syllable of the inventory parses to its own id */
	unsigned wrong = 0;
	for (unsigned id = 1; id <= sq_pinyin_count(); id++) {
		const char *syl = sq_pinyin_name(id);
		wrong += sq_pinyin_parse(syl, strlen(syl)) != id;
	}
	CHECK_INT(wrong, 0);
	CHECK_INT(sq_pinyin_parse("", 0), 0);
	CHECK_INT(sq_pinyin_parse("xyz", 3), 0);
	CHECK_INT(sq_pinyin_parse("bai1", 4), 0);
	CHECK_INT(sq_pinyin_parse("zhuangg", 7), 0);
	CHECK_INT(sq_pinyin_parse("白", strlen("白")), 0);
}

static size_t cps_of(const char *s, uint32_t *out)
{
	/* Enough UTF-8 decoding for test strings. */
	size_t n = 0;
	const unsigned char *u = (const unsigned char *)s;
	while (*u) {
		uint32_t c;
		if (*u < 0x80) {
			c = *u++;
		} else if (*u < 0xE0) {
			c = (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
			u += 2;
		} else if (*u < 0xF0) {
			c = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 |
			    (u[2] & 0x3F);
			u += 3;
		} else {
			c = (uint32_t)(u[0] & 0x07) << 18 | (uint32_t)(u[1] & 0x3F) << 12 |
			    (uint32_t)(u[2] & 0x3F) << 6 | (u[3] & 0x3F);
			u += 4;
		}
		out[n++] = c;
	}
	return n;
}

static void test_assign(void)
{
	uint32_t cps[16];
	uint16_t ids[16];
	size_t n;

	/* No field: the table; 长 reads zhang there. */
	n = cps_of("长庆社区", cps);
	CHECK(!sq_pinyin_assign(cps, n, NULL, ids));
	CHECK_STR(sq_pinyin_name(ids[0]), "zhang");
	CHECK_STR(sq_pinyin_name(ids[1]), "qing");

	/* The polyphone settled by the field. */
	CHECK(sq_pinyin_assign(cps, n, "cháng qìng shè qū", ids));
	CHECK_STR(sq_pinyin_name(ids[0]), "chang");
	CHECK_STR(sq_pinyin_name(ids[3]), "qu");

	/* 行: xíng in the table, háng in 银行. */
	n = cps_of("银行", cps);
	CHECK(sq_pinyin_assign(cps, n, "Yín  Háng", ids));
	CHECK_STR(sq_pinyin_name(ids[1]), "hang");
	CHECK(!sq_pinyin_assign(cps, n, NULL, ids));
	CHECK_STR(sq_pinyin_name(ids[1]), "xing");

	/* Non-Han characters take no syllable from the field. */
	n = cps_of("A区", cps);
	CHECK(sq_pinyin_assign(cps, n, "qū", ids));
	CHECK_INT(ids[0], 0);
	CHECK_STR(sq_pinyin_name(ids[1]), "qu");

	/* Apostrophes and hyphens separate. */
	n = cps_of("西安", cps);
	CHECK(sq_pinyin_assign(cps, n, "xī'ān", ids));
	CHECK_STR(sq_pinyin_name(ids[1]), "an");
	CHECK(sq_pinyin_assign(cps, n, "Xī-Ān", ids));
	CHECK_STR(sq_pinyin_name(ids[1]), "an");

	/* A field that does not fit falls back to the table, whole. */
	n = cps_of("长庆", cps);
	CHECK(!sq_pinyin_assign(cps, n, "cháng", ids));
	CHECK_STR(sq_pinyin_name(ids[0]), "zhang");
	CHECK(!sq_pinyin_assign(cps, n, "cháng qìng shè", ids));
	CHECK_STR(sq_pinyin_name(ids[0]), "zhang");
	CHECK(!sq_pinyin_assign(cps, n, "chang qxx", ids));
	CHECK_STR(sq_pinyin_name(ids[0]), "zhang");
	CHECK(!sq_pinyin_assign(cps, n, "", ids));
	CHECK(!sq_pinyin_assign(cps, 0, "chang", ids));
	CHECK(sq_pinyin_assign(cps, 0, "", ids));
}

int main(void)
{
	test_table();
	test_parse();
	test_assign();
	return check_report("test_pinyin");
}
