/* record.c: strict single-pass parser for one JSON object per line.
 * Top-level fields are kept with their raw text; nested values are
 * validated and kept raw.  Decoded keys and strings go to r->store; their
 * pointers are fixed up after parsing, since the store may move.  Here:
 * the record's life, the parse of a line (through the shape first,
 * record_shape.c, else in full), and the look-up of a field by key.  The
 * tokens are read by record_scan.h and record_scan.c, nested values
 * checked by record_nested.c, duplicate keys by record_dupkeys.c. */
#include "kpi/record.h"
#include "kpi/utf8.h"
#include "record_dupkeys.h"
#include "record_scan.h"
#include "record_shape.h"
#include <stdlib.h>

void kpi_record_init(kpi_record *r)
{
	memset(r, 0, sizeof *r);
	kpi_buf_init(&r->store);
	r->shape_id = kpi_rec_new_shape_id(); /* the shape of no keys */
	r->shape_ascii = 1;
}

void kpi_record_free(kpi_record *r)
{
	free(r->f);
	free(r->slot);
	free(r->shape);
	free(r->key_raw);
	kpi_buf_free(&r->prev_line);
	kpi_buf_free(&r->store_prev);
	for (size_t i = 0; i < r->reuse_cap; i++)
		kpi_buf_free(&r->reuse[i].held);
	free(r->reuse);
	free(r->taken);
	kpi_buf_free(&r->shape_raw);
	kpi_buf_free(&r->shape_keys);
	kpi_buf_free(&r->store);
	memset(r, 0, sizeof *r);
}

/* Offsets into store are kept in the pointer fields during parsing. */
#define OFF(x) ((const char *)(uintptr_t)(x))

static int parse_record(parser *ps);

int kpi_record_parse(kpi_record *r, const char *line, size_t len, char *err, size_t errsz)
{
	parser ps = {line, line, line + len, r, err, errsz, 0, 0, 0, 0};
	/* A record of the shape's keys is read first: when every byte of its
	 * strings was seen (copy_plain) to be ASCII, as were the keys, the line
	 * is ASCII and so valid UTF-8, and is not checked again (the check was
	 * a twentieth of kpi-trend's instructions).  Else the order is the
	 * check, then the parse, as the messages expect.  The fields taken from
	 * the line before (reuse_prefix) are bytes of a line that was valid,
	 * ending before an ASCII comma: valid UTF-8 whatever the rest is. */
	int reuse = r->prev_valid;
	r->prev_valid = 0;
	r->same_fields = 0;
	r->n = 0;
	if (kpi_rec_parse_shaped(&ps, reuse)) {
		if ((!(ps.seen_high & 0x80) && !ps.unseen && r->shape_ascii) ||
		    kpi_utf8_check_msg(line, len, err, errsz) == 0) {
			keep_line(r, line, len);
			return 0;
		}
		r->n = 0;
		r->same_fields = 0;
		kpi_buf_clear(&r->store);
		return -1;
	}
	r->same_fields = 0;
	r->n = 0;
	kpi_buf_clear(&r->store);
	if (kpi_utf8_check_msg(line, len, err, errsz) != 0) {
		r->n = 0;
		kpi_buf_clear(&r->store);
		return -1;
	}
	ps.shaped_tried = 1;
	int rc = parse_record(&ps);
	if (rc == 0 && r->reuse_prefix) { /* nothing taken */
		kpi_rec_reuse_room(r, r->n);
		memset(r->taken, 0, r->n);
	}
	return rc;
}

int kpi_record_parse_shallow(kpi_record *r, const char *line, size_t len, char *err, size_t errsz)
{
	parser ps = {line, line, line + len, r, err, errsz, 1, 0, 0, 0};
	r->prev_valid = 0; /* a shallow parse vouches for less than a strict one */
	r->same_fields = 0;
	return parse_record(&ps);
}

/* The object of a line, into ps->r. */
static int parse_record(parser *pp)
{
	parser ps = *pp;
	kpi_record *r = ps.r;
	char *err = ps.err;
	size_t errsz = ps.errsz;
	r->n = 0;
	kpi_buf_clear(&r->store);
	if (!ps.shaped_tried && kpi_rec_parse_shaped(&ps, 0))
		return 0;
	r->n = 0;
	kpi_buf_clear(&r->store);
	size_t miss = SIZE_MAX; /* the first field whose key is not the shape's */
	skip_ws(&ps);
	if (ps.p >= ps.end || *ps.p != '{')
		return fail(&ps, "a JSON object expected");
	ps.p++;
	skip_ws(&ps);
	if (ps.p < ps.end && *ps.p == '}') {
		ps.p++;
	} else {
		for (;;) {
			skip_ws(&ps);
			if (ps.p >= ps.end || *ps.p != '"')
				return fail(&ps, "object key expected");
			if (r->n == r->cap) {
				r->cap = r->cap ? r->cap * 2 : 16;
				r->f = realloc(r->f, r->cap * sizeof *r->f);
				if (!r->f)
					return fail(&ps, "out of memory");
			}
			kpi_field *f = &r->f[r->n];
			memset(f, 0, sizeof *f);
			const struct kpi_shape_key *sk = r->n < miss && r->n < r->shape_n ? &r->shape[r->n] : NULL;
			if (sk && (size_t)(ps.end - ps.p) >= sk->raw_len &&
			    kpi_same_bytes(ps.p, r->shape_raw.data + sk->raw_off, sk->raw_len)) {
				/* the shape's key: the same text reads the same, '"' to ':' */
				f->key = r->shape_keys.data + sk->key_off;
				f->key_len = sk->key_len;
				ps.p += sk->raw_len;
			} else {
				if (miss == SIZE_MAX)
					miss = r->n;
				if (2 * r->n + 2 > r->key_raw_cap) {
					r->key_raw_cap = 2 * r->cap;
					r->key_raw = kpi_xrealloc(r->key_raw, r->key_raw_cap * sizeof *r->key_raw);
				}
				r->key_raw[2 * r->n] = ps.p;
				size_t koff = r->store.len;
				if (parse_string(&ps, &r->store) < 0)
					return -1;
				f->key = OFF(koff);
				f->key_len = r->store.len - koff - 1;
				skip_ws(&ps);
				if (ps.p >= ps.end || *ps.p != ':')
					return fail(&ps, "':' expected");
				ps.p++;
				r->key_raw[2 * r->n + 1] = ps.p;
			}
			skip_ws(&ps);
			f->raw = ps.p;
			if (ps.p >= ps.end)
				return fail(&ps, "value expected");
			char c = *ps.p;
			if (c == '"') {
				size_t soff = r->store.len;
				if (parse_string(&ps, &r->store) < 0)
					return -1;
				f->type = KPI_JT_STRING;
				f->str = OFF(soff);
				f->str_len = r->store.len - soff - 1;
			} else if (c == '{' || c == '[') {
				if ((ps.shallow ? skip_unchecked(&ps) : kpi_rec_skip_value(&ps, 1)) < 0)
					return -1;
				f->type = c == '{' ? KPI_JT_OBJECT : KPI_JT_ARRAY;
			} else if (c == 't') {
				if (parse_literal(&ps, "true", 4) < 0)
					return -1;
				f->type = KPI_JT_TRUE;
			} else if (c == 'f') {
				if (parse_literal(&ps, "false", 5) < 0)
					return -1;
				f->type = KPI_JT_FALSE;
			} else if (c == 'n') {
				if (parse_literal(&ps, "null", 4) < 0)
					return -1;
				f->type = KPI_JT_NULL;
			} else if (c == '-' || (c >= '0' && c <= '9')) {
				if (kpi_rec_parse_number(&ps, &f->num) < 0)
					return -1;
				f->type = KPI_JT_NUMBER;
			} else {
				return fail(&ps, "unexpected character");
			}
			f->raw_len = (size_t)(ps.p - f->raw);
			r->n++;
			skip_ws(&ps);
			if (ps.p < ps.end && *ps.p == ',') {
				ps.p++;
				continue;
			}
			if (ps.p < ps.end && *ps.p == '}') {
				ps.p++;
				break;
			}
			return fail(&ps, "',' or '}' expected");
		}
	}
	skip_ws(&ps);
	if (ps.p != ps.end)
		return fail(&ps, "text after the object");
	/* offsets -> pointers (the keys from the shape point into it) */
	for (size_t i = 0; i < r->n; i++) {
		kpi_field *f = &r->f[i];
		if (i >= miss)
			f->key = r->store.data + (uintptr_t)f->key;
		if (f->type == KPI_JT_STRING)
			f->str = r->store.data + (uintptr_t)f->str;
	}
	/* duplicate keys: none when the keys are the shape's (or the first of
	 * them), else compared through tags while few, else through a table */
	const kpi_field *dup = NULL;
	if (miss == SIZE_MAX) {
		if (r->n != r->shape_n)
			kpi_rec_keep_shape(r, r->n);
	} else if (r->n <= KEYS_TAGGED) {
		dup = kpi_rec_tagged_duplicate(r);
	} else {
		key_table t = {r->slot, r->nslot};
		kpi_rec_table_fill(&t, r, kpi_rec_field_key_at, 0, r->n);
		for (size_t i = 0; i < r->n && !dup; i++)
			if (kpi_rec_table_add(&t, r, kpi_rec_field_key_at, i))
				dup = &r->f[i];
		r->slot = t.slot;
		r->nslot = t.nslot;
	}
	if (!dup && miss != SIZE_MAX)
		kpi_rec_keep_shape(r, miss);
	if (dup) {
		snprintf(err, errsz, "duplicate key \"%.*s\"", (int)(dup->key_len > 200 ? 200 : dup->key_len), dup->key);
		return -1;
	}
	return 0;
}

const kpi_field *kpi_record_get(const kpi_record *r, const char *key)
{
	if (!r)
		return NULL;
	size_t n = strlen(key);
	for (size_t i = 0; i < r->n; i++)
		if (r->f[i].key_len == n && memcmp(r->f[i].key, key, n) == 0)
			return &r->f[i];
	return NULL;
}

int kpi_json_string_decode(const char *raw, size_t len, kpi_buf *out)
{
	char err[8];
	parser ps = {raw, raw, raw + len, NULL, err, sizeof err, 0, 0, 0, 0};
	if (!len || raw[0] != '"' || parse_string(&ps, out) < 0 || ps.p != ps.end)
		return -1;
	out->len--; /* parse_string ends each string with a NUL of its own */
	return 0;
}

const char *kpi_record_str(const kpi_record *r, const char *key)
{
	const kpi_field *f = kpi_record_get(r, key);
	return f && f->type == KPI_JT_STRING ? f->str : NULL;
}
