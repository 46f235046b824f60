/* SPDX-License-Identifier: MIT */
#include "util.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void sq_die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("shequ: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

void *sq_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		sq_die("out of memory (%zu bytes)", n);
	return p;
}

void *sq_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		sq_die("out of memory");
	return p;
}

void *sq_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		sq_die("out of memory (%zu bytes)", n);
	return p;
}

void *sq_xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		sq_die("allocation overflow");
	return sq_xrealloc(p, n * size);
}

char *sq_xstrdup(const char *s)
{
	return sq_xstrndup(s, strlen(s));
}

char *sq_xstrndup(const char *s, size_t n)
{
	char *p = sq_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Blocks grow geometrically so that a national file needs few mallocs. */
struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	_Alignas(8) unsigned char data[];
};

struct sq_arena {
	struct arena_block *head;
	size_t next_cap;
};

struct sq_arena *sq_arena_new(void)
{
	struct sq_arena *a = sq_xcalloc(1, sizeof *a);
	a->next_cap = 64 * 1024;
	return a;
}

void *sq_arena_alloc(struct sq_arena *a, size_t n)
{
	n = (n + 7) & ~(size_t)7;
	struct arena_block *b = a->head;
	if (!b || b->cap - b->used < n) {
		size_t cap = a->next_cap;
		while (cap < n)
			cap *= 2;
		if (a->next_cap < 16u * 1024 * 1024)
			a->next_cap *= 2;
		b = sq_xmalloc(sizeof *b + cap);
		b->used = 0;
		b->cap = cap;
		b->next = a->head;
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += n;
	return p;
}

char *sq_arena_strndup(struct sq_arena *a, const char *s, size_t n)
{
	char *p = sq_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void sq_arena_free(struct sq_arena *a)
{
	if (!a)
		return;
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	free(a);
}

double sq_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

const char *sq_base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

size_t sq_lower_bound_u32(const uint32_t *a, size_t n, uint32_t key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
