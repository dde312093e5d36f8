/* store_finish.c: each series sorted by period, duplicates merged or
 * rejected, later releases kept as revisions (see store.h: store_finish). */
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

typedef struct {
	int32_t ord;
	uint32_t idx;
	uint16_t released;
} ord_idx;

/* by period, then release (undated first), then input order */
static int cmp_ord_idx(const void *a, const void *b)
{
	const ord_idx *x = a, *y = b;
	if (x->ord != y->ord)
		return x->ord < y->ord ? -1 : 1;
	if (x->released != y->released)
		return x->released < y->released ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int same_number(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

/* Counts agree when equal or when one record does not give one (a file that
 * gives a percentage alone, another with its count). */
static int counts_agree(double a, double b)
{
	return isnan(a) || isnan(b) || a == b;
}

/* Same value and status, and numerator and denominator where both give
 * them (sources and other fields may differ). */
static int same_numbers(const store *st, const obs *a, const obs *b)
{
	return same_number(a->value, b->value) && counts_agree(store_num(st, a), store_num(st, b))
	       && counts_agree(store_den(st, a), store_den(st, b)) && a->status == b->status;
}

/* KEPT, merged with an agreeing duplicate D: the counts only D gives. */
static void take_counts(store *st, obs *kept, const obs *d)
{
	double num = store_num(st, kept), den = store_den(st, kept);
	if (isnan(num))
		num = store_num(st, d);
	if (isnan(den))
		den = store_den(st, d);
	set_counts(st, kept, num, den);
}

/* A date series all of whose points fall on one day of the year is annual:
 * its ordinals become years (the window, gaps, year ago and --every-period
 * then count years, not days). */
static void annual_snapshot(series *s)
{
	kpi_period p;
	int month = 0, day = 0;
	for (uint32_t k = 0; k < s->n; k++) {
		kpi_period_from_ordinal(KPI_PT_DATE, s->o[k].ord, &p);
		if (k && (p.sub != month || p.day != day))
			return;
		month = p.sub;
		day = p.day;
	}
	if (!s->n || (month == 2 && day == 29))
		return;
	for (uint32_t k = 0; k < s->n; k++) {
		kpi_period_from_ordinal(KPI_PT_DATE, s->o[k].ord, &p);
		s->o[k].ord = p.year;
	}
	for (uint32_t k = 0; k < s->nrev; k++) { /* revisions are of those points: the same day */
		kpi_period_from_ordinal(KPI_PT_DATE, s->rev[k].ord, &p);
		s->rev[k].ord = p.year;
	}
	s->snap_month = month;
	s->snap_day = day;
}

static void add_revision(series *s, const obs *o)
{
	if ((s->nrev & (s->nrev - 1)) == 0) /* 0, 1, 2, 4, ...: grow by doubling */
		s->rev = kpi_xrealloc(s->rev, (s->nrev ? 2 * (size_t)s->nrev : 1) * sizeof *s->rev);
	s->rev[s->nrev++] = *o;
}

void store_finish(store *st)
{
	if (st->known_at) /* the latest period as known then */
		memset(st->has_type, 0, sizeof st->has_type);
	for (size_t i = 0; i < st->n; i++) {
		series *s = &st->s[i];
		uint32_t k, sorted = 1;
		for (k = 1; k < s->n && sorted; k++)
			sorted = s->o[k - 1].ord < s->o[k].ord
				 || (s->o[k - 1].ord == s->o[k].ord && s->o[k - 1].released <= s->o[k].released);
		if (!sorted) {
			/* by period, release, then input order (so the later of two duplicates is rejected) */
			ord_idx *t = kpi_xmalloc(s->n * sizeof *t);
			for (k = 0; k < s->n; k++)
				t[k] = (ord_idx){s->o[k].ord, k, s->o[k].released};
			qsort(t, s->n, sizeof *t, cmp_ord_idx);
			obs *o = kpi_xmalloc((size_t)s->n * sizeof *o);
			for (k = 0; k < s->n; k++)
				o[k] = s->o[t[k].idx];
			memcpy(s->o, o, (size_t)s->n * sizeof *o);
			free(o);
			free(t);
		}
		uint32_t w = 0;
		for (k = 0; k < s->n; k++) {
			if (st->known_at && s->o[k].released > st->known_at)
				continue; /* not yet published as known at --as-known-at */
			if (w && s->o[w - 1].ord == s->o[k].ord && s->o[w - 1].released != s->o[k].released) {
				/* a later release of the point: the earlier one is a revision
				 * when the figure changed, else the later one confirms it */
				if (!same_numbers(st, &s->o[w - 1], &s->o[k]))
					add_revision(s, &s->o[w - 1]);
				s->o[w - 1] = s->o[k];
				continue;
			}
			if (w && s->o[w - 1].ord == s->o[k].ord && same_numbers(st, &s->o[w - 1], &s->o[k])) {
				/* an agreeing duplicate: merged into the first */
				take_counts(st, &s->o[w - 1], &s->o[k]);
				continue;
			}
			if (w && s->o[w - 1].ord == s->o[k].ord) {
				kpi_period p;
				char text[KPI_PERIOD_BUFSZ];
				kpi_period_from_ordinal(s->type, s->o[k].ord, &p);
				kpi_period_format(&p, text);
				kpi_buf d = KPI_BUF_INIT, s1 = KPI_BUF_INIT, s2 = KPI_BUF_INIT;
				describe(st, s, &d);
				reject(st, store_source(st, &s->o[k], &s1), NULL, 0,
				       "duplicate observation for period %s in series %s (also at %s)", text,
				       kpi_buf_str(&d), store_source(st, &s->o[w - 1], &s2));
				kpi_buf_free(&d);
				kpi_buf_free(&s1);
				kpi_buf_free(&s2);
				continue;
			}
			s->o[w++] = s->o[k];
		}
		s->n = w;
		if (st->known_at && w) {
			int pt = s->type;
			if (!st->has_type[pt] || s->o[w - 1].ord > st->latest[pt])
				st->latest[pt] = s->o[w - 1].ord;
			st->has_type[pt] = 1;
		}
		if (s->type == KPI_PT_DATE)
			annual_snapshot(s);
	}
}
