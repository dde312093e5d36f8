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
	kpi_jw_init(&t->w, &t->out);
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
	free(t->gaps);
	free(t->vals);
	free(t->rpos);
	for (int ty = 0; ty <= KPI_PT_DATE; ty++)
		free(t->rebase_ord[ty]);
	kpi_spc_free(&t->spc);
	kpi_buf_free(&t->out);
	kpi_buf_free(&t->scratch);
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
	t->cap = cap;
}

static int sign_of(double d)
{
	return d > 0 ? 1 : d < 0 ? -1 : 0;
}

/* Value points, runs, highest/lowest since and gaps of the whole series;
 * returns the number of value points. */
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

	/* run ending at each value point: consecutive changes of one sign */
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

	/* the most recent earlier value above (below) each value, with a
	 * monotonic stack: a value at or below a later one can never again be
	 * the answer, so it is popped; O(n) for the whole series */
	int32_t *stack = kpi_xmalloc((nv + 1) * sizeof *stack);
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
	free(stack);

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

/* The XmR chart of the value points 0..k (positions are periods from the first value). */
static void chart(trend *t, const series *s, size_t k)
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

/* ---- writing -------------------------------------------------------------- */

/* The text of the numbers written last, by their bits: a series' history
 * writes some 400 numbers, and the values, counts and periods of a run
 * repeat (a thousand distinct values in the bench's 1M points), while
 * kpi_fmt_double's shortest round trip costs some 600 instructions. */
enum { NUM_MEMO = 4096 };
static struct {
	uint64_t bits;
	unsigned char len;  /* 0: empty */
	char text[KPI_NUM_BUFSZ];
} num_memo[NUM_MEMO];

static void num_or_null(kpi_jw *w, const char *key, double v)
{
	if (!isfinite(v)) {
		kpi_jw_knull(w, key);
		return;
	}
	uint64_t bits;
	memcpy(&bits, &v, sizeof bits);
	uint64_t h = bits * 0x9E3779B97F4A7C15ull;
	size_t slot = (size_t)(h >> 52) & (NUM_MEMO - 1);
	if (num_memo[slot].len && num_memo[slot].bits == bits) {
		kpi_jw_key(w, key);
		kpi_jw_raw(w, num_memo[slot].text, num_memo[slot].len);
		return;
	}
	char text[KPI_NUM_BUFSZ];
	int n = kpi_fmt_double(text, v);
	if (n <= 0 || n > 255) { /* not expected of a finite number: the writer says */
		kpi_jw_knum(w, key, v);
		return;
	}
	num_memo[slot].bits = bits;
	num_memo[slot].len = (unsigned char)n;
	memcpy(num_memo[slot].text, text, (size_t)n);
	kpi_jw_key(w, key);
	kpi_jw_raw(w, text, (size_t)n);
}

static void raw_field(trend *t, const char *key, uint32_t id)
{
	if (!id)
		return;
	size_t len;
	const char *raw = store_str(t->st, id, &len);
	kpi_jw_key(&t->w, key);
	kpi_jw_raw(&t->w, raw, len);
}

static void label_field(trend *t, const char *key, uint32_t id)
{
	if (!id)
		return;
	kpi_jw_key(&t->w, key);
	if (id == AREA_NULL) {
		kpi_jw_null(&t->w);
	} else {
		size_t len;
		const char *s = store_str(t->st, id, &len);
		kpi_jw_stringn(&t->w, s, len);
	}
}

static int raw_is(trend *t, uint32_t id, const char *quoted)
{
	if (!id)
		return 0;
	size_t len;
	const char *raw = store_str(t->st, id, &len);
	return len == strlen(quoted) && memcmp(raw, quoted, len) == 0;
}

/* The release of O ("released", when dated) and the earlier releases of its
 * figure ("revisions", when there are any: contract §4a). */
static void write_release(trend *t, const series *s, const obs *o)
{
	kpi_jw *w = &t->w;
	char day[11];
	if (o->released)
		kpi_jw_kstr(w, "released", store_release_text(o->released, day));
	uint32_t n = 0;
	const obs *r = s->nrev ? store_revisions(s, o->ord, &n) : NULL;
	if (!n)
		return;
	kpi_jw_key(w, "revisions");
	kpi_jw_begin_array(w);
	for (uint32_t i = 0; i < n; i++) {
		kpi_jw_begin_object(w);
		num_or_null(w, "value", r[i].value);
		kpi_jw_kstr(w, "released", r[i].released ? store_release_text(r[i].released, day) : NULL);
		kpi_jw_kstr(w, "source", store_source(t->st, &r[i], &t->scratch));
		kpi_jw_end_object(w);
	}
	kpi_jw_end_array(w);
}

/* {period, value, numerator, denominator} */
static void point(trend *t, const series *s, const char *key, const obs *o)
{
	char pb[KPI_PERIOD_BUFSZ];
	kpi_jw *w = &t->w;
	kpi_jw_key(w, key);
	if (!o) {
		kpi_jw_null(w);
		return;
	}
	kpi_jw_begin_object(w);
	kpi_jw_kstr(w, "period", store_period_text(s, o->ord, pb));
	num_or_null(w, "value", o->value);
	num_or_null(w, "numerator", store_num(t->st, o));
	num_or_null(w, "denominator", store_den(t->st, o));
	kpi_jw_end_object(w);
}

static void write_window(trend *t, const series *s, long anchor, uint32_t m, const obs *latest)
{
	kpi_jw *w = &t->w;
	char pb[KPI_PERIOD_BUFSZ];
	long from = anchor - t->opt->window; /* the window is (from, anchor] */
	uint32_t a = m;
	while (a > 0 && s->o[a - 1].ord > from)
		a--;
	size_t points = 0, n_num = 0, n_den = 0;
	double sum = 0, num_sum = 0, den_sum = 0;
	const obs *hi = NULL, *lo = NULL;
	for (uint32_t i = a; i < m; i++) {
		const obs *o = &s->o[i];
		if (isnan(o->value))
			continue;
		points++;
		sum += o->value;
		double num = store_num(t->st, o), den = store_den(t->st, o);
		if (!isnan(num)) {
			num_sum += num;
			n_num++;
		}
		if (!isnan(den)) {
			den_sum += den;
			n_den++;
		}
		/* ties: the later period is the high (low) */
		if (!hi || o->value >= hi->value)
			hi = o;
		if (!lo || o->value <= lo->value)
			lo = o;
	}
	int in_window = latest && !isnan(latest->value) && latest->ord > from;
	kpi_jw_key(w, "window");
	kpi_jw_begin_object(w);
	kpi_jw_knum(w, "length", (double)t->opt->window);
	kpi_jw_kstr(w, "from", store_period_text(s, from + 1, pb));
	kpi_jw_kstr(w, "to", store_period_text(s, anchor, pb));
	kpi_jw_knum(w, "points", (double)points);
	const obs *ends[2] = {hi, lo};
	const char *names[2] = {"high", "low"};
	for (int e = 0; e < 2; e++) {
		kpi_jw_key(w, names[e]);
		if (!ends[e]) {
			kpi_jw_null(w);
			continue;
		}
		kpi_jw_begin_object(w);
		num_or_null(w, "value", ends[e]->value);
		kpi_jw_kstr(w, "period", store_period_text(s, ends[e]->ord, pb));
		kpi_jw_end_object(w);
	}
	num_or_null(w, "mean", points ? sum / (double)points : NAN);
	num_or_null(w, "numerator_sum", n_num ? num_sum : NAN);
	num_or_null(w, "denominator_sum", n_den ? den_sum : NAN);
	kpi_jw_kbool(w, "is_high", in_window && hi && latest->value >= hi->value);
	kpi_jw_kbool(w, "is_low", in_window && lo && latest->value <= lo->value);
	kpi_jw_end_object(w);
}

static double clip(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static void write_spc(trend *t, const series *s, size_t nv_here)
{
	kpi_jw *w = &t->w;
	char pb[KPI_PERIOD_BUFSZ];
	if (nv_here) {
		chart(t, s, nv_here - 1);
	} else {
		kpi_spc_run(&t->spc, NULL, 0, KPI_POL_NEUTRAL, &t->opt->spc, NULL, 0);
		t->spc_k = -1;
	}
	const kpi_spc_segment *g = kpi_spc_last(&t->spc);
	int32_t first = nv_here ? s->o[t->vi[0]].ord : 0;
	/* limits clipped to what the unit allows; the raw ones too */
	double lo = -INFINITY, hi = INFINITY;
	if (raw_is(t, s->unit, "\"percent\"")) {
		lo = 0;
		hi = 100;
	} else if (raw_is(t, s->unit, "\"count\"") || raw_is(t, s->unit, "\"rate_per_10k\"")
		   || raw_is(t, s->unit, "\"rate_per_100k\"")) {
		lo = 0;
	}
	kpi_jw_key(w, "spc");
	kpi_jw_begin_object(w);
	kpi_jw_knum(w, "points", (double)g->n_points);
	if (g->ok) {
		num_or_null(w, "mean", g->mean);
		num_or_null(w, "avg_mr", g->avg_mr);
		num_or_null(w, "ucl", clip(g->ucl, lo, hi));
		num_or_null(w, "lcl", clip(g->lcl, lo, hi));
		num_or_null(w, "upper_2s", clip(g->upper_2s, lo, hi));
		num_or_null(w, "lower_2s", clip(g->lower_2s, lo, hi));
		num_or_null(w, "ucl_raw", g->ucl);
		num_or_null(w, "lcl_raw", g->lcl);
	} else {
		static const char *const nulls[] = {"mean", "avg_mr", "ucl", "lcl", "upper_2s",
						    "lower_2s", "ucl_raw", "lcl_raw"};
		for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
			kpi_jw_knull(w, nulls[i]);
	}
	if (nv_here)
		kpi_jw_kstr(w, "segment_start", store_period_text(s, first + (long)g->start, pb));
	else
		kpi_jw_knull(w, "segment_start");
	kpi_jw_key(w, "signals");
	kpi_jw_begin_array(w);
	for (size_t i = 0; i < t->spc.n_sig; i++) {
		const kpi_spc_signal *sg = &t->spc.sig[i];
		kpi_jw_begin_object(w);
		kpi_jw_kstr(w, "period", store_period_text(s, first + (long)sg->index, pb));
		kpi_jw_kstr(w, "rule", kpi_spc_rule_name(sg->rule));
		kpi_jw_kstr(w, "direction", sg->direction > 0 ? "high" : "low");
		kpi_jw_kstr(w, "class", kpi_spc_class_name(sg->cls));
		kpi_jw_end_object(w);
	}
	kpi_jw_end_array(w);
	kpi_jw_kstr(w, "variation", kpi_spc_variation(&t->spc));
	kpi_jw_kstr(w, "status", g->ok ? "ok" : g->overflow ? "overflow" : "insufficient_data");
	kpi_jw_end_object(w);
}

/* One summary as at ANCHOR: M observations and NV value points are at or before it. */
static void summary(trend *t, const series *s, long anchor, uint32_t m, size_t nv)
{
	const store *st = t->st;
	kpi_jw *w = &t->w;
	char pb[KPI_PERIOD_BUFSZ];
	const obs *latest = nv ? &s->o[t->vi[nv - 1]] : &s->o[m - 1];
	const obs *prev = nv >= 2 ? &s->o[t->vi[nv - 2]] : NULL;

	kpi_jw_begin_object(w);
	size_t len;
	const char *ind = store_str(st, s->indicator, &len);
	kpi_jw_key(w, "indicator");
	kpi_jw_stringn(w, ind, len);
	raw_field(t, "name", s->name);
	raw_field(t, "section", s->section);
	raw_field(t, "unit", s->unit);
	raw_field(t, "polarity", s->polarity);
	raw_field(t, "order", s->order);
	label_field(t, "area", s->area);
	raw_field(t, "breakdown", s->breakdown_raw);
	kpi_jw_kstr(w, "period", store_period_text(s, latest->ord, pb));
	kpi_jw_kstr(w, "period_type", kpi_period_type_name(s->type));
	num_or_null(w, "value", latest->value);
	num_or_null(w, "numerator", store_num(st, latest));
	num_or_null(w, "denominator", store_den(st, latest));
	kpi_jw_kstr(w, "status", store_status(st, latest));
	if (latest->flags & OBS_HAS_SOURCE)
		kpi_jw_kstr(w, "source", store_source(st, latest, &t->scratch));
	write_release(t, s, latest);
	for (uint32_t i = 0, n = store_pass_count(st, latest); i < n; i++) {
		const char *key, *raw;
		size_t klen, rlen;
		char text[STORE_PASS_BUFSZ];
		store_pass_field(st, s, latest, i, &key, &klen, &raw, &rlen, text);
		kpi_jw_keyn(w, key, klen);
		kpi_jw_raw(w, raw, rlen);
	}

	kpi_jw_kstr(w, "as_at", store_period_text(s, anchor, pb));
	if (nv)
		kpi_jw_knum(w, "stale", (double)(anchor - latest->ord));
	else
		kpi_jw_knull(w, "stale");
	point(t, s, "previous", prev);
	double change = prev ? kpi_decimal_sub(latest->value, prev->value) : NAN; /* 0.3, not 0.30000000000000426 */
	num_or_null(w, "change", change);
	num_or_null(w, "change_pct", prev && prev->value != 0 ? change / fabs(prev->value) * 100 : NAN);

	const obs *year_ago = NULL;
	if (nv) {
		/* binary search for the period one year before the latest */
		long want = latest->ord - (s->snap_month ? 1 : kpi_period_per_year(s->type));
		uint32_t a = store_lower_bound(s->o, m, want);
		if (a < m && s->o[a].ord == want && !isnan(s->o[a].value))
			year_ago = &s->o[a];
	}
	point(t, s, "year_ago", year_ago);
	write_window(t, s, anchor, m, nv ? latest : NULL);

	size_t k = nv ? nv - 1 : 0;
	if (nv && t->hi_since[k] >= 0)
		kpi_jw_kstr(w, "highest_since", store_period_text(s, s->o[t->vi[t->hi_since[k]]].ord, pb));
	else
		kpi_jw_knull(w, "highest_since");
	if (nv && t->lo_since[k] >= 0)
		kpi_jw_kstr(w, "lowest_since", store_period_text(s, s->o[t->vi[t->lo_since[k]]].ord, pb));
	else
		kpi_jw_knull(w, "lowest_since");

	kpi_jw_key(w, "run");
	if (nv) {
		static const char *const dirs[3] = {"down", "flat", "up"};
		kpi_jw_begin_object(w);
		kpi_jw_kstr(w, "direction", dirs[t->run_dir[k] + 1]);
		kpi_jw_knum(w, "length", (double)t->run_len[k]);
		kpi_jw_kstr(w, "since", store_period_text(s, s->o[t->vi[t->run_since[k]]].ord, pb));
		kpi_jw_end_object(w);
	} else {
		kpi_jw_null(w);
	}
	if (nv)
		kpi_jw_kstr(w, "first_period", store_period_text(s, s->o[t->vi[0]].ord, pb));
	else
		kpi_jw_knull(w, "first_period");

	kpi_jw_key(w, "gaps");
	kpi_jw_begin_array(w);
	for (size_t g = 0; nv && g < t->n_gaps && t->gaps[g] < latest->ord; g++)
		kpi_jw_string(w, store_period_text(s, t->gaps[g], pb));
	kpi_jw_end_array(w);

	kpi_jw_key(w, "history");
	kpi_jw_begin_array(w);
	uint32_t h0 = m > (uint32_t)t->opt->history ? m - (uint32_t)t->opt->history : 0;
	for (uint32_t i = h0; i < m; i++) {
		const obs *o = &s->o[i];
		kpi_jw_begin_object(w);
		kpi_jw_kstr(w, "period", store_period_text(s, o->ord, pb));
		num_or_null(w, "value", o->value);
		num_or_null(w, "numerator", store_num(t->st, o));
		num_or_null(w, "denominator", store_den(t->st, o));
		kpi_jw_kstr(w, "status", store_status(st, o));
		write_release(t, s, o);
		kpi_jw_end_object(w);
	}
	kpi_jw_end_array(w);

	write_spc(t, s, nv);
	kpi_jw_end_object(w);
	kpi_jw_newline(w);
	t->written++;
	if (t->out.len >= 1 << 16)
		kpi_out_buf(&t->out);
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
	uint32_t m = 0;
	size_t nv = 0;
	for (long a = first; a <= last; a++) {
		while (m < s->n && s->o[m].ord <= a)
			m++;
		while (nv < nv_all && t->vi[nv] < m)
			nv++;
		summary(t, s, a, m, nv);
	}
}
