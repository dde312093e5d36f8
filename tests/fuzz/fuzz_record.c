/* libFuzzer harness: the NDJSON object parser (lib/record*.c) and jansson,
 * the reference (json_reference.c), must read every line they accept alike:
 * the same keys in the same order, the same types, strings and numbers; and
 * whatever parses must write back as valid JSON.  The nested values
 * (lib/record_walk.c): every element of every array re-parses as the JSON
 * it was, an object element as a record, and every string literal decodes.
 * The record is kept from input to input, so its shape cache (the keys of
 * the last record) is in play: a fresh record must read each line alike,
 * and so must the kept one a second time (the shape then nearly always
 * holds the line's keys), and so must one taught the line's keys by the
 * shallow parse (the strict parse then skips the UTF-8 check of a line it
 * saw to be ASCII).  A record with reuse_prefix reads each line as a
 * fresh one does, after the line before and after itself changed a little.
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

/* Two parses of one line agree: the same result, fields or error. */
static void same_parse(const kpi_record *a, int ra, const char *ea, const kpi_record *b, int rb, const char *eb)
{
	if (ra != rb || (ra != 0 && strcmp(ea, eb) != 0))
		abort();
	if (ra != 0)
		return;
	if (a->n != b->n)
		abort();
	for (size_t i = 0; i < a->n; i++) {
		const kpi_field *x = &a->f[i], *y = &b->f[i];
		if (x->key_len != y->key_len || memcmp(x->key, y->key, x->key_len + 1) != 0 || x->type != y->type ||
		    x->raw != y->raw || x->raw_len != y->raw_len || x->str_len != y->str_len ||
		    (x->type == KPI_JT_STRING && memcmp(x->str, y->str, x->str_len + 1) != 0) ||
		    (x->type == KPI_JT_NUMBER && memcmp(&x->num, &y->num, sizeof x->num) != 0))
			abort();
	}
}

/* LINE through the kept record R (its shape from earlier inputs), twice, and
 * through a fresh record: all three read it alike. */
static void shape_agrees(kpi_record *r, const char *s, size_t size, int shallow)
{
	char e1[256], e2[256];
	int (*parse)(kpi_record *, const char *, size_t, char *, size_t) =
		shallow ? kpi_record_parse_shallow : kpi_record_parse;
	kpi_record fresh;
	kpi_record_init(&fresh);
	int rf = parse(&fresh, s, size, e2, sizeof e2);
	int rk = parse(r, s, size, e1, sizeof e1);
	same_parse(r, rk, e1, &fresh, rf, e2);
	rk = parse(r, s, size, e1, sizeof e1);
	same_parse(r, rk, e1, &fresh, rf, e2);
	if (!shallow) {
		/* a record taught the line's own keys by the shallow parse (which
		 * checks no UTF-8): the strict parse then reads the line through
		 * the shape, and skips the UTF-8 check only when it saw ASCII */
		kpi_record taught;
		kpi_record_init(&taught);
		kpi_record_parse_shallow(&taught, s, size, e1, sizeof e1);
		rk = kpi_record_parse(&taught, s, size, e1, sizeof e1);
		same_parse(&taught, rk, e1, &fresh, rf, e2);
		kpi_record_free(&taught);
	}
	kpi_record_free(&fresh);
}

/* A record with reuse_prefix, kept from input to input, reads each line of
 * the input (split at "\n") as a fresh record does, then each line again
 * with one byte changed (a line sharing all but its end with the one
 * before), then with its middle byte dropped (the fields after it are the
 * line before's, one byte earlier), each from a copy of its own length. */
static void prefix_agrees(const char *s, size_t size)
{
	static kpi_record r;
	static int init;
	if (!init) {
		kpi_record_init(&r);
		r.reuse_prefix = 1;
		init = 1;
	}
	char e1[256], e2[256];
	const char *end = s + size;
	while (s <= end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = (size_t)((nl ? nl : end) - s);
		for (int pass = 0; pass < 4; pass++) {
			char *copy = malloc(n ? n : 1);
			if (!copy)
				abort();
			memcpy(copy, s, n);
			size_t len = n;
			if (pass == 3 && n) {
				memmove(copy + n / 2, copy + n / 2 + 1, n - n / 2 - 1);
				len--;
			} else if (pass && n) {
				copy[n - 1 - (n > 8 && pass == 2 ? n / 3 : 0)] ^= 0x01;
			}
			kpi_record fresh;
			kpi_record_init(&fresh);
			int rf = kpi_record_parse(&fresh, copy, len, e2, sizeof e2);
			int rk = kpi_record_parse(&r, copy, len, e1, sizeof e1);
			same_parse(&r, rk, e1, &fresh, rf, e2);
			kpi_record_free(&fresh);
			free(copy);
		}
		if (!nl)
			break;
		s = nl + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	prefix_agrees((const char *)data, size);
	static kpi_record shallow_r;
	static int shallow_init;
	if (!shallow_init) {
		kpi_record_init(&shallow_r);
		shallow_init = 1;
	}
	shape_agrees(&shallow_r, (const char *)data, size, 1);
	static kpi_record r;
	static int init;
	if (!init) {
		kpi_record_init(&r);
		init = 1;
	}
	char err[256];
	const char *s = (const char *)data;
	shape_agrees(&r, s, size, 0);
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
