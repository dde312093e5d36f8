/* ndjson.h: NDJSON input = lines.h + record.h, with FILE:LINE for messages.
 * Blank (all-whitespace) lines are skipped. */
#ifndef KPI_NDJSON_H
#define KPI_NDJSON_H
#include "kpi/lines.h"
#include "kpi/record.h"

typedef struct {
	kpi_lines *in;
	kpi_record rec;      /* the last record parsed */
	char *line;          /* the last line read (valid until the next call) */
	size_t len;
	char err[256];       /* why the last line was bad */
	int shallow;         /* set after open: kpi_record_parse_shallow, for a first pass */
} kpi_ndjson;

/* Opens PATH ("-" = stdin) or exits 2 with a message. */
void kpi_ndjson_open(kpi_ndjson *r, const char *path);
void kpi_ndjson_close(kpi_ndjson *r);
/* 1: r->rec holds the next record; 0: end of input; -1: the line is bad
 * (invalid UTF-8 or JSON, not an object): r->err says why, r->line holds it.
 * A read error exits 2. */
int kpi_ndjson_next(kpi_ndjson *r);
/* "FILE:LINE" of the last line */
const char *kpi_ndjson_where(kpi_ndjson *r);

#endif
