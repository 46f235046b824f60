/* SPDX-License-Identifier: MIT */
/* Search: keys, tiers and ranking, places and announced districts, terms,
 * codes, pinyin (tone numbers too), highlighting, where a hit was found and
 * its window at several widths (on the bundled data), and the cache of
 * incremental search agreeing with a fresh search.
 *
 * With SHEQU_SEARCH_BENCH=N it also times a fabricated model of N
 * communities (keying, full searches, typing), and with
 * SHEQU_SEARCH_BENCH_FILE=PATH writes the same records as a rec file, to
 * compare with grep -F over it. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <malloc.h>
#include <time.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "check.h"
#include "load.h"
#include "pinyin.h"
#include "search.h"
#include "text.h"
#include "util.h"

/* ---- A model built by hand ----------------------------------------------- */

struct comm_spec {
	const char *name, *name_en, *pinyin, *alias;
	uint32_t street;
	const char *summary, *summary_en;
	struct sq_service services[3];
	const char *announced, *announced_en; /* DistrictAnnounced(En) */
};

static const char *const district_names[][2] = {
	{"上城区", "Shangcheng District"},
	{"余杭区", "Yuhang District"},
	{"拱墅区", "Gongshu District"},
	{"西湖区", "Xihu District"},
};

static const struct {
	const char *zh, *en;
	uint32_t district;
	const char *code; /* the first nine digits of its communities' codes */
} street_specs[] = {
	{"南星街道", "Nanxing Subdistrict", 0, "330102008"},
	{"良渚街道", "Liangzhu Subdistrict", 1, "330110010"},
	{"拱宸桥街道", "Gongchenqiao Subdistrict", 2, "330105005"},
	{"北山街道", "Beishan Subdistrict", 3, "330106004"},
	{"长庆街道", NULL, 2, "330105003"},
};

enum {
	BAITALING, LIANGZHU, QIAOXI, BAITA, XIAOBAITA, BEISHAN, CHANGQING,
	LVYUAN, CAFE, BAILU, N_COMMS
};

static const struct comm_spec comm_specs[N_COMMS] = {
	[BAITALING] = {"白塔岭社区", "Baitaling Community", "bái tǎ lǐng shè qū",
		       NULL, 0, "位于玉皇山南基金小镇区块",
		       "In the Yuhuang Shannan Fund Town area",
		       {{SQ_CAT_FACILITIES, "国际化社区公共服务站",
			 "An international community public service station"},
			{SQ_CAT_MEDICAL, "邵逸夫国际医疗中心",
			 "Sir Run Run Shaw International Medical Center"}}},
	[LIANGZHU] = {"良渚文化村社区", "Liangzhu Culture Village Community", NULL,
		      NULL, 1, NULL, NULL,
		      {{SQ_CAT_LANGUAGE, "中文课堂", "Chinese classes"}}},
	[QIAOXI] = {"桥西社区", "Qiaoxi Community", "qiáo xī shè qū", "桥西大社区",
		    2, NULL, NULL,
		    {{SQ_CAT_CULTURE, "国际居民参加植树节活动",
		      "International residents join Tree Planting Day"}},
		    "江干区", "Jianggan District"},
	[BAITA] = {"白塔", NULL, NULL, NULL, 0, NULL, NULL, {{0}}},
	[XIAOBAITA] = {"小白塔社区", NULL, NULL, NULL, 0, NULL, NULL, {{0}}},
	[BEISHAN] = {"北山社区", NULL, NULL, NULL, 3, "靠近白塔公园",
		     "Near Baita Park", {{0}}, "杭州经济技术开发区",
		     "Hangzhou Economic and Technological Development Zone"},
	[CHANGQING] = {"长庆社区", "Changqing Community", "cháng qìng shè qū",
		       "长庆社区居民委员会",
		       4, NULL, NULL, {{0}}, "下城区", "Xiacheng District"},
	[LVYUAN] = {"绿园社区", NULL, NULL, NULL, 3, NULL, NULL, {{0}}},
	[CAFE] = {"咖啡社区", "Café Community", NULL, NULL, 3, NULL, NULL,
		  {{SQ_CAT_MEDICAL, "社区诊所", NULL}}},
	[BAILU] = {"白鹭郡社区", NULL, NULL, NULL, 3, NULL, NULL, {{0}}},
};

static char *dup(struct sq_arena *a, const char *s)
{
	return s ? sq_arena_strndup(a, s, strlen(s)) : NULL;
}

/* The communities above, then fillers (第1组 ...) that make the model big
 * enough for incremental search to re-examine earlier hits rather than
 * sweep. */
static struct sq_model *make_model(uint32_t fillers)
{
	struct sq_model *m = sq_xcalloc(1, sizeof *m);
	struct sq_arena *a = m->arena = sq_arena_new();
	m->n_districts = SQ_ARRAY_LEN(district_names);
	m->districts = sq_xcalloc(m->n_districts, sizeof *m->districts);
	for (uint32_t d = 0; d < m->n_districts; d++) {
		m->districts[d].name = dup(a, district_names[d][0]);
		m->districts[d].name_en = dup(a, district_names[d][1]);
	}
	m->n_streets = SQ_ARRAY_LEN(street_specs);
	m->streets = sq_xcalloc(m->n_streets, sizeof *m->streets);
	for (uint32_t s = 0; s < m->n_streets; s++) {
		m->streets[s].name = dup(a, street_specs[s].zh);
		m->streets[s].name_en = dup(a, street_specs[s].en);
		m->streets[s].district = street_specs[s].district;
	}
	m->n_comms = N_COMMS + fillers;
	m->comms = sq_xcalloc(m->n_comms, sizeof *m->comms);
	for (uint32_t i = 0; i < m->n_comms; i++) {
		char filler[32];
		struct comm_spec fs = {.name = filler, .street = i % 5};
		snprintf(filler, sizeof filler, "第%u组", i);
		const struct comm_spec *cs = i < N_COMMS ? &comm_specs[i] : &fs;
		struct sq_community *c = &m->comms[i];
		c->name = dup(a, cs->name);
		c->name_en = dup(a, cs->name_en);
		c->pinyin = dup(a, cs->pinyin);
		char code[16];
		snprintf(code, sizeof code, "%s%03u", street_specs[cs->street].code,
			 i < N_COMMS ? i + 1 : 100 + i % 900);
		c->code = dup(a, code);
		c->summary = dup(a, cs->summary);
		c->summary_en = dup(a, cs->summary_en);
		c->district_announced = dup(a, cs->announced);
		c->district_announced_en = dup(a, cs->announced_en);
		if (cs->alias) {
			c->aliases = sq_arena_alloc(a, sizeof *c->aliases);
			c->aliases[0] = dup(a, cs->alias);
			c->n_aliases = 1;
		}
		while (c->n_services < 3 && cs->services[c->n_services].zh)
			c->n_services++;
		c->services = sq_arena_alloc(a, (c->n_services + 1) * sizeof *c->services);
		for (uint32_t v = 0; v < c->n_services; v++) {
			c->services[v] = cs->services[v];
			c->services[v].zh = dup(a, cs->services[v].zh);
			c->services[v].en = dup(a, cs->services[v].en);
		}
		c->foreign_residents.value = c->staff.value = c->volunteers.value = -1;
		c->street = cs->street;
		c->line = i + 1;
	}
	/* Group by street and district, as the loader does. */
	m->street_comms = sq_xcalloc(m->n_comms, sizeof *m->street_comms);
	uint32_t k = 0;
	for (uint32_t s = 0; s < m->n_streets; s++) {
		m->streets[s].first = k;
		for (uint32_t i = 0; i < m->n_comms; i++)
			if (m->comms[i].street == s)
				m->street_comms[k++] = i;
		m->streets[s].count = k - m->streets[s].first;
	}
	m->district_streets = sq_xcalloc(m->n_streets, sizeof *m->district_streets);
	k = 0;
	for (uint32_t d = 0; d < m->n_districts; d++) {
		m->districts[d].first = k;
		for (uint32_t s = 0; s < m->n_streets; s++)
			if (m->streets[s].district == d)
				m->district_streets[k++] = s;
		m->districts[d].count = k - m->districts[d].first;
	}
	return m;
}

/* ---- Helpers ------------------------------------------------------------- */

/* "i:T i:T ...": community and tier (Exact, Prefix, Substring, pinYin,
 * Text), for readable checks. */
static char *describe(const struct sq_hit *h, size_t n)
{
	static char buf[1024];
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && len < sizeof buf - 16; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%u:%c",
					i ? " " : "", h[i].comm, "EPSYTN"[h[i].tier]);
	return buf;
}

static char *search(struct sq_searcher *s, const char *q)
{
	struct sq_hit *h;
	size_t n = sq_search(s, q, &h);
	char *d = describe(h, n);
	free(h);
	return d;
}

/* The tier a community is found at by query, or SQ_TIER_NONE. */
static int tier_of(struct sq_searcher *s, const char *q, uint32_t comm)
{
	struct sq_hit *h;
	size_t n = sq_search(s, q, &h);
	int t = SQ_TIER_NONE;
	for (size_t i = 0; i < n; i++)
		if (h[i].comm == comm)
			t = h[i].tier;
	free(h);
	return t;
}

static char *key(const char *s)
{
	static char buf[256];
	char *k = sq_search_key(s, strlen(s), NULL);
	snprintf(buf, sizeof buf, "%s", k);
	free(k);
	return buf;
}

/* ---- Keys ---------------------------------------------------------------- */

/* The key of one code point computed the slow, obvious way. */
static size_t reference_key(ucs4_t c, uint8_t *out)
{
	uint8_t in[6];
	int n = u8_uctomb(in, c, sizeof in);
	size_t l1, l2;
	uint8_t *r1 = u8_casefold(in, (size_t)n, NULL, UNINORM_NFKD, NULL, &l1);
	uint8_t *r2 = u8_casefold(r1, l1, NULL, UNINORM_NFKD, NULL, &l2);
	size_t k = 0;
	bool space = false;
	for (size_t i = 0; i < l2;) {
		ucs4_t d;
		int l = u8_mbtouc(&d, r2 + i, l2 - i);
		if (uc_is_property_white_space(d)) {
			space = k > 0;
		} else if (!uc_is_general_category(d, UC_CATEGORY_Mn)) {
			if (space)
				out[k++] = ' ';
			space = false;
			memcpy(out + k, r2 + i, (size_t)l);
			k += (size_t)l;
		}
		i += (size_t)l;
	}
	free(r1);
	free(r2);
	return k;
}

static void test_keys(void)
{
	CHECK_STR(key("  Bái  Tǎ\tLǐng \n"), "bai ta ling");
	CHECK_STR(key("báitǎlǐng"), "baitaling");
	CHECK_STR(key("ＡＢＣ"), "abc");
	CHECK_STR(key("Ｂａｉ　Ｔａ"), "bai ta"); /* ideographic space */
	CHECK_STR(key("Straße"), "strasse");
	CHECK_STR(key("ﬁle ①"), "file 1");
	CHECK_STR(key("İstanbul"), "istanbul");
	CHECK_STR(key("Cafe\xCC\x81"), "cafe");
	CHECK_STR(key("lǜ"), "lu");
	CHECK_STR(key("白塔岭社区，“新市民之家”。"), "白塔岭社区,“新市民之家”。");
	CHECK_STR(key("（１＋１）"), "(1+1)");
	CHECK_STR(key(""), "");
	CHECK_STR(key(" \t "), "");
	size_t len = 99;
	char *k = sq_search_key("ABCDEF", 3, &len);
	CHECK_STR(k, "abc");
	CHECK_INT(len, 3);
	free(k);

	/* Every code point: the fast paths agree with the general one. */
	int bad = 0;
	for (ucs4_t c = 1; c <= 0x10FFFF; c++) {
		if (c >= 0xD800 && c < 0xE000)
			continue;
		if (c > 0x30000 && c < 0xE0000)
			c = 0xE0000; /* unassigned planes */
		uint8_t in[6], want[64];
		int n = u8_uctomb(in, c, sizeof in);
		size_t wlen = reference_key(c, want), glen;
		char *got = sq_search_key((const char *)in, (size_t)n, &glen);
		if (glen != wlen || memcmp(got, want, wlen)) {
			if (bad++ < 5)
				fprintf(stderr, "key of U+%04X differs\n", c);
		}
		free(got);
	}
	CHECK_INT(bad, 0);
}

/* ---- Searching ----------------------------------------------------------- */

static void test_tiers(struct sq_searcher *s)
{
	CHECK_STR(search(s, "白塔岭社区"), "0:E");
	/* exact, prefix, substring, then text (a summary), each once */
	CHECK_STR(search(s, "白塔"), "3:E 0:P 4:S 5:T");
	CHECK_STR(search(s, "桥西大社区"), "2:E");  /* alias */
	CHECK_STR(search(s, "桥西大"), "2:P");
	CHECK_STR(search(s, "西大"), "2:S");
	CHECK_STR(search(s, "qiaoxi community"), "2:E");
	/* ties in file order */
	CHECK_STR(search(s, "社区"), "0:S 1:S 2:S 4:S 5:S 6:S 7:S 8:S 9:S");
	/* text: services in both languages, summaries */
	CHECK_STR(search(s, "邵逸夫"), "0:T");
	CHECK_STR(search(s, "SIR RUN  run"), "0:T");
	CHECK_STR(search(s, "chinese classes"), "1:T");
	CHECK_STR(search(s, "植树"), "2:T");
	CHECK_STR(search(s, "fund town"), "0:T");
	/* street and district names, at the text tier */
	CHECK_STR(search(s, "南星"), "0:T 3:T 4:T");
	CHECK_STR(search(s, "nanxing subdistrict"), "0:T 3:T 4:T");
	CHECK_STR(search(s, "余杭"), "1:T");
	CHECK_STR(search(s, "yuhang"), "1:T");
	CHECK_STR(search(s, "长庆街道"), "6:T");
	/* the district the announcement named, in either language */
	CHECK_STR(search(s, "下城区"), "6:T");
	CHECK_STR(search(s, "Xiacheng District"), "6:T");
	CHECK_STR(search(s, "jianggan"), "2:T");
	CHECK_STR(search(s, "Economic and Technological"), "5:T");
	CHECK_STR(search(s, "经济技术"), "5:T");
	/* places by pinyin too, full or initials, as names are */
	CHECK_STR(search(s, "xh"), "5:T 7:T 8:T 9:T");
	CHECK_STR(search(s, "xhq"), "5:T 7:T 8:T 9:T");
	CHECK_STR(search(s, "nxjd"), "0:T 3:T 4:T");
	CHECK_STR(search(s, "nanxingjie"), "0:T 3:T 4:T");
	CHECK_STR(search(s, "gong chen qiao"), "2:T");
	CHECK_STR(search(s, "jgq"), "2:T");
	CHECK_STR(search(s, "jjjs"), "5:T");
	/* case, width and accent insensitive */
	CHECK_STR(search(s, "CAFÉ"), "8:P");
	CHECK_STR(search(s, "ｃａｆｅ"), "8:P");
	CHECK_STR(search(s, "Cafe community"), "8:E");
	/* empty */
	CHECK_STR(search(s, ""), "");
	CHECK_STR(search(s, "   "), "");
	CHECK_STR(search(s, "　"), "");
	CHECK_STR(search(s, NULL), "");
	CHECK_STR(search(s, "nothing like this"), "");
}

/* A code finds its community; six digits or more, the communities under
 * them. */
static void test_codes(struct sq_searcher *s)
{
	CHECK_STR(search(s, "330102008001"), "0:E");
	CHECK_STR(search(s, " 330105003007 "), "6:E");
	CHECK_STR(search(s, "３３０１０２００８００１"), "0:E");
	CHECK_STR(search(s, "330102008"), "0:P 3:P 4:P");   /* 南星街道 */
	CHECK_STR(search(s, "330105"), "2:P 6:P");          /* 拱墅区 */
	CHECK_STR(search(s, "33010"), "");
	CHECK_STR(search(s, "3301020080011"), "");
	CHECK_STR(search(s, "330102008001 bt"), "0:Y");
	CHECK_STR(search(s, "330105 qx"), "2:Y");
}

/* Terms separated by spaces must all match, anywhere, in any order. */
static void test_terms(struct sq_searcher *s)
{
	CHECK_STR(search(s, "植树 节"), "2:T");
	CHECK_STR(search(s, "植树\u3000节"), "2:T");    /* ideographic space */
	CHECK_STR(search(s, "节 植树"), "2:T");
	CHECK_STR(search(s, "day tree"), "2:T");
	CHECK_STR(search(s, "Tree planting day."), "2:T");
	/* punctuation from an input method: at the ends, and between terms */
	CHECK_STR(search(s, "植树节。"), "2:T");
	CHECK_STR(search(s, "“植树节”"), "2:T");
	CHECK_STR(search(s, "植树，节"), "2:T");
	CHECK_STR(search(s, "植树、节！"), "2:T");
	CHECK_STR(search(s, "。"), "");
	CHECK_STR(search(s, " ，。 ! "), "");
	/* across fields: a district's English name and a name, pinyin */
	CHECK_STR(search(s, "xihu 咖啡"), "8:T");
	CHECK_STR(search(s, "咖啡 xh"), "8:T");
	CHECK_STR(search(s, "kf xhq"), "5:T 8:T"); /* 5: 经济技术开发区 */
	CHECK_STR(search(s, "植树 xihu"), "");
	/* a term's tier is its best; the query's, its worst term's */
	CHECK_STR(search(s, "baitaling community"), "0:E");
	CHECK_STR(search(s, "community baitaling"), "0:S");
	CHECK_STR(search(s, "白塔 社区"), "0:S 4:S 5:T");
}

static void test_pinyin(struct sq_searcher *s)
{
	/* Full, spaced, toned, initials; the English name catches some first
	 * (spaced: each term is in "Baitaling Community"). */
	CHECK_INT(tier_of(s, "baitaling", BAITALING), SQ_TIER_PREFIX);
	CHECK_INT(tier_of(s, "bai ta ling", BAITALING), SQ_TIER_SUBSTRING);
	CHECK_INT(tier_of(s, "báitǎlǐng", BAITALING), SQ_TIER_PREFIX);
	CHECK_INT(tier_of(s, "bái tǎ lǐng", BAITALING), SQ_TIER_SUBSTRING);
	CHECK_INT(tier_of(s, "btl", BAITALING), SQ_TIER_PINYIN);
	CHECK_INT(tier_of(s, "BTL", BAITALING), SQ_TIER_PINYIN);
	CHECK_INT(tier_of(s, "ｂｔｌ", BAITALING), SQ_TIER_PINYIN);
	CHECK_INT(tier_of(s, "b t l", BAITALING), SQ_TIER_SUBSTRING);
	/* tone numbers, as tone marks, after a syllable or its initial */
	CHECK_STR(search(s, "bai2 ta3 ling3"), "0:Y");
	CHECK_STR(search(s, "bai2ta3ling3"), "0:Y");
	CHECK_STR(search(s, "BAI2TA3"), "0:Y 3:Y 4:Y");
	CHECK_STR(search(s, "b2t3l3"), "0:Y");
	CHECK_STR(search(s, "lv4yuan2"), "7:Y");
	CHECK_STR(search(s, "cha2ng"), "");
	CHECK_STR(search(s, "btl"), "0:Y");
	/* prefixes of syllables, anywhere in the name */
	CHECK_INT(tier_of(s, "baitl", BAITALING), SQ_TIER_PINYIN);
	CHECK_INT(tier_of(s, "btling", BAITALING), SQ_TIER_PINYIN);
	CHECK_INT(tier_of(s, "tlsq", BAITALING), SQ_TIER_PINYIN);
	CHECK_INT(tier_of(s, "lingshe", BAITALING), SQ_TIER_PINYIN);
	/* bail: 白 then 岭 is not a run of 白塔岭, but 白鹭 is */
	CHECK_STR(search(s, "bail"), "9:Y");
	CHECK_INT(tier_of(s, "btx", BAITALING), SQ_TIER_NONE);
	CHECK_INT(tier_of(s, "baitaa", BAITALING), SQ_TIER_NONE);
	/* "bt" finds every run bai-ta, in file order after better tiers */
	CHECK_STR(search(s, "bt"), "0:Y 3:Y 4:Y");
	/* mixed: Chinese characters match themselves */
	CHECK_STR(search(s, "良渚wh"), "1:Y");
	CHECK_STR(search(s, "良渚 wen hua"), "1:Y");
	CHECK_STR(search(s, "lz文h"), "1:Y");
	CHECK_STR(search(s, "lzwhc"), "1:Y");
	CHECK_INT(tier_of(s, "liangzhu", LIANGZHU), SQ_TIER_PREFIX);
	CHECK_INT(tier_of(s, "liang zhu", LIANGZHU), SQ_TIER_SUBSTRING);
	/* zh ch sh as one letter or two */
	CHECK_INT(tier_of(s, "lzh", LIANGZHU), SQ_TIER_PINYIN);
	CHECK_INT(tier_of(s, "lz", LIANGZHU), SQ_TIER_PINYIN);
	CHECK_INT(tier_of(s, "sq", BAITALING), SQ_TIER_PINYIN);
	CHECK_INT(tier_of(s, "shq", BAITALING), SQ_TIER_PINYIN);
	/* The Pinyin field settles 长: cháng, not the table's zhǎng.  (Then
	 * the places: 上城区, 拱宸桥街道.) */
	CHECK_STR(search(s, "cq"), "6:Y 0:T 2:T 3:T 4:T");
	CHECK_STR(search(s, "chq"), "6:Y 0:T 2:T 3:T 4:T");
	CHECK_STR(search(s, "chang qing"), "6:S"); /* Changqing Community */
	/* Its street 长庆街道 has no Pinyin field: the table's zhǎng. */
	CHECK_STR(search(s, "zq"), "6:T");
	CHECK_STR(search(s, "zhangqing"), "6:T");
	/* and in an alias holding the name */
	CHECK_STR(search(s, "cqsqj"), "6:Y");
	CHECK_STR(search(s, "zqsqj"), "");
	CHECK_STR(search(s, "jmwyh"), "6:Y");
	/* ü as v or u */
	CHECK_STR(search(s, "lvyuan"), "7:Y");
	CHECK_STR(search(s, "luyuan"), "7:Y");
	CHECK_STR(search(s, "lǜyuán"), "7:Y");
	CHECK_STR(search(s, "LÜ Y"), "7:Y");
	CHECK_STR(search(s, "ly"), "7:Y");
	/* aliases have pinyin too (table) */
	CHECK_INT(tier_of(s, "qxds", QIAOXI), SQ_TIER_PINYIN);
	/* a query too long for pinyin is just text */
	CHECK_STR(search(s, "baitalingbaitalingbaitalingbaitalingbaitalingbaitalingbaitaling"),
		  "");
}

/* ---- Incremental search agrees with a fresh one -------------------------- */

static bool same_as_fresh(struct sq_searcher *s, const struct sq_model *m,
			  const char *q)
{
	struct sq_searcher *fresh = sq_searcher_new(m);
	struct sq_hit *a, *b;
	size_t na = sq_search(s, q, &a), nb = sq_search(fresh, q, &b);
	bool same = na == nb && memcmp(a, b, na * sizeof *a) == 0;
	if (!same)
		fprintf(stderr, "incremental \"%s\": %s\n", q, describe(a, na));
	free(a);
	free(b);
	sq_searcher_free(fresh);
	return same;
}

static void test_incremental(void)
{
	struct sq_model *m = make_model(300);
	static const char *const typed[] = {
		"b", "ba", "bai", "bait", "baita", "baital", "bai", "ba", "b",
		"白", "白塔", "白塔岭", "白塔", "白", "良", "良渚", "良渚w", "良渚wh",
		"l", "lz", "lzw", "lzwh", "c", "ca", "caf", "cafe", "cafe ", "cafe c",
		"s", "sq", "社", "社区", "q", "qi", "qia", "qiao", "qiaox",
		"lu", "luy", "n", "na", "nan", "南", "南星",
		"bai2", "bai2t", "bai2ta3", "bai2ta3l", "x", "xh", "xhq",
		"植", "植树", "植树 ", "植树 节", "植树 节。", "x", "xi", "xihu",
		"xihu ", "xihu k", "xihu kf", "bai ta", "bai ta l", "bai tal",
		"3", "33", "330", "3301", "33010", "330102", "3301020",
		"33010200", "330102008", "3301020080", "33010200800",
		"330102008001", "3301020080011", "330102008001 ", "330102008001 b",
		"a 3", "a 33", "a 330", "a 3301", "a 33010", "a 330102",
	};
	struct sq_searcher *s = sq_searcher_new(m);
	int bad = 0;
	for (size_t i = 0; i < SQ_ARRAY_LEN(typed); i++)
		bad += !same_as_fresh(s, m, typed[i]);
	CHECK_INT(bad, 0);

	/* Random typing over an alphabet that hits every tier. */
	static const char *const alphabet[] = {
		"b", "a", "i", "t", "l", "n", "g", "s", "h", "q", "u", "z", "c",
		"白", "塔", "社", "区", "良", "渚", " ", "e", "o", "y", "v",
	};
	srand(7);
	for (int round = 0; round < 300; round++) {
		char q[128] = "";
		int len = 1 + rand() % 7;
		for (int j = 0; j < len; j++) {
			strcat(q, alphabet[rand() % SQ_ARRAY_LEN(alphabet)]);
			bad += !same_as_fresh(s, m, q);
		}
	}
	CHECK_INT(bad, 0);
	sq_searcher_free(s);
	sq_model_free(m);
}

/* A small deterministic generator, for models made up by tests. */
static uint32_t rnd(uint32_t *state, uint32_t n)
{
	*state = *state * 1103515245u + 12345u;
	return (*state >> 8) % n;
}

/* ---- Pinyin against an obvious matcher ----------------------------------- */

/* Names from a small pool (polyphones, ü, zh/ch/sh, a zero-initial syllable)
 * and letter queries: every hit is a pinyin hit, checked by backtracking. */
static const char pinyin_pool[] = "白塔岭良渚文化村长庆绿女吕略中山东安西爱二银行";

static uint32_t pool_cp(size_t i)
{
	const unsigned char *u = (const unsigned char *)pinyin_pool + 3 * i;
	return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 |
	       (u[2] & 0x3F);
}

static bool letter_fits(char q, char syl)
{
	return q == syl || (syl == 'v' && q == 'u');
}

/* Does q[0..) consume units cps[j..) from a run's j-th character on? */
static bool ref_from(const char *q, const uint32_t *cps, size_t n, size_t j)
{
	if (!*q)
		return true;
	if (j == n)
		return false;
	const char *syl = sq_pinyin_of(cps[j]);
	for (size_t k = 0; syl && syl[k] && letter_fits(q[k], syl[k]); k++)
		if (ref_from(q + k + 1, cps, n, j + 1))
			return true;
	return false;
}

static void test_pinyin_reference(void)
{
	const size_t pool = (sizeof pinyin_pool - 1) / 3;
	const uint32_t n = 300;
	struct sq_model *m = sq_xcalloc(1, sizeof *m);
	struct sq_arena *a = m->arena = sq_arena_new();
	m->n_districts = m->n_streets = 1;
	m->districts = sq_xcalloc(1, sizeof *m->districts);
	m->streets = sq_xcalloc(1, sizeof *m->streets);
	m->districts[0].name = "甲";
	m->streets[0].name = "乙";
	m->n_comms = n;
	m->comms = sq_xcalloc(n, sizeof *m->comms);
	uint32_t cps[300][6];
	size_t lens[300];
	uint32_t st = 11;
	for (uint32_t i = 0; i < n; i++) {
		char buf[32];
		lens[i] = 1 + rnd(&st, 5);
		for (size_t j = 0; j < lens[i]; j++) {
			size_t p = rnd(&st, (uint32_t)pool);
			cps[i][j] = pool_cp(p);
			memcpy(buf + 3 * j, pinyin_pool + 3 * p, 3);
		}
		m->comms[i].name = sq_arena_strndup(a, buf, 3 * lens[i]);
		m->comms[i].code = "330100000000";
	}

	struct sq_searcher *s = sq_searcher_new(m);
	static const char letters[] = "abcdeghilnoqstuvwxyz";
	int bad = 0, found = 0;
	for (int round = 0; round < 2000; round++) {
		char q[8];
		size_t len = 1 + rnd(&st, 6);
		for (size_t j = 0; j < len; j++)
			q[j] = letters[rnd(&st, sizeof letters - 1)];
		q[len] = '\0';
		struct sq_hit *h;
		size_t nh = sq_search(s, q, &h), k = 0;
		for (uint32_t i = 0; i < n; i++) {
			bool want = false;
			for (size_t j = 0; j < lens[i] && !want; j++)
				want = ref_from(q, cps[i], lens[i], j);
			bool got = k < nh && h[k].comm == i;
			if (got)
				k++;
			found += got;
			if (want != got && bad++ < 5)
				fprintf(stderr, "pinyin \"%s\" on %s: got %d\n", q,
					m->comms[i].name, got);
		}
		free(h);
	}
	CHECK_INT(bad, 0);
	CHECK(found > 2000); /* the queries do hit */
	sq_searcher_free(s);
	sq_model_free(m);
}

/* ---- Pinyin without letters ----------------------------------------------- */

/* A query without letters matches in pinyin only character by character,
 * spaces and apostrophes left out on both sides: names that hold some are
 * looked at one by one, and a query that holds some is looked for without
 * them.  NameEn takes no part in pinyin. */
static void test_pinyin_spaces(void)
{
	static const char *const names[][2] = {
		{"白塔 岭", NULL}, {"白塔岭社区", NULL}, {"西\u2019安村", NULL},
		{"老西安", NULL},   {"ab'cd", NULL},     {"Ab Cd", NULL},
		{"甲", "Bai Ta"},   {"Hu Xi Lu", NULL},  {"Da Xi Hu", NULL},
	};
	const uint32_t n = SQ_ARRAY_LEN(names);
	struct sq_model *m = sq_xcalloc(1, sizeof *m);
	struct sq_arena *a = m->arena = sq_arena_new();
	m->n_districts = m->n_streets = 1;
	m->districts = sq_xcalloc(1, sizeof *m->districts);
	m->streets = sq_xcalloc(1, sizeof *m->streets);
	m->districts[0].name = "甲区";
	m->streets[0].name = "乙街道";
	m->streets[0].count = n;
	m->n_comms = n;
	m->comms = sq_xcalloc(n, sizeof *m->comms);
	m->street_comms = sq_xcalloc(n, sizeof *m->street_comms);
	m->district_streets = sq_xcalloc(1, sizeof *m->district_streets);
	for (uint32_t i = 0; i < n; i++) {
		m->comms[i].name = dup(a, names[i][0]);
		m->comms[i].name_en = dup(a, names[i][1]);
		m->comms[i].code = "330100000000";
		m->street_comms[i] = i;
	}
	struct sq_searcher *s = sq_searcher_new(m);
	CHECK_STR(search(s, "白塔岭"), "1:P 0:Y");
	CHECK_STR(search(s, "白塔 岭"), "0:E 1:S");
	CHECK_STR(search(s, "西安"), "3:S 2:Y");
	CHECK_STR(search(s, "西 安"), "2:S 3:S");
	CHECK_STR(search(s, "西'安村"), "2:Y");
	CHECK_STR(search(s, "abcd"), "4:Y 5:Y");
	CHECK_STR(search(s, "baita"), "0:Y 1:Y");
	CHECK_STR(search(s, "bai ta"), "6:E 0:Y 1:Y");
	CHECK_STR(search(s, "塔岭社"), "1:S");
	CHECK_STR(search(s, "乙街道"), "0:T 1:T 2:T 3:T 4:T 5:T 6:T 7:T 8:T");
	/* at one tier, the whole query before its terms apart */
	CHECK_STR(search(s, "xi hu"), "8:S 7:S");
	CHECK_STR(search(s, "hu xi"), "7:P 8:S");
	sq_searcher_free(s);

	static const char *const typed[] = {
		"白", "白塔", "白塔 ", "白塔 岭", "白塔岭", "西", "西 ", "西 安",
		"a", "ab", "ab ", "ab c", "b", "ba", "bai", "bai ", "bai t", "乙",
	};
	s = sq_searcher_new(m);
	int bad = 0;
	for (size_t i = 0; i < SQ_ARRAY_LEN(typed); i++)
		bad += !same_as_fresh(s, m, typed[i]);
	CHECK_INT(bad, 0);
	sq_searcher_free(s);
	sq_model_free(m);
}

/* ---- Highlighting -------------------------------------------------------- */

static char *marks(const char *text, const char *pinyin, const char *q,
		   bool names)
{
	static char buf[256];
	unsigned char mark[256];
	size_t n = strlen(text);
	memset(mark, 7, sizeof mark);
	bool any = names ? sq_highlight(text, pinyin, q, mark)
			 : sq_highlight_text(text, q, mark);
	for (size_t i = 0; i < n; i++)
		buf[i] = mark[i] == 1 ? '^' : mark[i] == 0 ? '.' : '?';
	buf[n] = '\0';
	if (any != (strchr(buf, '^') != NULL))
		return "(return value disagrees)";
	return buf;
}

static void test_highlight(void)
{
	/* Chinese substring: three bytes a character */
	CHECK_STR(marks("白塔岭社区", NULL, "塔岭", true), "...^^^^^^......");
	/* pinyin initials, with and without the field */
	CHECK_STR(marks("白塔岭社区", "bái tǎ lǐng shè qū", "btl", true),
		  "^^^^^^^^^......");
	CHECK_STR(marks("白塔岭社区", NULL, "bai ta", true), "^^^^^^.........");
	CHECK_STR(marks("白塔岭社区", NULL, "bai2 ta3", true), "^^^^^^.........");
	/* a digit after a letter is a tone or itself */
	CHECK_STR(marks("B2栋", NULL, "b2d", true), "^^^^^");
	CHECK_STR(marks("B2栋", NULL, "bd", true), ".....");
	CHECK_STR(marks("良渚文化村社区", NULL, "良渚wh", true),
		  "^^^^^^^^^^^^.........");
	CHECK_STR(marks("长庆社区", "cháng qìng shè qū", "cq", true),
		  "^^^^^^......");
	CHECK_STR(marks("长庆社区", NULL, "cq", true), "............");
	CHECK_STR(marks("长庆社区", NULL, "zq", true), "^^^^^^......");
	/* English, case- and width-insensitive, every occurrence */
	CHECK_STR(marks("Baitaling Community", NULL, "COMM", true),
		  "..........^^^^.....");
	CHECK_STR(marks("Baitaling Community", NULL, "ｂａｉ", true),
		  "^^^................");
	CHECK_STR(marks("Baitaling Community", NULL, "i", true),
		  "..^...^.........^..");
	CHECK_STR(marks("Baitaling Community", NULL, "ling com", true),
		  ".....^^^^^^^^......");
	/* source text that changes length as a key */
	CHECK_STR(marks("ＡＢＣ社区", NULL, "abc", true), "^^^^^^^^^......");
	CHECK_STR(marks("Café Community", NULL, "cafe", true), "^^^^^..........");
	CHECK_STR(marks("Cafe\xCC\x81 Community", NULL, "cafe", true),
		  "^^^^^^..........");
	CHECK_STR(marks("Straße", NULL, "ss", true), "....^^.");
	CHECK_STR(marks("Bai  Ta", NULL, "bai ta", true), "^^^^^^^");
	/* nothing */
	CHECK_STR(marks("白塔岭社区", NULL, "", true), "...............");
	CHECK_STR(marks("白塔岭社区", NULL, "  ", true), "...............");
	CHECK_STR(marks("白塔岭社区", NULL, "xyz", true), "...............");
	CHECK_STR(marks("", NULL, "xyz", true), "");
	/* terms: each marked, punctuation from an input method left out */
	CHECK_STR(marks("国际居民参加植树节活动", NULL, "节 植树", false),
		  "..................^^^^^^^^^......");
	CHECK_STR(marks("国际居民参加植树节活动", NULL, "植树节。", false),
		  "..................^^^^^^^^^......");
	CHECK_STR(marks("白塔岭社区", NULL, "sq 白", true), "^^^......^^^^^^");
	CHECK_STR(marks("Tree Planting Day", NULL, "day, tree", false),
		  "^^^^..........^^^");
	/* other text: occurrences only, never pinyin */
	CHECK_STR(marks("国际居民参加植树节活动", NULL, "植树", false),
		  "..................^^^^^^.........");
	CHECK_STR(marks("国际居民参加植树节活动", NULL, "gj", false),
		  ".................................");
	CHECK_STR(marks("国际居民参加植树节活动", NULL, "gj", true),
		  "^^^^^^...........................");
}

/* ---- Where a hit was found, and a window of it ---------------------------- */

static const char *const field_names[] = {
	"none", "name", "alias", "street", "district", "announced", "service",
	"summary", "code",
};

/* "field/lang[index]: text with [marked] parts", for readable checks. */
static char *found(const struct sq_model *m, uint32_t comm, const char *q,
		   enum sq_lang lang, unsigned shown)
{
	static char buf[1024];
	struct sq_found f = {0};
	bool any = sq_search_found(m, comm, q, lang, shown, &f);
	int len = snprintf(buf, sizeof buf, "%s/%s[%u]%s: ", field_names[f.field],
			   f.lang == SQ_EN ? "en" : "zh", f.index,
			   f.shown ? " shown" : "");
	for (size_t i = 0; i < f.len && len < (int)sizeof buf - 8; i++) {
		if (f.mark[i] && (i == 0 || !f.mark[i - 1]))
			buf[len++] = '[';
		buf[len++] = f.text[i];
		if (f.mark[i] && (i + 1 == f.len || !f.mark[i + 1]))
			buf[len++] = ']';
	}
	buf[len] = '\0';
	if (any != (f.field != SQ_FIELD_NONE) || f.first_end <= f.first) {
		if (any)
			snprintf(buf, sizeof buf, "(first match empty)");
	}
	sq_found_free(&f);
	return buf;
}

/* The window of the found text at a width, rendered, matches in []. */
static char *window(const struct sq_model *m, uint32_t comm, const char *q,
		    enum sq_lang lang, int cols)
{
	static char buf[1024];
	struct sq_found f = {0};
	sq_search_found(m, comm, q, lang, 0, &f);
	struct sq_window w = sq_found_window(&f, cols);
	struct sq_buf b = {0};
	unsigned char mark[512];
	size_t n = sq_window_render(&f, &w, &b, mark);
	int len = 0;
	for (size_t i = 0; i < n && len < (int)sizeof buf - 8; i++) {
		if (mark[i] && (i == 0 || !mark[i - 1]))
			buf[len++] = '[';
		buf[len++] = b.data[i];
		if (mark[i] && (i + 1 == n || !mark[i + 1]))
			buf[len++] = ']';
	}
	buf[len] = '\0';
	if (n != w.bytes || b.len != n || sq_width(b.data, b.len) != w.width ||
	    w.width > cols)
		snprintf(buf, sizeof buf, "(window of %d cells, %zu bytes wrong)",
			 w.width, n);
	sq_buf_free(&b);
	sq_found_free(&f);
	return buf;
}

/* Every width from 1 to past the text: the window is as wide as the text
 * module says, no wider than asked, cut marks where it is cut, and holds
 * the first match whole whenever it fits between two marks. */
static int window_properties(const struct sq_found *f)
{
	int bad = 0, all = sq_width(f->text, f->len);
	int mw = sq_width(f->text + f->first, f->first_end - f->first);
	for (int cols = 1; cols <= all + 2; cols++) {
		struct sq_window w = sq_found_window(f, cols);
		struct sq_buf b = {0};
		unsigned char mark[1024];
		sq_window_render(f, &w, &b, mark);
		int least = (all < cols ? all : cols) - 1 - (cols < 3);
		bool ok = w.width <= cols && w.width >= least &&
			  sq_width(b.data, b.len) == w.width &&
			  w.off + w.len <= f->len;
		if (cols >= 3) {
			ok = ok && w.cut_before == (w.off > 0) &&
			     w.cut_after == (w.off + w.len < f->len);
			if (mw <= cols - 2)
				ok = ok && w.off <= f->first &&
				     w.off + w.len >= f->first_end;
			else
				ok = ok && (w.off == f->first || w.off == 0);
		}
		if (!ok && bad++ < 3)
			fprintf(stderr, "window of %d cells over \"%s\": %zu+%zu, %d cells\n",
				cols, f->text, w.off, w.len, w.width);
		sq_buf_free(&b);
	}
	return bad;
}

/* The communities test_found asks about. */
struct found_ids {
	uint32_t baitaling, jinse, yanlan, huajiachi, liangzhu;
};

/* Which field a hit was found in, and its text marked. */
static void check_found_fields(const struct sq_model *m, const struct found_ids *ids)
{
	uint32_t baitaling = ids->baitaling, jinse = ids->jinse, yanlan = ids->yanlan;
	uint32_t huajiachi = ids->huajiachi, liangzhu = ids->liangzhu;
	const unsigned row = SQ_FIELD_BIT(SQ_FIELD_NAME) |
			     SQ_FIELD_BIT(SQ_FIELD_STREET) |
			     SQ_FIELD_BIT(SQ_FIELD_DISTRICT);

	/* The language of the match, whatever the interface's. */
	CHECK_STR(found(m, liangzhu, "Milan", SQ_EN, row),
		  "service/en[0]: Twinned since 2014 with a small town in [Milan], Italy");
	CHECK_STR(found(m, liangzhu, "milan", SQ_ZH, row),
		  "service/en[0]: Twinned since 2014 with a small town in [Milan], Italy");
	CHECK_STR(found(m, liangzhu, "米兰", SQ_EN, row),
		  "service/zh[0]: 2014年起与意大利[米兰]的一个小镇友好结对");
	/* Both: the interface's. */
	CHECK_STR(found(m, liangzhu, "2014", SQ_EN, row),
		  "service/en[0]: Twinned since [2014] with a small town in Milan, Italy");
	CHECK_STR(found(m, liangzhu, "2014", SQ_ZH, row),
		  "service/zh[0]: [2014]年起与意大利米兰的一个小镇友好结对");
	/* Occurrences only in text: zh is in Hangzhou, not the pinyin of 杭州. */
	CHECK_STR(found(m, jinse, "zh", SQ_ZH, row),
		  "service/en[4]: Fun classes such as Hang[zh]ou dialect for foreigners");
	/* Names: pinyin too, where nothing else holds it. */
	CHECK_STR(found(m, baitaling, "btl", SQ_ZH, row), "name/zh[0] shown: [白塔岭]社区");
	CHECK_STR(found(m, baitaling, "btl", SQ_EN, row), "name/zh[0]: [白塔岭]社区");
	CHECK_STR(found(m, baitaling, "Baitaling", SQ_EN, row),
		  "name/en[0] shown: [Baitaling] Community");
	CHECK_STR(found(m, baitaling, "Baitaling", SQ_ZH, row),
		  "name/en[0]: [Baitaling] Community");
	CHECK_STR(found(m, baitaling, "Baitaling", SQ_EN, 0),
		  "name/en[0]: [Baitaling] Community");
	/* Places, the announced district, the code. */
	CHECK_STR(found(m, baitaling, "nxjd", SQ_ZH, 0), "street/zh[0]: [南星街道]");
	CHECK_STR(found(m, baitaling, "xjd", SQ_EN, 0), "street/zh[0]: 南[星街道]");
	CHECK_STR(found(m, huajiachi, "Jianggan", SQ_EN, row),
		  "announced/en[0]: [Jianggan] District");
	CHECK_STR(found(m, huajiachi, "jgq", SQ_EN, row), "announced/zh[0]: [江干区]");
	CHECK_STR(found(m, baitaling, "330102008059", SQ_ZH, row),
		  "code/zh[0]: [330102008059]");
	CHECK_STR(found(m, baitaling, "330102", SQ_EN, row),
		  "code/en[0]: [330102]008059");
	/* Terms: the field with the whole query, else the most terms, else
	 * one not shown already. */
	CHECK_STR(found(m, yanlan, "corner english", SQ_EN, row),
		  "service/en[5]: The first International Culture Festival, "
		  "\"Small Family, Big World\" and an [English] [corner]");
	CHECK_STR(found(m, yanlan, "下沙 英语角。", SQ_ZH, row),
		  "service/zh[5]: “首届国际文化节”“小家庭大国际”“[英语角]”等活动");
	CHECK_STR(found(m, yanlan, "下沙 英语角。", SQ_ZH, 0), "street/zh[0]: [下沙]街道");
	CHECK_STR(found(m, yanlan, "活动 下沙 英语角", SQ_ZH, 0),
		  "service/zh[5]: “首届国际文化节”“小家庭大国际”“[英语角]”等[活动]");
	CHECK_STR(found(m, yanlan, "滟澜", SQ_ZH, row), "name/zh[0] shown: [滟澜]社区");
	CHECK_STR(found(m, yanlan, "zzz qqq", SQ_ZH, row), "none/zh[0]: ");
	CHECK_STR(found(m, yanlan, "", SQ_ZH, row), "none/zh[0]: ");
}

/* The window of a found text that shows its match, at several widths. */
static void check_found_windows(const struct sq_model *m, uint32_t yanlan)
{
	/* Windows at several widths, in Chinese and English. */
	CHECK_STR(window(m, yanlan, "english corner", SQ_EN, 100),
		  "The first International Culture Festival, "
		  "\"Small Family, Big World\" and an [English corner]");
	CHECK_STR(window(m, yanlan, "english corner", SQ_EN, 40),
		  ">amily, Big World\" and an [English corner]");
	CHECK_STR(window(m, yanlan, "english corner", SQ_EN, 15),
		  ">[English corner]");
	CHECK_STR(window(m, yanlan, "english corner", SQ_EN, 11),
		  ">[English c]>");
	CHECK_STR(window(m, yanlan, "Culture", SQ_EN, 32),
		  "The first International [Culture]>");
	CHECK_STR(window(m, yanlan, "Culture", SQ_EN, 30),
		  ">tional [Culture] Festival, \"Sm>");
	CHECK_STR(window(m, yanlan, "small family", SQ_EN, 30),
		  ">al, \"[Small Family], Big World>");
	CHECK_STR(window(m, yanlan, "英语角", SQ_ZH, 44), "“首届国际文化节”“小家庭大国际”“[英语角]”等活动");
	CHECK_STR(window(m, yanlan, "英语角", SQ_ZH, 40), "“首届国际文化节”“小家庭大国际”“[英语角]”>");
	CHECK_STR(window(m, yanlan, "英语角", SQ_ZH, 20), ">国际”“[英语角]”等活动");
	CHECK_STR(window(m, yanlan, "英语角", SQ_ZH, 11), ">“[英语角]”>");
	CHECK_STR(window(m, yanlan, "英语角", SQ_ZH, 7), ">[英语]>");
	CHECK_STR(window(m, yanlan, "英语角", SQ_ZH, 2), "[英]");
	CHECK_STR(window(m, yanlan, "小家庭", SQ_ZH, 21), ">节”“[小家庭]大国际”“>");
	CHECK_STR(window(m, yanlan, "英语角", SQ_ZH, 0), "");

	/* Every width, over every field found for a few queries. */
	static const char *const queries[] = {
		"英语角", "english corner", "Milan", "Culture", "small family",
		"小家庭", "2014", "语 文化", "festival corner",
	};
	int bad = 0;
	for (size_t i = 0; i < SQ_ARRAY_LEN(queries); i++) {
		struct sq_found f = {0};
		for (int l = 0; l < 2; l++)
			if (sq_search_found(m, yanlan, queries[i], l ? SQ_EN : SQ_ZH, 0, &f))
				bad += window_properties(&f);
		sq_found_free(&f);
	}
	CHECK_INT(bad, 0);
}

static void test_found(void)
{
	struct sq_diag diag = {0};
	struct sq_model *m = sq_load_file("data/search.rec", &diag);
	sq_diag_free(&diag);
	CHECK(m != NULL);
	if (!m)
		return;
	uint32_t who[4];
	struct found_ids ids;
	CHECK_INT(sq_model_find(m, "白塔岭社区", who, 4), 1);
	ids.baitaling = who[0];
	CHECK_INT(sq_model_find(m, "金色黎明社区", who, 4), 1);
	ids.jinse = who[0];
	CHECK_INT(sq_model_find(m, "滟澜社区", who, 4), 1);
	ids.yanlan = who[0];
	CHECK_INT(sq_model_find(m, "华家池社区", who, 4), 1);
	ids.huajiachi = who[0];
	CHECK_INT(sq_model_find(m, "良渚文化村社区", who, 4), 1);
	ids.liangzhu = who[0];
	check_found_fields(m, &ids);
	check_found_windows(m, ids.yanlan);
	sq_model_free(m);
}

/* ---- Benchmark ----------------------------------------------------------- */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char common_han[] =
	"东南西北中新华光明和平安康宁阳春江湖山水河桥城村镇街路园林花石金玉"
	"龙凤文化兴隆福寿长乐永庆丰泰家里屯坊塘湾港口岭坡岗田沟溪洲岛滨海"
	"红星胜利建设民主团结幸福友谊朝晖翠苑古荡蒋留下转塘双浦三墩良渚白塔";

static const char *han_at(size_t i, size_t *len)
{
	*len = 3;
	return common_han + 3 * i;
}

static char *fabricate_name(struct sq_arena *a, uint32_t *st, int chars,
			    const char *suffix, const char *suffix_pinyin,
			    char *pinyin, size_t pcap)
{
	char buf[64];
	size_t len = 0, plen = 0, nh = (sizeof common_han - 1) / 3;
	pinyin[0] = '\0';
	for (int i = 0; i < chars; i++) {
		size_t l;
		const char *h = han_at(rnd(st, (uint32_t)nh), &l);
		memcpy(buf + len, h, l);
		len += l;
		uint32_t cp = (uint32_t)(h[0] & 0x0F) << 12 |
			      (uint32_t)(h[1] & 0x3F) << 6 | (h[2] & 0x3F);
		plen += (size_t)snprintf(pinyin + plen, pcap - plen, "%s%s",
					 i ? " " : "", sq_pinyin_of(cp));
	}
	memcpy(buf + len, suffix, strlen(suffix) + 1);
	snprintf(pinyin + plen, pcap - plen, " %s", suffix_pinyin);
	return sq_arena_strndup(a, buf, strlen(buf));
}

static struct sq_model *fabricate(uint32_t n)
{
	struct sq_model *m = sq_xcalloc(1, sizeof *m);
	struct sq_arena *a = m->arena = sq_arena_new();
	uint32_t st = 1;
	char py[128];
	m->n_districts = n / 200 + 1;
	m->n_streets = n / 16 + 1;
	m->districts = sq_xcalloc(m->n_districts, sizeof *m->districts);
	m->streets = sq_xcalloc(m->n_streets, sizeof *m->streets);
	for (uint32_t d = 0; d < m->n_districts; d++)
		m->districts[d].name = fabricate_name(a, &st, 2, "区", "qū", py,
						       sizeof py);
	for (uint32_t s = 0; s < m->n_streets; s++) {
		m->streets[s].name = fabricate_name(a, &st, 2, "街道", "jiē dào",
						     py, sizeof py);
		m->streets[s].district = s * m->n_districts / m->n_streets;
	}
	m->n_comms = n;
	m->comms = sq_xcalloc(n, sizeof *m->comms);
	for (uint32_t i = 0; i < n; i++) {
		struct sq_community *c = &m->comms[i];
		bool village = rnd(&st, 2);
		c->name = fabricate_name(a, &st, 2 + (int)rnd(&st, 3),
					 village ? "村" : "社区",
					 village ? "cūn" : "shè qū", py, sizeof py);
		c->pinyin = sq_arena_strndup(a, py, strlen(py));
		if (rnd(&st, 100) < 58) {
			/* the official name, as the city file has it */
			char buf[96];
			snprintf(buf, sizeof buf, "%s%s", c->name,
				 village ? "村民委员会" : "居民委员会");
			c->aliases = sq_arena_alloc(a, sizeof *c->aliases);
			c->aliases[0] = sq_arena_strndup(a, buf, strlen(buf));
			c->n_aliases = 1;
		}
		if (rnd(&st, 100) < 2) {
			c->name_en = "Some International Community";
			c->services = sq_arena_alloc(a, 3 * sizeof *c->services);
			for (int v = 0; v < 3; v++)
				c->services[v] = (struct sq_service){
					SQ_CAT_CULTURE, "国际居民参加植树节活动",
					"International residents join Tree Planting Day"};
			c->n_services = 3;
			c->summary = "位于玉皇山南基金小镇区块，以公共服务站、国际医疗中心"
				     "和一站式办证点构成中外居民的品质生活圈。";
			c->summary_en = "In the Yuhuang Shannan Fund Town area; a service "
					"station and a one-stop permit point.";
		}
		c->code = "330102008059";
		c->street = i * m->n_streets / n;
	}
	return m;
}

static void write_rec(const struct sq_model *m, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		return;
	}
	fputs("%rec: Community\n%key: Code\n\n", f);
	for (uint32_t i = 0; i < m->n_comms; i++) {
		const struct sq_community *c = &m->comms[i];
		const struct sq_street *s = &m->streets[c->street];
		fprintf(f, "Name: %s\n", c->name);
		if (c->name_en)
			fprintf(f, "NameEn: %s\n", c->name_en);
		fprintf(f, "Pinyin: %s\n", c->pinyin);
		for (uint32_t j = 0; j < c->n_aliases; j++)
			fprintf(f, "Alias: %s\n", c->aliases[j]);
		fprintf(f, "District: %s\nStreet: %s\nCode: %012llu\n",
			m->districts[s->district].name, s->name,
			330000000000ull + i);
		for (uint32_t j = 0; j < c->n_services; j++)
			fprintf(f, "Service: %s | %s | %s\n",
				sq_category_id(c->services[j].cat), c->services[j].zh,
				c->services[j].en);
		if (c->summary)
			fprintf(f, "Summary: %s\nSummaryEn: %s\n", c->summary,
				c->summary_en);
		fputc('\n', f);
	}
	fclose(f);
	printf("wrote %s\n", path);
}

static double timed_search(struct sq_searcher *s, const char *q, size_t *n)
{
	struct sq_hit *h;
	double t0 = now();
	*n = sq_search(s, q, &h);
	double t = now() - t0;
	free(h);
	return t * 1e3;
}

static size_t heap_bytes(void)
{
	struct mallinfo2 mi = mallinfo2();
	return mi.uordblks + mi.hblkhd;
}

/* A searcher with every key built, not timed. */
static struct sq_searcher *warm_searcher(const struct sq_model *m)
{
	struct sq_searcher *s = sq_searcher_new(m);
	size_t hits;
	timed_search(s, "warm up", &hits);
	return s;
}

/* Timings are the best of three: this runs on shared machines. */
static void bench(uint32_t n, const char *rec)
{
	double t0 = now();
	struct sq_model *m = fabricate(n);
	printf("fabricated %u communities in %.0f ms\n", n, (now() - t0) * 1e3);
	if (rec)
		write_rec(m, rec);

	size_t heap0 = heap_bytes();
	struct sq_searcher *s = sq_searcher_new(m);
	size_t hits;
	double first = timed_search(s, "白塔岭", &hits);
	printf("first search (keys names, text and pinyin of all): %.1f ms; "
	       "index %zu MiB\n", first, (heap_bytes() - heap0) >> 20);
	sq_searcher_free(s);

	static const char *const full[] = {
		"白塔岭", "良渚wh", "良渚", "社区", "村民委员会", "植树",
		"tree planting", "btl", "baitaling", "lzwh", "xyzzy", "b", "白",
	};
	double t_full[SQ_ARRAY_LEN(full)];
	size_t n_full[SQ_ARRAY_LEN(full)];
	for (size_t i = 0; i < SQ_ARRAY_LEN(full); i++)
		t_full[i] = 1e9;
	for (int r = 0; r < 3; r++) {
		/* each query once per searcher: none extends another */
		s = warm_searcher(m);
		for (size_t i = 0; i < SQ_ARRAY_LEN(full); i++) {
			double t = timed_search(s, full[i], &n_full[i]);
			if (t < t_full[i])
				t_full[i] = t;
		}
		sq_searcher_free(s);
	}
	printf("full searches (nothing cached to extend):\n");
	for (size_t i = 0; i < SQ_ARRAY_LEN(full); i++)
		printf("  %-16s %8zu hits %7.1f ms\n", full[i], n_full[i], t_full[i]);

	static const char *const typing[][4] = {
		{"b", "ba", "bai", "bait"},
		{"l", "li", "lia", "lian"},
		{"白", "白塔", "白塔岭", "白塔岭社"},
		{"良", "良渚", "良渚w", "良渚wh"},
		{"s", "sh", "she", "sheq"},
		{"x", "xi", "xih", "xihu"},
	};
	printf("typing, one keystroke at a time (the first is a full search):\n");
	double worst = 0;
	for (size_t i = 0; i < SQ_ARRAY_LEN(typing); i++) {
		double t_key[4] = {1e9, 1e9, 1e9, 1e9};
		size_t n_key[4];
		for (int r = 0; r < 3; r++) {
			s = warm_searcher(m);
			for (int k = 0; k < 4; k++) {
				double t = timed_search(s, typing[i][k], &n_key[k]);
				if (t < t_key[k])
					t_key[k] = t;
			}
			sq_searcher_free(s);
		}
		printf(" ");
		for (int k = 0; k < 4; k++) {
			printf(" %s %.1f ms (%zu)", typing[i][k], t_key[k], n_key[k]);
			if (t_key[k] > worst)
				worst = t_key[k];
		}
		printf("\n");
	}
	printf("slowest keystroke: %.1f ms\n", worst);
	sq_model_free(m);
}

int main(void)
{
	const char *b = getenv("SHEQU_SEARCH_BENCH");
	if (b && *b) {
		bench((uint32_t)strtoul(b, NULL, 10), getenv("SHEQU_SEARCH_BENCH_FILE"));
		return 0;
	}
	struct sq_model *m = make_model(0);
	struct sq_searcher *s = sq_searcher_new(m);
	test_keys();
	test_tiers(s);
	test_terms(s);
	test_codes(s);
	test_pinyin(s);
	test_incremental();
	test_pinyin_reference();
	test_pinyin_spaces();
	test_highlight();
	test_found();
	sq_searcher_free(s);
	sq_model_free(m);
	return check_report("test_search");
}
