/* record.h: a fast parser for one NDJSON line holding a JSON object.
 * Keeps every field in input order with its raw JSON text, so a tool can
 * pass through the fields it does not know unchanged (contract: pass-through).
 * Strict: RFC 8259 grammar, valid UTF-8, no duplicate keys, nesting <= 64,
 * numbers must be finite doubles (1e999 is an error). */
#ifndef KPI_RECORD_H
#define KPI_RECORD_H
#include <stddef.h>
#include <stdint.h>
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
	uint32_t *slot;     /* the duplicate-key check's table, kept between parses */
	size_t nslot;
	/* The shape: the keys of the last record parsed free of duplicates,
	 * each as its text in the line from the opening '"' to the ':' and
	 * decoded.  A record's keys whose text is byte for byte the shape's are
	 * taken from it without being decoded, and when they all are, in the
	 * same order, the duplicate-key check is not repeated. */
	kpi_buf shape_raw;   /* the keys' text, one after another */
	kpi_buf shape_keys;  /* the decoded keys, each NUL-terminated */
	struct kpi_shape_key {
		size_t raw_off, raw_len, key_off, key_len;
	} *shape;
	size_t shape_n, shape_cap;
	int shape_ascii;      /* the shape's keys are ASCII (kpi_record_parse relies on it) */
	const char **key_raw; /* during a parse: each key's text in the line */
	size_t key_raw_cap;
	/* An id of the record's keys: after a successful parse, equal to the
	 * last successful parse's id exactly when the keys are that record's
	 * keys, in the same order (a tool may keep what it found from the keys
	 * by position while it stays the same).  Never 0, and unique in the
	 * process: no other record, nor this one initialised again, has it. */
	unsigned long shape_id;
	/* Set by a caller whose lines repeat most of their fields (a series'
	 * records, in kpi-trend): the line read through the shape is kept (a
	 * copy), and a field of the next line whose value, and the comma
	 * after it, are byte for byte the value of that field in that line is
	 * taken from that parse, not read again (the same text reads the
	 * same): the fields in the bytes the two lines share from their start
	 * at once, each later one by its own comparison.  A taken string is
	 * kept in held[i], not in store. */
	int reuse_prefix;
	kpi_buf prev_line;    /* the last line read through the shape, when reuse_prefix */
	int prev_valid;       /* prev_line and f[] are that line's parse */
	kpi_buf store_prev;   /* during a parse that takes fields: the last one's store */
	struct kpi_reuse_field {
		kpi_buf held;        /* the string of a field taken (when is_held) */
		unsigned char is_held;
		unsigned char miss;  /* times in a row it was compared and not taken (at most 2) */
	} *reuse;
	size_t reuse_cap;     /* room in reuse and taken */
	unsigned reuse_tick;  /* counts parses that could take fields */
	/* After a parse: the first same_fields fields were taken from the line
	 * before (0 when reuse_prefix is not set): their keys, types, strings
	 * and numbers are that record's. */
	size_t same_fields;
	/* After a successful parse with reuse_prefix: taken[i] is 1 when field
	 * i was taken from the line before (its value's text is that line's
	 * value of the same key, at the same place in the same keys), else 0.
	 * NULL before the first parse with reuse_prefix. */
	unsigned char *taken;
} kpi_record;

void kpi_record_init(kpi_record *r);
void kpi_record_free(kpi_record *r);
/* Parses LINE[0..len).  0 on success; -1 with a message in err ("invalid JSON
 * at column 12: expected ':'").  raw pointers point into LINE, which must
 * outlive their use. */
int kpi_record_parse(kpi_record *r, const char *line, size_t len, char *err, size_t errsz);
/* A quick look at a line that will be parsed strictly later: the top-level
 * fields as kpi_record_parse gives them, but nested values are passed over by
 * bracket matching without being validated, and UTF-8 is not checked.  A line
 * it accepts may still be bad. */
int kpi_record_parse_shallow(kpi_record *r, const char *line, size_t len, char *err, size_t errsz);
/* The field named KEY, or NULL (also when R is NULL).  KEY is a C string, so
 * a key holding "\u0000" is found only through r->f. */
const kpi_field *kpi_record_get(const kpi_record *r, const char *key);
/* The string value of KEY when it is a string, else NULL (R may be NULL). */
const char *kpi_record_str(const kpi_record *r, const char *key);
/* Decodes the JSON string literal RAW[0..len) (quotes included) onto OUT,
 * NUL-terminated.  0, or -1 when it is not a valid string.  RAW is taken
 * to be valid UTF-8, as it is in a parsed record. */
int kpi_json_string_decode(const char *raw, size_t len, kpi_buf *out);

/* Nested values (record_walk.c).  A parsed record keeps its nested objects
 * and arrays as raw text, already validated; these parse them on demand.
 * Every function taking a record accepts NULL (read as an empty object). */

/* The number of KEY: 1 with *V set when it is a number, else 0. */
int kpi_record_num(const kpi_record *r, const char *key, double *v);
/* The decimals R's indicator is published with, 0 to 6: its number
 * "decimals", else its EES metadata's "indicator_dp" (a string, "1"); -1
 * when it has neither (the unit then decides, kpi_report_decimals).  What
 * kpi-flag's movement and kpi-render's figures both print at. */
int kpi_record_decimals(const kpi_record *r);
/* The type of KEY's value; KPI_JT_NULL when absent. */
kpi_jtype kpi_record_type(const kpi_record *r, const char *key);
/* JSON truth of KEY: absent, null, false, 0, "", [] and {} are false. */
int kpi_record_truthy(const kpi_record *r, const char *key);
/* The object KEY parsed into INTO (a scratch record the caller owns);
 * NULL when KEY is absent or not an object. */
const kpi_record *kpi_record_object(kpi_record *into, const kpi_record *r, const char *key);
/* The object whose raw text is RAW[0..len) (an array element) into INTO;
 * NULL when it is not an object. */
const kpi_record *kpi_record_parse_object(kpi_record *into, const char *raw, size_t len);

/* The elements of an array, as raw text. */
typedef struct {
	const char *p, *end;
} kpi_elems;
/* Starts on the array KEY; 0 when KEY is absent or not an array. */
int kpi_elems_start(kpi_elems *it, const kpi_record *r, const char *key);
/* The next element's raw text in *E, *N; 0 after the last. */
int kpi_elems_next(kpi_elems *it, const char **e, size_t *n);
/* Where the JSON value starting at S ends: the first ',' or closing bracket
 * outside the strings and brackets it opens, or END.  Brackets are matched
 * and strings respected; nothing else is checked. */
const char *kpi_json_value_end(const char *s, const char *end);
/* The number of elements of the array KEY (0 when not an array). */
size_t kpi_elems_count(const kpi_record *r, const char *key);

#endif
