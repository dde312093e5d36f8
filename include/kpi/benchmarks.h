/* benchmarks.h: benchmark figures (England, a region, neighbours) for kpi-flag.
 *
 * CSV with a header naming at least indicator,area,period,value; optional
 * columns lower, upper (the benchmark's own interval, passed on), source
 * (where the figure comes from) and breakdown (empty: the total series only;
 * "*": every breakdown; text S, the sub-group {"breakdown": S}; or a JSON
 * object {"column": "value"} as kpi-normalise writes an EES sub-group;
 * compared by kpi_breakdown_key).
 * `period` is canonical (as kpi-normalise writes it: 2024/25 a financial
 * year, 2025-09-30 a day) or in any form kpi-normalise reads without a
 * time_identifier ("academic year 2024/25"); an empty or status value (c, x,
 * ..) leaves the row out; "12u" is a figure.
 *
 *   kpi_benchmarks *b = kpi_benchmarks_load(path, err, sizeof err, &status);
 *   if (!b) kpi_die(status, "%s", err);                 the tool decides to exit
 *   const kpi_benchmark *e = kpi_benchmarks_find(b, "cla_rate_per_10k", NULL, "England", &as_at);
 */
#ifndef KPI_BENCHMARKS_H
#define KPI_BENCHMARKS_H
#include <stddef.h>
#include "kpi/buf.h"
#include "kpi/period.h"

typedef struct {
	char *indicator, *area, *breakdown, *source;  /* breakdown, source NULL when empty */
	kpi_period period;
	char period_text[KPI_PERIOD_BUFSZ];  /* canonical */
	double value;
	int has_lower, has_upper;
	double lower, upper;
	size_t order;       /* row number among the kept rows */
} kpi_benchmark;

typedef struct kpi_benchmarks kpi_benchmarks;

/* Loads PATH.  NULL on failure, with the message in ERR ("FILE:LINE:
 * message" for a missing column, a bad number or period, *STATUS 1; "FILE:
 * reason" when it cannot be read, *STATUS 2). */
kpi_benchmarks *kpi_benchmarks_load(const char *path, char *err, size_t errsz, int *status);
void kpi_benchmarks_free(kpi_benchmarks *b);
size_t kpi_benchmarks_count(const kpi_benchmarks *b);

/* The benchmark for INDICATOR (and BREAKDOWN_KEY, the series' breakdown
 * identity from kpi_breakdown_key, "" or NULL for the total series: rows
 * with that breakdown, else rows for every breakdown, "*") as at AS_AT: the row with the
 * latest period that starts on or before AS_AT's last day (it precedes or
 * overlaps AS_AT: the financial year 2024/25 serves itself, the months from
 * April 2024 and the year 2025, until a later row does).  AREA (may be NULL) keeps only rows of that area;
 * without it the area of the indicator's first row is used.  Names match
 * with case and spaces ignored.  NULL when none. */
const kpi_benchmark *kpi_benchmarks_find(const kpi_benchmarks *b, const char *indicator,
					 const char *breakdown_key, const char *area,
					 const kpi_period *as_at);

/* 1 when some row is of AREA (case and spaces ignored). */
int kpi_benchmarks_has_area(const kpi_benchmarks *b, const char *area);
/* The areas of the rows, in file order, each once, ", "-separated, the
 * first 12 and then " and N more" ("none" without a row), appended to OUT:
 * what an error about a missing area lists. */
void kpi_benchmarks_area_names(const kpi_benchmarks *b, kpi_buf *out);

#endif
