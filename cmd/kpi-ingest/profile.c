/* profile.c: what the rows show of each column of a melt.  A regular file
 * is read once whole for this (memory does not grow with its rows: one cell
 * kept per column); a pipe is judged on its first rows (SAMPLE_ROWS). */
#include <stdlib.h>
#include <string.h>
#include "table.h"

void profile_start(table *t)
{
	t->profiled = 1;
	for (size_t i = 0; i < t->n; i++)
		t->col[i].prof.measure_like = 1;
}

void profile_add(table *t, const kpi_csv_row *row)
{
	for (size_t i = 0; i < t->n; i++) {
		col_profile *p = &t->col[i].prof;
		const char *s = row->field[i];
		size_t n = row->len[i];
		if (!p->seen) {
			p->first = kpi_xstrndup(s, n);
			p->first_len = n;
			p->seen = 1;
		} else if (!p->varies && (n != p->first_len || memcmp(s, p->first, n) != 0)) {
			p->varies = 1;
		}
		if (p->measure_like && !looks_like_measure(s, n))
			p->measure_like = 0;
	}
}

void profile_free(table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->col[i].prof.first);
		t->col[i].prof.first = NULL;
	}
	t->profiled = 0;
}
