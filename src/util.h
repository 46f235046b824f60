/* SPDX-License-Identifier: MIT */
/* Allocation that cannot fail silently, a bump arena for strings that live as
 * long as the model, and the small things every module needs once: the
 * monotonic clock and the file name of a path. */
#ifndef SHEQU_UTIL_H
#define SHEQU_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define SQ_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* For the impossible: prints "shequ: message" and aborts. */
_Noreturn void sq_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* These never return NULL: they die instead.  Saying so lets the compiler
 * and the static analyser follow that across files. */
#define SQ_NONNULL_ALLOC __attribute__((returns_nonnull, warn_unused_result))
SQ_NONNULL_ALLOC void *sq_xmalloc(size_t n);
SQ_NONNULL_ALLOC void *sq_xcalloc(size_t n, size_t size);
SQ_NONNULL_ALLOC void *sq_xrealloc(void *p, size_t n);
/* realloc to n elements of size, aborting on overflow. */
SQ_NONNULL_ALLOC void *sq_xreallocarray(void *p, size_t n, size_t size);
SQ_NONNULL_ALLOC char *sq_xstrdup(const char *s);
SQ_NONNULL_ALLOC char *sq_xstrndup(const char *s, size_t n);

struct sq_arena;
struct sq_arena *sq_arena_new(void);
SQ_NONNULL_ALLOC void *sq_arena_alloc(struct sq_arena *a, size_t n); /* 8-byte aligned */
SQ_NONNULL_ALLOC char *sq_arena_strndup(struct sq_arena *a, const char *s, size_t n);
void sq_arena_free(struct sq_arena *a);

/* Seconds on the monotonic clock: for durations and timeouts (never a date;
 * unaffected by changes of the system time). */
double sq_now(void);

/* The file name of a path: what follows its last '/' (path itself when it
 * has none).  Points into path. */
const char *sq_base_name(const char *path);

/* The first index i of a[0..n), sorted, with a[i] >= key (n when none). */
size_t sq_lower_bound_u32(const uint32_t *a, size_t n, uint32_t key);

#endif
