/* banding.c: comparisons with other areas by value, rank, quartiles and
 * band (methods.md D.2 and F; LAIT's conventions). */
#include <math.h>
#include <string.h>
#include "kpi/banding.h"
#include "kpi/numfmt.h"

int kpi_value_decimals(double v)
{
	char s[KPI_NUM_BUFSZ];
	if (kpi_fmt_double(s, v) < 0)
		return 0;
	const char *dot = strchr(s, '.');
	if (!dot)
		return 0;
	const char *e = strpbrk(dot, "eE");
	int d = e ? (int)(e - dot - 1) : (int)strlen(dot + 1);
	return d > 17 ? 17 : d;
}

kpi_comparison kpi_value_compare(kpi_polarity pol, double value, int dec_value, double b, int dec_b)
{
	int dec = dec_value < dec_b ? dec_value : dec_b;
	if (dec < 0)
		dec = 0;
	/* equal as printed at the published precision (half away from zero) */
	if (kpi_same_printed(value, b, dec))
		return KPI_CMP_SIMILAR;
	int area_higher = value > b;
	switch (pol) {
	case KPI_POL_HIGHER: return area_higher ? KPI_CMP_BETTER : KPI_CMP_WORSE;
	case KPI_POL_LOWER: return area_higher ? KPI_CMP_WORSE : KPI_CMP_BETTER;
	default: return area_higher ? KPI_CMP_HIGHER : KPI_CMP_LOWER;
	}
}

void kpi_quartiles(const double *s, size_t n, double q[3])
{
	static const double p[3] = {0.25, 0.5, 0.75};
	for (int i = 0; i < 3; i++) {
		double h = (double)(n - 1) * p[i];
		size_t lo = (size_t)floor(h);
		double f = h - (double)lo;
		if (f == 0 || lo + 1 >= n || s[lo + 1] == s[lo])
			q[i] = s[lo];
		else
			q[i] = (1 - f) * s[lo] + f * s[lo + 1];
	}
}

size_t kpi_rank(kpi_polarity pol, double v, const double *values, size_t n)
{
	if (pol == KPI_POL_NEUTRAL)
		return 0;
	size_t better = 0;
	for (size_t i = 0; i < n; i++)
		if (pol == KPI_POL_HIGHER ? values[i] > v : values[i] < v)
			better++;
	return better + 1;
}

char kpi_band(kpi_polarity pol, double v, const double q[3])
{
	if (pol == KPI_POL_LOWER)
		return v <= q[0] ? 'A' : v <= q[1] ? 'B' : v <= q[2] ? 'C' : 'D';
	if (pol == KPI_POL_HIGHER)
		return v > q[2] ? 'A' : v > q[1] ? 'B' : v > q[0] ? 'C' : 'D';
	return 0;
}
