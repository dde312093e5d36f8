/* test_targets.c: the targets file (targets.h) and benchmarks file
 * (benchmarks.h) of kpi-flag: loading, matching and "in force" lookups. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kpi/benchmarks.h"
#include "kpi/period.h"
#include "kpi/targets.h"
#include "tap.h"

static char path[64];

static const char *write_file(const char *text)
{
	snprintf(path, sizeof path, "/tmp/test_targets.%ld.csv", (long)getpid());
	FILE *f = fopen(path, "wb");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
	return path;
}

static kpi_period month(int y, int m)
{
	kpi_period p;
	char text[16];
	snprintf(text, sizeof text, "%04d-%02d", y, m);
	if (kpi_period_parse_canonical(text, KPI_PT_MONTH, &p) != 0) {
		printf("Bail out! cannot parse %s\n", text);
		exit(2);
	}
	return p;
}

static double in_force(const kpi_target_set *s, kpi_period p)
{
	long i = kpi_target_in_force(s, &p);
	return i < 0 ? -1 : s->row[i]->value;
}

static void test_numbers(void)
{
	double v;
	int pct;
	ok(kpi_target_number("90%", &v, &pct) == 0 && v == 90 && pct, "90%% is 90, with a percent sign");
	ok(kpi_target_number(" 1,200 ", &v, &pct) == 0 && v == 1200 && !pct, "1,200 is 1200");
	ok(kpi_target_number("4.5", &v, NULL) == 0 && v == 4.5, "4.5");
	ok(kpi_target_number("ninety", &v, NULL) == -1, "ninety is not a number");
	ok(kpi_target_number("c", &v, NULL) == -1, "a status token is not a target");
	ok(kpi_target_number(NULL, &v, NULL) == -1, "NULL is not a number");
}

static char err[4096];
static int status;

static void test_staged(void)
{
	kpi_targets *t = kpi_targets_load(write_file(
		"indicator,area,target,due,tolerance,label,assessment,reason\n"
		"visits,,95%,March 2025,,Plan stage 2,,\n"
		"visits,,80%,Sep-24,2,Plan stage 1,,\n"
		"visits,Southport,70,2024/25,,,,\n"
		"moves,,,,,,issue,level still high\n"
		"moves,,9,,,,,\n"), err, sizeof err, &status);
	if (!ok(t != NULL, "staged targets load"))
		diag("%s", err);
	kpi_target_set s;
	is_long((long)kpi_targets_find(t, "Visits", "Northbridge", &s), 2, "two staged targets for Northbridge");
	ok(s.row[0]->value == 80 && strcmp(s.row[0]->due_text, "2024-09") == 0, "sorted by due: 80 by 2024-09 first");
	ok(s.row[0]->has_tolerance && s.row[0]->tolerance == 2 && !s.row[0]->tolerance_pct, "row tolerance 2");
	is_str(s.row[1]->label, "Plan stage 2", "label kept");
	is_str(s.row[1]->due_end, "2025-03-31", "due_end is the last day of the due period");
	ok(s.override == NULL, "no override for visits");
	is_num(in_force(&s, month(2024, 8)), 80, 0, "as at 2024-08: 80");
	is_num(in_force(&s, month(2024, 9)), 80, 0, "as at 2024-09 (due): 80");
	is_num(in_force(&s, month(2024, 10)), 95, 0, "as at 2024-10: 95");
	is_num(in_force(&s, month(2025, 3)), 95, 0, "as at 2025-03 (due): 95");
	is_num(in_force(&s, month(2025, 4)), 95, 0, "as at 2025-04, after every due date: the last");
	kpi_target_set_free(&s);

	kpi_targets_find(t, "visits", "SOUTH PORT", &s);
	ok(s.n == 1 && s.row[0]->value == 70, "an area's own rows replace the rows without an area");
	kpi_period fy;
	kpi_period_parse_canonical("2024/25", KPI_PT_FINANCIAL_YEAR, &fy);
	is_str(s.row[0]->due_end, "2025-03-31", "a financial-year due ends on 31 March");
	ok(kpi_target_in_force(&s, &fy) == 0, "in force as at the financial year it is due");
	kpi_target_set_free(&s);

	kpi_targets_find(t, "moves", NULL, &s);
	ok(s.n == 1 && !s.row[0]->has_due, "an undated target");
	ok(s.override && strcmp(s.override->assessment, "issue") == 0 &&
	   strcmp(s.override->reason, "level still high") == 0, "override row found");
	is_num(in_force(&s, month(2030, 1)), 9, 0, "an undated target is always in force");
	kpi_target_set_free(&s);

	is_long((long)kpi_targets_find(t, "nothing", NULL, &s), 0, "no rows for another indicator");
	is_long(kpi_target_in_force(&s, &fy), -1, "none in force");
	kpi_target_set_free(&s);
	kpi_targets_free(t);
}

static void test_benchmarks(void)
{
	kpi_benchmarks *b = kpi_benchmarks_load(write_file(
		"Indicator,Area,Period,Value,Lower,Upper,Source,Breakdown\n"
		"rate,England,2024,69,,,file a,\n"
		"rate,England,2025,67,65,69,file b,\n"
		"rate,North West,2025,80,,,file c,\n"
		"rate,England,2025,x,,,suppressed,\n"
		"pct,England,2024/25,63,,,,Girls\n"
		"pct,England,2024/25,60,,,,*\n"
		"pct,England,2024/25,61,,,,\"{\"\"age\"\": \"\"Total\"\", \"\"sex\"\": \"\"Male\"\"}\"\n"
		"pct,England,2024/25,62,,,,Total\n"
		"low,England,2025-09-30,12u,,,,\n"
		"tot,England,2024/25,9,,,,\n"), err, sizeof err, &status);
	if (!ok(b != NULL, "benchmarks load"))
		diag("%s", err);
	is_long((long)kpi_benchmarks_count(b), 9, "the suppressed row is left out");
	kpi_period y2025, y2024, y2023, m;
	kpi_period_parse_canonical("2025", KPI_PT_YEAR, &y2025);
	kpi_period_parse_canonical("2024", KPI_PT_YEAR, &y2024);
	kpi_period_parse_canonical("2023", KPI_PT_YEAR, &y2023);
	const kpi_benchmark *e = kpi_benchmarks_find(b, "rate", NULL, NULL, &y2025);
	ok(e && e->value == 67 && e->has_lower && e->lower == 65 && strcmp(e->source, "file b") == 0,
	   "2025: England 67 (65-69), the first area listed");
	e = kpi_benchmarks_find(b, "rate", NULL, NULL, &y2024);
	ok(e && e->value == 69 && !e->has_lower, "2024: 69");
	ok(kpi_benchmarks_find(b, "rate", NULL, NULL, &y2023) == NULL, "2023: none yet");
	e = kpi_benchmarks_find(b, "rate", NULL, "north west", &y2025);
	ok(e && e->value == 80, "the North West's row when asked for");
	m = month(2025, 6);
	e = kpi_benchmarks_find(b, "RATE", NULL, NULL, &m);
	ok(e && e->value == 67 && strcmp(e->period_text, "2025") == 0,
	   "a month takes the year that started before it");
	m = month(2024, 12);
	e = kpi_benchmarks_find(b, "rate", NULL, NULL, &m);
	ok(e && e->value == 69, "December 2024 takes 2024, not the 2025 that starts after it");
	kpi_period fy;
	kpi_period_parse_canonical("2024/25", KPI_PT_FINANCIAL_YEAR, &fy);
	e = kpi_benchmarks_find(b, "rate", NULL, NULL, &fy);
	ok(e && e->value == 67, "financial year 2024/25 takes the year 2025 that starts inside it");
	kpi_period ay;
	kpi_period_parse_canonical("2024/25", KPI_PT_ACADEMIC_YEAR, &ay);
	e = kpi_benchmarks_find(b, "pct", "breakdown=girls", NULL, &ay);
	ok(e && e->value == 63, "a breakdown's own row (text S is {breakdown: S})");
	e = kpi_benchmarks_find(b, "pct", "breakdown=boys", NULL, &ay);
	ok(e && e->value == 60, "another breakdown takes the row for every breakdown (*)");
	e = kpi_benchmarks_find(b, "pct", "sex=male", NULL, &ay);
	ok(e && e->value == 61, "a JSON object cell: the total field does not count");
	e = kpi_benchmarks_find(b, "pct", "", NULL, &ay);
	ok(e && e->value == 62, "the total series takes the row whose breakdown is a total");
	e = kpi_benchmarks_find(b, "pct", NULL, NULL, &ay);
	ok(e && e->value == 62, "NULL is the total series");
	kpi_period d;
	kpi_period_parse_canonical("2025-09-30", KPI_PT_DATE, &d);
	e = kpi_benchmarks_find(b, "low", NULL, NULL, &d);
	ok(e && e->value == 12 && strcmp(e->period_text, "2025-09-30") == 0,
	   "a low-reliability figure on a day");
	ok(kpi_benchmarks_find(b, "other", NULL, NULL, &ay) == NULL, "no benchmark for another indicator");
	e = kpi_benchmarks_find(b, "tot", NULL, NULL, &ay);
	ok(e && e->value == 9, "a row without a breakdown is the total series'");
	ok(kpi_benchmarks_find(b, "tot", "breakdown=boys", NULL, &ay) == NULL,
	   "a row without a breakdown serves no sub-group");
	kpi_benchmarks_free(b);
}

/* The loaders return their errors (the tool decides to exit): the message
 * is "FILE:LINE: what", status 1 for bad content, 2 for an unreadable file. */
static void test_load_errors(void)
{
	char want[4200];
	struct { const char *text, *line_msg; } bad_targets[] = {
		{ "indicator,target,due\nvisits,ninety,Mar-25\n", ":2: target 'ninety' is not a number" },
		{ "indicator,due\nvisits,Mar-25\n", ":1: targets file has no 'target' column (needs indicator,target,due)" },
		{ "indicator,target,due\nvisits,90,31/02/2017\n",
		  ":2: due: invalid period \"31/02/2017\": day 31 is not in February 2017" },
		{ "", ": targets file is empty (needs a header indicator,target,due)" },
	};
	for (size_t i = 0; i < sizeof bad_targets / sizeof bad_targets[0]; i++) {
		tap_case("targets load error%s", bad_targets[i].line_msg);
		status = -1;
		strcpy(err, "(none)");
		kpi_targets *t = kpi_targets_load(write_file(bad_targets[i].text), err, sizeof err, &status);
		ok(t == NULL, "returns NULL");
		snprintf(want, sizeof want, "%s%s", path, bad_targets[i].line_msg);
		is_str(err, want, "message");
		is_long(status, 1, "status 1 (bad data)");
		kpi_targets_free(t);
		tap_case_end();
	}
	struct { const char *text, *line_msg; } bad_bench[] = {
		{ "indicator,area,period,value\nrate,England,2024,abc\n", ":2: value 'abc' is not a number" },
		{ "indicator,area,value\nrate,England,5\n",
		  ":1: benchmarks file has no 'period' column (needs indicator,area,period,value)" },
		{ "", ": benchmarks file is empty (needs a header indicator,area,period,value)" },
	};
	for (size_t i = 0; i < sizeof bad_bench / sizeof bad_bench[0]; i++) {
		tap_case("benchmarks load error%s", bad_bench[i].line_msg);
		status = -1;
		strcpy(err, "(none)");
		kpi_benchmarks *b = kpi_benchmarks_load(write_file(bad_bench[i].text), err, sizeof err, &status);
		ok(b == NULL, "returns NULL");
		snprintf(want, sizeof want, "%s%s", path, bad_bench[i].line_msg);
		is_str(err, want, "message");
		is_long(status, 1, "status 1 (bad data)");
		kpi_benchmarks_free(b);
		tap_case_end();
	}
	tap_case("unreadable targets and benchmarks files: status 2, FILE: reason");
	ok(kpi_targets_load("/nonexistent/t.csv", err, sizeof err, &status) == NULL, "targets NULL");
	is_str(err, "/nonexistent/t.csv: No such file or directory", "targets message");
	is_long(status, 2, "targets status 2");
	ok(kpi_benchmarks_load("/nonexistent/b.csv", err, sizeof err, &status) == NULL, "benchmarks NULL");
	is_str(err, "/nonexistent/b.csv: No such file or directory", "benchmarks message");
	is_long(status, 2, "benchmarks status 2");
	tap_case_end();
	/* a directory opens but cannot be read: the read error is returned too */
	tap_case("targets and benchmarks files that cannot be read: status 2, FILE: reason");
	ok(kpi_targets_load("/", err, sizeof err, &status) == NULL, "targets NULL");
	is_str(err, "/: Is a directory", "targets message");
	is_long(status, 2, "targets status 2");
	ok(kpi_benchmarks_load("/", err, sizeof err, &status) == NULL, "benchmarks NULL");
	is_str(err, "/: Is a directory", "benchmarks message");
	is_long(status, 2, "benchmarks status 2");
	tap_case_end();
}

/* Council codes: "4.1.1" and "4.11" are two indicators, though case and
 * spacing still do not count ("NI 62" is "ni62"). */
static void test_numbered_codes(void)
{
	kpi_targets *t = kpi_targets_load(write_file(
		"indicator,target,due\n"
		"4.1.1,10,\n"
		"4.11,20,\n"
		"NI 62,30,\n"), err, sizeof err, &status);
	if (!ok(t != NULL, "targets with numbered codes load"))
		diag("%s", err);
	kpi_target_set s;
	ok(kpi_targets_find(t, "4.1.1", NULL, &s) == 1 && s.row[0]->value == 10, "4.1.1 has its own target");
	kpi_target_set_free(&s);
	ok(kpi_targets_find(t, "4.11", NULL, &s) == 1 && s.row[0]->value == 20, "4.11 has its own target");
	kpi_target_set_free(&s);
	is_long((long)kpi_targets_find(t, "411", NULL, &s), 0, "411 is neither");
	kpi_target_set_free(&s);
	ok(kpi_targets_find(t, "ni62", NULL, &s) == 1 && s.row[0]->value == 30, "case and spaces do not count");
	kpi_target_set_free(&s);
	kpi_targets_free(t);

	kpi_benchmarks *b = kpi_benchmarks_load(write_file(
		"indicator,area,period,value\n"
		"4.1.1,England,2024,1\n"
		"4.11,England,2024,2\n"), err, sizeof err, &status);
	if (!ok(b != NULL, "benchmarks with numbered codes load"))
		diag("%s", err);
	kpi_period y;
	kpi_period_parse_canonical("2024", KPI_PT_YEAR, &y);
	const kpi_benchmark *e = kpi_benchmarks_find(b, "4.1.1", NULL, "england", &y);
	ok(e && e->value == 1, "benchmark of 4.1.1");
	e = kpi_benchmarks_find(b, "4.11", NULL, "England", &y);
	ok(e && e->value == 2, "benchmark of 4.11");
	kpi_benchmarks_free(b);
}

/* The areas of a benchmarks file, for the error of an area it lacks. */
static void test_benchmark_areas(void)
{
	kpi_benchmarks *b = kpi_benchmarks_load(write_file("indicator,area,period,value\n"
							   "a,England,2024,1\na,North West,2024,2\n"
							   "b,ENGLAND,2024,3\n"), err, sizeof err, &status);
	ok(b != NULL, "loads");
	ok(kpi_benchmarks_has_area(b, "england"), "an area in any case");
	ok(kpi_benchmarks_has_area(b, "NorthWest"), "spaces ignored");
	ok(!kpi_benchmarks_has_area(b, "Nowhere"), "an area not there");
	ok(!kpi_benchmarks_has_area(b, NULL), "no area");
	kpi_buf names = KPI_BUF_INIT;
	kpi_benchmarks_area_names(b, &names);
	is_str(kpi_buf_str(&names), "England, North West", "each area once, in file order");
	kpi_benchmarks_free(b);
	kpi_buf_clear(&names);
	kpi_benchmarks_area_names(NULL, &names);
	is_str(kpi_buf_str(&names), "none", "no file: none");
	kpi_buf_clear(&names);
	kpi_buf text = KPI_BUF_INIT;
	kpi_buf_adds(&text, "indicator,area,period,value\n");
	for (int i = 1; i <= 14; i++)
		kpi_buf_printf(&text, "a,Area %d,2024,%d\n", i, i);
	b = kpi_benchmarks_load(write_file(kpi_buf_str(&text)), err, sizeof err, &status);
	kpi_benchmarks_area_names(b, &names);
	is_str(kpi_buf_str(&names), "Area 1, Area 2, Area 3, Area 4, Area 5, Area 6, Area 7, Area 8, Area 9, "
				    "Area 10, Area 11, Area 12 and 2 more", "twelve, then how many more");
	kpi_benchmarks_free(b);
	kpi_buf_free(&names);
	kpi_buf_free(&text);
}

int main(void)
{
	test_benchmark_areas();
	test_numbers();
	test_staged();
	test_benchmarks();
	test_load_errors();
	test_numbered_codes();
	unlink(path);
	return tap_done();
}
