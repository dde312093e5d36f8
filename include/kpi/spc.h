/* spc.h: XmR (individuals and moving range) charts, reference/methods.md A.
 *
 *   kpi_spc s; kpi_spc_init(&s);
 *   kpi_spc_opts o; kpi_spc_opts_init(&o);          min_points 12, no screening, no baseline
 *   double v[] = {1, 2, NAN, 3, ...};                NaN is a null (missing or suppressed)
 *   kpi_spc_run(&s, v, n, KPI_POL_HIGHER, &o, NULL, 0);
 *   const kpi_spc_segment *last = kpi_spc_last(&s);   last->ok, ->mean, ->ucl, ...
 *   for (i = 0; i < s.n_sig; i++) s.sig[i].index, .rule, .direction, .cls
 *   kpi_spc_variation(&s)                           "common_cause", "concern_low", ... or NULL
 *   kpi_spc_assurance(target, pol, last->ucl, last->lcl)
 *   kpi_spc_free(&s);
 *
 * Values are positions 0..n-1 of consecutive periods; moving ranges are formed
 * only between adjacent non-null positions.  Sums are plain left-to-right loops
 * and formulas are evaluated as written, so results match the vectors. */
#ifndef KPI_SPC_H
#define KPI_SPC_H
#include <stddef.h>
#include "kpi/interval.h" /* kpi_polarity */

#define KPI_SPC_LIMIT 2.66
#define KPI_SPC_TWO_SIGMA (2.0 * 2.66 / 3.0) /* 1.7733333333333334 */
#define KPI_SPC_SCREEN 3.267
#define KPI_SPC_RUN 7
#define KPI_SPC_MIN_POINTS 12

/* Rules (A.5), as bits, in their order of precedence (A.6). */
enum {
	KPI_SPC_OUTSIDE_LIMITS = 1, KPI_SPC_TREND = 2,
	KPI_SPC_TWO_OF_THREE = 4, KPI_SPC_SHIFT = 8
};
/* "outside_limits", "trend", "two_of_three", "shift" for one bit; NULL otherwise */
const char *kpi_spc_rule_name(unsigned rule);

typedef enum { KPI_SPC_IMPROVEMENT = 0, KPI_SPC_CONCERN, KPI_SPC_NEUTRAL } kpi_spc_class;
/* "improvement", "concern", "neutral" */
const char *kpi_spc_class_name(kpi_spc_class c);
/* A.6: a direction (+1 high, -1 low) under a polarity. */
kpi_spc_class kpi_spc_classify(int direction, kpi_polarity pol);

typedef struct {
	size_t min_points;   /* default KPI_SPC_MIN_POINTS */
	int screen_outliers; /* A.3, default off */
	size_t baseline;     /* A.10: limits from the first B non-null points of each segment; 0 = all */
} kpi_spc_opts;
void kpi_spc_opts_init(kpi_spc_opts *o);

typedef struct {
	size_t start;           /* first position of the segment */
	int ok;                 /* 1: limits computed; 0: insufficient_data or overflow (numbers below are 0) */
	int overflow;           /* 0 with ok 0: the mean, moving range or a limit is beyond a double */
	size_t n_points;        /* non-null points in the segment */
	size_t n_baseline, n_moving_ranges, n_screened;
	double mean, avg_mr, ucl, lcl, upper_2s, lower_2s;
} kpi_spc_segment;

typedef struct {
	size_t index;        /* position in the values */
	unsigned rules;      /* every rule met (bits) */
	unsigned rule;       /* the primary rule (one bit) */
	int direction;       /* +1 high, -1 low, from the primary rule */
	kpi_spc_class cls;
} kpi_spc_signal;

typedef struct {
	kpi_spc_segment *seg;    /* every segment, oldest first */
	size_t n_seg;
	kpi_spc_signal *sig;     /* special-cause points of all segments, by position */
	size_t n_sig;
	int has_last;            /* the last segment has a non-null point */
	size_t last_index;       /* its position */
	/* working storage, reused between runs */
	size_t seg_cap, sig_cap, work_cap;
	size_t *pos;
	double *val;
	signed char *dir;        /* 4 per point: the direction of each rule met, 0 when not met */
	signed char *side;       /* 3 per point (segment_rules): its side of the mean, its step, beyond 2 sigma */
} kpi_spc;

void kpi_spc_init(kpi_spc *s);
void kpi_spc_free(kpi_spc *s);
/* Charts V[0..N) (NaN = null) for POL.  REBASE_AT: positions where a new
 * segment starts (any order; 0 and positions >= N are ignored).  Results
 * replace those of an earlier run. */
void kpi_spc_run(kpi_spc *s, const double *v, size_t n, kpi_polarity pol,
		 const kpi_spc_opts *o, const size_t *rebase_at, size_t n_rebase);
/* The last segment (the one the summary describes). */
const kpi_spc_segment *kpi_spc_last(const kpi_spc *s);
/* A.7: "common_cause", "improvement_high", "concern_low", "neutral_high", ...;
 * NULL when the last segment is insufficient_data. */
const char *kpi_spc_variation(const kpi_spc *s);
/* A.8: "consistent_pass", "consistent_fail", "inconsistent"; NULL for a
 * neutral polarity.  The caller passes the last segment's (unclipped) limits
 * and must itself return null without a target or without limits. */
const char *kpi_spc_assurance(double target, kpi_polarity pol, double ucl, double lcl);

#endif
