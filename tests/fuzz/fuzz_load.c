/* SPDX-License-Identifier: MIT */
/* libFuzzer target: any bytes given to the loader give a model or messages,
 * never a crash, a leak or undefined behaviour. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "load.h"
#include "search.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sq_diag diag = {0};
	struct sq_model *m = sq_load_buffer("fuzz.rec", (const char *)data, size, &diag);
	if (m) {
		/* Whatever loads must be a consistent tree. */
		uint32_t seen = 0;
		for (uint32_t d = 0; d < m->n_districts; d++) {
			const struct sq_district *dist = &m->districts[d];
			for (uint32_t i = 0; i < dist->count; i++) {
				const struct sq_street *st =
					&m->streets[m->district_streets[dist->first + i]];
				if (st->district != d)
					__builtin_trap();
				seen += st->count;
			}
		}
		if (seen != m->n_comms)
			__builtin_trap();
		sq_model_free(m);
	} else if (diag.count == 0) {
		__builtin_trap(); /* a refusal must say why */
	}
	sq_diag_free(&diag);
	return 0;
}
