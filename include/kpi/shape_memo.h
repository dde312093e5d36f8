/* shape_memo.h: whether a parsed record's keys are those of the record a
 * tool looked at last, so that what it found from the keys (which field is
 * where) can be kept by position while they stay the same (the records of
 * a file nearly always repeat their keys in order).
 *
 *   kpi_shape_memo m = KPI_SHAPE_MEMO_INIT;
 *   if (!kpi_shape_memo_same(&m, rec))
 *       ... look at REC's keys and keep what they say ...
 *   kpi_shape_memo_free(&m);
 *
 * It goes by the record and its shape (record.h: shape_id, unique in the
 * process, so a record initialised again, whose keys may be others, or
 * another record at the same address, is never taken for the last).  A
 * kpi_keyed (record_keys.h) asks the same of the record it holds. */
#ifndef KPI_SHAPE_MEMO_H
#define KPI_SHAPE_MEMO_H
#include "kpi/record.h"

typedef struct {
	const kpi_record *rec; /* the record seen last, NULL before the first */
	unsigned long id;      /* its shape_id then */
} kpi_shape_memo;
#define KPI_SHAPE_MEMO_INIT {NULL, 0}

/* 1 when REC (just parsed, successfully) has the keys, in the same order,
 * of the record the last call was given, written the same way; else 0
 * (it may be 0 for the same keys written with other spaces or escapes, or
 * after a failed parse or the record initialised again: a look at the keys
 * too many, never one too few), and REC's keys are the ones remembered
 * from now on. */
static inline int kpi_shape_memo_same(kpi_shape_memo *m, const kpi_record *rec);
/* kpi_shape_memo_same's other case: remembers REC's keys, returns 0. */
int kpi_shape_memo_keep(kpi_shape_memo *m, const kpi_record *rec);
/* Forget the keys (the next call returns 0). */
void kpi_shape_memo_forget(kpi_shape_memo *m);
void kpi_shape_memo_free(kpi_shape_memo *m);

/* Inline: twice for every record of kpi-normalise.  The shape is the keys
 * of the last record parsed free of duplicates, which after a successful
 * parse are REC's own (shape_n == n). */
static inline int kpi_shape_memo_same(kpi_shape_memo *m, const kpi_record *rec)
{
	if (m->rec == rec && m->id == rec->shape_id && rec->shape_n == rec->n)
		return 1;
	return kpi_shape_memo_keep(m, rec);
}

#endif
