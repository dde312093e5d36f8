/* fmt_md.c: the report as Markdown, laid out like report-style.md §6.
 * Text from the data is escaped so that it shows as written; narrative
 * text is the user's own Markdown and is copied as it is. */
#include "render.h"
#include <stdlib.h>
#include <string.h>

static void esc(kpi_buf *b, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\`*_[]<>|#", *s))
			kpi_buf_addc(b, '\\');
		if (*s == '\n' || *s == '\r')
			kpi_buf_addc(b, ' ');
		else
			kpi_buf_addc(b, *s);
	}
}

/* Text indented by IND spaces on every line after the first. */
static void indented(kpi_buf *b, const char *s, const char *ind)
{
	for (; *s; s++) {
		kpi_buf_addc(b, *s);
		if (*s == '\n' && s[1] && s[1] != '\n')
			kpi_buf_adds(b, ind);
	}
}

static void entry_as(kpi_buf *b, const rnd_item *it, int with_sentences, int with_code)
{
	kpi_buf_adds(b, "- **");
	if (with_code) {
		esc(b, it->code);
		kpi_buf_addc(b, ' ');
	}
	esc(b, it->label);
	kpi_buf_adds(b, "**");
	if (with_sentences && it->para.n) {
		kpi_buf_adds(b, "\\\n  ");
		for (size_t i = 0; i < it->para.n; i++) {
			if (i)
				kpi_buf_addc(b, ' ');
			if (it->para.s[i].bold)
				kpi_buf_adds(b, "**");
			esc(b, it->para.s[i].text);
			if (it->para.s[i].bold)
				kpi_buf_adds(b, "**");
		}
	}
	if (it->comment && *it->comment) {
		kpi_buf_adds(b, with_sentences ? "\n\n  *Comment:* " : "\\\n  ");
		indented(b, it->comment, "  ");
	}
	kpi_buf_addc(b, '\n');
}

static void entry(kpi_buf *b, const rnd_item *it, int with_sentences)
{
	entry_as(b, it, with_sentences, 1);
}

static void list_as(kpi_buf *b, const char *title, const rnd_item **items, size_t n, int with_code)
{
	kpi_buf_printf(b, "**%s:**\n\n", title);
	if (!n)
		kpi_buf_adds(b, "None this period.\n");
	for (size_t i = 0; i < n; i++)
		entry_as(b, items[i], 1, with_code);
	kpi_buf_addc(b, '\n');
}

static void list(kpi_buf *b, const char *title, const rnd_item **items, size_t n)
{
	list_as(b, title, items, n, 1);
}

static void cell(kpi_buf *b, const char *s)
{
	kpi_buf_addc(b, ' ');
	esc(b, s);
	kpi_buf_adds(b, " |");
}

static void table(kpi_buf *b, const rnd_report *r, const rnd_section *s)
{
	kpi_buf_adds(b, "| Code | Indicator | Latest | Previous | Change | ");
	esc(b, s->range_heading);
	kpi_buf_printf(b, " | Target | RAG | %s | Trend |\n", rnd_bench_heading(r));
	kpi_buf_adds(b, "|---|---|--:|--:|--:|---|---|---|---|---|\n");
	for (size_t i = 0; i < s->n; i++) {
		const rnd_item *it = s->items[i];
		kpi_buf_addc(b, '|');
		cell(b, it->code);
		cell(b, it->label);
		cell(b, it->c_latest);
		cell(b, it->c_previous);
		cell(b, it->c_change);
		cell(b, it->c_range);
		cell(b, it->c_target);
		cell(b, it->c_rag);
		cell(b, it->c_bench);
		cell(b, it->c_trend);
		kpi_buf_addc(b, '\n');
	}
	kpi_buf_addc(b, '\n');
}

static void narrative(kpi_buf *b, const rnd_section *s)
{
	if (!s->narrative)
		return;
	kpi_buf_adds(b, "*Head of Service Narrative");
	if (s->narrative_author) {
		kpi_buf_adds(b, " (");
		esc(b, s->narrative_author);
		kpi_buf_addc(b, ')');
	}
	kpi_buf_adds(b, "*\n\n");
	kpi_buf_adds(b, s->narrative);
	kpi_buf_adds(b, "\n\n");
}

/* Comments on indicators the style does not write up: "Notes:". */
static void notes(kpi_buf *b, const rnd_section *s, int all, const rnd_item **tmp)
{
	size_t n = rnd_section_notes(s, all, tmp);
	if (!n)
		return;
	kpi_buf_adds(b, "**Notes:**\n\n");
	for (size_t i = 0; i < n; i++)
		entry_as(b, tmp[i], 0, 0);
	kpi_buf_addc(b, '\n');
}

/* --style summary: the data-quality preface, then per theme the two lists
 * without codes. */
static void summary(kpi_buf *b, const rnd_report *r, const rnd_item **tmp)
{
	kpi_buf_adds(b, "### Data quality\n\n");
	if (!r->n_dq_notes)
		kpi_buf_adds(b, "No data-quality issues are flagged in this report.\n");
	for (size_t i = 0; i < r->n_dq_notes; i++) {
		kpi_buf_adds(b, "- ");
		esc(b, r->dq_notes[i]);
		kpi_buf_addc(b, '\n');
	}
	kpi_buf_addc(b, '\n');
	for (size_t i = 0; i < r->n_sections; i++) {
		const rnd_section *s = &r->sections[i];
		kpi_buf_adds(b, "### ");
		esc(b, s->name);
		kpi_buf_adds(b, "\n\n");
		list_as(b, "Good or improved performance", tmp, rnd_section_list(s, "improvement", tmp), 0);
		list_as(b, "Areas for further improvement", tmp, rnd_section_list(s, "issue", tmp), 0);
		narrative(b, s);
		notes(b, s, 0, tmp);
	}
}

/* --style headlines: three to five bullets per theme. */
static void headlines(kpi_buf *b, const rnd_report *r, const rnd_item **tmp)
{
	for (size_t i = 0; i < r->n_sections; i++) {
		const rnd_section *s = &r->sections[i];
		kpi_buf_adds(b, "### ");
		esc(b, s->name);
		kpi_buf_adds(b, "\n\n");
		if (!s->n_headlines)
			kpi_buf_adds(b, "No headlines this period.\n");
		for (size_t k = 0; k < s->n_headlines; k++) {
			kpi_buf_adds(b, "- ");
			esc(b, s->headlines[k]->headline);
			kpi_buf_addc(b, '\n');
		}
		kpi_buf_addc(b, '\n');
		narrative(b, s);
		notes(b, s, 1, tmp);
	}
}

/* --style dashboard: one numbered table per theme. */
static void dashboard(kpi_buf *b, const rnd_report *r, const rnd_item **tmp)
{
	for (size_t i = 0; i < r->n_sections; i++) {
		const rnd_section *s = &r->sections[i];
		kpi_buf_printf(b, "### Table %zu: ", i + 1);
		esc(b, s->name);
		kpi_buf_adds(b, "\n\n");
		kpi_buf_printf(b, "| Code | Indicator | Unit | Latest | Previous | Trend | Target | Gap | RAG | %s |\n",
			       rnd_bench_heading(r));
		kpi_buf_adds(b, "|---|---|---|--:|--:|---|---|--:|---|---|\n");
		for (size_t k = 0; k < s->n; k++) {
			const rnd_item *it = s->items[k];
			kpi_buf_addc(b, '|');
			cell(b, it->code);
			cell(b, it->label);
			cell(b, it->c_unit);
			cell(b, it->c_latest);
			cell(b, it->c_previous);
			cell(b, it->c_trend);
			cell(b, it->c_target);
			cell(b, it->c_gap);
			cell(b, it->c_rag);
			cell(b, it->c_bench);
			kpi_buf_addc(b, '\n');
		}
		kpi_buf_addc(b, '\n');
		narrative(b, s);
		notes(b, s, 1, tmp);
	}
}

void rnd_fmt_md(kpi_buf *b, const rnd_report *r)
{
	kpi_buf_adds(b, "# ");
	esc(b, r->heading);
	kpi_buf_adds(b, "\n\n## Key Performance Issues");
	if (r->as_at_label) {
		kpi_buf_adds(b, " as at ");
		esc(b, r->as_at_label);
	}
	kpi_buf_adds(b, "\n\n");
	if (r->board && *r->board && r->title && *r->title) {
		kpi_buf_adds(b, "**Board:** ");
		esc(b, r->board);
		kpi_buf_adds(b, r->meeting_date ? "  \n" : "\n\n");
	}
	if (r->meeting_date) {
		kpi_buf_adds(b, "**Meeting date:** ");
		esc(b, r->meeting_date);
		kpi_buf_adds(b, "\n\n");
	}
	esc(b, r->intro);
	kpi_buf_adds(b, "\n\n");

	const rnd_item **tmp = kpi_xcalloc(r->n_items ? r->n_items : 1, sizeof *tmp);
	if (r->style == RND_STYLE_SUMMARY)
		summary(b, r, tmp);
	else if (r->style == RND_STYLE_HEADLINES)
		headlines(b, r, tmp);
	else if (r->style == RND_STYLE_DASHBOARD)
		dashboard(b, r, tmp);
	for (size_t i = 0; r->style == RND_STYLE_FULL && i < r->n_sections; i++) {
		const rnd_section *s = &r->sections[i];
		kpi_buf_adds(b, "### ");
		esc(b, s->name);
		kpi_buf_adds(b, "\n\n");
		table(b, r, s);
		list(b, "Current issues", tmp, rnd_section_list(s, "issue", tmp));
		narrative(b, s);
		list(b, "Improvement", tmp, rnd_section_list(s, "improvement", tmp));
		size_t n = rnd_section_notes(s, 0, tmp);
		if (n) {
			kpi_buf_adds(b, "**Comments on other indicators:**\n\n");
			for (size_t k = 0; k < n; k++)
				entry(b, tmp[k], 0);
			kpi_buf_addc(b, '\n');
		}
	}
	free(tmp);
	if (r->footer && *r->footer) {
		kpi_buf_addc(b, '*');
		esc(b, r->footer);
		kpi_buf_adds(b, "*\n\n");
	}
	if (r->generated_at) {
		kpi_buf_adds(b, "*Generated ");
		esc(b, r->generated_at);
		kpi_buf_adds(b, ".*\n\n");
	}
	/* one newline at the end, not two */
	while (b->len >= 2 && b->data[b->len - 1] == '\n' && b->data[b->len - 2] == '\n')
		b->data[--b->len] = '\0';
}
