/* catalogue.h: the indicator catalogue (kpi-catalogue(5)).
 *
 * A CSV file with the header
 *   id,name,section,unit,polarity,aliases,year_type,snapshot,definition,source,comparable,decimals
 * (columns in any order; id, name, unit and polarity are required, the others
 * may be absent or empty).  An id is the council's own code as written: any
 * non-empty text without control characters ("cla_count", "4.02.01", "NI 062").
 * aliases are ';'-separated.  An alias may be
 * qualified by other fields of the record: rate_per_10000[population_type=Children
 * looked after on 31 March each year] matches indicator "rate_per_10000" only
 * where the record's population_type field is that text.  snapshot MM-DD says
 * the measure is taken as at that day of its year (workforce: 09-30).
 * comparable yes/no says whether other areas' figures compare with it
 * (empty: percentages, rates and the like do; counts and currency do not).
 * decimals 0-6 is the decimal places its figures are shown with (empty: by
 * unit; FTEs and caseloads are published to one place).
 *
 * Matching folds names with kpi_fold_name() (case, spaces and punctuation do
 * not count), except that a '.' between two digits is kept ("4.1.1" and "4.11"
 * are two codes), and tries the id, then the aliases (qualified ones first, as
 * they are the more specific), then the name.  One folded key may belong to
 * one row only: a second claim is a load error naming both lines. */
#ifndef KPI_CATALOGUE_H
#define KPI_CATALOGUE_H
#include <stddef.h>

typedef struct {
	const char *id, *name, *section, *unit, *polarity, *year_type, *snapshot, *definition, *source;
	int snapshot_month, snapshot_day; /* from snapshot, or 0, 0 */
	int comparable;       /* column comparable: 1 yes, 0 no, -1 empty (by unit: counts are not) */
	int decimals;         /* column decimals: 0 to 6, -1 empty (by unit) */
	const char **alias;   /* as written, n_alias of them */
	size_t n_alias;
	long order;           /* 1 for the first row, 2 for the next ... */
	unsigned long line;   /* line of the row in the file */
} kpi_cat_entry;

typedef struct kpi_catalogue kpi_catalogue;

/* Loads PATH.  NULL on failure with the message in err ("FILE:LINE: alias
 * 'x' is claimed by line 7 (id a) and line 12 (id b)", or "FILE: reason" when
 * it cannot be read) and *status 1 (bad content) or 2 (cannot read). */
kpi_catalogue *kpi_catalogue_load(const char *path, char *err, size_t errsz, int *status);
void kpi_catalogue_free(kpi_catalogue *c);
size_t kpi_catalogue_count(const kpi_catalogue *c);
const kpi_cat_entry *kpi_catalogue_entry(const kpi_catalogue *c, size_t i);
const char *kpi_catalogue_path(const kpi_catalogue *c);

/* For qualified aliases: the text of field FIELD of the record being matched,
 * or NULL when it has none (then a qualified alias does not match). */
typedef const char *(*kpi_cat_field_fn)(void *ctx, const char *field);

/* The row INDICATOR[0..n) names, or NULL.  GET may be NULL (no qualified matches). */
const kpi_cat_entry *kpi_catalogue_match(const kpi_catalogue *c, const char *indicator,
					 size_t n, kpi_cat_field_fn get, void *ctx);
/* The same, and *FIELDS, *NFIELDS: the record fields (snake_case) the
 * matched alias selects on, none (NULL, 0) for an id, a plain alias or a
 * name.  They describe the indicator, not a sub-group of it. */
const kpi_cat_entry *kpi_catalogue_match_fields(const kpi_catalogue *c, const char *indicator,
						size_t n, kpi_cat_field_fn get, void *ctx,
						char *const **fields, size_t *nfields);


/* The default catalogue: $KPI_CATALOGUE when set, else kpi_data_path("catalogue.csv").
 * malloc'd. */
char *kpi_catalogue_default_path(void);

/* Valid unit / polarity words (contract §2). */
int kpi_unit_valid(const char *unit);
int kpi_polarity_valid(const char *polarity);

#endif
