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

static void entry(kpi_buf *b, const rnd_item *it, int full)
{
	kpi_buf head = KPI_BUF_INIT;
	kpi_buf_adds(&head, it->code);
	kpi_buf_addc(&head, ' ');
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

static void list(kpi_buf *b, const char *title, const rnd_item **items, size_t n)
{
	kpi_buf_printf(b, "%s:\n\n", title);
	if (!n)
		kpi_buf_adds(b, "  None this period.\n");
	for (size_t i = 0; i < n; i++) {
		if (i)
			kpi_buf_addc(b, '\n');
		entry(b, items[i], 1);
	}
	kpi_buf_addc(b, '\n');
}

#define NCOL 10
static void table(kpi_buf *b, const rnd_report *r, const rnd_section *s)
{
	const char *head[NCOL] = {"Code", "Indicator", "Latest", "Previous", "Change",
				  "12-month range", "Target", "RAG", rnd_bench_heading(r), "Trend"};
	size_t w[NCOL];
	for (int c = 0; c < NCOL; c++)
		w[c] = width(head[c], strlen(head[c]));
	for (size_t i = 0; i < s->n; i++) {
		const rnd_item *it = s->items[i];
		const char *v[NCOL] = {it->code, it->label, it->c_latest, it->c_previous, it->c_change,
				       it->c_range, it->c_target, it->c_rag, it->c_bench, it->c_trend};
		for (int c = 0; c < NCOL; c++) {
			size_t x = width(v[c], strlen(v[c]));
			if (x > w[c])
				w[c] = x;
		}
	}
	for (size_t i = 0; i <= s->n + 1; i++) {
		const char *v[NCOL];
		if (i == 0) {
			memcpy(v, head, sizeof v);
		} else if (i == 1) {
			/* the rule under the header */
			for (int c = 0; c < NCOL; c++) {
				for (size_t k = 0; k < w[c]; k++)
					kpi_buf_addc(b, '-');
				if (c + 1 < NCOL)
					kpi_buf_adds(b, "  ");
			}
			kpi_buf_addc(b, '\n');
			continue;
		} else {
			const rnd_item *it = s->items[i - 2];
			const char *row[NCOL] = {it->code, it->label, it->c_latest, it->c_previous,
						 it->c_change, it->c_range, it->c_target, it->c_rag,
						 it->c_bench, it->c_trend};
			memcpy(v, row, sizeof v);
		}
		for (int c = 0; c < NCOL; c++) {
			size_t x = width(v[c], strlen(v[c]));
			/* figures are right-aligned, text left */
			int right = c >= 2 && c <= 4;
			if (right)
				pad(b, w[c] - x);
			kpi_buf_adds(b, v[c]);
			if (c + 1 < NCOL) {
				if (!right)
					pad(b, w[c] - x);
				kpi_buf_adds(b, "  ");
			}
		}
		kpi_buf_addc(b, '\n');
	}
	kpi_buf_addc(b, '\n');
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
	for (size_t i = 0; i < r->n_sections; i++) {
		const rnd_section *s = &r->sections[i];
		underline(b, s->name, '-');
		kpi_buf_addc(b, '\n');
		table(b, r, s);
		list(b, "Current issues", tmp, rnd_section_list(s, "issue", tmp));
		if (s->narrative) {
			kpi_buf_adds(b, "Head of Service Narrative");
			if (s->narrative_author)
				kpi_buf_printf(b, " (%s)", s->narrative_author);
			kpi_buf_adds(b, ":\n\n");
			wrap(b, "  ", 2, s->narrative);
			kpi_buf_addc(b, '\n');
		}
		list(b, "Improvement", tmp, rnd_section_list(s, "improvement", tmp));
		size_t n = rnd_section_other_comments(s, tmp);
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
