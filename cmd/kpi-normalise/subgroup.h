/* subgroup.h: the breakdown of a raw observation, as a typed one carries it.
 *
 * The raw `breakdown` is absent, null, a string or an object of column ->
 * value (docs/records.md).  The fields the matched catalogue alias selects on
 * (population_type in children_count[population_type=...]) say which
 * indicator this is, not which sub-group, so they are taken out; what is left
 * is the typed breakdown, or null when every field left is a total (the
 * total series).  Its identity is kpi_breakdown_key (lib/breakdown.c). */
#ifndef NORMALISE_SUBGROUP_H
#define NORMALISE_SUBGROUP_H
#include <stddef.h>
#include "kpi/buf.h"
#include "kpi/record.h"

typedef struct {
	const kpi_field *raw;  /* the record's breakdown field, or NULL */
	kpi_record obj;        /* its fields, when it is an object */
	int is_object;
	/* after subgroup_select: */
	const char *out;       /* the typed breakdown's JSON text, or NULL for null */
	size_t out_len;
	kpi_buf json;          /* the remaining object, when fields were taken out */
	kpi_buf key;           /* kpi_breakdown_key of the typed breakdown ("" total) */
} subgroup;

void subgroup_init(subgroup *g);
void subgroup_free(subgroup *g);

/* Reads F (the record's breakdown field, or NULL).  -1 with REASON set when
 * it is not a string, an object of strings and nulls, or null. */
int subgroup_read(subgroup *g, const kpi_field *f, kpi_buf *reason);

/* The text of field NAME of the breakdown object (a string value), or NULL:
 * a qualified alias may select on a field the breakdown holds. */
const char *subgroup_field(const subgroup *g, const char *name);

/* Takes the fields named in DROP (NDROP of them) out and sets out, out_len
 * and key.  A string breakdown is the field "breakdown". */
void subgroup_select(subgroup *g, char *const *drop, size_t ndrop);

#endif
