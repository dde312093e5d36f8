/* test_json_strict.c: the jansson reference of tests/fuzz/json_reference.c
 * (the reading fuzz_record checks lib/record.c against; no tool links it)
 * accepts and refuses exactly what kpi_record_parse does, with the same
 * messages (found by the bad-input corpus, tests/bad/). */
#include "../fuzz/json_reference.h"
#include "kpi/record.h"
#include "tap.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Both parsers on TEXT: 1 when they agree (and, when both refuse, say the same). */
static int agree(const char *text, char *why, size_t whysz)
{
	char e1[256] = "", e2[256] = "";
	kpi_record r;
	kpi_record_init(&r);
	int rc = kpi_record_parse(&r, text, strlen(text), e1, sizeof e1);
	kpi_record_free(&r);
	json_t *o = kpi_json_parse_object(text, strlen(text), e2, sizeof e2);
	int same = (rc == 0) == (o != NULL) && (o != NULL || strcmp(e1, e2) == 0);
	snprintf(why, whysz, "record: %s / jansson: %s", rc == 0 ? "ok" : e1, o ? "ok" : e2);
	json_decref(o);
	return same;
}

/* Whether R (parsed, RC) read LINE as jansson does: both refuse it, or
 * both read it, with the same strings. */
static int reads_as_jansson(const kpi_record *r, int rc, const char *line, size_t len)
{
	char err[256];
	json_t *o = kpi_json_parse_object(line, len, err, sizeof err);
	int same = (rc == 0) == (o != NULL);
	for (size_t i = 0; same && o && i < r->n; i++) {
		json_t *v = json_object_get(o, r->f[i].key);
		if (r->f[i].type == KPI_JT_STRING)
			same = json_is_string(v) && json_string_length(v) == r->f[i].str_len &&
			       memcmp(json_string_value(v), r->f[i].str, r->f[i].str_len) == 0;
	}
	json_decref(o);
	return same;
}

/* The end of a line's last string (record.c looks at the line's last 16
 * bytes at once): a quote, a backslash escape, a control character, a
 * two-byte character, a stray byte or the line's end at every place of
 * them, in lines of every length, read by a fresh record and through the
 * shape of the last (a kept record, the fast path), as jansson reads them. */
static int string_ends(void)
{
	static const char *const bits[] = {"a", "\\\"", "\\n", "\\u00e9", "\x01", "\xC3\xA9", "\x80", "\"",
					   "zz", "\\\\"};
	kpi_record kept;
	kpi_record_init(&kept);
	char line[256], err[256];
	int bad = 0, runs = 0;
	uint64_t x = 0x9E3779B97F4A7C15ULL;
	for (int pad = 0; pad < 40; pad++)
		for (int at = 0; at < 20; at++)
			for (size_t b = 0; b < sizeof bits / sizeof bits[0]; b++) {
				x ^= x << 13, x ^= x >> 7, x ^= x << 17;
				size_t n = (size_t)sprintf(line, "{\"k\":\"%.*s\",\"s\":\"", pad % 3, "xyz");
				for (int i = 0; i < pad; i++)
					line[n++] = (char)('a' + (x >> (i % 60)) % 26);
				n += (size_t)sprintf(line + n, "%s", bits[b]);
				for (int i = 0; i < at; i++)
					line[n++] = (char)('A' + i % 26);
				n += (size_t)sprintf(line + n, "%s", x & 1 ? "\"}" : "\",\"t\":1}");
				kpi_record fresh;
				kpi_record_init(&fresh);
				int rf = kpi_record_parse(&fresh, line, n, err, sizeof err);
				int rk = kpi_record_parse(&kept, line, n, err, sizeof err); /* the shape of the last */
				int rk2 = kpi_record_parse(&kept, line, n, err, sizeof err); /* its own shape */
				if (!reads_as_jansson(&fresh, rf, line, n) || !reads_as_jansson(&kept, rk2, line, n) ||
				    rk != rf) {
					if (bad++ < 5)
						diag("'%.*s': fresh %d, kept %d %d", (int)n, line, rf, rk, rk2);
				}
				kpi_record_free(&fresh);
				runs++;
			}
	kpi_record_free(&kept);
	ok(bad == 0, "%d lines ending in a string read as jansson reads them", runs);
	return bad;
}

int main(void)
{
	string_ends();
	char why[600];
	char deep[300];
	size_t n = (size_t)sprintf(deep, "{\"a\":");
	for (int i = 0; i < 70; i++)
		deep[n++] = '[';
	for (int i = 0; i < 70; i++)
		deep[n++] = ']';
	strcpy(deep + n, "}");
	ok(agree(deep, why, sizeof why), "70 levels: both refuse (%s)", why);
	ok(strstr(why, "nesting deeper than 64") != NULL, "... as nesting (%s)", why);

	ok(agree("{\"a\":\"K\\u0000nt\"}", why, sizeof why), "\\u0000 in a string (%s)", why);
	ok(agree("{\"a\":123456789012345678901234567890123456789}", why, sizeof why), "huge integer (%s)", why);
	ok(agree("{\"a\":1e999}", why, sizeof why), "1e999 (%s)", why);
	ok(agree("{\"a\":\"\\x41\"}", why, sizeof why), "bad escape (%s)", why);
	ok(agree("{\"a\":1,}", why, sizeof why), "trailing comma (%s)", why);
	ok(agree("{\"a\":1} x", why, sizeof why), "text after the object (%s)", why);
	ok(agree("{\"a\":\"\\ud800\"}", why, sizeof why), "lone surrogate (%s)", why);
	ok(agree("{\"a\":1,\"a\":2}", why, sizeof why), "duplicate key (%s)", why);

	char err[256];
	json_t *o = kpi_json_parse_object("{\"a\":1,\"a\":2}", 13, err, sizeof err);
	ok(o == NULL && strstr(err, "duplicate"), "jansson: duplicate key refused (%s)", err);
	o = kpi_json_parse_object("{\"b\":1,\"a\":2}", 13, err, sizeof err);
	ok(o && strcmp(json_object_iter_key(json_object_iter(o)), "b") == 0, "jansson: order kept");
	json_decref(o);
	o = kpi_json_parse_object("{\"a\":123456789012345678901234567890,\"b\":7}", 42, err, sizeof err);
	ok(o && json_is_real(json_object_get(o, "a")), "a huge integer reads as a double");
	is_num(o ? json_number_value(json_object_get(o, "a")) : 0, 1.2345678901234568e29, 1e15, "... of its value");
	json_decref(o);
	o = kpi_json_parse_object("{\"b\":7}", 7, err, sizeof err);
	ok(o && json_is_integer(json_object_get(o, "b")), "an ordinary integer stays an integer");
	json_decref(o);
	return tap_done();
}
