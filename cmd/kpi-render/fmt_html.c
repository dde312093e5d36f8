/* fmt_html.c: the report as one self-contained HTML file: inline CSS, no
 * scripts, nothing fetched; A4 when printed, one column on a phone (table
 * rows become labelled blocks).  Every text from the data or the narrative
 * is escaped. */
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
	".none{color:#555}"
	".narrative{border-left:4px solid #888;padding:.1rem .8rem;margin:.8rem 0;background:#f6f6f6}"
	".narrative-head{font-style:italic;font-weight:bold}"
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
	"@page{size:A4;margin:15mm}"
	"@media print{body{font-size:9.5pt}main{max-width:none;padding:0}"
	"table{font-size:8pt}.table-wrap{overflow:visible}"
	"li,tr,figure,.narrative{break-inside:avoid}h3,h4{break-after:avoid}}";

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

static void sentences(kpi_buf *b, const rnd_para *p)
{
	kpi_buf_adds(b, "<p class=\"entry-text\">");
	for (size_t i = 0; i < p->n; i++) {
		if (i)
			kpi_buf_addc(b, ' ');
		if (p->s[i].bold)
			kpi_buf_adds(b, "<strong>");
		E(p->s[i].text);
		if (p->s[i].bold)
			kpi_buf_adds(b, "</strong>");
	}
	kpi_buf_adds(b, "</p>");
}

static void entry_as(kpi_buf *b, const rnd_item *it, int full, int with_code)
{
	kpi_buf_adds(b, "<li><p class=\"entry-head\">");
	if (with_code) {
		E(it->code);
		kpi_buf_addc(b, ' ');
	}
	E(it->label);
	kpi_buf_adds(b, "</p>");
	if (full && it->para.n)
		sentences(b, &it->para);
	if (it->comment && *it->comment)
		paragraphs(b, it->comment, "comment");
	if (full) {
		kpi_buf x = KPI_BUF_INIT;
		if (rnd_svg_xmr(&x, it->ind)) {
			kpi_buf_adds(b, "<figure class=\"xmr\">");
			kpi_buf_add(b, x.data, x.len);
			kpi_buf_adds(b, "<figcaption>XmR chart: mean, process limits (dashed), target (red); "
					"special cause <span class=\"key-imp\">improvement</span> or "
					"<span class=\"key-con\">concern</span>.</figcaption></figure>");
		}
		kpi_buf_free(&x);
	}
	kpi_buf_adds(b, "</li>\n");
}

static void entry(kpi_buf *b, const rnd_item *it, int full)
{
	entry_as(b, it, full, 1);
}

static void list_as(kpi_buf *b, const char *title, const rnd_item **items, size_t n, int with_code)
{
	kpi_buf_printf(b, "<h4>%s:</h4>\n", title);
	if (!n) {
		kpi_buf_adds(b, "<p class=\"none\">None this period.</p>\n");
		return;
	}
	kpi_buf_adds(b, "<ul class=\"entries\">\n");
	for (size_t i = 0; i < n; i++)
		entry_as(b, items[i], 1, with_code);
	kpi_buf_adds(b, "</ul>\n");
}

static void list(kpi_buf *b, const char *title, const rnd_item **items, size_t n)
{
	list_as(b, title, items, n, 1);
}

static void td(kpi_buf *b, const char *label, const char *cls, const char *text)
{
	kpi_buf_adds(b, "<td");
	if (cls)
		kpi_buf_printf(b, " class=\"%s\"", cls);
	kpi_buf_printf(b, " data-label=\"%s\">", label);
	E(text);
	kpi_buf_adds(b, "</td>");
}

static void rag_td(kpi_buf *b, const rnd_item *it)
{
	const char *rag = it->ind->rag;
	if (rag && (!strcmp(rag, "red") || !strcmp(rag, "amber") || !strcmp(rag, "green"))) {
		kpi_buf_printf(b, "<td data-label=\"RAG\"><span class=\"rag rag-%s\">", rag);
		E(it->c_rag);
		kpi_buf_adds(b, "</span></td>");
	} else {
		td(b, "RAG", NULL, it->c_rag);
	}
}

static void table(kpi_buf *b, const rnd_report *r, const rnd_section *s)
{
	const char *bench = rnd_bench_heading(r);
	kpi_buf_adds(b, "<div class=\"table-wrap\"><table>\n<thead><tr><th>Code</th><th>Indicator</th>"
			"<th>Latest</th><th>Previous</th><th>Change</th><th>");
	E(s->range_heading);
	kpi_buf_printf(b, "</th><th>Target</th><th>RAG</th><th>%s</th><th>Trend</th></tr></thead>\n<tbody>\n", bench);
	for (size_t i = 0; i < s->n; i++) {
		const rnd_item *it = s->items[i];
		kpi_buf_adds(b, "<tr>");
		td(b, "Code", NULL, it->code);
		td(b, "Indicator", NULL, it->label);
		td(b, "Latest", "num", it->c_latest);
		td(b, "Previous", "num", it->c_previous);
		td(b, "Change", "num", it->c_change);
		td(b, s->range_heading, NULL, it->c_range);
		td(b, "Target", NULL, it->c_target);
		rag_td(b, it);
		td(b, bench, NULL, it->c_bench);
		kpi_buf_adds(b, "<td data-label=\"Trend\">");
		size_t at = b->len;
		rnd_svg_sparkline(b, it->ind);
		if (b->len == at)
			kpi_buf_adds(b, "-");
		kpi_buf_adds(b, "</td></tr>\n");
	}
	kpi_buf_adds(b, "</tbody></table></div>\n");
}

static void narrative(kpi_buf *b, const rnd_section *s)
{
	if (!s->narrative)
		return;
	kpi_buf_adds(b, "<div class=\"narrative\"><p class=\"narrative-head\">Head of Service Narrative");
	if (s->narrative_author) {
		kpi_buf_adds(b, " (");
		E(s->narrative_author);
		kpi_buf_addc(b, ')');
	}
	kpi_buf_adds(b, "</p>");
	paragraphs(b, s->narrative, "narrative-text");
	kpi_buf_adds(b, "</div>\n");
}

/* Comments on indicators the style does not write up. */
static void notes(kpi_buf *b, const rnd_section *s, int all, const rnd_item **tmp)
{
	size_t n = rnd_section_notes(s, all, tmp);
	if (!n)
		return;
	kpi_buf_adds(b, "<h4>Notes:</h4>\n<ul class=\"entries\">\n");
	for (size_t i = 0; i < n; i++)
		entry_as(b, tmp[i], 0, 0);
	kpi_buf_adds(b, "</ul>\n");
}

static void section_open(kpi_buf *b, size_t i, const char *prefix, const char *name)
{
	kpi_buf_printf(b, "<section id=\"section-%zu\">\n<h3>%s", i + 1, prefix);
	E(name);
	kpi_buf_adds(b, "</h3>\n");
}

/* --style summary: the data-quality preface, then the two lists per theme,
 * without codes. */
static void summary(kpi_buf *b, const rnd_report *r, const rnd_item **tmp)
{
	kpi_buf_adds(b, "<section id=\"data-quality\">\n<h3>Data quality</h3>\n");
	if (!r->n_dq_notes)
		kpi_buf_adds(b, "<p class=\"none\">No data-quality issues are flagged in this report.</p>\n");
	else
		kpi_buf_adds(b, "<ul class=\"entries\">\n");
	for (size_t i = 0; i < r->n_dq_notes; i++) {
		kpi_buf_adds(b, "<li>");
		E(r->dq_notes[i]);
		kpi_buf_adds(b, "</li>\n");
	}
	if (r->n_dq_notes)
		kpi_buf_adds(b, "</ul>\n");
	kpi_buf_adds(b, "</section>\n");
	for (size_t i = 0; i < r->n_sections; i++) {
		const rnd_section *s = &r->sections[i];
		section_open(b, i, "", s->name);
		list_as(b, "Good or improved performance", tmp, rnd_section_list(s, "improvement", tmp), 0);
		list_as(b, "Areas for further improvement", tmp, rnd_section_list(s, "issue", tmp), 0);
		narrative(b, s);
		notes(b, s, 0, tmp);
		kpi_buf_adds(b, "</section>\n");
	}
}

/* --style headlines: three to five bullets per theme. */
static void headlines(kpi_buf *b, const rnd_report *r, const rnd_item **tmp)
{
	for (size_t i = 0; i < r->n_sections; i++) {
		const rnd_section *s = &r->sections[i];
		section_open(b, i, "", s->name);
		if (!s->n_headlines)
			kpi_buf_adds(b, "<p class=\"none\">No headlines this period.</p>\n");
		else
			kpi_buf_adds(b, "<ul class=\"headlines\">\n");
		for (size_t k = 0; k < s->n_headlines; k++) {
			kpi_buf_adds(b, "<li>");
			E(s->headlines[k]->headline);
			kpi_buf_adds(b, "</li>\n");
		}
		if (s->n_headlines)
			kpi_buf_adds(b, "</ul>\n");
		narrative(b, s);
		notes(b, s, 1, tmp);
		kpi_buf_adds(b, "</section>\n");
	}
}

/* --style dashboard: one numbered table per theme, with the trend drawn
 * and, where SPC has limits, the XmR charts under it. */
static void dashboard(kpi_buf *b, const rnd_report *r, const rnd_item **tmp)
{
	const char *bench = rnd_bench_heading(r);
	for (size_t i = 0; i < r->n_sections; i++) {
		const rnd_section *s = &r->sections[i];
		char prefix[48];
		snprintf(prefix, sizeof prefix, "Table %zu: ", i + 1);
		section_open(b, i, prefix, s->name);
		kpi_buf_printf(b, "<div class=\"table-wrap\"><table>\n<thead><tr><th>Code</th><th>Indicator</th>"
			       "<th>Unit</th><th>Latest</th><th>Previous</th><th>Trend</th><th>Target</th>"
			       "<th>Gap</th><th>RAG</th><th>%s</th></tr></thead>\n<tbody>\n", bench);
		for (size_t k = 0; k < s->n; k++) {
			const rnd_item *it = s->items[k];
			kpi_buf_adds(b, "<tr>");
			td(b, "Code", NULL, it->code);
			td(b, "Indicator", NULL, it->label);
			td(b, "Unit", NULL, it->c_unit);
			td(b, "Latest", "num", it->c_latest);
			td(b, "Previous", "num", it->c_previous);
			kpi_buf_adds(b, "<td data-label=\"Trend\">");
			size_t at = b->len;
			rnd_svg_sparkline(b, it->ind);
			if (b->len == at)
				kpi_buf_adds(b, "-");
			kpi_buf_adds(b, "</td>");
			td(b, "Target", NULL, it->c_target);
			td(b, "Gap", "num", it->c_gap);
			rag_td(b, it);
			td(b, bench, NULL, it->c_bench);
			kpi_buf_adds(b, "</tr>\n");
		}
		kpi_buf_adds(b, "</tbody></table></div>\n");
		narrative(b, s);
		notes(b, s, 1, tmp);
		kpi_buf_adds(b, "</section>\n");
	}
}

void rnd_fmt_html(kpi_buf *b, const rnd_report *r)
{
	kpi_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	E(r->heading);
	kpi_buf_adds(b, "</title>\n<style>");
	kpi_buf_adds(b, css);
	kpi_buf_adds(b, "</style>\n</head>\n<body>\n<main>\n<header>\n<h1>");
	E(r->heading);
	kpi_buf_adds(b, "</h1>\n<h2>Key Performance Issues");
	if (r->as_at_label) {
		kpi_buf_adds(b, " as at ");
		E(r->as_at_label);
	}
	kpi_buf_adds(b, "</h2>\n");
	if (r->board && *r->board && r->title && *r->title) {
		kpi_buf_adds(b, "<p class=\"meta\"><strong>Board:</strong> ");
		E(r->board);
		kpi_buf_adds(b, "</p>\n");
	}
	if (r->meeting_date) {
		kpi_buf_adds(b, "<p class=\"meta\"><strong>Meeting date:</strong> ");
		E(r->meeting_date);
		kpi_buf_adds(b, "</p>\n");
	}
	kpi_buf_adds(b, "<p class=\"intro\">");
	E(r->intro);
	kpi_buf_adds(b, "</p>\n</header>\n");

	const rnd_item **tmp = kpi_xcalloc(r->n_items ? r->n_items : 1, sizeof *tmp);
	if (r->style == RND_STYLE_SUMMARY)
		summary(b, r, tmp);
	else if (r->style == RND_STYLE_HEADLINES)
		headlines(b, r, tmp);
	else if (r->style == RND_STYLE_DASHBOARD)
		dashboard(b, r, tmp);
	for (size_t i = 0; r->style == RND_STYLE_FULL && i < r->n_sections; i++) {
		const rnd_section *s = &r->sections[i];
		section_open(b, i, "", s->name);
		table(b, r, s);
		list(b, "Current issues", tmp, rnd_section_list(s, "issue", tmp));
		narrative(b, s);
		list(b, "Improvement", tmp, rnd_section_list(s, "improvement", tmp));
		size_t n = rnd_section_notes(s, 0, tmp);
		if (n) {
			kpi_buf_adds(b, "<h4>Comments on other indicators:</h4>\n<ul class=\"entries\">\n");
			for (size_t k = 0; k < n; k++)
				entry(b, tmp[k], 0);
			kpi_buf_adds(b, "</ul>\n");
		}
		kpi_buf_adds(b, "</section>\n");
	}
	free(tmp);
	if ((r->footer && *r->footer) || r->generated_at) {
		kpi_buf_adds(b, "<footer>");
		if (r->footer && *r->footer) {
			kpi_buf_adds(b, "<p>");
			E(r->footer);
			kpi_buf_adds(b, "</p>");
		}
		if (r->generated_at) {
			kpi_buf_adds(b, "<p>Generated ");
			E(r->generated_at);
			kpi_buf_adds(b, ".</p>");
		}
		kpi_buf_adds(b, "</footer>\n");
	}
	kpi_buf_adds(b, "</main>\n</body>\n</html>\n");
}
