/* flag.h: kpi-flag's per-record work (flag.c), benchmark series from the
 * stream (stream.c) and the --explain line (explain.c). */
#ifndef KPI_FLAG_FLAG_H
#define KPI_FLAG_FLAG_H
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
	char *key;           /* folded indicator, \x1f, the breakdown's identity (kpi_breakdown_key) */
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
	kpi_record point;    /* scratch: a history point being read (all zero is empty) */
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

/* The nested parts of a summary kpi-flag reads, parsed from the record's raw
 * text (flag.c keeps them in scratch records reused from line to line). */
typedef struct {
	const kpi_record *rec;        /* the summary */
	const kpi_record *spc, *window, *run, *previous, *year_ago; /* NULL when absent */
	const kpi_record *history;    /* history[i]: a point (empty when not an object) */
	size_t n_history;
	const kpi_record *signals;    /* spc.signals[i] */
	size_t n_signals;
} flag_view;

/* Everything kpi-flag works out for one summary. */
typedef struct {
	flag_view v;
	const char *indicator, *area, *unit;
	const char *breakdown;        /* the words a reader sees, NULL for the total series */
	const char *breakdown_key;    /* its identity (kpi_breakdown_key): "" for the total series */
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

/* Works out R for the parsed record REC.  0 on success; -1 with a message in
 * ERR when the record is bad.  R points into REC and into scratch records
 * that the next call reuses. */
int flag_compute(const flag_ctx *ctx, const kpi_record *rec, flag_result *r, char *err, size_t errsz);
void flag_result_free(flag_result *r);
/* Appends the judged record (pass-through fields, then the judgement) as one line. */
int flag_write(const flag_result *r, const kpi_record *rec, kpi_buf *out);
/* Appends the --explain line. */
void flag_explain(const flag_ctx *ctx, const flag_result *r, kpi_buf *out);

/* stream.c */
/* Adds the points of a benchmark-area summary (the parsed record REC). */
void stream_bench_add(stream_bench *s, const kpi_record *rec);
void stream_bench_free(stream_bench *s);
/* The benchmark series' latest point whose period starts on or before AS_AT's
 * last day (from any of its summaries' history or values).  1 when found. */
int stream_bench_find(stream_bench *s, const char *indicator, const char *breakdown_key,
		      const kpi_period *as_at, flag_bench *b);

/* whether two names are the same once folded (flag.c) */
int fold_eq(const char *a, const char *b);
/* Free flag.c's scratch records (at exit, for leak checkers). */
void flag_scratch_free(void);

#endif
