/* closest.c: the values nearest a mistyped one (closest.h). */
#include "kpi/closest.h"
#include <stdlib.h>
#include <string.h>

static unsigned char fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

size_t kpi_edit_distance(const char *a, size_t an, const char *b, size_t bn)
{
	/* one row of the table, two rows' worth of memory */
	size_t *row = kpi_xmalloc((bn + 1) * sizeof *row);
	for (size_t j = 0; j <= bn; j++)
		row[j] = j;
	for (size_t i = 1; i <= an; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= bn; j++) {
			size_t up = row[j];
			size_t cost = fold((unsigned char)a[i - 1]) != fold((unsigned char)b[j - 1]);
			size_t best = diag + cost;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	size_t d = row[bn];
	free(row);
	return d;
}

typedef struct {
	const char *s;
	size_t dist;
	int same_but_case;
} ranked;

static int by_closeness(const void *pa, const void *pb)
{
	const ranked *a = pa, *b = pb;
	if (a->same_but_case != b->same_but_case)
		return b->same_but_case - a->same_but_case;
	if (a->dist != b->dist)
		return a->dist < b->dist ? -1 : 1;
	return strcmp(a->s, b->s);
}

void kpi_closest(kpi_buf *out, const char *const *vals, size_t n, const char *want, size_t max)
{
	if (n == 0)
		return;
	size_t wn = strlen(want);
	ranked *r = kpi_xcalloc(n, sizeof *r);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(vals[i]);
		r[i].s = vals[i];
		r[i].dist = kpi_edit_distance(vals[i], len, want, wn);
		r[i].same_but_case = r[i].dist == 0;
	}
	qsort(r, n, sizeof *r, by_closeness);
	size_t shown = n < max ? n : max;
	for (size_t i = 0; i < shown; i++) {
		if (i)
			kpi_buf_adds(out, ", ");
		kpi_buf_adds(out, r[i].s);
	}
	if (shown < n)
		kpi_buf_printf(out, ", ... (%zu in all)", n);
	free(r);
}
