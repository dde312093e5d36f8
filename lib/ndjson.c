/* ndjson.c: NDJSON input with FILE:LINE. */
#include "kpi/ndjson.h"
#include "kpi/diag.h"
#include <string.h>

void kpi_ndjson_open(kpi_ndjson *r, const char *path)
{
	memset(r, 0, sizeof *r);
	r->in = kpi_lines_open_or_die(path);
	kpi_record_init(&r->rec);
}

void kpi_ndjson_close(kpi_ndjson *r)
{
	kpi_lines_close(r->in);
	kpi_record_free(&r->rec);
	r->in = NULL;
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

int kpi_ndjson_next(kpi_ndjson *r)
{
	for (;;) {
		if (!kpi_lines_next_or_die(r->in, &r->line, &r->len))
			return 0;
		if (blank(r->line, r->len))
			continue;
		if ((r->shallow ? kpi_record_parse_shallow : kpi_record_parse)(&r->rec, r->line, r->len, r->err,
									      sizeof r->err) < 0)
			return -1;
		return 1;
	}
}

const char *kpi_ndjson_where(kpi_ndjson *r)
{
	return kpi_lines_where(r->in);
}
