/* shape_memo.c: the keys of the last record, by its shape (shape_memo.h). */
#include "kpi/shape_memo.h"
#include <string.h>

int kpi_shape_memo_keep(kpi_shape_memo *m, const kpi_record *rec)
{
	m->rec = rec;
	m->id = rec->shape_id;
	m->n = rec->n;
	kpi_buf_clear(&m->raw);
	/* a record whose keys are not all the shape's (it cannot be after a
	 * successful parse) is never taken for the next one */
	if (rec->shape_n == rec->n)
		kpi_buf_add(&m->raw, rec->shape_raw.data ? rec->shape_raw.data : "", rec->shape_raw.len);
	else
		m->rec = NULL;
	return 0;
}

void kpi_shape_memo_forget(kpi_shape_memo *m)
{
	m->rec = NULL;
}

void kpi_shape_memo_free(kpi_shape_memo *m)
{
	kpi_buf_free(&m->raw);
	m->rec = NULL;
}
