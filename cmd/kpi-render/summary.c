/* summary.c: the opening of the highlight report (report-style.md §9), the
 * page a board reads first: where the indicators stand, the targets due by
 * the report's month, and the three to five current issues that most need
 * the board's attention, one line each with its figure and why (pattern
 * 19).  And which listed indicators have something to say: only those are
 * written up; the others stay in the appendix tables. */
#include "sentence.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is(const char *a, const char *b)
{
	return a && strcmp(a, b) == 0;
}

/* +1 higher is better, -1 lower is better, 0 neutral or unknown */
static int good_dir(const rnd_ind *d)
{
	return is(d->polarity, "higher_is_better") ? 1 : is(d->polarity, "lower_is_better") ? -1 : 0;
}

/* The latest value is the window's best (BEST) or worst. */
static int window_extreme(const rnd_ind *d, int best)
{
	int g = good_dir(d);
	if (!g || !d->window.has || d->window.length < 3 || (d->window.is_high && d->window.is_low))
		return 0;
	return (g > 0) == best ? d->window.is_high : d->window.is_low;
}

static int older_than_report(const rnd_ind *d)
{
	return d->stale > 0 || d->behind || rnd_before_as_at(d, d->latest.period);
}

/* A listed indicator has something to say when more than a slight move
 * happened: a clear or sharp move, a 12-month high or low, a target, a
 * benchmark set apart (an annual outcome's benchmark always), data that
 * are late or in doubt, or, for a current
 * issue, special cause, a run the wrong way or its worst figure for a
 * quarter or more.  Special cause or a run the
 * right way under a slight move is left to the tables: the board hears
 * about improvements that show. */
static int something_to_say(const rnd_item *it)
{
	const rnd_ind *d = it->ind;
	if (!it->listed)
		return 0;
	if (!d->latest.value.has || older_than_report(d) || d->has_target || rnd_has_flag(d, "data_quality"))
		return 1;
	if (is(d->movement, "clear") || is(d->movement, "sharp"))
		return 1;
	if (!d->movement && d->has_previous)
		return 1; /* an older pipeline: the size of the move is not known */
	if (window_extreme(d, 0) || window_extreme(d, 1))
		return 1;
	if (is(d->benchmark.comparison, "better") || is(d->benchmark.comparison, "worse"))
		return 1;
	/* an annual outcome is read against England (report-style.md §7 rule 4) */
	if (d->benchmark.has && rnd_series_noun(d) == PH_PERIOD_YEAR)
		return 1;
	if (!is(d->assessment, "issue"))
		return 0;
	if (rnd_has_flag(d, "spc_concern") || rnd_has_flag(d, "run_worsening"))
		return 1;
	/* at its worst for a quarter or more (pattern 4) */
	int g = good_dir(d), ok = 0;
	const char *since = g > 0 ? d->lowest_since : g < 0 ? d->highest_since : NULL;
	return since && d->latest.period && rnd_series_diff(d, d->latest.period, since, &ok) >= 3 && ok;
}

/* ---- the position and the targets ---- */

/* The counts above take in every improvement and issue, the lists only
 * those with something to say: "3 of these 13 moved only slightly and are
 * left to the appendix tables", so the lists' entries add up. */
static void left_to_tables(kpi_buf *b, const rnd_report *r)
{
	size_t listed = 0, left = 0;
	for (size_t i = 0; i < r->n_items; i++) {
		listed += r->items[i].listed;
		left += r->items[i].listed && !rnd_item_written(&r->items[i]);
	}
	if (!left)
		return;
	char n[24], of[24];
	snprintf(n, sizeof n, "%zu", left);
	snprintf(of, sizeof of, "%zu", listed);
	kpi_buf_addc(b, ' ');
	RND_SAY(b, left == listed ? (left == 1 ? PH_SUMMARY_LEFT_IT : PH_SUMMARY_LEFT_ALL)
		: left == 1 ? PH_SUMMARY_LEFT_ONE : PH_SUMMARY_LEFT, {S_N, n}, {S_LISTED, of});
}

/* Indicators with no better or worse direction (neutral polarity, or none)
 * are never improvements or issues: "20 of the 41 are for context ...",
 * so "none of the 6 indicators improved" does not read as a failure. */
static void for_context(kpi_buf *b, const rnd_report *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_items; i++)
		n += !r->items[i].listed && !good_dir(r->items[i].ind);
	if (!n)
		return;
	char k[24], of[24];
	snprintf(k, sizeof k, "%zu", n);
	snprintf(of, sizeof of, "%zu", r->n_items);
	kpi_buf_addc(b, ' ');
	RND_SAY(b, n == r->n_items ? (n == 1 ? PH_SUMMARY_CONTEXT_IT : PH_SUMMARY_CONTEXT_ALL)
		: n == 1 ? PH_SUMMARY_CONTEXT_ONE : PH_SUMMARY_CONTEXT, {S_N, k}, {S_INDICATORS, of});
}

static void position(rnd_report *r)
{
	if (!r->as_at_label)
		return;
	kpi_buf b = KPI_BUF_INIT, imp = KPI_BUF_INIT, iss = KPI_BUF_INIT;
	char n[24], total[24];
	snprintf(n, sizeof n, "%zu", r->n_improvement);
	snprintf(total, sizeof total, "%zu", r->n_items);
	/* one indicator: "the one indicator did not improve", not "0 of the 1" */
	int one = r->n_items == 1;
	RND_SAY(&imp, one ? (r->n_improvement ? PH_SUMMARY_IMPROVED_OF_ONE : PH_SUMMARY_IMPROVED_NONE_OF_ONE)
		: r->n_improvement == 0 ? PH_SUMMARY_IMPROVED_NONE : PH_SUMMARY_IMPROVED, {S_N, n},
		{S_INDICATORS, total});
	snprintf(n, sizeof n, "%zu", r->n_issue);
	RND_SAY(&iss, one ? (r->n_issue ? PH_SUMMARY_ISSUE_OF_ONE : PH_SUMMARY_ISSUE_NONE_OF_ONE)
		: r->n_issue == 1 ? PH_SUMMARY_ISSUES_ONE
		: r->n_issue == 0 ? PH_SUMMARY_ISSUES_NONE : PH_SUMMARY_ISSUES, {S_N, n});
	RND_SAY(&b, PH_SUMMARY_POSITION, {S_AS_AT, r->as_at_label}, {S_IMPROVEMENTS, kpi_buf_str(&imp)},
		{S_ISSUES, kpi_buf_str(&iss)});
	left_to_tables(&b, r);
	for_context(&b, r);
	r->summary.position = rnd_take(&b);
	kpi_buf_free(&b);
	kpi_buf_free(&imp);
	kpi_buf_free(&iss);
}

/* "5 of the 12 targets due by March 2025 are met. 3 more fall due later."
 * A target is due when it is in force and due by the report's month (or
 * has no date); later when its due date is after it. */
static void targets(rnd_report *r, const rnd_opts *o)
{
	size_t due = 0, met = 0, later = 0;
	for (size_t i = 0; i < r->n_items; i++) {
		const rnd_ind *d = r->items[i].ind;
		if (!d->has_target || d->target_met < 0)
			continue;
		int ok = 0;
		if (d->target.due && r->as_at && !rnd_period_ends_by(d->target.due, r->as_at, &ok) && ok) {
			later++;
			continue;
		}
		due++;
		met += d->target_met == 1;
	}
	kpi_buf b = KPI_BUF_INIT, month = KPI_BUF_INIT;
	char n[24], m[24];
	if (r->as_at)
		rnd_period_label(&month, r->as_at, NULL, o->month_style);
	snprintf(m, sizeof m, "%zu", met);
	if (!due && !later) {
		kpi_buf_adds(&b, rnd_phrase(PH_SUMMARY_NO_TARGETS));
	} else if (!due) {
		snprintf(n, sizeof n, "%zu", later);
		RND_SAY(&b, PH_SUMMARY_NO_TARGETS_DUE, {S_N, n});
	} else {
		snprintf(n, sizeof n, "%zu", due);
		if (due == 1)
			RND_SAY(&b, met ? PH_SUMMARY_TARGET_DUE_MET : PH_SUMMARY_TARGET_DUE_MISSED,
				{S_DUE, kpi_buf_str(&month)});
		else
			RND_SAY(&b, PH_SUMMARY_TARGETS_DUE, {S_MET, m}, {S_N, n}, {S_DUE, kpi_buf_str(&month)});
		if (later) {
			snprintf(n, sizeof n, "%zu", later);
			kpi_buf_addc(&b, ' ');
			RND_SAY(&b, later == 1 ? PH_SUMMARY_TARGETS_LATER_ONE : PH_SUMMARY_TARGETS_LATER, {S_N, n});
		}
	}
	r->summary.targets = rnd_take(&b);
	kpi_buf_free(&b);
	kpi_buf_free(&month);
}

/* ---- the items that most need the board's attention (pattern 19) ---- */

/* Why a current issue needs attention, most pressing first. */
typedef enum { WHY_SPC, WHY_TARGET, WHY_BENCHMARK, WHY_RUN, WHY_WORST, WHY_WORSE, WHY_OTHER, WHY_COUNT } why;

typedef struct {
	const rnd_item *it;
	why why;
	double size;  /* within a why: bigger needs attention more */
	int picked;
} candidate;

static why reason_of(const rnd_ind *d, double *size)
{
	int g = good_dir(d);
	*size = 0;
	if (rnd_has_flag(d, "spc_concern")) {
		/* how far outside its limits, in widths of the limits */
		double v = d->latest.value.v, m = d->spc.mean.v;
		if (d->spc.ucl.has && d->spc.lcl.has && d->spc.mean.has && d->spc.ucl.v > m)
			*size = fmax(v - d->spc.ucl.v, d->spc.lcl.v - v) / (d->spc.ucl.v - m);
		return WHY_SPC;
	}
	if (d->has_target && d->target_met == 0 && d->latest.value.has) {
		double gap = d->target_gap.has ? d->target_gap.v : d->latest.value.v - d->target.value.v;
		*size = fabs(gap) / fmax(fabs(d->target.value.v), 1e-9); /* the target missed by most */
		return WHY_TARGET;
	}
	if (is(d->benchmark.comparison, "worse") && d->benchmark.has && d->latest.value.has) {
		*size = fabs(d->latest.value.v - d->benchmark.value.v) / fmax(fabs(d->benchmark.value.v), 1e-9);
		return WHY_BENCHMARK;
	}
	int run_bad = g && d->run.length >= 3 &&
		      ((is(d->run.direction, "up") && g < 0) || (is(d->run.direction, "down") && g > 0));
	if (rnd_has_flag(d, "run_worsening") || run_bad) {
		*size = (double)d->run.length;
		return WHY_RUN;
	}
	if (window_extreme(d, 0)) {
		*size = (double)d->window.span;
		return WHY_WORST;
	}
	if (d->has_previous && d->previous.value.has && d->latest.value.has && !is(d->movement, "unchanged") &&
	    g && (d->latest.value.v - d->previous.value.v) * g < 0) {
		*size = is(d->movement, "sharp") ? 3 : is(d->movement, "clear") ? 2 : 1;
		return WHY_WORSE;
	}
	return WHY_OTHER;
}

/* The line of C: "{code} {name}: 30.4% (76) in March 2025, ...". */
static char *attention_line(const candidate *c, const rnd_opts *o)
{
	const rnd_ind *d = c->it->ind;
	kpi_buf b = KPI_BUF_INIT, subject = KPI_BUF_INIT, value = KPI_BUF_INIT, period = KPI_BUF_INIT;
	kpi_buf x = KPI_BUF_INIT, y = KPI_BUF_INIT, z = KPI_BUF_INIT;
	/* the council's code leads, as in the lists' headings: "4.02.01 Children ..." */
	if (c->it->shown_code) {
		kpi_buf_adds(&subject, c->it->shown_code);
		kpi_buf_addc(&subject, ' ');
	}
	rnd_subject(&subject, d);
	rnd_fmt_vc(&value, d, &d->latest, 0, NULL);
	rnd_period_label(&period, d->latest.period, d->period_type, o->month_style);
	const char *sj = kpi_buf_str(&subject), *v = kpi_buf_str(&value), *p = kpi_buf_str(&period);
	char n[24];
	switch (c->why) {
	case WHY_SPC:
		RND_SAY(&b, PH_ATTENTION_SPC, {S_SUBJECT, sj}, {S_VALUE, v}, {S_PERIOD, p});
		break;
	case WHY_TARGET: {
		double gap = d->target_gap.has ? d->target_gap.v : d->latest.value.v - d->target.value.v;
		if (rnd_is_count(d)) {
			rnd_fmt_count_words(&y, fabs(gap), 0);
			snt_counted(&x, d, kpi_buf_str(&y));
			kpi_buf_clear(&y);
		} else
			rnd_fmt_diff(&x, d, gap, RND_DIFF_PROSE);
		rnd_fmt_value(&y, d, d->target.value.v);
		if (d->target.due)
			rnd_due_label(&z, d->target.due, o->month_style);
		rnd_phrase_id id = gap > 0 ? PH_ATTENTION_TARGET_ABOVE : PH_ATTENTION_TARGET_BELOW;
		id = (rnd_phrase_id)(id + (d->target.due == NULL)); /* each _undated follows its dated form */
		RND_SAY(&b, id, {S_SUBJECT, sj}, {S_VALUE, v}, {S_PERIOD, p}, {S_DIFFERENCE, kpi_buf_str(&x)},
			{S_TARGET, kpi_buf_str(&y)}, {S_DUE, kpi_buf_str(&z)});
		break;
	}
	case WHY_BENCHMARK:
		rnd_fmt_value(&x, d, d->benchmark.value.v);
		if (d->benchmark.period)
			rnd_period_label(&y, d->benchmark.period, d->period_type, o->month_style);
		RND_SAY(&b, d->latest.value.v > d->benchmark.value.v ? PH_ATTENTION_BENCHMARK_ABOVE
								      : PH_ATTENTION_BENCHMARK_BELOW,
			{S_SUBJECT, sj}, {S_VALUE, v}, {S_PERIOD, p},
			{S_AREA, d->benchmark.area ? d->benchmark.area : rnd_phrase(PH_P14_ENGLAND)},
			{S_FROM_VALUE, kpi_buf_str(&x)}, {S_FROM_PERIOD, kpi_buf_str(&y)});
		break;
	case WHY_RUN:
	case WHY_WORST: {
		long len = c->why == WHY_RUN ? d->run.length : d->window.span;
		snprintf(n, sizeof n, "%ld", len);
		RND_SAY(&b, c->why == WHY_RUN ? PH_ATTENTION_RUN : PH_ATTENTION_WORST, {S_SUBJECT, sj}, {S_VALUE, v},
			{S_PERIOD, p}, {S_N, n},
			{S_PERIODS, rnd_noun(rnd_series_noun(d), len)});
		break;
	}
	case WHY_WORSE:
		rnd_fmt_vc(&x, d, &d->previous, 0, NULL);
		rnd_period_label(&y, d->previous.period, d->period_type, o->month_style);
		RND_SAY(&b, PH_ATTENTION_WORSE, {S_SUBJECT, sj}, {S_VALUE, v}, {S_PERIOD, p},
			{S_FROM_VALUE, kpi_buf_str(&x)}, {S_FROM_PERIOD, kpi_buf_str(&y)});
		break;
	default:
		RND_SAY(&b, PH_ATTENTION_OTHER, {S_SUBJECT, sj}, {S_VALUE, v}, {S_PERIOD, p});
		break;
	}
	char *s = rnd_take(&b);
	kpi_buf_free(&b);
	kpi_buf_free(&subject);
	kpi_buf_free(&value);
	kpi_buf_free(&period);
	kpi_buf_free(&x);
	kpi_buf_free(&y);
	kpi_buf_free(&z);
	return s;
}

/* The largest not yet picked of WHY (the first in report order of equals),
 * or -1. */
static long best_of(const candidate *c, size_t n, why w)
{
	long best = -1;
	for (size_t i = 0; i < n; i++)
		if (!c[i].picked && c[i].why == w && (best < 0 || c[i].size > c[best].size))
			best = (long)i;
	return best;
}

/* Three to five current issues: the most pressing of each reason in turn
 * (special cause, the target missed by most, the benchmark, a run, the
 * 12-month worst), so the board sees different kinds of concern; then the
 * next of each in the same order, up to five; then, to make up three, the
 * issues that only moved the wrong way. */
static void attention(rnd_report *r, const rnd_opts *o)
{
	candidate *c = kpi_xcalloc(r->n_items ? r->n_items : 1, sizeof *c);
	size_t n = 0;
	/* in report order: section by section */
	for (size_t k = 0; k < r->n_sections; k++)
		for (size_t i = 0; i < r->sections[k].n; i++) {
			const rnd_item *it = r->sections[k].items[i];
			if (!is(it->ind->assessment, "issue") || !it->ind->latest.value.has)
				continue;
			c[n].it = it;
			c[n].why = reason_of(it->ind, &c[n].size);
			n++;
		}
	r->summary.attention = kpi_xcalloc(5, sizeof *r->summary.attention);
	size_t *picked = kpi_xcalloc(5, sizeof *picked), m = 0;
	for (int w = WHY_SPC; w <= WHY_WORST && m < 5; w++) {
		long b = best_of(c, n, (why)w);
		if (b >= 0) {
			c[b].picked = 1;
			picked[m++] = (size_t)b;
		}
	}
	for (int more = 1; more && m < 5;) {
		more = 0;
		for (int w = WHY_SPC; w <= WHY_WORST && m < 5; w++) {
			long b = best_of(c, n, (why)w);
			if (b >= 0) {
				c[b].picked = 1;
				picked[m++] = (size_t)b;
				more = 1;
			}
		}
	}
	for (int w = WHY_WORSE; w < WHY_COUNT && m < 3; w++) {
		long b;
		while (m < 3 && (b = best_of(c, n, (why)w)) >= 0) {
			c[b].picked = 1;
			picked[m++] = (size_t)b;
		}
	}
	for (size_t i = 0; i < m; i++)
		r->summary.attention[r->summary.n_attention++] = attention_line(&c[picked[i]], o);
	free(picked);
	free(c);
}

void rnd_mark_highlights(rnd_report *r)
{
	for (size_t i = 0; i < r->n_items; i++)
		r->items[i].highlighted = something_to_say(&r->items[i]);
}

void rnd_summary_build(rnd_report *r, const rnd_opts *o)
{
	position(r);
	targets(r, o);
	attention(r, o);
}

void rnd_summary_free(rnd_summary *s)
{
	free(s->position);
	free(s->targets);
	for (size_t i = 0; i < s->n_attention; i++)
		free(s->attention[i]);
	free(s->attention);
	memset(s, 0, sizeof *s);
}
