/* checks.h: kpi-normalise's checks of a record's figures (issue 5): a
 * count or a denominator below 0, a percentage outside 0-100, a value that
 * disagrees with its numerator and denominator.  They add problems (a
 * data error, or data_quality notes with --lenient), never stop.  Inline:
 * every record is checked, and a call per record cost more than the rest
 * of the split allowed; the messages are written by checks.c. */
#ifndef NORMALISE_CHECKS_H
#define NORMALISE_CHECKS_H
#include <math.h>
#include <stdio.h>
#include "kpi/numfmt.h"
#include "cells.h"

/* Adds a problem (printf's FMT) to nz->problems. */
void add_problem(normaliser *nz, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* V's shortest text in BUF, or "?". */
const char *nz_num(char buf[KPI_NUM_BUFSZ], double v);
/* pow(10, -d), the rounding of a value written with D decimals: the common
 * D are kept as pow() gave them (the same bits, without a call per record). */
static inline double ten_to_minus(int d)
{
	enum { LO = -24, HI = 24 };
	static double memo[HI - LO + 1];
	static int have;
	if (!have) {
		for (int i = LO; i <= HI; i++)
			memo[i - LO] = pow(10, -i);
		have = 1;
	}
	return d >= LO && d <= HI ? memo[d - LO] : pow(10, -d);
}

/* The checks of issue 5: they add problems, never stop. */
static inline void check_values(normaliser *nz, const kpi_cat_entry *e, const cell *val,
			 const cell *numr, const cell *den)
{
	char a[KPI_NUM_BUFSZ], b[KPI_NUM_BUFSZ], c[KPI_NUM_BUFSZ];
	int has_v = kpi_value_known(&val->v), has_n = kpi_value_known(&numr->v),
	    has_d = kpi_value_known(&den->v);
	double v = val->v.value, n = numr->v.value, d = den->v.value;
	entry_kind(nz, e);
	int unit = nz->kind_unit;
	if (has_v && unit == U_COUNT && v < 0)
		add_problem(nz, "negative count %s", nz_num(a, v));
	if (has_n && n < 0)
		add_problem(nz, "negative numerator %s", nz_num(a, n));
	if (has_d && d < 0)
		add_problem(nz, "negative denominator %s", nz_num(a, d));
	if (has_d && d == 0)
		add_problem(nz, "denominator is 0");
	if (has_v && unit == U_PERCENT && (v < 0 || v > 100))
		add_problem(nz, "percent %s is outside 0-100", nz_num(a, v));
	if (has_n && has_d && d > 0 && unit == U_PERCENT && n > d)
		add_problem(nz, "numerator %s is greater than denominator %s", nz_num(a, n), nz_num(b, d));
	double scale = unit == U_PERCENT ? 100 : unit == U_RATE_10K ? 1e4
		     : unit == U_RATE_100K ? 1e5 : unit == U_RATIO ? 1 : 0;
	if (has_v && has_n && has_d && d > 0 && scale > 0) {
		double expect = scale * n / d;
		/* within the rounding of the value as written: 22.6 covers 22.55..22.65;
		 * and of the count: the DfE rounds national and regional counts to
		 * the nearest 10 (11910 children may be 11905..11914), so a multiple
		 * of 10 is read as any count it could have been rounded from */
		double tol = 0.5 * ten_to_minus(val->v.decimals) + 1e-9 * fabs(expect);
		if (n >= 10 && nz_multiple_of_ten(n))
			tol += scale * 5 / d;
		if (fabs(v - expect) > tol) {
			char e6[32];
			snprintf(e6, sizeof e6, "%.6g", expect);
			add_problem(nz, "value %s disagrees with numerator/denominator %s/%s = %s",
				    nz_num(a, v), nz_num(b, n), nz_num(c, d), e6);
		}
	}
}

#endif
