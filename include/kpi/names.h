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

/* Matching key of an indicator id or name: kpi_fold_name, except that a '.'
 * between two digits is kept, so that the council codes "4.1.1" and "4.11"
 * stay two codes ("NI 062" and "ni062" are still one).  Used wherever
 * indicators are matched: the catalogue, targets, benchmarks. */
void kpi_fold_id(kpi_buf *out, const char *s, size_t n);
/* kpi_fold_id of the C string S, malloc'd. */
char *kpi_fold_id_dup(const char *s);
/* The names an error lists ("areas present: A, B, C and 140 more"): each
 * added name goes to OUT, ", "-separated, the first 12 of them; the end
 * says how many more, or "none" when no name was added.
 *   kpi_name_list l = {out, 0, 0};
 *   kpi_name_list_add(&l, "England"); ... kpi_name_list_end(&l); */
typedef struct {
	kpi_buf *out;
	size_t shown, more;
} kpi_name_list;
void kpi_name_list_add(kpi_name_list *l, const char *name);
void kpi_name_list_end(kpi_name_list *l);

#endif
