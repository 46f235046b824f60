/* SPDX-License-Identifier: MIT */
#include "kiosklog.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "text.h"

/* At most this many diagnostics of a refused file, then a count. */
#define MAX_DIAG_LINES 10

static sq_klog_sink_fn *sink;
static void *sink_ctx;
static int terminal_small = -1; /* unknown */

void sq_klog_set_sink(sq_klog_sink_fn *fn, void *ctx)
{
	sink = fn;
	sink_ctx = ctx;
}

void sq_klog_open(void)
{
	/* No LOG_CONS or LOG_PERROR: without a syslog daemon lines are lost
	 * quietly rather than drawn over the kiosk's screen. */
	openlog("shequ", LOG_PID, LOG_USER);
}

void sq_klog_close(void)
{
	closelog();
}

static void emit(int priority, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void emit(int priority, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof line) /* cut between characters, not inside one */
		line[sq_cut_bytes(line, strlen(line), sizeof line - 1)] = '\0';
	/* One event, one line: no control characters from a file name or a
	 * message can start another or move a terminal's cursor. */
	for (char *p = line; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	if (sink)
		sink(priority, line, sink_ctx);
	else
		syslog(priority, "%s", line);
}

/* ---- the crash marker ---- */

static bool marker_path(char *buf, size_t size)
{
	const char *dir = getenv("RUNTIME_DIRECTORY");
	if (!dir || !*dir)
		dir = getenv("XDG_RUNTIME_DIR");
	if (!dir || !*dir)
		return false;
	/* RuntimeDirectory= may name several, separated by colons: the first. */
	size_t n = strcspn(dir, ":");
	int w = snprintf(buf, size, "%.*s/shequ-kiosk.run", (int)n, dir);
	return w > 0 && (size_t)w < size;
}

/* True when pid is another shequ still running (two kiosks sharing a
 * runtime directory), whose marker is not a crash. */
static bool another_shequ(long pid)
{
	if (pid <= 0 || pid == (long)getpid())
		return false;
	char path[64], comm[32] = "";
	snprintf(path, sizeof path, "/proc/%ld/comm", pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return false;
	bool running = fgets(comm, sizeof comm, f) && strcmp(comm, "shequ\n") == 0;
	fclose(f);
	return running;
}

static void check_marker(const char *path)
{
	FILE *f = fopen(path, "re");
	if (!f)
		return;
	long pid = 0;
	long long started = 0;
	int n = fscanf(f, "%ld %lld", &pid, &started);
	fclose(f);
	if (n == 2 && another_shequ(pid))
		return;
	char when[64] = "";
	time_t t = (time_t)started;
	struct tm tm;
	if (n == 2 && gmtime_r(&t, &tm))
		strftime(when, sizeof when, " started at %Y-%m-%d %H:%M:%S UTC", &tm);
	if (n >= 1)
		emit(LOG_WARNING, "restart after a crash: the run of process %ld%s "
		     "did not end cleanly", pid, when);
	else
		emit(LOG_WARNING, "restart after a crash: the last run did not end cleanly");
}

static void write_marker(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return;
	char buf[64];
	int n = snprintf(buf, sizeof buf, "%ld %lld\n", (long)getpid(),
			 (long long)time(NULL));
	if (write(fd, buf, (size_t)n) != n)
		unlink(path);
	close(fd);
}

static void remove_marker(void)
{
	char path[PATH_MAX];
	if (marker_path(path, sizeof path))
		unlink(path);
}

/* ---- events ---- */

void sq_klog_start(const char *path, const struct sq_model *m)
{
	char marker[PATH_MAX];
	bool have_marker = marker_path(marker, sizeof marker);
	if (have_marker)
		check_marker(marker);
	emit(LOG_NOTICE, "start: shequ %s in kiosk mode, data %s: %" PRIu32 " districts, %"
	     PRIu32 " streets, %" PRIu32 " communities", SHEQU_VERSION, path,
	     m->n_districts, m->n_streets, m->n_comms);
	if (have_marker)
		write_marker(marker);
	terminal_small = -1;
}

void sq_klog_stop_quit(void)
{
	emit(LOG_NOTICE, "stop: the staff quit sequence");
	remove_marker();
}

void sq_klog_stop_signal(int sig)
{
	const char *abbrev = sigabbrev_np(sig);
	if (abbrev)
		emit(LOG_NOTICE, "stop: signal %d (SIG%s)", sig, abbrev);
	else
		emit(LOG_NOTICE, "stop: signal %d", sig);
	remove_marker();
}

void sq_klog_data_loaded(const char *path, const struct sq_model *m)
{
	emit(LOG_NOTICE, "data loaded: %s: %" PRIu32 " districts, %" PRIu32
	     " streets, %" PRIu32 " communities", path, m->n_districts, m->n_streets,
	     m->n_comms);
}

void sq_klog_data_not_watched(const char *path, const struct sq_diag *diag)
{
	const char *why = diag ? sq_diag_text(diag) : "";
	static const char prog[] = "shequ: ";
	if (strncmp(why, prog, sizeof prog - 1) == 0)
		why += sizeof prog - 1;
	emit(LOG_WARNING, "data not watched: %s: a new file is taken only at a restart (%.*s)",
	     path, (int)strcspn(why, "\n"), why);
}

void sq_klog_data_refused(const char *path, const struct sq_diag *diag)
{
	const char *text = diag ? sq_diag_text(diag) : "";
	unsigned lines = 0, more = 0;
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		/* The log names the program already: "shequ: FILE: ..." of a
		 * message about a whole file loses its first word. */
		static const char prog[] = "shequ: ";
		size_t skip = strncmp(p, prog, sizeof prog - 1) == 0 ? sizeof prog - 1 : 0;
		if (len > skip) {
			if (lines < MAX_DIAG_LINES) {
				emit(LOG_ERR, "data refused: %.*s", (int)(len - skip), p + skip);
				lines++;
			} else {
				more++;
			}
		}
		p += len + (nl ? 1 : 0);
	}
	if (more)
		emit(LOG_ERR, "data refused: %s: %u more errors", path, more);
	emit(LOG_ERR, "data refused: %s: keeping the data in use", path);
}

static const char *outcome(enum sq_print_status st)
{
	switch (st) {
	case SQ_PRINT_OK: return "completed";
	case SQ_PRINT_DISABLED: return "not printed: built without printing";
	case SQ_PRINT_NO_SCHEDULER: return "not printed: the CUPS scheduler cannot be reached";
	case SQ_PRINT_NO_PRINTERS: return "not printed: no printer is set up";
	case SQ_PRINT_UNKNOWN_PRINTER: return "not printed: no such printer";
	case SQ_PRINT_NO_DEFAULT: return "not printed: no printer named and no default";
	case SQ_PRINT_NOT_ACCEPTING: return "not printed: the printer is not accepting jobs";
	case SQ_PRINT_SUBMIT_FAILED: return "not printed: the scheduler refused the job";
	case SQ_PRINT_JOB_FAILED: return "failed: the job was stopped, cancelled or aborted";
	case SQ_PRINT_TIMEOUT: return "failed: not done in time, cancelled";
	case SQ_PRINT_NO_ANSWER: return "not printed: the CUPS scheduler did not answer in time";
	case SQ_PRINT_CANCELLED: return "cancelled by the user";
	}
	return "unknown outcome";
}

void sq_klog_print(const char *code, const struct sq_print_result *r, int copies)
{
	char id[32] = "no job";
	if (r->id > 0)
		snprintf(id, sizeof id, "job %d", r->id);
	const char *printer = r->printer && *r->printer ? r->printer : "(default)";
	bool detail = r->detail && *r->detail;
	emit(r->status == SQ_PRINT_OK ? LOG_INFO : LOG_WARNING,
	     "print: community %s, printer %s, %s, %d %s: %s%s%s%s", code, printer, id,
	     copies, copies == 1 ? "copy" : "copies", outcome(r->status),
	     detail ? " (" : "", detail ? r->detail : "", detail ? ")" : "");
}

void sq_klog_save(const char *path, const char *error)
{
	if (error)
		emit(LOG_WARNING, "save failed: %s: %s", path, error);
	else
		emit(LOG_INFO, "save: %s", path);
}

void sq_klog_terminal_size(int cols, int lines, int min_cols, int min_lines)
{
	int small = cols < min_cols || lines < min_lines;
	if (small && terminal_small != 1)
		emit(LOG_WARNING, "terminal too small: %dx%d, the browser needs %dx%d",
		     cols, lines, min_cols, min_lines);
	else if (!small && terminal_small == 1)
		emit(LOG_INFO, "terminal large enough again: %dx%d", cols, lines);
	terminal_small = small;
}
