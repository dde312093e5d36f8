/* series_key.h: what kpi-normalise's duplicate check keeps of a record:
 * the key of its series (indicator, area, breakdown, period type, release)
 * as bytes to hash, each part with its length, and the hashes of its value,
 * numerator and denominator (dupes.h).  All inline: normalise_record runs
 * them for every record, and they were inlined into it. */
#ifndef NORMALISE_SERIES_KEY_H
#define NORMALISE_SERIES_KEY_H
#include <stdint.h>
#include <string.h>
#include "kpi/bytes.h"
#include "cells.h"
#include "typed_write.h"

/* A hash of C's status and value (to the bit): two multiplications (a
 * dupes_hash of them was a tenth of the duplicate check). */
static inline uint32_t hash_cell(const cell *c)
{
	uint64_t bits = 0;
	if (kpi_value_known(&c->v))
		memcpy(&bits, &c->v.value, sizeof c->v.value);
	uint64_t h = (bits ^ (uint64_t)c->v.status * 0x9E3779B97F4A7C15ULL) * 0xBF58476D1CE4E5B9ULL;
	h ^= h >> 31;
	h *= 0x94D049BB133111EBULL;
	return (uint32_t)(h ^ (h >> 32));
}

/* A numerator's or denominator's hash for the duplicate check, 0 when the
 * record gives no number (absent, null, suppressed: a file that gives the
 * percentage alone says nothing against one that gives its count). */
static inline uint16_t count_hash(const cell *c)
{
	if (!kpi_value_known(&c->v))
		return 0;
	uint32_t h = hash_cell(c);
	uint16_t h16 = (uint16_t)(h ^ (h >> 16));
	return h16 ? h16 : 1;
}

/* Appends N bytes of P with their length before them (so the parts of a key
 * read one way only). */
static inline void key_part(kpi_buf *b, const void *p, size_t n)
{
	uint32_t len = (uint32_t)n;
	add(b, &len, sizeof len);
	add(b, p, n);
}

/* A part of the series' key: a tag byte (0 none), then P[0..n) with its length. */
typedef struct {
	char tag;
	const void *p;
	size_t n;
} key_ref;

/* Whether SK is the key PARTS[0..np) make (key_part's layout). */
static inline int key_is(const kpi_buf *sk, const key_ref *parts, size_t np)
{
	size_t at = 0;
	for (size_t i = 0; i < np; i++) {
		const key_ref *r = &parts[i];
		if (r->tag) {
			if (at >= sk->len || sk->data[at] != r->tag)
				return 0;
			at++;
		}
		uint32_t len = (uint32_t)r->n;
		if (sk->len - at < sizeof len + r->n || memcmp(sk->data + at, &len, sizeof len) != 0 ||
		    !kpi_same_bytes(sk->data + at + sizeof len, r->p, r->n))
			return 0;
		at += sizeof len + r->n;
	}
	return at == sk->len;
}

#endif
