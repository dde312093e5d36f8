/* summary.h: one series summary (contract §3) as at a period, written as NDJSON. */
#ifndef TREND_SUMMARY_H
#define TREND_SUMMARY_H
#include <stddef.h>
#include <stdint.h>
#include "kpi/buf.h"
#include "kpi/json_write.h" /* kpi_json_escape */
#include "kpi/spc.h"
#include "store.h"

typedef struct {
	long window;             /* --window, periods */
	long history;            /* --history, observations */
	kpi_spc_opts spc;        /* --min-points, --baseline, --screen-outliers */
	int every_period;
	const char *as_at;       /* --as-at text (canonical), or NULL for the latest period */
	const char **rebase;     /* --rebase texts */
	size_t n_rebase;
} trend_opts;

typedef struct {
	const store *st;
	const trend_opts *opt;
	int has_anchor[KPI_PT_DATE + 1];
	long anchor[KPI_PT_DATE + 1];     /* the as-at period in each period type */
	long *rebase_ord[KPI_PT_DATE + 1]; /* --rebase periods in each type */
	size_t n_rebase_ord[KPI_PT_DATE + 1];
	/* per-series working arrays, reused */
	size_t cap;
	uint32_t *vi;            /* indices of the observations with a value */
	int8_t *run_dir;         /* per value point: the run ending there */
	uint32_t *run_len, *run_since;
	int32_t *hi_since, *lo_since; /* value point indices, -1 none */
	double *pv;              /* per value point: its value */
	int32_t *stack;          /* runs_all's monotonic stack */
	int32_t *gaps;
	size_t n_gaps;
	double *vals;            /* the SPC chart: one slot per period, NaN for none */
	size_t vals_cap;
	size_t *rpos;
	size_t rpos_cap;
	kpi_spc spc;
	long spc_k;              /* value point the chart in spc is for, -1 none */
	kpi_buf out;
	kpi_buf scratch;          /* a source's text */
	/* each status's JSON text: index i is status_json[at[i], at[i + 1]) */
	kpi_buf status_json;
	uint32_t status_json_at[258];
	unsigned long long written;
} trend;

/* Ends the tool with a usage error when --as-at or --rebase is not a
 * canonical period: called before any input is read. */
void trend_check_opts(const trend_opts *opt);
/* Resolves --as-at and --rebase (checked by trend_check_opts) for every
 * period type in the store. */
void trend_init(trend *t, const store *st, const trend_opts *opt);
void trend_free(trend *t);
/* Writes the summaries of S (one, or one per period with --every-period). */
void trend_series(trend *t, const series *s);
/* The XmR chart of the value points 0..K of S (prepared) into t->spc. */
void trend_chart(trend *t, const series *s, size_t k);

/* summary_json.c: sets up the texts kept for writing (after the store is finished). */
void trend_json_init(trend *t);
/* Writes the summary of S as at ANCHOR: M observations and NV value points
 * are at or before it. */
void trend_write(trend *t, const series *s, long anchor, uint32_t m, size_t nv);
/* Flushes what is buffered to standard output. */
void trend_flush(trend *t);

#endif
