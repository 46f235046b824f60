/* SPDX-License-Identifier: MIT */
/* The recutils reader (see rec.h).  A file is read a window at a time: the
 * window is used again and again, so that a national file costs no more
 * pages than the window. */
#include "rec.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "text.h"
#include "util.h"

enum { MAX_BAD_UTF8 = REC_MAX_ERRORS + 1 };

/* Bytes of a file read at a time; more than a line (REC_MAX_LINE) and its
 * line end.  (Tests make it small, to cross its edges often.) */
#ifndef SQ_LOAD_WINDOW
#define SQ_LOAD_WINDOW (256 * 1024)
#endif
static const size_t window_size = SQ_LOAD_WINDOW;
_Static_assert(SQ_LOAD_WINDOW > REC_MAX_LINE + 2, "a line must fit in the window");

struct open_field {
	bool open;
	bool join;          /* the last line ended with a backslash */
	char name[REC_QUOTE_MAX + 8]; /* its first bytes (the window moves) */
	size_t name_len;
	uint32_t line;
	char *val, *w;      /* value start and write position, in out */
};

struct rec_reader {
	const char *name;
	const struct rec_ops *ops;
	void *ctx;
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
	bool binary;        /* a NUL byte, at nul_at, on line nul_line */
	uint64_t nul_at;
	uint32_t nul_line;
	uint32_t lines_before_p; /* line ends before p */
	/* The output: out[0..kept) holds the values kept so far; the value
	 * being read is assembled after them. */
	char *out;
	size_t kept;
	struct sq_diag *diag;
	struct sq_diag_mark diag_mark; /* diag as it was before reading */
	unsigned errors;
	bool stop;          /* too many errors */
	bool utf8_ok;       /* no invalid UTF-8 so far */
	size_t n_bad_utf8;
	uint64_t valid;     /* input before this offset is valid UTF-8, or
			     * the rest of a line with an error reported */
	uint32_t record_line; /* the open record's first line; 0: none */
	bool descriptor;    /* the open record is a descriptor */
	bool has_rec;       /* ... and its %rec was seen */
	bool broken;        /* a line of it could not be read as a field */
	struct open_field f;
};

/* ---- for the client ---- */

void rec_error(struct rec_reader *r, uint32_t line, const char *fmt, ...)
{
	if (r->stop)
		return;
	if (r->errors == REC_MAX_ERRORS) {
		sq_diag_at(r->diag, r->name, 0, "%s", _("too many errors"));
		r->stop = true;
		return;
	}
	r->errors++;
	va_list ap;
	va_start(ap, fmt);
	sq_diag_vat(r->diag, r->name, line, fmt, ap);
	va_end(ap);
}

const char *rec_quote(char out[REC_QUOTE_MAX + 4], const char *s, size_t n)
{
	size_t k = n;
	const char *nl = memchr(s, '\n', n);
	if (nl)
		k = (size_t)(nl - s);
	if (k > REC_QUOTE_MAX) {
		k = REC_QUOTE_MAX;
		while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
			k--;
	}
	memcpy(out, s, k);
	if (k < n)
		memcpy(out + k, "...", 3), k += 3;
	out[k] = '\0';
	return out;
}

/* Every value kept lies after those kept before it, so a move goes towards
 * the front. */
const char *rec_keep(struct rec_reader *r, const char *s, size_t n)
{
	char *to = r->out + r->kept;
	if (to != s)
		memmove(to, s, n + 1);
	r->kept += n + 1;
	return to;
}

bool rec_utf8_ok(const struct rec_reader *r)
{
	return r->utf8_ok;
}

unsigned rec_errors(const struct rec_reader *r)
{
	return r->errors;
}

/* ---- records and fields ---- */

static void record_open(struct rec_reader *r, uint32_t line, bool descriptor)
{
	r->record_line = line;
	r->descriptor = descriptor;
	r->has_rec = r->broken = false;
	if (!descriptor)
		r->ops->record_open(r->ctx, r, line);
}

static void record_close(struct rec_reader *r)
{
	if (!r->record_line)
		return;
	if (!r->descriptor)
		r->ops->record_close(r->ctx, r, r->broken);
	else if (!r->has_rec)
		rec_error(r, r->record_line, _("record descriptor has no %%rec field"));
	r->record_line = 0;
}

/* A field of a descriptor: only %rec is read (the client's schema is its
 * own); a field that is not a special one does not belong there. */
static void descriptor_field(struct rec_reader *r, const char *name, size_t name_len,
			     const char *v, size_t n, uint32_t line)
{
	char q[REC_QUOTE_MAX + 4];
	if (name[0] != '%') {
		rec_error(r, line, _("field '%s' in a record descriptor"),
			  rec_quote(q, name, name_len));
		return;
	}
	if (name_len != 4 || memcmp(name, "%rec", 4) != 0)
		return;
	r->has_rec = true;
	while (n && (*v == ' ' || *v == '\t'))
		v++, n--;
	size_t k = 0;
	while (k < n && v[k] != ' ' && v[k] != '\t' && v[k] != '\n')
		k++;
	r->ops->record_type(r->ctx, r, v, k, line);
}

static void field_close(struct rec_reader *r)
{
	struct open_field *f = &r->f;
	if (!f->open)
		return;
	f->open = false;
	*f->w = '\0';
	size_t n = (size_t)(f->w - f->val);
	if (r->descriptor)
		descriptor_field(r, f->name, f->name_len, f->val, n, f->line);
	else
		r->ops->field(r->ctx, r, f->name, f->name_len, f->val, n, f->line);
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

static void bad_line(struct rec_reader *r, uint32_t line)
{
	if (!r->record_line)
		record_open(r, line, false);
	r->broken = true;
}

/* ---- input ---- */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Line ends in s[0..e). */
static uint32_t count_lines(const char *s, const char *e)
{
	uint32_t n = 0;
	for (const char *nl; (nl = memchr(s, '\n', (size_t)(e - s))); s = nl + 1)
		n++;
	return n;
}

/* Looks at the input read since the last look: a NUL makes the file
 * binary, anything but white space after a BOM gives it content.  The
 * first look waits for three bytes, or the end, to see a BOM. */
static void look_at(struct rec_reader *r)
{
	uint64_t end = r->in_base + r->in_len, from = r->looked;
	if (from == 0) {
		if (r->in_len < 3 && !r->eof)
			return;
		/* nothing is parsed before the first look: in_base is 0 */
		if (r->in_len >= 3 && memcmp(r->in, "\xef\xbb\xbf", 3) == 0) {
			r->p = r->in + 3;
			from = 3;
		}
	}
	const char *s = r->in + (r->looked - r->in_base);
	size_t n = (size_t)(end - r->looked);
	const char *nul = r->binary ? NULL : memchr(s, '\0', n);
	if (nul) {
		r->binary = true;
		r->nul_at = r->in_base + (uint64_t)(nul - r->in);
		r->nul_line = r->lines_before_p + 1 + count_lines(r->p, nul);
	}
	for (const char *c = r->in + (from - r->in_base); !r->content && c < s + n; c++)
		r->content = !is_blank(*c);
	r->looked = end;
}

/* Moves in[p..] to the front of the window and reads after it until the
 * window is full or the file ends.  False on a read error (errno set). */
static bool refill(struct rec_reader *r)
{
	size_t keep_n = (size_t)(r->in + r->in_len - r->p);
	memmove(r->win, r->p, keep_n);
	r->in_base += (uint64_t)(r->p - r->in);
	r->in = r->p = r->win;
	r->in_len = keep_n;
	while (r->in_len < window_size && r->to_read) {
		size_t want = window_size - r->in_len;
		if (want > r->to_read)
			want = (size_t)r->to_read;
		ssize_t got = read(r->fd, r->win + r->in_len, want);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		if (got == 0)
			break;
		r->in_len += (size_t)got;
		r->to_read -= (uint64_t)got;
	}
	r->eof = r->in_len < window_size || !r->to_read;
	look_at(r);
	if (!r->looked && r->in_len) /* fewer than 3 bytes, more to come */
		return refill(r);
	return true;
}

static uint64_t offset_of(const struct rec_reader *r, const char *s)
{
	return r->in_base + (uint64_t)(s - r->in);
}

/* Finds the first invalid UTF-8 sequence of a line, s[0..n) with its
 * newline, if any (*bad_at); false when it may be a sequence the window cut
 * (at most three bytes from the end of an unfinished line): look again with
 * more. */
static bool check_line(struct rec_reader *r, const char *s, size_t n, bool whole,
		       uint64_t *bad_at)
{
	const uint8_t *u = (const uint8_t *)s;
	const uint8_t *bad = sq_utf8_check(u, n);
	if (!bad)
		return true;
	if (!whole && (size_t)(u + n - bad) < 4)
		return false;
	*bad_at = offset_of(r, (const char *)bad);
	return true;
}

static void report_bad_utf8(struct rec_reader *r, uint32_t line, uint64_t at)
{
	r->utf8_ok = false;
	if (r->n_bad_utf8 == MAX_BAD_UTF8)
		return;
	r->n_bad_utf8++;
	rec_error(r, line, _("invalid UTF-8 at byte %zu"), (size_t)at);
}

#define NO_BAD UINT64_MAX

/* Reports the first invalid UTF-8 sequence of the line p[0..next), which is
 * in the window; checks the window from there on in one go, rather than
 * line by line.  A line with an error is not looked at again. */
static void check_utf8(struct rec_reader *r, const char *p, const char *next,
		       uint32_t line)
{
	const char *from = p, *end = r->in + r->in_len;
	if (r->valid > offset_of(r, p))
		from = r->in + (r->valid - r->in_base);
	const char *bad = (const char *)sq_utf8_check((const uint8_t *)from,
						   (size_t)(end - from));
	if (!bad) {
		r->valid = offset_of(r, end);
	} else if (bad < next) {
		/* no sequence goes on after a line end */
		report_bad_utf8(r, line, offset_of(r, bad));
		r->valid = offset_of(r, next);
	} else {
		/* a later line's, or one the window cut: seen again there */
		r->valid = offset_of(r, bad);
	}
}

/* A line longer than the window: read on to its end (checking its UTF-8),
 * and leave p after it.  False on a read error. */
static bool skip_long_line(struct rec_reader *r, uint32_t line)
{
	uint64_t bad = NO_BAD;
	bool check = r->n_bad_utf8 < MAX_BAD_UTF8;
	for (;;) {
		const char *end = r->in + r->in_len;
		const char *nl = memchr(r->p, '\n', (size_t)(end - r->p));
		const char *stop = nl ? nl + 1 : end;
		if (check && bad == NO_BAD &&
		    !check_line(r, r->p, (size_t)(stop - r->p), nl || r->eof, &bad)) {
			/* a sequence cut by the window: keep its start */
			const char *b = (const char *)sq_utf8_check((const uint8_t *)r->p,
								 (size_t)(stop - r->p));
			r->p = b;
			if (!refill(r))
				return false;
			continue;
		}
		r->p = stop;
		if (nl || r->eof)
			break;
		if (!refill(r))
			return false;
	}
	if (bad != NO_BAD)
		report_bad_utf8(r, line, bad);
	if (r->valid < offset_of(r, r->p))
		r->valid = offset_of(r, r->p);
	return true;
}

/* ---- parsing ---- */

static void parse_line(struct rec_reader *r, const char *p, size_t n, uint32_t lineno,
		       bool too_long)
{
	struct open_field *f = &r->f;
	if (too_long) {
		rec_error(r, lineno, _("line longer than %d bytes"), REC_MAX_LINE);
		if (f->join) /* the value is lost */
			f->open = f->join = false;
		field_close(r);
		bad_line(r, lineno);
	} else if (f->join) {
		field_append(f, p, n);
	} else if (*p == '#') {
		/* A comment ends the value before it, as in recfix: a '+'
		 * after it continues nothing. */
		field_close(r);
	} else if (*p == '+') {
		if (!f->open) {
			rec_error(r, lineno, _("continuation line ('+') with no field before it"));
			bad_line(r, lineno);
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
			field_close(r);
			record_close(r);
			return;
		}
		field_close(r);
		i = 0;
		if (is_name_start((unsigned char)p[0])) {
			i = 1;
			while (i < n && name_char[(unsigned char)p[i]])
				i++;
		}
		if (i == 0 || i == n || p[i] != ':') {
			const char *colon = memchr(p, ':', n);
			if (!colon) {
				rec_error(r, lineno, _("not a field: expected 'Name: value', a comment or a blank line"));
			} else {
				char q[REC_QUOTE_MAX + 4];
				rec_error(r, lineno, _("bad field name '%s'"),
					 rec_quote(q, p, (size_t)(colon - p)));
			}
			bad_line(r, lineno);
		} else {
			if (!r->record_line)
				record_open(r, lineno, p[0] == '%');
			/* The window moves: the name is copied, as much as
			 * field_id and a message quoting it (QUOTE_MAX) use. */
			f->open = true;
			f->join = false;
			f->name_len = i < sizeof f->name ? i : sizeof f->name;
			f->line = lineno;
			memcpy(f->name, p, f->name_len);
			i++;
			/* The separator is the colon and one blank; more are
			 * the value's (a typed value is checked with them). */
			if (i < n && (p[i] == ' ' || p[i] == '\t'))
				i++;
			/* assembled after the values kept, where it stays if
			 * it is kept too */
			f->val = f->w = r->out + r->kept;
			field_append(f, p + i, n - i);
		}
	}
}

/* False on a read error (errno set). */
static bool parse(struct rec_reader *r)
{
	uint32_t lineno = 0;
	struct open_field *f = &r->f;
	while (!r->stop && !r->binary) {
		const char *end = r->in + r->in_len;
		const char *nl = memchr(r->p, '\n', (size_t)(end - r->p));
		if (!nl && !r->eof) {
			if (r->p == r->in && r->in_len == window_size) {
				/* no line end in a whole window */
				lineno++;
				if (!skip_long_line(r, lineno))
					return false;
				parse_line(r, NULL, 0, lineno, true);
				r->lines_before_p = lineno;
			} else if (!refill(r)) {
				return false;
			}
			continue;
		}
		if (r->p == end)
			break;
		lineno++;
		const char *p = r->p, *next = nl ? nl + 1 : end, *eol = nl ? nl : end;
		if (r->n_bad_utf8 < MAX_BAD_UTF8 && offset_of(r, next) > r->valid)
			check_utf8(r, p, next, lineno);
		if (eol > p && eol[-1] == '\r')
			eol--;
		size_t n = (size_t)(eol - p);
		parse_line(r, p, n, lineno, n > REC_MAX_LINE);
		r->p = next;
		r->lines_before_p = lineno;
	}
	if (r->stop || r->binary)
		return true;
	if (f->join) {
		rec_error(r, f->line, _("unterminated multi-line value (backslash at end of file)"));
		f->open = f->join = false;
	}
	field_close(r);
	record_close(r);
	return true;
}

/* After the parse stopped early: the rest of the file can still be binary
 * (which is the one error then reported) or have content. */
static bool drain(struct rec_reader *r)
{
	while (!r->eof && !r->binary) {
		r->lines_before_p += count_lines(r->p, r->in + r->in_len);
		r->p = r->in + r->in_len;
		if (!refill(r))
			return false;
	}
	return true;
}

/* ---- reading ---- */

/* Only this error, the others found so far taken back. */
static void only_error(struct rec_reader *r, uint32_t line, const char *msg,
		       uint64_t at)
{
	sq_diag_rewind(r->diag, r->diag_mark);
	r->errors = 0;
	r->stop = false;
	rec_error(r, line, msg, (size_t)at);
}

/* Reads from r->fd (size bytes) when it is >= 0, else from data[0..size).
 * False with errno set on a read error. */
static bool read_all(struct rec_reader *r, const char *data, uint64_t size)
{
	if (size > UINT32_MAX) {
		rec_error(r, 0, _("file too large (over 4 GiB)"));
		return true;
	}
	/* Every value assembled, kept or not, comes from bytes of its own
	 * lines and those before: the input's size, and a NUL, are room
	 * enough.  Pages never written are never touched. */
	r->out = sq_xmalloc((size_t)size + 2);
	if (r->fd >= 0) {
		r->win = sq_xmalloc(window_size);
		r->in = r->p = r->win;
		r->to_read = size;
		if (!refill(r))
			return false;
	} else {
		r->in = r->p = data;
		r->in_len = (size_t)size;
		r->eof = true;
		look_at(r);
	}
	if (!parse(r) || !drain(r))
		return false;
	if (r->binary)
		only_error(r, r->nul_line, _("binary file (NUL byte at byte %zu)"),
			   r->nul_at);
	else if (!r->content)
		only_error(r, 0, _("empty file"), 0);
	return true;
}

/* The file at path, ready to read, and its size; -1 with errno set when it
 * cannot be opened, or with *not_regular set when it is not a regular file.
 * Opened without waiting: a FIFO with no writer would block open(). */
static int open_regular(const char *path, uint64_t *size, bool *not_regular)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -1;
	struct stat st;
	int err = 0;
	if (fstat(fd, &st) < 0)
		err = errno;
	else if (S_ISDIR(st.st_mode))
		err = EISDIR;
	else if (!S_ISREG(st.st_mode))
		*not_regular = true;
	else if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) < 0)
		err = errno;
	if (err || *not_regular) {
		close(fd);
		errno = err;
		return -1;
	}
	*size = (uint64_t)st.st_size;
#if defined(POSIX_FADV_SEQUENTIAL)
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
	return fd;
}

long rec_read(const char *path, const char *data, size_t size,
	      struct sq_diag *diag, const struct rec_ops *ops, void *ctx,
	      char **out, size_t *kept)
{
	struct rec_reader r = {
		.name = path,
		.ops = ops,
		.ctx = ctx,
		.fd = -1,
		.diag = diag,
		.diag_mark = sq_diag_mark(diag),
		.utf8_ok = true,
	};
	bool ok = true, not_regular = false;
	uint64_t len = size;
	*out = NULL;
	*kept = 0;
	if (!data)
		ok = (r.fd = open_regular(path, &len, &not_regular)) >= 0;
	if (not_regular) {
		/* A device or a pipe could be read without end or wait forever:
		 * a data file is a file. */
		sq_diag_at(diag, path, 0, "%s", _("not a regular file"));
		return -1;
	}
	ok = ok && read_all(&r, data, len);
	if (!ok) {
		int err = errno;
		sq_diag_rewind(diag, r.diag_mark);
		sq_diag_at(diag, path, 0, "%s", strerror(err));
	}
	if (r.fd >= 0)
		close(r.fd);
	free(r.win);
	*out = r.out;
	*kept = r.kept;
	return ok ? (long)r.errors : -1;
}
