/* period.h: reporting periods.
 * Canonical text (contract §2):
 *   month 2017-06 | quarter 2017-Q1 | financial_quarter 2017/18-Q1 (Q1 = Apr-Jun)
 *   financial_year 2016/17 | academic_year 2016/17 | year 2017
 *   term 2016/17-T1 (T1 autumn, T2 spring, T3 summer) | week 2017-W05 (ISO) | date 2017-06-30
 * Every period of one type maps to a consecutive integer (its ordinal), so
 * "the previous period", "12 months before" and "gaps" are integer arithmetic. */
#ifndef KPI_PERIOD_H
#define KPI_PERIOD_H
#include <stddef.h>

typedef enum {
	KPI_PT_NONE = 0, KPI_PT_MONTH, KPI_PT_QUARTER, KPI_PT_FINANCIAL_QUARTER,
	KPI_PT_FINANCIAL_YEAR, KPI_PT_ACADEMIC_YEAR, KPI_PT_YEAR, KPI_PT_TERM,
	KPI_PT_WEEK, KPI_PT_DATE
} kpi_period_type;

typedef enum { KPI_YEAR_FINANCIAL = 0, KPI_YEAR_ACADEMIC } kpi_year_type;

typedef struct {
	kpi_period_type type;
	int year;  /* calendar year; for financial/academic years, quarters and terms the first year (2016 for 2016/17); ISO year for weeks */
	int sub;   /* month 1-12, quarter 1-4, term 1-3, ISO week 1-53, 0 for years */
	int day;   /* day of month for dates, else 0 */
} kpi_period;

/* "month", "financial_quarter", ...; NULL for KPI_PT_NONE */
const char *kpi_period_type_name(kpi_period_type t);
/* from the name; KPI_PT_NONE if unknown */
kpi_period_type kpi_period_type_from_name(const char *name);

/* Options for parsing written periods. */
typedef struct {
	kpi_year_type year_type;       /* for "2016/17", "201617", "2016-17", "2016/2017" */
	const char *time_identifier;   /* EES column ("Academic year", "Calendar year", "Spring term", "Week 5", ...), or NULL */
	int column_is_date;            /* the column is a date column: plain integers are Excel serial dates */
	int snapshot_month, snapshot_day; /* a measure taken as at this day of its year (1-12, 1-31), or 0, 0 */
} kpi_period_opts;

/* Parses a period as people and the DfE write it (see kpi-normalise(1) and
 * lib/period_parse.c for the forms).  A full date is its month when it is the
 * month's last day or follows "as at"; an Excel serial date (column_is_date)
 * is its month on the first or last day; any other day is a date period.
 * With a non-empty time_identifier the text must be the EES time_period for it:
 * "Reporting year" YYYY is the year to 31 March YYYY, the financial year
 * (YYYY-1)/YY; with a snapshot day (snapshot_month, snapshot_day) a
 * "Reporting year" or "Calendar year" YYYY is that day of YYYY, a date period
 * (workforce figures as at 30 September).
 * 0 on success; -1 with a message in err naming the text and the accepted forms
 * (err may be NULL).  No allocation; safe to call from any thread. */
int kpi_period_parse(const char *text, const kpi_period_opts *opts, kpi_period *out,
		     char *err, size_t errsz);
/* Parses canonical text.  TYPE tells 2016/17 financial from academic; with
 * KPI_PT_NONE, "2016/17" is a financial year.  0 on success, -1 if not canonical. */
int kpi_period_parse_canonical(const char *text, kpi_period_type type, kpi_period *out);

#define KPI_PERIOD_BUFSZ 16
/* Canonical text; returns its length. */
int kpi_period_format(const kpi_period *p, char out[KPI_PERIOD_BUFSZ]);
/* First and last day as ISO dates "YYYY-MM-DD" (11 bytes each with NUL).
 * Terms: autumn 1 Sep-31 Dec, spring 1 Jan-Easter Sunday, summer Easter Monday-31 Aug. */
void kpi_period_bounds(const kpi_period *p, char start[11], char end[11]);

/* Consecutive integer within the type; the inverse gives the period back.
 * month year*12+m-1, quarters year*4+q-1, years the (first) year, terms
 * year*3+t-1, weeks the weeks since Monday 1969-12-29, dates days since 1970-01-01. */
long kpi_period_ordinal(const kpi_period *p);
void kpi_period_from_ordinal(kpi_period_type t, long ord, kpi_period *out);
/* Periods in a year: 12 months, 4 quarters, 1 year, 3 terms, 52 weeks, 365 days. */
int kpi_period_per_year(kpi_period_type t);
/* <0, 0, >0 by start date (then type) */
int kpi_period_cmp(const kpi_period *a, const kpi_period *b);

/* Labels for reports (report-style.md §4).
 *   type               SHORT (sentences)    LONG (headers, "since")
 *   month              "Jun 17"             "June 2017"
 *   quarter            "Q1 2017"            "Quarter 1 2017"
 *   financial_quarter  "Jul-Sep 22/23 Q2"   "Quarter 2 (July to September) 2022/23"
 *   financial_year,
 *   academic_year      "2016/17"            "2016/17"
 *   year               "2017"               "2017"
 *   term               "Autumn 2016/17"     "Autumn Term 2016/17"
 *   week               "Week 5 2017"        "Week 5 2017"
 *   date               "30 Jun 17"          "30 June 2017"
 *   KPI_LABEL_AS_AT    the period's last day, "30 June 2017", "31 March 2024"
 * Returns the full length (like snprintf; the text is cut to fit SZ); 0 and ""
 * for an invalid period. */
typedef enum { KPI_LABEL_SHORT, KPI_LABEL_LONG, KPI_LABEL_AS_AT } kpi_label_style;
int kpi_period_label(const kpi_period *p, kpi_label_style style, char *out, size_t sz);

#endif
