/* json_in.c: JSON documents, read with jansson.  A document is a top-level
 * array of objects, or holds one under a path (--records result.records, as
 * CKAN and other data portals answer).  Each object is one row of a table
 * whose columns are the objects' keys in the order they first appear; a
 * key an object lacks is an empty cell.  A row's source is a JSON pointer
 * to its object: FILE#/result/records/17.  Cells are strings as written,
 * numbers in their shortest form, true, false, and null as an empty cell; an
 * array or object as a cell is a bad row naming its path.
 *
 * The whole document is held in memory (jansson's tree): a document is not
 * a stream.  Its rows then go through the same table code as a CSV file. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kpi/closest.h"
#include "kpi/diag.h"
#include "kpi/json_write.h"
#include "kpi/numfmt.h"
#include "kpi/strtab.h"
#include "ingest.h"

typedef struct {
	rows r;
	json_t *doc;
	json_t *records;       /* the array of records */
	char *pointer;         /* its JSON pointer: "" or "/result/records" */
	char *at;              /* "#/result/records/" as the inside of a JSON string */
	size_t next;           /* the next record */
	int header_read;
	const char **key;      /* the columns */
	size_t nkey;
	kpi_strtab keys;
	kpi_csv_row row;
	kpi_buf text;          /* the row's cells, each NUL-terminated */
	size_t *off;
	kpi_buf where, err, raw;
} json_rows;

static const char *kind_of(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	default:
		return "null";
	}
}

/* KEY as a JSON pointer's reference token ("~" -> "~0", "/" -> "~1"), onto OUT */
static void pointer_token(kpi_buf *b, const char *key)
{
	for (const char *p = key; *p; p++)
		if (*p == '~')
			kpi_buf_adds(b, "~0");
		else if (*p == '/')
			kpi_buf_adds(b, "~1");
		else
			kpi_buf_addc(b, *p);
}

static void where_record(json_rows *j, size_t idx, const char *key)
{
	kpi_buf_clear(&j->where);
	kpi_buf_printf(&j->where, "%s#%s/%zu", j->r.file, j->pointer, idx);
	if (key) {
		kpi_buf_addc(&j->where, '/');
		pointer_token(&j->where, key);
	}
}

static void keep_raw(json_rows *j, const json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER);
	kpi_buf_clear(&j->raw);
	if (s)
		kpi_buf_adds(&j->raw, s);
	free(s);
}

/* The cell text of V onto the row; -1 when V is an array or an object. */
static int add_cell(json_rows *j, const json_t *v)
{
	char num[KPI_NUM_BUFSZ + 8];
	const char *s = "";
	size_t n = 0;
	if (!v || json_is_null(v)) {
	} else if (json_is_string(v)) {
		s = json_string_value(v);
		n = json_string_length(v);
	} else if (json_is_integer(v)) {
		n = (size_t)snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		s = num;
	} else if (json_is_real(v)) {
		int len = kpi_fmt_double(num, json_real_value(v));
		n = len > 0 ? (size_t)len : 0;
		s = num;
	} else if (json_is_true(v)) {
		s = "true";
		n = 4;
	} else if (json_is_false(v)) {
		s = "false";
		n = 5;
	} else {
		return -1;
	}
	j->off[j->row.n] = j->text.len;
	j->row.len[j->row.n] = n;
	j->row.n++;
	kpi_buf_add(&j->text, s, n);
	kpi_buf_addc(&j->text, '\0');
	return 0;
}

static int json_next(rows *r, kpi_csv_row **row)
{
	json_rows *j = (json_rows *)r;
	j->row.n = 0;
	kpi_buf_clear(&j->text);
	if (!j->header_read) {
		j->header_read = 1;
		for (size_t k = 0; k < j->nkey; k++) {
			json_t *v = json_string(j->key[k]);
			add_cell(j, v);
			json_decref(v);
		}
		kpi_buf_clear(&j->where);
		kpi_buf_printf(&j->where, "%s#%s", j->r.file, j->pointer);
		kpi_buf_clear(&j->raw);
		j->row.line = 0;
	} else {
		if (j->next >= json_array_size(j->records))
			return 0;
		size_t idx = j->next++;
		json_t *rec = json_array_get(j->records, idx);
		where_record(j, idx, NULL);
		keep_raw(j, rec);
		j->row.line = idx;
		if (!json_is_object(rec)) {
			kpi_buf_clear(&j->err);
			kpi_buf_printf(&j->err, "a record must be an object, not %s", kind_of(rec));
			return -1;
		}
		for (size_t k = 0; k < j->nkey; k++) {
			json_t *v = json_object_get(rec, j->key[k]);
			if (add_cell(j, v) != 0) {
				where_record(j, idx, j->key[k]);
				kpi_buf_clear(&j->err);
				kpi_buf_printf(&j->err, "a nested value (%s) cannot be a cell of a table",
					       kind_of(v));
				return -1;
			}
		}
	}
	for (size_t k = 0; k < j->row.n; k++)
		j->row.field[k] = j->text.data + j->off[k];
	j->row.end_line = j->row.line;
	*row = &j->row;
	return 1;
}

static const char *json_where(rows *r)
{
	return ((json_rows *)r)->where.data;
}

static const char *json_error(rows *r)
{
	return kpi_buf_str(&((json_rows *)r)->err);
}

static const char *json_raw(rows *r, size_t *len)
{
	json_rows *j = (json_rows *)r;
	*len = j->raw.len;
	return kpi_buf_str(&j->raw);
}

static int json_rewindable(rows *r)
{
	(void)r;
	return 1;
}

static int json_rewind(rows *r)
{
	((json_rows *)r)->next = 0;
	return 0;
}

static void json_close(rows *r)
{
	json_rows *j = (json_rows *)r;
	json_decref(j->doc);
	free(j->pointer);
	free(j->at);
	free(j->key);
	kpi_strtab_free(&j->keys);
	free(j->row.field);
	free(j->row.len);
	free(j->off);
	kpi_buf_free(&j->text);
	kpi_buf_free(&j->where);
	kpi_buf_free(&j->err);
	kpi_buf_free(&j->raw);
	free((char *)j->r.file);
	free(j);
}

static const rows_ops json_ops = {json_next, json_where, json_error, json_raw,
				  json_rewindable, json_rewind, json_close};

/* The keys of object V closest to WANT, onto OUT. */
static void keys_present(kpi_buf *b, json_t *v, const char *want)
{
	size_t n = json_object_size(v), k = 0;
	const char **keys = kpi_xcalloc(n ? n : 1, sizeof *keys);
	const char *key;
	json_t *val;
	json_object_foreach(v, key, val)
		keys[k++] = key;
	kpi_closest(b, keys, k, want, MAX_LISTED);
	free(keys);
}

/* The array of records: the document, or what --records names in it. */
static json_t *find_records(ingest_opts *o, const char *file, json_t *doc, kpi_buf *pointer)
{
	json_t *cur = doc;
	if (o->records) {
		const char *p = o->records;
		while (*p) {
			const char *dot = strchr(p, '.');
			size_t n = dot ? (size_t)(dot - p) : strlen(p);
			char *part = kpi_xstrndup(p, n);
			json_t *next = NULL;
			if (json_is_object(cur)) {
				next = json_object_get(cur, part);
			} else if (json_is_array(cur) && n && strspn(part, "0123456789") == n) {
				next = json_array_get(cur, strtoul(part, NULL, 10));
			}
			if (!next) {
				kpi_buf b = KPI_BUF_INIT;
				if (json_is_object(cur)) {
					keys_present(&b, cur, part);
					kpi_die(KPI_EXIT_DATA, "%s: --records %s: no '%s' in the object at #%s; "
						"keys present: %s", file, o->records, part, pointer->data, b.data);
				}
				kpi_die(KPI_EXIT_DATA, "%s: --records %s: no '%s' in #%s, which is %s", file,
					o->records, part, pointer->data, kind_of(cur));
			}
			kpi_buf_addc(pointer, '/');
			pointer_token(pointer, part);
			free(part);
			cur = next;
			p = dot ? dot + 1 : p + n;
		}
	}
	if (!json_is_array(cur)) {
		kpi_buf b = KPI_BUF_INIT;
		if (json_is_object(cur) && !o->records) {
			keys_present(&b, cur, "records");
			kpi_die(KPI_EXIT_DATA, "%s: the document is an object, not an array of records: "
				"name the array with --records (such as --records result.records); "
				"keys present: %s", file, b.data);
		}
		kpi_die(KPI_EXIT_DATA, "%s: #%s is %s, not an array of records", file, pointer->data,
			kind_of(cur));
	}
	return cur;
}

int json_is_document(ingest_opts *o, const char *first, size_t n, int by_name)
{
	size_t i = 0;
	while (i < n && (first[i] == ' ' || first[i] == '\t'))
		i++;
	if (i < n && first[i] == '[')
		return 1;
	if (i < n && first[i] == '{') {
		if (o->records)
			return 1;
		if (by_name) {
			/* one object per line is NDJSON, though named .json */
			kpi_record r;
			char err[256];
			kpi_record_init(&r);
			int whole = kpi_record_parse(&r, first, n, err, sizeof err) == 0;
			kpi_record_free(&r);
			return !whole;
		}
	}
	return 0;
}

rows *json_rows_open(ingest_opts *o, kpi_lines *in, char *first, size_t first_len)
{
	char *file = kpi_xstrdup(kpi_lines_name(in));
	kpi_buf text = KPI_BUF_INIT;
	/* the blank lines before the first were read: jansson's line numbers must count them */
	for (unsigned long l = 1; l < kpi_lines_lineno(in); l++)
		kpi_buf_addc(&text, '\n');
	char *line = first;
	size_t n = first_len;
	int more = 1;
	while (more) {
		if (o->enc == KPI_ENC_WINDOWS_1252)
			kpi_cp1252_to_utf8(&text, line, n);
		else
			kpi_buf_add(&text, line, n);
		kpi_buf_addc(&text, '\n');
		more = kpi_lines_next_or_die(in, &line, &n);
	}
	kpi_lines_close(in);
	json_error_t je;
	size_t flags = JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL;
	json_t *doc = json_loadb(text.data, text.len, flags, &je);
	if (!doc && strstr(je.text, "too big"))
		doc = json_loadb(text.data, text.len, flags | JSON_DECODE_INT_AS_REAL, &je);
	kpi_buf_free(&text);
	if (!doc) {
		char where[4200];
		snprintf(where, sizeof where, "%s:%d", file, je.line);
		char msg[300];
		snprintf(msg, sizeof msg, "invalid JSON at column %d: %s", je.column, je.text);
		o->run.read++;
		reject(o, where, msg, NULL, 0);
		free(file);
		return NULL;
	}
	kpi_buf pointer = KPI_BUF_INIT;
	kpi_buf_add(&pointer, "", 0);
	json_t *records = find_records(o, file, doc, &pointer);
	if (json_array_size(records) == 0) {
		json_decref(doc);
		kpi_buf_free(&pointer);
		free(file);
		return NULL;
	}

	json_rows *j = kpi_xcalloc(1, sizeof *j);
	j->r.ops = &json_ops;
	j->r.file = file;
	j->r.cell_by_key = 1;
	j->doc = doc;
	j->records = records;
	j->pointer = kpi_xstrdup(pointer.data);
	kpi_buf at = KPI_BUF_INIT, e = KPI_BUF_INIT;
	kpi_buf_printf(&at, "#%s/", pointer.data);
	kpi_json_escape(&e, at.data, at.len);
	j->at = kpi_xstrndup(e.data + 1, e.len - 2); /* the inside of the JSON string */
	j->r.at_json = j->at;
	kpi_buf_free(&at);
	kpi_buf_free(&e);
	kpi_buf_free(&pointer);

	/* the columns: every key, in the order keys first appear */
	kpi_strtab_init(&j->keys);
	for (size_t i = 0; i < json_array_size(records); i++) {
		json_t *rec = json_array_get(records, i);
		const char *key;
		json_t *v;
		if (json_is_object(rec))
			json_object_foreach(rec, key, v)
				kpi_strtab_add(&j->keys, key, strlen(key));
	}
	j->nkey = j->keys.n ? j->keys.n - 1 : 0;
	size_t cap = j->nkey ? j->nkey : 1;
	j->key = kpi_xcalloc(cap, sizeof *j->key);
	for (size_t k = 0; k < j->nkey; k++)
		j->key[k] = kpi_strtab_str(&j->keys, (uint32_t)(k + 1), NULL);
	j->row.field = kpi_xcalloc(cap, sizeof *j->row.field);
	j->row.len = kpi_xcalloc(cap, sizeof *j->row.len);
	j->off = kpi_xcalloc(cap, sizeof *j->off);
	return &j->r;
}
