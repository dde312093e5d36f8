/* style.c: what the report types of report-style.md §5 add to the model
 * (--style).  The formats lay them out; this decides their content
 * (the highlight report's summary is summary.c's):
 *
 *   summary    the data-quality preface: the indicators whose data need
 *              care (flag data_quality, stale data, gaps in the series)
 *   headlines  per theme three to five picks, issues first, each told in
 *              its first sentence
 *   dashboard  the unit in words and the gap to the target, per indicator
 */
#include "render.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const style_names[] = {"highlight", "full", "summary", "headlines", "dashboard"};

int rnd_style_from_name(const char *name)
{
	for (size_t i = 0; i < sizeof style_names / sizeof *style_names; i++)
		if (strcmp(name, style_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *rnd_style_name(rnd_style st)
{
	return style_names[st];
}

static int unit_is(const rnd_ind *ind, const char *u)
{
	return ind->unit && strcmp(ind->unit, u) == 0;
}

const char *rnd_unit_words(const rnd_ind *ind)
{
	static const struct {
		const char *unit;
		rnd_phrase_id words;
	} units[] = {
		{"percent", PH_UNIT_PERCENT}, {"count", PH_UNIT_COUNT}, {"rate_per_10k", PH_UNIT_RATE_PER_10K},
		{"rate_per_100k", PH_UNIT_RATE_PER_100K}, {"days", PH_UNIT_DAYS}, {"weeks", PH_UNIT_WEEKS},
		{"ratio", PH_UNIT_RATIO}, {"score", PH_UNIT_SCORE}, {"currency", PH_UNIT_CURRENCY},
	};
	for (size_t i = 0; i < sizeof units / sizeof *units; i++)
		if (unit_is(ind, units[i].unit))
			return rnd_phrase(units[i].words);
	return ind->unit && *ind->unit ? ind->unit : "-";
}

/* Dashboard cells: the unit, and the gap to the target in force. */
static void dashboard_cells(rnd_item *it)
{
	const rnd_ind *d = it->ind;
	kpi_buf b = KPI_BUF_INIT;
	if (d->has_target && d->latest.value.has) {
		double gap = d->target_gap.has ? d->target_gap.v : d->latest.value.v - d->target.value.v;
		rnd_fmt_diff(&b, d, gap, RND_DIFF_CELL);
	} else {
		kpi_buf_adds(&b, "-");
	}
	it->c_gap = kpi_xstrdup(kpi_buf_str(&b));
	it->c_unit = kpi_xstrdup(rnd_unit_words(d));
	kpi_buf_free(&b);
}

/* The headline of an entry: its first sentence after a success measure
 * (pattern 10); an off-target lead (pattern 18) stays before it, so the
 * headline of an improvement that misses its target says so first; "not
 * yet available" (p17.not_yet) keeps the sentence that follows it, and the
 * window's highest or lowest figure (p3.highest, p3.lowest) is kept too.
 * Chosen by the sentences' phrase ids, never by their words. */
static char *headline(const rnd_item *it)
{
	const rnd_para *p = &it->para;
	size_t i = 0;
	kpi_buf b = KPI_BUF_INIT;
	if (i < p->n && rnd_phrase_pattern(p->s[i].id) == 18) {
		kpi_buf_adds(&b, p->s[i++].text);
		kpi_buf_addc(&b, ' ');
	}
	if (i < p->n && rnd_phrase_pattern(p->s[i].id) == 10)
		i++;
	if (i >= p->n) {
		kpi_buf_free(&b);
		return NULL;
	}
	kpi_buf_adds(&b, p->s[i].text);
	if (p->s[i].id == PH_P17_NOT_YET && i + 1 < p->n) {
		kpi_buf_addc(&b, ' ');
		kpi_buf_adds(&b, p->s[++i].text);
	}
	/* and where that leaves the figure, when it is the window's high or low */
	if (i + 1 < p->n && (p->s[i + 1].id == PH_P3_HIGHEST || p->s[i + 1].id == PH_P3_LOWEST)) {
		kpi_buf_addc(&b, ' ');
		kpi_buf_adds(&b, p->s[i + 1].text);
	}
	char *s = kpi_xstrdup(kpi_buf_str(&b));
	kpi_buf_free(&b);
	return s;
}

static int assessed(const rnd_item *it, const char *a)
{
	return it->ind->assessment && strcmp(it->ind->assessment, a) == 0;
}

/* Three to five per theme: current issues, then improvements, then (to make
 * up three) stable indicators, in catalogue order within each. */
static void pick_headlines(rnd_section *s)
{
	static const char *const order[] = {"issue", "improvement", "stable"};
	s->headlines = kpi_xcalloc(s->n ? s->n : 1, sizeof *s->headlines);
	for (size_t k = 0; k < 3; k++) {
		if (k == 2 && s->n_headlines >= 3)
			break;
		for (size_t i = 0; i < s->n && s->n_headlines < 5; i++) {
			rnd_item *it = s->items[i];
			if (assessed(it, order[k]) && it->headline)
				s->headlines[s->n_headlines++] = it;
		}
	}
}

/* Adds NOTE to the notes joined in B (phrase dq.and). */
static void note(kpi_buf *b, const char *text)
{
	if (!b->len) {
		kpi_buf_adds(b, text);
		return;
	}
	kpi_buf joined = KPI_BUF_INIT;
	RND_SAY(&joined, PH_DQ_AND, {S_LIST, kpi_buf_str(b)}, {S_NEXT, text});
	kpi_buf_clear(b);
	kpi_buf_adds(b, kpi_buf_str(&joined));
	kpi_buf_free(&joined);
}

/* One data-quality note, or NULL when the indicator's data need no care. */
static char *dq_note(const rnd_item *it, const rnd_opts *o)
{
	const rnd_ind *d = it->ind;
	kpi_buf notes = KPI_BUF_INIT, t = KPI_BUF_INIT, period = KPI_BUF_INIT, as_at = KPI_BUF_INIT;
	int older = rnd_before_as_at(d, d->latest.period);
	if ((d->stale > 0 || older || d->behind || rnd_has_flag(d, "stale")) && d->latest.period) {
		rnd_period_label(&period, d->latest.period, d->period_type, o->month_style);
		/* behind the report alone: the series' own as-at is its latest */
		if (d->as_at && (older || d->stale > 0))
			rnd_period_label(&as_at, d->as_at, d->period_type, o->month_style);
		else if (d->stale > 0)
			rnd_series_label_plus(&as_at, d, d->latest.period, d->stale, o->month_style);
		kpi_buf sup = KPI_BUF_INIT;
		if (d->n_history && d->history[d->n_history - 1].period)
			rnd_period_label(&sup, d->history[d->n_history - 1].period, d->period_type, o->month_style);
		/* kpi-flag's reasons say why there is no later figure (issue 15) */
		if (rnd_has_reason(d, "suppressed_latest") && sup.len)
			RND_SAY(&t, PH_DQ_SUPPRESSED_LATEST, {S_PERIOD, kpi_buf_str(&period)},
				{S_AS_AT, kpi_buf_str(&sup)});
		else if (rnd_has_reason(d, "reporting_ended"))
			RND_SAY(&t, PH_DQ_REPORTING_ENDED, {S_PERIOD, kpi_buf_str(&period)});
		else if (as_at.len)
			RND_SAY(&t, PH_DQ_STALE, {S_PERIOD, kpi_buf_str(&period)}, {S_AS_AT, kpi_buf_str(&as_at)});
		else
			RND_SAY(&t, PH_DQ_STALE_UNDATED, {S_PERIOD, kpi_buf_str(&period)});
		kpi_buf_free(&sup);
		note(&notes, kpi_buf_str(&t));
		kpi_buf_clear(&t);
	}
	if (rnd_has_flag(d, "data_quality"))
		note(&notes, rnd_phrase(PH_DQ_CHECKING));
	if (d->n_gaps) {
		char n[24];
		snprintf(n, sizeof n, "%zu", d->n_gaps);
		RND_SAY(&t, d->n_gaps == 1 ? PH_DQ_GAPS_ONE : PH_DQ_GAPS, {S_N, n});
		note(&notes, kpi_buf_str(&t));
	} else if (rnd_has_flag(d, "gap_in_series")) {
		note(&notes, rnd_phrase(PH_DQ_GAPPY));
	}
	char *s = NULL;
	if (notes.len) {
		kpi_buf_clear(&t);
		RND_SAY(&t, PH_DQ_NOTE, {S_INDICATOR, it->label}, {S_PROBLEMS, kpi_buf_str(&notes)});
		s = kpi_xstrdup(kpi_buf_str(&t));
	}
	kpi_buf_free(&notes);
	kpi_buf_free(&t);
	kpi_buf_free(&period);
	kpi_buf_free(&as_at);
	return s;
}

void rnd_style_build(rnd_report *r, const rnd_opts *o)
{
	switch (r->style) {
	case RND_STYLE_DASHBOARD:
		for (size_t i = 0; i < r->n_items; i++)
			dashboard_cells(&r->items[i]);
		break;
	case RND_STYLE_HEADLINES:
		for (size_t i = 0; i < r->n_items; i++)
			r->items[i].headline = headline(&r->items[i]);
		for (size_t i = 0; i < r->n_sections; i++)
			pick_headlines(&r->sections[i]);
		break;
	case RND_STYLE_SUMMARY:
		r->dq_notes = kpi_xcalloc(r->n_items ? r->n_items : 1, sizeof *r->dq_notes);
		/* in the report's order: section by section */
		for (size_t k = 0; k < r->n_sections; k++)
			for (size_t i = 0; i < r->sections[k].n; i++) {
				char *s = dq_note(r->sections[k].items[i], o);
				if (s)
					r->dq_notes[r->n_dq_notes++] = s;
			}
		break;
	case RND_STYLE_HIGHLIGHT: /* summary.c */
	case RND_STYLE_FULL:
		break;
	}
}

void rnd_style_free(rnd_report *r)
{
	for (size_t i = 0; i < r->n_items; i++) {
		free(r->items[i].c_gap);
		free(r->items[i].c_unit);
		free(r->items[i].headline);
	}
	for (size_t i = 0; i < r->n_sections; i++)
		free(r->sections[i].headlines);
	for (size_t i = 0; i < r->n_dq_notes; i++)
		free(r->dq_notes[i]);
	free(r->dq_notes);
}
