/* test_la_changes.c: the council lookup (la_changes.h): loading, its
 * errors, files over files, and what a record's area becomes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kpi/buf.h"
#include "kpi/la_changes.h"
#include "kpi/names.h"
#include "kpi/record.h"
#include "tap.h"

static char path[64];
static char err[1024];
static int status;

static const char *write_file(const char *text)
{
	snprintf(path, sizeof path, "/tmp/test_la_changes.%ld.csv", (long)getpid());
	FILE *f = fopen(path, "wb");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
	return path;
}

#define HEADER "change,date,from_code,from_la_code,from_name,to_code,to_la_code,to_name,from_area\n"
static const char shipped[] =
	"# a comment line, with \"quotes\", before the header\n"
	"\n" HEADER
	"code,2020-04-01,E10000002,825,Buckinghamshire,E06000060,825,Buckinghamshire,\n"
	"code,2023-04-01,E06000060,825,Buckinghamshire,E06000099,825,Buckinghamshire,\n"
	"reorganisation,2019-04-01,E10000009,835,Dorset,E06000059,838,Dorset,Dorset County Council\n"
	"reorganisation,2019-04-01,E10000009,835,Dorset,E06000058,839,BCP,Dorset County Council\n"
	"reorganisation,2019-04-01,E06000029,836,Poole,E06000058,839,BCP,\n"
	"reorganisation,2009-04-01,,875,Cheshire,E06000049,895,Cheshire East,\n";

/* The message of loading TEXT into a fresh lookup (NULL when it loads). */
static const char *load_error(const char *text)
{
	kpi_la_changes *lc = kpi_la_changes_new();
	int rc = kpi_la_changes_load(lc, write_file(text), err, sizeof err, &status);
	kpi_la_changes_free(lc);
	if (rc == 0)
		return NULL;
	/* the path varies: the message after it */
	size_t n = strlen(path);
	return strncmp(err, path, n) == 0 ? err + n : err;
}

static void test_errors(void)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{"", ": la-changes file is empty (needs a header change,date,from_code,from_la_code,"
		     "from_name,to_code,to_la_code,to_name)"},
		{"# only a comment\n", ": la-changes file is empty (needs a header change,date,from_code,"
				       "from_la_code,from_name,to_code,to_la_code,to_name)"},
		{"change,date\n", ":1: la-changes file has no 'from_code' column (needs change,date,"
				  "from_code,from_la_code,from_name,to_code,to_la_code,to_name)"},
		{HEADER "merger,2019-04-01,E10000009,835,Dorset,E06000059,838,Dorset,X\n",
		 ":2: change 'merger' is not code or reorganisation"},
		{HEADER "code,1 April 2020,E10000002,825,B,E06000060,825,B,\n",
		 ":2: date '1 April 2020' is not a date (YYYY-MM-DD)"},
		{HEADER "code,2020-02-30,E10000002,825,B,E06000060,825,B,\n",
		 ":2: date '2020-02-30' is not a date (YYYY-MM-DD)"},
		{HEADER "code,2020-04-01,E1000002,825,B,E06000060,825,B,\n",
		 ":2: from_code 'E1000002' is not a 9-character ONS code (a capital letter and 8 digits: "
		 "E06000059)"},
		{HEADER "code,2020-04-01,E10000002,82,B,E06000060,825,B,\n",
		 ":2: from_la_code '82' is not a 3-digit DfE code (838)"},
		{HEADER "code,2020-04-01,E10000002,825,,E06000060,825,B,\n", ":2: empty from_name"},
		{HEADER "code,2020-04-01,E10000002,825,B,,825,B,\n",
		 ":2: a code change needs from_code and to_code"},
		{HEADER "code,2020-04-01,E10000002,825,B,E10000002,825,B,\n",
		 ":2: from_code and to_code are both E10000002"},
		{HEADER "code,2020-04-01,E10000002,825,B,E06000060,826,B,\n",
		 ":2: a code change keeps the council's DfE code: from_la_code 825 and to_la_code 826 "
		 "differ (a reorganisation?)"},
		{HEADER "code,2020-04-01,E10000002,825,B,E06000060,825,B,Old B\n",
		 ":2: from_area names a reorganised council's series, not a code change's"},
		{HEADER "reorganisation,2019-04-01,,,Dorset,E06000059,838,New,\n",
		 ":2: a reorganisation needs from_code or from_la_code"},
		{HEADER "reorganisation,2019-04-01,,835,Dorset,,,New,\n",
		 ":2: a reorganisation needs to_code or to_la_code"},
		{HEADER "reorganisation,2019-04-01,E10000009,835,Dorset,E06000059,835,New,\n",
		 ":2: from_la_code and to_la_code are both 835: a council that keeps its DfE code is a "
		 "code change"},
		{HEADER "reorganisation,2019-04-01,E10000009,835,Dorset,E06000059,838,Dorset,\n",
		 ":2: from_name and to_name are both 'Dorset': give the predecessor's series a name of "
		 "its own in from_area"},
		{HEADER "reorganisation,2019-04-01,E10000009,835,Dorset,E06000059,838,Dorset,DORSET\n",
		 ":2: from_area 'DORSET' is the successor's name: the predecessor's series needs a name "
		 "of its own"},
		{HEADER "code,2020-04-01,E10000002,825,B,E06000060,825,B,\n"
			"code,2020-04-01,E10000002,825,B,E06000060,825,B,\n",
		 ":3: repeats line 2 (E10000002 to E06000060)"},
		{HEADER "code,2020-04-01,E10000002,825,B,E06000060,825,B,\n"
			"code,2020-04-01,E10000002,825,B,E06000061,825,B,\n",
		 ":3: E10000002 already changes to E06000060 on line 2"},
		{HEADER "code,2020-04-01,E10000002,825,B,E06000060,825,B,\n"
			"reorganisation,2020-04-01,E10000002,825,B,E06000061,826,C,\n",
		 ":3: E10000002 is a code change on line 2, not also a reorganisation"},
		{HEADER "reorganisation,2019-04-01,E10000009,835,D,E06000059,838,E,X\n"
			"reorganisation,2019-04-01,E10000009,835,D,E06000058,839,F,Y\n",
		 ":3: from_area 'Y' differs from 'X' on line 2 (the same council)"},
		{HEADER "reorganisation,2019-04-01,E10000009,835,D,E06000059,838,E,\n"
			"reorganisation,2020-04-01,E10000009,835,D,E06000058,839,F,\n",
		 ":3: date 2020-04-01 differs from 2019-04-01 on line 2 (the same council)"},
		{HEADER "code,2020-04-01,E10000002,825,B,E06000060,825,B,\n"
			"code,2021-04-01,E06000060,825,B,E10000002,825,B,\n",
		 ":2: the code changes from E10000002 come back to it"},
		{HEADER "code,2020-04-01,E10000002,825,B,\"E06000060\n", ":2: unterminated quoted field"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = load_error(cases[i].text);
		is_str(got, cases[i].msg, "error %zu: %s", i, cases[i].msg);
		ok(!got || status == 1, "error %zu is bad data (exit 1)", i);
	}
	kpi_la_changes *lc = kpi_la_changes_new();
	ok(kpi_la_changes_load(lc, "/nonexistent/la-changes.csv", err, sizeof err, &status) == -1 &&
	   status == 2, "an unreadable file is an I/O error (exit 2)");
	is_str(err, "/nonexistent/la-changes.csv: No such file or directory", "its message");
	kpi_la_changes_free(lc);
}

static void test_find(void)
{
	kpi_la_changes *lc = kpi_la_changes_new();
	ok(kpi_la_changes_load(lc, write_file(shipped), err, sizeof err, &status) == 0, "loads: %s", err);
	is_long((long)kpi_la_changes_count(lc), 6, "six rows");
	kpi_la_council c;
	ok(kpi_la_changes_find(lc, "E10000002", "825", &c) && !c.reorganised, "Buckinghamshire's old code");
	is_str(c.current_code, "E06000099", "follows both code changes");
	is_str(c.code_date, "2020-04-01", "the date of its own change");
	ok(kpi_la_changes_find(lc, "E06000060", NULL, &c), "its middle code");
	is_str(c.current_code, "E06000099", "to the current one");
	ok(!kpi_la_changes_find(lc, "E06000099", "825", &c), "the current code: nothing to say");
	ok(!kpi_la_changes_find(lc, NULL, "825", &c), "a DfE code a council kept is no reorganisation");
	ok(kpi_la_changes_find(lc, "E10000009", "835", &c) && c.reorganised, "Dorset county is reorganised");
	is_str(c.date, "2019-04-01", "on its date");
	is_str(c.series_name, "Dorset County Council", "with its series' name");
	ok(c.current_code == NULL, "its code did not change");
	ok(kpi_la_changes_find(lc, NULL, "835", &c) && c.reorganised, "by its DfE code alone");
	ok(!kpi_la_changes_find(lc, "E06000059", "838", &c), "Dorset Council (unitary): nothing");
	ok(kpi_la_changes_find(lc, "E06000029", NULL, &c) && c.reorganised && !c.series_name,
	   "Poole: reorganised, its name is its own");
	ok(kpi_la_changes_find(lc, "E10000049", "875", &c) && c.reorganised,
	   "a row without from_code: its DfE code, whatever the record's 9-character code");
	ok(!kpi_la_changes_find(lc, NULL, NULL, &c), "no codes: nothing");
	kpi_la_changes_free(lc);
	ok(!kpi_la_changes_find(NULL, "E10000002", NULL, &c), "no lookup: nothing");
}

/* The area kpi_la_changes_area gives the record LINE ("" for as written). */
static kpi_record rec; /* the last record area_of read */

static const char *area_of(kpi_la_changes *lc, const char *line)
{
	static int init;
	if (!init) {
		kpi_record_init(&rec);
		init = 1;
	}
	static char perr[128];
	if (kpi_record_parse(&rec, line, strlen(line), perr, sizeof perr) != 0)
		return perr;
	const char *a = kpi_la_changes_area(lc, &rec, kpi_record_get(&rec, "area"), "2019-03-31");
	return a ? a : "";
}

static void test_area(void)
{
	kpi_la_changes *lc = kpi_la_changes_new();
	ok(kpi_la_changes_load(lc, write_file(shipped), err, sizeof err, &status) == 0, "loads: %s", err);
	is_str(area_of(lc, "{\"area\":\"Dorset\",\"old_la_code\":\"835\",\"new_la_code\":\"E10000009\"}"),
	       "Dorset County Council", "the county under its series name");
	is_str(area_of(lc, "{\"area\":\"Dorset\",\"old_la_code\":\"838\",\"new_la_code\":\"E06000059\"}"),
	       "", "the unitary Dorset as written");
	is_str(area_of(lc, "{\"area\":\"Dorset\",\"old_la_code\":\"835\"}"), "Dorset County Council",
	       "by the DfE code alone");
	is_str(area_of(lc, "{\"area\":\"Dorset\",\"la_number\":\"835\"}"), "Dorset County Council",
	       "la_number (a wide file's LA Number)");
	is_str(area_of(lc, "{\"area\":\"Dorset\",\"area_code\":\"E10000009\"}"), "Dorset County Council",
	       "area_code");
	is_str(area_of(lc, "{\"area\":\"Dorset County Council\",\"new_la_code\":\"E10000009\"}"), "",
	       "already its series name: as written (a second pass changes nothing)");
	is_str(area_of(lc, "{\"area\":\"Dorset\"}"), "", "no codes: as written");
	is_str(area_of(lc, "{\"area\":\"Dorset\",\"new_la_code\":\"E10000009\"}"), "Dorset County Council",
	       "the county again, after records of others");
	is_str(area_of(lc, "{\"area\":\"Dorset\",\"new_la_code\":\"E10000009\"}"), "Dorset County Council",
	       "and once more (the same codes as the last record)");
	is_str(area_of(lc, "{\"area\":\"Poole\",\"new_la_code\":\"E06000029\"}"), "",
	       "a reorganised council with a name of its own: as written");
	is_str(area_of(lc, "{\"area\":\"Buckinghamshire\",\"new_la_code\":\"E10000002\"}"), "",
	       "a changed code under its name: as written (one name, one series)");
	is_str(area_of(lc, "{\"area\":\"E10000002\"}"), "E06000099",
	       "an area written as an earlier code, of a period before the change: the current code");
	ok(!kpi_la_changes_area(lc, &rec, kpi_record_get(&rec, "area"), "2020-04-01"),
	   "of a period that ends on the day of the change or later: as written");
	ok(!kpi_la_changes_area(lc, &rec, kpi_record_get(&rec, "area"), NULL), "of no period: as written");
	is_str(area_of(lc, "{\"area\":\"E10000009\",\"old_la_code\":\"835\"}"), "",
	       "a reorganised council written as its code: as written");
	is_str(area_of(lc, "{\"area\":\"Dorset\",\"new_la_code\":\"E1000009\",\"old_la_code\":\"838\"}"), "",
	       "a malformed code is no code");
	is_str(area_of(lc, "{\"area\":\"Dorset\",\"new_la_code\":\"E06000059\",\"old_la_code\":\"835\"}"), "",
	       "the 9-character code wins over the DfE code");
	is_str(area_of(lc, "{\"area\":\"X\",\"new_la_code\":\"940 / 941\",\"old_la_code\":\"940 / 941\"}"), "",
	       "two councils' codes in one cell: as written");
	is_str(area_of(lc, "{\"area\":null,\"new_la_code\":\"E10000009\"}"), "Dorset County Council",
	       "a null area of the county: its series name");
	is_str(area_of(lc, "{\"area\":\"Dorset\",\"new_la_code\":9}"), "", "a number is no code");
	kpi_la_changes_free(lc);
	is_str(area_of(NULL, "{\"area\":\"Dorset\",\"new_la_code\":\"E10000009\"}"), "", "no lookup");
}

static void test_over(void)
{
	kpi_la_changes *lc = kpi_la_changes_new();
	ok(kpi_la_changes_load(lc, write_file(shipped), err, sizeof err, &status) == 0, "loads: %s", err);
	is_str(area_of(lc, "{\"area\":\"Dorset\",\"new_la_code\":\"E10000009\"}"), "Dorset County Council",
	       "a record of the county, before a second file");
	/* a council's file: its own name for the county's series, a new change */
	ok(kpi_la_changes_load(lc, write_file("\xEF\xBB\xBF" HEADER
		"reorganisation,2019-04-01,E10000009,835,Dorset,E06000059,838,Dorset,Dorset (county)\r\n"
		"code,2024-04-01,E08000001,350,Bolton,E08000099,350,Bolton,\r\n"
		"# a comment row\r\n"), err, sizeof err, &status) == 0,
	   "a second file with a BOM and CRLF loads: %s", err);
	is_long((long)kpi_la_changes_count(lc), 6, "its county row replaces both of the first file's");
	kpi_la_council c;
	ok(kpi_la_changes_find(lc, "E10000009", NULL, &c) && c.reorganised, "Dorset county");
	is_str(c.series_name, "Dorset (county)", "under the later file's name");
	is_str(area_of(lc, "{\"area\":\"Dorset\",\"new_la_code\":\"E10000009\"}"), "Dorset (county)",
	       "a record: the later file's name, not the last record's answer");
	ok(kpi_la_changes_find(lc, "E08000001", NULL, &c), "the later file's code change");
	is_str(c.current_code, "E08000099", "to its code");
	ok(kpi_la_changes_find(lc, "E10000002", NULL, &c), "the first file's rows stay");
	/* a later file that closes a circle is refused */
	ok(kpi_la_changes_load(lc, write_file(HEADER
		"code,2030-04-01,E06000099,825,Buckinghamshire,E10000002,825,Buckinghamshire,\n"),
		err, sizeof err, &status) == -1 && status == 1, "a circle over two files");
	ok(strstr(err, ": the code changes from E") != NULL, "says so: %s", err);
	kpi_la_changes_free(lc);
}

/* The code fields' places kept per shape of keys (the fast path) against
 * a lookup that forgets them before every record (the slow path): random
 * records in runs of one key set, the code fields among others in any
 * order, with codes good, malformed, numbers or null, over the shipped
 * rows; the record is sometimes initialised again (its shape ids start
 * again) and some lines do not parse. */
static void test_shapes_random(void)
{
	static const char *const keys[] = {
		"area", "geog_c", "la_code", "ons_code", "gss_code", "area_code", "la_number",
		"new_la_code", "old_la_code", "new_geog_code", "indicator", "period", "value",
		"la_name", "geog_code", "la_cod", "new_la_codes", "", "Area_code",
	};
	enum { NK = sizeof keys / sizeof keys[0] };
	static const char *const values[] = {
		"\"E10000009\"", "\"E10000002\"", "\"E06000060\"", "\"E06000029\"", "\"E08000001\"",
		"\"835\"", "\"875\"", "\"838\"", "\"825\"", "\"E1000009\"", "\"83\"", "835",
		"null", "\"Dorset\"", "\"Dorset County Council\"", "\"E10000009 \"", "[\"835\"]",
	};
	enum { NV = sizeof values / sizeof values[0] };
	static const char *const ends[] = {"2019-03-31", "2024-01-01", "2020-03-31", NULL};
	kpi_la_changes *fast = kpi_la_changes_new(), *slow = kpi_la_changes_new();
	ok(kpi_la_changes_load(fast, write_file(shipped), err, sizeof err, &status) == 0 &&
	   kpi_la_changes_load(slow, write_file(shipped), err, sizeof err, &status) == 0, "both load");
	uint64_t rng = 0x1A2B3C4D5E6F7081ULL;
	kpi_record r;
	kpi_record_init(&r);
	kpi_buf line = KPI_BUF_INIT;
	int perm[NK];
	for (int i = 0; i < NK; i++)
		perm[i] = i;
	unsigned long set = 0;
	long bad = 0, changed = 0, n = 0;
	char perr[256];
	for (int i = 0; i < 300000; i++) {
		uint64_t what = tap_rng(&rng) % 100;
		if (what < 4 || !set)
			set = tap_rng(&rng) & ((1UL << NK) - 1);
		else if (what < 8)
			set ^= 1UL << (tap_rng(&rng) % NK);
		else if (what < 10)
			for (int a = NK - 1; a > 0; a--) {
				int b = (int)(tap_rng(&rng) % (uint64_t)(a + 1)), t = perm[a];
				perm[a] = perm[b];
				perm[b] = t;
			}
		else if (what < 15) { /* its shape ids start again: the same ids, other keys */
			kpi_record_free(&r);
			kpi_record_init(&r);
		}
		kpi_buf_clear(&line);
		kpi_buf_addc(&line, '{');
		for (int j = 0, first = 1; j < NK; j++) {
			if (!(set >> perm[j] & 1))
				continue;
			kpi_buf_printf(&line, "%s\"%s\":%s", first ? "" : ",", keys[perm[j]],
				       values[tap_rng(&rng) % NV]);
			first = 0;
		}
		kpi_buf_adds(&line, tap_rng(&rng) % 50 ? "}" : ",}");
		if (kpi_record_parse(&r, line.data, line.len, perr, sizeof perr) != 0)
			continue;
		const kpi_field *area = kpi_record_get(&r, "area");
		const char *end = ends[tap_rng(&rng) % 4];
		const char *a = kpi_la_changes_area(fast, &r, area, end);
		kpi_la_changes_forget(slow);
		const char *b = kpi_la_changes_area(slow, &r, area, end);
		n++;
		changed += b != NULL;
		if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0)) {
			if (bad++ < 5)
				diag("%s: fast %s, slow %s", line.data, a ? a : "(as written)", b ? b : "(as written)");
		}
	}
	is_long(bad, 0, "%ld random records (%ld of them given another area): the same area as "
		"a lookup that looks at every field", n, changed);
	ok(changed > n / 20, "a fair share of records is given another area");
	kpi_record_free(&r);
	kpi_buf_free(&line);
	kpi_la_changes_free(fast);
	kpi_la_changes_free(slow);
}

/* kpi_la_is_ons_code reads the eight digits as one word: against a byte
 * by byte reference, each byte of a code replaced by every value, and
 * random texts of nine bytes. */
static int ons_reference(const char *s, size_t n)
{
	if (n != 9 || s[0] < 'A' || s[0] > 'Z')
		return 0;
	for (size_t i = 1; i < 9; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static void test_ons_code(void)
{
	long bad = 0, yes = 0;
	char s[10];
	for (int at = 0; at < 9; at++)
		for (int b = 0; b < 256; b++) {
			memcpy(s, "E06000059", 10);
			s[at] = (char)b;
			int got = kpi_la_is_ons_code(s, 9);
			bad += got != ons_reference(s, 9);
			yes += got;
		}
	uint64_t rng = 0x0123456789ABCDEFULL;
	for (int i = 0; i < 200000; i++) {
		for (int j = 0; j < 9; j++) { /* mostly digits, some bytes anything */
			uint64_t r = tap_rng(&rng);
			s[j] = r % 8 ? (char)('0' + r / 8 % 10) : (char)(r / 8);
		}
		s[0] = (char)('A' + tap_rng(&rng) % 28);
		int got = kpi_la_is_ons_code(s, 9);
		bad += got != ons_reference(s, 9);
		yes += got;
	}
	is_long(bad, 0, "9-character codes: as a byte by byte check (%ld codes among 202,304 texts)", yes);
	ok(!kpi_la_is_ons_code("E0600005", 8) && !kpi_la_is_ons_code("E060000591", 10), "nine characters only");
}

static void test_fold_eq(void)
{
	ok(kpi_fold_eq("Dorset County Council", "dorset county-council"), "case, spaces, punctuation aside");
	ok(!kpi_fold_eq("Dorset", "Dorset County Council"), "another name");
	ok(!kpi_fold_eq(NULL, "Dorset") && !kpi_fold_eq("Dorset", NULL), "NULL is no name");
}

int main(void)
{
	test_fold_eq();
	test_errors();
	test_find();
	test_area();
	test_over();
	test_shapes_random();
	test_ons_code();
	unlink(path);
	return tap_done();
}
