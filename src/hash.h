/* SPDX-License-Identifier: MIT */
/* An open-addressing hash table from 64-bit keys to non-zero 32-bit values.
 * A key is either exact (a number: a code) or a string's hash, when the
 * caller tells equal strings apart by their values (indices into its own
 * arrays), so that the table holds no copy of a string. */
#ifndef SHEQU_HASH_H
#define SHEQU_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sq_hash_slot {
	uint64_t key;
	uint32_t val; /* 0: empty */
};

struct sq_hash {
	struct sq_hash_slot *slots;
	size_t cap, n; /* cap is a power of two */
};

/* Whether the value val, stored under the key looked up, is the one meant
 * (strings: val's string equals the one looked up). */
typedef bool sq_hash_same_fn(const void *ctx, uint32_t val);

/* The value under key that same(ctx, value) accepts (same NULL: the value
 * under key), or else 0 after putting val (non-zero) under key. */
uint32_t sq_hash_get_or_put(struct sq_hash *h, uint64_t key, uint32_t val,
			    sq_hash_same_fn *same, const void *ctx);

void sq_hash_free(struct sq_hash *h);

/* FNV-1a of a NUL-terminated string. */
uint32_t sq_str_hash(const char *s);

#endif
