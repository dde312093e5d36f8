/* interval.c: Wilson, Byar and exact Poisson intervals, benchmark
 * comparison, small-denominator label.  See reference/methods.md B-E. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "kpi/interval.h"

static const double z_95 = 1.959963984540054;
static const double z_99_8 = 3.090232306167813;

/* Exact Poisson limits for counts 0-9 (R qchisq; methods.md C.3 and
 * vectors/intervals.json exact_poisson_table): lower95, upper95, lower99.8, upper99.8. */
static const double exact_table[10][4] = {
	{0.0, 3.6888794541139354, 0.0, 6.907755278982136},
	{0.025317807984289897, 5.571643390938899, 0.0010005003335835344, 9.233413476451585},
	{0.242209278543965, 7.224687667723958, 0.04540201776948958, 11.228872242412661},
	{0.6186721228956016, 8.767273069742323, 0.19053337756840324, 13.06224077918807},
	{1.0898653736263253, 10.241588675403698, 0.4285524136284231, 14.794149222537209},
	{1.6234863901184209, 11.668332079322667, 0.7393717319178327, 16.454745203680105},
	{2.201894253490851, 13.059474022518685, 1.1071046602556396, 18.06163684019907},
	{2.814363051519867, 14.422675361702378, 1.5203362603988093, 19.626177395384236},
	{3.453832176748502, 15.763189220193315, 1.9708139217403662, 21.15619816583998},
	{4.115373097378333, 17.08480345141917, 2.452424404363775, 22.65737330906293},
};

double kpi_ci_z(kpi_ci ci)
{
	return ci == KPI_CI_99_8 ? z_99_8 : z_95;
}

const char *kpi_iv_method_name(kpi_iv_method m)
{
	switch (m) {
	case KPI_IV_WILSON: return "wilson";
	case KPI_IV_BYAR: return "byar";
	case KPI_IV_EXACT_POISSON: return "exact_poisson";
	default: return NULL;
	}
}

static void no_interval(kpi_interval *out)
{
	out->method = KPI_IV_NONE;
	out->lower = out->upper = 0;
}

int kpi_wilson(double x, double n, kpi_ci ci, kpi_interval *out)
{
	no_interval(out);
	if (!isfinite(x) || !isfinite(n) || n <= 0 || x < 0 || x > n)
		return -1;
	double z = kpi_ci_z(ci);
	double a = 2 * x + z * z;
	double b = z * sqrt(z * z + 4 * x * (1 - x / n));
	double lower = (a - b) / (2 * (n + z * z));
	double upper = (a + b) / (2 * (n + z * z));
	out->method = KPI_IV_WILSON;
	out->lower = x == 0 ? 0 : lower * 100;
	out->upper = x == n ? 100 : upper * 100;
	return 0;
}

static int whole_nonnegative(double x)
{
	return isfinite(x) && x >= 0 && x == floor(x);
}

int kpi_poisson_count(double x, kpi_ci ci, kpi_interval *out)
{
	no_interval(out);
	if (!whole_nonnegative(x))
		return -1;
	if (x < 10) {
		int col = ci == KPI_CI_99_8 ? 2 : 0;
		out->method = KPI_IV_EXACT_POISSON;
		out->lower = exact_table[(int)x][col];
		out->upper = exact_table[(int)x][col + 1];
		return 0;
	}
	double z = kpi_ci_z(ci);
	double lo = 1 - 1 / (9 * x) - z / (3 * sqrt(x));
	double hi = 1 - 1 / (9 * (x + 1)) + z / (3 * sqrt(x + 1));
	out->method = KPI_IV_BYAR;
	out->lower = x * (lo * lo * lo);
	out->upper = (x + 1) * (hi * hi * hi);
	return 0;
}

int kpi_poisson_rate(double x, double pop, double per, kpi_ci ci, kpi_interval *out)
{
	no_interval(out);
	if (!isfinite(pop) || pop <= 0 || !isfinite(per))
		return -1;
	if (kpi_poisson_count(x, ci, out) != 0)
		return -1;
	out->lower = out->lower / pop * per;
	out->upper = out->upper / pop * per;
	return 0;
}

int kpi_interval_for(const char *unit, int has_value, double value,
		     int has_num, double num, int has_den, double den,
		     kpi_ci ci, kpi_interval *out)
{
	no_interval(out);
	if (!unit)
		return -1;
	if (strcmp(unit, "percent") == 0) {
		if (!has_num || !has_den)
			return -1;
		return kpi_wilson(num, den, ci, out);
	}
	if (strcmp(unit, "count") == 0) {
		if (!has_value)
			return -1;
		return kpi_poisson_count(value, ci, out);
	}
	double per = 0;
	if (strcmp(unit, "rate_per_10k") == 0)
		per = 10000;
	else if (strcmp(unit, "rate_per_100k") == 0)
		per = 100000;
	if (per == 0 || !has_num || !has_den)
		return -1;
	return kpi_poisson_rate(num, den, per, ci, out);
}

int kpi_polarity_parse(const char *s, kpi_polarity *out)
{
	if (!s)
		return -1;
	if (strcmp(s, "higher_is_better") == 0)
		*out = KPI_POL_HIGHER;
	else if (strcmp(s, "lower_is_better") == 0)
		*out = KPI_POL_LOWER;
	else if (strcmp(s, "neutral") == 0)
		*out = KPI_POL_NEUTRAL;
	else
		return -1;
	return 0;
}

const char *kpi_polarity_name(kpi_polarity p)
{
	switch (p) {
	case KPI_POL_HIGHER: return "higher_is_better";
	case KPI_POL_LOWER: return "lower_is_better";
	default: return "neutral";
	}
}

const char *kpi_comparison_name(kpi_comparison c)
{
	switch (c) {
	case KPI_CMP_SIMILAR: return "similar";
	case KPI_CMP_BETTER: return "better";
	case KPI_CMP_WORSE: return "worse";
	case KPI_CMP_HIGHER: return "higher";
	case KPI_CMP_LOWER: return "lower";
	default: return "not_compared";
	}
}

kpi_comparison kpi_benchmark_compare(kpi_polarity pol, int has_value, int has_interval,
				     double lower, double upper, int has_bench, double bench)
{
	if (!has_value || !has_interval || !has_bench)
		return KPI_CMP_NOT_COMPARED;
	if (lower <= bench && bench <= upper)
		return KPI_CMP_SIMILAR;
	int area_higher = bench < lower;
	switch (pol) {
	case KPI_POL_HIGHER: return area_higher ? KPI_CMP_BETTER : KPI_CMP_WORSE;
	case KPI_POL_LOWER: return area_higher ? KPI_CMP_WORSE : KPI_CMP_BETTER;
	default: return area_higher ? KPI_CMP_HIGHER : KPI_CMP_LOWER;
	}
}

int kpi_small_denominator(double x, double n, double threshold, char *label, size_t sz)
{
	if (label && sz)
		label[0] = '\0';
	/* 1e15 keeps 2000x + n exact in a long long */
	if (!whole_nonnegative(x) || !whole_nonnegative(n) || n <= 0 || x > n || n > 1e15)
		return 0;
	if (!(n < threshold))
		return 0;
	long long xi = (long long)x, ni = (long long)n;
	long long t = (2000 * xi + ni) / (2 * ni); /* tenths of a percent, half up */
	if (label && sz)
		snprintf(label, sz, "%lld.%lld%% (%lld of %lld)", t / 10, t % 10, xi, ni);
	return 1;
}
