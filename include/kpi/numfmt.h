/* numfmt.h: the shortest text that reads back to the same double. */
#ifndef KPI_NUMFMT_H
#define KPI_NUMFMT_H
#include <stddef.h>

#define KPI_NUM_BUFSZ 32
/* Writes v into out (NUL-terminated) and returns the length; integers have no
 * ".0", 0.1+0.2 gives 0.30000000000000004, -0 gives 0, large values use JSON
 * exponent form (1e+21).  NaN and infinities are never written: returns -1. */
int kpi_fmt_double(char out[KPI_NUM_BUFSZ], double v);
/* 1 when TEXT[0..len), less one trailing '%', is what kpi_fmt_double writes
 * for V: a plain decimal (-?digits[.digits], no leading zero, no trailing
 * zero after the point) of 1 to 15 significant digits, at most 15 decimals
 * and not below 1e-6, that reads back as V.  Such a text is the shortest:
 * two decimals of 15 digits or fewer never read back as the same double. */
int kpi_fmt_is_shortest(const char *text, size_t len, double v);

/* Fixed decimals for reports ("23.5", "20.0"), rounding half away from zero
 * on the shortest decimal text, so 0.05 -> "0.1" as a reader expects. */
int kpi_fmt_fixed(char *out, size_t sz, double v, int decimals);

/* The decimals a report prints a value of UNIT with: the catalogue's
 * DECIMALS when it is 0 to 6, else 0 for counts and currency, 2 for ratios,
 * 1 for percentages, rates, days, weeks and scores, and -1 (the shortest
 * text) without a unit.  One definition for kpi-flag's movement and
 * kpi-render's figures. */
int kpi_report_decimals(const char *unit, int decimals);
/* A value as a report prints it at DECIMALS (-1: shortest text), a rounded
 * negative zero as zero ("-0.0" is "0.0"), without thousands separators. */
void kpi_fmt_report(char *out, size_t sz, double v, int decimals);
/* 1 when A and B print the same at DECIMALS: "equal as printed". */
int kpi_same_printed(double a, double b, int decimals);
/* A - B as the decimals subtract: the double difference rounded to the
 * decimals of the longer of A's and B's shortest texts, so 61.2 - 60.9 is
 * 0.3, not 0.30000000000000426 (neither has more than one decimal, so the
 * difference has none past it).  Left as the plain difference when either
 * has more than 15 decimals or the scaled difference is past 2^53. */
double kpi_decimal_sub(double a, double b);

#endif
