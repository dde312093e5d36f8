/* csv_columns.h: reading side files (targets, benchmarks) by column name. */
#ifndef KPI_CSV_COLUMNS_H
#define KPI_CSV_COLUMNS_H
#include <stddef.h>
#include "kpi/csv.h"

/* Finds each of NAMES[0..n) among the header cells (compared as snake_case,
 * so "Due Date" finds "due_date"); col[k] is its index or -1.  The first
 * NREQUIRED names are required: when one is missing, returns -1 with
 * "WHAT has no 'NAME' column (needs REQUIRED)" in err. */
int kpi_csv_columns(const kpi_csv_row *header, const char *const *names, int n, int nrequired,
		    int *col, const char *what, char *err, size_t errsz);

/* The cell in column COL without surrounding spaces and tabs, malloc'd;
 * NULL when the column is absent (col < 0 or past the row) or the cell empty. */
char *kpi_csv_cell(const kpi_csv_row *row, int col);

/* kpi_fold_name of S, malloc'd. */
char *kpi_fold_dup(const char *s);

#endif
