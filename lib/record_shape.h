/* record_shape.h: the record parser's fast path (private to lib/): the
 * shape (the keys of the last record, kept as their text), a line read
 * through it, and the fields taken from the line before (reuse_prefix);
 * record_shape.c. */
#ifndef KPI_RECORD_SHAPE_H
#define KPI_RECORD_SHAPE_H
#include "record_scan.h"

/* A new shape id, unique in the process and never 0. */
unsigned long kpi_rec_new_shape_id(void);
/* Makes R's keys (free of duplicates) the shape: keys 0..FROM-1 are the
 * shape's already; the text of each later key I is r->key_raw[2I] to
 * r->key_raw[2I+1].  R's keys then point into the shape. */
void kpi_rec_keep_shape(kpi_record *r, size_t from);
/* Room for N fields in the arrays of reuse_prefix (new ones zero). */
void kpi_rec_reuse_room(kpi_record *r, size_t n);
/* A line whose keys are the shape's, read through it: 1 when the whole
 * line was, else 0 and the caller parses it in full. */
int kpi_rec_parse_shaped(parser *pp, int reuse);

/* After a parse through the shape: LINE is kept for the next one to
 * compare with, and where each value lies in it (kpi_record.reuse_prefix). */
static inline void keep_line(kpi_record *r, const char *line, size_t len)
{
	if (!r->reuse_prefix)
		return;
	r->prev_line.len = 0; /* (where each value lies in it: kpi_rec_parse_shaped) */
	kpi_buf_add(&r->prev_line, line, len);
	r->prev_valid = 1;
}

#endif
