/* period_cal.h: calendar arithmetic shared by period.c and period_parse.c
 * (private to lib/; not part of the public API).
 * Days are counted from 1970-01-01 (day 0) on the proleptic Gregorian
 * calendar, with our own civil<->days conversion (no timegm, no time zone). */
#ifndef KPI_PERIOD_CAL_H
#define KPI_PERIOD_CAL_H

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

#endif
