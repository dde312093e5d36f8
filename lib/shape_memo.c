/* shape_memo.c: the keys of the last record, by its shape (shape_memo.h). */
#include "kpi/shape_memo.h"

int kpi_shape_memo_keep(kpi_shape_memo *m, const kpi_record *rec)
{
	/* a record whose keys are not all the shape's (it cannot be after a
	 * successful parse) is never taken for the next one */
	m->rec = rec->shape_n == rec->n ? rec : NULL;
	m->id = rec->shape_id;
	return 0;
}

void kpi_shape_memo_forget(kpi_shape_memo *m)
{
	m->rec = NULL;
}

void kpi_shape_memo_free(kpi_shape_memo *m)
{
	m->rec = NULL;
}
