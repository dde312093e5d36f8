/* stream.c: the other areas' series of the input, for --benchmark-area NAME
 * without --benchmarks (the series of area NAME serve as benchmarks for the
 * other areas' series of the same indicator and breakdown) and for
 * --compare (England, the region, the statistical neighbours and every
 * council, compare.c).  main.c buffers the input to find them.
 *
 * Every point of the series kept (their history and latest value, from
 * every summary: kpi-trend --every-period writes one per period) goes into
 * one array sorted by series key, area and period start, so a lookup is two
 * binary searches however long the input. */
#include <stdlib.h>
#include <string.h>
#include "flag.h"
#include "kpi/la_changes.h"
#include "kpi/breakdown.h"
#include "kpi/csv_columns.h"
#include "kpi/geography.h"
#include "kpi/names.h"

/* Folded indicator, \x1f, the breakdown's identity (lib/breakdown.c). */
static char *series_key(const char *indicator, const char *breakdown_key)
{
	kpi_buf b = KPI_BUF_INIT;
	kpi_fold_id(&b, indicator, strlen(indicator));
	kpi_buf_addc(&b, '\x1f');
	kpi_buf_adds(&b, breakdown_key ? breakdown_key : "");
	char *k = kpi_xstrdup(kpi_buf_str(&b));
	kpi_buf_free(&b);
	return k;
}

/* The first of FIELDS that REC has, not empty, or NULL. */
static const char *first_of(const kpi_record *rec, const char *const *fields)
{
	for (size_t i = 0; fields[i]; i++) {
		const char *v = kpi_record_str(rec, fields[i]);
		if (v && *v)
			return v;
	}
	return NULL;
}

const char *stream_dfe_code(const kpi_record *rec)
{
	for (size_t i = 0; kpi_area_code_fields[i]; i++) {
		const char *v = kpi_record_str(rec, kpi_area_code_fields[i]);
		if (v && *v && kpi_la_is_dfe_code(v, strlen(v)))
			return v;
	}
	return NULL;
}

/* The kind of area (lib/geography.c): the data's geographic_level (DfE
 * files), else its code, else England by its name. */
static stream_level level_of(const kpi_record *rec, const char *name)
{
	switch (kpi_area_kind_of(first_of(rec, kpi_area_level_fields), first_of(rec, kpi_area_code_fields), name)) {
	case KPI_AREA_NATIONAL: return LEVEL_NATIONAL;
	case KPI_AREA_REGIONAL: return LEVEL_REGIONAL;
	case KPI_AREA_COUNCIL: return LEVEL_COUNCIL;
	default: return LEVEL_OTHER;
	}
}

/* The area of REC as a new entry of s->area (one per summary). */
static size_t add_area(stream_bench *s, const kpi_record *rec)
{
	if (s->n_areas == s->cap_areas) {
		s->cap_areas = s->cap_areas ? 2 * s->cap_areas : 16;
		s->area = kpi_xrealloc(s->area, s->cap_areas * sizeof *s->area);
	}
	stream_area *a = &s->area[s->n_areas];
	const char *name = kpi_record_str(rec, "area");
	a->name = kpi_xstrdup(name ? name : "");
	a->fold = kpi_fold_dup(a->name);
	a->level = level_of(rec, a->name);
	const char *code = stream_dfe_code(rec);
	a->code = code ? kpi_xstrdup(code) : NULL;
	return s->n_areas++;
}

static void add_point(stream_bench *s, const char *key, size_t area, const char *period,
		      kpi_period_type type, int has_value, double value)
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
	e->has_value = has_value;
	e->value = value;
}

/* A point's value: its number, or 0 for a figure that rounds to zero (low,
 * k), which ranks as the lowest value (methods.md F). */
static int point_value(const kpi_record *o, double *v)
{
	if (kpi_record_num(o, "value", v))
		return 1;
	const char *st = kpi_record_str(o, "status");
	if (st && strcmp(st, "rounds_to_zero") == 0) {
		*v = 0;
		return 1;
	}
	return 0;
}

void stream_bench_add(stream_bench *s, const kpi_record *rec)
{
	const char *indicator = kpi_record_str(rec, "indicator");
	if (!indicator)
		return;
	kpi_buf bd = KPI_BUF_INIT;
	if (kpi_breakdown_key(&bd, kpi_record_get(rec, "breakdown")) != 0) {
		kpi_buf_free(&bd);
		return; /* not a breakdown: flag_compute rejects the record */
	}
	size_t area = add_area(s, rec);
	if (s->only_fold && strcmp(s->area[area].fold, s->only_fold) != 0) {
		kpi_buf_free(&bd);
		return; /* never looked up: not kept, nor sorted */
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
		int has = point_value(h, &v);
		add_point(s, key, area, kpi_record_str(h, "period"), type, has, v);
	}
	int has = point_value(rec, &v);
	add_point(s, key, area, kpi_record_str(rec, "period"), type, has, v);
	free(key);
	s->sorted = 0;
}

void stream_bench_only(stream_bench *s, const char *area)
{
	free(s->only_fold);
	s->only_fold = area ? kpi_fold_dup(area) : NULL;
}

static stream_bench *sort_ctx;

static int by_key_area_start(const void *a, const void *b)
{
	const stream_point *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	c = strcmp(sort_ctx->area[x->area].fold, sort_ctx->area[y->area].fold);
	if (c)
		return c;
	c = strcmp(x->start, y->start);
	if (c)
		return c;
	c = kpi_period_cmp(&x->period, &y->period);
	/* the last summary's point last: it is the one kept */
	return c ? c : (x->area > y->area) - (x->area < y->area);
}

static void sort_points(stream_bench *s)
{
	if (s->sorted)
		return;
	sort_ctx = s;
	qsort(s->pt, s->n, sizeof *s->pt, by_key_area_start);
	sort_ctx = NULL;
	s->sorted = 1;
}

void stream_bench_free(stream_bench *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->pt[i].key);
	for (size_t i = 0; i < s->n_areas; i++) {
		free(s->area[i].name);
		free(s->area[i].fold);
		free(s->area[i].code);
	}
	free(s->pt);
	free(s->area);
	free(s->by_fold);
	free(s->by_code);
	free(s->only_fold);
	kpi_record_free(&s->point);
	memset(s, 0, sizeof *s);
}

/* The first point whose key is KEY (s->n when none). */
static size_t first_of_key(const stream_bench *s, const char *key)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(s->pt[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const stream_point *stream_find(stream_bench *s, const char *indicator, const char *breakdown_key,
				const char *area_fold, const kpi_period *at)
{
	if (!s->n)
		return NULL;
	sort_points(s);
	char *key = series_key(indicator, breakdown_key);
	char start[11], end[11];
	kpi_period_bounds(at, start, end);
	/* the last point of this series and area with a value and a start on
	 * or before AT's last day */
	size_t lo = first_of_key(s, key), hi = s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const stream_point *p = &s->pt[mid];
		int c = strcmp(p->key, key);
		if (!c)
			c = strcmp(s->area[p->area].fold, area_fold);
		if (c < 0 || (c == 0 && strcmp(p->start, end) <= 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	const stream_point *hit = NULL;
	for (size_t i = lo; i > 0 && !hit; i--) {
		const stream_point *p = &s->pt[i - 1];
		if (strcmp(p->key, key) != 0 || strcmp(s->area[p->area].fold, area_fold) != 0)
			break;
		if (p->has_value)
			hit = p;
	}
	free(key);
	return hit;
}

int stream_bench_find(stream_bench *s, const char *indicator, const char *breakdown_key,
		      const char *area, const kpi_period *as_at, flag_bench *b)
{
	memset(b, 0, sizeof *b);
	char *f = kpi_fold_dup(area ? area : "");
	const stream_point *p = stream_find(s, indicator, breakdown_key, f, as_at);
	free(f);
	if (!p)
		return 0;
	b->found = 1;
	b->area = s->area[p->area].name;
	kpi_period_format(&p->period, b->period);
	b->value = p->value;
	return 1;
}

size_t stream_council_values(stream_bench *s, const char *indicator, const char *breakdown_key,
			     const kpi_period *period, double **out, size_t *cap)
{
	if (!s->n)
		return 0;
	sort_points(s);
	char *key = series_key(indicator, breakdown_key);
	size_t n = 0;
	const char *last_fold = NULL;
	for (size_t i = first_of_key(s, key); i < s->n && strcmp(s->pt[i].key, key) == 0; i++) {
		const stream_point *p = &s->pt[i];
		const stream_area *a = &s->area[p->area];
		if (a->level != LEVEL_COUNCIL || !p->has_value || kpi_period_cmp(&p->period, period) != 0)
			continue;
		/* one value per council, however many of its summaries hold the point */
		if (last_fold && strcmp(last_fold, a->fold) == 0) {
			(*out)[n - 1] = p->value;
			continue;
		}
		if (n == *cap) {
			*cap = *cap ? 2 * *cap : 256;
			*out = kpi_xrealloc(*out, *cap * sizeof **out);
		}
		(*out)[n++] = p->value;
		last_fold = a->fold;
	}
	free(key);
	return n;
}

static int by_fold(const void *a, const void *b)
{
	const stream_area *x = &sort_ctx->area[*(const size_t *)a], *y = &sort_ctx->area[*(const size_t *)b];
	int c = strcmp(x->fold, y->fold);
	return c ? c : (*(const size_t *)a > *(const size_t *)b) - (*(const size_t *)a < *(const size_t *)b);
}

/* s->by_fold: the areas' indices sorted by folded name (built once) */
static void index_areas(stream_bench *s)
{
	if (s->by_fold && s->n_indexed == s->n_areas)
		return;
	s->by_fold = kpi_xrealloc(s->by_fold, (s->n_areas ? s->n_areas : 1) * sizeof *s->by_fold);
	for (size_t i = 0; i < s->n_areas; i++)
		s->by_fold[i] = i;
	sort_ctx = s;
	qsort(s->by_fold, s->n_areas, sizeof *s->by_fold, by_fold);
	sort_ctx = NULL;
	s->n_indexed = s->n_areas;
}

const stream_area *stream_area_named(stream_bench *s, const char *name_fold, stream_level level)
{
	index_areas(s);
	size_t lo = 0, hi = s->n_areas;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(s->area[s->by_fold[mid]].fold, name_fold) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < s->n_areas && strcmp(s->area[s->by_fold[lo]].fold, name_fold) == 0; lo++)
		if (level == LEVEL_ANY || s->area[s->by_fold[lo]].level == level)
			return &s->area[s->by_fold[lo]];
	return NULL;
}

const stream_area *stream_area_first(const stream_bench *s, stream_level level)
{
	for (size_t i = 0; i < s->n_areas; i++)
		if (s->area[i].level == level)
			return &s->area[i];
	return NULL;
}

const stream_area *stream_council_coded(stream_bench *s, const char *code)
{
	if (!s->code_ix_built) {
		/* the councils' 3-digit codes, in a table of 1000 */
		s->by_code = kpi_xcalloc(1000, sizeof *s->by_code);
		for (size_t i = s->n_areas; i > 0; i--) {
			const stream_area *a = &s->area[i - 1];
			if (a->level == LEVEL_COUNCIL && a->code && strlen(a->code) <= 3 &&
			    strspn(a->code, "0123456789") == strlen(a->code) && *a->code)
				s->by_code[atoi(a->code)] = i;
		}
		s->code_ix_built = 1;
	}
	if (!code || !*code || strlen(code) > 3 || strspn(code, "0123456789") != strlen(code))
		return NULL;
	size_t i = s->by_code[atoi(code)];
	return i ? &s->area[i - 1] : NULL;
}

void stream_area_names(stream_bench *s, kpi_buf *out)
{
	index_areas(s);
	kpi_name_list l = {out, 0, 0};
	const char *last = NULL;
	for (size_t k = 0; k < s->n_areas; k++) {
		const stream_area *a = &s->area[s->by_fold[k]];
		if (last && strcmp(last, a->fold) == 0)
			continue;
		last = a->fold;
		kpi_name_list_add(&l, a->name);
	}
	kpi_name_list_end(&l);
}
