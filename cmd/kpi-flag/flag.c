/* flag.c: targets, benchmark, interval, assurance and judgement for one
 * series summary, and the judged record it becomes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "flag.h"
#include "kpi/json_write.h"
#include "kpi/names.h"
#include "kpi/spc.h"

int jnum(const json_t *o, const char *key, double *v)
{
	const json_t *j = o ? json_object_get(o, key) : NULL;
	if (!json_is_number(j))
		return 0;
	*v = json_number_value(j);
	return 1;
}

const char *jstr(const json_t *o, const char *key)
{
	return o ? json_string_value(json_object_get(o, key)) : NULL;
}

int fold_eq(const char *a, const char *b)
{
	if (!a || !b)
		return 0;
	kpi_buf x = KPI_BUF_INIT, y = KPI_BUF_INIT;
	kpi_fold_name(&x, a, strlen(a));
	kpi_fold_name(&y, b, strlen(b));
	int eq = strcmp(kpi_buf_str(&x), kpi_buf_str(&y)) == 0;
	kpi_buf_free(&x);
	kpi_buf_free(&y);
	return eq;
}

/* a number, null or absent; anything else is bad */
static int opt_num(const json_t *o, const char *key, int *has, double *v, char *err, size_t errsz)
{
	const json_t *j = json_object_get(o, key);
	*has = 0;
	if (!j || json_is_null(j))
		return 0;
	if (!json_is_number(j)) {
		snprintf(err, errsz, "%s is not a number or null", key);
		return -1;
	}
	*has = 1;
	*v = json_number_value(j);
	return 0;
}

/* a canonical period field; 0 absent, 1 parsed, -1 bad */
static int opt_period(const json_t *o, const char *key, kpi_period_type t, kpi_period *p,
		      char *err, size_t errsz)
{
	const json_t *j = json_object_get(o, key);
	if (!j || json_is_null(j))
		return 0;
	if (!json_is_string(j)) {
		snprintf(err, errsz, "%s is not a string", key);
		return -1;
	}
	if (kpi_period_parse_canonical(json_string_value(j), t, p) != 0) {
		snprintf(err, errsz, "%s '%.60s' is not a canonical period (2024-03, 2023/24, 2024-Q1, ...)",
			 key, json_string_value(j));
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
	if (percent && r->pol != KPI_POL_NEUTRAL && jnum(r->obj, "denominator", &den)) {
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

static void do_benchmark(const flag_ctx *ctx, flag_result *r)
{
	flag_bench *b = &r->bench;
	memset(b, 0, sizeof *b);
	if (!r->has_as_at || (ctx->bench_area && fold_eq(r->area, ctx->bench_area)))
		return;
	if (ctx->bench_file) {
		const kpi_benchmark *e = kpi_benchmarks_find(ctx->bench_file, r->indicator, r->breakdown,
							     ctx->bench_area, &r->as_at);
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
	} else if (ctx->stream) {
		if (!stream_bench_find(ctx->stream, r->indicator, r->breakdown, &r->as_at, b))
			return;
	} else {
		return;
	}
	b->cmp = kpi_benchmark_compare(r->pol, r->has_value, r->has_interval, r->iv.lower,
				       r->iv.upper, 1, b->value);
}

static void do_assurance(flag_result *r)
{
	const json_t *spc = json_object_get(r->obj, "spc");
	const char *status = jstr(spc, "status");
	double ucl, lcl;
	if (r->in_force < 0 || r->pol == KPI_POL_NEUTRAL || !spc || !status ||
	    strcmp(status, "insufficient_data") == 0)
		return;
	/* A.8 uses the unclipped limits: kpi-trend reports them as ucl_raw/lcl_raw when it clips */
	if (!jnum(spc, "ucl_raw", &ucl) && !jnum(spc, "ucl", &ucl))
		return;
	if (!jnum(spc, "lcl_raw", &lcl) && !jnum(spc, "lcl", &lcl))
		return;
	r->assurance = kpi_spc_assurance(r->tset.row[r->in_force]->value, r->pol, ucl, lcl);
}

/* The run of changes that ends at the point before the latest, from history. */
static void prior_run(flag_result *r, const char *first_period)
{
	const json_t *h = json_object_get(r->obj, "history");
	size_t n = json_array_size(h);
	const char *latest = jstr(r->obj, "period");
	long idx = -1;
	for (size_t i = 0; i < n; i++) {
		const char *p = jstr(json_array_get(h, i), "period");
		if (p && latest && strcmp(p, latest) == 0)
			idx = (long)i;
	}
	double a, b;
	int dir = 0, len = 0;
	long k = idx - 1, start = k;
	while (k >= 1 && jnum(json_array_get(h, k), "value", &a) &&
	       jnum(json_array_get(h, k - 1), "value", &b)) {
		int s = a > b ? 1 : a < b ? -1 : 0;
		if (s == 0 || (dir && s != dir))
			break;
		dir = s;
		len++;
		start = k - 1;
		k--;
	}
	r->in.prior_dir = dir;
	r->in.prior_length = len;
	const char *sp = len ? jstr(json_array_get(h, start), "period") : NULL;
	r->in.prior_from_first = sp && first_period && strcmp(sp, first_period) == 0;
}

/* Points with a value among the last W periods, from history; -1 without history. */
static int window_points(const flag_result *r, int w)
{
	const json_t *h = json_object_get(r->obj, "history");
	if (!json_is_array(h) || !r->has_period)
		return -1;
	long last = kpi_period_ordinal(&r->period);
	int count = 0;
	size_t i;
	const json_t *e;
	json_array_foreach(h, i, e) {
		kpi_period p;
		double v;
		const char *ps = jstr(e, "period");
		if (ps && jnum(e, "value", &v) && kpi_period_parse_canonical(ps, r->ptype, &p) == 0 &&
		    kpi_period_ordinal(&p) > last - w && kpi_period_ordinal(&p) <= last)
			count++;
	}
	return count;
}

static int spc_latest(const flag_result *r)
{
	const json_t *spc = json_object_get(r->obj, "spc");
	const char *var = jstr(spc, "variation");
	if (var)
		return strncmp(var, "improvement", 11) == 0 ? 1 : strncmp(var, "concern", 7) == 0 ? -1 : 0;
	const char *latest = jstr(r->obj, "period");
	size_t i;
	const json_t *s;
	json_array_foreach(json_object_get(spc, "signals"), i, s) {
		const char *p = jstr(s, "period"), *cls = jstr(s, "class");
		if (p && latest && cls && strcmp(p, latest) == 0)
			return strcmp(cls, "improvement") == 0 ? 1 : strcmp(cls, "concern") == 0 ? -1 : 0;
	}
	return 0;
}

static int truthy(const json_t *j)
{
	if (!j || json_is_null(j) || json_is_false(j))
		return 0;
	if (json_is_array(j))
		return json_array_size(j) > 0;
	if (json_is_object(j))
		return json_object_size(j) > 0;
	if (json_is_string(j))
		return json_string_length(j) > 0;
	if (json_is_number(j))
		return json_number_value(j) != 0;
	return 1;
}

static void fill_judge(const flag_ctx *ctx, flag_result *r)
{
	judge_in *in = &r->in;
	const json_t *o = r->obj;
	in->pol = r->pol;
	in->unit = !r->unit ? UNIT_OTHER : strcmp(r->unit, "percent") == 0 ? UNIT_PERCENT
		   : strcmp(r->unit, "count") == 0 ? UNIT_COUNT : UNIT_OTHER;
	in->status = jstr(o, "status");
	in->has_value = r->has_value;
	in->value = r->value;
	in->has_change = jnum(o, "change", &in->change);
	in->has_change_pct = jnum(o, "change_pct", &in->change_pct);
	const json_t *w = json_object_get(o, "window");
	in->is_high = json_is_true(json_object_get(w, "is_high"));
	in->is_low = json_is_true(json_object_get(w, "is_low"));
	in->has_mean = jnum(w, "mean", &in->mean);
	double len = 0, points = 0;
	r->window = jnum(w, "length", &len) && len >= 1 && len <= 100000 ? (int)len : ctx->window;
	/* points with a value in the window: kpi-trend's window.points, else counted in history */
	int pts = jnum(w, "points", &points) ? (int)points : window_points(r, r->window);
	in->window_length = pts >= 0 ? pts : r->window;
	in->has_year_ago = jnum(json_object_get(o, "year_ago"), "value", &in->year_ago);
	const json_t *run = json_object_get(o, "run");
	const char *dir = jstr(run, "direction");
	in->run_dir = !dir ? 0 : strcmp(dir, "up") == 0 ? 1 : strcmp(dir, "down") == 0 ? -1 : 0;
	double rl = 0;
	in->run_length = jnum(run, "length", &rl) ? (int)rl : 0;
	const char *first = jstr(o, "first_period");
	prior_run(r, first);
	in->spc = spc_latest(r);
	in->annual = r->ptype == KPI_PT_YEAR || r->ptype == KPI_PT_FINANCIAL_YEAR ||
		     r->ptype == KPI_PT_ACADEMIC_YEAR;
	in->has_target = r->has_met;
	in->target_met = r->met;
	in->target_due_soon = r->due_soon;
	in->bench = r->bench.found ? r->bench.cmp : KPI_CMP_NOT_COMPARED;
	double num, den;
	if (in->unit == UNIT_PERCENT && jnum(o, "numerator", &num) && jnum(o, "denominator", &den))
		in->small_den = kpi_small_denominator(num, den, ctx->small_den, r->small_label,
						      sizeof r->small_label);
	double pv;
	in->prev_in_interval = r->has_interval && jnum(json_object_get(o, "previous"), "value", &pv) &&
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
	in->gap_in_series = json_array_size(json_object_get(o, "gaps")) > 0;
	in->data_quality = truthy(json_object_get(o, "data_quality"));
	in->stale = truthy(json_object_get(o, "stale"));
}

int flag_compute(const flag_ctx *ctx, json_t *obj, flag_result *r, char *err, size_t errsz)
{
	memset(r, 0, sizeof *r);
	r->obj = obj;
	r->in_force = -1;
	r->indicator = jstr(obj, "indicator");
	if (!r->indicator) {
		snprintf(err, errsz, "record has no indicator (is it a series summary from kpi-trend?)");
		return -1;
	}
	r->area = jstr(obj, "area");
	r->breakdown = jstr(obj, "breakdown");
	r->unit = jstr(obj, "unit");
	const json_t *pj = json_object_get(obj, "polarity");
	r->pol = KPI_POL_NEUTRAL;
	if (pj && !json_is_null(pj) && kpi_polarity_parse(json_string_value(pj), &r->pol) != 0) {
		if (json_is_string(pj))
			snprintf(err, errsz, "polarity '%.60s' is not higher_is_better, lower_is_better or neutral",
				 json_string_value(pj));
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
	const char *pt = jstr(obj, "period_type");
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

	r->has_interval = r->has_value && kpi_interval_for(r->unit, r->has_value, r->value, has_num, num, has_den,
					   den, KPI_CI_95, &r->iv) == 0;
	do_targets(ctx, r);
	do_benchmark(ctx, r);
	do_assurance(r);
	fill_judge(ctx, r);
	judge(&r->in, &ctx->jo, &r->out);
	return 0;
}

void flag_result_free(flag_result *r)
{
	kpi_target_set_free(&r->tset);
}

/* the fields kpi-flag sets, in the order it writes them */
static const char *const own_fields[] = {
	"target", "targets", "target_gap", "target_met", "target_needed", "rag", "benchmark",
	"interval", "spc_assurance", "assessment", "reasons", "flags", NULL
};

static int is_own(const char *key)
{
	for (int i = 0; own_fields[i]; i++)
		if (strcmp(key, own_fields[i]) == 0)
			return 1;
	return 0;
}

static void write_target(kpi_jw *w, const kpi_target *t)
{
	kpi_jw_begin_object(w);
	kpi_jw_knum(w, "value", t->value);
	kpi_jw_kstr(w, "due", t->has_due ? t->due_text : NULL);
	if (t->label)
		kpi_jw_kstr(w, "label", t->label);
	kpi_jw_end_object(w);
}

int flag_write(const flag_result *r, const kpi_record *rec, kpi_buf *out)
{
	kpi_jw w;
	kpi_jw_init(&w, out);
	kpi_jw_begin_object(&w);
	for (size_t i = 0; i < rec->n; i++) {
		const kpi_field *f = &rec->f[i];
		if (is_own(f->key))
			continue;
		kpi_jw_keyn(&w, f->key, f->key_len);
		kpi_jw_raw(&w, f->raw, f->raw_len);
	}
	kpi_jw_key(&w, "target");
	if (r->in_force >= 0)
		write_target(&w, r->tset.row[r->in_force]);
	else
		kpi_jw_null(&w);
	kpi_jw_key(&w, "targets");
	kpi_jw_begin_array(&w);
	for (size_t i = 0; i < r->tset.n; i++)
		write_target(&w, r->tset.row[i]);
	kpi_jw_end_array(&w);
	kpi_jw_knum_or_null(&w, "target_gap", r->has_gap, r->gap);
	kpi_jw_key(&w, "target_met");
	if (r->has_met)
		kpi_jw_bool(&w, r->met);
	else
		kpi_jw_null(&w);
	kpi_jw_knum_or_null(&w, "target_needed", r->has_needed, (double)r->needed);
	kpi_jw_kstr(&w, "rag", r->rag);
	kpi_jw_key(&w, "benchmark");
	if (r->bench.found) {
		kpi_jw_begin_object(&w);
		kpi_jw_kstr(&w, "area", r->bench.area);
		kpi_jw_kstr(&w, "period", r->bench.period);
		kpi_jw_knum(&w, "value", r->bench.value);
		kpi_jw_kstr(&w, "comparison", kpi_comparison_name(r->bench.cmp));
		if (r->bench.has_lower)
			kpi_jw_knum(&w, "lower", r->bench.lower);
		if (r->bench.has_upper)
			kpi_jw_knum(&w, "upper", r->bench.upper);
		if (r->bench.source)
			kpi_jw_kstr(&w, "source", r->bench.source);
		kpi_jw_end_object(&w);
	} else {
		kpi_jw_null(&w);
	}
	kpi_jw_key(&w, "interval");
	if (r->has_interval) {
		kpi_jw_begin_object(&w);
		kpi_jw_knum(&w, "lower", r->iv.lower);
		kpi_jw_knum(&w, "upper", r->iv.upper);
		kpi_jw_kstr(&w, "method", kpi_iv_method_name(r->iv.method));
		kpi_jw_end_object(&w);
	} else {
		kpi_jw_null(&w);
	}
	kpi_jw_kstr(&w, "spc_assurance", r->assurance);
	kpi_jw_kstr(&w, "assessment", r->out.assessment);
	kpi_jw_key(&w, "reasons");
	kpi_jw_begin_array(&w);
	for (size_t i = 0; i < r->out.n_reasons; i++)
		kpi_jw_string(&w, r->out.reasons[i]);
	kpi_jw_end_array(&w);
	kpi_jw_key(&w, "flags");
	kpi_jw_begin_array(&w);
	for (int f = 0; f < F_COUNT; f++)
		if (r->out.flags & (1u << f))
			kpi_jw_string(&w, judge_flag_names[f]);
	kpi_jw_end_array(&w);
	kpi_jw_end_object(&w);
	kpi_jw_newline(&w);
	return w.bad_number ? -1 : 0;
}
