/* period_cal.c: the calendar under the periods (period_cal.h): leap years,
 * day numbers from and to civil dates (proleptic Gregorian, day 0 is
 * 1970-01-01), ISO weeks, Easter, the month names, and the first and last
 * day of each type of period.
 *
 * Calendar facts used here:
 *   financial year 2016/17 = 1 April 2016 .. 31 March 2017, Q1 = April-June
 *   academic year 2016/17  = 1 September 2016 .. 31 August 2017
 *   terms of 2016/17: T1 autumn 1 Sep-31 Dec 2016, T2 spring 1 Jan 2017 to
 *     Easter Sunday 2017, T3 summer Easter Monday 2017 to 31 Aug 2017
 *     (the school census boundary is Easter; the three terms tile the year)
 *   ISO weeks start on Monday; week 1 holds the year's first Thursday. */
#include "period_cal.h"

const char *const kpi_pc_month_long[13] = {
	"", "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};
const char *const kpi_pc_month_short[13] = {
	"", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

int kpi_pc_is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int kpi_pc_days_in_month(long y, int m)
{
	static const int dim[13] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && kpi_pc_is_leap(y) ? 29 : dim[m];
}

/* H. Hinnant's days_from_civil: exact for every proleptic Gregorian date. */
long kpi_pc_days_from_civil(long y, int m, int d)
{
	y -= m <= 2;
	long era = floor_div(y, 400);
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void kpi_pc_civil_from_days(long z, long *y, int *m, int *d)
{
	z += 719468;
	long era = floor_div(z, 146097);
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* 0 = Monday .. 6 = Sunday; day 0 (1970-01-01) was a Thursday. */
static int weekday(long days)
{
	return (int)floor_mod(days + 3, 7);
}

long kpi_pc_iso_week1_monday(long y)
{
	long jan4 = kpi_pc_days_from_civil(y, 1, 4);
	return jan4 - weekday(jan4);
}

int kpi_pc_iso_weeks(long y)
{
	return (int)((kpi_pc_iso_week1_monday(y + 1) - kpi_pc_iso_week1_monday(y)) / 7);
}

/* Easter Sunday (anonymous Gregorian algorithm), as a day number. */
static long easter_sunday(long y)
{
	if (y < 1)  /* not meaningful; keep the term boundary at the end of March */
		return kpi_pc_days_from_civil(y, 3, 31);
	long a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	long f = (b + 8) / 25, g = (b - f + 1) / 3;
	long h = (19 * a + b - d - g + 15) % 30;
	long i = c / 4, k = c % 4;
	long l = (32 + 2 * e + 2 * i - h - k) % 7;
	long mm = (a + 11 * h + 22 * l) / 451;
	long month = (h + l - 7 * mm + 114) / 31;
	long day = (h + l - 7 * mm + 114) % 31 + 1;
	return kpi_pc_days_from_civil(y, (int)month, (int)day);
}

/* First and last day numbers of P (inclusive). */
void kpi_pc_span(const kpi_period *p, long *first, long *last)
{
	long y = p->year;
	int m;
	switch (p->type) {
	case KPI_PT_MONTH:
		*first = kpi_pc_days_from_civil(y, p->sub, 1);
		*last = *first + kpi_pc_days_in_month(y, p->sub) - 1;
		return;
	case KPI_PT_QUARTER:
		m = 3 * p->sub - 2;
		*first = kpi_pc_days_from_civil(y, m, 1);
		*last = kpi_pc_days_from_civil(y, m + 2, kpi_pc_days_in_month(y, m + 2));
		return;
	case KPI_PT_FINANCIAL_QUARTER:
		m = 3 * p->sub + 1;  /* Q1 -> April */
		if (m > 12) {
			m -= 12;
			y++;
		}
		*first = kpi_pc_days_from_civil(y, m, 1);
		*last = kpi_pc_days_from_civil(y, m + 2, kpi_pc_days_in_month(y, m + 2));
		return;
	case KPI_PT_FINANCIAL_YEAR:
		*first = kpi_pc_days_from_civil(y, 4, 1);
		*last = kpi_pc_days_from_civil(y + 1, 3, 31);
		return;
	case KPI_PT_ACADEMIC_YEAR:
		*first = kpi_pc_days_from_civil(y, 9, 1);
		*last = kpi_pc_days_from_civil(y + 1, 8, 31);
		return;
	case KPI_PT_YEAR:
		*first = kpi_pc_days_from_civil(y, 1, 1);
		*last = kpi_pc_days_from_civil(y, 12, 31);
		return;
	case KPI_PT_TERM:
		if (p->sub == 1) {
			*first = kpi_pc_days_from_civil(y, 9, 1);
			*last = kpi_pc_days_from_civil(y, 12, 31);
		} else if (p->sub == 2) {
			*first = kpi_pc_days_from_civil(y + 1, 1, 1);
			*last = easter_sunday(y + 1);
		} else {
			*first = easter_sunday(y + 1) + 1;
			*last = kpi_pc_days_from_civil(y + 1, 8, 31);
		}
		return;
	case KPI_PT_WEEK:
		*first = kpi_pc_iso_week1_monday(y) + 7L * (p->sub - 1);
		*last = *first + 6;
		return;
	case KPI_PT_DATE:
		*first = *last = kpi_pc_days_from_civil(y, p->sub, p->day);
		return;
	default:
		*first = *last = 0;
		return;
	}
}
