/* sentence.c: the generated sentences of one indicator entry, in the
 * patterns of report-style.md §3 (numbers in the comments name them).
 *
 * Order of an entry:
 *   10 staged targets (success measure) lead
 *   17 stale data, or what is missing
 *   the movement: 2 (--compare-with), 13 (financial quarters), 5 after a
 *      peak last period, 6 (slight bad move on a good run), else 1
 *   15 small-number caveat inside the latest figure's brackets
 *   the position: 12 (every period since reporting began) or 5 (run from a
 *      peak), then 3 (12-month high/low) or 4 (highest since), else 16
 *    7 year ago,  8/9 target,  11 year average,  14 benchmark
 *   a bold action line when the data cannot be analysed
 */
#include "render.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

void rnd_para_add(rnd_para *p, const char *text, int bold)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 8;
		p->s = kpi_xrealloc(p->s, p->cap * sizeof *p->s);
	}
	p->s[p->n].text = kpi_xstrdup(text);
	p->s[p->n++].bold = bold;
}

void rnd_para_free(rnd_para *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->s[i].text);
	free(p->s);
	p->s = NULL;
	p->n = p->cap = 0;
}

/* The sentence being written: the buffer is added to the paragraph and cleared. */
static void emit(rnd_para *p, kpi_buf *b, int bold)
{
	if (b->len)
		rnd_para_add(p, kpi_buf_str(b), bold);
	kpi_buf_clear(b);
}

void rnd_subject(kpi_buf *b, const rnd_ind *ind)
{
	const char *s = ind->name ? ind->name : ind->indicator;
	size_t n = strlen(s);
	/* "Children subject to a plan (rate per 10,000)" -> "Children subject to a plan" */
	if (n > 2 && s[n - 1] == ')') {
		const char *open = strrchr(s, '(');
		if (open && open > s && open[-1] == ' ')
			n = (size_t)(open - 1 - s);
	}
	kpi_buf_add(b, s, n);
}

/* The subject inside a sentence: first letter lowered unless it starts an
 * acronym ("EHCPs", "LAC"). */
static void subject_mid(kpi_buf *b, const rnd_ind *ind)
{
	size_t at = b->len;
	rnd_subject(b, ind);
	char *s = b->data + at;
	if (s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z'))
		s[0] = (char)(s[0] - 'A' + 'a');
}

static int good_dir(const rnd_ind *ind)
{
	if (!ind->polarity)
		return 0;
	if (strcmp(ind->polarity, "higher_is_better") == 0)
		return 1;
	if (strcmp(ind->polarity, "lower_is_better") == 0)
		return -1;
	return 0;
}

static int same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static void lab(kpi_buf *b, const rnd_ind *ind, const char *period, const rnd_opts *o)
{
	rnd_period_label(b, period, ind->period_type, o->month_style);
}

static void lab_long(kpi_buf *b, const rnd_ind *ind, const char *period)
{
	rnd_period_label(b, period, ind->period_type, KPI_LABEL_LONG);
}

/* The window as an adjective before "high" or "low", with its space:
 * "12-month ", "12-quarter ", "5-year ", or with YEAR_WORD "year " for a
 * year of months or quarters;
 * nothing for a window under three periods. */
static void window_adj(kpi_buf *b, const rnd_ind *ind, int year_word)
{
	long n = ind->window.length;
	if (n < 3)
		return;
	const char *noun = rnd_period_noun(ind->period_type, ind->latest.period);
	if (n == 12 && strcmp(noun, "month") == 0)
		kpi_buf_adds(b, year_word ? "year " : "12-month ");
	else if (n == 4 && strcmp(noun, "quarter") == 0 && year_word)
		kpi_buf_adds(b, "year ");
	else
		kpi_buf_printf(b, "%ld-%s ", n, noun);
}

/* The point of PERIOD: latest, previous, year ago or from the history. */
static const rnd_point *point_at(const rnd_ind *ind, const char *period)
{
	if (!period)
		return NULL;
	if (same(ind->latest.period, period))
		return &ind->latest;
	for (size_t i = ind->n_history; i-- > 0;)
		if (same(ind->history[i].period, period))
			return &ind->history[i];
	if (ind->has_previous && same(ind->previous.period, period))
		return &ind->previous;
	if (ind->has_year_ago && same(ind->year_ago.period, period))
		return &ind->year_ago;
	return NULL;
}

/* Value with count; counts of zero, one and two are written as words. */
static void vc(kpi_buf *b, const rnd_ind *ind, const rnd_point *p, int with_den, const char *note)
{
	double v = p->value.v;
	if (rnd_is_count(ind) && ind->decimals <= 0 && v == round(v) && v >= 0 && v <= 2 && !note) {
		rnd_fmt_count_words(b, v, 1);
		return;
	}
	rnd_fmt_vc(b, ind, p, with_den, note);
}

/* Is the move from A to B slight (report-style.md §7)?  By counts when both
 * are known: one or two children; else under 3% of the earlier value, or at
 * most three points for a percentage. */
static int slight(const rnd_ind *ind, const rnd_point *a, const rnd_point *b)
{
	if ((rnd_is_percent(ind) || rnd_is_rate(ind)) && a->num.has && b->num.has)
		return fabs(b->num.v - a->num.v) <= 2;
	double d = fabs(b->value.v - a->value.v);
	if (rnd_is_percent(ind))
		return d <= 3;
	if (rnd_is_count(ind) && d <= 2)
		return 1;
	return a->value.v != 0 && d / fabs(a->value.v) < 0.03;
}

static int small_numbers(const rnd_ind *ind, const rnd_point *p, const rnd_opts *o)
{
	if (!rnd_is_percent(ind) || !p->den.has)
		return 0;
	return rnd_has_flag(ind, "small_denominator") || p->den.v < o->small_den;
}

/* Pattern 15: "low numbers in Aug, Sep and Oct 22 make this unreliable"
 * naming the recent periods (the last three up to the latest) whose
 * denominators are small. */
static void small_note(kpi_buf *b, const rnd_ind *ind, const rnd_opts *o)
{
	const rnd_point *pick[3];
	size_t n = 0;
	size_t end = ind->n_history;
	while (end > 0 && ind->history[end - 1].period && ind->latest.period &&
	       !same(ind->history[end - 1].period, ind->latest.period)) {
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
	if (k == 0 || !same(last3[0]->period, ind->latest.period)) {
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
		kpi_buf_adds(b, "low numbers make this unreliable");
		return;
	}
	kpi_buf_adds(b, "low numbers in ");
	/* months of one year share it: "Aug, Sep and Oct 22" */
	int share = o->month_style == KPI_LABEL_SHORT;
	kpi_buf labels[3];
	for (size_t i = 0; i < n; i++) {
		kpi_buf_init(&labels[i]);
		lab(&labels[i], ind, pick[i]->period, o);
		const char *s = kpi_buf_str(&labels[i]);
		if (strlen(s) != 6 || s[3] != ' ')
			share = 0;
	}
	for (size_t i = 0; share && i + 1 < n; i++)
		if (strcmp(labels[i].data + 4, labels[n - 1].data + 4) != 0)
			share = 0;
	for (size_t i = 0; i < n; i++) {
		if (i)
			kpi_buf_adds(b, i + 1 == n ? " and " : ", ");
		if (share && i + 1 < n)
			kpi_buf_add(b, labels[i].data, 3);
		else
			kpi_buf_adds(b, kpi_buf_str(&labels[i]));
	}
	for (size_t i = 0; i < n; i++)
		kpi_buf_free(&labels[i]);
	kpi_buf_adds(b, " make this unreliable");
}

/* The latest figure with its count, and the small-number caveat when due. */
static void latest_vc(kpi_buf *b, const rnd_ind *ind, const rnd_opts *o)
{
	if (small_numbers(ind, &ind->latest, o)) {
		kpi_buf note = KPI_BUF_INIT;
		small_note(&note, ind, o);
		vc(b, ind, &ind->latest, 1, kpi_buf_str(&note));
		kpi_buf_free(&note);
		return;
	}
	vc(b, ind, &ind->latest, 0, NULL);
}

/* Same text once rounded: "unchanged". */
static int same_text(const rnd_ind *ind, double a, double b)
{
	kpi_buf x = KPI_BUF_INIT, y = KPI_BUF_INIT;
	rnd_fmt_value(&x, ind, a);
	rnd_fmt_value(&y, ind, b);
	int eq = strcmp(kpi_buf_str(&x), kpi_buf_str(&y)) == 0;
	kpi_buf_free(&x);
	kpi_buf_free(&y);
	return eq;
}

/* Pattern 10: "Improvement Plan Success Measure: reduce to 4.0% by December 2022,
 * and further to 2.0% by March 2023." */
static void staged(rnd_para *p, kpi_buf *b, const rnd_ind *ind)
{
	int g = good_dir(ind);
	kpi_buf_adds(b, "Improvement Plan Success Measure: ");
	kpi_buf_adds(b, g > 0 ? "increase " : g < 0 ? "reduce " : "reach ");
	for (size_t i = 0; i < ind->n_targets; i++) {
		if (i)
			kpi_buf_adds(b, i == 1 ? ", and further " : ", and ");
		kpi_buf_adds(b, "to ");
		rnd_fmt_value(b, ind, ind->targets[i].value.v);
		if (ind->targets[i].due) {
			kpi_buf_adds(b, " by ");
			rnd_due_label(b, ind->targets[i].due, KPI_LABEL_LONG);
		}
	}
	kpi_buf_addc(b, '.');
	emit(p, b, 0);
}

/* Pattern 17 and the missing-value forms. Returns 1 when nothing more can be said. */
static int availability(rnd_para *p, kpi_buf *b, const rnd_ind *ind, const rnd_opts *o)
{
	const rnd_point *l = &ind->latest;
	if (!l->value.has) {
		const char *st = l->status ? l->status : "missing";
		if (!l->period) {
			kpi_buf_adds(b, "No data is available");
			if (ind->as_at) {
				kpi_buf_adds(b, " for ");
				lab(b, ind, ind->as_at, o);
			}
			kpi_buf_addc(b, '.');
		} else if (strcmp(st, "suppressed") == 0) {
			kpi_buf_adds(b, "The figure for ");
			lab(b, ind, l->period, o);
			kpi_buf_adds(b, " is suppressed because the numbers are small.");
		} else if (strcmp(st, "not_applicable") == 0) {
			kpi_buf_adds(b, "There is no figure for ");
			lab(b, ind, l->period, o);
			kpi_buf_adds(b, " (not applicable).");
		} else if (strcmp(st, "error") == 0) {
			emit(p, b, 0);
			kpi_buf_adds(b, "The figure for ");
			lab(b, ind, l->period, o);
			kpi_buf_adds(b, " could not be read from the source and is being checked.");
			emit(p, b, 1);
		} else {
			kpi_buf_adds(b, "Data for ");
			lab(b, ind, l->period, o);
			kpi_buf_adds(b, " is not available.");
		}
		emit(p, b, 0);
		if (ind->has_previous && ind->previous.value.has) {
			kpi_buf_adds(b, "The last figure was ");
			vc(b, ind, &ind->previous, 0, NULL);
			kpi_buf_adds(b, " in ");
			lab(b, ind, ind->previous.period, o);
			kpi_buf_addc(b, '.');
			emit(p, b, 0);
		}
		return 1;
	}
	int ok = 0;
	int older = ind->as_at && l->period &&
		    rnd_period_cmp_text(l->period, ind->as_at, ind->period_type, &ok) < 0 && ok;
	if (ind->stale > 0 || older) {
		kpi_buf_adds(b, "Data for ");
		if (ind->as_at)
			lab(b, ind, ind->as_at, o);
		else /* the period the data are as at, from kpi-trend's count */
			rnd_period_label_plus(b, l->period, ind->stale, ind->period_type, o->month_style);
		kpi_buf_adds(b, " is not yet available; the latest is ");
		lab(b, ind, l->period, o);
		kpi_buf_adds(b, ".");
		emit(p, b, 0);
	}
	return 0;
}

/* The earliest period of the good run that ends just before the latest
 * point (pattern 6), with its length in steps. */
static const rnd_point *good_run_before_latest(const rnd_ind *ind, long *steps)
{
	int g = good_dir(ind);
	*steps = 0;
	if (!g || ind->n_history < 3)
		return NULL;
	size_t end = ind->n_history; /* one past the point before the latest */
	if (same(ind->history[end - 1].period, ind->latest.period))
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

/* "In Mar 24, the number of ... was 26.1% (6)": WORD, the latest period,
 * the subject and the latest value, without an ending. */
static void period_subject_was(kpi_buf *b, const rnd_ind *ind, const rnd_opts *o, const char *word)
{
	kpi_buf_adds(b, word);
	lab(b, ind, ind->latest.period, o);
	kpi_buf_adds(b, ", ");
	subject_mid(b, ind);
	kpi_buf_adds(b, " was ");
	latest_vc(b, ind, o);
}

/* "Sep 23 (88.9)": a period and the value it had. */
static void period_value(kpi_buf *b, const rnd_ind *ind, const char *period, double v, const rnd_opts *o)
{
	lab(b, ind, period, o);
	kpi_buf_adds(b, " (");
	rnd_fmt_value(b, ind, v);
	kpi_buf_addc(b, ')');
}

/* The movement sentence.  Returns 1 when it named the window's peak (or
 * trough) last period, 2 when it gave the longer run (pattern 6), else 0. */
static int movement(rnd_para *p, kpi_buf *b, const rnd_ind *ind, const rnd_opts *o)
{
	const rnd_point *l = &ind->latest, *pv = &ind->previous;
	int have_prev = ind->has_previous && pv->value.has && pv->period;

	/* Pattern 2: against the last report's month (--compare-with). */
	const rnd_point *ref = o->compare_with ? point_at(ind, o->compare_with) : NULL;
	if (ref && ref != l && ref->value.has) {
		period_subject_was(b, ind, o, "In ");
		kpi_buf_addc(b, '.');
		emit(p, b, 0);
		double d = l->value.v - ref->value.v;
		if (same_text(ind, l->value.v, ref->value.v)) {
			kpi_buf_adds(b, "This is the same as in ");
		} else {
			kpi_buf_adds(b, d < 0 ? "This is a decrease of " : "This is an increase of ");
			rnd_fmt_diff(b, ind, d, 0);
			kpi_buf_adds(b, " from ");
		}
		period_value(b, ind, ref->period, ref->value.v, o);
		kpi_buf_adds(b, ".");
		emit(p, b, 0);
		return 0;
	}
	if (!have_prev) {
		period_subject_was(b, ind, o, "In ");
		kpi_buf_addc(b, '.');
		emit(p, b, 0);
		return 0;
	}
	double d = l->value.v - pv->value.v;
	int unchanged = same_text(ind, l->value.v, pv->value.v);

	/* Pattern 13: financial quarters. */
	kpi_period_type pt = ind->period_type ? kpi_period_type_from_name(ind->period_type)
					      : KPI_PT_NONE;
	if (pt == KPI_PT_FINANCIAL_QUARTER) {
		period_subject_was(b, ind, o, "During ");
		kpi_buf_adds(b, unchanged ? ", the same as " : d > 0 ? ", higher than " : ", lower than ");
		lab(b, ind, pv->period, o);
		kpi_buf_adds(b, " of ");
		vc(b, ind, pv, 0, NULL);
		if (ind->has_year_ago && ind->year_ago.value.has) {
			double y = l->value.v - ind->year_ago.value.v;
			kpi_buf_adds(b, ", and ");
			if (same_text(ind, l->value.v, ind->year_ago.value.v)) {
				kpi_buf_adds(b, "the same as ");
			} else {
				rnd_fmt_diff(b, ind, y, 0);
				kpi_buf_adds(b, y > 0 ? " higher than " : " lower than ");
			}
			/* "21/22 Q2": the quarter label without its months */
			kpi_buf yl = KPI_BUF_INIT;
			lab(&yl, ind, ind->year_ago.period, o);
			const char *s = kpi_buf_str(&yl);
			const char *sp = strchr(s, ' ');
			kpi_buf_adds(b, sp && o->month_style == KPI_LABEL_SHORT ? sp + 1 : s);
			kpi_buf_free(&yl);
			kpi_buf_adds(b, " (");
			rnd_fmt_value(b, ind, ind->year_ago.value.v);
			kpi_buf_addc(b, ')');
		}
		kpi_buf_addc(b, '.');
		emit(p, b, 0);
		return 0;
	}

	if (unchanged) {
		kpi_buf_adds(b, "");
		rnd_subject(b, ind);
		kpi_buf_adds(b, " was unchanged at ");
		latest_vc(b, ind, o);
		kpi_buf_adds(b, " in ");
		lab(b, ind, l->period, o);
		kpi_buf_addc(b, '.');
		emit(p, b, 0);
		return 0;
	}

	/* Pattern 6: a slight move the wrong way on a good run. */
	int g = good_dir(ind);
	long steps;
	const rnd_point *from = good_run_before_latest(ind, &steps);
	if (g && d * g < 0 && slight(ind, pv, l) && from && steps >= 3) {
		rnd_subject(b, ind);
		kpi_buf_adds(b, " was ");
		latest_vc(b, ind, o);
		kpi_buf_adds(b, " in ");
		lab(b, ind, l->period, o);
		kpi_buf_adds(b, d < 0 ? ", slightly lower than " : ", slightly higher than ");
		period_value(b, ind, pv->period, pv->value.v, o);
		kpi_buf_adds(b, ", but improving steadily since ");
		if (same(from->period, ind->first_period))
			kpi_buf_adds(b, "reporting began in ");
		period_value(b, ind, from->period, from->value.v, o);
		kpi_buf_adds(b, ".");
		emit(p, b, 0);
		return 2;
	}

	/* Pattern 5, after a peak last period: "had risen to a 12-month high of
	 * 512 (88.9) in Sep 23, but fell to 498 (86.4) in Oct 23". */
	int peak = d < 0 && ind->window.has && same(ind->window.high_period, pv->period) &&
		   ind->window.length >= 3 && !ind->window.is_low;
	int trough = d > 0 && ind->window.has && same(ind->window.low_period, pv->period) &&
		     ind->window.length >= 3 && !ind->window.is_high;
	if (peak || trough) {
		rnd_subject(b, ind);
		kpi_buf_adds(b, peak ? " had risen to a " : " had fallen to a ");
		window_adj(b, ind, 0);
		kpi_buf_adds(b, peak ? "high of " : "low of ");
		vc(b, ind, pv, 0, NULL);
		kpi_buf_adds(b, " in ");
		lab(b, ind, pv->period, o);
		kpi_buf_adds(b, peak ? ", but fell to " : ", but rose to ");
		latest_vc(b, ind, o);
		kpi_buf_adds(b, " in ");
		lab(b, ind, l->period, o);
		kpi_buf_addc(b, '.');
		emit(p, b, 0);
		return 1;
	}

	/* Pattern 1. */
	rnd_subject(b, ind);
	double ratio = pv->value.v > 0 ? l->value.v / pv->value.v : 0;
	int is_slight = slight(ind, pv, l);
	if (!is_slight && pv->value.v > 0 && ratio >= 2)
		kpi_buf_adds(b, ratio < 2.05 ? " doubled from " : " more than doubled from ");
	else if (!is_slight && pv->value.v > 0 && l->value.v > 0 && ratio <= 0.5)
		kpi_buf_adds(b, ratio > 0.45 ? " halved from " : " more than halved from ");
	else if (d > 0)
		kpi_buf_adds(b, is_slight ? " rose slightly from " : " rose from ");
	else
		kpi_buf_adds(b, is_slight ? " fell slightly from " : " fell from ");
	vc(b, ind, pv, 0, NULL);
	kpi_buf_adds(b, " in ");
	lab(b, ind, pv->period, o);
	kpi_buf_adds(b, " to ");
	latest_vc(b, ind, o);
	kpi_buf_adds(b, " in ");
	lab(b, ind, l->period, o);
	kpi_buf_addc(b, '.');
	emit(p, b, 0);
	return 0;
}

/* Patterns 12 and 5 (run).  Returns 1 when a sentence was written. */
static int run_sentence(rnd_para *p, kpi_buf *b, const rnd_ind *ind, const rnd_opts *o)
{
	const char *dir = ind->run.direction;
	if (!dir || !ind->run.since || ind->run.length < 2)
		return 0;
	int up = strcmp(dir, "up") == 0, down = strcmp(dir, "down") == 0;
	if (!up && !down)
		return 0;
	int g = good_dir(ind);
	const char *noun = rnd_period_noun(ind->period_type, ind->latest.period);
	const rnd_point *start = point_at(ind, ind->run.since);

	/* Pattern 12: every period since reporting began. */
	if (same(ind->run.since, ind->first_period)) {
		if (g && (up ? 1 : -1) == g)
			kpi_buf_printf(b, "There has been an improvement every %s since reporting began in ", noun);
		else
			kpi_buf_printf(b, "It has %s every %s since reporting began in ",
				       up ? "risen" : "fallen", noun);
		lab(b, ind, ind->first_period, o);
		if (start && start->value.has) {
			kpi_buf_adds(b, " (");
			rnd_fmt_value(b, ind, start->value.v);
			kpi_buf_addc(b, ')');
		}
		kpi_buf_addc(b, '.');
		emit(p, b, 0);
		return 2;
	}
	/* Pattern 5, strict: the run starts at the window's peak (or trough). */
	const char *extreme = down ? ind->window.high_period : ind->window.low_period;
	if (ind->run.length >= 3 && start && start->value.has && same(ind->run.since, extreme)) {
		kpi_buf_adds(b, down ? "The trend has been steadily decreasing from a peak of "
				     : "The trend has been steadily increasing from a low of ");
		vc(b, ind, start, 0, NULL);
		kpi_buf_adds(b, " in ");
		lab(b, ind, ind->run.since, o);
		kpi_buf_addc(b, '.');
		emit(p, b, 0);
		return 1;
	}
	return 0;
}

/* Pattern 5, loose: the year's high is some periods back and the figure is
 * now below the year's mean, falling (or the mirror). */
static int loose_trend(rnd_para *p, kpi_buf *b, const rnd_ind *ind, const rnd_opts *o)
{
	const char *dir = ind->run.direction;
	if (!dir || !ind->window.has || !ind->window.mean.has || ind->window.length < 6 ||
	    ind->run.length < 2 || ind->window.is_high || ind->window.is_low)
		return 0;
	int down = strcmp(dir, "down") == 0, up = strcmp(dir, "up") == 0;
	const char *ep = down ? ind->window.high_period : up ? ind->window.low_period : NULL;
	const rnd_point *e = point_at(ind, ep);
	if (!e || !e->value.has)
		return 0;
	int ok;
	long back = rnd_period_diff(ind->latest.period, ep, ind->period_type, &ok);
	if (!ok || back < 4)
		return 0;
	double v = ind->latest.value.v, m = ind->window.mean.v;
	if ((down && v >= m) || (up && v <= m))
		return 0;
	kpi_buf_adds(b, down ? "The overall trend has been reducing from a " :
			       "The overall trend has been rising from a ");
	window_adj(b, ind, 1);
	kpi_buf_adds(b, down ? "high of " : "low of ");
	vc(b, ind, e, 0, NULL);
	kpi_buf_adds(b, " in ");
	lab(b, ind, ep, o);
	kpi_buf_addc(b, '.');
	emit(p, b, 0);
	return 1;
}

/* Patterns 3 and 4. */
static int extreme_sentence(rnd_para *p, kpi_buf *b, const rnd_ind *ind, const rnd_opts *o,
			    int said_began, int said_longer, const char **named)
{
	const rnd_point *l = &ind->latest;
	kpi_period_type pt = kpi_period_type_from_name(ind->period_type ? ind->period_type : "month");
	long per_year = pt == KPI_PT_NONE ? 12 : kpi_period_per_year(pt);
	const char *noun = rnd_period_noun(ind->period_type, l->period);
	int okf = 0;
	long span = ind->first_period ? rnd_period_diff(l->period, ind->first_period, ind->period_type, &okf) : 0;
	int began_inside = okf && span < ind->window.length;
	int hi = ind->window.has && ind->window.is_high, lo = ind->window.has && ind->window.is_low;
	if (hi && lo)
		hi = lo = 0; /* a flat or single-point window has no extreme */
	if (hi || lo) {
		const char *since = hi ? ind->highest_since : ind->lowest_since;
		int ok = 0;
		long back = since ? rnd_period_diff(l->period, since, ind->period_type, &ok) : 0;
		if (since && ok && back >= ind->window.length) {
			const rnd_point *sp = point_at(ind, since);
			*named = since;
			kpi_buf_adds(b, hi ? "This is the highest figure since " : "This is the lowest figure since ");
			lab_long(b, ind, since);
			if (sp && sp->value.has) {
				kpi_buf_adds(b, " (");
				rnd_fmt_value(b, ind, sp->value.v);
				kpi_buf_addc(b, ')');
			}
			kpi_buf_addc(b, '.');
		} else if (began_inside) {
			if (said_began || ind->window.length < 2)
				return 0;
			kpi_buf_adds(b, hi ? "This is the highest figure since reporting began in "
					   : "This is the lowest figure since reporting began in ");
			lab(b, ind, ind->first_period, o);
			kpi_buf_addc(b, '.');
		} else if (ind->window.length >= per_year && strcmp(noun, "month") == 0) {
			kpi_buf_printf(b, "This is the %s figure in the last %ld months.",
				       hi ? "highest" : "lowest", ind->window.length);
		} else if (ind->window.length >= per_year) {
			kpi_buf_printf(b, "This is the %s figure in the last %ld %ss.",
				       hi ? "highest" : "lowest", ind->window.length, noun);
		}
		if (b->len) {
			emit(p, b, 0);
			return 1;
		}
		return 0;
	}
	/* Pattern 4: a rise to the highest since some months back. */
	if (said_longer)
		return 0;
	double d = ind->has_previous && ind->previous.value.has ? l->value.v - ind->previous.value.v : 0;
	const char *since = d > 0 ? ind->highest_since : d < 0 ? ind->lowest_since : NULL;
	int ok = 0;
	long back = since ? rnd_period_diff(l->period, since, ind->period_type, &ok) : 0;
	if (!since || !ok || back < 3)
		return 0;
	const rnd_point *sp = point_at(ind, since);
	*named = since;
	kpi_buf_adds(b, d > 0 ? "This is the highest figure since " : "This is the lowest figure since ");
	lab_long(b, ind, since);
	if (sp && sp->value.has) {
		kpi_buf_adds(b, " (");
		rnd_fmt_value(b, ind, sp->value.v);
		kpi_buf_addc(b, ')');
	}
	kpi_buf_addc(b, '.');
	emit(p, b, 0);
	return 1;
}

/* Pattern 16: "It has been above 90% every month since Feb 22." A percentage
 * held on the good side of a round figure (a multiple of 5) for at least six
 * periods. */
static int level_held(rnd_para *p, kpi_buf *b, const rnd_ind *ind, const rnd_opts *o)
{
	int g = good_dir(ind);
	if (!g || !rnd_is_percent(ind) || ind->n_history < 6)
		return 0;
	size_t end = ind->n_history;
	if (!same(ind->history[end - 1].period, ind->latest.period))
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
	kpi_buf_adds(b, "It has been ");
	kpi_buf_adds(b, g > 0 ? "above " : "below ");
	rnd_fmt_int(b, t); /* a round figure: "above 90%" */
	kpi_buf_addc(b, '%');
	kpi_buf_printf(b, " every %s since ", rnd_period_noun(ind->period_type, ind->latest.period));
	lab(b, ind, ind->history[i].period, o);
	kpi_buf_addc(b, '.');
	emit(p, b, 0);
	return 1;
}

/* Pattern 7, unless pattern 4 named that period already. */
static void year_ago(rnd_para *p, kpi_buf *b, const rnd_ind *ind, const rnd_opts *o, const char *named)
{
	const rnd_point *y = &ind->year_ago, *l = &ind->latest;
	if (!ind->has_year_ago || !y->value.has || !y->period || same(named, y->period))
		return;
	/* an annual series: the year ago is the previous period, told already */
	if (ind->has_previous && same(ind->previous.period, y->period))
		return;
	double dy = l->value.v - y->value.v;
	double d = ind->has_previous && ind->previous.value.has ? l->value.v - ind->previous.value.v : 0;
	if (same_text(ind, l->value.v, y->value.v)) {
		kpi_buf_adds(b, "This is the same as ");
	} else {
		int however = d != 0 && (d > 0) != (dy > 0);
		kpi_buf_adds(b, however ? "However, this is " : "This is ");
		kpi_buf_adds(b, dy > 0 ? "higher than " : "lower than ");
	}
	period_value(b, ind, y->period, y->value.v, o);
	kpi_buf_adds(b, ".");
	emit(p, b, 0);
}

/* The needed count for a rate target, from the denominator: the largest
 * count that meets a lower-is-better target, the smallest for higher. */
static int rate_needed(const rnd_ind *ind, double *k)
{
	if (!rnd_is_rate(ind) || !ind->latest.den.has || ind->latest.den.v <= 0)
		return 0;
	double per = strcmp(ind->unit, "rate_per_10k") == 0 ? 10000 : 100000;
	double x = ind->target.value.v * ind->latest.den.v / per;
	int g = good_dir(ind);
	if (!g)
		return 0;
	*k = g < 0 ? floor(x) : ceil(x);
	return 1;
}

/* Patterns 8 and 9. */
static void target_sentences(rnd_para *p, kpi_buf *b, const rnd_ind *ind, const rnd_opts *o)
{
	if (!ind->has_target || !ind->latest.value.has)
		return;
	const rnd_target *t = &ind->target;
	double gap = ind->target_gap.has ? ind->target_gap.v : ind->latest.value.v - t->value.v;
	int met = ind->target_met;
	if (met < 0) {
		int g = good_dir(ind);
		met = g > 0 ? gap >= 0 : g < 0 ? gap <= 0 : -1;
	}
	int on = same_text(ind, ind->latest.value.v, t->value.v) && gap == 0;
	const char *side = gap > 0 ? " above " : " below ";

	if (rnd_is_count(ind)) {
		/* 8: "This is 13 above the improvement target of 25 to be reached by Dec 22." */
		if (on) {
			kpi_buf_adds(b, "This is exactly on the improvement target of ");
		} else {
			kpi_buf_adds(b, "This is ");
			rnd_fmt_count_words(b, fabs(gap), 0);
			if (ind->counted) {
				kpi_buf_addc(b, ' ');
				kpi_buf_adds(b, ind->counted);
			}
			kpi_buf_adds(b, side);
			kpi_buf_adds(b, "the improvement target of ");
		}
		rnd_fmt_value(b, ind, t->value.v);
		if (t->due) {
			kpi_buf_adds(b, " to be reached by ");
			rnd_due_label(b, t->due, o->month_style);
		}
		kpi_buf_addc(b, '.');
		emit(p, b, 0);
		if (met >= 0) {
			kpi_buf_adds(b, met ? "Figures show we are meeting the improvement target."
					    : "Figures show we are not meeting the improvement target.");
			emit(p, b, 0);
		}
		return;
	}
	/* 9: "We are currently 2.9% above the 9.0% target set for March 2023." */
	if (on) {
		kpi_buf_adds(b, "We are currently on the ");
	} else {
		kpi_buf_adds(b, "We are currently ");
		rnd_fmt_diff(b, ind, gap, 0);
		kpi_buf_adds(b, side);
		kpi_buf_adds(b, "the ");
	}
	rnd_fmt_value(b, ind, t->value.v);
	kpi_buf_adds(b, " target");
	if (t->due) {
		kpi_buf_adds(b, " set for ");
		rnd_due_label(b, t->due, KPI_LABEL_LONG);
	}
	if (met == 1)
		kpi_buf_adds(b, ", so the target is met");
	kpi_buf_addc(b, '.');
	emit(p, b, 0);
	if (met != 0)
		return;
	double k;
	if (ind->target_needed.has && rnd_is_percent(ind)) {
		kpi_buf_adds(b, "The number would need to ");
		kpi_buf_adds(b, good_dir(ind) < 0 ? "fall to " : "rise to ");
		rnd_fmt_int(b, ind->target_needed.v);
		kpi_buf_adds(b, ", based on ");
		lab(b, ind, ind->latest.period, o);
		kpi_buf_adds(b, " data.");
		emit(p, b, 0);
	} else if (rate_needed(ind, &k)) {
		kpi_buf_adds(b, "Meeting the target would need ");
		rnd_fmt_int(b, k);
		if (ind->counted) {
			kpi_buf_addc(b, ' ');
			kpi_buf_adds(b, ind->counted);
		}
		kpi_buf_adds(b, good_dir(ind) < 0 ? " or fewer." : " or more.");
		emit(p, b, 0);
	}
}

/* Pattern 11: pooled year average when the window's counts are known. */
static void average(rnd_para *p, kpi_buf *b, const rnd_ind *ind, const rnd_opts *o, int wanted)
{
	if (!ind->window.has || ind->window.length < 2 || !wanted)
		return;
	const char *noun = rnd_period_noun(ind->period_type, ind->latest.period);
	int year = ind->window.length == kpi_period_per_year(kpi_period_type_from_name(
		ind->period_type ? ind->period_type : "month"));
	double n = ind->window.num_sum.v, d = ind->window.den_sum.v;
	if (rnd_is_percent(ind) && ind->window.num_sum.has && ind->window.den_sum.has && d > 0 &&
	    n >= 0 && n <= d && n == floor(n) && d == floor(d)) {
		/* half up in integers, as methods.md §E labels small percentages */
		long long t = ((long long)(2000 * n) + (long long)d) / (2 * (long long)d);
		if (year)
			kpi_buf_adds(b, "The year average is ");
		else
			kpi_buf_printf(b, "The average over the last %ld %ss is ", ind->window.length, noun);
		kpi_buf_printf(b, "%lld.%lld%% (", t / 10, t % 10);
		rnd_fmt_int(b, n);
		kpi_buf_adds(b, " out of ");
		rnd_fmt_int(b, d);
		kpi_buf_adds(b, ").");
		emit(p, b, 0);
		return;
	}
	if (!ind->window.mean.has)
		return;
	if (year && strcmp(noun, "month") == 0)
		kpi_buf_adds(b, "The 12-month average is ");
	else
		kpi_buf_printf(b, "The average over the last %ld %ss is ", ind->window.length, noun);
	if (rnd_is_count(ind)) {
		rnd_fmt_int(b, ind->window.mean.v);
		kpi_buf_printf(b, " per %s.", noun);
	} else {
		rnd_fmt_value(b, ind, ind->window.mean.v);
		kpi_buf_addc(b, '.');
	}
	emit(p, b, 0);
}

/* Pattern 14. */
static void benchmark(rnd_para *p, kpi_buf *b, const rnd_ind *ind, const rnd_opts *o)
{
	if (!ind->benchmark.has || !ind->latest.value.has)
		return;
	const char *area = ind->benchmark.area ? ind->benchmark.area : "England";
	double e = ind->benchmark.value.v, v = ind->latest.value.v;
	const char *cmp = ind->benchmark.comparison;
	kpi_buf_adds(b, "This is ");
	if (same_text(ind, v, e))
		kpi_buf_adds(b, "in line with");
	else
		kpi_buf_adds(b, v > e ? "above" : "below");
	kpi_buf_adds(b, " the ");
	kpi_buf_adds(b, area);
	kpi_buf_adds(b, " figure of ");
	rnd_fmt_value(b, ind, e);
	if (ind->benchmark.period) {
		kpi_buf_adds(b, " (");
		lab(b, ind, ind->benchmark.period, o);
		kpi_buf_addc(b, ')');
	}
	if (cmp && (strcmp(cmp, "better") == 0 || strcmp(cmp, "worse") == 0)) {
		kpi_buf_adds(b, ", significantly ");
		kpi_buf_adds(b, cmp);
	} else if (cmp && strcmp(cmp, "similar") == 0 && !same_text(ind, v, e)) {
		kpi_buf_adds(b, ", though not significantly");
	}
	kpi_buf_addc(b, '.');
	emit(p, b, 0);
	if (ind->benchmark.quartile || ind->benchmark.rank.has) {
		if (ind->benchmark.quartile)
			kpi_buf_printf(b, "Quartile %s", ind->benchmark.quartile);
		if (ind->benchmark.rank.has) {
			kpi_buf_adds(b, ind->benchmark.quartile ? " (Rank " : "Rank ");
			rnd_fmt_int(b, ind->benchmark.rank.v);
			if (ind->benchmark.quartile)
				kpi_buf_addc(b, ')');
		}
		kpi_buf_addc(b, '.');
		emit(p, b, 0);
	}
}

void rnd_sentences(rnd_para *out, const rnd_ind *ind, const rnd_opts *o)
{
	kpi_buf b = KPI_BUF_INIT;
	if (ind->n_targets >= 2)
		staged(out, &b, ind);
	if (availability(out, &b, ind, o)) {
		kpi_buf_free(&b);
		return;
	}
	int moved = movement(out, &b, ind, o);
	int said_peak = moved != 0; /* the run or the peak is told already */
	int said_run = 0, said_extreme = 0;
	if (!said_peak) {
		said_run = run_sentence(out, &b, ind, o);
		if (!said_run)
			said_run = loose_trend(out, &b, ind, o);
	}
	const char *named = NULL;
	said_extreme = extreme_sentence(out, &b, ind, o, said_run == 2, moved == 2, &named);
	if (!said_run && !said_extreme && !said_peak)
		said_run = level_held(out, &b, ind, o);
	kpi_period_type pt = ind->period_type ? kpi_period_type_from_name(ind->period_type) : KPI_PT_NONE;
	if (pt != KPI_PT_FINANCIAL_QUARTER)
		year_ago(out, &b, ind, o, named);
	target_sentences(out, &b, ind, o);
	/* the year average where the month alone says little: low numbers, or
	 * nothing else placed the figure in its year */
	int small = small_numbers(ind, &ind->latest, o);
	average(out, &b, ind, o, small || (!said_run && !said_extreme && !said_peak && !ind->has_year_ago));
	benchmark(out, &b, ind, o);
	if (rnd_has_flag(ind, "data_quality")) {
		kpi_buf_adds(&b, "Action: the recording behind this figure is being checked before it is analysed further.");
		emit(out, &b, 1);
	}
	kpi_buf_free(&b);
}
