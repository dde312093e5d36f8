/* period_label.c: periods as a report writes them (report-style.md §4):
 * short labels for sentences ("Jun 17", "Autumn 2016/17"), long ones for
 * headers ("June 2017"), and the last day of a period ("as at 30 June
 * 2017"). */
#include "kpi/period.h"
#include "period_cal.h"
#include "period_write.h"

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
		kpi_pc_span(p, &first, &last);
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
