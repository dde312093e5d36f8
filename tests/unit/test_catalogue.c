/* Unit tests: lib/catalogue.c, loading and matching the indicator catalogue. */
#include "kpi/catalogue.h"
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
	{"Bad Id,A,S,percent,neutral,,,,\n", "2: id 'Bad Id' is not a snake_case slug ([a-z0-9_]+)"},
	{",A,S,percent,neutral,,,,\n", "2: id '' is not a snake_case slug ([a-z0-9_]+)"},
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

int main(void)
{
	snprintf(path, sizeof path, "/tmp/kpi-test-catalogue-%ld.csv", (long)getpid());
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
		 "may have section,aliases,year_type,definition,source)", path);
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
		kpi_catalogue_free(c);
	}
	return tap_done();
}
