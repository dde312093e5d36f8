/* sentence_target.c: the figure against something set or pooled
 * (report-style.md §3 patterns 8 and 9: the target; 11: averages; 14: the
 * benchmark; 15: the small-number caveat). */
#include "sentence.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Pattern 15: "low numbers in Aug, Sep and Oct 22 make this unreliable"
 * naming the recent periods (the last three up to the latest) whose
 * denominators are small. */
void snt_small_note(kpi_buf *b, snt *s)
{
	const rnd_ind *ind = s->ind;
	const rnd_opts *o = s->o;
	const rnd_point *pick[3];
	size_t n = 0;
	size_t end = ind->n_history;
	while (end > 0 && ind->history[end - 1].period && ind->latest.period &&
	       !snt_same(ind->history[end - 1].period, ind->latest.period)) {
		int ok;
		if (rnd_period_cmp_text(ind->history[end - 1].period, ind->latest.period,
					ind->period_type, &ok) > 0 && ok)
			end--;
		else
			break;
	}
	const rnd_point *last3[3];
	size_t k = 0;
	for (size_t i = end; i-- > 0 && k < 3;)
		last3[k++] = &ind->history[i];
	if (k == 0 || !snt_same(last3[0]->period, ind->latest.period)) {
		/* the history does not hold the latest point */
		if (k == 3)
			k = 2;
		memmove(last3 + 1, last3, k * sizeof *last3);
		last3[0] = &ind->latest;
		k++;
	}
	for (size_t i = k; i-- > 0;)
		if (last3[i]->den.has && last3[i]->den.v < o->small_den && last3[i]->period)
			pick[n++] = last3[i];
	if (n < 2) {
		kpi_buf_adds(b, rnd_phrase(PH_P15_LOW_NUMBERS));
		return;
	}
	/* months of one year share it: "Aug, Sep and Oct 22", "August,
	 * September and October 2022" */
	int share = 1;
	kpi_buf labels[3];
	const char *year[3];
	for (size_t i = 0; i < n; i++) {
		kpi_buf_init(&labels[i]);
		snt_label(&labels[i], s, pick[i]->period);
		year[i] = strrchr(kpi_buf_str(&labels[i]), ' ');
		if (!year[i] || (pick[i]->period && strlen(pick[i]->period) != 7))
			share = 0; /* months only ("2022-10") */
	}
	for (size_t i = 0; share && i + 1 < n; i++)
		if (strcmp(year[i], year[n - 1]) != 0)
			share = 0;
	kpi_buf list = KPI_BUF_INIT, joined = KPI_BUF_INIT, one = KPI_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		kpi_buf_clear(&one);
		if (share && i + 1 < n)
			kpi_buf_add(&one, labels[i].data, (size_t)(year[i] - labels[i].data));
		else
			kpi_buf_adds(&one, kpi_buf_str(&labels[i]));
		if (i == 0) {
			kpi_buf_adds(&list, kpi_buf_str(&one));
			continue;
		}
		kpi_buf_clear(&joined);
		RND_SAY(&joined, i + 1 == n ? PH_LIST_AND : PH_LIST_COMMA, {S_LIST, kpi_buf_str(&list)},
			{S_NEXT, kpi_buf_str(&one)});
		kpi_buf_clear(&list);
		kpi_buf_adds(&list, kpi_buf_str(&joined));
	}
	RND_SAY(b, PH_P15_LOW_NUMBERS_IN, {S_LIST, kpi_buf_str(&list)});
	for (size_t i = 0; i < n; i++)
		kpi_buf_free(&labels[i]);
	kpi_buf_free(&list);
	kpi_buf_free(&joined);
	kpi_buf_free(&one);
}

/* The needed count for a rate target, from the denominator: the largest
 * count that meets a lower-is-better target, the smallest for higher. */
static int rate_needed(const rnd_ind *ind, double *k)
{
	if (!rnd_is_rate(ind) || !ind->latest.den.has || ind->latest.den.v <= 0)
		return 0;
	double per = strcmp(ind->unit, "rate_per_10k") == 0 ? 10000 : 100000;
	double x = ind->target.value.v * ind->latest.den.v / per;
	int g = snt_good_dir(ind);
	if (!g)
		return 0;
	*k = g < 0 ? floor(x) : ceil(x);
	return 1;
}

void snt_counted(kpi_buf *b, const rnd_ind *ind, const char *count)
{
	if (ind->counted)
		RND_SAY(b, PH_COUNT_COUNTED, {S_COUNT, count}, {S_COUNTED, ind->counted});
	else
		kpi_buf_adds(b, count);
}

/* Of a phrase group listed ABOVE, ABOVE_UNDATED, BELOW, BELOW_UNDATED,
 * ON (or IN_LINE), ON_UNDATED in phrase_list.h (patterns 8, 9 and 14),
 * starting at FIRST: the one for a figure ON its comparator or GAP from it. */
static rnd_phrase_id side(rnd_phrase_id first, int on, double gap, int dated)
{
	return (rnd_phrase_id)(first + (on ? 4 : gap > 0 ? 0 : 2) + !dated);
}

/* The target's gap: the record's target_gap, else value - target. */
static double target_gap(const rnd_ind *ind)
{
	return ind->target_gap.has ? ind->target_gap.v : ind->latest.value.v - ind->target.value.v;
}

/* Pattern 18: "Off target: 6.1 percentage points below the 95.0% target set
 * for June 2025."  The first sentence of an indicator listed under
 * Improvement that misses its target, so list, RAG and words agree. */
void snt_off_target(snt *s)
{
	const rnd_ind *ind = s->ind;
	const rnd_target *t = &ind->target;
	double gap = target_gap(ind);
	rnd_fmt_value(snt_t(s, 0), ind, t->value.v);
	kpi_buf *due = snt_t(s, 1);
	if (t->due)
		rnd_due_label(due, t->due, s->o->month_style);
	kpi_buf *diff = snt_t(s, 2);
	if (rnd_is_count(ind)) {
		rnd_fmt_count_words(snt_t(s, 3), fabs(gap), 0);
		snt_counted(diff, ind, snt_s(s, 3));
	} else {
		rnd_fmt_diff(diff, ind, gap, RND_DIFF_PROSE);
	}
	rnd_phrase_id id = (rnd_phrase_id)((gap > 0 ? PH_P18_ABOVE : PH_P18_BELOW) + (t->due == NULL));
	SNT_SAY(s, id, {S_DIFFERENCE, snt_s(s, 2)}, {S_TARGET, snt_s(s, 0)}, {S_DUE, kpi_buf_str(due)});
	s->said_off_target = 1;
}

/* Pattern 8: "This is 13 children above the improvement target of 25 to be
 * reached by Dec 22.  Figures show we are not meeting the improvement target." */
static void count_target(snt *s, double gap, int met, int on)
{
	if (s->said_off_target)
		return; /* pattern 18 said it */
	const rnd_ind *ind = s->ind;
	const rnd_target *t = &ind->target;
	rnd_fmt_value(snt_t(s, 0), ind, t->value.v);
	kpi_buf *due = snt_t(s, 1);
	if (t->due)
		rnd_due_label(due, t->due, s->o->month_style);
	rnd_fmt_count_words(snt_t(s, 2), fabs(gap), 0);
	snt_counted(snt_t(s, 3), ind, snt_s(s, 2));
	rnd_phrase_id id = side(PH_P8_ABOVE, on, gap, t->due != NULL);
	SNT_SAY(s, id, {S_COUNT, snt_s(s, 3)}, {S_TARGET, snt_s(s, 0)}, {S_DUE, kpi_buf_str(due)});
	if (met >= 0)
		snt_say_plain(s, met ? PH_P8_MEETING : PH_P8_NOT_MEETING, 0);
}

/* Pattern 9: "We are currently 2.9% above the 9.0% target set for March
 * 2023.  The number would need to fall to 32, based on Mar 23 data." */
static void level_target(snt *s, double gap, int met, int on)
{
	const rnd_ind *ind = s->ind;
	const rnd_target *t = &ind->target;
	rnd_fmt_value(snt_t(s, 0), ind, t->value.v);
	kpi_buf *due = snt_t(s, 1);
	if (t->due)
		rnd_due_label(due, t->due, s->o->month_style);
	rnd_fmt_diff(snt_t(s, 2), ind, gap, RND_DIFF_PROSE);
	const char *met_text = met == 1 ? rnd_phrase(PH_P9_MET) : "";
	rnd_phrase_id id = side(PH_P9_ABOVE, on, gap, t->due != NULL);
	if (!s->said_off_target)
		SNT_SAY(s, id, {S_DIFFERENCE, snt_s(s, 2)}, {S_TARGET, snt_s(s, 0)}, {S_DUE, kpi_buf_str(due)},
			{S_MET, met_text});
	if (met != 0)
		return;
	double k;
	if (ind->target_needed.has && rnd_is_percent(ind)) {
		rnd_fmt_int(snt_t(s, 0), ind->target_needed.v);
		snt_label(snt_t(s, 1), s, ind->latest.period);
		SNT_SAY(s, snt_good_dir(ind) < 0 ? PH_P9_FALL_TO : PH_P9_RISE_TO, {S_COUNT, snt_s(s, 0)},
			{S_PERIOD, snt_s(s, 1)});
	} else if (rate_needed(ind, &k)) {
		rnd_fmt_int(snt_t(s, 0), k);
		snt_counted(snt_t(s, 1), ind, snt_s(s, 0));
		SNT_SAY(s, snt_good_dir(ind) < 0 ? PH_P9_RATE_FEWER : PH_P9_RATE_MORE, {S_COUNT, snt_s(s, 1)});
	}
}

void snt_targets(snt *s)
{
	const rnd_ind *ind = s->ind;
	if (!ind->has_target || !ind->latest.value.has)
		return;
	const rnd_target *t = &ind->target;
	double gap = target_gap(ind);
	int met = ind->target_met;
	if (met < 0) {
		int g = snt_good_dir(ind);
		met = g > 0 ? gap >= 0 : g < 0 ? gap <= 0 : -1;
	}
	int on = snt_same_text(ind, ind->latest.value.v, t->value.v) && gap == 0;
	if (rnd_is_count(ind))
		count_target(s, gap, met, on);
	else
		level_target(s, gap, met, on);
}

/* Pattern 11: pooled year average when the window's counts are known. */
void snt_average(snt *s, int wanted)
{
	const rnd_ind *ind = s->ind;
	if (!ind->window.has || ind->window.length < 2 || !wanted)
		return;
	rnd_phrase_id noun = snt_noun(ind);
	long len = ind->window.span;
	int year = len == kpi_period_per_year(kpi_period_type_from_name(
		ind->period_type ? ind->period_type : "month"));
	char nbuf[24];
	snprintf(nbuf, sizeof nbuf, "%ld", len);
	const char *plural = rnd_noun(noun, len), *single = rnd_noun(noun, 1);
	double n = ind->window.num_sum.v, d = ind->window.den_sum.v;
	if (rnd_is_percent(ind) && ind->window.num_sum.has && ind->window.den_sum.has && d > 0 &&
	    n >= 0 && n <= d && n == floor(n) && d == floor(d)) {
		/* half up in integers, as methods.md §E labels small percentages */
		long long t = ((long long)(2000 * n) + (long long)d) / (2 * (long long)d);
		kpi_buf_printf(snt_t(s, 0), "%lld.%lld%%", t / 10, t % 10);
		rnd_fmt_int(snt_t(s, 1), n);
		rnd_fmt_int(snt_t(s, 2), d);
		SNT_SAY(s, year ? PH_P11_POOLED_YEAR : PH_P11_POOLED, {S_N, nbuf}, {S_PERIODS, plural},
			{S_VALUE, snt_s(s, 0)}, {S_NUMERATOR, snt_s(s, 1)}, {S_DENOMINATOR, snt_s(s, 2)});
		return;
	}
	if (!ind->window.mean.has)
		return;
	int count = rnd_is_count(ind);
	if (count)
		rnd_fmt_int(snt_t(s, 0), ind->window.mean.v);
	else
		rnd_fmt_value(snt_t(s, 0), ind, ind->window.mean.v);
	rnd_phrase_id id = year && noun == PH_PERIOD_MONTH ? (count ? PH_P11_MEAN_YEAR_COUNT : PH_P11_MEAN_YEAR)
							 : (count ? PH_P11_MEAN_COUNT : PH_P11_MEAN);
	SNT_SAY(s, id, {S_N, nbuf}, {S_PERIODS, plural}, {S_VALUE, snt_s(s, 0)}, {S_NOUN, single});
}

/* Pattern 14: "This is above the England figure of 56.0% (2022/23),
 * significantly better.  Quartile B (Rank 44)." */
/* kpi-flag --compare: "This is better than statistical neighbours (58.2%)
 * and in line with England (61.0%).  Quartile B nationally (rank 44 of 151)."
 * 1 when it said something (the benchmark sentence is then not said). */
static int compared(snt *s)
{
	const rnd_ind *ind = s->ind;
	kpi_buf list = KPI_BUF_INIT, one = KPI_BUF_INIT, joined = KPI_BUF_INIT, value = KPI_BUF_INIT;
	size_t said = 0;
	for (size_t i = 0; i < ind->n_comparators; i++) {
		const char *cmp = ind->comparator[i].comparison;
		rnd_phrase_id id = snt_same(cmp, "better") ? PH_P14_CMP_BETTER
				   : snt_same(cmp, "worse") ? PH_P14_CMP_WORSE
				   : snt_same(cmp, "higher") ? PH_P14_CMP_HIGHER
				   : snt_same(cmp, "lower") ? PH_P14_CMP_LOWER
				   : snt_same(cmp, "similar") ? PH_P14_CMP_SIMILAR : PH_COUNT;
		if (id == PH_COUNT)
			continue; /* not compared: a count is not set against another area */
		const char *area = snt_same(ind->comparator[i].kind, "neighbours") || !ind->comparator[i].area
					   ? rnd_phrase(PH_P14_NEIGHBOURS) : ind->comparator[i].area;
		kpi_buf_clear(&value);
		rnd_fmt_value(&value, ind, ind->comparator[i].value.v);
		kpi_buf_clear(&one);
		RND_SAY(&one, id, {S_AREA, area}, {S_VALUE, kpi_buf_str(&value)});
		if (said++ == 0) {
			kpi_buf_adds(&list, kpi_buf_str(&one));
			continue;
		}
		kpi_buf_clear(&joined);
		/* "a, b and c": the last one joined with list.and */
		int last = 1;
		for (size_t j = i + 1; j < ind->n_comparators; j++)
			if (ind->comparator[j].comparison && !snt_same(ind->comparator[j].comparison, "not_compared"))
				last = 0;
		RND_SAY(&joined, last ? PH_LIST_AND : PH_LIST_COMMA, {S_LIST, kpi_buf_str(&list)},
			{S_NEXT, kpi_buf_str(&one)});
		kpi_buf_clear(&list);
		kpi_buf_adds(&list, kpi_buf_str(&joined));
	}
	if (said)
		SNT_SAY(s, PH_P14_COMPARED, {S_LIST, kpi_buf_str(&list)});
	kpi_buf_free(&list);
	kpi_buf_free(&one);
	kpi_buf_free(&joined);
	kpi_buf_free(&value);
	if (ind->rank.has) {
		kpi_buf *rank = snt_t(s, 2), *of = snt_t(s, 3);
		rnd_fmt_int(rank, (double)ind->rank.position);
		rnd_fmt_int(of, (double)ind->rank.of);
		if (ind->rank.quartile)
			SNT_SAY(s, PH_P14_RANK_OF, {S_QUARTILE, ind->rank.quartile}, {S_RANK, kpi_buf_str(rank)},
				{S_N, kpi_buf_str(of)});
		else
			SNT_SAY(s, PH_P14_RANK_OF_ONLY, {S_RANK, kpi_buf_str(rank)}, {S_N, kpi_buf_str(of)});
	}
	return said || ind->rank.has;
}

void snt_benchmark(snt *s)
{
	const rnd_ind *ind = s->ind;
	/* a council's count against England's is scale, not performance */
	if (!ind->latest.value.has || compared(s) || !ind->benchmark.has || rnd_is_count(ind))
		return;
	const char *area = ind->benchmark.area ? ind->benchmark.area : rnd_phrase(PH_P14_ENGLAND);
	double e = ind->benchmark.value.v, v = ind->latest.value.v;
	const char *cmp = ind->benchmark.comparison;
	if (s->o->brief && snt_same(cmp, "similar"))
		return; /* no different from the benchmark: the table says it */
	int same = snt_same_text(ind, v, e), dated = ind->benchmark.period != NULL;
	rnd_phrase_id id = side(PH_P14_ABOVE, same, v - e, dated);
	const char *significance = "";
	if (snt_same(cmp, "better"))
		significance = rnd_phrase(PH_P14_BETTER);
	else if (snt_same(cmp, "worse"))
		significance = rnd_phrase(PH_P14_WORSE);
	else if (snt_same(cmp, "similar") && !same)
		significance = rnd_phrase(PH_P14_NOT_SIGNIFICANT);
	rnd_fmt_value(snt_t(s, 0), ind, e);
	kpi_buf *period = snt_t(s, 1);
	if (dated)
		snt_label(period, s, ind->benchmark.period);
	SNT_SAY(s, id, {S_AREA, area}, {S_VALUE, snt_s(s, 0)}, {S_PERIOD, kpi_buf_str(period)},
		{S_SIGNIFICANCE, significance});
	const char *q = ind->benchmark.quartile;
	if (!q && !ind->benchmark.rank.has)
		return;
	kpi_buf *rank = snt_t(s, 2);
	if (ind->benchmark.rank.has)
		rnd_fmt_int(rank, ind->benchmark.rank.v);
	id = q && ind->benchmark.rank.has ? PH_P14_QUARTILE_RANK : q ? PH_P14_QUARTILE : PH_P14_RANK;
	SNT_SAY(s, id, {S_QUARTILE, q ? q : ""}, {S_RANK, kpi_buf_str(rank)});
}
