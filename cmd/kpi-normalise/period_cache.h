/* period_cache.h: the periods kpi-normalise has parsed already (the table
 * normaliser.period_memo): a file holds few distinct period texts, so each
 * is parsed once, with what can change its meaning.  The look-up is inline
 * (every record makes one); the parse on a miss is period_cache.c's. */
#ifndef NORMALISE_PERIOD_CACHE_H
#define NORMALISE_PERIOD_CACHE_H
#include <stdint.h>
#include <string.h>
#include "kpi/bytes.h"
#include "normalise.h"

/* Whether cache entry PC holds PTEXT[0..plen) parsed with POPTS. */
static inline int period_cached_is(const period_cache *pc, const char *ptext, size_t plen,
			    const kpi_period_opts *popts)
{
	const char *tid = popts->time_identifier;
	return pc->valid && pc->text.len == plen && kpi_same_bytes(pc->text.data, ptext, plen) &&
	       pc->year_type == popts->year_type && pc->column_is_date == popts->column_is_date &&
	       pc->snapshot_month == popts->snapshot_month && pc->snapshot_day == popts->snapshot_day &&
	       (tid == NULL) == (pc->has_tid == 0) && (!tid || strcmp(tid, pc->tid.data) == 0);
}

/* The period cache's hash of a text: a period's text is short ("Apr-15",
 * "2019-20"), so its first and last eight bytes, inline (dupes_hash was a
 * call and a loop); a longer one through dupes_hash.  A collision only
 * costs a parse. */
static inline uint64_t period_text_hash(const char *p, size_t n)
{
	uint64_t a, b;
	if (n > 16)
		return dupes_hash(DUPES_HASH_INIT, p, n);
	if (n >= 8) {
		memcpy(&a, p, 8), memcpy(&b, p + n - 8, 8);
	} else if (n >= 4) {
		uint32_t x, y;
		memcpy(&x, p, 4), memcpy(&y, p + n - 4, 4);
		a = x, b = y;
	} else {
		const unsigned char *u = (const unsigned char *)p;
		a = n ? (uint64_t)u[0] | (uint64_t)u[n >> 1] << 8 | (uint64_t)u[n - 1] << 16 : 0;
		b = 0;
	}
	uint64_t h = (a ^ (uint64_t)n << 56) * 0x9E3779B97F4A7C15ULL ^ b * 0xC4CEB9FE1A85EC53ULL;
	h ^= h >> 32;
	h *= 0xFF51AFD7ED558CCDULL;
	return h ^ (h >> 29);
}

/* PTEXT[0..plen) parsed with POPTS into the entry of PAIR used longer ago,
 * or NULL with the reason (period_cache.c). */
period_cache *period_cache_fill(period_cache *pair, const char *ptext, size_t plen,
				const kpi_period_opts *popts, kpi_buf *reason);

/* A file holds few distinct period texts: successful parses are kept (in a
 * table of pairs of entries, the pair picked by the text's hash: with one
 * entry per hash, two of a series' hundred months sharing one were parsed
 * again in every series) with everything that can change them.  The entry
 * holding PTEXT's parse, or NULL with the reason. */
static inline period_cache *parse_period_cached(normaliser *nz, const char *ptext, size_t plen,
					 const kpi_period_opts *popts, kpi_buf *reason)
{
	if (!nz->period_memo)
		nz->period_memo = kpi_xcalloc(NZ_PERIOD_CACHE, sizeof *nz->period_memo);
	uint64_t h = period_text_hash(ptext, plen);
	period_cache *pair = &nz->period_memo[2 * ((h ^ (h >> 32)) & (NZ_PERIOD_CACHE / 2 - 1))];
	for (int way = 0; way < 2; way++) {
		period_cache *pc = &pair[way];
		if (period_cached_is(pc, ptext, plen, popts)) {
			pair[0].recent = (unsigned char)way;
			return pc;
		}
	}
	return period_cache_fill(pair, ptext, plen, popts, reason);
}

#endif
