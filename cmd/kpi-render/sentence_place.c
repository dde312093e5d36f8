/* sentence_place.c: where the latest figure stands (report-style.md §3
 * patterns 3, 4, 5 as runs, 7, 12 and 16). */
#include "sentence.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static void number(kpi_buf *b, long n)
{
	kpi_buf_printf(b, "%ld", n);
}

/* Patterns 12 and 5 (run).  Returns 2 for pattern 12, 1 for pattern 5,
 * 0 when no sentence was written. */
int snt_run(snt *s)
{
	const rnd_ind *ind = s->ind;
	const char *dir = ind->run.direction;
	if (!dir || !ind->run.since || ind->run.length < 2)
		return 0;
	int up = strcmp(dir, "up") == 0, down = strcmp(dir, "down") == 0;
	if (!up && !down)
		return 0;
	int g = snt_good_dir(ind);
	const rnd_point *start = snt_point_at(ind, ind->run.since);

	/* Pattern 12: every period since reporting began. */
	if (snt_same(ind->run.since, ind->first_period)) {
		rnd_phrase_id id = g && (up ? 1 : -1) == g ? PH_P12_IMPROVING : up ? PH_P12_RISING : PH_P12_FALLING;
		snt_point(snt_t(s, 0), s, ind->first_period, start);
		SNT_SAY(s, id, {S_NOUN, rnd_noun(snt_noun(ind), 1)}, {S_FROM, snt_s(s, 0)});
		return 2;
	}
	/* Pattern 5, strict: the run starts at the window's peak (or trough). */
	const char *extreme = down ? ind->window.high_period : ind->window.low_period;
	if (ind->run.length >= 3 && start && start->value.has && snt_same(ind->run.since, extreme)) {
		snt_vc(snt_t(s, 0), ind, start, 0, NULL);
		snt_label(snt_t(s, 1), s, ind->run.since);
		SNT_SAY(s, down ? PH_P5_STEADY_FALL : PH_P5_STEADY_RISE, {S_FROM_VALUE, snt_s(s, 0)},
			{S_FROM_PERIOD, snt_s(s, 1)});
		return 1;
	}
	return 0;
}

/* Pattern 5, loose: the year's high is some periods back and the figure is
 * now below the year's mean, falling (or the mirror). */
int snt_loose_trend(snt *s)
{
	const rnd_ind *ind = s->ind;
	const char *dir = ind->run.direction;
	if (!dir || !ind->window.has || !ind->window.mean.has || ind->window.length < 6 ||
	    ind->run.length < 2 || ind->window.is_high || ind->window.is_low)
		return 0;
	int down = strcmp(dir, "down") == 0, up = strcmp(dir, "up") == 0;
	const char *ep = down ? ind->window.high_period : up ? ind->window.low_period : NULL;
	const rnd_point *e = snt_point_at(ind, ep);
	if (!e || !e->value.has)
		return 0;
	int ok;
	long back = rnd_series_diff(ind, ind->latest.period, ep, &ok);
	if (!ok || back < 4)
		return 0;
	double v = ind->latest.value.v, m = ind->window.mean.v;
	if ((down && v >= m) || (up && v <= m))
		return 0;
	int years = snt_window_years(snt_t(s, 0), ind);
	if (!years)
		snt_window_adj(snt_t(s, 0), ind, 1);
	snt_vc(snt_t(s, 1), ind, e, 0, NULL);
	snt_label(snt_t(s, 2), s, ep);
	rnd_phrase_id id = years ? (down ? PH_P5_OVERALL_FALL_YEARS : PH_P5_OVERALL_RISE_YEARS)
				 : (down ? PH_P5_OVERALL_FALL : PH_P5_OVERALL_RISE);
	SNT_SAY(s, id, {S_WINDOW, snt_s(s, 0)}, {S_N, snt_s(s, 0)}, {S_FROM_VALUE, snt_s(s, 1)},
		{S_FROM_PERIOD, snt_s(s, 2)});
	return 1;
}

/* Pattern 4: "This is the highest figure since March 2022 (93.1%)." */
static void highest_since(snt *s, int high, const char *since)
{
	snt_point(snt_t(s, 0), s, since, snt_point_at(s->ind, since));
	SNT_SAY(s, high ? PH_P4_HIGHEST_SINCE : PH_P4_LOWEST_SINCE, {S_FROM, snt_s(s, 0)});
}

/* Patterns 3 and 4. */
int snt_extreme(snt *s, int said_began, int said_longer, const char **named)
{
	const rnd_ind *ind = s->ind;
	const rnd_point *l = &ind->latest;
	kpi_period_type pt = kpi_period_type_from_name(ind->period_type ? ind->period_type : "month");
	long per_year = pt == KPI_PT_NONE ? 12 : kpi_period_per_year(pt);
	rnd_phrase_id noun = snt_noun(ind);
	int okf = 0;
	long span = ind->first_period ? rnd_series_diff(ind, l->period, ind->first_period, &okf) : 0;
	int began_inside = okf && span < ind->window.length;
	int hi = ind->window.has && ind->window.is_high, lo = ind->window.has && ind->window.is_low;
	if (hi && lo)
		hi = lo = 0; /* a flat or single-point window has no extreme */
	if (hi || lo) {
		const char *since = hi ? ind->highest_since : ind->lowest_since;
		int ok = 0;
		long back = since ? rnd_series_diff(ind, l->period, since, &ok) : 0;
		if (since && ok && back >= ind->window.length) {
			*named = since;
			highest_since(s, hi, since);
			return 1;
		}
		if (began_inside) {
			if (said_began || ind->window.length < 2)
				return 0;
			snt_label(snt_t(s, 0), s, ind->first_period);
			SNT_SAY(s, hi ? PH_P3_HIGHEST_SINCE_BEGAN : PH_P3_LOWEST_SINCE_BEGAN, {S_FROM_PERIOD, snt_s(s, 0)});
			return 1;
		}
		if (ind->window.length < per_year)
			return 0;
		number(snt_t(s, 0), ind->window.length);
		SNT_SAY(s, hi ? PH_P3_HIGHEST : PH_P3_LOWEST, {S_N, snt_s(s, 0)},
			{S_PERIODS, rnd_noun(noun, ind->window.length)});
		return 1;
	}
	/* Pattern 4: a rise to the highest since some months back. */
	if (said_longer)
		return 0;
	double d = ind->has_previous && ind->previous.value.has ? l->value.v - ind->previous.value.v : 0;
	const char *since = d > 0 ? ind->highest_since : d < 0 ? ind->lowest_since : NULL;
	int ok = 0;
	long back = since ? rnd_series_diff(ind, l->period, since, &ok) : 0;
	if (!since || !ok || back < 3)
		return 0;
	*named = since;
	highest_since(s, d > 0, since);
	return 1;
}

/* Pattern 16: "It has been above 90% every month since Feb 22." A percentage
 * held on the good side of a round figure (a multiple of 5) for at least six
 * periods. */
int snt_level_held(snt *s)
{
	const rnd_ind *ind = s->ind;
	int g = snt_good_dir(ind);
	if (!g || !rnd_is_percent(ind) || ind->n_history < 6)
		return 0;
	size_t end = ind->n_history;
	if (!snt_same(ind->history[end - 1].period, ind->latest.period))
		return 0;
	/* the round threshold under (over) the last six points */
	double ext = ind->history[end - 1].value.v;
	for (size_t i = end - 6; i < end; i++) {
		if (!ind->history[i].value.has)
			return 0;
		double v = ind->history[i].value.v;
		ext = g > 0 ? fmin(ext, v) : fmax(ext, v);
	}
	double t = g > 0 ? floor(ext / 5) * 5 : ceil(ext / 5) * 5;
	if (t <= 0 || t >= 100 || (g > 0 ? ext <= t : ext >= t))
		return 0;
	size_t i = end;
	while (i > 0 && ind->history[i - 1].value.has &&
	       (g > 0 ? ind->history[i - 1].value.v > t : ind->history[i - 1].value.v < t))
		i--;
	kpi_buf *threshold = snt_t(s, 0);
	rnd_fmt_int(threshold, t); /* a round figure: "above 90%" */
	kpi_buf_addc(threshold, '%');
	snt_label(snt_t(s, 1), s, ind->history[i].period);
	SNT_SAY(s, g > 0 ? PH_P16_ABOVE : PH_P16_BELOW, {S_THRESHOLD, snt_s(s, 0)},
		{S_NOUN, rnd_noun(snt_noun(ind), 1)}, {S_FROM_PERIOD, snt_s(s, 1)});
	return 1;
}

/* Pattern 7, unless pattern 4 named that period already. */
void snt_year_ago(snt *s, const char *named)
{
	const rnd_ind *ind = s->ind;
	const rnd_point *y = &ind->year_ago, *l = &ind->latest;
	if (!ind->has_year_ago || !y->value.has || !y->period || snt_same(named, y->period))
		return;
	/* an annual series: the year ago is the previous period, told already */
	if (ind->has_previous && snt_same(ind->previous.period, y->period))
		return;
	double dy = l->value.v - y->value.v;
	double d = ind->has_previous && ind->previous.value.has ? l->value.v - ind->previous.value.v : 0;
	rnd_phrase_id id;
	if (snt_same_text(ind, l->value.v, y->value.v)) {
		id = PH_P7_SAME;
	} else {
		int however = d != 0 && (d > 0) != (dy > 0);
		id = however ? (dy > 0 ? PH_P7_HOWEVER_HIGHER : PH_P7_HOWEVER_LOWER)
			     : (dy > 0 ? PH_P7_HIGHER : PH_P7_LOWER);
	}
	snt_point(snt_t(s, 0), s, y->period, y);
	SNT_SAY(s, id, {S_FROM, snt_s(s, 0)});
}
