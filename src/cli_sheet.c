/* SPDX-License-Identifier: MIT */
/* --sheet and --print: the fact sheet without the TUI. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "pdf.h"
#include "print.h"
#include "printq.h"
#include "sheet.h"

static int write_all(const char *path, const char *data, size_t len)
{
	FILE *f = path ? fopen(path, "wb") : stdout;
	if (!f) {
		fprintf(stderr, "shequ: %s: %s\n", path, strerror(errno));
		return SQ_EXIT_ERROR;
	}
	bool ok = fwrite(data, 1, len, f) == len;
	ok = (path ? fclose(f) : fflush(f)) == 0 && ok;
	if (!ok) {
		fprintf(stderr, "shequ: %s: %s\n", path ? path : _("standard output"),
			strerror(errno));
		return SQ_EXIT_ERROR;
	}
	return SQ_EXIT_OK;
}

static struct sq_sheet *build(const struct sq_model *m,
			      const struct sq_options *opt, const char *name,
			      int *status)
{
	long i = sq_cli_resolve(m, name, status);
	if (i < 0)
		return NULL;
	return sq_sheet_build(m, &m->comms[i], opt->sheet_lang, sq_sheet_time());
}

static bool make_pdf(const struct sq_sheet *sh, const struct sq_options *opt,
		     struct sq_buf *pdf)
{
	struct sq_buf err = {0};
	bool ok = sq_pdf_sheet(sh, opt->paper, pdf, &err);
	if (!ok)
		fprintf(stderr, "shequ: %s\n", sq_buf_str(&err));
	else if (err.len) /* made all the same */
		fprintf(stderr, _("shequ: warning: %s\n"), sq_buf_str(&err));
	sq_buf_free(&err);
	return ok;
}

int sq_cli_sheet(const struct sq_model *m, const struct sq_options *opt,
		 const char *name)
{
	if (opt->format == SQ_FORMAT_PDF && !HAVE_PRINTING) {
		fprintf(stderr, _("shequ: --format pdf: built without printing "
				  "(use --format text)\n"));
		return SQ_EXIT_ERROR;
	}
	if (opt->format == SQ_FORMAT_PDF && !opt->output && isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("shequ: not writing a PDF to a terminal: use -o "
				  "FILE or redirect the output\n"));
		return SQ_EXIT_ERROR;
	}
	int status;
	struct sq_sheet *sh = build(m, opt, name, &status);
	if (!sh)
		return status;
	struct sq_buf out = {0};
	if (opt->format == SQ_FORMAT_PDF)
		status = make_pdf(sh, opt, &out) ? SQ_EXIT_OK : SQ_EXIT_ERROR;
	else
		sq_sheet_text(sh, opt->width, &out);
	if (status == SQ_EXIT_OK)
		status = write_all(opt->output, out.data ? out.data : "", out.len);
	sq_buf_free(&out);
	sq_sheet_free(sh);
	return status;
}

/* After a failure: keep the sheet where the kiosk's staff asked for it, or
 * say how to (the same sentence as the print dialog's). */
static void offer_save(const struct sq_options *opt, const struct sq_sheet *sh,
		       const struct sq_buf *pdf)
{
	struct sq_buf file = {0}, msg = {0};
	struct sq_print_saved saved;
	sq_sheet_file_name(sh, "pdf", &file);
	sq_print_keep(opt->save_dir, sq_buf_str(&file), pdf->data, pdf->len, opt->kiosk,
		      &saved);
	sq_print_saved_message(&saved, &msg);
	fprintf(stderr, "shequ: %s\n", sq_buf_str(&msg));
	sq_print_saved_clear(&saved);
	sq_buf_free(&file);
	sq_buf_free(&msg);
}

int sq_cli_print(const struct sq_model *m, const struct sq_options *opt,
		 const char *name)
{
	if (!HAVE_PRINTING) {
		fprintf(stderr, _("shequ: --print: built without printing (use "
				  "--sheet COMMUNITY --format text)\n"));
		return SQ_EXIT_ERROR;
	}
	int status;
	struct sq_sheet *sh = build(m, opt, name, &status);
	if (!sh)
		return status;
	struct sq_buf pdf = {0};
	if (!make_pdf(sh, opt, &pdf)) {
		sq_sheet_free(sh);
		return SQ_EXIT_NOTFOUND;
	}

	/* The same requests as the dialog's, waited for: each ends within
	 * sq_print_answer_timeout() seconds even if CUPS never answers. */
	struct sq_printq *q = sq_printq_new();
	struct sq_printq_job job;
	sq_printq_job_start(&job, q, opt->printer, sh->doc_title, pdf.data, pdf.len,
			    opt->copies);
	sq_printq_job_run(&job);
	struct sq_buf msg = {0};
	sq_print_result_message(&job.res, SQ_READER_CLI, &msg);
	if (job.res.status == SQ_PRINT_OK) {
		printf("%s\n", sq_buf_str(&msg));
	} else {
		fprintf(stderr, "shequ: %s\n", sq_buf_str(&msg));
		offer_save(opt, sh, &pdf);
	}
	status = sq_print_exit_status(job.res.status);
	sq_buf_free(&msg);
	sq_printq_job_clear(&job);
	sq_printq_free(q);
	sq_buf_free(&pdf);
	sq_sheet_free(sh);
	return status;
}
