/* cells.c: the appendix and dashboard tables' text: an indicator's cells
 * (latest, previous, change, range, target, RAG, comparators, trend) and the
 * column headings a section or a report shares (the range's window, the
 * benchmark's and the region's area).  report.c builds the model with them;
 * the formats only lay the text out. */
#include "render.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "Red", "Amber", "Green" (phrases); another RAG as written, capitalised. */
static void rag_cell(kpi_buf *b, const char *rag)
{
	static const struct {
		const char *rag;
		rnd_phrase_id word;
	} words[] = {{"red", PH_RAG_RED}, {"amber", PH_RAG_AMBER}, {"green", PH_RAG_GREEN}};
	if (!rag || !*rag) {
		kpi_buf_adds(b, "-");
		return;
	}
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcmp(rag, words[i].rag) == 0) {
			kpi_buf_adds(b, rnd_phrase(words[i].word));
			return;
		}
	size_t at = b->len;
	kpi_buf_adds(b, rag);
	if (b->data[at] >= 'a' && b->data[at] <= 'z')
		b->data[at] = (char)(b->data[at] - 'a' + 'A');
}

/* With --show-revisions, the cell of a figure a later release revised is marked. */
static void revised_mark(kpi_buf *b, const rnd_point *p, const rnd_opts *o)
{
	if (!o->show_revisions || !p->revised_from.has || !p->value.has || p->revised_from.v == p->value.v)
		return;
	kpi_buf cell = KPI_BUF_INIT;
	RND_SAY(&cell, PH_CELL_REVISED, {S_VALUE, kpi_buf_str(b)});
	kpi_buf_clear(b);
	kpi_buf_adds(b, kpi_buf_str(&cell));
	kpi_buf_free(&cell);
}

/* The table cell of IND's comparator K (-1: none): its value, or "-". */
static void comparator_cell(kpi_buf *b, const rnd_ind *ind, int k)
{
	const char *cmp = k >= 0 ? ind->comparator[k].comparison : NULL;
	if (k >= 0 && !(cmp && strcmp(cmp, "not_compared") == 0))
		rnd_fmt_value(b, ind, ind->comparator[k].value.v);
	else
		kpi_buf_adds(b, "-");
}

/* IT's table cells, every format's: the figures of IND as text. */
void rnd_item_cells(rnd_item *it, const rnd_ind *ind, const rnd_opts *o)
{
	kpi_buf b = KPI_BUF_INIT;
	/* the period is the column's or, where it differs, the cell's own
	 * (rnd_section_latest_heading) */
	rnd_fmt_cell(&b, ind, &ind->latest);
	revised_mark(&b, &ind->latest, o);
	it->c_latest = rnd_take(&b);

	if (ind->has_previous) {
		rnd_fmt_cell(&b, ind, &ind->previous);
		revised_mark(&b, &ind->previous, o);
	} else {
		kpi_buf_adds(&b, "-");
	}
	it->c_previous = rnd_take(&b);

	double ch = 0;
	int has_ch = 0;
	if (ind->change.has) {
		ch = ind->change.v;
		has_ch = 1;
	} else if (ind->has_previous && ind->previous.value.has && ind->latest.value.has) {
		ch = ind->latest.value.v - ind->previous.value.v;
		has_ch = 1;
	}
	if (has_ch)
		rnd_fmt_diff(&b, ind, ch, RND_DIFF_CELL);
	else
		kpi_buf_adds(&b, "-");
	it->c_change = rnd_take(&b);

	/* a range needs two figures: one point's "0 – 0" says nothing */
	if (ind->window.has && ind->window.low.has && ind->window.high.has && ind->window.span >= 2) {
		rnd_fmt_value(&b, ind, ind->window.low.v);
		kpi_buf_adds(&b, " \xe2\x80\x93 "); /* en dash */
		rnd_fmt_value(&b, ind, ind->window.high.v);
	} else {
		kpi_buf_adds(&b, "-");
	}
	it->c_range = rnd_take(&b);

	if (ind->has_target) {
		rnd_fmt_value(&b, ind, ind->target.value.v);
		if (ind->target.due) {
			kpi_buf due = KPI_BUF_INIT, cell = KPI_BUF_INIT;
			rnd_due_label(&due, ind->target.due, o->month_style);
			RND_SAY(&cell, PH_CELL_TARGET, {S_TARGET, kpi_buf_str(&b)}, {S_DUE, kpi_buf_str(&due)});
			kpi_buf_clear(&b);
			kpi_buf_adds(&b, kpi_buf_str(&cell));
			kpi_buf_free(&due);
			kpi_buf_free(&cell);
		}
	} else {
		kpi_buf_adds(&b, "-");
	}
	it->c_target = rnd_take(&b);

	rag_cell(&b, ind->rag);
	it->c_rag = rnd_take(&b);

	/* the benchmark, else kpi-flag --compare's England */
	int england = rnd_comparator(ind, "england");
	if (ind->benchmark.has || england >= 0) {
		double bv = ind->benchmark.has ? ind->benchmark.value.v : ind->comparator[england].value.v;
		/* pattern 14's comparator row: "48.0% ↑ +4.0%", arrow = sign of LA - England */
		rnd_fmt_value(&b, ind, bv);
		/* a council's count against England's (353 against 81,770) is
		 * scale, not performance: the figure alone, for context */
		if (ind->latest.value.has && !rnd_is_count(ind)) {
			double d = ind->latest.value.v - bv;
			kpi_buf t = KPI_BUF_INIT;
			rnd_fmt_diff(&t, ind, d, RND_DIFF_CELL);
			const char *s = kpi_buf_str(&t);
			kpi_buf_adds(&b, *s == '+' ? " \xe2\x86\x91 " : *s == '-' ? " \xe2\x86\x93 " : " = ");
			kpi_buf_adds(&b, s);
			kpi_buf_free(&t);
		}
	} else {
		kpi_buf_adds(&b, "-");
	}
	it->c_bench = rnd_take(&b);

	/* the neighbours' mean and the region's figure, in the unit, where they
	 * are compared: a region's count beside a council's is scale, not
	 * performance */
	int k = rnd_comparator(ind, "neighbours");
	comparator_cell(&b, ind, k);
	it->c_neighbours = rnd_take(&b);
	k = rnd_comparator(ind, "region");
	comparator_cell(&b, ind, k);
	it->c_region = rnd_take(&b);
	if (ind->rank.has && ind->rank.quartile) {
		char pos[24], of[24];
		snprintf(pos, sizeof pos, "%ld", ind->rank.position);
		snprintf(of, sizeof of, "%ld", ind->rank.of);
		RND_SAY(&b, PH_CELL_RANK, {S_QUARTILE, ind->rank.quartile}, {S_RANK, pos}, {S_N, of});
	} else {
		kpi_buf_adds(&b, "-");
	}
	it->c_rank = rnd_take(&b);

	rnd_text_sparkline(&b, ind);
	if (!b.len)
		kpi_buf_adds(&b, "-");
	it->c_trend = rnd_take(&b);
	kpi_buf_free(&b);
}

/* The window a range covers: its length and the noun of its periods. */
static int window_of(const rnd_ind *d, long *len, rnd_phrase_id *noun)
{
	if (!d->window.has || !d->window.low.has || !d->window.high.has || d->window.length < 1 ||
	    d->window.span < 2)
		return 0;
	*len = d->window.span;
	*noun = rnd_series_noun(d);
	return 1;
}

/* The range column's heading, from the window most of the section's series
 * share: "12-month range" for months, "Range over 12 quarters" for others.
 * A cell whose window differs names its own: "7 – 14 (9 months)".  The
 * distinct windows are counted in one pass over the series (a section has
 * few of them), so this is linear in its series: it was quadratic, and
 * 40,000 series in a section took minutes. */
/* "12-month range", "Range over 5 years": the heading of a window of LEN
 * periods of NOUN (PH_COUNT: none). */
static char *range_heading_text(long len, rnd_phrase_id noun)
{
	kpi_buf b = KPI_BUF_INIT;
	char n[24];
	snprintf(n, sizeof n, "%ld", len);
	if (noun == PH_COUNT)
		kpi_buf_adds(&b, rnd_phrase(PH_COLUMN_RANGE_NONE));
	else if (noun == PH_PERIOD_MONTH)
		RND_SAY(&b, PH_COLUMN_RANGE_MONTHS, {S_N, n});
	else
		RND_SAY(&b, PH_COLUMN_RANGE, {S_N, n}, {S_PERIODS, rnd_noun(noun, len)});
	char *text = rnd_take(&b);
	kpi_buf_free(&b);
	return text;
}

void rnd_section_range_heading(rnd_section *s)
{
	struct window {
		long len;
		rnd_phrase_id noun;
		size_t count;
	} *seen = NULL;
	size_t n_seen = 0, cap_seen = 0;
	long *lens = kpi_xcalloc(s->n ? s->n : 1, sizeof *lens);
	rnd_phrase_id *nouns = kpi_xcalloc(s->n ? s->n : 1, sizeof *nouns);
	long len = 0;
	rnd_phrase_id noun = PH_COUNT;
	size_t best = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (!window_of(s->items[i]->ind, &lens[i], &nouns[i])) {
			lens[i] = -1;
			continue;
		}
		size_t k = 0;
		while (k < n_seen && !(seen[k].len == lens[i] && seen[k].noun == nouns[i]))
			k++;
		if (k == n_seen) {
			if (n_seen == cap_seen) {
				cap_seen = cap_seen ? 2 * cap_seen : 8;
				seen = kpi_xrealloc(seen, cap_seen * sizeof *seen);
			}
			seen[n_seen++] = (struct window){lens[i], nouns[i], 0};
		}
		seen[k].count++;
	}
	/* the most common window; of equals, the one seen first */
	for (size_t k = 0; k < n_seen; k++)
		if (seen[k].count > best) {
			best = seen[k].count;
			len = seen[k].len;
			noun = seen[k].noun;
		}
	kpi_buf b = KPI_BUF_INIT;
	char n[24];
	s->range_heading = range_heading_text(len, noun);
	for (size_t i = 0; i < s->n; i++) {
		rnd_item *it = s->items[i];
		if (lens[i] < 0 || (lens[i] == len && nouns[i] == noun))
			continue;
		snprintf(n, sizeof n, "%ld", lens[i]);
		RND_SAY(&b, PH_CELL_RANGE_WINDOW, {S_RANGE, it->c_range}, {S_N, n},
			{S_PERIODS, rnd_noun(nouns[i], lens[i])});
		it->range_own_heading = range_heading_text(lens[i], nouns[i]);
		it->c_range_own = it->c_range;
		it->c_range = rnd_take(&b);
	}
	kpi_buf_free(&b);
	free(seen);
	free(lens);
	free(nouns);
}

int rnd_comparator(const rnd_ind *d, const char *kind)
{
	for (size_t k = 0; k < d->n_comparators; k++)
		if (d->comparator[k].kind && strcmp(d->comparator[k].kind, kind) == 0)
			return (int)k;
	return -1;
}

const char *rnd_bench_heading(const rnd_report *r)
{
	const char *area = NULL;
	for (size_t i = 0; i < r->n_items; i++) {
		const rnd_ind *d = r->items[i].ind;
		int k = rnd_comparator(d, "england");
		const char *a = d->benchmark.has ? d->benchmark.area : k >= 0 ? d->comparator[k].area : NULL;
		if (!a)
			continue;
		if (area && strcmp(area, a) != 0)
			return rnd_phrase(PH_COLUMN_BENCHMARK);
		area = a;
	}
	return area ? area : rnd_phrase(PH_COLUMN_ENGLAND);
}

const char *rnd_region_heading(const rnd_report *r)
{
	const char *area = NULL;
	for (size_t i = 0; i < r->n_items; i++) {
		const rnd_ind *d = r->items[i].ind;
		int k = rnd_comparator(d, "region");
		if (k < 0 || !d->comparator[k].area)
			continue;
		if (area && strcmp(area, d->comparator[k].area) != 0)
			return rnd_phrase(PH_COLUMN_REGION);
		area = d->comparator[k].area;
	}
	return area ? area : rnd_phrase(PH_COLUMN_REGION);
}

/* The period of IT's latest figure, where the figure has one. */
static int latest_period(const rnd_item *it, const char **period, const char **type)
{
	const rnd_ind *d = it->ind;
	if (!d->latest.value.has || !d->latest.period || !*d->latest.period)
		return 0;
	*period = d->latest.period;
	*type = d->period_type;
	return 1;
}

/* The same period: text and type (either type may be NULL). */
static int same_period(const char *p, const char *t, const char *q, const char *u)
{
	return strcmp(p, q) == 0 && (t == u || (t && u && strcmp(t, u) == 0));
}

/* "Latest (Mar 24)": column.latest_dated with PERIOD of TYPE labelled. */
static char *dated_heading(const char *period, const char *type, const rnd_opts *o)
{
	kpi_buf label = KPI_BUF_INIT, b = KPI_BUF_INIT;
	rnd_period_label(&label, period, type, o->month_style);
	RND_SAY(&b, PH_COLUMN_LATEST_DATED, {S_PERIOD, kpi_buf_str(&label)});
	char *text = rnd_take(&b);
	kpi_buf_free(&label);
	kpi_buf_free(&b);
	return text;
}

/* The latest column's heading names the period most of S's figures are for,
 * "Latest (2024/25)", so a report mixing 2024/25 referrals with September
 * 2025 workforce figures says which each is; a figure for another period
 * names its own beside it, "Jan 24: 74.2% (268/361)" (cell.dated), and
 * keeps the heading of its own period and the figure alone for a layout
 * with one heading per cell (text's stacked table).  Of periods as common,
 * the one seen first; no period at all: column.latest.  Linear in S's
 * series, as range_heading (a section has few distinct periods). */
void rnd_section_latest_heading(rnd_section *s, const rnd_opts *o)
{
	struct seen {
		const char *period, *type;
		size_t count;
	} *seen = NULL;
	size_t n_seen = 0, cap_seen = 0, best = 0;
	const char *period = NULL, *type = NULL;
	for (size_t i = 0; i < s->n; i++) {
		const char *p, *t;
		if (!latest_period(s->items[i], &p, &t))
			continue;
		size_t k = 0;
		while (k < n_seen && !same_period(seen[k].period, seen[k].type, p, t))
			k++;
		if (k == n_seen) {
			if (n_seen == cap_seen) {
				cap_seen = cap_seen ? 2 * cap_seen : 8;
				seen = kpi_xrealloc(seen, cap_seen * sizeof *seen);
			}
			seen[n_seen++] = (struct seen){p, t, 0};
		}
		seen[k].count++;
	}
	for (size_t k = 0; k < n_seen; k++)
		if (seen[k].count > best) {
			best = seen[k].count;
			period = seen[k].period;
			type = seen[k].type;
		}
	free(seen);
	s->latest_heading = period ? dated_heading(period, type, o) : kpi_xstrdup(rnd_phrase(PH_COLUMN_LATEST));
	kpi_buf label = KPI_BUF_INIT, b = KPI_BUF_INIT;
	for (size_t i = 0; i < s->n; i++) {
		rnd_item *it = s->items[i];
		const char *p, *t;
		if (!latest_period(it, &p, &t) || same_period(p, t, period, type))
			continue;
		kpi_buf_clear(&label);
		rnd_period_label(&label, p, t, o->month_style);
		RND_SAY(&b, PH_CELL_DATED, {S_PERIOD, kpi_buf_str(&label)}, {S_VALUE, it->c_latest});
		it->latest_own_heading = dated_heading(p, t, o);
		it->c_latest_own = it->c_latest;
		it->c_latest = rnd_take(&b);
	}
	kpi_buf_free(&label);
	kpi_buf_free(&b);
}
