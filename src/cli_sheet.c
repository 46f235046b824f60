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
 * say how to. */
static void offer_save(const struct sq_options *opt, const struct sq_sheet *sh,
		       const struct sq_buf *pdf)
{
	if (!opt->save_dir || !*opt->save_dir) {
		fprintf(stderr, _("shequ: to keep the sheet as a PDF file instead, "
				  "run again with --save-dir DIR (or set "
				  "SHEQU_SAVE_DIR)\n"));
		return;
	}
	struct sq_buf file = {0}, path = {0}, err = {0};
	sq_sheet_file_name(sh, "pdf", &file);
	if (sq_print_save(opt->save_dir, sq_buf_str(&file), pdf->data, pdf->len,
			  &path, &err))
		fprintf(stderr, _("shequ: saved the sheet to %s\n"), sq_buf_str(&path));
	else
		fprintf(stderr, _("shequ: could not save the sheet: %s\n"),
			sq_buf_str(&err));
	sq_buf_free(&file);
	sq_buf_free(&path);
	sq_buf_free(&err);
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

	struct sq_print_job job;
	enum sq_print_status st = sq_print_submit(&job, opt->printer, sh->doc_title,
						  pdf.data, pdf.len, opt->copies);
	if (st == SQ_PRINT_OK)
		st = sq_print_wait(&job);
	struct sq_buf msg = {0};
	sq_print_message(&job, &msg);
	if (st == SQ_PRINT_OK) {
		printf("%s\n", sq_buf_str(&msg));
	} else {
		fprintf(stderr, "shequ: %s\n", sq_buf_str(&msg));
		offer_save(opt, sh, &pdf);
	}
	status = sq_print_exit_status(st);
	sq_buf_free(&msg);
	sq_print_job_clear(&job);
	sq_buf_free(&pdf);
	sq_sheet_free(sh);
	return status;
}
