/* libFuzzer harness: the NDJSON object parser (lib/record.c) and jansson,
 * the reference (json_reference.c), must read every line they accept alike:
 * the same keys in the same order, the same types, strings and numbers; and
 * whatever parses must write back as valid JSON.  The nested values
 * (lib/record_walk.c): every element of every array re-parses as the JSON
 * it was, an object element as a record, and every string literal decodes.
 * FUZZ_SOURCES: tests/fuzz/json_reference.c */
#include "json_reference.h"
#include "kpi/json_write.h"
#include "kpi/record.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Every nested value of R, to depth 4: arrays split into elements that are
 * each one JSON value, objects parse as records, strings decode. */
static void walk(const kpi_record *r, int depth)
{
	char err[256];
	for (size_t i = 0; i < r->n; i++) {
		const kpi_field *f = &r->f[i];
		if (f->type == KPI_JT_STRING) {
			kpi_buf s = KPI_BUF_INIT;
			if (kpi_json_string_decode(f->raw, f->raw_len, &s) != 0 || s.len != f->str_len ||
			    memcmp(s.data, f->str, s.len) != 0)
				abort();
			kpi_buf_free(&s);
		}
		(void)kpi_record_truthy(r, f->key);
		if (depth >= 4)
			continue;
		/* lookups by name cannot find a key holding "\u0000": read those by field */
		int by_name = strlen(f->key) == f->key_len && kpi_record_get(r, f->key) == f;
		if (f->type == KPI_JT_OBJECT) {
			kpi_record o;
			kpi_record_init(&o);
			if (!(by_name ? kpi_record_object(&o, r, f->key)
				      : kpi_record_parse_object(&o, f->raw, f->raw_len)))
				abort();
			walk(&o, depth + 1);
			kpi_record_free(&o);
		} else if (f->type == KPI_JT_ARRAY) {
			kpi_elems it;
			const char *e;
			size_t n, count = 0;
			if (by_name) {
				kpi_elems_start(&it, r, f->key);
			} else {
				it.p = f->raw + 1;
				it.end = f->raw + f->raw_len - 1;
			}
			while (kpi_elems_next(&it, &e, &n)) {
				/* each element, wrapped as {"e":ELEMENT}, is one valid value */
				kpi_buf b = KPI_BUF_INIT;
				kpi_buf_adds(&b, "{\"e\":");
				kpi_buf_add(&b, e, n);
				kpi_buf_addc(&b, '}');
				kpi_record w;
				kpi_record_init(&w);
				if (kpi_record_parse(&w, b.data, b.len, err, sizeof err) != 0 || w.n != 1)
					abort();
				walk(&w, depth + 1);
				kpi_record_free(&w);
				kpi_buf_free(&b);
				count++;
			}
			if (by_name && count != kpi_elems_count(r, f->key))
				abort();
		}
	}
}

/* The type jansson gives a field of kind T. */
static int same_type(kpi_jtype t, const json_t *v)
{
	switch (t) {
	case KPI_JT_NULL:
		return json_is_null(v);
	case KPI_JT_FALSE:
		return json_is_false(v);
	case KPI_JT_TRUE:
		return json_is_true(v);
	case KPI_JT_NUMBER:
		return json_is_number(v);
	case KPI_JT_STRING:
		return json_is_string(v);
	case KPI_JT_ARRAY:
		return json_is_array(v);
	case KPI_JT_OBJECT:
		return json_is_object(v);
	}
	return 0;
}

/* R (parsed by record.c) and the reference's reading of the same line agree. */
static void agree_with_reference(const kpi_record *r, const char *s, size_t size)
{
	char err[256];
	json_t *o = kpi_json_parse_object(s, size, err, sizeof err);
	/* jansson refuses keys holding "\u0000", at any depth, which record.c
	 * reads: there is no reference for those lines */
	if (!o && strstr(err, "NUL byte in object key"))
		return;
	if (!o || json_object_size(o) != r->n)
		abort();
	void *it = json_object_iter(o);
	for (size_t i = 0; i < r->n; i++, it = json_object_iter_next(o, it)) {
		const kpi_field *f = &r->f[i];
		if (!it)
			abort();
		json_t *v = json_object_iter_value(it);
		if (strcmp(json_object_iter_key(it), f->key) != 0 || !same_type(f->type, v))
			abort();
		if (f->type == KPI_JT_STRING &&
		    (json_string_length(v) != f->str_len || memcmp(json_string_value(v), f->str, f->str_len) != 0))
			abort();
		if (f->type == KPI_JT_NUMBER && json_number_value(v) != f->num &&
		    !(json_is_integer(v) && (double)json_integer_value(v) == f->num))
			abort();
	}
	json_decref(o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static kpi_record r;
	static int init;
	if (!init) {
		kpi_record_init(&r);
		init = 1;
	}
	char err[256];
	const char *s = (const char *)data;
	int rc = kpi_record_parse(&r, s, size, err, sizeof err);
	if (rc == 0) {
		/* re-emit every field raw; the result must parse again with the same fields */
		kpi_buf b = KPI_BUF_INIT;
		kpi_jw w;
		kpi_jw_init(&w, &b);
		kpi_jw_begin_object(&w);
		for (size_t i = 0; i < r.n; i++) {
			kpi_jw_keyn(&w, r.f[i].key, r.f[i].key_len);
			if (r.f[i].type == KPI_JT_NUMBER)
				kpi_jw_number(&w, r.f[i].num);
			else
				kpi_jw_raw(&w, r.f[i].raw, r.f[i].raw_len);
		}
		kpi_jw_end_object(&w);
		size_t n = r.n;
		kpi_record r2;
		kpi_record_init(&r2);
		if (kpi_record_parse(&r2, b.data, b.len, err, sizeof err) != 0 || r2.n != n)
			abort();
		kpi_record_free(&r2);
		kpi_buf_free(&b);
		walk(&r, 0);
		agree_with_reference(&r, s, size);
	}
	return 0;
}
