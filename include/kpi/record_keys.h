/* record_keys.h: the fields of parsed records found by number, once per
 * shape.  kpi_record_get compares a key with the record's fields one by one;
 * a tool that reads the same keys of every record (kpi-render reads some 50
 * of a judged summary's 60) finds each once while the records keep their
 * keys (kpi_record.shape_id), then reads it by position.
 *
 * A kpi_keyed holds its own record, so that its index never outlives the
 * record it describes.  Nested objects of a record already parsed strictly
 * (kpi_keyed_nested) are read without being validated again: the top-level
 * parse did that. */
#ifndef KPI_RECORD_KEYS_H
#define KPI_RECORD_KEYS_H
#include <stddef.h>
#include "kpi/record.h"

typedef struct {
	kpi_record rec;           /* the last record parsed */
	const char *const *keys;  /* the keys read, as the caller numbers them */
	size_t n_keys;
	int parsed;               /* the last parse succeeded */
	unsigned long id;         /* the rec.shape_id ix describes; 0 none */
	int *ix;                  /* ix[k]: the index in rec.f of keys[k], -1 when absent */
} kpi_keyed;

/* KEYS[0..n_keys) must outlive K (a static table). */
void kpi_keyed_init(kpi_keyed *k, const char *const *keys, size_t n_keys);
void kpi_keyed_free(kpi_keyed *k);
/* Parses LINE strictly (kpi_record_parse); the record, or NULL with a
 * message in ERR. */
const kpi_record *kpi_keyed_parse(kpi_keyed *k, const char *line, size_t len, char *err, size_t errsz);
/* The object whose raw text RAW[0..len) is a nested value of a record that
 * kpi_record_parse accepted (a field's raw text, an array element): the same
 * fields as kpi_record_parse_object gives, without checking the text again;
 * NULL when it is not an object (RAW may be NULL). */
const kpi_record *kpi_keyed_nested(kpi_keyed *k, const char *raw, size_t len);
/* The same for the value of field F (NULL, or not an object: NULL). */
const kpi_record *kpi_keyed_object(kpi_keyed *k, const kpi_field *f);
/* Field number KEY (an index in the keys given to init) of the last record
 * parsed; NULL when absent or when the last parse failed.  The same field
 * as kpi_record_get(&k->rec, keys[KEY]). */
const kpi_field *kpi_keyed_get(kpi_keyed *k, size_t key);
/* Starts IT on the elements of F (kpi_elems_start for a field in hand); 0
 * when F is NULL or not an array. */
int kpi_elems_of(kpi_elems *it, const kpi_field *f);
/* The elements from the last: the one before those given so far in *E, *N
 * (trimmed as kpi_elems_next gives it); 0 before the first.  IT is started
 * by kpi_elems_of or kpi_elems_start, and walked in this direction only.
 * The array is taken to be valid JSON (a field of a parsed record): a
 * reader that wants its last elements need not scan the rest. */
int kpi_elems_prev(kpi_elems *it, const char **e, size_t *n);
/* The number of elements of F (0 when not an array). */
size_t kpi_elems_count_of(const kpi_field *f);

#endif
