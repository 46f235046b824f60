/* SPDX-License-Identifier: MIT */
/* A print service that takes connections and never answers, for the unit
 * tests: a Unix socket in a temporary directory, its connections accepted
 * by a thread and held open until silent_stop.  Point CUPS_SERVER at
 * silent.path. */
#ifndef SHEQU_TEST_SILENT_H
#define SHEQU_TEST_SILENT_H

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static struct {
	char dir[64];
	char path[108];
	int fd;
	int held[256];
	int n_held;
	pthread_t thread;
	pthread_mutex_t mu;
} silent = {.mu = PTHREAD_MUTEX_INITIALIZER};

static void *silent_accept(void *arg)
{
	(void)arg;
	for (;;) {
		int c = accept(silent.fd, NULL, NULL);
		if (c < 0)
			return NULL; /* the socket was shut down */
		pthread_mutex_lock(&silent.mu);
		if (silent.n_held < 256)
			silent.held[silent.n_held++] = c;
		else
			close(c);
		pthread_mutex_unlock(&silent.mu);
	}
}

static inline int silent_connections(void)
{
	pthread_mutex_lock(&silent.mu);
	int n = silent.n_held;
	pthread_mutex_unlock(&silent.mu);
	return n;
}

static void silent_start(void)
{
	strcpy(silent.dir, "/tmp/shequ-silent-XXXXXX");
	if (!mkdtemp(silent.dir)) {
		perror("mkdtemp");
		exit(1);
	}
	snprintf(silent.path, sizeof silent.path, "%s/cups.sock", silent.dir);
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	strcpy(a.sun_path, silent.path);
	silent.fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (silent.fd < 0 || bind(silent.fd, (struct sockaddr *)&a, sizeof a) != 0 ||
	    listen(silent.fd, 64) != 0) {
		perror("silent socket");
		exit(1);
	}
	pthread_create(&silent.thread, NULL, silent_accept, NULL);
}

/* Close everything: the clients see the connection end. */
static void silent_stop(void)
{
	shutdown(silent.fd, SHUT_RDWR);
	pthread_join(silent.thread, NULL);
	close(silent.fd);
	for (int i = 0; i < silent.n_held; i++)
		close(silent.held[i]);
	silent.n_held = 0;
	unlink(silent.path);
	rmdir(silent.dir);
}

#endif
