/* sentence.c: the generated sentences of one indicator entry, in the
 * patterns of report-style.md §3 (numbers in the comments name them): which
 * patterns speak and in what order; each chooses its phrase by id and
 * fills the slots (the words are in the phrases file).
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
#include "sentence.h"
#include "kpi/numfmt.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

void rnd_para_add(rnd_para *p, const char *text, int bold, rnd_phrase_id id)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 8;
		p->s = kpi_xrealloc(p->s, p->cap * sizeof *p->s);
	}
	p->s[p->n].text = kpi_xstrdup(text);
	p->s[p->n].id = id;
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

kpi_buf *snt_t(snt *s, int i)
{
	kpi_buf_clear(&s->t[i]);
	return &s->t[i];
}

const char *snt_s(snt *s, int i)
{
	return kpi_buf_str(&s->t[i]);
}

void snt_emit(snt *s, rnd_phrase_id id, int bold)
{
	if (s->b.len)
		rnd_para_add(s->p, kpi_buf_str(&s->b), bold, id);
	kpi_buf_clear(&s->b);
}

void snt_say_plain(snt *s, rnd_phrase_id id, int bold)
{
	kpi_buf_adds(&s->b, rnd_phrase(id));
	snt_emit(s, id, bold);
}

void rnd_subject(kpi_buf *b, const rnd_ind *ind)
{
	const char *s = ind->name ? ind->name : ind->indicator;
	size_t n = strlen(s);
	/* "Children subject to a plan (rate per 10,000)" -> "Children subject to a
	 * plan", unless another indicator of the report is told apart by it */
	if (n > 2 && s[n - 1] == ')' && !ind->keep_qualifier) {
		const char *open = strrchr(s, '(');
		if (open && open > s && open[-1] == ' ')
			n = (size_t)(open - 1 - s);
	}
	kpi_buf_add(b, s, n);
	/* the sub-group is part of what the sentence is about */
	if (ind->breakdown && *ind->breakdown) {
		kpi_buf_adds(b, " (");
		kpi_buf_adds(b, ind->breakdown);
		kpi_buf_addc(b, ')');
	}
}

int rnd_off_target(const rnd_ind *ind)
{
	return ind->assessment && strcmp(ind->assessment, "improvement") == 0 && ind->has_target &&
	       ind->target_met == 0 && ind->latest.value.has;
}

int snt_good_dir(const rnd_ind *ind)
{
	if (!ind->polarity)
		return 0;
	if (strcmp(ind->polarity, "higher_is_better") == 0)
		return 1;
	if (strcmp(ind->polarity, "lower_is_better") == 0)
		return -1;
	return 0;
}

int snt_same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

void snt_label(kpi_buf *b, snt *s, const char *period)
{
	rnd_period_label(b, period, s->ind->period_type, s->o->month_style);
}

rnd_phrase_id snt_noun(const rnd_ind *ind)
{
	return rnd_series_noun(ind);
}

void snt_window_adj(kpi_buf *b, const rnd_ind *ind, int year_word)
{
	long n = ind->window.span;
	if (n < 3)
		return;
	rnd_phrase_id noun = snt_noun(ind);
	if (year_word && ((n == 12 && noun == PH_PERIOD_MONTH) || (n == 4 && noun == PH_PERIOD_QUARTER))) {
		kpi_buf_adds(b, rnd_phrase(PH_WINDOW_YEAR));
		return;
	}
	char num[24];
	snprintf(num, sizeof num, "%ld", n);
	/* 8, 11, 18, 80-89, 800-899, 11000 ... are read with a vowel first */
	int vowel = num[0] == '8' || (n >= 11 && strlen(num) % 3 == 2 && (num[1] == '1' || num[1] == '8') &&
				     num[0] == '1');
	RND_SAY(b, vowel ? PH_WINDOW_PERIODS_VOWEL : PH_WINDOW_PERIODS, {S_N, num}, {S_NOUN, rnd_noun(noun, 1)});
}

int snt_window_years(kpi_buf *b, const rnd_ind *ind)
{
	long n = ind->window.span;
	if (n < 3 || snt_noun(ind) != PH_PERIOD_YEAR)
		return 0;
	/* the Nth word of number.words, else the digits */
	const char *w = rnd_phrase(PH_NUMBER_WORDS);
	for (long k = 1; *w && k < n; k++) {
		w += strcspn(w, " ");
		w += strspn(w, " ");
	}
	size_t len = strcspn(w, " ");
	if (len)
		kpi_buf_add(b, w, len);
	else
		kpi_buf_printf(b, "%ld", n);
	return 1;
}

const rnd_point *snt_point_at(const rnd_ind *ind, const char *period)
{
	if (!period)
		return NULL;
	if (snt_same(ind->latest.period, period))
		return &ind->latest;
	for (size_t i = ind->n_history; i-- > 0;)
		if (snt_same(ind->history[i].period, period))
			return &ind->history[i];
	if (ind->has_previous && snt_same(ind->previous.period, period))
		return &ind->previous;
	if (ind->has_year_ago && snt_same(ind->year_ago.period, period))
		return &ind->year_ago;
	return NULL;
}

void snt_vc(kpi_buf *b, const rnd_ind *ind, const rnd_point *p, int with_den, const char *note)
{
	double v = p->value.v;
	if (rnd_is_count(ind) && ind->decimals <= 0 && v == round(v) && v >= 0 && v <= 2 && !note) {
		rnd_fmt_count_words(b, v, 1);
		return;
	}
	rnd_fmt_vc(b, ind, p, with_den, note);
}

int snt_small_numbers(const rnd_ind *ind, const rnd_point *p, const rnd_opts *o)
{
	if (!rnd_is_percent(ind) || !p->den.has)
		return 0;
	return rnd_has_flag(ind, "small_denominator") || p->den.v < o->small_den;
}

void snt_latest_vc(kpi_buf *b, snt *s)
{
	const rnd_ind *ind = s->ind;
	int small = snt_small_numbers(ind, &ind->latest, s->o);
	int unreliable = snt_same(ind->latest.status, "low_reliability");
	if (!small && !unreliable) {
		snt_vc(b, ind, &ind->latest, 0, NULL);
		return;
	}
	kpi_buf note = KPI_BUF_INIT;
	if (small)
		snt_small_note(&note, s);
	if (unreliable) {
		if (note.len)
			kpi_buf_adds(&note, "; ");
		kpi_buf_adds(&note, rnd_phrase(PH_NOTE_LOW_RELIABILITY));
	}
	snt_vc(b, ind, &ind->latest, small, kpi_buf_str(&note));
	kpi_buf_free(&note);
}

int snt_same_text(const rnd_ind *ind, double a, double b)
{
	return rnd_same_printed(ind, a, b);
}

void snt_point(kpi_buf *b, snt *s, const char *period, const rnd_point *p)
{
	kpi_buf label = KPI_BUF_INIT;
	snt_label(&label, s, period);
	if (p && p->value.has) {
		kpi_buf v = KPI_BUF_INIT;
		rnd_fmt_value(&v, s->ind, p->value.v);
		RND_SAY(b, PH_POINT, {S_PERIOD, kpi_buf_str(&label)}, {S_VALUE, kpi_buf_str(&v)});
		kpi_buf_free(&v);
	} else {
		kpi_buf_adds(b, kpi_buf_str(&label));
	}
	kpi_buf_free(&label);
}

/* Pattern 10: "Improvement Plan Success Measure: reduce to 4.0% by December 2022,
 * and further to 2.0% by March 2023." */
static void staged(snt *s)
{
	const rnd_ind *ind = s->ind;
	int g = snt_good_dir(ind);
	kpi_buf *acc = snt_t(s, 0), *step = snt_t(s, 1), *v = snt_t(s, 2), *due = snt_t(s, 3);
	kpi_buf *joined = snt_t(s, 4);
	for (size_t i = 0; i < ind->n_targets; i++) {
		kpi_buf_clear(step);
		kpi_buf_clear(v);
		kpi_buf_clear(due);
		rnd_fmt_value(v, ind, ind->targets[i].value.v);
		if (ind->targets[i].due) {
			rnd_due_label(due, ind->targets[i].due, s->o->month_style);
			RND_SAY(step, PH_P10_STEP, {S_TARGET, kpi_buf_str(v)}, {S_DUE, kpi_buf_str(due)});
		} else {
			RND_SAY(step, PH_P10_STEP_UNDATED, {S_TARGET, kpi_buf_str(v)});
		}
		if (i == 0) {
			kpi_buf_adds(acc, kpi_buf_str(step));
			continue;
		}
		kpi_buf_clear(joined);
		RND_SAY(joined, i == 1 ? PH_P10_FURTHER : PH_P10_AND, {S_LIST, kpi_buf_str(acc)},
			{S_NEXT, kpi_buf_str(step)});
		kpi_buf_clear(acc);
		kpi_buf_adds(acc, kpi_buf_str(joined));
	}
	rnd_phrase_id id = g > 0 ? PH_P10_INCREASE : g < 0 ? PH_P10_REDUCE : PH_P10_REACH;
	SNT_SAY(s, id, {S_TARGETS, snt_s(s, 0)});
}

/* The sentence of a latest value that is missing, by its status. */
static rnd_phrase_id missing_phrase(const char *status)
{
	static const struct {
		const char *status;
		rnd_phrase_id id;
	} by[] = {
		{"suppressed", PH_P17_SUPPRESSED}, {"not_applicable", PH_P17_NOT_APPLICABLE},
		{"error", PH_P17_ERROR}, {"not_available", PH_P17_NOT_AVAILABLE},
		{"rounds_to_zero", PH_P17_ROUNDS_TO_ZERO},
	};
	for (size_t i = 0; status && i < sizeof by / sizeof *by; i++)
		if (strcmp(status, by[i].status) == 0)
			return by[i].id;
	return PH_P17_MISSING;
}

/* Pattern 17 and the missing-value forms. Returns 1 when nothing more can be said. */
static int availability(snt *s)
{
	const rnd_ind *ind = s->ind;
	const rnd_point *l = &ind->latest;
	if (!l->value.has) {
		if (!l->period) {
			if (ind->as_at) {
				snt_label(snt_t(s, 0), s, ind->as_at);
				SNT_SAY(s, PH_P17_NO_DATA, {S_PERIOD, snt_s(s, 0)});
			} else {
				snt_say_plain(s, PH_P17_NO_DATA_UNDATED, 0);
			}
		} else {
			rnd_phrase_id id = missing_phrase(l->status);
			snt_label(snt_t(s, 0), s, l->period);
			kpi_buf_clear(snt_t(s, 1));
			rnd_subject(&s->t[1], ind);
			RND_SAY(&s->b, id, {S_PERIOD, snt_s(s, 0)}, {S_SUBJECT, snt_s(s, 1)},
				{S_VALUE, rnd_status_word(l->status)});
			/* data that cannot be read is an action, in bold */
			snt_emit(s, id, id == PH_P17_ERROR);
		}
		if (ind->has_previous && ind->previous.value.has) {
			snt_vc(snt_t(s, 0), ind, &ind->previous, 0, NULL);
			snt_label(snt_t(s, 1), s, ind->previous.period);
			SNT_SAY(s, PH_P17_LAST_FIGURE, {S_VALUE, snt_s(s, 0)}, {S_PERIOD, snt_s(s, 1)});
		}
		return 1;
	}
	/* kpi-flag would not judge it on this older figure (issue 15) */
	int suppressed = rnd_has_reason(ind, "suppressed_latest") && ind->n_history &&
			 ind->history[ind->n_history - 1].period;
	if (suppressed || rnd_has_reason(ind, "reporting_ended")) {
		snt_vc(snt_t(s, 0), ind, l, 0, NULL);
		snt_label(snt_t(s, 1), s, l->period);
		if (suppressed) {
			snt_label(snt_t(s, 2), s, ind->history[ind->n_history - 1].period);
			SNT_SAY(s, PH_P17_SUPPRESSED_LATEST, {S_PERIOD, snt_s(s, 2)}, {S_FROM_PERIOD, snt_s(s, 1)},
				{S_VALUE, snt_s(s, 0)});
		} else {
			SNT_SAY(s, PH_P17_REPORTING_ENDED, {S_PERIOD, snt_s(s, 1)}, {S_VALUE, snt_s(s, 0)});
		}
		return 1;
	}
	int older = rnd_before_as_at(ind, l->period);
	if (ind->stale > 0 || older) {
		kpi_buf *as_at = snt_t(s, 0);
		if (ind->as_at)
			snt_label(as_at, s, ind->as_at);
		else /* the period the data are as at, from kpi-trend's count */
			rnd_series_label_plus(as_at, ind, l->period, ind->stale, s->o->month_style);
		snt_label(snt_t(s, 1), s, l->period);
		SNT_SAY(s, PH_P17_NOT_YET, {S_AS_AT, snt_s(s, 0)}, {S_PERIOD, snt_s(s, 1)});
	}
	return 0;
}

void rnd_sentences(rnd_para *out, const rnd_ind *ind, const rnd_opts *o)
{
	snt s = {.p = out, .ind = ind, .o = o};
	kpi_buf_init(&s.b);
	for (int i = 0; i < SNT_TEXTS; i++)
		kpi_buf_init(&s.t[i]);
	/* listed under Improvement but off target: said first (pattern 18) */
	if (rnd_off_target(ind))
		snt_off_target(&s);
	if (ind->n_targets >= 2)
		staged(&s);
	if (!availability(&s)) {
		int moved = snt_movement(&s);
		int said_peak = moved != 0; /* the run or the peak is told already */
		int said_run = 0, said_extreme = 0;
		if (!said_peak) {
			said_run = snt_run(&s);
			if (!said_run)
				said_run = snt_loose_trend(&s);
		}
		const char *named = NULL;
		said_extreme = snt_extreme(&s, said_run == 2, moved == 2, &named);
		if (!said_run && !said_extreme && !said_peak)
			said_run = snt_level_held(&s);
		kpi_period_type pt = ind->period_type ? kpi_period_type_from_name(ind->period_type) : KPI_PT_NONE;
		if (pt != KPI_PT_FINANCIAL_QUARTER)
			snt_year_ago(&s, named);
		snt_targets(&s);
		/* the year average where the month alone says little: low numbers, or
		 * nothing else placed the figure in its year */
		int small = snt_small_numbers(ind, &ind->latest, o);
		snt_average(&s, small || (!said_run && !said_extreme && !said_peak && !ind->has_year_ago));
		snt_benchmark(&s);
		if (rnd_has_flag(ind, "data_quality"))
			snt_say_plain(&s, PH_ACTION_DATA_QUALITY, 1);
	}
	rnd_sentence_revisions(out, ind, o);
	kpi_buf_free(&s.b);
	for (int i = 0; i < SNT_TEXTS; i++)
		kpi_buf_free(&s.t[i]);
}
