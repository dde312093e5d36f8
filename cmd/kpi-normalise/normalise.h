/* normalise.h: one raw observation in, one typed observation out. */
#ifndef NORMALISE_H
#define NORMALISE_H
#include <stddef.h>
#include <stdint.h>
#include "kpi/buf.h"
#include "kpi/catalogue.h"
#include "kpi/ndjson.h"
#include "kpi/column_class.h"
#include "kpi/period.h"
#include "kpi/record.h"
#include "kpi/shape_memo.h"
#include "kpi/strtab.h"
#include "kpi/value.h"
#include "dupes.h"
#include "subgroup.h"
#include "warnings.h"

/* A period text already parsed, with what can change its meaning.  A small
 * two-way table of them (a few hundred distinct texts cover most files:
 * memory stays flat). */
typedef struct {
	int valid;
	kpi_year_type year_type;
	int column_is_date;
	int snapshot_month, snapshot_day;
	int has_tid;
	kpi_buf text, tid;       /* period text; time_identifier when has_tid */
	kpi_period per;
	long ordinal;            /* kpi_period_ordinal(&per) */
	char canon[KPI_PERIOD_BUFSZ], start[11], end[11];
	kpi_buf json;            /* its part of a typed record ("period" .. "period_raw"), once written */
	unsigned char recent;    /* in the first entry of a pair: the entry of the pair used last */
} period_cache;
#define NZ_PERIOD_CACHE 2048 /* entries, in pairs; a power of two (at 512, three of a
                                * file's 110 months could share a pair and miss in turn) */

#define NZ_NREAD 11   /* own fields read (fields.h: F_NREAD) */
#define NZ_NPASSED 4  /* fields read but passed through (P_N) */

typedef struct {
	const kpi_catalogue *cat;
	struct kpi_la_changes *la_changes; /* council code changes and reorganisations, or NULL */
	int strict;              /* an unknown indicator is a data error */
	int lenient;             /* failed checks become data_quality notes */
	int percent_fractions;   /* percent values without '%' are fractions: x100 */
	int period_is_date;      /* plain integer periods are Excel serial dates */
	kpi_duration_form duration_form;
	kpi_year_type year_type; /* for indicators the catalogue does not know */
	int no_duplicates;       /* --allow-duplicates: skip the duplicate check */

	dupes *seen;
	nz_warnings warn;
	subgroup bd;             /* the record's breakdown */
	kpi_buf scratch, earlier, problems, text;
	period_cache *period_memo; /* NZ_PERIOD_CACHE of them, allocated on first use */
	/* the unit class of the last column name (consecutive records repeat it) */
	kpi_buf class_text, class_unit, class_dp;
	int class_has_unit, class_has_dp;
	kpi_col_class class_last;
	/* the catalogue part of the last typed record ("indicator" .. "order") and its entry */
	const kpi_cat_entry *head_entry;
	const kpi_cat_entry *id_entry; /* the entry whose id's length is id_len */
	size_t id_len;
	kpi_buf head;
	kpi_buf series_key;      /* the duplicate check's series, as bytes to hash */
	uint64_t series_hash;    /* its hash */
	int series_valid;        /* series_key and series_hash are the last record's */
	/* the unit and year type of the last entry, as numbers (entry_kind()) */
	const kpi_cat_entry *kind_entry;
	int kind_valid, kind_unit, kind_year;
	/* where the fields this stage reads are in the records of the last
	 * shape of keys (records of a file repeat their keys in order):
	 * index_record() */
	kpi_shape_memo shape;
	struct {
		/* the fields read that the records have: which (an own field's
		 * number, or NZ_NREAD + one read but passed through) and where */
		struct {
			unsigned char which;
			size_t pos;
		} read[NZ_NREAD + NZ_NPASSED];
		size_t n_read;
		uint64_t own;           /* bit i: field i (< 64) is an own field */
		/* those fields of the record last indexed, whose array of
		 * fields was BASE: a record of the same shape parsed into the
		 * same array has them at the same addresses */
		const kpi_field *f[NZ_NREAD + NZ_NPASSED];
		const kpi_field *base;
		int base_valid;
	} at;
} normaliser;
#define NZ_KEY_PASSED 64

void normaliser_init(normaliser *nz, const kpi_catalogue *cat);
void normaliser_free(normaliser *nz);

/* Forgets what is kept from the last record for the next (where its
 * fields were, its series' key and hash, its council's codes): the slow
 * path, the same answers (tests/unit/test_normalise_fast.c). */
void normaliser_forget(normaliser *nz);

/* Prints the warnings' summary lines (at the end, or before a bad record stops the run). */
void normaliser_finish(normaliser *nz);

enum { NZ_WRITTEN = 0, NZ_MERGED = 1, NZ_BAD = -1 };
/* Normalises REC (the record IN read last: its FILE:LINE names a record
 * without a source field) and appends the typed record and "\n" to
 * OUT.  NZ_MERGED: an identical duplicate, nothing appended (a note was
 * printed).  NZ_BAD: *where_out and reason say why (the message is not printed). */
int normalise_record(normaliser *nz, const kpi_record *rec, kpi_ndjson *in, kpi_buf *out,
		     const char **where_out, kpi_buf *reason);

/* fmod(N, 10) == 0, without a call for N within 9e15 of 0 (checks.h's
 * check of counts rounded to tens; tests/unit/test_normalise_fast.c). */
int nz_multiple_of_ten(double n);

#endif
