/* SPDX-License-Identifier: MIT */
#include "model.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

static const struct {
	const char *id, *zh, *en;
} categories[SQ_CAT_COUNT] = {
	[SQ_CAT_LANGUAGE] = {"language", "语言课程", "Language classes"},
	[SQ_CAT_BILINGUAL] = {"bilingual", "双语服务", "Bilingual services"},
	[SQ_CAT_MEDICAL] = {"medical", "医疗服务", "Medical services"},
	[SQ_CAT_CULTURE] = {"culture", "文化活动", "Culture and activities"},
	[SQ_CAT_VOLUNTEERS] = {"volunteers", "志愿服务", "Volunteers"},
	[SQ_CAT_GOVERNANCE] = {"governance", "协商议事", "Consultation and governance"},
	[SQ_CAT_FACILITIES] = {"facilities", "服务设施", "Facilities"},
	[SQ_CAT_DIGITAL] = {"digital", "数字平台", "Digital platforms"},
};

const char *sq_category_id(enum sq_category c)
{
	return c < SQ_CAT_COUNT ? categories[c].id : "?";
}

const char *sq_category_name(enum sq_category c, enum sq_lang lang)
{
	if (c >= SQ_CAT_COUNT)
		return "?";
	return lang == SQ_EN ? categories[c].en : categories[c].zh;
}

int sq_category_from_id(const char *id, size_t len)
{
	for (int c = 0; c < SQ_CAT_COUNT; c++)
		if (strlen(categories[c].id) == len &&
		    memcmp(categories[c].id, id, len) == 0)
			return c;
	return -1;
}

static const char *pick(const char *zh, const char *en, enum sq_lang lang)
{
	bool has_en = en && *en;
	if (lang == SQ_EN && has_en)
		return en;
	return zh && *zh ? zh : has_en ? en : zh;
}

const char *sq_comm_name(const struct sq_community *c, enum sq_lang lang)
{
	return pick(c->name, c->name_en, lang);
}

const char *sq_street_name(const struct sq_street *s, enum sq_lang lang)
{
	return pick(s->name, s->name_en, lang);
}

const char *sq_district_name(const struct sq_district *d, enum sq_lang lang)
{
	return pick(d->name, d->name_en, lang);
}

const char *sq_service_text(const struct sq_service *s, enum sq_lang lang)
{
	return pick(s->zh, s->en, lang);
}

const char *sq_comm_summary(const struct sq_community *c, enum sq_lang lang)
{
	return pick(c->summary, c->summary_en, lang);
}

const char *sq_comm_announced(const struct sq_community *c, enum sq_lang lang)
{
	return pick(c->district_announced, c->district_announced_en, lang);
}

bool sq_comm_has_details(const struct sq_community *c)
{
	return c->n_services > 0 || (c->summary && *c->summary) ||
	       (c->summary_en && *c->summary_en) || c->foreign_residents.value >= 0 ||
	       c->staff.value >= 0 || c->volunteers.value >= 0;
}

void sq_model_index(struct sq_model *m)
{
	_Static_assert(SQ_CAT_COUNT <= 8, "categories fit in sq_community.cats");
	memset(m->cat_count, 0, sizeof m->cat_count);
	m->n_intl = 0;
	for (uint32_t i = 0; i < m->n_comms; i++) {
		struct sq_community *c = &m->comms[i];
		c->cats = 0;
		for (uint32_t j = 0; j < c->n_services; j++)
			if (c->services[j].cat < SQ_CAT_COUNT)
				c->cats |= (uint8_t)(1u << c->services[j].cat);
		for (int k = 0; k < SQ_CAT_COUNT; k++)
			m->cat_count[k] += c->cats >> k & 1u;
		m->n_intl += sq_comm_international(c);
	}
}

size_t sq_model_offering(const struct sq_model *m, enum sq_category cat,
			 uint32_t **out)
{
	size_t n = 0;
	uint32_t *v = sq_xcalloc(m->cat_count[cat] ? m->cat_count[cat] : 1, sizeof *v);
	for (uint32_t i = 0; i < m->n_comms && n < m->cat_count[cat]; i++)
		if (sq_comm_offers(&m->comms[i], cat))
			v[n++] = i;
	*out = v;
	return n;
}

size_t sq_model_find(const struct sq_model *m, const char *name, uint32_t *out,
		     size_t max)
{
	size_t n = 0;
	for (uint32_t i = 0; i < m->n_comms; i++) {
		const struct sq_community *c = &m->comms[i];
		bool hit = strcmp(c->code, name) == 0 || strcmp(c->name, name) == 0 ||
			   (c->name_en && strcasecmp(c->name_en, name) == 0);
		for (uint32_t a = 0; !hit && a < c->n_aliases; a++)
			hit = strcmp(c->aliases[a], name) == 0;
		if (hit) {
			if (n < max)
				out[n] = i;
			n++;
		}
	}
	return n;
}

void sq_model_free(struct sq_model *m)
{
	if (!m)
		return;
	sq_arena_free(m->arena);
	free(m->comms);
	free(m->streets);
	free(m->districts);
	free(m->street_comms);
	free(m->district_streets);
	free(m->buf);
	free(m->path);
	free(m);
}
