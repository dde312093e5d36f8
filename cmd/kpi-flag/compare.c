/* compare.c: --compare england,region,neighbours: each council's series
 * against England, its region and the mean of its statistical neighbours
 * in the same input, and its rank and quartile among all councils
 * (contract §4a; methods.md D, D.2 and F, the conventions of the DfE's
 * Local Authority Interactive Tool).
 *
 * A comparator value is the same indicator and breakdown (kpi_breakdown_key)
 * at the council's period, or the latest period before it.  Counts (and
 * currency totals) are not compared across areas unless the catalogue's
 * `comparable` column says so: a big council has more children. */
#include <stdlib.h>
#include <string.h>
#include "flag.h"
#include "kpi/banding.h"
#include "kpi/csv_columns.h"
#include "kpi/diag.h"
#include "kpi/names.h"

int compare_parse_kinds(const char *list)
{
	int kinds = 0;
	const char *p = list;
	while (*p) {
		size_t n = strcspn(p, ",");
		if (n == 7 && strncmp(p, "england", n) == 0)
			kinds |= CMP_ENGLAND;
		else if (n == 6 && strncmp(p, "region", n) == 0)
			kinds |= CMP_REGION;
		else if (n == 10 && strncmp(p, "neighbours", n) == 0)
			kinds |= CMP_NEIGHBOURS;
		else
			return -1;
		p += n;
		if (*p == ',' && *++p == '\0')
			return -1;
	}
	return kinds ? kinds : -1;
}

/* scratch: the councils' values at a later period */
static double *later;
static size_t cap_later;

/* The comparison of the council's value with C's (methods.md D; D.2 when
 * the council's figure has no interval). */
static void judge_comparator(const flag_result *r, int can_compare, flag_comparator *c)
{
	c->cmp = KPI_CMP_NOT_COMPARED;
	c->method = NULL;
	if (!can_compare || !r->has_value || !c->has_value)
		return;
	if (r->has_interval) {
		c->cmp = kpi_benchmark_compare(r->pol, 1, 1, r->iv.lower, r->iv.upper, 1, c->value);
		c->method = "interval";
	} else {
		/* the neighbour mean has no published precision: the council's counts */
		int dec_c = c->n >= 0 ? 17 : kpi_value_decimals(c->value);
		c->cmp = kpi_value_compare(r->pol, r->value, kpi_value_decimals(r->value), c->value, dec_c);
		c->method = "value";
	}
}

static void from_point(stream_bench *s, const stream_point *p, flag_comparator *c)
{
	c->has_value = 1;
	c->value = p->value;
	c->has_period = 1;
	kpi_period_format(&p->period, c->period);
	c->area = s->area[p->area].name;
}

static void neighbours_mean(const flag_ctx *ctx, flag_result *r, const kpi_period *at, flag_comparator *c)
{
	stream_bench *s = ctx->stream;
	c->area = "statistical neighbours";
	c->n = 0;
	const sn_council *me = sn_model_find(ctx->neighbours, stream_dfe_code(r->v.rec), r->area);
	if (!me)
		return;
	double sum = 0;
	kpi_period latest;
	for (int k = 0; k < me->n; k++) {
		const stream_area *a = stream_council_coded(s, me->sn[k]);
		const stream_point *p = a ? stream_find(s, r->indicator, r->breakdown_key, a->fold, at) : NULL;
		if (!p)
			continue;
		/* unweighted, neighbours without a value left out (methods.md F) */
		sum += p->value;
		if (!c->n++ || kpi_period_cmp(&p->period, &latest) > 0)
			latest = p->period;
	}
	if (c->n) {
		c->has_value = 1;
		c->value = sum / c->n;
		c->has_period = 1;
		kpi_period_format(&latest, c->period);
	}
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void rank_of(const flag_ctx *ctx, flag_result *r)
{
	static double *vals;
	static size_t cap;
	if (!r->has_value || !r->has_period || r->pol == KPI_POL_NEUTRAL) {
		if (!ctx) { /* at exit: free the scratch values */
			free(vals);
			vals = NULL;
			cap = 0;
		}
		return;
	}
	size_t n = stream_council_values(ctx->stream, r->indicator, r->breakdown_key, &r->period, &vals, &cap);
	if (!n)
		return;
	double q[3];
	qsort(vals, n, sizeof *vals, by_value);
	kpi_quartiles(vals, n, q);
	r->rank.has = 1;
	r->rank.position = kpi_rank(r->pol, r->value, vals, n);
	r->rank.of = n;
	r->rank.quartile = kpi_band(r->pol, r->value, q);
}

void compare_compute(const flag_ctx *ctx, flag_result *r)
{
	memset(&r->rank, 0, sizeof r->rank);
	r->n_comparators = 0;
	r->compared = ctx->compare != 0;
	if (!ctx->compare || !ctx->stream)
		return;
	stream_bench *s = ctx->stream;
	char *me = kpi_fold_dup(r->area ? r->area : "");
	const stream_area *mine = stream_area_named(s, me, LEVEL_ANY);
	free(me);
	/* England and the regions are the comparators, not compared */
	if (!mine || mine->level != LEVEL_COUNCIL || !(r->has_period || r->has_as_at))
		return;
	const kpi_period *at = r->has_period ? &r->period : &r->as_at;
	/* other councils have a figure for a later period: this series ended
	 * (a council reorganised), it is not judged on its last figure */
	if (r->has_period && r->has_as_at && kpi_period_cmp(&r->as_at, &r->period) > 0 &&
	    !r->suppressed_latest &&
	    stream_council_values(s, r->indicator, r->breakdown_key, &r->as_at, &later, &cap_later) > 0)
		r->reporting_ended = 1;
	if (r->suppressed_latest || r->reporting_ended)
		return; /* never compared on an older figure */
	int can = flag_comparable(r);
	static const int order[CMP_KINDS] = {CMP_NEIGHBOURS, CMP_REGION, CMP_ENGLAND};
	for (int k = 0; k < CMP_KINDS; k++) {
		if (!(ctx->compare & order[k]))
			continue;
		flag_comparator *c = &r->comparator[r->n_comparators++];
		memset(c, 0, sizeof *c);
		c->n = -1;
		const stream_area *a = NULL;
		if (order[k] == CMP_ENGLAND) {
			c->kind = "england";
			a = stream_area_first(s, LEVEL_NATIONAL);
		} else if (order[k] == CMP_REGION) {
			c->kind = "region";
			const char *region = kpi_record_str(r->v.rec, "region_name");
			/* a file without regions (KS2 2007-2011): --regions' */
			if (!region || !*region)
				region = la_regions_find(ctx->regions, stream_dfe_code(r->v.rec),
							 kpi_record_str(r->v.rec, "new_la_code"), r->area);
			char *f = region ? kpi_fold_dup(region) : NULL;
			a = f ? stream_area_named(s, f, LEVEL_REGIONAL) : NULL;
			free(f);
			c->area = region;
		} else {
			c->kind = "neighbours";
			neighbours_mean(ctx, r, at, c);
		}
		if (a) {
			c->area = a->name;
			const stream_point *p = stream_find(s, r->indicator, r->breakdown_key, a->fold, at);
			if (p)
				from_point(s, p, c);
		}
		judge_comparator(r, can, c);
	}
	if (can)
		rank_of(ctx, r);
}

void compare_free(void)
{
	free(later);
	later = NULL;
	cap_later = 0;
	flag_result none;
	memset(&none, 0, sizeof none);
	rank_of(NULL, &none);
}

void compare_write(kpi_jw *w, const flag_result *r)
{
	kpi_jw_key(w, "comparators");
	kpi_jw_begin_array(w);
	for (int k = 0; k < r->n_comparators; k++) {
		const flag_comparator *c = &r->comparator[k];
		kpi_jw_begin_object(w);
		kpi_jw_kstr(w, "kind", c->kind);
		kpi_jw_kstr(w, "area", c->area);
		kpi_jw_kstr(w, "period", c->has_period ? c->period : NULL);
		kpi_jw_knum_or_null(w, "value", c->has_value, c->value);
		kpi_jw_knum_or_null(w, "n", c->n >= 0, c->n);
		kpi_jw_kstr(w, "comparison", kpi_comparison_name(c->cmp));
		kpi_jw_kstr(w, "method", c->method);
		kpi_jw_end_object(w);
	}
	kpi_jw_end_array(w);
	kpi_jw_key(w, "rank");
	if (r->rank.has) {
		char q[2] = {r->rank.quartile, 0};
		kpi_jw_begin_object(w);
		kpi_jw_knum(w, "position", (double)r->rank.position);
		kpi_jw_knum(w, "of", (double)r->rank.of);
		kpi_jw_kstr(w, "quartile", q);
		kpi_jw_end_object(w);
	} else {
		kpi_jw_null(w);
	}
}

static _Noreturn void absent(const char *what, const char *area, stream_bench *s)
{
	kpi_buf names = KPI_BUF_INIT;
	stream_area_names(s, &names);
	kpi_die(KPI_EXIT_DATA, "%s: no series of %s in the input (areas present: %s)", what, area,
		kpi_buf_str(&names));
}

void compare_check_areas(const flag_ctx *ctx)
{
	stream_bench *s = ctx->stream;
	if (ctx->bench_area && !ctx->bench_file) {
		char *f = kpi_fold_dup(ctx->bench_area);
		const stream_area *a = stream_area_named(s, f, LEVEL_ANY);
		free(f);
		if (!a) {
			char what[300];
			snprintf(what, sizeof what, "'%.200s'", ctx->bench_area);
			absent("--benchmark-area", what, s);
		}
	}
	if ((ctx->compare & CMP_ENGLAND) && !stream_area_first(s, LEVEL_NATIONAL))
		absent("--compare england", "England (geographic_level National)", s);
	if ((ctx->compare & CMP_REGION) && !stream_area_first(s, LEVEL_REGIONAL))
		absent("--compare region", "a region (geographic_level Regional)", s);
}
