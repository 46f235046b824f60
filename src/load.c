/* SPDX-License-Identifier: MIT */
/* Community records into the model: what each field of a Community record
 * means and how its value is checked (the schema of shequ(5), the same as
 * the %type lines of the bundled data), the districts and streets, the
 * codes.  rec.c reads the file's syntax and hands over each value.
 *
 * A value the model keeps is kept where the reader assembled it, in its
 * output buffer, which the model takes over (m->buf); so a clean file costs
 * no allocation per field, and the buffer ends up holding only what the
 * model uses: a national file's names and codes, a third of its bytes.  The
 * arena holds what cannot live in the buffer (alias and service arrays, text
 * that sanitising changed, district and street names).
 *
 * A file with content but no Community record (only comments or
 * descriptors) is "no Community records". */
#include "load.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "i18n.h"
#include "rec.h"
#include "text.h"
#include "util.h"

enum field {
	F_NAME,
	F_NAME_EN,
	F_PINYIN,
	F_ALIAS,
	F_DISTRICT,
	F_DISTRICT_EN,
	F_DISTRICT_ANNOUNCED,
	F_DISTRICT_ANNOUNCED_EN,
	F_STREET,
	F_STREET_EN,
	F_CODE,
	F_BATCH,
	F_RECOGNIZED,
	F_FOREIGN_RESIDENTS,
	F_STAFF,
	F_VOLUNTEERS,
	F_SERVICE,
	F_SUMMARY,
	F_SUMMARY_EN,
	F_SOURCE,
	F_COUNT
};

/* What a field's value is, and so how it is checked and kept. */
enum kind {
	K_TEXT,    /* text: the member at .at; empty is absent */
	K_PLACE,   /* a district's or street's name: place .at */
	K_ALIAS,
	K_CODE,    /* 12 digits, unique */
	K_INT,     /* an integer: the int32_t at .at */
	K_MONTH,   /* YYYY-MM, a real month: the member at .at */
	K_FIGURE,  /* a count, "+" for "more than": the sq_figure at .at */
	K_SERVICE, /* CATEGORY | 中文 | English */
};

enum place { PL_DISTRICT, PL_DISTRICT_EN, PL_STREET, PL_STREET_EN, PL_COUNT };

#define AT(member) offsetof(struct sq_community, member)
#define NAME(s) s, sizeof s - 1

/* multiline: a '+' line may continue the value, which then holds line ends
 * (the renderers wrap it as paragraphs: sheets, PDF, the detail view).  Any
 * other field holds one line, shown as one: a list row, a title, a pane. */
static const struct field_spec {
	const char *name;
	size_t name_len;
	enum kind kind;
	bool mandatory, repeatable, multiline;
	size_t at;
} fields[F_COUNT] = {
	[F_NAME] = {NAME("Name"), K_TEXT, .mandatory = true, .at = AT(name)},
	[F_NAME_EN] = {NAME("NameEn"), K_TEXT, .at = AT(name_en)},
	[F_PINYIN] = {NAME("Pinyin"), K_TEXT, .at = AT(pinyin)},
	[F_ALIAS] = {NAME("Alias"), K_ALIAS, .repeatable = true},
	[F_DISTRICT] = {NAME("District"), K_PLACE, .mandatory = true, .at = PL_DISTRICT},
	[F_DISTRICT_EN] = {NAME("DistrictEn"), K_PLACE, .at = PL_DISTRICT_EN},
	[F_DISTRICT_ANNOUNCED] = {NAME("DistrictAnnounced"), K_TEXT, .at = AT(district_announced)},
	[F_DISTRICT_ANNOUNCED_EN] = {NAME("DistrictAnnouncedEn"), K_TEXT,
				     .at = AT(district_announced_en)},
	[F_STREET] = {NAME("Street"), K_PLACE, .mandatory = true, .at = PL_STREET},
	[F_STREET_EN] = {NAME("StreetEn"), K_PLACE, .at = PL_STREET_EN},
	[F_CODE] = {NAME("Code"), K_CODE, .mandatory = true},
	[F_BATCH] = {NAME("Batch"), K_INT, .at = AT(batch)},
	[F_RECOGNIZED] = {NAME("Recognized"), K_MONTH, .at = AT(recognized)},
	[F_FOREIGN_RESIDENTS] = {NAME("ForeignResidents"), K_FIGURE, .at = AT(foreign_residents)},
	[F_STAFF] = {NAME("Staff"), K_FIGURE, .at = AT(staff)},
	[F_VOLUNTEERS] = {NAME("Volunteers"), K_FIGURE, .at = AT(volunteers)},
	[F_SERVICE] = {NAME("Service"), K_SERVICE, .repeatable = true, .multiline = true},
	[F_SUMMARY] = {NAME("Summary"), K_TEXT, .multiline = true, .at = AT(summary)},
	[F_SUMMARY_EN] = {NAME("SummaryEn"), K_TEXT, .multiline = true, .at = AT(summary_en)},
	[F_SOURCE] = {NAME("Source"), K_TEXT, .at = AT(source)},
};

#define BIT(f) (UINT32_C(1) << (f))

/* Field names by a hash of their first byte and length (collisions chained),
 * made once a load: a scan of the table from the top took some 46
 * instructions a field on a national file, a quarter of the loader's work
 * on a field. */
#define NAME_SLOTS 64
struct field_names {
	int8_t head[NAME_SLOTS];
	int8_t chain[F_COUNT];
};

static unsigned name_slot(unsigned char first, size_t n)
{
	return (first * 7u + (unsigned)n) % NAME_SLOTS;
}

static void field_names_init(struct field_names *t)
{
	memset(t->head, -1, sizeof t->head);
	for (int id = F_COUNT - 1; id >= 0; id--) {
		unsigned k = name_slot((unsigned char)fields[id].name[0], fields[id].name_len);
		t->chain[id] = t->head[k];
		t->head[k] = (int8_t)id;
	}
}

/* The field of that name, or -1. */
static int field_id(const struct field_names *t, const char *s, size_t n)
{
	if (n == 0)
		return -1;
	for (int id = t->head[name_slot((unsigned char)s[0], n)]; id >= 0; id = t->chain[id])
		if (fields[id].name_len == n && memcmp(s, fields[id].name, n) == 0)
			return id;
	return -1;
}

/* The codes seen, for duplicates.  Files usually list them in increasing
 * order: while they do, a code is only compared with the last one and
 * appended to "run" (sorted, so a later code out of order finds an earlier
 * one by binary search), which touches memory in order.  Codes out of order
 * go to a hash table, with the line of their field. */
struct codes {
	uint64_t *run;           /* strictly increasing */
	uint32_t *run_lines;
	size_t n_run, cap_run;
	struct sq_hash others;   /* code -> line */
};

enum section { SEC_UNTYPED, SEC_COMMUNITY, SEC_SKIP };

struct record {
	uint32_t line;      /* of the first field */
	uint32_t seen;      /* BIT(field) of fields given */
	/* Copies (see place_text): the next value is assembled over the
	 * values themselves. */
	const char *place[PL_COUNT];
	/* Filled in place, at the end of the loader's array: adding it is
	 * counting it. */
	struct sq_community *c;
	size_t n_aliases, n_services; /* in the loader's scratch arrays */
};

/* The last value of a district or street field, raw and sanitised (see
 * place_text). */
struct place_value {
	char *raw, *s;
	size_t raw_len, raw_cap, cap;
	bool utf8_ok;
};

struct loader {
	struct rec_reader *rec; /* while reading: for rec_keep, rec_error */
	uint32_t mandatory; /* BIT(field) of the mandatory fields */
	enum section section;
	struct field_names names;
	struct record r;
	struct sq_arena *arena;

	struct sq_community *comms;
	size_t n_comms, cap_comms;
	struct sq_street *streets;
	size_t n_streets, cap_streets;
	struct sq_district *districts;
	size_t n_districts, cap_districts;
	uint32_t last_street, last_district; /* lookup cache; valid if n > 0 */

	const char **aliases;
	size_t cap_aliases;
	struct sq_service *services;
	size_t cap_services;

	struct codes codes;
	struct sq_hash district_tab, street_tab; /* name hash -> index + 1 */
	struct place_value place[PL_COUNT];
};

/* ---- text ---- */

/* Sanitised (NFC, see text.h) text of a value: s itself when clean, else a
 * copy in the arena.  Newlines of multi-line values are kept. */
static const char *clean(struct loader *L, char *s, size_t n)
{
	if (!rec_utf8_ok(L->rec) || sq_text_clean(s, n))
		return s;
	size_t len;
	char *t = sq_sanitize_lines(s, n, &len);
	if (!t)
		return s;
	const char *a = sq_arena_strndup(L->arena, t, len);
	free(t);
	return a;
}

/* The sanitised value, kept: in the buffer when clean, else the arena's
 * copy. */
static const char *keep_clean(struct loader *L, char *s, size_t n)
{
	const char *t = clean(L, s, n);
	return t == s ? rec_keep(L->rec, s, n) : t;
}

/* A district or street name, until the record is added: a copy, since
 * the next value is assembled over the value itself. */
static const char *place_text(struct loader *L, enum place which, char *s,
			      size_t n)
{
	/* Records of a street follow each other: most are the last one's. */
	struct place_value *pl = &L->place[which];
	bool utf8_ok = rec_utf8_ok(L->rec);
	if (pl->s && pl->raw_len == n && pl->utf8_ok == utf8_ok &&
	    memcmp(pl->raw, s, n) == 0)
		return pl->s;
	const char *t = clean(L, s, n);
	size_t len = t == s ? n : strlen(t);
	if (!pl->s || len + 1 > pl->cap) {
		pl->cap = len + 64;
		pl->s = sq_xrealloc(pl->s, pl->cap);
	}
	memcpy(pl->s, t, len + 1);
	if (!pl->raw || n > pl->raw_cap) {
		pl->raw_cap = n + 64;
		pl->raw = sq_xrealloc(pl->raw, pl->raw_cap);
	}
	memcpy(pl->raw, s, n);
	pl->raw_len = n;
	pl->utf8_ok = utf8_ok;
	return pl->s;
}

/* ---- lookups ---- */

/* Which district or street a name's hash found: the one of that name (and,
 * for a street, of that district). */
struct place_key {
	const struct loader *L;
	const char *name;
	uint32_t district;
};

static bool same_district(const void *ctx, uint32_t val)
{
	const struct place_key *k = ctx;
	return strcmp(k->L->districts[val - 1].name, k->name) == 0;
}

static bool same_street(const void *ctx, uint32_t val)
{
	const struct place_key *k = ctx;
	const struct sq_street *s = &k->L->streets[val - 1];
	return s->district == k->district && strcmp(s->name, k->name) == 0;
}

static uint32_t district_get(struct loader *L, const char *name, const char *en)
{
	uint32_t d = L->last_district;
	/* Records of a district follow each other: most are the last one's. */
	if (!L->n_districts || strcmp(L->districts[d].name, name) != 0) {
		struct place_key k = {L, name, 0};
		uint32_t found = sq_hash_get_or_put(&L->district_tab, sq_str_hash(name),
						    (uint32_t)L->n_districts + 1,
						    same_district, &k);
		if (found) {
			d = found - 1;
		} else {
			if (L->n_districts == L->cap_districts) {
				L->cap_districts = L->cap_districts ? L->cap_districts * 2 : 16;
				L->districts = sq_xreallocarray(L->districts, L->cap_districts,
								sizeof *L->districts);
			}
			d = (uint32_t)L->n_districts++;
			/* A copy, kept together with the other names so that
			 * lookups compare within the cache rather than all over
			 * the file. */
			L->districts[d] = (struct sq_district){
				.name = sq_arena_strndup(L->arena, name, strlen(name))};
		}
	}
	if (!L->districts[d].name_en && en && *en)
		L->districts[d].name_en = sq_arena_strndup(L->arena, en, strlen(en));
	L->last_district = d;
	return d;
}

static uint32_t street_get(struct loader *L, uint32_t d, const char *name,
			   const char *en)
{
	uint32_t s = L->last_street;
	if (!L->n_streets || L->streets[s].district != d ||
	    strcmp(L->streets[s].name, name) != 0) {
		struct place_key k = {L, name, d};
		uint32_t found = sq_hash_get_or_put(&L->street_tab,
						    sq_str_hash(name) ^ (d * 0x9e3779b1u),
						    (uint32_t)L->n_streets + 1,
						    same_street, &k);
		if (found) {
			s = found - 1;
		} else {
			if (L->n_streets == L->cap_streets) {
				L->cap_streets = L->cap_streets ? L->cap_streets * 2 : 64;
				L->streets = sq_xreallocarray(L->streets, L->cap_streets,
							      sizeof *L->streets);
			}
			s = (uint32_t)L->n_streets++;
			L->streets[s] = (struct sq_street){
				.name = sq_arena_strndup(L->arena, name, strlen(name)),
				.district = d};
			L->districts[d].count++;
		}
	}
	if (!L->streets[s].name_en && en && *en)
		L->streets[s].name_en = sq_arena_strndup(L->arena, en, strlen(en));
	L->last_street = s;
	return s;
}

/* Records a code (its 12 digits as a number); false if it was already
 * there (*first_line set). */
static bool code_add(struct loader *L, uint64_t code, uint32_t line,
		     uint32_t *first_line)
{
	struct codes *t = &L->codes;
	if (!t->n_run || code > t->run[t->n_run - 1]) {
		if (t->n_run == t->cap_run) {
			t->cap_run = t->cap_run ? t->cap_run * 2 : 1024;
			t->run = sq_xreallocarray(t->run, t->cap_run, sizeof *t->run);
			t->run_lines = sq_xreallocarray(t->run_lines, t->cap_run,
							sizeof *t->run_lines);
		}
		t->run[t->n_run] = code;
		t->run_lines[t->n_run++] = line;
		return true;
	}
	size_t lo = 0, hi = t->n_run;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->run[mid] < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (t->run[lo] == code) {
		*first_line = t->run_lines[lo];
		return false;
	}
	/* Not in the run, and below its end: any later code equal to it is
	 * out of order too, so the table sees both. */
	*first_line = sq_hash_get_or_put(&t->others, code, line, NULL, NULL);
	return *first_line == 0;
}

/* ---- field values ---- */

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Digits of a base (10 or 16) as a number that fits in 32 bits, negative
 * when neg: false on anything else, and on none. */
static bool digits_int32(const char *s, size_t n, unsigned base, bool neg,
			 int32_t *out)
{
	int64_t v = 0, max = neg ? -(int64_t)INT32_MIN : INT32_MAX;
	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned char)s[i];
		if (d - '0' < 10)
			d -= '0';
		else if (base == 16 && (d | 0x20) - 'a' < 6)
			d = (d | 0x20) - 'a' + 10;
		else
			return false;
		v = v * base + d;
		if (v > max)
			return false;
	}
	if (n == 0)
		return false;
	*out = (int32_t)(neg ? -v : v);
	return true;
}

/* recutils' int: blanks, an optional '-', decimal digits or 0x and hex
 * digits, blanks; and, for shequ, within 32 bits. */
static bool parse_int(const char *s, size_t n, int32_t *out)
{
	while (n && is_blank(*s))
		s++, n--;
	while (n && is_blank(s[n - 1]))
		n--;
	bool neg = n && *s == '-';
	if (neg)
		s++, n--;
	if (n > 2 && s[0] == '0' && s[1] == 'x')
		return digits_int32(s + 2, n - 2, 16, neg, out);
	return digits_int32(s, n, 10, neg, out);
}

/* /^[0-9]+\+?$/ within 32 bits: a count, '+' for "more than". */
static bool parse_figure(const char *s, size_t n, struct sq_figure *f)
{
	bool more = n > 0 && s[n - 1] == '+';
	if (more)
		n--;
	int32_t v;
	if (!digits_int32(s, n, 10, false, &v))
		return false;
	f->value = v;
	f->more = more;
	return true;
}

/* /^[0-9]{4}-[0-9]{2}$/ and a month that exists. */
static bool parse_month(const char *s, size_t n)
{
	if (n != 7 || !all_digits(s, 4) || s[4] != '-' || !all_digits(s + 5, 2))
		return false;
	int month = (s[5] - '0') * 10 + (s[6] - '0');
	return month >= 1 && month <= 12;
}

/* Blanks at either end of a text are not part of it: however many follow
 * the colon, and any left at the end of a line by an editor, which would
 * otherwise make "西湖区 " a district of its own.  Line ends too, at either
 * end of a multi-line value ("Summary:" then "+ text" lines). */
static void trim(char **v, size_t *n, bool lines)
{
	while (*n && (**v == ' ' || **v == '\t' || (lines && **v == '\n')))
		++*v, --*n;
	while (*n && ((*v)[*n - 1] == ' ' || (*v)[*n - 1] == '\t' ||
		      (lines && (*v)[*n - 1] == '\n')))
		--*n;
	(*v)[*n] = '\0';
}

/* The fields a '+' line may continue, for a message: "Summary, ...". */
static const char *multiline_names(void)
{
	static char list[128];
	if (!list[0])
		for (int id = 0; id < F_COUNT; id++)
			if (fields[id].multiline) {
				if (list[0])
					strcat(list, ", ");
				strcat(list, fields[id].name);
			}
	return list;
}

/* A text's value, trimmed; false (said) when it has a line end and its
 * field holds one line. */
static bool text_value(struct loader *L, const struct field_spec *fs, char **v,
		       size_t *n, uint32_t line)
{
	if (!fs->multiline && memchr(*v, '\n', *n)) {
		rec_error(L->rec, line,
			  _("%s holds one line: a '+' line continues only %s"),
			  fs->name, multiline_names());
		return false;
	}
	trim(v, n, fs->multiline);
	return true;
}

static void *member(struct sq_community *c, size_t at)
{
	return (char *)c + at;
}

static void text_field(struct loader *L, const struct field_spec *fs, char *v,
		       size_t n, uint32_t line)
{
	if (!text_value(L, fs, &v, &n, line))
		return;
	if (n == 0) {
		/* empty optional text is absent */
		if (fs->mandatory)
			rec_error(L->rec, line, _("empty %s field"), fs->name);
		return;
	}
	if (fs->kind == K_PLACE)
		L->r.place[fs->at] = place_text(L, (enum place)fs->at, v, n);
	else
		*(const char **)member(L->r.c, fs->at) = keep_clean(L, v, n);
}

static void alias_field(struct loader *L, const struct field_spec *fs, char *v,
			size_t n, uint32_t line)
{
	if (!text_value(L, fs, &v, &n, line) || !n)
		return;
	struct record *r = &L->r;
	if (r->n_aliases == L->cap_aliases) {
		L->cap_aliases = L->cap_aliases ? L->cap_aliases * 2 : 8;
		L->aliases = sq_xreallocarray(L->aliases, L->cap_aliases,
					      sizeof *L->aliases);
	}
	L->aliases[r->n_aliases++] = keep_clean(L, v, n);
}

static void code_field(struct loader *L, const char *v, size_t n, uint32_t line)
{
	char q[REC_QUOTE_MAX + 4];
	uint64_t key = 0;
	bool digits = n == 12;
	for (size_t i = 0; digits && i < 12; i++) {
		unsigned d = (unsigned char)v[i] - (unsigned)'0';
		digits = d <= 9;
		key = key * 10 + d;
	}
	if (!digits) {
		rec_error(L->rec, line, _("bad Code '%s' (expected 12 digits)"),
			  rec_quote(q, v, n));
		return;
	}
	L->r.c->code = rec_keep(L->rec, v, n);
	uint32_t first;
	if (!code_add(L, key, line, &first))
		rec_error(L->rec, line, _("duplicate Code %s (first at line %u)"),
			  L->r.c->code, (unsigned)first);
}

/* Batch, Recognized and the figures. */
static void number_field(struct loader *L, const struct field_spec *fs,
			 const char *v, size_t n, uint32_t line)
{
	char q[REC_QUOTE_MAX + 4];
	struct sq_community *c = L->r.c;
	switch (fs->kind) {
	case K_INT:
		if (!parse_int(v, n, member(c, fs->at)))
			rec_error(L->rec, line, _("bad Batch '%s' (expected an integer)"),
				  rec_quote(q, v, n));
		break;
	case K_MONTH:
		if (!parse_month(v, n))
			rec_error(L->rec, line,
				  _("bad Recognized '%s' (expected YYYY-MM, a month "
				    "from 01 to 12)"),
				  rec_quote(q, v, n));
		else
			*(const char **)member(c, fs->at) = rec_keep(L->rec, v, n);
		break;
	default:
		if (!parse_figure(v, n, member(c, fs->at)))
			rec_error(L->rec, line,
				  _("bad %s '%s' (expected a number, optionally "
				    "followed by '+')"),
				  fs->name, rec_quote(q, v, n));
		break;
	}
}

static void service_field(struct loader *L, char *v, size_t n, uint32_t line)
{
	char q[REC_QUOTE_MAX + 4];
	char *end = v + n;
	/* As /^(CATEGORY) \| .+ \| .+$/ matches: the Chinese at least one
	 * character long, then the first separator after it. */
	char *sep1 = memmem(v, n, " | ", 3);
	char *zh = sep1 ? sep1 + 3 : NULL;
	char *sep2 = zh && zh < end ? memmem(zh + 1, (size_t)(end - zh - 1), " | ", 3) : NULL;
	if (!sep2 || sep2 + 3 == end) {
		rec_error(L->rec, line,
			  _("bad Service '%s' (expected 'CATEGORY | 中文 | English')"),
			  rec_quote(q, v, n));
		return;
	}
	int cat = sq_category_from_id(v, (size_t)(sep1 - v));
	if (cat < 0) {
		rec_error(L->rec, line, _("unknown service category '%s'"),
			  rec_quote(q, v, (size_t)(sep1 - v)));
		return;
	}
	char *en = sep2 + 3;
	size_t zh_n = (size_t)(sep2 - zh), en_n = (size_t)(end - en);
	*sep1 = '\0';
	trim(&zh, &zh_n, true);
	trim(&en, &en_n, true);
	struct record *r = &L->r;
	if (r->n_services == L->cap_services) {
		L->cap_services = L->cap_services ? L->cap_services * 2 : 16;
		L->services = sq_xreallocarray(L->services, L->cap_services,
					       sizeof *L->services);
	}
	/* Kept in the order they lie in the buffer, zh first: keeping one
	 * moves it to the front, over what lies before it (the evaluations
	 * of an initializer's members are not sequenced). */
	struct sq_service *sv = &L->services[r->n_services++];
	sv->cat = (enum sq_category)cat;
	sv->zh = keep_clean(L, zh, zh_n);
	sv->en = keep_clean(L, en, en_n);
}

/* ---- the reader's client ---- */

static void on_record_type(void *ctx, struct rec_reader *rec, const char *type,
			   size_t len, uint32_t line)
{
	struct loader *L = ctx;
	L->rec = rec;
	if (len == 9 && memcmp(type, "Community", 9) == 0) {
		L->section = SEC_COMMUNITY;
	} else {
		char q[REC_QUOTE_MAX + 4];
		rec_error(rec, line, _("unknown record type '%s'"), rec_quote(q, type, len));
		L->section = SEC_SKIP;
	}
}

static void on_record_open(void *ctx, struct rec_reader *rec, uint32_t line)
{
	struct loader *L = ctx;
	L->rec = rec;
	if (L->n_comms == L->cap_comms) {
		L->cap_comms = L->cap_comms < 64 ? 64 : L->cap_comms + L->cap_comms / 2;
		L->comms = sq_xreallocarray(L->comms, L->cap_comms, sizeof *L->comms);
	}
	struct sq_community *c = &L->comms[L->n_comms];
	L->r = (struct record){.line = line, .c = c};
	*c = (struct sq_community){
		.foreign_residents.value = -1,
		.staff.value = -1,
		.volunteers.value = -1,
		.line = line,
	};
}

static void on_field(void *ctx, struct rec_reader *rec, const char *name,
		     size_t name_len, char *v, size_t n, uint32_t line)
{
	struct loader *L = ctx;
	L->rec = rec;
	if (L->section == SEC_SKIP)
		return;
	int id = field_id(&L->names, name, name_len);
	if (id < 0) {
		char q[REC_QUOTE_MAX + 4];
		if (L->section == SEC_COMMUNITY)
			rec_error(rec, line, _("unknown field '%s' in a Community record"),
				  rec_quote(q, name, name_len));
		return;
	}
	const struct field_spec *fs = &fields[id];
	if ((L->r.seen & BIT(id)) && !fs->repeatable) {
		rec_error(rec, line, _("more than one %s field in the record"), fs->name);
		return;
	}
	L->r.seen |= BIT(id);
	switch (fs->kind) {
	case K_TEXT:
	case K_PLACE: text_field(L, fs, v, n, line); break;
	case K_ALIAS: alias_field(L, fs, v, n, line); break;
	case K_CODE: code_field(L, v, n, line); break;
	case K_INT:
	case K_MONTH:
	case K_FIGURE: number_field(L, fs, v, n, line); break;
	case K_SERVICE: service_field(L, v, n, line); break;
	}
}

static void record_add(struct loader *L)
{
	struct record *r = &L->r;
	uint32_t d = district_get(L, r->place[PL_DISTRICT], r->place[PL_DISTRICT_EN]);
	uint32_t s = street_get(L, d, r->place[PL_STREET], r->place[PL_STREET_EN]);
	struct sq_community *c = r->c;
	c->street = s;
	L->streets[s].count++;
	if (r->n_aliases) {
		c->aliases = sq_arena_alloc(L->arena, r->n_aliases * sizeof *c->aliases);
		memcpy(c->aliases, L->aliases, r->n_aliases * sizeof *c->aliases);
		c->n_aliases = (uint32_t)r->n_aliases;
	}
	if (r->n_services) {
		c->services = sq_arena_alloc(L->arena,
					     r->n_services * sizeof *c->services);
		memcpy(c->services, L->services, r->n_services * sizeof *c->services);
		c->n_services = (uint32_t)r->n_services;
	}
	L->n_comms++;
}

static void on_record_close(void *ctx, struct rec_reader *rec, bool broken)
{
	struct loader *L = ctx;
	L->rec = rec;
	if (L->section == SEC_SKIP)
		return;
	if ((L->r.seen & L->mandatory) != L->mandatory) {
		for (int id = 0; id < F_COUNT && !broken; id++)
			if (fields[id].mandatory && !(L->r.seen & BIT(id)))
				rec_error(rec, L->r.line, _("record has no %s field"),
					  fields[id].name);
		return;
	}
	/* Once anything is wrong no model is returned: only look for more
	 * errors. */
	if (rec_errors(rec) == 0)
		record_add(L);
}

/* ---- the model ---- */

static struct sq_model *build_model(struct loader *L, const char *path, char *buf,
				    size_t len)
{
	struct sq_model *m = sq_xcalloc(1, sizeof *m);
	m->n_comms = (uint32_t)L->n_comms;
	m->n_streets = (uint32_t)L->n_streets;
	m->n_districts = (uint32_t)L->n_districts;
	m->comms = sq_xreallocarray(L->comms, L->n_comms, sizeof *m->comms);
	m->streets = sq_xreallocarray(L->streets, L->n_streets, sizeof *m->streets);
	m->districts = sq_xreallocarray(L->districts, L->n_districts,
					sizeof *m->districts);
	L->comms = NULL;
	L->streets = NULL;
	L->districts = NULL;

	/* Streets grouped by district, each group in order of first
	 * appearance (the street indices are in that order). */
	m->district_streets = sq_xreallocarray(NULL, m->n_streets, sizeof(uint32_t));
	uint32_t acc = 0;
	for (uint32_t d = 0; d < m->n_districts; d++) {
		m->districts[d].first = acc;
		acc += m->districts[d].count;
		m->districts[d].count = 0;
	}
	for (uint32_t s = 0; s < m->n_streets; s++) {
		struct sq_district *d = &m->districts[m->streets[s].district];
		m->district_streets[d->first + d->count++] = s;
	}

	/* Communities grouped by street, the groups in tree order, each in
	 * file order. */
	m->street_comms = sq_xreallocarray(NULL, m->n_comms, sizeof(uint32_t));
	acc = 0;
	for (uint32_t d = 0; d < m->n_districts; d++) {
		const struct sq_district *dd = &m->districts[d];
		for (uint32_t k = 0; k < dd->count; k++) {
			struct sq_street *s = &m->streets[m->district_streets[dd->first + k]];
			s->first = acc;
			acc += s->count;
			s->count = 0;
		}
	}
	for (uint32_t i = 0; i < m->n_comms; i++) {
		struct sq_street *s = &m->streets[m->comms[i].street];
		m->street_comms[s->first + s->count++] = i;
	}

	m->arena = L->arena;
	L->arena = NULL;
	m->buf = buf;
	m->buf_len = len;
	m->path = sq_xstrdup(path);
	sq_model_index(m);
	return m;
}

static void loader_free(struct loader *L)
{
	sq_arena_free(L->arena);
	free(L->comms);
	free(L->streets);
	free(L->districts);
	free(L->aliases);
	free(L->services);
	free(L->codes.run);
	free(L->codes.run_lines);
	sq_hash_free(&L->codes.others);
	sq_hash_free(&L->district_tab);
	sq_hash_free(&L->street_tab);
	for (int i = 0; i < PL_COUNT; i++) {
		free(L->place[i].s);
		free(L->place[i].raw);
	}
}

static const struct rec_ops community_ops = {
	.record_type = on_record_type,
	.record_open = on_record_open,
	.field = on_field,
	.record_close = on_record_close,
};

/* From the file at path, or data[0..len) when data is not NULL. */
static struct sq_model *load(const char *path, const char *data, size_t len,
			     struct sq_diag *diag)
{
	struct loader L = {.arena = sq_arena_new()};
	field_names_init(&L.names);
	for (int id = 0; id < F_COUNT; id++)
		if (fields[id].mandatory)
			L.mandatory |= BIT(id);
	char *buf;
	size_t kept;
	long errors = rec_read(path, data, len, diag, &community_ops, &L, &buf, &kept);
	struct sq_model *m = NULL;
	if (errors == 0 && L.n_comms == 0)
		sq_diag_at(diag, path, 0, "%s", _("no Community records"));
	else if (errors == 0)
		m = build_model(&L, path, buf, kept);
	if (!m)
		free(buf);
	loader_free(&L);
	return m;
}

struct sq_model *sq_load_buffer(const char *name, const char *data, size_t len,
				struct sq_diag *diag)
{
	if (len >= SIZE_MAX - 2)
		sq_die("buffer too large");
	return load(name, data ? data : "", len, diag);
}

struct sq_model *sq_load_file(const char *path, struct sq_diag *diag)
{
	return load(path, NULL, 0, diag);
}
