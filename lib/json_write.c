/* json_write.c: JSON text into a kpi_buf, no tree. */
#include "kpi/json_write.h"
#include "kpi/numfmt.h"
#include <stdint.h>
#include <string.h>

/* How each byte is written inside a JSON string: 0 as is, else the letter
 * of its two-byte escape ('"', '\\', 'n', ...) or 'u' for \u00XX. */
static const unsigned char escape_as[256] = {
	['\b'] = 'b', ['\t'] = 't', ['\n'] = 'n', ['\f'] = 'f', ['\r'] = 'r',
	[0x00] = 'u', [0x01] = 'u', [0x02] = 'u', [0x03] = 'u', [0x04] = 'u',
	[0x05] = 'u', [0x06] = 'u', [0x07] = 'u', [0x0B] = 'u', [0x0E] = 'u',
	[0x0F] = 'u', [0x10] = 'u', [0x11] = 'u', [0x12] = 'u', [0x13] = 'u',
	[0x14] = 'u', [0x15] = 'u', [0x16] = 'u', [0x17] = 'u', [0x18] = 'u',
	[0x19] = 'u', [0x1A] = 'u', [0x1B] = 'u', [0x1C] = 'u', [0x1D] = 'u',
	[0x1E] = 'u', [0x1F] = 'u', ['"'] = '"', ['\\'] = '\\',
};

/* Hot path of every writer (a typed record is some 40 short strings): the
 * bytes are copied while they are checked, eight at a time while none of
 * them is below 0x20, '"' or '\\' (the has-zero-byte and has-less-than word
 * tests are exact about "any"), then one at a time.  Room for the worst
 * case (6 bytes per input byte) is reserved only when an escape turns up. */
void kpi_json_escape(kpi_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	kpi_buf_reserve(b, n + 2);
	char *d = b->data + b->len;
	*d++ = '"';
	size_t i = 0;
	while (i + 8 <= n) {
		uint64_t w;
		memcpy(&w, u + i, 8);
		uint64_t q = w ^ (ones * '"'), bs = w ^ (ones * '\\');
		uint64_t hit = ((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((bs - ones) & ~bs);
		if (hit & highs)
			break;
		memcpy(d + i, &w, 8);
		i += 8;
	}
	for (; i < n; i++) {
		unsigned char c = u[i];
		if (escape_as[c])
			break;
		d[i] = (char)c;
	}
	d += i;
	if (i < n) {
		b->len = (size_t)(d - b->data);
		kpi_buf_reserve(b, 6 * (n - i) + 1);
		d = b->data + b->len;
		for (; i < n; i++) {
			unsigned char c = u[i], e = escape_as[c];
			if (!e) {
				*d++ = (char)c;
			} else if (e != 'u') {
				*d++ = '\\';
				*d++ = (char)e;
			} else {
				memcpy(d, "\\u00", 4);
				d[4] = hex[c >> 4];
				d[5] = hex[c & 15];
				d += 6;
			}
		}
	}
	*d++ = '"';
	*d = '\0';
	b->len = (size_t)(d - b->data);
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

void kpi_jw_key_quoted(kpi_jw *w, const char *quoted, size_t n)
{
	before_item(w);
	kpi_buf_add(w->b, quoted, n);
	w->after_key = 1;
}

/* Keys are nearly always short literals needing no escape ("period",
 * "value"): their bytes are copied as they are checked, up to the NUL, in
 * one pass (strlen and the escaper's were two, and a summary writes some
 * 180 keys); any other goes through the escaper. */
enum { KEY_PLAIN_MAX = 48 };

void kpi_jw_key(kpi_jw *w, const char *key)
{
	before_item(w);
	kpi_buf *b = w->b;
	kpi_buf_reserve(b, KEY_PLAIN_MAX + 4);
	char *d = b->data + b->len;
	*d++ = '"';
	for (size_t i = 0; i < KEY_PLAIN_MAX; i++) {
		unsigned char c = (unsigned char)key[i];
		if (!c) {
			d[i] = '"';
			d[i + 1] = ':';
			d[i + 2] = '\0';
			b->len += i + 3;
			w->after_key = 1;
			return;
		}
		if (escape_as[c])
			break;
		d[i] = (char)c;
	}
	kpi_json_escape(b, key, strlen(key));
	kpi_buf_addc(b, ':');
	w->after_key = 1;
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

int kpi_jw_number_text(kpi_jw *w, double v, const char *text, size_t len)
{
	if (kpi_fmt_is_shortest(text, len, v)) {
		before_item(w);
		kpi_buf_add(w->b, text, len - (text[len - 1] == '%'));
		return 0;
	}
	return kpi_jw_number(w, v);
}

void kpi_jw_replay(kpi_jw *w, const char *json, size_t n, unsigned items)
{
	kpi_buf_add(w->b, json, n);
	w->count[w->depth] = (unsigned char)(items < 255 ? items : 255);
	w->after_key = 0;
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
