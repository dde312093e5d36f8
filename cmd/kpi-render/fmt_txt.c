/* fmt_txt.c: the markup of the report as plain text for e-mail and
 * terminals (the walk is writer.c): nothing wider than 80 columns.  Prose
 * is wrapped at 78 and the narrative re-flowed (its line breaks inside a
 * paragraph are spaces; blank lines and list items are kept); a table is
 * aligned columns when they fit in 80, else one block per row, its cells
 * as "Heading: value" wrapped.  Widths count UTF-8 characters, not bytes.
 * Text goes through rnd_ctrl_escape first: no terminal control character
 * from the data reaches the output (escape.c). */
#include "render.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WIDTH 78      /* prose */
#define MAX_WIDTH 80  /* anything, tables included */

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
static void wrap_plain(kpi_buf *b, const char *first, size_t indent, const char *text);

static void wrap(kpi_buf *b, const char *first, size_t indent, const char *text)
{
	kpi_buf t = KPI_BUF_INIT;
	rnd_ctrl_escape(&t, text);
	wrap_plain(b, first, indent, kpi_buf_str(&t));
	kpi_buf_free(&t);
}

/* A line of the text that starts a list item ("- ", "* ", "1. ") keeps
 * its line break when the text is re-flowed. */
static int starts_item(const char *s)
{
	while (*s == ' ')
		s++;
	if ((*s == '-' || *s == '*' || *s == '+') && s[1] == ' ')
		return 1;
	const char *d = s;
	while (*d >= '0' && *d <= '9')
		d++;
	return d > s && (*d == '.' || *d == ')') && d[1] == ' ';
}

static void wrap_plain(kpi_buf *b, const char *first, size_t indent, const char *text)
{
	kpi_buf_adds(b, first);
	size_t col = width(first, strlen(first));
	int line_has_word = 0;
	const char *s = text;
	while (*s) {
		if (*s == '\n') {
			/* a blank line parts paragraphs; a single line break is a
			 * space (the paragraph is re-flowed) unless a list item
			 * follows */
			s++;
			int blank = 0;
			while (*s == '\n' || *s == ' ' || *s == '\t')
				blank |= *s++ == '\n';
			if (!*s)
				break;
			if (!blank && !starts_item(s))
				continue;
			kpi_buf_adds(b, blank ? "\n\n" : "\n");
			pad(b, indent);
			col = indent;
			line_has_word = 0;
			continue;
		}
		if (*s == ' ' || *s == '\t') {
			s++;
			continue;
		}
		size_t n = strcspn(s, " \t\n");
		/* a short month keeps its year on its line: "Mar 24", not "Mar" then "24" */
		/* (the shape of a short month label, "Xxx YY", whatever its language) */
		if (n == 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'a' && s[1] <= 'z' && s[2] >= 'a' &&
		    s[2] <= 'z' && s[3] == ' ' && s[4] >= '0' && s[4] <= '9' && s[5] >= '0' && s[5] <= '9' &&
		    !(s[6] >= '0' && s[6] <= '9'))
			n = 4 + strcspn(s + 4, " \t\n");
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

/* TEXT (escaped, wrapped) and its underline of C, as long as its longest
 * line */
static void underline(kpi_buf *b, const char *text, char c)
{
	kpi_buf t = KPI_BUF_INIT, wrapped = KPI_BUF_INIT;
	rnd_ctrl_escape(&t, text);
	wrap_plain(&wrapped, "", 0, kpi_buf_str(&t));
	kpi_buf_adds(b, kpi_buf_str(&wrapped));
	size_t longest = 0;
	for (const char *s = kpi_buf_str(&wrapped); *s;) {
		size_t n = strcspn(s, "\n");
		size_t w = width(s, n);
		if (w > longest)
			longest = w;
		s += n + (s[n] == '\n');
	}
	while (longest--)
		kpi_buf_addc(b, c);
	kpi_buf_addc(b, '\n');
	kpi_buf_free(&t);
	kpi_buf_free(&wrapped);
}

/* The widths of the columns of HEAD and NROWS rows of NCOL cells into W;
 * returns the width of the grid (two spaces between columns). */
static size_t grid_widths(const char **head, const char **cells, size_t nrows, size_t ncol, size_t *w)
{
	size_t total = 0;
	for (size_t c = 0; c < ncol; c++)
		w[c] = width(head[c], strlen(head[c]));
	for (size_t i = 0; i < nrows; i++)
		for (size_t c = 0; c < ncol; c++) {
			const char *v = cells[i * ncol + c];
			size_t x = width(v, strlen(v));
			if (x > w[c])
				w[c] = x;
		}
	for (size_t c = 0; c < ncol; c++)
		total += w[c] + (c ? 2 : 0);
	return total;
}

/* Aligned columns of widths W: HEAD then NROWS rows of NCOL cells (all
 * escaped); the columns in RIGHT (a bit per column) are figures,
 * right-aligned. */
static void grid(kpi_buf *b, const char **head, const char **cells, size_t nrows, size_t ncol,
		 const size_t *w, unsigned right)
{
	for (size_t i = 0; i <= nrows + 1; i++) {
		const char **v;
		if (i == 0) {
			v = head;
		} else if (i == 1) {
			/* the rule under the header */
			for (size_t c = 0; c < ncol; c++) {
				for (size_t k = 0; k < w[c]; k++)
					kpi_buf_addc(b, '-');
				if (c + 1 < ncol)
					kpi_buf_adds(b, "  ");
			}
			kpi_buf_addc(b, '\n');
			continue;
		} else {
			v = cells + (i - 2) * ncol;
		}
		for (size_t c = 0; c < ncol; c++) {
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
}

/* A table too wide for 80 columns: one block per row, its text columns
 * (code, indicator) as the block's first line, the other cells as
 * "Heading: value", as many to a line as fit; empty cells ("-") left out.
 * OWN[4 * row] and [4 * row + 1], where not NULL, are the heading and cell
 * of a range whose window is not the column's: "Range over 5 years: 91.0% –
 * 97.0%", not "Range over 2 years: 91.0% – 97.0% (5 years)"; OWN[4 * row + 2]
 * and [4 * row + 3] those of a latest figure for another period than the
 * column's: "Latest (Jan 24): 74.2%", not "Latest (Mar 24): Jan 24: 74.2%". */
static void stacked(kpi_buf *b, const char **head, const char **cells, size_t nrows, size_t ncol,
		    const rnd_column *cols, const char **own)
{
	kpi_buf line = KPI_BUF_INIT;
	for (size_t i = 0; i < nrows; i++) {
		const char **v = cells + i * ncol;
		kpi_buf_clear(&line);
		size_t c = 0;
		for (; c < ncol && (cols[c].cell == RND_CELL_CODE || cols[c].cell == RND_CELL_LABEL); c++) {
			if (cols[c].cell == RND_CELL_CODE && (!*v[c] || strcmp(v[c], "-") == 0))
				continue;
			if (line.len)
				kpi_buf_addc(&line, ' ');
			kpi_buf_adds(&line, v[c]);
		}
		wrap_plain(b, "", 2, kpi_buf_str(&line));
		size_t col = 0;
		for (; c < ncol; c++) {
			if (strcmp(v[c], "-") == 0 || !*v[c])
				continue; /* nothing to show: no target, no RAG */
			const char **mine = cols[c].cell == RND_CELL_RANGE    ? own + 4 * i
					    : cols[c].cell == RND_CELL_LATEST ? own + 4 * i + 2
									      : NULL;
			if (mine && !mine[0])
				mine = NULL;
			kpi_buf_clear(&line);
			kpi_buf_adds(&line, mine ? mine[0] : head[c]);
			kpi_buf_adds(&line, ": ");
			kpi_buf_adds(&line, mine ? mine[1] : v[c]);
			size_t w = width(line.data, line.len);
			if (col && col + 3 + w > WIDTH) {
				kpi_buf_addc(b, '\n');
				col = 0;
			}
			if (!col) {
				pad(b, 2);
				col = 2;
			} else {
				kpi_buf_adds(b, "   ");
				col += 3;
			}
			if (col + w > MAX_WIDTH) {
				/* a cell too long for a line of its own is wrapped */
				kpi_buf wrapped = KPI_BUF_INIT;
				wrap_plain(&wrapped, "", 4, kpi_buf_str(&line));
				wrapped.data[--wrapped.len] = '\0';
				kpi_buf_adds(b, kpi_buf_str(&wrapped));
				kpi_buf_free(&wrapped);
				col = WIDTH;
				continue;
			}
			kpi_buf_adds(b, kpi_buf_str(&line));
			col += w;
		}
		kpi_buf_adds(b, col ? "\n\n" : "\n");
	}
	kpi_buf_free(&line);
}

static void begin(rnd_writer *w, const char *title)
{
	(void)w;
	(void)title;
}

static void title(rnd_writer *w, const char *text)
{
	underline(w->b, text, '=');
	kpi_buf_addc(w->b, '\n');
}

static void subtitle(rnd_writer *w, const char *text)
{
	wrap(w->b, "", 0, text);
}

static void meta(rnd_writer *w, const char *label, const char *value, int last)
{
	(void)last;
	kpi_buf first = KPI_BUF_INIT;
	rnd_ctrl_escape(&first, label);
	kpi_buf_adds(&first, ": ");
	wrap(w->b, kpi_buf_str(&first), 2, value);
	kpi_buf_free(&first);
}

static void intro(rnd_writer *w, const char *text)
{
	kpi_buf_addc(w->b, '\n');
	wrap(w->b, "", 0, text);
	kpi_buf_addc(w->b, '\n');
}

static void section_begin(rnd_writer *w, const char *id, const char *heading)
{
	(void)id;
	underline(w->b, heading, '-');
	kpi_buf_addc(w->b, '\n');
}

static void section_end(rnd_writer *w)
{
	(void)w;
}

static void subheading(rnd_writer *w, const char *id, const char *heading)
{
	(void)id;
	underline(w->b, heading, '.');
	kpi_buf_addc(w->b, '\n');
}

static void paragraph(rnd_writer *w, const char *text)
{
	wrap(w->b, "", 0, text);
	kpi_buf_addc(w->b, '\n');
}

static void box_begin(rnd_writer *w, const char *id, const char *heading)
{
	(void)id;
	underline(w->b, heading, '~');
	kpi_buf_addc(w->b, '\n');
	w->in_box = 1;
}

static void chart_key(rnd_writer *w)
{
	(void)w; /* text draws no charts */
}

static void box_end(rnd_writer *w)
{
	w->in_box = 0;
}

static void table(rnd_writer *w, const rnd_table *t)
{
	/* every cell escaped once, into one arena the pointers index */
	size_t n = (t->n_rows + 1) * t->n_cols;
	size_t *at = kpi_xcalloc(n, sizeof *at);
	kpi_buf text = KPI_BUF_INIT;
	unsigned right = 0;
	for (size_t c = 0; c < t->n_cols; c++) {
		at[c] = text.len;
		rnd_ctrl_escape(&text, t->cols[c].heading);
		kpi_buf_addc(&text, '\0');
		if (t->cols[c].kind == RND_COL_NUM)
			right |= 1u << c;
	}
	for (size_t i = 0; i < t->n_rows; i++)
		for (size_t c = 0; c < t->n_cols; c++) {
			at[(i + 1) * t->n_cols + c] = text.len;
			rnd_ctrl_escape(&text, rnd_cell_text(t->rows[i], t->cols[c].cell));
			kpi_buf_addc(&text, '\0');
		}
	/* each row's own range heading and cell, where its window is its own,
	 * and its own latest heading and cell, where its period is its own */
	size_t *own_at = kpi_xcalloc(4 * t->n_rows + 1, sizeof *own_at);
	for (size_t i = 0; i < t->n_rows; i++) {
		const rnd_item *it = t->rows[i];
		const char *mine[4] = {it->range_own_heading, it->c_range_own, it->latest_own_heading,
				       it->c_latest_own};
		for (size_t k = 0; k < 4; k += 2) {
			if (!mine[k])
				continue;
			own_at[4 * i + k] = text.len + 1; /* 0 is none */
			rnd_ctrl_escape(&text, mine[k]);
			kpi_buf_addc(&text, '\0');
			own_at[4 * i + k + 1] = text.len + 1;
			rnd_ctrl_escape(&text, mine[k + 1]);
			kpi_buf_addc(&text, '\0');
		}
	}
	const char **own = kpi_xcalloc(4 * t->n_rows + 1, sizeof *own);
	for (size_t k = 0; k < 4 * t->n_rows; k++)
		own[k] = own_at[k] ? text.data + own_at[k] - 1 : NULL;
	const char **cells = kpi_xcalloc(n, sizeof *cells);
	for (size_t k = 0; k < n; k++)
		cells[k] = text.data + at[k];
	size_t *widths = kpi_xcalloc(t->n_cols ? t->n_cols : 1, sizeof *widths);
	if (grid_widths(cells, cells + t->n_cols, t->n_rows, t->n_cols, widths) <= MAX_WIDTH)
		grid(w->b, cells, cells + t->n_cols, t->n_rows, t->n_cols, widths, right);
	else
		stacked(w->b, cells, cells + t->n_cols, t->n_rows, t->n_cols, t->cols, own);
	free(own);
	free(own_at);
	free(widths);
	free(cells);
	free(at);
	kpi_buf_free(&text);
}

static void titled(kpi_buf *b, const char *title);

static void list_begin(rnd_writer *w, const char *title, size_t n, const char *empty)
{
	titled(w->b, title);
	if (!n)
		wrap(w->b, "  ", 2, empty);
}

/* "  * CODE NAME [Marker]", the sentences (bold ones in *) and the comment,
 * indented; entries with sentences are parted by a blank line. */
static void item(rnd_writer *w, const rnd_entry *e, size_t index)
{
	const rnd_item *it = e->item;
	if (e->full && index)
		kpi_buf_addc(w->b, '\n');
	kpi_buf head = KPI_BUF_INIT;
	if (e->with_code && it->shown_code) {
		kpi_buf_adds(&head, it->shown_code);
		kpi_buf_addc(&head, ' ');
	}
	kpi_buf_adds(&head, it->label);
	if (e->marker) {
		/* one word to the wrapping: its spaces are no-break spaces */
		kpi_buf_adds(&head, " [");
		for (const char *m = e->marker; *m; m++)
			if (*m == ' ')
				kpi_buf_adds(&head, "\xc2\xa0");
			else
				kpi_buf_addc(&head, *m);
		kpi_buf_addc(&head, ']');
	}
	wrap(w->b, "  * ", 4, kpi_buf_str(&head));
	kpi_buf_free(&head);
	if (e->full && it->para.n) {
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
		wrap(w->b, "    ", 4, kpi_buf_str(&t));
		kpi_buf_free(&t);
	}
	if (it->comment && *it->comment) {
		kpi_buf first = KPI_BUF_INIT;
		kpi_buf_adds(&first, "    ");
		if (e->full) {
			rnd_ctrl_escape(&first, rnd_phrase(PH_LABEL_COMMENT));
			kpi_buf_adds(&first, ": ");
		}
		wrap(w->b, kpi_buf_str(&first), 4, it->comment);
		kpi_buf_free(&first);
	}
}

static void list_end(rnd_writer *w, size_t n)
{
	(void)n;
	kpi_buf_addc(w->b, '\n');
}

static void bullets_begin(rnd_writer *w, rnd_bullets kind, const char *title, size_t n, const char *empty)
{
	(void)kind;
	if (title)
		titled(w->b, title);
	if (!n)
		wrap(w->b, "  ", 2, empty);
}

static void bullet(rnd_writer *w, rnd_bullets kind, size_t index, const char *text)
{
	if (kind == RND_BULLETS_NUMBERED) {
		char first[32];
		snprintf(first, sizeof first, "  %zu. ", index + 1);
		wrap(w->b, first, strlen(first), text);
		return;
	}
	wrap(w->b, "  * ", 4, text);
}

static void bullets_end(rnd_writer *w, rnd_bullets kind, size_t n)
{
	(void)kind;
	(void)n;
	kpi_buf_addc(w->b, '\n');
}

/* TITLE followed by a colon, wrapped, and a blank line */
static void titled(kpi_buf *b, const char *title)
{
	kpi_buf t = KPI_BUF_INIT;
	kpi_buf_adds(&t, title);
	kpi_buf_addc(&t, ':');
	wrap(b, "", 0, kpi_buf_str(&t));
	kpi_buf_addc(b, '\n');
	kpi_buf_free(&t);
}

static void narrative(rnd_writer *w, const char *heading, const char *text)
{
	titled(w->b, heading);
	wrap(w->b, "  ", 2, text);
	kpi_buf_addc(w->b, '\n');
}

static void end(rnd_writer *w, const char *footer, const char *generated)
{
	kpi_buf *b = w->b;
	if (footer) {
		wrap(b, "", 0, footer);
		kpi_buf_addc(b, '\n');
	}
	if (generated) {
		wrap(b, "", 0, generated);
		kpi_buf_addc(b, '\n');
	}
	while (b->len >= 2 && b->data[b->len - 1] == '\n' && b->data[b->len - 2] == '\n')
		b->data[--b->len] = '\0';
}

void rnd_fmt_txt(kpi_buf *out, const rnd_report *r)
{
	rnd_writer w = {
		.b = out, .escape = rnd_ctrl_escape, .begin = begin, .title = title, .subtitle = subtitle,
		.meta = meta, .intro = intro, .section_begin = section_begin, .section_end = section_end,
		.subheading = subheading, .paragraph = paragraph, .box_begin = box_begin,
		.chart_key = chart_key, .box_end = box_end, .table = table, .list_begin = list_begin,
		.item = item, .list_end = list_end, .bullets_begin = bullets_begin, .bullet = bullet,
		.bullets_end = bullets_end, .narrative = narrative, .end = end,
	};
	rnd_write(&w, r);
}
