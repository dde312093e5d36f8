/* column_class.c: what a column holds, from its words and EES metadata
 * (column_class.h). */
#include "kpi/column_class.h"
#include <ctype.h>
#include <string.h>

/* Whether the folded word W[0..n) is WORD. */
static int word_is(const char *w, size_t n, const char *word)
{
	return strlen(word) == n && memcmp(w, word, n) == 0;
}

kpi_col_class kpi_column_class(const char *text, size_t n, const char *indicator_unit,
			       const char *indicator_dp)
{
	if (indicator_unit && (strcmp(indicator_unit, "%") == 0))
		return KPI_COL_PERCENT;
	if (indicator_unit && (strcmp(indicator_unit, "\xc2\xa3") == 0 ||
			       strcmp(indicator_unit, "\xc2\xa3m") == 0 || strcmp(indicator_unit, "pp") == 0))
		return KPI_COL_OTHER;
	/* the words: runs of ASCII letters and digits, lowered */
	int percent = memchr(text, '%', n) != NULL, count = 0, prev_total = 0;
	char w[16];
	size_t i = 0;
	while (i < n) {
		size_t len = 0;
		while (i < n && (isalnum((unsigned char)text[i]) && (unsigned char)text[i] < 0x80)) {
			if (len < sizeof w)
				w[len] = (char)tolower((unsigned char)text[i]);
			len++;
			i++;
		}
		if (len && len <= sizeof w) {
			if (word_is(w, len, "percent") || word_is(w, len, "percentage") ||
			    word_is(w, len, "pc") || word_is(w, len, "pct") || word_is(w, len, "rate"))
				percent = 1;
			else if (word_is(w, len, "number") || word_is(w, len, "count") ||
				 word_is(w, len, "headcount") || word_is(w, len, "fte") ||
				 (prev_total && word_is(w, len, "eligible")))
				count = 1;
			prev_total = word_is(w, len, "total");
		} else if (len) {
			prev_total = 0;
		}
		while (i < n && !(isalnum((unsigned char)text[i]) && (unsigned char)text[i] < 0x80))
			i++;
	}
	if (percent)
		return KPI_COL_PERCENT;
	if (count)
		return KPI_COL_COUNT;
	if (indicator_unit && !*indicator_unit && indicator_dp && strcmp(indicator_dp, "0") == 0)
		return KPI_COL_COUNT;
	return KPI_COL_UNKNOWN;
}

int kpi_column_fits(kpi_col_class cls, const char *unit)
{
	switch (cls) {
	case KPI_COL_COUNT:
		return strcmp(unit, "percent") != 0;
	case KPI_COL_PERCENT:
		return strcmp(unit, "count") != 0;
	case KPI_COL_OTHER:
		return strcmp(unit, "percent") != 0 && strcmp(unit, "count") != 0;
	default:
		return 1;
	}
}

const char *kpi_column_class_name(kpi_col_class cls)
{
	switch (cls) {
	case KPI_COL_COUNT:
		return "a count";
	case KPI_COL_PERCENT:
		return "a percent";
	case KPI_COL_OTHER:
		return "money or percentage points";
	default:
		return "";
	}
}
