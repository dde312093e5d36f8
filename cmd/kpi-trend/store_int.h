/* store_int.h: what the parts of kpi-trend's series store share (store.c:
 * the store and its accessors; store_read.c: reading records;
 * store_pass.c: pass-through fields; store_finish.c: sorting, duplicates and
 * revisions).  Private to the store. */
#ifndef TREND_STORE_INT_H
#define TREND_STORE_INT_H
#include "store.h"
#include "kpi/diag.h"
#include "kpi/record.h"
#include <math.h>

/* What kpi-trend does with each input field. */
typedef enum {
	F_PASS = 0, F_INDICATOR, F_AREA, F_BREAKDOWN, F_PERIOD, F_PERIOD_TYPE,
	F_VALUE, F_NUMERATOR, F_DENOMINATOR, F_STATUS, F_SOURCE, F_REBASE, F_RELEASED,
	F_NAME, F_SECTION, F_UNIT, F_POLARITY, F_ORDER,
	F_REPLACED /* a field kpi-trend sets: dropped from the input */
} field_role;

/* What the keys of the records of one shape (kpi_record.shape_id: the same
 * keys in the same order, nearly every record of a stream) say: the field
 * of each role and the pass-through fields, found once for the shape.  Each
 * pass-through field of the first PASS_MEMO_FIELDS has a small cache of
 * the ids its short values were interned as (a field repeats a few hundred
 * values: a month's dates, a value's text), so most are not interned again
 * (a direct-mapped cache: with 2,048 entries 93% of the lookups hit on the
 * first 100,000 of the bench's points, with 256 55%). */
enum { PASS_MEMO = 2048, PASS_MEMO_FIELDS = 8, PASS_MEMO_TEXT = 19 };
typedef struct {
	unsigned long long gen;  /* the shape's gen when filled (0: empty) */
	uint32_t id;             /* the entry's id in the store's table */
	unsigned char len;
	char text[PASS_MEMO_TEXT]; /* the value's raw text */
} pass_memo;

/* A pass-through field whose text is the point's period, or its first or
 * last day, as kpi-trend writes them ("period_raw":"2015-04",
 * "period_start":"2015-04-01", "period_end":"2015-04-30" in every record
 * of a canonical source), or the record's value as it is written when
 * that is the value's shortest text ("value_raw":"35.1" beside
 * "value":35.1), or that text and a percent sign, as people write a
 * percentage ("value_raw":"35.1%": without this kind every point's list
 * was its own, and the table of lists took a third of the time), is kept
 * as that fact, not as its text: an entry of the
 * key and a raw text no JSON value has, "\001" and the kind, which
 * store_pass_field() writes back from the point's period or value.  The
 * points of a stream then share one list of pass-through fields, not 20
 * bytes each, and the fields' texts are not looked up point by point
 * (their caches' misses were a tenth of the time). */
enum { DERIVED_PERIOD = 1, DERIVED_START, DERIVED_END, DERIVED_VALUE, DERIVED_VALUE_PERCENT, DERIVED_KINDS = 5 };
#define DERIVED_MARK '\001'

/* A pass-through field whose texts do not repeat (a count written
 * "12,345", a value "35.10", a comment), in a large input: looking each one
 * up in the table of texts to find it new was a cache miss or two, and the
 * list holding it, new too, another (a million such points took four times
 * as long as a million that repeat).  Once PASS_FRESH_AFTER of its texts
 * have gone to the table and seven in eight were new, its texts are copied
 * in without the lookup (kpi_strtab_push), and a list holding a text new
 * to the table is itself new: it too is copied in without one.  Ids name
 * texts; equal texts under two ids write the same. */
enum { PASS_FRESH_AFTER = 4096 };
typedef struct {
	uint32_t key;              /* the field's key's hash: kept while a new shape has that key there */
	uint32_t added, fresh;     /* texts sent to the table, of them new */
	int push;                  /* the field's texts are pushed, not looked up */
	unsigned char kind;        /* the period's text it was last (DERIVED_PERIOD to _END), 0 none */
} pass_stat;

struct store_shape {
	unsigned long id;          /* the kpi_record.shape_id described, 0 none */
	unsigned long long gen;    /* counts the shapes seen (numbers pass_memo entries) */
	int pos[F_REPLACED];       /* the index of each role's field, -1 none */
	uint32_t *pass;            /* the indices of the pass-through fields */
	pass_stat *stat;           /* per pass-through field (n_stat made) */
	size_t n_stat;
	uint32_t *derived;         /* DERIVED_KINDS per pass-through field: the entry's id, 0 not made yet */
	size_t n_pass, cap_pass;
	pass_memo *memo[PASS_MEMO_FIELDS]; /* PASS_MEMO entries each, made when first used */
};

/* The series' points live in large blocks, not one malloc'd array each:
 * the points of a series nearly always arrive together, and the series at
 * the end of the last block grows in place, eight points at a time, with
 * no copy; any other moves to the end with twice its room (its old room is
 * not reused).  Growing 9,100 arrays by realloc was 7% of kpi-trend's time
 * on 1M points (malloc's bins and the copies), and left half of each
 * array's last doubling unused. */
enum { OBS_BLOCK = 1 << 16, OBS_FIRST_BLOCK = 1 << 12, OBS_STEP = 8 };
struct obs_block {
	struct obs_block *next;   /* the block before */
	size_t cap, used;
	obs o[];
};

/* A compact source: the top bit set, the file's index, the line number. */
#define SOURCE_COMPACT 0x80000000u
#define SOURCE_LINE_BITS 23

/* The texts of a period as pass-through fields may hold them, quoted: the
 * period, its first and last day (a record's period is rarely its
 * predecessor's: a small cache by ordinal). */
struct period_texts {
	int type;             /* 0: empty */
	long ord;
	unsigned char len[DERIVED_END + 1];
	char text[DERIVED_END + 1][KPI_PERIOD_BUFSZ + 2];
};
/* The period of type TYPE at ORD (a snapshot series' year is its day that
 * year: SNAP_MONTH, SNAP_DAY) as text: KIND DERIVED_*, quoted. */
const struct period_texts *period_texts_of(int type, long ord, int snap_month, int snap_day);
/* The id in st->lists of the list of REC's pass-through fields (SH's), PTX
 * the texts of the point's period and VALUE its value field (or NULL). */
uint32_t pass_list(store *st, struct store_shape *sh, const kpi_record *rec, const struct period_texts *ptx,
		   const kpi_field *value);
/* Empties pass_list's memo (it holds ids of one store's lists). */
void list_memo_clear(void);

/* "CLA01", area "Barnet", breakdown "Under 1" */
void describe(const store *st, const series *s, kpi_buf *b);
/* Rejects the record LINE[0..len) at WHERE (kpi_run_reject) for the reason
 * FMT: returns -1. */
int reject(store *st, const char *where, const char *line, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* C (NaN for none) as a count kept in a point, into *OUT: 0 when it is
 * not one (see COUNT_NONE). */
static inline int count_fits(double c, uint32_t *out)
{
	if (isnan(c)) {
		*out = COUNT_NONE;
		return 1;
	}
	if (!(c >= 0 && c < (double)COUNT_NONE) || signbit(c) || (double)(uint32_t)c != c)
		return 0;
	*out = (uint32_t)c;
	return 1;
}

/* O's numerator and denominator (NaN: none). */
static inline void set_counts(store *st, obs *o, double num, double den)
{
	uint32_t a, b;
	if (count_fits(num, &a) && count_fits(den, &b)) {
		o->num = a;
		o->den = b;
		o->flags &= (uint8_t)~OBS_WIDE;
		return;
	}
	if (st->n_wide >= UINT32_MAX)
		kpi_die(KPI_EXIT_DATA, "too much input: more than 2^32 points with counts that are not whole numbers");
	if (st->n_wide == st->cap_wide) {
		st->cap_wide = st->cap_wide ? 2 * st->cap_wide : 256;
		st->wide = kpi_xrealloc(st->wide, 2 * st->cap_wide * sizeof *st->wide);
	}
	st->wide[2 * st->n_wide] = num;
	st->wide[2 * st->n_wide + 1] = den;
	o->num = (uint32_t)st->n_wide++;
	o->den = 0;
	o->flags |= OBS_WIDE;
}

#endif
