/* header.c: what header cells and sample cells look like.  Syntax only:
 * kpi-normalise decides what periods and values mean. */
#include <string.h>
#include "ingest.h"

void trim(const char **s, size_t *n)
{
	while (*n && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*n)--;
	}
	while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		(*n)--;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int word_is(const char *w, size_t n, const char *lit)
{
	size_t m = strlen(lit);
	if (n != m)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (lower(w[i]) != lit[i])
			return 0;
	return 1;
}

static int is_month_word(const char *w, size_t n)
{
	static const char *const months[] = {
		"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
		"january", "february", "march", "april", "june", "july", "august", "september",
		"october", "november", "december"};
	for (size_t i = 0; i < sizeof months / sizeof months[0]; i++)
		if (word_is(w, n, months[i]))
			return 1;
	return 0;
}

/* A header is a period when it is made only of period words: years (2019,
 * 201920), two-digit years (19), month names, Q1-Q4, T1-T3, W01-W53, FY,
 * "quarter", "term", and it has a year in it: "Apr-16", "2019/20", "2007",
 * "Q1 2019/20", "17/18 Q1", "2019-06", "30/06/2019".  "SN_1" or "Total 2007"
 * are not. */
int looks_like_period(const char *s, size_t n)
{
	trim(&s, &n);
	if (n == 0 || n > 24)
		return 0;
	int years = 0, two_digit = 0, calendarish = 0;
	size_t i = 0;
	while (i < n) {
		if (!is_digit(s[i]) && !is_alpha(s[i])) {
			if (s[i] != '-' && s[i] != '/' && s[i] != ' ' && s[i] != '_' && s[i] != '.')
				return 0;
			i++;
			continue;
		}
		size_t start = i;
		if (is_digit(s[i])) {
			while (i < n && is_digit(s[i]))
				i++;
			size_t len = i - start;
			/* "Q1" written as "1Q"? no; digits then letters is not a period word */
			if (i < n && is_alpha(s[i]))
				return 0;
			if (len == 4 || len == 6 || len == 8) {
				int y = (s[start] - '0') * 10 + (s[start + 1] - '0');
				if (y != 19 && y != 20)
					return 0;
				years++;
			} else if (len == 2 || len == 1) {
				two_digit++;
			} else {
				return 0;
			}
		} else {
			while (i < n && is_alpha(s[i]))
				i++;
			const char *w = s + start;
			size_t len = i - start;
			if (is_month_word(w, len)) {
				calendarish++;
				continue;
			}
			/* Q1, T2, W05, FY */
			if (len == 1 && i < n && is_digit(s[i]) &&
			    (lower(*w) == 'q' || lower(*w) == 't' || lower(*w) == 'w')) {
				size_t d = i;
				while (i < n && is_digit(s[i]))
					i++;
				if (i - d > 2)
					return 0;
				calendarish++;
				continue;
			}
			if (word_is(w, len, "fy") || word_is(w, len, "quarter") || word_is(w, len, "term") ||
			    word_is(w, len, "week"))
				continue;
			return 0;
		}
	}
	if (years)
		return 1;
	/* "Apr-16", "Q1 17/18", "17/18", "30/06/19" */
	return two_digit >= 1 && (calendarish || two_digit >= 2);
}

/* The symbols the DfE and the GSS write for a figure that is not given
 * (c suppressed, x not available, z not applicable, u low reliability, k and
 * low rounding to zero, : and .. not available, . not applicable), and those
 * of spreadsheets.  Syntax only: kpi-normalise gives them their meaning. */
static int is_symbol(const char *s, size_t n)
{
	static const char *const symbols[] = {
		"c", "z", "x", "u", "k", "low", ".", "..", ":", "-", "*", "na", "n/a", "#value!", "#div/0!"};
	for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++)
		if (word_is(s, n, symbols[i]))
			return 1;
	return 0;
}

/* A number as people write it: "1,234", "-3.5", "23.5%", "01:07", "£12", "1e5". */
static int is_number(const char *s, size_t n)
{
	size_t i = 0, digits = 0;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA3)
		i += 2; /* £ */
	for (; i < n; i++) {
		if (is_digit(s[i]))
			digits++;
		else if (s[i] != ',' && s[i] != '.' && s[i] != ':' && !(s[i] == '%' && i == n - 1) &&
			 !((s[i] == 'e' || s[i] == 'E') && digits))
			return 0;
	}
	return digits > 0;
}

/* Numbers, and the symbols that stand beside or for them: bare ("c"), in
 * brackets ("[c]", "[low]") and as a flag after a number ("12u", "12 u").
 * An empty cell counts: a measure may be blank. */
int looks_like_measure(const char *s, size_t n)
{
	trim(&s, &n);
	if (n == 0 || is_symbol(s, n))
		return 1;
	if (n >= 3 && s[0] == '[' && s[n - 1] == ']') {
		const char *in = s + 1;
		size_t m = n - 2;
		trim(&in, &m);
		return m > 0 && is_symbol(in, m);
	}
	if (n >= 2 && lower(s[n - 1]) == 'u') {
		const char *num = s;
		size_t m = n - 1;
		trim(&num, &m);
		return is_number(num, m);
	}
	return is_number(s, n);
}

static int is_sep(char c)
{
	return c == ' ' || c == '_' || c == '-' || c == '.' || c == '/';
}

/* A year as headers write it, ending at S[n]: "2007", "201920", "2019/20",
 * "2019-2020".  Returns where it starts, or n when there is none. */
static size_t year_before(const char *s, size_t n)
{
	size_t d = n;
	while (d > 0 && is_digit(s[d - 1]))
		d--;
	size_t len = n - d;
	int century = len >= 4 && ((s[d] == '1' && s[d + 1] == '9') || (s[d] == '2' && s[d + 1] == '0'));
	if ((len == 2 || len == 4) && d >= 5 && (s[d - 1] == '/' || s[d - 1] == '-')) {
		size_t y = d - 1;
		while (y > 0 && is_digit(s[y - 1]))
			y--;
		if (d - 1 - y == 4 && ((s[y] == '1' && s[y + 1] == '9') || (s[y] == '2' && s[y + 1] == '0')))
			return y;
	}
	if ((len == 4 || len == 6) && century)
		return d;
	return n;
}

int header_period(const char *s, size_t n, size_t *period_at, size_t *year_at)
{
	size_t y = year_before(s, n);
	if (y == n || y == 0 || is_digit(s[y - 1]))
		return 0;
	size_t p = y;
	/* a month just before the year belongs to the period: "CLA_Mar2014", "at March 2014" */
	size_t w = y;
	if (w > 0 && is_sep(s[w - 1]) && w >= 2 && is_alpha(s[w - 2]))
		w--;
	size_t a = w;
	while (a > 0 && is_alpha(s[a - 1]))
		a--;
	if (a < w && is_month_word(s + a, w - a) && (a == 0 || !is_alpha(s[a - 1])))
		p = a;
	/* what is left must name something: "2014" alone is a period, not a measure */
	int named = 0;
	for (size_t i = 0; i < p; i++)
		if (is_alpha(s[i]) || is_digit(s[i]))
			named = 1;
	if (!named)
		return 0;
	*period_at = p;
	*year_at = y;
	return 1;
}
