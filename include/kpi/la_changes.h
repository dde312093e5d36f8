/* la_changes.h: councils whose codes changed, and councils reorganised
 * (kpi-la-changes(5)), so that one council is one series.
 *
 * A CSV file, after any comment lines (# ...) and blank lines, with a header
 * naming at least change,date,from_code,from_la_code,from_name,to_code,
 * to_la_code,to_name (optional: from_area, source), one row per change:
 *
 *   code: the council's 9-character ONS code changed (a boundary change, a
 *     county become a unitary council) while its 3-digit DfE code and name
 *     stayed: the same council, one series.
 *   reorganisation: the council was replaced by the successor (one row per
 *     successor): its series ends and the successor's starts.  from_area is
 *     the name its series is given when the files name it as the successor
 *     (Dorset county, 835/E10000009, and Dorset Council, 838/E06000059).
 *
 *   kpi_la_changes *lc = kpi_la_changes_new();
 *   if (kpi_la_changes_load(lc, path, err, sizeof err, &status) != 0)
 *       kpi_die(status, "%s", err);
 *   const char *area = kpi_la_changes_area(lc, rec, area_field);   NULL: as written
 */
#ifndef KPI_LA_CHANGES_H
#define KPI_LA_CHANGES_H
#include <stddef.h>
#include "kpi/record.h"

typedef struct kpi_la_changes kpi_la_changes;

kpi_la_changes *kpi_la_changes_new(void);
void kpi_la_changes_free(kpi_la_changes *lc);

/* Reads PATH into LC.  A file's rows for a predecessor (its from_code, else
 * its from_la_code) replace the rows of files loaded before it for that
 * predecessor, so a council's file can correct or add to the shipped one.
 * 0; or -1 with the message in ERR: "FILE:LINE: message" for bad data
 * (*STATUS 1), "FILE: reason" when it cannot be read (*STATUS 2). */
int kpi_la_changes_load(kpi_la_changes *lc, const char *path, char *err, size_t errsz,
			int *status);
/* The rows in force (after replacements). */
size_t kpi_la_changes_count(const kpi_la_changes *lc);

/* What the lookup says of the council with the 9-character code CODE and
 * the 3-digit DfE code LA (either may be NULL). */
typedef struct {
	const char *current_code; /* CODE's code today, after its code changes; NULL when unchanged */
	const char *code_date;    /* when CODE changed (YYYY-MM-DD), with current_code */
	int reorganised;          /* the council was replaced: its series ends */
	const char *date;         /* the reorganisation's date (YYYY-MM-DD) */
	const char *series_name;  /* its series' own name (from_area), or NULL */
} kpi_la_council;
/* 1 with *OUT filled when the lookup names the council, else 0.  CODE is
 * matched against from_code; LA against from_la_code of a reorganisation
 * row that has no from_code, or of any reorganisation row when CODE is NULL
 * (a 3-digit code that a council kept is never a reorganisation's). */
int kpi_la_changes_find(const kpi_la_changes *lc, const char *code, const char *la,
			kpi_la_council *out);

/* The area REC is written under, when the lookup changes it (else NULL):
 * the council's codes are read from the record's fields new_la_code,
 * area_code, la_code, new_geog_code, ons_code, gss_code (9-character) and
 * old_la_code, la_code, la_number, geog_c (3-digit), or the area itself
 * when it is a 9-character code.  An area written as an earlier code, for a
 * period that ended (PERIOD_END, YYYY-MM-DD; may be NULL) before the code
 * changed, is the council's current code (a code written for a later
 * period is another area's, as in made-up data: left as written); a
 * reorganised council with a from_area is that name.  AREA is the record's
 * area field (may be NULL).  LC remembers the last record's codes (records
 * come in runs of one council) and where its code fields were, while the
 * records' keys stay the same (shape_memo.h). */
const char *kpi_la_changes_area(kpi_la_changes *lc, const kpi_record *rec,
				const kpi_field *area, const char *period_end);
/* Forget what LC remembers of the last record (the next call looks at
 * every field again): never needed for the answers, which are the same. */
void kpi_la_changes_forget(kpi_la_changes *lc);

/* 1 when S[0..n) is a 9-character ONS code (a capital letter, 8 digits). */
int kpi_la_is_ons_code(const char *s, size_t n);
/* 1 when S[0..n) is a 3-digit DfE code. */
int kpi_la_is_dfe_code(const char *s, size_t n);

#endif
