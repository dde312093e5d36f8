/* writer.c: the one walk of a report that Markdown, HTML and text share:
 * header, the parts of the style, lists, narrative, notes, tables and
 * footer.  What a format writes for each part is its rnd_writer; which
 * parts a report has, in what order and under which heading, is here, and
 * every heading and label comes from the phrases. */
#include "render.h"
#include "kpi/numfmt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *rnd_cell_text(const rnd_item *it, rnd_cell c)
{
	switch (c) {
	case RND_CELL_CODE: return it->shown_code ? it->shown_code : "-";
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
	case RND_CELL_NEIGHBOURS: return it->c_neighbours;
	case RND_CELL_REGION: return it->c_region;
	case RND_CELL_RANK: return it->c_rank;
	}
	return "";
}

/* The columns of COLS[N] a report shows: the Code column only where some
 * indicator's id is a council's code (never a slug); a comparator's column
 * only where some item has that comparator (kpi-flag --compare). */
static void table(rnd_writer *w, const rnd_report *r, const rnd_section *s, const rnd_column *cols, size_t n)
{
	rnd_column shown[16];
	size_t k = 0;
	for (size_t i = 0; i < n && k < sizeof shown / sizeof *shown; i++)
		if ((cols[i].cell != RND_CELL_CODE || r->show_codes) &&
		    (cols[i].cell != RND_CELL_NEIGHBOURS || r->show_neighbours) &&
		    (cols[i].cell != RND_CELL_REGION || r->show_region) &&
		    (cols[i].cell != RND_CELL_RANK || r->show_rank))
			shown[k++] = cols[i];
	rnd_table t = {shown, k, s->items, s->n};
	w->table(w, &t);
}

/* The full report's table: latest, previous, change, range, target, RAG,
 * the comparators (neighbours, region, England, quartile and rank), trend. */
static void full_table(rnd_writer *w, const rnd_report *r, const rnd_section *s)
{
	const rnd_column cols[] = {
		{rnd_phrase(PH_COLUMN_CODE), RND_COL_TEXT, RND_CELL_CODE},
		{rnd_phrase(PH_COLUMN_INDICATOR), RND_COL_TEXT, RND_CELL_LABEL},
		{s->latest_heading, RND_COL_NUM, RND_CELL_LATEST},
		{rnd_phrase(PH_COLUMN_PREVIOUS), RND_COL_NUM, RND_CELL_PREVIOUS},
		{rnd_phrase(PH_COLUMN_CHANGE), RND_COL_NUM, RND_CELL_CHANGE},
		{s->range_heading, RND_COL_TEXT, RND_CELL_RANGE},
		{rnd_phrase(PH_COLUMN_TARGET), RND_COL_TEXT, RND_CELL_TARGET},
		{rnd_phrase(PH_COLUMN_RAG), RND_COL_RAG, RND_CELL_RAG},
		{rnd_phrase(PH_COLUMN_NEIGHBOURS), RND_COL_NUM, RND_CELL_NEIGHBOURS},
		{rnd_region_heading(r), RND_COL_NUM, RND_CELL_REGION},
		{rnd_bench_heading(r), RND_COL_TEXT, RND_CELL_BENCH},
		{rnd_phrase(PH_COLUMN_RANK), RND_COL_TEXT, RND_CELL_RANK},
		{rnd_phrase(PH_COLUMN_TREND), RND_COL_TREND, RND_CELL_TREND},
	};
	table(w, r, s, cols, sizeof cols / sizeof *cols);
}

/* --style dashboard's table: the unit and the gap to the target. */
static void dashboard_table(rnd_writer *w, const rnd_report *r, const rnd_section *s)
{
	const rnd_column cols[] = {
		{rnd_phrase(PH_COLUMN_CODE), RND_COL_TEXT, RND_CELL_CODE},
		{rnd_phrase(PH_COLUMN_INDICATOR), RND_COL_TEXT, RND_CELL_LABEL},
		{rnd_phrase(PH_COLUMN_UNIT), RND_COL_TEXT, RND_CELL_UNIT},
		{s->latest_heading, RND_COL_NUM, RND_CELL_LATEST},
		{rnd_phrase(PH_COLUMN_PREVIOUS), RND_COL_NUM, RND_CELL_PREVIOUS},
		{rnd_phrase(PH_COLUMN_TREND), RND_COL_TREND, RND_CELL_TREND},
		{rnd_phrase(PH_COLUMN_TARGET), RND_COL_TEXT, RND_CELL_TARGET},
		{rnd_phrase(PH_COLUMN_GAP), RND_COL_NUM, RND_CELL_GAP},
		{rnd_phrase(PH_COLUMN_RAG), RND_COL_RAG, RND_CELL_RAG},
		{rnd_phrase(PH_COLUMN_NEIGHBOURS), RND_COL_NUM, RND_CELL_NEIGHBOURS},
		{rnd_region_heading(r), RND_COL_NUM, RND_CELL_REGION},
		{rnd_bench_heading(r), RND_COL_TEXT, RND_CELL_BENCH},
		{rnd_phrase(PH_COLUMN_RANK), RND_COL_TEXT, RND_CELL_RANK},
	};
	table(w, r, s, cols, sizeof cols / sizeof *cols);
}

/* How a list shows its entries. */
typedef struct {
	int full;       /* sentences, not only the comment */
	int with_code;  /* the code before the name, where the item shows one */
	int charts;     /* XmR charts (HTML) */
} entry_style;

/* A list of entries under TITLE; EMPTY (or NULL: no list at all) when none. */
static void list(rnd_writer *w, rnd_phrase_id title, const rnd_item **items, size_t n, entry_style st,
		 const char *empty)
{
	if (!n && !empty)
		return;
	w->list_begin(w, rnd_phrase(title), n, empty);
	for (size_t i = 0; i < n; i++) {
		rnd_entry e = {items[i], st.full, st.with_code, st.charts && st.full,
			       st.full && items[i]->off_target ? rnd_phrase(PH_MARKER_OFF_TARGET) : NULL};
		w->item(w, &e, i);
	}
	w->list_end(w, n);
}

/* The items of S assessed A, listed with their sentences; HIGHLIGHTED: only
 * those with something to say, and a list whose others all stay in the
 * appendix says so. */
static void assessed(rnd_writer *w, const rnd_section *s, rnd_phrase_id title, const char *a, entry_style st,
		     int highlighted, const rnd_item **tmp)
{
	size_t n = rnd_section_list(s, a, highlighted, tmp);
	const char *empty = rnd_phrase(PH_TEXT_NONE);
	if (highlighted && !n && rnd_section_list(s, a, 0, tmp))
		empty = rnd_phrase(PH_TEXT_NONE_HIGHLIGHTED);
	list(w, title, tmp, n, st, empty);
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

/* Comments on indicators the style does not write up (all of them when ALL),
 * under TITLE. */
static void notes(rnd_writer *w, rnd_phrase_id title, const rnd_section *s, int all, int with_code,
		  const rnd_item **tmp)
{
	entry_style st = {0, with_code, 0};
	list(w, title, tmp, rnd_section_notes(s, all, tmp), st, NULL);
}

static void section_begin(rnd_writer *w, size_t i, const char *heading)
{
	char id[40];
	snprintf(id, sizeof id, "section-%zu", i + 1);
	w->section_begin(w, id, heading);
}

static void bullets(rnd_writer *w, rnd_bullets kind, const char *title, const char *const *text, size_t n,
		    rnd_phrase_id empty)
{
	w->bullets_begin(w, kind, title, n, rnd_phrase(empty));
	for (size_t i = 0; i < n; i++)
		w->bullet(w, kind, i, text[i]);
	w->bullets_end(w, kind, n);
}

/* Whether any item of R is drawn with a chart, is off target, has a RAG. */
static int any_item(const rnd_report *r, int (*has)(const rnd_item *))
{
	for (size_t i = 0; i < r->n_items; i++)
		if (has(&r->items[i]))
			return 1;
	return 0;
}

static int off_target_shown(const rnd_item *it)
{
	return it->off_target && it->listed;
}

static int has_rag(const rnd_item *it)
{
	return it->ind->rag && *it->ind->rag;
}

static int has_percent(const rnd_item *it)
{
	return rnd_is_percent(it->ind);
}

/* A percentage or a rate written with its count, "74.2% (268)" or
 * "361 (68.9)": the legend explains only the forms the report uses (a
 * workforce report's percentages count no children). */
static int has_percent_count(const rnd_item *it)
{
	return rnd_is_percent(it->ind) && it->ind->latest.num.has;
}

static int has_rate_count(const rnd_item *it)
{
	return rnd_is_rate(it->ind) && it->ind->latest.num.has;
}

/* The band of the "points" rule (kpi-flag's movement_basis) behind a
 * "slightly" a sentence of R writes: a percentage whose usual variation is
 * not known moved by at most that many points (report-style.md §7); 0 when
 * no written sentence used the rule, so the legend says it only then.  A
 * highlight report writes up its listed indicators with something to say,
 * the long form every listed one. */
static double slight_points_band(const rnd_report *r)
{
	for (size_t i = 0; i < r->n_items; i++) {
		const rnd_item *it = &r->items[i];
		const rnd_ind *d = it->ind;
		if (!it->listed || !it->para.n || (r->style == RND_STYLE_HIGHLIGHT && !rnd_item_written(it)))
			continue;
		if (d->movement && strcmp(d->movement, "slight") == 0 && d->movement_basis &&
		    strcmp(d->movement_basis, "points") == 0 && d->movement_band.has && d->movement_band.v > 0)
			return d->movement_band.v;
	}
	return 0;
}

/* "How to read this report": the legend, once (the charts' key, the
 * marker and RAG only where the report has them). */
static void how_to_read(rnd_writer *w, const rnd_report *r, int charts)
{
	const char *lines[10];
	size_t n = 0;
	kpi_buf lists = KPI_BUF_INIT, marker = KPI_BUF_INIT, points = KPI_BUF_INIT;
	RND_SAY(&lists, PH_LEGEND_LISTS, {S_ISSUES, rnd_phrase(PH_HEADING_CURRENT_ISSUES)},
		{S_IMPROVEMENT, rnd_phrase(PH_HEADING_IMPROVEMENT)});
	RND_SAY(&marker, PH_LEGEND_OFF_TARGET, {S_MARKER, rnd_phrase(PH_MARKER_OFF_TARGET)});
	lines[n++] = kpi_buf_str(&lists);
	if (r->style == RND_STYLE_HIGHLIGHT)
		lines[n++] = rnd_phrase(PH_LEGEND_HIGHLIGHT);
	if (any_item(r, has_percent_count))
		lines[n++] = rnd_phrase(PH_LEGEND_FIGURES);
	if (any_item(r, has_rate_count))
		lines[n++] = rnd_phrase(PH_LEGEND_RATES);
	if (any_item(r, has_percent))
		lines[n++] = rnd_phrase(PH_LEGEND_POINTS);
	lines[n++] = rnd_phrase(PH_LEGEND_WORDS);
	double band = slight_points_band(r);
	if (band > 0) {
		char t[KPI_NUM_BUFSZ];
		kpi_fmt_double(t, band);
		RND_SAY(&points, PH_LEGEND_SLIGHT_POINTS, {S_N, t});
		lines[n++] = kpi_buf_str(&points);
	}
	if (any_item(r, off_target_shown))
		lines[n++] = kpi_buf_str(&marker);
	if (any_item(r, has_rag))
		lines[n++] = rnd_phrase(PH_LEGEND_RAG);
	lines[n++] = rnd_phrase(PH_LEGEND_TREND);
	w->box_begin(w, "how-to-read", rnd_phrase(PH_HEADING_HOW_TO_READ));
	bullets(w, RND_BULLETS_NOTES, NULL, lines, n, PH_TEXT_NONE);
	if (charts)
		w->chart_key(w);
	w->box_end(w);
	kpi_buf_free(&lists);
	kpi_buf_free(&marker);
	kpi_buf_free(&points);
}

/* The opening summary: where the indicators stand, the targets due, and the
 * items that most need the board's attention. */
static void opening_summary(rnd_writer *w, const rnd_report *r)
{
	const rnd_summary *s = &r->summary;
	w->section_begin(w, "summary", rnd_phrase(PH_HEADING_SUMMARY));
	if (s->position)
		w->paragraph(w, s->position);
	if (s->targets)
		w->paragraph(w, s->targets);
	bullets(w, RND_BULLETS_NOTES, rnd_phrase(PH_HEADING_ATTENTION), (const char *const *)s->attention,
		s->n_attention, PH_ATTENTION_NONE);
	w->section_end(w);
}

/* "The Board is asked to note ...": the report file's, else the phrase. */
static void recommendation(rnd_writer *w, const rnd_report *r)
{
	const rnd_config *c = r->config;
	w->section_begin(w, "recommendation", rnd_phrase(PH_HEADING_RECOMMENDATION));
	if (c && c->n_recommendations > 1)
		bullets(w, RND_BULLETS_NUMBERED, NULL, (const char *const *)c->recommendations,
			c->n_recommendations, PH_TEXT_NONE);
	else
		w->paragraph(w, c && c->n_recommendations ? c->recommendations[0]
							  : rnd_phrase(PH_RECOMMENDATION_DEFAULT));
	w->section_end(w);
}

/* The officers of the report file: "Name, Role: e-mail, telephone". */
static void contacts(rnd_writer *w, const rnd_report *r)
{
	const rnd_config *c = r->config;
	if (!c || !c->n_officers)
		return;
	char **lines = kpi_xcalloc(c->n_officers, sizeof *lines);
	kpi_buf b = KPI_BUF_INIT, d = KPI_BUF_INIT;
	for (size_t i = 0; i < c->n_officers; i++) {
		const rnd_officer *o = &c->officers[i];
		kpi_buf_clear(&b);
		kpi_buf_clear(&d);
		for (size_t k = 0; k < o->n_details; k++) {
			if (k)
				kpi_buf_adds(&d, ", ");
			/* a telephone number is not broken across lines: its spaces
			 * are no-break spaces */
			for (const char *ch = o->details[k]; *ch; ch++)
				if (*ch == ' ')
					kpi_buf_adds(&d, "\xc2\xa0");
				else
					kpi_buf_addc(&d, *ch);
		}
		if (o->n_details)
			RND_SAY(&b, PH_CONTACT_DETAILS, {S_NAME, o->name}, {S_ROLE, o->role},
				{S_DETAILS, kpi_buf_str(&d)});
		else
			RND_SAY(&b, PH_CONTACT, {S_NAME, o->name}, {S_ROLE, o->role});
		lines[i] = kpi_xstrdup(kpi_buf_str(&b));
	}
	w->section_begin(w, "contacts", rnd_phrase(PH_HEADING_CONTACTS));
	bullets(w, RND_BULLETS_NOTES, NULL, (const char *const *)lines, c->n_officers, PH_TEXT_NONE);
	w->section_end(w);
	for (size_t i = 0; i < c->n_officers; i++)
		free(lines[i]);
	free(lines);
	kpi_buf_free(&b);
	kpi_buf_free(&d);
}

/* The highlight report (report-style.md §9): the summary, how to read it,
 * per section the highlighted Current issues, the narrative and the
 * highlighted Improvement, the recommendation, the contacts, and every
 * section's table in the appendix. */
static void highlight(rnd_writer *w, const rnd_report *r, const rnd_item **tmp)
{
	opening_summary(w, r);
	how_to_read(w, r, 0);
	entry_style st = {1, 1, 0};
	for (size_t i = 0; i < r->n_sections; i++) {
		const rnd_section *s = &r->sections[i];
		section_begin(w, i, s->name);
		assessed(w, s, PH_HEADING_CURRENT_ISSUES, "issue", st, 1, tmp);
		narrative(w, s);
		assessed(w, s, PH_HEADING_IMPROVEMENT, "improvement", st, 1, tmp);
		notes(w, PH_HEADING_COMMENTS, s, 0, 1, tmp);
		list(w, PH_HEADING_REVISED, tmp, rnd_section_revised(s, tmp), st, NULL);
		w->section_end(w);
	}
	recommendation(w, r);
	contacts(w, r);
	w->section_begin(w, "appendix", rnd_phrase(PH_HEADING_APPENDIX));
	for (size_t i = 0; i < r->n_sections; i++) {
		char id[40];
		snprintf(id, sizeof id, "table-%zu", i + 1);
		w->subheading(w, id, r->sections[i].name);
		full_table(w, r, &r->sections[i]);
	}
	w->section_end(w);
}

/* The long form (--style full): per section the table, Current issues, the
 * narrative, Improvement and comments on the indicators in neither list;
 * every listed entry with its chart. */
static void full(rnd_writer *w, const rnd_report *r, const rnd_item **tmp)
{
	how_to_read(w, r, 1);
	entry_style st = {1, 1, 1};
	for (size_t i = 0; i < r->n_sections; i++) {
		const rnd_section *s = &r->sections[i];
		section_begin(w, i, s->name);
		full_table(w, r, s);
		assessed(w, s, PH_HEADING_CURRENT_ISSUES, "issue", st, 0, tmp);
		narrative(w, s);
		assessed(w, s, PH_HEADING_IMPROVEMENT, "improvement", st, 0, tmp);
		notes(w, PH_HEADING_COMMENTS, s, 0, 1, tmp);
		list(w, PH_HEADING_REVISED, tmp, rnd_section_revised(s, tmp), st, NULL);
		w->section_end(w);
	}
	if (r->config) {
		recommendation(w, r);
		contacts(w, r);
	}
}

/* --style summary: the data-quality preface, then the two lists per theme
 * without codes. */
static void summary(rnd_writer *w, const rnd_report *r, const rnd_item **tmp)
{
	w->section_begin(w, "data-quality", rnd_phrase(PH_HEADING_DATA_QUALITY));
	bullets(w, RND_BULLETS_NOTES, NULL, (const char *const *)r->dq_notes, r->n_dq_notes,
		PH_TEXT_NO_DATA_QUALITY);
	w->section_end(w);
	entry_style st = {1, 0, 0};
	for (size_t i = 0; i < r->n_sections; i++) {
		const rnd_section *s = &r->sections[i];
		section_begin(w, i, s->name);
		assessed(w, s, PH_HEADING_GOOD, "improvement", st, 0, tmp);
		assessed(w, s, PH_HEADING_FURTHER, "issue", st, 0, tmp);
		narrative(w, s);
		notes(w, PH_HEADING_NOTES, s, 0, 0, tmp);
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
		bullets(w, RND_BULLETS_HEADLINES, NULL, text, s->n_headlines, PH_TEXT_NO_HEADLINES);
		free(text);
		narrative(w, s);
		notes(w, PH_HEADING_NOTES, s, 1, 0, tmp);
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
		notes(w, PH_HEADING_NOTES, s, 1, 0, tmp);
		w->section_end(w);
	}
	kpi_buf_free(&h);
}

/* A case-insensitive search for NEEDLE in HAY (ASCII letters). */
static int contains_folded(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (!n)
		return 1;
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i]) {
			char a = hay[i], b = needle[i];
			if (a >= 'A' && a <= 'Z')
				a = (char)(a - 'A' + 'a');
			if (b >= 'A' && b <= 'Z')
				b = (char)(b - 'A' + 'a');
			if (a != b)
				break;
			i++;
		}
		if (i == n)
			return 1;
	}
	return 0;
}

void rnd_write(rnd_writer *w, const rnd_report *r)
{
	kpi_buf t = KPI_BUF_INIT;
	w->r = r;
	w->begin(w, r->heading);
	w->title(w, r->heading);
	if (r->as_at_label)
		RND_SAY(&t, PH_HEADING_AS_AT, {S_AS_AT, r->as_at_label});
	else
		kpi_buf_adds(&t, rnd_phrase(PH_HEADING_KEY_ISSUES));
	w->subtitle(w, kpi_buf_str(&t));
	/* the board, when the title does not already name it */
	int board = r->board && *r->board && !contains_folded(r->heading, r->board);
	if (board)
		w->meta(w, rnd_phrase(PH_LABEL_BOARD), r->board, !r->meeting_date);
	if (r->meeting_date)
		w->meta(w, rnd_phrase(PH_LABEL_MEETING_DATE), r->meeting_date, 1);
	w->intro(w, r->intro);

	const rnd_item **tmp = kpi_xcalloc(r->n_items ? r->n_items : 1, sizeof *tmp);
	if (r->n_items) {
		switch (r->style) {
		case RND_STYLE_HIGHLIGHT: highlight(w, r, tmp); break;
		case RND_STYLE_FULL: full(w, r, tmp); break;
		case RND_STYLE_SUMMARY: summary(w, r, tmp); break;
		case RND_STYLE_HEADLINES: headlines(w, r, tmp); break;
		case RND_STYLE_DASHBOARD: dashboard(w, r, tmp); break;
		}
	}
	free(tmp);

	kpi_buf_clear(&t);
	if (r->generated_at)
		RND_SAY(&t, PH_FOOTER_GENERATED, {S_TIME, r->generated_at});
	w->end(w, r->footer && *r->footer ? r->footer : NULL, r->generated_at ? kpi_buf_str(&t) : NULL);
	kpi_buf_free(&t);
}
