/* flag.h: kpi-flag's per-record work (flag.c), benchmark series from the
 * stream (stream.c) and the --explain line (explain.c). */
#ifndef KPI_FLAG_FLAG_H
#define KPI_FLAG_FLAG_H
#include <jansson.h>
#include "judge.h"
#include "kpi/benchmarks.h"
#include "kpi/buf.h"
#include "kpi/interval.h"
#include "kpi/period.h"
#include "kpi/record.h"
#include "kpi/targets.h"

/* Benchmark series read from the input (--benchmark-area without --benchmarks):
 * every point of the benchmark area's summaries, sorted by series and period. */
typedef struct {
	char *key;           /* folded indicator, \x1f, folded breakdown */
	const char *area;    /* points into stream_bench.areas */
	kpi_period period;
	char start[11];      /* first day of the period, ISO */
	double value;
} stream_point;

typedef struct {
	stream_point *pt;
	size_t n, cap;
	char **areas;
	size_t n_areas, cap_areas;
	int sorted;
} stream_bench;

typedef struct {
	kpi_targets *targets;         /* --targets, or NULL */
	kpi_benchmarks *bench_file;   /* --benchmarks, or NULL */
	const char *bench_area;       /* --benchmark-area, or NULL */
	stream_bench *stream;         /* benchmark series from the input, or NULL */
	int has_tolerance;            /* --tolerance */
	double tolerance;
	int tolerance_pct;
	double small_den;             /* --small-denominator (20) */
	int window;                   /* --window (12) */
	int explain;                  /* --explain */
	judge_opts jo;
} flag_ctx;

/* The benchmark a series is compared with. */
typedef struct {
	int found;
	const char *area;
	char period[KPI_PERIOD_BUFSZ];
	double value;
	int has_lower, has_upper;
	double lower, upper;
	const char *source;
	kpi_comparison cmp;
} flag_bench;

/* Everything kpi-flag works out for one summary. */
typedef struct {
	json_t *obj;                  /* the record as a jansson tree */
	const char *indicator, *area, *breakdown, *unit;
	kpi_polarity pol;
	int has_value;
	double value;
	kpi_period_type ptype;
	int has_as_at, has_period;
	kpi_period as_at, period;
	int window;                   /* periods in the window: the summary's window.length, else --window */
	/* targets */
	kpi_target_set tset;
	long in_force;                /* index in tset.row, -1 none */
	int has_gap, has_met, has_needed;
	double gap;
	int met;
	long long needed;
	const char *rag;
	int due_soon;
	/* benchmark, interval, assurance */
	flag_bench bench;
	int has_interval;
	kpi_interval iv;
	const char *assurance;
	char small_label[KPI_SMALLDEN_LABEL_SZ];
	judge_in in;
	judge_out out;
} flag_result;

/* Works out R for the record REC (OBJ is its tree).  0 on success; -1 with a
 * message in ERR when the record is bad. */
int flag_compute(const flag_ctx *ctx, json_t *obj, flag_result *r, char *err, size_t errsz);
void flag_result_free(flag_result *r);
/* Appends the judged record (pass-through fields, then the judgement) as one line. */
int flag_write(const flag_result *r, const kpi_record *rec, kpi_buf *out);
/* Appends the --explain line. */
void flag_explain(const flag_ctx *ctx, const flag_result *r, kpi_buf *out);

/* stream.c */
/* Adds the points of a benchmark-area summary (the record LINE). */
void stream_bench_add(stream_bench *s, const char *line, size_t len);
void stream_bench_free(stream_bench *s);
/* The benchmark series' latest point whose period starts on or before AS_AT's
 * last day (from any of its summaries' history or values).  1 when found. */
int stream_bench_find(stream_bench *s, const char *indicator, const char *breakdown,
		      const kpi_period *as_at, flag_bench *b);

/* small json helpers (flag.c) */
int jnum(const json_t *o, const char *key, double *v);
const char *jstr(const json_t *o, const char *key);
int fold_eq(const char *a, const char *b);

#endif
