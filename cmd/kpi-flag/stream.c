/* stream.c: --benchmark-area NAME without --benchmarks: the series of area
 * NAME in the input serve as benchmarks for the other areas' series of the
 * same indicator and breakdown.  main.c buffers the input to find them.
 *
 * Every point of those series (their history and latest value, from every
 * summary: kpi-trend --every-period writes one per period) goes into one
 * array sorted by series key and period start, so a lookup is two binary
 * searches however long the input. */
#include <stdlib.h>
#include <string.h>
#include "flag.h"
#include "kpi/breakdown.h"
#include "kpi/names.h"

/* Folded indicator, \x1f, the breakdown's identity (lib/breakdown.c). */
static char *series_key(const char *indicator, const char *breakdown_key)
{
	kpi_buf b = KPI_BUF_INIT;
	kpi_fold_name(&b, indicator, strlen(indicator));
	kpi_buf_addc(&b, '\x1f');
	kpi_buf_adds(&b, breakdown_key ? breakdown_key : "");
	char *k = kpi_xstrdup(kpi_buf_str(&b));
	kpi_buf_free(&b);
	return k;
}

static void add_point(stream_bench *s, const char *key, const char *area, const char *period,
		      kpi_period_type type, double value)
{
	kpi_period p;
	if (!period || kpi_period_parse_canonical(period, type, &p) != 0)
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->pt = kpi_xrealloc(s->pt, s->cap * sizeof *s->pt);
	}
	stream_point *e = &s->pt[s->n++];
	e->key = kpi_xstrdup(key);
	e->area = area;
	e->period = p;
	char end[11];
	kpi_period_bounds(&p, e->start, end);
	e->value = value;
}

void stream_bench_add(stream_bench *s, const kpi_record *rec)
{
	const char *indicator = kpi_record_str(rec, "indicator");
	if (!indicator)
		return;
	/* the area name is kept for the output: one copy per summary */
	const char *area = kpi_record_str(rec, "area");
	if (s->n_areas == s->cap_areas) {
		s->cap_areas = s->cap_areas ? 2 * s->cap_areas : 16;
		s->areas = kpi_xrealloc(s->areas, s->cap_areas * sizeof *s->areas);
	}
	char *area_copy = kpi_xstrdup(area ? area : "");
	s->areas[s->n_areas++] = area_copy;
	kpi_buf bd = KPI_BUF_INIT;
	if (kpi_breakdown_key(&bd, kpi_record_get(rec, "breakdown")) != 0) {
		kpi_buf_free(&bd);
		free(area_copy);
		s->n_areas--;
		return; /* not a breakdown: flag_compute rejects the record */
	}
	char *key = series_key(indicator, kpi_buf_str(&bd));
	kpi_buf_free(&bd);
	const char *pt = kpi_record_str(rec, "period_type");
	kpi_period_type type = pt ? kpi_period_type_from_name(pt) : KPI_PT_NONE;
	double v;
	kpi_elems it;
	const char *e;
	size_t n;
	kpi_elems_start(&it, rec, "history");
	while (kpi_elems_next(&it, &e, &n)) {
		const kpi_record *h = kpi_record_parse_object(&s->point, e, n);
		if (kpi_record_num(h, "value", &v))
			add_point(s, key, area_copy, kpi_record_str(h, "period"), type, v);
	}
	if (kpi_record_num(rec, "value", &v))
		add_point(s, key, area_copy, kpi_record_str(rec, "period"), type, v);
	free(key);
	s->sorted = 0;
}

static int by_key_start(const void *a, const void *b)
{
	const stream_point *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	c = strcmp(x->start, y->start);
	if (c)
		return c;
	return kpi_period_cmp(&x->period, &y->period);
}

void stream_bench_free(stream_bench *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->pt[i].key);
	for (size_t i = 0; i < s->n_areas; i++)
		free(s->areas[i]);
	free(s->pt);
	free(s->areas);
	kpi_record_free(&s->point);
	memset(s, 0, sizeof *s);
}

int stream_bench_find(stream_bench *s, const char *indicator, const char *breakdown_key,
		      const kpi_period *as_at, flag_bench *b)
{
	memset(b, 0, sizeof *b);
	if (!s->n)
		return 0;
	if (!s->sorted) {
		qsort(s->pt, s->n, sizeof *s->pt, by_key_start);
		s->sorted = 1;
	}
	char *key = series_key(indicator, breakdown_key);
	char start[11], end[11];
	kpi_period_bounds(as_at, start, end);
	/* the last point with this key and a start on or before as_at's */
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(s->pt[mid].key, key);
		if (c < 0 || (c == 0 && strcmp(s->pt[mid].start, end) <= 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	int found = lo > 0 && strcmp(s->pt[lo - 1].key, key) == 0;
	free(key);
	if (!found)
		return 0;
	const stream_point *p = &s->pt[lo - 1];
	b->found = 1;
	b->area = p->area;
	kpi_period_format(&p->period, b->period);
	b->value = p->value;
	return 1;
}
