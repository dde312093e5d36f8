/* period_tokens.c: a written period cut into tokens (numbers, words, '/'),
 * and the shape string of their kinds that the patterns match
 * (period_parse.c says how).  Words that only qualify ("term", "year",
 * "as at", ...) are dropped here, setting what they say in the ctx. */
#include "period_parse.h"
#include <string.h>

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

/* Cuts the text into tokens; 0, or -1 (kpi_pp_unrecognised). */
int kpi_pp_tokenise(ctx *c)
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
