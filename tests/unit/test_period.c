/* test_period.c: lib/period*.c (canonical periods, labels, the calendar,
 * the parser of written forms) */
#include "kpi/period.h"
#include "tap.h"

#include <stdio.h>
#include <string.h>

/* ---- canonical periods: type, bounds, ordinal, labels -------------------- */

struct canon_case {
	const char *text;
	kpi_period_type parse_as;  /* type passed to parse_canonical */
	const char *type;
	const char *start, *end;
	long ordinal;
	const char *shrt, *lng, *as_at;
};

static const struct canon_case canon[] = {
	{ "2017-06", KPI_PT_NONE, "month", "2017-06-01", "2017-06-30", 2017 * 12 + 5,
	  "Jun 17", "June 2017", "30 June 2017" },
	{ "2016-02", KPI_PT_NONE, "month", "2016-02-01", "2016-02-29", 2016 * 12 + 1,
	  "Feb 16", "February 2016", "29 February 2016" },
	{ "2017-02", KPI_PT_MONTH, "month", "2017-02-01", "2017-02-28", 2017 * 12 + 1,
	  "Feb 17", "February 2017", "28 February 2017" },
	{ "2000-02", KPI_PT_NONE, "month", "2000-02-01", "2000-02-29", 2000 * 12 + 1,
	  "Feb 00", "February 2000", "29 February 2000" },
	{ "1900-02", KPI_PT_NONE, "month", "1900-02-01", "1900-02-28", 1900 * 12 + 1,
	  "Feb 00", "February 1900", "28 February 1900" },
	{ "2024-03", KPI_PT_NONE, "month", "2024-03-01", "2024-03-31", 2024 * 12 + 2,
	  "Mar 24", "March 2024", "31 March 2024" },
	{ "2017-Q1", KPI_PT_NONE, "quarter", "2017-01-01", "2017-03-31", 2017 * 4,
	  "Q1 2017", "Quarter 1 2017", "31 March 2017" },
	{ "2017-Q4", KPI_PT_QUARTER, "quarter", "2017-10-01", "2017-12-31", 2017 * 4 + 3,
	  "Q4 2017", "Quarter 4 2017", "31 December 2017" },
	{ "2017/18-Q1", KPI_PT_NONE, "financial_quarter", "2017-04-01", "2017-06-30", 2017 * 4,
	  "Apr-Jun 17/18 Q1", "Quarter 1 (April to June) 2017/18", "30 June 2017" },
	{ "2022/23-Q2", KPI_PT_NONE, "financial_quarter", "2022-07-01", "2022-09-30", 2022 * 4 + 1,
	  "Jul-Sep 22/23 Q2", "Quarter 2 (July to September) 2022/23", "30 September 2022" },
	{ "2023/24-Q4", KPI_PT_FINANCIAL_QUARTER, "financial_quarter", "2024-01-01", "2024-03-31",
	  2023 * 4 + 3, "Jan-Mar 23/24 Q4", "Quarter 4 (January to March) 2023/24", "31 March 2024" },
	{ "1999/00-Q3", KPI_PT_NONE, "financial_quarter", "1999-10-01", "1999-12-31", 1999 * 4 + 2,
	  "Oct-Dec 99/00 Q3", "Quarter 3 (October to December) 1999/00", "31 December 1999" },
	{ "2016/17", KPI_PT_NONE, "financial_year", "2016-04-01", "2017-03-31", 2016,
	  "2016/17", "2016/17", "31 March 2017" },
	{ "2023/24", KPI_PT_FINANCIAL_YEAR, "financial_year", "2023-04-01", "2024-03-31", 2023,
	  "2023/24", "2023/24", "31 March 2024" },
	{ "2016/17", KPI_PT_ACADEMIC_YEAR, "academic_year", "2016-09-01", "2017-08-31", 2016,
	  "2016/17", "2016/17", "31 August 2017" },
	{ "1999/00", KPI_PT_NONE, "financial_year", "1999-04-01", "2000-03-31", 1999,
	  "1999/00", "1999/00", "31 March 2000" },
	{ "2017", KPI_PT_NONE, "year", "2017-01-01", "2017-12-31", 2017,
	  "2017", "2017", "31 December 2017" },
	{ "2016/17-T1", KPI_PT_NONE, "term", "2016-09-01", "2016-12-31", 2016 * 3,
	  "Autumn 2016/17", "Autumn Term 2016/17", "31 December 2016" },
	/* Easter Sunday 2017 was 16 April; 2024 was 31 March */
	{ "2016/17-T2", KPI_PT_NONE, "term", "2017-01-01", "2017-04-16", 2016 * 3 + 1,
	  "Spring 2016/17", "Spring Term 2016/17", "16 April 2017" },
	{ "2016/17-T3", KPI_PT_TERM, "term", "2017-04-17", "2017-08-31", 2016 * 3 + 2,
	  "Summer 2016/17", "Summer Term 2016/17", "31 August 2017" },
	{ "2023/24-T2", KPI_PT_NONE, "term", "2024-01-01", "2024-03-31", 2023 * 3 + 1,
	  "Spring 2023/24", "Spring Term 2023/24", "31 March 2024" },
	{ "2023/24-T3", KPI_PT_NONE, "term", "2024-04-01", "2024-08-31", 2023 * 3 + 2,
	  "Summer 2023/24", "Summer Term 2023/24", "31 August 2024" },
	/* week ordinals: weeks since Monday 1969-12-29 */
	{ "1970-W01", KPI_PT_NONE, "week", "1969-12-29", "1970-01-04", 0,
	  "Week 1 1970", "Week 1 1970", "4 January 1970" },
	{ "2017-W05", KPI_PT_NONE, "week", "2017-01-30", "2017-02-05", 2457,
	  "Week 5 2017", "Week 5 2017", "5 February 2017" },
	{ "2020-W53", KPI_PT_WEEK, "week", "2020-12-28", "2021-01-03", 2661,
	  "Week 53 2020", "Week 53 2020", "3 January 2021" },
	{ "2021-W01", KPI_PT_NONE, "week", "2021-01-04", "2021-01-10", 2662,
	  "Week 1 2021", "Week 1 2021", "10 January 2021" },
	{ "2015-W53", KPI_PT_NONE, "week", "2015-12-28", "2016-01-03", 2400,
	  "Week 53 2015", "Week 53 2015", "3 January 2016" },
	{ "2019-W01", KPI_PT_NONE, "week", "2018-12-31", "2019-01-06", 2557,
	  "Week 1 2019", "Week 1 2019", "6 January 2019" },
	{ "2017-06-30", KPI_PT_NONE, "date", "2017-06-30", "2017-06-30", 17347,
	  "30 Jun 17", "30 June 2017", "30 June 2017" },
	{ "1970-01-01", KPI_PT_DATE, "date", "1970-01-01", "1970-01-01", 0,
	  "1 Jan 70", "1 January 1970", "1 January 1970" },
	{ "1969-12-31", KPI_PT_NONE, "date", "1969-12-31", "1969-12-31", -1,
	  "31 Dec 69", "31 December 1969", "31 December 1969" },
	{ "2024-02-29", KPI_PT_NONE, "date", "2024-02-29", "2024-02-29", 19782,
	  "29 Feb 24", "29 February 2024", "29 February 2024" },
};

static void test_canonical(void)
{
	char buf[KPI_PERIOD_BUFSZ], start[11], end[11], label[64];
	for (size_t i = 0; i < sizeof canon / sizeof canon[0]; i++) {
		const struct canon_case *c = &canon[i];
		kpi_period p;
		tap_case("canonical %s (%s)", c->text, c->type);
		int rc = kpi_period_parse_canonical(c->text, c->parse_as, &p);
		if (!ok(rc == 0, "parse_canonical %s", c->text)) {
			tap_case_end();
			continue;
		}
		is_str(kpi_period_type_name(p.type), c->type, "%s type", c->text);
		int n = kpi_period_format(&p, buf);
		is_str(buf, c->text, "%s format round trip", c->text);
		is_long(n, (long)strlen(c->text), "%s format length", c->text);
		kpi_period_bounds(&p, start, end);
		is_str(start, c->start, "%s start", c->text);
		is_str(end, c->end, "%s end", c->text);
		is_long(kpi_period_ordinal(&p), c->ordinal, "%s ordinal", c->text);
		kpi_period back;
		kpi_period_from_ordinal(p.type, c->ordinal, &back);
		kpi_period_format(&back, buf);
		is_str(buf, c->text, "%s from_ordinal", c->text);
		n = kpi_period_label(&p, KPI_LABEL_SHORT, label, sizeof label);
		is_str(label, c->shrt, "%s short label", c->text);
		is_long(n, (long)strlen(c->shrt), "%s short label length", c->text);
		kpi_period_label(&p, KPI_LABEL_LONG, label, sizeof label);
		is_str(label, c->lng, "%s long label", c->text);
		kpi_period_label(&p, KPI_LABEL_AS_AT, label, sizeof label);
		is_str(label, c->as_at, "%s as-at label", c->text);
		tap_case_end();
	}
}

static void test_not_canonical(void)
{
	static const char *const bad[] = {
		"", "17", "201706", "2017-6", "2017-13", "2017-00", "2017-Q5", "2017-Q0",
		"2016/18", "2016/17-Q5", "2016/17-T4", "2016/17-T0", "2017-W53", "2017-W00",
		"2020-W54", "2017-02-29", "2017-06-31", "2017-06-00", "Jun-17", "2017-06 ",
		" 2017", "2017-q1", "2016/17-t1", "2017-w05", "2016/2017", "2017-06-301",
		"2017/18-Q1x", "2017-W5",
	};
	kpi_period p;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		is_long(kpi_period_parse_canonical(bad[i], KPI_PT_NONE, &p), -1,
			"not canonical: \"%s\"", bad[i]);
	/* a type that does not match the text */
	is_long(kpi_period_parse_canonical("2017-06", KPI_PT_QUARTER, &p), -1, "2017-06 is not a quarter");
	is_long(kpi_period_parse_canonical("2016/17", KPI_PT_TERM, &p), -1, "2016/17 is not a term");
	is_long(kpi_period_parse_canonical("2017", KPI_PT_MONTH, &p), -1, "2017 is not a month");
	is_long(kpi_period_parse_canonical("2017-06-30", KPI_PT_MONTH, &p), -1, "a date is not a month");
	/* leap years */
	ok(kpi_period_parse_canonical("2000-02-29", KPI_PT_NONE, &p) == 0, "2000-02-29 exists");
	ok(kpi_period_parse_canonical("1900-02-29", KPI_PT_NONE, &p) == -1, "1900-02-29 does not");
	ok(kpi_period_parse_canonical("2016-02-29", KPI_PT_NONE, &p) == 0, "2016-02-29 exists");
}

static void test_names(void)
{
	static const char *const names[] = {
		"month", "quarter", "financial_quarter", "financial_year", "academic_year",
		"year", "term", "week", "date",
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		kpi_period_type t = kpi_period_type_from_name(names[i]);
		ok(t != KPI_PT_NONE, "type %s known", names[i]);
		is_str(kpi_period_type_name(t), names[i], "type name %s round trip", names[i]);
	}
	ok(kpi_period_type_name(KPI_PT_NONE) == NULL, "no name for NONE");
	ok(kpi_period_type_from_name("Month") == KPI_PT_NONE, "names are exact");
	ok(kpi_period_type_from_name("fortnight") == KPI_PT_NONE, "unknown name");
	ok(kpi_period_type_from_name(NULL) == KPI_PT_NONE, "NULL name");
	is_long(kpi_period_per_year(KPI_PT_MONTH), 12, "12 months");
	is_long(kpi_period_per_year(KPI_PT_QUARTER), 4, "4 quarters");
	is_long(kpi_period_per_year(KPI_PT_FINANCIAL_QUARTER), 4, "4 financial quarters");
	is_long(kpi_period_per_year(KPI_PT_FINANCIAL_YEAR), 1, "1 financial year");
	is_long(kpi_period_per_year(KPI_PT_ACADEMIC_YEAR), 1, "1 academic year");
	is_long(kpi_period_per_year(KPI_PT_YEAR), 1, "1 year");
	is_long(kpi_period_per_year(KPI_PT_TERM), 3, "3 terms");
	is_long(kpi_period_per_year(KPI_PT_WEEK), 52, "52 weeks");
	is_long(kpi_period_per_year(KPI_PT_DATE), 365, "365 days");
}

/* from_ordinal(ordinal(p)) == p and consecutive ordinals are consecutive periods */
static void test_ordinal_ranges(void)
{
	static const kpi_period_type types[] = {
		KPI_PT_MONTH, KPI_PT_QUARTER, KPI_PT_FINANCIAL_QUARTER, KPI_PT_FINANCIAL_YEAR,
		KPI_PT_ACADEMIC_YEAR, KPI_PT_YEAR, KPI_PT_TERM, KPI_PT_WEEK, KPI_PT_DATE,
	};
	for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
		kpi_period first;
		kpi_period_from_ordinal(types[t], 0, &first);
		long o0 = types[t] == KPI_PT_WEEK ? 1500 : types[t] == KPI_PT_DATE ? -40000
			: types[t] == KPI_PT_MONTH ? 1899 * 12 : types[t] == KPI_PT_TERM ? 1899 * 3
			: types[t] == KPI_PT_QUARTER || types[t] == KPI_PT_FINANCIAL_QUARTER ? 1899 * 4 : 1899;
		int bad = 0, gaps = 0, order = 0;
		char prev_end[11] = "", start[11], end[11], buf[KPI_PERIOD_BUFSZ];
		kpi_period prev = first;
		/* weeks and days: 60000 steps; others: every period from 1899 to 9998 */
		long count = types[t] == KPI_PT_WEEK || types[t] == KPI_PT_DATE ? 60000
			: (9998 - 1899) * (long)kpi_period_per_year(types[t]);
		for (long o = o0; o < o0 + count; o++) {
			kpi_period p, q;
			kpi_period_from_ordinal(types[t], o, &p);
			kpi_period_format(&p, buf);
			if (kpi_period_ordinal(&p) != o || kpi_period_parse_canonical(buf,
			    types[t] == KPI_PT_ACADEMIC_YEAR ? KPI_PT_ACADEMIC_YEAR : KPI_PT_NONE, &q) != 0
			    || q.type != p.type || q.year != p.year || q.sub != p.sub || q.day != p.day)
				bad++;
			kpi_period_bounds(&p, start, end);
			/* each period starts the day after the previous one ends */
			if (o > o0) {
				kpi_period dayafter;
				kpi_period_parse_canonical(prev_end, KPI_PT_DATE, &dayafter);
				kpi_period_from_ordinal(KPI_PT_DATE, kpi_period_ordinal(&dayafter) + 1, &dayafter);
				kpi_period_format(&dayafter, buf);
				if (strcmp(buf, start) != 0)
					gaps++;
				if (kpi_period_cmp(&prev, &p) >= 0 || kpi_period_cmp(&p, &prev) <= 0)
					order++;
			}
			memcpy(prev_end, end, sizeof end);
			prev = p;
		}
		is_long(bad, 0, "%s: ordinal and canonical round trips", kpi_period_type_name(types[t]));
		is_long(gaps, 0, "%s: consecutive ordinals tile the calendar", kpi_period_type_name(types[t]));
		is_long(order, 0, "%s: cmp follows ordinals", kpi_period_type_name(types[t]));
	}
}

static void test_weeks(void)
{
	/* years with 53 ISO weeks, 1990-2040 */
	static const int long_years[] = { 1992, 1998, 2004, 2009, 2015, 2020, 2026, 2032, 2037 };
	size_t k = 0;
	for (int y = 1990; y <= 2040; y++) {
		char text[32];
		kpi_period p;
		int has53 = k < sizeof long_years / sizeof long_years[0] && long_years[k] == y;
		if (has53)
			k++;
		snprintf(text, sizeof text, "%d-W53", y);
		is_long(kpi_period_parse_canonical(text, KPI_PT_NONE, &p), has53 ? 0 : -1, "%s", text);
	}
	kpi_period a, b;
	kpi_period_parse_canonical("2020-W53", KPI_PT_NONE, &a);
	kpi_period_parse_canonical("2021-W01", KPI_PT_NONE, &b);
	is_long(kpi_period_ordinal(&b) - kpi_period_ordinal(&a), 1, "2020-W53 -> 2021-W01 is +1");
	kpi_period_parse_canonical("2019-W52", KPI_PT_NONE, &a);
	kpi_period_parse_canonical("2020-W01", KPI_PT_NONE, &b);
	is_long(kpi_period_ordinal(&b) - kpi_period_ordinal(&a), 1, "2019-W52 -> 2020-W01 is +1");
}

static void test_cmp(void)
{
	kpi_period a, b;
	kpi_period_parse_canonical("2017-04", KPI_PT_NONE, &a);
	kpi_period_parse_canonical("2017/18-Q1", KPI_PT_NONE, &b);
	ok(kpi_period_cmp(&a, &b) < 0, "same start: month before financial quarter (type order)");
	ok(kpi_period_cmp(&b, &a) > 0, "and the other way");
	ok(kpi_period_cmp(&a, &a) == 0, "equal");
	kpi_period_parse_canonical("2016/17", KPI_PT_NONE, &a);
	kpi_period_parse_canonical("2016/17", KPI_PT_ACADEMIC_YEAR, &b);
	ok(kpi_period_cmp(&a, &b) < 0, "FY 2016/17 (April) before AY 2016/17 (September)");
	kpi_period_parse_canonical("2017-06-30", KPI_PT_NONE, &a);
	kpi_period_parse_canonical("2017-07", KPI_PT_NONE, &b);
	ok(kpi_period_cmp(&a, &b) < 0, "30 June before July");
}

static void test_label_truncation(void)
{
	kpi_period p;
	char small[6];
	kpi_period_parse_canonical("2017-06", KPI_PT_NONE, &p);
	int n = kpi_period_label(&p, KPI_LABEL_LONG, small, sizeof small);
	is_long(n, 9, "label returns the full length");
	is_str(small, "June ", "label truncated and terminated");
	p.sub = 13;
	n = kpi_period_label(&p, KPI_LABEL_SHORT, small, sizeof small);
	is_long(n, 0, "invalid period has no label");
	is_str(small, "", "invalid period: empty label");
}


/* ---- written periods ------------------------------------------------------ */

/* TEXT with control and non-ASCII bytes escaped, for test names (one line each) */
static const char *shown(const char *text)
{
	static char out[2][256];
	static int which;
	char *o = out[which ^= 1];
	size_t n = 0;
	for (const unsigned char *s = (const unsigned char *)text; *s && n < sizeof out[0] - 5; s++) {
		if (*s < 0x20 || *s >= 0x7F)
			n += (size_t)snprintf(o + n, 5, "\\x%02X", *s);
		else
			o[n++] = (char)*s;
	}
	o[n] = '\0';
	return o;
}

enum { DEF = 0, ACAD = 1, DATECOL = 2 };

struct parse_case {
	const char *text;
	int opt;            /* DEF, ACAD (year_type academic) or DATECOL (column_is_date) */
	const char *ident;  /* EES time_identifier or NULL */
	const char *canon, *type, *start, *end;
};

static const struct parse_case good[] = {
	/* months */
	{ "Jun-17", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "Jun 17", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "June 2017", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "Jun-2017", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "Sept 22", DEF, NULL, "2022-09", "month", "2022-09-01", "2022-09-30" },
	{ "Sep-22", DEF, NULL, "2022-09", "month", "2022-09-01", "2022-09-30" },
	{ "September 2022", DEF, NULL, "2022-09", "month", "2022-09-01", "2022-09-30" },
	{ "Oct-22", DEF, NULL, "2022-10", "month", "2022-10-01", "2022-10-31" },
	{ "October 22", DEF, NULL, "2022-10", "month", "2022-10-01", "2022-10-31" },
	{ "Jun17", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "Jun/17", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "Jan-70", DEF, NULL, "1970-01", "month", "1970-01-01", "1970-01-31" },
	{ "Dec-69", DEF, NULL, "2069-12", "month", "2069-12-01", "2069-12-31" },
	{ "Mar-00", DEF, NULL, "2000-03", "month", "2000-03-01", "2000-03-31" },
	{ "Feb-99", DEF, NULL, "1999-02", "month", "1999-02-01", "1999-02-28" },
	{ "2017-06", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "2017-6", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "06/2017", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "6/2017", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "06-2017", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "06/17", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "2017/06", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "201706", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "2011-12", DEF, NULL, "2011-12", "month", "2011-12-01", "2011-12-31" },
	/* days: the last day of a month is the month, any other day a date */
	{ "30/06/2017", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "2017-06-30", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "2017/06/30", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "30-06-2017", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "30.06.2017", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "30/06/17", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "20170630", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "30 June 2017", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "30-Jun-17", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "June 30 2017", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "15/06/2017", DEF, NULL, "2017-06-15", "date", "2017-06-15", "2017-06-15" },
	{ "2017-06-15", DEF, NULL, "2017-06-15", "date", "2017-06-15", "2017-06-15" },
	{ "1/6/2017", DEF, NULL, "2017-06-01", "date", "2017-06-01", "2017-06-01" },
	{ "1st June 2017", DEF, NULL, "2017-06-01", "date", "2017-06-01", "2017-06-01" },
	{ "29/06/2017", DEF, NULL, "2017-06-29", "date", "2017-06-29", "2017-06-29" },
	{ "as at 30 June 2017", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "As at 15 June 2017", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "as at 15/06/2017", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "at 31 October 2022", DEF, NULL, "2022-10", "month", "2022-10-01", "2022-10-31" },
	{ "as at the end of October 2022", DEF, NULL, "2022-10", "month", "2022-10-01", "2022-10-31" },
	{ "period ending 31st October 2022", DEF, NULL, "2022-10", "month", "2022-10-01", "2022-10-31" },
	{ "as of 31/03/2024", DEF, NULL, "2024-03", "month", "2024-03-01", "2024-03-31" },
	/* a time of day after a day is ignored */
	{ "30/06/2017 00:00", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "30/06/2017 00:00:00", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "2017-06-30T00:00:00Z", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "2017-06-15T10:30:00.000", DEF, NULL, "2017-06-15", "date", "2017-06-15", "2017-06-15" },
	{ "15/06/2017 9:30", DEF, NULL, "2017-06-15", "date", "2017-06-15", "2017-06-15" },
	/* leap years */
	{ "29/02/2016", DEF, NULL, "2016-02", "month", "2016-02-01", "2016-02-29" },
	{ "28/02/2016", DEF, NULL, "2016-02-28", "date", "2016-02-28", "2016-02-28" },
	{ "28/02/2017", DEF, NULL, "2017-02", "month", "2017-02-01", "2017-02-28" },
	{ "29/02/2000", DEF, NULL, "2000-02", "month", "2000-02-01", "2000-02-29" },
	{ "28/02/1900", DEF, NULL, "1900-02", "month", "1900-02-01", "1900-02-28" },
	{ "2024-02-29", DEF, NULL, "2024-02", "month", "2024-02-01", "2024-02-29" },
	/* Excel serial dates: only in a date column; the 1st or last day is the month */
	{ "42916", DATECOL, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "42887", DATECOL, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "42900", DATECOL, NULL, "2017-06-14", "date", "2017-06-14", "2017-06-14" },
	{ "42900.5", DATECOL, NULL, "2017-06-14", "date", "2017-06-14", "2017-06-14" },
	{ "1", DATECOL, NULL, "1900-01", "month", "1900-01-01", "1900-01-31" },
	{ "59", DATECOL, NULL, "1900-02", "month", "1900-02-01", "1900-02-28" },
	{ "61", DATECOL, NULL, "1900-03", "month", "1900-03-01", "1900-03-31" },
	{ "62", DATECOL, NULL, "1900-03-02", "date", "1900-03-02", "1900-03-02" },
	{ "45382", DATECOL, NULL, "2024-03", "month", "2024-03-01", "2024-03-31" },
	{ "2958465", DATECOL, NULL, "9999-12", "month", "9999-12-01", "9999-12-31" },
	{ "Jun-17", DATECOL, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "30/06/2017", DATECOL, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	/* calendar quarters */
	{ "Q1 2017", DEF, NULL, "2017-Q1", "quarter", "2017-01-01", "2017-03-31" },
	{ "2017 Q1", DEF, NULL, "2017-Q1", "quarter", "2017-01-01", "2017-03-31" },
	{ "2017-Q1", DEF, NULL, "2017-Q1", "quarter", "2017-01-01", "2017-03-31" },
	{ "2017Q4", DEF, NULL, "2017-Q4", "quarter", "2017-10-01", "2017-12-31" },
	{ "Q3-17", DEF, NULL, "2017-Q3", "quarter", "2017-07-01", "2017-09-30" },
	{ "Quarter 2 2017", DEF, NULL, "2017-Q2", "quarter", "2017-04-01", "2017-06-30" },
	{ "Jan-Mar 2017", DEF, NULL, "2017-Q1", "quarter", "2017-01-01", "2017-03-31" },
	/* financial quarters */
	{ "17/18 Q1", DEF, NULL, "2017/18-Q1", "financial_quarter", "2017-04-01", "2017-06-30" },
	{ "Q1 17/18", DEF, NULL, "2017/18-Q1", "financial_quarter", "2017-04-01", "2017-06-30" },
	{ "2017/18 Q1", DEF, NULL, "2017/18-Q1", "financial_quarter", "2017-04-01", "2017-06-30" },
	{ "2017/18-Q1", DEF, NULL, "2017/18-Q1", "financial_quarter", "2017-04-01", "2017-06-30" },
	{ "Q4 2017/18", DEF, NULL, "2017/18-Q4", "financial_quarter", "2018-01-01", "2018-03-31" },
	{ "Q2 2017-18", DEF, NULL, "2017/18-Q2", "financial_quarter", "2017-07-01", "2017-09-30" },
	{ "2017-18 Q3", DEF, NULL, "2017/18-Q3", "financial_quarter", "2017-10-01", "2017-12-31" },
	{ "2017/2018 Q1", DEF, NULL, "2017/18-Q1", "financial_quarter", "2017-04-01", "2017-06-30" },
	{ "Quarter 2 2022/23", DEF, NULL, "2022/23-Q2", "financial_quarter", "2022-07-01", "2022-09-30" },
	{ "Jul-Sep 22/23 Q2", DEF, NULL, "2022/23-Q2", "financial_quarter", "2022-07-01", "2022-09-30" },
	{ "Jan-Mar 23/24", DEF, NULL, "2023/24-Q4", "financial_quarter", "2024-01-01", "2024-03-31" },
	{ "99/00 Q4", DEF, NULL, "1999/00-Q4", "financial_quarter", "2000-01-01", "2000-03-31" },
	{ "Q1 17/18", ACAD, NULL, "2017/18-Q1", "financial_quarter", "2017-04-01", "2017-06-30" },
	/* years */
	{ "2016/17", DEF, NULL, "2016/17", "financial_year", "2016-04-01", "2017-03-31" },
	{ "2016-17", DEF, NULL, "2016/17", "financial_year", "2016-04-01", "2017-03-31" },
	{ "201617", DEF, NULL, "2016/17", "financial_year", "2016-04-01", "2017-03-31" },
	{ "2016/2017", DEF, NULL, "2016/17", "financial_year", "2016-04-01", "2017-03-31" },
	{ "2016-2017", DEF, NULL, "2016/17", "financial_year", "2016-04-01", "2017-03-31" },
	{ "16/17", DEF, NULL, "2016/17", "financial_year", "2016-04-01", "2017-03-31" },
	{ "2011/12", DEF, NULL, "2011/12", "financial_year", "2011-04-01", "2012-03-31" },
	{ "1999/00", DEF, NULL, "1999/00", "financial_year", "1999-04-01", "2000-03-31" },
	{ "1999/2000", DEF, NULL, "1999/00", "financial_year", "1999-04-01", "2000-03-31" },
	{ "2016/17", ACAD, NULL, "2016/17", "academic_year", "2016-09-01", "2017-08-31" },
	{ "2016-17", ACAD, NULL, "2016/17", "academic_year", "2016-09-01", "2017-08-31" },
	{ "201617", ACAD, NULL, "2016/17", "academic_year", "2016-09-01", "2017-08-31" },
	{ "2016/2017", ACAD, NULL, "2016/17", "academic_year", "2016-09-01", "2017-08-31" },
	{ "FY 2016/17", ACAD, NULL, "2016/17", "financial_year", "2016-04-01", "2017-03-31" },
	{ "Financial year 2016/17", ACAD, NULL, "2016/17", "financial_year", "2016-04-01", "2017-03-31" },
	{ "academic year 2016/17", DEF, NULL, "2016/17", "academic_year", "2016-09-01", "2017-08-31" },
	{ "2017", DEF, NULL, "2017", "year", "2017-01-01", "2017-12-31" },
	{ "2017", ACAD, NULL, "2017", "year", "2017-01-01", "2017-12-31" },
	{ "Calendar year 2017", DEF, NULL, "2017", "year", "2017-01-01", "2017-12-31" },
	/* EES time_period + time_identifier */
	{ "202324", DEF, "Academic year", "2023/24", "academic_year", "2023-09-01", "2024-08-31" },
	{ "202324", DEF, "academic YEAR", "2023/24", "academic_year", "2023-09-01", "2024-08-31" },
	{ "2024", DEF, "Calendar year", "2024", "year", "2024-01-01", "2024-12-31" },
	{ "2024", ACAD, "Reporting year", "2023/24", "financial_year", "2023-04-01", "2024-03-31" },
	{ "2025", DEF, "Reporting year", "2024/25", "financial_year", "2024-04-01", "2025-03-31" },
	{ "202324", ACAD, "Financial year", "2023/24", "financial_year", "2023-04-01", "2024-03-31" },
	{ "202324", DEF, "Autumn term", "2023/24-T1", "term", "2023-09-01", "2023-12-31" },
	{ "202324", DEF, "Spring term", "2023/24-T2", "term", "2024-01-01", "2024-03-31" },
	{ "202324", DEF, "Summer term", "2023/24-T3", "term", "2024-04-01", "2024-08-31" },
	{ "2024", DEF, "Week 5", "2024-W05", "week", "2024-01-29", "2024-02-04" },
	{ "2020", DEF, "Week 53", "2020-W53", "week", "2020-12-28", "2021-01-03" },
	{ "2024", DEF, "Calendar year Q2", "2024-Q2", "quarter", "2024-04-01", "2024-06-30" },
	{ "202324", DEF, "Financial year Q4", "2023/24-Q4", "financial_quarter", "2024-01-01", "2024-03-31" },
	{ "2024", DEF, "March", "2024-03", "month", "2024-03-01", "2024-03-31" },
	{ " 2024 ", DEF, " Reporting year ", "2023/24", "financial_year", "2023-04-01", "2024-03-31" },
	/* years only in a header: CLA_Mar2014 */
	{ "Mar2014", DEF, NULL, "2014-03", "month", "2014-03-01", "2014-03-31" },
	{ "2016/17", DEF, "", "2016/17", "financial_year", "2016-04-01", "2017-03-31" },
	/* terms */
	{ "Autumn 2016/17", DEF, NULL, "2016/17-T1", "term", "2016-09-01", "2016-12-31" },
	{ "2016/17 Autumn term", DEF, NULL, "2016/17-T1", "term", "2016-09-01", "2016-12-31" },
	{ "2016/17-T1", DEF, NULL, "2016/17-T1", "term", "2016-09-01", "2016-12-31" },
	{ "Autumn Term 2016/17", DEF, NULL, "2016/17-T1", "term", "2016-09-01", "2016-12-31" },
	{ "Spring 16/17", DEF, NULL, "2016/17-T2", "term", "2017-01-01", "2017-04-16" },
	{ "Summer term 2016-17", DEF, NULL, "2016/17-T3", "term", "2017-04-17", "2017-08-31" },
	{ "Autumn 2016", DEF, NULL, "2016/17-T1", "term", "2016-09-01", "2016-12-31" },
	{ "Spring 2017", DEF, NULL, "2016/17-T2", "term", "2017-01-01", "2017-04-16" },
	{ "Summer 2017", DEF, NULL, "2016/17-T3", "term", "2017-04-17", "2017-08-31" },
	/* ISO weeks */
	{ "2017-W05", DEF, NULL, "2017-W05", "week", "2017-01-30", "2017-02-05" },
	{ "2017W05", DEF, NULL, "2017-W05", "week", "2017-01-30", "2017-02-05" },
	{ "Week 5 2017", DEF, NULL, "2017-W05", "week", "2017-01-30", "2017-02-05" },
	{ "2017 week 5", DEF, NULL, "2017-W05", "week", "2017-01-30", "2017-02-05" },
	{ "W5 2017", DEF, NULL, "2017-W05", "week", "2017-01-30", "2017-02-05" },
	{ "2020-W53", DEF, NULL, "2020-W53", "week", "2020-12-28", "2021-01-03" },
	{ "2015-W53", DEF, NULL, "2015-W53", "week", "2015-12-28", "2016-01-03" },
	/* case and spaces */
	{ "  jun-17  ", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "JUNE 2017", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "\tq1  17/18\r\n", DEF, NULL, "2017/18-Q1", "financial_quarter", "2017-04-01", "2017-06-30" },
	{ "Jun \xe2\x80\x93 17", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "\xc2\xa0Jun\xc2\xa0" "17\xc2\xa0", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
	{ "Apr\xe2\x80\x93Jun 17/18", DEF, NULL, "2017/18-Q1", "financial_quarter", "2017-04-01", "2017-06-30" },
	{ "jun '17", DEF, NULL, "2017-06", "month", "2017-06-01", "2017-06-30" },
};

static void set_opts(kpi_period_opts *o, int opt, const char *ident)
{
	o->year_type = opt == ACAD ? KPI_YEAR_ACADEMIC : KPI_YEAR_FINANCIAL;
	o->time_identifier = ident;
	o->column_is_date = opt == DATECOL;
	o->snapshot_month = o->snapshot_day = 0;
}

static void test_parse_good(void)
{
	char buf[KPI_PERIOD_BUFSZ], start[11], end[11], err[512];
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		const struct parse_case *c = &good[i];
		kpi_period_opts o;
		kpi_period p;
		set_opts(&o, c->opt, c->ident);
		err[0] = '\0';
		tap_case("parse \"%s\"%s%s -> %s", shown(c->text), c->ident ? " with " : "",
			 c->ident ? c->ident : "", c->canon);
		int rc = kpi_period_parse(c->text, &o, &p, err, sizeof err);
		if (!ok(rc == 0, "accepted")) {
			diag("error: %s", err);
			tap_case_end();
			continue;
		}
		kpi_period_format(&p, buf);
		is_str(buf, c->canon, "\"%s\" -> %s", shown(c->text), c->canon);
		is_str(kpi_period_type_name(p.type), c->type, "\"%s\" type", shown(c->text));
		kpi_period_bounds(&p, start, end);
		is_str(start, c->start, "\"%s\" start", shown(c->text));
		is_str(end, c->end, "\"%s\" end", shown(c->text));
		tap_case_end();
	}
}

struct bad_case {
	const char *text;
	int opt;
	const char *ident;
	const char *msg;
};

#define EXP "(expected a month like Jun-17 or 2017-06, a quarter like Q1 2017 or 2017/18 Q1, " \
	"a year like 2016/17 or 2017, a term like Autumn 2016/17, or an ISO week like 2017-W05)"
#define EES_EXP "(expected Calendar year, Reporting year, Academic year, Financial year, " \
	"Autumn term, Spring term, Summer term, Week N, Calendar year Q1-Q4, Financial year Q1-Q4 " \
	"or a month name)"

static const struct bad_case bad[] = {
	{ "", DEF, NULL, "empty period " EXP },
	{ "   ", DEF, NULL, "empty period " EXP },
	{ "Jnu-17", DEF, NULL, "unrecognised period \"Jnu-17\" " EXP },
	{ "Jun", DEF, NULL, "unrecognised period \"Jun\" " EXP },
	{ "Jun 7", DEF, NULL, "unrecognised period \"Jun 7\" " EXP },
	{ "Q1", DEF, NULL, "unrecognised period \"Q1\" " EXP },
	{ "2017 2018 2019", DEF, NULL, "unrecognised period \"2017 2018 2019\" " EXP },
	{ "Jun-17 extra", DEF, NULL, "unrecognised period \"Jun-17 extra\" " EXP },
	{ "Jun 2017 as at", DEF, NULL, "unrecognised period \"Jun 2017 as at\" " EXP },
	{ "term 2017", DEF, NULL, "unrecognised period \"term 2017\" " EXP },
	{ "Aug, Sep and Oct 22", DEF, NULL, "unrecognised period \"Aug, Sep and Oct 22\" " EXP },
	{ "\xc2\xa3" "2017", DEF, NULL, "unrecognised period \"\xc2\xa3" "2017\" " EXP },
	{ "2017\x01", DEF, NULL, "unrecognised period \"2017?\" " EXP },
	{ "12345", DEF, NULL, "unrecognised period \"12345\" " EXP },
	{ "42916", DEF, NULL, "unrecognised period \"42916\" " EXP },
	{ "a really long text that goes on and on and on and on and on and on and on and on",
	  DEF, NULL, "unrecognised period \"a really long text that goes on and on and on and on and on ...\" " EXP },
	{ "Jun-17 00:00", DEF, NULL, "unrecognised period \"Jun-17 00:00\" " EXP },
	{ "12:00", DEF, NULL, "unrecognised period \"12:00\" " EXP },
	{ "T12:00", DEF, NULL, "unrecognised period \"T12:00\" " EXP },
	{ "30/06/2017 00:00x", DEF, NULL, "unrecognised period \"30/06/2017 00:00x\" " EXP },
	{ "31/02/2017 00:00", DEF, NULL, "invalid period \"31/02/2017 00:00\": day 31 is not in February 2017" },
	{ "2017-13", DEF, NULL, "invalid period \"2017-13\": there is no month 13" },
	{ "2017-00", DEF, NULL, "invalid period \"2017-00\": there is no month 0" },
	{ "13/2017", DEF, NULL, "invalid period \"13/2017\": there is no month 13" },
	{ "31/02/2017", DEF, NULL, "invalid period \"31/02/2017\": day 31 is not in February 2017" },
	{ "29/02/2017", DEF, NULL, "invalid period \"29/02/2017\": day 29 is not in February 2017" },
	{ "29/02/1900", DEF, NULL, "invalid period \"29/02/1900\": day 29 is not in February 1900" },
	{ "2017-06-31", DEF, NULL, "invalid period \"2017-06-31\": day 31 is not in June 2017" },
	{ "32/01/2017", DEF, NULL, "invalid period \"32/01/2017\": day 32 is not in January 2017" },
	{ "00/01/2017", DEF, NULL, "invalid period \"00/01/2017\": day 0 is not in January 2017" },
	{ "30/13/2017", DEF, NULL, "invalid period \"30/13/2017\": there is no month 13" },
	{ "2016/18", DEF, NULL, "invalid period \"2016/18\": 18 does not follow 2016 (a year is written like 2016/17)" },
	{ "2016-18", DEF, NULL, "invalid period \"2016-18\": 18 does not follow 2016 (a year is written like 2016/17)" },
	{ "2016/2018", DEF, NULL, "invalid period \"2016/2018\": 2018 does not follow 2016 (a year is written like 2016/17)" },
	{ "16/18", DEF, NULL, "invalid period \"16/18\": 18 does not follow 16 (a year is written like 2016/17)" },
	{ "Q1 17/19", DEF, NULL, "invalid period \"Q1 17/19\": 19 does not follow 17 (a year is written like 2016/17)" },
	{ "Autumn 2016/18", DEF, NULL, "invalid period \"Autumn 2016/18\": 18 does not follow 2016 (a year is written like 2016/17)" },
	{ "201613", DEF, NULL, "invalid period \"201613\": neither a year like 201617 nor a month like 201706" },
	{ "Q5 2017", DEF, NULL, "invalid period \"Q5 2017\": there is no quarter 5" },
	{ "2017/18 Q0", DEF, NULL, "invalid period \"2017/18 Q0\": there is no quarter 0" },
	{ "Apr-Jul 17/18", DEF, NULL, "invalid period \"Apr-Jul 17/18\": Apr-Jul is not a quarter" },
	{ "Feb-Apr 2017", DEF, NULL, "invalid period \"Feb-Apr 2017\": Feb-Apr is not a quarter" },
	{ "Apr-Jun 17/18 Q2", DEF, NULL,
	  "invalid period \"Apr-Jun 17/18 Q2\": Apr-Jun is quarter 1 of the financial year, not quarter 2" },
	{ "2017-W53", DEF, NULL, "invalid period \"2017-W53\": 2017 has 52 ISO weeks" },
	{ "Week 53 2021", DEF, NULL, "invalid period \"Week 53 2021\": 2021 has 52 ISO weeks" },
	{ "2017-W00", DEF, NULL, "invalid period \"2017-W00\": there is no week 0" },
	{ "2017-W54", DEF, NULL, "invalid period \"2017-W54\": there is no week 54" },
	{ "2016/17-T4", DEF, NULL, "invalid period \"2016/17-T4\": there is no term 4" },
	{ "0999", DEF, NULL, "invalid period \"0999\": year 999 is out of range (1000-9999)" },
	{ "9999/00", DEF, NULL, "invalid period \"9999/00\": year 9999 is out of range (1000-9998)" },
	{ "FY 2017", DEF, NULL, "invalid period \"FY 2017\": a financial or academic year is written like 2016/17" },
	{ "0", DATECOL, NULL, "invalid period \"0\": Excel serial date 0 is out of range (1-2958465)" },
	{ "60", DATECOL, NULL, "invalid period \"60\": Excel serial date 60 is 29 February 1900, which did not exist" },
	{ "2958466", DATECOL, NULL, "invalid period \"2958466\": Excel serial date 2958466 is out of range (1-2958465)" },
	{ "99999999999", DATECOL, NULL, "invalid period \"99999999999\": Excel serial date 99999999999 is out of range (1-2958465)" },
	{ "2024", DEF, "Academic year",
	  "invalid period \"2024\": with time_identifier \"Academic year\" the period is written like 202324" },
	{ "2023/24", DEF, "Academic year",
	  "invalid period \"2023/24\": with time_identifier \"Academic year\" the period is written like 202324" },
	{ "202324", DEF, "Calendar year",
	  "invalid period \"202324\": with time_identifier \"Calendar year\" the period is written like 2024" },
	{ "202325", DEF, "Financial year",
	  "invalid period \"202325\": 25 does not follow 2023 (a year is written like 2016/17)" },
	{ "2017", DEF, "Week 53", "invalid period \"2017\": 2017 has 52 ISO weeks" },
	{ "2024", DEF, "Fortnight 3", "unknown time_identifier \"Fortnight 3\" for period \"2024\" " EES_EXP },
	{ "202324", DEF, "Autumn and spring term",
	  "unknown time_identifier \"Autumn and spring term\" for period \"202324\" " EES_EXP },
};

static void test_parse_bad(void)
{
	char err[512];
	int n = 0;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const struct bad_case *c = &bad[i];
		kpi_period_opts o;
		kpi_period p = { KPI_PT_MONTH, 1, 2, 3 };
		set_opts(&o, c->opt, c->ident);
		strcpy(err, "(none)");
		tap_case("rejects \"%s\"%s%s with its message", shown(c->text), c->ident ? " with " : "",
			 c->ident ? c->ident : "");
		is_long(kpi_period_parse(c->text, &o, &p, err, sizeof err), -1, "rejects \"%s\"", shown(c->text));
		is_str(err, c->msg, "message for \"%s\"", shown(c->text));
		tap_case_end();
		n++;
	}
	ok(n >= 20, "at least 20 malformed periods (%d)", n);
	/* no error buffer, a small one, no options, NULL text */
	kpi_period p;
	is_long(kpi_period_parse("Jnu-17", NULL, &p, NULL, 0), -1, "no error buffer");
	char small[16];
	is_long(kpi_period_parse("2017-13", NULL, &p, small, sizeof small), -1, "small error buffer");
	is_str(small, "invalid period ", "message cut to the buffer");
	is_long(kpi_period_parse("Jun-17", NULL, &p, NULL, 0), 0, "NULL options");
	is_long(kpi_period_parse(NULL, NULL, &p, small, sizeof small), -1, "NULL text");
}

/* the written parser reads canonical text as itself (a month's last day
 * excepted: that is the month) */
static void test_parse_canonical_text(void)
{
	char buf[KPI_PERIOD_BUFSZ], err[512];
	for (size_t i = 0; i < sizeof canon / sizeof canon[0]; i++) {
		const struct canon_case *c = &canon[i];
		kpi_period_opts o = { c->parse_as == KPI_PT_ACADEMIC_YEAR ? KPI_YEAR_ACADEMIC
			: KPI_YEAR_FINANCIAL, NULL, 0, 0, 0 };
		kpi_period p;
		if (!ok(kpi_period_parse(c->text, &o, &p, err, sizeof err) == 0, "parse canonical %s", c->text)) {
			diag("%s", err);
			continue;
		}
		kpi_period_format(&p, buf);
		/* a date on its month's last day reads as the month */
		char month[8], mstart[11], mend[11];
		kpi_period m;
		snprintf(month, sizeof month, "%.7s", c->text);
		if (strcmp(c->type, "date") == 0 && kpi_period_parse_canonical(month, KPI_PT_MONTH, &m) == 0
		    && (kpi_period_bounds(&m, mstart, mend), strcmp(mend, c->text) == 0))
			is_str(buf, month, "parse(%s) is the month", c->text);
		else
			is_str(buf, c->text, "parse(%s) is canonical", c->text);
	}
}

/* every month of 1990-2040 written as Mon-YY, Month YYYY, MM/YYYY and YYYYMM */
static void test_parse_month_range(void)
{
	static const char *const abbr[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int bad_n = 0;
	for (int y = 1990; y <= 2040; y++)
		for (int m = 1; m <= 12; m++) {
			char text[4][48], want[32], buf[KPI_PERIOD_BUFSZ];
			snprintf(want, sizeof want, "%04d-%02d", y, m);
			snprintf(text[0], sizeof text[0], "%s-%02d", abbr[m - 1], y % 100);
			snprintf(text[1], sizeof text[1], "%s %04d", abbr[m - 1], y);
			snprintf(text[2], sizeof text[2], "%02d/%04d", m, y);
			snprintf(text[3], sizeof text[3], "%04d%02d", y, m);
			for (int k = 0; k < 4; k++) {
				kpi_period p;
				if (kpi_period_parse(text[k], NULL, &p, NULL, 0) != 0) {
					bad_n++;
					continue;
				}
				kpi_period_format(&p, buf);
				/* YYYYMM with consecutive digits is a year (199091 = 1990/91) */
				int year_like = k == 3 && m == (y + 1) % 100;
				if (strcmp(buf, want) != 0 && !year_like)
					bad_n++;
			}
		}
	is_long(bad_n, 0, "every month 1990-2040 in four written forms");
}

/* Pseudo-random texts from period-like pieces: the parser never crashes, says
 * yes or no, writes a message on no, and on yes gives a valid canonical period. */
static void test_parse_random(void)
{
	static const char *const pieces[] = {
		"2017", "17", "18", "06", "6", "30", "31", "29", "02", "13", "00", "99", "2016",
		"201617", "201706", "42916", "Jun", "June", "Sept", "Q", "Q1", "Q5", "W", "W53",
		"week", "Autumn", "term", "T1", "as at", "st", "FY", "/", "-", " ", ".", "\xc2\xa0",
		"\xe2\x80\x93", "x", "%", "\xff", "00:00", ":", "T", "Z",
	};
	unsigned long seed = 12345;
	int crashes = 0, no_message = 0, not_canonical = 0, accepted = 0;
	for (int i = 0; i < 200000; i++) {
		char text[128] = "", err[256], buf[KPI_PERIOD_BUFSZ];
		size_t len = 0;
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		int n = (int)(seed >> 60) % 6 + 1;
		for (int k = 0; k < n; k++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			const char *piece = pieces[(seed >> 33) % (sizeof pieces / sizeof pieces[0])];
			size_t pl = strlen(piece);
			if (len + pl < sizeof text) {
				memcpy(text + len, piece, pl + 1);
				len += pl;
			}
		}
		kpi_period_opts o = { (int)(seed >> 20) % 2 ? KPI_YEAR_ACADEMIC : KPI_YEAR_FINANCIAL,
			NULL, (int)(seed >> 22) % 2, 0, 0 };
		kpi_period p, q;
		err[0] = '\0';
		int rc = kpi_period_parse(text, &o, &p, err, sizeof err);
		if (rc != 0 && rc != -1)
			crashes++;
		else if (rc == -1 && strlen(err) < 20)
			no_message++;
		else if (rc == 0) {
			accepted++;
			kpi_period_format(&p, buf);
			if (kpi_period_parse_canonical(buf, p.type, &q) != 0 || q.year != p.year
			    || q.sub != p.sub || q.day != p.day) {
				not_canonical++;
				diag("\"%s\" -> %s", shown(text), buf);
			}
		}
	}
	is_long(crashes, 0, "random texts: result is 0 or -1");
	is_long(no_message, 0, "random texts: every rejection has a message");
	is_long(not_canonical, 0, "random texts: every accepted period is valid canonical (%d accepted)",
		accepted);
}

/* a measure taken as at a day of its year (the catalogue's snapshot column) */
static void test_parse_snapshot(void)
{
	static const struct {
		const char *text, *ident;
		int month, day;
		const char *canon, *type, *msg;
	} cases[] = {
		{ "2025", "Reporting year", 9, 30, "2025-09-30", "date", NULL },
		{ "2025", "Calendar year", 3, 31, "2025-03-31", "date", NULL },
		{ "2024", "Reporting year", 2, 29, "2024-02-29", "date", NULL },
		{ "2025", "Reporting year", 2, 29, NULL, NULL,
		  "invalid period \"2025\": there is no snapshot day 02-29 in 2025" },
		/* other identifiers keep their own periods */
		{ "202425", "Academic year", 9, 30, "2024/25", "academic_year", NULL },
		{ "202425", "Financial year", 9, 30, "2024/25", "financial_year", NULL },
		{ "2025", "March", 9, 30, "2025-03", "month", NULL },
		/* without a time_identifier the written rules apply */
		{ "2025", NULL, 9, 30, "2025", "year", NULL },
	};
	char buf[KPI_PERIOD_BUFSZ], err[512];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		kpi_period_opts o = { KPI_YEAR_FINANCIAL, cases[i].ident, 0, cases[i].month, cases[i].day };
		kpi_period p;
		err[0] = '\0';
		int rc = kpi_period_parse(cases[i].text, &o, &p, err, sizeof err);
		if (cases[i].msg) {
			is_long(rc, -1, "snapshot %02d-%02d of %s fails", cases[i].month, cases[i].day, cases[i].text);
			is_str(err, cases[i].msg, "snapshot message");
			continue;
		}
		if (!ok(rc == 0, "snapshot %s %s", cases[i].text, cases[i].ident ? cases[i].ident : "")) {
			diag("error: %s", err);
			continue;
		}
		kpi_period_format(&p, buf);
		is_str(buf, cases[i].canon, "snapshot %s %s -> %s", cases[i].text,
		       cases[i].ident ? cases[i].ident : "", cases[i].canon);
		is_str(kpi_period_type_name(p.type), cases[i].type, "snapshot type");
	}
}

int main(void)
{
	test_names();
	test_canonical();
	test_not_canonical();
	test_ordinal_ranges();
	test_weeks();
	test_cmp();
	test_label_truncation();
	test_parse_good();
	test_parse_bad();
	test_parse_snapshot();
	test_parse_canonical_text();
	test_parse_month_range();
	test_parse_random();
	return tap_done();
}
