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
