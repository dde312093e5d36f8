/* period_parse.c: periods as people and the DfE write them (kpi-normalise).
 *
 * Accepted forms (case-insensitive; spaces around ignored; YY = 20YY for
 * 00-69, 19YY for 70-99; a split year's second year must follow the first):
 *   month    Jun-17  Jun 17  Jun17  June 2017  Jun-2017  Sept 22  2017-06
 *            2017/06  06/2017  06-2017  06/17  201706
 *   day      30/06/2017  30-06-2017  30.06.2017  30/06/17  2017-06-30
 *            2017/06/30  20170630  30 June 2017  30-Jun-17  31st October 2022
 *            June 30 2017, optionally followed by a time (00:00, T00:00:00Z);
 *            "as at", "at", "as of", "end of", "period ending" before a day
 *            or month; Excel serial dates (42916) in a date column
 *   quarter  Q1 2017  2017 Q1  2017-Q1  2017Q1  Q1-17  Quarter 1 2017
 *            Jan-Mar 2017
 *   financial quarter  17/18 Q1  Q1 17/18  2017/18 Q1  2017/18-Q1
 *            Q1 2017/18  Q1 2017-18  2017-18 Q1  Quarter 1 2017/18
 *            Apr-Jun 17/18  Jul-Sep 22/23 Q2
 *   year     2016/17  2016-17  201617  2016/2017  2016-2017  16/17
 *            (financial or academic per year_type, or a "FY", "financial
 *            year", "academic year" before it), 2017 (calendar)
 *   term     Autumn 2016/17  Autumn term 2016/17  2016/17 Autumn term
 *            2016/17-T1  Spring 16/17  Autumn 2016 (= 2016/17 T1)  Spring 2017
 *            (= 2016/17 T2)  Summer 2017 (= 2016/17 T3)
 *   week     2017-W05  2017W05  2017 week 5  Week 5 2017  W5 2017
 *   EES time_period with time_identifier: 2024 + Calendar year, Reporting
 *            year (the year to 31 March 2024: financial year 2023/24),
 *            January..December, Calendar year Q1-Q4, Week N;
 *            202324 + Academic year, Financial year, Financial year Q1-Q4,
 *            Autumn term, Spring term, Summer term.  With a snapshot day
 *            (opts), 2024 + Reporting year or Calendar year is that day of
 *            2024.
 * Readings that could go two ways: YYYY/YY and YYYYYY are years when the
 * second part follows the first (2011/12, 201112), else months (2017/06);
 * YYYY-MM is a month whenever MM is 01-12 (2011-12 is December 2011; write
 * 2011/12 for the year); NN/YY is a year when YY follows NN (16/17), else
 * month/year (06/17).
 *
 * The text is cut into tokens (numbers, words, '/'); other separators
 * (space, '-', '.', ',', '_', en dash, apostrophe) only split tokens.  The
 * token sequence becomes a "shape" string, one character per token:
 *   '1' '2' '4' '6' '8'  a number of that many digits ('x' any other length)
 *   '/'                  a slash
 *   'M' month name   'Q' quarter (q, qtr, quarter)   'W' week (w, wk, week)
 *   'T' autumn/spring/summer   't' the T of "2016/17-T1"
 * and is matched against a short list of patterns, where 'd' stands for a
 * 1-2 digit number and 'y' for a 2- or 4-digit year.  No regex, no malloc.
 *
 * Words that only qualify ("term", "year", "financial", "academic",
 * "calendar", "reporting", "fy", "ay") are dropped, the first two setting the
 * year type; "as at", "at", "as of", "end of", "the", "period ending" before the
 * period are dropped and make a day mean its month.
 *
 * A full date is a month when it is the last day of its month or follows
 * "as at"; an Excel serial date (only with opts->column_is_date) is a month
 * when it is the first or the last day of its month (Excel shows month
 * columns such as "Jun-17" as the first of the month).  Any other day is a
 * "date" period.
 *
 * Here: the entry, trimming, Excel serial dates and times of day; the
 * tokens are period_tokens.c's, the patterns period_patterns.c's, the EES
 * forms period_ees.c's, the checks and messages period_checks.c's. */
#include "period_parse.h"
#include <string.h>

static void trim(const char **s, size_t *n)
{
	while (*n && (**s == ' ' || **s == '\t' || **s == '\r' || **s == '\n')) {
		(*s)++;
		(*n)--;
	}
	while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r'
		      || (*s)[*n - 1] == '\n'))
		(*n)--;
}

/* ---- Excel serial dates --------------------------------------------------- */

/* "42916" or "42916.5" (the time of day is ignored); 1 if TEXT is one. */
static int is_serial(const ctx *c)
{
	size_t i = 0, n = c->textlen;
	while (i < n && is_digit((unsigned char)c->text[i]))
		i++;
	if (i == 0)
		return 0;
	if (i < n && c->text[i] == '.') {
		i++;
		while (i < n && is_digit((unsigned char)c->text[i]))
			i++;
	}
	return i == n;
}

static int parse_serial(ctx *c, kpi_period *out)
{
	long v = 0;
	size_t n = 0;
	while (n < c->textlen && c->text[n] != '.')
		n++;
	for (size_t i = 0; i < n && i < 8; i++)
		v = v * 10 + (c->text[i] - '0');
	if (v < 1 || v > 2958465 || n > 8)
		return kpi_pp_fail(c, "Excel serial date %.*s is out of range (1-2958465)", (int)n, c->text);
	/* Excel counts 1900 as a leap year: serial 60 is 29 February 1900. */
	if (v == 60)
		return kpi_pp_fail(c, "Excel serial date 60 is 29 February 1900, which did not exist");
	long days = kpi_pc_days_from_civil(1899, 12, v < 60 ? 31 : 30) + v;
	long y;
	int m, d;
	kpi_pc_civil_from_days(days, &y, &m, &d);
	return kpi_pp_day_period(c, (int)y, m, d, 1, out);
}

/* ---- times of day ---------------------------------------------------------- */

/* Spreadsheets write dates with a time: "30/06/2017 00:00", "2017-06-30T00:00:00Z".
 * Cuts " hh:mm[:ss[.fff]][Z]" (or "T...") off the end; 1 if it did. */
static int cut_time(ctx *c)
{
	const char *s = c->text;
	size_t n = c->textlen, colon;
	for (colon = 0; colon < n && s[colon] != ':'; colon++)
		;
	if (colon == n)
		return 0;
	size_t h = colon;
	while (h > 0 && is_digit((unsigned char)s[h - 1]) && colon - h < 2)
		h--;
	if (h == colon || h == 0 || (s[h - 1] != ' ' && s[h - 1] != 'T' && s[h - 1] != 't'))
		return 0;
	size_t e = n;
	if (s[e - 1] == 'Z' || s[e - 1] == 'z')
		e--;
	for (size_t i = colon; i < e; i++)
		if (!is_digit((unsigned char)s[i]) && s[i] != ':' && s[i] != '.')
			return 0;
	if (!is_digit((unsigned char)s[e - 1]))
		return 0;
	c->textlen = h - 1;
	while (c->textlen && s[c->textlen - 1] == ' ')
		c->textlen--;
	return 1;
}

/* ---- entry --------------------------------------------------------------- */

int kpi_period_parse(const char *text, const kpi_period_opts *opts, kpi_period *out,
		     char *err, size_t errsz)
{
	static const kpi_period_opts defaults = { KPI_YEAR_FINANCIAL, NULL, 0, 0, 0 };
	const kpi_period_opts *o = opts ? opts : &defaults;
	ctx c;
	c.err = err;
	c.errsz = errsz;
	c.as_at = 0;
	c.year_type = -1;
	c.calendar = 0;
	c.saw_term_word = 0;
	c.had_time = 0;
	c.was_day = 0;
	c.text = text ? text : "";
	c.textlen = strlen(c.text);
	trim(&c.text, &c.textlen);
	/* a no-break space around the text is a space too */
	while (c.textlen >= 2 && (unsigned char)c.text[0] == 0xC2 && (unsigned char)c.text[1] == 0xA0) {
		c.text += 2;
		c.textlen -= 2;
	}
	while (c.textlen >= 2 && (unsigned char)c.text[c.textlen - 2] == 0xC2
	       && (unsigned char)c.text[c.textlen - 1] == 0xA0)
		c.textlen -= 2;
	c.shownlen = c.textlen;

	if (o->time_identifier) {
		const char *ident = o->time_identifier;
		size_t idn = strlen(ident);
		trim(&ident, &idn);
		if (idn)
			return kpi_pp_parse_ees(&c, ident, idn, o, out);
	}
	if (c.textlen == 0 || c.textlen > MAX_TEXT)
		return kpi_pp_unrecognised(&c);
	if (o->column_is_date && is_serial(&c))
		return parse_serial(&c, out);
	c.had_time = cut_time(&c);
	if (kpi_pp_tokenise(&c) < 0 || c.ntok == 0)
		return kpi_pp_unrecognised(&c);
	int rc = kpi_pp_parse_tokens(&c, o, out);
	if (rc == 0 && c.had_time && !c.was_day)
		return kpi_pp_unrecognised(&c);
	return rc;
}
