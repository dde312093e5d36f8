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
 * "date" period. */
#include "kpi/period.h"
#include "period_cal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MAX_TEXT 96  /* longer texts are not periods */
#define MAX_TOK 12

#define EXPECTED "expected a month like Jun-17 or 2017-06, a quarter like Q1 2017 or " \
	"2017/18 Q1, a year like 2016/17 or 2017, a term like Autumn 2016/17, or an ISO " \
	"week like 2017-W05"

typedef struct {
	char shape;  /* see above */
	int val;     /* number value, month 1-12, term 1-3 */
	int len;     /* digits in a number */
} token;

typedef struct {
	const char *text;  /* trimmed, not NUL-terminated */
	size_t textlen;    /* the part being parsed */
	size_t shownlen;   /* the part quoted in messages (with any time of day) */
	char *err;
	size_t errsz;
	token tok[MAX_TOK];
	char shape[MAX_TOK + 1];
	int ntok;
	int as_at;         /* "as at ..." seen */
	int year_type;     /* -1 unset, else kpi_year_type */
	int calendar;      /* "calendar year" */
	int saw_term_word; /* "term" */
	int had_time;      /* a time of day was cut off: only a day may precede it */
	int was_day;       /* the period was read from a day */
} ctx;

/* ---- messages ------------------------------------------------------------ */

/* The text for a message: at most 60 bytes (whole UTF-8 characters), control
 * characters shown as '?'. */
static void quoted(const ctx *c, char out[72])
{
	size_t n = c->shownlen, i;
	int cut = 0;
	if (n > 60) {
		n = 60;
		while (n > 0 && ((unsigned char)c->text[n] & 0xC0) == 0x80)
			n--;
		cut = 1;
	}
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)c->text[i];
		out[i] = ch < 0x20 || ch == 0x7F ? '?' : (char)ch;
	}
	if (cut) {
		memcpy(out + i, "...", 3);
		i += 3;
	}
	out[i] = '\0';
}

static int fail(ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(ctx *c, const char *fmt, ...)
{
	if (c->err && c->errsz) {
		char q[72], why[160];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(why, sizeof why, fmt, ap);
		va_end(ap);
		quoted(c, q);
		snprintf(c->err, c->errsz, "invalid period \"%s\": %s", q, why);
	}
	return -1;
}

static int unrecognised(ctx *c)
{
	if (c->err && c->errsz) {
		char q[72];
		quoted(c, q);
		if (c->shownlen == 0)
			snprintf(c->err, c->errsz, "empty period (" EXPECTED ")");
		else
			snprintf(c->err, c->errsz, "unrecognised period \"%s\" (" EXPECTED ")", q);
	}
	return -1;
}

/* ---- words --------------------------------------------------------------- */

enum { W_NONE, W_MONTH, W_QUARTER, W_WEEK, W_TERMNAME, W_TMARK, W_ORDINAL,
       W_PREFIX, W_TERM, W_YEAR, W_FIN, W_ACAD, W_CAL };

static const struct word { const char *w; unsigned char kind, val; } words[] = {
	{ "jan", W_MONTH, 1 }, { "january", W_MONTH, 1 }, { "feb", W_MONTH, 2 },
	{ "february", W_MONTH, 2 }, { "mar", W_MONTH, 3 }, { "march", W_MONTH, 3 },
	{ "apr", W_MONTH, 4 }, { "april", W_MONTH, 4 }, { "may", W_MONTH, 5 },
	{ "jun", W_MONTH, 6 }, { "june", W_MONTH, 6 }, { "jul", W_MONTH, 7 },
	{ "july", W_MONTH, 7 }, { "aug", W_MONTH, 8 }, { "august", W_MONTH, 8 },
	{ "sep", W_MONTH, 9 }, { "sept", W_MONTH, 9 }, { "september", W_MONTH, 9 },
	{ "oct", W_MONTH, 10 }, { "october", W_MONTH, 10 }, { "nov", W_MONTH, 11 },
	{ "november", W_MONTH, 11 }, { "dec", W_MONTH, 12 }, { "december", W_MONTH, 12 },
	{ "q", W_QUARTER, 0 }, { "qtr", W_QUARTER, 0 }, { "quarter", W_QUARTER, 0 },
	{ "w", W_WEEK, 0 }, { "wk", W_WEEK, 0 }, { "week", W_WEEK, 0 },
	{ "autumn", W_TERMNAME, 1 }, { "spring", W_TERMNAME, 2 }, { "summer", W_TERMNAME, 3 },
	{ "t", W_TMARK, 0 },
	{ "st", W_ORDINAL, 0 }, { "nd", W_ORDINAL, 0 }, { "rd", W_ORDINAL, 0 }, { "th", W_ORDINAL, 0 },
	{ "as", W_PREFIX, 0 }, { "at", W_PREFIX, 0 }, { "of", W_PREFIX, 0 }, { "the", W_PREFIX, 0 },
	{ "end", W_PREFIX, 0 }, { "period", W_PREFIX, 0 }, { "ending", W_PREFIX, 0 },
	{ "term", W_TERM, 0 }, { "year", W_YEAR, 0 }, { "yr", W_YEAR, 0 },
	{ "financial", W_FIN, 0 }, { "fy", W_FIN, 0 }, { "academic", W_ACAD, 0 },
	{ "ay", W_ACAD, 0 }, { "calendar", W_CAL, 0 }, { "reporting", W_CAL, 0 },
};

static const struct word *find_word(const char *w, size_t n)
{
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strncmp(words[i].w, w, n) == 0 && words[i].w[n] == '\0')
			return &words[i];
	return NULL;
}

static int is_digit(unsigned char ch)
{
	return ch >= '0' && ch <= '9';
}

static int is_alpha(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* Length of a separator at s (0 if none): ASCII ones, NBSP, en and em dash. */
static size_t separator(const unsigned char *s, const unsigned char *end)
{
	if (*s == ' ' || *s == '\t' || *s == '-' || *s == '.' || *s == ',' || *s == '_' || *s == '\'')
		return 1;
	if (s + 1 < end && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (s + 2 < end && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x93 || s[2] == 0x94))
		return 3;
	return 0;
}

/* Cuts the text into tokens; 0, or -1 (unrecognised). */
static int tokenise(ctx *c)
{
	const unsigned char *s = (const unsigned char *)c->text, *end = s + c->textlen;
	int leading = 1;  /* still in the "as at the end of" prefix */
	int prev_number_adjacent = 0;
	c->ntok = 0;
	while (s < end) {
		size_t sep = separator(s, end);
		if (sep) {
			s += sep;
			prev_number_adjacent = 0;
			continue;
		}
		if (c->ntok == MAX_TOK)
			return -1;
		token *t = &c->tok[c->ntok];
		if (is_digit(*s)) {
			long v = 0;
			int n = 0;
			while (s < end && is_digit(*s)) {
				if (n < 9)
					v = v * 10 + (*s - '0');
				n++;
				s++;
			}
			t->val = (int)v;
			t->len = n;
			t->shape = n == 1 ? '1' : n == 2 ? '2' : n == 4 ? '4' : n == 6 ? '6' : n == 8 ? '8' : 'x';
			c->ntok++;
			leading = 0;
			prev_number_adjacent = 1;
			continue;
		}
		if (*s == '/') {
			t->shape = '/';
			t->val = t->len = 0;
			c->ntok++;
			s++;
			leading = 0;
			prev_number_adjacent = 0;
			continue;
		}
		if (!is_alpha(*s))
			return -1;
		char w[12];
		size_t n = 0;
		while (s < end && is_alpha(*s)) {
			if (n == sizeof w)
				return -1;
			w[n++] = (char)(*s | 0x20);
			s++;
		}
		const struct word *wd = find_word(w, n);
		if (!wd)
			return -1;
		int after_number = prev_number_adjacent;
		prev_number_adjacent = 0;
		switch (wd->kind) {
		case W_PREFIX:
			if (!leading)
				return -1;
			c->as_at = 1;
			continue;
		case W_ORDINAL:  /* 31st: only straight after a number */
			if (!after_number)
				return -1;
			continue;
		case W_TERM:
			c->saw_term_word = 1;
			continue;
		case W_YEAR:
			continue;
		case W_FIN:
			c->year_type = KPI_YEAR_FINANCIAL;
			continue;
		case W_ACAD:
			c->year_type = KPI_YEAR_ACADEMIC;
			continue;
		case W_CAL:
			c->calendar = 1;
			continue;
		default:
			break;
		}
		leading = 0;
		t->val = wd->val;
		t->len = 0;
		t->shape = wd->kind == W_MONTH ? 'M' : wd->kind == W_QUARTER ? 'Q'
			: wd->kind == W_WEEK ? 'W' : wd->kind == W_TERMNAME ? 'T' : 't';
		c->ntok++;
	}
	for (int i = 0; i < c->ntok; i++)
		c->shape[i] = c->tok[i].shape;
	c->shape[c->ntok] = '\0';
	return 0;
}

/* Pattern characters: 'd' a 1-2 digit number, 'y' a 2- or 4-digit number,
 * anything else itself. */
static int match(const char *shape, const char *pat)
{
	for (; *pat; pat++, shape++) {
		if (*shape == '\0')
			return 0;
		if (*pat == 'd') {
			if (*shape != '1' && *shape != '2')
				return 0;
		} else if (*pat == 'y') {
			if (*shape != '2' && *shape != '4')
				return 0;
		} else if (*pat != *shape) {
			return 0;
		}
	}
	return *shape == '\0';
}

/* ---- checks -------------------------------------------------------------- */

/* A year token: two digits mean 2000-2069 or 1970-1999. */
static int year_of(const token *t)
{
	if (t->len <= 2)
		return t->val < 70 ? 2000 + t->val : 1900 + t->val;
	return t->val;
}

static int check_year(ctx *c, int y)
{
	if (y < 1000 || y > 9999)
		return fail(c, "year %d is out of range (1000-9999)", y);
	return 0;
}

/* "2016/17", "16/17", "2016/2017": the first year, or -1. */
static int split_year(ctx *c, const token *a, const token *b)
{
	int y = year_of(a);
	int ok = b->len == 4 ? b->val == y + 1 : b->val == (y + 1) % 100;
	if (!ok) {
		if (b->len == 4 || a->len == 4)
			return fail(c, "%0*d does not follow %0*d (a year is written like 2016/17)",
				    b->len, b->val, a->len, a->val);
		return fail(c, "%02d does not follow %02d (a year is written like 2016/17)", b->val, a->val);
	}
	if (y < 1000 || y > 9998)
		return fail(c, "year %d is out of range (1000-9998)", y);
	return y;
}

static int set(kpi_period *out, kpi_period_type type, int year, int sub, int day)
{
	out->type = type;
	out->year = year;
	out->sub = sub;
	out->day = day;
	return 0;
}

static int month_period(ctx *c, int y, int m, kpi_period *out)
{
	if (check_year(c, y))
		return -1;
	if (m < 1 || m > 12)
		return fail(c, "there is no month %d", m);
	return set(out, KPI_PT_MONTH, y, m, 0);
}

/* A day: its month when it is the month's last day (or after "as at", or with
 * FIRST_IS_MONTH its first day), else a date. */
static int day_period(ctx *c, int y, int m, int d, int first_is_month, kpi_period *out)
{
	if (check_year(c, y))
		return -1;
	if (m < 1 || m > 12)
		return fail(c, "there is no month %d", m);
	int dim = kpi_pc_days_in_month(y, m);
	if (d < 1 || d > dim)
		return fail(c, "day %d is not in %s %d", d, kpi_pc_month_long[m], y);
	c->was_day = 1;
	if (c->as_at || d == dim || (first_is_month && d == 1))
		return set(out, KPI_PT_MONTH, y, m, 0);
	return set(out, KPI_PT_DATE, y, m, d);
}

static kpi_period_type year_kind(const ctx *c, const kpi_period_opts *o)
{
	int yt = c->year_type >= 0 ? c->year_type : (int)o->year_type;
	return yt == KPI_YEAR_ACADEMIC ? KPI_PT_ACADEMIC_YEAR : KPI_PT_FINANCIAL_YEAR;
}

static int split_year_period(ctx *c, const token *a, const token *b, const kpi_period_opts *o,
			     kpi_period *out)
{
	int y = split_year(c, a, b);
	if (y < 0)
		return -1;
	return set(out, year_kind(c, o), y, 0, 0);
}

static int quarter_period(ctx *c, kpi_period_type type, int y, int q, kpi_period *out)
{
	if (check_year(c, y))
		return -1;
	if (q < 1 || q > 4)
		return fail(c, "there is no quarter %d", q);
	return set(out, type, y, q, 0);
}

static int term_period(ctx *c, int y, int t, kpi_period *out)
{
	if (t < 1 || t > 3)
		return fail(c, "there is no term %d", t);
	return set(out, KPI_PT_TERM, y, t, 0);
}

static int week_period(ctx *c, int y, int w, kpi_period *out)
{
	if (check_year(c, y))
		return -1;
	if (w < 1 || w > 53)
		return fail(c, "there is no week %d", w);
	if (w > kpi_pc_iso_weeks(y))
		return fail(c, "%d has 52 ISO weeks", y);
	return set(out, KPI_PT_WEEK, y, w, 0);
}

/* "Apr-Jun": the quarter the two months span, financial or calendar. */
static int months_quarter(ctx *c, int m1, int m2, int financial)
{
	int first = financial ? 4 : 1;
	if ((m2 - m1 + 12) % 12 != 2 || (m1 - first + 12) % 3 != 0)
		return fail(c, "%s-%s is not a quarter", kpi_pc_month_short[m1], kpi_pc_month_short[m2]);
	return (m1 - first + 12) % 12 / 3 + 1;
}

/* YYYY then a number N written after '-' or '/': a month or a split year.
 * Consecutive years win with '/' ("2011/12" is a year) and when N is not a
 * month; otherwise N is the month ("2011-12" is December 2011). */
static int year_then_number(ctx *c, const token *a, const token *b, int slash,
			    const kpi_period_opts *o, kpi_period *out)
{
	int consecutive = b->len == 2 && b->val == (a->val + 1) % 100;
	if (consecutive && (slash || b->val < 1 || b->val > 12))
		return split_year_period(c, a, b, o, out);
	if (b->val >= 1 && b->val <= 12)
		return month_period(c, a->val, b->val, out);
	/* neither: say what it most looks like */
	if (b->len == 2 && b->val > a->val % 100)
		return split_year(c, a, b);
	return fail(c, "there is no month %d", b->val);
}

/* ---- the patterns -------------------------------------------------------- */

static int parse_tokens(ctx *c, const kpi_period_opts *o, kpi_period *out)
{
	const char *sh = c->shape;
	const token *t = c->tok;
	int q;

	if (c->saw_term_word && !strchr(sh, 'T'))
		return unrecognised(c);
	/* numbers only */
	if (match(sh, "4")) {
		if (c->year_type >= 0 && !c->calendar)
			return fail(c, "a financial or academic year is written like 2016/17");
		if (check_year(c, t[0].val))
			return -1;
		return set(out, KPI_PT_YEAR, t[0].val, 0, 0);
	}
	if (match(sh, "6")) {  /* 201617 or 201706 */
		token a = { '4', t[0].val / 100, 4 }, b = { '2', t[0].val % 100, 2 };
		if (b.val == (a.val + 1) % 100)
			return split_year_period(c, &a, &b, o, out);
		if (b.val >= 1 && b.val <= 12)
			return month_period(c, a.val, b.val, out);
		return fail(c, "neither a year like 201617 nor a month like 201706");
	}
	if (match(sh, "8"))    /* 20170630 */
		return day_period(c, t[0].val / 10000, t[0].val / 100 % 100, t[0].val % 100, 0, out);
	if (match(sh, "4d"))
		return year_then_number(c, &t[0], &t[1], 0, o, out);
	if (match(sh, "4/d"))
		return year_then_number(c, &t[0], &t[2], 1, o, out);
	if (match(sh, "4/4"))
		return split_year_period(c, &t[0], &t[2], o, out);
	if (match(sh, "44"))
		return split_year_period(c, &t[0], &t[1], o, out);
	if (match(sh, "d/4"))
		return month_period(c, t[2].val, t[0].val, out);
	if (match(sh, "d4"))
		return month_period(c, t[1].val, t[0].val, out);
	if (match(sh, "d/2") || match(sh, "d2")) {  /* 16/17 or 06/17 */
		const token *b = &t[sh[1] == '/' ? 2 : 1];
		if (b->val == (t[0].val + 1) % 100 || t[0].val < 1 || t[0].val > 12)
			return split_year_period(c, &t[0], b, o, out);
		return month_period(c, year_of(b), t[0].val, out);
	}
	if (match(sh, "d/d/y"))
		return day_period(c, year_of(&t[4]), t[2].val, t[0].val, 0, out);
	if (match(sh, "ddy"))
		return day_period(c, year_of(&t[2]), t[1].val, t[0].val, 0, out);
	if (match(sh, "4dd"))
		return day_period(c, t[0].val, t[1].val, t[2].val, 0, out);
	if (match(sh, "4/d/d"))
		return day_period(c, t[0].val, t[2].val, t[4].val, 0, out);
	/* month names */
	if (match(sh, "My") || match(sh, "M/y"))
		return month_period(c, year_of(&t[sh[1] == '/' ? 2 : 1]), t[0].val, out);
	if (match(sh, "dMy"))
		return day_period(c, year_of(&t[2]), t[1].val, t[0].val, 0, out);
	if (match(sh, "Md4"))
		return day_period(c, t[2].val, t[0].val, t[1].val, 0, out);
	if (match(sh, "MMy")) {  /* Jan-Mar 2017 */
		if ((q = months_quarter(c, t[0].val, t[1].val, 0)) < 0)
			return -1;
		return quarter_period(c, KPI_PT_QUARTER, year_of(&t[2]), q, out);
	}
	if (match(sh, "MMy/y") || match(sh, "MMy/yQd")) {  /* Jul-Sep 22/23 Q2 */
		int y = split_year(c, &t[2], &t[4]);
		if (y < 0 || (q = months_quarter(c, t[0].val, t[1].val, 1)) < 0)
			return -1;
		if (c->ntok == 7 && t[6].val != q)
			return fail(c, "%s-%s is quarter %d of the financial year, not quarter %d",
				    kpi_pc_month_short[t[0].val], kpi_pc_month_short[t[1].val], q, t[6].val);
		return quarter_period(c, KPI_PT_FINANCIAL_QUARTER, y, q, out);
	}
	/* quarters */
	if (match(sh, "Qdy"))
		return quarter_period(c, KPI_PT_QUARTER, year_of(&t[2]), t[1].val, out);
	if (match(sh, "yQd"))
		return quarter_period(c, KPI_PT_QUARTER, year_of(&t[0]), t[2].val, out);
	if (match(sh, "Qdy/y") || match(sh, "Qdyy")) {
		int y = split_year(c, &t[2], &t[sh[3] == '/' ? 4 : 3]);
		return y < 0 ? -1 : quarter_period(c, KPI_PT_FINANCIAL_QUARTER, y, t[1].val, out);
	}
	if (match(sh, "y/yQd") || match(sh, "yyQd")) {
		int slash = sh[1] == '/';
		int y = split_year(c, &t[0], &t[slash ? 2 : 1]);
		return y < 0 ? -1 : quarter_period(c, KPI_PT_FINANCIAL_QUARTER, y, t[slash ? 4 : 3].val, out);
	}
	/* terms */
	if (match(sh, "Ty/y") || match(sh, "Tyy")) {
		int y = split_year(c, &t[1], &t[sh[2] == '/' ? 3 : 2]);
		return y < 0 ? -1 : term_period(c, y, t[0].val, out);
	}
	if (match(sh, "y/yT") || match(sh, "yyT") || match(sh, "y/ytd") || match(sh, "yytd")) {
		int slash = sh[1] == '/';
		int y = split_year(c, &t[0], &t[slash ? 2 : 1]);
		const token *tt = &t[slash ? 3 : 2];
		return y < 0 ? -1 : term_period(c, y, tt->shape == 'T' ? tt->val : tt[1].val, out);
	}
	if (match(sh, "T4")) {  /* Autumn 2016 = 2016/17 T1, Spring 2017 = 2016/17 T2 */
		int y = t[1].val - (t[0].val == 1 ? 0 : 1);
		if (check_year(c, y))
			return -1;
		return term_period(c, y, t[0].val, out);
	}
	/* ISO weeks */
	if (match(sh, "4Wd"))
		return week_period(c, t[0].val, t[2].val, out);
	if (match(sh, "Wd4"))
		return week_period(c, t[2].val, t[1].val, out);
	return unrecognised(c);
}

/* ---- EES time_period + time_identifier ----------------------------------- */

/* TEXT equals WORD ignoring ASCII case. */
static int eq_nocase(const char *text, size_t n, const char *word)
{
	size_t i;
	for (i = 0; i < n && word[i]; i++) {
		unsigned char a = (unsigned char)text[i];
		if (a >= 'A' && a <= 'Z')
			a |= 0x20;
		if (a != (unsigned char)word[i])
			return 0;
	}
	return i == n && word[i] == '\0';
}

/* The day MONTH-DAY of year Y, a date period (a snapshot measure). */
static int snapshot_period(ctx *c, int y, int month, int day, kpi_period *out)
{
	if (month < 1 || month > 12 || day < 1 || day > kpi_pc_days_in_month(y, month))
		return fail(c, "there is no snapshot day %02d-%02d in %d", month, day, y);
	return set(out, KPI_PT_DATE, y, month, day);
}

#define EES_EXPECTED "expected Calendar year, Reporting year, Academic year, Financial year, " \
	"Autumn term, Spring term, Summer term, Week N, Calendar year Q1-Q4, Financial year Q1-Q4 " \
	"or a month name"

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

static int parse_ees(ctx *c, const char *ident, size_t idn, const kpi_period_opts *o,
		     kpi_period *out)
{
	/* what the identifier says, and how the time_period must be written */
	enum { E_YEAR, E_SPLIT } form;
	kpi_period_type type;
	int sub = 0, reporting = 0;
	static const char *const terms[] = { "autumn term", "spring term", "summer term" };

	if (eq_nocase(ident, idn, "calendar year") || eq_nocase(ident, idn, "reporting year")) {
		/* a DfE reporting year ends on 31 March: 2025 is 2024/25 */
		reporting = eq_nocase(ident, idn, "reporting year");
		type = KPI_PT_YEAR;
		form = E_YEAR;
	} else if (eq_nocase(ident, idn, "academic year")) {
		type = KPI_PT_ACADEMIC_YEAR;
		form = E_SPLIT;
	} else if (eq_nocase(ident, idn, "financial year")) {
		type = KPI_PT_FINANCIAL_YEAR;
		form = E_SPLIT;
	} else {
		type = KPI_PT_NONE;
		form = E_YEAR;
		for (int i = 0; i < 3; i++)
			if (eq_nocase(ident, idn, terms[i])) {
				type = KPI_PT_TERM;
				form = E_SPLIT;
				sub = i + 1;
			}
		for (int m = 1; m <= 12 && type == KPI_PT_NONE; m++) {
			/* month names are compared in lower case */
			char lower[12];
			size_t k;
			for (k = 0; kpi_pc_month_long[m][k]; k++)
				lower[k] = (char)(kpi_pc_month_long[m][k] | 0x20);
			lower[k] = '\0';
			if (eq_nocase(ident, idn, lower)) {
				type = KPI_PT_MONTH;
				sub = m;
			}
		}
		if (type == KPI_PT_NONE && idn > 2 && (ident[idn - 2] == 'Q' || ident[idn - 2] == 'q')
		    && ident[idn - 1] >= '1' && ident[idn - 1] <= '4') {
			size_t k = idn - 2;
			while (k && ident[k - 1] == ' ')
				k--;
			if (eq_nocase(ident, k, "calendar year")) {
				type = KPI_PT_QUARTER;
				sub = ident[idn - 1] - '0';
			} else if (eq_nocase(ident, k, "financial year")) {
				type = KPI_PT_FINANCIAL_QUARTER;
				form = E_SPLIT;
				sub = ident[idn - 1] - '0';
			}
		}
		if (type == KPI_PT_NONE && idn > 4 && eq_nocase(ident, 4, "week")) {
			size_t k = 4;
			int w = 0, nd = 0;
			while (k < idn && ident[k] == ' ')
				k++;
			while (k < idn && is_digit((unsigned char)ident[k]) && nd < 3) {
				w = w * 10 + (ident[k++] - '0');
				nd++;
			}
			if (nd && k == idn) {
				type = KPI_PT_WEEK;
				sub = w;
			}
		}
	}
	char q[72];
	ctx ic = *c;  /* to quote the identifier */
	ic.text = ident;
	ic.textlen = ic.shownlen = idn;
	quoted(&ic, q);
	if (type == KPI_PT_NONE) {
		if (c->err && c->errsz) {
			char qp[72];
			quoted(c, qp);
			snprintf(c->err, c->errsz, "unknown time_identifier \"%s\" for period \"%s\" ("
				 EES_EXPECTED ")", q, qp);
		}
		return -1;
	}
	int six = c->textlen == 6, four = c->textlen == 4;
	for (size_t i = 0; i < c->textlen; i++)
		if (!is_digit((unsigned char)c->text[i]))
			six = four = 0;
	if (form == E_SPLIT ? !six : !four)
		return fail(c, "with time_identifier \"%s\" the period is written like %s", q,
			    form == E_SPLIT ? "202324" : "2024");
	int v = 0;
	for (size_t i = 0; i < c->textlen; i++)
		v = v * 10 + (c->text[i] - '0');
	if (form == E_SPLIT) {
		token a = { '4', v / 100, 4 }, b = { '2', v % 100, 2 };
		int y = split_year(c, &a, &b);
		if (y < 0)
			return -1;
		if (type == KPI_PT_TERM)
			return term_period(c, y, sub, out);
		if (type == KPI_PT_FINANCIAL_QUARTER)
			return quarter_period(c, type, y, sub, out);
		return set(out, type, y, 0, 0);
	}
	switch (type) {
	case KPI_PT_MONTH:
		return month_period(c, v, sub, out);
	case KPI_PT_QUARTER:
		return quarter_period(c, type, v, sub, out);
	case KPI_PT_WEEK:
		return week_period(c, v, sub, out);
	default:
		if (check_year(c, v))
			return -1;
		if (o->snapshot_month)
			return snapshot_period(c, v, o->snapshot_month, o->snapshot_day, out);
		if (reporting)
			return v - 1 < 1000 ? fail(c, "year %d is out of range (1001-9999)", v)
					    : set(out, KPI_PT_FINANCIAL_YEAR, v - 1, 0, 0);
		return set(out, KPI_PT_YEAR, v, 0, 0);
	}
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
		return fail(c, "Excel serial date %.*s is out of range (1-2958465)", (int)n, c->text);
	/* Excel counts 1900 as a leap year: serial 60 is 29 February 1900. */
	if (v == 60)
		return fail(c, "Excel serial date 60 is 29 February 1900, which did not exist");
	long days = kpi_pc_days_from_civil(1899, 12, v < 60 ? 31 : 30) + v;
	long y;
	int m, d;
	kpi_pc_civil_from_days(days, &y, &m, &d);
	return day_period(c, (int)y, m, d, 1, out);
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
			return parse_ees(&c, ident, idn, o, out);
	}
	if (c.textlen == 0 || c.textlen > MAX_TEXT)
		return unrecognised(&c);
	if (o->column_is_date && is_serial(&c))
		return parse_serial(&c, out);
	c.had_time = cut_time(&c);
	if (tokenise(&c) < 0 || c.ntok == 0)
		return unrecognised(&c);
	int rc = parse_tokens(&c, o, out);
	if (rc == 0 && c.had_time && !c.was_day)
		return unrecognised(&c);
	return rc;
}
