/* SPDX-License-Identifier: MIT */
#include "datawatch.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* The directory sees renames and writes by name; the file's own watch sees
 * writes through another name (a symbolic link's target).  Creation alone
 * does not count: a new file is complete only when closed or renamed in. */
#define DIR_EVENTS (IN_CLOSE_WRITE | IN_MOVED_TO | IN_ONLYDIR)
#define FILE_EVENTS IN_CLOSE_WRITE

struct sq_datawatch {
	int fd;
	int dir_wd, file_wd; /* -1 when not (or no longer) watched */
	char *path, *dir, *name;
};

static void watch_dir(struct sq_datawatch *w)
{
	w->dir_wd = inotify_add_watch(w->fd, w->dir, DIR_EVENTS);
}

/* The file's watch follows the inode: after a rename over the path it must
 * be put on the new one. */
static void watch_file(struct sq_datawatch *w)
{
	w->file_wd = inotify_add_watch(w->fd, w->path, FILE_EVENTS);
}

struct sq_datawatch *sq_datawatch_new(const char *path, struct sq_diag *diag)
{
	struct sq_datawatch *w = sq_xcalloc(1, sizeof *w);
	w->path = sq_xstrdup(path);
	const char *slash = strrchr(path, '/');
	if (!slash) {
		w->dir = sq_xstrdup(".");
		w->name = sq_xstrdup(path);
	} else {
		size_t n = (size_t)(slash - path);
		w->dir = n ? sq_xstrndup(path, n) : sq_xstrdup("/");
		w->name = sq_xstrdup(slash + 1);
	}
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0) {
		sq_diag_at(diag, path, 0, "inotify: %s", strerror(errno));
		goto fail;
	}
	watch_dir(w);
	if (w->dir_wd < 0) {
		sq_diag_at(diag, w->dir, 0, "%s", strerror(errno));
		goto fail;
	}
	watch_file(w);
	return w;
fail:
	sq_datawatch_free(w);
	return NULL;
}

int sq_datawatch_fd(const struct sq_datawatch *w)
{
	return w->fd;
}

bool sq_datawatch_changed(struct sq_datawatch *w)
{
	bool changed = false, lost_dir = false;
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	for (;;) {
		ssize_t n = read(w->fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break; /* EAGAIN: drained */
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			p += sizeof *ev + ev->len;
			if (ev->mask & IN_Q_OVERFLOW) {
				changed = true; /* events were lost: look again */
				continue;
			}
			if (ev->wd == w->dir_wd) {
				if (ev->mask & IN_IGNORED) {
					lost_dir = true;
				} else if (ev->len && strcmp(ev->name, w->name) == 0 &&
					   (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO))) {
					changed = true;
				}
			} else if (ev->wd == w->file_wd) {
				if (ev->mask & IN_IGNORED)
					w->file_wd = -1;
				else if (ev->mask & IN_CLOSE_WRITE)
					changed = true;
			}
			/* Else the watch of an inode replaced before: its
			 * last events and its IN_IGNORED mean nothing now. */
		}
	}
	if (lost_dir) {
		/* The directory went (or was renamed); when one of the name is
		 * back, whatever is in it is news. */
		w->dir_wd = -1;
	}
	if (w->dir_wd < 0) {
		watch_dir(w);
		if (w->dir_wd >= 0 && access(w->path, F_OK) == 0)
			changed = true;
	}
	if (changed || w->file_wd < 0)
		watch_file(w);
	return changed;
}

void sq_datawatch_free(struct sq_datawatch *w)
{
	if (!w)
		return;
	if (w->fd >= 0)
		close(w->fd);
	free(w->path);
	free(w->dir);
	free(w->name);
	free(w);
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	       a->st_size == b->st_size && a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

struct sq_model *sq_datawatch_load(const char *path, struct sq_diag *diag)
{
	struct stat before, after;
	bool have_before = stat(path, &before) == 0;
	struct sq_model *m = sq_load_file(path, diag);
	if (!m)
		return NULL;
	if (!have_before || stat(path, &after) != 0 || !same_file(&before, &after)) {
		sq_diag_at(diag, path, 0, "changed while it was being read");
		sq_model_free(m);
		return NULL;
	}
	return m;
}
