/* record.h: a fast parser for one NDJSON line holding a JSON object.
 * Keeps every field in input order with its raw JSON text, so a tool can
 * pass through the fields it does not know unchanged (contract: pass-through).
 * Strict: RFC 8259 grammar, valid UTF-8, no duplicate keys, nesting <= 64,
 * numbers must be finite doubles (1e999 is an error). */
#ifndef KPI_RECORD_H
#define KPI_RECORD_H
#include <stddef.h>
#include "kpi/buf.h"

typedef enum {
	KPI_JT_NULL, KPI_JT_FALSE, KPI_JT_TRUE, KPI_JT_NUMBER,
	KPI_JT_STRING, KPI_JT_ARRAY, KPI_JT_OBJECT
} kpi_jtype;

typedef struct {
	const char *key;   /* decoded, NUL-terminated */
	size_t key_len;
	kpi_jtype type;
	const char *raw;   /* the value's JSON text as in the line (not NUL-terminated) */
	size_t raw_len;
	const char *str;   /* KPI_JT_STRING: decoded, NUL-terminated (may hold \0 via \u0000: use str_len) */
	size_t str_len;
	double num;        /* KPI_JT_NUMBER */
} kpi_field;

typedef struct {
	kpi_field *f;
	size_t n, cap;
	kpi_buf store;      /* decoded keys and strings */
} kpi_record;

void kpi_record_init(kpi_record *r);
void kpi_record_free(kpi_record *r);
/* Parses LINE[0..len).  0 on success; -1 with a message in err ("invalid JSON
 * at column 12: expected ':'").  raw pointers point into LINE, which must
 * outlive their use. */
int kpi_record_parse(kpi_record *r, const char *line, size_t len, char *err, size_t errsz);
/* The field named KEY, or NULL. */
const kpi_field *kpi_record_get(const kpi_record *r, const char *key);
/* The string value of KEY when it is a string, else NULL. */
const char *kpi_record_str(const kpi_record *r, const char *key);

#endif
