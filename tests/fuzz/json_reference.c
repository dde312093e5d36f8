/* json_reference.c: jansson's reading of an NDJSON line (json_reference.h). */
#include "json_reference.h"
#include "kpi/record.h"
#include <stdio.h>

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
