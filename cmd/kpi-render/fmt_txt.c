/* fmt_txt.c: the report as plain text for e-mail and terminals: prose
 * wrapped at 78 columns, tables in aligned columns (as wide as they need).
 * Widths count UTF-8 characters, not bytes. */
#include "render.h"
#include <stdlib.h>
#include <string.h>

#define WIDTH 78

static size_t width(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		w += ((unsigned char)s[i] & 0xC0) != 0x80;
	return w;
}

static void pad(kpi_buf *b, size_t n)
{
	while (n--)
		kpi_buf_addc(b, ' ');
}

/* TEXT wrapped: the first line after FIRST, the others indented by INDENT. */
static void wrap(kpi_buf *b, const char *first, size_t indent, const char *text)
{
	kpi_buf_adds(b, first);
	size_t col = width(first, strlen(first));
	int line_has_word = 0;
	const char *s = text;
	while (*s) {
		if (*s == '\n') {
			/* a line break in the text is kept; a blank line too */
			kpi_buf_addc(b, '\n');
			s++;
			if (*s == '\n') {
				kpi_buf_addc(b, '\n');
				while (*s == '\n')
					s++;
			}
			if (!*s)
				return;
			pad(b, indent);
			col = indent;
			line_has_word = 0;
			continue;
		}
		if (*s == ' ') {
			s++;
			continue;
		}
		size_t n = strcspn(s, " \n");
		size_t w = width(s, n);
		if (line_has_word && col + 1 + w > WIDTH) {
			kpi_buf_addc(b, '\n');
			pad(b, indent);
			col = indent;
			line_has_word = 0;
		}
		if (line_has_word) {
			kpi_buf_addc(b, ' ');
			col++;
		}
		kpi_buf_add(b, s, n);
		col += w;
		line_has_word = 1;
		s += n;
	}
	kpi_buf_addc(b, '\n');
}

static void underline(kpi_buf *b, const char *s, char c)
{
	kpi_buf_adds(b, s);
	kpi_buf_addc(b, '\n');
	for (size_t i = width(s, strlen(s)); i > 0; i--)
		kpi_buf_addc(b, c);
	kpi_buf_addc(b, '\n');
}

static void entry_as(kpi_buf *b, const rnd_item *it, int full, int with_code)
{
	kpi_buf head = KPI_BUF_INIT;
	if (with_code) {
		kpi_buf_adds(&head, it->code);
		kpi_buf_addc(&head, ' ');
	}
	kpi_buf_adds(&head, it->label);
	wrap(b, "  * ", 4, kpi_buf_str(&head));
	kpi_buf_free(&head);
	if (full && it->para.n) {
		kpi_buf t = KPI_BUF_INIT;
		for (size_t i = 0; i < it->para.n; i++) {
			if (i)
				kpi_buf_addc(&t, ' ');
			if (it->para.s[i].bold)
				kpi_buf_adds(&t, "*");
			kpi_buf_adds(&t, it->para.s[i].text);
			if (it->para.s[i].bold)
				kpi_buf_adds(&t, "*");
		}
		wrap(b, "    ", 4, kpi_buf_str(&t));
		kpi_buf_free(&t);
	}
	if (it->comment && *it->comment)
		wrap(b, full ? "    Comment: " : "    ", 4, it->comment);
}

static void entry(kpi_buf *b, const rnd_item *it, int full)
{
	entry_as(b, it, full, 1);
}

static void list_as(kpi_buf *b, const char *title, const rnd_item **items, size_t n, int with_code)
{
	kpi_buf_printf(b, "%s:\n\n", title);
	if (!n)
		kpi_buf_adds(b, "  None this period.\n");
	for (size_t i = 0; i < n; i++) {
		if (i)
			kpi_buf_addc(b, '\n');
		entry_as(b, items[i], 1, with_code);
	}
	kpi_buf_addc(b, '\n');
}

static void list(kpi_buf *b, const char *title, const rnd_item **items, size_t n)
{
	list_as(b, title, items, n, 1);
}

/* Aligned columns: HEAD then NROWS rows of NCOL cells; the columns in
 * RIGHT (a bit per column) are figures, right-aligned. */
static void grid(kpi_buf *b, const char **head, const char **cells, size_t nrows, int ncol,
		 unsigned right)
{
	size_t *w = kpi_xcalloc((size_t)ncol, sizeof *w);
	for (int c = 0; c < ncol; c++)
		w[c] = width(head[c], strlen(head[c]));
	for (size_t i = 0; i < nrows; i++)
		for (int c = 0; c < ncol; c++) {
			const char *v = cells[i * (size_t)ncol + (size_t)c];
			size_t x = width(v, strlen(v));
			if (x > w[c])
				w[c] = x;
		}
	for (size_t i = 0; i <= nrows + 1; i++) {
		const char **v;
		if (i == 0) {
			v = head;
		} else if (i == 1) {
			/* the rule under the header */
			for (int c = 0; c < ncol; c++) {
				for (size_t k = 0; k < w[c]; k++)
					kpi_buf_addc(b, '-');
				if (c + 1 < ncol)
					kpi_buf_adds(b, "  ");
			}
			kpi_buf_addc(b, '\n');
			continue;
		} else {
			v = cells + (i - 2) * (size_t)ncol;
		}
		for (int c = 0; c < ncol; c++) {
			size_t x = width(v[c], strlen(v[c]));
			int r = (right >> c) & 1;
			if (r)
				pad(b, w[c] - x);
			kpi_buf_adds(b, v[c]);
			if (c + 1 < ncol) {
				if (!r)
					pad(b, w[c] - x);
				kpi_buf_adds(b, "  ");
			}
		}
		kpi_buf_addc(b, '\n');
	}
	kpi_buf_addc(b, '\n');
	free(w);
}

#define NCOL 10
static void table(kpi_buf *b, const rnd_report *r, const rnd_section *s)
{
	const char *head[NCOL] = {"Code", "Indicator", "Latest", "Previous", "Change",
				  s->range_heading, "Target", "RAG", rnd_bench_heading(r), "Trend"};
	const char **cells = kpi_xcalloc(s->n * NCOL + 1, sizeof *cells);
	for (size_t i = 0; i < s->n; i++) {
		const rnd_item *it = s->items[i];
		const char *row[NCOL] = {it->code, it->label, it->c_latest, it->c_previous,
					 it->c_change, it->c_range, it->c_target, it->c_rag,
					 it->c_bench, it->c_trend};
		memcpy(cells + i * NCOL, row, sizeof row);
	}
	grid(b, head, cells, s->n, NCOL, 1u << 2 | 1u << 3 | 1u << 4);
	free(cells);
}

static void dashboard_table(kpi_buf *b, const rnd_report *r, const rnd_section *s)
{
	const char *head[NCOL] = {"Code", "Indicator", "Unit", "Latest", "Previous", "Trend",
				  "Target", "Gap", "RAG", rnd_bench_heading(r)};
	const char **cells = kpi_xcalloc(s->n * NCOL + 1, sizeof *cells);
	for (size_t i = 0; i < s->n; i++) {
		const rnd_item *it = s->items[i];
		const char *row[NCOL] = {it->code, it->label, it->c_unit, it->c_latest,
					 it->c_previous, it->c_trend, it->c_target, it->c_gap,
					 it->c_rag, it->c_bench};
		memcpy(cells + i * NCOL, row, sizeof row);
	}
	grid(b, head, cells, s->n, NCOL, 1u << 3 | 1u << 4 | 1u << 7);
	free(cells);
}

static void narrative(kpi_buf *b, const rnd_section *s)
{
	if (!s->narrative)
		return;
	kpi_buf_adds(b, "Head of Service Narrative");
	if (s->narrative_author)
		kpi_buf_printf(b, " (%s)", s->narrative_author);
	kpi_buf_adds(b, ":\n\n");
	wrap(b, "  ", 2, s->narrative);
	kpi_buf_addc(b, '\n');
}

/* Comments on indicators the style does not write up. */
static void notes(kpi_buf *b, const rnd_section *s, int all, const rnd_item **tmp)
{
	size_t n = rnd_section_notes(s, all, tmp);
	if (!n)
		return;
	kpi_buf_adds(b, "Notes:\n\n");
	for (size_t i = 0; i < n; i++)
		entry_as(b, tmp[i], 0, 0);
	kpi_buf_addc(b, '\n');
}

/* The sections of --style summary, headlines and dashboard. */
static void styled(kpi_buf *b, const rnd_report *r, const rnd_item **tmp)
{
	if (r->style == RND_STYLE_SUMMARY) {
		underline(b, "Data quality", '-');
		kpi_buf_addc(b, '\n');
		if (!r->n_dq_notes)
			wrap(b, "  ", 2, "No data-quality issues are flagged in this report.");
		for (size_t i = 0; i < r->n_dq_notes; i++)
			wrap(b, "  * ", 4, r->dq_notes[i]);
		kpi_buf_addc(b, '\n');
	}
	for (size_t i = 0; i < r->n_sections; i++) {
		const rnd_section *s = &r->sections[i];
		kpi_buf t = KPI_BUF_INIT;
		if (r->style == RND_STYLE_DASHBOARD)
			kpi_buf_printf(&t, "Table %zu: ", i + 1);
		kpi_buf_adds(&t, s->name);
		underline(b, kpi_buf_str(&t), '-');
		kpi_buf_free(&t);
		kpi_buf_addc(b, '\n');
		if (r->style == RND_STYLE_SUMMARY) {
			list_as(b, "Good or improved performance", tmp,
				rnd_section_list(s, "improvement", tmp), 0);
			list_as(b, "Areas for further improvement", tmp,
				rnd_section_list(s, "issue", tmp), 0);
		} else if (r->style == RND_STYLE_HEADLINES) {
			if (!s->n_headlines)
				kpi_buf_adds(b, "  No headlines this period.\n");
			for (size_t k = 0; k < s->n_headlines; k++)
				wrap(b, "  * ", 4, s->headlines[k]->headline);
			kpi_buf_addc(b, '\n');
		} else {
			dashboard_table(b, r, s);
		}
		narrative(b, s);
		notes(b, s, r->style != RND_STYLE_SUMMARY, tmp);
	}
}

void rnd_fmt_txt(kpi_buf *b, const rnd_report *r)
{
	underline(b, r->heading, '=');
	kpi_buf_addc(b, '\n');
	kpi_buf_adds(b, "Key Performance Issues");
	if (r->as_at_label) {
		kpi_buf_adds(b, " as at ");
		kpi_buf_adds(b, r->as_at_label);
	}
	kpi_buf_addc(b, '\n');
	if (r->board && *r->board && r->title && *r->title)
		kpi_buf_printf(b, "Board: %s\n", r->board);
	if (r->meeting_date)
		kpi_buf_printf(b, "Meeting date: %s\n", r->meeting_date);
	kpi_buf_addc(b, '\n');
	wrap(b, "", 0, r->intro);
	kpi_buf_addc(b, '\n');

	const rnd_item **tmp = kpi_xcalloc(r->n_items ? r->n_items : 1, sizeof *tmp);
	if (r->style != RND_STYLE_FULL)
		styled(b, r, tmp);
	for (size_t i = 0; r->style == RND_STYLE_FULL && i < r->n_sections; i++) {
		const rnd_section *s = &r->sections[i];
		underline(b, s->name, '-');
		kpi_buf_addc(b, '\n');
		table(b, r, s);
		list(b, "Current issues", tmp, rnd_section_list(s, "issue", tmp));
		narrative(b, s);
		list(b, "Improvement", tmp, rnd_section_list(s, "improvement", tmp));
		size_t n = rnd_section_notes(s, 0, tmp);
		if (n) {
			kpi_buf_adds(b, "Comments on other indicators:\n\n");
			for (size_t k = 0; k < n; k++)
				entry(b, tmp[k], 0);
			kpi_buf_addc(b, '\n');
		}
	}
	free(tmp);
	if (r->footer && *r->footer) {
		wrap(b, "", 0, r->footer);
		kpi_buf_addc(b, '\n');
	}
	if (r->generated_at)
		kpi_buf_printf(b, "Generated %s.\n\n", r->generated_at);
	while (b->len >= 2 && b->data[b->len - 1] == '\n' && b->data[b->len - 2] == '\n')
		b->data[--b->len] = '\0';
}
