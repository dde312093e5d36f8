/* store.h: kpi-trend's in-memory series store.
 *
 * Every typed observation is kept as one compact struct of doubles and
 * 4-byte ids (about 40 bytes) in its series' array; strings (indicator, area,
 * status, source, pass-through fields) are interned or arena-allocated once.
 * No JSON trees are kept. */
#ifndef TREND_STORE_H
#define TREND_STORE_H
#include <stddef.h>
#include <math.h>
#include <stdint.h>
#include "kpi/ndjson.h"
#include "kpi/period.h"
#include "kpi/run.h"
#include "kpi/strtab.h"

/* ids of area: 0 absent, AREA_NULL for a JSON null, else a kpi_strtab id */
#define AREA_NULL UINT32_MAX

enum { OBS_REBASE = 1, OBS_HAS_SOURCE = 2, OBS_WIDE = 4 };

/* A point's numerator and denominator (store_num, store_den): COUNT_NONE
 * when null or absent, else the count itself when it is a whole number
 * from 0 to 2^32 - 2 (nearly every count); any other pair is kept in
 * store.wide, OBS_WIDE set and num its index.  A point is 32 bytes, not
 * 40: a million points' memory was a tenth of the time, zeroed by the
 * kernel as it was first touched. */
#define COUNT_NONE UINT32_MAX

typedef struct {
	double value;            /* NaN: null */
	uint32_t num, den;       /* see COUNT_NONE */
	int32_t ord;             /* period ordinal within the series' period type */
	uint32_t source;         /* the record's source, else input FILE:LINE: see store_source() */
	uint32_t pt;             /* the pass-through list's id in store.lists (0 none): see store_pass() */
	uint8_t status;          /* index in store.status (0: absent) */
	uint8_t flags;           /* OBS_* */
	uint16_t released;       /* the release date as store_release_day(); 0: undated */
} obs;

typedef struct {
	uint32_t indicator, area;
	uint32_t breakdown;      /* the breakdown's identity (kpi_breakdown_key), 0 for the total series */
	uint32_t breakdown_raw;  /* its JSON text in the record with the latest period, 0 absent */
	kpi_period_type type;
	/* a date series whose every point is one day of the year (a snapshot, as
	 * at 30 September) steps by year: its ordinals are years, and
	 * store_day_text() writes them back as that day */
	int snap_month, snap_day;
	uint32_t type_source;    /* source of the first record, for the mixed-type message */
	obs *o;
	uint32_t n, cap;
	/* earlier releases of its observations whose figure later changed,
	 * by period then release (the revisions written on each point) */
	obs *rev;
	uint32_t nrev;
	/* catalogue fields (raw JSON text ids, 0 absent) from the record with the latest period */
	int32_t cat_ord;
	int has_cat;
	uint32_t name, section, unit, polarity, order;
	double order_num;        /* NaN when no numeric order */
} series;

/* The text interned last in one place, and its id (0: none yet). */
typedef struct {
	uint32_t id;
	kpi_buf text;
} interned;

typedef struct {
	kpi_strtab str;              /* indicator, area, breakdown, catalogue raw text, pass-through fields */
	/* sources: "FILE:LINE" (nearly every one) as SOURCE_COMPACT | file << 23 |
	 * line, FILE one of source_file[]; any other text NUL-terminated in
	 * sources (offsets below SOURCE_COMPACT) */
	kpi_buf sources;
	char *source_file[256];
	size_t source_file_len[256];
	int n_source_file, last_source_file;
	/* pass-through lists, each the kpi_strtab ids of a point's pass-through
	 * fields as bytes: points share a list when all their fields are equal */
	kpi_strtab lists;
	kpi_buf pass_ids;            /* the list being made */
	uint32_t status[256];    /* status index -> kpi_strtab id */
	int n_status;
	uint8_t status_last;         /* the status index found last */
	interned last_indicator, last_area, last_status;
	interned last_cat[6];        /* name, section, unit, polarity, order, breakdown: raw text */
	series *s;
	size_t n, cap;
	struct obs_block *blocks;    /* the series' points (store_read.c: obs_room) */
	uint32_t *slot;          /* open addressing over series, 0 empty, else index + 1 */
	size_t nslot;
	long latest[KPI_PT_DATE + 1]; /* latest ordinal of each period type in the input */
	int has_type[KPI_PT_DATE + 1];
	kpi_run *run;
	uint16_t known_at;           /* --as-known-at as store_release_day(), 0 none: later releases are left out */
	kpi_buf scratch;
	struct store_shape *shape;   /* what the keys of the records being read say (store_int.h) */
	kpi_buf bd_text;             /* the last breakdown's JSON text ... */
	uint32_t bd_key;             /* ... and its identity (records repeat it) */
	int bd_valid;
	/* The record read last, when it was kept (store_read.c: add_record): the
	 * fields the next one takes from its line (kpi_record.taken) need not
	 * be looked at again. */
	struct {
		int ok;                  /* it was kept (0 after any other line) */
		size_t series;           /* its series' index */
		uint8_t status;
		int cat;                 /* it set its series' catalogue fields */
	} prev;
	double *wide;                /* numerator, denominator of each OBS_WIDE point */
	size_t n_wide, cap_wide;
} store;

/* O's numerator and denominator; NaN when null or absent. */
static inline double store_num(const store *st, const obs *o)
{
	if (o->flags & OBS_WIDE)
		return st->wide[2 * (size_t)o->num];
	return o->num == COUNT_NONE ? NAN : (double)o->num;
}

static inline double store_den(const store *st, const obs *o)
{
	if (o->flags & OBS_WIDE)
		return st->wide[2 * (size_t)o->num + 1];
	return o->den == COUNT_NONE ? NAN : (double)o->den;
}

void store_init(store *st, kpi_run *run);
void store_free(store *st);
/* Reads every record of PATH ("-" stdin).  Bad records go through kpi_run_reject. */
void store_read(store *st, const char *path);
/* Sorts each series by period and rejects duplicate periods.  Call once after reading. */
void store_finish(store *st);

/* The period of S at ordinal ORD as canonical text (BUF, KPI_PERIOD_BUFSZ). */
const char *store_period_text(const series *s, long ord, char *buf);
/* A period ordinal of type S->type (days, for a date) as S's own ordinal: for
 * an annual snapshot series the latest of its days on or before it (a year);
 * EXACT: only when it is one of its days (else LONG_MIN). */
long store_series_ord(const series *s, long ord, int exact);

/* A release date "YYYY-MM-DD" as a small day number (1 = 1970-01-01, up to
 * 2149-06-05): 0 when TEXT is not a date in that range. */
uint16_t store_release_day(const char *text);
/* The release day D as "YYYY-MM-DD" in BUF (11 bytes). */
const char *store_release_text(uint16_t d, char *buf);
/* The revisions of S's observation at ORD: *N of them, oldest first. */
/* The index of the first of O[0..N) (sorted by ord) whose ord is not below ORD. */
uint32_t store_lower_bound(const obs *o, uint32_t n, long ord);
const obs *store_revisions(const series *s, int32_t ord, uint32_t *n);

/* The source of O as text: in SCRATCH (cleared) or in the store. */
const char *store_source(const store *st, const obs *o, kpi_buf *scratch);
/* The same for a source id (obs.source, series.type_source). */
const char *store_source_id(const store *st, uint32_t id, kpi_buf *scratch);
const char *store_status(const store *st, const obs *o);   /* NULL when absent */
const char *store_str(const store *st, uint32_t id, size_t *len);
/* The pass-through fields of O in S: their number, and each one's key and
 * raw JSON text into *KEY, *KLEN, *RAW, *RLEN by store_pass_field (I from 0;
 * BUF, STORE_PASS_BUFSZ bytes, holds a text made from the point's period or
 * value). */
#define STORE_PASS_BUFSZ 40
uint32_t store_pass_count(const store *st, const obs *o);
void store_pass_field(const store *st, const series *s, const obs *o, uint32_t i, const char **key,
		      size_t *klen, const char **raw, size_t *rlen, char *buf);

#endif
