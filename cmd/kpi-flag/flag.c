/* flag.c: targets, benchmark, interval, assurance and judgement for one
 * series summary (flag_compute); write.c writes the judged record it
 * becomes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "flag.h"
#include "kpi/breakdown.h"
#include "kpi/json_write.h"
#include "kpi/names.h"
#include "kpi/numfmt.h"
#include "kpi/record_keys.h"
#include "kpi/spc.h"

int fold_eq(const char *a, const char *b)
{
	return kpi_fold_eq(a, b);
}

/* Scratch records for the nested parts of a summary, reused from line to
 * line (each keeps the keys of its kind, so it parses on the fast path):
 * the objects, one record per SPC signal, and two history points.  The
 * nested parts were validated with the line, so they are read without
 * being checked again (kpi_keyed_nested). */
static kpi_keyed scratch_obj[5], scratch_pt[2];
static kpi_record *scratch_sig;
static size_t cap_sig;
static int scratch_ready;
/* the breakdown's identity and the words a reader sees (lib/breakdown.c) */
static kpi_buf scratch_bd_key, scratch_bd_label;

static void scratch_init(void)
{
	if (scratch_ready)
		return;
	for (size_t i = 0; i < sizeof scratch_obj / sizeof *scratch_obj; i++)
		kpi_keyed_init(&scratch_obj[i], NULL, 0);
	for (size_t i = 0; i < sizeof scratch_pt / sizeof *scratch_pt; i++)
		kpi_keyed_init(&scratch_pt[i], NULL, 0);
	scratch_ready = 1;
}

void flag_scratch_free(void)
{
	if (scratch_ready) {
		for (size_t i = 0; i < sizeof scratch_obj / sizeof *scratch_obj; i++)
			kpi_keyed_free(&scratch_obj[i]);
		for (size_t i = 0; i < sizeof scratch_pt / sizeof *scratch_pt; i++)
			kpi_keyed_free(&scratch_pt[i]);
		scratch_ready = 0;
	}
	for (size_t i = 0; i < cap_sig; i++)
		kpi_record_free(&scratch_sig[i]);
	free(scratch_sig);
	kpi_buf_free(&scratch_bd_key);
	kpi_buf_free(&scratch_bd_label);
	scratch_sig = NULL;
	cap_sig = 0;
}

/* The elements of the array KEY of R, each parsed into (*pool)[i] (an
 * element that is not an object becomes an empty record). */
static size_t parse_points(const kpi_record *r, const char *key, kpi_record **pool, size_t *cap)
{
	kpi_elems it;
	const char *e;
	size_t len, n = 0;
	kpi_elems_start(&it, r, key);
	while (kpi_elems_next(&it, &e, &len)) {
		if (n == *cap) {
			size_t grown = *cap ? 2 * *cap : 64;
			*pool = kpi_xrealloc(*pool, grown * sizeof **pool);
			for (size_t i = *cap; i < grown; i++)
				kpi_record_init(&(*pool)[i]);
			*cap = grown;
		}
		if (!kpi_record_parse_object(&(*pool)[n], e, len))
			(*pool)[n].n = 0;
		n++;
	}
	return n;
}

static const kpi_record *nested(kpi_keyed *into, const kpi_record *rec, const char *key)
{
	return kpi_keyed_object(into, kpi_record_get(rec, key));
}

/* spc.signals is read when spc has no variation (the judgement reads the
 * latest's signal then) and for --explain (EXPLAIN: it names the rule). */
static void make_view(flag_view *v, const kpi_record *rec, int explain)
{
	scratch_init();
	v->rec = rec;
	v->spc = nested(&scratch_obj[0], rec, "spc");
	v->window = nested(&scratch_obj[1], rec, "window");
	v->run = nested(&scratch_obj[2], rec, "run");
	v->previous = nested(&scratch_obj[3], rec, "previous");
	v->year_ago = nested(&scratch_obj[4], rec, "year_ago");
	int signals = explain || !kpi_record_str(v->spc, "variation");
	v->n_signals = v->spc && signals ? parse_points(v->spc, "signals", &scratch_sig, &cap_sig) : 0;
	v->signals = scratch_sig;
}

/* The history's points from the last (hist_start, then hist_prev): each
 * into one of two scratch records in turn, so the last two stay readable.
 * A point that is not an object reads as empty; NULL after the first. */
typedef struct {
	kpi_elems it;
	int turn;
} hist_walk;

static void hist_start(hist_walk *w, const flag_result *r)
{
	kpi_elems_start(&w->it, r->v.rec, "history");
	w->turn = 0;
}

static const kpi_record *hist_prev(hist_walk *w)
{
	const char *e;
	size_t n;
	if (!kpi_elems_prev(&w->it, &e, &n))
		return NULL;
	kpi_keyed *k = &scratch_pt[w->turn];
	w->turn ^= 1;
	if (!kpi_keyed_nested(k, e, n))
		k->rec.n = 0;
	return &k->rec;
}

/* a number, null or absent; anything else is bad */
static int opt_num(const kpi_record *o, const char *key, int *has, double *v, char *err, size_t errsz)
{
	const kpi_field *f = kpi_record_get(o, key);
	*has = 0;
	if (!f || f->type == KPI_JT_NULL)
		return 0;
	if (f->type != KPI_JT_NUMBER) {
		snprintf(err, errsz, "%s is not a number or null", key);
		return -1;
	}
	*has = 1;
	*v = f->num;
	return 0;
}

/* a canonical period field; 0 absent, 1 parsed, -1 bad */
static int opt_period(const kpi_record *o, const char *key, kpi_period_type t, kpi_period *p,
		      char *err, size_t errsz)
{
	const kpi_field *f = kpi_record_get(o, key);
	if (!f || f->type == KPI_JT_NULL)
		return 0;
	if (f->type != KPI_JT_STRING) {
		snprintf(err, errsz, "%s is not a string", key);
		return -1;
	}
	if (kpi_period_parse_canonical(f->str, t, p) != 0) {
		snprintf(err, errsz, "%s '%.60s' is not a canonical period (2024-03, 2023/24, 2024-Q1, ...)",
			 key, f->str);
		return -1;
	}
	return 1;
}

static double tolerance_of(const flag_ctx *ctx, const kpi_target *t, int percent)
{
	double tol = 5, tv = fabs(t->value);
	int rel = !percent;
	if (t->has_tolerance) {
		tol = t->tolerance;
		rel = t->tolerance_pct && !percent;
	} else if (ctx->has_tolerance) {
		tol = ctx->tolerance;
		rel = ctx->tolerance_pct && !percent;
	}
	return rel ? tv * tol / 100 : tol;
}

/* The numerator that would just meet TARGET % at denominator DEN: lower is
 * better, the largest; higher is better, the smallest.  -1 when none can. */
static long long needed_numerator(double target, double den, kpi_polarity pol)
{
	if (!(den > 0) || den != floor(den) || den > 1e15)
		return -1;
	long long d = (long long)den;
	double guess = target * den / 100;
	long long k = guess < 0 ? 0 : guess > den ? d : (long long)floor(guess);
	if (pol == KPI_POL_LOWER) {
		while (k + 1 <= d && 100.0 * (double)(k + 1) / den <= target)
			k++;
		while (k >= 0 && 100.0 * (double)k / den > target)
			k--;
		return k;
	}
	while (k - 1 >= 0 && 100.0 * (double)(k - 1) / den >= target)
		k--;
	while (k <= d && 100.0 * (double)k / den < target)
		k++;
	return k <= d ? k : -1;
}

static void do_targets(const flag_ctx *ctx, flag_result *r)
{
	r->in_force = -1;
	if (!ctx->targets)
		return;
	kpi_targets_find(ctx->targets, r->indicator, r->area, &r->tset);
	if (!r->tset.n)
		return;
	r->in_force = r->has_as_at ? kpi_target_in_force(&r->tset, &r->as_at) : (long)r->tset.n - 1;
	const kpi_target *t = r->tset.row[r->in_force];
	int percent = r->unit && strcmp(r->unit, "percent") == 0;
	if (r->has_value) {
		r->has_gap = 1;
		r->gap = r->value - t->value;
	}
	if (r->has_value && r->pol != KPI_POL_NEUTRAL) {
		r->has_met = 1;
		r->met = r->pol == KPI_POL_HIGHER ? r->value >= t->value : r->value <= t->value;
		if (r->met)
			r->rag = "green";
		else
			r->rag = fabs(r->gap) <= tolerance_of(ctx, t, percent) ? "amber" : "red";
	}
	double den;
	if (percent && r->pol != KPI_POL_NEUTRAL && kpi_record_num(r->v.rec, "denominator", &den)) {
		long long k = needed_numerator(t->value, den, r->pol);
		if (k >= 0) {
			r->has_needed = 1;
			r->needed = k;
		}
	}
	/* due now or in the next period (or already passed) */
	if (t->has_due && r->has_as_at) {
		kpi_period next;
		char start[11], end[11];
		kpi_period_from_ordinal(r->as_at.type, kpi_period_ordinal(&r->as_at) + 1, &next);
		kpi_period_bounds(&next, start, end);
		r->due_soon = strcmp(t->due_end, end) <= 0;
	}
}

/* 1 when the series' last point, after its latest value, is suppressed (c):
 * kpi-trend's latest is then an older figure the council is not judged on. */
static int suppressed_latest(const flag_result *r)
{
	if (!r->has_period)
		return 0;
	hist_walk w;
	hist_start(&w, r);
	const kpi_record *last = hist_prev(&w);
	if (!last)
		return 0;
	const char *st = kpi_record_str(last, "status"), *p = kpi_record_str(last, "period");
	kpi_period lp;
	return st && strcmp(st, "suppressed") == 0 && p &&
	       kpi_period_parse_canonical(p, r->ptype, &lp) == 0 && kpi_period_cmp(&lp, &r->period) > 0;
}

int flag_comparable(const flag_result *r)
{
	const kpi_field *f = kpi_record_get(r->v.rec, "comparable");
	if (f && (f->type == KPI_JT_TRUE || f->type == KPI_JT_FALSE))
		return f->type == KPI_JT_TRUE;
	return r->unit && strcmp(r->unit, "count") != 0 && strcmp(r->unit, "currency") != 0;
}

static void do_benchmark(const flag_ctx *ctx, flag_result *r)
{
	flag_bench *b = &r->bench;
	memset(b, 0, sizeof *b);
	if (!r->has_as_at || (ctx->bench_area && fold_eq(r->area, ctx->bench_area)))
		return;
	/* the benchmark of the council's own period, or the latest before it:
	 * a series that ended is not set against a later year's figure */
	const kpi_period *at = r->has_period && kpi_period_cmp(&r->period, &r->as_at) < 0 ? &r->period
											: &r->as_at;
	if (ctx->bench_file) {
		const kpi_benchmark *e = kpi_benchmarks_find(ctx->bench_file, r->indicator, r->breakdown_key,
							     ctx->bench_area, at);
		if (!e || fold_eq(e->area, r->area))
			return;
		b->found = 1;
		b->area = e->area;
		memcpy(b->period, e->period_text, sizeof b->period);
		b->value = e->value;
		b->has_lower = e->has_lower;
		b->lower = e->lower;
		b->has_upper = e->has_upper;
		b->upper = e->upper;
		b->source = e->source;
	} else if (ctx->stream && ctx->bench_area) {
		if (!stream_bench_find(ctx->stream, r->indicator, r->breakdown_key, ctx->bench_area, at, b))
			return;
	} else {
		return;
	}
	/* a council's count is never judged against England's total (issue 15) */
	if (!flag_comparable(r))
		return;
	b->cmp = kpi_benchmark_compare(r->pol, r->has_value, r->has_interval, r->iv.lower,
				       r->iv.upper, 1, b->value);
}

static void do_assurance(flag_result *r)
{
	const kpi_record *spc = r->v.spc;
	const char *status = kpi_record_str(spc, "status");
	double ucl, lcl;
	if (r->in_force < 0 || r->pol == KPI_POL_NEUTRAL || !spc || !status ||
	    strcmp(status, "ok") != 0)
		return;
	/* A.8 uses the unclipped limits: kpi-trend reports them as ucl_raw/lcl_raw when it clips */
	if (!kpi_record_num(spc, "ucl_raw", &ucl) && !kpi_record_num(spc, "ucl", &ucl))
		return;
	if (!kpi_record_num(spc, "lcl_raw", &lcl) && !kpi_record_num(spc, "lcl", &lcl))
		return;
	r->assurance = kpi_spc_assurance(r->tset.row[r->in_force]->value, r->pol, ucl, lcl);
}

/* The run of changes that ends at the point before the latest, from history:
 * read from the last point back, to the last that is the latest's period,
 * then back while the run goes on (the points before it are not read). */
static void prior_run(flag_result *r, const char *first_period)
{
	const char *latest = kpi_record_str(r->v.rec, "period");
	hist_walk w;
	hist_start(&w, r);
	const kpi_record *at = NULL;
	if (latest)
		while ((at = hist_prev(&w)) != NULL) {
			const char *p = kpi_record_str(at, "period");
			if (p && strcmp(p, latest) == 0)
				break;
		}
	/* k is the point before the latest's, j the one before k */
	const kpi_record *k = at ? hist_prev(&w) : NULL, *j = k ? hist_prev(&w) : NULL, *start = NULL;
	double a, b;
	int dir = 0, len = 0;
	while (j && kpi_record_num(k, "value", &a) && kpi_record_num(j, "value", &b)) {
		int s = a > b ? 1 : a < b ? -1 : 0;
		if (s == 0 || (dir && s != dir))
			break;
		dir = s;
		len++;
		start = j;
		k = j;
		j = hist_prev(&w);
	}
	r->in.prior_dir = dir;
	r->in.prior_length = len;
	const char *sp = len ? kpi_record_str(start, "period") : NULL;
	r->in.prior_from_first = sp && first_period && strcmp(sp, first_period) == 0;
}

/* Points with a value among the last W periods, from history; -1 without history. */
static int window_points(const flag_result *r, int w)
{
	if (kpi_record_type(r->v.rec, "history") != KPI_JT_ARRAY || !r->has_period)
		return -1;
	long last = kpi_period_ordinal(&r->period);
	int count = 0;
	hist_walk hw;
	hist_start(&hw, r);
	for (const kpi_record *e; (e = hist_prev(&hw)) != NULL;) {
		kpi_period p;
		double v;
		const char *ps = kpi_record_str(e, "period");
		if (ps && kpi_record_num(e, "value", &v) && kpi_period_parse_canonical(ps, r->ptype, &p) == 0 &&
		    kpi_period_ordinal(&p) > last - w && kpi_period_ordinal(&p) <= last)
			count++;
	}
	return count;
}

static int spc_latest(const flag_result *r)
{
	const char *var = kpi_record_str(r->v.spc, "variation");
	if (var)
		return strncmp(var, "improvement", 11) == 0 ? 1 : strncmp(var, "concern", 7) == 0 ? -1 : 0;
	const char *latest = kpi_record_str(r->v.rec, "period");
	for (size_t i = 0; i < r->v.n_signals; i++) {
		const kpi_record *s = &r->v.signals[i];
		const char *p = kpi_record_str(s, "period"), *cls = kpi_record_str(s, "class");
		if (p && latest && cls && strcmp(p, latest) == 0)
			return strcmp(cls, "improvement") == 0 ? 1 : strcmp(cls, "concern") == 0 ? -1 : 0;
	}
	return 0;
}

/* What judge_movement needs: the previous point, the counts, the printed
 * decimals and the SPC spread (limits only when SPC computed them). */
static void fill_movement(flag_result *r)
{
	judge_in *in = &r->in;
	const kpi_record *o = r->v.rec, *spc = r->v.spc;
	in->has_previous = kpi_record_num(r->v.previous, "value", &in->previous);
	in->has_num = kpi_record_num(o, "numerator", &in->num);
	in->has_prev_num = kpi_record_num(r->v.previous, "numerator", &in->prev_num);
	in->decimals = kpi_report_decimals(r->unit, kpi_record_decimals(o));
	const char *status = kpi_record_str(spc, "status");
	if (!status || strcmp(status, "ok") != 0)
		return;
	in->has_avg_mr = kpi_record_num(spc, "avg_mr", &in->avg_mr) && in->avg_mr >= 0;
	in->has_limits = (kpi_record_num(spc, "ucl_raw", &in->ucl) || kpi_record_num(spc, "ucl", &in->ucl)) &&
			 (kpi_record_num(spc, "lcl_raw", &in->lcl) || kpi_record_num(spc, "lcl", &in->lcl));
}

static void fill_judge(const flag_ctx *ctx, flag_result *r)
{
	judge_in *in = &r->in;
	const kpi_record *o = r->v.rec;
	in->pol = r->pol;
	in->unit = !r->unit ? UNIT_OTHER : strcmp(r->unit, "percent") == 0 ? UNIT_PERCENT
		   : strcmp(r->unit, "count") == 0 ? UNIT_COUNT : UNIT_OTHER;
	in->status = kpi_record_str(o, "status");
	in->has_value = r->has_value;
	in->value = r->value;
	in->has_change = kpi_record_num(o, "change", &in->change);
	in->has_change_pct = kpi_record_num(o, "change_pct", &in->change_pct);
	const kpi_record *w = r->v.window;
	in->is_high = kpi_record_type(w, "is_high") == KPI_JT_TRUE;
	in->is_low = kpi_record_type(w, "is_low") == KPI_JT_TRUE;
	in->has_mean = kpi_record_num(w, "mean", &in->mean);
	double len = 0, points = 0;
	r->window = kpi_record_num(w, "length", &len) && len >= 1 && len <= 100000 ? (int)len : ctx->window;
	/* points with a value in the window: kpi-trend's window.points, else counted in history */
	int pts = kpi_record_num(w, "points", &points) ? (int)points : window_points(r, r->window);
	in->window_length = pts >= 0 ? pts : r->window;
	in->has_year_ago = kpi_record_num(r->v.year_ago, "value", &in->year_ago);
	const kpi_record *run = r->v.run;
	const char *dir = kpi_record_str(run, "direction");
	in->run_dir = !dir ? 0 : strcmp(dir, "up") == 0 ? 1 : strcmp(dir, "down") == 0 ? -1 : 0;
	double rl = 0;
	in->run_length = kpi_record_num(run, "length", &rl) ? (int)rl : 0;
	const char *first = kpi_record_str(o, "first_period");
	prior_run(r, first);
	in->spc = spc_latest(r);
	in->annual = r->ptype == KPI_PT_YEAR || r->ptype == KPI_PT_FINANCIAL_YEAR ||
		     r->ptype == KPI_PT_ACADEMIC_YEAR;
	in->has_target = r->has_met;
	in->target_met = r->met;
	in->target_due_soon = r->due_soon;
	in->bench = r->bench.found ? r->bench.cmp : KPI_CMP_NOT_COMPARED;
	double num, den;
	if (in->unit == UNIT_PERCENT && kpi_record_num(o, "numerator", &num) && kpi_record_num(o, "denominator", &den))
		in->small_den = kpi_small_denominator(num, den, ctx->small_den, r->small_label,
						      sizeof r->small_label);
	double pv;
	in->prev_in_interval = r->has_interval && kpi_record_num(r->v.previous, "value", &pv) &&
			       r->iv.lower <= pv && pv <= r->iv.upper;
	if (r->tset.override) {
		in->override = r->tset.override->assessment;
		in->override_reason = r->tset.override->reason;
	}
	kpi_period fp;
	if (first && r->has_period && kpi_period_parse_canonical(first, r->ptype, &fp) == 0)
	{
		long at = kpi_period_ordinal(r->has_as_at ? &r->as_at : &r->period);
		long fo = kpi_period_ordinal(&fp);
		in->reporting_commenced = fo > at - r->window && fo <= at;
	}
	in->gap_in_series = kpi_elems_count(o, "gaps") > 0;
	in->data_quality = kpi_record_truthy(o, "data_quality");
	in->stale = kpi_record_truthy(o, "stale");
	in->suppressed_latest = r->suppressed_latest;
	in->reporting_ended = r->reporting_ended;
	fill_movement(r);
}

int flag_compute(const flag_ctx *ctx, const kpi_record *obj, flag_result *r, char *err, size_t errsz)
{
	memset(r, 0, sizeof *r);
	r->in_force = -1;
	r->indicator = kpi_record_str(obj, "indicator");
	if (!r->indicator) {
		snprintf(err, errsz, "record has no indicator (is it a series summary from kpi-trend?)");
		return -1;
	}
	r->area = kpi_record_str(obj, "area");
	const kpi_field *bd = kpi_record_get(obj, "breakdown");
	kpi_buf_clear(&scratch_bd_key);
	kpi_buf_clear(&scratch_bd_label);
	if (kpi_breakdown_key(&scratch_bd_key, bd) != 0 ||
	    kpi_breakdown_label(&scratch_bd_label, bd) != 0) {
		snprintf(err, errsz, "breakdown is not a string, an object of column -> value, or null");
		return -1;
	}
	r->breakdown_key = scratch_bd_key.data;
	r->breakdown = scratch_bd_label.len ? scratch_bd_label.data : NULL;
	r->unit = kpi_record_str(obj, "unit");
	const kpi_field *pj = kpi_record_get(obj, "polarity");
	r->pol = KPI_POL_NEUTRAL;
	if (pj && pj->type != KPI_JT_NULL &&
	    kpi_polarity_parse(pj->type == KPI_JT_STRING ? pj->str : NULL, &r->pol) != 0) {
		if (pj->type == KPI_JT_STRING)
			snprintf(err, errsz, "polarity '%.60s' is not higher_is_better, lower_is_better or neutral",
				 pj->str);
		else
			snprintf(err, errsz, "polarity is not a string");
		return -1;
	}
	int has_num, has_den;
	double num = 0, den = 0;
	if (opt_num(obj, "value", &r->has_value, &r->value, err, errsz) ||
	    opt_num(obj, "numerator", &has_num, &num, err, errsz) ||
	    opt_num(obj, "denominator", &has_den, &den, err, errsz))
		return -1;
	const char *pt = kpi_record_str(obj, "period_type");
	r->ptype = pt ? kpi_period_type_from_name(pt) : KPI_PT_NONE;
	int rc = opt_period(obj, "period", r->ptype, &r->period, err, errsz);
	if (rc < 0)
		return -1;
	r->has_period = rc;
	if (r->has_period && r->ptype == KPI_PT_NONE)
		r->ptype = r->period.type;
	rc = opt_period(obj, "as_at", r->ptype, &r->as_at, err, errsz);
	if (rc < 0)
		return -1;
	r->has_as_at = rc;
	if (!rc && r->has_period) {
		r->as_at = r->period;
		r->has_as_at = 1;
	}
	if (r->has_as_at && r->has_period && r->as_at.type != r->period.type) {
		snprintf(err, errsz, "as_at and period are different kinds of period");
		return -1;
	}

	make_view(&r->v, obj, ctx->explain);
	r->suppressed_latest = suppressed_latest(r);
	r->has_interval = r->has_value && kpi_interval_for(r->unit, r->has_value, r->value, has_num, num, has_den,
					   den, KPI_CI_95, &r->iv) == 0;
	do_targets(ctx, r);
	do_benchmark(ctx, r);
	do_assurance(r);
	compare_compute(ctx, r);
	fill_judge(ctx, r);
	judge(&r->in, &ctx->jo, &r->out);
	return 0;
}

void flag_result_free(flag_result *r)
{
	kpi_target_set_free(&r->tset);
}
