/* value.c: numbers, status tokens and durations in value cells. */
#include "kpi/value.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const status_names[] = {
	"ok", "suppressed", "not_applicable", "missing", "error", "not_available",
	"rounds_to_zero", "low_reliability"
};

const char *kpi_status_name(kpi_status st)
{
	if ((unsigned)st >= sizeof status_names / sizeof status_names[0])
		return "error";
	return status_names[st];
}

/* Spaces around a cell: ASCII white space and U+00A0 (Excel's non-breaking space). */
static void trim(const char **s, size_t *n)
{
	const char *p = *s;
	size_t len = *n;
	for (;;) {
		if (len && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) {
			p++, len--;
		} else if (len >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) {
			p += 2, len -= 2;
		} else {
			break;
		}
	}
	for (;;) {
		char c = len ? p[len - 1] : 0;
		if (len && (c == ' ' || c == '\t' || c == '\r' || c == '\n'))
			len--;
		else if (len >= 2 && (unsigned char)p[len - 2] == 0xC2 && (unsigned char)p[len - 1] == 0xA0)
			len -= 2;
		else
			break;
	}
	*s = p;
	*n = len;
}

static int ieq(const char *s, size_t n, const char *word)
{
	size_t i;
	for (i = 0; i < n && word[i]; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		char w = word[i];
		if (w >= 'A' && w <= 'Z')
			w = (char)(w - 'A' + 'a');
		if (c != w)
			return 0;
	}
	return i == n && word[i] == '\0';
}

/* The GSS symbols (contract §4a) and the older DfE and spreadsheet forms. */
static const struct {
	const char *token;
	kpi_status status;
} status_tokens[] = {
	{"c", KPI_ST_SUPPRESSED}, {"*", KPI_ST_SUPPRESSED},
	{"x", KPI_ST_NOT_AVAILABLE}, {"u", KPI_ST_NOT_AVAILABLE}, {":", KPI_ST_NOT_AVAILABLE},
	{"..", KPI_ST_NOT_AVAILABLE},
	{"z", KPI_ST_NOT_APPLICABLE}, {".", KPI_ST_NOT_APPLICABLE}, {"-", KPI_ST_NOT_APPLICABLE},
	{"low", KPI_ST_ROUNDS_TO_ZERO}, {"k", KPI_ST_ROUNDS_TO_ZERO}, {"~", KPI_ST_ROUNDS_TO_ZERO},
	{"", KPI_ST_MISSING}, {"NA", KPI_ST_MISSING}, {"n/a", KPI_ST_MISSING},
	{"#VALUE!", KPI_ST_ERROR}, {"#DIV/0!", KPI_ST_ERROR}, {"#N/A", KPI_ST_ERROR},
	{"#REF!", KPI_ST_ERROR}, {"#NAME?", KPI_ST_ERROR}, {"#NUM!", KPI_ST_ERROR},
	{"#NULL!", KPI_ST_ERROR},
};

/* The GSS letters that may be written in square brackets: "[c]", "[low]". */
static const char *const bracketed[] = {"c", "x", "z", "low", "u", "k"};

int kpi_status_token(const char *s, size_t n)
{
	trim(&s, &n);
	if (n > 7 || (n && s[0] >= '0' && s[0] <= '9')) /* numbers are the common case */
		return -1;
	if (n >= 3 && s[0] == '[' && s[n - 1] == ']') {
		for (size_t i = 0; i < sizeof bracketed / sizeof bracketed[0]; i++)
			if (ieq(s + 1, n - 2, bracketed[i]))
				return kpi_status_token(bracketed[i], strlen(bracketed[i]));
		return -1;
	}
	for (size_t i = 0; i < sizeof status_tokens / sizeof status_tokens[0]; i++)
		if (ieq(s, n, status_tokens[i].token))
			return (int)status_tokens[i].status;
	return -1;
}

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

static const double exact_pow10[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/* Clinger's fast path for the common short decimal ("-35.1", "1234"): when
 * the digits make an integer m < 2^53 and there are at most 22 decimals, m
 * and 10^k are exact doubles and one correctly rounded division gives what
 * strtod gives.  BUF holds [-]digits[.digits] (as parse_number wrote it).
 * 1 with *out set, or 0: use strtod. */
static int fast_decimal(const char *buf, size_t n, size_t frac_digits, int has_exp, double *out)
{
	if (has_exp || frac_digits > 22)
		return 0;
	size_t i = 0;
	int neg = 0;
	if (i < n && buf[i] == '-')
		neg = 1, i++;
	uint64_t m = 0;
	for (; i < n; i++) {
		if (buf[i] == '.')
			continue;
		if (m >= (1ULL << 53) / 10) /* the next digit might pass 2^53 */
			return 0;
		m = m * 10 + (uint64_t)(buf[i] - '0');
	}
	double v = (double)m / exact_pow10[frac_digits];
	*out = neg ? -v : v;
	return 1;
}

/* The number grammar.  Writes the number without commas, currency and '%'
 * into buf for strtod (which is exact), and notes the '%' and the decimals. */
static int parse_number(const char *s, size_t n, double *out, int *percent, int *decimals)
{
	char small[64];
	char *buf = n < sizeof small ? small : malloc(n + 1);
	if (!buf)
		return -1;
	size_t o = 0, i = 0;
	int ok = 0;
	*percent = 0;
	*decimals = 0;
	trim(&s, &n);
	if (n && s[n - 1] == '%') {
		*percent = 1;
		n--;
		while (n && s[n - 1] == ' ')
			n--;
	}
	int had_sign = 0;
	if (i < n && (s[i] == '+' || s[i] == '-')) {
		if (s[i] == '-')
			buf[o++] = '-';
		i++;
		had_sign = 1;
	}
	/* currency sign: '£' (UTF-8 C2 A3) or '$', before the digits */
	if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA3)
		i += 2;
	else if (i < n && s[i] == '$')
		i++;
	if (!had_sign && i > 0 && i < n && s[i] == '-') /* "£-3" */
		buf[o++] = '-', i++;
	size_t int_start = i, group = 0;
	int commas = 0;
	for (; i < n; i++) {
		if (digit(s[i])) {
			buf[o++] = s[i];
			group++;
		} else if (s[i] == ',') {
			/* the first group may hold 1-3 digits, later groups exactly 3 */
			if (group == 0 || group > 3 || (commas && group != 3))
				goto done;
			commas++;
			group = 0;
		} else {
			break;
		}
	}
	if (commas && group != 3)
		goto done;
	size_t int_digits = i - int_start - (size_t)commas;
	size_t frac_digits = 0, last_nonzero = 0;
	if (i < n && s[i] == '.') {
		buf[o++] = '.';
		i++;
		for (; i < n && digit(s[i]); i++) {
			buf[o++] = s[i];
			frac_digits++;
			if (s[i] != '0')
				last_nonzero = frac_digits;
		}
	}
	if (int_digits + frac_digits == 0)
		goto done;
	long exp10 = 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		buf[o++] = 'e';
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			buf[o++] = s[i++];
		if (i >= n || !digit(s[i]))
			goto done;
		int neg = buf[o - 1] == '-';
		for (; i < n && digit(s[i]); i++) {
			buf[o++] = s[i];
			if (exp10 < 100000)
				exp10 = exp10 * 10 + (s[i] - '0');
		}
		if (neg)
			exp10 = -exp10;
	}
	if (i != n)
		goto done;
	buf[o] = '\0';
	double v;
	if (!fast_decimal(buf, o, frac_digits, exp10 != 0 || memchr(buf, 'e', o), &v)) {
		char *end;
		v = strtod(buf, &end);
		if (*end != '\0' || !isfinite(v))
			goto done;
	}
	*out = v == 0 ? 0.0 : v; /* no -0 */
	long d = (long)last_nonzero - exp10;
	*decimals = d > 400 ? 400 : d < -400 ? -400 : (int)d;
	ok = 1;
done:
	if (buf != small)
		free(buf);
	return ok ? 0 : -1;
}

/* The length of S[0..n) without a trailing low-reliability mark ("u" or
 * "[u]", any case, spaces before it allowed) after a digit or '%'; N when
 * there is none. */
static size_t without_u_mark(const char *s, size_t n)
{
	trim(&s, &n);
	size_t m = n;
	if (m >= 3 && s[m - 1] == ']' && (s[m - 2] == 'u' || s[m - 2] == 'U') && s[m - 3] == '[')
		m -= 3;
	else if (m >= 1 && (s[m - 1] == 'u' || s[m - 1] == 'U'))
		m -= 1;
	else
		return n;
	while (m && s[m - 1] == ' ')
		m--;
	if (!m || !(digit(s[m - 1]) || s[m - 1] == '%'))
		return n;
	return m;
}

/* The common cell, a plain decimal "-?digits[.digits]%?" and nothing else
 * (no spaces, sign '+', currency, commas or exponent), read in one pass: 1
 * with OUT set as the full grammar below sets it, or 0 (then the full
 * grammar decides).  It gives up where parse_number would call strtod
 * (the digits pass 2^53, more than 22 decimals), so the value is the same
 * correctly rounded division.  It also notes whether the text, less its
 * '%', is the shortest round-trip text of the value (numfmt.h:
 * kpi_fmt_is_shortest says the same of it): no leading zero, no trailing
 * zero after the point, 1 to 15 significant digits, at most 15 decimals,
 * not below 1e-6. */
static int plain_decimal(const char *s, size_t n, kpi_value *out)
{
	const char *p = s, *end = s + n;
	int percent = 0, neg = 0;
	if (p < end && end[-1] == '%')
		end--, percent = 1;
	if (p < end && *p == '-')
		p++, neg = 1;
	const char *int_start = p;
	uint64_t m = 0;
	int sig = 0; /* significant digits so far (from the first non-zero one) */
	for (; p < end && digit(*p); p++) {
		if (m >= (1ULL << 53) / 10)
			return 0;
		m = m * 10 + (uint64_t)(*p - '0');
		sig += m != 0;
	}
	size_t int_digits = (size_t)(p - int_start);
	if (int_digits == 0)
		return 0;
	int frac_digits = 0, last_nonzero = 0, first_nonzero = -1;
	if (p < end && *p == '.') {
		const char *frac = ++p;
		for (; p < end && digit(*p); p++) {
			if (m >= (1ULL << 53) / 10)
				return 0;
			m = m * 10 + (uint64_t)(*p - '0');
			sig += m != 0;
			if (*p != '0') {
				last_nonzero = (int)(p - frac) + 1;
				if (first_nonzero < 0)
					first_nonzero = (int)(p - frac);
			}
		}
		frac_digits = (int)(p - frac);
		if (frac_digits == 0 || frac_digits > 22)
			return 0;
	}
	if (p != end)
		return 0;
	double v = (double)m / exact_pow10[frac_digits];
	out->status = KPI_ST_OK;
	out->value = m == 0 ? 0.0 : neg ? -v : v; /* no -0 */
	out->percent_sign = percent;
	out->decimals = last_nonzero;
	out->shortest = m != 0 && sig <= 15 && frac_digits <= 15 &&
			!(int_digits > 1 && *int_start == '0') &&
			(frac_digits == 0 || end[-1] != '0') &&
			!(int_digits == 1 && *int_start == '0' && first_nonzero > 5);
	return 1;
}

/* The full grammar: parse_number, a status token, a low-reliability mark. */
int kpi_value_parse_general(const char *s, size_t n, kpi_value *out)
{
	memset(out, 0, sizeof *out);
	if (parse_number(s, n, &out->value, &out->percent_sign, &out->decimals) == 0) {
		out->status = KPI_ST_OK;
		return 0;
	}
	int st = kpi_status_token(s, n);
	if (st >= 0) {
		out->status = (kpi_status)st;
		return 0;
	}
	trim(&s, &n);
	size_t m = without_u_mark(s, n);
	if (m < n && parse_number(s, m, &out->value, &out->percent_sign, &out->decimals) == 0) {
		out->status = KPI_ST_LOW_RELIABILITY;
		return 0;
	}
	memset(out, 0, sizeof *out);
	return -1;
}

int kpi_value_parse(const char *s, size_t n, kpi_value *out)
{
	if (plain_decimal(s, n, out))
		return 0;
	return kpi_value_parse_general(s, n, out);
}

int kpi_number_parse(const char *s, double *out)
{
	int percent, decimals;
	return parse_number(s, strlen(s), out, &percent, &decimals);
}

/* "N:M" with 1-6 digits before the colon and 1-2 after. */
static int split_duration(const char *s, size_t n, long *major, long *minor)
{
	trim(&s, &n);
	size_t i = 0;
	long a = 0, b = 0;
	while (i < n && digit(s[i]) && i < 6)
		a = a * 10 + (s[i++] - '0');
	if (i == 0 || i >= n || s[i] != ':')
		return -1;
	size_t j = ++i;
	while (i < n && digit(s[i]) && i - j < 2)
		b = b * 10 + (s[i++] - '0');
	if (i == j || i != n)
		return -1;
	*major = a;
	*minor = b;
	return 0;
}

int kpi_duration_like(const char *s, size_t n)
{
	long a, b;
	return split_duration(s, n, &a, &b) == 0;
}

int kpi_duration_parse(const char *s, size_t n, kpi_duration_form form,
		       kpi_duration_unit unit, double *out)
{
	long major, minor;
	if (split_duration(s, n, &major, &minor) != 0)
		return -1;
	const double year_days = 365.25, month_days = 365.25 / 12;
	double days, months;
	if (form == KPI_DUR_YY_MM) {
		if (minor > 11)
			return -1;
		days = major * year_days + minor * month_days;
		months = major * 12.0 + minor;
	} else {
		if (minor > 30)
			return -1;
		days = major * month_days + minor;
		months = major + minor / month_days;
	}
	switch (unit) {
	case KPI_DUR_DAYS:
		*out = floor(days + 0.5);
		break;
	case KPI_DUR_WEEKS:
		*out = floor(days + 0.5) / 7;
		break;
	default:
		*out = months;
		break;
	}
	return 0;
}
