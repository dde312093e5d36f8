/* targets.h: the targets file of kpi-flag and "the target in force".
 *
 * CSV with a header naming at least indicator,target,due; optional columns
 * area, tolerance, label, assessment, reason (others are ignored).  Several
 * rows for one indicator are staged targets (80% by Sep-24, then 95% by
 * Mar-25).  `due` is a period in any form kpi-normalise reads ("Mar-25",
 * "March 2025", "2024/25"); empty means "no date" (in force after every
 * dated stage).  `target` may be empty on a row that only carries an
 * override (`assessment` improvement|issue|stable|no_data, plus `reason`).
 *
 *   kpi_targets *t = kpi_targets_load("targets.csv", err, sizeof err, &status);
 *   if (!t) kpi_die(status, "%s", err);                 the tool decides to exit
 *   kpi_target_set s;
 *   kpi_targets_find(t, "cla_visits_in_time_pct", "Northbridge", &s);
 *   long i = kpi_target_in_force(&s, &as_at);            s.row[i] or none (-1)
 */
#ifndef KPI_TARGETS_H
#define KPI_TARGETS_H
#include <stddef.h>
#include "kpi/period.h"

typedef struct {
	char *indicator;        /* as written */
	char *area;             /* NULL: every area */
	int has_value;
	double value;           /* "90%" -> 90 */
	int has_due;
	kpi_period due;
	char due_text[KPI_PERIOD_BUFSZ];  /* canonical */
	char due_end[11];       /* last day of the due period, ISO */
	int has_tolerance;
	double tolerance;       /* as written, "%" removed */
	int tolerance_pct;      /* written with "%" */
	char *label;            /* NULL when empty */
	char *assessment;       /* override, NULL when empty */
	char *reason;           /* NULL when empty */
	char *where;            /* FILE:LINE */
	size_t order;           /* row number in the file */
} kpi_target;

typedef struct kpi_targets kpi_targets;

/* Loads PATH ("-" is stdin).  NULL on failure, with the message in ERR
 * ("FILE:LINE: message" for a missing column, a bad number, period or
 * assessment, *STATUS 1; "FILE: reason" when it cannot be read, *STATUS 2). */
kpi_targets *kpi_targets_load(const char *path, char *err, size_t errsz, int *status);
void kpi_targets_free(kpi_targets *t);

/* The rows for one series: rows whose area equals AREA (case and spaces
 * ignored) when there are any, else rows without an area. */
typedef struct {
	const kpi_target **row;  /* staged targets (rows with a value), by due date, undated last */
	size_t n;
	const kpi_target *override; /* the first row with an assessment, or NULL */
} kpi_target_set;

/* Fills S (pointers into T, valid until kpi_targets_free; S->row is
 * malloc'd: free it with kpi_target_set_free).  Returns S->n. */
size_t kpi_targets_find(const kpi_targets *t, const char *indicator, const char *area,
			kpi_target_set *s);
void kpi_target_set_free(kpi_target_set *s);

/* The index in S of the target in force as at AS_AT: the earliest whose due
 * period ends on or after AS_AT's end, else the last.  -1 when S is empty. */
long kpi_target_in_force(const kpi_target_set *s, const kpi_period *as_at);

/* Parses a target or tolerance cell: "90", "90%", "1,200", " 4.5 ".
 * 0 and *v (and *pct: a trailing "%" was written), or -1. */
int kpi_target_number(const char *s, double *v, int *pct);

#endif
