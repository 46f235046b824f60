/* SPDX-License-Identifier: MIT */
/* A GNU recutils reader for the one record type shequ knows, Community.
 *
 * The whole file is read into one buffer that the model keeps (m->buf).
 * Values are assembled and NUL-terminated in place (a multi-line value only
 * ever shrinks), so a clean file costs no allocation per field; the arena
 * holds what cannot live in the buffer (alias and service arrays, text that
 * sanitising changed, district and street names).  Each value the model
 * keeps is then moved to the front of the buffer, after the one kept before
 * it, so that the buffer ends up holding only those values, and the pages
 * behind the parse that nothing points into any more are given back to the
 * system as the parse goes: a national file's names and codes are a third
 * of its bytes.
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
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "text.h"
#include "util.h"

enum {
	MAX_ERRORS = 50,
	MAX_LINE = 65536,
	MAX_BAD_UTF8 = MAX_ERRORS + 1,
	QUOTE_MAX = 40, /* bytes of a bad value shown in a message */
	RELEASE_STEP = 2 << 20, /* give pages back this many bytes at a time */
};

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

/* Open-addressing hash slot: idx1 is an index + 1 (0 = empty). */
struct slot {
	uint32_t idx1, hash;
};

struct table {
	struct slot *slots;
	size_t cap, n; /* cap is a power of two */
};

/* The codes seen, for duplicates.  Files usually list them in increasing
 * order: while they do, a code is only compared with the last one and
 * appended to "run" (sorted, so a later code out of order finds an earlier
 * one by binary search), which touches memory in order.  Codes out of order
 * go to an open-addressing table: a slot holds (code + 1) << 24 | ordinal
 * (12 digits fit in 40 bits; 0 = empty), and lines[ordinal] the line of its
 * field.  8 bytes a slot, with no need to look back into the buffer. */
#define CODE_ORD_BITS 24
#define CODE_ORD_MAX ((UINT32_C(1) << CODE_ORD_BITS) - 1)

struct codes {
	uint64_t *run;           /* code + 1, strictly increasing */
	uint32_t *run_lines;
	size_t n_run, cap_run;
	uint64_t *slots;
	uint32_t *lines;
	size_t cap, n;
	size_t total;            /* codes seen */
};

enum section { SEC_UNTYPED, SEC_COMMUNITY, SEC_SKIP };

struct record {
	uint32_t line;      /* of the first field; 0 = no record open */
	uint32_t seen;      /* BIT(field) of fields given */
	bool descriptor;
	bool has_rec;       /* descriptor: a %rec field was seen */
	bool broken;        /* a line could not be read as a field */
	/* Copies (see place_text): the values themselves are overwritten by
	 * the values kept after them. */
	const char *district, *district_en, *street, *street_en;
	struct sq_community c;
	size_t n_aliases, n_services; /* in the loader's scratch arrays */
};

struct open_field {
	bool open;
	bool join;          /* the last line ended with a backslash */
	const char *name;
	size_t name_len;
	uint32_t line;
	char *val, *w;      /* value start and write position */
};

enum place { PL_DISTRICT, PL_DISTRICT_EN, PL_STREET, PL_STREET_EN, PL_COUNT };

struct loader {
	const char *name;
	char *buf;
	size_t len;
	size_t out;         /* buf[0..out) holds the values kept so far */
	size_t released;    /* buf[..released) has been given back, page-wise */
	struct sq_diag *diag;
	unsigned errors;
	bool stop;
	bool utf8_ok;
	size_t bad_utf8[MAX_BAD_UTF8]; /* offsets of invalid sequences */
	size_t n_bad_utf8, next_bad_utf8;
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
	struct table district_tab, street_tab;
	struct {
		char *s;
		size_t cap;
	} place[PL_COUNT];
};

/* ---- diagnostics ---- */

void sq_diag_addf(struct sq_diag *d, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		va_end(ap2);
		return;
	}
	size_t need = d->len + (size_t)n + 2;
	if (need > d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 256;
		while (cap < need)
			cap *= 2;
		d->text = sq_xrealloc(d->text, cap);
		d->cap = cap;
	}
	vsnprintf(d->text + d->len, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	d->len += (size_t)n;
	d->text[d->len++] = '\n';
	d->text[d->len] = '\0';
	d->count++;
}

void sq_diag_free(struct sq_diag *d)
{
	free(d->text);
	*d = (struct sq_diag){0};
}

/* line 0: an error about the whole file. */
__attribute__((format(printf, 3, 4))) static void
error_at(struct loader *L, uint32_t line, const char *fmt, ...)
{
	if (L->stop)
		return;
	if (L->errors == MAX_ERRORS) {
		sq_diag_addf(L->diag, "%s: too many errors", L->name);
		L->stop = true;
		return;
	}
	L->errors++;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (line)
		sq_diag_addf(L->diag, "%s:%" PRIu32 ": %s", L->name, line, msg);
	else
		sq_diag_addf(L->diag, "%s: %s", L->name, msg);
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

/* u8_check, with the same answer (the first byte of the first invalid or
 * incomplete sequence, or NULL), faster on what data files hold: ASCII is
 * skipped eight bytes at a time, and three-byte sequences (CJK) are checked
 * inline. */
static const uint8_t *utf8_check(const uint8_t *s, size_t n)
{
	const uint8_t *e = s + n;
	while (s < e) {
		if ((size_t)(e - s) >= 8) {
			uint64_t w;
			memcpy(&w, s, 8);
			if (!(w & UINT64_C(0x8080808080808080))) {
				s += 8;
				continue;
			}
		}
		uint8_t c = *s;
		if (c < 0x80) {
			s++;
			continue;
		}
		size_t left = (size_t)(e - s);
		if (c >= 0xe0 && c < 0xf0) {
			if (left >= 3 && (s[1] ^ 0x80) < 0x40 && (s[2] ^ 0x80) < 0x40 &&
			    (c >= 0xe1 || s[1] >= 0xa0) && (c != 0xed || s[1] < 0xa0)) {
				s += 3;
				continue;
			}
		} else if (c >= 0xc2 && c < 0xe0) {
			if (left >= 2 && (s[1] ^ 0x80) < 0x40) {
				s += 2;
				continue;
			}
		} else if (c >= 0xf0 && c < 0xf8) {
			if (left >= 4 && (s[1] ^ 0x80) < 0x40 && (s[2] ^ 0x80) < 0x40 &&
			    (s[3] ^ 0x80) < 0x40 && (c >= 0xf1 || s[1] >= 0x90) &&
			    (c < 0xf4 || (c == 0xf4 && s[1] < 0x90))) {
				s += 4;
				continue;
			}
		}
		return s;
	}
	return NULL;
}

static bool fast_bmp(uint32_t c)
{
	return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
	       (c >= 0x3000 && c <= 0x3029) || (c >= 0x3030 && c <= 0x303e) ||
	       (c >= 0xff01 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ||
	       (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e);
}

/* True when s (valid UTF-8) is made only of characters that NFC and
 * sq_sanitize leave as they are in any mix of each other: printable ASCII,
 * newline, Latin-1 to Latin Extended-B (not U+00AD), common punctuation, CJK
 * ideographs and punctuation, fullwidth forms.  Anything else (combining
 * marks, kana that compose, invisible characters...) goes the slow way. */
static bool fast_clean(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str, *e = s + n;
	while (s < e) {
		unsigned c = s[0];
		if (c < 0x80) {
			if ((c < 0x20 && c != '\n') || c == 0x7f)
				return false;
			s++;
		} else if (c < 0xe0) {
			uint32_t cp = ((c & 0x1fu) << 6) | (s[1] & 0x3fu);
			if (cp < 0xa0 || cp > 0x24f || cp == 0xad)
				return false;
			s += 2;
		} else if (c < 0xf0) {
			uint32_t cp = ((c & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) |
				      (s[2] & 0x3fu);
			if (!fast_bmp(cp))
				return false;
			s += 3;
		} else {
			return false;
		}
	}
	return true;
}

/* Sanitised (NFC, see text.h) text of a value: s itself when clean, else a
 * copy in the arena.  Newlines of multi-line values are kept: each line is
 * sanitised on its own. */
static const char *clean(struct loader *L, char *s, size_t n)
{
	if (!L->utf8_ok || fast_clean(s, n))
		return s;
	if (!memchr(s, '\n', n)) {
		size_t out_len;
		char *t = sq_sanitize(s, n, &out_len);
		if (!t)
			return s;
		char *a = sq_arena_strndup(L->arena, t, out_len);
		free(t);
		return a;
	}
	char *out = NULL;
	size_t out_len = 0, cap = 0;
	bool changed = false;
	for (size_t i = 0; i <= n;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t k = nl ? (size_t)(nl - (s + i)) : n - i;
		size_t tl;
		char *t = sq_sanitize(s + i, k, &tl);
		const char *piece = t ? t : s + i;
		size_t pl = t ? tl : k;
		changed |= t != NULL;
		if (out_len + pl + 1 > cap) {
			cap = (out_len + pl + 1) * 2;
			out = sq_xrealloc(out, cap);
		}
		memcpy(out + out_len, piece, pl);
		out_len += pl;
		if (nl)
			out[out_len++] = '\n';
		free(t);
		if (!nl)
			break;
		i += k + 1;
	}
	const char *res = changed ? sq_arena_strndup(L->arena, out, out_len) : s;
	free(out);
	return res;
}

/* A value the model points at, NUL-terminated at s[n], moved to the front
 * of the buffer.  Every value kept lies after all those kept before it
 * (fields come in file order, and a value only shrinks in place), so
 * buf[out] is never after s: the move goes towards the front and cannot
 * overwrite a value still to come. */
static const char *keep(struct loader *L, const char *s, size_t n)
{
	char *to = L->buf + L->out;
	if (to != s)
		memmove(to, s, n + 1);
	L->out += n + 1;
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
 * later values kept move over the value itself. */
static const char *place_text(struct loader *L, enum place which, char *s,
			      size_t n)
{
	const char *t = clean(L, s, n);
	size_t len = t == s ? n : strlen(t);
	if (len + 1 > L->place[which].cap) {
		L->place[which].cap = len + 64;
		L->place[which].s = sq_xrealloc(L->place[which].s, L->place[which].cap);
	}
	memcpy(L->place[which].s, t, len + 1);
	return L->place[which].s;
}

/* Gives back the pages of buf between the values kept and upto, the start
 * of the line being read: nothing points there any more.  Pages the kept
 * values will grow into (as predicted from the ratio so far, with a margin)
 * are left alone, or they would be faulted in a second time.  The memory
 * stays allocated, and reads as zeros if touched; nothing touches it. */
static void release(struct loader *L, size_t upto, bool final)
{
#if defined(MADV_DONTNEED)
	if (upto <= L->released + RELEASE_STEP)
		return;
	size_t from = L->out;
	if (!final && upto > 0)
		from += (size_t)((double)L->out / (double)upto *
				 (double)(L->len - upto) * 1.25);
	if (from < L->released)
		from = L->released;
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	if (page == 0 || (page & (page - 1)))
		return;
	uintptr_t base = (uintptr_t)L->buf;
	uintptr_t lo = (base + from + page - 1) & ~(page - 1);
	uintptr_t hi = (base + upto) & ~(page - 1);
	if (hi < lo + (final ? page : RELEASE_STEP))
		return;
	if (madvise((void *)lo, hi - lo, MADV_DONTNEED) == 0)
		L->released = hi - base;
#else
	(void)L, (void)upto, (void)final;
#endif
}

/* ---- lookups ---- */

static uint32_t str_hash(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void table_grow(struct table *t)
{
	size_t cap = t->cap ? t->cap * 2 : 64;
	struct slot *slots = sq_xcalloc(cap, sizeof *slots);
	for (size_t i = 0; i < t->cap; i++) {
		if (!t->slots[i].idx1)
			continue;
		size_t j = t->slots[i].hash & (cap - 1);
		while (slots[j].idx1)
			j = (j + 1) & (cap - 1);
		slots[j] = t->slots[i];
	}
	free(t->slots);
	t->slots = slots;
	t->cap = cap;
}

static uint32_t district_get(struct loader *L, const char *name, const char *en)
{
	uint32_t d;
	if (L->n_districts && strcmp(L->districts[L->last_district].name, name) == 0) {
		d = L->last_district;
		goto found;
	}
	struct table *t = &L->district_tab;
	if ((t->n + 1) * 2 > t->cap)
		table_grow(t);
	uint32_t h = str_hash(name);
	size_t j = h & (t->cap - 1);
	for (; t->slots[j].idx1; j = (j + 1) & (t->cap - 1)) {
		d = t->slots[j].idx1 - 1;
		if (t->slots[j].hash == h && strcmp(L->districts[d].name, name) == 0)
			goto found;
	}
	if (L->n_districts == L->cap_districts) {
		L->cap_districts = L->cap_districts ? L->cap_districts * 2 : 16;
		L->districts = sq_xreallocarray(L->districts, L->cap_districts,
						sizeof *L->districts);
	}
	d = (uint32_t)L->n_districts++;
	/* A copy, kept together with the other names so that lookups
	 * compare within the cache rather than all over the file. */
	L->districts[d] = (struct sq_district){
		.name = sq_arena_strndup(L->arena, name, strlen(name))};
	t->slots[j] = (struct slot){d + 1, h};
	t->n++;
found:
	if (!L->districts[d].name_en && en && *en)
		L->districts[d].name_en = sq_arena_strndup(L->arena, en, strlen(en));
	L->last_district = d;
	return d;
}

static uint32_t street_get(struct loader *L, uint32_t d, const char *name,
			   const char *en)
{
	uint32_t s;
	if (L->n_streets && L->streets[L->last_street].district == d &&
	    strcmp(L->streets[L->last_street].name, name) == 0) {
		s = L->last_street;
		goto found;
	}
	struct table *t = &L->street_tab;
	if ((t->n + 1) * 2 > t->cap)
		table_grow(t);
	uint32_t h = str_hash(name) ^ (d * 0x9e3779b1u);
	size_t j = h & (t->cap - 1);
	for (; t->slots[j].idx1; j = (j + 1) & (t->cap - 1)) {
		s = t->slots[j].idx1 - 1;
		if (t->slots[j].hash == h && L->streets[s].district == d &&
		    strcmp(L->streets[s].name, name) == 0)
			goto found;
	}
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
	t->slots[j] = (struct slot){s + 1, h};
	t->n++;
found:
	if (!L->streets[s].name_en && en && *en)
		L->streets[s].name_en = sq_arena_strndup(L->arena, en, strlen(en));
	L->last_street = s;
	return s;
}

static size_t code_pos(uint64_t key, size_t cap)
{
	return (size_t)((key * 0x9e3779b97f4a7c15u) >> 32) & (cap - 1);
}

static bool code_hashed(struct codes *t, uint64_t key, uint32_t line,
			uint32_t *first_line)
{
	/* At most 3/4 full: probes stay within a cache line or two. */
	if ((t->n + 1) * 4 > t->cap * 3) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		uint64_t *slots = sq_xcalloc(cap, sizeof *slots);
		for (size_t i = 0; i < t->cap; i++) {
			if (!t->slots[i])
				continue;
			size_t j = code_pos(t->slots[i] >> CODE_ORD_BITS, cap);
			while (slots[j])
				j = (j + 1) & (cap - 1);
			slots[j] = t->slots[i];
		}
		free(t->slots);
		t->slots = slots;
		t->cap = cap;
		t->lines = sq_xreallocarray(t->lines, cap / 4 * 3, sizeof *t->lines);
	}
	size_t j = code_pos(key, t->cap);
	for (; t->slots[j]; j = (j + 1) & (t->cap - 1)) {
		if (t->slots[j] >> CODE_ORD_BITS == key) {
			*first_line = t->lines[t->slots[j] & CODE_ORD_MAX];
			return false;
		}
	}
	t->slots[j] = key << CODE_ORD_BITS | t->n;
	t->lines[t->n++] = line;
	return true;
}

/* Records the code (12 digits at v); false if it was already there
 * (*first_line set).  Codes beyond CODE_ORD_MAX are not checked. */
static bool code_add(struct loader *L, const char *v, uint32_t line,
		     uint32_t *first_line)
{
	struct codes *t = &L->codes;
	if (t->total >= CODE_ORD_MAX)
		return true;
	t->total++;
	uint64_t key = 0;
	for (int i = 0; i < 12; i++)
		key = key * 10 + (uint64_t)(v[i] - '0');
	key++;
	if (!t->n_run || key > t->run[t->n_run - 1]) {
		if (t->n_run == t->cap_run) {
			t->cap_run = t->cap_run ? t->cap_run * 2 : 1024;
			t->run = sq_xreallocarray(t->run, t->cap_run, sizeof *t->run);
			t->run_lines = sq_xreallocarray(t->run_lines, t->cap_run,
							sizeof *t->run_lines);
		}
		t->run[t->n_run] = key;
		t->run_lines[t->n_run++] = line;
		return true;
	}
	size_t lo = 0, hi = t->n_run;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->run[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (t->run[lo] == key) {
		*first_line = t->run_lines[lo];
		return false;
	}
	/* Not in the run, and below its end: any later code equal to it is
	 * out of order too, so the table sees both. */
	return code_hashed(t, key, line, first_line);
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
			 "bad Service '%s' (expected 'CATEGORY | 中文 | English')",
			 quote(q, v, n));
		return;
	}
	int cat = sq_category_from_id(v, (size_t)(sep1 - v));
	if (cat < 0) {
		error_at(L, line, "unknown service category '%s'",
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
		error_at(L, line, "field '%s' in a record descriptor",
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
		error_at(L, line, "unknown record type '%s'", quote(q, v, k));
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
			error_at(L, line, "unknown field '%s' in a Community record",
				 quote(q, name, name_len));
		return;
	}
	if ((r->seen & BIT(id)) && !(REPEATABLE & BIT(id))) {
		error_at(L, line, "more than one %s field in the record",
			 field_names[id]);
		return;
	}
	r->seen |= BIT(id);
	struct sq_community *c = &r->c;
	switch ((enum field)id) {
	case F_NAME:
	case F_DISTRICT:
	case F_STREET:
		if (n == 0) {
			error_at(L, line, "empty %s field", field_names[id]);
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
		if (n != 12 || !all_digits(v, n)) {
			error_at(L, line, "bad Code '%s' (expected 12 digits)",
				 quote(q, v, n));
			return;
		}
		c->code = keep(L, v, n);
		uint32_t first;
		if (!code_add(L, c->code, line, &first))
			error_at(L, line, "duplicate Code %s (first at line %" PRIu32 ")",
				 c->code, first);
		return;
	}
	case F_BATCH:
		if (!parse_int32(v, n, &c->batch))
			error_at(L, line, "bad Batch '%s' (expected an integer)",
				 quote(q, v, n));
		return;
	case F_RECOGNIZED:
		if (n != 7 || !all_digits(v, 4) || v[4] != '-' ||
		    !all_digits(v + 5, 2))
			error_at(L, line, "bad Recognized '%s' (expected YYYY-MM)",
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
				 "bad %s '%s' (expected a number, optionally "
				 "followed by '+')",
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
	struct record *r = &L->r;
	*r = (struct record){.line = line, .descriptor = descriptor};
	r->c.foreign_residents.value = -1;
	r->c.staff.value = -1;
	r->c.volunteers.value = -1;
	r->c.line = line;
}

static void record_add(struct loader *L)
{
	struct record *r = &L->r;
	uint32_t d = district_get(L, r->district, r->district_en);
	uint32_t s = street_get(L, d, r->street, r->street_en);
	struct sq_community *c = &r->c;
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
	if (L->n_comms == L->cap_comms) {
		L->cap_comms = L->cap_comms < 64 ? 64 : L->cap_comms + L->cap_comms / 2;
		L->comms = sq_xreallocarray(L->comms, L->cap_comms, sizeof *L->comms);
	}
	L->comms[L->n_comms++] = *c;
}

static void record_close(struct loader *L)
{
	struct record *r = &L->r;
	if (!r->line)
		return;
	if (r->descriptor) {
		if (!r->has_rec)
			error_at(L, r->line, "record descriptor has no %%rec field");
	} else if (L->section != SEC_SKIP) {
		bool complete = true;
		for (size_t i = 0; i < SQ_ARRAY_LEN(mandatory); i++) {
			if (r->seen & BIT(mandatory[i]))
				continue;
			complete = false;
			if (!r->broken)
				error_at(L, r->line, "record has no %s field",
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
	memmove(f->w, s, n);
	f->w += n;
}

static bool is_name_start(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '%';
}

static bool is_name_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

static void bad_line(struct loader *L, uint32_t line)
{
	if (!L->r.line)
		record_open(L, line, false);
	L->r.broken = true;
}

static void parse(struct loader *L, size_t start)
{
	char *p = L->buf + start, *end = L->buf + L->len;
	uint32_t lineno = 0;
	struct open_field *f = &L->f;
	while (p < end && !L->stop) {
		lineno++;
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *next = nl ? nl + 1 : end;
		char *eol = nl ? nl : end;
		while (L->next_bad_utf8 < L->n_bad_utf8 &&
		       L->bad_utf8[L->next_bad_utf8] < (size_t)(next - L->buf))
			error_at(L, lineno, "invalid UTF-8 at byte %zu",
				 L->bad_utf8[L->next_bad_utf8++]);
		if (eol > p && eol[-1] == '\r')
			eol--;
		size_t n = (size_t)(eol - p);
		if (n > MAX_LINE) {
			error_at(L, lineno, "line longer than %d bytes", MAX_LINE);
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
				error_at(L, lineno, "continuation line ('+') with no field before it");
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
				release(L, (size_t)(p - L->buf), false);
				p = next;
				continue;
			}
			field_close(L);
			i = 0;
			if (is_name_start((unsigned char)p[0])) {
				i = 1;
				while (i < n && is_name_char((unsigned char)p[i]))
					i++;
			}
			if (i == 0 || i == n || p[i] != ':') {
				char *colon = memchr(p, ':', n);
				if (!colon) {
					error_at(L, lineno, "not a field: expected 'Name: value', a comment or a blank line");
				} else {
					char q[QUOTE_MAX + 4];
					error_at(L, lineno, "bad field name '%s'",
						 quote(q, p, (size_t)(colon - p)));
				}
				bad_line(L, lineno);
			} else {
				if (!L->r.line)
					record_open(L, lineno, p[0] == '%');
				*f = (struct open_field){
					.open = true,
					.name = p,
					.name_len = i,
					.line = lineno,
				};
				i++;
				while (i < n && (p[i] == ' ' || p[i] == '\t'))
					i++;
				f->val = f->w = p + i;
				field_append(f, p + i, n - i);
			}
		}
		p = next;
	}
	if (L->stop)
		return;
	if (f->join) {
		error_at(L, f->line, "unterminated multi-line value (backslash at end of file)");
		f->open = f->join = false;
	}
	field_close(L);
	record_close(L);
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
	m->buf = L->buf;
	m->buf_len = L->out;
	L->buf = NULL;
	m->path = sq_xstrdup(L->name);
	return m;
}

static void loader_free(struct loader *L)
{
	free(L->buf);
	sq_arena_free(L->arena);
	free(L->comms);
	free(L->streets);
	free(L->districts);
	free(L->aliases);
	free(L->services);
	free(L->codes.run);
	free(L->codes.run_lines);
	free(L->codes.slots);
	free(L->codes.lines);
	free(L->district_tab.slots);
	free(L->street_tab.slots);
	for (int i = 0; i < PL_COUNT; i++)
		free(L->place[i].s);
}

/* Takes buf (len bytes, room for len + 1). */
static struct sq_model *load(const char *name, char *buf, size_t len,
			     struct sq_diag *diag)
{
	struct loader L = {.name = name, .buf = buf, .len = len, .diag = diag};
	struct sq_model *m = NULL;
	buf[len] = '\0';

	size_t start = 0;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		start = 3;
	if (len > UINT32_MAX) {
		error_at(&L, 0, "file too large (over 4 GiB)");
		goto out;
	}
	const char *nul = memchr(buf, '\0', len);
	if (nul) {
		error_at(&L, 0, "binary file (NUL byte at byte %zu)", (size_t)(nul - buf));
		goto out;
	}
	size_t i = start;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' ||
			   buf[i] == '\n'))
		i++;
	if (i == len) {
		error_at(&L, 0, "empty file");
		goto out;
	}

	const uint8_t *u = (const uint8_t *)buf + start, *e = (const uint8_t *)buf + len;
	const uint8_t *bad;
	while (u < e && (bad = utf8_check(u, (size_t)(e - u)))) {
		L.bad_utf8[L.n_bad_utf8++] = (size_t)(bad - (const uint8_t *)buf);
		if (L.n_bad_utf8 == MAX_BAD_UTF8)
			break;
		const uint8_t *nl = memchr(bad, '\n', (size_t)(e - bad));
		u = nl ? nl + 1 : e;
	}
	L.utf8_ok = L.n_bad_utf8 == 0;
	L.arena = sq_arena_new();
	parse(&L, start);
	if (L.errors == 0 && L.n_comms == 0)
		error_at(&L, 0, "no Community records");
	if (L.errors == 0) {
		release(&L, len, true);
		m = build_model(&L);
	}
out:
	loader_free(&L);
	return m;
}

struct sq_model *sq_load_buffer(const char *name, const char *data, size_t len,
				struct sq_diag *diag)
{
	if (len == SIZE_MAX)
		sq_die("buffer too large");
	char *buf = sq_xmalloc(len + 1);
	if (len)
		memcpy(buf, data, len);
	return load(name, buf, len, diag);
}

struct sq_model *sq_load_file(const char *path, struct sq_diag *diag)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		goto fail;
	struct stat st;
	if (fstat(fd, &st) < 0)
		goto fail_fd;
	/* Room for the NUL and one more byte, so that EOF is seen without
	 * growing the buffer. */
	size_t cap = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 2
							   : 64 * 1024;
	size_t len = 0;
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
	close(fd);
	return load(path, buf, len, diag);

fail_fd:;
	int err = errno;
	close(fd);
	errno = err;
fail:
	sq_diag_addf(diag, "%s: %s", path, strerror(errno));
	return NULL;
}

/* The directory of the bundled data: the source tree's when this binary was
 * run from the build tree, else the installed one. */
static const char *bundled_dir(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *dir = realpath(SHEQU_BUILDDIR, NULL);
		const char *b = dir ? dir : SHEQU_BUILDDIR;
		size_t bl = strlen(b);
		bool inside = strncmp(exe, b, bl) == 0 && exe[bl] == '/';
		free(dir);
		if (inside)
			return SHEQU_SRC_DATADIR;
	}
	return SHEQU_DATADIR;
}

const char *sq_default_data_path(void)
{
	const char *env = getenv("SHEQU_DATA");
	if (env && *env)
		return env;
	static char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/communities.rec", bundled_dir());
	return path;
}

const char *sq_default_city_path(void)
{
	static char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/hangzhou.rec", bundled_dir());
	return access(path, R_OK) == 0 ? path : NULL;
}
