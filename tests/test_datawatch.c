/* SPDX-License-Identifier: MIT */
/* The data file watch: a rename over the file and a write in place each
 * count once, other files in the directory do not; the loader refuses a
 * broken file with FILE:LINE and takes a good one. */
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "datawatch.h"

static char dir[PATH_MAX], path[PATH_MAX + 32];
static char *good;
static size_t good_len;

static void put(const char *p, const char *data, size_t len)
{
	FILE *f = fopen(p, "w");
	if (!f) {
		perror(p);
		exit(1);
	}
	fwrite(data, 1, len, f);
	fclose(f);
}

/* Write a new file beside the data and rename it over (dpkg, editors). */
static void replace(const char *data, size_t len)
{
	char tmp[PATH_MAX + 64];
	snprintf(tmp, sizeof tmp, "%s/communities.rec.dpkg-new", dir);
	put(tmp, data, len);
	CHECK(rename(tmp, path) == 0);
}

static bool readable(struct sq_datawatch *w)
{
	struct pollfd p = {.fd = sq_datawatch_fd(w), .events = POLLIN};
	return poll(&p, 1, 0) == 1;
}

static void read_good(void)
{
	const char *src = getenv("SHEQU_SRCDIR");
	char p[PATH_MAX];
	snprintf(p, sizeof p, "%s/data/communities.rec", src ? src : "..");
	FILE *f = fopen(p, "r");
	if (!f) {
		perror(p);
		exit(1);
	}
	fseek(f, 0, SEEK_END);
	good_len = (size_t)ftell(f);
	rewind(f);
	good = malloc(good_len);
	if (!good || fread(good, 1, good_len, f) != good_len)
		exit(1);
	fclose(f);
}

static void test_events(void)
{
	put(path, good, good_len);
	struct sq_diag d = {0};
	struct sq_datawatch *w = sq_datawatch_new(path, &d);
	CHECK(w != NULL);
	CHECK_INT(d.count, 0);
	if (!w)
		return;
	CHECK(!readable(w));
	CHECK(!sq_datawatch_changed(w));

	/* Another file in the directory, and a file that only becomes the
	 * data's name later: nothing until the rename. */
	char other[PATH_MAX + 32];
	snprintf(other, sizeof other, "%s/other.rec", dir);
	put(other, "x", 1);
	CHECK(!sq_datawatch_changed(w));

	replace(good, good_len);
	CHECK(readable(w));
	CHECK(sq_datawatch_changed(w));
	CHECK(!sq_datawatch_changed(w)); /* drained: once */

	/* In place, twice before the loop looks: counts once. */
	put(path, good, good_len);
	put(path, good, good_len);
	CHECK(sq_datawatch_changed(w));
	CHECK(!sq_datawatch_changed(w));

	/* Reading it (as the loader does) is not a change. */
	struct sq_model *m = sq_datawatch_load(path, &d);
	CHECK(m != NULL);
	sq_model_free(m);
	CHECK(!sq_datawatch_changed(w));

	/* A write in place to the inode that came by rename: the watch of
	 * the file follows the new inode. */
	replace(good, good_len);
	CHECK(sq_datawatch_changed(w));
	FILE *f = fopen(path, "a");
	fputs("\n", f);
	fclose(f);
	CHECK(sq_datawatch_changed(w));

	/* Deleted, then back by rename. */
	CHECK(unlink(path) == 0);
	CHECK(!sq_datawatch_changed(w));
	replace(good, good_len);
	CHECK(sq_datawatch_changed(w));

	unlink(other);
	sq_datawatch_free(w);
	sq_diag_free(&d);
}

static void test_missing_dir(void)
{
	struct sq_diag d = {0};
	struct sq_datawatch *w = sq_datawatch_new("/nonexistent-shequ/communities.rec", &d);
	CHECK(w == NULL);
	CHECK_STR(sq_diag_text(&d), "shequ: /nonexistent-shequ: No such file or directory\n");
	sq_diag_free(&d);
}

static void test_load(void)
{
	struct sq_diag d = {0};
	put(path, good, good_len);
	struct sq_model *m = sq_datawatch_load(path, &d);
	CHECK(m != NULL);
	CHECK_INT(d.count, 0);
	if (m)
		CHECK_INT(m->n_comms, 14);
	sq_model_free(m);

	/* A broken file: refused with FILE:LINE, as --check says. */
	static const char broken[] = "%rec: Community\n\nName: 白塔岭社区\nDistrict: 上城区\n"
				     "Street: 南星街道\nCode: 123\n";
	put(path, broken, sizeof broken - 1);
	m = sq_datawatch_load(path, &d);
	CHECK(m == NULL);
	char want[PATH_MAX + 200];
	snprintf(want, sizeof want, "%s:6: bad Code '123' (expected 12 digits)\n", path);
	CHECK_STR(sq_diag_text(&d), want);
	sq_diag_free(&d);

	/* Valid recutils but no community: nothing a kiosk could show. */
	static const char none[] = "%rec: Community\n%key: Code\n";
	put(path, none, sizeof none - 1);
	m = sq_datawatch_load(path, &d);
	CHECK(m == NULL);
	snprintf(want, sizeof want, "shequ: %s: no Community records\n", path);
	CHECK_STR(sq_diag_text(&d), want);
	sq_diag_free(&d);

	unlink(path);
	m = sq_datawatch_load(path, &d);
	CHECK(m == NULL);
	snprintf(want, sizeof want, "shequ: %s: No such file or directory\n", path);
	CHECK_STR(sq_diag_text(&d), want);
	sq_diag_free(&d);
}

int main(void)
{
	read_good();
	check_temp_dir(dir, sizeof dir, "datawatch");
	snprintf(path, sizeof path, "%s/communities.rec", dir);
	test_events();
	test_missing_dir();
	test_load();
	unlink(path);
	rmdir(dir);
	free(good);
	return check_report("test_datawatch");
}
