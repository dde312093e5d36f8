/* test_judge.c: the judgement rule of kpi-flag (cmd/kpi-flag/judge.c).
 *
 * Each case is a sentence from the seed council reports
 * (../shared/seeds/, and two from design/report-style.md that quote the
 * held-back report), written as a series of values and the conclusion the
 * report drew: improvement (listed under good or improved performance) or
 * issue (areas of concern / further improvement).  series() below works
 * out the summary fields kpi-trend would give (previous, window, year ago,
 * runs) from the values, oldest first, so each case reads as the report
 * does.  judge.c is kpi-flag's private code, so it is compiled in here. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "../../cmd/kpi-flag/judge.c"
#include "tap.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define NUL NAN

static int sgn(double d)
{
	return d > 0 ? 1 : d < 0 ? -1 : 0;
}

/* The summary of V[0..n) (NaN = null), as kpi-trend describes it, with a
 * 12-period window. */
static judge_in series(kpi_polarity pol, judge_unit unit, const double *v, size_t n)
{
	judge_in in;
	memset(&in, 0, sizeof in);
	in.pol = pol;
	in.unit = unit;
	in.decimals = unit == UNIT_PERCENT ? 1 : unit == UNIT_COUNT ? 0 : -1; /* as a report prints them */
	long last = -1, first = -1;
	for (size_t i = 0; i < n; i++)
		if (!isnan(v[i])) {
			last = (long)i;
			if (first < 0)
				first = (long)i;
		}
	if (last < 0)
		return in;
	in.has_value = 1;
	in.value = v[last];
	if (last >= 1 && !isnan(v[last - 1])) {
		in.has_change = 1;
		in.change = v[last] - v[last - 1];
		if (v[last - 1] != 0) {
			in.has_change_pct = 1;
			in.change_pct = in.change / fabs(v[last - 1]) * 100;
		}
	}
	double hi = -INFINITY, lo = INFINITY, sum = 0;
	int count = 0;
	for (long i = last - 11 < 0 ? 0 : last - 11; i <= last; i++) {
		if (isnan(v[i]))
			continue;
		hi = fmax(hi, v[i]);
		lo = fmin(lo, v[i]);
		sum += v[i];
		count++;
	}
	in.window_length = count;
	in.is_high = v[last] >= hi;
	in.is_low = v[last] <= lo;
	in.has_mean = 1;
	in.mean = sum / count;
	if (last >= 12 && !isnan(v[last - 12])) {
		in.has_year_ago = 1;
		in.year_ago = v[last - 12];
	}
	/* the run ending at K: direction and number of changes */
	for (int which = 0; which < 2; which++) {
		long k = last - which, start = k;
		int dir = 0, len = 0;
		while (k >= 1 && !isnan(v[k]) && !isnan(v[k - 1])) {
			int s = sgn(v[k] - v[k - 1]);
			if (s == 0 || (dir && s != dir))
				break;
			dir = s;
			len++;
			start = --k;
		}
		if (which == 0) {
			in.run_dir = dir;
			in.run_length = len;
		} else {
			in.prior_dir = dir;
			in.prior_length = len;
			in.prior_from_first = len > 0 && start == first;
		}
	}
	in.reporting_commenced = first > last - 12;
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
}

#define H KPI_POL_HIGHER
#define L KPI_POL_LOWER
#define NEU KPI_POL_NEUTRAL
#define PCT UNIT_PERCENT
#define CNT UNIT_COUNT
#define OTH UNIT_OTHER

static void seed_000(void)
{
	{ /* visits to children in care dipped a little, not to a 12-month low */
		double v[] = {91.0, 93.5, 94.1, 92.8, 93.9, 94.4, 93.2, 94.0, 93.6, 94.2, 93.8, 93.1};
		judge_in in = series(H, PCT, v, N(v));
		expect("000 'There had been a slight decline in relation to the performance data for Visits'",
		       &in, NULL, "issue", "latest_worsening", NULL);
	}
	{ /* pathway plans: lowest in the year although the target (60%) is met */
		double v[] = {71, 74, 72, 70, 73, 69, 68, 70, 67, 66, 68, 65};
		judge_in in = series(H, PCT, v, N(v));
		in.has_target = 1;
		in.target_met = 1;
		expect("000 'Areas of concern related to the timeliness and quality of pathway planning'",
		       &in, NULL, "issue", "window_low", "target_met");
	}
	{ /* PEPs by term, reaching 100% */
		double v[] = {88, 91, 95, 100};
		judge_in in = series(H, PCT, v, N(v));
		expect("000 '100% of PEPs had been completed within the Autumn Term'", &in, NULL,
		       "improvement", "window_high", "reporting_commenced");
	}
	{ /* attendance of children in care fell to its lowest */
		double v[] = {94.1, 93.8, 94.5, 93.2, 92.9};
		judge_in in = series(H, PCT, v, N(v));
		expect("000 'Attendance was key area of focus, which had reduced'", &in, NULL, "issue",
		       "window_low", NULL);
	}
	{ /* suspensions (a count, lower is better) fell, though not to the year's lowest */
		double v[] = {14, 8, 15, 11, 13, 10};
		judge_in in = series(L, CNT, v, N(v));
		expect("000 'There had been a reduction in the number of suspensions'", &in, NULL,
		       "improvement", "latest_improving", NULL);
	}
	{ /* persistent absence falling three periods running, to the year's best */
		double v[] = {25.0, 24.5, 23.9, 23.1, 22.4};
		judge_in in = series(L, PCT, v, N(v));
		expect("000 'and in the number of young people who are classed as PA (Persistent Absenteeism)'",
		       &in, NULL, "improvement", "window_low", "run_improving");
	}
	{ /* school moves: a neutral count is never judged */
		double v[] = {12, 9, 14, 3};
		judge_in in = series(NEU, CNT, v, N(v));
		expect("000 'School moves were very low in December but some of this was planned'", &in,
		       NULL, "stable", "neutral_polarity", NULL);
	}
	{ /* initial health assessments in timescale: 28 of 28 */
		double v[] = {71.4, 80.0, 76.9, 100};
		judge_in in = series(H, PCT, v, N(v));
		expect("000 'Locala monthly data for November showed that 28 IHA's were completed + 3 for OLA, 100% in timescales'",
		       &in, NULL, "improvement", "window_high", NULL);
	}
	{ /* the number of IHAs doubled: neutral, so stable unless overridden */
		double v[] = {15, 12, 14, 28};
		judge_in in = series(NEU, CNT, v, N(v));
		expect("000 'The number of IHA's had doubled from the previous month' (neutral)", &in, NULL,
		       "stable", "neutral_polarity", "window_high");
		in.override = "improvement";
		in.override_reason = "more children assessed";
		expect("000 'The number of IHA's had doubled from the previous month' (override)", &in,
		       NULL, "improvement", "override,more children assessed", NULL);
	}
	{ /* review health assessments: a continuing fall, not to the year's low */
		double v[] = {55, 60, 71, 74, 73, 70, 66, 62};
		judge_in in = series(H, PCT, v, N(v));
		expect("000 'This showed a continuing downward trend' (review health assessments)", &in,
		       NULL, "issue", "latest_worsening,run_worsening", "run_worsening");
	}
	{ /* the same, the latest point a special cause (trend rule): concern decides a slight rise */
		double v[] = {74, 73, 72, 70, 68, 66, 62, 60, 58, 55, 54, 52, 58, 60, 60.5};
		judge_in in = series(H, PCT, v, N(v));
		in.spc = -1;
		expect("000 'This showed a continuing downward trend' (SPC concern at the latest point)",
		       &in, NULL, "issue", "spc_concern", "spc_concern");
	}
	{ /* dental checks, annual, against England 81% */
		double v[] = {64.0, 61.5};
		judge_in in = series(H, PCT, v, N(v));
		in.annual = 1;
		in.bench = KPI_CMP_WORSE;
		expect("000 'Kirklees rolling 12-month data shows that 61.5% of children aged 1+ ... had attended the dentist'",
		       &in, NULL, "issue", "benchmark_worse", "benchmark_worse");
	}
	{ /* annual health assessments, annual, above England */
		double v[] = {91.5, 91.0};
		judge_in in = series(H, PCT, v, N(v));
		in.annual = 1;
		in.bench = KPI_CMP_BETTER;
		expect("000 '86.9% and 91% of the Developmental and Annual assessments were completed in statutory timescales' (annual, better than England)",
		       &in, NULL, "improvement", "benchmark_better", "benchmark_better");
	}
}

static void seed_001(void)
{
	{ /* caseloads (lower is better) fell again, to the year's lowest */
		double v[] = {24.1, 23.5, 22.0, 21.2, 19.8, 18.9};
		judge_in in = series(L, OTH, v, N(v));
		expect("001 'Social Worker caseloads had reduced again across all the teams'", &in, NULL,
		       "improvement", "window_low", "run_improving");
	}
	{ /* persistent absence at its 12-month high */
		double v[] = {10.5, 11.2, 10.9, 11.8, 12.0, 11.7, 12.9, 13.4};
		judge_in in = series(L, PCT, v, N(v));
		expect("001 'The persistent absence percentage was high and the percentage of children attending school was low'",
		       &in, NULL, "issue", "window_high", NULL);
		in.data_quality = 1;
		expect("001 'The Government had changed the persistent absence threshold ... this may account for some of the increase'",
		       &in, NULL, "issue", "window_high", "data_quality");
	}
	{ /* children in need: a neutral count falling by 200-300 */
		double v[] = {3100, 3080, 2950, 2800};
		judge_in in = series(NEU, CNT, v, N(v));
		expect("001 'The Children in Need figures over the last couple of months had seen a decrease of approximately 200-300 children'",
		       &in, NULL, "stable", "neutral_polarity", NULL);
	}
	{ /* health assessments: 1 of 2, after 2 of 3 and 3 of 4 */
		double v[] = {75, 66.7, 50};
		judge_in in = series(H, PCT, v, N(v));
		in.small_den = 1;
		in.prev_in_interval = 1; /* 66.7 lies inside 1 of 2's 9.5%-90.5% */
		expect("001 'In January, 2017 50% of the Health Assessments of LAC carried out. The 50% was two children'",
		       &in, NULL, "issue", "window_low", "small_denominator");
		judge_opts o;
		judge_opts_init(&o);
		o.small_n_stable = 1;
		expect("001 'The 50% was two children of which only one had a Health Assessment' (--small-n stable)",
		       &in, &o, "stable", "small_denominator", NULL);
	}
	{ /* foster families: target 15 achieved, raised to 25 (due later); still improving */
		double v[] = {17, 12, 13, 15, 16};
		judge_in in = series(H, CNT, v, N(v));
		in.has_target = 1;
		in.target_met = 0;
		in.target_due_soon = 0;
		expect("001 'The target for the number of foster families had been achieved (15) and had been increased to 25'",
		       &in, NULL, "improvement", "latest_improving,run_improving", "target_missed");
	}
	{ /* the decline in performance of the LAC service */
		double v[] = {90, 94, 96, 95, 97, 96, 92};
		judge_in in = series(H, PCT, v, N(v));
		expect("001 'What other reasons were there for the decline in performance'", &in, NULL,
		       "issue", "latest_worsening", NULL);
	}
	{ /* the new case management system: an error value cannot be analysed */
		double v[] = {88, 90, NUL};
		judge_in in = series(H, PCT, v, N(v));
		in.has_value = 0;
		in.status = "error";
		expect("001 'The changeover had created a number of challenges in terms of data quality and reporting'",
		       &in, NULL, "issue", "data_error", NULL);
		in.status = "missing";
		expect("001 'teams were still adjusting to new recording requirements and addressing data migration gaps'",
		       &in, NULL, "no_data", "missing", NULL);
	}
}

static void seed_002_003(void)
{
	{ /* EHCPs in 20 weeks, as at Sep 24, target 60% due Dec 24: improving towards it */
		double v[] = {31, 35, 38, 42, 47};
		judge_in in = series(H, PCT, v, N(v));
		in.has_target = 1;
		in.target_met = 0;
		in.target_due_soon = 0;
		expect("002 'the completion of EHCPs within timescales would be back on track by the end of the year'",
		       &in, NULL, "improvement", "window_high", "target_missed");
	}
	{ /* EHCPs at 14% in Jan 2020 against 58% promised by Dec 2019: due passed */
		double v[] = {9, 10, 12, 14};
		judge_in in = series(H, PCT, v, N(v));
		in.has_target = 1;
		in.target_met = 0;
		in.target_due_soon = 1;
		expect("003 'Members asked why were the EHCP still at 14% of completion within the 20 week target'",
		       &in, NULL, "issue", "target_missed,target_due", "run_improving");
	}
	{ /* repeat referrals: a slight fall, but worse than a year ago and the average */
		double v[] = {18.0, 18.5, 19.0, 19.8, 20.4, 21.0, 21.5, 21.1, 22.0, 21.7, 22.3, 22.9, 22.0};
		judge_in in = series(L, PCT, v, N(v));
		expect("003 'Members were also concerned about the percentage of repeat referrals'", &in,
		       NULL, "issue", "slight_improving,worse_than_year_ago,worse_than_mean", NULL);
	}
	{ /* visits done but recorded late: the recorded figure is the year's lowest */
		double v[] = {85, 88, 87, 89, 86, 84.5};
		judge_in in = series(H, PCT, v, N(v));
		in.data_quality = 1;
		expect("003 'visits were taking place within the timeframe, however they were sometimes not being recorded within the timeframe'",
		       &in, NULL, "issue", "window_low", "data_quality");
	}
	{ /* missing children (children, not episodes) rose to 49 */
		double v[] = {52, 38, 45, 41, 49};
		judge_in in = series(L, CNT, v, N(v));
		expect("003 '49 was the number of children and not the number of incidents'", &in, NULL,
		       "issue", "latest_worsening", NULL);
	}
	{ /* the service said timescales were improving, with months left on the target */
		double v[] = {20, 16, 12, 13, 14};
		judge_in in = series(H, PCT, v, N(v));
		in.has_target = 1;
		in.target_met = 0;
		expect("003 'He stated the timescales were improving'", &in, NULL, "improvement",
		       "latest_improving", "target_missed");
	}
}

static void report_style(void)
{
	{ /* pattern 6: a slight dip after improving since reporting began */
		double v[] = {52.8, 55.0, 58.1, 60.2, 62.0, 64.1, 63.4};
		judge_in in = series(H, PCT, v, N(v));
		expect("style '63.4% of initial PEPs were on time in Oct 22, slightly lower than Sep 22 (64.1%), but improving steadily since reporting began'",
		       &in, NULL, "improvement", "slight_worsening,improving_before", "reporting_commenced");
	}
	{ /* §7: steadily improving, at its best, but a staged target due next month is far off */
		double v[] = {40, 43, 47, 50, 54, 57};
		judge_in in = series(H, PCT, v, N(v));
		in.has_target = 1;
		in.target_met = 0;
		in.target_due_soon = 1;
		expect("style 'The held-back report lists a steadily improving indicator as an issue because a staged target due the next month was far off'",
		       &in, NULL, "issue", "target_missed,target_due", "window_high");
	}
	{ /* §6: plans lasting two years: down from 6.7% to 3.4%, December target met early */
		double v[] = {3.0, 5.1, 4.8, 5.5, 6.7, 3.4};
		judge_in in = series(L, PCT, v, N(v));
		in.has_target = 1;
		in.target_met = 1;
		expect("style 'the December target is met early'", &in, NULL, "improvement",
		       "latest_improving", "target_met");
	}
	{ /* §7 rule 5: a slight bad move on a series better than a year ago and the mean */
		double v[] = {70, 72, 71, 73, 74, 73, 75, 76, 75, 77, 78, 79, 78};
		judge_in in = series(H, PCT, v, N(v));
		expect("style 'a value better than both a year ago and the 12-month mean, stays Improvement'",
		       &in, NULL, "improvement", "slight_worsening,improving_before", NULL);
		/* without the run before it, the year ago and the mean decide */
		in.prior_dir = 0;
		in.prior_length = 0;
		expect("style 'better than both a year ago and the 12-month mean' (no run)", &in, NULL,
		       "improvement", "slight_worsening,better_than_year_ago,better_than_mean", NULL);
	}
}

static void edges(void)
{
	{
		double v[] = {50};
		judge_in in = series(H, PCT, v, N(v));
		expect("single point: stable, nothing to compare", &in, NULL, "stable", "no_previous", NULL);
	}
	{
		double v[] = {60, 60, 60, 60};
		judge_in in = series(H, PCT, v, N(v));
		judge_opts o;
		judge_opts_init(&o);
		judge_out out;
		judge(&in, &o, &out);
		is_str(out.assessment, "stable", "flat series: stable");
		ok(!(out.flags & (1u << F_WINDOW_HIGH)) && !(out.flags & (1u << F_WINDOW_LOW)),
		   "flat series: neither window_high nor window_low");
	}
	{
		double v[] = {50, 40};
		judge_in in = series(H, PCT, v, N(v));
		expect("two points: a fall is the latest move, not a 12-month low", &in, NULL, "issue",
		       "latest_worsening", NULL);
	}
	{
		double v[] = {NUL, NUL};
		judge_in in = series(L, PCT, v, N(v));
		expect("all null: no_data", &in, NULL, "no_data", "no_value", NULL);
	}
	{
		double v[] = {20, 25, 30, 28};
		judge_in in = series(L, PCT, v, N(v));
		in.has_target = 1;
		in.target_met = 0;
		expect("lower is better, target missed and the latest move good: not an issue", &in, NULL,
		       "improvement", "latest_improving", "target_missed");
		in = series(H, PCT, v, N(v));
		in.has_target = 1;
		in.target_met = 0;
		expect("higher is better, target missed and the latest move bad: issue", &in, NULL,
		       "issue", "target_missed,latest_worsening", NULL);
	}
	{
		double v[] = {30, 31, 30, 31, 33};
		judge_in in = series(NEU, PCT, v, N(v));
		in.spc = 1;
		in.has_target = 1;
		in.bench = KPI_CMP_HIGHER;
		expect("neutral with a special cause, a target and a benchmark: still stable", &in, NULL,
		       "stable", "neutral_polarity", NULL);
	}
	{
		double v[] = {100, 90, 95, 97};
		judge_in in = series(H, CNT, v, N(v));
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

/* report-style.md §9: unchanged, slight, sharp, else clear; the first that holds. */
static void movement(void)
{
	judge_in in = move_in(PCT, 64.1, 64.14, NUL, NUL);
	move_is("64.1% to 64.14%: the same as printed", &in, NULL, "unchanged");
	in = move_in(CNT, 17, 17.4, NUL, NUL);
	move_is("a count 17 to 17.4 prints 17 both times", &in, NULL, "unchanged");
	in = move_in(PCT, 6.5, 11.1, 2, 3);
	move_is("6.5% (2) to 11.1% (3): the count moved by one", &in, NULL, "slight");
	in = move_in(PCT, 3.2, 3.4, 5, 5);
	move_is("3.2% (5) to 3.4% (5): the count did not move", &in, NULL, "slight");
	in = move_in(PCT, 71.4, 80.0, NUL, NUL);
	move_is("71.4% to 80.0% without counts or SPC: over 3 points", &in, NULL, "clear");
	in = move_in(PCT, 64.1, 63.4, NUL, NUL);
	move_is("64.1% to 63.4% without SPC: within 3 points", &in, NULL, "slight");
	in = move_in(CNT, 39, 38, NUL, NUL);
	move_is("a count 39 to 38", &in, NULL, "slight");
	in = move_in(CNT, 11, 24, NUL, NUL);
	move_is("a count 11 to 24", &in, NULL, "clear");
	in = move_in(OTH, 100, 102, NUL, NUL);
	move_is("a rate up 2% of itself", &in, NULL, "slight");
	in = move_in(OTH, 100, 104, NUL, NUL);
	move_is("a rate up 4% of itself", &in, NULL, "clear");

	/* with SPC: the average moving range is the band, three of them sharp */
	in = move_in(PCT, 80.0, 80.8, 100, 101 + 10);
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
	in = move_in(PCT, 80.0, 82.0, NUL, NUL);
	in.has_avg_mr = 1;
	in.avg_mr = 5;
	move_is("2 points within a moving range of 5", &in, NULL, "slight");
	judge_opts o;
	judge_opts_init(&o);
	o.slight_points = 1;
	o.slight_points_set = 1;
	move_is("--slight-points 1 replaces the moving range", &in, &o, "clear");
	in = move_in(OTH, 50, 53, NUL, NUL);
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

	in = move_in(PCT, 50, 50, NUL, NUL);
	in.has_previous = 0;
	in.has_change = 0;
	move_is("no previous value", &in, NULL, "(none)");
	in = move_in(PCT, 50, 52, NUL, NUL);
	in.has_previous = 0;
	move_is("the previous value from the change", &in, NULL, "slight");

	/* the judgement reads the same classification */
	double v[] = {60.0, 66.0, 64.0, 62.0, 62.01};
	in = series(H, PCT, v, N(v));
	expect("a rise that does not show in the printed figures is no move", &in, NULL, "stable",
	       "no_change", NULL);
}

int main(void)
{
	movement();
	seed_000();
	seed_001();
	seed_002_003();
	report_style();
	edges();
	return tap_done();
}
