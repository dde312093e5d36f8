/* dupes.h: the observations seen so far, to find duplicates in a stream.
 *
 * An observation is a period (its ordinal) of a series (a 64-bit hash of its
 * indicator, area, breakdown, period type and release).  Each distinct
 * observation keeps 16 bytes: a 32-bit hash of its value, 16-bit hashes of
 * its numerator and denominator, and where it came from (an interned file
 * name, the line, an interned column).  They are kept in an array per series
 * indexed by the period, so that the observations of a series, which
 * nearly always arrive together, sit side by side in memory: the array
 * covers the series' run of periods, grows by doubling and is never more
 * than four times the size its entries need; an observation whose period is
 * too far from the rest of its series for that goes into a table of 24-byte
 * slots (the entry and the 64-bit key of series and period) kept at most
 * half full.  Nothing else grows with the input; in any order of input, a
 * duplicate is found wherever its first was kept. */
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
/* Looks up period ORD of SERIES.  New: remembers it with FIG and SOURCE
 * ("FILE:LINE" or "FILE:LINE:COLUMN").  Seen: DUPES_SAME when the values
 * agree and so do the numerators and denominators both records give (a file
 * giving a percentage with its count and one giving it alone say the same),
 * else DUPES_DIFFERENT (the values differ) or DUPES_DIFFERENT_COUNTS (the
 * same value, other numerators or denominators); the earlier source is
 * written into *earlier (cleared first). */
int dupes_check(dupes *d, uint64_t series, long ord, const dupes_figure *fig,
		const char *source, kpi_buf *earlier);
/* The same with SOURCE's length (strlen(source), known to the caller). */
int dupes_check_len(dupes *d, uint64_t series, long ord, const dupes_figure *fig,
		    const char *source, size_t source_len, kpi_buf *earlier);
/* The distinct observations kept, and of them those in the table of
 * observations far from their series' run (for tests). */
size_t dupes_count(const dupes *d);
size_t dupes_spilled(const dupes *d);

/* A 64-bit hash, chainable: h = dupes_hash(h, s, n), starting from DUPES_HASH_INIT. */
#define DUPES_HASH_INIT 1469598103934665603ULL
uint64_t dupes_hash(uint64_t h, const void *p, size_t n);

#endif
