/* SPDX-License-Identifier: MIT */
/* The data model: communities grouped district -> street -> community in file
 * order.  Knows nothing of curses or of the file format. */
#ifndef SHEQU_MODEL_H
#define SHEQU_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The fixed set of service categories.  The identifiers (sq_category_id) are
 * what the data file's Service field starts with. */
enum sq_category {
	SQ_CAT_LANGUAGE,   /* language classes */
	SQ_CAT_BILINGUAL,  /* bilingual services: conventions, windows, hotlines */
	SQ_CAT_MEDICAL,
	SQ_CAT_CULTURE,    /* culture and activities */
	SQ_CAT_VOLUNTEERS,
	SQ_CAT_GOVERNANCE, /* consultation and governance */
	SQ_CAT_FACILITIES,
	SQ_CAT_DIGITAL,    /* digital platforms */
	SQ_CAT_COUNT
};

enum sq_lang { SQ_ZH, SQ_EN };

struct sq_service {
	enum sq_category cat;
	const char *zh;
	const char *en;
};

/* A figure the source states; value < 0 means unknown.  "more" records a
 * "more than" (60余人 = more than 60). */
struct sq_figure {
	int32_t value;
	bool more;
};

struct sq_community {
	const char *name;         /* Chinese, mandatory */
	const char *name_en;      /* NULL when unknown */
	const char *pinyin;       /* with tone marks, NULL when unknown */
	const char *code;         /* 12 digits, mandatory */
	const char *district_announced; /* where the announcement differs */
	const char *district_announced_en;
	const char *recognized;   /* "YYYY-MM" */
	const char *summary, *summary_en;
	const char *source;
	const char **aliases;
	struct sq_service *services;
	struct sq_figure foreign_residents, staff, volunteers;
	uint32_t n_aliases, n_services;
	uint32_t street;          /* index into model->streets */
	uint32_t line;            /* line of the record's first field */
	int32_t batch;            /* 0 when the record names no batch */
	uint8_t cats;             /* bit k set: offers category k (sq_model_index) */
};

struct sq_street {
	const char *name, *name_en;
	uint32_t district;
	uint32_t first, count;    /* model->street_comms[first .. first+count) */
};

struct sq_district {
	const char *name, *name_en;
	uint32_t first, count;    /* model->district_streets[first .. first+count) */
};

struct sq_arena;

struct sq_model {
	char *path;                       /* the file it was loaded from */
	struct sq_community *comms;       /* in file order */
	struct sq_street *streets;        /* in order of first appearance */
	struct sq_district *districts;    /* in order of first appearance */
	uint32_t *street_comms;           /* community indices grouped by street */
	uint32_t *district_streets;       /* street indices grouped by district */
	uint32_t n_comms, n_streets, n_districts;
	uint32_t cat_count[SQ_CAT_COUNT]; /* communities offering each category */
	uint32_t n_intl;                  /* sq_comm_international (sq_model_index) */
	struct sq_arena *arena;           /* owns every string */
	void *buf;                        /* the file's bytes; strings point in */
	size_t buf_len;
};

/* Identifier used in the data file ("language", ...), and bilingual headings. */
const char *sq_category_id(enum sq_category c);
const char *sq_category_name(enum sq_category c, enum sq_lang lang);
/* -1 when id is not a category identifier. */
int sq_category_from_id(const char *id, size_t len);

/* Text in the given language, falling back to the other where the record
 * has none: the Chinese where there is no English, and the English where
 * there is only the English (a summary may be given in English alone). */
const char *sq_comm_name(const struct sq_community *c, enum sq_lang lang);
const char *sq_street_name(const struct sq_street *s, enum sq_lang lang);
const char *sq_district_name(const struct sq_district *d, enum sq_lang lang);
const char *sq_service_text(const struct sq_service *s, enum sq_lang lang);
const char *sq_comm_summary(const struct sq_community *c, enum sq_lang lang);
/* The district the announcement named (NULL when the record names none). */
const char *sq_comm_announced(const struct sq_community *c, enum sq_lang lang);

static inline const struct sq_street *
sq_comm_street(const struct sq_model *m, const struct sq_community *c)
{
	return &m->streets[c->street];
}

static inline const struct sq_district *
sq_comm_district(const struct sq_model *m, const struct sq_community *c)
{
	return &m->districts[m->streets[c->street].district];
}

/* Whether c offers a service of category k. */
static inline bool sq_comm_offers(const struct sq_community *c, enum sq_category k)
{
	return c->cats >> k & 1u;
}

/* Whether c is an international demonstration community: the one test of
 * it, for every title, note, list and mark.  The record says so with the
 * batch it was recognized in or the month it was recognized (shequ(5)),
 * either of them. */
static inline bool sq_comm_international(const struct sq_community *c)
{
	return c->batch > 0 || (c->recognized && *c->recognized);
}

/* Once, when a model is built: the categories each community offers, the
 * communities per category and the international ones, so that no screen
 * counts them again. */
void sq_model_index(struct sq_model *m);

/* Communities offering a category, in file order: the count, and a malloc'd
 * array of indices in *out (always set; free it). */
size_t sq_model_offering(const struct sq_model *m, enum sq_category cat,
			 uint32_t **out);

/* True when the record gives details beyond name, place, code and
 * recognition: services, a summary in either language, a figure. */
bool sq_comm_has_details(const struct sq_community *c);

/* Find a community named on the command line: by code, Chinese or English name
 * (case-insensitive) or alias.  Returns the number of candidates; writes up to
 * max of their indices into out. */
size_t sq_model_find(const struct sq_model *m, const char *name, uint32_t *out,
		     size_t max);

void sq_model_free(struct sq_model *m);

#endif
