/* numfmt.h: the shortest text that reads back to the same double. */
#ifndef KPI_NUMFMT_H
#define KPI_NUMFMT_H
#include <stddef.h>

#define KPI_NUM_BUFSZ 32
/* Writes v into out (NUL-terminated) and returns the length; integers have no
 * ".0", 0.1+0.2 gives 0.30000000000000004, -0 gives 0, large values use JSON
 * exponent form (1e+21).  NaN and infinities are never written: returns -1. */
int kpi_fmt_double(char out[KPI_NUM_BUFSZ], double v);

/* Fixed decimals for reports ("23.5", "20.0"), rounding half away from zero
 * on the shortest decimal text, so 0.05 -> "0.1" as a reader expects. */
int kpi_fmt_fixed(char *out, size_t sz, double v, int decimals);

#endif
