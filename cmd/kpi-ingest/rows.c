/* rows.c: the rows of a CSV or TSV file, for table.c (see ingest.h). */
#include <stdlib.h>
#include "kpi/csv.h"
#include "ingest.h"

typedef struct {
	rows r;
	kpi_csv *csv;
	unsigned long header_line; /* 0 until the header has been read */
} csv_rows;

static int csv_next(rows *r, kpi_csv_row **row)
{
	csv_rows *c = (csv_rows *)r;
	int rc = kpi_csv_next(c->csv, row);
	if (rc == 1 && !c->header_line)
		c->header_line = (*row)->line;
	return rc;
}

static const char *csv_where(rows *r)
{
	return kpi_csv_where(((csv_rows *)r)->csv);
}

static const char *csv_error(rows *r)
{
	return kpi_csv_error(((csv_rows *)r)->csv);
}

static const char *csv_raw(rows *r, size_t *len)
{
	return kpi_csv_raw(((csv_rows *)r)->csv, len);
}

static int csv_rewindable(rows *r)
{
	return kpi_csv_rewindable(((csv_rows *)r)->csv);
}

/* Back to the row after the header: rows are read again up to the header's
 * line (blank lines before it are skipped, as the first time). */
static int csv_rewind(rows *r)
{
	csv_rows *c = (csv_rows *)r;
	if (!c->header_line || kpi_csv_rewind(c->csv) != 0)
		return -1;
	kpi_csv_row *row;
	int rc;
	while ((rc = kpi_csv_next(c->csv, &row)) != 0)
		if (rc == 1 && row->line >= c->header_line)
			return 0;
	return -1;
}

static void csv_close(rows *r)
{
	csv_rows *c = (csv_rows *)r;
	kpi_csv_close(c->csv);
	free(c);
}

static const rows_ops csv_ops = {csv_next, csv_where, csv_error, csv_raw,
				 csv_rewindable, csv_rewind, csv_close};

rows *csv_rows_open(kpi_lines *in, char delim, kpi_encoding enc, char *first, size_t first_len)
{
	csv_rows *c = kpi_xcalloc(1, sizeof *c);
	c->r.ops = &csv_ops;
	c->r.file = kpi_lines_name(in);
	c->r.at_json = ":";
	c->csv = kpi_csv_from_lines(in, delim, enc, first, first_len);
	return &c->r;
}
