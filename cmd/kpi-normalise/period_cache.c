/* period_cache.c: a period text kpi-normalise has not parsed yet (or not
 * lately): parsed, and kept in the entry of its pair used longer ago with
 * everything that can change its meaning (period_cache.h looks them up). */
#include "period_cache.h"

period_cache *period_cache_fill(period_cache *pair, const char *ptext, size_t plen,
				const kpi_period_opts *popts, kpi_buf *reason)
{
	const char *tid = popts->time_identifier;
	char perr[512];
	kpi_period per;
	if (kpi_period_parse(ptext, popts, &per, perr, sizeof perr) != 0) {
		kpi_buf_adds(reason, perr);
		return NULL;
	}
	/* the entry of the pair not used last makes room */
	int way = pair[0].recent ^ 1;
	pair[0].recent = (unsigned char)way;
	period_cache *pc = &pair[way];
	kpi_period_format(&per, pc->canon);
	kpi_period_bounds(&per, pc->start, pc->end);
	pc->valid = 1;
	pc->year_type = popts->year_type;
	pc->column_is_date = popts->column_is_date;
	pc->snapshot_month = popts->snapshot_month;
	pc->snapshot_day = popts->snapshot_day;
	kpi_buf_clear(&pc->text);
	kpi_buf_add(&pc->text, ptext, plen);
	pc->has_tid = tid != NULL;
	kpi_buf_clear(&pc->tid);
	if (tid)
		kpi_buf_adds(&pc->tid, tid);
	pc->per = per;
	pc->ordinal = kpi_period_ordinal(&per);
	kpi_buf_clear(&pc->json);
	return pc;
}
