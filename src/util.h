/* SPDX-License-Identifier: MIT */
/* Allocation that cannot fail silently, and a bump arena for strings that live
 * as long as the model. */
#ifndef SHEQU_UTIL_H
#define SHEQU_UTIL_H

#include <stddef.h>

#define SQ_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* For the impossible: prints "shequ: message" and aborts. */
_Noreturn void sq_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void *sq_xmalloc(size_t n);
void *sq_xcalloc(size_t n, size_t size);
void *sq_xrealloc(void *p, size_t n);
/* realloc to n elements of size, aborting on overflow. */
void *sq_xreallocarray(void *p, size_t n, size_t size);
char *sq_xstrdup(const char *s);
char *sq_xstrndup(const char *s, size_t n);

struct sq_arena;
struct sq_arena *sq_arena_new(void);
void *sq_arena_alloc(struct sq_arena *a, size_t n); /* 8-byte aligned */
char *sq_arena_strndup(struct sq_arena *a, const char *s, size_t n);
void sq_arena_free(struct sq_arena *a);

#endif
