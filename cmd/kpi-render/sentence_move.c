/* sentence_move.c: the sentence of the latest move (report-style.md §3
 * patterns 1, 2, 5 after a peak, 6 and 13).  The size of a move is
 * kpi-flag's movement field (unchanged, slight, clear, sharp), never worked
 * out here; without the field a move is plain, or unchanged when the two
 * figures print the same. */
#include "sentence.h"
#include <math.h>
#include <string.h>

typedef enum { MV_UNKNOWN, MV_UNCHANGED, MV_SLIGHT, MV_CLEAR, MV_SHARP } move_size;

static move_size movement_of(const rnd_ind *ind)
{
	static const char *const names[] = {"unchanged", "slight", "clear", "sharp"};
	for (int i = 0; ind->movement && i < 4; i++)
		if (strcmp(ind->movement, names[i]) == 0)
			return (move_size)(i + 1);
	return MV_UNKNOWN;
}

/* "In Mar 24, the number of ... was 26.1% (6)." (ID: latest or p2.latest) */
static void latest_was(snt *s, rnd_phrase_id id)
{
	snt_label(snt_t(s, 0), s, s->ind->latest.period);
	kpi_buf_clear(snt_t(s, 1));
	rnd_subject(&s->t[1], s->ind);
	snt_latest_vc(snt_t(s, 2), s);
	SNT_SAY(s, id, {S_PERIOD, snt_s(s, 0)}, {S_SUBJECT, snt_s(s, 1)}, {S_VALUE, snt_s(s, 2)});
}

/* Pattern 2: against the last report's month (--compare-with). */
static void against(snt *s, const rnd_point *ref)
{
	const rnd_ind *ind = s->ind;
	latest_was(s, PH_P2_LATEST);
	double d = ind->latest.value.v - ref->value.v;
	snt_point(snt_t(s, 0), s, ref->period, ref);
	if (snt_same_text(ind, ind->latest.value.v, ref->value.v)) {
		SNT_SAY(s, PH_P2_SAME, {S_FROM, snt_s(s, 0)});
		return;
	}
	rnd_fmt_diff(snt_t(s, 1), ind, d, RND_DIFF_PROSE);
	SNT_SAY(s, d < 0 ? PH_P2_DECREASE : PH_P2_INCREASE, {S_DIFFERENCE, snt_s(s, 1)}, {S_FROM, snt_s(s, 0)});
}

/* Pattern 13: "During Jan-Mar 23/24 Q4, X was 1.5% (4), lower than Oct-Dec
 * 23/24 Q3 of 2.3% (6), and 1.1% lower than 22/23 Q4 (2.6%)." */
static void quarters(snt *s, int unchanged, double d)
{
	const rnd_ind *ind = s->ind;
	const rnd_point *pv = &ind->previous, *y = &ind->year_ago;
	kpi_buf *clause = snt_t(s, 5);
	if (ind->has_year_ago && y->value.has) {
		double dy = ind->latest.value.v - y->value.v;
		/* "21/22 Q2": the quarter label without its months */
		kpi_buf yl = KPI_BUF_INIT, yv = KPI_BUF_INIT, diff = KPI_BUF_INIT;
		snt_label(&yl, s, y->period);
		const char *label = kpi_buf_str(&yl), *sp = strchr(label, ' ');
		if (sp && s->o->month_style == KPI_LABEL_SHORT)
			label = sp + 1;
		rnd_fmt_value(&yv, ind, y->value.v);
		if (snt_same_text(ind, ind->latest.value.v, y->value.v)) {
			RND_SAY(clause, PH_P13_YEAR_SAME, {S_YEAR_PERIOD, label}, {S_YEAR_VALUE, kpi_buf_str(&yv)});
		} else {
			rnd_fmt_diff(&diff, ind, dy, RND_DIFF_PROSE);
			RND_SAY(clause, dy > 0 ? PH_P13_YEAR_HIGHER : PH_P13_YEAR_LOWER, {S_DIFFERENCE, kpi_buf_str(&diff)},
				{S_YEAR_PERIOD, label}, {S_YEAR_VALUE, kpi_buf_str(&yv)});
		}
		kpi_buf_free(&yl);
		kpi_buf_free(&yv);
		kpi_buf_free(&diff);
	}
	snt_label(snt_t(s, 0), s, ind->latest.period);
	kpi_buf_clear(snt_t(s, 1));
	rnd_subject(&s->t[1], ind);
	snt_latest_vc(snt_t(s, 2), s);
	snt_label(snt_t(s, 3), s, pv->period);
	snt_vc(snt_t(s, 4), ind, pv, 0, NULL);
	rnd_phrase_id id = unchanged ? PH_P13_SAME : d > 0 ? PH_P13_HIGHER : PH_P13_LOWER;
	SNT_SAY(s, id, {S_PERIOD, snt_s(s, 0)}, {S_SUBJECT, snt_s(s, 1)}, {S_VALUE, snt_s(s, 2)},
		{S_FROM_PERIOD, snt_s(s, 3)}, {S_FROM_VALUE, snt_s(s, 4)}, {S_YEAR_AGO, snt_s(s, 5)});
}

/* The earliest period of the good run that ends just before the latest
 * point (pattern 6), with its length in steps. */
static const rnd_point *good_run_before_latest(const rnd_ind *ind, long *steps)
{
	int g = snt_good_dir(ind);
	*steps = 0;
	if (!g || ind->n_history < 3)
		return NULL;
	size_t end = ind->n_history; /* one past the point before the latest */
	if (snt_same(ind->history[end - 1].period, ind->latest.period))
		end--;
	if (end < 2)
		return NULL;
	size_t i = end - 1;
	while (i > 0 && ind->history[i].value.has && ind->history[i - 1].value.has &&
	       (ind->history[i].value.v - ind->history[i - 1].value.v) * g > 0) {
		i--;
		(*steps)++;
	}
	return *steps ? &ind->history[i] : NULL;
}

/* Pattern 6: "X was 63.4% in Mar 24, slightly lower than Feb 24 (65.0%),
 * but improving steadily since reporting began in Jul 23 (52.8%)." */
static void dip_on_good_run(snt *s, double d, const rnd_point *from)
{
	const rnd_ind *ind = s->ind;
	kpi_buf_clear(snt_t(s, 0));
	rnd_subject(&s->t[0], ind);
	snt_latest_vc(snt_t(s, 1), s);
	snt_label(snt_t(s, 2), s, ind->latest.period);
	snt_point(snt_t(s, 3), s, ind->previous.period, &ind->previous);
	kpi_buf *start = snt_t(s, 4);
	snt_point(start, s, from->period, from);
	if (snt_same(from->period, ind->first_period)) {
		RND_SAY(snt_t(s, 5), PH_P6_BEGAN, {S_START, kpi_buf_str(start)});
		start = &s->t[5];
	}
	SNT_SAY(s, d < 0 ? PH_P6_LOWER : PH_P6_HIGHER, {S_SUBJECT, snt_s(s, 0)}, {S_VALUE, snt_s(s, 1)},
		{S_PERIOD, snt_s(s, 2)}, {S_FROM, snt_s(s, 3)}, {S_START, kpi_buf_str(start)});
}

/* A percentage whose count did not move (3.2% (5) to 3.4% (5)): the
 * sentence says the number was unchanged (report-style.md §9). */
static int count_unchanged(const rnd_ind *ind)
{
	const rnd_point *l = &ind->latest, *pv = &ind->previous;
	return rnd_is_percent(ind) && l->num.has && pv->num.has && l->num.v == pv->num.v;
}

/* A percentage whose count moved the other way (24.0% (45) to 25.0% (42):
 * the children it is out of fell more): the sentence says so, as it says
 * an unchanged count. */
static int count_against(const rnd_ind *ind)
{
	const rnd_point *l = &ind->latest, *pv = &ind->previous;
	return rnd_is_percent(ind) && l->num.has && pv->num.has && l->value.has && pv->value.has &&
	       (l->num.v - pv->num.v) * (l->value.v - pv->value.v) < 0;
}

/* The second of the pair in PAIRS[N] whose first is ID; ID when none is. */
static rnd_phrase_id paired(const rnd_phrase_id (*pairs)[2], size_t n, rnd_phrase_id id)
{
	for (size_t i = 0; i < n; i++)
		if (pairs[i][0] == id)
			return pairs[i][1];
	return id;
}

/* The phrase of ID for a percentage whose count did not move. */
static rnd_phrase_id with_count_unchanged(rnd_phrase_id id)
{
	static const rnd_phrase_id pairs[][2] = {
		{PH_P1_ROSE, PH_P1_ROSE_COUNT_UNCHANGED},
		{PH_P1_FELL, PH_P1_FELL_COUNT_UNCHANGED},
		{PH_P1_ROSE_SHARPLY, PH_P1_ROSE_COUNT_UNCHANGED},
		{PH_P1_FELL_SHARPLY, PH_P1_FELL_COUNT_UNCHANGED},
		{PH_P1_ROSE_SLIGHTLY, PH_P1_ROSE_SLIGHTLY_COUNT_UNCHANGED},
		{PH_P1_FELL_SLIGHTLY, PH_P1_FELL_SLIGHTLY_COUNT_UNCHANGED},
		{PH_P5_PEAK, PH_P5_PEAK_COUNT_UNCHANGED},
		{PH_P5_TROUGH, PH_P5_TROUGH_COUNT_UNCHANGED},
	};
	return paired(pairs, sizeof pairs / sizeof *pairs, id);
}

/* The phrase of ID for a percentage whose count moved the other way. */
static rnd_phrase_id with_count_against(rnd_phrase_id id)
{
	static const rnd_phrase_id pairs[][2] = {
		{PH_P1_ROSE, PH_P1_ROSE_COUNT_FELL},
		{PH_P1_FELL, PH_P1_FELL_COUNT_ROSE},
		{PH_P1_ROSE_SHARPLY, PH_P1_ROSE_COUNT_FELL},
		{PH_P1_FELL_SHARPLY, PH_P1_FELL_COUNT_ROSE},
		{PH_P1_ROSE_SLIGHTLY, PH_P1_ROSE_SLIGHTLY_COUNT_FELL},
		{PH_P1_FELL_SLIGHTLY, PH_P1_FELL_SLIGHTLY_COUNT_ROSE},
		{PH_P5_PEAK, PH_P5_PEAK_COUNT_ROSE},
		{PH_P5_TROUGH, PH_P5_TROUGH_COUNT_FELL},
	};
	return paired(pairs, sizeof pairs / sizeof *pairs, id);
}

/* Pattern 5's peak and trough of an annual series: "the highest in five
 * years" (snt_window_years). */
static rnd_phrase_id in_years(rnd_phrase_id id)
{
	static const rnd_phrase_id pairs[][2] = {
		{PH_P5_PEAK, PH_P5_PEAK_YEARS},
		{PH_P5_TROUGH, PH_P5_TROUGH_YEARS},
		{PH_P5_PEAK_COUNT_UNCHANGED, PH_P5_PEAK_COUNT_UNCHANGED_YEARS},
		{PH_P5_TROUGH_COUNT_UNCHANGED, PH_P5_TROUGH_COUNT_UNCHANGED_YEARS},
		{PH_P5_PEAK_COUNT_ROSE, PH_P5_PEAK_COUNT_ROSE_YEARS},
		{PH_P5_TROUGH_COUNT_FELL, PH_P5_TROUGH_COUNT_FELL_YEARS},
	};
	return paired(pairs, sizeof pairs / sizeof *pairs, id);
}

/* Pattern 1 and its peak form: FROM_VALUE in FROM_PERIOD to the latest.
 * When the count behind a percentage did not move, or moved the other way,
 * the figures are the percentages alone and the sentence ends with the
 * count (the phrase keeps its own id where it has no such form: doubled,
 * halved). */
static void from_to(snt *s, rnd_phrase_id id, int with_window)
{
	const rnd_ind *ind = s->ind;
	rnd_phrase_id told = count_unchanged(ind) ? with_count_unchanged(id)
			     : count_against(ind)  ? with_count_against(id)
						   : id;
	int counts_after = told != id;
	id = told;
	kpi_buf_clear(snt_t(s, 0));
	rnd_subject(&s->t[0], ind);
	if (counts_after) {
		rnd_fmt_value(snt_t(s, 1), ind, ind->previous.value.v);
		if (snt_small_numbers(ind, &ind->latest, s->o))
			snt_latest_vc(snt_t(s, 3), s); /* keeps its caveat */
		else
			rnd_fmt_value(snt_t(s, 3), ind, ind->latest.value.v);
	} else {
		snt_vc(snt_t(s, 1), ind, &ind->previous, 0, NULL);
		snt_latest_vc(snt_t(s, 3), s);
	}
	snt_label(snt_t(s, 2), s, ind->previous.period);
	snt_label(snt_t(s, 4), s, ind->latest.period);
	kpi_buf *w = snt_t(s, 5);
	if (with_window && snt_window_years(w, ind))
		id = in_years(id);
	else if (with_window)
		snt_window_adj(w, ind, 0);
	kpi_buf count = KPI_BUF_INIT, n = KPI_BUF_INIT, from_count = KPI_BUF_INIT;
	if (counts_after) {
		rnd_fmt_count_words(&n, ind->latest.num.v, 0);
		snt_counted(&count, ind, kpi_buf_str(&n));
		rnd_fmt_count_words(&from_count, ind->previous.num.v, 0);
	}
	SNT_SAY(s, id, {S_SUBJECT, snt_s(s, 0)}, {S_FROM_VALUE, snt_s(s, 1)}, {S_FROM_PERIOD, snt_s(s, 2)},
		{S_TO_VALUE, snt_s(s, 3)}, {S_TO_PERIOD, snt_s(s, 4)}, {S_WINDOW, kpi_buf_str(w)},
		{S_N, kpi_buf_str(w)}, {S_COUNT, kpi_buf_str(&count)}, {S_FROM_COUNT, kpi_buf_str(&from_count)});
	kpi_buf_free(&count);
	kpi_buf_free(&n);
	kpi_buf_free(&from_count);
}

/* Pattern 1's verb: by the size of the move, and "doubled" or "halved"
 * for a move that is more than slight. */
static rnd_phrase_id verb(const rnd_ind *ind, move_size size, double d)
{
	const rnd_point *pv = &ind->previous, *l = &ind->latest;
	double ratio = pv->value.v > 0 ? l->value.v / pv->value.v : 0;
	int slight = size == MV_SLIGHT;
	if (!slight && pv->value.v > 0 && ratio >= 2)
		return ratio < 2.05 ? PH_P1_DOUBLED : PH_P1_MORE_THAN_DOUBLED;
	if (!slight && pv->value.v > 0 && l->value.v > 0 && ratio <= 0.5)
		return ratio > 0.45 ? PH_P1_HALVED : PH_P1_MORE_THAN_HALVED;
	if (d > 0)
		return slight ? PH_P1_ROSE_SLIGHTLY : size == MV_SHARP ? PH_P1_ROSE_SHARPLY : PH_P1_ROSE;
	return slight ? PH_P1_FELL_SLIGHTLY : size == MV_SHARP ? PH_P1_FELL_SHARPLY : PH_P1_FELL;
}

int snt_movement(snt *s)
{
	const rnd_ind *ind = s->ind;
	const rnd_point *l = &ind->latest, *pv = &ind->previous;
	int have_prev = ind->has_previous && pv->value.has && pv->period;

	const rnd_point *ref = s->o->compare_with ? snt_point_at(ind, s->o->compare_with) : NULL;
	if (ref && ref != l && ref->value.has) {
		against(s, ref);
		return 0;
	}
	if (!have_prev) {
		latest_was(s, PH_LATEST);
		return 0;
	}
	double d = l->value.v - pv->value.v;
	move_size size = movement_of(ind);
	/* never "rose" or "fell" between figures that print the same, whatever
	 * the record says */
	if (snt_same_text(ind, l->value.v, pv->value.v))
		size = MV_UNCHANGED;
	else if (size == MV_UNKNOWN || size == MV_UNCHANGED)
		size = MV_CLEAR;
	int unchanged = size == MV_UNCHANGED;

	kpi_period_type pt = ind->period_type ? kpi_period_type_from_name(ind->period_type) : KPI_PT_NONE;
	if (pt == KPI_PT_FINANCIAL_QUARTER) {
		quarters(s, unchanged, d);
		return 0;
	}
	if (unchanged) {
		kpi_buf_clear(snt_t(s, 0));
		rnd_subject(&s->t[0], ind);
		snt_latest_vc(snt_t(s, 1), s);
		snt_label(snt_t(s, 2), s, l->period);
		SNT_SAY(s, PH_P1_UNCHANGED, {S_SUBJECT, snt_s(s, 0)}, {S_VALUE, snt_s(s, 1)}, {S_PERIOD, snt_s(s, 2)});
		return 0;
	}

	/* Pattern 6: a slight move the wrong way on a good run. */
	int g = snt_good_dir(ind);
	long steps;
	const rnd_point *from = good_run_before_latest(ind, &steps);
	if (g && d * g < 0 && size == MV_SLIGHT && from && steps >= 3) {
		dip_on_good_run(s, d, from);
		return 2;
	}

	/* Pattern 5, after a peak last period: "had risen to a 12-month high of
	 * 512 (88.9) in Sep 23, but fell to 498 (86.4) in Oct 23". */
	int peak = d < 0 && ind->window.has && snt_same(ind->window.high_period, pv->period) &&
		   ind->window.length >= 3 && !ind->window.is_low;
	int trough = d > 0 && ind->window.has && snt_same(ind->window.low_period, pv->period) &&
		     ind->window.length >= 3 && !ind->window.is_high;
	if (peak || trough) {
		from_to(s, peak ? PH_P5_PEAK : PH_P5_TROUGH, 1);
		return 1;
	}
	from_to(s, verb(ind, size, d), 0);
	return 0;
}
