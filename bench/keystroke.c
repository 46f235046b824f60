/* SPDX-License-Identifier: MIT */
/* Per-keystroke cost of search-as-you-type: loads a data file, then types
 * each query one character at a time, running sq_search on every prefix as
 * the TUI does, and prints milliseconds per keystroke.
 *
 * usage: bench-keystroke [-r ROUNDS] FILE QUERY...
 *
 * "typed" is the first search of each prefix, as when typing (after one
 * search that builds any lazy index); "repeat" is the median of rounds
 * 2..ROUNDS of the same prefix (which a searcher may serve from a cache). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "load.h"
#include "search.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Length in bytes of the UTF-8 sequence starting with byte c. */
static size_t utf8_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

static double search_ms(struct sq_searcher *s, const char *q, size_t *hits)
{
	struct sq_hit *out = NULL;
	double t0 = now_ms();
	*hits = sq_search(s, q, &out);
	double t = now_ms() - t0;
	free(out);
	return t;
}

int main(int argc, char **argv)
{
	int rounds = 5, c;
	while ((c = getopt(argc, argv, "r:")) != -1) {
		if (c == 'r' && atoi(optarg) >= 1) {
			rounds = atoi(optarg);
		} else {
			fprintf(stderr, "usage: bench-keystroke [-r ROUNDS] FILE QUERY...\n");
			return 2;
		}
	}
	if (argc - optind < 2) {
		fprintf(stderr, "usage: bench-keystroke [-r ROUNDS] FILE QUERY...\n");
		return 2;
	}
	const char *path = argv[optind];

	struct sq_diag diag = {0};
	double t0 = now_ms();
	struct sq_model *m = sq_load_file(path, &diag);
	double load = now_ms() - t0;
	if (!m) {
		fputs(diag.text ? diag.text : "", stderr);
		sq_diag_free(&diag);
		return 2;
	}
	sq_diag_free(&diag);
	t0 = now_ms();
	struct sq_searcher *s = sq_searcher_new(m);
	double index = now_ms() - t0;
	if (!s) {
		fprintf(stderr, "bench-keystroke: sq_searcher_new failed\n");
		sq_model_free(m);
		return 2;
	}
	/* The first search builds whatever the searcher builds lazily; a query
	 * no prefix of the typed ones shares keeps it out of their figures. */
	size_t warm_hits;
	double first = search_ms(s, "zzzzzzzz", &warm_hits);
	printf("file %s: %u communities; load %.1f ms, sq_searcher_new %.1f ms, "
	       "first search (lazy index) %.1f ms\n",
	       path, m->n_comms, load, index, first);
	printf("%4s %10s %10s %10s  %s\n", "key", "hits", "typed ms", "repeat ms", "prefix");

	double *warm = malloc(sizeof *warm * (size_t)rounds);
	for (int qi = optind + 1; qi < argc && warm; qi++) {
		const char *q = argv[qi];
		size_t qlen = strlen(q), n_keys = 0;
		double total_cold = 0, total_warm = 0;
		for (size_t end = 0; end < qlen;) {
			end += utf8_len((unsigned char)q[end]);
			if (end > qlen)
				end = qlen;
			char *prefix = strndup(q, end);
			size_t hits = 0;
			double cold = search_ms(s, prefix, &hits);
			for (int r = 1; r < rounds; r++)
				warm[r - 1] = search_ms(s, prefix, &hits);
			double med = cold;
			if (rounds > 1) {
				qsort(warm, (size_t)rounds - 1, sizeof *warm, cmp_double);
				med = warm[(rounds - 1) / 2];
			}
			printf("%4zu %10zu %10.2f %10.2f  %s\n", n_keys + 1, hits, cold,
			       med, prefix);
			total_cold += cold;
			total_warm += med;
			n_keys++;
			free(prefix);
		}
		if (n_keys == 0)
			continue;
		printf("%4s %10s %10.2f %10.2f  mean of %zu keystrokes of %s\n", "",
		       "", total_cold / (double)n_keys, total_warm / (double)n_keys,
		       n_keys, q);
	}
	int status = warm ? 0 : 2;
	free(warm);
	sq_searcher_free(s);
	sq_model_free(m);
	return status;
}
