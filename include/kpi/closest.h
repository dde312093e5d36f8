/* closest.h: the values nearest a mistyped one, for messages such as
 * "--filter geographic_level=Local Authority matches no row; values present:
 * Local authority, National, Regional". */
#ifndef KPI_CLOSEST_H
#define KPI_CLOSEST_H
#include <stddef.h>
#include "kpi/buf.h"

/* Appends to OUT at most MAX of the N strings VALS, closest to WANT first:
 * those equal to WANT but for ASCII case, then by edit distance with case
 * ignored, ties in byte order; joined by ", ".  When some are left out,
 * ", ... (N in all)" follows.  Nothing is appended when N is 0. */
void kpi_closest(kpi_buf *out, const char *const *vals, size_t n, const char *want, size_t max);

/* The edit distance (Levenshtein) between A[0..an) and B[0..bn), ASCII case
 * ignored. */
size_t kpi_edit_distance(const char *a, size_t an, const char *b, size_t bn);

#endif
