/* report.c: the report model every format writes: header facts, counts,
 * sections in catalogue order, and per indicator its table cells and its
 * generated sentences. */
#include "render.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static char *take(kpi_buf *b)
{
	char *s = kpi_xstrdup(kpi_buf_str(b));
	kpi_buf_clear(b);
	return s;
}

static int has_assessment(const rnd_ind *ind, const char *a)
{
	return ind->assessment && strcmp(ind->assessment, a) == 0;
}

static void cells(rnd_item *it, const rnd_ind *ind, const rnd_opts *o)
{
	kpi_buf b = KPI_BUF_INIT;
	int ok = 0;
	if (ind->latest.period && ind->as_at && ind->latest.value.has &&
	    rnd_period_cmp_text(ind->latest.period, ind->as_at, ind->period_type, &ok) < 0 && ok) {
		rnd_period_label(&b, ind->latest.period, ind->period_type, o->month_style);
		kpi_buf_adds(&b, ": ");
	}
	rnd_fmt_cell(&b, ind, &ind->latest);
	it->c_latest = take(&b);

	if (ind->has_previous)
		rnd_fmt_cell(&b, ind, &ind->previous);
	else
		kpi_buf_adds(&b, "-");
	it->c_previous = take(&b);

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
		rnd_fmt_diff(&b, ind, ch, 1);
	else
		kpi_buf_adds(&b, "-");
	it->c_change = take(&b);

	if (ind->window.has && ind->window.low.has && ind->window.high.has) {
		rnd_fmt_value(&b, ind, ind->window.low.v);
		kpi_buf_adds(&b, " \xe2\x80\x93 "); /* en dash */
		rnd_fmt_value(&b, ind, ind->window.high.v);
	} else {
		kpi_buf_adds(&b, "-");
	}
	it->c_range = take(&b);

	if (ind->has_target) {
		rnd_fmt_value(&b, ind, ind->target.value.v);
		if (ind->target.due) {
			kpi_buf_adds(&b, " by ");
			rnd_due_label(&b, ind->target.due, o->month_style);
		}
	} else {
		kpi_buf_adds(&b, "-");
	}
	it->c_target = take(&b);

	if (ind->rag && *ind->rag) {
		kpi_buf_adds(&b, ind->rag);
		if (b.data[0] >= 'a' && b.data[0] <= 'z')
			b.data[0] = (char)(b.data[0] - 'a' + 'A');
	} else {
		kpi_buf_adds(&b, "-");
	}
	it->c_rag = take(&b);

	if (ind->benchmark.has) {
		/* pattern 14's comparator row: "48.0% ↑ +4.0%", arrow = sign of LA - England */
		rnd_fmt_value(&b, ind, ind->benchmark.value.v);
		if (ind->latest.value.has) {
			double d = ind->latest.value.v - ind->benchmark.value.v;
			kpi_buf t = KPI_BUF_INIT;
			rnd_fmt_diff(&t, ind, d, 1);
			const char *s = kpi_buf_str(&t);
			kpi_buf_adds(&b, *s == '+' ? " \xe2\x86\x91 " : *s == '-' ? " \xe2\x86\x93 " : " = ");
			kpi_buf_adds(&b, s);
			kpi_buf_free(&t);
		}
	} else {
		kpi_buf_adds(&b, "-");
	}
	it->c_bench = take(&b);

	rnd_text_sparkline(&b, ind);
	if (!b.len)
		kpi_buf_adds(&b, "-");
	it->c_trend = take(&b);
	kpi_buf_free(&b);
}

static void label(rnd_item *it, const rnd_ind *ind, int show_area)
{
	kpi_buf b = KPI_BUF_INIT;
	kpi_buf_adds(&b, ind->name ? ind->name : ind->indicator);
	int bd = ind->breakdown && *ind->breakdown, ar = show_area && ind->area && *ind->area;
	if (bd || ar) {
		kpi_buf_adds(&b, " (");
		if (bd)
			kpi_buf_adds(&b, ind->breakdown);
		if (bd && ar)
			kpi_buf_adds(&b, ", ");
		if (ar)
			kpi_buf_adds(&b, ind->area);
		kpi_buf_addc(&b, ')');
	}
	it->label = take(&b);
	it->code = kpi_xstrdup(ind->indicator);
	kpi_buf_free(&b);
}

static void plural(kpi_buf *b, size_t n, const char *one, const char *many)
{
	kpi_buf_printf(b, "%zu %s", n, n == 1 ? one : many);
}

static void intro(rnd_report *r)
{
	kpi_buf b = KPI_BUF_INIT;
	if (!r->n_items) {
		kpi_buf_adds(&b, "There are no indicators in this report.");
		r->intro = take(&b);
		kpi_buf_free(&b);
		return;
	}
	kpi_buf_adds(&b, "This report covers all agreed indicators. ");
	kpi_buf_printf(&b, r->n_items == 1 ? "There is %zu indicator in total: " :
		       "There are %zu indicators in total: ", r->n_items);
	plural(&b, r->n_improvement, "improvement", "improvements");
	kpi_buf_adds(&b, ", ");
	plural(&b, r->n_issue, "current issue", "current issues");
	kpi_buf_adds(&b, " and ");
	if (r->n_target)
		kpi_buf_printf(&b, "%zu of %zu %s met.", r->n_target_met, r->n_target,
			       r->n_target == 1 ? "target" : "targets");
	else
		kpi_buf_adds(&b, "no targets set.");
	r->intro = take(&b);
	kpi_buf_free(&b);
}

static rnd_section *section_for(rnd_report *r, const char *name)
{
	for (size_t i = 0; i < r->n_sections; i++)
		if (strcmp(r->sections[i].name, name) == 0)
			return &r->sections[i];
	r->sections = kpi_xrealloc(r->sections, (r->n_sections + 1) * sizeof *r->sections);
	rnd_section *s = &r->sections[r->n_sections++];
	memset(s, 0, sizeof *s);
	s->name = kpi_xstrdup(name);
	return s;
}

/* The window a range covers: its length and the noun of its periods. */
static int window_of(const rnd_ind *d, long *len, const char **noun)
{
	if (!d->window.has || !d->window.low.has || !d->window.high.has || d->window.length < 1)
		return 0;
	*len = d->window.length;
	*noun = rnd_period_noun(d->period_type, d->latest.period);
	return 1;
}

/* The range column's heading, from the window most of the section's series
 * share: "12-month range" for months, "Range over 12 quarters" for others.
 * A cell whose window differs names its own: "7 – 14 (9 months)". */
static void range_heading(rnd_section *s)
{
	long len = 0, l, l2;
	const char *noun = NULL, *n, *n2;
	size_t best = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (!window_of(s->items[i]->ind, &l, &n))
			continue;
		size_t count = 0;
		for (size_t k = 0; k < s->n; k++)
			count += window_of(s->items[k]->ind, &l2, &n2) && l2 == l && strcmp(n, n2) == 0;
		if (count > best) {
			best = count;
			len = l;
			noun = n;
		}
	}
	kpi_buf b = KPI_BUF_INIT;
	if (!noun)
		kpi_buf_adds(&b, "Range");
	else if (strcmp(noun, "month") == 0)
		kpi_buf_printf(&b, "%ld-month range", len);
	else
		kpi_buf_printf(&b, "Range over %ld %s%s", len, noun, len == 1 ? "" : "s");
	s->range_heading = take(&b);
	for (size_t i = 0; i < s->n; i++) {
		rnd_item *it = s->items[i];
		if (!window_of(it->ind, &l, &n) || (l == len && strcmp(n, noun) == 0))
			continue;
		kpi_buf_printf(&b, "%s (%ld %s%s)", it->c_range, l, n, l == 1 ? "" : "s");
		free(it->c_range);
		it->c_range = take(&b);
	}
	kpi_buf_free(&b);
}

void rnd_report_build(rnd_report *r, rnd_inds *inds, const rnd_report_opts *o)
{
	memset(r, 0, sizeof *r);
	r->title = o->title;
	r->board = o->board;
	r->generated_at = o->generated_at;
	r->footer = o->footer;
	kpi_buf b = KPI_BUF_INIT;

	/* the report's as-at: the latest of the summaries' */
	const char *as_at = NULL, *as_at_type = NULL;
	for (size_t i = 0; i < inds->n; i++) {
		const rnd_ind *d = &inds->v[i];
		int ok = 0;
		if (d->as_at && (!as_at || (rnd_period_cmp_text(d->as_at, as_at, d->period_type, &ok) > 0 && ok))) {
			as_at = d->as_at;
			as_at_type = d->period_type;
		}
	}
	if (as_at) {
		r->as_at = kpi_xstrdup(as_at);
		rnd_period_label(&b, as_at, as_at_type, KPI_LABEL_AS_AT);
		r->as_at_label = take(&b);
	}
	if (o->meeting_date && *o->meeting_date) {
		kpi_period p;
		char t[64];
		if (kpi_period_parse_canonical(o->meeting_date, KPI_PT_DATE, &p) == 0 &&
		    p.type == KPI_PT_DATE && kpi_period_label(&p, KPI_LABEL_AS_AT, t, sizeof t) > 0)
			kpi_buf_adds(&b, t);
		else
			kpi_buf_adds(&b, o->meeting_date);
		r->meeting_date = take(&b);
	}
	if (o->title && *o->title) {
		kpi_buf_adds(&b, o->title);
	} else if (o->board && *o->board) {
		kpi_buf_adds(&b, "Highlight Report for ");
		kpi_buf_adds(&b, o->board);
		if (r->meeting_date) {
			kpi_buf_addc(&b, ' ');
			kpi_buf_adds(&b, r->meeting_date);
		}
	} else {
		kpi_buf_adds(&b, "Performance Highlight Report");
	}
	r->heading = take(&b);

	/* areas are named only when the report holds more than one */
	int show_area = 0;
	for (size_t i = 1; i < inds->n && !show_area; i++) {
		const char *a = inds->v[i].area, *a0 = inds->v[0].area;
		show_area = (a == NULL) != (a0 == NULL) || (a && a0 && strcmp(a, a0) != 0);
	}

	r->n_items = inds->n;
	r->items = kpi_xcalloc(inds->n ? inds->n : 1, sizeof *r->items);
	for (size_t i = 0; i < inds->n; i++) {
		const rnd_ind *d = &inds->v[i];
		rnd_item *it = &r->items[i];
		it->ind = d;
		label(it, d, show_area);
		cells(it, d, &o->text);
		it->listed = has_assessment(d, "improvement") || has_assessment(d, "issue");
		/* headlines may pick a stable indicator to make up three */
		if (it->listed || (o->style == RND_STYLE_HEADLINES && d->latest.value.has))
			rnd_sentences(&it->para, d, &o->text);
		r->n_improvement += has_assessment(d, "improvement");
		r->n_issue += has_assessment(d, "issue");
		r->n_stable += has_assessment(d, "stable");
		r->n_no_data += has_assessment(d, "no_data");
		if (d->target_met >= 0) {
			r->n_target++;
			r->n_target_met += d->target_met == 1;
		}
		rnd_section *s = section_for(r, d->section && *d->section ? d->section : "Other indicators");
		if (s->n == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 8;
			s->items = kpi_xrealloc(s->items, s->cap * sizeof *s->items);
		}
		s->items[s->n++] = it;
	}
	for (size_t i = 0; i < r->n_sections; i++)
		range_heading(&r->sections[i]);
	r->style = o->style;
	rnd_style_build(r, &o->text);
	intro(r);
	kpi_buf_free(&b);
}

void rnd_report_free(rnd_report *r)
{
	for (size_t i = 0; i < r->n_items; i++) {
		rnd_item *it = &r->items[i];
		free(it->code);
		free(it->label);
		rnd_para_free(&it->para);
		free(it->c_latest);
		free(it->c_previous);
		free(it->c_change);
		free(it->c_range);
		free(it->c_target);
		free(it->c_rag);
		free(it->c_bench);
		free(it->c_trend);
	}
	rnd_style_free(r);
	for (size_t i = 0; i < r->n_sections; i++) {
		free(r->sections[i].name);
		free(r->sections[i].range_heading);
		free(r->sections[i].items);
	}
	free(r->sections);
	free(r->items);
	free(r->heading);
	free(r->meeting_date);
	free(r->as_at);
	free(r->as_at_label);
	free(r->intro);
	memset(r, 0, sizeof *r);
}

const char *rnd_bench_heading(const rnd_report *r)
{
	for (size_t i = 0; i < r->n_items; i++) {
		const rnd_ind *d = r->items[i].ind;
		if (d->benchmark.has && d->benchmark.area && strcmp(d->benchmark.area, "England") != 0)
			return "Benchmark";
	}
	return "England";
}

size_t rnd_section_list(const rnd_section *s, const char *a, const rnd_item **out)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n; i++)
		if (has_assessment(s->items[i]->ind, a))
			out[n++] = s->items[i];
	return n;
}

size_t rnd_section_notes(const rnd_section *s, int all, const rnd_item **out)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n; i++) {
		const rnd_item *it = s->items[i];
		if (it->comment && *it->comment && (all || !it->listed))
			out[n++] = it;
	}
	return n;
}
