/* SPDX-License-Identifier: MIT */
/* The model's own queries: categories offered (computed once at load),
 * communities per category, lookup by name, and the language fallbacks. */
#include <stdlib.h>

#include "check.h"
#include "load.h"
#include "model.h"

static const char data[] =
	"%rec: Community\n"
	"\n"
	"Name: 甲社区\nNameEn: Jia Community\nDistrict: 一区\nStreet: 一街道\n"
	"Code: 330000000001\nBatch: 2\n"
	"DistrictAnnounced: 旧区\nDistrictAnnouncedEn: Old District\n"
	"Service: medical | 义诊 | Free clinics\n"
	"Service: language | 中文课 | Chinese classes\n"
	"Service: medical | 药房 | A pharmacy\n"
	"\n"
	"Name: 乙社区\nDistrict: 一区\nStreet: 二街道\nCode: 330000000002\n"
	"Alias: 乙大社区\n"
	"\n"
	"Name: 丙社区\nNameEn: Bing Community\nDistrict: 二区\nStreet: 三街道\n"
	"Code: 330000000003\nService: medical | 诊所 | A clinic\n"
	"Summary: 概要\n"
	"\n"
	"Name: 戊社区\nDistrict: 二区\nStreet: 三街道\nCode: 330000000004\n"
	"Recognized: 2019-06\nSummaryEn: In English only\n";

int main(void)
{
	struct sq_diag diag = {0};
	struct sq_model *m = sq_load_buffer("test.rec", data, sizeof data - 1, &diag);
	CHECK(m != NULL);
	if (!m) {
		fputs(sq_diag_text(&diag), stderr);
		return check_report("test_model");
	}
	sq_diag_free(&diag);
	CHECK_INT(m->n_comms, 4);

	/* Categories: a bit per category offered, however many services. */
	CHECK(sq_comm_offers(&m->comms[0], SQ_CAT_MEDICAL));
	CHECK(sq_comm_offers(&m->comms[0], SQ_CAT_LANGUAGE));
	CHECK(!sq_comm_offers(&m->comms[0], SQ_CAT_CULTURE));
	CHECK_INT(m->comms[1].cats, 0);
	CHECK_INT(m->cat_count[SQ_CAT_MEDICAL], 2);
	CHECK_INT(m->cat_count[SQ_CAT_LANGUAGE], 1);
	CHECK_INT(m->cat_count[SQ_CAT_DIGITAL], 0);

	uint32_t *v;
	size_t n = sq_model_offering(m, SQ_CAT_MEDICAL, &v);
	CHECK_INT(n, 2);
	CHECK_INT(v[0], 0);
	CHECK_INT(v[1], 2);
	free(v);
	n = sq_model_offering(m, SQ_CAT_DIGITAL, &v);
	CHECK_INT(n, 0);
	free(v);

	/* Lookup: code, name, English name in any case, alias. */
	uint32_t found[4];
	CHECK_INT(sq_model_find(m, "330000000003", found, 4), 1);
	CHECK_INT(found[0], 2);
	CHECK_INT(sq_model_find(m, "jia community", found, 4), 1);
	CHECK_INT(found[0], 0);
	CHECK_INT(sq_model_find(m, "乙大社区", found, 4), 1);
	CHECK_INT(found[0], 1);
	CHECK_INT(sq_model_find(m, "丁社区", found, 4), 0);

	/* Details, and English falling back to Chinese. */
	CHECK(sq_comm_has_details(&m->comms[0]));
	CHECK(!sq_comm_has_details(&m->comms[1]));
	CHECK_STR(sq_comm_name(&m->comms[1], SQ_EN), "乙社区");
	CHECK_STR(sq_comm_name(&m->comms[2], SQ_EN), "Bing Community");
	CHECK_STR(sq_comm_summary(&m->comms[2], SQ_EN), "概要");
	/* A summary in English alone: a detail, and the text in Chinese too. */
	CHECK(sq_comm_has_details(&m->comms[3]));
	CHECK_STR(sq_comm_summary(&m->comms[3], SQ_ZH), "In English only");
	CHECK(sq_comm_summary(&m->comms[1], SQ_ZH) == NULL);
	CHECK(sq_comm_announced(&m->comms[1], SQ_EN) == NULL);
	CHECK_STR(sq_comm_announced(&m->comms[0], SQ_EN), "Old District");
	CHECK_STR(sq_comm_announced(&m->comms[0], SQ_ZH), "旧区");

	/* International: a batch, or a recognition month alone; counted once. */
	CHECK(sq_comm_international(&m->comms[0]));
	CHECK(!sq_comm_international(&m->comms[1]));
	CHECK(sq_comm_international(&m->comms[3]));
	CHECK_INT(m->n_intl, 2);

	sq_model_free(m);
	return check_report("test_model");
}
