/* columns.c: finding a table's columns: by name (the synonyms of each role,
 * the geography of the EES standard and of older DfE tables), by the options
 * that name them, and by what their headers look like (periods, years). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kpi/closest.h"
#include "kpi/diag.h"
#include "kpi/json_write.h"
#include "kpi/names.h"
#include "table.h"

/* Synonyms by role, most telling first, in kpi_fold_name form. */
static const char *const synonyms[R_COUNT][24] = {
	[R_INDICATOR] = {"indicator", "indicatorid", "indicatorcode", "indicatorname", "kpi", "kpiid",
			 "kpicode", "kpiname", "measure", "measurename", "metric", "metricname",
			 "series", "seriesname", NULL},
	[R_PERIOD] = {"period", "timeperiod", "reportingperiod", "periodname", "periodlabel", "date",
		      "month", "quarter", "year", "financialyear", "academicyear", "yearmonth",
		      "monthyear", "time", NULL},
	[R_VALUE] = {"value", "obsvalue", "val", "amount", "result", "actual", "figure", "number",
		     NULL},
	[R_NUMERATOR] = {"numerator", "num", NULL},
	[R_DENOMINATOR] = {"denominator", "denom", "den", NULL},
	[R_AREA] = {"area", "areaname", "laname", "la", "localauthority", "localauthorityname",
		    "authority", "authorityname", "organisation", "organisationname", "orgname",
		    "geography", "geographyname", "geogn", "geogname", "areacode", "lacode",
		    "newlacode", "oldlacode", "geographycode", NULL},
	[R_BREAKDOWN] = {"breakdown", "subgroup", "breakdowngroup", "group", NULL},
};

/* EES name columns, most specific first: a row's area is the first non-empty. */
static const char *const ees_area_names[] = {
	"school_name", "provider_name", "institution_name", "ward_name", "pcon_name", "lad_name",
	"la_name", "english_devolved_area_name", "local_enterprise_partnership_name",
	"mayoral_combined_authority_name", "lsip_name", "opportunity_area_name",
	"planning_area_name", "pfa_name", "trust_name", "sponsor_name", "rsc_region_lead_name",
	"region_name", "country_name"};
enum { N_AREA_NAMES = sizeof ees_area_names / sizeof ees_area_names[0] };

/* The geography columns of the EES data standard (their codes and names),
 * and those of older DfE tables and council exports: never a measure, never
 * a breakdown field. */
static const char *const geography[] = {
	"geographic_level", "country_code", "country_name", "region_code", "region_name",
	"new_la_code", "old_la_code", "la_name", "lad_code", "lad_name", "rsc_region_lead_code",
	"rsc_region_lead_name", "pcon_code", "pcon_name", "lsip_code", "lsip_name",
	"local_enterprise_partnership_code", "local_enterprise_partnership_name",
	"english_devolved_area_code", "english_devolved_area_name", "opportunity_area_code",
	"opportunity_area_name", "ward_code", "ward_name", "trust_id", "trust_name", "sponsor_id",
	"sponsor_name", "school_urn", "school_laestab", "school_name", "provider_ukprn",
	"provider_name", "institution_id", "institution_name", "planning_area_code",
	"planning_area_name", "pfa_code", "pfa_name", "mayoral_combined_authority_code",
	"mayoral_combined_authority_name",
	/* older tables: SFR "underlying data" (geog_*), LA numbers */
	"geog_l", "geog_c", "geog_n", "geog_code", "geog_name", "new_geog_code", "la_number", "la_no",
	"la_num", "lea", "lea_number", "lea_code", "la_code", "ons_code", "gss_code", "area_code",
	"area_name", NULL};

static int in_list(const char *const *list, const char *s)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n > m && strcmp(s + n - m, suffix) == 0;
}

/* Identifiers hold digits but are never measures: codes, names, ids. */
int never_measure(const char *name)
{
	return ends_with(name, "_code") || ends_with(name, "_name") || ends_with(name, "_id") ||
	       ends_with(name, "_urn") || ends_with(name, "_ukprn") || ends_with(name, "_laestab") ||
	       strcmp(name, "time_period") == 0 || strcmp(name, "time_identifier") == 0;
}

/* Is column I a place: a geography column by name, or one named like an area? */
int is_geography(table *t, size_t i)
{
	if (in_list(geography, t->col[i].name))
		return 1;
	kpi_buf f = KPI_BUF_INIT;
	kpi_fold_name(&f, t->col[i].raw, t->col[i].raw_len);
	int area = 0;
	for (size_t s = 0; synonyms[R_AREA][s] && !area; s++)
		area = strcmp(f.data, synonyms[R_AREA][s]) == 0;
	kpi_buf_free(&f);
	return area;
}

const char *header_at(table *t)
{
	return t->header_where;
}

int find_column(table *t, const char *text)
{
	kpi_buf want = KPI_BUF_INIT, have = KPI_BUF_INIT;
	kpi_fold_name(&want, text, strlen(text));
	int found = -1;
	for (size_t i = 0; i < t->n && found < 0; i++) {
		if (strcmp(t->col[i].name, text) == 0)
			found = (int)i;
	}
	for (size_t i = 0; i < t->n && found < 0; i++) {
		kpi_fold_name(&have, t->col[i].raw, t->col[i].raw_len);
		if (want.len && strcmp(want.data, have.data) == 0)
			found = (int)i;
		else {
			kpi_fold_name(&have, t->col[i].name, strlen(t->col[i].name));
			if (want.len && strcmp(want.data, have.data) == 0)
				found = (int)i;
		}
	}
	kpi_buf_free(&want);
	kpi_buf_free(&have);
	return found;
}

void columns_present(table *t, kpi_buf *b, const char *text)
{
	const char **names = kpi_xcalloc(t->n ? t->n : 1, sizeof *names);
	for (size_t i = 0; i < t->n; i++)
		names[i] = t->col[i].name;
	kpi_closest(b, names, t->n, text, MAX_LISTED);
	free(names);
}

/* A column named by an option that is not there: bad data, exit 1, for
 * every option.  The option is well formed (that is checked before any file
 * is read); what is wrong is this file's header, as when a new release
 * renames a column a pipeline names. */
_Noreturn static void no_column(table *t, const char *opt, const char *text)
{
	kpi_buf b = KPI_BUF_INIT;
	columns_present(t, &b, text);
	out_flush();
	kpi_die(KPI_EXIT_DATA, "%s: %s: no column '%s'; columns present: %s", t->file, opt, text, b.data);
}

int column_or_die(table *t, const char *opt, const char *text)
{
	int c = find_column(t, text);
	if (c < 0)
		no_column(t, opt, text);
	return c;
}

/* A JSON string of text S (trimmed), with an optional prefix. */
char *json_text(const char *prefix, const char *s, size_t n, size_t *len)
{
	kpi_buf raw = KPI_BUF_INIT, b = KPI_BUF_INIT;
	trim(&s, &n);
	if (prefix)
		kpi_buf_adds(&raw, prefix);
	kpi_buf_add(&raw, s, n);
	kpi_json_escape(&b, raw.data, raw.len);
	kpi_buf_free(&raw);
	*len = b.len;
	return b.data;
}

/* The column whose folded header is a synonym of role R (first synonym
 * first), skipping columns that have a role or are period columns; -1. */
int synonym_column(table *t, int r)
{
	kpi_buf f = KPI_BUF_INIT;
	int found = -1;
	for (size_t s = 0; synonyms[r][s] && found < 0; s++)
		for (size_t i = 0; i < t->n; i++) {
			if (t->col[i].role >= 0 || t->col[i].kind == K_CUR)
				continue;
			kpi_fold_name(&f, t->col[i].raw, t->col[i].raw_len);
			if (strcmp(f.data, synonyms[r][s]) == 0) {
				found = (int)i;
				break;
			}
		}
	kpi_buf_free(&f);
	return found;
}

void set_role(table *t, int r, int c)
{
	if (t->role_col[r] >= 0) { /* a later --map of the field wins */
		t->col[t->role_col[r]].role = -1;
		t->col[t->role_col[r]].kind = K_PASS;
	}
	t->role_col[r] = c;
	t->col[c].role = r;
	t->col[c].kind = K_ROLE;
}

void find_roles(table *t)
{
	ingest_opts *o = t->o;
	for (size_t m = 0; m < o->nmap; m++)
		set_role(t, o->map[m].role, column_or_die(t, "--map", o->map[m].column));
	if (t->ees) {
		if (t->role_col[R_PERIOD] < 0)
			set_role(t, R_PERIOD, find_column(t, "time_period"));
		int c = find_column(t, "breakdown");
		if (t->role_col[R_BREAKDOWN] < 0 && c >= 0 && strcmp(t->col[c].name, "breakdown") == 0)
			set_role(t, R_BREAKDOWN, c);
		return;
	}
	for (int r = 0; r < R_COUNT; r++) {
		if (t->role_col[r] >= 0)
			continue;
		/* a melt takes indicator and value from the measures, and
		 * a numerator or denominator only by --map */
		if (t->melt && r != R_PERIOD && r != R_AREA && r != R_BREAKDOWN)
			continue;
		int c = synonym_column(t, r);
		if (c >= 0)
			set_role(t, r, c);
	}
	/* An unnamed column just after a place's code holds its names (the
	 * DfE's older tables: "LA Number," then the LA's name). */
	if (t->melt && t->role_col[R_AREA] < 0)
		for (size_t i = 1; i < t->n; i++) {
			const char *s = t->col[i].raw;
			size_t n = t->col[i].raw_len;
			trim(&s, &n);
			if (n == 0 && t->col[i].role < 0 && in_list(geography, t->col[i - 1].name)) {
				set_role(t, R_AREA, (int)i);
				break;
			}
		}
}

/* Is this header a wide one (most cells after the first are periods)? */
int header_is_wide(table *t)
{
	size_t periods = 0;
	for (size_t i = 0; i < t->n; i++)
		if (looks_like_period(t->col[i].raw, t->col[i].raw_len))
			periods++;
	return periods >= 2 && periods * 2 >= t->n;
}

void choose_wide(table *t)
{
	size_t periods = 0;
	for (size_t i = 0; i < t->n; i++)
		if (looks_like_period(t->col[i].raw, t->col[i].raw_len))
			periods++;
	for (size_t i = 0; i < t->n; i++) {
		/* with --wide and no period-like header, every column after the first */
		if (periods ? looks_like_period(t->col[i].raw, t->col[i].raw_len) : i > 0) {
			t->col[i].kind = K_CUR;
			t->col[i].label = json_text(NULL, t->col[i].raw, t->col[i].raw_len, &t->col[i].label_len);
		}
	}
}

/* A header that carries years but has no value, indicator or period column
 * (KS2_Attainment_2007-2011: "Number achieving Level 4 in English 2007";
 * SFR36: "CLA_Mar2014") is a table of measures: it melts. */
int header_carries_years(table *t)
{
	if (synonym_column(t, R_VALUE) >= 0 || synonym_column(t, R_INDICATOR) >= 0 ||
	    synonym_column(t, R_PERIOD) >= 0)
		return 0;
	for (size_t i = 0; i < t->n; i++) {
		const char *s = t->col[i].raw;
		size_t n = t->col[i].raw_len, p, y;
		trim(&s, &n);
		if (header_period(s, n, &p, &y))
			return 1;
	}
	return 0;
}

void find_ees_areas(table *t)
{
	t->area_cols = kpi_xcalloc(N_AREA_NAMES, sizeof(int));
	for (size_t a = 0; a < N_AREA_NAMES; a++) {
		int c = find_column(t, ees_area_names[a]);
		if (c >= 0 && strcmp(t->col[c].name, ees_area_names[a]) == 0)
			t->area_cols[t->narea++] = c;
	}
}
