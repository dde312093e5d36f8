/* column_class.h: whether a column can be a catalogue indicator of a unit
 * (issue 14 item 7): a count column ("Number achieving Level 4 in English and
 * Maths") is never matched to a percent indicator, a percent column never to
 * a count. */
#ifndef KPI_COLUMN_CLASS_H
#define KPI_COLUMN_CLASS_H
#include <stddef.h>

/* What a column's own words and EES metadata say it holds. */
typedef enum { KPI_COL_UNKNOWN = 0, KPI_COL_COUNT, KPI_COL_PERCENT, KPI_COL_OTHER } kpi_col_class;
/* The class of a column named TEXT[0..n) (a header or indicator as written),
 * with the EES metadata INDICATOR_UNIT and INDICATOR_DP when known (else NULL):
 *   percent  words percent, percentage, pc, pct, rate, or '%'; unit "%"
 *   count    words number, count, headcount, fte, "total eligible"; unit ""
 *            with dp 0 (unless the words say percent)
 *   other    unit "£", "£m", "pp" (money, percentage points)
 * A percent word wins over a count word ("agency_rate_fte" is a percent). */
kpi_col_class kpi_column_class(const char *text, size_t n, const char *indicator_unit,
			       const char *indicator_dp);
/* Whether a column of class CLS may be the catalogue unit UNIT: a count is
 * never a percent, a percent never a count, money or points neither. */
int kpi_column_fits(kpi_col_class cls, const char *unit);
/* "a count", "a percent", "money or percentage points", "" */
const char *kpi_column_class_name(kpi_col_class cls);

#endif
