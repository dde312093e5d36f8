/* period_parse.h: the parts of the parser of written periods (private to
 * lib/): the state of one parse (the text, its tokens and shape, what the
 * words around it said), the checked making of a period from its parts
 * and the messages (period_checks.c), the tokens (period_tokens.c), the
 * patterns of tokens (period_patterns.c) and the EES time_identifier
 * forms (period_ees.c); kpi_period_parse itself is period_parse.c. */
#ifndef KPI_PERIOD_PARSE_H
#define KPI_PERIOD_PARSE_H
#include <stddef.h>
#include "kpi/period.h"
#include "period_cal.h"

#define MAX_TEXT 96  /* longer texts are not periods */
#define MAX_TOK 12

typedef struct {
	char shape;  /* see above */
	int val;     /* number value, month 1-12, term 1-3 */
	int len;     /* digits in a number */
} token;

typedef struct {
	const char *text;  /* trimmed, not NUL-terminated */
	size_t textlen;    /* the part being parsed */
	size_t shownlen;   /* the part kpi_pp_quoted in messages (with any time of day) */
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

/* ---- messages (period_checks.c): each returns -1 ----------------------- */

/* The text for a message: at most 60 bytes (whole UTF-8 characters), control
 * characters shown as '?'. */
void kpi_pp_quoted(const ctx *c, char out[72]);
int kpi_pp_fail(ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "unrecognised period", with the forms expected. */
int kpi_pp_unrecognised(ctx *c);

/* ---- checks: a period from its parts, or a message (period_checks.c) ---- */

static inline int is_digit(unsigned char ch)
{
	return ch >= '0' && ch <= '9';
}

/* A year token: two digits mean 2000-2069 or 1970-1999. */
static inline int year_of(const token *t)
{
	if (t->len <= 2)
		return t->val < 70 ? 2000 + t->val : 1900 + t->val;
	return t->val;
}

static inline int check_year(ctx *c, int y)
{
	if (y < 1000 || y > 9999)
		return kpi_pp_fail(c, "year %d is out of range (1000-9999)", y);
	return 0;
}

/* "2016/17", "16/17", "2016/2017": the first year, or -1. */
int kpi_pp_split_year(ctx *c, const token *a, const token *b);
static inline int set(kpi_period *out, kpi_period_type type, int year, int sub, int day)
{
	out->type = type;
	out->year = year;
	out->sub = sub;
	out->day = day;
	return 0;
}

int kpi_pp_month_period(ctx *c, int y, int m, kpi_period *out);
/* A day: its month when it is the month's last day (or after "as at", or with
 * FIRST_IS_MONTH its first day), else a date. */
int kpi_pp_day_period(ctx *c, int y, int m, int d, int first_is_month, kpi_period *out);
/* A split year, financial or academic (the words, else the options). */
int kpi_pp_split_year_period(ctx *c, const token *a, const token *b, const kpi_period_opts *o,
		      kpi_period *out);
int kpi_pp_quarter_period(ctx *c, kpi_period_type type, int y, int q, kpi_period *out);
int kpi_pp_term_period(ctx *c, int y, int t, kpi_period *out);
int kpi_pp_week_period(ctx *c, int y, int w, kpi_period *out);

/* ---- the parse ------------------------------------------------------------ */

/* Cuts the text into tokens; 0, or -1 (kpi_pp_unrecognised) (period_tokens.c). */
int kpi_pp_tokenise(ctx *c);
/* The period the tokens' shape makes (period_patterns.c). */
int kpi_pp_parse_tokens(ctx *c, const kpi_period_opts *o, kpi_period *out);
/* The time_period C with the EES time_identifier IDENT[0..idn) (period_ees.c). */
int kpi_pp_parse_ees(ctx *c, const char *ident, size_t idn, const kpi_period_opts *o, kpi_period *out);

#endif
