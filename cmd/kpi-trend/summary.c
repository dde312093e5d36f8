/* summary.c: the fields of a series summary (see kpi-trend(1) for the
 * definitions).  Everything that depends only on the points up to a given
 * point (run, highest/lowest since) is computed once per series, so that
 * --every-period costs one pass, not one run per period. */
#include "summary.h"
#include "kpi/diag.h"
#include "kpi/numfmt.h"
#include "kpi/out.h"
#include "kpi/period.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- periods ------------------------------------------------------------- */

static void period_end(kpi_period_type type, long ord, char end[11])
{
	kpi_period p;
	char start[11];
	kpi_period_from_ordinal(type, ord, &p);
	kpi_period_bounds(&p, start, end);
}

/* TEXT as a period of TYPE: parsed as one when it is written like one, else
 * the latest period of TYPE that ends on or before TEXT's end. */
static long resolve(const char *text, kpi_period_type type, long guess)
{
	kpi_period p;
	if (kpi_period_parse_canonical(text, type, &p) == 0)
		return kpi_period_ordinal(&p);
	kpi_period q;
	char qstart[11], qend[11], e[11];
	kpi_period_parse_canonical(text, KPI_PT_NONE, &q); /* checked by the caller */
	kpi_period_bounds(&q, qstart, qend);
	long ord = guess;
	for (period_end(type, ord, e); strcmp(e, qend) > 0; period_end(type, ord, e))
		ord--;
	for (period_end(type, ord + 1, e); strcmp(e, qend) <= 0; period_end(type, ord + 1, e))
		ord++;
	return ord;
}

void trend_check_opts(const trend_opts *opt)
{
	kpi_period p;
	if (opt->as_at && kpi_period_parse_canonical(opt->as_at, KPI_PT_NONE, &p) != 0)
		kpi_usage_error("--as-at: '%s' is not a period as kpi-normalise writes them "
				"(2017-06, 2017-Q1, 2017/18-Q1, 2016/17, 2017, 2016/17-T1, 2017-W05, 2017-06-30)",
				opt->as_at);
	for (size_t i = 0; i < opt->n_rebase; i++)
		if (kpi_period_parse_canonical(opt->rebase[i], KPI_PT_NONE, &p) != 0)
			kpi_usage_error("--rebase: '%s' is not a period as kpi-normalise writes them "
					"(2017-06, 2017-Q1, 2016/17, ...)", opt->rebase[i]);
}

void trend_init(trend *t, const store *st, const trend_opts *opt)
{
	memset(t, 0, sizeof *t);
	t->st = st;
	t->opt = opt;
	kpi_spc_init(&t->spc);
	kpi_buf_init(&t->out);
	kpi_buf_init(&t->scratch);
	kpi_period p;
	for (int ty = 1; ty <= KPI_PT_DATE; ty++) {
		if (!st->has_type[ty])
			continue;
		t->has_anchor[ty] = 1;
		t->anchor[ty] = opt->as_at ? resolve(opt->as_at, (kpi_period_type)ty, st->latest[ty])
					   : st->latest[ty];
		t->rebase_ord[ty] = kpi_xmalloc((opt->n_rebase + 1) * sizeof(long));
		for (size_t i = 0; i < opt->n_rebase; i++)
			if (kpi_period_parse_canonical(opt->rebase[i], (kpi_period_type)ty, &p) == 0)
				t->rebase_ord[ty][t->n_rebase_ord[ty]++] = kpi_period_ordinal(&p);
	}
	trend_json_init(t);
}

void trend_free(trend *t)
{
	free(t->vi);
	free(t->run_dir);
	free(t->run_len);
	free(t->run_since);
	free(t->hi_since);
	free(t->lo_since);
	free(t->pv);
	free(t->stack);
	free(t->gaps);
	free(t->vals);
	free(t->rpos);
	for (int ty = 0; ty <= KPI_PT_DATE; ty++)
		free(t->rebase_ord[ty]);
	kpi_spc_free(&t->spc);
	kpi_buf_free(&t->out);
	kpi_buf_free(&t->scratch);
	kpi_buf_free(&t->status_json);
}

void trend_flush(trend *t)
{
	kpi_out_buf(&t->out);
}

/* ---- per-series precomputation -------------------------------------------- */

static void reserve(trend *t, size_t n)
{
	if (n <= t->cap)
		return;
	size_t cap = t->cap ? t->cap : 256;
	while (cap < n)
		cap *= 2;
	t->vi = kpi_xrealloc(t->vi, cap * sizeof *t->vi);
	t->run_dir = kpi_xrealloc(t->run_dir, cap * sizeof *t->run_dir);
	t->run_len = kpi_xrealloc(t->run_len, cap * sizeof *t->run_len);
	t->run_since = kpi_xrealloc(t->run_since, cap * sizeof *t->run_since);
	t->hi_since = kpi_xrealloc(t->hi_since, cap * sizeof *t->hi_since);
	t->lo_since = kpi_xrealloc(t->lo_since, cap * sizeof *t->lo_since);
	t->pv = kpi_xrealloc(t->pv, cap * sizeof *t->pv);
	t->stack = kpi_xrealloc(t->stack, cap * sizeof *t->stack);
	t->cap = cap;
}

static int sign_of(double d)
{
	return d > 0 ? 1 : d < 0 ? -1 : 0;
}

/* The value points of S in a row (t->pv, t->vi) and its gaps; returns the
 * number of value points.  Runs and highest/lowest since are runs_all's
 * or runs_at's. */
static size_t prepare(trend *t, const series *s)
{
	const store *st = t->st;
	reserve(t, s->n + 1);
	size_t nv = 0;
	double *pv = t->pv; /* the values in a row: the loops below read each several times */
	for (uint32_t i = 0; i < s->n; i++)
		if (!isnan(s->o[i].value)) {
			pv[nv] = s->o[i].value;
			t->vi[nv++] = i;
		}

	/* gaps between the first and last value: periods without an
	 * observation, or whose observation's status is "missing" or
	 * "not_available" (no figure exists; a suppressed one does) */
	t->n_gaps = 0;
	if (nv >= 2) {
		size_t need = (size_t)(s->o[t->vi[nv - 1]].ord - s->o[t->vi[0]].ord) + 1;
		t->gaps = kpi_xrealloc(t->gaps, need * sizeof *t->gaps);
		for (uint32_t i = t->vi[0]; i <= t->vi[nv - 1]; i++) {
			if (i > t->vi[0])
				for (int32_t g = s->o[i - 1].ord + 1; g < s->o[i].ord; g++)
					t->gaps[t->n_gaps++] = g;
			const char *status;
			if (isnan(s->o[i].value) && (status = store_status(st, &s->o[i])) &&
			    (strcmp(status, "missing") == 0 || strcmp(status, "not_available") == 0))
				t->gaps[t->n_gaps++] = s->o[i].ord;
		}
	}
	t->spc_k = -1;
	return nv;
}

/* The run ending at each value point of the NV (consecutive changes of
 * one sign), and the most recent earlier value above (below) each, for
 * --every-period: O(n) for the whole series with a monotonic stack (a
 * value at or below a later one can never again be the answer, so it is
 * popped). */
static void runs_all(trend *t, size_t nv)
{
	const double *pv = t->pv;
	for (size_t k = 0; k < nv; k++) {
		if (k == 0) {
			t->run_dir[k] = 0;
			t->run_len[k] = 0;
			t->run_since[k] = 0;
			continue;
		}
		int d = sign_of(pv[k] - pv[k - 1]);
		if (t->run_len[k - 1] > 0 && t->run_dir[k - 1] == d) {
			t->run_dir[k] = (int8_t)d;
			t->run_len[k] = t->run_len[k - 1] + 1;
			t->run_since[k] = t->run_since[k - 1];
		} else {
			t->run_dir[k] = (int8_t)d;
			t->run_len[k] = 1;
			t->run_since[k] = (uint32_t)(k - 1);
		}
	}
	int32_t *stack = t->stack;
	size_t top = 0;
	for (size_t k = 0; k < nv; k++) {
		double v = pv[k];
		while (top && pv[stack[top - 1]] <= v)
			top--;
		t->hi_since[k] = top ? stack[top - 1] : -1;
		stack[top++] = (int32_t)k;
	}
	top = 0;
	for (size_t k = 0; k < nv; k++) {
		double v = pv[k];
		while (top && pv[stack[top - 1]] >= v)
			top--;
		t->lo_since[k] = top ? stack[top - 1] : -1;
		stack[top++] = (int32_t)k;
	}
}

/* The same at value point K alone, for a summary as at one period (the
 * others are never read): a look back from K, which a random series ends
 * in a step or two, not the whole series' branchy stack. */
static void runs_at(trend *t, size_t k)
{
	const double *pv = t->pv;
	double v = pv[k];
	int32_t j;
	for (j = (int32_t)k - 1; j >= 0 && !(pv[j] > v); j--)
		;
	t->hi_since[k] = j;
	for (j = (int32_t)k - 1; j >= 0 && !(pv[j] < v); j--)
		;
	t->lo_since[k] = j;
	if (k == 0) {
		t->run_dir[k] = 0;
		t->run_len[k] = 0;
		t->run_since[k] = 0;
		return;
	}
	/* steps i..k (step i: from value point i - 1 to i) of one sign */
	int d = sign_of(pv[k] - pv[k - 1]);
	size_t i = k;
	while (i > 1 && sign_of(pv[i - 1] - pv[i - 2]) == d)
		i--;
	t->run_dir[k] = (int8_t)d;
	t->run_len[k] = (uint32_t)(k - i + 1);
	t->run_since[k] = (uint32_t)(i - 1);
}

/* The XmR chart of the value points 0..k (positions are periods from the first value). */
void trend_chart(trend *t, const series *s, size_t k)
{
	if ((long)k == t->spc_k)
		return;
	t->spc_k = (long)k;
	int32_t first = s->o[t->vi[0]].ord, last = s->o[t->vi[k]].ord;
	size_t n = (size_t)(last - first) + 1;
	if (n > t->vals_cap) {
		t->vals_cap = n * 2;
		t->vals = kpi_xrealloc(t->vals, t->vals_cap * sizeof *t->vals);
	}
	for (size_t i = 0; i < n; i++)
		t->vals[i] = NAN;
	size_t nr = 0, max_r = s->n + t->n_rebase_ord[s->type];
	if (max_r > t->rpos_cap) {
		t->rpos_cap = max_r * 2 + 8;
		t->rpos = kpi_xrealloc(t->rpos, t->rpos_cap * sizeof *t->rpos);
	}
	for (uint32_t i = t->vi[0]; i <= t->vi[k]; i++) {
		const obs *o = &s->o[i];
		if (!isnan(o->value))
			t->vals[o->ord - first] = o->value;
		if (o->flags & OBS_REBASE)
			t->rpos[nr++] = (size_t)(o->ord - first);
	}
	for (size_t r = 0; r < t->n_rebase_ord[s->type]; r++) {
		long ord = store_series_ord(s, t->rebase_ord[s->type][r], 1);
		if (ord > first && ord <= last)
			t->rpos[nr++] = (size_t)(ord - first);
	}
	kpi_polarity pol = KPI_POL_NEUTRAL;
	if (s->polarity) {
		size_t len;
		const char *raw = store_str(t->st, s->polarity, &len);
		char name[32];
		if (len >= 2 && len - 2 < sizeof name && raw[0] == '"') {
			memcpy(name, raw + 1, len - 2);
			name[len - 2] = '\0';
			kpi_polarity_parse(name, &pol);
		}
	}
	kpi_spc_run(&t->spc, t->vals, n, pol, &t->opt->spc, t->rpos, nr);
}

void trend_series(trend *t, const series *s)
{
	if (!s->n || !t->has_anchor[s->type])
		return;
	long last = store_series_ord(s, t->anchor[s->type], 0);
	long first = t->opt->every_period ? s->o[0].ord : last;
	if (last < s->o[0].ord)
		return; /* nothing at or before the as-at period */
	if (first < s->o[0].ord)
		first = s->o[0].ord;
	size_t nv_all = prepare(t, s);
	if (t->opt->every_period)
		runs_all(t, nv_all);
	uint32_t m = 0;
	size_t nv = 0;
	for (long a = first; a <= last; a++) {
		while (m < s->n && s->o[m].ord <= a)
			m++;
		while (nv < nv_all && t->vi[nv] < m)
			nv++;
		if (!t->opt->every_period && nv)
			runs_at(t, nv - 1);
		trend_write(t, s, a, m, nv);
	}
}
