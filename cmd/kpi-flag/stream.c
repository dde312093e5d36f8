/* stream.c: --benchmark-area NAME without --benchmarks: the series of area
 * NAME in the input serve as benchmarks for the other areas' series of the
 * same indicator and breakdown.  main.c buffers the input to find them. */
#include <stdlib.h>
#include <string.h>
#include "flag.h"

void stream_bench_add(stream_bench *s, json_t *obj)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->rec = kpi_xrealloc(s->rec, s->cap * sizeof *s->rec);
	}
	json_incref(obj);
	s->rec[s->n++] = obj;
}

void stream_bench_free(stream_bench *s)
{
	for (size_t i = 0; i < s->n; i++)
		json_decref(s->rec[i]);
	free(s->rec);
	memset(s, 0, sizeof *s);
}

static int same_breakdown(const char *a, const char *b)
{
	if (!a || !b)
		return !a && !b;
	return fold_eq(a, b);
}

/* A point at or before AS_AT (by start date): copies it into B. */
static int take(const char *period, double value, kpi_period_type type, const kpi_period *as_at,
		kpi_period *best, flag_bench *b)
{
	kpi_period p;
	char ps[11], pe[11], as[11], ae[11];
	if (!period || kpi_period_parse_canonical(period, type, &p) != 0)
		return 0;
	kpi_period_bounds(&p, ps, pe);
	kpi_period_bounds(as_at, as, ae);
	if (strcmp(ps, as) > 0 || (b->found && kpi_period_cmp(&p, best) <= 0))
		return 0;
	*best = p;
	b->found = 1;
	kpi_period_format(&p, b->period);
	b->value = value;
	return 1;
}

int stream_bench_find(const stream_bench *s, const char *indicator, const char *breakdown,
		      const kpi_period *as_at, kpi_period_type type, flag_bench *b)
{
	memset(b, 0, sizeof *b);
	for (size_t i = 0; i < s->n; i++) {
		const json_t *o = s->rec[i];
		if (!fold_eq(jstr(o, "indicator"), indicator) ||
		    !same_breakdown(jstr(o, "breakdown"), breakdown))
			continue;
		const char *pt = jstr(o, "period_type");
		kpi_period_type t = pt ? kpi_period_type_from_name(pt) : type;
		kpi_period best;
		const json_t *h = json_object_get(o, "history");
		size_t k;
		const json_t *e;
		double v;
		json_array_foreach(h, k, e)
			if (jnum(e, "value", &v))
				take(jstr(e, "period"), v, t, as_at, &best, b);
		if (jnum(o, "value", &v))
			take(jstr(o, "period"), v, t, as_at, &best, b);
		if (b->found) {
			b->area = jstr(o, "area");
			return 1;
		}
	}
	return 0;
}
