/* Unit tests: lib/outname.c, file-name text from periods and area codes. */
#include "kpi/outname.h"
#include "kpi/period.h"
#include "tap.h"
#include <stdlib.h>
#include <string.h>

static void maps(const char *text, kpi_period_type type, const char *name)
{
	char out[KPI_OUTNAME_BUFSZ], back[KPI_PERIOD_BUFSZ];
	kpi_period_type t = KPI_PT_NONE;
	/* one case: the name, and the name read back */
	tap_case("%s %s <-> %s", kpi_period_type_name(type), text, name);
	int rc = kpi_outname_period(text, type, out);
	is_str(rc == 0 ? out : "(no name)", name, "%s %s -> %s", kpi_period_type_name(type), text, name);
	rc = kpi_outname_period_parse(name, back, &t);
	ok(rc == 0 && strcmp(back, text) == 0 && (type == KPI_PT_NONE || t == type),
	   "%s -> back to %s (%s)", name, text, rc == 0 ? kpi_period_type_name(t) : "no period");
	tap_case_end();
}

static void no_name(const char *text, kpi_period_type type)
{
	char out[KPI_OUTNAME_BUFSZ] = "x";
	ok(kpi_outname_period(text, type, out) == -1 && out[0] == '\0', "no name for '%s' as %s",
	   !text ? "(null)" : strchr(text, '\n') ? "(with a newline)" : text,
	   type ? kpi_period_type_name(type) : "any type");
}

static void no_period(const char *name)
{
	char text[KPI_PERIOD_BUFSZ] = "x";
	kpi_period_type t;
	ok(kpi_outname_period_parse(name, text, &t) == -1 && text[0] == '\0', "'%s' names no period", name);
}

typedef struct {
	char name[KPI_OUTNAME_BUFSZ];
	char text[KPI_PERIOD_BUFSZ];
	kpi_period_type type;
} named;

static int by_name(const void *a, const void *b)
{
	return strcmp(((const named *)a)->name, ((const named *)b)->name);
}

int main(void)
{
	/* the table of outname.h */
	maps("2010-11", KPI_PT_MONTH, "2010-11");
	maps("2010-Q3", KPI_PT_QUARTER, "2010-Q3");
	maps("2010/11-Q3", KPI_PT_FINANCIAL_QUARTER, "2010_11-Q3");
	maps("2010/11", KPI_PT_FINANCIAL_YEAR, "2010_11");
	maps("2010/11", KPI_PT_ACADEMIC_YEAR, "2010_11-AY");
	maps("2010", KPI_PT_YEAR, "2010");
	maps("2010/11-T2", KPI_PT_TERM, "2010_11-T2");
	maps("2010-W05", KPI_PT_WEEK, "2010-W05");
	maps("2010-11-30", KPI_PT_DATE, "2010-11-30");
	maps("2010/11", KPI_PT_NONE, "2010_11"); /* the text alone: a financial year */
	maps("1999/00", KPI_PT_FINANCIAL_YEAR, "1999_00");

	/* the collision: the financial year 2010/11 and November 2010 */
	char fy[KPI_OUTNAME_BUFSZ], nov[KPI_OUTNAME_BUFSZ];
	kpi_outname_period("2010/11", KPI_PT_FINANCIAL_YEAR, fy);
	kpi_outname_period("2010-11", KPI_PT_MONTH, nov);
	ok(strcmp(fy, nov) != 0, "financial year 2010/11 (%s) and month 2010-11 (%s) differ", fy, nov);

	/* not canonical, or not of the type: no name */
	no_name("..", KPI_PT_NONE);
	no_name(".", KPI_PT_NONE);
	no_name("", KPI_PT_NONE);
	no_name("../2010-11", KPI_PT_NONE);
	no_name("2010-11/..", KPI_PT_MONTH);
	no_name("2010/11/..", KPI_PT_FINANCIAL_YEAR);
	no_name("2010/12", KPI_PT_FINANCIAL_YEAR);
	no_name("2010-13", KPI_PT_NONE);
	no_name("2010-1", KPI_PT_NONE);
	no_name("Nov 2010", KPI_PT_NONE);
	no_name("2010-11 ", KPI_PT_MONTH);
	no_name("2010-11\n", KPI_PT_MONTH);
	no_name("2010-11", KPI_PT_FINANCIAL_YEAR);
	no_name("2010/11", KPI_PT_MONTH);
	no_name("2010/11-Q3", KPI_PT_QUARTER);
	no_name("2010-02-30", KPI_PT_DATE);
	no_name("2010-W53", KPI_PT_WEEK);
	no_name(NULL, KPI_PT_NONE);

	/* names that are no period's */
	no_period("..");
	no_period("");
	no_period("2010/11");      /* "/" is written "_" */
	no_period("2010-11-AY");   /* only an academic year has the suffix */
	no_period("2010_11-T2-AY");
	no_period("2010_12");
	no_period("2010-11_");
	no_period("2010_11-Q5");
	no_period("-AY");
	no_period("2010_11-AY-AY");
	no_period("2010-11.html");
	no_period("20101111111111111111111");

	/* every period of every type from 1990 to 2040: no two share a name, every
	 * name reads back as its period, and holds only [0-9A-Z_-] */
	size_t cap = 40000, n = 0;
	named *all = calloc(cap, sizeof *all);
	int bad_chars = 0, bad_back = 0;
	static const char *const first[] = {
		[KPI_PT_MONTH] = "1990-01", [KPI_PT_QUARTER] = "1990-Q1",
		[KPI_PT_FINANCIAL_QUARTER] = "1990/91-Q1", [KPI_PT_FINANCIAL_YEAR] = "1990/91",
		[KPI_PT_ACADEMIC_YEAR] = "1990/91", [KPI_PT_YEAR] = "1990", [KPI_PT_TERM] = "1990/91-T1",
		[KPI_PT_WEEK] = "1990-W01", [KPI_PT_DATE] = "1990-01-01",
	};
	for (int t = KPI_PT_MONTH; t <= KPI_PT_DATE; t++) {
		kpi_period p;
		if (kpi_period_parse_canonical(first[t], (kpi_period_type)t, &p) != 0) {
			ok(0, "%s parses", first[t]);
			continue;
		}
		for (long o = kpi_period_ordinal(&p);; o++) {
			kpi_period_from_ordinal((kpi_period_type)t, o, &p);
			if (p.year > 2040)
				break;
			if (n == cap)
				all = realloc(all, (cap *= 2) * sizeof *all);
			named *e = &all[n++];
			kpi_period_format(&p, e->text);
			e->type = (kpi_period_type)t;
			if (kpi_outname_period(e->text, e->type, e->name) != 0) {
				bad_back++;
				continue;
			}
			for (const char *c = e->name; *c; c++)
				if (!((*c >= '0' && *c <= '9') || (*c >= 'A' && *c <= 'Z') || *c == '-' || *c == '_'))
					bad_chars++;
			if (e->name[0] < '0' || e->name[0] > '9')
				bad_chars++;
			char back[KPI_PERIOD_BUFSZ];
			kpi_period_type bt;
			if (kpi_outname_period_parse(e->name, back, &bt) != 0 || strcmp(back, e->text) != 0 ||
			    bt != e->type)
				bad_back++;
		}
	}
	qsort(all, n, sizeof *all, by_name);
	size_t shared = 0;
	for (size_t i = 1; i < n; i++)
		if (strcmp(all[i].name, all[i - 1].name) == 0) {
			if (!shared)
				diag("%s %s and %s %s share the name %s", kpi_period_type_name(all[i - 1].type),
				     all[i - 1].text, kpi_period_type_name(all[i].type), all[i].text, all[i].name);
			shared++;
		}
	ok(n > 22000, "%zu periods of nine types named", n);
	is_long((long)shared, 0, "no two periods share a name");
	is_long(bad_back, 0, "every name reads back as its period and type");
	is_long(bad_chars, 0, "every name is [0-9A-Z_-], starting with a digit");
	free(all);

	/* area codes */
	char out[KPI_OUTNAME_BUFSZ];
	ok(kpi_outname_area("E09000033", out) == 0 && strcmp(out, "E09000033") == 0, "a GSS code is its name");
	ok(kpi_outname_area("W06000015", out) == 0 && strcmp(out, "W06000015") == 0, "a Welsh GSS code");
	ok(kpi_outname_area("213", out) == 0 && strcmp(out, "213") == 0, "a DfE LA number is its name");
	const char *not_codes[] = {"Westminster", "", "..", "E0900003", "E090000333", "e09000033",
				   "E09000033/..", "21", "2133", "21a", "E09 00033", "../213"};
	for (size_t i = 0; i < sizeof not_codes / sizeof *not_codes; i++) {
		strcpy(out, "x");
		ok(kpi_outname_area(not_codes[i], out) == -1 && out[0] == '\0', "'%s' is not an area code",
		   not_codes[i]);
	}
	ok(kpi_outname_area(NULL, out) == -1, "no code");

	/* templates */
	kpi_buf b = KPI_BUF_INIT;
	tap_case("a template with two fields");
	is_long((long)kpi_outname_fill(&b, "reports/{as_at}/cpb-{as_at}.html", "as_at", "2010_11"), 2,
		"two fields filled");
	is_str(kpi_buf_str(&b), "reports/2010_11/cpb-2010_11.html", "the template filled");
	tap_case_end();
	kpi_buf_clear(&b);
	tap_case("only a whole {as_at} is a field");
	is_long((long)kpi_outname_fill(&b, "{as_at{as_at}}{as}{area}", "as_at", "2010-11"), 1,
		"only a whole {as_at} is a field");
	is_str(kpi_buf_str(&b), "{as_at2010-11}{as}{area}", "the rest as written");
	tap_case_end();
	kpi_buf_clear(&b);
	tap_case("an empty template");
	is_long((long)kpi_outname_fill(&b, "", "as_at", "x"), 0, "no field");
	is_str(kpi_buf_str(&b), "", "is empty");
	tap_case_end();
	kpi_buf_free(&b);
	return tap_done();
}
