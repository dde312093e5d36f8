/* fmt_txt.c: the markup of the report as plain text for e-mail and
 * terminals (the walk is writer.c): prose wrapped at 78 columns, tables in
 * aligned columns (as wide as they need).  Widths count UTF-8 characters,
 * not bytes.  Text goes through rnd_ctrl_escape first: no terminal control
 * character from the data reaches the output (escape.c). */
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
static void wrap_plain(kpi_buf *b, const char *first, size_t indent, const char *text);

static void wrap(kpi_buf *b, const char *first, size_t indent, const char *text)
{
	kpi_buf t = KPI_BUF_INIT;
	rnd_ctrl_escape(&t, text);
	wrap_plain(b, first, indent, kpi_buf_str(&t));
	kpi_buf_free(&t);
}

static void wrap_plain(kpi_buf *b, const char *first, size_t indent, const char *text)
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

/* TEXT (escaped) and its underline of C */
static void underline(kpi_buf *b, const char *text, char c)
{
	kpi_buf t = KPI_BUF_INIT;
	rnd_ctrl_escape(&t, text);
	const char *s = kpi_buf_str(&t);
	kpi_buf_adds(b, s);
	kpi_buf_addc(b, '\n');
	for (size_t i = width(s, strlen(s)); i > 0; i--)
		kpi_buf_addc(b, c);
	kpi_buf_addc(b, '\n');
	kpi_buf_free(&t);
}

/* Aligned columns: HEAD then NROWS rows of NCOL cells (all escaped); the
 * columns in RIGHT (a bit per column) are figures, right-aligned. */
static void grid(kpi_buf *b, const char **head, const char **cells, size_t nrows, size_t ncol,
		 unsigned right)
{
	size_t *w = kpi_xcalloc(ncol, sizeof *w);
	for (size_t c = 0; c < ncol; c++)
		w[c] = width(head[c], strlen(head[c]));
	for (size_t i = 0; i < nrows; i++)
		for (size_t c = 0; c < ncol; c++) {
			const char *v = cells[i * ncol + c];
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
	free(w);
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
	rnd_ctrl_escape(w->b, text);
	kpi_buf_addc(w->b, '\n');
}

static void meta(rnd_writer *w, const char *label, const char *value, int last)
{
	(void)last;
	rnd_ctrl_escape(w->b, label);
	kpi_buf_adds(w->b, ": ");
	rnd_ctrl_escape(w->b, value);
	kpi_buf_addc(w->b, '\n');
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
	const char **cells = kpi_xcalloc(n, sizeof *cells);
	for (size_t k = 0; k < n; k++)
		cells[k] = text.data + at[k];
	grid(w->b, cells, cells + t->n_cols, t->n_rows, t->n_cols, right);
	free(cells);
	free(at);
	kpi_buf_free(&text);
}

static void list_begin(rnd_writer *w, const char *title, size_t n, const char *empty)
{
	rnd_ctrl_escape(w->b, title);
	kpi_buf_adds(w->b, ":\n\n");
	if (!n)
		wrap(w->b, "  ", 2, empty);
}

/* "  * CODE NAME", the sentences (bold ones in *) and the comment, indented;
 * entries with sentences are parted by a blank line. */
static void item(rnd_writer *w, const rnd_entry *e, size_t index)
{
	const rnd_item *it = e->item;
	if (e->full && index)
		kpi_buf_addc(w->b, '\n');
	kpi_buf head = KPI_BUF_INIT;
	if (e->with_code) {
		kpi_buf_adds(&head, it->code);
		kpi_buf_addc(&head, ' ');
	}
	kpi_buf_adds(&head, it->label);
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

static void bullets_begin(rnd_writer *w, rnd_bullets kind, size_t n, const char *empty)
{
	(void)kind;
	if (!n)
		wrap(w->b, "  ", 2, empty);
}

static void bullet(rnd_writer *w, const char *text)
{
	wrap(w->b, "  * ", 4, text);
}

static void bullets_end(rnd_writer *w, rnd_bullets kind, size_t n)
{
	(void)kind;
	(void)n;
	kpi_buf_addc(w->b, '\n');
}

static void narrative(rnd_writer *w, const char *heading, const char *text)
{
	rnd_ctrl_escape(w->b, heading);
	kpi_buf_adds(w->b, ":\n\n");
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
		rnd_ctrl_escape(b, generated);
		kpi_buf_adds(b, "\n\n");
	}
	while (b->len >= 2 && b->data[b->len - 1] == '\n' && b->data[b->len - 2] == '\n')
		b->data[--b->len] = '\0';
}

void rnd_fmt_txt(kpi_buf *out, const rnd_report *r)
{
	rnd_writer w = {
		out, rnd_ctrl_escape, begin, title, subtitle, meta, intro, section_begin, section_end,
		table, list_begin, item, list_end, bullets_begin, bullet, bullets_end, narrative, end,
	};
	rnd_write(&w, r);
}
