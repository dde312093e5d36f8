/* json_write.c: JSON text into a kpi_buf, no tree. */
#include "kpi/json_write.h"
#include "kpi/numfmt.h"
#include <string.h>

/* Which bytes need escaping: control characters, '"' and '\\'. */
static inline int needs_escape(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

void kpi_json_escape(kpi_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	kpi_buf_reserve(b, n + 2);
	b->data[b->len++] = '"';
	size_t run = 0; /* start of the pending unescaped run */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!needs_escape(c))
			continue;
		kpi_buf_add(b, s + run, i - run);
		run = i + 1;
		char e[7];
		switch (c) {
		case '"': kpi_buf_add(b, "\\\"", 2); break;
		case '\\': kpi_buf_add(b, "\\\\", 2); break;
		case '\n': kpi_buf_add(b, "\\n", 2); break;
		case '\r': kpi_buf_add(b, "\\r", 2); break;
		case '\t': kpi_buf_add(b, "\\t", 2); break;
		case '\b': kpi_buf_add(b, "\\b", 2); break;
		case '\f': kpi_buf_add(b, "\\f", 2); break;
		default:
			memcpy(e, "\\u00", 4);
			e[4] = hex[c >> 4];
			e[5] = hex[c & 15];
			kpi_buf_add(b, e, 6);
		}
	}
	kpi_buf_add(b, s + run, n - run);
	kpi_buf_addc(b, '"');
}

void kpi_jw_init(kpi_jw *w, kpi_buf *b)
{
	memset(w, 0, sizeof *w);
	w->b = b;
}

/* Separator before a value or key at the current depth. */
static void before_item(kpi_jw *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth > 0 && w->count[w->depth])
		kpi_buf_addc(w->b, ',');
	if (w->count[w->depth] < 255)
		w->count[w->depth]++;
}

static void open_level(kpi_jw *w, char c)
{
	before_item(w);
	kpi_buf_addc(w->b, c);
	if (w->depth < KPI_JW_MAXDEPTH - 1)
		w->depth++;
	w->count[w->depth] = 0;
}

static void close_level(kpi_jw *w, char c)
{
	kpi_buf_addc(w->b, c);
	if (w->depth > 0)
		w->depth--;
}

void kpi_jw_begin_object(kpi_jw *w) { open_level(w, '{'); }
void kpi_jw_end_object(kpi_jw *w) { close_level(w, '}'); }
void kpi_jw_begin_array(kpi_jw *w) { open_level(w, '['); }
void kpi_jw_end_array(kpi_jw *w) { close_level(w, ']'); }

void kpi_jw_keyn(kpi_jw *w, const char *key, size_t n)
{
	before_item(w);
	kpi_json_escape(w->b, key, n);
	kpi_buf_addc(w->b, ':');
	w->after_key = 1;
}

void kpi_jw_key(kpi_jw *w, const char *key)
{
	kpi_jw_keyn(w, key, strlen(key));
}

void kpi_jw_stringn(kpi_jw *w, const char *s, size_t n)
{
	before_item(w);
	kpi_json_escape(w->b, s, n);
}

void kpi_jw_string(kpi_jw *w, const char *s)
{
	kpi_jw_stringn(w, s, strlen(s));
}

int kpi_jw_number(kpi_jw *w, double v)
{
	char t[KPI_NUM_BUFSZ];
	int n = kpi_fmt_double(t, v);
	before_item(w);
	if (n < 0) {
		w->bad_number = 1;
		kpi_buf_add(w->b, "null", 4);
		return -1;
	}
	kpi_buf_add(w->b, t, (size_t)n);
	return 0;
}

void kpi_jw_null(kpi_jw *w)
{
	before_item(w);
	kpi_buf_add(w->b, "null", 4);
}

void kpi_jw_bool(kpi_jw *w, int v)
{
	before_item(w);
	if (v)
		kpi_buf_add(w->b, "true", 4);
	else
		kpi_buf_add(w->b, "false", 5);
}

void kpi_jw_raw(kpi_jw *w, const char *json, size_t n)
{
	before_item(w);
	kpi_buf_add(w->b, json, n);
}

int kpi_jw_json(kpi_jw *w, const json_t *v)
{
	int rc = 0;
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		const char *k;
		json_t *val;
		kpi_jw_begin_object(w);
		json_object_foreach((json_t *)v, k, val) {
			kpi_jw_key(w, k);
			if (kpi_jw_json(w, val) < 0)
				rc = -1;
		}
		kpi_jw_end_object(w);
		break;
	}
	case JSON_ARRAY: {
		size_t i;
		json_t *val;
		kpi_jw_begin_array(w);
		json_array_foreach(v, i, val) {
			if (kpi_jw_json(w, val) < 0)
				rc = -1;
		}
		kpi_jw_end_array(w);
		break;
	}
	case JSON_STRING:
		kpi_jw_stringn(w, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER: {
		before_item(w);
		kpi_buf_printf(w->b, "%lld", (long long)json_integer_value(v));
		break;
	}
	case JSON_REAL:
		rc = kpi_jw_number(w, json_real_value(v));
		break;
	case JSON_TRUE: kpi_jw_bool(w, 1); break;
	case JSON_FALSE: kpi_jw_bool(w, 0); break;
	case JSON_NULL: kpi_jw_null(w); break;
	}
	return rc;
}

void kpi_jw_newline(kpi_jw *w)
{
	kpi_buf_addc(w->b, '\n');
	w->depth = 0;
	w->count[0] = 0;
	w->after_key = 0;
}

void kpi_jw_kstr(kpi_jw *w, const char *key, const char *s)
{
	kpi_jw_key(w, key);
	if (s)
		kpi_jw_string(w, s);
	else
		kpi_jw_null(w);
}

int kpi_jw_knum(kpi_jw *w, const char *key, double v)
{
	kpi_jw_key(w, key);
	return kpi_jw_number(w, v);
}

void kpi_jw_knull(kpi_jw *w, const char *key)
{
	kpi_jw_key(w, key);
	kpi_jw_null(w);
}

void kpi_jw_kbool(kpi_jw *w, const char *key, int v)
{
	kpi_jw_key(w, key);
	kpi_jw_bool(w, v);
}

int kpi_jw_knum_or_null(kpi_jw *w, const char *key, int has, double v)
{
	kpi_jw_key(w, key);
	if (!has) {
		kpi_jw_null(w);
		return 0;
	}
	return kpi_jw_number(w, v);
}
