/* SPDX-License-Identifier: MIT */
#include "hash.h"

#include <stdlib.h>

#include "util.h"

/* Fibonacci hashing: the high bits of key times 2^64/phi, so that neither
 * consecutive numbers nor hashes with poor low bits crowd together. */
static size_t pos(uint64_t key, size_t cap)
{
	return (size_t)((key * UINT64_C(0x9e3779b97f4a7c15)) >> 32) & (cap - 1);
}

static void grow(struct sq_hash *h)
{
	size_t cap = h->cap ? h->cap * 2 : 64;
	struct sq_hash_slot *slots = sq_xcalloc(cap, sizeof *slots);
	for (size_t i = 0; i < h->cap; i++) {
		if (!h->slots[i].val)
			continue;
		size_t j = pos(h->slots[i].key, cap);
		while (slots[j].val)
			j = (j + 1) & (cap - 1);
		slots[j] = h->slots[i];
	}
	free(h->slots);
	h->slots = slots;
	h->cap = cap;
}

uint32_t sq_hash_get_or_put(struct sq_hash *h, uint64_t key, uint32_t val,
			    sq_hash_same_fn *same, const void *ctx)
{
	/* At most 3/4 full: probes stay within a cache line or two. */
	if ((h->n + 1) * 4 > h->cap * 3)
		grow(h);
	size_t j = pos(key, h->cap);
	for (; h->slots[j].val; j = (j + 1) & (h->cap - 1))
		if (h->slots[j].key == key && (!same || same(ctx, h->slots[j].val)))
			return h->slots[j].val;
	h->slots[j] = (struct sq_hash_slot){key, val};
	h->n++;
	return 0;
}

void sq_hash_free(struct sq_hash *h)
{
	free(h->slots);
	*h = (struct sq_hash){0};
}

uint32_t sq_str_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}
