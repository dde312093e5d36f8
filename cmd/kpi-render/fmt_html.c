/* fmt_html.c: the markup of the report as one self-contained HTML file
 * (the walk is writer.c): inline CSS, no scripts, nothing fetched; A4 when
 * printed, one column on a phone (table rows become labelled blocks).
 * Every text, from the data, the narrative or the phrases, is escaped. */
#include "render.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char css[] =
	"*{box-sizing:border-box}"
	"body{margin:0;font-family:Arial,Helvetica,sans-serif;color:#1b1b1b;background:#fff;line-height:1.45}"
	"main{max-width:64rem;margin:0 auto;padding:1rem}"
	"h1{font-size:1.6rem;margin:.2rem 0 .4rem}"
	"h2{font-size:1.25rem;margin:.2rem 0 .8rem;font-weight:normal}"
	"h3{font-size:1.2rem;margin:1.6rem 0 .6rem;border-bottom:2px solid #1b1b1b;padding-bottom:.2rem}"
	"h4{font-size:1rem;margin:1rem 0 .4rem}"
	".meta{margin:.1rem 0}"
	".table-wrap{overflow-x:auto}"
	"table{border-collapse:collapse;width:100%;font-size:.85rem}"
	"th,td{border:1px solid #c8c8c8;padding:.25rem .4rem;text-align:left;vertical-align:top}"
	"th{background:#eee}"
	"td.num{text-align:right;white-space:nowrap}"
	".rag{font-weight:bold;padding:0 .3rem;border-radius:.2rem;white-space:nowrap}"
	".rag-green{background:#d7f0dd;color:#145a2e}"
	".rag-amber{background:#fde9c4;color:#6b4100}"
	".rag-red{background:#f8d4d1;color:#8a1c13}"
	"ul.entries{padding-left:1.2rem}"
	"ul.entries li{margin-bottom:.9rem}"
	"ul.headlines li{margin-bottom:.5rem}"
	".entry-head{font-weight:bold;margin:0}"
	".entry-text{margin:.15rem 0}"
	".comment{margin:.25rem 0;font-style:italic}"
	".none{color:#555}.none strong{color:#1b1b1b}"
	".narrative{border-left:4px solid #888;padding:.1rem .8rem;margin:.8rem 0;background:#f6f6f6}"
	".narrative-head{font-style:italic;font-weight:bold}"
	".marker{font-weight:bold;font-size:.8rem;padding:0 .3rem;border-radius:.2rem;"
	"background:#fde9c4;color:#6b4100;white-space:nowrap}"
	"aside.legend{border:1px solid #bbb;background:#f6f6f6;padding:.2rem .9rem;margin:1rem 0;font-size:.9rem}"
	"aside.legend h3{border:none;margin:.4rem 0}"
	"aside.legend ul{padding-left:1.1rem;margin:.3rem 0}"
	"p.key{margin:.3rem 0}"
	"caption{text-align:left;font-weight:bold;font-size:1rem;padding:.8rem 0 .3rem}"
	"figure.xmr{margin:.3rem 0}"
	"figure.xmr figcaption{font-size:.75rem;color:#444}"
	".key-imp{color:#1f77b4;font-weight:bold}.key-con{color:#b35c00;font-weight:bold}"
	"svg{max-width:100%;height:auto;vertical-align:middle}"
	"footer{margin-top:2rem;font-style:italic;color:#444}"
	"@media (max-width:40rem){"
	"table,thead,tbody,tr,th,td{display:block;width:100%}"
	"thead{position:absolute;left:-9999px}"
	"tr{border:1px solid #c8c8c8;margin-bottom:.6rem}"
	"td{border:none;border-bottom:1px solid #eee;text-align:left}"
	"td.num{text-align:left;white-space:normal}"
	"td::before{content:attr(data-label) \": \";font-weight:bold}}"
	"@page{size:A4;margin:15mm}@page wide{size:A4 landscape;margin:8mm 12mm}"
	/* printed: a board paper on A4, compact; the appendix on a new page */
	"@media print{body{font-size:9pt;line-height:1.3}main{max-width:none;padding:0}"
	"h1{font-size:15pt}h2{font-size:11pt;margin:0 0 .4rem}h3{font-size:11pt;margin:.7rem 0 .25rem}"
	"h4{font-size:9pt;margin:.4rem 0 .1rem}ul{margin:.15rem 0}"
	"ul.entries li{margin-bottom:.3rem}.entry-text,.comment{margin:0}p{margin:.25rem 0}"
	/* the entry's heading runs into its text: a line saved per entry */
	".entry-head,.entry-text{display:inline}.entry-head::after{content:\"\\2003\"}"
	".entry-head .marker{font-size:7.5pt}"
	".narrative{margin:.4rem 0}aside.legend{font-size:8pt;margin:.5rem 0}"
	"table{font-size:7pt;line-height:1.05}th,td{padding:0 .2rem;white-space:nowrap}"
	"td.label{white-space:normal}caption{font-size:8.5pt;padding:.2rem 0 0}#appendix h3{margin-top:0}footer{margin-top:.5rem}"
	"svg.spark{width:48px;height:9px;vertical-align:baseline}.table-wrap{overflow:visible}"
	"li,tr,figure,.narrative,aside{break-inside:avoid}h3,h4{break-after:avoid}"
	"#appendix{break-before:page;page:wide}#appendix~footer{page:wide}}";

#define E(s) rnd_html_escape(b, (s))

/* Paragraphs of plain text: blank lines part them. */
static void paragraphs(kpi_buf *b, const char *text, const char *cls)
{
	const char *s = text;
	while (*s) {
		while (*s == '\n')
			s++;
		if (!*s)
			break;
		const char *end = strstr(s, "\n\n");
		size_t n = end ? (size_t)(end - s) : strlen(s);
		char *para = kpi_xstrndup(s, n);
		kpi_buf_printf(b, "<p class=\"%s\">", cls);
		E(para);
		kpi_buf_adds(b, "</p>");
		free(para);
		s += n;
	}
}

static void begin(rnd_writer *w, const char *title)
{
	kpi_buf *b = w->b;
	kpi_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	E(title);
	kpi_buf_adds(b, "</title>\n<style>");
	kpi_buf_adds(b, css);
	kpi_buf_adds(b, "</style>\n</head>\n<body>\n<main>\n<header>\n");
}

static void title(rnd_writer *w, const char *text)
{
	kpi_buf *b = w->b;
	kpi_buf_adds(b, "<h1>");
	E(text);
	kpi_buf_adds(b, "</h1>\n");
}

static void subtitle(rnd_writer *w, const char *text)
{
	kpi_buf *b = w->b;
	kpi_buf_adds(b, "<h2>");
	E(text);
	kpi_buf_adds(b, "</h2>\n");
}

static void meta(rnd_writer *w, const char *label, const char *value, int last)
{
	(void)last;
	kpi_buf *b = w->b;
	kpi_buf_adds(b, "<p class=\"meta\"><strong>");
	E(label);
	kpi_buf_adds(b, ":</strong> ");
	E(value);
	kpi_buf_adds(b, "</p>\n");
}

static void intro(rnd_writer *w, const char *text)
{
	kpi_buf *b = w->b;
	kpi_buf_adds(b, "<p class=\"intro\">");
	E(text);
	kpi_buf_adds(b, "</p>\n</header>\n");
}

static void section_begin(rnd_writer *w, const char *id, const char *heading)
{
	kpi_buf *b = w->b;
	kpi_buf_printf(b, "<section id=\"%s\">\n<h3>", id);
	E(heading);
	kpi_buf_adds(b, "</h3>\n");
}

static void section_end(rnd_writer *w)
{
	kpi_buf_adds(w->b, "</section>\n");
}

/* The appendix's section names are the captions of their tables: one line,
 * kept with the table. */
static void subheading(rnd_writer *w, const char *id, const char *heading)
{
	(void)id;
	free(w->caption);
	w->caption = kpi_xstrdup(heading);
}

static void paragraph(rnd_writer *w, const char *text)
{
	kpi_buf *b = w->b;
	kpi_buf_adds(b, "<p>");
	E(text);
	kpi_buf_adds(b, "</p>\n");
}

static void box_begin(rnd_writer *w, const char *id, const char *heading)
{
	kpi_buf *b = w->b;
	kpi_buf_printf(b, "<aside class=\"legend\" id=\"%s\">\n<h3>", id);
	E(heading);
	kpi_buf_adds(b, "</h3>\n");
	w->in_box = 1;
}

/* The charts' key (chart.caption): its own words escaped, the two keys'
 * markup kept: the phrase is filled with markers, escaped, then the markers
 * replaced. */
static void chart_key(rnd_writer *w)
{
	kpi_buf *b = w->b;
	kpi_buf caption = KPI_BUF_INIT, imp = KPI_BUF_INIT, con = KPI_BUF_INIT;
	kpi_buf_adds(&imp, "<span class=\"key-imp\">");
	rnd_html_escape(&imp, rnd_phrase(PH_CHART_IMPROVEMENT));
	kpi_buf_adds(&imp, "</span>");
	kpi_buf_adds(&con, "<span class=\"key-con\">");
	rnd_html_escape(&con, rnd_phrase(PH_CHART_CONCERN));
	kpi_buf_adds(&con, "</span>");
	RND_SAY(&caption, PH_CHART_CAPTION, {S_IMPROVEMENT, "\x01"}, {S_CONCERN, "\x02"});
	kpi_buf_adds(b, "<p class=\"key\">");
	for (const char *s = kpi_buf_str(&caption); *s;) {
		size_t n = strcspn(s, "\x01\x02");
		char *part = kpi_xstrndup(s, n);
		E(part);
		free(part);
		s += n;
		if (*s) {
			kpi_buf_adds(b, kpi_buf_str(*s == 1 ? &imp : &con));
			s++;
		}
	}
	kpi_buf_adds(b, "</p>\n");
	kpi_buf_free(&caption);
	kpi_buf_free(&imp);
	kpi_buf_free(&con);
}

static void box_end(rnd_writer *w)
{
	kpi_buf_adds(w->b, "</aside>\n");
	w->in_box = 0;
}

static void td(kpi_buf *b, const char *label, const char *cls, const char *text)
{
	kpi_buf_adds(b, "<td");
	if (cls)
		kpi_buf_printf(b, " class=\"%s\"", cls);
	kpi_buf_adds(b, " data-label=\"");
	E(label);
	kpi_buf_adds(b, "\">");
	E(text);
	kpi_buf_adds(b, "</td>");
}

static void rag_td(kpi_buf *b, const char *label, const rnd_item *it)
{
	const char *rag = it->ind->rag;
	if (rag && (!strcmp(rag, "red") || !strcmp(rag, "amber") || !strcmp(rag, "green"))) {
		kpi_buf_adds(b, "<td data-label=\"");
		E(label);
		kpi_buf_printf(b, "\"><span class=\"rag rag-%s\">", rag);
		E(it->c_rag);
		kpi_buf_adds(b, "</span></td>");
	} else {
		td(b, label, NULL, it->c_rag);
	}
}

static void trend_td(kpi_buf *b, const char *label, const rnd_item *it, kpi_label_style st)
{
	kpi_buf_adds(b, "<td data-label=\"");
	E(label);
	kpi_buf_adds(b, "\">");
	size_t at = b->len;
	rnd_svg_sparkline(b, it->ind, st);
	if (b->len == at)
		kpi_buf_adds(b, "-");
	kpi_buf_adds(b, "</td>");
}

static void table(rnd_writer *w, const rnd_table *t)
{
	kpi_buf *b = w->b;
	kpi_buf_adds(b, "<div class=\"table-wrap\"><table>\n");
	if (w->caption) {
		kpi_buf_adds(b, "<caption>");
		E(w->caption);
		kpi_buf_adds(b, "</caption>\n");
		free(w->caption);
		w->caption = NULL;
	}
	kpi_buf_adds(b, "<thead><tr>");
	for (size_t c = 0; c < t->n_cols; c++) {
		kpi_buf_adds(b, "<th>");
		E(t->cols[c].heading);
		kpi_buf_adds(b, "</th>");
	}
	kpi_buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < t->n_rows; i++) {
		const rnd_item *it = t->rows[i];
		kpi_buf_adds(b, "<tr>");
		for (size_t c = 0; c < t->n_cols; c++) {
			const rnd_column *col = &t->cols[c];
			if (col->kind == RND_COL_RAG)
				rag_td(b, col->heading, it);
			else if (col->kind == RND_COL_TREND)
				trend_td(b, col->heading, it, w->r->month_style);
			else
				td(b, col->heading,
				   col->kind == RND_COL_NUM ? "num" : col->cell == RND_CELL_LABEL ? "label" : NULL,
				   rnd_cell_text(it, col->cell));
		}
		kpi_buf_adds(b, "</tr>\n");
	}
	kpi_buf_adds(b, "</tbody></table></div>\n");
}

/* The list's title; an empty list is one line: "Current issues: None this
 * period." */
static void list_begin(rnd_writer *w, const char *title, size_t n, const char *empty)
{
	kpi_buf *b = w->b;
	if (!n) {
		kpi_buf_adds(b, "<p class=\"none\"><strong>");
		E(title);
		kpi_buf_adds(b, ":</strong> ");
		E(empty);
		kpi_buf_adds(b, "</p>\n");
		return;
	}
	kpi_buf_adds(b, "<h4>");
	E(title);
	kpi_buf_adds(b, ":</h4>\n");
	kpi_buf_adds(b, "<ul class=\"entries\">\n");
}

/* The XmR chart of an entry (its key is in "How to read this report"). */
static void chart(kpi_buf *b, const rnd_item *it, kpi_label_style st)
{
	kpi_buf x = KPI_BUF_INIT;
	if (rnd_svg_xmr(&x, it->ind, st)) {
		kpi_buf_adds(b, "<figure class=\"xmr\">");
		kpi_buf_add(b, x.data, x.len);
		kpi_buf_adds(b, "</figure>");
	}
	kpi_buf_free(&x);
}

static void item(rnd_writer *w, const rnd_entry *e, size_t index)
{
	(void)index;
	kpi_buf *b = w->b;
	const rnd_item *it = e->item;
	kpi_buf_adds(b, "<li><p class=\"entry-head\">");
	if (e->with_code && it->shown_code) {
		E(it->shown_code);
		kpi_buf_addc(b, ' ');
	}
	E(it->label);
	if (e->marker) {
		kpi_buf_adds(b, " <span class=\"marker\">");
		E(e->marker);
		kpi_buf_adds(b, "</span>");
	}
	kpi_buf_adds(b, "</p>");
	if (e->full && it->para.n) {
		kpi_buf_adds(b, "<p class=\"entry-text\">");
		for (size_t i = 0; i < it->para.n; i++) {
			if (i)
				kpi_buf_addc(b, ' ');
			if (it->para.s[i].bold)
				kpi_buf_adds(b, "<strong>");
			E(it->para.s[i].text);
			if (it->para.s[i].bold)
				kpi_buf_adds(b, "</strong>");
		}
		kpi_buf_adds(b, "</p>");
	}
	if (it->comment && *it->comment)
		paragraphs(b, it->comment, "comment");
	if (e->chart)
		chart(b, it, w->r->month_style);
	kpi_buf_adds(b, "</li>\n");
}

static void list_end(rnd_writer *w, size_t n)
{
	if (n)
		kpi_buf_adds(w->b, "</ul>\n");
}

static void bullets_begin(rnd_writer *w, rnd_bullets kind, const char *title, size_t n, const char *empty)
{
	kpi_buf *b = w->b;
	if (title) {
		kpi_buf_adds(b, "<h4>");
		E(title);
		kpi_buf_adds(b, ":</h4>\n");
	}
	if (n) {
		kpi_buf_adds(b, kind == RND_BULLETS_NUMBERED ? "<ol>\n"
				: kind == RND_BULLETS_HEADLINES ? "<ul class=\"headlines\">\n"
				: w->in_box ? "<ul>\n" : "<ul class=\"entries\">\n");
		return;
	}
	kpi_buf_adds(b, "<p class=\"none\">");
	E(empty);
	kpi_buf_adds(b, "</p>\n");
}

static void bullet(rnd_writer *w, rnd_bullets kind, size_t index, const char *text)
{
	(void)kind;
	(void)index;
	kpi_buf *b = w->b;
	kpi_buf_adds(b, "<li>");
	E(text);
	kpi_buf_adds(b, "</li>\n");
}

static void bullets_end(rnd_writer *w, rnd_bullets kind, size_t n)
{
	if (n)
		kpi_buf_adds(w->b, kind == RND_BULLETS_NUMBERED ? "</ol>\n" : "</ul>\n");
}

static void narrative(rnd_writer *w, const char *heading, const char *text)
{
	kpi_buf *b = w->b;
	kpi_buf_adds(b, "<div class=\"narrative\"><p class=\"narrative-head\">");
	E(heading);
	kpi_buf_adds(b, "</p>");
	paragraphs(b, text, "narrative-text");
	kpi_buf_adds(b, "</div>\n");
}

static void end(rnd_writer *w, const char *footer, const char *generated)
{
	kpi_buf *b = w->b;
	if (footer || generated) {
		kpi_buf_adds(b, "<footer>");
		if (footer) {
			kpi_buf_adds(b, "<p>");
			E(footer);
			kpi_buf_adds(b, "</p>");
		}
		if (generated) {
			kpi_buf_adds(b, "<p>");
			E(generated);
			kpi_buf_adds(b, "</p>");
		}
		kpi_buf_adds(b, "</footer>\n");
	}
	kpi_buf_adds(b, "</main>\n</body>\n</html>\n");
}

void rnd_fmt_html(kpi_buf *out, const rnd_report *r)
{
	rnd_writer w = {
		.b = out, .escape = rnd_html_escape, .begin = begin, .title = title, .subtitle = subtitle,
		.meta = meta, .intro = intro, .section_begin = section_begin, .section_end = section_end,
		.subheading = subheading, .paragraph = paragraph, .box_begin = box_begin,
		.chart_key = chart_key, .box_end = box_end, .table = table, .list_begin = list_begin,
		.item = item, .list_end = list_end, .bullets_begin = bullets_begin, .bullet = bullet,
		.bullets_end = bullets_end, .narrative = narrative, .end = end,
	};
	rnd_write(&w, r);
	free(w.caption);
}
