/* Unit tests: lib/numfmt.c, shortest round-trip number text. */
#include "kpi/numfmt.h"
#include "tap.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fmt_is(double v, const char *exp)
{
	char t[KPI_NUM_BUFSZ];
	kpi_fmt_double(t, v);
	is_str(t, exp, "fmt %.17g -> %s", v, exp);
}

static void fixed_is(double v, int d, const char *exp)
{
	char t[64];
	kpi_fmt_fixed(t, sizeof t, v, d);
	is_str(t, exp, "fixed(%.17g, %d) -> %s", v, d, exp);
}

/* xorshift64*, so the "random" doubles are the same on every run */
static uint64_t rng = 88172645463325252ULL;
static uint64_t next(void)
{
	return tap_rng(&rng);
}

/* The decimal fast path as it was before its filter (every k tried by the
 * division), the reference for the filter: the text it finds, or "" when
 * none and %g decides. */
static void decimal_reference(char *out, double v)
{
	static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
	out[0] = '\0';
	double a = fabs(v);
	if (!(a < 9007199254740992.0 && a >= 1e-6))
		return;
	for (int k = 0; k < 16; k++) {
		double scaled = a * p10[k];
		if (scaled >= 9007199254740992.0)
			break;
		double d = nearbyint(scaled);
		if (d / p10[k] == a && d > 0) {
			/* the digits of d with k decimals, as write_scaled puts them */
			char digits[24];
			snprintf(digits, sizeof digits, "%.0f", d);
			int nd = (int)strlen(digits), len = 0;
			if (v < 0)
				out[len++] = '-';
			if (nd <= k) {
				out[len++] = '0';
				out[len++] = '.';
				for (int i = 0; i < k - nd; i++)
					out[len++] = '0';
				memcpy(out + len, digits, (size_t)nd);
				len += nd;
			} else {
				memcpy(out + len, digits, (size_t)(nd - k));
				len += nd - k;
				if (k) {
					out[len++] = '.';
					memcpy(out + len, digits + nd - k, (size_t)k);
					len += k;
				}
			}
			out[len] = '\0';
			return;
		}
	}
}

/* The filter in kpi_fmt_double's decimal loop passes over only what the
 * division would refuse: the same text as the reference on means and
 * limits (sums over counts), short decimals and their neighbours, and
 * random doubles. */
static void test_decimal_filter(void)
{
	int bad = 0, fast = 0;
	for (int i = 0; i < 300000; i++) {
		double v;
		switch (i % 4) {
		case 0: { /* a mean of a few one-decimal figures */
			int n = 1 + (int)(next() % 24);
			double sum = 0;
			for (int j = 0; j < n; j++)
				sum += (double)(next() % 10000) / 10;
			v = sum / n;
			break;
		}
		case 1: /* a short decimal */
			v = (double)(int64_t)(next() % 2000000000) / pow(10, (double)(next() % 12));
			break;
		case 2: { /* its neighbour */
			double d = (double)(int64_t)(next() % 2000000) / pow(10, (double)(next() % 9));
			v = nextafter(d, next() % 2 ? INFINITY : 0);
			break;
		}
		default: { /* any finite double */
			uint64_t bits = next();
			memcpy(&v, &bits, sizeof v);
			if (!isfinite(v))
				v = 1.5;
			break;
		}
		}
		if (next() % 2)
			v = -v;
		if (v == 0)
			continue; /* written "0" by its own rule (above) */
		char ref[64], got[KPI_NUM_BUFSZ];
		decimal_reference(ref, v);
		kpi_fmt_double(got, v);
		if (ref[0]) {
			fast++;
			if (strcmp(ref, got) != 0 && bad++ < 5)
				diag("%.17g: %s, the reference %s", v, got, ref);
		} else {
			/* the slow path: %g at the least precision that reads back */
			char t[64];
			int prec = 1;
			for (; prec < 17; prec++) {
				snprintf(t, sizeof t, "%.*g", prec, v);
				if (strtod(t, NULL) == v)
					break;
			}
			snprintf(t, sizeof t, "%.*g", prec, v);
			if (strcmp(got, t) != 0 && bad++ < 5)
				diag("%.17g: %s, %%g's least precision %s", v, got, t);
		}
	}
	ok(bad == 0 && fast > 100000,
	   "the decimal fast path's filter and the %%g search from 16 digits: 300,000 numbers as the slow paths write them (%d by the loop, %d differ)",
	   fast, bad);
}

/* The text kpi_fmt_double must write for V: the decimal loop's, else %g
 * at the least precision that reads back (printf and strtod). */
static void shortest_reference(char *out, double v)
{
	decimal_reference(out, v);
	if (out[0])
		return;
	int prec = 1;
	for (; prec < 17; prec++) {
		snprintf(out, 64, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			return;
	}
	snprintf(out, 64, "%.17g", v);
}

#ifndef NUMFMT_RANDOM
#define NUMFMT_RANDOM 300000 /* (-DNUMFMT_RANDOM=20000000: 20 million agreed, at this change) */
#endif

/* The 16- and 17-digit path without printf (numbers of 1 to 2^53 that
 * no short decimal reads back as: means, limits, sums of decimals): as
 * the %g search writes them, on seeded random numbers of every kind that
 * path sees, and on the edges (powers of ten and their neighbours, 2^53
 * and below, integers, 9.999..., near halves). */
static void test_16_17_digits(void)
{
	int bad = 0;
	long checked = 0;
	char ref[64], got[KPI_NUM_BUFSZ];
	for (long i = 0; i < NUMFMT_RANDOM; i++) {
		double v;
		switch (i % 6) {
		case 0: { /* a mean of a few one-decimal figures */
			int n = 1 + (int)(next() % 48);
			double sum = 0;
			for (int j = 0; j < n; j++)
				sum += (double)(next() % 10000) / 10;
			v = sum / n;
			break;
		}
		case 1: /* uniform in [1, 10^k) */
			v = 1 + (double)(next() >> 11) * 0x1p-53 * pow(10, (double)(next() % 16));
			break;
		case 2: { /* any double of 1 to 2^53 */
			uint64_t bits = (0x3FF0000000000000ULL + next() % (53ULL << 52));
			memcpy(&v, &bits, sizeof v);
			break;
		}
		case 3: /* a limit: mean plus a multiple of a moving range */
			v = (double)(next() % 100000) / 100 + 2.66 * (double)(next() % 10000) / 7;
			break;
		case 4: /* 0.1 + 0.2 and its kind: sums of short decimals */
			v = (double)(next() % 1000) / 10 + (double)(next() % 1000) / 100 + (double)(next() % 100) / 1000;
			break;
		default: /* a neighbour of a short decimal */
			v = nextafter((double)(next() % 100000000) / pow(10, (double)(next() % 8)),
				      next() % 2 ? INFINITY : 0);
			break;
		}
		if (next() % 2)
			v = -v;
		if (!isfinite(v) || v == 0)
			continue;
		shortest_reference(ref, v);
		kpi_fmt_double(got, v);
		checked++;
		if (strcmp(ref, got) != 0 && bad++ < 5)
			diag("%.17g: %s, the reference %s", v, got, ref);
	}
	/* the edges */
	double edge[400];
	int ne = 0;
	for (int k = 0; k <= 16; k++) {
		double p = pow(10, k);
		edge[ne++] = p;
		edge[ne++] = nextafter(p, 0);
		edge[ne++] = nextafter(p, INFINITY);
		edge[ne++] = nextafter(nextafter(p, 0), 0);
		edge[ne++] = p - 0.5;
		edge[ne++] = p + 0.5;
		edge[ne++] = p / 3;
		edge[ne++] = p * 2 / 3;
	}
	static const double more[] = {9007199254740992.0, 9007199254740991.0, 9007199254740990.5,
				      4503599627370495.5, 4503599627370496.5, 9.999999999999998, 9.9999999999999982,
				      99.99999999999999, 1.0000000000000002, 1.0000000000000004, 0.1 + 0.2 + 1,
				      1.005, 2.675, 1.0 + 1.0 / 3, 123456789.12345679, 1e15 + 0.3, 1e15 + 0.5,
				      5e15 + 0.5, 8e15 + 1, 1125899906842624.125, 2251799813685248.25};
	for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
		edge[ne++] = more[i];
	for (int i = 0; i < ne; i++)
		for (int sign = 0; sign < 2; sign++) {
			double v = sign ? -edge[i] : edge[i];
			shortest_reference(ref, v);
			kpi_fmt_double(got, v);
			checked++;
			if (strcmp(ref, got) != 0 && bad++ < 10)
				diag("edge %.17g: %s, the reference %s", v, got, ref);
		}
	ok(bad == 0, "16 and 17 digits without printf: %ld numbers (seeded, and the edges) as %%g's least precision writes them (%d differ)",
	   checked, bad);
}

int main(void)
{
	test_decimal_filter();
	test_16_17_digits();
	fmt_is(23.5, "23.5");
	fmt_is(0.1, "0.1");
	fmt_is(44.5085, "44.5085");
	fmt_is(0.1 + 0.2, "0.30000000000000004");
	fmt_is(85.7, "85.7");
	fmt_is(1234, "1234");
	fmt_is(-3, "-3");
	fmt_is(0, "0");
	fmt_is(-0.0, "0");
	fmt_is(1e21, "1e+21");
	fmt_is(1e-7, "1e-07");
	fmt_is(123456789012345678.0, "1.2345678901234568e+17");
	fmt_is(9007199254740993.0, "9007199254740992");
	fmt_is(0.000001, "0.000001");
	fmt_is(2.5e-5, "0.000025");
	fmt_is(67.30, "67.3");
	fmt_is(1.0 / 3, "0.3333333333333333");
	fmt_is(-44.5085, "-44.5085");
	fmt_is(1e300, "1e+300");
	fmt_is(5e-324, "5e-324");
	char t[KPI_NUM_BUFSZ];
	ok(kpi_fmt_double(t, NAN) == -1, "NaN is refused");
	ok(kpi_fmt_double(t, INFINITY) == -1, "infinity is refused");
	ok(kpi_fmt_double(t, -INFINITY) == -1, "-infinity is refused");

	/* 10^5 random bit patterns and 10^5 short decimals must read back exactly */
	int bad = 0, longer = 0;
	for (int i = 0; i < 100000; i++) {
		uint64_t bits = next();
		double v;
		memcpy(&v, &bits, sizeof v);
		if (!isfinite(v))
			continue;
		kpi_fmt_double(t, v);
		double back = strtod(t, NULL);
		if (back != v && !(v == 0 && back == 0)) {
			if (bad++ < 5)
				diag("round trip failed: %.17g -> %s", v, t);
		}
	}
	ok(bad == 0, "100000 random doubles round-trip (%d failed)", bad);
	bad = 0;
	for (int i = 0; i < 100000; i++) {
		/* short decimals as published: up to 4 decimals, up to 6 integer digits */
		int dec = (int)(next() % 5);
		double v = (double)(next() % 1000000000ULL) / pow(10, dec);
		kpi_fmt_double(t, v);
		if (strtod(t, NULL) != v)
			bad++;
		char g[40];
		/* shortest: never longer than the %.17g loop's answer */
		for (int p = 1; p <= 17; p++) {
			snprintf(g, sizeof g, "%.*g", p, v);
			if (strtod(g, NULL) == v)
				break;
		}
		if (strlen(t) > strlen(g) + 4)
			longer++;
	}
	ok(bad == 0, "100000 short decimals round-trip (%d failed)", bad);
	ok(longer == 0, "short decimals print no longer than %%g's shortest (%d longer)", longer);

	fixed_is(23.45, 1, "23.5");
	fixed_is(0.05, 1, "0.1");
	fixed_is(2.45, 1, "2.5");
	fixed_is(20, 1, "20.0");
	fixed_is(6.25, 1, "6.3");
	fixed_is(-3.25, 1, "-3.3");
	fixed_is(67.30, 1, "67.3");
	fixed_is(99.96, 1, "100.0");
	fixed_is(0.3333, 0, "0");
	fixed_is(1234.5, 0, "1235");
	fixed_is(0.04, 1, "0.0");

	/* the decimals a report prints, and "equal as printed" */
	ok(kpi_report_decimals("percent", -1) == 1, "percent: 1 decimal");
	ok(kpi_report_decimals("count", -1) == 0, "count: whole");
	ok(kpi_report_decimals("currency", -1) == 0, "currency: whole");
	ok(kpi_report_decimals("ratio", -1) == 2, "ratio: 2 decimals");
	ok(kpi_report_decimals("rate_per_10k", -1) == 1, "rate: 1 decimal");
	ok(kpi_report_decimals(NULL, -1) == -1, "no unit: shortest text");
	ok(kpi_report_decimals("percent", 0) == 0, "catalogue decimals win");
	ok(kpi_report_decimals("count", 7) == 0, "catalogue decimals past 6 are ignored");
	char r[64];
	kpi_fmt_report(r, sizeof r, -0.04, 1);
	is_str(r, "0.0", "a rounded -0.0 prints 0.0");
	kpi_fmt_report(r, sizeof r, -0.05, 1);
	is_str(r, "-0.1", "-0.05 prints -0.1");
	kpi_fmt_report(r, sizeof r, 17.001, -1);
	is_str(r, "17.001", "shortest text at -1");
	ok(kpi_same_printed(17.001, 17.0, 2), "17.001 and 17 print the same at 2 decimals");
	ok(!kpi_same_printed(17.001, 17.0, -1), "but not as shortest text");
	ok(kpi_same_printed(0.04, -0.04, 1), "0.04 and -0.04 both print 0.0");
	ok(!kpi_same_printed(63.44, 63.46, 1), "63.4 and 63.5 differ");
	ok(kpi_same_printed(2.45, 2.45000000001, 1), "2.5 and 2.5");

	/* a difference of published values, as decimals subtract */
	char d[KPI_NUM_BUFSZ];
	kpi_fmt_double(d, kpi_decimal_sub(61.2, 60.9));
	is_str(d, "0.3", "61.2 - 60.9 is 0.3 (not 0.30000000000000426)");
	kpi_fmt_double(d, kpi_decimal_sub(0.3, 0.1));
	is_str(d, "0.2", "0.3 - 0.1 is 0.2");
	kpi_fmt_double(d, kpi_decimal_sub(412, 409.75));
	is_str(d, "2.25", "412 - 409.75 is 2.25");
	kpi_fmt_double(d, kpi_decimal_sub(1.05, 1.15));
	is_str(d, "-0.1", "1.05 - 1.15 is -0.1");
	kpi_fmt_double(d, kpi_decimal_sub(5, 5));
	is_str(d, "0", "5 - 5 is 0");
	kpi_fmt_double(d, kpi_decimal_sub(1e300, -1e300));
	is_str(d, "2e+300", "huge values subtract as doubles");
	kpi_fmt_double(d, kpi_decimal_sub(1.0 / 3, 0));
	is_str(d, "0.3333333333333333", "a value with 16 decimals is left as it is");
	kpi_fmt_double(d, kpi_decimal_sub(1.5e-7, 1e-7));
	is_str(d, "5e-08", "exponents count: 1.5e-7 - 1e-7 is 5e-8");
	kpi_fmt_double(d, kpi_decimal_sub(1e-7, 0));
	is_str(d, "1e-07", "1e-7 - 0 is 1e-7");
	ok(isnan(kpi_decimal_sub(NAN, 1)), "NaN stays NaN");
	/* a number's own text, when it is provably its shortest text */
	{
		static const char *const yes[] = {"35.1", "35.1%", "46", "-46", "0.5", "-0.25", "100",
			"0.000001", "999999999999999", "12345678.1234567", "0.05%", "1.00000000000001"};
		for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
			size_t n = strlen(yes[i]);
			char plain[64];
			snprintf(plain, sizeof plain, "%.*s", (int)(n - (yes[i][n - 1] == '%')), yes[i]);
			ok(kpi_fmt_is_shortest(yes[i], n, strtod(plain, NULL)), "'%s' is its shortest text", yes[i]);
		}
		static const char *const no[] = {"", "%", "-", "0", "-0", "0.0", "35.10", "035.1", "+5",
			" 5", "5 ", "1e5", "1.", ".5", "1,234", "0.0000001", "1234567890123456",
			"0.1234567890123456", "12.5%%", "c", "1.000000000000001"};
		for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
			ok(!kpi_fmt_is_shortest(no[i], strlen(no[i]), strtod(no[i], NULL)),
			   "'%s' is not taken as it is", no[i]);
		ok(!kpi_fmt_is_shortest("35.1", 4, 35.1 + 1e-13), "a text that does not read as the value");
		ok(!kpi_fmt_is_shortest("0.235", 5, 23.5), "nor one scaled since (percent fractions)");
		/* whenever it says yes, kpi_fmt_double writes the same text */
		unsigned long long seed = 12345;
		int agree = 1, said_yes = 0;
		for (int i = 0; i < 200000 && agree; i++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			unsigned long long m = (seed >> 11) % 1000000000000000ULL >> (seed % 40);
			int k = (int)((seed >> 3) % 17);
			char x[64], u[KPI_NUM_BUFSZ];
			snprintf(x, sizeof x, "%s%llu", (seed & 1) ? "-" : "", m);
			if (k && strlen(x) > (size_t)k) { /* a point k digits from the end */
				size_t n = strlen(x);
				memmove(x + n - k + 1, x + n - k, (size_t)k + 1);
				x[n - k] = '.';
			}
			double v = strtod(x, NULL);
			if (kpi_fmt_is_shortest(x, strlen(x), v)) {
				said_yes++;
				kpi_fmt_double(u, v);
				agree = strcmp(x, u) == 0;
				if (!agree)
					diag("'%s' taken as it is, but kpi_fmt_double writes '%s'", x, u);
			}
		}
		ok(agree && said_yes > 1000, "kpi_fmt_double agrees whenever a text is taken as it is (%d)", said_yes);
	}
	return tap_done();
}
