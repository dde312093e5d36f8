/* Unit tests: lib/catalogue.c, loading and matching the indicator catalogue. */
#include "kpi/catalogue.h"
#include "kpi/column_class.h"
#include "tap.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[256];

static void write_file(const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		diag("cannot write %s", path);
		exit(2);
	}
}

static kpi_catalogue *load_text(const char *text, char *err, size_t errsz, int *status)
{
	write_file(text);
	return kpi_catalogue_load(path, err, errsz, status);
}

#define HEADER "id,name,section,unit,polarity,aliases,year_type,definition,source\n"

static const char good[] =
	HEADER
	"rereferrals_12m_pct,Re-referrals within 12 months,Contacts and referrals,percent,lower_is_better,"
	"rereferral_percent;Repeat referrals,,Re-referrals.,CIN\n"
	"cla_rate_per_10k,Children looked after per 10000,Children in care,rate_per_10k,neutral,"
	"rate_per_10000[population_type=Children looked after on 31 March each year],,,\n"
	"cla_starts_rate_per_10k,Children starting care per 10000,Children in care,rate_per_10k,neutral,"
	"rate_per_10000[population_type=Children starting to be looked after each year],,,\n"
	"cla_rate_any,Any CLA rate,Children in care,rate_per_10k,neutral,rate_per_10000,,,\n"
	"peps_pct,PEPs in time,Education,percent,higher_is_better,\"PEPs; Personal education plans\",academic,\"One, two.\",\n";

/* the record fields a qualified alias asks for */
static const char *population_type;
static const char *get_field(void *ctx, const char *field)
{
	(void)ctx;
	return strcmp(field, "population_type") == 0 ? population_type : NULL;
}

static const char *match(const kpi_catalogue *c, const char *name)
{
	const kpi_cat_entry *e = kpi_catalogue_match(c, name, strlen(name), get_field, NULL);
	return e ? e->id : "(none)";
}

static const struct {
	const char *text;    /* catalogue body after the header */
	const char *message; /* after "PATH:" */
} bad[] = {
	{"a,A,S,percent,neutral,x;y,,,\nb,B,S,count,neutral,y,,,\n",
	 "3: alias 'y' is claimed twice: by line 2 (a) and line 3 (b)"},
	{"a,A,S,percent,neutral,Rate-Per 10000,,,\nb,B,S,count,neutral,rate_per_10000,,,\n",
	 "3: alias 'rate_per_10000' is claimed twice: by line 2 (a) and line 3 (b)"},
	{"a,A,S,percent,neutral,,,,\nb,B,S,count,neutral,a,,,\n",
	 "3: alias 'a' of line 3 (b) is already the id of line 2 (a)"},
	{"a,Same name,S,percent,neutral,,,,\nb,same NAME,S,count,neutral,,,,\n",
	 "3: name 'same NAME' is claimed twice: by line 2 (a) and line 3 (b)"},
	{"a,A,S,percent,neutral,n[f=v],,,\nb,B,S,count,neutral,n[ f = V ],,,\n",
	 "3: alias 'n[ f = V ]' is claimed twice: by line 2 (a) and line 3 (b)"},
	{"a,A,S,percent,neutral,,,,\na,B,S,count,neutral,,,,\n",
	 "3: id 'a' is claimed twice: by line 2 (a) and line 3 (a)"},
	{",A,S,percent,neutral,,,,\n", "2: empty id"},
	{"\"4.02\t01\",A,S,percent,neutral,,,,\n",
	 "2: id '4.02?01' has a control character (byte 0x09 at offset 4)"},
	/* other control characters stop the CSV reader first (lib/text.c), at
	 * their offset in the file: the header is 66 bytes */
	{"\"NI\x01 062\",A,S,percent,neutral,,,,\n",
	 "2: control character U+0001 at byte offset 69"},
	{"\"EH\xc2\x85" "03\",A,S,percent,neutral,,,,\n",
	 "2: control character U+0085 at byte offset 69"},
	{"---,A,S,percent,neutral,,,,\n", "2: id '---' has no letter or digit to match by"},
	{"4.1.1,A,S,percent,neutral,,,,\n4.1.1,B,S,percent,neutral,,,,\n",
	 "3: id '4.1.1' is claimed twice: by line 2 (4.1.1) and line 3 (4.1.1)"},
	{"a,,S,percent,neutral,,,,\n", "2: empty name for id 'a'"},
	{"a,A,S,percentage,neutral,,,,\n",
	 "2: unit 'percentage' is not one of percent, count, rate_per_10k, rate_per_100k, days, weeks, ratio, score, currency"},
	{"a,A,S,percent,up,,,,\n",
	 "2: polarity 'up' is not one of higher_is_better, lower_is_better, neutral"},
	{"a,A,S,percent,neutral,,calendar,,\n", "2: year_type 'calendar' is not financial or academic"},
	{"a,A,S,percent,neutral,n[f=v,,,\n",
	 "2: alias 'n[f=v' is malformed (expected NAME or NAME[FIELD=VALUE]...)"},
	{"a,A,S,percent,neutral,n[fv],,,\n",
	 "2: alias 'n[fv]' is malformed (expected NAME or NAME[FIELD=VALUE]...)"},
	{"a,A,S,percent,neutral,[f=v],,,\n",
	 "2: alias '[f=v]' is malformed (expected NAME or NAME[FIELD=VALUE]...)"},
	{"a,A,S,percent,neutral,,,\n", "2: row has 8 fields, header has 9"},
};

/* the snapshot column: a day of the year as MM-DD */
static const struct {
	const char *cell;
	int month, day; /* 0: a load error */
} snapshots[] = {
	{"09-30", 9, 30}, {"03-31", 3, 31}, {"12-31", 12, 31}, {"", 0, -1},
	{"02-29", 0, 0}, {"9-30", 0, 0}, {"09/30", 0, 0}, {"13-01", 0, 0}, {"04-31", 0, 0},
	{"30 September", 0, 0}, {"00-10", 0, 0},
};

/* council codes as ids (issue 14): any text without control characters */
static const char codes[] =
	"id,name,unit,polarity,aliases\n"
	"4.02.01,Children looked after,count,neutral,\n"
	"4.09.02a,Care leavers in suitable accommodation,percent,higher_is_better,\n"
	"CSC 1.1,Referrals,count,neutral,\n"
	"NI 062,Placement stability,percent,lower_is_better,Three or more placements\n"
	"EH-03,Early help step ups,percent,lower_is_better,\n"
	"4.1.1,Section 4.1 item 1,count,neutral,\n"
	"4.11,Section 4 item 11,count,neutral,\n"
	"slug_ok,A slug,count,neutral,\n";

/* the words of a column and EES metadata -> its class */
static const struct {
	const char *text, *unit, *dp;
	kpi_col_class cls;
} classes[] = {
	{"Number achieving Level 4 in English and Maths", NULL, NULL, KPI_COL_COUNT},
	{"Total eligible for KS2 tests", NULL, NULL, KPI_COL_COUNT},
	{"children_count", NULL, NULL, KPI_COL_COUNT},
	{"inpost_headcount", NULL, NULL, KPI_COL_COUNT},
	{"inpost_fte", NULL, NULL, KPI_COL_COUNT},
	{"agency_rate_fte", NULL, NULL, KPI_COL_PERCENT},
	{"children_percent", NULL, NULL, KPI_COL_PERCENT},
	{"ass_refused_ehc_pc", NULL, NULL, KPI_COL_PERCENT},
	{"rereferrals_12m_pct", NULL, NULL, KPI_COL_PERCENT},
	{"Percentage of re-referrals", NULL, NULL, KPI_COL_PERCENT},
	{"Agency %", NULL, NULL, KPI_COL_PERCENT},
	{"rate_per_10000", NULL, NULL, KPI_COL_PERCENT},
	{"pt_overall", NULL, NULL, KPI_COL_UNKNOWN},
	{"Numbers", NULL, NULL, KPI_COL_UNKNOWN},
	{"total", NULL, NULL, KPI_COL_UNKNOWN},
	{"eligible", NULL, NULL, KPI_COL_UNKNOWN},
	{"pt_overall", "%", "1", KPI_COL_PERCENT},
	{"t_pupils", "", "0", KPI_COL_COUNT},
	{"t_pupils", "", "1", KPI_COL_UNKNOWN},
	{"children_percent", "", "0", KPI_COL_PERCENT},  /* the words say percent */
	{"children_count", "%", "0", KPI_COL_PERCENT},   /* the unit decides */
	{"spend", "\xc2\xa3m", "1", KPI_COL_OTHER},
	{"spend", "\xc2\xa3", "0", KPI_COL_OTHER},
	{"change", "pp", "1", KPI_COL_OTHER},
	{"label", "numberstring", "0", KPI_COL_UNKNOWN},
};

static void test_codes_and_classes(void)
{
	char err[512];
	int status = 0;
	kpi_catalogue *c = load_text(codes, err, sizeof err, &status);
	ok(c != NULL, "a catalogue of council codes loads (%s)", c ? "" : err);
	if (c) {
		static const struct {
			const char *name, *id;
		} m[] = {
			{"4.02.01", "4.02.01"}, {"4.09.02a", "4.09.02a"}, {"4.09.02A", "4.09.02a"},
			{"CSC 1.1", "CSC 1.1"}, {"csc1.1", "CSC 1.1"}, {"CSC 11", "(none)"},
			{"NI 062", "NI 062"}, {"ni062", "NI 062"}, {"Three or more placements", "NI 062"},
			{"EH-03", "EH-03"}, {"eh 03", "EH-03"}, {"4.1.1", "4.1.1"}, {"4.11", "4.11"},
			{"411", "(none)"}, {"Children looked after", "4.02.01"}, {"slug_ok", "slug_ok"},
		};
		for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
			is_str(match(c, m[i].name), m[i].id, "code '%s' -> %s", m[i].name, m[i].id);
		kpi_catalogue_free(c);
	}
	for (size_t i = 0; i < sizeof snapshots / sizeof snapshots[0]; i++) {
		char body[256];
		snprintf(body, sizeof body, "id,name,unit,polarity,snapshot\nw,W,percent,neutral,%s\n",
			 snapshots[i].cell);
		c = load_text(body, err, sizeof err, &status);
		if (snapshots[i].month) {
			const kpi_cat_entry *e = c ? kpi_catalogue_entry(c, 0) : NULL;
			ok(e && e->snapshot_month == snapshots[i].month && e->snapshot_day == snapshots[i].day,
			   "snapshot '%s' is %d-%d", snapshots[i].cell, snapshots[i].month, snapshots[i].day);
		} else if (snapshots[i].day < 0) {
			const kpi_cat_entry *e = c ? kpi_catalogue_entry(c, 0) : NULL;
			ok(e && e->snapshot_month == 0, "an empty snapshot is none");
		} else {
			char expect[600];
			snprintf(expect, sizeof expect, "%s:2: snapshot '%s' is not a day of the year as MM-DD "
				 "(09-30 for 30 September)", path, snapshots[i].cell);
			ok(c == NULL, "snapshot '%s' is refused", snapshots[i].cell);
			is_str(err, expect, "snapshot '%s' message", snapshots[i].cell);
		}
		kpi_catalogue_free(c);
	}
	for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
		is_long(kpi_column_class(classes[i].text, strlen(classes[i].text), classes[i].unit,
					 classes[i].dp), classes[i].cls, "'%s' (unit %s, dp %s) is class %d",
			classes[i].text, classes[i].unit ? classes[i].unit : "-",
			classes[i].dp ? classes[i].dp : "-", classes[i].cls);
	ok(!kpi_column_fits(KPI_COL_COUNT, "percent"), "a count is never a percent");
	ok(kpi_column_fits(KPI_COL_COUNT, "days"), "a count may be days");
	ok(!kpi_column_fits(KPI_COL_PERCENT, "count"), "a percent is never a count");
	ok(kpi_column_fits(KPI_COL_PERCENT, "rate_per_10k"), "a rate may be a rate per 10,000");
	ok(!kpi_column_fits(KPI_COL_OTHER, "percent") && !kpi_column_fits(KPI_COL_OTHER, "count"),
	   "money is neither");
	ok(kpi_column_fits(KPI_COL_UNKNOWN, "percent"), "unknown fits anything");
}

/* decimals: the places a figure is shown with, 0 to 6; empty is by unit. */
static void test_decimals(void)
{
	char err[512];
	int status = 0;
	kpi_catalogue *c = load_text("id,name,unit,polarity,decimals\n"
				     "fte,FTE,count,neutral,1\n"
				     "n,Count,count,neutral,\n"
				     "r,Rate,rate_per_10k,neutral,0\n", err, sizeof err, &status);
	if (!ok(c != NULL, "a catalogue with decimals loads"))
		diag("%s", err);
	else {
		is_long(kpi_catalogue_entry(c, 0)->decimals, 1, "decimals 1");
		is_long(kpi_catalogue_entry(c, 1)->decimals, -1, "empty: by unit");
		is_long(kpi_catalogue_entry(c, 2)->decimals, 0, "decimals 0");
		kpi_catalogue_free(c);
	}
	c = load_text("id,name,unit,polarity\nn,Count,count,neutral\n", err, sizeof err, &status);
	ok(c && kpi_catalogue_entry(c, 0)->decimals == -1, "no decimals column: by unit");
	kpi_catalogue_free(c);
	static const char *const bad_dp[] = {"7", "x", "1.5", "-1", "10"};
	for (size_t i = 0; i < sizeof bad_dp / sizeof bad_dp[0]; i++) {
		char text[128], want[512];
		snprintf(text, sizeof text, "id,name,unit,polarity,decimals\nn,Count,count,neutral,%s\n", bad_dp[i]);
		c = load_text(text, err, sizeof err, &status);
		snprintf(want, sizeof want, "%s:2: decimals is not a number from 0 to 6 or empty", path);
		ok(c == NULL && status == 1, "decimals '%s' is bad data", bad_dp[i]);
		is_str(c ? "" : err, want, "decimals '%s': the message", bad_dp[i]);
		kpi_catalogue_free(c);
	}
}

int main(void)
{
	snprintf(path, sizeof path, "/tmp/kpi-test-catalogue-%ld.csv", (long)getpid());
	test_decimals();
	char err[512];
	int status = 0;

	kpi_catalogue *c = load_text(good, err, sizeof err, &status);
	ok(c != NULL, "good catalogue loads (%s)", c ? "" : err);
	if (!c)
		return tap_done();
	is_long((long)kpi_catalogue_count(c), 5, "5 rows");
	const kpi_cat_entry *e = kpi_catalogue_entry(c, 4);
	is_str(e->id, "peps_pct", "row 5 id");
	is_long(e->order, 5, "row 5 order");
	is_long((long)e->line, 6, "row 5 line");
	is_long((long)e->n_alias, 2, "row 5 has 2 aliases");
	is_str(e->alias[1], "Personal education plans", "alias trimmed");
	is_str(e->definition, "One, two.", "quoted definition");
	is_str(e->year_type, "academic", "year_type");
	ok(kpi_catalogue_entry(c, 5) == NULL, "no row 6");

	static const struct {
		const char *name, *population_type, *id;
	} matches[] = {
		{"rereferrals_12m_pct", NULL, "rereferrals_12m_pct"},   /* id */
		{"REREFERRALS 12M PCT", NULL, "rereferrals_12m_pct"},   /* id, folded */
		{"rereferral_percent", NULL, "rereferrals_12m_pct"},    /* alias */
		{"Rereferral Percent", NULL, "rereferrals_12m_pct"},
		{"repeat-referrals!", NULL, "rereferrals_12m_pct"},
		{"Re-referrals within 12 months", NULL, "rereferrals_12m_pct"}, /* name */
		{"re referrals WITHIN 12months", NULL, "rereferrals_12m_pct"},
		{"rate_per_10000", "Children looked after on 31 March each year", "cla_rate_per_10k"},
		{"rate_per_10000", "children looked after on 31 march each year.", "cla_rate_per_10k"},
		{"rate_per_10000", "Children starting to be looked after each year", "cla_starts_rate_per_10k"},
		{"rate_per_10000", "Children ceasing to be looked after each year", "cla_rate_any"},
		{"rate_per_10000", NULL, "cla_rate_any"},
		{"PEPs", NULL, "peps_pct"},
		{"peps", NULL, "peps_pct"},
		{"pep", NULL, "(none)"},
		{"", NULL, "(none)"},
		{"---", NULL, "(none)"},
		{"unknown thing", NULL, "(none)"},
	};
	for (size_t i = 0; i < sizeof matches / sizeof matches[0]; i++) {
		population_type = matches[i].population_type;
		is_str(match(c, matches[i].name), matches[i].id, "'%s' (%s) -> %s", matches[i].name,
		       population_type ? population_type : "-", matches[i].id);
	}
	/* without a field getter, qualified aliases never match */
	e = kpi_catalogue_match(c, "rate_per_10000", 14, NULL, NULL);
	is_str(e ? e->id : "(none)", "cla_rate_any", "no getter: the plain alias");
	/* the fields the matched alias selects on */
	char *const *fields;
	size_t nfields;
	population_type = "Children looked after on 31 March each year";
	e = kpi_catalogue_match_fields(c, "rate_per_10000", 14, get_field, NULL, &fields, &nfields);
	ok(e && nfields == 1 && strcmp(fields[0], "population_type") == 0,
	   "a qualified match names its field");
	e = kpi_catalogue_match_fields(c, "PEPs", 4, get_field, NULL, &fields, &nfields);
	ok(e && nfields == 0 && fields == NULL, "a plain alias selects on nothing");
	e = kpi_catalogue_match_fields(c, "PEPs", 4, get_field, NULL, &fields, &nfields);
	ok(e && nfields == 0 && fields == NULL, "the same again (the cached answer) selects on nothing");
	population_type = NULL;
	kpi_catalogue_free(c);

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char body[512], expect[600];
		snprintf(body, sizeof body, HEADER "%s", bad[i].text);
		status = 0;
		tap_case("bad catalogue %zu: %s", i, bad[i].message);
		c = load_text(body, err, sizeof err, &status);
		if (!ok(c == NULL, "bad catalogue %zu fails", i))
			diag("loaded %zu rows from: %s", kpi_catalogue_count(c), body);
		snprintf(expect, sizeof expect, "%s:%s", path, bad[i].message);
		is_str(err, expect, "bad catalogue %zu message", i);
		is_long(status, 1, "bad catalogue %zu is a data error", i);
		tap_case_end();
		kpi_catalogue_free(c);
	}

	/* header problems */
	c = load_text("id,name,polarity\na,A,neutral\n", err, sizeof err, &status);
	ok(c == NULL, "no unit column fails");
	char expect[600];
	snprintf(expect, sizeof expect, "%s:1: the header has no 'unit' column (needs id,name,unit,polarity; "
		 "may have section,aliases,year_type,snapshot,definition,source,comparable,decimals)", path);
	is_str(err, expect, "no unit column message");
	c = load_text("", err, sizeof err, &status);
	ok(c == NULL, "empty file fails");
	snprintf(expect, sizeof expect, "%s: empty file (no header)", path);
	is_str(err, expect, "empty file message");
	/* columns in another order, extra columns, optional ones absent, BOM, CRLF */
	c = load_text("\xef\xbb\xbfunit,extra,polarity,name,id\r\ncount,zz,neutral,Things,things\r\n",
		      err, sizeof err, &status);
	ok(c != NULL, "reordered columns with BOM and CRLF load (%s)", c ? "" : err);
	if (c) {
		e = kpi_catalogue_entry(c, 0);
		is_str(e->unit, "count", "reordered: unit");
		is_str(e->section, "", "absent section is empty");
		is_str(match(c, "Things"), "things", "reordered: match by name");
		kpi_catalogue_free(c);
	}
	c = load_text(HEADER, err, sizeof err, &status);
	ok(c != NULL && kpi_catalogue_count(c) == 0, "header only: an empty catalogue");
	kpi_catalogue_free(c);
	unlink(path);

	c = kpi_catalogue_load("/nonexistent/catalogue.csv", err, sizeof err, &status);
	ok(c == NULL, "missing file fails");
	is_str(err, "/nonexistent/catalogue.csv: No such file or directory", "missing file message");
	is_long(status, 2, "missing file is an I/O error");
	/* a directory opens but cannot be read: the read error is returned, not exited on */
	c = kpi_catalogue_load("/", err, sizeof err, &status);
	ok(c == NULL, "unreadable file fails");
	is_str(err, "/: Is a directory", "unreadable file message");
	is_long(status, 2, "unreadable file is an I/O error");

	/* the shipped catalogue */
	char shipped[512];
	snprintf(shipped, sizeof shipped, "%s/../share/catalogue.csv", tap_tests_dir());
	c = kpi_catalogue_load(shipped, err, sizeof err, &status);
	ok(c != NULL, "shipped catalogue loads (%s)", c ? "" : err);
	if (c) {
		ok(kpi_catalogue_count(c) >= 60, "shipped catalogue has >= 60 indicators (%zu)",
		   kpi_catalogue_count(c));
		static const char *const sections[] = {
			"Contacts and referrals", "Early help", "Assessments", "Child protection",
			"Children in care", "Placements and stability", "Missing", "Health",
			"Education and the virtual school", "Care leavers", "Adoption and permanence",
			"Workforce", "SEND / EHCP",
		};
		size_t s = 0, bad_order = 0, undefined = 0;
		for (size_t i = 0; i < kpi_catalogue_count(c); i++) {
			e = kpi_catalogue_entry(c, i);
			while (s < 13 && strcmp(e->section, sections[s]) != 0)
				s++;
			if (s == 13)
				bad_order++;
			if (!*e->definition || !*e->source) {
				diag("%s has no definition or no source", e->id);
				undefined++;
			}
		}
		is_long((long)undefined, 0, "every shipped indicator has a definition and a source");
		is_long((long)bad_order, 0, "shipped sections in the child's-journey order");
		population_type = "Children looked after on 31 March each year";
		is_str(match(c, "rate_per_10000"), "cla_rate_per_10k", "shipped: EES rate_per_10000 qualified");
		is_str(match(c, "CPP_subsequent_percent"), "cp_plans_second_time_pct", "shipped: EES column");
		is_str(match(c, "inc_exc_20week_rate"), "ehcp_20_weeks_pct", "shipped: SEN2 column");
		is_str(match(c, "Children looked after who had their annual health assessment"),
		       "health_assessments_annual_pct", "shipped: TDL indicator text");
		/* every id, plain alias and name fits its row's unit (item 7 of issue 14) */
		size_t misfits = 0;
		for (size_t i = 0; i < kpi_catalogue_count(c); i++) {
			e = kpi_catalogue_entry(c, i);
			const char *names[2] = {e->id, e->name};
			for (size_t j = 0; j < 2 + e->n_alias; j++) {
				const char *n = j < 2 ? names[j] : e->alias[j - 2];
				size_t len = strcspn(n, "[");
				if (!kpi_column_fits(kpi_column_class(n, len, NULL, NULL), e->unit)) {
					diag("%s: '%s' does not fit unit %s", e->id, n, e->unit);
					misfits++;
				}
			}
			if (strcmp(e->section, "Workforce") == 0)
				ok(e->snapshot_month == 9 && e->snapshot_day == 30, "%s is as at 30 September", e->id);
		}
		is_long((long)misfits, 0, "shipped: every name fits its unit");
		kpi_catalogue_free(c);
	}
	test_codes_and_classes();
	return tap_done();
}
