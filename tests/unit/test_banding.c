/* test_banding.c: every case of tests/vectors/banding.json (a copy of
 * ../shared/reference/vectors/banding.json, methods.md F) against banding.h,
 * and the comparison by value of methods.md D.2. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kpi/banding.h"
#include "tap.h"

static double tol_rel;

static int near(double got, double expv, const char *what, const char *name)
{
	return is_num(got, expv, tol_rel * fabs(expv), "%s: %s", name, what);
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void test_case(const json_t *c)
{
	const char *name = json_string_value(json_object_get(c, "name"));
	kpi_polarity pol;
	ok(kpi_polarity_parse(json_string_value(json_object_get(c, "polarity")), &pol) == 0,
	   "%s: polarity", name);
	const json_t *cmp = json_object_get(c, "comparators"), *exp = json_object_get(c, "expected");
	double vals[64];
	size_t n = 0, i;
	json_t *e;
	/* nulls are left out of the comparators (methods.md F) */
	json_array_foreach(cmp, i, e)
		if (json_is_number(e) && n < 64)
			vals[n++] = json_number_value(e);
	is_long((long)n, (long)json_integer_value(json_object_get(exp, "ranked_count")), "%s: ranked count", name);
	qsort(vals, n, sizeof *vals, by_value);
	const json_t *v = json_object_get(c, "value"), *q = json_object_get(exp, "quartiles");
	double quart[3];
	kpi_quartiles(vals, n, quart);
	if (json_is_array(q))
		for (size_t k = 0; k < 3; k++)
			near(quart[k], json_number_value(json_array_get(q, k)), "quartile", name);
	if (!json_is_number(v) || pol == KPI_POL_NEUTRAL) {
		ok(json_is_null(json_object_get(exp, "rank")) && json_is_null(json_object_get(exp, "band")),
		   "%s: no rank and no band", name);
		if (json_is_number(v))
			ok(kpi_rank(pol, json_number_value(v), vals, n) == 0 &&
			   kpi_band(pol, json_number_value(v), quart) == 0, "%s: neutral has none", name);
		return;
	}
	double x = json_number_value(v);
	is_long((long)kpi_rank(pol, x, vals, n), (long)json_integer_value(json_object_get(exp, "rank")),
	       "%s: rank", name);
	char band[2] = {kpi_band(pol, x, quart), 0};
	is_str(band, json_string_value(json_object_get(exp, "band")), "%s: band", name);
}

static void test_average(const json_t *c)
{
	const char *name = json_string_value(json_object_get(c, "name"));
	double sum = 0;
	size_t n = 0, i;
	json_t *e;
	json_array_foreach(json_object_get(c, "values"), i, e)
		if (json_is_number(e)) {
			sum += json_number_value(e);
			n++;
		}
	const json_t *exp = json_object_get(json_object_get(c, "expected"), "average");
	if (json_is_null(exp))
		is_long((long)n, 0, "%s: no neighbour has a value", name);
	else
		near(sum / (double)n, json_number_value(exp), "average", name);
}

static void test_value_compare(void)
{
	is_str(kpi_comparison_name(kpi_value_compare(KPI_POL_LOWER, 62, 0, 58.2, 1)), "worse",
	       "D.2: 62 against 58.2, lower better: worse");
	is_str(kpi_comparison_name(kpi_value_compare(KPI_POL_HIGHER, 62, 0, 61.6, 1)), "similar",
	       "D.2: 62 and 61.6 are equal at no decimals");
	is_str(kpi_comparison_name(kpi_value_compare(KPI_POL_HIGHER, 62, 0, 61.4, 1)), "better",
	       "D.2: 62 against 61.4, higher better: better");
	is_str(kpi_comparison_name(kpi_value_compare(KPI_POL_NEUTRAL, 58.2, 1, 61.04, 2)), "lower",
	       "D.2: neutral says lower");
	is_str(kpi_comparison_name(kpi_value_compare(KPI_POL_LOWER, 13.25, 2, 13.3, 1)), "similar",
	       "D.2: 13.25 rounds half away from zero to 13.3");
	is_long(kpi_value_decimals(62), 0, "decimals of 62");
	is_long(kpi_value_decimals(58.25), 2, "decimals of 58.25");
	is_long(kpi_value_decimals(-0.5), 1, "decimals of -0.5");
}

int main(void)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/vectors/banding.json", tap_tests_dir());
	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr);
	if (!root) {
		fprintf(stderr, "test_banding: %s: %s\n", path, jerr.text);
		return 1;
	}
	tol_rel = json_number_value(json_object_get(json_object_get(root, "tolerance"), "relative"));
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(root, "quartiles_and_ranks"), i, c)
		test_case(c);
	json_array_foreach(json_object_get(root, "neighbour_average"), i, c)
		test_average(c);
	ok(json_array_size(json_object_get(root, "quartiles_and_ranks")) >= 9, "the vectors are all there");
	test_value_compare();
	json_decref(root);
	return tap_done();
}
