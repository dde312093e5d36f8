/* record_dupkeys.h: the duplicate-key check of the record parser (private
 * to lib/): a hash table of keys for objects with many, and the tags of a
 * record's top-level keys (record_dupkeys.c). */
#ifndef KPI_RECORD_DUPKEYS_H
#define KPI_RECORD_DUPKEYS_H
#include "kpi/record.h"
#include <stdint.h>
#include <string.h>

/* Key I of a set of keys, for the table. */
typedef const char *(*key_at_fn)(const void *keys, size_t i, size_t *n);

typedef struct {
	uint32_t *slot;   /* open addressing: 0 empty, else a key's index + 1 */
	size_t nslot;     /* a power of two, or 0 */
} key_table;

static inline int same_key(const char *a, size_t an, const char *b, size_t bn)
{
	return an == bn && memcmp(a, b, an) == 0;
}

/* Sizes T for ROOM keys (at most half full) and puts keys 0..COUNT-1, known
 * to be distinct, into it. */
void kpi_rec_table_fill(key_table *t, const void *keys, key_at_fn at, size_t count, size_t room);
/* Key I (keys 0..I-1 are in T): 1 when an equal key is there, else 0 with
 * key I added (T grows to stay at most half full). */
int kpi_rec_table_add(key_table *t, const void *keys, key_at_fn at, size_t i);

/* Top-level keys (a typed record has 21): each key's tag (length and three
 * of its bytes) marks one bit of 64; only a key whose bit is already set is
 * compared, by tag and then in full, with the keys before it.  The pairwise
 * comparison of every key, or a hash of every key into a table, cost more
 * than the rest of the parse. */
enum { KEYS_TAGGED = 64 };

/* The first of R's top-level keys (at most KEYS_TAGGED) that repeats one before it, or NULL. */
const kpi_field *kpi_rec_tagged_duplicate(const kpi_record *r);
/* Key I of a record's fields, for the table. */
const char *kpi_rec_field_key_at(const void *keys, size_t i, size_t *n);

#endif
