/* period_cal.h: calendar arithmetic shared by period.c, period_label.c
 * and period_parse.c (private to lib/; not part of the public API; the
 * functions are period_cal.c's).
 * Days are counted from 1970-01-01 (day 0) on the proleptic Gregorian
 * calendar, with our own civil<->days conversion (no timegm, no time zone). */
#ifndef KPI_PERIOD_CAL_H
#define KPI_PERIOD_CAL_H
#include "kpi/period.h"

/* Division and remainder rounded towards minus infinity (years before 0,
 * negative ordinals); inline, as they were when period.c was one file. */
static inline long floor_div(long a, long b)
{
	long q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static inline long floor_mod(long a, long b)
{
	return a - floor_div(a, b) * b;
}

int kpi_pc_is_leap(long y);
int kpi_pc_days_in_month(long y, int m);
long kpi_pc_days_from_civil(long y, int m, int d);
void kpi_pc_civil_from_days(long days, long *y, int *m, int *d);
/* Number of ISO weeks (52 or 53) in ISO year y. */
int kpi_pc_iso_weeks(long y);
/* Day number of the Monday of ISO week 1 of ISO year y. */
long kpi_pc_iso_week1_monday(long y);
/* Month names, index 1-12: "January", "Jan". */
extern const char *const kpi_pc_month_long[13];
extern const char *const kpi_pc_month_short[13];
/* First and last day numbers of P (inclusive); 0, 0 for no period. */
void kpi_pc_span(const kpi_period *p, long *first, long *last);

#endif
