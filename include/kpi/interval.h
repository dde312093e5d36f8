/* interval.h: confidence intervals, benchmark comparison and the
 * small-denominator label (reference/methods.md sections B-E).
 *
 *   kpi_interval iv;
 *   if (kpi_interval_for("percent", 1, 23.5, 1, 4, 1, 17, KPI_CI_95, &iv) == 0)
 *       -> iv.method KPI_IV_WILSON, iv.lower 9.555..., iv.upper 47.26...
 *   kpi_benchmark_compare(KPI_POL_HIGHER, 1, iv.lower, iv.upper, 1, 30) -> KPI_CMP_SIMILAR
 *
 * Every formula is evaluated as written in methods.md (no reordering), so
 * results match the reference vectors within their tolerance. */
#ifndef KPI_INTERVAL_H
#define KPI_INTERVAL_H
#include <stddef.h>

/* Confidence level: 95% (z = 1.959963984540054) or 99.8% (z = 3.090232306167813). */
typedef enum { KPI_CI_95 = 0, KPI_CI_99_8 } kpi_ci;

typedef enum { KPI_IV_NONE = 0, KPI_IV_WILSON, KPI_IV_BYAR, KPI_IV_EXACT_POISSON } kpi_iv_method;

typedef struct {
	kpi_iv_method method;
	double lower, upper;
} kpi_interval;

/* The normal quantile for the level. */
double kpi_ci_z(kpi_ci ci);
/* "wilson", "byar", "exact_poisson"; NULL for KPI_IV_NONE */
const char *kpi_iv_method_name(kpi_iv_method m);

/* Wilson score interval of X of N, as a percentage (0-100).  B: lower is 0
 * exactly at x = 0 and upper 100 exactly at x = n.  0 on success; -1 (no
 * interval) when n <= 0, x < 0 or x > n. */
int kpi_wilson(double x, double n, kpi_ci ci, kpi_interval *out);

/* Interval of a count X of events (C.1-C.3): exact Poisson below 10 (table),
 * Byar's approximation from 10.  X must be a whole number >= 0, else -1. */
int kpi_poisson_count(double x, kpi_ci ci, kpi_interval *out);

/* Rate X / POP * PER with the count's limits scaled the same way (C.4).
 * -1 when X is not a whole number >= 0 or POP <= 0. */
int kpi_poisson_rate(double x, double pop, double per, kpi_ci ci, kpi_interval *out);

/* The interval for a latest value by unit (C.5):
 *   percent with numerator and denominator       Wilson
 *   count (the value itself)                     Byar / exact
 *   rate_per_10k, rate_per_100k with num and den Byar / exact, scaled
 * anything else: -1 (no interval, method KPI_IV_NONE). */
int kpi_interval_for(const char *unit, int has_value, double value,
		     int has_num, double num, int has_den, double den,
		     kpi_ci ci, kpi_interval *out);

/* Polarity of an indicator (contract §2). */
typedef enum { KPI_POL_NEUTRAL = 0, KPI_POL_HIGHER, KPI_POL_LOWER } kpi_polarity;
/* "higher_is_better", "lower_is_better", "neutral": 0; anything else -1. */
int kpi_polarity_parse(const char *s, kpi_polarity *out);
const char *kpi_polarity_name(kpi_polarity p);

/* Comparison with a benchmark (D). */
typedef enum {
	KPI_CMP_NOT_COMPARED = 0, KPI_CMP_SIMILAR, KPI_CMP_BETTER, KPI_CMP_WORSE,
	KPI_CMP_HIGHER, KPI_CMP_LOWER
} kpi_comparison;
/* "not_compared", "similar", "better", "worse", "higher", "lower" */
const char *kpi_comparison_name(kpi_comparison c);
/* B (BENCH) against the area's interval [LOWER, UPPER]: not_compared without
 * an interval, a value or B; similar when LOWER <= B <= UPPER; otherwise
 * better/worse by polarity, higher/lower for a neutral indicator. */
kpi_comparison kpi_benchmark_compare(kpi_polarity pol, int has_value, int has_interval,
				     double lower, double upper, int has_bench, double bench);

/* Small denominators (E): 1 when X of N is a percentage to flag (N below
 * THRESHOLD; X and N whole, 0 <= X <= N, N > 0), and LABEL (when not NULL)
 * gets "23.5% (4 of 17)", the percentage rounded half up in integers;
 * 0 otherwise (LABEL set to ""). */
#define KPI_SMALLDEN_LABEL_SZ 64
int kpi_small_denominator(double x, double n, double threshold, char *label, size_t sz);

#endif
