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
#include "util.h"

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
		.staff = {7, false},
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
	{
		/* An ordinary community of the city data: name, place, code. */
		.name = "清波门社区",
		.code = "330102001051",
		.foreign_residents = {-1, false},
		.staff = {-1, false},
		.volunteers = {-1, false},
		.street = 1,
	},
	{
		.name = "白塔岭社区",
		.name_en = "Baitaling Community",
		.code = "330102008059",
		.foreign_residents = {-1, false},
		.staff = {-1, false},
		.volunteers = {-1, false},
		.batch = 2,
		.street = 1,
	},
	{
		/* A summary in English alone: a detail, shown in any language. */
		.name = "西溪社区",
		.code = "330106001001",
		.summary_en = "Only an English summary.",
		.foreign_residents = {-1, false},
		.staff = {-1, false},
		.volunteers = {-1, false},
		.street = 2,
	},
	{
		/* A recognition month and no batch: international all the same. */
		.name = "翠苑社区",
		.code = "330106001002",
		.recognized = "2019-06",
		.foreign_residents = {-1, false},
		.staff = {-1, false},
		.volunteers = {-1, false},
		.street = 2,
	},
};

static struct sq_street streets[] = {
	{"下沙街道", "Xiasha Subdistrict", 0, 0, 2},
	{"清波街道", NULL, 0, 2, 2},
	{"文新街道", "Wenxin Subdistrict", 1, 4, 2},
};
static struct sq_district districts[] = {
	{"钱塘区", "Qiantang District", 0, 2},
	{"西湖区", "Xihu District", 2, 1},
};
static uint32_t street_comms[] = {0, 1, 2, 3, 4, 5};
static uint32_t district_streets[] = {0, 1, 2};

static struct sq_model model = {
	.comms = comms,
	.streets = streets,
	.districts = districts,
	.street_comms = street_comms,
	.district_streets = district_streets,
	.n_comms = 6,
	.n_streets = 3,
	.n_districts = 2,
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
	for (size_t c = 0; c < SQ_ARRAY_LEN(comms); c++)
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
	CHECK(strstr(s, "公告所列区"));
	CHECK(strstr(s, "外语人员"));
	CHECK(strstr(s, "7人（截至2017年12月）\n"));
	CHECK(strstr(s, "Foreign-language staff"));
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
	/* The job's title is the document's names, the sheet's language first. */
	CHECK_STR(sh->doc_title, "Yanlan Community 滟澜社区");
	CHECK(!strstr(s, "130余人"));
	CHECK(strstr(s, "Announced as"));
	CHECK(strstr(s, "Hangzhou Economic and Technological"));
	CHECK(!strstr(s, "杭州经济技术开发区"));
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
	CHECK_STR(sh->doc_title, "黄龙社区");
	sq_buf_reset(&b);
	sq_sheet_file_name(sh, "txt", &b);
	CHECK_STR(sq_buf_str(&b), "330106012007-zh.txt");
	sq_sheet_free(sh);
	/* An English name that is the Chinese is said once, in the title too. */
	comms[2].name_en = comms[2].name;
	sh = sq_sheet_build(&model, &comms[2], SQ_SHEET_BOTH, 0);
	CHECK_STR(sh->doc_title, "清波门社区");
	sq_sheet_free(sh);
	comms[2].name_en = NULL;
	sq_buf_free(&b);
}

/* The document: one wording for everything that renders it. */
static void test_document(void)
{
	enum sq_lang en_zh[] = {SQ_EN, SQ_ZH};
	struct sq_doc *d = sq_doc_build(&model, 0, en_zh, 2, SQ_DOC_WITH_NEARBY);
	CHECK_INT(d->n_langs, 2);
	/* The language order rules every item: English first here. */
	size_t i = sq_doc_find(d, SQ_DOC_NAME, 0);
	CHECK(i < d->n_items && strcmp(d->items[i].text[0], "Yanlan Community") == 0);
	i = sq_doc_find(d, SQ_DOC_DISTRICT, 0);
	CHECK(i < d->n_items && d->items[i].n == 2);
	CHECK_STR(d->items[i].text[0], "Qiantang District");
	CHECK_STR(d->items[i].text[1], "钱塘区");
	CHECK(d->items[i].lang[0] == SQ_EN && d->items[i].lang[1] == SQ_ZH);
	i = sq_doc_find(d, SQ_DOC_STREET, 0);
	CHECK_STR(d->items[i].text[0], "Xiasha Subdistrict");
	/* The recognition starts with a capital, batch and month. */
	i = sq_doc_find(d, SQ_DOC_RECOGNITION, 0);
	CHECK_STR(d->items[i].text[0], "Hangzhou international demonstration "
				       "community, batch 2 (December 2017)");
	CHECK_STR(d->items[i].text[1], "杭州市第二批国际化示范社区（2017年12月）");
	/* Figures in one wording, dated by the source they come from: a
	 * resident must not take them for today's counts (issue 13). */
	i = sq_doc_find(d, SQ_DOC_FOREIGN, 0);
	CHECK_STR(d->items[i].text[0], "more than 130 (as of December 2017)");
	CHECK_STR(d->items[i].text[1], "130余人（截至2017年12月）");
	i = sq_doc_find(d, SQ_DOC_STAFF, 0);
	CHECK_STR(d->items[i].text[0], "7 (as of December 2017)");
	CHECK_STR(d->items[i].text[1], "7人（截至2017年12月）");
	/* A service without English: the Chinese once. */
	for (i = 0; i < d->n_items; i++)
		if (d->items[i].id == SQ_DOC_SERVICE &&
		    strcmp(d->items[i].text[0], "没有英文的服务") == 0)
			break;
	CHECK(i < d->n_items && d->items[i].n == 1);
	/* Categories in their fixed order, each before its services. */
	i = sq_doc_find(d, SQ_DOC_CATEGORY, 0);
	CHECK(i < d->n_items && d->items[i].cat == SQ_CAT_LANGUAGE);
	CHECK(d->items[i + 1].id == SQ_DOC_SERVICE &&
	      d->items[i + 1].cat == SQ_CAT_LANGUAGE);
	CHECK(sq_doc_find(d, SQ_DOC_NOTE, 0) == d->n_items);
	/* Nearby: the other one of a batch in the street, and 白塔岭 in the
	 * district's other street; the ordinary one is not named. */
	i = sq_doc_find(d, SQ_DOC_NEAR_STREET, 0);
	CHECK(i < d->n_items);
	CHECK_STR(d->items[i].text[0], "黄龙社区");
	i = sq_doc_find(d, SQ_DOC_NEAR_DISTRICT, 0);
	CHECK_STR(d->items[i].text[0], "Baitaling Community (清波街道)");
	CHECK_STR(d->items[i].text[1], "白塔岭社区（清波街道）");
	i = sq_doc_find(d, SQ_DOC_SOURCE, 0);
	CHECK_STR(d->items[i].text[0], "浙江在线 Zhejiang Online");
	i = sq_doc_find(d, SQ_DOC_DATA_DATE, 0);
	CHECK_STR(d->items[i].text[0], "2017-12-10");
	CHECK_STR(sq_doc_label(SQ_DOC_STAFF, SQ_EN), "Foreign-language staff");
	CHECK_STR(sq_doc_label(SQ_DOC_STAFF, SQ_ZH), "外语人员");
	CHECK(sq_doc_label(SQ_DOC_SERVICE, SQ_EN) == NULL);
	sq_doc_free(d);

	/* Without the flag there is no nearby part. */
	enum sq_lang zh[] = {SQ_ZH};
	d = sq_doc_build(&model, 0, zh, 1, 0);
	CHECK(sq_doc_find(d, SQ_DOC_NEARBY, 0) == d->n_items);
	for (i = 0; i < d->n_items; i++)
		for (unsigned j = 0; j < d->items[i].n; j++)
			CHECK(d->items[i].text[j] && *d->items[i].text[j]);
	sq_doc_free(d);
}

/* A community with no batch and no recognition date: the document says
 * only what the record holds. */
static void test_ordinary(void)
{
	struct sq_buf b = {0};
	struct sq_sheet *sh = sq_sheet_build(&model, &comms[2], SQ_SHEET_BOTH, 0);
	const char *s = text_of(sh, 100, &b);
	CHECK(!strstr(s, "认定"));
	CHECK(!strstr(s, "Recognized"));
	CHECK(!strstr(s, "示范"));
	CHECK(!strstr(s, "emonstration"));
	CHECK(!strstr(s, "announcement"));
	CHECK(!strstr(s, "公告"));
	CHECK(!strstr(s, "批"));
	CHECK(strstr(s, "杭州市城乡社区 概况\nHangzhou community fact sheet\n"));
	CHECK(strstr(s, "资料只列出了本社区的名称、所在地和区划代码"));
	CHECK(strstr(s, "The data lists only this community's name, place and code"));
	sq_sheet_free(sh);
	/* The batch's own note for one of a batch without details. */
	sh = sq_sheet_build(&model, &comms[3], SQ_SHEET_EN, 0);
	s = text_of(sh, 100, &b);
	CHECK(strstr(s, "The announcement lists only this community's name"));
	CHECK(strstr(s, "International Demonstration Community"));
	CHECK(strstr(s, "batch 2\n"));
	sq_sheet_free(sh);
	sq_buf_free(&b);
}

/* A summary in English alone is a summary in every language, and a detail:
 * no note says there are none (the English stands in for the Chinese, as
 * the Chinese does for the English). */
static void test_english_summary(void)
{
	enum sq_lang zh[] = {SQ_ZH}, zh_en[] = {SQ_ZH, SQ_EN};
	struct sq_doc *d = sq_doc_build(&model, 4, zh, 1, 0);
	size_t i = sq_doc_find(d, SQ_DOC_SUMMARY, 0);
	CHECK(i < d->n_items && d->items[i].n == 1);
	if (i < d->n_items) {
		CHECK_STR(d->items[i].text[0], "Only an English summary.");
		CHECK(d->items[i].lang[0] == SQ_EN);
	}
	CHECK(sq_doc_find(d, SQ_DOC_NOTE, 0) == d->n_items);
	sq_doc_free(d);
	d = sq_doc_build(&model, 4, zh_en, 2, 0);
	i = sq_doc_find(d, SQ_DOC_SUMMARY, 0);
	CHECK(i < d->n_items && d->items[i].n == 1);
	sq_doc_free(d);
	CHECK(sq_comm_has_details(&comms[4]));
}

/* A recognition month without a batch: the record says the community was
 * recognized, so the title, the recognition, the note and the nearby list
 * all say it is one (model.h, sq_comm_international); no batch is named. */
static void test_month_only(void)
{
	CHECK(sq_comm_international(&comms[5]));
	CHECK(!sq_comm_international(&comms[4]));
	CHECK_INT(model.n_intl, 4);
	struct sq_buf b = {0};
	struct sq_sheet *sh = sq_sheet_build(&model, &comms[5], SQ_SHEET_BOTH, 0);
	const char *s = text_of(sh, 100, &b);
	CHECK(strstr(s, "杭州市国际化示范社区 社区概况\n"));
	CHECK(strstr(s, "杭州市国际化示范社区（2019年6月）"));
	CHECK(strstr(s, "Hangzhou international demonstration community (June 2019)"));
	CHECK(!strstr(s, "批"));
	CHECK(!strstr(s, "batch"));
	CHECK(!strstr(s, "公告"));
	CHECK(!strstr(s, "announcement"));
	CHECK(strstr(s, "资料只列出了本社区的名称、所在地、区划代码和认定月份"));
	CHECK(strstr(s, "The data lists only this community's name, place, code and "
			"month of recognition"));
	sq_sheet_free(sh);
	/* Its neighbour names it among the international communities. */
	enum sq_lang zh[] = {SQ_ZH};
	struct sq_doc *d = sq_doc_build(&model, 4, zh, 1, SQ_DOC_WITH_NEARBY);
	size_t i = sq_doc_find(d, SQ_DOC_NEAR_STREET, 0);
	CHECK(i < d->n_items);
	if (i < d->n_items)
		CHECK_STR(d->items[i].text[0], "翠苑社区");
	sq_doc_free(d);
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
	sq_model_index(&model);
	test_widths();
	test_document();
	test_ordinary();
	test_english_summary();
	test_month_only();
	test_content();
	test_time();
	test_pdf();
	return check_report("test_sheet");
}
