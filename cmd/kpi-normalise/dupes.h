/* dupes.h: the observations seen so far, to find duplicates in a stream.
 *
 * Each distinct observation (indicator, area, breakdown, period) keeps one
 * 24-byte slot: a 64-bit hash of its key, a 32-bit hash of its value and
 * where it came from (an interned file name, the line, an interned column).
 * The table is kept at most half full, so memory grows by 24-48 bytes per
 * distinct observation and nothing else grows with the input. */
#ifndef NORMALISE_DUPES_H
#define NORMALISE_DUPES_H
#include <stddef.h>
#include <stdint.h>
#include "kpi/buf.h"

typedef struct dupes dupes;

dupes *dupes_new(void);
void dupes_free(dupes *d);

enum { DUPES_NEW = 0, DUPES_SAME = 1, DUPES_DIFFERENT = 2, DUPES_DIFFERENT_COUNTS = 3 };
/* An observation's figures, hashed: its value with its status, and its
 * numerator and denominator (0 when the record does not give one). */
typedef struct {
	uint32_t value_hash;
	uint16_t num_hash, den_hash;
} dupes_figure;
/* Looks KEY up.  New: remembers it with FIG and SOURCE ("FILE:LINE" or
 * "FILE:LINE:COLUMN").  Seen: DUPES_SAME when the values agree and so do the
 * numerators and denominators both records give (a file giving a percentage
 * with its count and one giving it alone say the same), else
 * DUPES_DIFFERENT (the values differ) or DUPES_DIFFERENT_COUNTS (the same
 * value, other numerators or denominators); the earlier source is written into *earlier (cleared
 * first). */
int dupes_check(dupes *d, uint64_t key, const dupes_figure *fig, const char *source,
		kpi_buf *earlier);
size_t dupes_count(const dupes *d);
/* Asks the memory for KEY's slot, ahead of dupes_check (a hint only). */
void dupes_prefetch(const dupes *d, uint64_t key);

/* A 64-bit hash, chainable: h = dupes_hash(h, s, n), starting from DUPES_HASH_INIT. */
#define DUPES_HASH_INIT 1469598103934665603ULL
uint64_t dupes_hash(uint64_t h, const void *p, size_t n);
/* The key of an observation from the hash of its series (with its period
 * type and release) and its period's ordinal. */
uint64_t dupes_key(uint64_t series, long ord);

#endif
