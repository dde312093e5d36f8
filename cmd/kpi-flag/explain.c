/* explain.c: --explain, one human line per series:
 *   cla_visits_in_time_pct (Northbridge): issue: lowest in 12 months (78.2%, Mar 24); below target 90%
 * Phrases follow the reasons in order, then the target and small-number caveats. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "flag.h"
#include "kpi/numfmt.h"
#include "kpi/text.h"

static void value_text(const flag_result *r, double v, char *out, size_t sz)
{
	const char *u = r->unit ? r->unit : "";
	if (strcmp(u, "percent") == 0) {
		kpi_fmt_fixed(out, sz, v, 1);
		strncat(out, "%", sz - strlen(out) - 1);
	} else if (strncmp(u, "rate_per_", 9) == 0 || (v != floor(v) && fabs(v) >= 10)) {
		kpi_fmt_fixed(out, sz, v, 1);
	} else if (v != floor(v)) {
		kpi_fmt_fixed(out, sz, v, 2);
	} else {
		char b[KPI_NUM_BUFSZ];
		kpi_fmt_double(b, v);
		snprintf(out, sz, "%s", b);
	}
}

static void period_text(const flag_result *r, const char *canonical, char *out, size_t sz)
{
	kpi_period p;
	if (canonical && kpi_period_parse_canonical(canonical, r->ptype, &p) == 0)
		kpi_period_label(&p, KPI_LABEL_SHORT, out, sz);
	else
		snprintf(out, sz, "%s", canonical ? canonical : "?");
}

/* "months" / "month" for the period type */
static const char *unit_word(kpi_period_type t, int plural)
{
	switch (t) {
	case KPI_PT_MONTH: return plural ? "months" : "month";
	case KPI_PT_QUARTER:
	case KPI_PT_FINANCIAL_QUARTER: return plural ? "quarters" : "quarter";
	case KPI_PT_YEAR:
	case KPI_PT_FINANCIAL_YEAR:
	case KPI_PT_ACADEMIC_YEAR: return plural ? "years" : "year";
	case KPI_PT_TERM: return plural ? "terms" : "term";
	case KPI_PT_WEEK: return plural ? "weeks" : "week";
	default: return plural ? "periods" : "period";
	}
}

/* "VALUE, PERIOD" of a point object ({period, value}) */
static int point_text(const flag_result *r, const kpi_record *pt, char *out, size_t sz)
{
	double v;
	char vs[48], ps[48];
	if (!kpi_record_num(pt, "value", &v))
		return 0;
	value_text(r, v, vs, sizeof vs);
	period_text(r, kpi_record_str(pt, "period"), ps, sizeof ps);
	snprintf(out, sz, "%s, %s", vs, ps);
	return 1;
}

static void phrase(const flag_ctx *ctx, const flag_result *r, const char *why, kpi_buf *b)
{
	const kpi_record *o = r->v.rec;
	char vs[48], ps[48], pt[112];
	value_text(r, r->value, vs, sizeof vs);
	period_text(r, kpi_record_str(o, "period"), ps, sizeof ps);
	const kpi_record *prev = r->v.previous;
	int up = r->in.has_change && r->in.change > 0;
	if (strcmp(why, "window_low") == 0 || strcmp(why, "window_high") == 0) {
		kpi_buf_printf(b, "%s in %d %s (%s, %s)", why[7] == 'l' ? "lowest" : "highest",
			       r->window, unit_word(r->ptype, 1), vs, ps);
	} else if (strcmp(why, "latest_improving") == 0 || strcmp(why, "latest_worsening") == 0 ||
		   strcmp(why, "slight_improving") == 0 || strcmp(why, "slight_worsening") == 0) {
		int slight = why[0] == 's';
		double pv;
		kpi_buf_printf(b, "%s%s", slight ? "slightly " : "", up ? "up" : "down");
		if (kpi_record_num(prev, "value", &pv)) {
			char pvs[48], pps[48];
			value_text(r, pv, pvs, sizeof pvs);
			period_text(r, kpi_record_str(prev, "period"), pps, sizeof pps);
			kpi_buf_printf(b, " from %s in %s", pvs, pps);
		}
		kpi_buf_printf(b, " to %s", vs);
	} else if (strcmp(why, "run_improving") == 0 || strcmp(why, "run_worsening") == 0) {
		const kpi_record *run = r->v.run;
		char since[48];
		period_text(r, kpi_record_str(run, "since"), since, sizeof since);
		kpi_buf_printf(b, "%s %d %s running since %s", r->in.run_dir > 0 ? "up" : "down",
			       r->in.run_length, unit_word(r->ptype, 1), since);
	} else if (strcmp(why, "improving_before") == 0) {
		kpi_buf_printf(b, "but improving for %d %s before that", r->in.prior_length,
			       unit_word(r->ptype, 1));
	} else if (strstr(why, "_year_ago")) {
		const kpi_record *ya = r->v.year_ago;
		if (point_text(r, ya, pt, sizeof pt))
			kpi_buf_printf(b, "%s than a year ago (%s)", why[0] == 'b' ? "better" : "worse", pt);
		else
			kpi_buf_printf(b, "%s than a year ago", why[0] == 'b' ? "better" : "worse");
	} else if (strstr(why, "_mean")) {
		char ms[48];
		value_text(r, r->in.mean, ms, sizeof ms);
		kpi_buf_printf(b, "%s than the %d-%s average (%s)", why[0] == 'b' ? "better" : "worse",
			       r->window, unit_word(r->ptype, 0), ms);
	} else if (strcmp(why, "spc_concern") == 0 || strcmp(why, "spc_improvement") == 0) {
		/* the rule that made the latest point special, when the summary lists it */
		const char *rule = NULL, *latest = kpi_record_str(o, "period");
		for (size_t k = 0; k < r->v.n_signals; k++) {
			const kpi_record *sig = &r->v.signals[k];
			if (latest && kpi_record_str(sig, "period") && strcmp(kpi_record_str(sig, "period"), latest) == 0)
				rule = kpi_record_str(sig, "rule");
		}
		kpi_buf_printf(b, "special cause %s (SPC%s%s)", why[4] == 'c' ? "concern" : "improvement",
			       rule ? ": " : "", rule ? rule : "");
	} else if (strcmp(why, "benchmark_better") == 0 || strcmp(why, "benchmark_worse") == 0) {
		char bv[48], bp[48];
		value_text(r, r->bench.value, bv, sizeof bv);
		period_text(r, r->bench.period, bp, sizeof bp);
		kpi_buf_printf(b, "%s than %s (%s, %s)", why[10] == 'b' ? "better" : "worse",
			       r->bench.area ? r->bench.area : "the benchmark", bv, bp);
	} else if (strcmp(why, "small_denominator") == 0) {
		kpi_buf_printf(b, "change within the interval of a small number (%s)", r->small_label);
	} else if (strcmp(why, "no_change") == 0) {
		kpi_buf_printf(b, "unchanged at %s", vs);
	} else if (strcmp(why, "no_previous") == 0) {
		kpi_buf_printf(b, "%s in %s, no earlier period to compare", vs, ps);
	} else if (strcmp(why, "neutral_polarity") == 0) {
		kpi_buf_printf(b, "%s in %s (neutral indicator, not judged)", vs, ps);
	} else if (strcmp(why, "data_error") == 0) {
		kpi_buf_printf(b, "the latest value is an error (%s)", kpi_record_str(o, "value_raw") ? kpi_record_str(o, "value_raw") : "error");
	} else if (strcmp(why, "override") == 0) {
		kpi_buf_printf(b, "set in the targets file");
	} else if (r->out.rule == 2) {
		kpi_buf_printf(b, "no value (%s)", why);
	} else {
		kpi_buf_adds(b, why);
	}
}

static void explain_line(const flag_ctx *ctx, const flag_result *r, kpi_buf *b);

/* The line for a terminal: what it quotes from the data (indicator, area,
 * breakdown, a raw value, a reason) with control characters escaped. */
void flag_explain(const flag_ctx *ctx, const flag_result *r, kpi_buf *b)
{
	kpi_buf line = KPI_BUF_INIT;
	explain_line(ctx, r, &line);
	kpi_text_escape(b, line.data, line.len);
	kpi_buf_addc(b, '\n');
	kpi_buf_free(&line);
}

static void explain_line(const flag_ctx *ctx, const flag_result *r, kpi_buf *b)
{
	kpi_buf_adds(b, r->indicator);
	if (r->area || r->breakdown) {
		kpi_buf_adds(b, " (");
		if (r->area)
			kpi_buf_adds(b, r->area);
		if (r->area && r->breakdown)
			kpi_buf_adds(b, ", ");
		if (r->breakdown)
			kpi_buf_adds(b, r->breakdown);
		kpi_buf_adds(b, ")");
	}
	kpi_buf_printf(b, ": %s: ", r->out.assessment);
	size_t start = b->len;
	for (size_t i = 0; i < r->out.n_reasons; i++) {
		const char *why = r->out.reasons[i];
		if (r->out.rule == 1 && i == 1) { /* the override's own reason text */
			kpi_buf_printf(b, ": %s", why);
			continue;
		}
		if (strcmp(why, "target_missed") == 0 || strcmp(why, "target_due") == 0)
			continue;
		if (b->len > start)
			kpi_buf_adds(b, "; ");
		size_t before = b->len;
		phrase(ctx, r, why, b);
		if (b->len == before && b->len > start) /* nothing said: drop the "; " */
			b->len -= 2, b->data[b->len] = '\0';
	}
	if (r->in_force >= 0 && r->has_met) {
		const kpi_target *t = r->tset.row[r->in_force];
		char tv[KPI_NUM_BUFSZ + 1], due[48];
		kpi_fmt_double(tv, t->value); /* as a target is written: 90%, not 90.0% */
		if (r->unit && strcmp(r->unit, "percent") == 0)
			strcat(tv, "%");
		if (b->len > start)
			kpi_buf_adds(b, "; ");
		if (r->met)
			kpi_buf_printf(b, "meets target %s", tv);
		else
			kpi_buf_printf(b, "%s target %s", r->pol == KPI_POL_HIGHER ? "below" : "above", tv);
		if (t->has_due) {
			kpi_period_label(&t->due, KPI_LABEL_SHORT, due, sizeof due);
			kpi_buf_printf(b, " %s %s", r->due_soon ? "due" : "by", due);
		}
		/* the placement rule of an improvement off target (kpi-flag(1),
		 * JUDGEMENT): rule 6 passed it on */
		if (!r->met && strcmp(r->out.assessment, "improvement") == 0 && r->out.rule == 1)
			kpi_buf_adds(b, "; off target: the targets file lists it under Improvement, marked off target");
		else if (!r->met && strcmp(r->out.assessment, "improvement") == 0)
			kpi_buf_printf(b, "; off target, but the latest move is not bad and the target is not due "
					  "this period or the next, so rule %d lists it under Improvement, marked "
					  "off target", r->out.rule);
	}
	if (r->in.small_den && (r->out.n_reasons == 0 || strcmp(r->out.reasons[0], "small_denominator") != 0))
		kpi_buf_printf(b, "%slow numbers: %s", b->len > start ? "; " : "", r->small_label);
}
