/* period_checks.c: a written period's parts made into a period, each
 * checked (a year in range, a month, quarter, term or ISO week that
 * exists, a split year whose second year follows the first, a day of its
 * month), and the messages that say what is wrong, quoting the text. */
#include "period_parse.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define EXPECTED "expected a month like Jun-17 or 2017-06, a quarter like Q1 2017 or " \
	"2017/18 Q1, a year like 2016/17 or 2017, a term like Autumn 2016/17, or an ISO " \
	"week like 2017-W05"

void kpi_pp_quoted(const ctx *c, char out[72])
{
	size_t n = c->shownlen, i;
	int cut = 0;
	if (n > 60) {
		n = 60;
		while (n > 0 && ((unsigned char)c->text[n] & 0xC0) == 0x80)
			n--;
		cut = 1;
	}
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)c->text[i];
		out[i] = ch < 0x20 || ch == 0x7F ? '?' : (char)ch;
	}
	if (cut) {
		memcpy(out + i, "...", 3);
		i += 3;
	}
	out[i] = '\0';
}

int kpi_pp_fail(ctx *c, const char *fmt, ...)
{
	if (c->err && c->errsz) {
		char q[72], why[160];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(why, sizeof why, fmt, ap);
		va_end(ap);
		kpi_pp_quoted(c, q);
		snprintf(c->err, c->errsz, "invalid period \"%s\": %s", q, why);
	}
	return -1;
}

int kpi_pp_unrecognised(ctx *c)
{
	if (c->err && c->errsz) {
		char q[72];
		kpi_pp_quoted(c, q);
		if (c->shownlen == 0)
			snprintf(c->err, c->errsz, "empty period (" EXPECTED ")");
		else
			snprintf(c->err, c->errsz, "unrecognised period \"%s\" (" EXPECTED ")", q);
	}
	return -1;
}

int kpi_pp_split_year(ctx *c, const token *a, const token *b)
{
	int y = year_of(a);
	int ok = b->len == 4 ? b->val == y + 1 : b->val == (y + 1) % 100;
	if (!ok) {
		if (b->len == 4 || a->len == 4)
			return kpi_pp_fail(c, "%0*d does not follow %0*d (a year is written like 2016/17)",
				    b->len, b->val, a->len, a->val);
		return kpi_pp_fail(c, "%02d does not follow %02d (a year is written like 2016/17)", b->val, a->val);
	}
	if (y < 1000 || y > 9998)
		return kpi_pp_fail(c, "year %d is out of range (1000-9998)", y);
	return y;
}

int kpi_pp_month_period(ctx *c, int y, int m, kpi_period *out)
{
	if (check_year(c, y))
		return -1;
	if (m < 1 || m > 12)
		return kpi_pp_fail(c, "there is no month %d", m);
	return set(out, KPI_PT_MONTH, y, m, 0);
}

int kpi_pp_day_period(ctx *c, int y, int m, int d, int first_is_month, kpi_period *out)
{
	if (check_year(c, y))
		return -1;
	if (m < 1 || m > 12)
		return kpi_pp_fail(c, "there is no month %d", m);
	int dim = kpi_pc_days_in_month(y, m);
	if (d < 1 || d > dim)
		return kpi_pp_fail(c, "day %d is not in %s %d", d, kpi_pc_month_long[m], y);
	c->was_day = 1;
	if (c->as_at || d == dim || (first_is_month && d == 1))
		return set(out, KPI_PT_MONTH, y, m, 0);
	return set(out, KPI_PT_DATE, y, m, d);
}

static kpi_period_type year_kind(const ctx *c, const kpi_period_opts *o)
{
	int yt = c->year_type >= 0 ? c->year_type : (int)o->year_type;
	return yt == KPI_YEAR_ACADEMIC ? KPI_PT_ACADEMIC_YEAR : KPI_PT_FINANCIAL_YEAR;
}

int kpi_pp_split_year_period(ctx *c, const token *a, const token *b, const kpi_period_opts *o,
			     kpi_period *out)
{
	int y = kpi_pp_split_year(c, a, b);
	if (y < 0)
		return -1;
	return set(out, year_kind(c, o), y, 0, 0);
}

int kpi_pp_quarter_period(ctx *c, kpi_period_type type, int y, int q, kpi_period *out)
{
	if (check_year(c, y))
		return -1;
	if (q < 1 || q > 4)
		return kpi_pp_fail(c, "there is no quarter %d", q);
	return set(out, type, y, q, 0);
}

int kpi_pp_term_period(ctx *c, int y, int t, kpi_period *out)
{
	if (t < 1 || t > 3)
		return kpi_pp_fail(c, "there is no term %d", t);
	return set(out, KPI_PT_TERM, y, t, 0);
}

int kpi_pp_week_period(ctx *c, int y, int w, kpi_period *out)
{
	if (check_year(c, y))
		return -1;
	if (w < 1 || w > 53)
		return kpi_pp_fail(c, "there is no week %d", w);
	if (w > kpi_pc_iso_weeks(y))
		return kpi_pp_fail(c, "%d has 52 ISO weeks", y);
	return set(out, KPI_PT_WEEK, y, w, 0);
}
