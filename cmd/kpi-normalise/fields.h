/* fields.h: the fields of a raw observation that kpi-normalise sets or
 * reads, by number, and where they are in a record (fields.c).  A record of
 * the same keys as the last has them where it had them. */
#ifndef NORMALISE_FIELDS_H
#define NORMALISE_FIELDS_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "normalise.h"

/* The fields this stage sets: not passed through from the input.  The
 * first ones (up to F_NOWN) are also the ones it reads. */
enum {
	F_INDICATOR, F_SOURCE, F_PERIOD_RAW, F_PERIOD, F_VALUE_RAW, F_VALUE, F_NUMERATOR,
	F_DENOMINATOR, F_AREA, F_BREAKDOWN, F_RELEASED, F_NREAD,
	F_NAME = F_NREAD, F_SECTION, F_UNIT, F_POLARITY, F_ORDER, F_STATUS, F_PERIOD_TYPE,
	F_PERIOD_START, F_PERIOD_END, F_DATA_QUALITY, F_COMPARABLE, F_NOWN
};

/* Which own field KEY is, or -1. */
int own_field(const char *key, size_t len);

/* Fields read but passed through: EES time and metadata columns. */
enum { P_TIME_IDENTIFIER, P_INDICATOR_LABEL, P_INDICATOR_UNIT, P_INDICATOR_DP, P_N };
/* The record's own fields, found in one pass (kpi_record_get per field
 * scanned the record a dozen times). */
typedef struct {
	const kpi_field *const *f;        /* F_NREAD + P_N of them; f[F_NREAD + j]: p[j] */
	const kpi_field *const *p;        /* read, but passed through: f + F_NREAD */
	uint64_t own;                     /* bit i: field i (< 64) is an own field */
} own_index;

/* What KEY is: an own field, NZ_KEY_PASSED + a field read but passed
 * through, or -1. */
int key_meaning(const char *key, size_t len);

/* Where REC's fields are: looked up by key when the keys are not the last
 * record's, else where they were. */
static inline void index_record(normaliser *nz, const kpi_record *rec, own_index *ix)
{
	if (!kpi_shape_memo_same(&nz->shape, rec)) {
		nz->at.n_read = 0;
		nz->at.own = 0;
		for (size_t i = 0; i < rec->n; i++) {
			const kpi_field *f = &rec->f[i];
			int k = key_meaning(f->key, f->key_len);
			if (k >= 0 && k < F_NOWN && i < 64)
				nz->at.own |= 1ULL << i;
			if (k >= 0 && k < F_NREAD)
				nz->at.read[nz->at.n_read].which = (unsigned char)k;
			else if (k >= NZ_KEY_PASSED)
				nz->at.read[nz->at.n_read].which = (unsigned char)(F_NREAD + k - NZ_KEY_PASSED);
			else
				continue;
			nz->at.read[nz->at.n_read++].pos = i; /* each key once: no overflow */
		}
		nz->at.base_valid = 0;
	}
	/* the fields' addresses: those of the last record, when it had this
	 * shape and was parsed into the same array (nearly always) */
	if (!nz->at.base_valid || rec->f != nz->at.base) {
		memset(nz->at.f, 0, sizeof nz->at.f);
		for (size_t j = 0; j < nz->at.n_read; j++)
			nz->at.f[nz->at.read[j].which] = &rec->f[nz->at.read[j].pos];
		nz->at.base = rec->f;
		nz->at.base_valid = 1;
	}
	ix->f = nz->at.f;
	ix->p = nz->at.f + F_NREAD;
	ix->own = nz->at.own;
}

/* The length of string field F's text as a C string (to a "\u0000" in it):
 * its decoded length when its JSON text holds no escape (every escape is
 * longer than what it stands for, so the text is then the bytes and the
 * quotes). */
static inline size_t cstr_len(const kpi_field *f)
{
	return f->raw_len == f->str_len + 2 ? f->str_len : strlen(f->str);
}

static inline const char *field_str(const kpi_field *f)
{
	return f && f->type == KPI_JT_STRING ? f->str : NULL;
}

#endif
