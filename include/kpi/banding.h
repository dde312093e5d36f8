/* banding.h: comparisons with other areas (methods.md D.2 and F): a
 * comparison by value where there is no interval, rank, type-7 quartiles,
 * the quartile band and the statistical-neighbour average, as the DfE's
 * Local Authority Interactive Tool (LAIT) computes them.
 *
 *   double q[3];
 *   kpi_quartiles(sorted, n, q);                 R quantile(type = 7)
 *   kpi_rank(KPI_POL_LOWER, 62, values, n)       1 + the number strictly better
 *   kpi_band(KPI_POL_LOWER, 62, q)               'A' (best) .. 'D'
 *   kpi_value_compare(KPI_POL_LOWER, 62, 0, 58.2, 1) -> KPI_CMP_WORSE */
#ifndef KPI_BANDING_H
#define KPI_BANDING_H
#include <stddef.h>
#include "kpi/interval.h"

/* D.2: VALUE against the comparator B with no interval: similar when the two
 * are equal once rounded to the fewer of their decimals (DEC_VALUE and
 * DEC_B, the digits after the point as published), else better/worse by
 * polarity (higher/lower for a neutral indicator). */
kpi_comparison kpi_value_compare(kpi_polarity pol, double value, int dec_value, double b, int dec_b);

/* The digits after the point of the shortest text that reads back as V
 * (62 -> 0, 58.25 -> 2), at most 17. */
int kpi_value_decimals(double v);

/* R's type-7 quartiles Q[0..2] (p = 0.25, 0.5, 0.75) of SORTED[0..n), n > 0,
 * ascending. */
void kpi_quartiles(const double *sorted, size_t n, double q[3]);

/* 1 + the number of VALUES[0..n) strictly better than V (greater when higher
 * is better, smaller when lower is): ties share the best rank.  0 for a
 * neutral polarity. */
size_t kpi_rank(kpi_polarity pol, double v, const double *values, size_t n);

/* The band of V against the quartiles Q: lower is better, v <= Q1 'A',
 * <= Q2 'B', <= Q3 'C', else 'D'; higher is better, v > Q3 'A', > Q2 'B',
 * > Q1 'C', else 'D'.  0 for a neutral polarity. */
char kpi_band(kpi_polarity pol, double v, const double q[3]);

#endif
