/* test_judge.c: the judgement rule of kpi-flag (cmd/kpi-flag/judge.c).
 *
 * Each case is a sentence from the seed council reports
 * (../shared/seeds/, and two from design/report-style.md that quote the
 * held-back report), written as a series of values (tests/data/judge/
 * cases.tsv) and the conclusion the report drew: improvement (listed under
 * good or improved performance) or issue (areas of concern / further
 * improvement).
 *
 * The summaries judged are kpi-trend's own output for those series
 * (tests/data/judge/summaries.ndjson, written by make-summaries and checked
 * against kpi-trend by tests/flag-judge.bats), read into judge_in by
 * kpi-flag's own flag_compute: nothing here re-implements a summary.  What
 * a case adds by hand is what kpi-flag takes from elsewhere (a target, a
 * benchmark, an override).  kpi-flag's own objects (all but main.o) are
 * linked in (Makefile), so this tests the code the tool runs. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "../../cmd/kpi-flag/flag.h"
#include "../../cmd/kpi-flag/judge.h"
#include "tap.h"

/* summaries.ndjson, every line parsed and kept for the whole run (judge_in
 * points into the records) */
static char *summaries_text;
static kpi_record *summaries;
static size_t n_summaries;

static int load_summaries(void)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/data/judge/summaries.ndjson", tap_tests_dir());
	size_t len;
	summaries_text = tap_slurp(path, &len);
	if (!ok(summaries_text != NULL, "read %s", path))
		return -1;
	size_t cap = 64;
	summaries = kpi_xcalloc(cap, sizeof *summaries);
	for (char *line = summaries_text, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line);
		if (n_summaries == cap) {
			summaries = kpi_xrealloc(summaries, 2 * cap * sizeof *summaries);
			memset(summaries + cap, 0, cap * sizeof *summaries);
			cap *= 2;
		}
		char err[256];
		kpi_record_init(&summaries[n_summaries]);
		if (kpi_record_parse(&summaries[n_summaries], line, (size_t)(nl - line), err, sizeof err) != 0) {
			ok(0, "%s: line %zu: %s", path, n_summaries + 1, err);
			return -1;
		}
		n_summaries++;
		if (!*nl)
			break;
	}
	return ok(n_summaries >= 30, "%s holds %zu summaries", path, n_summaries) ? 0 : -1;
}

/* What kpi-flag reads from kpi-trend's summary of series ID (no targets,
 * no benchmark, the default options). */
static judge_in series(const char *id)
{
	judge_in in;
	memset(&in, 0, sizeof in);
	const kpi_record *rec = NULL;
	for (size_t i = 0; i < n_summaries && !rec; i++) {
		const char *ind = kpi_record_str(&summaries[i], "indicator");
		if (ind && strcmp(ind, id) == 0)
			rec = &summaries[i];
	}
	if (!rec) {
		ok(0, "no summary of %s in summaries.ndjson", id);
		return in;
	}
	flag_ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	ctx.small_den = 20;
	ctx.window = 12;
	judge_opts_init(&ctx.jo);
	flag_result r;
	char err[256];
	if (flag_compute(&ctx, rec, &r, err, sizeof err) != 0) {
		ok(0, "kpi-flag reads the summary of %s", id);
		diag("%s", err);
	}
	in = r.in;
	flag_result_free(&r);
	return in;
}

static void flags_text(unsigned f, char *out, size_t sz)
{
	out[0] = '\0';
	for (int i = 0; i < F_COUNT; i++)
		if (f & (1u << i)) {
			if (out[0])
				strncat(out, ",", sz - strlen(out) - 1);
			strncat(out, judge_flag_names[i], sz - strlen(out) - 1);
		}
}

/* Judges IN and checks the assessment, the reasons (comma-joined) and,
 * when FLAG is given, that it is among the flags. */
static void expect(const char *name, const judge_in *in, const judge_opts *opts,
		   const char *assessment, const char *reasons, const char *flag)
{
	judge_opts o;
	judge_opts_init(&o);
	judge_out out;
	tap_case("%s", name);
	judge(in, opts ? opts : &o, &out);
	char got[256] = "";
	for (size_t i = 0; i < out.n_reasons; i++) {
		if (i)
			strcat(got, ",");
		strncat(got, out.reasons[i], sizeof got - strlen(got) - 1);
	}
	is_str(out.assessment, assessment, "%s: assessment", name);
	is_str(got, reasons, "%s: reasons", name);
	if (flag) {
		char fl[512];
		flags_text(out.flags, fl, sizeof fl);
		char pat[64];
		snprintf(pat, sizeof pat, ",%s,", flag);
		char hay[520];
		snprintf(hay, sizeof hay, ",%s,", fl);
		ok(strstr(hay, pat) != NULL, "%s: flag %s (flags: %s)", name, flag, fl);
	}
	tap_case_end();
}

static void seed_000(void)
{
	{ /* visits to children in care dipped a little, not to a 12-month low */
		judge_in in = series("j000_visits");
		expect("000 'There had been a slight decline in relation to the performance data for Visits'",
		       &in, NULL, "issue", "latest_worsening", NULL);
	}
	{ /* pathway plans: lowest in the year although the target (60%) is met */
		judge_in in = series("j000_pathway_plans");
		in.has_target = 1;
		in.target_met = 1;
		expect("000 'Areas of concern related to the timeliness and quality of pathway planning'",
		       &in, NULL, "issue", "window_low", "target_met");
	}
	{ /* PEPs by term, reaching 100% */
		judge_in in = series("j000_peps");
		expect("000 '100% of PEPs had been completed within the Autumn Term'", &in, NULL,
		       "improvement", "window_high", "reporting_commenced");
	}
	{ /* attendance of children in care fell to its lowest */
		judge_in in = series("j000_attendance");
		expect("000 'Attendance was key area of focus, which had reduced'", &in, NULL, "issue",
		       "window_low", NULL);
	}
	{ /* suspensions (a count, lower is better) fell, though not to the year's lowest */
		judge_in in = series("j000_suspensions");
		expect("000 'There had been a reduction in the number of suspensions'", &in, NULL,
		       "improvement", "latest_improving", NULL);
	}
	{ /* persistent absence falling three periods running, to the year's best */
		judge_in in = series("j000_persistent_absence");
		expect("000 'and in the number of young people who are classed as PA (Persistent Absenteeism)'",
		       &in, NULL, "improvement", "window_low", "run_improving");
	}
	{ /* school moves: a neutral count is never judged */
		judge_in in = series("j000_school_moves");
		expect("000 'School moves were very low in December but some of this was planned'", &in,
		       NULL, "stable", "neutral_polarity", NULL);
	}
	{ /* initial health assessments in timescale: 28 of 28 */
		judge_in in = series("j000_iha_timescales");
		expect("000 'Locala monthly data for November showed that 28 IHA's were completed + 3 for OLA, 100% in timescales'",
		       &in, NULL, "improvement", "window_high", NULL);
	}
	{ /* the number of IHAs doubled: neutral, so stable unless overridden */
		judge_in in = series("j000_iha_count");
		expect("000 'The number of IHA's had doubled from the previous month' (neutral)", &in, NULL,
		       "stable", "neutral_polarity", "window_high");
		in.override = "improvement";
		in.override_reason = "more children assessed";
		expect("000 'The number of IHA's had doubled from the previous month' (override)", &in,
		       NULL, "improvement", "override,more children assessed", NULL);
	}
	{ /* review health assessments: a continuing fall, not to the year's low */
		judge_in in = series("j000_review_health");
		expect("000 'This showed a continuing downward trend' (review health assessments)", &in,
		       NULL, "issue", "latest_worsening,run_worsening", "run_worsening");
	}
	{ /* the same, the latest point a special cause (trend rule): concern decides a slight rise */
		judge_in in = series("j000_review_health_spc");
		in.spc = -1;
		expect("000 'This showed a continuing downward trend' (SPC concern at the latest point)",
		       &in, NULL, "issue", "spc_concern", "spc_concern");
	}
	{ /* dental checks, annual, against England 81% */
		judge_in in = series("j000_dental");
		ok(in.annual, "yearly periods are annual");
		in.bench = KPI_CMP_WORSE;
		expect("000 'Kirklees rolling 12-month data shows that 61.5% of children aged 1+ ... had attended the dentist'",
		       &in, NULL, "issue", "benchmark_worse", "benchmark_worse");
	}
	{ /* annual health assessments, annual, above England */
		judge_in in = series("j000_annual_health");
		ok(in.annual, "yearly periods are annual");
		in.bench = KPI_CMP_BETTER;
		expect("000 '86.9% and 91% of the Developmental and Annual assessments were completed in statutory timescales' (annual, better than England)",
		       &in, NULL, "improvement", "benchmark_better", "benchmark_better");
	}
}

static void seed_001(void)
{
	{ /* caseloads (lower is better) fell again, to the year's lowest */
		judge_in in = series("j001_caseloads");
		expect("001 'Social Worker caseloads had reduced again across all the teams'", &in, NULL,
		       "improvement", "window_low", "run_improving");
	}
	{ /* persistent absence at its 12-month high */
		judge_in in = series("j001_persistent_absence");
		expect("001 'The persistent absence percentage was high and the percentage of children attending school was low'",
		       &in, NULL, "issue", "window_high", NULL);
		in.data_quality = 1;
		expect("001 'The Government had changed the persistent absence threshold ... this may account for some of the increase'",
		       &in, NULL, "issue", "window_high", "data_quality");
	}
	{ /* children in need: a neutral count falling by 200-300 */
		judge_in in = series("j001_children_in_need");
		expect("001 'The Children in Need figures over the last couple of months had seen a decrease of approximately 200-300 children'",
		       &in, NULL, "stable", "neutral_polarity", NULL);
	}
	{ /* health assessments: 1 of 2, after 2 of 3 and 3 of 4 */
		judge_in in = series("j001_health_assessments");
		/* kpi-flag works these out from the numerator and denominator */
		ok(in.small_den, "1 of 2 is a small denominator");
		ok(in.prev_in_interval, "66.7 lies inside 1 of 2's 9.5%%-90.5%%");
		expect("001 'In January, 2017 50% of the Health Assessments of LAC carried out. The 50% was two children'",
		       &in, NULL, "issue", "window_low", "small_denominator");
		judge_opts o;
		judge_opts_init(&o);
		o.small_n_stable = 1;
		expect("001 'The 50% was two children of which only one had a Health Assessment' (--small-n stable)",
		       &in, &o, "stable", "small_denominator", NULL);
	}
	{ /* foster families: target 15 achieved, raised to 25 (due later); still improving */
		judge_in in = series("j001_foster_families");
		in.has_target = 1;
		in.target_met = 0;
		in.target_due_soon = 0;
		expect("001 'The target for the number of foster families had been achieved (15) and had been increased to 25'",
		       &in, NULL, "improvement", "latest_improving,run_improving", "target_missed");
	}
	{ /* the decline in performance of the LAC service */
		judge_in in = series("j001_lac_decline");
		expect("001 'What other reasons were there for the decline in performance'", &in, NULL,
		       "issue", "latest_worsening", NULL);
	}
	{ /* the new case management system: since the changeover every figure is in error */
		judge_in in = series("j001_case_system");
		expect("001 'The changeover had created a number of challenges in terms of data quality and reporting'",
		       &in, NULL, "issue", "data_error", NULL);
		in = series("j001_case_system_missing");
		expect("001 'teams were still adjusting to new recording requirements and addressing data migration gaps'",
		       &in, NULL, "no_data", "missing", NULL);
	}
}

static void seed_002_003(void)
{
	{ /* EHCPs in 20 weeks, as at Sep 24, target 60% due Dec 24: improving towards it */
		judge_in in = series("j002_ehcp_back_on_track");
		in.has_target = 1;
		in.target_met = 0;
		in.target_due_soon = 0;
		expect("002 'the completion of EHCPs within timescales would be back on track by the end of the year'",
		       &in, NULL, "improvement", "window_high", "target_missed");
	}
	{ /* EHCPs at 14% in Jan 2020 against 58% promised by Dec 2019: due passed */
		judge_in in = series("j003_ehcp_at_14");
		in.has_target = 1;
		in.target_met = 0;
		in.target_due_soon = 1;
		expect("003 'Members asked why were the EHCP still at 14% of completion within the 20 week target'",
		       &in, NULL, "issue", "target_missed,target_due", "run_improving");
	}
	{ /* repeat referrals: a year-long rise, then a slight fall; kpi-trend's SPC
	   * finds the latest point a special cause (concern), which decides first */
		judge_in in = series("j003_repeat_referrals");
		expect("003 'Members were also concerned about the percentage of repeat referrals'", &in,
		       NULL, "issue", "spc_concern", "spc_concern");
	}
	{ /* the same concern on a series in common cause: a slight fall, but worse
	   * than a year ago and the 12-month mean (the longer view, rule 10) */
		judge_in in = series("j003_repeat_referrals_common_cause");
		expect("003 'Members were also concerned about the percentage of repeat referrals' (common cause)",
		       &in, NULL, "issue", "slight_improving,worse_than_year_ago,worse_than_mean", NULL);
	}
	{ /* visits done but recorded late: the recorded figure is the year's lowest */
		judge_in in = series("j003_visits_recorded_late");
		in.data_quality = 1;
		expect("003 'visits were taking place within the timeframe, however they were sometimes not being recorded within the timeframe'",
		       &in, NULL, "issue", "window_low", "data_quality");
	}
	{ /* missing children (children, not episodes) rose to 49 */
		judge_in in = series("j003_missing_children");
		expect("003 '49 was the number of children and not the number of incidents'", &in, NULL,
		       "issue", "latest_worsening", NULL);
	}
	{ /* the service said timescales were improving, with months left on the target */
		judge_in in = series("j003_timescales_improving");
		in.has_target = 1;
		in.target_met = 0;
		expect("003 'He stated the timescales were improving'", &in, NULL, "improvement",
		       "latest_improving", "target_missed");
	}
}

static void report_style(void)
{
	{ /* pattern 6: a slight dip after improving since reporting began */
		judge_in in = series("style_initial_peps");
		expect("style '63.4% of initial PEPs were on time in Oct 22, slightly lower than Sep 22 (64.1%), but improving steadily since reporting began'",
		       &in, NULL, "improvement", "slight_worsening,improving_before", "reporting_commenced");
	}
	{ /* §7: steadily improving, at its best, but a staged target due next month is far off */
		judge_in in = series("style_staged_target");
		in.has_target = 1;
		in.target_met = 0;
		in.target_due_soon = 1;
		expect("style 'The held-back report lists a steadily improving indicator as an issue because a staged target due the next month was far off'",
		       &in, NULL, "issue", "target_missed,target_due", "window_high");
	}
	{ /* §6: plans lasting two years: down from 6.7% to 3.4%, December target met early */
		judge_in in = series("style_plans_two_years");
		in.has_target = 1;
		in.target_met = 1;
		expect("style 'the December target is met early'", &in, NULL, "improvement",
		       "latest_improving", "target_met");
	}
	{ /* §7 rule 5: a slight bad move after a run of improvement, the series in
	   * common cause and better than a year ago and the mean */
		judge_in in = series("style_rule_5");
		expect("style 'a value better than both a year ago and the 12-month mean, stays Improvement'",
		       &in, NULL, "improvement", "slight_worsening,improving_before", NULL);
		/* without the run before it, the year ago and the mean decide */
		in = series("style_rule_5_no_run");
		expect("style 'better than both a year ago and the 12-month mean' (no run)", &in, NULL,
		       "improvement", "slight_worsening,better_than_year_ago,better_than_mean", NULL);
	}
	{ /* the same dip at the end of a steady year-long rise: kpi-trend's SPC
	   * finds it a special cause (improvement), which decides first */
		judge_in in = series("style_rule_5_steady");
		expect("style 'a value better than both a year ago and the 12-month mean' (steady rise: SPC)",
		       &in, NULL, "improvement", "spc_improvement", "spc_improvement");
	}
}

static void edges(void)
{
	{
		judge_in in = series("edge_single_point");
		expect("single point: stable, nothing to compare", &in, NULL, "stable", "no_previous", NULL);
	}
	{
		judge_in in = series("edge_flat");
		judge_opts o;
		judge_opts_init(&o);
		judge_out out;
		tap_case("flat series: stable, neither window_high nor window_low");
		judge(&in, &o, &out);
		is_str(out.assessment, "stable", "flat series: stable");
		ok(!(out.flags & (1u << F_WINDOW_HIGH)) && !(out.flags & (1u << F_WINDOW_LOW)),
		   "flat series: neither window_high nor window_low");
		tap_case_end();
	}
	{
		judge_in in = series("edge_two_points");
		expect("two points: a fall is the latest move, not a 12-month low", &in, NULL, "issue",
		       "latest_worsening", NULL);
	}
	{
		judge_in in = series("edge_all_null");
		expect("all null: no_data, the status as the reason", &in, NULL, "no_data", "missing", NULL);
	}
	{ /* no value and no status (kpi-trend always writes one): no_value */
		judge_in in;
		memset(&in, 0, sizeof in);
		in.pol = KPI_POL_HIGHER;
		expect("no value, no status: no_data, no_value", &in, NULL, "no_data", "no_value", NULL);
	}
	{ /* an error after good figures: kpi-trend summarises the latest good one,
	   * a period old (stale) */
		judge_in in = series("edge_error_after_values");
		expect("a figure in error after good ones: the latest good one is judged, flagged stale",
		       &in, NULL, "improvement", "latest_improving", "stale");
	}
	{
		judge_in in = series("edge_lower_target");
		in.has_target = 1;
		in.target_met = 0;
		expect("lower is better, target missed and the latest move good: not an issue", &in, NULL,
		       "improvement", "latest_improving", "target_missed");
		in = series("edge_higher_target");
		in.has_target = 1;
		in.target_met = 0;
		expect("higher is better, target missed and the latest move bad: issue", &in, NULL,
		       "issue", "target_missed,latest_worsening", NULL);
	}
	{
		judge_in in = series("edge_neutral_everything");
		in.spc = 1;
		in.has_target = 1;
		in.bench = KPI_CMP_HIGHER;
		expect("neutral with a special cause, a target and a benchmark: still stable", &in, NULL,
		       "stable", "neutral_polarity", NULL);
	}
	{
		judge_in in = series("edge_count_mean");
		expect("count +2 with a longer view disagreeing only on the mean: latest move decides",
		       &in, NULL, "improvement", "latest_improving", NULL);
	}
	ok(judge_goodness(KPI_POL_LOWER, -1) == 1 && judge_goodness(KPI_POL_HIGHER, -1) == -1 &&
	   judge_goodness(KPI_POL_NEUTRAL, 1) == 0, "goodness by polarity");
}

/* A move from PREV to V (with counts PN and N unless NaN), classified. */
static judge_in move_in(judge_unit unit, double prev, double v, double pn, double n)
{
	judge_in in;
	memset(&in, 0, sizeof in);
	in.pol = KPI_POL_HIGHER;
	in.unit = unit;
	in.decimals = unit == UNIT_PERCENT ? 1 : unit == UNIT_COUNT ? 0 : -1;
	in.has_value = 1;
	in.value = v;
	in.has_previous = 1;
	in.previous = prev;
	in.has_change = 1;
	in.change = v - prev;
	in.has_num = !isnan(n);
	in.num = n;
	in.has_prev_num = !isnan(pn);
	in.prev_num = pn;
	return in;
}

static void move_is(const char *name, const judge_in *in, const judge_opts *opts, const char *exp)
{
	judge_opts o;
	judge_opts_init(&o);
	const char *got = judge_move_name(judge_movement(in, opts ? opts : &o));
	is_str(got ? got : "(none)", exp, "movement: %s", name);
}

/* The rule that sized a move and its band (movement_basis, movement_band). */
static void basis_is(const char *name, const judge_in *in, const judge_opts *opts, const char *exp, double band)
{
	judge_opts o;
	judge_opts_init(&o);
	judge_basis b;
	double got = -1;
	judge_movement_basis(in, opts ? opts : &o, &b, &got);
	is_str(judge_basis_name(b) ? judge_basis_name(b) : "(none)", exp, "movement basis: %s", name);
	is_num(got, band, 1e-12, "movement band: %s", name);
}

static void movement_basis(void)
{
	judge_opts o;
	judge_opts_init(&o);
	judge_in in = move_in(UNIT_PERCENT, 64.1, 64.14, NAN, NAN);
	basis_is("unchanged as printed: no rule", &in, NULL, "(none)", 0);
	in = move_in(UNIT_PERCENT, 6.5, 11.1, 2, 3);
	basis_is("the count moved by one", &in, NULL, "count", 2);
	in = move_in(UNIT_PERCENT, 64.1, 63.4, NAN, NAN);
	basis_is("a percentage without SPC: 3 points", &in, NULL, "points", 3);
	o.slight_points = 0.5;
	o.slight_points_set = 1;
	basis_is("--slight-points 0.5", &in, &o, "points", 0.5);
	in = move_in(UNIT_OTHER, 100, 104, NAN, NAN);
	basis_is("a rate without SPC: 3% of itself", &in, NULL, "percent", 3);
	in = move_in(UNIT_PERCENT, 80.0, 80.8, 100, 111);
	in.has_avg_mr = 1;
	in.avg_mr = 1.0;
	basis_is("within the moving range", &in, NULL, "moving_range", 1.0);
	in.value = 83.5;
	in.change = 3.5;
	basis_is("beyond three moving ranges", &in, NULL, "moving_range", 1.0);
	in.has_limits = 1;
	in.ucl = 81.9;
	in.lcl = 70;
	basis_is("outside the process limits", &in, NULL, "limits", 0);
	judge_in none = {0};
	basis_is("no previous value", &none, NULL, "(none)", 0);
}

/* report-style.md §9: unchanged, slight, sharp, else clear; the first that holds. */
static void movement(void)
{
	judge_in in = move_in(UNIT_PERCENT, 64.1, 64.14, NAN, NAN);
	move_is("64.1% to 64.14%: the same as printed", &in, NULL, "unchanged");
	in = move_in(UNIT_COUNT, 17, 17.4, NAN, NAN);
	move_is("a count 17 to 17.4 prints 17 both times", &in, NULL, "unchanged");
	in = move_in(UNIT_PERCENT, 6.5, 11.1, 2, 3);
	move_is("6.5% (2) to 11.1% (3): the count moved by one", &in, NULL, "slight");
	in = move_in(UNIT_PERCENT, 3.2, 3.4, 5, 5);
	move_is("3.2% (5) to 3.4% (5): the count did not move", &in, NULL, "slight");
	in = move_in(UNIT_PERCENT, 71.4, 80.0, NAN, NAN);
	move_is("71.4% to 80.0% without counts or SPC: over 3 points", &in, NULL, "clear");
	in = move_in(UNIT_PERCENT, 64.1, 63.4, NAN, NAN);
	move_is("64.1% to 63.4% without SPC: within 3 points", &in, NULL, "slight");
	in = move_in(UNIT_COUNT, 39, 38, NAN, NAN);
	move_is("a count 39 to 38", &in, NULL, "slight");
	in = move_in(UNIT_COUNT, 11, 24, NAN, NAN);
	move_is("a count 11 to 24", &in, NULL, "clear");
	in = move_in(UNIT_OTHER, 100, 102, NAN, NAN);
	move_is("a rate up 2% of itself", &in, NULL, "slight");
	in = move_in(UNIT_OTHER, 100, 104, NAN, NAN);
	move_is("a rate up 4% of itself", &in, NULL, "clear");

	/* with SPC: the average moving range is the band, three of them sharp */
	in = move_in(UNIT_PERCENT, 80.0, 80.8, 100, 101 + 10);
	in.has_avg_mr = 1;
	in.avg_mr = 1.0;
	move_is("0.8 points within an average moving range of 1.0", &in, NULL, "slight");
	in.value = 82.0;
	in.change = 2.0;
	move_is("2.0 points: clear", &in, NULL, "clear");
	in.value = 83.5;
	in.change = 3.5;
	move_is("3.5 points: more than three moving ranges", &in, NULL, "sharp");
	in.value = 82.0;
	in.change = 2.0;
	in.has_limits = 1;
	in.ucl = 81.9;
	in.lcl = 70;
	move_is("2.0 points to above the upper process limit", &in, NULL, "sharp");
	in.num = in.prev_num + 2;
	move_is("outside the limits, but the count moved by two: slight first", &in, NULL, "slight");
	in = move_in(UNIT_PERCENT, 80.0, 82.0, NAN, NAN);
	in.has_avg_mr = 1;
	in.avg_mr = 5;
	move_is("2 points within a moving range of 5", &in, NULL, "slight");
	judge_opts o;
	judge_opts_init(&o);
	o.slight_points = 1;
	o.slight_points_set = 1;
	move_is("--slight-points 1 replaces the moving range", &in, &o, "clear");
	in = move_in(UNIT_OTHER, 50, 53, NAN, NAN);
	in.has_avg_mr = 1;
	in.avg_mr = 4;
	move_is("a rate's 3 within its moving range of 4", &in, NULL, "slight");
	judge_opts_init(&o);
	o.slight_percent = 10;
	o.slight_percent_set = 1;
	in.value = 56;
	in.change = 6;
	move_is("--slight-percent 10: 6 is 12% of 50", &in, &o, "clear");
	in.value = 54;
	in.change = 4;
	move_is("--slight-percent 10: 4 is under 10% of 50", &in, &o, "slight");

	in = move_in(UNIT_PERCENT, 50, 50, NAN, NAN);
	in.has_previous = 0;
	in.has_change = 0;
	move_is("no previous value", &in, NULL, "(none)");
	in = move_in(UNIT_PERCENT, 50, 52, NAN, NAN);
	in.has_previous = 0;
	move_is("the previous value from the change", &in, NULL, "slight");

	/* the judgement reads the same classification */
	in = series("movement_unseen_rise");
	expect("a rise that does not show in the printed figures is no move", &in, NULL, "stable",
	       "no_change", NULL);
}

int main(void)
{
	if (load_summaries() != 0)
		return tap_done();
	movement();
	movement_basis();
	seed_000();
	seed_001();
	seed_002_003();
	report_style();
	edges();
	return tap_done();
}
