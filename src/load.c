/* SPDX-License-Identifier: MIT */
/* A GNU recutils reader for the one record type shequ knows, Community.
 *
 * A file is read a window at a time (the window is used again and again,
 * so a national file costs no more pages than the window); each value is
 * assembled and NUL-terminated in one buffer that the model keeps (m->buf),
 * right after the values kept before it, and stays there only if the model
 * points at it.  So a clean file costs no allocation per field, and the
 * buffer ends up holding only what the model uses: a national file's names
 * and codes, a third of its bytes.  The arena holds what cannot live in the
 * buffer (alias and service arrays, text that sanitising changed, district
 * and street names).
 *
 * Syntax read: '#' comment lines (also inside a record; they do not end a
 * value), records separated by lines that are empty or hold only blanks,
 * "Name: value" (blanks after the colon skipped), "+ text" and "+" lines
 * continuing the value with a newline, a value line ending in a backslash
 * joined to the next line (taken raw) without one, record descriptors (a
 * record whose first field starts with '%'; only %rec matters, the rest of
 * the schema is built in), CRLF line ends and a leading UTF-8 BOM.
 *
 * Diagnostics are "FILE:LINE: message"; errors about the whole file
 * (unreadable, too large, empty, binary, no records, too many errors) are
 * "FILE: message" without a line.  Byte offsets are 0-based offsets into the
 * file as stored, BOM included.  A file is "empty" when it holds nothing but
 * a BOM and white space; one with content but no Community record (only
 * comments or descriptors) is "no Community records". */
#include "load.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hash.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

enum {
	MAX_ERRORS = 50,
	MAX_LINE = 65536,
	MAX_BAD_UTF8 = MAX_ERRORS + 1,
	QUOTE_MAX = 40, /* bytes of a bad value shown in a message */
};

/* Bytes of a file read at a time; more than a line (MAX_LINE) and its line
 * end.  (Tests make it small, to cross its edges often.) */
#ifndef SQ_LOAD_WINDOW
#define SQ_LOAD_WINDOW (256 * 1024)
#endif
#define WINDOW ((size_t)SQ_LOAD_WINDOW)
_Static_assert(SQ_LOAD_WINDOW > MAX_LINE + 2, "a line must fit in the window");

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

static const char *const field_names[F_COUNT] = {
	[F_NAME] = "Name",
	[F_NAME_EN] = "NameEn",
	[F_PINYIN] = "Pinyin",
	[F_ALIAS] = "Alias",
	[F_DISTRICT] = "District",
	[F_DISTRICT_EN] = "DistrictEn",
	[F_DISTRICT_ANNOUNCED] = "DistrictAnnounced",
	[F_DISTRICT_ANNOUNCED_EN] = "DistrictAnnouncedEn",
	[F_STREET] = "Street",
	[F_STREET_EN] = "StreetEn",
	[F_CODE] = "Code",
	[F_BATCH] = "Batch",
	[F_RECOGNIZED] = "Recognized",
	[F_FOREIGN_RESIDENTS] = "ForeignResidents",
	[F_STAFF] = "Staff",
	[F_VOLUNTEERS] = "Volunteers",
	[F_SERVICE] = "Service",
	[F_SUMMARY] = "Summary",
	[F_SUMMARY_EN] = "SummaryEn",
	[F_SOURCE] = "Source",
};

#define BIT(f) (UINT32_C(1) << (f))
#define REPEATABLE (BIT(F_ALIAS) | BIT(F_SERVICE))
static const enum field mandatory[] = {F_NAME, F_DISTRICT, F_STREET, F_CODE};

/* Field names are few and fixed: switch on the first letter. */
static int field_id(const char *s, size_t n)
{
#define IS(id)                                                                 \
	do {                                                                   \
		if (n == strlen(field_names[id]) &&                            \
		    memcmp(s, field_names[id], n) == 0)                        \
			return id;                                             \
	} while (0)
	switch (s[0]) {
	case 'A': IS(F_ALIAS); break;
	case 'B': IS(F_BATCH); break;
	case 'C': IS(F_CODE); break;
	case 'D':
		IS(F_DISTRICT);
		IS(F_DISTRICT_EN);
		IS(F_DISTRICT_ANNOUNCED);
		IS(F_DISTRICT_ANNOUNCED_EN);
		break;
	case 'F': IS(F_FOREIGN_RESIDENTS); break;
	case 'N':
		IS(F_NAME);
		IS(F_NAME_EN);
		break;
	case 'P': IS(F_PINYIN); break;
	case 'R': IS(F_RECOGNIZED); break;
	case 'S':
		IS(F_STREET);
		IS(F_SERVICE);
		IS(F_SUMMARY);
		IS(F_SOURCE);
		IS(F_STAFF);
		IS(F_STREET_EN);
		IS(F_SUMMARY_EN);
		break;
	case 'V': IS(F_VOLUNTEERS); break;
	default: break;
	}
	return -1;
#undef IS
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
	uint32_t line;      /* of the first field; 0 = no record open */
	uint32_t seen;      /* BIT(field) of fields given */
	bool descriptor;
	bool has_rec;       /* descriptor: a %rec field was seen */
	bool broken;        /* a line could not be read as a field */
	/* Copies (see place_text): the next value is assembled over the
	 * values themselves. */
	const char *district, *district_en, *street, *street_en;
	/* Filled in place, at the end of the loader's array: adding it is
	 * counting it. */
	struct sq_community *c;
	size_t n_aliases, n_services; /* in the loader's scratch arrays */
};

struct open_field {
	bool open;
	bool join;          /* the last line ended with a backslash */
	char name[QUOTE_MAX + 8]; /* its first bytes (the window moves) */
	size_t name_len;
	uint32_t line;
	char *val, *w;      /* value start and write position, in out */
};

enum place { PL_DISTRICT, PL_DISTRICT_EN, PL_STREET, PL_STREET_EN, PL_COUNT };

/* The last value of a district or street field, raw and sanitised (see
 * place_text). */
struct place_value {
	char *raw, *s;
	size_t raw_len, raw_cap, cap;
	bool utf8_ok;
};

struct loader {
	const char *name;
	/* The input: in[0..in_len) holds its bytes from offset in_base on, p
	 * is where the parse is.  Either all of it (fd < 0) or a window onto
	 * the file fd, read from as the parse goes. */
	int fd;
	const char *in, *p;
	char *win;
	size_t in_len;
	uint64_t in_base;
	uint64_t to_read;   /* bytes of fd still to read */
	bool eof;           /* no more input after in[in_len - 1] */
	bool content;       /* some byte (after a BOM) is not white space */
	uint64_t looked;    /* input before this offset has been looked at */
	bool binary;        /* a NUL byte, at nul_at */
	uint64_t nul_at;
	/* The output: out[0..kept) holds the values kept so far; the value
	 * being read is assembled after them. */
	char *out;
	size_t kept;
	struct sq_diag_mark diag_mark; /* diag as it was before loading */
	struct sq_diag *diag;
	unsigned errors;
	bool stop;
	bool utf8_ok;       /* no invalid UTF-8 so far */
	size_t n_bad_utf8;
	uint64_t valid;     /* input before this offset is valid UTF-8, or
			     * the rest of a line with an error reported */
	enum section section;
	struct record r;
	struct open_field f;
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

/* ---- diagnostics ---- */

/* line 0: an error about the whole file. */
__attribute__((format(printf, 3, 4))) static void
error_at(struct loader *L, uint32_t line, const char *fmt, ...)
{
	if (L->stop)
		return;
	if (L->errors == MAX_ERRORS) {
		sq_diag_at(L->diag, L->name, 0, "%s", _("too many errors"));
		L->stop = true;
		return;
	}
	L->errors++;
	va_list ap;
	va_start(ap, fmt);
	sq_diag_vat(L->diag, L->name, line, fmt, ap);
	va_end(ap);
}

/* A bad value for a message: its first line, at most QUOTE_MAX bytes cut at a
 * character boundary, "..." when shortened. */
static const char *quote(char out[QUOTE_MAX + 4], const char *s, size_t n)
{
	size_t k = n;
	const char *nl = memchr(s, '\n', n);
	if (nl)
		k = (size_t)(nl - s);
	if (k > QUOTE_MAX) {
		k = QUOTE_MAX;
		while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
			k--;
	}
	memcpy(out, s, k);
	if (k < n)
		memcpy(out + k, "...", 3), k += 3;
	out[k] = '\0';
	return out;
}

/* ---- text ---- */

/* Sanitised (NFC, see text.h) text of a value: s itself when clean, else a
 * copy in the arena.  Newlines of multi-line values are kept. */
static const char *clean(struct loader *L, char *s, size_t n)
{
	if (!L->utf8_ok || sq_text_clean(s, n))
		return s;
	size_t len;
	char *t = sq_sanitize_lines(s, n, &len);
	if (!t)
		return s;
	const char *a = sq_arena_strndup(L->arena, t, len);
	free(t);
	return a;
}

/* A value the model points at, NUL-terminated at s[n] in out, after the
 * values kept: it is kept where it is, or, a part of a value (a service's
 * Chinese or English), moved to the front.  Every value kept lies after
 * those kept before it, so the move goes towards the front. */
static const char *keep(struct loader *L, const char *s, size_t n)
{
	char *to = L->out + L->kept;
	if (to != s)
		memmove(to, s, n + 1);
	L->kept += n + 1;
	return to;
}

/* The sanitised value, kept: in the buffer when clean, else the arena's
 * copy. */
static const char *keep_clean(struct loader *L, char *s, size_t n)
{
	const char *t = clean(L, s, n);
	return t == s ? keep(L, s, n) : t;
}

/* A district or street name, until the record is added: a copy, since
 * the next value is assembled over the value itself. */
static const char *place_text(struct loader *L, enum place which, char *s,
			      size_t n)
{
	/* Records of a street follow each other: most are the last one's. */
	struct place_value *pl = &L->place[which];
	if (pl->s && pl->raw_len == n && pl->utf8_ok == L->utf8_ok &&
	    memcmp(pl->raw, s, n) == 0)
		return pl->s;
	const char *t = clean(L, s, n);
	size_t len = t == s ? n : strlen(t);
	if (len + 1 > pl->cap) {
		pl->cap = len + 64;
		pl->s = sq_xrealloc(pl->s, pl->cap);
	}
	memcpy(pl->s, t, len + 1);
	if (n > pl->raw_cap) {
		pl->raw_cap = n + 64;
		pl->raw = sq_xrealloc(pl->raw, pl->raw_cap);
	}
	memcpy(pl->raw, s, n);
	pl->raw_len = n;
	pl->utf8_ok = L->utf8_ok;
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

static bool parse_int32(const char *s, size_t n, int32_t *out)
{
	bool neg = n > 0 && s[0] == '-';
	if (neg)
		s++, n--;
	if (n == 0 || n > 10 || !all_digits(s, n))
		return false;
	int64_t v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	if (neg)
		v = -v;
	if (v > INT32_MAX || v < INT32_MIN)
		return false;
	*out = (int32_t)v;
	return true;
}

static bool parse_figure(const char *s, size_t n, struct sq_figure *f)
{
	bool more = n > 0 && s[n - 1] == '+';
	if (more)
		n--;
	if (n == 0 || (n > 0 && s[0] == '-'))
		return false;
	int32_t v;
	if (!parse_int32(s, n, &v))
		return false;
	f->value = v;
	f->more = more;
	return true;
}

static void push_alias(struct loader *L, const char *a)
{
	struct record *r = &L->r;
	if (r->n_aliases == L->cap_aliases) {
		L->cap_aliases = L->cap_aliases ? L->cap_aliases * 2 : 8;
		L->aliases = sq_xreallocarray(L->aliases, L->cap_aliases,
					      sizeof *L->aliases);
	}
	L->aliases[r->n_aliases++] = a;
}

static void parse_service(struct loader *L, char *v, size_t n, uint32_t line)
{
	char q[QUOTE_MAX + 4];
	char *end = v + n;
	char *sep1 = memmem(v, n, " | ", 3);
	char *zh = sep1 ? sep1 + 3 : NULL;
	char *sep2 = zh ? memmem(zh, (size_t)(end - zh), " | ", 3) : NULL;
	if (!sep2 || sep2 == zh || sep2 + 3 == end) {
		error_at(L, line,
			 _("bad Service '%s' (expected 'CATEGORY | 中文 | English')"),
			 quote(q, v, n));
		return;
	}
	int cat = sq_category_from_id(v, (size_t)(sep1 - v));
	if (cat < 0) {
		error_at(L, line, _("unknown service category '%s'"),
			 quote(q, v, (size_t)(sep1 - v)));
		return;
	}
	char *en = sep2 + 3;
	*sep1 = '\0';
	*sep2 = '\0';
	struct record *r = &L->r;
	if (r->n_services == L->cap_services) {
		L->cap_services = L->cap_services ? L->cap_services * 2 : 16;
		L->services = sq_xreallocarray(L->services, L->cap_services,
					       sizeof *L->services);
	}
	L->services[r->n_services++] = (struct sq_service){
		.cat = (enum sq_category)cat,
		.zh = keep_clean(L, zh, (size_t)(sep2 - zh)),
		.en = keep_clean(L, en, (size_t)(end - en)),
	};
}

static void descriptor_field(struct loader *L, const char *name, size_t name_len,
			     char *v, size_t n, uint32_t line)
{
	char q[QUOTE_MAX + 4];
	if (name[0] != '%') {
		error_at(L, line, _("field '%s' in a record descriptor"),
			 quote(q, name, name_len));
		return;
	}
	if (name_len != 4 || memcmp(name, "%rec", 4) != 0)
		return; /* the schema is built in; %doc, %type... are not read */
	L->r.has_rec = true;
	size_t k = 0;
	while (k < n && v[k] != ' ' && v[k] != '\t' && v[k] != '\n')
		k++;
	if (k == 9 && memcmp(v, "Community", 9) == 0) {
		L->section = SEC_COMMUNITY;
	} else {
		error_at(L, line, _("unknown record type '%s'"), quote(q, v, k));
		L->section = SEC_SKIP;
	}
}

/* A whole value has been read: v[0..n) is NUL-terminated in place. */
static void field_done(struct loader *L, const char *name, size_t name_len,
		       char *v, size_t n, uint32_t line)
{
	struct record *r = &L->r;
	char q[QUOTE_MAX + 4];
	if (r->descriptor) {
		descriptor_field(L, name, name_len, v, n, line);
		return;
	}
	if (L->section == SEC_SKIP)
		return;
	int id = field_id(name, name_len);
	if (id < 0) {
		if (L->section == SEC_COMMUNITY)
			error_at(L, line, _("unknown field '%s' in a Community record"),
				 quote(q, name, name_len));
		return;
	}
	if ((r->seen & BIT(id)) && !(REPEATABLE & BIT(id))) {
		error_at(L, line, _("more than one %s field in the record"),
			 field_names[id]);
		return;
	}
	r->seen |= BIT(id);
	struct sq_community *c = r->c;
	switch ((enum field)id) {
	case F_NAME:
	case F_DISTRICT:
	case F_STREET:
		if (n == 0) {
			error_at(L, line, _("empty %s field"), field_names[id]);
			return;
		}
		if (id == F_NAME)
			c->name = keep_clean(L, v, n);
		else if (id == F_DISTRICT)
			r->district = place_text(L, PL_DISTRICT, v, n);
		else
			r->street = place_text(L, PL_STREET, v, n);
		return;
	case F_CODE: {
		uint64_t key = 0;
		bool digits = n == 12;
		for (size_t i = 0; digits && i < 12; i++) {
			unsigned d = (unsigned char)v[i] - (unsigned)'0';
			digits = d <= 9;
			key = key * 10 + d;
		}
		if (!digits) {
			error_at(L, line, _("bad Code '%s' (expected 12 digits)"),
				 quote(q, v, n));
			return;
		}
		c->code = keep(L, v, n);
		uint32_t first;
		if (!code_add(L, key, line, &first))
			error_at(L, line, _("duplicate Code %s (first at line %u)"),
				 c->code, (unsigned)first);
		return;
	}
	case F_BATCH:
		if (!parse_int32(v, n, &c->batch))
			error_at(L, line, _("bad Batch '%s' (expected an integer)"),
				 quote(q, v, n));
		return;
	case F_RECOGNIZED:
		if (n != 7 || !all_digits(v, 4) || v[4] != '-' ||
		    !all_digits(v + 5, 2))
			error_at(L, line, _("bad Recognized '%s' (expected YYYY-MM)"),
				 quote(q, v, n));
		else
			c->recognized = keep(L, v, n);
		return;
	case F_FOREIGN_RESIDENTS:
	case F_STAFF:
	case F_VOLUNTEERS: {
		struct sq_figure *f = id == F_STAFF	 ? &c->staff
				      : id == F_VOLUNTEERS ? &c->volunteers
							   : &c->foreign_residents;
		if (!parse_figure(v, n, f))
			error_at(L, line,
				 _("bad %s '%s' (expected a number, optionally "
				   "followed by '+')"),
				 field_names[id], quote(q, v, n));
		return;
	}
	case F_SERVICE:
		parse_service(L, v, n, line);
		return;
	case F_ALIAS:
		if (n)
			push_alias(L, keep_clean(L, v, n));
		return;
	default:
		break;
	}
	/* Optional text: empty is absent. */
	if (!n)
		return;
	switch ((enum field)id) {
	case F_DISTRICT_EN:
		r->district_en = place_text(L, PL_DISTRICT_EN, v, n);
		return;
	case F_STREET_EN:
		r->street_en = place_text(L, PL_STREET_EN, v, n);
		return;
	default:
		break;
	}
	const char *text = keep_clean(L, v, n);
	switch ((enum field)id) {
	case F_NAME_EN: c->name_en = text; break;
	case F_PINYIN: c->pinyin = text; break;
	case F_DISTRICT_ANNOUNCED: c->district_announced = text; break;
	case F_DISTRICT_ANNOUNCED_EN: c->district_announced_en = text; break;
	case F_SUMMARY: c->summary = text; break;
	case F_SUMMARY_EN: c->summary_en = text; break;
	case F_SOURCE: c->source = text; break;
	default: break;
	}
}

/* ---- records ---- */

static void record_open(struct loader *L, uint32_t line, bool descriptor)
{
	if (L->n_comms == L->cap_comms) {
		L->cap_comms = L->cap_comms < 64 ? 64 : L->cap_comms + L->cap_comms / 2;
		L->comms = sq_xreallocarray(L->comms, L->cap_comms, sizeof *L->comms);
	}
	struct sq_community *c = &L->comms[L->n_comms];
	L->r = (struct record){.line = line, .descriptor = descriptor, .c = c};
	*c = (struct sq_community){
		.foreign_residents.value = -1,
		.staff.value = -1,
		.volunteers.value = -1,
		.line = line,
	};
}

static void record_add(struct loader *L)
{
	struct record *r = &L->r;
	uint32_t d = district_get(L, r->district, r->district_en);
	uint32_t s = street_get(L, d, r->street, r->street_en);
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

static void record_close(struct loader *L)
{
	struct record *r = &L->r;
	if (!r->line)
		return;
	if (r->descriptor) {
		if (!r->has_rec)
			error_at(L, r->line, _("record descriptor has no %%rec field"));
	} else if (L->section != SEC_SKIP) {
		bool complete = true;
		for (size_t i = 0; i < SQ_ARRAY_LEN(mandatory); i++) {
			if (r->seen & BIT(mandatory[i]))
				continue;
			complete = false;
			if (!r->broken)
				error_at(L, r->line, _("record has no %s field"),
					 field_names[mandatory[i]]);
		}
		/* Once anything is wrong no model is returned: only look for
		 * more errors. */
		if (complete && L->errors == 0)
			record_add(L);
	}
	r->line = 0;
}

static void field_close(struct loader *L)
{
	struct open_field *f = &L->f;
	if (!f->open)
		return;
	f->open = false;
	*f->w = '\0';
	field_done(L, f->name, f->name_len, f->val, (size_t)(f->w - f->val),
		   f->line);
}

/* Appends a raw value line (without its line end) to the open field. */
static void field_append(struct open_field *f, const char *s, size_t n)
{
	f->join = n > 0 && s[n - 1] == '\\';
	if (f->join)
		n--;
	memcpy(f->w, s, n);
	f->w += n;
}

static bool is_name_start(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '%';
}

/* [A-Za-z0-9_]: one look-up a character of every field name of a file. */
static const bool name_char[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['_'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};

static void bad_line(struct loader *L, uint32_t line)
{
	if (!L->r.line)
		record_open(L, line, false);
	L->r.broken = true;
}

/* ---- input ---- */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Looks at the input read since the last look: a NUL makes the file
 * binary, anything but white space after a BOM gives it content.  The
 * first look waits for three bytes, or the end, to see a BOM. */
static void look_at(struct loader *L)
{
	uint64_t end = L->in_base + L->in_len, from = L->looked;
	if (from == 0) {
		if (L->in_len < 3 && !L->eof)
			return;
		/* nothing is parsed before the first look: in_base is 0 */
		if (L->in_len >= 3 && memcmp(L->in, "\xef\xbb\xbf", 3) == 0) {
			L->p = L->in + 3;
			from = 3;
		}
	}
	const char *s = L->in + (L->looked - L->in_base);
	size_t n = (size_t)(end - L->looked);
	const char *nul = L->binary ? NULL : memchr(s, '\0', n);
	if (nul) {
		L->binary = true;
		L->nul_at = L->in_base + (uint64_t)(nul - L->in);
	}
	for (const char *c = L->in + (from - L->in_base); !L->content && c < s + n; c++)
		L->content = !is_blank(*c);
	L->looked = end;
}

/* Moves in[p..] to the front of the window and reads after it until the
 * window is full or the file ends.  False on a read error (errno set). */
static bool refill(struct loader *L)
{
	size_t keep_n = (size_t)(L->in + L->in_len - L->p);
	memmove(L->win, L->p, keep_n);
	L->in_base += (uint64_t)(L->p - L->in);
	L->in = L->p = L->win;
	L->in_len = keep_n;
	while (L->in_len < WINDOW && L->to_read) {
		size_t want = WINDOW - L->in_len;
		if (want > L->to_read)
			want = (size_t)L->to_read;
		ssize_t r = read(L->fd, L->win + L->in_len, want);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		if (r == 0)
			break;
		L->in_len += (size_t)r;
		L->to_read -= (uint64_t)r;
	}
	L->eof = L->in_len < WINDOW || !L->to_read;
	look_at(L);
	if (!L->looked && L->in_len) /* fewer than 3 bytes, more to come */
		return refill(L);
	return true;
}

static uint64_t offset_of(const struct loader *L, const char *s)
{
	return L->in_base + (uint64_t)(s - L->in);
}

/* Finds the first invalid UTF-8 sequence of a line, s[0..n) with its
 * newline, if any (*bad_at); false when it may be a sequence the window cut
 * (at most three bytes from the end of an unfinished line): look again with
 * more. */
static bool check_line(struct loader *L, const char *s, size_t n, bool whole,
		       uint64_t *bad_at)
{
	const uint8_t *u = (const uint8_t *)s;
	const uint8_t *bad = sq_utf8_check(u, n);
	if (!bad)
		return true;
	if (!whole && (size_t)(u + n - bad) < 4)
		return false;
	*bad_at = offset_of(L, (const char *)bad);
	return true;
}

static void report_bad_utf8(struct loader *L, uint32_t line, uint64_t at)
{
	L->utf8_ok = false;
	if (L->n_bad_utf8 == MAX_BAD_UTF8)
		return;
	L->n_bad_utf8++;
	error_at(L, line, _("invalid UTF-8 at byte %zu"), (size_t)at);
}

#define NO_BAD UINT64_MAX

/* Reports the first invalid UTF-8 sequence of the line p[0..next), which is
 * in the window; checks the window from there on in one go, rather than
 * line by line.  A line with an error is not looked at again. */
static void check_utf8(struct loader *L, const char *p, const char *next,
		       uint32_t line)
{
	const char *from = p, *end = L->in + L->in_len;
	if (L->valid > offset_of(L, p))
		from = L->in + (L->valid - L->in_base);
	const char *bad = (const char *)sq_utf8_check((const uint8_t *)from,
						   (size_t)(end - from));
	if (!bad) {
		L->valid = offset_of(L, end);
	} else if (bad < next) {
		/* no sequence goes on after a line end */
		report_bad_utf8(L, line, offset_of(L, bad));
		L->valid = offset_of(L, next);
	} else {
		/* a later line's, or one the window cut: seen again there */
		L->valid = offset_of(L, bad);
	}
}

/* A line longer than the window: read on to its end (checking its UTF-8),
 * and leave p after it.  False on a read error. */
static bool skip_long_line(struct loader *L, uint32_t line)
{
	uint64_t bad = NO_BAD;
	bool check = L->n_bad_utf8 < MAX_BAD_UTF8;
	for (;;) {
		const char *end = L->in + L->in_len;
		const char *nl = memchr(L->p, '\n', (size_t)(end - L->p));
		const char *stop = nl ? nl + 1 : end;
		if (check && bad == NO_BAD &&
		    !check_line(L, L->p, (size_t)(stop - L->p), nl || L->eof, &bad)) {
			/* a sequence cut by the window: keep its start */
			const char *b = (const char *)sq_utf8_check((const uint8_t *)L->p,
								 (size_t)(stop - L->p));
			L->p = b;
			if (!refill(L))
				return false;
			continue;
		}
		L->p = stop;
		if (nl || L->eof)
			break;
		if (!refill(L))
			return false;
	}
	if (bad != NO_BAD)
		report_bad_utf8(L, line, bad);
	if (L->valid < offset_of(L, L->p))
		L->valid = offset_of(L, L->p);
	return true;
}

/* ---- parsing ---- */

static void parse_line(struct loader *L, const char *p, size_t n, uint32_t lineno,
		       bool too_long)
{
	struct open_field *f = &L->f;
	if (too_long) {
		error_at(L, lineno, _("line longer than %d bytes"), MAX_LINE);
		if (f->join) /* the value is lost */
			f->open = f->join = false;
		field_close(L);
		bad_line(L, lineno);
	} else if (f->join) {
		field_append(f, p, n);
	} else if (*p == '#') {
		/* a comment: any open value goes on after it */
	} else if (*p == '+') {
		if (!f->open) {
			error_at(L, lineno, _("continuation line ('+') with no field before it"));
			bad_line(L, lineno);
		} else {
			size_t skip = n > 1 && p[1] == ' ' ? 2 : 1;
			*f->w++ = '\n';
			field_append(f, p + skip, n - skip);
		}
	} else {
		size_t i = 0;
		while (i < n && (p[i] == ' ' || p[i] == '\t'))
			i++;
		if (i == n) { /* blank: ends the record */
			field_close(L);
			record_close(L);
			return;
		}
		field_close(L);
		i = 0;
		if (is_name_start((unsigned char)p[0])) {
			i = 1;
			while (i < n && name_char[(unsigned char)p[i]])
				i++;
		}
		if (i == 0 || i == n || p[i] != ':') {
			const char *colon = memchr(p, ':', n);
			if (!colon) {
				error_at(L, lineno, _("not a field: expected 'Name: value', a comment or a blank line"));
			} else {
				char q[QUOTE_MAX + 4];
				error_at(L, lineno, _("bad field name '%s'"),
					 quote(q, p, (size_t)(colon - p)));
			}
			bad_line(L, lineno);
		} else {
			if (!L->r.line)
				record_open(L, lineno, p[0] == '%');
			/* The window moves: the name is copied, as much as
			 * field_id and a message quoting it (QUOTE_MAX) use. */
			f->open = true;
			f->join = false;
			f->name_len = i < sizeof f->name ? i : sizeof f->name;
			f->line = lineno;
			memcpy(f->name, p, f->name_len);
			i++;
			while (i < n && (p[i] == ' ' || p[i] == '\t'))
				i++;
			/* assembled after the values kept, where it stays if
			 * it is kept too */
			f->val = f->w = L->out + L->kept;
			field_append(f, p + i, n - i);
		}
	}
}

/* False on a read error (errno set). */
static bool parse(struct loader *L)
{
	uint32_t lineno = 0;
	struct open_field *f = &L->f;
	while (!L->stop && !L->binary) {
		const char *end = L->in + L->in_len;
		const char *nl = memchr(L->p, '\n', (size_t)(end - L->p));
		if (!nl && !L->eof) {
			if (L->p == L->in && L->in_len == WINDOW) {
				/* no line end in a whole window */
				lineno++;
				if (!skip_long_line(L, lineno))
					return false;
				parse_line(L, NULL, 0, lineno, true);
			} else if (!refill(L)) {
				return false;
			}
			continue;
		}
		if (L->p == end)
			break;
		lineno++;
		const char *p = L->p, *next = nl ? nl + 1 : end, *eol = nl ? nl : end;
		if (L->n_bad_utf8 < MAX_BAD_UTF8 && offset_of(L, next) > L->valid)
			check_utf8(L, p, next, lineno);
		if (eol > p && eol[-1] == '\r')
			eol--;
		size_t n = (size_t)(eol - p);
		parse_line(L, p, n, lineno, n > MAX_LINE);
		L->p = next;
	}
	if (L->stop || L->binary)
		return true;
	if (f->join) {
		error_at(L, f->line, _("unterminated multi-line value (backslash at end of file)"));
		f->open = f->join = false;
	}
	field_close(L);
	record_close(L);
	return true;
}

/* After the parse stopped early: the rest of the file can still be binary
 * (which is the one error then reported) or have content. */
static bool drain(struct loader *L)
{
	while (!L->eof && !L->binary) {
		L->p = L->in + L->in_len;
		if (!refill(L))
			return false;
	}
	return true;
}

/* ---- the model ---- */

static struct sq_model *build_model(struct loader *L)
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
	m->buf = L->out;
	m->buf_len = L->kept;
	L->out = NULL;
	m->path = sq_xstrdup(L->name);
	sq_model_index(m);
	return m;
}

static void loader_free(struct loader *L)
{
	free(L->win);
	free(L->out);
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

/* Only this error, the others found so far taken back. */
static void only_error(struct loader *L, const char *msg, uint64_t at)
{
	sq_diag_rewind(L->diag, L->diag_mark);
	L->errors = 0;
	L->stop = false;
	error_at(L, 0, msg, (size_t)at);
}

/* Loads from fd (size bytes) when fd >= 0, else from data[0..size).  NULL
 * with errno set on a read error, diag untouched. */
static struct sq_model *load(const char *name, int fd, const char *data,
			     uint64_t size, struct sq_diag *diag, bool *read_error)
{
	struct loader L = {
		.name = name,
		.fd = fd,
		.diag = diag,
		.diag_mark = sq_diag_mark(diag),
		.utf8_ok = true,
	};
	struct sq_model *m = NULL;
	*read_error = false;
	if (size > UINT32_MAX) {
		error_at(&L, 0, _("file too large (over 4 GiB)"));
		return NULL;
	}
	/* Every value assembled, kept or not, comes from bytes of its own
	 * lines and those before: the input's size, and a NUL, are room
	 * enough.  Pages never written are never touched. */
	L.out = sq_xmalloc((size_t)size + 2);
	if (fd >= 0) {
		L.win = sq_xmalloc(WINDOW);
		L.in = L.p = L.win;
		L.to_read = size;
		if (!refill(&L))
			goto read_failed;
	} else {
		L.in = L.p = data;
		L.in_len = (size_t)size;
		L.eof = true;
		look_at(&L);
	}
	L.arena = sq_arena_new();
	if (!parse(&L) || !drain(&L))
		goto read_failed;
	if (L.binary) {
		only_error(&L, _("binary file (NUL byte at byte %zu)"), L.nul_at);
	} else if (!L.content) {
		only_error(&L, _("empty file"), 0);
	} else {
		if (L.errors == 0 && L.n_comms == 0)
			error_at(&L, 0, _("no Community records"));
		if (L.errors == 0)
			m = build_model(&L);
	}
	loader_free(&L);
	return m;

read_failed:;
	int err = errno;
	sq_diag_rewind(diag, L.diag_mark);
	loader_free(&L);
	errno = err;
	*read_error = true;
	return NULL;
}

struct sq_model *sq_load_buffer(const char *name, const char *data, size_t len,
				struct sq_diag *diag)
{
	if (len >= SIZE_MAX - 2)
		sq_die("buffer too large");
	bool read_error;
	return load(name, -1, data ? data : "", len, diag, &read_error);
}

struct sq_model *sq_load_file(const char *path, struct sq_diag *diag)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		goto fail;
	struct stat st;
	if (fstat(fd, &st) < 0)
		goto fail_fd;
	bool read_error;
	struct sq_model *m;
	if (S_ISREG(st.st_mode) && st.st_size > 0) {
		/* A window at a time, as much as fstat says there is. */
#if defined(POSIX_FADV_SEQUENTIAL)
		posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
		m = load(path, fd, NULL, (uint64_t)st.st_size, diag, &read_error);
	} else {
		/* A pipe or the like: all of it first. */
		size_t cap = 64 * 1024, len = 0;
		char *buf = sq_xmalloc(cap);
		for (;;) {
			if (cap - len < 2) {
				cap *= 2;
				buf = sq_xrealloc(buf, cap);
			}
			ssize_t r = read(fd, buf + len, cap - len - 1);
			if (r < 0) {
				if (errno == EINTR)
					continue;
				free(buf);
				goto fail_fd;
			}
			if (r == 0)
				break;
			len += (size_t)r;
		}
		m = load(path, -1, buf, len, diag, &read_error);
		free(buf);
	}
	if (read_error)
		goto fail_fd;
	close(fd);
	return m;

fail_fd:;
	int err = errno;
	close(fd);
	errno = err;
fail:
	sq_diag_at(diag, path, 0, "%s", strerror(errno));
	return NULL;
}
