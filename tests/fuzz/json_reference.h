/* json_reference.h: a second reading of an NDJSON line, by jansson, as the
 * reference the record parser (lib/record.c) is checked against: by
 * fuzz_record, and by the unit test test_json_strict.  No tool links it. */
#ifndef KPI_JSON_REFERENCE_H
#define KPI_JSON_REFERENCE_H
#include <jansson.h>
#include <stddef.h>

/* Parse one line into a jansson object (keys in order, duplicates
 * rejected).  NULL with a message in err when it is not a valid JSON object;
 * the strict record parser decides validity first, so both accept and
 * refuse the same lines with the same messages. */
json_t *kpi_json_parse_object(const char *line, size_t len, char *err, size_t errsz);

#endif
