/* test_period.c: lib/period.c and lib/period_parse.c */
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
		int rc = kpi_period_parse_canonical(c->text, c->parse_as, &p);
		if (!ok(rc == 0, "parse_canonical %s", c->text))
			continue;
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
		char text[16];
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

int main(void)
{
	test_names();
	test_canonical();
	test_not_canonical();
	test_ordinal_ranges();
	test_weeks();
	test_cmp();
	test_label_truncation();
	return tap_done();
}
