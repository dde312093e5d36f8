/* writer.c: the one walk of a report that Markdown, HTML and text share:
 * header, the sections of the style, lists, narrative, notes, tables and
 * footer.  What a format writes for each part is its rnd_writer; which
 * parts a report has, in what order and under which heading, is here, and
 * every heading and label comes from the phrases. */
#include "render.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *rnd_cell_text(const rnd_item *it, rnd_cell c)
{
	switch (c) {
	case RND_CELL_CODE: return it->code;
	case RND_CELL_LABEL: return it->label;
	case RND_CELL_UNIT: return it->c_unit;
	case RND_CELL_LATEST: return it->c_latest;
	case RND_CELL_PREVIOUS: return it->c_previous;
	case RND_CELL_CHANGE: return it->c_change;
	case RND_CELL_RANGE: return it->c_range;
	case RND_CELL_TARGET: return it->c_target;
	case RND_CELL_GAP: return it->c_gap;
	case RND_CELL_RAG: return it->c_rag;
	case RND_CELL_BENCH: return it->c_bench;
	case RND_CELL_TREND: return it->c_trend;
	}
	return "";
}

/* The full report's table: latest, previous, change, range, target, RAG,
 * benchmark, trend. */
static void full_table(rnd_writer *w, const rnd_report *r, const rnd_section *s)
{
	const rnd_column cols[] = {
		{rnd_phrase(PH_COLUMN_CODE), RND_COL_TEXT, RND_CELL_CODE},
		{rnd_phrase(PH_COLUMN_INDICATOR), RND_COL_TEXT, RND_CELL_LABEL},
		{rnd_phrase(PH_COLUMN_LATEST), RND_COL_NUM, RND_CELL_LATEST},
		{rnd_phrase(PH_COLUMN_PREVIOUS), RND_COL_NUM, RND_CELL_PREVIOUS},
		{rnd_phrase(PH_COLUMN_CHANGE), RND_COL_NUM, RND_CELL_CHANGE},
		{s->range_heading, RND_COL_TEXT, RND_CELL_RANGE},
		{rnd_phrase(PH_COLUMN_TARGET), RND_COL_TEXT, RND_CELL_TARGET},
		{rnd_phrase(PH_COLUMN_RAG), RND_COL_RAG, RND_CELL_RAG},
		{rnd_bench_heading(r), RND_COL_TEXT, RND_CELL_BENCH},
		{rnd_phrase(PH_COLUMN_TREND), RND_COL_TREND, RND_CELL_TREND},
	};
	rnd_table t = {cols, sizeof cols / sizeof *cols, s->items, s->n};
	w->table(w, &t);
}

/* --style dashboard's table: the unit and the gap to the target. */
static void dashboard_table(rnd_writer *w, const rnd_report *r, const rnd_section *s)
{
	const rnd_column cols[] = {
		{rnd_phrase(PH_COLUMN_CODE), RND_COL_TEXT, RND_CELL_CODE},
		{rnd_phrase(PH_COLUMN_INDICATOR), RND_COL_TEXT, RND_CELL_LABEL},
		{rnd_phrase(PH_COLUMN_UNIT), RND_COL_TEXT, RND_CELL_UNIT},
		{rnd_phrase(PH_COLUMN_LATEST), RND_COL_NUM, RND_CELL_LATEST},
		{rnd_phrase(PH_COLUMN_PREVIOUS), RND_COL_NUM, RND_CELL_PREVIOUS},
		{rnd_phrase(PH_COLUMN_TREND), RND_COL_TREND, RND_CELL_TREND},
		{rnd_phrase(PH_COLUMN_TARGET), RND_COL_TEXT, RND_CELL_TARGET},
		{rnd_phrase(PH_COLUMN_GAP), RND_COL_NUM, RND_CELL_GAP},
		{rnd_phrase(PH_COLUMN_RAG), RND_COL_RAG, RND_CELL_RAG},
		{rnd_bench_heading(r), RND_COL_TEXT, RND_CELL_BENCH},
	};
	rnd_table t = {cols, sizeof cols / sizeof *cols, s->items, s->n};
	w->table(w, &t);
}

/* A list of entries under TITLE; EMPTY (or NULL: no list at all) when none. */
static void list(rnd_writer *w, rnd_phrase_id title, const rnd_item **items, size_t n, int full,
		 int with_code, const char *empty)
{
	if (!n && !empty)
		return;
	w->list_begin(w, rnd_phrase(title), n, empty);
	for (size_t i = 0; i < n; i++) {
		rnd_entry e = {items[i], full, with_code};
		w->item(w, &e, i);
	}
	w->list_end(w, n);
}

/* The items of S assessed A, listed with their sentences. */
static void assessed(rnd_writer *w, const rnd_section *s, rnd_phrase_id title, const char *a, int with_code,
		     const rnd_item **tmp)
{
	list(w, title, tmp, rnd_section_list(s, a, tmp), 1, with_code, rnd_phrase(PH_TEXT_NONE));
}

static void narrative(rnd_writer *w, const rnd_section *s)
{
	if (!s->narrative)
		return;
	kpi_buf h = KPI_BUF_INIT;
	if (s->narrative_author)
		RND_SAY(&h, PH_HEADING_NARRATIVE, {S_AUTHOR, s->narrative_author});
	else
		kpi_buf_adds(&h, rnd_phrase(PH_HEADING_NARRATIVE_ANONYMOUS));
	w->narrative(w, kpi_buf_str(&h), s->narrative);
	kpi_buf_free(&h);
}

/* Comments on indicators the style does not write up (all of them when ALL). */
static void notes(rnd_writer *w, const rnd_section *s, int all, const rnd_item **tmp)
{
	list(w, PH_HEADING_NOTES, tmp, rnd_section_notes(s, all, tmp), 0, 0, NULL);
}

static void section_begin(rnd_writer *w, size_t i, const char *heading)
{
	char id[40];
	snprintf(id, sizeof id, "section-%zu", i + 1);
	w->section_begin(w, id, heading);
}

static void bullets(rnd_writer *w, rnd_bullets kind, const char *const *text, size_t n, rnd_phrase_id empty)
{
	w->bullets_begin(w, kind, n, rnd_phrase(empty));
	for (size_t i = 0; i < n; i++)
		w->bullet(w, text[i]);
	w->bullets_end(w, kind, n);
}

/* The highlight report: per section the table, Current issues, the
 * narrative, Improvement and comments on the indicators in neither list. */
static void full(rnd_writer *w, const rnd_report *r, const rnd_item **tmp)
{
	for (size_t i = 0; i < r->n_sections; i++) {
		const rnd_section *s = &r->sections[i];
		section_begin(w, i, s->name);
		full_table(w, r, s);
		assessed(w, s, PH_HEADING_CURRENT_ISSUES, "issue", 1, tmp);
		narrative(w, s);
		assessed(w, s, PH_HEADING_IMPROVEMENT, "improvement", 1, tmp);
		list(w, PH_HEADING_COMMENTS, tmp, rnd_section_notes(s, 0, tmp), 0, 1, NULL);
		list(w, PH_HEADING_REVISED, tmp, rnd_section_revised(s, tmp), 1, 1, NULL);
		w->section_end(w);
	}
}

/* --style summary: the data-quality preface, then the two lists per theme
 * without codes. */
static void summary(rnd_writer *w, const rnd_report *r, const rnd_item **tmp)
{
	w->section_begin(w, "data-quality", rnd_phrase(PH_HEADING_DATA_QUALITY));
	bullets(w, RND_BULLETS_NOTES, (const char *const *)r->dq_notes, r->n_dq_notes, PH_TEXT_NO_DATA_QUALITY);
	w->section_end(w);
	for (size_t i = 0; i < r->n_sections; i++) {
		const rnd_section *s = &r->sections[i];
		section_begin(w, i, s->name);
		assessed(w, s, PH_HEADING_GOOD, "improvement", 0, tmp);
		assessed(w, s, PH_HEADING_FURTHER, "issue", 0, tmp);
		narrative(w, s);
		notes(w, s, 0, tmp);
		w->section_end(w);
	}
}

/* --style headlines: three to five bullets per theme. */
static void headlines(rnd_writer *w, const rnd_report *r, const rnd_item **tmp)
{
	for (size_t i = 0; i < r->n_sections; i++) {
		const rnd_section *s = &r->sections[i];
		section_begin(w, i, s->name);
		const char **text = kpi_xcalloc(s->n_headlines ? s->n_headlines : 1, sizeof *text);
		for (size_t k = 0; k < s->n_headlines; k++)
			text[k] = s->headlines[k]->headline;
		bullets(w, RND_BULLETS_HEADLINES, text, s->n_headlines, PH_TEXT_NO_HEADLINES);
		free(text);
		narrative(w, s);
		notes(w, s, 1, tmp);
		w->section_end(w);
	}
}

/* --style dashboard: one numbered table per theme. */
static void dashboard(rnd_writer *w, const rnd_report *r, const rnd_item **tmp)
{
	kpi_buf h = KPI_BUF_INIT;
	for (size_t i = 0; i < r->n_sections; i++) {
		const rnd_section *s = &r->sections[i];
		char number[24];
		snprintf(number, sizeof number, "%zu", i + 1);
		kpi_buf_clear(&h);
		RND_SAY(&h, PH_HEADING_TABLE, {S_NUMBER, number}, {S_SECTION, s->name});
		section_begin(w, i, kpi_buf_str(&h));
		dashboard_table(w, r, s);
		narrative(w, s);
		notes(w, s, 1, tmp);
		w->section_end(w);
	}
	kpi_buf_free(&h);
}

void rnd_write(rnd_writer *w, const rnd_report *r)
{
	kpi_buf t = KPI_BUF_INIT;
	w->begin(w, r->heading);
	w->title(w, r->heading);
	if (r->as_at_label)
		RND_SAY(&t, PH_HEADING_AS_AT, {S_AS_AT, r->as_at_label});
	else
		kpi_buf_adds(&t, rnd_phrase(PH_HEADING_KEY_ISSUES));
	w->subtitle(w, kpi_buf_str(&t));
	/* the board, when the title does not already name it */
	if (r->board && *r->board && r->title && *r->title)
		w->meta(w, rnd_phrase(PH_LABEL_BOARD), r->board, !r->meeting_date);
	if (r->meeting_date)
		w->meta(w, rnd_phrase(PH_LABEL_MEETING_DATE), r->meeting_date, 1);
	w->intro(w, r->intro);

	const rnd_item **tmp = kpi_xcalloc(r->n_items ? r->n_items : 1, sizeof *tmp);
	switch (r->style) {
	case RND_STYLE_FULL: full(w, r, tmp); break;
	case RND_STYLE_SUMMARY: summary(w, r, tmp); break;
	case RND_STYLE_HEADLINES: headlines(w, r, tmp); break;
	case RND_STYLE_DASHBOARD: dashboard(w, r, tmp); break;
	}
	free(tmp);

	kpi_buf_clear(&t);
	if (r->generated_at)
		RND_SAY(&t, PH_FOOTER_GENERATED, {S_TIME, r->generated_at});
	w->end(w, r->footer && *r->footer ? r->footer : NULL, r->generated_at ? kpi_buf_str(&t) : NULL);
	kpi_buf_free(&t);
}
