/* Unit tests: lib/record*.c, the flat NDJSON object parser; lib/utf8.c; lib/names.c. */
#include "kpi/names.h"
#include "kpi/record.h"
#include "kpi/utf8.h"
#include "tap.h"
#include <stdio.h>
#include <string.h>

static kpi_record r;
static char err[256];

static int parse(const char *s)
{
	return kpi_record_parse(&r, s, strlen(s), err, sizeof err);
}

static void bad(const char *s, const char *msg)
{
	int rc = parse(s);
	ok(rc == -1, "rejected: %s", s);
	is_str(rc == -1 ? err : "(accepted)", msg, "message for %s", s);
}

int main(void)
{
	kpi_record_init(&r);
	ok(parse("{\"indicator\":\"CLA1\",\"value\":23.5,\"n\":null,\"t\":true,\"f\":false,"
		 "\"h\":[1,{\"a\":\"b\"}],\"o\":{\"x\":[]},\"e\":\"a\\\"b\\u00e9\\ud83d\\ude00\"}") == 0,
	   "valid record parses");
	is_long((long)r.n, 8, "eight fields");
	is_str(r.f[0].key, "indicator", "first key in order");
	is_str(kpi_record_str(&r, "indicator"), "CLA1", "string value");
	ok(kpi_record_get(&r, "value")->type == KPI_JT_NUMBER && kpi_record_get(&r, "value")->num == 23.5, "number value");
	ok(kpi_record_get(&r, "n")->type == KPI_JT_NULL, "null");
	ok(kpi_record_get(&r, "t")->type == KPI_JT_TRUE && kpi_record_get(&r, "f")->type == KPI_JT_FALSE, "booleans");
	const kpi_field *h = kpi_record_get(&r, "h");
	ok(h->type == KPI_JT_ARRAY && h->raw_len == 13 && memcmp(h->raw, "[1,{\"a\":\"b\"}]", 13) == 0, "array raw text");
	is_str(kpi_record_str(&r, "e"), "a\"b\xC3\xA9\xF0\x9F\x98\x80", "escapes decoded, surrogate pair joined");
	ok(kpi_record_get(&r, "missing") == NULL, "absent key");
	ok(parse("  { }  ") == 0 && r.n == 0, "empty object with spaces");
	ok(parse("{\"v\":-0.5e-3}") == 0 && r.f[0].num == -0.0005, "exponent number");

	bad("[1]", "invalid JSON at column 1: a JSON object expected");
	bad("{\"a\":1", "invalid JSON at column 7: ',' or '}' expected");
	bad("{\"a\" 1}", "invalid JSON at column 6: ':' expected");
	bad("{\"a\":1,\"a\":2}", "duplicate key \"a\"");
	bad("{\"o\":{\"x\":1,\"y\":2,\"x\":3}}", "invalid JSON at column 19: duplicate key \"x\" in a nested object");
	bad("{\"h\":[{\"k\":1},{\"k\":2,\"\\u006b\":3}]}",
	    "invalid JSON at column 22: duplicate key \"\\u006b\" in a nested object");
	bad("{\"o\":{\"p\":{\"c\":1,\"c\":2}}}", "invalid JSON at column 18: duplicate key \"c\" in a nested object");
	ok(parse("{\"o\":{\"x\":1,\"y\":{\"x\":2}},\"p\":[{\"x\":1},{\"x\":2}]}") == 0,
	   "the same key in different nested objects is fine");
	{
		/* 40 keys in a nested object (past the 16 kept on the stack), the last a repeat of the 30th */
		char big[1024] = "{\"o\":{";
		for (int i = 0; i < 40; i++)
			sprintf(big + strlen(big), "%s\"k%d\":%d", i ? "," : "", i == 39 ? 29 : i, i);
		strcat(big, "}}");
		ok(parse(big) == -1 && strstr(err, "duplicate key \"k29\" in a nested object") != NULL,
		   "a repeat among 40 nested keys: %s", err);
		big[0] = '\0';
		strcpy(big, "{\"o\":{");
		for (int i = 0; i < 40; i++)
			sprintf(big + strlen(big), "%s\"k%d\":%d", i ? "," : "", i, i);
		strcat(big, "}}");
		ok(parse(big) == 0, "40 distinct nested keys");
	}
	{
		/* wide objects: 100,000 keys, top level and nested, each with a
		 * repeat as the last key; the repeat of the first key is spelt with
		 * an escape in the nested one.  (Linear time is measured by
		 * bench/wide.sh; here the answers.) */
		enum { WIDE = 100000 };
		kpi_buf b = KPI_BUF_INIT;
		kpi_buf_addc(&b, '{');
		for (int i = 0; i < WIDE; i++)
			kpi_buf_printf(&b, "%s\"key%d\":%d", i ? "," : "", i, i);
		kpi_buf_addc(&b, '}');
		ok(parse(kpi_buf_str(&b)) == 0 && r.n == WIDE, "100,000 distinct top-level keys");
		ok(kpi_record_get(&r, "key99999") && kpi_record_get(&r, "key99999")->num == 99999,
		   "the last of 100,000 keys found");
		b.len--;
		kpi_buf_adds(&b, ",\"key77777\":0}");
		bad(kpi_buf_str(&b), "duplicate key \"key77777\"");
		kpi_buf_clear(&b);
		kpi_buf_adds(&b, "{\"o\":{");
		for (int i = 0; i < WIDE; i++)
			kpi_buf_printf(&b, "%s\"key%d\":%d", i ? "," : "", i, i);
		kpi_buf_adds(&b, "}}");
		ok(parse(kpi_buf_str(&b)) == 0, "100,000 distinct nested keys");
		b.len -= 2;
		kpi_buf_adds(&b, ",\"\\u006bey0\":0}}");
		ok(parse(kpi_buf_str(&b)) == -1 && strstr(err, "duplicate key \"\\u006bey0\" in a nested object"),
		   "a repeat of the first of 100,000 nested keys, spelt with an escape: %s", err);
		/* the top-level table is kept between records: a narrow record after a wide one */
		ok(parse("{\"a\":1,\"b\":2}") == 0 && r.n == 2, "a narrow record after a wide one");
		bad("{\"a\":1,\"b\":2,\"a\":3}", "duplicate key \"a\"");
		kpi_buf_free(&b);
	}
	bad("{\"a\":1e999}", "invalid JSON at column 6: number out of range");
	bad("{\"h\":[{\"v\":4e4205}]}", "invalid JSON at column 12: number out of range");
	bad("{\"h\":[1,-2E+400]}", "invalid JSON at column 9: number out of range");
	{
		/* shallow: top-level fields only, nested values passed over unchecked */
		const char *line = "{\"area\":\"England\",\"h\":[{\"x\":1,\"x\":2},\"]\\\"\"],\"v\":4e4205}";
		ok(kpi_record_parse_shallow(&r, line, strlen(line), err, sizeof err) == -1, "shallow: a top-level number is still parsed");
		line = "{\"area\":\"England\",\"h\":[{\"x\":1,\"x\":2},\"]\\\"\"],\"o\":{\"n\":1e999}}";
		ok(kpi_record_parse_shallow(&r, line, strlen(line), err, sizeof err) == 0 && r.n == 3 &&
		   strcmp(kpi_record_str(&r, "area"), "England") == 0, "shallow: nested duplicates and ranges not looked at");
		ok(parse(line) == -1, "while the strict parse refuses the same line");
		line = "{\"area\":\"x\",\"h\":[1,2";
		ok(kpi_record_parse_shallow(&r, line, strlen(line), err, sizeof err) == -1, "shallow: an open array is an error");
	}
	ok(parse("{\"h\":[1e-400,{\"v\":12345678901234567890.5e2}]}") == 0, "nested underflow and long numbers in range");
	bad("{\"a\":NaN}", "invalid JSON at column 6: unexpected character");
	bad("{\"a\":01}", "invalid JSON at column 7: ',' or '}' expected");
	bad("{\"a\":\"x\ty\"}", "invalid JSON at column 8: control character in string");
	bad("{\"a\":\"\\x\"}", "invalid JSON at column 8: bad escape in string");
	bad("{\"a\":\"\\ud800\"}", "invalid JSON at column 13: unpaired surrogate in \\u escape");
	bad("{\"a\":1} x", "invalid JSON at column 9: text after the object");
	bad("{\"a\":\"\xE9t\xE9\"}", "invalid UTF-8 (byte 0xE9 at column 7)");
	bad("{\"a\":tru}", "invalid JSON at column 6: unexpected character");
	bad("", "invalid JSON at column 1: a JSON object expected");

	/* nesting: 64 levels inside the top object are refused */
	char deep[300];
	size_t n = 0;
	n += (size_t)sprintf(deep, "{\"a\":");
	for (int i = 0; i < 70; i++)
		deep[n++] = '[';
	for (int i = 0; i < 70; i++)
		deep[n++] = ']';
	deep[n++] = '}';
	deep[n] = '\0';
	int rc = parse(deep);
	ok(rc == -1 && strstr(err, "nesting deeper than 64 levels"), "deep nesting refused (%s)", err);

	/* utf8 */
	is_long((long)kpi_utf8_check("abc", 3), 3, "ASCII valid");
	is_long((long)kpi_utf8_check("ab\xC3\xA9", 4), 4, "two-byte valid");
	is_long((long)kpi_utf8_check("ab\xC3", 3), 2, "truncated sequence at the end");
	is_long((long)kpi_utf8_check("\xC0\xAF", 2), 0, "overlong refused");
	is_long((long)kpi_utf8_check("x\xED\xA0\x80", 4), 1, "surrogate refused");
	is_long((long)kpi_utf8_check("12345678\xF4\x90\x80\x80", 12), 8, "above U+10FFFF refused");
	is_long((long)kpi_utf8_check("\xF0\x9F\x98\x80", 4), 4, "four-byte valid");

	/* names */
	kpi_buf b = KPI_BUF_INIT;
	kpi_snake_case(&b, "Total eligible for KS2 tests 2007 ", 34);
	is_str(b.data, "total_eligible_for_ks2_tests_2007", "snake_case");
	kpi_snake_case(&b, " Number achieving Level 4", 25);
	is_str(b.data, "number_achieving_level_4", "snake_case leading space");
	kpi_snake_case(&b, "CLA_NetGain ", 12);
	is_str(b.data, "cla_netgain", "snake_case trailing space");
	kpi_snake_case(&b, "--", 2);
	is_str(b.data, "", "snake_case of punctuation is empty");
	kpi_fold_name(&b, "Children in Care (rate per 10,000)", 34);
	is_str(b.data, "childrenincarerateper10000", "fold name");
	kpi_fold_name(&b, "Children\xE2\x80\x99s \xE2\x80\x93 care\xC2\xA0leavers", 30);
	is_str(b.data, "childrenscareleavers", "fold name drops curly apostrophe, en dash, no-break space");
	kpi_buf fresh = KPI_BUF_INIT;
	kpi_fold_name(&fresh, "--", 2);
	is_str(fresh.data, "", "fold of punctuation into a fresh buffer is an empty string");
	kpi_buf_free(&fresh);
	kpi_buf_free(&b);
	kpi_record_free(&r);
	/* strings are copied eight bytes at a time: an escape, a quote or a
	 * control character at every place of a word, and strings that end at
	 * every place of one, decode as one byte at a time would */
	for (int at = 0; at < 20; at++) {
		char line[128], want[64];
		memset(want, 'x', (size_t)at);
		want[at] = '"';
		memcpy(want + at + 1, "yyyyyyyyyy", 11);
		snprintf(line, sizeof line, "{\"k\":\"%.*s\\\"yyyyyyyyyy\",\"s\":\"%.*s\"}", at, want, at, want);
		int prc = parse(line);
		ok(prc == 0 && r.n == 2 && r.f[0].str_len == (size_t)at + 11 &&
		   memcmp(r.f[0].str, want, (size_t)at + 11) == 0 && r.f[0].str[at + 11] == '\0' &&
		   r.f[1].str_len == (size_t)at && memcmp(r.f[1].str, want, (size_t)at) == 0 &&
		   r.f[1].str[at] == '\0', "an escaped quote after %d plain bytes, and a string of %d bytes", at, at);
		char msg[80];
		snprintf(line, sizeof line, "{\"k\":\"%.*s\x01yyyyyyyy\"}", at, want);
		snprintf(msg, sizeof msg, "invalid JSON at column %d: control character in string", 7 + at);
		bad(line, msg);
	}
	/* duplicate top-level keys among many (the tag test), and keys that share
	 * length, first, middle and last bytes but differ */
	{
		char line[4096];
		size_t len = 0;
		len += (size_t)snprintf(line + len, sizeof line - len, "{");
		for (int i = 0; i < 40; i++)
			len += (size_t)snprintf(line + len, sizeof line - len, "%s\"k%02dx%02dk\":%d", i ? "," : "", i, i, i);
		len += (size_t)snprintf(line + len, sizeof line - len, ",\"aXbXc\":1,\"aYbYc\":2}");
		ok(parse(line) == 0 && r.n == 42, "42 distinct keys, some alike at their ends and middle");
		line[len - 1] = '\0';
		strcat(line, ",\"k17x17k\":9}");
		bad(line, "duplicate key \"k17x17k\"");
		bad("{\"\":1,\"a\":2,\"\":3}", "duplicate key \"\"");
	}
	/* a record with the keys of the last good one skips the duplicate check:
	 * one key changed, in length or in any byte, is checked again */
	{
		ok(parse("{\"indicator\":1,\"period_start\":2,\"area\":3}") == 0, "three keys");
		ok(parse("{\"indicator\":\"x\",\"period_start\":[2],\"area\":null}") == 0, "the same keys again");
		bad("{\"indicator\":1,\"period_start\":2,\"indicator\":3}", "duplicate key \"indicator\"");
		bad("{\"indicator\":1,\"indicator\":2,\"area\":3}", "duplicate key \"indicator\"");
		bad("{\"area\":1,\"period_start\":2,\"area\":3}", "duplicate key \"area\"");
		ok(parse("{\"indicator\":1,\"period_start\":2,\"area\":3}") == 0, "the three keys after errors");
		bad("{\"indicator\":1,\"period_start\":2,\"area\":3,\"area\":4}", "duplicate key \"area\"");
		bad("{\"a\":1,\"a\":2,\"a\":3}", "duplicate key \"a\"");
		ok(parse("{\"a\\u0000b\":1,\"a\":2}") == 0, "a key holding \\u0000");
		bad("{\"a\\u0000b\":1,\"a\\u0000b\":2}", "duplicate key \"a\"");
	}

	return tap_done();
}
