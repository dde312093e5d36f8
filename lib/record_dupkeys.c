/* record_dupkeys.c: the record parser's check for duplicate keys.  A hash
 * table of keys (open addressing, at most half full) for the objects with
 * many, nested or top-level; and the tags of a record's top-level keys,
 * which compare only the keys that may be equal. */
#include "record_dupkeys.h"
#include "kpi/strtab.h"
#include <stdlib.h>

void kpi_rec_table_fill(key_table *t, const void *keys, key_at_fn at, size_t count, size_t room)
{
	size_t want = 64;
	while (want < 2 * room + 2)
		want *= 2;
	if (t->nslot < want) {
		free(t->slot);
		t->slot = kpi_xmalloc(want * sizeof *t->slot);
		t->nslot = want;
	}
	memset(t->slot, 0, t->nslot * sizeof *t->slot);
	size_t mask = t->nslot - 1;
	for (size_t i = 0; i < count; i++) {
		size_t n;
		const char *k = at(keys, i, &n);
		size_t h = kpi_hash_bytes(k, n) & mask;
		while (t->slot[h])
			h = (h + 1) & mask;
		t->slot[h] = (uint32_t)(i + 1);
	}
}

int kpi_rec_table_add(key_table *t, const void *keys, key_at_fn at, size_t i)
{
	if (2 * (i + 1) >= t->nslot)
		kpi_rec_table_fill(t, keys, at, i, 2 * (i + 1));
	size_t n, mask = t->nslot - 1;
	const char *k = at(keys, i, &n);
	size_t h = kpi_hash_bytes(k, n) & mask;
	for (; t->slot[h]; h = (h + 1) & mask) {
		size_t qn;
		const char *q = at(keys, t->slot[h] - 1, &qn);
		if (same_key(k, n, q, qn))
			return 1;
	}
	t->slot[h] = (uint32_t)(i + 1);
	return 0;
}

static uint32_t key_tag(const char *k, size_t n)
{
	if (n == 0)
		return 0;
	const unsigned char *u = (const unsigned char *)k;
	return (uint32_t)n * 0x9E3779B1u ^ ((uint32_t)u[0] | (uint32_t)u[n - 1] << 8 | (uint32_t)u[n >> 1] << 16);
}

const kpi_field *kpi_rec_tagged_duplicate(const kpi_record *r)
{
	uint32_t tag[KEYS_TAGGED];
	uint64_t seen = 0;
	for (size_t i = 0; i < r->n; i++) {
		const kpi_field *f = &r->f[i];
		uint32_t t = key_tag(f->key, f->key_len);
		uint64_t bit = 1ULL << ((t * 0x2545F491u) >> 26);
		tag[i] = t;
		if (seen & bit) {
			for (size_t j = 0; j < i; j++)
				if (tag[j] == t && same_key(f->key, f->key_len, r->f[j].key, r->f[j].key_len))
					return f;
		}
		seen |= bit;
	}
	return NULL;
}

const char *kpi_rec_field_key_at(const void *keys, size_t i, size_t *n)
{
	const kpi_field *f = &((const kpi_record *)keys)->f[i];
	*n = f->key_len;
	return f->key;
}
