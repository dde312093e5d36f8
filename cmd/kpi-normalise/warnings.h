/* warnings.h: kpi-normalise's warnings, one line per cause.
 *
 * A file with 1,667 records of indicators the catalogue does not know says
 * so once: "15 indicators not in the catalogue FILE (unit and polarity
 * null): 'inpost_fte', ... and 10 more; first at FILE:LINE", printed when the
 * input ends (or before a bad record stops the run).  With --verbose each is
 * printed where it happens instead: each unknown indicator and each unit
 * mismatch at its first record, each duplicate at its record. */
#ifndef NORMALISE_WARNINGS_H
#define NORMALISE_WARNINGS_H
#include <stddef.h>
#include "kpi/buf.h"
#include "kpi/catalogue.h"
#include "kpi/column_class.h"
#include "kpi/strtab.h"

typedef struct {
	unsigned long count;   /* distinct names, or occurrences for duplicates */
	kpi_buf names;         /* the first few, as the line lists them */
	unsigned long listed;
	kpi_buf first;         /* where the first one was */
} nz_cause;

typedef struct {
	int verbose;
	const char *catalogue_path;
	kpi_strtab seen;       /* folded unknown names, and "name\x1fid" unit mismatches */
	kpi_buf last, scratch; /* the last unknown name (consecutive records repeat it) */
	nz_cause unknown, unit, same;
} nz_warnings;

void warnings_init(nz_warnings *w);
void warnings_free(nz_warnings *w);

/* Indicator NAME[0..n) is not in the catalogue (record at WHERE). */
void warn_unknown(nz_warnings *w, const char *name, size_t n, const char *where);
/* Column NAME[0..n), of class CLS, names catalogue row E whose unit it does
 * not fit: it passes as an unknown indicator. */
void warn_unit(nz_warnings *w, const char *name, size_t n, kpi_col_class cls,
	       const kpi_cat_entry *e, const char *where);
/* The record at WHERE repeats EARLIER's observation (ID, PERIOD) with the same value. */
void warn_same_duplicate(nz_warnings *w, const char *where, const char *earlier, const char *id,
			 const char *period);
/* Prints the summary lines (once; nothing with --verbose). */
void warnings_flush(nz_warnings *w);

#endif
