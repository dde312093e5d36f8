/* test_normalise_fast.c: kpi-normalise's fast paths against its slow ones
 * (cmd/kpi-normalise/normalise.c, fields.h, series_key.h; linked with the tool's objects).
 *  - The fields a record's keys name, found once per shape of keys and
 *    then taken by position (and the council's code fields, la_changes.c),
 *    and the series' hash kept while the series stays the same, against
 *    a normaliser that forgets them before every record: random
 *    records in runs of one key set, with own fields, fields read but
 *    passed through, code fields and others, in any order, some bad; the
 *    typed records, statuses and reasons must be the same byte for byte.
 *  - nz_multiple_of_ten against fmod. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kpi/catalogue.h"
#include "kpi/la_changes.h"
#include "kpi/ndjson.h"
#include "../../cmd/kpi-normalise/normalise.h"
#include "tap.h"

static const char *const keys[] = {
	"indicator", "period", "period_raw", "value", "value_raw", "numerator", "denominator",
	"area", "breakdown", "released", "source", "name", "unit", "status", "period_type",
	"time_identifier", "indicator_label", "indicator_unit", "indicator_dp", "la_code",
	"new_la_code", "old_la_code", "note", "x", "decimals",
};
enum { NK = sizeof keys / sizeof keys[0] };

/* A value for KEY (JSON text). */
static const char *value_for(uint64_t *rng, const char *key)
{
	static const char *const ind[] = {"\"contacts_count\"", "\"cla_missing_pct\"",
					  "\"Number of contacts\"", "\"not a kpi\"", "\"referrals_count\"", "7"};
	static const char *const per[] = {"\"2023-24\"", "\"Jun-17\"", "\"2019-04\"", "\"2022\"",
					  "\"2016/17\"", "\"nonsense\"", "202324", "null"};
	static const char *const num[] = {"\"35.1%\"", "\"12\"", "\"c\"", "\"x\"", "\"40\"", "3.5",
					  "null", "\"1,234\"", "\"0.00\"", "\"abc\"", "\"120\"", "\"-4\""};
	static const char *const area[] = {"\"E06000001\"", "\"E10000009\"", "\"Dorset\"", "null",
					   "\"England\"", "\"E10000002\"", "12"};
	static const char *const code[] = {"\"835\"", "\"E10000009\"", "\"E06000059\"", "\"x\"", "null"};
	static const char *const other[] = {"\"a\\\"b\"", "1", "true", "[1,2]", "{\"k\":\"v\"}",
					    "\"f.csv:12\"", "\"\\u00e9t\\u00e9\"", "null", "\"2024-05-01\""};
	uint64_t r = tap_rng(rng);
#define PICK(a) a[r % (sizeof a / sizeof a[0])]
	if (!strcmp(key, "indicator"))
		return PICK(ind);
	if (!strncmp(key, "period", 6) && strcmp(key, "period_type")) {
		static char month[32]; /* mostly months of many years: few duplicates */
		if (r % 4 == 0)
			return PICK(per);
		snprintf(month, sizeof month, "\"%d-%02d\"", 1900 + (int)(r / 4 % 200), 1 + (int)(r / 800 % 12));
		return month;
	}
	if (!strcmp(key, "value") || !strcmp(key, "value_raw") || !strcmp(key, "numerator") ||
	    !strcmp(key, "denominator"))
		return r % 3 ? num[r / 3 % 2] : PICK(num);
	if (!strcmp(key, "area"))
		return PICK(area);
	if (strstr(key, "la_code"))
		return PICK(code);
	if (!strcmp(key, "breakdown"))
		return r % 3 ? "\"Girls\"" : r % 2 ? "{\"sex\":\"Boys\"}" : "null";
	if (!strcmp(key, "released"))
		return r % 3 ? "null" : r % 2 ? "\"2024-05-01\"" : "\"May\"";
	if (!strcmp(key, "source"))
		return r % 2 ? "\"in.csv:12\"" : "\"in.csv:13:Value\"";
	return PICK(other);
#undef PICK
}

/* Random lines into PATH: runs of one key set in one order. */
static long write_lines(const char *path, int n)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(2);
	}
	uint64_t rng = 0x6E6F726D616C6973ULL;
	int perm[NK];
	for (int i = 0; i < NK; i++)
		perm[i] = i;
	unsigned long set = 0xFFUL;
	for (int i = 0; i < n; i++) {
		uint64_t what = tap_rng(&rng) % 100;
		if (what < 3)
			set = tap_rng(&rng) & ((1UL << NK) - 1);
		else if (what < 8)
			set ^= 1UL << (tap_rng(&rng) % NK);
		else if (what < 10) /* another order: two keys change places, a few times */
			for (int swaps = 1 + (int)(tap_rng(&rng) % 8); swaps > 0; swaps--) {
				int a = (int)(tap_rng(&rng) % NK), b = (int)(tap_rng(&rng) % NK), t = perm[a];
				perm[a] = perm[b];
				perm[b] = t;
			}
		if (tap_rng(&rng) % 4) /* most records name an indicator and a period */
			set |= 3;
		fputc('{', f);
		for (int j = 0, first = 1; j < NK; j++)
			if (set >> perm[j] & 1) {
				fprintf(f, "%s\"%s\":%s", first ? "" : ",", keys[perm[j]], value_for(&rng, keys[perm[j]]));
				first = 0;
			}
		fputs(tap_rng(&rng) % 100 ? "}\n" : ",}\n", f);
	}
	if (fclose(f) != 0) {
		perror(path);
		exit(2);
	}
	return n;
}

typedef struct {
	normaliser nz;
	kpi_la_changes *lc;
	kpi_ndjson in;
	kpi_buf out, reason;
} run;

static void run_open(run *r, kpi_catalogue *cat, const char *lc_path, const char *path)
{
	char err[1024];
	int status;
	normaliser_init(&r->nz, cat);
	r->nz.warn.catalogue_path = kpi_catalogue_path(cat);
	r->lc = kpi_la_changes_new();
	if (kpi_la_changes_load(r->lc, lc_path, err, sizeof err, &status) != 0) {
		fprintf(stderr, "%s\n", err);
		exit(2);
	}
	r->nz.la_changes = r->lc;
	kpi_ndjson_open(&r->in, path);
	kpi_buf_init(&r->out);
	kpi_buf_init(&r->reason);
}

/* The next record's result as text: the typed record, or the reason. */
static int run_next(run *r, int slow, kpi_buf *result)
{
	int got = kpi_ndjson_next(&r->in);
	kpi_buf_clear(result);
	if (got <= 0)
		return got;
	if (slow)
		normaliser_forget(&r->nz);
	const char *where;
	kpi_buf_clear(&r->out);
	int rc = normalise_record(&r->nz, &r->in.rec, &r->in, &r->out, &where, &r->reason);
	kpi_buf_printf(result, "%d %s | %s | %s", rc, r->out.data ? r->out.data : "",
		       rc == NZ_BAD ? r->reason.data : "", where);
	return 1;
}

static void run_close(run *r)
{
	kpi_ndjson_close(&r->in);
	normaliser_free(&r->nz);
	kpi_la_changes_free(r->lc);
	kpi_buf_free(&r->out);
	kpi_buf_free(&r->reason);
}

static void test_shapes(void)
{
	char share[4096], cat_path[4200], lc_path[4200], path[64];
	snprintf(share, sizeof share, "%s/../share", tap_tests_dir());
	snprintf(cat_path, sizeof cat_path, "%s/catalogue.csv", share);
	snprintf(lc_path, sizeof lc_path, "%s/la-changes.csv", share);
	snprintf(path, sizeof path, "/tmp/test_normalise_fast.%ld.ndjson", (long)getpid());
	char err[1024];
	int status;
	kpi_catalogue *cat = kpi_catalogue_load(cat_path, err, sizeof err, &status);
	if (!ok(cat != NULL, "the catalogue loads: %s", cat ? "" : err))
		return;
	long n = write_lines(path, 60000);
	run fast, slow;
	run_open(&fast, cat, lc_path, path);
	run_open(&slow, cat, lc_path, path);
	kpi_buf a = KPI_BUF_INIT, b = KPI_BUF_INIT;
	long differ = 0, written = 0, bad = 0, unparsed = 0;
	for (long i = 0;; i++) {
		int ga = run_next(&fast, 0, &a), gb = run_next(&slow, 1, &b);
		if (ga != gb) {
			ok(0, "record %ld: both read", i + 1);
			break;
		}
		if (ga == 0)
			break;
		if (ga < 0) {
			unparsed++;
			continue;
		}
		if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0) {
			if (differ++ < 3)
				diag("line %ld:\n#  fast: %s\n#  slow: %s", i + 1, a.data, b.data);
		} else if (a.data[0] == '-') {
			bad++;
		} else {
			written++;
		}
	}
	is_long(differ, 0, "%ld random records (%ld written, %ld refused, %ld not JSON): the same "
		"typed records and reasons with the fields' places kept per shape as found each time",
		n, written, bad, unparsed);
	ok(written > n / 20 && bad > n / 20, "both outcomes are common");
	run_close(&fast);
	run_close(&slow);
	kpi_buf_free(&a);
	kpi_buf_free(&b);
	kpi_catalogue_free(cat);
	unlink(path);
}

static void test_multiple_of_ten(void)
{
	static const double edges[] = {10, 20, 15, 9e15, 9e15 - 10, 9e15 + 10, 8999999999999990.0,
				       1e16, 1e300, 12345678901234560.0, 10.000000000000002, 19.999999999999996,
				       -10, -9e15, -1e16, 0, 1e-300, INFINITY, -INFINITY, NAN, 4503599627370500.0,
				       4503599627370495.5, 9007199254740990.0, 9007199254740992.0};
	long bad = 0;
	for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
		bad += nz_multiple_of_ten(edges[i]) != (fmod(edges[i], 10) == 0);
	uint64_t rng = 0x74656E7374656E73ULL;
	long yes = 0;
	for (int i = 0; i < 1000000; i++) {
		uint64_t r = tap_rng(&rng);
		double v;
		switch (r % 4) {
		case 0: v = (double)(r >> 20) * 10; break;               /* multiples */
		case 1: v = (double)(r >> 8 % 40);  break;                /* integers of any size */
		case 2: v = (double)(r >> 11) / (double)(1 + (r & 0xFF)); break; /* fractions */
		default: memcpy(&v, &r, sizeof v); break;                 /* any bits */
		}
		if (r >> 63)
			v = -v;
		int got = nz_multiple_of_ten(v);
		bad += got != (fmod(v, 10) == 0);
		yes += got;
	}
	is_long(bad, 0, "multiple of ten: as fmod(n, 10) == 0 (%ld of 1,000,000 random numbers)", yes);
}

int main(void)
{
	test_multiple_of_ten();
	test_shapes();
	return tap_done();
}
