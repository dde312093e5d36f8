/* Unit tests: lib/record_walk.c (nested values of a parsed record) and
 * kpi_json_string_decode. */
#include "kpi/record.h"
#include "tap.h"
#include <string.h>

static kpi_record r, inner, point;
static char err[256];

static int parse(const char *s)
{
	return kpi_record_parse(&r, s, strlen(s), err, sizeof err);
}

/* The elements of array KEY of R joined with '|'. */
static const char *elems(const kpi_record *rec, const char *key)
{
	static char out[256];
	kpi_elems it;
	const char *e;
	size_t n;
	out[0] = '\0';
	if (!kpi_elems_start(&it, rec, key))
		return "(not an array)";
	while (kpi_elems_next(&it, &e, &n)) {
		if (out[0])
			strcat(out, "|");
		strncat(out, e, n);
	}
	return out;
}

static const char *decoded(const char *lit)
{
	static kpi_buf b;
	kpi_buf_clear(&b);
	if (kpi_json_string_decode(lit, strlen(lit), &b) != 0)
		return "(invalid)";
	return kpi_buf_str(&b);
}

int main(void)
{
	kpi_record_init(&r);
	kpi_record_init(&inner);
	kpi_record_init(&point);
	ok(parse("{\"v\":2.5,\"s\":\"x\",\"n\":null,\"t\":true,\"z\":0,\"e\":\"\",\"ea\":[ ],\"eo\":{ },"
		 "\"h\":[ {\"period\":\"2024-01\",\"value\":1} , {\"period\":\"a,]b\",\"value\":null},"
		 "[1,[2,3]], \"s,t\" ,4],"
		 "\"o\":{\"w\":{\"deep\":true},\"k\":7}}") == 0, "record parses");

	double v = 0;
	ok(kpi_record_num(&r, "v", &v) && v == 2.5, "number");
	ok(!kpi_record_num(&r, "s", &v) && !kpi_record_num(&r, "n", &v) && !kpi_record_num(&r, "missing", &v),
	   "not a number: string, null, absent");
	ok(!kpi_record_num(NULL, "v", &v) && kpi_record_str(NULL, "s") == NULL && kpi_record_get(NULL, "s") == NULL,
	   "a NULL record reads as empty");

	/* the decimals an indicator is published with */
	static const struct {
		const char *line;
		int want;
	} dec[] = {
		{"{\"decimals\":2}", 2}, {"{\"indicator_dp\":\"1\"}", 1}, {"{\"indicator_dp\":\"0\"}", 0},
		{"{\"decimals\":3,\"indicator_dp\":\"1\"}", 3}, {"{\"indicator_dp\":\"\"}", -1},
		{"{\"indicator_dp\":\"1.5\"}", -1}, {"{\"indicator_dp\":\"7\"}", -1}, {"{\"decimals\":1.5}", -1},
		{"{\"decimals\":-1}", -1}, {"{\"indicator_dp\":\"12\"}", -1}, {"{}", -1},
	};
	for (size_t i = 0; i < sizeof dec / sizeof dec[0]; i++) {
		kpi_record d;
		kpi_record_init(&d);
		char why[128];
		kpi_record_parse(&d, dec[i].line, strlen(dec[i].line), why, sizeof why);
		is_long(kpi_record_decimals(&d), dec[i].want, "decimals of %s", dec[i].line);
		kpi_record_free(&d);
	}
	is_long(kpi_record_decimals(NULL), -1, "decimals of no record");

	ok(kpi_record_type(&r, "h") == KPI_JT_ARRAY && kpi_record_type(&r, "o") == KPI_JT_OBJECT &&
	   kpi_record_type(&r, "missing") == KPI_JT_NULL, "types");

	ok(kpi_record_truthy(&r, "v") && kpi_record_truthy(&r, "s") && kpi_record_truthy(&r, "t") &&
	   kpi_record_truthy(&r, "h") && kpi_record_truthy(&r, "o"), "truthy values");
	ok(!kpi_record_truthy(&r, "n") && !kpi_record_truthy(&r, "z") && !kpi_record_truthy(&r, "e") &&
	   !kpi_record_truthy(&r, "ea") && !kpi_record_truthy(&r, "eo") && !kpi_record_truthy(&r, "missing"),
	   "falsy: null, 0, \"\", [ ], { }, absent");

	is_str(elems(&r, "h"), "{\"period\":\"2024-01\",\"value\":1}|{\"period\":\"a,]b\",\"value\":null}|"
			       "[1,[2,3]]|\"s,t\"|4", "elements split at top-level commas only");
	is_str(elems(&r, "ea"), "", "an empty array has no elements");
	is_str(elems(&r, "o"), "(not an array)", "an object is not an array");
	is_long((long)kpi_elems_count(&r, "h"), 5, "count");
	is_long((long)kpi_elems_count(&r, "missing"), 0, "count of an absent key");

	kpi_elems it;
	const char *e;
	size_t n;
	kpi_elems_start(&it, &r, "h");
	kpi_elems_next(&it, &e, &n);
	const kpi_record *p = kpi_record_parse_object(&point, e, n);
	ok(p && kpi_record_num(p, "value", &v) && v == 1, "an element parsed as an object");
	is_str(kpi_record_str(p, "period"), "2024-01", "its string");
	kpi_elems_next(&it, &e, &n);
	kpi_elems_next(&it, &e, &n);
	ok(kpi_record_parse_object(&point, e, n) == NULL, "an array element is not an object");

	const kpi_record *o = kpi_record_object(&inner, &r, "o");
	ok(o && kpi_record_num(o, "k", &v) && v == 7, "nested object");
	ok(kpi_record_object(&point, o, "w") && kpi_record_type(&point, "deep") == KPI_JT_TRUE,
	   "an object in an object");
	ok(kpi_record_object(&point, &r, "h") == NULL && kpi_record_object(&point, &r, "missing") == NULL &&
	   kpi_record_object(&point, NULL, "o") == NULL, "not an object: array, absent, NULL record");

	/* a key holding \u0000: not found by name, but there as a field to read */
	ok(parse("{\"a\\u0000b\":{\"x\":1},\"a\":2}") == 0, "a key with a NUL parses");
	ok(r.f[0].key_len == 3 && memcmp(r.f[0].key, "a\0b", 3) == 0, "its key keeps the NUL");
	ok(kpi_record_num(&r, "a", &v) && v == 2, "a lookup of \"a\" finds the key \"a\", not \"a\\u0000b\"");
	ok(kpi_record_parse_object(&inner, r.f[0].raw, r.f[0].raw_len) && kpi_record_num(&inner, "x", &v) && v == 1,
	   "the NUL key's object read through its field");

	is_str(decoded("\"plain\""), "plain", "decode: plain");
	is_str(decoded("\"a\\\"b\\\\c\\u00e9\\n\""), "a\"b\\c\xC3\xA9\n", "decode: escapes");
	is_str(decoded("\"\\ud83d\\ude00\""), "\xF0\x9F\x98\x80", "decode: surrogate pair");
	is_str(decoded("\"\""), "", "decode: empty");
	is_str(decoded("\"unterminated"), "(invalid)", "decode: unterminated");
	is_str(decoded("\"a\" "), "(invalid)", "decode: text after the string");
	is_str(decoded("plain"), "(invalid)", "decode: no quotes");
	is_str(decoded("\"\\x\""), "(invalid)", "decode: a bad escape");

	kpi_record_free(&r);
	kpi_record_free(&inner);
	kpi_record_free(&point);
	return tap_done();
}
