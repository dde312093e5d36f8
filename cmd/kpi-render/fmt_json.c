/* fmt_json.c: the report model as ONE JSON document on one line (so it is
 * also one NDJSON record): header facts, counts, the highlight report's
 * summary, recommendation and officers, and per section the narrative, the
 * indicators with their table cells and sentences (and whether the
 * highlight report writes them up, and whether they are off target), and
 * the codes of the two lists.  For people who build their own layout. */
#include "render.h"
#include "kpi/json_write.h"
#include <string.h>

static void kstr_opt(kpi_jw *w, const char *key, const char *s)
{
	kpi_jw_kstr(w, key, s);
}

/* {period, value, released, revised_from}: a figure and the one it replaced */
static void revised(kpi_jw *w, const char *key, const rnd_point *p)
{
	kpi_jw_key(w, key);
	if (!p) {
		kpi_jw_null(w);
		return;
	}
	kpi_jw_begin_object(w);
	kpi_jw_kstr(w, "period", p->period);
	kpi_jw_knum_or_null(w, "value", p->value.has, p->value.v);
	kpi_jw_kstr(w, "released", p->released);
	kpi_jw_knum_or_null(w, "revised_from", p->revised_from.has, p->revised_from.v);
	kpi_jw_end_object(w);
}

/* kpi-flag --compare's comparators and rank, where it wrote them:
 * "comparators": [{kind, area, period, value, comparison}], "rank":
 * {position, of, quartile}. */
static void comparators(kpi_jw *w, const rnd_ind *d)
{
	if (d->n_comparators) {
		kpi_jw_key(w, "comparators");
		kpi_jw_begin_array(w);
		for (size_t k = 0; k < d->n_comparators; k++) {
			kpi_jw_begin_object(w);
			kpi_jw_kstr(w, "kind", d->comparator[k].kind);
			kpi_jw_kstr(w, "area", d->comparator[k].area);
			kpi_jw_kstr(w, "period", d->comparator[k].period);
			kpi_jw_knum_or_null(w, "value", d->comparator[k].value.has, d->comparator[k].value.v);
			kpi_jw_kstr(w, "comparison", d->comparator[k].comparison);
			kpi_jw_end_object(w);
		}
		kpi_jw_end_array(w);
	}
	if (d->rank.has) {
		kpi_jw_key(w, "rank");
		kpi_jw_begin_object(w);
		kpi_jw_knum(w, "position", (double)d->rank.position);
		kpi_jw_knum(w, "of", (double)d->rank.of);
		kpi_jw_kstr(w, "quartile", d->rank.quartile);
		kpi_jw_end_object(w);
	}
}

static void item(kpi_jw *w, const rnd_report *r, const rnd_item *it)
{
	const rnd_ind *d = it->ind;
	kpi_jw_begin_object(w);
	kpi_jw_kstr(w, "indicator", it->code);
	kpi_jw_kstr(w, "label", it->label);
	kstr_opt(w, "period", d->latest.period);
	kstr_opt(w, "assessment", d->assessment);
	kstr_opt(w, "rag", d->rag);
	kpi_jw_kbool(w, "highlighted", it->listed && rnd_item_written(it));
	kpi_jw_kbool(w, "off_target", it->off_target);
	kpi_jw_key(w, "cells");
	kpi_jw_begin_object(w);
	kpi_jw_kstr(w, "latest", it->c_latest);
	kpi_jw_kstr(w, "previous", it->c_previous);
	kpi_jw_kstr(w, "change", it->c_change);
	kpi_jw_kstr(w, "range", it->c_range);
	kpi_jw_kstr(w, "target", it->c_target);
	kpi_jw_kstr(w, "rag", it->c_rag);
	kpi_jw_kstr(w, "benchmark", it->c_bench);
	kpi_jw_kstr(w, "trend", it->c_trend);
	/* the comparator columns the tables show (report.c) */
	if (r->show_neighbours)
		kpi_jw_kstr(w, "neighbours", it->c_neighbours);
	if (r->show_region)
		kpi_jw_kstr(w, "region", it->c_region);
	if (r->show_rank)
		kpi_jw_kstr(w, "rank", it->c_rank);
	kpi_jw_end_object(w);
	comparators(w, it->ind);
	kpi_jw_key(w, "sentences");
	kpi_jw_begin_array(w);
	for (size_t i = 0; i < it->para.n; i++) {
		kpi_jw_begin_object(w);
		kpi_jw_kstr(w, "text", it->para.s[i].text);
		kpi_jw_kbool(w, "emphasis", it->para.s[i].bold);
		kpi_jw_end_object(w);
	}
	kpi_jw_end_array(w);
	kpi_jw_kstr(w, "comment", it->comment);
	if (r->show_revisions) {
		kpi_jw_key(w, "releases");
		kpi_jw_begin_object(w);
		revised(w, "latest", &d->latest);
		revised(w, "previous", d->has_previous ? &d->previous : NULL);
		kpi_jw_end_object(w);
	}
	kpi_jw_key(w, "reasons");
	kpi_jw_begin_array(w);
	for (size_t i = 0; i < d->n_reasons; i++)
		kpi_jw_string(w, d->reasons[i]);
	kpi_jw_end_array(w);
	kpi_jw_key(w, "flags");
	kpi_jw_begin_array(w);
	for (size_t i = 0; i < d->n_flags; i++)
		kpi_jw_string(w, d->flags[i]);
	kpi_jw_end_array(w);
	kpi_jw_end_object(w);
}

static void codes(kpi_jw *w, const char *key, const rnd_section *s, const char *a)
{
	kpi_jw_key(w, key);
	kpi_jw_begin_array(w);
	for (size_t i = 0; i < s->n; i++)
		if (s->items[i]->ind->assessment && strcmp(s->items[i]->ind->assessment, a) == 0)
			kpi_jw_string(w, s->items[i]->code);
	kpi_jw_end_array(w);
}

/* The recommendations (the report file's, else the phrase) and the
 * officers. */
static void recommendation(kpi_jw *w, const rnd_report *r)
{
	const rnd_config *c = r->config;
	kpi_jw_key(w, "recommendations");
	kpi_jw_begin_array(w);
	if (c && c->n_recommendations)
		for (size_t i = 0; i < c->n_recommendations; i++)
			kpi_jw_string(w, c->recommendations[i]);
	else
		kpi_jw_string(w, rnd_phrase(PH_RECOMMENDATION_DEFAULT));
	kpi_jw_end_array(w);
	kpi_jw_key(w, "officers");
	kpi_jw_begin_array(w);
	for (size_t i = 0; c && i < c->n_officers; i++) {
		const rnd_officer *o = &c->officers[i];
		kpi_jw_begin_object(w);
		kpi_jw_kstr(w, "name", o->name);
		kpi_jw_kstr(w, "role", o->role);
		kpi_jw_key(w, "details");
		kpi_jw_begin_array(w);
		for (size_t k = 0; k < o->n_details; k++)
			kpi_jw_string(w, o->details[k]);
		kpi_jw_end_array(w);
		kpi_jw_end_object(w);
	}
	kpi_jw_end_array(w);
}

void rnd_fmt_json(kpi_buf *b, const rnd_report *r)
{
	kpi_jw w;
	kpi_jw_init(&w, b);
	kpi_jw_begin_object(&w);
	kpi_jw_kstr(&w, "title", r->heading);
	kpi_jw_kstr(&w, "board", r->board && *r->board ? r->board : NULL);
	kpi_jw_kstr(&w, "meeting_date", r->meeting_date);
	kpi_jw_kstr(&w, "as_at", r->as_at);
	kpi_jw_kstr(&w, "as_at_label", r->as_at_label);
	if (r->generated_at)
		kpi_jw_kstr(&w, "generated_at", r->generated_at);
	kpi_jw_kstr(&w, "intro", r->intro);
	kpi_jw_key(&w, "counts");
	kpi_jw_begin_object(&w);
	kpi_jw_knum(&w, "indicators", (double)r->n_items);
	kpi_jw_knum(&w, "improvement", (double)r->n_improvement);
	kpi_jw_knum(&w, "issue", (double)r->n_issue);
	kpi_jw_knum(&w, "stable", (double)r->n_stable);
	kpi_jw_knum(&w, "no_data", (double)r->n_no_data);
	kpi_jw_knum(&w, "targets", (double)r->n_target);
	kpi_jw_knum(&w, "targets_met", (double)r->n_target_met);
	kpi_jw_end_object(&w);
	kpi_jw_kstr(&w, "style", rnd_style_name(r->style));
	if (r->style == RND_STYLE_HIGHLIGHT) {
		kpi_jw_key(&w, "summary");
		kpi_jw_begin_object(&w);
		kpi_jw_kstr(&w, "position", r->summary.position);
		kpi_jw_kstr(&w, "targets", r->summary.targets);
		kpi_jw_key(&w, "attention");
		kpi_jw_begin_array(&w);
		for (size_t i = 0; i < r->summary.n_attention; i++)
			kpi_jw_string(&w, r->summary.attention[i]);
		kpi_jw_end_array(&w);
		kpi_jw_end_object(&w);
	}
	recommendation(&w, r);
	kpi_jw_key(&w, "sections");
	kpi_jw_begin_array(&w);
	for (size_t k = 0; k < r->n_sections; k++) {
		const rnd_section *s = &r->sections[k];
		kpi_jw_begin_object(&w);
		kpi_jw_kstr(&w, "name", s->name);
		kpi_jw_kstr(&w, "latest_heading", s->latest_heading);
		kpi_jw_kstr(&w, "range_heading", s->range_heading);
		kpi_jw_key(&w, "narrative");
		if (s->narrative) {
			kpi_jw_begin_object(&w);
			kpi_jw_kstr(&w, "author", s->narrative_author);
			kpi_jw_kstr(&w, "text", s->narrative);
			kpi_jw_end_object(&w);
		} else {
			kpi_jw_null(&w);
		}
		kpi_jw_key(&w, "indicators");
		kpi_jw_begin_array(&w);
		for (size_t i = 0; i < s->n; i++)
			item(&w, r, s->items[i]);
		kpi_jw_end_array(&w);
		codes(&w, "current_issues", s, "issue");
		codes(&w, "improvement", s, "improvement");
		kpi_jw_end_object(&w);
	}
	kpi_jw_end_array(&w);
	kpi_jw_kstr(&w, "footer", r->footer && *r->footer ? r->footer : NULL);
	kpi_jw_end_object(&w);
	kpi_jw_newline(&w);
}
