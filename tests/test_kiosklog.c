/* SPDX-License-Identifier: MIT */
/* The kiosk's log lines, word for word (captured instead of sent to
 * syslog), the crash marker, and silence without a syslog daemon. */
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "check.h"
#include "config.h"
#include "kiosklog.h"

static char got[8192];

static void capture(int priority, const char *line, void *ctx)
{
	(void)ctx;
	size_t n = strlen(got);
	snprintf(got + n, sizeof got - n, "<%d> %s\n", priority, line);
}

static const char *take(void)
{
	static char copy[sizeof got];
	memcpy(copy, got, sizeof got);
	got[0] = '\0';
	return copy;
}

static struct sq_model model(uint32_t d, uint32_t s, uint32_t c)
{
	struct sq_model m = {0};
	m.n_districts = d;
	m.n_streets = s;
	m.n_comms = c;
	return m;
}

static char rundir[PATH_MAX], marker[PATH_MAX + 32];

static void test_start_stop(void)
{
	struct sq_model m = model(7, 14, 14);
	setenv("RUNTIME_DIRECTORY", rundir, 1);

	/* A clean first start: no restart line, a marker left. */
	sq_klog_start("/usr/share/shequ/communities.rec", &m);
	CHECK_STR(take(), "<5> start: shequ " SHEQU_VERSION " in kiosk mode, data "
			  "/usr/share/shequ/communities.rec: 7 districts, 14 streets, "
			  "14 communities\n");
	CHECK(access(marker, F_OK) == 0);
	FILE *f = fopen(marker, "r");
	long pid = 0;
	CHECK(f && fscanf(f, "%ld", &pid) == 1);
	if (f)
		fclose(f);
	CHECK_INT(pid, getpid());

	/* The quit sequence ends it cleanly: no marker. */
	sq_klog_stop_quit();
	CHECK_STR(take(), "<5> stop: the staff quit sequence\n");
	CHECK(access(marker, F_OK) != 0);

	/* A run that crashed left its marker: the next start says so. */
	f = fopen(marker, "w");
	fputs("4194305 1700000000\n", f);
	fclose(f);
	sq_klog_start("data.rec", &m);
	CHECK_STR(take(), "<4> restart after a crash: the run of process 4194305 "
			  "started at 2023-11-14 22:13:20 UTC did not end cleanly\n"
			  "<5> start: shequ " SHEQU_VERSION " in kiosk mode, data data.rec: "
			  "7 districts, 14 streets, 14 communities\n");
	sq_klog_stop_signal(SIGTERM);
	CHECK_STR(take(), "<5> stop: signal 15 (SIGTERM)\n");
	CHECK(access(marker, F_OK) != 0);

	/* An unreadable marker still counts. */
	f = fopen(marker, "w");
	fclose(f);
	sq_klog_start("data.rec", &m);
	CHECK(strncmp(take(), "<4> restart after a crash: the last run did not end "
			      "cleanly\n<5> start: ", 60) == 0);
	sq_klog_stop_quit();
	take();

	/* XDG_RUNTIME_DIR when systemd gave no RuntimeDirectory=. */
	unsetenv("RUNTIME_DIRECTORY");
	setenv("XDG_RUNTIME_DIR", rundir, 1);
	sq_klog_start("data.rec", &m);
	CHECK(access(marker, F_OK) == 0);
	sq_klog_stop_quit();
	CHECK(access(marker, F_OK) != 0);
	take();

	/* Neither: no marker anywhere, no restart line, still a start. */
	unsetenv("XDG_RUNTIME_DIR");
	sq_klog_start("data.rec", &m);
	CHECK(strncmp(take(), "<5> start: ", 11) == 0);
	sq_klog_stop_quit();
	take();
}

static void test_data(void)
{
	struct sq_diag w = {0};
	sq_diag_at(&w, "/srv/data", 0, "No such file or directory");
	sq_klog_data_not_watched("/srv/data/communities.rec", &w);
	CHECK_STR(take(), "<4> data not watched: /srv/data/communities.rec: a new file is "
			  "taken only at a restart (/srv/data: No such file or directory)\n");
	sq_diag_free(&w);

	struct sq_model m = model(13, 191, 3320);
	sq_klog_data_loaded("/usr/share/shequ/hangzhou.rec", &m);
	CHECK_STR(take(), "<5> data loaded: /usr/share/shequ/hangzhou.rec: 13 districts, "
			  "191 streets, 3320 communities\n");

	struct sq_diag d = {0};
	sq_diag_at(&d, "new.rec", 6, "Code: '123' is not a 12-digit code");
	sq_diag_at(&d, "new.rec", 9, "missing mandatory field Street");
	sq_klog_data_refused("new.rec", &d);
	CHECK_STR(take(), "<3> data refused: new.rec:6: Code: '123' is not a 12-digit code\n"
			  "<3> data refused: new.rec:9: missing mandatory field Street\n"
			  "<3> data refused: new.rec: keeping the data in use\n");
	for (int i = 0; i < 12; i++)
		sq_diag_at(&d, "new.rec", (unsigned)(10 + i), "bad");
	sq_klog_data_refused("new.rec", &d);
	const char *t = take();
	CHECK(strstr(t, "<3> data refused: new.rec:17: bad\n") != NULL);
	CHECK(strstr(t, "new.rec:18: bad") == NULL);
	CHECK(strstr(t, "<3> data refused: new.rec: 4 more errors\n"
			"<3> data refused: new.rec: keeping the data in use\n") != NULL);
	sq_diag_free(&d);

	/* A file name cannot start a line of its own. */
	struct sq_diag d2 = {0};
	sq_diag_at(&d2, "a\033[2Jb", 0, "empty file");
	sq_klog_data_refused("a\033[2Jb\nforged", &d2);
	CHECK_STR(take(), "<3> data refused: a?[2Jb: empty file\n"
			  "<3> data refused: a?[2Jb?forged: keeping the data in use\n");
	sq_diag_free(&d2);
}

static void test_print_save(void)
{
	struct sq_print_result job = {.status = SQ_PRINT_OK, .printer = "station", .id = 42};
	sq_klog_print("330102008059", &job, 2);
	CHECK_STR(take(), "<6> print: community 330102008059, printer station, job 42, "
			  "2 copies: completed\n");
	job = (struct sq_print_result){.status = SQ_PRINT_TIMEOUT, .printer = "station", .id = 43};
	sq_klog_print("330102008059", &job, 1);
	CHECK_STR(take(), "<4> print: community 330102008059, printer station, job 43, "
			  "1 copy: failed: not done in time, cancelled\n");
	job = (struct sq_print_result){.status = SQ_PRINT_NO_SCHEDULER, .detail = "Connection refused"};
	sq_klog_print("330114001017", &job, 1);
	CHECK_STR(take(), "<4> print: community 330114001017, printer (default), no job, "
			  "1 copy: not printed: the CUPS scheduler cannot be reached "
			  "(Connection refused)\n");

	sq_klog_save("/var/lib/shequ-kiosk/330102008059.pdf", NULL);
	CHECK_STR(take(), "<6> save: /var/lib/shequ-kiosk/330102008059.pdf\n");
	sq_klog_save("/var/lib/shequ-kiosk", "Read-only file system");
	CHECK_STR(take(), "<4> save failed: /var/lib/shequ-kiosk: Read-only file system\n");
}

static void test_terminal(void)
{
	sq_klog_terminal_size(80, 24, 40, 10);
	CHECK_STR(take(), "");
	sq_klog_terminal_size(38, 9, 40, 10);
	CHECK_STR(take(), "<4> terminal too small: 38x9, the browser needs 40x10\n");
	sq_klog_terminal_size(39, 9, 40, 10); /* still too small: once is enough */
	CHECK_STR(take(), "");
	sq_klog_terminal_size(120, 40, 40, 10);
	CHECK_STR(take(), "<6> terminal large enough again: 120x40\n");
	sq_klog_terminal_size(120, 41, 40, 10);
	CHECK_STR(take(), "");
}

/* Through syslog(3) itself, whether or not a daemon listens: nothing on
 * standard error, nothing fails. */
static void test_syslog_quiet(void)
{
	sq_klog_set_sink(NULL, NULL);
	char errpath[PATH_MAX + 16];
	snprintf(errpath, sizeof errpath, "%s/stderr", rundir);
	int saved = dup(2);
	int fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 2);
	close(fd);
	sq_klog_open();
	sq_klog_save("/dev/null/test_kiosklog", "a line from the unit test");
	sq_klog_close();
	dup2(saved, 2);
	close(saved);
	FILE *f = fopen(errpath, "r");
	CHECK(f != NULL);
	if (f) {
		CHECK(fgetc(f) == EOF);
		fclose(f);
	}
	unlink(errpath);
	sq_klog_set_sink(capture, NULL);
}

int main(void)
{
	check_temp_dir(rundir, sizeof rundir, "kiosklog");
	snprintf(marker, sizeof marker, "%s/shequ-kiosk.run", rundir);
	sq_klog_set_sink(capture, NULL);
	test_start_stop();
	test_data();
	test_print_save();
	test_terminal();
	test_syslog_quiet();
	unlink(marker);
	rmdir(rundir);
	return check_report("test_kiosklog");
}
