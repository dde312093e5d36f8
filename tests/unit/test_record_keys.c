/* Unit tests: lib/record_keys.c.  Each fast path against the slow one it
 * replaces: kpi_keyed_get against kpi_record_get, kpi_keyed_nested against
 * kpi_record_parse_object, kpi_elems_prev against kpi_elems_next read
 * backwards, on fixed and generated records. */
#include "kpi/record.h"
#include "kpi/record_keys.h"
#include "tap.h"
#include <stdio.h>
#include <string.h>

static const char *const keys[] = {"a", "value", "period", "missing", "", "b\"c", "h"};
enum { NKEYS = sizeof keys / sizeof *keys };

/* Whether every key reads the same field through K as through kpi_record_get. */
static int same_fields(kpi_keyed *k)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (kpi_keyed_get(k, i) != kpi_record_get(&k->rec, keys[i]))
			return 0;
	return 1;
}

/* Two records hold the same fields (keys, types, raw text, strings, numbers). */
static int same_record(const kpi_record *a, const kpi_record *b)
{
	if (!a || !b)
		return a == b;
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++) {
		const kpi_field *x = &a->f[i], *y = &b->f[i];
		if (x->key_len != y->key_len || memcmp(x->key, y->key, x->key_len) || x->type != y->type ||
		    x->raw != y->raw || x->raw_len != y->raw_len)
			return 0;
		if (x->type == KPI_JT_STRING && (x->str_len != y->str_len || memcmp(x->str, y->str, x->str_len)))
			return 0;
		if (x->type == KPI_JT_NUMBER && !(x->num == y->num))
			return 0;
	}
	return 1;
}

/* The elements of the array KEY of R forwards and backwards agree. */
static int same_both_ways(const kpi_record *r, const char *key, size_t *count)
{
	const char *fe[64], *e;
	size_t fn[64], n, m = 0;
	kpi_elems it;
	kpi_elems_start(&it, r, key);
	while (kpi_elems_next(&it, &e, &n) && m < 64)
		fe[m] = e, fn[m++] = n;
	kpi_elems_start(&it, r, key);
	size_t back = 0;
	while (kpi_elems_prev(&it, &e, &n)) {
		if (back >= m || fe[m - 1 - back] != e || fn[m - 1 - back] != n)
			return 0;
		back++;
	}
	*count = m;
	return back == m;
}

/* A random JSON value of depth at most D into B (valid JSON, with spaces,
 * escapes and brackets inside strings). */
static void gen_value(kpi_buf *b, uint64_t *rng, int d)
{
	static const char *const strs[] = {"\"x\"", "\"a,]}b\"", "\"\\\"\"", "\"\\\\\"", "\"q\\\\\\\"[\"",
					   "\"\"", "\"\\u00e9{\"", "\"caf\xc3\xa9\""};
	static const char *const sp[] = {"", "", "", " ", "\t", "\r\n "};
	int kind = (int)(tap_rng(rng) % (d > 0 ? 6 : 4));
	kpi_buf_adds(b, sp[tap_rng(rng) % 6]);
	switch (kind) {
	case 0: kpi_buf_adds(b, strs[tap_rng(rng) % 8]); break;
	case 1: kpi_buf_adds(b, tap_rng(rng) % 2 ? "-12.5e3" : "0"); break;
	case 2: kpi_buf_adds(b, tap_rng(rng) % 2 ? "null" : "true"); break;
	case 3: kpi_buf_adds(b, "false"); break;
	case 4: {
		int n = (int)(tap_rng(rng) % 4);
		kpi_buf_addc(b, '[');
		for (int i = 0; i < n; i++) {
			if (i)
				kpi_buf_addc(b, ',');
			gen_value(b, rng, d - 1);
		}
		kpi_buf_adds(b, sp[tap_rng(rng) % 6]);
		kpi_buf_addc(b, ']');
		break;
	}
	default: {
		int n = (int)(tap_rng(rng) % 4);
		kpi_buf_addc(b, '{');
		for (int i = 0; i < n; i++) {
			char k[24];
			snprintf(k, sizeof k, "%s\"k%d\":", i ? "," : "", i);
			kpi_buf_adds(b, k);
			gen_value(b, rng, d - 1);
		}
		kpi_buf_addc(b, '}');
		break;
	}
	}
	kpi_buf_adds(b, sp[tap_rng(rng) % 6]);
}

/* kpi_json_value_end as it was, a byte at a time: the 16-byte scan must
 * stop where it stops on any text, valid JSON or not. */
static const char *value_end_bytewise(const char *s, const char *end)
{
	int depth = 0;
	for (; s < end; s++) {
		char c = *s;
		if (c == '"') {
			for (s++; s < end && *s != '"'; s++)
				if (*s == '\\')
					s++;
			if (s >= end)
				return end;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (depth-- == 0)
				return s;
		} else if (c == ',' && depth == 0) {
			return s;
		}
	}
	return end;
}

int main(void)
{
	kpi_keyed k;
	kpi_keyed_init(&k, keys, NKEYS);
	char err[256];
	static const char *const lines[] = {
		"{\"a\":1,\"value\":2.5,\"period\":\"2024-01\",\"h\":[1,2]}",
		"{\"a\":3,\"value\":4,\"period\":\"2024-02\",\"h\":[]}",          /* same shape */
		"{\"value\":4,\"a\":3}",                                        /* other order */
		"{\"\":0,\"b\\\"c\":\"q\",\"a\":null}",                          /* odd keys */
		"{}",
		"{ \"a\" : 1 , \"value\":2}",                                    /* spaces */
		"{\"a\":1,\"value\":2.5,\"period\":\"2024-01\",\"h\":[1,2]}",    /* the first again */
	};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		const kpi_record *r = kpi_keyed_parse(&k, lines[i], strlen(lines[i]), err, sizeof err);
		ok(r == &k.rec && same_fields(&k), "keyed fields are kpi_record_get's: %s", lines[i]);
	}
	ok(!kpi_keyed_parse(&k, "{\"a\":1,\"a\":2}", 13, err, sizeof err) && kpi_keyed_get(&k, 0) == NULL,
	   "a failed parse reads as no fields");
	ok(kpi_keyed_get(&k, NKEYS) == NULL, "a key number past the list is absent");

	/* nested objects: the fields of the strict parse, read again without checking */
	const char *outer = "{\"o\":{\"value\":1.25,\"period\":\"caf\\u00e9\",\"n\":{\"x\":[1,{\"y\":2}]}},"
			    "\"p\":[ {\"a\":1} , 7, {\"value\":\"s\"} ],\"s\":\"x\"}";
	kpi_record top, slow;
	kpi_record_init(&top);
	kpi_record_init(&slow);
	ok(kpi_record_parse(&top, outer, strlen(outer), err, sizeof err) == 0, "outer record parses");
	kpi_keyed nk;
	kpi_keyed_init(&nk, keys, NKEYS);
	const kpi_record *fast = kpi_keyed_object(&nk, kpi_record_get(&top, "o"));
	ok(same_record(fast, kpi_record_object(&slow, &top, "o")) && same_fields(&nk), "an object field");
	ok(kpi_keyed_object(&nk, kpi_record_get(&top, "s")) == NULL && kpi_keyed_get(&nk, 1) == NULL,
	   "a string field is no object");
	ok(kpi_keyed_object(&nk, NULL) == NULL, "an absent field is no object");
	kpi_elems it;
	const char *e;
	size_t n, i = 0;
	kpi_elems_start(&it, &top, "p");
	while (kpi_elems_next(&it, &e, &n)) {
		fast = kpi_keyed_nested(&nk, e, n);
		ok(same_record(fast, kpi_record_parse_object(&slow, e, n)) && (!fast || same_fields(&nk)),
		   "array element %zu", i++);
	}
	size_t count;
	ok(same_both_ways(&top, "p", &count) && count == 3, "elements backwards: objects and a number");
	kpi_elems_start(&it, &top, "s");
	ok(!kpi_elems_prev(&it, &e, &n), "no elements backwards of a string");
	ok(!kpi_elems_of(&it, NULL) && !kpi_elems_prev(&it, &e, &n), "no elements backwards of nothing");
	ok(kpi_elems_count_of(kpi_record_get(&top, "p")) == 3 && kpi_elems_count_of(NULL) == 0, "count");

	/* generated arrays: both directions give the same elements, and each
	 * object element reads the same fast as slow */
	uint64_t rng = 0x5eed0fba11ULL;
	int agree = 0, total = 2000;
	kpi_buf line = KPI_BUF_INIT;
	for (int t = 0; t < total; t++) {
		kpi_buf_clear(&line);
		kpi_buf_adds(&line, "{\"p\":[");
		int m = (int)(tap_rng(&rng) % 6);
		for (int j = 0; j < m; j++) {
			if (j)
				kpi_buf_addc(&line, ',');
			gen_value(&line, &rng, 3);
		}
		kpi_buf_adds(&line, "]}");
		if (kpi_record_parse(&top, line.data, line.len, err, sizeof err) != 0) {
			diag("generated line does not parse: %s: %s", err, line.data);
			continue;
		}
		int good = same_both_ways(&top, "p", &count) && count == (size_t)m;
		kpi_elems_start(&it, &top, "p");
		while (good && kpi_elems_next(&it, &e, &n)) {
			fast = kpi_keyed_nested(&nk, e, n);
			good = same_record(fast, kpi_record_parse_object(&slow, e, n));
		}
		if (good)
			agree++;
		else
			diag("differs: %s", line.data);
	}
	is_long(agree, total, "generated arrays: backwards and nested reads agree with the slow ones");

	/* the value's end, 16 bytes at a time, against the byte loop: random
	 * texts of the bytes that matter (escapes and brackets at every offset
	 * of a chunk, a backslash as a chunk's last byte) and any other byte */
	static const char alphabet[] = "\"\\{}[],a :0\"\"\\";
	int same_end = 0, texts = 200000;
	char text[96];
	for (int t = 0; t < texts; t++) {
		size_t len = (size_t)(tap_rng(&rng) % sizeof text);
		for (size_t j = 0; j < len; j++) {
			uint64_t r = tap_rng(&rng);
			text[j] = r % 8 == 0 ? (char)(r >> 8) : alphabet[(r >> 3) % (sizeof alphabet - 1)];
		}
		for (size_t from = 0; from <= len && from < 3; from++)
			if (kpi_json_value_end(text + from, text + len) != value_end_bytewise(text + from, text + len))
				break;
			else if (from == 2 || from == len)
				same_end++;
	}
	is_long(same_end, texts, "the value's end: the 16-byte scan stops where the byte loop does");
	kpi_buf_free(&line);
	kpi_keyed_free(&k);
	kpi_keyed_free(&nk);
	kpi_record_free(&top);
	kpi_record_free(&slow);
	return tap_done();
}
