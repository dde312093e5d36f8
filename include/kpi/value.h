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

/* kpi_value_parse's answer for a plain decimal of at most 15 digits
 * (-?digits[.digits]%?: "35.1%", "46", "-0.25"): 1 with *OUT set as
 * kpi_value_parse sets it, shortest included; 0 for any other text (then
 * ask kpi_value_parse).  Inline and without a test per digit: kpi-normalise
 * reads three cells a record (tests/unit/test_value_plain.c compares it
 * with kpi_value_parse). */
static inline __attribute__((always_inline)) int kpi_value_parse_short(const char *s, size_t n,
									   kpi_value *out)
{
	static const double pow10[16] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
					 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
	const char *p = s, *end = s + n;
	int percent = 0, neg = 0;
	if (n == 0 || n > 18) /* a sign, 15 digits, a point and '%' at most */
		return 0;
	if (end[-1] == '%')
		end--, percent = 1;
	if (p < end && *p == '-')
		p++, neg = 1;
	const char *int_start = p;
	unsigned long long m = 0; /* below 10^17: no overflow */
	unsigned d;
	while (p < end && (d = (unsigned)(unsigned char)*p - '0') <= 9)
		m = m * 10 + d, p++;
	size_t int_digits = (size_t)(p - int_start), frac_digits = 0;
	const char *frac = p;
	if (p < end && *p == '.') {
		frac = ++p;
		while (p < end && (d = (unsigned)(unsigned char)*p - '0') <= 9)
			m = m * 10 + d, p++;
		frac_digits = (size_t)(p - frac);
		if (frac_digits == 0)
			return 0;
	}
	if (p != end || int_digits == 0 || int_digits + frac_digits > 15)
		return 0;
	/* the places to the last non-zero decimal (85.700 has 1) */
	size_t last_nonzero = frac_digits;
	while (last_nonzero && frac[last_nonzero - 1] == '0')
		last_nonzero--;
	double v = (double)m / pow10[frac_digits];
	out->status = KPI_ST_OK;
	out->value = m == 0 ? 0.0 : neg ? -v : v; /* no -0 */
	out->percent_sign = percent;
	out->decimals = (int)last_nonzero;
	/* the shortest text: no leading zero, no trailing zero decimal, and
	 * "0.000000x" (from 1e-7 down) is written with an exponent.  At most 15
	 * digits: as many significant ones or fewer. */
	int shortest = m != 0 && !(int_digits > 1 && *int_start == '0') && last_nonzero == frac_digits;
	if (shortest && int_digits == 1 && *int_start == '0') {
		size_t first_nonzero = 0;
		while (frac[first_nonzero] == '0')
			first_nonzero++; /* m != 0: a non-zero decimal ends it */
		shortest = first_nonzero <= 5;
	}
	out->shortest = shortest;
	return 1;
}

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
