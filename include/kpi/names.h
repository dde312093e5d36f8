/* names.h: column and indicator names. */
#ifndef KPI_NAMES_H
#define KPI_NAMES_H
#include <stddef.h>
#include "kpi/buf.h"

/* snake_case of a header cell: "Total eligible 2007 " -> "total_eligible_2007",
 * "LA Number" -> "la_number", "CLA_Mar2014" -> "cla_mar2014".  ASCII letters
 * are lowered, runs of anything not [a-z0-9] become one "_", no leading or
 * trailing "_"; non-ASCII UTF-8 letters are kept.  Empty result: "". */
void kpi_snake_case(kpi_buf *out, const char *s, size_t n);

/* Matching key: lower-case ASCII letters and digits only (spaces, punctuation
 * dropped, and so are curly quotes, dashes and no-break spaces), other
 * non-ASCII bytes kept: "Children’s Care (rate)" -> "childrenscarerate". */
void kpi_fold_name(kpi_buf *out, const char *s, size_t n);
/* Whether A and B are the same name once folded (0 when either is NULL). */
int kpi_fold_eq(const char *a, const char *b);

#endif
