/* judge.c: the judgement rule of kpi-flag (kpi-flag.1, JUDGEMENT).
 *
 * Follows design/report-style.md §7 and issue 7.  The first rule that fires
 * decides; reasons name the signals that decided it.
 *
 *  1 override        the targets file's assessment column
 *  2 no data         no value: no_data (status error: issue, "data_error")
 *  3 neutral         neutral polarity: stable
 *  4 small numbers   --small-n stable: a small denominator whose previous value lies
 *                    inside the latest interval is stable
 *  5 window worst    the latest is the 12-month worst: issue (even if the target is met)
 *  6 target          missed and (the latest move is bad, or it is due now or next period): issue
 *  7 window best     the latest is the 12-month best: improvement
 *  8 SPC             special cause at the latest point: its class decides
 *  9 benchmark       annual figures: better than the benchmark improvement, worse issue
 * 10 longer trend    a slight move the longer view contradicts follows the longer view
 * 11 latest move     good improvement, bad issue, none stable
 *
 * Rule 6 comes before rule 7 (report-style.md lists extremes first): the
 * held-back report lists a steadily improving indicator, at its best, as an
 * issue because a staged target due next month was far off.
 */
#include <math.h>
#include <string.h>
#include "judge.h"
#include "kpi/numfmt.h"

const char *const judge_flag_names[F_COUNT] = {
	"window_high", "window_low", "run_improving", "run_worsening", "spc_improvement",
	"spc_concern", "target_met", "target_missed", "small_denominator",
	"reporting_commenced", "gap_in_series", "benchmark_better", "benchmark_worse",
	"data_quality", "stale"
};

void judge_opts_init(judge_opts *o)
{
	o->slight_points = 3;
	o->slight_percent = 3;
	o->slight_points_set = o->slight_percent_set = 0;
	o->slight_count = 2;
	o->run_min = 3;
	o->window_min = 3;
	o->small_n_stable = 0;
}

int judge_goodness(kpi_polarity pol, int sign)
{
	if (pol == KPI_POL_NEUTRAL || sign == 0)
		return 0;
	return pol == KPI_POL_HIGHER ? sign : -sign;
}

static int sign_of(double d)
{
	return d > 0 ? 1 : d < 0 ? -1 : 0;
}

static void reason(judge_out *out, const char *r)
{
	if (out->n_reasons < JUDGE_MAX_REASONS)
		out->reasons[out->n_reasons++] = r;
}

static void decide(judge_out *out, int rule, const char *assessment)
{
	out->rule = rule;
	out->assessment = assessment;
}

/* Flags are facts about the series, set whatever the rule decides. */
static unsigned flags_of(const judge_in *in, const judge_opts *o)
{
	unsigned f = 0;
	int flat = in->is_high && in->is_low; /* every point equal: neither extreme */
	if (in->has_value && !flat && in->window_length >= o->window_min) {
		if (in->is_high)
			f |= 1u << F_WINDOW_HIGH;
		if (in->is_low)
			f |= 1u << F_WINDOW_LOW;
	}
	int run_good = judge_goodness(in->pol, in->run_dir);
	if (in->run_length >= o->run_min && run_good > 0)
		f |= 1u << F_RUN_IMPROVING;
	if (in->run_length >= o->run_min && run_good < 0)
		f |= 1u << F_RUN_WORSENING;
	if (in->spc > 0)
		f |= 1u << F_SPC_IMPROVEMENT;
	if (in->spc < 0)
		f |= 1u << F_SPC_CONCERN;
	if (in->has_target && in->pol != KPI_POL_NEUTRAL && in->has_value)
		f |= 1u << (in->target_met ? F_TARGET_MET : F_TARGET_MISSED);
	if (in->small_den)
		f |= 1u << F_SMALL_DENOMINATOR;
	if (in->reporting_commenced)
		f |= 1u << F_REPORTING_COMMENCED;
	if (in->gap_in_series)
		f |= 1u << F_GAP_IN_SERIES;
	if (in->bench == KPI_CMP_BETTER)
		f |= 1u << F_BENCHMARK_BETTER;
	if (in->bench == KPI_CMP_WORSE)
		f |= 1u << F_BENCHMARK_WORSE;
	if (in->data_quality)
		f |= 1u << F_DATA_QUALITY;
	if (in->stale)
		f |= 1u << F_STALE;
	return f;
}

const char *judge_move_name(judge_move m)
{
	static const char *const names[] = {NULL, "unchanged", "slight", "clear", "sharp"};
	return names[m];
}

/* The band a slight move stays within: the option when given, else the
 * series' average moving range, else the default points (percentages) or
 * per cent of the previous value (other units).  RELATIVE: compare with <. */
static double slight_band(const judge_in *in, const judge_opts *o, double prev, int *relative)
{
	*relative = 0;
	if (in->unit == UNIT_PERCENT && (o->slight_points_set || !in->has_avg_mr))
		return o->slight_points;
	if (in->unit != UNIT_PERCENT && (o->slight_percent_set || !in->has_avg_mr)) {
		*relative = 1;
		return fabs(prev) * o->slight_percent / 100;
	}
	return in->avg_mr;
}

const char *judge_basis_name(judge_basis b)
{
	static const char *const names[] = {NULL, "count", "moving_range", "points", "percent", "limits"};
	return names[b];
}

judge_move judge_movement_basis(const judge_in *in, const judge_opts *o, judge_basis *basis, double *band_out)
{
	*basis = BASIS_NONE;
	*band_out = 0;
	double prev;
	if (in->has_previous)
		prev = in->previous;
	else if (in->has_change)
		prev = in->value - in->change;
	else
		return MOVE_NONE;
	if (!in->has_value || !isfinite(prev))
		return MOVE_NONE;
	if (kpi_same_printed(in->value, prev, in->decimals))
		return MOVE_UNCHANGED;
	double d = fabs(in->value - prev);
	/* the seeds' small-number habit: one or two children either way */
	if ((in->unit == UNIT_COUNT && d <= o->slight_count) ||
	    (in->unit != UNIT_COUNT && in->has_num && in->has_prev_num && fabs(in->num - in->prev_num) <= o->slight_count)) {
		*basis = BASIS_COUNT;
		*band_out = o->slight_count;
		return MOVE_SLIGHT;
	}
	int relative;
	double band = slight_band(in, o, prev, &relative);
	*basis = in->unit == UNIT_PERCENT && (o->slight_points_set || !in->has_avg_mr)	  ? BASIS_POINTS
		 : in->unit != UNIT_PERCENT && (o->slight_percent_set || !in->has_avg_mr) ? BASIS_PERCENT
											  : BASIS_MOVING_RANGE;
	*band_out = *basis == BASIS_POINTS ? o->slight_points : *basis == BASIS_PERCENT ? o->slight_percent : band;
	if (relative ? d < band : d <= band)
		return MOVE_SLIGHT;
	if (in->has_limits && (in->value > in->ucl || in->value < in->lcl)) {
		*basis = BASIS_LIMITS;
		*band_out = 0;
		return MOVE_SHARP;
	}
	if (in->has_avg_mr && d > 3 * in->avg_mr) {
		*basis = BASIS_MOVING_RANGE;
		*band_out = in->avg_mr;
		return MOVE_SHARP;
	}
	return MOVE_CLEAR;
}

judge_move judge_movement(const judge_in *in, const judge_opts *o)
{
	judge_basis basis;
	double band;
	return judge_movement_basis(in, o, &basis, &band);
}

/* The direction of the latest move: +1 up, -1 down, 0 none or unchanged as printed. */
static int move_sign(const judge_in *in, judge_move m)
{
	if (!in->has_change || m == MOVE_UNCHANGED)
		return 0;
	return sign_of(in->change);
}

/* Rule 10: +1 improvement, -1 issue, 0 when it does not apply. */
static int longer_trend(const judge_in *in, const judge_opts *o, judge_out *out)
{
	if (!in->has_change || in->change == 0 || out->movement != MOVE_SLIGHT)
		return 0;
	int move = judge_goodness(in->pol, sign_of(in->change));
	int vs_year = in->has_year_ago ? judge_goodness(in->pol, sign_of(in->value - in->year_ago)) : 0;
	int vs_mean = in->has_mean ? judge_goodness(in->pol, sign_of(in->value - in->mean)) : 0;
	int prior_good = judge_goodness(in->pol, in->prior_dir) > 0 &&
			 (in->prior_length >= o->run_min || (in->prior_from_first && in->prior_length >= 2));
	if (move < 0) {
		if (prior_good) {
			reason(out, "slight_worsening");
			reason(out, "improving_before");
			return 1;
		}
		if (vs_year > 0 && vs_mean > 0) {
			reason(out, "slight_worsening");
			reason(out, "better_than_year_ago");
			reason(out, "better_than_mean");
			return 1;
		}
	} else if (move > 0 && vs_year < 0 && vs_mean < 0) {
		reason(out, "slight_improving");
		reason(out, "worse_than_year_ago");
		reason(out, "worse_than_mean");
		return -1;
	}
	return 0;
}

void judge(const judge_in *in, const judge_opts *o, judge_out *out)
{
	memset(out, 0, sizeof *out);
	out->flags = flags_of(in, o);
	out->movement = judge_movement_basis(in, o, &out->basis, &out->band);
	unsigned f = out->flags;
	int higher = in->pol == KPI_POL_HIGHER;

	/* 1. an explicit override in the targets file */
	if (in->override) {
		decide(out, 1, in->override);
		reason(out, "override");
		if (in->override_reason)
			reason(out, in->override_reason);
		return;
	}
	/* 2. no value to judge; an error value is unusable data (§7 rule 1); a
	 * suppressed latest figure or an ended series is not judged on an
	 * older one */
	if (in->has_value && (in->suppressed_latest || in->reporting_ended)) {
		decide(out, 2, "no_data");
		reason(out, in->suppressed_latest ? "suppressed_latest" : "reporting_ended");
		return;
	}
	if (!in->has_value) {
		if (in->status && strcmp(in->status, "error") == 0) {
			decide(out, 2, "issue");
			reason(out, "data_error");
		} else {
			decide(out, 2, "no_data");
			reason(out, in->status && strcmp(in->status, "ok") != 0 ? in->status : "no_value");
		}
		return;
	}
	/* 3. neutral polarity is never improvement or issue */
	if (in->pol == KPI_POL_NEUTRAL) {
		decide(out, 3, "stable");
		reason(out, "neutral_polarity");
		return;
	}
	/* 4. --small-n stable: a move inside the interval is not a move */
	if (o->small_n_stable && in->small_den && in->prev_in_interval) {
		decide(out, 4, "stable");
		reason(out, "small_denominator");
		return;
	}
	/* 5. the 12-month worst, whatever the target says */
	int worst = higher ? F_WINDOW_LOW : F_WINDOW_HIGH;
	int best = higher ? F_WINDOW_HIGH : F_WINDOW_LOW;
	if (f & (1u << worst)) {
		decide(out, 5, "issue");
		reason(out, judge_flag_names[worst]);
		return;
	}
	/* 6. a missed target with a bad move, or due now or next period */
	int move = judge_goodness(in->pol, move_sign(in, out->movement));
	if (f & (1u << F_TARGET_MISSED)) {
		if (move < 0) {
			decide(out, 6, "issue");
			reason(out, "target_missed");
			reason(out, "latest_worsening");
			return;
		}
		if (in->target_due_soon) {
			decide(out, 6, "issue");
			reason(out, "target_missed");
			reason(out, "target_due");
			return;
		}
	}
	/* 7. the 12-month best */
	if (f & (1u << best)) {
		decide(out, 7, "improvement");
		reason(out, judge_flag_names[best]);
		return;
	}
	/* 8. special cause at the latest point */
	if (in->spc) {
		decide(out, 8, in->spc > 0 ? "improvement" : "issue");
		reason(out, in->spc > 0 ? "spc_improvement" : "spc_concern");
		return;
	}
	/* 9. annual outcomes against the benchmark */
	if (in->annual && (in->bench == KPI_CMP_BETTER || in->bench == KPI_CMP_WORSE)) {
		int better = in->bench == KPI_CMP_BETTER;
		decide(out, 9, better ? "improvement" : "issue");
		reason(out, better ? "benchmark_better" : "benchmark_worse");
		return;
	}
	/* 10. a slight move the longer view contradicts */
	int lt = longer_trend(in, o, out);
	if (lt) {
		decide(out, 10, lt > 0 ? "improvement" : "issue");
		return;
	}
	/* 11. the latest move */
	if (!in->has_change) {
		decide(out, 11, "stable");
		reason(out, "no_previous");
	} else if (move == 0) {
		/* no move, or one too small to show in the printed figures */
		decide(out, 11, "stable");
		reason(out, "no_change");
	} else if (move > 0) {
		decide(out, 11, "improvement");
		reason(out, "latest_improving");
		if (f & (1u << F_RUN_IMPROVING))
			reason(out, "run_improving");
	} else {
		decide(out, 11, "issue");
		reason(out, "latest_worsening");
		if (f & (1u << F_RUN_WORSENING))
			reason(out, "run_worsening");
	}
}
