/* ndjson.c: NDJSON input with FILE:LINE. */
#include "kpi/ndjson.h"
#include "kpi/diag.h"
#include <stdio.h>
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

json_t *kpi_json_parse_object(const char *line, size_t len, char *err, size_t errsz)
{
	/* The strict parser decides what is valid (UTF-8 first), so that every tool accepts and
	 * refuses the same lines with the same messages (nesting <= 64, finite
	 * numbers, no duplicate keys); jansson would take 2048 levels and refuse
	 * "\u0000" and integers beyond 64 bits, which record.c accepts. */
	kpi_record strict;
	kpi_record_init(&strict);
	int rc = kpi_record_parse(&strict, line, len, err, errsz);
	kpi_record_free(&strict);
	if (rc != 0)
		return NULL;
	json_error_t je;
	int flags = JSON_REJECT_DUPLICATES | JSON_DECODE_ANY | JSON_ALLOW_NUL;
	json_t *v = json_loadb(line, len, flags, &je);
	if (!v) /* an integer too big for json_int_t: read the line's integers as doubles */
		v = json_loadb(line, len, flags | JSON_DECODE_INT_AS_REAL, &je);
	if (!v) {
		snprintf(err, errsz, "invalid JSON at column %d: %s", je.column, je.text);
		return NULL;
	}
	if (!json_is_object(v)) {
		json_decref(v);
		snprintf(err, errsz, "invalid JSON at column 1: a JSON object expected");
		return NULL;
	}
	return v;
}
