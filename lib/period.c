/* period.c: canonical periods — names, canonical text, bounds, ordinals,
 * comparison and report labels.  Written (human) forms are parsed in
 * period_parse.c.
 *
 * Calendar facts used here:
 *   financial year 2016/17 = 1 April 2016 .. 31 March 2017, Q1 = April-June
 *   academic year 2016/17  = 1 September 2016 .. 31 August 2017
 *   terms of 2016/17: T1 autumn 1 Sep-31 Dec 2016, T2 spring 1 Jan 2017 to
 *     Easter Sunday 2017, T3 summer Easter Monday 2017 to 31 Aug 2017
 *     (the school census boundary is Easter; the three terms tile the year)
 *   ISO weeks start on Monday; week 1 holds the year's first Thursday. */
#include "kpi/period.h"
#include "period_cal.h"

#include <stdio.h>
#include <string.h>

const char *const kpi_pc_month_long[13] = {
	"", "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};
const char *const kpi_pc_month_short[13] = {
	"", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* ---- calendar arithmetic ------------------------------------------------ */

static long floor_div(long a, long b)
{
	long q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static long floor_mod(long a, long b)
{
	return a - floor_div(a, b) * b;
}

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

/* ---- names --------------------------------------------------------------- */

static const char *const type_names[] = {
	NULL, "month", "quarter", "financial_quarter", "financial_year",
	"academic_year", "year", "term", "week", "date"
};
#define N_TYPES ((int)(sizeof type_names / sizeof type_names[0]))

const char *kpi_period_type_name(kpi_period_type t)
{
	if ((int)t <= 0 || (int)t >= N_TYPES)
		return NULL;
	return type_names[t];
}

kpi_period_type kpi_period_type_from_name(const char *name)
{
	if (!name)
		return KPI_PT_NONE;
	for (int i = 1; i < N_TYPES; i++)
		if (strcmp(name, type_names[i]) == 0)
			return (kpi_period_type)i;
	return KPI_PT_NONE;
}

/* ---- a tiny bounded writer (no snprintf in the hot paths) --------------- */

typedef struct {
	char *p, *end;  /* end: one before the last byte, kept for the NUL */
	size_t len;     /* length that would have been written */
} writer;

static void w_init(writer *w, char *buf, size_t sz)
{
	w->p = buf;
	w->end = sz ? buf + sz - 1 : buf;
	w->len = 0;
	if (sz)
		*buf = '\0';
}

static void w_ch(writer *w, char c)
{
	if (w->p < w->end) {
		*w->p++ = c;
		*w->p = '\0';
	}
	w->len++;
}

static void w_str(writer *w, const char *s)
{
	while (*s)
		w_ch(w, *s++);
}

/* decimal, zero-padded to WIDTH digits */
static void w_num(writer *w, long v, int width)
{
	char digits[24];
	int n = 0;
	unsigned long u;
	if (v < 0) {
		w_ch(w, '-');
		u = 0UL - (unsigned long)v;
	} else {
		u = (unsigned long)v;
	}
	do {
		digits[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	while (n < width) {
		w_ch(w, '0');
		width--;
	}
	while (n)
		w_ch(w, digits[--n]);
}

/* "2016/17": the second year's last two digits */
static void w_split_year(writer *w, long y)
{
	w_num(w, y, 4);
	w_ch(w, '/');
	w_num(w, floor_mod(y + 1, 100), 2);
}

/* ---- canonical text ------------------------------------------------------ */

/* "YYYY-MM" straight into OUT: months are most of what kpi-trend writes
 * (every history point), and the checked writer cost ten times as much. */
static int format_month(int year, int month, char *out)
{
	out[0] = (char)('0' + year / 1000);
	out[1] = (char)('0' + year / 100 % 10);
	out[2] = (char)('0' + year / 10 % 10);
	out[3] = (char)('0' + year % 10);
	out[4] = '-';
	out[5] = (char)('0' + month / 10);
	out[6] = (char)('0' + month % 10);
	out[7] = '\0';
	return 7;
}

int kpi_period_format(const kpi_period *p, char out[KPI_PERIOD_BUFSZ])
{
	if (p->type == KPI_PT_MONTH && p->year >= 0 && p->year <= 9999 && p->sub >= 0 && p->sub <= 99)
		return format_month(p->year, p->sub, out);
	writer w;
	w_init(&w, out, KPI_PERIOD_BUFSZ);
	switch (p->type) {
	case KPI_PT_MONTH:
		w_num(&w, p->year, 4); w_ch(&w, '-'); w_num(&w, p->sub, 2);
		break;
	case KPI_PT_QUARTER:
		w_num(&w, p->year, 4); w_str(&w, "-Q"); w_num(&w, p->sub, 1);
		break;
	case KPI_PT_FINANCIAL_QUARTER:
		w_split_year(&w, p->year); w_str(&w, "-Q"); w_num(&w, p->sub, 1);
		break;
	case KPI_PT_FINANCIAL_YEAR:
	case KPI_PT_ACADEMIC_YEAR:
		w_split_year(&w, p->year);
		break;
	case KPI_PT_YEAR:
		w_num(&w, p->year, 4);
		break;
	case KPI_PT_TERM:
		w_split_year(&w, p->year); w_str(&w, "-T"); w_num(&w, p->sub, 1);
		break;
	case KPI_PT_WEEK:
		w_num(&w, p->year, 4); w_str(&w, "-W"); w_num(&w, p->sub, 2);
		break;
	case KPI_PT_DATE:
		w_num(&w, p->year, 4); w_ch(&w, '-'); w_num(&w, p->sub, 2);
		w_ch(&w, '-'); w_num(&w, p->day, 2);
		break;
	default:
		break;
	}
	return (int)(w.p - out);
}

/* Reads exactly N digits at *s; -1 if any is not a digit. */
static long digits(const char **s, int n)
{
	long v = 0;
	for (int i = 0; i < n; i++) {
		char c = (*s)[i];
		if (c < '0' || c > '9')
			return -1;
		v = v * 10 + (c - '0');
	}
	*s += n;
	return v;
}

int kpi_period_parse_canonical(const char *text, kpi_period_type type, kpi_period *out)
{
	const char *s = text;
	kpi_period p = { KPI_PT_NONE, 0, 0, 0 };
	long y = digits(&s, 4), v, d;
	if (y < 0)
		return -1;
	p.year = (int)y;
	if (*s == '\0') {
		p.type = KPI_PT_YEAR;
	} else if (*s == '/') {
		s++;
		if ((v = digits(&s, 2)) < 0 || v != floor_mod(y + 1, 100))
			return -1;
		if (*s == '\0') {
			p.type = type == KPI_PT_ACADEMIC_YEAR ? KPI_PT_ACADEMIC_YEAR : KPI_PT_FINANCIAL_YEAR;
		} else if (s[0] == '-' && (s[1] == 'Q' || s[1] == 'T') && s[2] >= '1' && s[3] == '\0') {
			p.type = s[1] == 'Q' ? KPI_PT_FINANCIAL_QUARTER : KPI_PT_TERM;
			p.sub = s[2] - '0';
			if (p.sub > (p.type == KPI_PT_TERM ? 3 : 4))
				return -1;
		} else {
			return -1;
		}
	} else if (*s == '-') {
		s++;
		if (s[0] == 'Q') {
			if (s[1] < '1' || s[1] > '4' || s[2] != '\0')
				return -1;
			p.type = KPI_PT_QUARTER;
			p.sub = s[1] - '0';
		} else if (s[0] == 'W') {
			s++;
			if ((v = digits(&s, 2)) < 1 || *s != '\0' || v > kpi_pc_iso_weeks(y))
				return -1;
			p.type = KPI_PT_WEEK;
			p.sub = (int)v;
		} else {
			if ((v = digits(&s, 2)) < 1 || v > 12)
				return -1;
			p.sub = (int)v;
			if (*s == '\0') {
				p.type = KPI_PT_MONTH;
			} else {
				if (*s++ != '-' || (d = digits(&s, 2)) < 1 || *s != '\0'
				    || d > kpi_pc_days_in_month(y, (int)v))
					return -1;
				p.type = KPI_PT_DATE;
				p.day = (int)d;
			}
		}
	} else {
		return -1;
	}
	if (type != KPI_PT_NONE && type != p.type)
		return -1;
	*out = p;
	return 0;
}

/* ---- bounds -------------------------------------------------------------- */

/* First and last day numbers of P (inclusive). */
static void span(const kpi_period *p, long *first, long *last)
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

static void iso_date(long days, char out[11])
{
	long y;
	int m, d;
	kpi_pc_civil_from_days(days, &y, &m, &d);
	if (y < 0)
		y = 0;
	if (y > 9999)
		y = 9999;
	writer w;
	w_init(&w, out, 11);
	w_num(&w, y, 4); w_ch(&w, '-'); w_num(&w, m, 2); w_ch(&w, '-'); w_num(&w, d, 2);
}

void kpi_period_bounds(const kpi_period *p, char start[11], char end[11])
{
	long first, last;
	if (p->type == KPI_PT_NONE) {
		start[0] = end[0] = '\0';
		return;
	}
	span(p, &first, &last);
	iso_date(first, start);
	iso_date(last, end);
}

/* ---- ordinals ------------------------------------------------------------ */

long kpi_period_ordinal(const kpi_period *p)
{
	long y = p->year;
	switch (p->type) {
	case KPI_PT_MONTH:
		return y * 12 + p->sub - 1;
	case KPI_PT_QUARTER:
	case KPI_PT_FINANCIAL_QUARTER:
		return y * 4 + p->sub - 1;
	case KPI_PT_FINANCIAL_YEAR:
	case KPI_PT_ACADEMIC_YEAR:
	case KPI_PT_YEAR:
		return y;
	case KPI_PT_TERM:
		return y * 3 + p->sub - 1;
	case KPI_PT_WEEK:
		/* weeks since the Monday 1969-12-29 (day -3) */
		return floor_div(kpi_pc_iso_week1_monday(y) + 7L * (p->sub - 1) + 3, 7);
	case KPI_PT_DATE:
		return kpi_pc_days_from_civil(y, p->sub, p->day);
	default:
		return 0;
	}
}

void kpi_period_from_ordinal(kpi_period_type t, long ord, kpi_period *out)
{
	long y;
	int m, d;
	out->type = t;
	out->sub = 0;
	out->day = 0;
	switch (t) {
	case KPI_PT_MONTH:
		out->year = (int)floor_div(ord, 12);
		out->sub = (int)floor_mod(ord, 12) + 1;
		break;
	case KPI_PT_QUARTER:
	case KPI_PT_FINANCIAL_QUARTER:
		out->year = (int)floor_div(ord, 4);
		out->sub = (int)floor_mod(ord, 4) + 1;
		break;
	case KPI_PT_FINANCIAL_YEAR:
	case KPI_PT_ACADEMIC_YEAR:
	case KPI_PT_YEAR:
		out->year = (int)ord;
		break;
	case KPI_PT_TERM:
		out->year = (int)floor_div(ord, 3);
		out->sub = (int)floor_mod(ord, 3) + 1;
		break;
	case KPI_PT_WEEK: {
		long monday = ord * 7 - 3;
		/* the ISO year is the calendar year of the week's Thursday */
		kpi_pc_civil_from_days(monday + 3, &y, &m, &d);
		out->year = (int)y;
		out->sub = (int)((monday - kpi_pc_iso_week1_monday(y)) / 7 + 1);
		break;
	}
	case KPI_PT_DATE:
		kpi_pc_civil_from_days(ord, &y, &m, &d);
		out->year = (int)y;
		out->sub = m;
		out->day = d;
		break;
	default:
		out->type = KPI_PT_NONE;
		out->year = 0;
		break;
	}
}

int kpi_period_per_year(kpi_period_type t)
{
	switch (t) {
	case KPI_PT_MONTH:
		return 12;
	case KPI_PT_QUARTER:
	case KPI_PT_FINANCIAL_QUARTER:
		return 4;
	case KPI_PT_FINANCIAL_YEAR:
	case KPI_PT_ACADEMIC_YEAR:
	case KPI_PT_YEAR:
		return 1;
	case KPI_PT_TERM:
		return 3;
	case KPI_PT_WEEK:
		return 52;
	case KPI_PT_DATE:
		return 365;
	default:
		return 0;
	}
}

int kpi_period_cmp(const kpi_period *a, const kpi_period *b)
{
	long fa, la, fb, lb;
	span(a, &fa, &la);
	span(b, &fb, &lb);
	if (fa != fb)
		return fa < fb ? -1 : 1;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	return 0;
}

/* ---- labels -------------------------------------------------------------- */

/* "17/18" */
static void w_short_split_year(writer *w, long y)
{
	w_num(w, floor_mod(y, 100), 2);
	w_ch(w, '/');
	w_num(w, floor_mod(y + 1, 100), 2);
}

static void w_long_date(writer *w, long days)
{
	long y;
	int m, d;
	kpi_pc_civil_from_days(days, &y, &m, &d);
	w_num(w, d, 1); w_ch(w, ' ');
	w_str(w, kpi_pc_month_long[m]); w_ch(w, ' ');
	w_num(w, y, 4);
}

static const char *const term_names[4] = { "", "Autumn", "Spring", "Summer" };

/* The months of a financial quarter: Q1 April..June */
static int fq_first_month(int q)
{
	int m = 3 * q + 1;
	return m > 12 ? m - 12 : m;
}

static int valid_for_label(const kpi_period *p)
{
	switch (p->type) {
	case KPI_PT_MONTH:
		return p->sub >= 1 && p->sub <= 12;
	case KPI_PT_QUARTER:
	case KPI_PT_FINANCIAL_QUARTER:
		return p->sub >= 1 && p->sub <= 4;
	case KPI_PT_TERM:
		return p->sub >= 1 && p->sub <= 3;
	case KPI_PT_WEEK:
		return p->sub >= 1 && p->sub <= 53;
	case KPI_PT_DATE:
		return p->sub >= 1 && p->sub <= 12 && p->day >= 1 && p->day <= 31;
	case KPI_PT_FINANCIAL_YEAR:
	case KPI_PT_ACADEMIC_YEAR:
	case KPI_PT_YEAR:
		return 1;
	default:
		return 0;
	}
}

int kpi_period_label(const kpi_period *p, kpi_label_style style, char *out, size_t sz)
{
	writer w;
	w_init(&w, out, sz);
	if (!valid_for_label(p))
		return 0;
	long y = p->year;
	if (style == KPI_LABEL_AS_AT) {
		long first, last;
		span(p, &first, &last);
		w_long_date(&w, last);
		return (int)w.len;
	}
	int lng = style == KPI_LABEL_LONG;
	int m;
	switch (p->type) {
	case KPI_PT_MONTH:
		if (lng) {
			w_str(&w, kpi_pc_month_long[p->sub]); w_ch(&w, ' '); w_num(&w, y, 4);
		} else {
			w_str(&w, kpi_pc_month_short[p->sub]); w_ch(&w, ' '); w_num(&w, floor_mod(y, 100), 2);
		}
		break;
	case KPI_PT_QUARTER:
		w_str(&w, lng ? "Quarter " : "Q"); w_num(&w, p->sub, 1);
		w_ch(&w, ' '); w_num(&w, y, 4);
		break;
	case KPI_PT_FINANCIAL_QUARTER:
		m = fq_first_month(p->sub);
		if (lng) {  /* "Quarter 2 (July to September) 2022/23" */
			w_str(&w, "Quarter "); w_num(&w, p->sub, 1); w_str(&w, " (");
			w_str(&w, kpi_pc_month_long[m]); w_str(&w, " to ");
			w_str(&w, kpi_pc_month_long[m + 2]); w_str(&w, ") ");
			w_split_year(&w, y);
		} else {    /* "Jul-Sep 22/23 Q2" */
			w_str(&w, kpi_pc_month_short[m]); w_ch(&w, '-');
			w_str(&w, kpi_pc_month_short[m + 2]); w_ch(&w, ' ');
			w_short_split_year(&w, y); w_str(&w, " Q"); w_num(&w, p->sub, 1);
		}
		break;
	case KPI_PT_FINANCIAL_YEAR:
	case KPI_PT_ACADEMIC_YEAR:
		w_split_year(&w, y);
		break;
	case KPI_PT_YEAR:
		w_num(&w, y, 4);
		break;
	case KPI_PT_TERM:
		w_str(&w, term_names[p->sub]);
		w_str(&w, lng ? " Term " : " ");
		w_split_year(&w, y);
		break;
	case KPI_PT_WEEK:
		w_str(&w, "Week "); w_num(&w, p->sub, 1); w_ch(&w, ' '); w_num(&w, y, 4);
		break;
	case KPI_PT_DATE:
		w_num(&w, p->day, 1); w_ch(&w, ' ');
		if (lng) {
			w_str(&w, kpi_pc_month_long[p->sub]); w_ch(&w, ' '); w_num(&w, y, 4);
		} else {
			w_str(&w, kpi_pc_month_short[p->sub]); w_ch(&w, ' '); w_num(&w, floor_mod(y, 100), 2);
		}
		break;
	default:
		break;
	}
	return (int)w.len;
}
