/* SPDX-License-Identifier: MIT */
/* Printing's vocabulary, shared by the command line and the print dialog:
 * how a request to CUPS ended (a status and its cause, kept as data and
 * turned into whole translated sentences when shown), the printers CUPS
 * knows, and keeping a sheet as a PDF file when it could not be printed.
 *
 * Nothing here talks to CUPS: printq.h does that, off the caller's thread.
 * In a build without printing everything here still exists. */
#ifndef SHEQU_PRINT_H
#define SHEQU_PRINT_H

#include <stdbool.h>
#include <stddef.h>

#include "text.h"

enum sq_print_status {
	SQ_PRINT_OK,
	SQ_PRINT_DISABLED,        /* built without printing */
	SQ_PRINT_NO_SCHEDULER,    /* cupsd cannot be reached */
	SQ_PRINT_NO_PRINTERS,     /* no queue is set up */
	SQ_PRINT_UNKNOWN_PRINTER, /* no queue of the name asked for */
	SQ_PRINT_NO_DEFAULT,      /* none asked for, several and no default */
	SQ_PRINT_NOT_ACCEPTING,   /* the queue rejects jobs (cupsreject) */
	SQ_PRINT_SUBMIT_FAILED,   /* the scheduler refused the job */
	SQ_PRINT_JOB_FAILED,      /* the job was stopped, cancelled or aborted */
	SQ_PRINT_TIMEOUT,         /* not done in time (e.g. a disabled queue) */
	SQ_PRINT_NO_ANSWER,       /* connected, but no answer in time */
	SQ_PRINT_CANCELLED,       /* the user cancelled it */
};

struct sq_printer {
	char *name;
	char *info;          /* description, or NULL */
	char *location;      /* or NULL */
	char *state_message; /* a queue stopped or not accepting: why, or NULL */
	bool is_default;
	bool accepting;      /* printer-is-accepting-jobs */
	bool stopped;        /* printer-state stopped (cupsdisable) */
};

struct sq_printer_list {
	struct sq_printer *v;
	size_t n;
	long default_index; /* -1 when there is no default */
};

void sq_print_list_free(struct sq_printer_list *l);
void sq_print_list_copy(struct sq_printer_list *dst, const struct sq_printer_list *src);
/* The index of the queue called name, or -1. */
long sq_print_list_find(const struct sq_printer_list *l, const char *name);
/* "a, b, c": the names, for the messages that list them. */
void sq_print_list_names(const struct sq_printer_list *l, struct sq_buf *out);

/* Did a cancel reach the job? */
enum sq_print_cancel {
	SQ_CANCEL_NONE,     /* none was asked for */
	SQ_CANCEL_DONE,     /* CUPS cancelled the job: it will not print */
	SQ_CANCEL_FAILED,   /* CUPS did not confirm: the job may still print */
	SQ_CANCEL_TOO_LATE, /* the job had already printed */
};

/* How a request to CUPS ended, as its cause: the sentences come from this
 * when it is shown (sq_print_result_message), in the language of the
 * moment.  Strings are owned. */
struct sq_print_result {
	enum sq_print_status status;
	char *printer;   /* the queue used or asked for, or NULL */
	int id;          /* CUPS job id, 0 when no job was made */
	int seconds;     /* TIMEOUT, NO_ANSWER: the time waited */
	char *server;    /* the scheduler (cupsServer()), or NULL */
	char *detail;    /* CUPS's own words (a state or status message), or NULL */
	char *known;     /* UNKNOWN_PRINTER, NO_DEFAULT: "a, b", the queues there are */
	bool stopped;    /* TIMEOUT: the queue is stopped (cupsdisable) */
	bool unanswered; /* TIMEOUT: CUPS stopped answering while it was followed */
	enum sq_print_cancel cancel;
};

void sq_print_result_clear(struct sq_print_result *r);
void sq_print_result_copy(struct sq_print_result *dst, const struct sq_print_result *src);

/* Who reads the message: the command line names its options, the dialog
 * its fields. */
enum sq_print_reader { SQ_READER_CLI, SQ_READER_SCREEN };

/* The result in whole sentences, translated now; appended to out. */
void sq_print_result_message(const struct sq_print_result *r,
			     enum sq_print_reader reader, struct sq_buf *out);

/* Exit status for the CLI: 0 ok, 2 when the printer must be named right
 * (unknown name, no default) or in a build without printing, 1 for
 * everything else. */
int sq_print_exit_status(enum sq_print_status st);

/* Seconds a queued job may take to print: $SHEQU_PRINT_TIMEOUT, default 60. */
int sq_print_timeout(void);
/* Seconds CUPS may take to answer one request: $SHEQU_CUPS_TIMEOUT,
 * default 10.  A request that hears nothing for that long ends as
 * SQ_PRINT_NO_ANSWER. */
int sq_print_answer_timeout(void);

/* ---- keeping the sheet when printing failed ---- */

/* What became of a sheet that could not be printed: the cause of the one
 * sentence the command line and the dialog both say about it. */
struct sq_print_saved {
	enum {
		SQ_SAVED_NOT_TRIED, /* nothing to say */
		SQ_SAVED_NO_DIR,    /* no save directory: say how to set one */
		SQ_SAVED_OK,        /* path: where the file is */
		SQ_SAVED_FAILED,    /* path: the directory; error: errno */
	} what;
	char *path;
	int error;
	bool kiosk;         /* NO_DIR: staff at a kiosk cannot give options */
};

/* After a failure: save pdf as DIR/NAME when dir is set (non-NULL and not
 * empty), else note that there is no directory.  Fills out. */
void sq_print_keep(const char *dir, const char *name, const void *pdf, size_t len,
		   bool kiosk, struct sq_print_saved *out);
void sq_print_saved_clear(struct sq_print_saved *s);

/* The sentence for s after a failed print, translated now ("" for
 * NOT_TRIED); appended to out.  For NO_DIR: how to set a save directory
 * (at a kiosk: ask whoever set it up to set save-dir in the configuration
 * file, whose path it names). */
void sq_print_saved_message(const struct sq_print_saved *s, struct sq_buf *out);

/* Append sentence to out, after a space when the text before it ends in a
 * Latin full stop (or the like); whole sentences only, never trimmed. */
void sq_print_sentence(struct sq_buf *out, const char *sentence);
/* The same for a sentence made with printf. */
void sq_print_sentencef(struct sq_buf *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
