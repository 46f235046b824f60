/* SPDX-License-Identifier: MIT */
#include "cli.h"

#include <stdlib.h>

#include "i18n.h"
#include "load.h"
#include "pdf.h"
#include "search.h"

int sq_cli_check(const char *path)
{
	struct sq_diag diag = {0};
	struct sq_model *m = sq_load_file(path, &diag);
	if (!m) {
		fputs(sq_diag_text(&diag), stderr);
		sq_diag_free(&diag);
		return SQ_EXIT_ERROR;
	}
	sq_diag_free(&diag);
	printf(_("%u districts, %u streets, %u communities\n"), m->n_districts,
	       m->n_streets, m->n_comms);
	/* characters a printed sheet cannot show */
	sq_pdf_check_model(m, &diag);
	sq_pdf_release();
	fputs(sq_diag_text(&diag), stderr);
	sq_diag_free(&diag);
	sq_model_free(m);
	return SQ_EXIT_OK;
}

static void print_row(const struct sq_model *m, uint32_t i, FILE *out)
{
	const struct sq_community *c = &m->comms[i];
	fprintf(out, "%s\t%s\t%s\n", sq_comm_district(m, c)->name,
		sq_comm_street(m, c)->name, c->name);
}

int sq_cli_list(const struct sq_model *m, FILE *out)
{
	for (uint32_t i = 0; i < m->n_comms; i++)
		print_row(m, i, out);
	return SQ_EXIT_OK;
}

int sq_cli_search(const struct sq_model *m, const char *query, FILE *out)
{
	struct sq_searcher *s = sq_searcher_new(m);
	struct sq_hit *hits = NULL;
	size_t n = sq_search(s, query, &hits);
	for (size_t i = 0; i < n; i++)
		print_row(m, hits[i].comm, out);
	free(hits);
	sq_searcher_free(s);
	return n ? SQ_EXIT_OK : SQ_EXIT_NOTFOUND;
}

long sq_cli_resolve(const struct sq_model *m, const char *name, int *status)
{
	uint32_t found[16];
	size_t n = sq_model_find(m, name, found, 16);
	if (n == 1) {
		*status = SQ_EXIT_OK;
		return found[0];
	}
	if (n == 0) {
		fprintf(stderr, _("shequ: no community named '%s' (try --search)\n"),
			name);
		*status = SQ_EXIT_ERROR;
		return -1;
	}
	fprintf(stderr, _("shequ: '%s' is ambiguous; it names %zu communities:\n"),
		name, n);
	for (size_t i = 0; i < n && i < 16; i++) {
		const struct sq_community *c = &m->comms[found[i]];
		fprintf(stderr, "  %s\t%s\t%s\t%s\n", c->code,
			sq_comm_district(m, c)->name, sq_comm_street(m, c)->name,
			c->name);
	}
	fprintf(stderr, _("Name it by its code to choose one.\n"));
	*status = SQ_EXIT_ERROR;
	return -1;
}
