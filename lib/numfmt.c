/* numfmt.c: shortest round-trip text for doubles.
 *
 * Fast path: most values in this field are short decimals (23.5, 1234,
 * 44.5085).  For k = 0..15 decimals, d = round(v * 10^k); when d < 2^53 and
 * d / 10^k == v in double arithmetic, the decimal "d e-k" reads back as v:
 * d and 10^k (k <= 22) are exact doubles, so the division is correctly
 * rounded, exactly as strtod rounds the same decimal.  The first k that
 * works has the fewest decimals.  Anything else falls back to %.15g, %.16g,
 * %.17g, taking the first that reads back exactly. */
#include "kpi/numfmt.h"
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double pow10_tab[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
				   1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

/* Writes the unsigned integer d with k decimals inserted. */
static int write_scaled(char *out, int neg, unsigned long long d, int k)
{
	char digits[24];
	int nd = 0;
	do {
		digits[nd++] = (char)('0' + d % 10);
		d /= 10;
	} while (d);
	while (nd <= k)
		digits[nd++] = '0'; /* leading zeros so there is a digit before the point */
	int len = 0;
	if (neg)
		out[len++] = '-';
	for (int i = nd - 1; i >= 0; i--) {
		out[len++] = digits[i];
		if (i == k && k > 0)
			out[len++] = '.';
	}
	out[len] = '\0';
	return len;
}

#if LDBL_MANT_DIG >= 64
/* 10^0 .. 10^16, exact in a 64-bit significand (5^16 < 2^64) */
static const long double pow10_long[] = {1e0L, 1e1L, 1e2L, 1e3L, 1e4L, 1e5L, 1e6L, 1e7L, 1e8L, 1e9L,
					 1e10L, 1e11L, 1e12L, 1e13L, 1e14L, 1e15L, 1e16L};

/* A (1 <= A < 2^53, E its decimal exponent) rounded to P (16 or 17)
 * significant digits, as *D with *K decimals, as %.Pg rounds it (from the
 * exact binary value): 1, or 0 when the exact A * 10^K is too near a half
 * to tell.  A * 10^K (below 10^17) in a 64-bit significand is within 2^-8
 * of the exact product, so rounding it is exact rounding unless the
 * fraction is within 0.01 of a half. */
static int round_significant(double a, int e, int p, unsigned long long *d, int *k)
{
	*k = p - 1 - e;
	long double x = (long double)a * pow10_long[*k];
	long double whole = floorl(x), frac = x - whole;
	if (fabsl(frac - 0.5L) < 0.01L)
		return 0;
	*d = (unsigned long long)whole + (frac > 0.5L);
	return 1;
}

/* %.16g of A (1 <= A < 2^53) when it reads back as A, else %.17g, as
 * the %g search below writes them, without printf or strtod (which were a
 * tenth of kpi-trend's time on means and limits): the digits rounded in
 * long double, and the read-back checked by one division where the
 * digits and 10^k are exact doubles.  The length, or -1 when it cannot
 * tell (a near half; the search then decides). */
static int shortest_16_17(char *out, int neg, double a)
{
	int e = 0;
	while (e < 15 && a >= pow10_tab[e + 1])
		e++;
	unsigned long long d;
	int k;
	if (!round_significant(a, e, 16, &d, &k))
		return -1;
	int back;
	if (d <= 9007199254740992ULL) { /* 2^53: d, and 10^k (k <= 15), exact */
		back = (double)d / pow10_tab[k] == a;
	} else {
		char t[40];
		write_scaled(t, 0, d, k);
		back = strtod(t, NULL) == a;
	}
	if (!back && !round_significant(a, e, 17, &d, &k))
		return -1;
	while (k > 0 && d % 10 == 0) /* %g drops trailing zeros */
		d /= 10, k--;
	return write_scaled(out, neg, d, k);
}
#endif

int kpi_fmt_double(char out[KPI_NUM_BUFSZ], double v)
{
	if (!isfinite(v)) {
		out[0] = '\0';
		return -1;
	}
	if (v == 0) {
		out[0] = '0';
		out[1] = '\0';
		return 1;
	}
	int neg = v < 0;
	double a = neg ? -v : v;
	if (a < 9007199254740992.0 && a >= 1e-6) {
		for (int k = 0; k < 16; k++) {
			double scaled = a * pow10_tab[k];
			if (scaled >= 9007199254740992.0)
				break;
			double d = nearbyint(scaled);
			/* d / 10^k can read back as a only when d is within a
			 * rounding of a * 10^k, which scaled is within one of
			 * (|d - scaled| <= scaled * 2^-52): anything farther is
			 * passed over without the division (a mean or a limit of
			 * 16 digits tried all 15 decimals, each a division) */
			if (fabs(scaled - d) > scaled * 0x1p-50)
				continue;
			if (d / pow10_tab[k] == a && d > 0)
				return write_scaled(out, neg, (unsigned long long)d, k);
		}
	}
	/* Round-tripping is monotonic in the precision: find the least that works.
	 * 16 and 17 settle most values at once; smaller ones are searched.
	 * %g of a double is at most 24 bytes, but the compiler cannot know: the
	 * scratch buffer is big enough for any precision it imagines. */
	char t[400];
	int lo = 1, hi = 17, n = 0;
	int t_prec = 0;  /* the precision t holds */
	int hi_prec = 0; /* t holds the text of precision hi (it read back) */
	if (a >= 1 && a < 9007199254740992.0) {
		/* %.15g cannot read back: it would be a decimal of at most 15
		 * digits and 14 decimals, below 10^15, which the loop above
		 * finds (a * 10^k is within 0.25 of it, and the division by
		 * 10^k is a's own rounding) */
#if LDBL_MANT_DIG >= 64
		int sn = shortest_16_17(out, neg, a);
		if (sn > 0)
			return sn;
#endif
		lo = 16;
	} else {
		n = snprintf(t, sizeof t, "%.15g", v);
		t_prec = 15;
		if (strtod(t, NULL) == v)
			hi = 15, hi_prec = 1;
		else
			lo = 16;
	}
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		char u[400];
		int un = snprintf(u, sizeof u, "%.*g", mid, v);
		if (strtod(u, NULL) == v) {
			hi = mid;
			memcpy(t, u, (size_t)un + 1);
			n = un, t_prec = mid, hi_prec = 1;
		} else {
			lo = mid + 1;
		}
	}
	/* the least precision that reads back is lo (= hi); t already holds it
	 * when it was the last one to succeed, else (17) print it */
	if (!hi_prec || t_prec != lo)
		n = snprintf(t, sizeof t, "%.*g", lo, v);
	if (n < 0 || n >= KPI_NUM_BUFSZ)
		return -1;
	memcpy(out, t, (size_t)n + 1);
	return n;
}

int kpi_fmt_is_shortest(const char *text, size_t len, double v)
{
	const char *p = text, *end = text + len;
	if (len && end[-1] == '%')
		end--;
	int neg = p < end && *p == '-';
	p += neg;
	if (p >= end || *p < '0' || *p > '9' || (*p == '0' && p + 1 < end && p[1] != '.'))
		return 0; /* no digit first, or a leading zero */
	unsigned long long m = 0;
	int digits = 0, decimals = 0, lead = *p == '0'; /* "0.": zeros after the point lead too */
	for (; p < end && *p >= '0' && *p <= '9'; p++)
		if (*p != '0' || digits)
			m = m * 10 + (unsigned)(*p - '0'), digits++;
	if (p < end && *p == '.') {
		const char *frac = ++p;
		for (; p < end && *p >= '0' && *p <= '9'; p++) {
			if (*p != '0' || digits)
				m = m * 10 + (unsigned)(*p - '0'), digits++;
			else if (lead && p - frac >= 5)
				return 0; /* below 1e-6: kpi_fmt_double may write an exponent */
			if (digits > 15)
				return 0;
		}
		decimals = (int)(p - frac);
		if (decimals == 0 || decimals > 15 || p[-1] == '0')
			return 0; /* "1." or a trailing zero */
	}
	if (p != end || digits == 0 || digits > 15)
		return 0; /* other text; zero ("0", "-0") is written "0" */
	/* m < 10^15 and 10^decimals are exact doubles: one correctly rounded
	 * division gives the double the text reads as */
	double a = (double)m / pow10_tab[decimals];
	return (neg ? -a : a) == v;
}

int kpi_fmt_fixed(char *out, size_t sz, double v, int decimals)
{
	if (!isfinite(v)) {
		if (sz)
			out[0] = '\0';
		return -1;
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > 15)
		decimals = 15;
	/* Round the shortest decimal text, not the binary value, so that a
	 * published 0.05 or 2.45 rounds half up the way a person would. */
	char s[KPI_NUM_BUFSZ];
	kpi_fmt_double(s, v);
	if (!strchr(s, 'e')) {
		char *dot = strchr(s, '.');
		int have = dot ? (int)strlen(dot + 1) : 0;
		if (have > decimals) {
			/* decide from the first dropped digit */
			int up = dot[1 + decimals] >= '5';
			double scale = pow(10, decimals);
			/* the kept digits, integer part and decimals, as one integer */
			char digits[64];
			int nd = 0;
			for (const char *p = s; *p && nd < 60; p++) {
				if (*p >= '0' && *p <= '9') {
					if (p > dot + decimals)
						break;
					digits[nd++] = *p;
				}
			}
			digits[nd] = '\0';
			unsigned long long m = strtoull(digits, NULL, 10) + (unsigned)up;
			double r = (double)m / scale;
			if (v < 0)
				r = -r;
			return snprintf(out, sz, "%.*f", decimals, r == 0 ? 0.0 : r);
		}
	}
	return snprintf(out, sz, "%.*f", decimals, v == 0 ? 0.0 : v);
}

int kpi_report_decimals(const char *unit, int decimals)
{
	if (decimals >= 0 && decimals <= 6)
		return decimals;
	if (!unit)
		return -1;
	if (strcmp(unit, "count") == 0 || strcmp(unit, "currency") == 0)
		return 0;
	if (strcmp(unit, "ratio") == 0)
		return 2;
	return 1; /* percent, rates, days, weeks, score */
}

void kpi_fmt_report(char *out, size_t sz, double v, int decimals)
{
	if (decimals < 0) {
		char t[KPI_NUM_BUFSZ];
		kpi_fmt_double(t, v);
		snprintf(out, sz, "%s", t);
	} else {
		kpi_fmt_fixed(out, sz, v, decimals);
	}
	if (out[0] == '-' && strspn(out + 1, "0.") == strlen(out + 1))
		memmove(out, out + 1, strlen(out)); /* a rounded -0.0 reads as 0.0 */
}

int kpi_same_printed(double a, double b, int decimals)
{
	char x[64], y[64];
	kpi_fmt_report(x, sizeof x, a, decimals);
	kpi_fmt_report(y, sizeof y, b, decimals);
	return strcmp(x, y) == 0;
}

/* The decimals of V's shortest text, its exponent counted: 61.2 -> 1,
 * 1.5e-7 -> 8, 1e+21 -> 0. */
static int text_decimals(double v)
{
	char t[KPI_NUM_BUFSZ];
	if (kpi_fmt_double(t, v) < 0)
		return 0;
	const char *dot = strchr(t, '.'), *e = strpbrk(t, "eE");
	int d = dot ? (int)((e ? e : t + strlen(t)) - dot - 1) : 0;
	if (e)
		d -= atoi(e + 1);
	return d < 0 ? 0 : d;
}

double kpi_decimal_sub(double a, double b)
{
	double d = a - b;
	if (!isfinite(d))
		return d;
	int da = text_decimals(a), db = text_decimals(b);
	int k = da > db ? da : db;
	if (k > 15)
		return d;
	double scale = pow(10, k), scaled = d * scale;
	if (fabs(scaled) >= 9007199254740992.0) /* 2^53: no decimals to trim */
		return d;
	return round(scaled) / scale;
}
