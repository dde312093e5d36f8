/* warnings.h: kpi-normalise's warnings, one line per cause (lib/tally.c).
 *
 * A file with 1,667 records of indicators the catalogue does not know says
 * so once, at the first: "FILE:LINE: indicator not in the catalogue C (unit
 * and polarity null): 'inpost_fte', ... and 10 more (15 times; the first
 * here, --verbose lists each)", printed when the input ends (or before a bad
 * record stops the run).  With --verbose each is printed where it happens
 * instead: each unknown indicator and each unit mismatch at its first
 * record, each duplicate at its record. */
#ifndef NORMALISE_WARNINGS_H
#define NORMALISE_WARNINGS_H
#include <stddef.h>
#include "kpi/buf.h"
#include "kpi/catalogue.h"
#include "kpi/column_class.h"
#include "kpi/strtab.h"
#include "kpi/tally.h"

typedef struct {
	int verbose;           /* set by the caller after warnings_init */
	int left_out;          /* --catalogued-only: unknown indicators are left out, */
	unsigned long long n_left_out; /* these many records of them (normalise.c counts) */
	const char *catalogue_path;
	kpi_strtab seen;       /* folded unknown names, and "name\x1fid" unit mismatches */
	kpi_buf last, scratch, item; /* the last unknown name (consecutive records repeat it) */
	kpi_tally tally;
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
/* Prints the summary lines (once; nothing with --verbose), and with
 * --catalogued-only how many records were left out. */
void warnings_flush(nz_warnings *w);

#endif
