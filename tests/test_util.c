/* SPDX-License-Identifier: MIT */
/* The core's small shared helpers: the monotonic clock, the file name of a
 * path, the arena. */
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "util.h"

static void test_base_name(void)
{
	CHECK_STR(sq_base_name("/usr/share/shequ/communities.rec"), "communities.rec");
	CHECK_STR(sq_base_name("communities.rec"), "communities.rec");
	CHECK_STR(sq_base_name("data/"), "");
	CHECK_STR(sq_base_name("/"), "");
	CHECK_STR(sq_base_name(""), "");
	const char *p = "a/b/c";
	CHECK(sq_base_name(p) == p + 4); /* points into the path */
}

static void test_now(void)
{
	double a = sq_now();
	struct timespec ts = {0, 20 * 1000 * 1000};
	nanosleep(&ts, NULL);
	double b = sq_now();
	CHECK(a > 0);
	CHECK(b - a >= 0.019);
	CHECK(b - a < 5); /* seconds, not milliseconds */
}

static void test_arena(void)
{
	struct sq_arena *a = sq_arena_new();
	char *s = sq_arena_strndup(a, "abcdef", 3);
	CHECK_STR(s, "abc");
	for (int i = 0; i < 1000; i++) {
		void *p = sq_arena_alloc(a, (size_t)i * 97 + 1);
		CHECK(((uintptr_t)p & 7) == 0);
	}
	char *big = sq_arena_alloc(a, 40u * 1024 * 1024);
	memset(big, 1, 40u * 1024 * 1024);
	CHECK_STR(s, "abc");
	sq_arena_free(a);
}

int main(void)
{
	test_base_name();
	test_now();
	test_arena();
	return check_report("test_util");
}
