/* period_ees.c: periods of DfE EES files, whose time_period ("2024",
 * "202324") says what it is only with its time_identifier ("Calendar
 * year", "Reporting year", "Academic year", "Autumn term", "Week 5", ...),
 * and snapshot measures (a day of the year, opts). */
#include "period_parse.h"
#include <stdio.h>

/* TEXT equals WORD ignoring ASCII case. */
static int eq_nocase(const char *text, size_t n, const char *word)
{
	size_t i;
	for (i = 0; i < n && word[i]; i++) {
		unsigned char a = (unsigned char)text[i];
		if (a >= 'A' && a <= 'Z')
			a |= 0x20;
		if (a != (unsigned char)word[i])
			return 0;
	}
	return i == n && word[i] == '\0';
}

/* The day MONTH-DAY of year Y, a date period (a snapshot measure). */
static int snapshot_period(ctx *c, int y, int month, int day, kpi_period *out)
{
	if (month < 1 || month > 12 || day < 1 || day > kpi_pc_days_in_month(y, month))
		return kpi_pp_fail(c, "there is no snapshot day %02d-%02d in %d", month, day, y);
	return set(out, KPI_PT_DATE, y, month, day);
}

#define EES_EXPECTED "expected Calendar year, Reporting year, Academic year, Financial year, " \
	"Autumn term, Spring term, Summer term, Week N, Calendar year Q1-Q4, Financial year Q1-Q4 " \
	"or a month name"

int kpi_pp_parse_ees(ctx *c, const char *ident, size_t idn, const kpi_period_opts *o,
		     kpi_period *out)
{
	/* what the identifier says, and how the time_period must be written */
	enum { E_YEAR, E_SPLIT } form;
	kpi_period_type type;
	int sub = 0, reporting = 0;
	static const char *const terms[] = { "autumn term", "spring term", "summer term" };

	if (eq_nocase(ident, idn, "calendar year") || eq_nocase(ident, idn, "reporting year")) {
		/* a DfE reporting year ends on 31 March: 2025 is 2024/25 */
		reporting = eq_nocase(ident, idn, "reporting year");
		type = KPI_PT_YEAR;
		form = E_YEAR;
	} else if (eq_nocase(ident, idn, "academic year")) {
		type = KPI_PT_ACADEMIC_YEAR;
		form = E_SPLIT;
	} else if (eq_nocase(ident, idn, "financial year")) {
		type = KPI_PT_FINANCIAL_YEAR;
		form = E_SPLIT;
	} else {
		type = KPI_PT_NONE;
		form = E_YEAR;
		for (int i = 0; i < 3; i++)
			if (eq_nocase(ident, idn, terms[i])) {
				type = KPI_PT_TERM;
				form = E_SPLIT;
				sub = i + 1;
			}
		for (int m = 1; m <= 12 && type == KPI_PT_NONE; m++) {
			/* month names are compared in lower case */
			char lower[12];
			size_t k;
			for (k = 0; kpi_pc_month_long[m][k]; k++)
				lower[k] = (char)(kpi_pc_month_long[m][k] | 0x20);
			lower[k] = '\0';
			if (eq_nocase(ident, idn, lower)) {
				type = KPI_PT_MONTH;
				sub = m;
			}
		}
		if (type == KPI_PT_NONE && idn > 2 && (ident[idn - 2] == 'Q' || ident[idn - 2] == 'q')
		    && ident[idn - 1] >= '1' && ident[idn - 1] <= '4') {
			size_t k = idn - 2;
			while (k && ident[k - 1] == ' ')
				k--;
			if (eq_nocase(ident, k, "calendar year")) {
				type = KPI_PT_QUARTER;
				sub = ident[idn - 1] - '0';
			} else if (eq_nocase(ident, k, "financial year")) {
				type = KPI_PT_FINANCIAL_QUARTER;
				form = E_SPLIT;
				sub = ident[idn - 1] - '0';
			}
		}
		if (type == KPI_PT_NONE && idn > 4 && eq_nocase(ident, 4, "week")) {
			size_t k = 4;
			int w = 0, nd = 0;
			while (k < idn && ident[k] == ' ')
				k++;
			while (k < idn && is_digit((unsigned char)ident[k]) && nd < 3) {
				w = w * 10 + (ident[k++] - '0');
				nd++;
			}
			if (nd && k == idn) {
				type = KPI_PT_WEEK;
				sub = w;
			}
		}
	}
	char q[72];
	ctx ic = *c;  /* to quote the identifier */
	ic.text = ident;
	ic.textlen = ic.shownlen = idn;
	kpi_pp_quoted(&ic, q);
	if (type == KPI_PT_NONE) {
		if (c->err && c->errsz) {
			char qp[72];
			kpi_pp_quoted(c, qp);
			snprintf(c->err, c->errsz, "unknown time_identifier \"%s\" for period \"%s\" ("
				 EES_EXPECTED ")", q, qp);
		}
		return -1;
	}
	int six = c->textlen == 6, four = c->textlen == 4;
	for (size_t i = 0; i < c->textlen; i++)
		if (!is_digit((unsigned char)c->text[i]))
			six = four = 0;
	if (form == E_SPLIT ? !six : !four)
		return kpi_pp_fail(c, "with time_identifier \"%s\" the period is written like %s", q,
			    form == E_SPLIT ? "202324" : "2024");
	int v = 0;
	for (size_t i = 0; i < c->textlen; i++)
		v = v * 10 + (c->text[i] - '0');
	if (form == E_SPLIT) {
		token a = { '4', v / 100, 4 }, b = { '2', v % 100, 2 };
		int y = kpi_pp_split_year(c, &a, &b);
		if (y < 0)
			return -1;
		if (type == KPI_PT_TERM)
			return kpi_pp_term_period(c, y, sub, out);
		if (type == KPI_PT_FINANCIAL_QUARTER)
			return kpi_pp_quarter_period(c, type, y, sub, out);
		return set(out, type, y, 0, 0);
	}
	switch (type) {
	case KPI_PT_MONTH:
		return kpi_pp_month_period(c, v, sub, out);
	case KPI_PT_QUARTER:
		return kpi_pp_quarter_period(c, type, v, sub, out);
	case KPI_PT_WEEK:
		return kpi_pp_week_period(c, v, sub, out);
	default:
		if (check_year(c, v))
			return -1;
		if (o->snapshot_month)
			return snapshot_period(c, v, o->snapshot_month, o->snapshot_day, out);
		if (reporting)
			return v - 1 < 1000 ? kpi_pp_fail(c, "year %d is out of range (1001-9999)", v)
					    : set(out, KPI_PT_FINANCIAL_YEAR, v - 1, 0, 0);
		return set(out, KPI_PT_YEAR, v, 0, 0);
	}
}
