/* numtext.c: numbers as a performance officer writes them
 * (report-style.md §4): percentages to one decimal keeping ".0", rates per
 * 10,000 to one decimal, counts whole with thousands commas, the count beside
 * every percentage, count first for counts and rates. */
#include "render.h"
#include "kpi/numfmt.h"
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unit_is(const rnd_ind *ind, const char *u)
{
	return ind->unit && strcmp(ind->unit, u) == 0;
}

int rnd_is_percent(const rnd_ind *ind)
{
	return unit_is(ind, "percent");
}

int rnd_is_rate(const rnd_ind *ind)
{
	return unit_is(ind, "rate_per_10k") || unit_is(ind, "rate_per_100k");
}

int rnd_is_count(const rnd_ind *ind)
{
	return unit_is(ind, "count");
}

int rnd_decimals(const rnd_ind *ind)
{
	return kpi_report_decimals(ind->unit, ind->decimals);
}

static int whole(rnd_num n)
{
	return !n.has || n.v == floor(n.v);
}

void rnd_whole_decimals(rnd_ind *d)
{
	if (d->decimals >= 0 || !d->unit || unit_is(d, "percent") || kpi_report_decimals(d->unit, -1) != 1)
		return;
	int all = d->latest.value.has && whole(d->latest.value) && whole(d->previous.value) &&
		  whole(d->year_ago.value) && whole(d->target.value) && whole(d->benchmark.value);
	for (size_t i = 0; all && i < d->n_history; i++)
		all = whole(d->history[i].value);
	for (size_t i = 0; all && i < d->n_targets; i++)
		all = whole(d->targets[i].value);
	for (size_t i = 0; all && i < d->n_comparators; i++)
		all = whole(d->comparator[i].value);
	if (all)
		d->decimals = 0;
}

/* Digits with commas between thousands: "12345.6" -> "12,345.6". */
static void add_grouped(kpi_buf *b, const char *s)
{
	if (*s == '-')
		kpi_buf_addc(b, *s++);
	size_t int_len = strcspn(s, ".");
	for (size_t i = 0; i < int_len; i++) {
		if (i && (int_len - i) % 3 == 0)
			kpi_buf_addc(b, ',');
		kpi_buf_addc(b, s[i]);
	}
	kpi_buf_adds(b, s + int_len);
}

/* The figures of a report repeat (the latest value is in its table row,
 * its sentences and its chart's label; a month's counts and percentages
 * recur from indicator to indicator), and kpi_fmt_report costs two or three
 * snprintf calls each: its texts are kept, by the value's bits and the
 * decimals, in a table where a newer text takes an older one's place.  A
 * kept text is kpi_fmt_report's for exactly that value and those decimals,
 * so the report is the same with the table as without it. */
enum { FIG_SLOTS = 4096, FIG_TEXT = 32 };
static struct fig_slot {
	uint64_t bits;
	int decimals;     /* INT_MIN: empty */
	char text[FIG_TEXT];
} *figs;
int rnd_fig_memo = 1; /* 0: every figure formatted afresh (the unit test's reference) */

/* The text of V at DECIMALS (kpi_fmt_report's) into T, which it returns. */
static const char *figure_text(char *t, size_t tsz, double v, int decimals)
{
	if (!rnd_fig_memo) {
		kpi_fmt_report(t, tsz, v, decimals);
		return t;
	}
	if (!figs) {
		figs = kpi_xmalloc(FIG_SLOTS * sizeof *figs);
		for (size_t i = 0; i < FIG_SLOTS; i++)
			figs[i].decimals = INT_MIN;
	}
	uint64_t bits;
	memcpy(&bits, &v, sizeof bits);
	uint64_t h = (bits ^ (bits >> 29) ^ (uint64_t)(unsigned)decimals * 0x9E3779B97F4A7C15ULL) * 0xBF58476D1CE4E5B9ULL;
	struct fig_slot *s = &figs[(h >> 40) & (FIG_SLOTS - 1)];
	if (s->decimals == decimals && s->bits == bits && tsz >= FIG_TEXT) {
		/* copied: a later call may take the slot */
		memcpy(t, s->text, FIG_TEXT);
		return t;
	}
	kpi_fmt_report(t, tsz, v, decimals);
	if (strlen(t) < FIG_TEXT) {
		s->bits = bits;
		s->decimals = decimals;
		memcpy(s->text, t, strlen(t) + 1);
	}
	return t;
}

void rnd_fig_memo_free(void)
{
	free(figs);
	figs = NULL;
}

static void add_number(kpi_buf *b, double v, int decimals)
{
	char t[64];
	add_grouped(b, figure_text(t, sizeof t, v, decimals));
}

int rnd_same_printed(const rnd_ind *ind, double a, double b)
{
	char x[64], y[64];
	int d = rnd_decimals(ind);
	return strcmp(figure_text(x, sizeof x, a, d), figure_text(y, sizeof y, b, d)) == 0;
}

void rnd_fmt_int(kpi_buf *b, double n)
{
	add_number(b, n, 0);
}

void rnd_fmt_bare(kpi_buf *b, const rnd_ind *ind, double v)
{
	add_number(b, v, rnd_decimals(ind));
}

void rnd_fmt_value(kpi_buf *b, const rnd_ind *ind, double v)
{
	if (unit_is(ind, "currency")) {
		if (v < 0) {
			kpi_buf_addc(b, '-');
			v = -v;
		}
		kpi_buf_adds(b, "\xc2\xa3"); /* pound sign */
	}
	if (unit_is(ind, "days") || unit_is(ind, "weeks")) {
		kpi_buf t = KPI_BUF_INIT;
		rnd_fmt_bare(&t, ind, v);
		RND_SAY(b, unit_is(ind, "days") ? PH_VALUE_DAYS : PH_VALUE_WEEKS, {S_VALUE, kpi_buf_str(&t)});
		kpi_buf_free(&t);
		return;
	}
	rnd_fmt_bare(b, ind, v);
	if (rnd_is_percent(ind))
		kpi_buf_addc(b, '%');
}

void rnd_fmt_diff(kpi_buf *b, const rnd_ind *ind, double d, rnd_diff_use use)
{
	int cell = use == RND_DIFF_CELL;
	kpi_buf t = KPI_BUF_INIT;
	/* A figure of no known precision prints as written (shortest text), but
	 * the difference of two carries the subtraction's binary noise (41.8 to
	 * 43 is 1.2000000000000028): twelve significant digits, far more than
	 * any published figure has, drop it. */
	if (rnd_decimals(ind) < 0 && isfinite(d)) {
		char r[40];
		snprintf(r, sizeof r, "%.12g", d);
		d = strtod(r, NULL);
	}
	/* a difference of percentages is in points, never "%" (report-style.md §9) */
	if (rnd_is_percent(ind))
		rnd_fmt_bare(&t, ind, fabs(d));
	else
		rnd_fmt_value(&t, ind, fabs(d));
	const char *s = kpi_buf_str(&t);
	/* the sign only when the rounded figure is not zero */
	int nonzero = strpbrk(s, "123456789") != NULL;
	kpi_buf v = KPI_BUF_INIT;
	if (cell && nonzero)
		kpi_buf_adds(&v, d < 0 ? "-" : "+");
	kpi_buf_adds(&v, s);
	if (rnd_is_percent(ind))
		RND_SAY(b, cell ? PH_VALUE_POINTS_SHORT : PH_VALUE_POINTS, {S_VALUE, kpi_buf_str(&v)});
	else
		kpi_buf_adds(b, kpi_buf_str(&v));
	kpi_buf_free(&t);
	kpi_buf_free(&v);
}

void rnd_fmt_count_words(kpi_buf *b, double n, int zero_as_none)
{
	double r = round(n);
	if (r == n && r == 0)
		kpi_buf_adds(b, rnd_phrase(zero_as_none ? PH_NUMBER_NONE : PH_NUMBER_NO));
	else if (r == n && r == 1)
		kpi_buf_adds(b, rnd_phrase(PH_NUMBER_ONE));
	else if (r == n && r == 2)
		kpi_buf_adds(b, rnd_phrase(PH_NUMBER_TWO));
	else
		rnd_fmt_int(b, n);
}

const char *rnd_status_word(const char *status)
{
	static const struct {
		const char *status;
		rnd_phrase_id word;
	} words[] = {
		{"suppressed", PH_STATUS_SUPPRESSED}, {"not_available", PH_STATUS_NOT_AVAILABLE},
		{"not_applicable", PH_STATUS_NOT_APPLICABLE}, {"rounds_to_zero", PH_STATUS_ROUNDS_TO_ZERO},
		{"missing", PH_STATUS_MISSING}, {"error", PH_STATUS_ERROR},
	};
	for (size_t i = 0; status && i < sizeof words / sizeof *words; i++)
		if (strcmp(status, words[i].status) == 0)
			return rnd_phrase(words[i].word);
	return status;
}

static void bracket(kpi_buf *b, const char *inner, const char *note)
{
	int has_inner = inner && *inner;
	if (!has_inner && !(note && *note))
		return;
	kpi_buf_adds(b, " (");
	if (has_inner)
		kpi_buf_adds(b, inner);
	if (note && *note) {
		if (has_inner)
			kpi_buf_adds(b, "; ");
		kpi_buf_adds(b, note);
	}
	kpi_buf_addc(b, ')');
}

void rnd_fmt_vc(kpi_buf *b, const rnd_ind *ind, const rnd_point *p, int with_den, const char *note)
{
	kpi_buf in = KPI_BUF_INIT;
	kpi_buf_adds(&in, "");
	if (rnd_is_percent(ind)) {
		rnd_fmt_value(b, ind, p->value.v);
		if (p->num.has && with_den && p->den.has) {
			kpi_buf n = KPI_BUF_INIT, d = KPI_BUF_INIT;
			rnd_fmt_int(&n, p->num.v);
			rnd_fmt_int(&d, p->den.v);
			RND_SAY(&in, PH_VALUE_OUT_OF, {S_NUMERATOR, kpi_buf_str(&n)}, {S_DENOMINATOR, kpi_buf_str(&d)});
			kpi_buf_free(&n);
			kpi_buf_free(&d);
		} else if (p->num.has) {
			rnd_fmt_int(&in, p->num.v);
		}
	} else if (rnd_is_rate(ind) && p->num.has) {
		rnd_fmt_int(b, p->num.v);
		rnd_fmt_value(&in, ind, p->value.v);
	} else {
		rnd_fmt_value(b, ind, p->value.v);
	}
	bracket(b, kpi_buf_str(&in), note);
	kpi_buf_free(&in);
}

/* A value's table cell, its status aside. */
static void cell_of(kpi_buf *b, const rnd_ind *ind, const rnd_point *p);

/* A missing value is its status's word; a value of low reliability is
 * marked: "12.0% (low reliability)". */
void rnd_fmt_cell(kpi_buf *b, const rnd_ind *ind, const rnd_point *p)
{
	if (!p->value.has) {
		kpi_buf_adds(b, p->status && strcmp(p->status, "ok") ? rnd_status_word(p->status) : "-");
		return;
	}
	if (p->status && strcmp(p->status, "low_reliability") == 0) {
		kpi_buf t = KPI_BUF_INIT;
		cell_of(&t, ind, p);
		RND_SAY(b, PH_STATUS_LOW_RELIABILITY, {S_VALUE, kpi_buf_str(&t)});
		kpi_buf_free(&t);
		return;
	}
	cell_of(b, ind, p);
}

static void cell_of(kpi_buf *b, const rnd_ind *ind, const rnd_point *p)
{
	if (rnd_is_percent(ind) && p->num.has) {
		rnd_fmt_value(b, ind, p->value.v);
		kpi_buf_adds(b, " (");
		rnd_fmt_int(b, p->num.v);
		if (p->den.has) {
			kpi_buf_addc(b, '/');
			rnd_fmt_int(b, p->den.v);
		}
		kpi_buf_addc(b, ')');
		return;
	}
	rnd_fmt_vc(b, ind, p, 0, NULL);
}
