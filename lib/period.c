/* period.c: canonical periods — names, canonical text, bounds, ordinals
 * and comparison.  Written (human) forms are parsed in period_parse.c,
 * report labels written in period_label.c; the calendar under them all is
 * period_cal.c. */
#include "kpi/period.h"
#include "period_cal.h"
#include "period_write.h"

#include <stdio.h>
#include <string.h>

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
	kpi_pc_span(p, &first, &last);
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
	kpi_pc_span(a, &fa, &la);
	kpi_pc_span(b, &fb, &lb);
	if (fa != fb)
		return fa < fb ? -1 : 1;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	return 0;
}
