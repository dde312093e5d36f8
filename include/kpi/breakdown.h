/* breakdown.h: the sub-group of a series (docs/records.md, "breakdown").
 *
 * A record's `breakdown` is absent, null, a string, or an object of
 * column -> value in the file's column order ({"care_leaver_age": "17 to 18
 * years", "breakdown": "Accommodation considered suitable"}).  A string S is
 * the one-field object {"breakdown": S}: a plain CSV's breakdown column and an
 * EES file's column named breakdown mean the same thing.
 *
 * Two breakdowns are the same sub-group when their keys (below) are equal:
 * field order, case, spaces and punctuation do not matter, and a breakdown
 * whose every field is a total ("Total", "All ages", "Suitability total") is
 * the total series, the same as no breakdown at all. */
#ifndef KPI_BREAKDOWN_H
#define KPI_BREAKDOWN_H
#include <stddef.h>
#include "kpi/buf.h"
#include "kpi/record.h"

/* 1 when the value S[0..n) names a total of its column: folded, it is
 * "total" or "all", begins with "total" or "all" followed by a space
 * ("Total all ages", "All schools"), or ends in " total" ("Suitability
 * total").  Case and surrounding spaces do not matter. */
int kpi_breakdown_is_total(const char *s, size_t n);

/* The identity of F's breakdown (F is the record's `breakdown` field, or
 * NULL) appended to OUT: each field that is not a total (nor null, nor
 * "") as folded "column=value", sorted, joined by '\x1f'; so "" for the
 * total series.  A total field says "not broken down by this column":
 * {age: Total, sex: Male} and {sex: Male} are one sub-group.
 * Returns -1 when F is a number, an array, a boolean, or an object with a
 * value that is not a string or null; 0 otherwise. */
int kpi_breakdown_key(kpi_buf *out, const kpi_field *f);

/* The words a reader sees, appended to OUT: the values joined by ", " in the
 * record's order, total fields left out ("17 to 18 years, Accommodation
 * considered suitable"); "" for the total series.  Same -1 as above. */
int kpi_breakdown_label(kpi_buf *out, const kpi_field *f);

#endif
