/* flag.h: kpi-flag's per-record work (flag.c), the judged record it writes
 * (write.c), benchmark series from the stream (stream.c) and the --explain
 * line (explain.c). */
#ifndef KPI_FLAG_FLAG_H
#define KPI_FLAG_FLAG_H
#include "compare.h"
#include "judge.h"
#include "kpi/benchmarks.h"
#include "kpi/buf.h"
#include "kpi/interval.h"
#include "kpi/json_write.h"
#include "kpi/period.h"
#include "kpi/record.h"
#include "kpi/targets.h"

/* The areas of the input's summaries and every point of their series
 * (--benchmark-area without --benchmarks, --compare): stream.c. */
typedef enum { LEVEL_ANY, LEVEL_NATIONAL, LEVEL_REGIONAL, LEVEL_COUNCIL, LEVEL_OTHER } stream_level;

typedef struct {
	char *name, *fold;   /* as in the data; folded (kpi_fold_name) */
	stream_level level;  /* the data's geographic_level, else England by name, else a council */
	char *code;          /* the DfE 3-digit council code (stream_dfe_code), or NULL */
} stream_area;

typedef struct {
	char *key;           /* folded indicator, \x1f, the breakdown's identity (kpi_breakdown_key) */
	size_t area;         /* index in stream_bench.area */
	kpi_period period;
	char start[11];      /* first day of the period, ISO */
	int has_value;       /* a figure that rounds to zero has the value 0 */
	double value;
} stream_point;

typedef struct {
	stream_point *pt;
	size_t n, cap;
	stream_area *area;   /* one per summary */
	size_t n_areas, cap_areas;
	int sorted;
	size_t *by_fold, n_indexed;  /* area indices by folded name */
	size_t *by_code;     /* [code] = area index + 1, 0 none */
	int code_ix_built;
	kpi_record point;    /* scratch: a history point being read (all zero is empty) */
	char *only_fold;     /* stream_bench_only: the one area whose points are kept, or NULL */
} stream_bench;

typedef struct {
	kpi_targets *targets;         /* --targets, or NULL */
	kpi_benchmarks *bench_file;   /* --benchmarks, or NULL */
	const char *bench_area;       /* --benchmark-area, or NULL */
	stream_bench *stream;         /* the input's series (buffered), or NULL */
	int compare;                  /* --compare: CMP_* bits */
	sn_model *neighbours;         /* --neighbours, or NULL */
	la_regions *regions;          /* --regions (with --compare region), or NULL */
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
	/* history is read from its last point back, as far as needed (flag.c) */
	const kpi_record *signals;    /* spc.signals[i]: read when spc has no variation, or for --explain */
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
	int suppressed_latest;        /* the last period's figure is suppressed */
	int reporting_ended;          /* --compare: other councils have later figures */
	/* --compare */
	int compared;                 /* write comparators and rank */
	flag_comparator comparator[CMP_KINDS];
	int n_comparators;
	flag_rank rank;
	char small_label[KPI_SMALLDEN_LABEL_SZ];
	judge_in in;
	judge_out out;
} flag_result;

/* Works out R for the parsed record REC.  0 on success; -1 with a message in
 * ERR when the record is bad.  R points into REC and into scratch records
 * that the next call reuses. */
int flag_compute(const flag_ctx *ctx, const kpi_record *rec, flag_result *r, char *err, size_t errsz);
void flag_result_free(flag_result *r);
/* Appends the judged record (pass-through fields, then the judgement) as one
 * line: write.c. */
int flag_write(const flag_result *r, const kpi_record *rec, kpi_buf *out);
/* Appends the --explain line. */
void flag_explain(const flag_ctx *ctx, const flag_result *r, kpi_buf *out);

/* stream.c */
/* REC's DfE 3-digit council code: the first of lib/geography.c's code
 * fields (kpi_area_code_fields: old_la_code, the KS2 files' la_number,
 * geog_c) that holds one, or NULL. */
const char *stream_dfe_code(const kpi_record *rec);
/* Keeps the points of area AREA (any case) alone: every area is still
 * listed, but only AREA's series can be found (--benchmark-area without
 * --compare looks up no other). */
void stream_bench_only(stream_bench *s, const char *area);
/* Adds the area of a summary (the parsed record REC) and its points. */
void stream_bench_add(stream_bench *s, const kpi_record *rec);
void stream_bench_free(stream_bench *s);
/* The latest point with a value of the series (INDICATOR, BREAKDOWN_KEY) of
 * the area AREA_FOLD whose period starts on or before AT's last day; NULL
 * when none. */
const stream_point *stream_find(stream_bench *s, const char *indicator, const char *breakdown_key,
				const char *area_fold, const kpi_period *at);
/* The same for the benchmark area AREA (any case), as a flag_bench.  1 when found. */
int stream_bench_find(stream_bench *s, const char *indicator, const char *breakdown_key,
		      const char *area, const kpi_period *as_at, flag_bench *b);
/* The values of every council for the series at exactly PERIOD, one per
 * council, into *OUT (grown as needed); their number. */
size_t stream_council_values(stream_bench *s, const char *indicator, const char *breakdown_key,
			     const kpi_period *period, double **out, size_t *cap);
/* The area named NAME_FOLD (at LEVEL, or LEVEL_ANY), the first at LEVEL,
 * the council with a 3-digit CODE; NULL when none. */
const stream_area *stream_area_named(stream_bench *s, const char *name_fold, stream_level level);
const stream_area *stream_area_first(const stream_bench *s, stream_level level);
const stream_area *stream_council_coded(stream_bench *s, const char *code);
/* "England, North West, Trafford" (the first twelve, alphabetical, "and N more"). */
void stream_area_names(stream_bench *s, kpi_buf *out);

/* compare.c */
/* The comparators and rank of R (ctx->compare, ctx->stream). */
void compare_compute(const flag_ctx *ctx, flag_result *r);
/* Appends "comparators" and "rank" to the judged record W is writing. */
void compare_write(kpi_jw *w, const flag_result *r);
/* Ends with an error naming the areas present when an area --compare or
 * --benchmark-area asks for is not in the input. */
void compare_check_areas(const flag_ctx *ctx);
/* Frees compare.c's scratch (at exit, for leak checkers). */
void compare_free(void);

/* Whether R's figure compares across areas (flag.c): percentages, rates,
 * averages, durations and scores do; counts and currency totals only where
 * the record's `comparable` (the catalogue's column) is true. */
int flag_comparable(const flag_result *r);

/* whether two names are the same once folded (flag.c) */
int fold_eq(const char *a, const char *b);
/* Free flag.c's scratch records (at exit, for leak checkers). */
void flag_scratch_free(void);

#endif
