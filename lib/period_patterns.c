/* period_patterns.c: the period a written text's shape of tokens makes
 * ("My" is Jun-17, "Qdy/y" Q1 17/18, ...): the patterns in the order they
 * are tried, with the readings that could go two ways (2011/12 a year,
 * 2011-12 a month). */
#include "period_parse.h"
#include <string.h>

/* Pattern characters: 'd' a 1-2 digit number, 'y' a 2- or 4-digit number,
 * anything else itself. */
static int match(const char *shape, const char *pat)
{
	for (; *pat; pat++, shape++) {
		if (*shape == '\0')
			return 0;
		if (*pat == 'd') {
			if (*shape != '1' && *shape != '2')
				return 0;
		} else if (*pat == 'y') {
			if (*shape != '2' && *shape != '4')
				return 0;
		} else if (*pat != *shape) {
			return 0;
		}
	}
	return *shape == '\0';
}

/* "Apr-Jun": the quarter the two months span, financial or calendar. */
static int months_quarter(ctx *c, int m1, int m2, int financial)
{
	int first = financial ? 4 : 1;
	if ((m2 - m1 + 12) % 12 != 2 || (m1 - first + 12) % 3 != 0)
		return kpi_pp_fail(c, "%s-%s is not a quarter", kpi_pc_month_short[m1], kpi_pc_month_short[m2]);
	return (m1 - first + 12) % 12 / 3 + 1;
}

/* YYYY then a number N written after '-' or '/': a month or a split year.
 * Consecutive years win with '/' ("2011/12" is a year) and when N is not a
 * month; otherwise N is the month ("2011-12" is December 2011). */
static int year_then_number(ctx *c, const token *a, const token *b, int slash,
			    const kpi_period_opts *o, kpi_period *out)
{
	int consecutive = b->len == 2 && b->val == (a->val + 1) % 100;
	if (consecutive && (slash || b->val < 1 || b->val > 12))
		return kpi_pp_split_year_period(c, a, b, o, out);
	if (b->val >= 1 && b->val <= 12)
		return kpi_pp_month_period(c, a->val, b->val, out);
	/* neither: say what it most looks like */
	if (b->len == 2 && b->val > a->val % 100)
		return kpi_pp_split_year(c, a, b);
	return kpi_pp_fail(c, "there is no month %d", b->val);
}

/* ---- the patterns -------------------------------------------------------- */

int kpi_pp_parse_tokens(ctx *c, const kpi_period_opts *o, kpi_period *out)
{
	const char *sh = c->shape;
	const token *t = c->tok;
	int q;

	if (c->saw_term_word && !strchr(sh, 'T'))
		return kpi_pp_unrecognised(c);
	/* numbers only */
	if (match(sh, "4")) {
		if (c->year_type >= 0 && !c->calendar)
			return kpi_pp_fail(c, "a financial or academic year is written like 2016/17");
		if (check_year(c, t[0].val))
			return -1;
		return set(out, KPI_PT_YEAR, t[0].val, 0, 0);
	}
	if (match(sh, "6")) {  /* 201617 or 201706 */
		token a = { '4', t[0].val / 100, 4 }, b = { '2', t[0].val % 100, 2 };
		if (b.val == (a.val + 1) % 100)
			return kpi_pp_split_year_period(c, &a, &b, o, out);
		if (b.val >= 1 && b.val <= 12)
			return kpi_pp_month_period(c, a.val, b.val, out);
		return kpi_pp_fail(c, "neither a year like 201617 nor a month like 201706");
	}
	if (match(sh, "8"))    /* 20170630 */
		return kpi_pp_day_period(c, t[0].val / 10000, t[0].val / 100 % 100, t[0].val % 100, 0, out);
	if (match(sh, "4d"))
		return year_then_number(c, &t[0], &t[1], 0, o, out);
	if (match(sh, "4/d"))
		return year_then_number(c, &t[0], &t[2], 1, o, out);
	if (match(sh, "4/4"))
		return kpi_pp_split_year_period(c, &t[0], &t[2], o, out);
	if (match(sh, "44"))
		return kpi_pp_split_year_period(c, &t[0], &t[1], o, out);
	if (match(sh, "d/4"))
		return kpi_pp_month_period(c, t[2].val, t[0].val, out);
	if (match(sh, "d4"))
		return kpi_pp_month_period(c, t[1].val, t[0].val, out);
	if (match(sh, "d/2") || match(sh, "d2")) {  /* 16/17 or 06/17 */
		const token *b = &t[sh[1] == '/' ? 2 : 1];
		if (b->val == (t[0].val + 1) % 100 || t[0].val < 1 || t[0].val > 12)
			return kpi_pp_split_year_period(c, &t[0], b, o, out);
		return kpi_pp_month_period(c, year_of(b), t[0].val, out);
	}
	if (match(sh, "d/d/y"))
		return kpi_pp_day_period(c, year_of(&t[4]), t[2].val, t[0].val, 0, out);
	if (match(sh, "ddy"))
		return kpi_pp_day_period(c, year_of(&t[2]), t[1].val, t[0].val, 0, out);
	if (match(sh, "4dd"))
		return kpi_pp_day_period(c, t[0].val, t[1].val, t[2].val, 0, out);
	if (match(sh, "4/d/d"))
		return kpi_pp_day_period(c, t[0].val, t[2].val, t[4].val, 0, out);
	/* month names */
	if (match(sh, "My") || match(sh, "M/y"))
		return kpi_pp_month_period(c, year_of(&t[sh[1] == '/' ? 2 : 1]), t[0].val, out);
	if (match(sh, "dMy"))
		return kpi_pp_day_period(c, year_of(&t[2]), t[1].val, t[0].val, 0, out);
	if (match(sh, "Md4"))
		return kpi_pp_day_period(c, t[2].val, t[0].val, t[1].val, 0, out);
	if (match(sh, "MMy")) {  /* Jan-Mar 2017 */
		if ((q = months_quarter(c, t[0].val, t[1].val, 0)) < 0)
			return -1;
		return kpi_pp_quarter_period(c, KPI_PT_QUARTER, year_of(&t[2]), q, out);
	}
	if (match(sh, "MMy/y") || match(sh, "MMy/yQd")) {  /* Jul-Sep 22/23 Q2 */
		int y = kpi_pp_split_year(c, &t[2], &t[4]);
		if (y < 0 || (q = months_quarter(c, t[0].val, t[1].val, 1)) < 0)
			return -1;
		if (c->ntok == 7 && t[6].val != q)
			return kpi_pp_fail(c, "%s-%s is quarter %d of the financial year, not quarter %d",
				    kpi_pc_month_short[t[0].val], kpi_pc_month_short[t[1].val], q, t[6].val);
		return kpi_pp_quarter_period(c, KPI_PT_FINANCIAL_QUARTER, y, q, out);
	}
	/* quarters */
	if (match(sh, "Qdy"))
		return kpi_pp_quarter_period(c, KPI_PT_QUARTER, year_of(&t[2]), t[1].val, out);
	if (match(sh, "yQd"))
		return kpi_pp_quarter_period(c, KPI_PT_QUARTER, year_of(&t[0]), t[2].val, out);
	if (match(sh, "Qdy/y") || match(sh, "Qdyy")) {
		int y = kpi_pp_split_year(c, &t[2], &t[sh[3] == '/' ? 4 : 3]);
		return y < 0 ? -1 : kpi_pp_quarter_period(c, KPI_PT_FINANCIAL_QUARTER, y, t[1].val, out);
	}
	if (match(sh, "y/yQd") || match(sh, "yyQd")) {
		int slash = sh[1] == '/';
		int y = kpi_pp_split_year(c, &t[0], &t[slash ? 2 : 1]);
		return y < 0 ? -1 : kpi_pp_quarter_period(c, KPI_PT_FINANCIAL_QUARTER, y, t[slash ? 4 : 3].val, out);
	}
	/* terms */
	if (match(sh, "Ty/y") || match(sh, "Tyy")) {
		int y = kpi_pp_split_year(c, &t[1], &t[sh[2] == '/' ? 3 : 2]);
		return y < 0 ? -1 : kpi_pp_term_period(c, y, t[0].val, out);
	}
	if (match(sh, "y/yT") || match(sh, "yyT") || match(sh, "y/ytd") || match(sh, "yytd")) {
		int slash = sh[1] == '/';
		int y = kpi_pp_split_year(c, &t[0], &t[slash ? 2 : 1]);
		const token *tt = &t[slash ? 3 : 2];
		return y < 0 ? -1 : kpi_pp_term_period(c, y, tt->shape == 'T' ? tt->val : tt[1].val, out);
	}
	if (match(sh, "T4")) {  /* Autumn 2016 = 2016/17 T1, Spring 2017 = 2016/17 T2 */
		int y = t[1].val - (t[0].val == 1 ? 0 : 1);
		if (check_year(c, y))
			return -1;
		return kpi_pp_term_period(c, y, t[0].val, out);
	}
	/* ISO weeks */
	if (match(sh, "4Wd"))
		return kpi_pp_week_period(c, t[0].val, t[2].val, out);
	if (match(sh, "Wd4"))
		return kpi_pp_week_period(c, t[2].val, t[1].val, out);
	return kpi_pp_unrecognised(c);
}
