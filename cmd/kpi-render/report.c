/* report.c: the report model every format writes: header facts, counts,
 * sections in catalogue order, and per indicator its label, its table cells
 * (cells.c) and its generated sentences; the lists a section writes. */
#include "render.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *rnd_take(kpi_buf *b)
{
	char *s = kpi_xstrdup(kpi_buf_str(b));
	kpi_buf_clear(b);
	return s;
}

static int has_assessment(const rnd_ind *ind, const char *a)
{
	return ind->assessment && strcmp(ind->assessment, a) == 0;
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
	it->label = rnd_take(&b);
	it->code = kpi_xstrdup(ind->indicator);
	kpi_buf_free(&b);
}

int rnd_is_slug(const char *id)
{
	int letter = 0;
	if (!id || !*id)
		return 0;
	for (const char *s = id; *s; s++) {
		if (*s >= 'a' && *s <= 'z')
			letter = 1;
		else if (!(*s >= '0' && *s <= '9') && *s != '_')
			return 0;
	}
	return letter;
}

/* The name without a trailing bracketed qualifier: its length. */
static size_t stem_len(const char *s)
{
	size_t n = strlen(s);
	if (n > 2 && s[n - 1] == ')') {
		const char *open = strrchr(s, '(');
		if (open && open > s && open[-1] == ' ')
			return (size_t)(open - 1 - s);
	}
	return n;
}

static const rnd_ind *stem_base;

static int by_stem(const void *a, const void *b)
{
	const rnd_ind *x = &stem_base[*(const size_t *)a], *y = &stem_base[*(const size_t *)b];
	const char *xs = x->name ? x->name : x->indicator, *ys = y->name ? y->name : y->indicator;
	size_t xn = stem_len(xs), yn = stem_len(ys);
	int c = memcmp(xs, ys, xn < yn ? xn : yn);
	return c ? c : xn < yn ? -1 : xn > yn;
}

/* Names that differ only by a bracketed qualifier ("New EHC plans issued
 * within 20 weeks (including exceptions)" and "(excluding exceptions)", or
 * a count and its rate) keep it in sentences: each is then told apart.
 * Sorted by the name without its qualifier, so linear after the sort. */
static void keep_qualifiers(rnd_inds *inds)
{
	size_t n = inds->n, *order = kpi_xcalloc(n ? n : 1, sizeof *order);
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	stem_base = inds->v;
	qsort(order, n, sizeof *order, by_stem);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && by_stem(&order[i], &order[j]) == 0)
			j++;
		/* a group of one stem: keep the qualifiers when the names differ */
		for (size_t k = i + 1; k < j; k++) {
			const rnd_ind *a = &inds->v[order[i]], *b = &inds->v[order[k]];
			const char *an = a->name ? a->name : a->indicator, *bn = b->name ? b->name : b->indicator;
			if (strcmp(an, bn) != 0) {
				for (size_t m = i; m < j; m++)
					inds->v[order[m]].keep_qualifier = 1;
				break;
			}
		}
		i = j;
	}
	free(order);
}

/* Phrase ONE when N is 1, else MANY, with {n} filled. */
static void counted(kpi_buf *b, size_t n, rnd_phrase_id one, rnd_phrase_id many)
{
	char t[24];
	snprintf(t, sizeof t, "%zu", n);
	RND_SAY(b, n == 1 ? one : many, {S_N, t});
}

static void intro(rnd_report *r)
{
	kpi_buf b = KPI_BUF_INIT;
	if (!r->n_items) {
		kpi_buf_adds(&b, rnd_phrase(PH_INTRO_NONE));
		r->intro = rnd_take(&b);
		kpi_buf_free(&b);
		return;
	}
	if (r->style == RND_STYLE_HIGHLIGHT) {
		/* the counts are the summary's */
		char n[24];
		snprintf(n, sizeof n, "%zu", r->n_items);
		RND_SAY(&b, r->n_items == 1 ? PH_INTRO_HIGHLIGHT_ONE : PH_INTRO_HIGHLIGHT, {S_INDICATORS, n});
		r->intro = rnd_take(&b);
		kpi_buf_free(&b);
		return;
	}
	kpi_buf ind = KPI_BUF_INIT, imp = KPI_BUF_INIT, iss = KPI_BUF_INIT, tgt = KPI_BUF_INIT;
	counted(&ind, r->n_items, PH_INTRO_INDICATORS_ONE, PH_INTRO_INDICATORS);
	counted(&imp, r->n_improvement, PH_INTRO_IMPROVEMENTS_ONE, PH_INTRO_IMPROVEMENTS);
	counted(&iss, r->n_issue, PH_INTRO_ISSUES_ONE, PH_INTRO_ISSUES);
	if (r->n_target) {
		char met[24], n[24];
		snprintf(met, sizeof met, "%zu", r->n_target_met);
		snprintf(n, sizeof n, "%zu", r->n_target);
		RND_SAY(&tgt, r->n_target == 1 ? PH_INTRO_TARGETS_ONE : PH_INTRO_TARGETS, {S_MET, met}, {S_N, n});
	} else {
		kpi_buf_adds(&tgt, rnd_phrase(PH_INTRO_NO_TARGETS));
	}
	RND_SAY(&b, PH_INTRO, {S_INDICATORS, kpi_buf_str(&ind)}, {S_IMPROVEMENTS, kpi_buf_str(&imp)},
		{S_ISSUES, kpi_buf_str(&iss)}, {S_TARGETS, kpi_buf_str(&tgt)});
	r->intro = rnd_take(&b);
	kpi_buf_free(&b);
	kpi_buf_free(&ind);
	kpi_buf_free(&imp);
	kpi_buf_free(&iss);
	kpi_buf_free(&tgt);
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

void rnd_report_build(rnd_report *r, rnd_inds *inds, const rnd_report_opts *o)
{
	memset(r, 0, sizeof *r);
	r->title = o->title;
	r->board = o->board;
	r->generated_at = o->generated_at;
	r->footer = o->footer;
	r->show_revisions = o->text.show_revisions;
	r->config = o->config;
	r->style = o->style;
	r->month_style = o->text.month_style;
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
	rnd_mark_behind(inds, as_at, as_at_type);
	if (as_at) {
		r->as_at = kpi_xstrdup(as_at);
		rnd_period_label(&b, as_at, as_at_type, KPI_LABEL_AS_AT);
		r->as_at_label = rnd_take(&b);
	}
	if (o->meeting_date && *o->meeting_date) {
		kpi_period p;
		char t[64];
		if (kpi_period_parse_canonical(o->meeting_date, KPI_PT_DATE, &p) == 0 &&
		    p.type == KPI_PT_DATE && kpi_period_label(&p, KPI_LABEL_AS_AT, t, sizeof t) > 0)
			kpi_buf_adds(&b, t);
		else
			kpi_buf_adds(&b, o->meeting_date);
		r->meeting_date = rnd_take(&b);
	}
	if (o->title && *o->title)
		kpi_buf_adds(&b, o->title);
	else if (o->board && *o->board && r->meeting_date)
		RND_SAY(&b, PH_TITLE_BOARD_DATE, {S_BOARD, o->board}, {S_MEETING_DATE, r->meeting_date});
	else if (o->board && *o->board)
		RND_SAY(&b, PH_TITLE_BOARD, {S_BOARD, o->board});
	else
		kpi_buf_adds(&b, rnd_phrase(PH_TITLE_DEFAULT));
	if (o->area) {
		char *title = rnd_take(&b);
		RND_SAY(&b, PH_TITLE_AREA, {S_NAME, title}, {S_AREA, o->area});
		free(title);
	}
	r->heading = rnd_take(&b);

	/* areas are named only when the report holds more than one */
	int show_area = 0;
	for (size_t i = 1; i < inds->n && !show_area; i++) {
		const char *a = inds->v[i].area, *a0 = inds->v[0].area;
		show_area = (a == NULL) != (a0 == NULL) || (a && a0 && strcmp(a, a0) != 0);
	}

	keep_qualifiers(inds);
	for (size_t i = 0; i < inds->n && !r->show_codes; i++)
		r->show_codes = !rnd_is_slug(inds->v[i].indicator);
	for (size_t i = 0; i < inds->n; i++) {
		const rnd_ind *d = &inds->v[i];
		r->show_neighbours |= rnd_comparator(d, "neighbours") >= 0;
		r->show_region |= rnd_comparator(d, "region") >= 0;
		r->show_rank |= d->rank.has && d->rank.quartile;
	}

	r->n_items = inds->n;
	r->items = kpi_xcalloc(inds->n ? inds->n : 1, sizeof *r->items);
	for (size_t i = 0; i < inds->n; i++) {
		const rnd_ind *d = &inds->v[i];
		rnd_item *it = &r->items[i];
		it->ind = d;
		label(it, d, show_area);
		it->shown_code = r->show_codes && !rnd_is_slug(it->code) ? it->code : NULL;
		rnd_item_cells(it, d, &o->text);
		it->listed = has_assessment(d, "improvement") || has_assessment(d, "issue");
		it->off_target = rnd_off_target(d);
		/* headlines may pick a stable indicator to make up three */
		if (it->listed || (o->style == RND_STYLE_HEADLINES && d->latest.value.has))
			rnd_sentences(&it->para, d, &o->text);
		else /* --show-revisions: the revised figures of the others (rnd_section_revised) */
			rnd_sentence_revisions(&it->para, d, &o->text);
		r->n_improvement += has_assessment(d, "improvement");
		r->n_issue += has_assessment(d, "issue");
		r->n_stable += has_assessment(d, "stable");
		r->n_no_data += has_assessment(d, "no_data");
		if (d->target_met >= 0) {
			r->n_target++;
			r->n_target_met += d->target_met == 1;
		}
		rnd_section *s = section_for(r, d->section && *d->section ? d->section : rnd_phrase(PH_SECTION_OTHER));
		if (s->n == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 8;
			s->items = kpi_xrealloc(s->items, s->cap * sizeof *s->items);
		}
		s->items[s->n++] = it;
	}
	for (size_t i = 0; i < r->n_sections; i++) {
		rnd_section_range_heading(&r->sections[i]);
		rnd_section_latest_heading(&r->sections[i], &o->text);
	}
	rnd_style_build(r, &o->text);
	rnd_mark_highlights(r);
	if (o->narrative)
		rnd_narrative_apply(r, o->narrative);
	if (r->style == RND_STYLE_HIGHLIGHT)
		rnd_summary_build(r, &o->text);
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
		free(it->c_range_own);
		free(it->c_latest_own);
		free(it->latest_own_heading);
		free(it->range_own_heading);
		free(it->c_target);
		free(it->c_rag);
		free(it->c_bench);
		free(it->c_trend);
		free(it->c_neighbours);
		free(it->c_region);
		free(it->c_rank);
	}
	rnd_style_free(r);
	rnd_summary_free(&r->summary);
	for (size_t i = 0; i < r->n_sections; i++) {
		free(r->sections[i].name);
		free(r->sections[i].range_heading);
		free(r->sections[i].latest_heading);
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

size_t rnd_section_list(const rnd_section *s, const char *a, int highlighted, const rnd_item **out)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n; i++)
		if (has_assessment(s->items[i]->ind, a) && (!highlighted || rnd_item_written(s->items[i])))
			out[n++] = s->items[i];
	return n;
}

int rnd_item_written(const rnd_item *it)
{
	return it->highlighted || (it->comment && *it->comment);
}

size_t rnd_section_revised(const rnd_section *s, const rnd_item **out)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n; i++)
		if (!s->items[i]->listed && s->items[i]->para.n)
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
