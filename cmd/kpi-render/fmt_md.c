/* fmt_md.c: the markup of the report as Markdown, laid out like
 * report-style.md §6 (the walk is writer.c).  Text from the data is escaped
 * so that it shows as written; narrative text is the user's own Markdown
 * and is copied as it is (control characters aside, escape.c). */
#include "render.h"
#include <stdlib.h>
#include <string.h>

#define E(s) rnd_md_escape(w->b, (s))

/* Text indented by IND spaces on every line after the first. */
static void indented(kpi_buf *b, const char *s, const char *ind)
{
	kpi_buf t = KPI_BUF_INIT;
	rnd_ctrl_escape(&t, s);
	for (s = kpi_buf_str(&t); *s; s++) {
		kpi_buf_addc(b, *s);
		if (*s == '\n' && s[1] && s[1] != '\n')
			kpi_buf_adds(b, ind);
	}
	kpi_buf_free(&t);
}

static void begin(rnd_writer *w, const char *title)
{
	(void)w;
	(void)title;
}

static void title(rnd_writer *w, const char *text)
{
	kpi_buf_adds(w->b, "# ");
	E(text);
	kpi_buf_adds(w->b, "\n\n");
}

static void subtitle(rnd_writer *w, const char *text)
{
	kpi_buf_adds(w->b, "## ");
	E(text);
	kpi_buf_adds(w->b, "\n\n");
}

/* "**Board:** NAME", lines held together by a hard line break */
static void meta(rnd_writer *w, const char *label, const char *value, int last)
{
	kpi_buf_adds(w->b, "**");
	E(label);
	kpi_buf_adds(w->b, ":** ");
	E(value);
	kpi_buf_adds(w->b, last ? "\n\n" : "  \n");
}

static void intro(rnd_writer *w, const char *text)
{
	E(text);
	kpi_buf_adds(w->b, "\n\n");
}

static void section_begin(rnd_writer *w, const char *id, const char *heading)
{
	(void)id;
	kpi_buf_adds(w->b, "### ");
	E(heading);
	kpi_buf_adds(w->b, "\n\n");
}

static void section_end(rnd_writer *w)
{
	(void)w;
}

static void subheading(rnd_writer *w, const char *id, const char *heading)
{
	(void)id;
	kpi_buf_adds(w->b, "#### ");
	E(heading);
	kpi_buf_adds(w->b, "\n\n");
}

static void paragraph(rnd_writer *w, const char *text)
{
	E(text);
	kpi_buf_adds(w->b, "\n\n");
}

/* The box is a block quote: "> **How to read this report**", "> - ..." */
static void box_begin(rnd_writer *w, const char *id, const char *heading)
{
	(void)id;
	kpi_buf_adds(w->b, "> **");
	E(heading);
	kpi_buf_adds(w->b, "**\n>\n");
	w->in_box = 1;
}

static void chart_key(rnd_writer *w)
{
	(void)w; /* Markdown draws no charts */
}

static void box_end(rnd_writer *w)
{
	w->in_box = 0;
}

static void table(rnd_writer *w, const rnd_table *t)
{
	kpi_buf_addc(w->b, '|');
	for (size_t c = 0; c < t->n_cols; c++) {
		kpi_buf_addc(w->b, ' ');
		E(t->cols[c].heading);
		kpi_buf_adds(w->b, " |");
	}
	kpi_buf_adds(w->b, "\n|");
	for (size_t c = 0; c < t->n_cols; c++)
		kpi_buf_adds(w->b, t->cols[c].kind == RND_COL_NUM ? "--:|" : "---|");
	kpi_buf_addc(w->b, '\n');
	for (size_t i = 0; i < t->n_rows; i++) {
		kpi_buf_addc(w->b, '|');
		for (size_t c = 0; c < t->n_cols; c++) {
			kpi_buf_addc(w->b, ' ');
			E(rnd_cell_text(t->rows[i], t->cols[c].cell));
			kpi_buf_adds(w->b, " |");
		}
		kpi_buf_addc(w->b, '\n');
	}
	kpi_buf_addc(w->b, '\n');
}

static void list_begin(rnd_writer *w, const char *title, size_t n, const char *empty)
{
	kpi_buf_adds(w->b, "**");
	E(title);
	kpi_buf_adds(w->b, ":**\n\n");
	if (!n) {
		E(empty);
		kpi_buf_addc(w->b, '\n');
	}
}

/* "- **CODE NAME** *Marker*\" then the sentences, bold ones in **, and the
 * comment */
static void item(rnd_writer *w, const rnd_entry *e, size_t index)
{
	(void)index;
	const rnd_item *it = e->item;
	kpi_buf_adds(w->b, "- **");
	if (e->with_code && it->shown_code) {
		E(it->shown_code);
		kpi_buf_addc(w->b, ' ');
	}
	E(it->label);
	kpi_buf_adds(w->b, "**");
	if (e->marker) {
		kpi_buf_adds(w->b, " *");
		E(e->marker);
		kpi_buf_addc(w->b, '*');
	}
	if (e->full && it->para.n) {
		kpi_buf_adds(w->b, "\\\n  ");
		for (size_t i = 0; i < it->para.n; i++) {
			if (i)
				kpi_buf_addc(w->b, ' ');
			if (it->para.s[i].bold)
				kpi_buf_adds(w->b, "**");
			E(it->para.s[i].text);
			if (it->para.s[i].bold)
				kpi_buf_adds(w->b, "**");
		}
	}
	if (it->comment && *it->comment) {
		if (e->full) {
			kpi_buf_adds(w->b, "\n\n  *");
			E(rnd_phrase(PH_LABEL_COMMENT));
			kpi_buf_adds(w->b, ":* ");
		} else {
			kpi_buf_adds(w->b, "\\\n  ");
		}
		indented(w->b, it->comment, "  ");
	}
	kpi_buf_addc(w->b, '\n');
}

static void list_end(rnd_writer *w, size_t n)
{
	(void)n;
	kpi_buf_addc(w->b, '\n');
}

static void bullets_begin(rnd_writer *w, rnd_bullets kind, const char *title, size_t n, const char *empty)
{
	(void)kind;
	if (title) {
		kpi_buf_adds(w->b, "**");
		E(title);
		kpi_buf_adds(w->b, ":**\n\n");
	}
	if (!n) {
		E(empty);
		kpi_buf_addc(w->b, '\n');
	}
}

static void bullet(rnd_writer *w, rnd_bullets kind, size_t index, const char *text)
{
	if (w->in_box)
		kpi_buf_adds(w->b, "> ");
	if (kind == RND_BULLETS_NUMBERED)
		kpi_buf_printf(w->b, "%zu. ", index + 1);
	else
		kpi_buf_adds(w->b, "- ");
	E(text);
	kpi_buf_addc(w->b, '\n');
}

static void bullets_end(rnd_writer *w, rnd_bullets kind, size_t n)
{
	(void)kind;
	(void)n;
	kpi_buf_addc(w->b, '\n');
}

static void narrative(rnd_writer *w, const char *heading, const char *text)
{
	kpi_buf_addc(w->b, '*');
	E(heading);
	kpi_buf_adds(w->b, "*\n\n");
	rnd_ctrl_escape(w->b, text);
	kpi_buf_adds(w->b, "\n\n");
}

static void end(rnd_writer *w, const char *footer, const char *generated)
{
	kpi_buf *b = w->b;
	if (footer) {
		kpi_buf_addc(b, '*');
		E(footer);
		kpi_buf_adds(b, "*\n\n");
	}
	if (generated) {
		kpi_buf_addc(b, '*');
		E(generated);
		kpi_buf_adds(b, "*\n\n");
	}
	/* one newline at the end, not two */
	while (b->len >= 2 && b->data[b->len - 1] == '\n' && b->data[b->len - 2] == '\n')
		b->data[--b->len] = '\0';
}

void rnd_fmt_md(kpi_buf *out, const rnd_report *r)
{
	rnd_writer w = {
		.b = out, .escape = rnd_md_escape, .begin = begin, .title = title, .subtitle = subtitle,
		.meta = meta, .intro = intro, .section_begin = section_begin, .section_end = section_end,
		.subheading = subheading, .paragraph = paragraph, .box_begin = box_begin,
		.chart_key = chart_key, .box_end = box_end, .table = table, .list_begin = list_begin,
		.item = item, .list_end = list_end, .bullets_begin = bullets_begin, .bullet = bullet,
		.bullets_end = bullets_end, .narrative = narrative, .end = end,
	};
	rnd_write(&w, r);
}
