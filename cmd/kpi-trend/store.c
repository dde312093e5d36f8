/* store.c: the series store (see store.h): made, freed, and read back.
 * Reading records is store_read.c, pass-through fields store_pass.c,
 * sorting and duplicates store_finish.c. */
#include "store_int.h"
#include "kpi/breakdown.h"
#include "kpi/buf.h"
#include "kpi/bytes.h"
#include "kpi/diag.h"
#include "kpi/hugemem.h"
#include "kpi/numfmt.h"
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void store_init(store *st, kpi_run *run)
{
	memset(st, 0, sizeof *st);
	kpi_strtab_init(&st->str);
	kpi_buf_init(&st->sources);
	kpi_buf_addc(&st->sources, '\0'); /* offset 0: "" */
	kpi_strtab_init(&st->lists);
	kpi_buf_init(&st->pass_ids);
	st->nslot = 1024;
	st->slot = kpi_xcalloc(st->nslot, sizeof *st->slot);
	st->run = run;
	kpi_buf_init(&st->scratch);
	st->shape = kpi_xcalloc(1, sizeof *st->shape);
	list_memo_clear();
}

void store_free(store *st)
{
	for (size_t i = 0; i < st->n; i++)
		free(st->s[i].rev);
	while (st->blocks) {
		struct obs_block *b = st->blocks;
		st->blocks = b->next;
		free(b);
	}
	free(st->s);
	free(st->wide);
	free(st->slot);
	kpi_strtab_free(&st->lists);
	kpi_buf_free(&st->pass_ids);
	for (int i = 0; i < st->n_source_file; i++)
		free(st->source_file[i]);
	kpi_buf_free(&st->sources);
	kpi_buf_free(&st->scratch);
	free(st->shape->pass);
	free(st->shape->derived);
	free(st->shape->stat);
	for (int j = 0; j < PASS_MEMO_FIELDS; j++)
		free(st->shape->memo[j]);
	free(st->shape);
	kpi_buf_free(&st->bd_text);
	kpi_buf_free(&st->last_indicator.text);
	kpi_buf_free(&st->last_area.text);
	kpi_buf_free(&st->last_status.text);
	for (int k = 0; k < 6; k++)
		kpi_buf_free(&st->last_cat[k].text);
	kpi_strtab_free(&st->str);
}

const char *store_str(const store *st, uint32_t id, size_t *len)
{
	return kpi_strtab_str(&st->str, id, len);
}

const char *store_source_id(const store *st, uint32_t id, kpi_buf *scratch)
{
	if (!(id & SOURCE_COMPACT))
		return st->sources.data + id;
	unsigned file = (id & ~SOURCE_COMPACT) >> SOURCE_LINE_BITS;
	kpi_buf_clear(scratch);
	kpi_buf_add(scratch, st->source_file[file], st->source_file_len[file]);
	kpi_buf_printf(scratch, ":%lu", (unsigned long)(id & ((1u << SOURCE_LINE_BITS) - 1)));
	return scratch->data;
}

const char *store_source(const store *st, const obs *o, kpi_buf *scratch)
{
	return store_source_id(st, o->source, scratch);
}

const char *store_status(const store *st, const obs *o)
{
	return o->status ? kpi_strtab_str(&st->str, st->status[o->status], NULL) : NULL;
}

uint16_t store_release_day(const char *text)
{
	kpi_period p;
	if (kpi_period_parse_canonical(text, KPI_PT_DATE, &p) != 0)
		return 0;
	long d = kpi_period_ordinal(&p) + 1;
	return d >= 1 && d <= UINT16_MAX ? (uint16_t)d : 0;
}

const char *store_release_text(uint16_t d, char *buf)
{
	kpi_period p;
	char end[11];
	kpi_period_from_ordinal(KPI_PT_DATE, (long)d - 1, &p);
	kpi_period_bounds(&p, buf, end);
	return buf;
}

uint32_t store_lower_bound(const obs *o, uint32_t n, long ord)
{
	uint32_t a = 0, b = n;
	while (a < b) {
		uint32_t mid = a + (b - a) / 2;
		if (o[mid].ord < ord)
			a = mid + 1;
		else
			b = mid;
	}
	return a;
}

const obs *store_revisions(const series *s, int32_t ord, uint32_t *n)
{
	uint32_t a = store_lower_bound(s->rev, s->nrev, ord);
	uint32_t e = a;
	while (e < s->nrev && s->rev[e].ord == ord)
		e++;
	*n = e - a;
	return s->rev + a;
}

const char *store_period_text(const series *s, long ord, char *buf)
{
	kpi_period p;
	if (s->snap_month) {
		p.type = KPI_PT_DATE;
		p.year = (int)ord;
		p.sub = s->snap_month;
		p.day = s->snap_day;
	} else {
		kpi_period_from_ordinal(s->type, ord, &p);
	}
	kpi_period_format(&p, buf);
	return buf;
}

long store_series_ord(const series *s, long ord, int exact)
{
	if (!s->snap_month)
		return ord;
	kpi_period p;
	kpi_period_from_ordinal(KPI_PT_DATE, ord, &p);
	int before = p.sub < s->snap_month || (p.sub == s->snap_month && p.day < s->snap_day);
	if (exact && (p.sub != s->snap_month || p.day != s->snap_day))
		return LONG_MIN;
	return p.year - before;
}

/* "CLA01", area "Barnet", breakdown "Under 1" */
void describe(const store *st, const series *s, kpi_buf *b)
{
	kpi_buf_printf(b, "\"%s\"", kpi_strtab_str(&st->str, s->indicator, NULL));
	if (s->area && s->area != AREA_NULL)
		kpi_buf_printf(b, ", area \"%s\"", kpi_strtab_str(&st->str, s->area, NULL));
	if (s->breakdown && s->breakdown_raw) {
		/* the words a reader sees, from the JSON text kept */
		kpi_record r;
		kpi_record_init(&r);
		size_t len;
		const char *raw = kpi_strtab_str(&st->str, s->breakdown_raw, &len);
		kpi_buf doc = KPI_BUF_INIT;
		kpi_buf_adds(&doc, "{\"b\":");
		kpi_buf_add(&doc, raw, len);
		kpi_buf_addc(&doc, '}');
		if (kpi_record_parse_object(&r, doc.data, doc.len) && r.n == 1) {
			kpi_buf_adds(b, ", breakdown \"");
			kpi_breakdown_label(b, &r.f[0]);
			kpi_buf_addc(b, '"');
		}
		kpi_buf_free(&doc);
		kpi_record_free(&r);
	}
}

int reject(store *st, const char *where, const char *line, size_t len, const char *fmt, ...)
{
	char reason[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	kpi_run_reject(st->run, where, reason, line, len);
	return -1;
}
