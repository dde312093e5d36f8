/* test_interval.c: every case of tests/vectors/intervals.json (a copy of
 * ../shared/reference/vectors/intervals.json) against interval.h. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kpi/interval.h"
#include "tap.h"

static double tol_abs, tol_rel;

/* |got - exp| <= max(absolute, relative * |exp|), the vectors' rule */
static int near(double got, double expv, const char *what, const char *name)
{
	double tol = fmax(tol_abs, tol_rel * fabs(expv));
	return is_num(got, expv, tol, "%s: %s", name, what);
}

static double num(const json_t *o, const char *key)
{
	return json_number_value(json_object_get(o, key));
}

static kpi_ci level(const json_t *c)
{
	return num(c, "confidence") == 99.8 ? KPI_CI_99_8 : KPI_CI_95;
}

static void test_table(const json_t *table)
{
	size_t i;
	json_t *row;
	json_array_foreach(table, i, row) {
		double x = num(row, "count");
		kpi_interval iv;
		char name[64];
		snprintf(name, sizeof name, "exact table count %g", x);
		tap_vector("intervals.json %s", name);
		ok(kpi_poisson_count(x, KPI_CI_95, &iv) == 0 && iv.method == KPI_IV_EXACT_POISSON,
		   "%s: exact method", name);
		near(iv.lower, num(row, "lower_95"), "lower 95", name);
		near(iv.upper, num(row, "upper_95"), "upper 95", name);
		kpi_poisson_count(x, KPI_CI_99_8, &iv);
		near(iv.lower, num(row, "lower_99_8"), "lower 99.8", name);
		near(iv.upper, num(row, "upper_99_8"), "upper 99.8", name);
		tap_case_end();
	}
}

static void test_wilson(const json_t *cases)
{
	size_t i;
	json_t *c;
	json_array_foreach(cases, i, c) {
		const char *name = json_string_value(json_object_get(c, "name"));
		const json_t *e = json_object_get(c, "expected");
		kpi_interval iv;
		tap_vector("intervals.json wilson %s", name);
		int rc = kpi_wilson(num(c, "numerator"), num(c, "denominator"), level(c), &iv);
		ok(rc == 0 && iv.method == KPI_IV_WILSON, "%s: has a Wilson interval", name);
		near(iv.lower, num(e, "lower"), "lower", name);
		near(iv.upper, num(e, "upper"), "upper", name);
		/* the unit-driven entry point gives the same for a percent */
		kpi_interval iv2;
		kpi_interval_for("percent", 1, num(e, "value"), 1, num(c, "numerator"), 1,
				 num(c, "denominator"), level(c), &iv2);
		ok(iv2.method == KPI_IV_WILSON && iv2.lower == iv.lower && iv2.upper == iv.upper,
		   "%s: kpi_interval_for(percent) agrees", name);
		tap_case_end();
	}
}

static void test_rates(const json_t *cases)
{
	size_t i;
	json_t *c;
	json_array_foreach(cases, i, c) {
		const char *name = json_string_value(json_object_get(c, "name"));
		const json_t *e = json_object_get(c, "expected");
		const char *method = json_string_value(json_object_get(e, "method"));
		double x = num(c, "count"), pop = num(c, "population"), per = num(c, "per");
		kpi_interval cnt, rate;
		tap_vector("intervals.json rate %s", name);
		ok(kpi_poisson_count(x, level(c), &cnt) == 0, "%s: count interval", name);
		is_str(kpi_iv_method_name(cnt.method), method, "%s: method", name);
		near(cnt.lower, num(e, "count_lower"), "count lower", name);
		near(cnt.upper, num(e, "count_upper"), "count upper", name);
		ok(kpi_poisson_rate(x, pop, per, level(c), &rate) == 0, "%s: rate interval", name);
		near(x / pop * per, num(e, "value"), "value", name);
		near(rate.lower, num(e, "lower"), "lower", name);
		near(rate.upper, num(e, "upper"), "upper", name);
		if (per == 10000 || per == 100000) {
			kpi_interval iv;
			kpi_interval_for(per == 10000 ? "rate_per_10k" : "rate_per_100k", 1,
					 x / pop * per, 1, x, 1, pop, level(c), &iv);
			ok(iv.method == rate.method && iv.lower == rate.lower && iv.upper == rate.upper,
			   "%s: kpi_interval_for(rate) agrees", name);
		}
		tap_case_end();
	}
}

static void test_benchmark(const json_t *cases)
{
	size_t i;
	json_t *c;
	json_array_foreach(cases, i, c) {
		const char *name = json_string_value(json_object_get(c, "name"));
		const json_t *in = json_object_get(c, "input");
		const json_t *e = json_object_get(c, "expected");
		kpi_polarity pol;
		tap_vector("intervals.json benchmark %s", name);
		ok(kpi_polarity_parse(json_string_value(json_object_get(c, "polarity")), &pol) == 0,
		   "%s: polarity", name);
		kpi_interval iv = {KPI_IV_NONE, 0, 0};
		int has_iv = 0;
		double value = 0;
		const json_t *unit = json_object_get(in, "unit");
		if (unit) {
			double n = num(in, "numerator"), d = num(in, "denominator");
			value = strcmp(json_string_value(unit), "percent") == 0 ? n / d * 100
				: n / d * 10000;
			has_iv = kpi_interval_for(json_string_value(unit), 1, value, 1, n, 1, d,
						  KPI_CI_95, &iv) == 0;
		} else {
			value = num(in, "value");
			has_iv = json_is_number(json_object_get(in, "lower"));
			iv.lower = num(in, "lower");
			iv.upper = num(in, "upper");
		}
		const json_t *em = json_object_get(e, "method");
		is_str(kpi_iv_method_name(iv.method), json_string_value(em), "%s: method", name);
		if (has_iv) {
			near(value, num(e, "value"), "value", name);
			near(iv.lower, num(e, "lower"), "lower", name);
			near(iv.upper, num(e, "upper"), "upper", name);
		}
		const json_t *b = json_object_get(c, "benchmark");
		kpi_comparison cmp = kpi_benchmark_compare(pol, 1, has_iv, iv.lower, iv.upper,
							   json_is_number(b), json_number_value(b));
		is_str(kpi_comparison_name(cmp), json_string_value(json_object_get(e, "comparison")),
		       "%s: comparison", name);
		tap_case_end();
	}
}

static void test_small(const json_t *cases)
{
	size_t i;
	json_t *c;
	json_array_foreach(cases, i, c) {
		const json_t *e = json_object_get(c, "expected");
		double x = num(c, "numerator"), n = num(c, "denominator");
		char label[KPI_SMALLDEN_LABEL_SZ];
		tap_vector("intervals.json small denominator %g of %g", x, n);
		int flag = kpi_small_denominator(x, n, num(c, "threshold"), label, sizeof label);
		ok(flag == json_is_true(json_object_get(e, "flag")), "small %g of %g: flag", x, n);
		const char *el = json_string_value(json_object_get(e, "label"));
		is_str(flag ? label : NULL, el, "small %g of %g: label", x, n);
		tap_case_end();
	}
}

static void test_edges(void)
{
	kpi_interval iv;
	ok(kpi_wilson(1, 0, KPI_CI_95, &iv) == -1 && iv.method == KPI_IV_NONE, "wilson n = 0: none");
	ok(kpi_wilson(-1, 10, KPI_CI_95, &iv) == -1, "wilson x < 0: none");
	ok(kpi_wilson(11, 10, KPI_CI_95, &iv) == -1, "wilson x > n: none");
	ok(kpi_wilson(NAN, 10, KPI_CI_95, &iv) == -1, "wilson NaN: none");
	ok(kpi_poisson_count(2.5, KPI_CI_95, &iv) == -1, "count not whole: none");
	ok(kpi_poisson_count(-1, KPI_CI_95, &iv) == -1, "count negative: none");
	ok(kpi_poisson_rate(3, 0, 10000, KPI_CI_95, &iv) == -1, "rate pop 0: none");
	ok(kpi_interval_for("days", 1, 12, 1, 1, 1, 2, KPI_CI_95, &iv) == -1, "days: none");
	ok(kpi_interval_for("percent", 1, 12, 0, 0, 1, 2, KPI_CI_95, &iv) == -1,
	   "percent without numerator: none");
	ok(kpi_interval_for("rate_per_10k", 1, 12, 1, 5, 0, 0, KPI_CI_95, &iv) == -1,
	   "rate without denominator: none");
	ok(kpi_interval_for("count", 1, 7, 0, 0, 0, 0, KPI_CI_95, &iv) == 0 &&
	   iv.method == KPI_IV_EXACT_POISSON, "count 7: exact on the value");
	ok(kpi_interval_for(NULL, 1, 7, 0, 0, 0, 0, KPI_CI_95, &iv) == -1, "no unit: none");
	kpi_polarity p;
	ok(kpi_polarity_parse("sideways", &p) == -1, "unknown polarity rejected");
	ok(kpi_benchmark_compare(KPI_POL_LOWER, 1, 1, 40, 60, 1, 60) == KPI_CMP_SIMILAR,
	   "benchmark on the upper limit: similar");
	ok(kpi_benchmark_compare(KPI_POL_NEUTRAL, 1, 1, 40, 60, 1, 70) == KPI_CMP_LOWER,
	   "neutral, benchmark above: lower");
	ok(kpi_benchmark_compare(KPI_POL_HIGHER, 0, 1, 40, 60, 1, 70) == KPI_CMP_NOT_COMPARED,
	   "no value: not compared");
	char label[KPI_SMALLDEN_LABEL_SZ];
	ok(kpi_small_denominator(1.5, 10, 20, label, sizeof label) == 0 && label[0] == 0,
	   "small: fractional numerator, no flag");
	ok(kpi_small_denominator(3, 2, 20, label, sizeof label) == 0, "small: x > n, no flag");
	ok(kpi_small_denominator(4, 17, 10, label, sizeof label) == 0, "small: threshold 10 leaves 17");
}

int main(void)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/vectors/intervals.json", tap_tests_dir());
	json_error_t err;
	json_t *v = json_load_file(path, 0, &err);
	if (!v) {
		ok(0, "load %s: %s", path, err.text);
		return tap_done();
	}
	const json_t *tol = json_object_get(v, "tolerance");
	tol_abs = num(tol, "absolute");
	tol_rel = num(tol, "relative");
	const json_t *k = json_object_get(v, "constants");
	tap_vector("intervals.json constants");
	is_num(kpi_ci_z(KPI_CI_95), num(k, "z_95"), 0, "z 95");
	is_num(kpi_ci_z(KPI_CI_99_8), num(k, "z_99_8"), 0, "z 99.8");
	tap_case_end();
	ok(json_array_size(json_object_get(v, "wilson")) >= 14 &&
	   json_array_size(json_object_get(v, "counts_and_rates")) >= 14 &&
	   json_array_size(json_object_get(v, "benchmark")) >= 14,
	   "the vector file holds every section");
	test_table(json_object_get(v, "exact_poisson_table"));
	test_wilson(json_object_get(v, "wilson"));
	test_rates(json_object_get(v, "counts_and_rates"));
	test_benchmark(json_object_get(v, "benchmark"));
	test_small(json_object_get(v, "small_denominator"));
	test_edges();
	json_decref(v);
	return tap_done();
}
