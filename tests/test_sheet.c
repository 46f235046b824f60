/* SPDX-License-Identifier: MIT */
/* The fact sheet on a model built here (no loader): every width and
 * language keeps every line within the width, the fields follow the data,
 * dates follow SOURCE_DATE_EPOCH, and the PDF is reproducible. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "config.h"
#include "pdf.h"
#include "sheet.h"
#include "text.h"

static struct sq_service services[] = {
	{SQ_CAT_CULTURE, "“国学style”主题夏令营", "A \"Guoxue Style\" summer camp"},
	{SQ_CAT_LANGUAGE, "中文、英语、韩语、日语课程",
	 "Classes in Chinese, English, Korean and Japanese"},
	/* A word longer than any value column: it must be cut, not overflow. */
	{SQ_CAT_DIGITAL, "超长",
	 "https://example.org/a-very-long-address-that-cannot-be-broken-at-all-"
	 "anywhere-in-the-middle-of-the-line"},
	{SQ_CAT_CULTURE, "没有英文的服务", NULL},
};

static const char *aliases[] = {"桥西大社区"};

static struct sq_community comms[] = {
	{
		.name = "滟澜社区",
		.name_en = "Yanlan Community",
		.pinyin = "yàn lán shè qū",
		.code = "330114001017",
		.district_announced = "杭州经济技术开发区",
		.district_announced_en = "Hangzhou Economic and Technological "
					 "Development Zone",
		.recognized = "2017-12",
		.summary = "现有外籍居民130余人，以“大社区、大服务、大文化、大协商、"
			   "大沟通”的思路服务中外居民。",
		.summary_en = "Home to more than 130 foreign residents.",
		.source = "浙江在线 Zhejiang Online, 2017-12-10",
		.aliases = aliases,
		.n_aliases = 1,
		.services = services,
		.n_services = 4,
		.foreign_residents = {130, true},
		.staff = {-1, false},
		.volunteers = {12, false},
		.batch = 2,
	},
	{
		.name = "黄龙社区",
		.code = "330106012007",
		.recognized = "2017-12",
		.source = "no date here",
		.foreign_residents = {-1, false},
		.staff = {-1, false},
		.volunteers = {-1, false},
		.batch = 12,
	},
};

static struct sq_street streets[] = {{"下沙街道", "Xiasha Subdistrict", 0, 0, 2}};
static struct sq_district districts[] = {{"钱塘区", "Qiantang District", 0, 1}};
static uint32_t street_comms[] = {0, 1};
static uint32_t district_streets[] = {0};

static struct sq_model model = {
	.comms = comms,
	.streets = streets,
	.districts = districts,
	.street_comms = street_comms,
	.district_streets = district_streets,
	.n_comms = 2,
	.n_streets = 1,
	.n_districts = 1,
};

static const char *text_of(const struct sq_sheet *sh, int width, struct sq_buf *b)
{
	sq_buf_reset(b);
	sq_sheet_text(sh, width, b);
	return sq_buf_str(b);
}

static void test_widths(void)
{
	struct sq_buf b = {0};
	for (size_t c = 0; c < 2; c++)
		for (int lang = SQ_SHEET_ZH; lang <= SQ_SHEET_BOTH; lang++) {
			struct sq_sheet *sh = sq_sheet_build(&model, &comms[c], lang, 0);
			for (int w = SQ_SHEET_MIN_WIDTH; w <= SQ_SHEET_MAX_WIDTH; w++) {
				const char *s = text_of(sh, w, &b);
				size_t newlines = 0;
				int widest = 0;
				for (const char *nl; (nl = strchr(s, '\n')); s = nl + 1) {
					int lw = sq_width(s, (size_t)(nl - s));
					if (lw > widest)
						widest = lw;
					newlines++;
				}
				CHECK(*s == '\0'); /* every line ends in '\n' */
				if (widest > w)
					fprintf(stderr, "comm %zu lang %d width %d: %d\n",
						c, lang, w, widest);
				CHECK(widest <= w);
				char **lines;
				size_t n = sq_sheet_lines(sh, w, &lines);
				CHECK_INT(n, newlines);
				sq_sheet_lines_free(lines, n);
			}
			sq_sheet_free(sh);
		}
	sq_buf_free(&b);
}

static void test_content(void)
{
	struct sq_buf b = {0};
	struct sq_sheet *sh = sq_sheet_build(&model, &comms[0], SQ_SHEET_BOTH, 0);
	const char *s = text_of(sh, 120, &b);
	CHECK(strstr(s, "杭州市第二批国际化示范社区（2017年12月）"));
	CHECK(strstr(s, "batch 2 (December 2017)"));
	CHECK(strstr(s, "130余人"));
	CHECK(strstr(s, "more than 130"));
	CHECK(strstr(s, "桥西大社区"));
	CHECK(strstr(s, "公告中列为杭州经济技术开发区"));
	CHECK(strstr(s, "语言课程 Language classes"));
	CHECK(strstr(s, "- 中文、英语、韩语、日语课程\n"));
	CHECK(strstr(s, "  Classes in Chinese, English, Korean and Japanese\n"));
	CHECK(strstr(s, "- 没有英文的服务\n"));
	CHECK(strstr(s, "浙江在线 Zhejiang Online\n"));
	CHECK(strstr(s, "2017-12-10"));
	CHECK(strstr(s, "1970-01-01"));
	CHECK(!strstr(s, "no further details"));
	/* Categories in their fixed order, whatever the data's order. */
	CHECK(strstr(s, "语言课程") < strstr(s, "文化活动"));
	CHECK_STR(sh->doc_title, "滟澜社区 Yanlan Community");
	sq_buf_reset(&b);
	sq_sheet_file_name(sh, "pdf", &b);
	CHECK_STR(sq_buf_str(&b), "330114001017-both.pdf");
	sq_sheet_free(sh);

	sh = sq_sheet_build(&model, &comms[0], SQ_SHEET_EN, 0);
	s = text_of(sh, 80, &b);
	CHECK(!strstr(s, "130余人"));
	CHECK(strstr(s, "Listed in the announcement under Hangzhou Economic"));
	CHECK(strstr(s, "- 没有英文的服务\n")); /* no translation: the Chinese */
	CHECK(strncmp(sh->names[0], "Yanlan", 6) == 0); /* reader's language first */
	sq_sheet_free(sh);

	sh = sq_sheet_build(&model, &comms[1], SQ_SHEET_ZH, 0);
	s = text_of(sh, 80, &b);
	CHECK(strstr(s, "第12批"));
	CHECK(strstr(s, "没有更多介绍"));
	CHECK(strstr(s, "no date here\n"));
	CHECK(!strstr(s, "资料日期"));
	CHECK(!strstr(s, "拼音"));
	CHECK_INT(sh->n_names, 1);
	sq_buf_reset(&b);
	sq_sheet_file_name(sh, "txt", &b);
	CHECK_STR(sq_buf_str(&b), "330106012007-zh.txt");
	sq_sheet_free(sh);
	sq_buf_free(&b);
}

static void test_time(void)
{
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	CHECK_INT(sq_sheet_time(), 1700000000);
	struct tm tm;
	sq_sheet_tm(1700000000, &tm);
	CHECK_INT(tm.tm_hour, 22); /* UTC */
	setenv("SOURCE_DATE_EPOCH", "soon", 1);
	CHECK(sq_sheet_time() > 1700000000);
	unsetenv("SOURCE_DATE_EPOCH");
}

static void test_pdf(void)
{
#if HAVE_PRINTING
	struct sq_sheet *sh = sq_sheet_build(&model, &comms[0], SQ_SHEET_BOTH, 0);
	struct sq_buf a = {0}, b = {0}, r = {0}, err = {0};
	CHECK(sq_pdf_sheet(sh, SQ_PAPER_A4, &a, &err));
	CHECK(sq_pdf_sheet(sh, SQ_PAPER_A4, &b, &err));
	CHECK(sq_pdf_sheet(sh, SQ_PAPER_RECEIPT, &r, &err));
	CHECK_INT(err.len, 0);
	CHECK(a.len > 5 && memcmp(a.data, "%PDF-", 5) == 0);
	CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	CHECK(r.len != a.len || memcmp(a.data, r.data, a.len) != 0);
	/* The dates are the sheet's, not the clock's. */
	CHECK(memmem(a.data, a.len, "19700101000000", 14));
	sq_buf_free(&a);
	sq_buf_free(&b);
	sq_buf_free(&r);
	sq_buf_free(&err);
	sq_sheet_free(sh);
#endif
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_widths();
	test_content();
	test_time();
	test_pdf();
	return check_report("test_sheet");
}
