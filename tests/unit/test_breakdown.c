/* Unit tests: lib/breakdown.c (the identity and label of a sub-group). */
#include "kpi/breakdown.h"
#include "tap.h"
#include <stdio.h>
#include <string.h>

static kpi_record r;
static char err[256];

/* KEY or LABEL of the "b" field of the record JSON; "(bad)" for -1. */
static const char *of(const char *json, int label)
{
	static kpi_buf out;
	kpi_buf_clear(&out);
	if (kpi_record_parse(&r, json, strlen(json), err, sizeof err) != 0)
		return "(unparsed)";
	const kpi_field *f = kpi_record_get(&r, "b");
	int rc = label ? kpi_breakdown_label(&out, f) : kpi_breakdown_key(&out, f);
	return rc ? "(bad)" : kpi_buf_str(&out);
}

static const char *key(const char *json) { return of(json, 0); }
static const char *label(const char *json) { return of(json, 1); }

/* 1 when the keys of the two records are equal (of() reuses its buffer). */
static int same(const char *a, const char *b)
{
	char first[256];
	snprintf(first, sizeof first, "%s", key(a));
	return strcmp(first, key(b)) == 0;
}

int main(void)
{
	kpi_record_init(&r);
	const char *totals[] = {"Total", "total", " TOTAL ", "All", "All ages", "Total all ages",
				"Suitability total", "All schools"};
	for (size_t i = 0; i < sizeof totals / sizeof *totals; i++)
		ok(kpi_breakdown_is_total(totals[i], strlen(totals[i])), "'%s' is a total", totals[i]);
	const char *parts[] = {"Totally", "Allocated", "Male", "", "Subtotals", "Ball", "totals"};
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
		ok(!kpi_breakdown_is_total(parts[i], strlen(parts[i])), "'%s' is not a total", parts[i]);

	ok(strcmp(key("{}"), "") == 0 && strcmp(key("{\"b\":null}"), "") == 0 &&
	   strcmp(key("{\"b\":\"\"}"), "") == 0 && strcmp(key("{\"b\":{}}"), "") == 0,
	   "absent, null, empty text and {} are the total series");
	ok(strcmp(key("{\"b\":{\"age\":\"Total\",\"sex\":\"All\"}}"), "") == 0, "every field a total: the total series");
	is_str(key("{\"b\":\"Male\"}"), "breakdown=male", "a string is the field 'breakdown'");
	ok(same("{\"b\":\"Male\"}", "{\"b\":{\"breakdown\":\"male\"}}"),
	   "the string S and {breakdown: S} are one sub-group");
	is_str(key("{\"b\":{\"Sex\":\"Male\",\"care_leaver_age\":\"17 to 18 years\"}}"),
	       "careleaverage=17to18years\x1fsex=male", "fields folded and sorted");
	ok(same("{\"b\":{\"sex\":\"Male\",\"age\":\"Under 1\"}}", "{\"b\":{\"age\":\"under 1\",\"sex\":\"MALE\"}}"), "column order and case do not matter");
	ok(same("{\"b\":{\"age\":\"Total\",\"sex\":\"Male\"}}", "{\"b\":{\"sex\":\"Male\"}}"),
	   "a total field is left out of the key");
	ok(!same("{\"b\":{\"age\":\"17 to 18 years\"}}", "{\"b\":{\"age\":\"19 to 21 years\"}}"),
	   "other values: other sub-groups");
	ok(!same("{\"b\":{\"x\":\"A\",\"y\":\"B\"}}", "{\"b\":{\"x\":\"B\",\"y\":\"A\"}}"),
	   "a value belongs to its column");
	is_str(key("{\"b\":3}"), "(bad)", "a number is not a breakdown");
	is_str(key("{\"b\":[\"a\"]}"), "(bad)", "an array is not a breakdown");
	is_str(key("{\"b\":{\"age\":1}}"), "(bad)", "a field that is a number is not a breakdown");
	is_str(key("{\"b\":{\"age\":null,\"sex\":\"F\"}}"), "sex=f", "a null field is left out");

	is_str(label("{\"b\":{\"care_leaver_age\":\"17 to 18 years\",\"breakdown\":\"Accommodation considered suitable\"}}"),
	       "17 to 18 years, Accommodation considered suitable", "label: the values in the record's order");
	is_str(label("{\"b\":{\"age\":\"Total\",\"sex\":\"Male\"}}"), "Male", "label: totals left out");
	is_str(label("{\"b\":{\"age\":\"All ages\"}}"), "", "label of the total series is empty");
	is_str(label("{\"b\":\"Under 1\"}"), "Under 1", "label of a string");
	is_str(label("{}"), "", "label of no breakdown");
	kpi_record_free(&r);
	return tap_done();
}
