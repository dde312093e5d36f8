/* Unit tests: the fast paths of the hot loops agree with the slow ones.
 *   lib/value.c    short decimals without strtod      (value cells)
 *   lib/record_scan.h  short JSON numbers without strtod, table-driven
 *                  string scanning; lib/record_dupkeys.c duplicate keys
 *                  found through a hash filter
 *   lib/json_write.c  word-at-a-time string escaping
 *   lib/lines.c    "FILE:LINE" without snprintf
 *   lib/catalogue.c  the last-match cache (same answer on repeats, qualified
 *                  aliases still decided per record) */
#include "kpi/catalogue.h"
#include "kpi/json_write.h"
#include "kpi/lines.h"
#include "kpi/numfmt.h"
#include "kpi/period.h"
#include "kpi/record.h"
#include "kpi/value.h"
#include "tap.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A deterministic generator (xorshift64*), so a failure can be replayed. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static uint64_t rng(void)
{
	return tap_rng(&rng_state);
}

/* A random short decimal: optional '-', 1-9 integer digits (leading zeros
 * only as "0"), optional 1-8 decimals.  Up to 17 digits, so both sides of the
 * 15-digit fast path limit are covered. */
static void random_decimal(char *out)
{
	char *p = out;
	if (rng() % 4 == 0)
		*p++ = '-';
	int nint = 1 + (int)(rng() % 9);
	if (rng() % 5 == 0)
		nint = 1, *p++ = '0';
	else
		for (int i = 0; i < nint; i++)
			*p++ = (char)('0' + (i == 0 ? 1 + rng() % 9 : rng() % 10));
	int nfrac = (int)(rng() % 9);
	if (nfrac) {
		*p++ = '.';
		for (int i = 0; i < nfrac; i++)
			*p++ = (char)('0' + rng() % 10);
	}
	*p = '\0';
}

static void test_value_numbers(void)
{
	int bad = 0;
	char text[64];
	for (int i = 0; i < 100000; i++) {
		random_decimal(text);
		kpi_value v;
		double want = strtod(text, NULL);
		if (want == 0)
			want = 0.0; /* kpi_value_parse writes no -0 */
		if (kpi_value_parse(text, strlen(text), &v) != 0 || v.status != KPI_ST_OK ||
		    memcmp(&v.value, &want, sizeof want) != 0) {
			if (bad++ < 5)
				diag("value '%s': got %.17g, strtod %.17g", text, v.value, want);
		}
	}
	ok(bad == 0, "kpi_value_parse agrees with strtod on 100000 random short decimals (%d differ)", bad);
	/* edges of the fast path: 15 and 16 digits, 2^53 neighbours, many zeros */
	static const char *const edges[] = {
		"900719925474099", "9007199254740991", "9007199254740993", "123456789012345.6",
		"0.000000000000000000001", "0.1", "0.3", "1.7976931348623157", "35.1%", "-0.5%",
		"1,234,567.891", "000000000000000000000000001.5", "4.35", "0.0000001"
	};
	for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
		char plain[64];
		size_t o = 0;
		for (const char *s = edges[i]; *s; s++)
			if (*s != ',' && *s != '%')
				plain[o++] = *s;
		plain[o] = '\0';
		kpi_value v;
		double want = strtod(plain, NULL);
		ok(kpi_value_parse(edges[i], strlen(edges[i]), &v) == 0 &&
		   memcmp(&v.value, &want, sizeof want) == 0, "value '%s' as strtod gives", edges[i]);
	}
}

static void test_record_numbers(void)
{
	kpi_record r;
	kpi_record_init(&r);
	int bad = 0;
	char text[64], line[128], err[256];
	for (int i = 0; i < 100000; i++) {
		random_decimal(text);
		int n = snprintf(line, sizeof line, "{\"v\":%s}", text);
		double want = strtod(text, NULL);
		if (kpi_record_parse(&r, line, (size_t)n, err, sizeof err) != 0 || r.n != 1 ||
		    memcmp(&r.f[0].num, &want, sizeof want) != 0) {
			if (bad++ < 5)
				diag("record '%s': got %.17g, strtod %.17g", text, r.n ? r.f[0].num : 0, want);
		}
	}
	ok(bad == 0, "record numbers agree with strtod on 100000 random short decimals (%d differ)", bad);
	static const char *const edges[] = {
		"-0", "0", "0.1", "123456789012345", "1234567890123456", "12345678901234567890",
		"1e2", "1.5E-3", "-2.5e+10", "0.000000000000000000000001", "9007199254740993"
	};
	for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
		int n = snprintf(line, sizeof line, "{\"v\":%s}", edges[i]);
		double want = strtod(edges[i], NULL);
		ok(kpi_record_parse(&r, line, (size_t)n, err, sizeof err) == 0 &&
		   memcmp(&r.f[0].num, &want, sizeof want) == 0, "record number %s as strtod gives", edges[i]);
	}
	kpi_record_free(&r);
}

/* kpi_fmt_double's slow path as it was before it kept its last good text:
 * the least %.Ng precision that reads back (bisection from 15). */
static int ref_fallback(char out[KPI_NUM_BUFSZ], double v)
{
	char t[400];
	int lo = 1, hi = 17;
	snprintf(t, sizeof t, "%.15g", v);
	if (strtod(t, NULL) == v)
		hi = 15;
	else
		lo = 16;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		snprintf(t, sizeof t, "%.*g", mid, v);
		if (strtod(t, NULL) == v)
			hi = mid;
		else
			lo = mid + 1;
	}
	int n = snprintf(t, sizeof t, "%.*g", lo, v);
	if (n < 0 || n >= KPI_NUM_BUFSZ)
		n = 0, t[0] = '\0';
	memcpy(out, t, (size_t)n + 1);
	return n;
}

static void test_fmt_double(void)
{
	int bad = 0, n = 0;
	char got[KPI_NUM_BUFSZ], want[KPI_NUM_BUFSZ];
	for (int i = 0; i < 100000; i++) {
		double v;
		switch (i % 4) {
		case 0: { /* any finite double */
			uint64_t bits = rng();
			memcpy(&v, &bits, sizeof v);
			if (!isfinite(v))
				continue;
			break;
		}
		case 1: /* a mean or a limit: long decimals */
			v = (double)(rng() % 100000) / (double)(1 + rng() % 997);
			break;
		case 2: /* tiny and huge (outside the short-decimal path) */
			v = ldexp((double)(rng() % 1000000 + 1), (int)(rng() % 200) - 100);
			break;
		default:
			v = -(double)(rng() % 1000000) / 1e3 * 1.1;
		}
		if (v == 0)
			continue;
		n++;
		kpi_fmt_double(got, v);
		double a = fabs(v);
		/* values the short-decimal path takes are tested in test_numfmt */
		int fast = 0;
		if (a < 9007199254740992.0 && a >= 1e-6) {
			static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
						     1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
			for (int k = 0; k < 16 && !fast; k++) {
				double sc = a * p10[k];
				if (sc >= 9007199254740992.0)
					break;
				double d = nearbyint(sc);
				fast = d / p10[k] == a && d > 0;
			}
		}
		if (fast) {
			if (strtod(got, NULL) != v)
				bad++;
			continue;
		}
		ref_fallback(want, v);
		if (strcmp(got, want) != 0 && bad++ < 5)
			diag("%.17g: got %s, want %s", v, got, want);
	}
	ok(bad == 0 && n > 90000, "kpi_fmt_double as the bisection on %d random doubles (%d differ)", n, bad);
}

/* Months are formatted without the checked writer: the same text. */
static void test_period_format(void)
{
	int bad = 0;
	static const int years[] = {0, 7, 99, 999, 1969, 2017, 9999, 10000, -1, 123456};
	for (size_t y = 0; y < sizeof years / sizeof years[0]; y++)
		for (int m = 0; m <= 13; m++) {
			kpi_period p = {KPI_PT_MONTH, years[y], m, 0};
			char got[KPI_PERIOD_BUFSZ], want[64];
			int n = kpi_period_format(&p, got);
			int w = snprintf(want, sizeof want, "%s%04ld-%02d", years[y] < 0 ? "-" : "",
					 labs((long)years[y]), m);
			if (w >= KPI_PERIOD_BUFSZ) /* cut to fit, as the writer does */
				want[w = KPI_PERIOD_BUFSZ - 1] = '\0';
			if (n != w || strcmp(got, want) != 0) {
				if (bad++ < 5)
					diag("%d-%d: got %s (%d), want %s (%d)", years[y], m, got, n, want, w);
			}
		}
	ok(bad == 0, "month periods format as %%04d-%%02d (%d differ)", bad);
}

/* Duplicate keys are found wherever they are, among many keys (the parser
 * compares only keys whose hash bits collide). */
static void test_record_duplicate_keys(void)
{
	kpi_record r;
	kpi_record_init(&r);
	char err[256];
	int missed = 0, false_alarm = 0;
	kpi_buf line = KPI_BUF_INIT;
	for (int round = 0; round < 2000; round++) {
		int n = 2 + (int)(rng() % 60);
		int dup_at = round % 2 ? (int)(rng() % (uint64_t)(n - 1)) + 1 : -1;
		int dup_of = dup_at > 0 ? (int)(rng() % (uint64_t)dup_at) : 0;
		kpi_buf_clear(&line);
		kpi_buf_addc(&line, '{');
		for (int i = 0; i < n; i++) {
			int k = i == dup_at ? dup_of : i;
			/* keys that share prefixes, lengths and last bytes */
			kpi_buf_printf(&line, "%s\"period_%s%d\":%d", i ? "," : "", k % 3 ? "x" : "", k, i);
		}
		kpi_buf_addc(&line, '}');
		int rc = kpi_record_parse(&r, line.data, line.len, err, sizeof err);
		if (dup_at > 0 && (rc == 0 || !strstr(err, "duplicate key")))
			missed++;
		if (dup_at < 0 && rc != 0)
			false_alarm++;
	}
	ok(missed == 0, "every duplicate key found (%d missed)", missed);
	ok(false_alarm == 0, "no duplicate reported among distinct keys (%d)", false_alarm);
	kpi_buf_free(&line);
	kpi_record_free(&r);
}

/* The escaping as specified, one byte at a time. */
static void reference_escape(kpi_buf *b, const unsigned char *s, size_t n)
{
	kpi_buf_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		switch (c) {
		case '"': kpi_buf_adds(b, "\\\""); break;
		case '\\': kpi_buf_adds(b, "\\\\"); break;
		case '\n': kpi_buf_adds(b, "\\n"); break;
		case '\r': kpi_buf_adds(b, "\\r"); break;
		case '\t': kpi_buf_adds(b, "\\t"); break;
		case '\b': kpi_buf_adds(b, "\\b"); break;
		case '\f': kpi_buf_adds(b, "\\f"); break;
		default:
			if (c < 0x20)
				kpi_buf_printf(b, "\\u%04x", c);
			else
				kpi_buf_addc(b, (char)c);
		}
	}
	kpi_buf_addc(b, '"');
}

/* Strings round-trip through the writer and the parser, whatever bytes they
 * hold where (the parser scans eight bytes at a time), and a raw control
 * character is refused at any position. */
static void test_record_strings(void)
{
	kpi_record r;
	kpi_record_init(&r);
	kpi_buf line = KPI_BUF_INIT;
	char err[256];
	int bad = 0;
	for (int i = 0; i < 20000; i++) {
		unsigned char s[80];
		size_t len = rng() % sizeof s;
		for (size_t k = 0; k < len; k++) {
			uint64_t x = rng() % 40;
			s[k] = x == 0 ? (unsigned char)(1 + rng() % 0x1F) : x == 1 ? '"' : x == 2 ? '\\'
			     : (unsigned char)(0x20 + rng() % 0x5F);
		}
		kpi_buf_clear(&line);
		kpi_buf_adds(&line, "{\"k\":");
		kpi_json_escape(&line, (const char *)s, len);
		kpi_buf_addc(&line, '}');
		if (kpi_record_parse(&r, line.data, line.len, err, sizeof err) != 0 ||
		    r.f[0].str_len != len || memcmp(r.f[0].str, s, len) != 0)
			bad++;
	}
	ok(bad == 0, "20000 random strings round-trip through kpi_json_escape and kpi_record_parse (%d differ)", bad);
	int missed = 0;
	for (size_t at = 0; at < 40; at++) {
		char text[48];
		memset(text, 'a', sizeof text);
		text[at] = '\t';
		kpi_buf_clear(&line);
		kpi_buf_adds(&line, "{\"k\":\"");
		kpi_buf_add(&line, text, 40);
		kpi_buf_adds(&line, "\"}");
		if (kpi_record_parse(&r, line.data, line.len, err, sizeof err) == 0 ||
		    !strstr(err, "control character"))
			missed++;
	}
	ok(missed == 0, "a raw tab is refused at each of 40 positions (%d missed)", missed);
	kpi_buf_free(&line);
	kpi_record_free(&r);
}

static void test_escape(void)
{
	kpi_buf got = KPI_BUF_INIT, want = KPI_BUF_INIT;
	/* every byte value, alone and at each position of a 1..40-byte plain run */
	int bad = 0;
	for (int c = 0; c < 256; c++)
		for (size_t len = 1; len <= 40; len++)
			for (size_t at = 0; at < len; at++) {
				unsigned char s[40];
				memset(s, 'a', len);
				s[at] = (unsigned char)c;
				kpi_buf_clear(&got);
				kpi_buf_clear(&want);
				kpi_buf_adds(&got, "x"); /* escaping appends */
				kpi_buf_adds(&want, "x");
				kpi_json_escape(&got, (const char *)s, len);
				reference_escape(&want, s, len);
				if (got.len != want.len || memcmp(got.data, want.data, got.len) != 0)
					if (bad++ < 5)
						diag("byte 0x%02x at %zu of %zu: %s vs %s", c, at, len, got.data, want.data);
			}
	ok(bad == 0, "kpi_json_escape as the byte-wise reference for every byte at every position (%d differ)", bad);
	/* random strings with a few specials, long enough for several words */
	bad = 0;
	for (int i = 0; i < 20000; i++) {
		unsigned char s[100];
		size_t len = rng() % sizeof s;
		for (size_t k = 0; k < len; k++) {
			uint64_t r = rng() % 64;
			s[k] = r == 0 ? (unsigned char)(rng() % 0x20) : r == 1 ? '"' : r == 2 ? '\\'
			     : (unsigned char)(0x20 + rng() % 0xE0);
		}
		kpi_buf_clear(&got);
		kpi_buf_clear(&want);
		kpi_json_escape(&got, (const char *)s, len);
		reference_escape(&want, s, len);
		if (got.len != want.len || memcmp(got.data, want.data, got.len) != 0)
			bad++;
	}
	ok(bad == 0, "kpi_json_escape as the reference on 20000 random strings (%d differ)", bad);
	kpi_buf_clear(&got);
	kpi_json_escape(&got, "", 0);
	is_str(got.data, "\"\"", "empty string");
	ok(got.data[got.len] == '\0' && strlen(got.data) == got.len, "buffer stays NUL-terminated");
	kpi_buf_free(&got);
	kpi_buf_free(&want);
}

static void test_where(void)
{
	static const char text[] = "a\nb\n\nc\n";
	kpi_lines *r = kpi_lines_from_memory(text, sizeof text - 1, "data/x.ndjson");
	char *line;
	size_t len;
	char want[64];
	int n = 0, bad = 0;
	while (kpi_lines_next(r, &line, &len) == 1) {
		n++;
		snprintf(want, sizeof want, "data/x.ndjson:%d", n);
		if (strcmp(kpi_lines_where(r), want) != 0)
			bad++;
	}
	ok(n == 4 && bad == 0, "kpi_lines_where gives FILE:LINE for each line");
	kpi_lines_close(r);
	/* a name too long for the reader's buffer is cut, not overrun */
	size_t big = 5000;
	char *name = malloc(big + 1);
	memset(name, 'n', big);
	name[big] = '\0';
	r = kpi_lines_from_memory("x\n", 2, name);
	kpi_lines_next(r, &line, &len);
	const char *w = kpi_lines_where(r);
	ok(strlen(w) < big && strncmp(w, name, 100) == 0, "a huge name is cut to fit");
	kpi_lines_close(r);
	free(name);
	r = kpi_lines_from_memory("x\n", 2, "-");
	kpi_lines_next(r, &line, &len);
	is_str(kpi_lines_where(r), "-:1", "standard input is -:LINE");
	kpi_lines_close(r);
}

static const char *qual_get(void *ctx, const char *field)
{
	return strcmp(field, "population_type") == 0 ? ctx : NULL;
}

static void test_catalogue_cache(void)
{
	char path[] = "/tmp/kpi-test-fastpaths-XXXXXX";
	int fd = mkstemp(path);
	static const char csv[] =
		"id,name,section,unit,polarity,aliases\n"
		"cla_rate,Children in care rate,Children in care,rate_per_10k,neutral,"
		"rate_per_10000[population_type=Children looked after]\n"
		"cin_rate,Children in need rate,Children in need,rate_per_10k,neutral,"
		"rate_per_10000[population_type=Children in need]\n"
		"cla_count,Children in care,Children in care,count,neutral,cla;looked after\n";
	if (fd < 0 || write(fd, csv, sizeof csv - 1) != (ssize_t)(sizeof csv - 1)) {
		ok(0, "temporary catalogue written");
		return;
	}
	close(fd);
	char err[512];
	int st;
	kpi_catalogue *c = kpi_catalogue_load(path, err, sizeof err, &st);
	unlink(path);
	ok(c != NULL, "catalogue loads");
	if (!c)
		return;
	for (int round = 0; round < 2; round++) { /* the second round is served by the cache */
		const kpi_cat_entry *e = kpi_catalogue_match(c, "CLA", 3, NULL, NULL);
		is_str(e ? e->id : "(none)", "cla_count", "alias CLA (round %d)", round);
		e = kpi_catalogue_match(c, "CLA", 3, NULL, NULL);
		is_str(e ? e->id : "(none)", "cla_count", "alias CLA again (round %d)", round);
		e = kpi_catalogue_match(c, "Looked After", 12, NULL, NULL);
		is_str(e ? e->id : "(none)", "cla_count", "alias Looked After (round %d)", round);
		ok(kpi_catalogue_match(c, "nothing", 7, NULL, NULL) == NULL, "unknown (round %d)", round);
		ok(kpi_catalogue_match(c, "nothing", 7, NULL, NULL) == NULL, "unknown again (round %d)", round);
		/* the same text, answered by the record's other field each time */
		e = kpi_catalogue_match(c, "rate_per_10000", 14, qual_get, "Children looked after");
		is_str(e ? e->id : "(none)", "cla_rate", "qualified alias, first record (round %d)", round);
		e = kpi_catalogue_match(c, "rate_per_10000", 14, qual_get, "Children in need");
		is_str(e ? e->id : "(none)", "cin_rate", "qualified alias, next record (round %d)", round);
		e = kpi_catalogue_match(c, "rate_per_10000", 14, qual_get, "Other");
		ok(e == NULL, "qualified alias, neither qualifier (round %d)", round);
		e = kpi_catalogue_match(c, "rate_per_10000", 14, qual_get, "Children looked after");
		is_str(e ? e->id : "(none)", "cla_rate", "qualified alias, back again (round %d)", round);
	}
	kpi_catalogue_free(c);
}

int main(void)
{
	test_value_numbers();
	test_record_numbers();
	test_record_duplicate_keys();
	test_escape();
	test_record_strings();
	test_where();
	test_fmt_double();
	test_period_format();
	test_catalogue_cache();
	return tap_done();
}
