/* value.h: value cells as people and the DfE write them.
 *
 *   "23.5%" -> 23.5 (percent sign noted)   "1,234" -> 1234   " 99.999" -> 99.999
 *   "85.700000000000" -> 85.7   "1.2e3" -> 1200   "-3"   "£1,200.50" -> 1200.5
 *   status words (contract §4a): "c" -> suppressed, "x" -> not_available,
 *   "z" -> not_applicable, "low" -> rounds_to_zero, "#DIV/0!" -> error; the
 *   value is then absent.  "12u" is 12 of low_reliability: the value is kept.
 * Durations "02:03" (years:months) or "09:15" (months:days) convert to days,
 * weeks or months. */
#ifndef KPI_VALUE_H
#define KPI_VALUE_H
#include <stddef.h>

typedef enum {
	KPI_ST_OK = 0, KPI_ST_SUPPRESSED, KPI_ST_NOT_APPLICABLE, KPI_ST_MISSING, KPI_ST_ERROR,
	KPI_ST_NOT_AVAILABLE, KPI_ST_ROUNDS_TO_ZERO, KPI_ST_LOW_RELIABILITY
} kpi_status;

/* "ok", "suppressed", "not_applicable", "missing", "error", "not_available",
 * "rounds_to_zero", "low_reliability" */
const char *kpi_status_name(kpi_status st);

/* The status a token stands for, or -1 when S is not a status token.
 * Tokens (surrounding spaces ignored, letters in any case; the GSS symbols
 * also in square brackets, "[c]", "[low]"):
 *   suppressed      c *
 *   not_available   x u : ..        (u alone: no value to flag)
 *   not_applicable  z . -
 *   rounds_to_zero  low k ~
 *   missing         (empty) NA n/a
 *   error           #VALUE! #DIV/0! #N/A #REF! #NAME? #NUM! #NULL! */
int kpi_status_token(const char *s, size_t n);

typedef struct {
	kpi_status status;  /* KPI_ST_OK or KPI_ST_LOW_RELIABILITY when value holds a number */
	double value;
	int percent_sign;   /* written with a trailing % */
	int decimals;       /* significant decimal places as written (85.700 -> 1; 1.2e3 -> -2) */
	int shortest;       /* 1: the text, less a trailing '%', is the shortest round-trip
	                     * text of value (what kpi_fmt_double writes); 0: unknown */
} kpi_value;

/* Parses a value cell S[0..n): a number (spaces around it, a sign, '£' or '$',
 * thousands commas in groups of three, a fraction, an exponent, a trailing
 * '%'), a number flagged as of low reliability ("12u", "12 u", "12 [u]":
 * KPI_ST_LOW_RELIABILITY with the value) or a status token.  0 on success;
 * -1 when it is none of these. */
int kpi_value_parse(const char *s, size_t n, kpi_value *out);

/* The same through the full grammar, without the shortcut for plain
 * decimals ("-35.1", "46", "23.5%") that kpi_value_parse takes first (and
 * that alone sets shortest): its reference in the unit tests. */
int kpi_value_parse_general(const char *s, size_t n, kpi_value *out);

/* Whether V holds a number (ok, or low_reliability). */
static inline int kpi_value_known(const kpi_value *v)
{
	return v->status == KPI_ST_OK || v->status == KPI_ST_LOW_RELIABILITY;
}

/* A plain number as above (no status tokens): 0 and *out, or -1.
 * For options and side files (kpi-flag targets: "75%", "1,200"). */
int kpi_number_parse(const char *s, double *out);

typedef enum { KPI_DUR_YY_MM = 0, KPI_DUR_MM_DD } kpi_duration_form;
typedef enum { KPI_DUR_DAYS = 0, KPI_DUR_WEEKS, KPI_DUR_MONTHS } kpi_duration_unit;

/* Parses "N:MM" (digits, a colon, one or two digits; spaces around ignored)
 * as years:months (months 0-11) or months:days (days 0-30), and converts it:
 * a year is 365.25 days, a month 365.25/12 days; days are rounded to the
 * nearest whole day, weeks are days / 7, months are exact (years*12 + months,
 * or months + days*12/365.25).  0 on success; -1 if S is not a duration. */
int kpi_duration_parse(const char *s, size_t n, kpi_duration_form form,
		       kpi_duration_unit unit, double *out);
/* Whether S looks like a duration "N:MM" at all (for messages). */
int kpi_duration_like(const char *s, size_t n);

#endif
