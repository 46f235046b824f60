/* SPDX-License-Identifier: MIT */
/* In-core search timings on a loaded model.
 *
 * usage: bench-keystroke [-r ROUNDS] FILE QUERY...
 *        bench-keystroke -s [-r ROUNDS] FILE QUERY...
 *
 * Default (per keystroke): loads FILE, then types each query one character
 * at a time, running sq_search on every prefix as the TUI does, and prints
 * milliseconds per keystroke.  "typed" is the first search of each prefix,
 * as when typing (after one search that builds any lazy index); "repeat" is
 * the median of rounds 2..ROUNDS of the same prefix (which a searcher may
 * serve from a cache).  "cold" is the first keystroke alone on a searcher
 * just made (sq_searcher_new not counted: the TUI makes it at start), which
 * pays for any index built on first use.  A line a query for
 * bench/load-search.sh:
 *   slowest QUERY TYPED_MAX_MS COLD_FIRST_MS
 *
 * -s (whole queries): for each query, the best of ROUNDS of
 *   new     sq_searcher_new (keys every name, text and place),
 *   pinyin  a first search that no query shares, which builds what is
 *           built on first use (pinyin),
 *   search  the query itself on that searcher: nothing cached, index built,
 *   first   the query as the first search of a new searcher (it builds what
 *           it needs); new + first is what --search pays after loading.
 * One line a query, tab-separated:
 *   search QUERY HITS NEW_MS PINYIN_MS SEARCH_MS FIRST_MS */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "load.h"
#include "search.h"
#include "util.h"

/* Keys names, text and the pinyin of every name; no query shares it. */
#define WARM_QUERY "zzzzzzzz"

static double now_ms(void)
{
	return sq_now() * 1e3;
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

static double min_d(double a, double b)
{
	return a < b ? a : b;
}

static double new_ms(const struct sq_model *m, struct sq_searcher **s)
{
	double t0 = now_ms();
	*s = sq_searcher_new(m);
	return now_ms() - t0;
}

static void whole_queries(const struct sq_model *m, int rounds, char **q, int n)
{
	for (int i = 0; i < n; i++) {
		double make = 1e30, pinyin = 1e30, search = 1e30, first = 1e30;
		size_t hits = 0, h;
		for (int r = 0; r < rounds; r++) {
			struct sq_searcher *s;
			make = min_d(make, new_ms(m, &s));
			first = min_d(first, search_ms(s, q[i], &h));
			sq_searcher_free(s);
			new_ms(m, &s);
			pinyin = min_d(pinyin, search_ms(s, WARM_QUERY, &h));
			search = min_d(search, search_ms(s, q[i], &hits));
			sq_searcher_free(s);
		}
		printf("search\t%s\t%zu\t%.2f\t%.2f\t%.2f\t%.2f\n", q[i], hits,
		       make, pinyin, search, first);
	}
}

/* Length of the first character of q, at most its length. */
static size_t first_char(const char *q)
{
	size_t l = utf8_len((unsigned char)q[0]), n = strlen(q);
	return l < n ? l : n;
}

static int typing(const struct sq_model *m, int rounds, char **queries, int n)
{
	struct sq_searcher *s;
	double make = new_ms(m, &s);
	/* The first search builds whatever the searcher builds lazily; a query
	 * no prefix of the typed ones shares keeps it out of their figures. */
	size_t warm_hits;
	double first = search_ms(s, WARM_QUERY, &warm_hits);
	printf("sq_searcher_new %.1f ms; first search (pinyin index) %.1f ms\n",
	       make, first);
	printf("%4s %10s %10s %10s  %s\n", "key", "hits", "typed ms", "repeat ms", "prefix");

	double *warm = malloc(sizeof *warm * (size_t)rounds);
	for (int qi = 0; qi < n && warm; qi++) {
		const char *q = queries[qi];
		size_t qlen = strlen(q), n_keys = 0;
		if (!qlen)
			continue;
		/* The first keystroke on a new searcher, best of the rounds. */
		double cold = 1e30;
		char *one = strndup(q, first_char(q));
		for (int r = 0; r < rounds && one; r++) {
			struct sq_searcher *fresh = sq_searcher_new(m);
			size_t h;
			cold = min_d(cold, search_ms(fresh, one, &h));
			sq_searcher_free(fresh);
		}
		free(one);
		double total_cold = 0, total_warm = 0, worst = 0;
		for (size_t end = 0; end < qlen;) {
			end += utf8_len((unsigned char)q[end]);
			if (end > qlen)
				end = qlen;
			char *prefix = strndup(q, end);
			size_t hits = 0;
			double typed = search_ms(s, prefix, &hits);
			for (int r = 1; r < rounds; r++)
				warm[r - 1] = search_ms(s, prefix, &hits);
			double med = typed;
			if (rounds > 1) {
				qsort(warm, (size_t)rounds - 1, sizeof *warm, cmp_double);
				med = warm[(rounds - 1) / 2];
			}
			printf("%4zu %10zu %10.2f %10.2f  %s\n", n_keys + 1, hits, typed,
			       med, prefix);
			total_cold += typed;
			total_warm += med;
			if (typed > worst)
				worst = typed;
			n_keys++;
			free(prefix);
		}
		printf("%4s %10s %10.2f %10.2f  mean of %zu keystrokes of %s\n", "",
		       "", total_cold / (double)n_keys, total_warm / (double)n_keys,
		       n_keys, q);
		printf("%4s %10s %10.2f %10s  first keystroke on a new searcher\n", "",
		       "", cold, "");
		printf("slowest\t%s\t%.2f\t%.2f\n", q, worst, cold);
	}
	int status = warm ? 0 : 2;
	free(warm);
	sq_searcher_free(s);
	return status;
}

static int usage(void)
{
	fprintf(stderr, "usage: bench-keystroke [-s] [-r ROUNDS] FILE QUERY...\n");
	return 2;
}

int main(int argc, char **argv)
{
	int rounds = 5, c;
	bool whole = false;
	while ((c = getopt(argc, argv, "r:s")) != -1) {
		if (c == 'r' && atoi(optarg) >= 1)
			rounds = atoi(optarg);
		else if (c == 's')
			whole = true;
		else
			return usage();
	}
	if (argc - optind < 2)
		return usage();
	const char *path = argv[optind];

	struct sq_diag diag = {0};
	double t0 = now_ms();
	struct sq_model *m = sq_load_file(path, &diag);
	double load = now_ms() - t0;
	if (!m) {
		fputs(sq_diag_text(&diag), stderr);
		sq_diag_free(&diag);
		return 2;
	}
	sq_diag_free(&diag);
	printf("file %s: %u communities; load %.1f ms\n", path, m->n_comms, load);
	int status = 0;
	if (whole)
		whole_queries(m, rounds, argv + optind + 1, argc - optind - 1);
	else
		status = typing(m, rounds, argv + optind + 1, argc - optind - 1);
	sq_model_free(m);
	return status;
}
