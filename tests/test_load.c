/* SPDX-License-Identifier: MIT */
/* The recutils loader: the fixtures under tests/data (run from tests/), every
 * error class with its exact message and line, and the bundled data.
 *
 * "test_load --bench FILE" loads FILE once and prints counts and time. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "check.h"
#include "config.h"
#include "load.h"
#include "text.h"
#include "util.h"

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	size_t r;
	while ((r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	*len = n;
	return buf;
}

/* Loads text given as a C string; returns the diagnostics (static) and
 * frees the model, if any, after storing whether there was one. */
static const char *errors_of(const char *text, bool *loaded)
{
	static struct sq_diag d;
	sq_diag_free(&d);
	struct sq_model *m = sq_load_buffer("t.rec", text, strlen(text), &d);
	if (loaded)
		*loaded = m != NULL;
	sq_model_free(m);
	return sq_diag_text(&d);
}

#define CHECK_ERRORS(text, want)                                               \
	do {                                                                   \
		bool loaded_;                                                  \
		CHECK_STR(errors_of(text, &loaded_), want);                    \
		CHECK(!loaded_);                                               \
	} while (0)

static bool in_buf(const struct sq_model *m, const char *s)
{
	const char *b = m->buf;
	return s >= b && s < b + m->buf_len;
}

static bool same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The first community of data/good.rec: every field. */
static void check_good_first(const struct sq_model *m)
{
	const struct sq_community *c = &m->comms[0];
	CHECK_STR(c->name, "白塔岭社区");
	CHECK_STR(c->name_en, "Baitaling Community");
	CHECK_STR(c->pinyin, "bái tǎ lǐng shè qū");
	CHECK_INT(c->n_aliases, 2);
	if (c->n_aliases == 2) {
		CHECK_STR(c->aliases[0], "白塔岭");
		CHECK_STR(c->aliases[1], "白塔岭社区居民委员会");
	}
	CHECK_STR(c->district_announced, "江干区");
	CHECK_STR(c->district_announced_en, "Jianggan District");
	CHECK_STR(c->code, "330102008059");
	CHECK_INT(c->batch, 2);
	CHECK_STR(c->recognized, "2017-12");
	CHECK_INT(c->foreign_residents.value, 60);
	CHECK(c->foreign_residents.more);
	CHECK_INT(c->staff.value, 7);
	CHECK(!c->staff.more);
	CHECK_INT(c->volunteers.value, 0);
	CHECK_INT(c->n_services, 2);
	if (c->n_services == 2) {
		CHECK_INT(c->services[0].cat, SQ_CAT_FACILITIES);
		CHECK_STR(c->services[0].zh, "国际化社区公共服务站");
		CHECK_STR(c->services[0].en,
			  "An international community public service station");
		CHECK_INT(c->services[1].cat, SQ_CAT_MEDICAL);
		CHECK_STR(c->services[1].zh, "义诊");
		CHECK_STR(c->services[1].en, "Free consultations held together");
	}
	CHECK_STR(c->summary, "第一行\n第二行\n\n第四行\n第五行");
	CHECK_STR(c->summary_en, "One line joined");
	CHECK_STR(c->source, "浙江在线, 2017-12-10");
	CHECK_INT(c->line, 13);
	/* Clean text stays in the file's buffer. */
	CHECK(in_buf(m, c->name));
	CHECK(in_buf(m, c->pinyin));
	CHECK(in_buf(m, c->summary));

}

/* The others: absent fields, odd numbers, a service's '|', sanitising. */
static void check_good_others(const struct sq_model *m)
{
	const struct sq_community *c;
	c = &m->comms[1];
	CHECK_STR(c->name, "文新社区");
	CHECK(c->name_en == NULL);
	CHECK(c->pinyin == NULL);
	CHECK(c->summary == NULL);
	CHECK_INT(c->n_aliases, 0);
	CHECK_INT(c->n_services, 0);
	CHECK_INT(c->batch, 0);
	CHECK(c->recognized == NULL);
	CHECK_INT(c->foreign_residents.value, -1);
	CHECK_INT(c->staff.value, -1);
	CHECK_INT(c->volunteers.value, -1);
	CHECK(!sq_comm_has_details(c));
	CHECK_INT(c->line, 43);
	CHECK_INT(m->comms[2].line, 52);
	CHECK_INT(m->comms[2].batch, -1);
	CHECK_INT(m->comms[3].line, 59);
	CHECK_INT(m->comms[3].staff.value, INT32_MAX);
	c = &m->comms[4];
	CHECK_INT(c->line, 67);
	CHECK_INT(c->n_services, 1);
	if (c->n_services == 1) {
		CHECK_INT(c->services[0].cat, SQ_CAT_DIGITAL);
		CHECK_STR(c->services[0].zh, "微信");
		CHECK_STR(c->services[0].en, "WeChat | and more");
	}
	/* Sanitised: NFC, TAB to space, soft hyphen dropped; a copy. */
	c = &m->comms[5];
	CHECK_STR(c->name, "Caf\xc3\xa9 社区");
	CHECK_STR(c->name_en, "Cafe Community");
	CHECK(!in_buf(m, c->name));
	CHECK_INT(c->line, 74);
}

/* Districts and streets: their order, names and ranges. */
static void check_good_places(const struct sq_model *m)
{
	/* Districts in order of first appearance; first non-empty English. */
	CHECK_STR(m->districts[0].name, "上城区");
	CHECK_STR(m->districts[0].name_en, "Shangcheng District");
	CHECK_STR(m->districts[1].name, "西湖区");
	CHECK_STR(m->districts[1].name_en, "Xihu District");
	CHECK_STR(m->districts[2].name, "拱墅区");
	CHECK(m->districts[2].name_en == NULL);

	/* Streets in order of first appearance, identified by district and
	 * name: 南星街道 of 拱墅区 is not 南星街道 of 上城区. */
	static const struct {
		const char *name, *en;
		uint32_t district, first, count;
	} streets[] = {
		{"南星街道", "Nanxing Subdistrict", 0, 0, 2},
		{"西溪街道", "Xixi Subdistrict", 1, 3, 2},
		{"紫阳街道", NULL, 0, 2, 1},
		{"南星街道", NULL, 2, 5, 1},
	};
	for (uint32_t s = 0; s < 4; s++) {
		const struct sq_street *st = &m->streets[s];
		CHECK_STR(st->name, streets[s].name);
		if (streets[s].en)
			CHECK_STR(st->name_en, streets[s].en);
		else
			CHECK(st->name_en == NULL);
		CHECK_INT(st->district, streets[s].district);
		CHECK_INT(st->first, streets[s].first);
		CHECK_INT(st->count, streets[s].count);
	}
	static const uint32_t district_streets[] = {0, 2, 1, 3};
	static const uint32_t dfirst[] = {0, 2, 3}, dcount[] = {2, 1, 1};
	static const uint32_t street_comms[] = {0, 3, 2, 1, 4, 5};
	static const uint32_t comm_street[] = {0, 1, 2, 0, 1, 3};
	for (uint32_t i = 0; i < 4; i++)
		CHECK_INT(m->district_streets[i], district_streets[i]);
	for (uint32_t d = 0; d < 3; d++) {
		CHECK_INT(m->districts[d].first, dfirst[d]);
		CHECK_INT(m->districts[d].count, dcount[d]);
	}
	for (uint32_t i = 0; i < 6; i++) {
		CHECK_INT(m->street_comms[i], street_comms[i]);
		CHECK_INT(m->comms[i].street, comm_street[i]);
	}
}

static void check_good(const struct sq_model *m)
{
	CHECK_INT(m->n_comms, 6);
	CHECK_INT(m->n_streets, 4);
	CHECK_INT(m->n_districts, 3);
	if (m->n_comms != 6 || m->n_streets != 4 || m->n_districts != 3)
		return;
	check_good_first(m);
	check_good_others(m);
	check_good_places(m);
	CHECK_STR(sq_comm_district(m, &m->comms[5])->name, "拱墅区");
	CHECK_STR(m->path, "data/good.rec");
}

static void test_good(void)
{
	struct sq_diag d = {0};
	struct sq_model *m = sq_load_file("data/good.rec", &d);
	CHECK(m != NULL);
	CHECK_INT(d.count, 0);
	fputs(sq_diag_text(&d), stderr);
	if (m)
		check_good(m);

	/* The same file with CRLF line ends and a BOM gives the same model. */
	size_t len;
	char *lf = read_all("data/good.rec", &len);
	CHECK(lf != NULL);
	if (!lf)
		return;
	char *crlf = malloc(2 * len + 3);
	size_t n = 0;
	memcpy(crlf, "\xef\xbb\xbf", 3);
	n = 3;
	for (size_t i = 0; i < len; i++) {
		if (lf[i] == '\n')
			crlf[n++] = '\r';
		crlf[n++] = lf[i];
	}
	struct sq_model *m2 = sq_load_buffer("data/good.rec", crlf, n, &d);
	CHECK(m2 != NULL);
	CHECK_INT(d.count, 0);
	if (m2) {
		check_good(m2);
		for (uint32_t i = 0; m && i < m->n_comms && i < m2->n_comms; i++) {
			CHECK(same(m2->comms[i].summary, m->comms[i].summary));
			CHECK(same(m2->comms[i].summary_en, m->comms[i].summary_en));
			CHECK(same(m2->comms[i].name, m->comms[i].name));
			CHECK(same(m2->comms[i].source, m->comms[i].source));
			CHECK_INT(m2->comms[i].line, m->comms[i].line);
		}
	}
	sq_model_free(m2);
	sq_model_free(m);
	free(crlf);
	free(lf);
	sq_diag_free(&d);

	m = sq_load_file("data/crlf-bom.rec", &d);
	CHECK(m != NULL);
	if (m && m->n_comms == 1) {
		CHECK_STR(m->comms[0].name, "一社区");
		CHECK_STR(m->comms[0].summary, "one\ntwo");
		CHECK_STR(m->comms[0].summary_en, "x y");
		CHECK_INT(m->comms[0].line, 3);
	}
	sq_model_free(m);
	sq_diag_free(&d);
}

static void test_syntax(void)
{
	bool loaded;
	struct sq_diag d = {0};

	/* Untyped records: unknown fields ignored; no trailing newline. */
	const char *untyped = "# no descriptor\n"
			      "Name: a\nFoo: bar\nDistrict: d\nStreet: s\n"
			      "Code: 000000000000\n\n\n"
			      "Name: b\n%odd: x\nDistrict: d\nStreet: s\nCode: 000000000001";
	struct sq_model *m = sq_load_buffer("t.rec", untyped, strlen(untyped), &d);
	CHECK(m != NULL);
	CHECK_INT(d.count, 0);
	if (m) {
		CHECK_INT(m->n_comms, 2);
		CHECK_INT(m->n_streets, 1);
		CHECK_STR(m->comms[1].code, "000000000001");
		CHECK_INT(m->comms[1].line, 9);
	}
	sq_model_free(m);

	/* Blanks after the colon are skipped; "+" alone adds an empty line;
	 * "Field:" with nothing is an absent optional value; backslash joins
	 * take the next line raw (a '#' or '+' there is text). */
	const char *multi = "%rec: Community\n\n"
			    "Name:\tn\nDistrict:d\nStreet:  s\nCode: 000000000000\n"
			    "NameEn:\nSummary: a\n+\n+  b\n"
			    "SummaryEn: x\\\n# not a comment\\\n+ not a continuation\n";
	m = sq_load_buffer("t.rec", multi, strlen(multi), &d);
	CHECK(m != NULL);
	if (m) {
		CHECK_STR(m->comms[0].name, "n");
		CHECK_STR(m->districts[0].name, "d");
		CHECK_STR(m->streets[0].name, "s");
		CHECK(m->comms[0].name_en == NULL);
		CHECK_STR(m->comms[0].summary, "a\n\n b");
		CHECK_STR(m->comms[0].summary_en, "x# not a comment+ not a continuation");
	}
	sq_model_free(m);
	sq_diag_free(&d);

	/* Blanks at the end of a text are no more its own than those after
	 * the colon: "西湖区 " and "西湖区\t" are 西湖区, one district with
	 * one street.  A multi-line value loses its empty lines at either end
	 * ("Summary:" then "+" lines); a service's texts their blanks. */
	const char *blanks = "%rec: Community\n\n"
			     "Name: 甲 \nNameEn: Jia \t\nAlias: 别名  \nDistrict: 西湖区 \n"
			     "Street: 文新街道\t\nCode: 000000000000\n"
			     "Summary:\n+ one \n+ two\n+\n"
			     "Service: medical | 义诊  | Free clinics \n\n"
			     "Name: 乙\nDistrict: 西湖区\nStreet: 文新街道\nCode: 000000000001\n";
	m = sq_load_buffer("t.rec", blanks, strlen(blanks), &d);
	CHECK(m != NULL);
	if (m) {
		CHECK_INT(m->n_districts, 1);
		CHECK_INT(m->n_streets, 1);
		CHECK_STR(m->districts[0].name, "西湖区");
		CHECK_STR(m->streets[0].name, "文新街道");
		CHECK_STR(m->comms[0].name, "甲");
		CHECK_STR(m->comms[0].name_en, "Jia");
		CHECK_STR(m->comms[0].aliases[0], "别名");
		CHECK_STR(m->comms[0].summary, "one \ntwo");
		CHECK_STR(m->comms[0].services[0].zh, "义诊");
		CHECK_STR(m->comms[0].services[0].en, "Free clinics");
	}
	sq_model_free(m);
	sq_diag_free(&d);

	/* The bundled schema's descriptor, %doc and all, is accepted. */
	CHECK_STR(errors_of("%rec: Community\n%doc: x\n%key: Code\n"
			    "%mandatory: Name District Street Code\n\n"
			    "Name: a\nDistrict: d\nStreet: s\nCode: 000000000000\n",
			    &loaded), "");
	CHECK(loaded);
	/* A descriptor whose %rec is not first. */
	CHECK_STR(errors_of("%doc: x\n%rec: Community\n\n"
			    "Name: a\nDistrict: d\nStreet: s\nCode: 000000000000\n",
			    &loaded), "");
	CHECK(loaded);
}

static void test_file_errors(void)
{
	struct sq_diag d = {0};
	CHECK(sq_load_file("data/nonexistent.rec", &d) == NULL);
	CHECK_STR(sq_diag_text(&d), "shequ: data/nonexistent.rec: No such file or directory\n");
	CHECK_INT(d.count, 1);
	sq_diag_free(&d);

	CHECK(sq_load_file("data", &d) == NULL);
	CHECK_STR(sq_diag_text(&d), "shequ: data: Is a directory\n");
	sq_diag_free(&d);

	/* Not a regular file: refused without reading (issue 10, item 2). */
	CHECK(sq_load_file("/dev/zero", &d) == NULL);
	CHECK_STR(sq_diag_text(&d), "shequ: /dev/zero: not a regular file\n");
	sq_diag_free(&d);

	CHECK(sq_load_file("data/empty.rec", &d) == NULL);
	CHECK_STR(sq_diag_text(&d), "shequ: data/empty.rec: empty file\n");
	sq_diag_free(&d);

	CHECK(sq_load_file("data/binary.rec", &d) == NULL);
	CHECK_STR(sq_diag_text(&d), "data/binary.rec:3: binary file (NUL byte at byte 24)\n");
	sq_diag_free(&d);

	CHECK(sq_load_file("data/bad-utf8.rec", &d) == NULL);
	CHECK_STR(sq_diag_text(&d), "data/bad-utf8.rec:3: invalid UTF-8 at byte 23\n"
			  "data/bad-utf8.rec:8: invalid UTF-8 at byte 112\n");
	sq_diag_free(&d);

	/* Diagnostics accumulate across loads. */
	CHECK(sq_load_buffer("a.rec", "", 0, &d) == NULL);
	CHECK(sq_load_buffer("b.rec", "\xef\xbb\xbf \r\n\n", 6, &d) == NULL);
	CHECK_STR(sq_diag_text(&d), "shequ: a.rec: empty file\nshequ: b.rec: empty file\n");
	CHECK_INT(d.count, 2);
	sq_diag_free(&d);

	CHECK_ERRORS("# only a comment\n\n%rec: Community\n",
		     "shequ: t.rec: no Community records\n");

	size_t len;
	char *want = read_all("data/bad-mixed.expected", &len);
	CHECK(want != NULL);
	if (want) {
		want = realloc(want, len + 1);
		want[len] = '\0';
		CHECK(sq_load_file("data/bad-mixed.rec", &d) == NULL);
		CHECK_STR(sq_diag_text(&d), want);
		CHECK_INT(d.count, 19);
		free(want);
	}
	sq_diag_free(&d);
}

#define REC "Name: a\nDistrict: d\nStreet: s\n"

/* Continuation lines where a field holds one line. */
static void test_continuation_errors(void)
{
	/* A '+' line continues only Summary, SummaryEn and Service: a name,
	 * a place or a source on two lines would break a list row or a
	 * title (shequ(5)). */
	CHECK_ERRORS("%rec: Community\n\nName: a\n+ b\nDistrict: d\nStreet: s\n"
		     "Code: 000000000000\n",
		     "t.rec:3: Name holds one line: a '+' line continues only "
		     "Service, Summary, SummaryEn\n");
	CHECK_ERRORS(REC "Code: 000000000000\nDistrict: d\n+\n",
		     "t.rec:5: more than one District field in the record\n");
	CHECK_ERRORS("Name: a\nDistrict: d\nStreet:\n+ s\nCode: 000000000000\n"
		     "Alias: x\n+ y\n",
		     "t.rec:3: Street holds one line: a '+' line continues only "
		     "Service, Summary, SummaryEn\n"
		     "t.rec:6: Alias holds one line: a '+' line continues only "
		     "Service, Summary, SummaryEn\n");
}

static void test_record_errors(void)
{
	/* Each error class on its own, with its line. */
	CHECK_ERRORS("%rec: Community\n\nName: a\nDistrict: d\nCode: 000000000000\n",
		     "t.rec:3: record has no Street field\n");
	CHECK_ERRORS("\n\n# c\nDistrict: d\nStreet: s\n",
		     "t.rec:4: record has no Name field\n"
		     "t.rec:4: record has no Code field\n");
	CHECK_ERRORS(REC "Code: 330102008059\n\n" REC "Code: 330102008059\n",
		     "t.rec:9: duplicate Code 330102008059 (first at line 4)\n");
	/* Out of order: found in the hash table rather than the sorted run. */
	CHECK_ERRORS(REC "Code: 000000000005\n\n" REC "Code: 000000000003\n\n"
		     REC "Code: 000000000004\n\n" REC "Code: 000000000003\n",
		     "t.rec:19: duplicate Code 000000000003 (first at line 9)\n");
	CHECK_ERRORS("%rec: Community\n\n" REC "Code: 000000000000\nFoo_2: x\n",
		     "t.rec:7: unknown field 'Foo_2' in a Community record\n");
	CHECK_ERRORS("%rec: Place\n\nName: x\n",
		     "t.rec:1: unknown record type 'Place'\n");
	CHECK_ERRORS(REC "Code: 000000000000\nthis is not a field\n",
		     "t.rec:5: not a field: expected 'Name: value', a comment or "
		     "a blank line\n");
	CHECK_ERRORS(REC "Code: 000000000000\n Name: x\n",
		     "t.rec:5: bad field name ' Name'\n");
	CHECK_ERRORS(REC "Code: 000000000000\n1st: x\n",
		     "t.rec:5: bad field name '1st'\n");
	CHECK_ERRORS("+ x\n" REC "Code: 000000000000\n",
		     "t.rec:1: continuation line ('+') with no field before it\n");
	CHECK_ERRORS(REC "Code: 000000000000\nSummary: a\\\nb\\",
		     "t.rec:5: unterminated multi-line value (backslash at end of "
		     "file)\n");
	CHECK_ERRORS(REC "Code: 000000000000\nSummary: a\\\r\n",
		     "t.rec:5: unterminated multi-line value (backslash at end of "
		     "file)\n");
	CHECK_ERRORS(REC "Name: b\nCode: 000000000000\n",
		     "t.rec:4: more than one Name field in the record\n");
	CHECK_ERRORS("Name:  \nDistrict: d\nStreet: s\nCode: 000000000000\n",
		     "t.rec:1: empty Name field\n");
	CHECK_ERRORS("%doc: x\n\n" REC "Code: 000000000000\n",
		     "t.rec:1: record descriptor has no %rec field\n");
	CHECK_ERRORS("%rec: Community\n" REC "Code: 000000000000\n",
		     "t.rec:2: field 'Name' in a record descriptor\n"
		     "t.rec:3: field 'District' in a record descriptor\n"
		     "t.rec:4: field 'Street' in a record descriptor\n"
		     "t.rec:5: field 'Code' in a record descriptor\n");
}

/* Typed values, each with its line. */
static void test_value_errors(void)
{
	CHECK_ERRORS(REC "Code: 12345678901x\n",
		     "t.rec:4: bad Code '12345678901x' (expected 12 digits)\n");
	CHECK_ERRORS(REC "Code: 000000000000\nBatch: 99999999999\n",
		     "t.rec:5: bad Batch '99999999999' (expected an integer)\n");
	CHECK_ERRORS(REC "Code: 000000000000\nStaff: 2147483648\n",
		     "t.rec:5: bad Staff '2147483648' (expected a number, "
		     "optionally followed by '+')\n");
	CHECK_ERRORS(REC "Code: 000000000000\nVolunteers: +\n",
		     "t.rec:5: bad Volunteers '+' (expected a number, "
		     "optionally followed by '+')\n");
	CHECK_ERRORS(REC "Code: 000000000000\nRecognized: 2017-12-01\n",
		     "t.rec:5: bad Recognized '2017-12-01' (expected YYYY-MM, a month "
		     "from 01 to 12)\n");
	/* Typed values as recfix checks them, and real months (issue 10,
	 * item 9; tests/types.sh holds shequ to recfix itself). */
	CHECK_ERRORS(REC "Code: 000000000000\nRecognized: 2017-13\n",
		     "t.rec:5: bad Recognized '2017-13' (expected YYYY-MM, a month "
		     "from 01 to 12)\n");
	CHECK_ERRORS(REC "Code: 000000000000\nRecognized: 2017-00\n",
		     "t.rec:5: bad Recognized '2017-00' (expected YYYY-MM, a month "
		     "from 01 to 12)\n");
	CHECK_ERRORS(REC "Code: 000000000000\nStaff:  7\n",
		     "t.rec:5: bad Staff ' 7' (expected a number, optionally "
		     "followed by '+')\n");
	CHECK_ERRORS(REC "Code:  000000000000\n",
		     "t.rec:4: bad Code ' 000000000000' (expected 12 digits)\n");
	CHECK_ERRORS(REC "Code: 000000000000\nService: medical |  | x\n",
		     "t.rec:5: bad Service 'medical |  | x' (expected 'CATEGORY | "
		     "中文 | English')\n");
	CHECK_ERRORS(REC "Code: 000000000000\nService: medical | 义诊 | \n",
		     "t.rec:5: bad Service 'medical | 义诊 | ' (expected 'CATEGORY | "
		     "中文 | English')\n");
	CHECK_ERRORS(REC "Code: 000000000000\nService: Medical | 义诊 | x\n",
		     "t.rec:5: unknown service category 'Medical'\n");
	/* A bad value quoted in a message is cut at 40 bytes on a character
	 * boundary, and at its first newline. */
	CHECK_ERRORS(REC "Code: 000000000000\nStaff: 一二三四五六七八九十一二三四五\n",
		     "t.rec:5: bad Staff '一二三四五六七八九十一二三...' (expected "
		     "a number, optionally followed by '+')\n");
	CHECK_ERRORS(REC "Code: 0000\n+ 00000000\n",
		     "t.rec:4: bad Code '0000...' (expected 12 digits)\n");
}

/* Issue 10, item 7: a NUL byte is reported with its line, wherever it is
 * found: in the first window, after the parse stopped at too many errors,
 * inside a line longer than the window. */
static void test_nul_line(void)
{
	struct sq_diag d = {0};
	CHECK(sq_load_buffer("t.rec", "a\0", 2, &d) == NULL);
	CHECK_STR(sq_diag_text(&d), "t.rec:1: binary file (NUL byte at byte 1)\n");
	sq_diag_free(&d);
	static const char text[] = REC "Code: 000000000000\nSummary: x\n+ y\0\n";
	CHECK(sq_load_buffer("t.rec", text, sizeof text - 1, &d) == NULL);
	CHECK_STR(sq_diag_text(&d), "t.rec:6: binary file (NUL byte at byte 63)\n");
	sq_diag_free(&d);

	char path[] = "/tmp/test_load_XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	FILE *f = fdopen(fd, "w");
	/* 60 bad records (4 lines each and a blank): the parse stops after
	 * 50 errors, in the first window; the NUL is 500 KiB on. */
	for (int i = 0; i < 60; i++)
		fprintf(f, "Name: a\nDistrict: d\nStreet: s\nCode: x\n\n");
	for (int i = 0; i < 50000; i++)
		fprintf(f, "# a comment ten bytes long, and some more\n");
	long at = ftell(f);
	fwrite("Summary: \0\n", 1, 11, f);
	fclose(f);
	char want[200];
	snprintf(want, sizeof want, "%s:%d: binary file (NUL byte at byte %ld)\n", path,
		 60 * 5 + 50000 + 1, at + 9);
	CHECK(sq_load_file(path, &d) == NULL);
	CHECK_STR(sq_diag_text(&d), want);
	sq_diag_free(&d);

	/* In a line longer than the window (256 KiB), past its first window. */
	f = fopen(path, "w");
	fputs(REC "Code: 000000000000\nSummary: ", f);
	for (int i = 0; i < 300000; i++)
		fputc('x', f);
	at = ftell(f);
	fwrite("\0\n", 1, 2, f);
	fclose(f);
	snprintf(want, sizeof want, "%s:5: binary file (NUL byte at byte %ld)\n", path, at);
	CHECK(sq_load_file(path, &d) == NULL);
	CHECK_STR(sq_diag_text(&d), want);
	sq_diag_free(&d);
	unlink(path);
}

static void test_typed_values(void)
{
	static const char text[] =
		"Name:   a\nDistrict:\td\nStreet: s\nCode: 000000000000\n"
		"Batch:  0x10 \nStaff: 0007+\nVolunteers: 2147483647\n"
		"Alias:  b\nRecognized: 2017-01\n"
		"Service: medical |  | b | c\nService: language |   | x\n";
	struct sq_diag d = {0};
	struct sq_model *m = sq_load_buffer("t.rec", text, sizeof text - 1, &d);
	CHECK(m != NULL);
	fputs(sq_diag_text(&d), stderr);
	if (m) {
		const struct sq_community *c = &m->comms[0];
		CHECK_STR(c->name, "a"); /* text does not start with blanks */
		CHECK_STR(m->districts[0].name, "d");
		CHECK_STR(c->aliases[0], "b");
		CHECK_INT(c->batch, 16);
		CHECK_INT(c->staff.value, 7);
		CHECK(c->staff.more);
		CHECK_INT(c->volunteers.value, INT32_MAX);
		CHECK_STR(c->recognized, "2017-01");
		CHECK_INT(c->n_services, 2);
		if (c->n_services == 2) {
			/* as the regular expression splits them, blanks at
			 * the ends not the text's */
			CHECK_STR(c->services[0].zh, "| b");
			CHECK_STR(c->services[0].en, "c");
			CHECK_STR(c->services[1].zh, "");
			CHECK_STR(c->services[1].en, "x");
		}
	}
	sq_model_free(m);
	sq_diag_free(&d);
	CHECK_ERRORS(REC "Code: 000000000000\nBatch: 2147483648\n",
		     "t.rec:5: bad Batch '2147483648' (expected an integer)\n");
	CHECK_ERRORS(REC "Code: 000000000000\nBatch: 0X10\n",
		     "t.rec:5: bad Batch '0X10' (expected an integer)\n");
	CHECK_ERRORS(REC "Code: 000000000000\nBatch: -0x80000001\n",
		     "t.rec:5: bad Batch '-0x80000001' (expected an integer)\n");
	CHECK_ERRORS(REC "Code: 000000000000\nService: medical | a | \n",
		     "t.rec:5: bad Service 'medical | a | ' (expected 'CATEGORY | "
		     "中文 | English')\n");
}

static void test_long_line(void)
{
	/* 65536 bytes are allowed, 65537 are not. */
	size_t n = 65536;
	char *text = malloc(n + 200);
	strcpy(text, REC "Code: 000000000000\nSummary: ");
	size_t k = strlen(text);
	memset(text + k, 'x', n - strlen("Summary: "));
	strcpy(text + k + n - strlen("Summary: "), "\n");
	bool loaded;
	CHECK_STR(errors_of(text, &loaded), "");
	CHECK(loaded);
	strcpy(text + k + n - strlen("Summary: "), "x\nSource: s\n");
	CHECK_STR(errors_of(text, &loaded), "t.rec:5: line longer than 65536 bytes\n");
	CHECK(!loaded);
	/* The same in a continuation line, and with CRLF (the CR is not
	 * counted). */
	strcpy(text, REC "Code: 000000000000\nSummary: a\n+ ");
	k = strlen(text);
	memset(text + k, 'x', n - 2);
	strcpy(text + k + n - 2, "\r\n");
	CHECK_STR(errors_of(text, &loaded), "");
	strcpy(text + k + n - 2, "x\r\n");
	CHECK_STR(errors_of(text, &loaded), "t.rec:6: line longer than 65536 bytes\n");
	free(text);
}

static void test_many_codes(void)
{
	/* Enough codes for the duplicate table to grow several times; the
	 * first record's code again at the end. */
	enum { N = 20000 };
	char *text = malloc((N + 1) * 64);
	size_t n = 0, last = 0;
	for (int i = 0; i <= N; i++) {
		if (i == N)
			last = n; /* the length without the duplicate */
		n += (size_t)sprintf(text + n, "Name: a\nDistrict: d\nStreet: s%d\n"
					       "Code: %012d\n\n",
				     i % 7, i < N ? i * 7919 : 0);
	}
	struct sq_diag d = {0};
	CHECK(sq_load_buffer("t.rec", text, n, &d) == NULL);
	char want[100];
	snprintf(want, sizeof want,
		 "t.rec:%d: duplicate Code 000000000000 (first at line 4)\n",
		 N * 5 + 4);
	CHECK_STR(sq_diag_text(&d), want);
	sq_diag_free(&d);
	/* Without it: loads, streets grouped. */
	struct sq_model *m = sq_load_buffer("t.rec", text, last, &d);
	CHECK(m != NULL);
	if (m) {
		CHECK_INT(m->n_comms, N);
		CHECK_INT(m->n_streets, 7);
		CHECK_INT(m->streets[3].count, N / 7);
		CHECK_INT(m->street_comms[m->streets[3].first + 1], 10);
	}
	sq_model_free(m);
	sq_diag_free(&d);
	free(text);
}

static void test_too_many(void)
{
	char *text = malloc(60 * 64);
	size_t n = 0;
	for (int i = 0; i < 60; i++)
		n += (size_t)sprintf(text + n, "Name: a\nDistrict: d\nStreet: s\nCode: x\n\n");
	struct sq_diag d = {0};
	CHECK(sq_load_buffer("t.rec", text, n, &d) == NULL);
	CHECK_INT(d.count, 51);
	const char *last = strstr(sq_diag_text(&d), "t.rec:249: bad Code 'x'");
	CHECK(last != NULL);
	if (last)
		CHECK_STR(last, "t.rec:249: bad Code 'x' (expected 12 digits)\n"
				"shequ: t.rec: too many errors\n");
	sq_diag_free(&d);
	free(text);
}

/* The loader's fast path: a value sq_text_clean accepts is kept as it is, in
 * the file's buffer, without sanitising or normalising it.  So every
 * character it lets through must be one that sanitising keeps and that stays
 * NFC beside any other it lets through: checked here over every code point
 * against libunistring itself (not against sq_sanitize, whose own shortcut is
 * the same predicate).  Letting U+0300-036F through makes this fail. */
/* Whether the one clean character e[0..k) (code point c), alone and beside
 * other clean text both ways round, is what sanitising and NFC keep as it
 * is; second marks the second halves of canonical compositions. */
static bool clean_is_kept(ucs4_t c, const uint8_t *e, int k, const uint8_t *second)
{
	static const char *const neighbours[] = {"a", "e", "A", "\xc3\xa9", "中", "\xe3\x80\x80"};
	size_t nl;
	uint8_t *norm = u8_normalize(UNINORM_NFC, e, (size_t)k, NULL, &nl);
	bool ok = sq_cp_sanitize(c) == c && uc_combining_class(c) == 0 &&
		  !(second[c / 8] >> (c % 8) & 1) && nl == (size_t)k &&
		  memcmp(norm, e, nl) == 0;
	free(norm);
	for (size_t i = 0; ok && i < sizeof neighbours / sizeof *neighbours; i++) {
		char pair[16];
		size_t nb = strlen(neighbours[i]);
		for (int order = 0; ok && order < 2; order++) {
			size_t pl = 0;
			if (order)
				memcpy(pair, e, (size_t)k), pl = (size_t)k;
			memcpy(pair + pl, neighbours[i], nb), pl += nb;
			if (!order)
				memcpy(pair + pl, e, (size_t)k), pl += (size_t)k;
			norm = u8_normalize(UNINORM_NFC, (const uint8_t *)pair, pl,
					    NULL, &nl);
			ok = sq_text_clean(pair, pl) && nl == pl &&
			     memcmp(norm, pair, pl) == 0;
			free(norm);
		}
	}
	return ok;
}

/* Every code point the fast path lets through is one that sanitising and
 * NFC would keep; those fit for an Alias are appended to all[0..*n). */
static void check_fast_path_chars(char *all, size_t *n)
{
	/* Second halves of canonical compositions: never clean (e + U+0301). */
	static uint8_t second[0x110000 / 8];
	for (ucs4_t x = 0; x < 0x110000; x++) {
		ucs4_t d[UC_DECOMPOSITION_MAX_LENGTH];
		if (uc_canonical_decomposition(x, d) == 2)
			second[d[1] / 8] |= (uint8_t)(1u << (d[1] % 8));
	}
	size_t accepted = 0;
	long bad = 0;
	for (ucs4_t c = 0; c < 0x110000; c++) {
		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		uint8_t e[4];
		int k = u8_uctomb(e, c, 4);
		if (!sq_text_clean((const char *)e, (size_t)k))
			continue;
		accepted++;
		if (!clean_is_kept(c, e, k, second) && bad++ < 10)
			fprintf(stderr, "U+%04X is let through the fast path but sanitising "
					"or NFC would change it\n", (unsigned)c);
		if (c >= 0x21 && c != 0x5C) /* an Alias of them below: no blank first, no joining backslash */
			memcpy(all + *n, e, (size_t)k), *n += (size_t)k;
	}
	CHECK_INT(bad, 0);
	/* not vacuous: ASCII, Latin, punctuation, CJK and fullwidth forms */
	CHECK(accepted > 70000);
}

/* What the loader does with clean text all[0..n): it stays in the buffer,
 * byte for byte (one Alias a 60 KB piece, cut at a character). */
static void check_clean_in_buffer(const char *all, size_t n)
{
	char *rec = malloc(n + n / 1000 + 1000);
	size_t r = (size_t)sprintf(rec, "Code: 000000000000\nDistrict: d\nStreet: s\nName: n\n");
	size_t pieces = 0;
	for (size_t at = 0; at < n; pieces++) {
		size_t len = n - at < 60000 ? n - at : 60000;
		while (at + len < n && ((unsigned char)all[at + len] & 0xc0) == 0x80)
			len--;
		r += (size_t)sprintf(rec + r, "Alias: ");
		memcpy(rec + r, all + at, len);
		r += len;
		rec[r++] = '\n';
		at += len;
	}
	struct sq_diag d = {0};
	struct sq_model *m = sq_load_buffer("t.rec", rec, r, &d);
	CHECK(m != NULL);
	fputs(sq_diag_text(&d), stderr);
	if (m) {
		CHECK_INT(m->comms[0].n_aliases, pieces);
		size_t at = 0;
		for (uint32_t i = 0; i < m->comms[0].n_aliases; i++) {
			const char *a = m->comms[0].aliases[i];
			CHECK(in_buf(m, a));
			CHECK(memcmp(a, all + at, strlen(a)) == 0);
			at += strlen(a);
		}
		CHECK_INT(at, n);
	}
	sq_model_free(m);
	sq_diag_free(&d);
	free(rec);
}

static void test_fast_path_agrees(void)
{
	char *all = malloc(4 * 0x110000);
	size_t n = 0;
	check_fast_path_chars(all, &n);
	check_clean_in_buffer(all, n);
	free(all);

	/* And what it is not: a letter and a combining accent are composed,
	 * the copy outside the buffer. */
	const char *accent = "Name: e\xcc\x81\nDistrict: d\nStreet: s\nCode: 000000000000\n";
	struct sq_diag d = {0};
	struct sq_model *m = sq_load_buffer("t.rec", accent, strlen(accent), &d);
	CHECK(m != NULL);
	if (m) {
		CHECK_STR(m->comms[0].name, "\xc3\xa9");
		CHECK(!in_buf(m, m->comms[0].name));
	}
	sq_model_free(m);
	sq_diag_free(&d);
}

/* The loader's own UTF-8 check reports the bytes u8_check does: random
 * lines of ASCII, CJK and every kind of bad or cut-off sequence. */
static void test_utf8_agrees(void)
{
	static const char *const pieces[] = {
		"a", "Name: x", "\xe7\x99\xbd", "\xc3\xa9", "\xf0\x9f\x98\x80", "\xe0\xa0\x80",
		"\xed\x9f\xbf", "\xee\x80\x80", "\xf4\x8f\xbf\xbf", "\xf1\x80\x80\x80",
		/* bad */
		"\x80", "\xbf", "\xc0\xaf", "\xc1\xbf", "\xc2", "\xe0\x9f\x80", "\xed\xa0\x80",
		"\xe7\x99", "\xe7", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80",
		"\xf8\x88\x80\x80\x80", "\xfe", "\xff", "\xf0\x9f\x98", "\xe7\x28\xa1",
	};
	uint32_t st = 99;
	int bad = 0;
	for (int round = 0; round < 400; round++) {
		char text[4096];
		size_t n = 0;
		int lines = 1 + (int)(st % 12);
		for (int l = 0; l < lines; l++) {
			int k = 1 + (int)((st = st * 1103515245u + 12345u) >> 16) % 6;
			for (int j = 0; j < k; j++) {
				st = st * 1103515245u + 12345u;
				/* mostly good pieces, so that runs of ASCII and CJK
				 * of every length meet the bad ones */
				size_t np = sizeof pieces / sizeof pieces[0];
				size_t pi = (st >> 16) % 4 ? (st >> 8) % 10 : (st >> 8) % np;
				size_t pl = strlen(pieces[pi]);
				memcpy(text + n, pieces[pi], pl);
				n += pl;
			}
			text[n++] = '\n';
		}
		/* what load() records: the first bad sequence of each line */
		char want[2048] = "";
		size_t wl = 0;
		const uint8_t *u = (const uint8_t *)text, *e = u + n, *b;
		while (u < e && (b = u8_check(u, (size_t)(e - u)))) {
			wl += (size_t)snprintf(want + wl, sizeof want - wl, "%zu ",
					       (size_t)(b - (const uint8_t *)text));
			const uint8_t *nl = memchr(b, '\n', (size_t)(e - b));
			u = nl ? nl + 1 : e;
		}
		struct sq_diag d = {0};
		sq_model_free(sq_load_buffer("t.rec", text, n, &d));
		char got[2048] = "";
		size_t gl = 0;
		for (const char *p = sq_diag_text(&d); (p = strstr(p, "invalid UTF-8 at byte "));) {
			p += strlen("invalid UTF-8 at byte ");
			gl += (size_t)snprintf(got + gl, sizeof got - gl, "%zu ",
					       (size_t)strtoul(p, NULL, 10));
		}
		if (strcmp(want, got) && bad++ < 3)
			fprintf(stderr, "utf-8: want %s got %s\n", want, got);
		sq_diag_free(&d);
	}
	CHECK_INT(bad, 0);
}

/* A file is read a window at a time (256 KiB), the same text given as a
 * buffer all at once: both must give the same diagnostics and model, with
 * lines, UTF-8 sequences, CRLFs and NULs across the window's edges. */
static char *describe_load(const char *path, const char *text, size_t len,
			   bool from_file)
{
	struct sq_diag d = {0};
	struct sq_model *m = from_file ? sq_load_file(path, &d)
				       : sq_load_buffer(path, text, len, &d);
	size_t cap = 1 << 20, n = 0;
	char *out = malloc(cap);
	n += (size_t)snprintf(out + n, cap - n, "%s|", sq_diag_text(&d));
	for (uint32_t i = 0; m && i < m->n_comms && n + 200 < cap; i++) {
		const struct sq_community *c = &m->comms[i];
		n += (size_t)snprintf(out + n, cap - n, "%u:%.20s:%s:%u:%zu:%u ", c->line,
				      c->name, c->code, c->n_aliases,
				      c->summary ? strlen(c->summary) : 0, c->street);
	}
	sq_model_free(m);
	sq_diag_free(&d);
	return out;
}

static void test_windows(void)
{
	enum { W = 256 * 1024, SIZE = 3 * W + 5000 };
	char path[] = "/tmp/test_load_XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	close(fd);
	char *text = malloc(SIZE + W + 10000);
	uint32_t st = 5;
	int bad = 0;
	for (int round = 0; round < 40; round++) {
		/* Records of random length, each with a summary padded so that
		 * something falls on a window edge now and then. */
		size_t n = 0;
		int r = 0;
		while (n < SIZE - 2000) {
			st = st * 1103515245u + 12345u;
			n += (size_t)sprintf(text + n, "Name: \xe7\x99\xbd%d\nDistrict: d\nStreet: s%d\n"
						       "Code: %012d\nSummary: ", r, r % 3, r);
			size_t edge = ((n / W) + 1) * W, pad = (st >> 8) % 300;
			if (edge - n < 400 && (st & 1))
				pad = edge - n - (st >> 4) % 4; /* ends near the edge */
			memset(text + n, 'y', pad);
			n += pad;
			/* mostly good, so that the parse goes on to the end
			 * (50 errors stop it) */
			static const char *const tails[] = {
				"\xe7\x99", "\xff", "\\", "\xe7\x99\xbd", "\xc3\xa9", "\r",
			};
			bool clean = round % 3 == 0; /* a model to compare */
			const char *t = !clean && (st >> 12) % 256 < 3 ? tails[(st >> 12) % 256]
				      : (st >> 12) % 2 ? tails[3 + (st >> 16) % 3] : "";
			n += (size_t)sprintf(text + n, "%s\n\n", t);
			r++;
			if (!clean && (st >> 20) % 97 == 0) {
				/* a line longer than the window */
				size_t l = W + (st >> 4) % 5000;
				memcpy(text + n, "Source: ", 8);
				memset(text + n + 8, 'z', l);
				n += 8 + l;
				n += (size_t)sprintf(text + n, "\n\n");
			}
		}
		if (round % 10 == 9) /* binary, late */
			text[n - 3] = '\0';
		FILE *f = fopen(path, "wb");
		if (!f || fwrite(text, 1, n, f) != n) {
			CHECK(false);
			break;
		}
		fclose(f);
		char *a = describe_load(path, text, n, true);
		char *b = describe_load(path, text, n, false);
		if (strcmp(a, b) && bad++ < 2)
			fprintf(stderr, "windows, round %d:\nfile:   %.300s\nbuffer: %.300s\n",
				round, a, b);
		free(a);
		free(b);
	}
	CHECK_INT(bad, 0);
	free(text);
	unlink(path);
}

static void test_bundled(void)
{
	const char *src = getenv("SHEQU_SRCDIR");
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/data/communities.rec", src ? src : "..");
	if (access(path, R_OK) != 0) {
		printf("test_load: %s not there yet, skipped\n", path);
		return;
	}
	struct sq_diag d = {0};
	double t0 = sq_now();
	struct sq_model *m = sq_load_file(path, &d);
	double ms = (sq_now() - t0) * 1e3;
	fputs(sq_diag_text(&d), stderr);
	CHECK(m != NULL);
	if (m) {
		CHECK_INT(m->n_comms, 14);
		CHECK_INT(m->n_streets, 14);
		CHECK_INT(m->n_districts, 7);
		printf("test_load: %s in %.2f ms\n", path, ms);
		for (uint32_t i = 0; i < m->n_comms; i++)
			CHECK(m->comms[i].name && m->comms[i].code);
	}
	sq_model_free(m);
	sq_diag_free(&d);
}

static int bench(const char *path)
{
	struct sq_diag d = {0};
	double t0 = sq_now();
	struct sq_model *m = sq_load_file(path, &d);
	double ms = (sq_now() - t0) * 1e3;
	if (!m) {
		fputs(sq_diag_text(&d), stderr);
		sq_diag_free(&d);
		return 1;
	}
	printf("%s: %u districts, %u streets, %u communities, %zu bytes in %.1f ms\n",
	       path, m->n_districts, m->n_streets, m->n_comms, m->buf_len, ms);
	sq_model_free(m);
	sq_diag_free(&d);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--bench") == 0)
		return bench(argv[2]);
	test_good();
	test_syntax();
	test_file_errors();
	test_continuation_errors();
	test_record_errors();
	test_value_errors();
	test_typed_values();
	test_nul_line();
	test_long_line();
	test_too_many();
	test_many_codes();
	test_fast_path_agrees();
	test_utf8_agrees();
	test_windows();
	test_bundled();
	return check_report("test_load");
}
