/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the query normaliser, matcher and highlighter, and
 * where each hit was found with its window at a few widths, on any bytes,
 * against a fixed model (the bundled data, embedded at build time would tie
 * the fuzzer to it; a small model built here is enough). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "load.h"
#include "search.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char model_text[] =
	"%rec: Community\n%key: Code\n\n"
	"Name: 白塔岭社区\nNameEn: Baitaling Community\nPinyin: bái tǎ lǐng shè qū\n"
	"District: 上城区\nStreet: 南星街道\nCode: 330102008059\n"
	"Service: language | 中文、英语课程 | Classes in Chinese and English\n\n"
	"Name: 良渚文化村社区\nDistrict: 余杭区\nStreet: 良渚街道\nCode: 330110010012\n"
	"DistrictAnnounced: 江干区\nDistrictAnnouncedEn: Jianggan District\n"
	"Alias: 良渚文化村\nSummary: 外籍居民60余人\nSummaryEn: More than 60 foreign residents\n\n"
	"Name: Ｆｕｌｌ　ｗｉｄｔｈ ＡＢＣ\nDistrict: 甲\nStreet: 乙\nCode: 330100000003\n";

static struct sq_model *model;
static struct sq_searcher *searcher;

/* Where hit comm was found, and its window at a few widths: no wider than
 * asked, as wide as rendered, the first match inside the text. */
static void check_found(uint32_t comm, const char *q, struct sq_found *f)
{
	static const int widths[] = {1, 2, 3, 7, 20, 80};
	for (int l = 0; l < 2; l++) {
		if (!sq_search_found(model, comm, q, l ? SQ_EN : SQ_ZH,
				     SQ_FIELD_BIT(SQ_FIELD_NAME), f))
			continue;
		if (f->first_end <= f->first || f->first_end > f->len)
			__builtin_trap();
		for (size_t i = 0; i < sizeof widths / sizeof *widths; i++) {
			struct sq_window w = sq_found_window(f, widths[i]);
			struct sq_buf b = {0};
			unsigned char *mark = malloc(w.bytes + 1);
			size_t n = sq_window_render(f, &w, &b, mark);
			if (n != w.bytes || w.width > widths[i] ||
			    sq_width(b.data, b.len) != w.width || w.off + w.len > f->len)
				__builtin_trap();
			free(mark);
			sq_buf_free(&b);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!model) {
		struct sq_diag diag = {0};
		model = sq_load_buffer("fuzz", model_text, sizeof model_text - 1, &diag);
		sq_diag_free(&diag);
		if (!model)
			__builtin_trap();
		searcher = sq_searcher_new(model);
	}
	/* Queries come from the line editor: valid UTF-8, NUL-terminated. */
	if (u8_check(data, size))
		return 0;
	char *q = malloc(size + 1);
	memcpy(q, data, size);
	q[size] = '\0';
	if (strlen(q) != size) {
		free(q);
		return 0;
	}
	size_t klen;
	free(sq_search_key(q, size, &klen));
	struct sq_hit *hits = NULL;
	struct sq_found found = {0};
	size_t n = sq_search(searcher, q, &hits);
	for (size_t i = 0; i < n; i++) {
		check_found(hits[i].comm, q, &found);
		if (hits[i].comm >= model->n_comms || (i && hits[i].tier < hits[i - 1].tier))
			__builtin_trap();
		const struct sq_community *c = &model->comms[hits[i].comm];
		unsigned char mark[256] = {0};
		if (strlen(c->name) < sizeof mark)
			sq_highlight(c->name, c->pinyin, q, mark);
	}
	sq_found_free(&found);
	free(hits);
	free(q);
	return 0;
}
