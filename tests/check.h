/* SPDX-License-Identifier: MIT */
/* A minimal assertion kit for the unit tests: every failed CHECK prints where
 * and what, the test goes on, and main returns non-zero if anything failed. */
#ifndef SHEQU_CHECK_H
#define SHEQU_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_failures, check_count;

#define CHECK(cond)                                                            \
	do {                                                                   \
		check_count++;                                                 \
		if (!(cond)) {                                                 \
			check_failures++;                                      \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, \
				__LINE__, #cond);                              \
		}                                                              \
	} while (0)

#define CHECK_INT(got, want)                                                   \
	do {                                                                   \
		long long g_ = (long long)(got), w_ = (long long)(want);       \
		check_count++;                                                 \
		if (g_ != w_) {                                                \
			check_failures++;                                      \
			fprintf(stderr, "%s:%d: %s = %lld, want %lld\n",       \
				__FILE__, __LINE__, #got, g_, w_);             \
		}                                                              \
	} while (0)

#define CHECK_STR(got, want)                                                   \
	do {                                                                   \
		const char *g_ = (got), *w_ = (want);                          \
		check_count++;                                                 \
		if (!g_ || strcmp(g_, w_) != 0) {                              \
			check_failures++;                                      \
			fprintf(stderr, "%s:%d: %s = \"%s\", want \"%s\"\n",  \
				__FILE__, __LINE__, #got, g_ ? g_ : "(null)",  \
				w_);                                           \
		}                                                              \
	} while (0)

/* A new directory $TMPDIR/shequ-NAME-XXXXXX (/tmp without TMPDIR) in
 * buf[0..size); the test cannot go on without it. */
static inline void check_temp_dir(char *buf, size_t size, const char *name)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(buf, size, "%s/shequ-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", name);
	if (!mkdtemp(buf)) {
		perror(buf);
		exit(1);
	}
}

static inline int check_report(const char *name)
{
	printf("%s: %d checks, %d failed\n", name, check_count, check_failures);
	return check_failures ? 1 : 0;
}

#endif
