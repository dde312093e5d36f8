/* fmt_csv.c: one row per indicator with the judgement fields, for people who
 * paste into their own templates.  RFC 4180: CRLF line ends, a field quoted
 * when it holds a comma, quote, CR, LF or an edge space, quotes doubled.
 * Safe to open in Excel: a text cell starting with = + - @ (or a tab or CR)
 * gets a leading apostrophe so it is never read as a formula.  Number cells
 * are written by kpi (shortest round-trip text) and cannot be formulas, so a
 * negative change stays a number.  Control characters are written as \xHH
 * (escape.c), as in every other format. */
#include "render.h"
#include "kpi/numfmt.h"
#include <string.h>

static const char *columns[] = {
	"section", "indicator", "name", "area", "breakdown", "unit", "polarity", "as_at",
	"period", "value", "numerator", "denominator", "status", "latest",
	"previous_period", "previous_value", "previous", "change", "change_pct",
	"window_low", "window_high", "window_mean", "target", "target_due", "target_gap",
	"target_met", "target_needed", "rag", "benchmark_area", "benchmark_value",
	"benchmark_comparison", "spc_variation", "assessment", "reasons", "flags",
	"summary", "comment", NULL};

static void sep(kpi_buf *b, int *first)
{
	if (!*first)
		kpi_buf_addc(b, ',');
	*first = 0;
}

static void text(kpi_buf *b, int *first, const char *s)
{
	sep(b, first);
	if (!s || !*s)
		return;
	int formula = strchr("=+-@\t\r", s[0]) != NULL;
	size_t n = strlen(s);
	int quote = strpbrk(s, ",\"\r\n") != NULL || s[0] == ' ' || s[n - 1] == ' ';
	if (quote)
		kpi_buf_addc(b, '"');
	if (formula)
		kpi_buf_addc(b, '\'');
	rnd_csv_escape(b, s);
	if (quote)
		kpi_buf_addc(b, '"');
}

static void number(kpi_buf *b, int *first, rnd_num n)
{
	sep(b, first);
	char t[KPI_NUM_BUFSZ];
	if (n.has && kpi_fmt_double(t, n.v) > 0)
		kpi_buf_adds(b, t);
}

static void joined(kpi_buf *b, int *first, const char **v, size_t n)
{
	kpi_buf t = KPI_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i)
			kpi_buf_addc(&t, ';');
		kpi_buf_adds(&t, v[i]);
	}
	text(b, first, kpi_buf_str(&t));
	kpi_buf_free(&t);
}

/* Where kpi-flag --compare wrote comparators or a rank: each, and the
 * comparison kpi-flag made ("not_compared" for a count: scale, not
 * performance). */
static const char *comparator_columns[] = {
	"neighbours_value", "neighbours_comparison", "region_area", "region_value",
	"region_comparison", "england_value", "england_comparison", "rank_position",
	"rank_of", "rank_quartile", NULL};
static const char *const comparator_kinds[] = {"neighbours", "region", "england"};

static int any_comparator(const rnd_report *r)
{
	for (size_t i = 0; i < r->n_items; i++)
		if (r->items[i].ind->n_comparators || r->items[i].ind->rank.has)
			return 1;
	return 0;
}

static void comparator_fields(kpi_buf *b, int *first, const rnd_ind *d)
{
	for (size_t k = 0; k < sizeof comparator_kinds / sizeof *comparator_kinds; k++) {
		int c = rnd_comparator(d, comparator_kinds[k]);
		if (strcmp(comparator_kinds[k], "region") == 0)
			text(b, first, c >= 0 ? d->comparator[c].area : NULL);
		number(b, first, c >= 0 ? d->comparator[c].value : (rnd_num){0, 0});
		text(b, first, c >= 0 ? d->comparator[c].comparison : NULL);
	}
	number(b, first, (rnd_num){d->rank.has, (double)d->rank.position});
	number(b, first, (rnd_num){d->rank.has, (double)d->rank.of});
	text(b, first, d->rank.has ? d->rank.quartile : NULL);
}

/* With --show-revisions: the figures a later release replaced, and when. */
static const char *revision_columns[] = {
	"revised_from", "released", "previous_revised_from", "previous_released", NULL};

void rnd_fmt_csv(kpi_buf *b, const rnd_report *r)
{
	for (int i = 0; columns[i]; i++) {
		if (i)
			kpi_buf_addc(b, ',');
		kpi_buf_adds(b, columns[i]);
	}
	int compared = any_comparator(r);
	for (int i = 0; compared && comparator_columns[i]; i++) {
		kpi_buf_addc(b, ',');
		kpi_buf_adds(b, comparator_columns[i]);
	}
	for (int i = 0; r->show_revisions && revision_columns[i]; i++) {
		kpi_buf_addc(b, ',');
		kpi_buf_adds(b, revision_columns[i]);
	}
	kpi_buf_adds(b, "\r\n");
	for (size_t k = 0; k < r->n_sections; k++) {
		const rnd_section *s = &r->sections[k];
		for (size_t i = 0; i < s->n; i++) {
			const rnd_item *it = s->items[i];
			const rnd_ind *d = it->ind;
			int f = 1;
			text(b, &f, s->name);
			text(b, &f, d->indicator);
			text(b, &f, d->name);
			text(b, &f, d->area);
			text(b, &f, d->breakdown);
			text(b, &f, d->unit);
			text(b, &f, d->polarity);
			text(b, &f, d->as_at);
			text(b, &f, d->latest.period);
			number(b, &f, d->latest.value);
			number(b, &f, d->latest.num);
			number(b, &f, d->latest.den);
			text(b, &f, d->latest.status);
			text(b, &f, d->latest.value.has ? it->c_latest : NULL);
			text(b, &f, d->has_previous ? d->previous.period : NULL);
			number(b, &f, d->has_previous ? d->previous.value : (rnd_num){0, 0});
			text(b, &f, d->has_previous ? it->c_previous : NULL);
			number(b, &f, d->change);
			number(b, &f, d->change_pct);
			number(b, &f, d->window.low);
			number(b, &f, d->window.high);
			number(b, &f, d->window.mean);
			number(b, &f, d->has_target ? d->target.value : (rnd_num){0, 0});
			text(b, &f, d->has_target ? d->target.due : NULL);
			number(b, &f, d->target_gap);
			text(b, &f, d->target_met < 0 ? NULL : d->target_met ? "true" : "false");
			number(b, &f, d->target_needed);
			text(b, &f, d->rag);
			text(b, &f, d->benchmark.has ? d->benchmark.area : NULL);
			number(b, &f, d->benchmark.value);
			text(b, &f, d->benchmark.has ? d->benchmark.comparison : NULL);
			text(b, &f, d->spc.variation);
			text(b, &f, d->assessment);
			joined(b, &f, d->reasons, d->n_reasons);
			joined(b, &f, d->flags, d->n_flags);
			kpi_buf t = KPI_BUF_INIT;
			for (size_t j = 0; j < it->para.n; j++) {
				if (j)
					kpi_buf_addc(&t, ' ');
				kpi_buf_adds(&t, it->para.s[j].text);
			}
			text(b, &f, kpi_buf_str(&t));
			kpi_buf_free(&t);
			text(b, &f, it->comment);
			if (compared)
				comparator_fields(b, &f, d);
			if (r->show_revisions) {
				number(b, &f, d->latest.revised_from);
				text(b, &f, d->latest.released);
				number(b, &f, d->has_previous ? d->previous.revised_from : (rnd_num){0, 0});
				text(b, &f, d->has_previous ? d->previous.released : NULL);
			}
			kpi_buf_adds(b, "\r\n");
		}
	}
}
