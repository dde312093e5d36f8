/* plan.c: what each column of a table is, and the plan that writes a row.
 *
 * The header decides the shape (long, wide, or a melt: EES files, --measures,
 * and files whose headers carry years), the roles found by name, and the
 * columns the options name.  In a melt the rows decide the rest (profile.c):
 * a column of numbers and symbols is a measure; a text column that varies is
 * a field of the breakdown object; a text column with one value on every row
 * describes the file and passes through.  EES metadata, when present, says
 * instead which columns are indicators and which are filters. */
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
static int never_measure(const char *name)
{
	return ends_with(name, "_code") || ends_with(name, "_name") || ends_with(name, "_id") ||
	       ends_with(name, "_urn") || ends_with(name, "_ukprn") || ends_with(name, "_laestab") ||
	       strcmp(name, "time_period") == 0 || strcmp(name, "time_identifier") == 0;
}

/* Is column I a place: a geography column by name, or one named like an area? */
static int is_geography(table *t, size_t i)
{
	if (in_list(geography, t->name[i]))
		return 1;
	kpi_buf f = KPI_BUF_INIT;
	kpi_fold_name(&f, t->raw[i], t->raw_len[i]);
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
		if (strcmp(t->name[i], text) == 0)
			found = (int)i;
	}
	for (size_t i = 0; i < t->n && found < 0; i++) {
		kpi_fold_name(&have, t->raw[i], t->raw_len[i]);
		if (want.len && strcmp(want.data, have.data) == 0)
			found = (int)i;
		else {
			kpi_fold_name(&have, t->name[i], strlen(t->name[i]));
			if (want.len && strcmp(want.data, have.data) == 0)
				found = (int)i;
		}
	}
	kpi_buf_free(&want);
	kpi_buf_free(&have);
	return found;
}

enum { MAX_LISTED = 10 };

void columns_present(table *t, kpi_buf *b, const char *text)
{
	kpi_closest(b, (const char *const *)t->name, t->n, text, MAX_LISTED);
}

/* A column named by an option that is not there: exit STATUS (1 for the
 * options that choose data, --filter and --measures: they match nothing;
 * 2 for the others, a usage error). */
_Noreturn static void no_column(table *t, const char *opt, const char *text, int status)
{
	kpi_buf b = KPI_BUF_INIT;
	columns_present(t, &b, text);
	out_flush();
	kpi_die(status, "%s: %s: no column '%s'; columns present: %s", t->file, opt, text, b.data);
}

static int column_or_die(table *t, const char *opt, const char *text, int status)
{
	int c = find_column(t, text);
	if (c < 0)
		no_column(t, opt, text, status);
	return c;
}

/* A JSON string of text S (trimmed), with an optional prefix. */
static char *json_text(const char *prefix, const char *s, size_t n, size_t *len)
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
static int synonym_column(table *t, int r)
{
	kpi_buf f = KPI_BUF_INIT;
	int found = -1;
	for (size_t s = 0; synonyms[r][s] && found < 0; s++)
		for (size_t i = 0; i < t->n; i++) {
			if (t->role[i] >= 0 || t->kind[i] == K_CUR)
				continue;
			kpi_fold_name(&f, t->raw[i], t->raw_len[i]);
			if (strcmp(f.data, synonyms[r][s]) == 0) {
				found = (int)i;
				break;
			}
		}
	kpi_buf_free(&f);
	return found;
}

static void set_role(table *t, int r, int c)
{
	if (t->role_col[r] >= 0) { /* a later --map of the field wins */
		t->role[t->role_col[r]] = -1;
		t->kind[t->role_col[r]] = K_PASS;
	}
	t->role_col[r] = c;
	t->role[c] = r;
	t->kind[c] = K_ROLE;
}

static void find_roles(table *t)
{
	ingest_opts *o = t->o;
	for (size_t m = 0; m < o->nmap; m++)
		set_role(t, o->map[m].role, column_or_die(t, "--map", o->map[m].column, KPI_EXIT_USAGE));
	if (t->ees) {
		if (t->role_col[R_PERIOD] < 0)
			set_role(t, R_PERIOD, find_column(t, "time_period"));
		int c = find_column(t, "breakdown");
		if (t->role_col[R_BREAKDOWN] < 0 && c >= 0 && strcmp(t->name[c], "breakdown") == 0)
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
			const char *s = t->raw[i];
			size_t n = t->raw_len[i];
			trim(&s, &n);
			if (n == 0 && t->role[i] < 0 && in_list(geography, t->name[i - 1])) {
				set_role(t, R_AREA, (int)i);
				break;
			}
		}
}

/* Is this header a wide one (most cells after the first are periods)? */
static int header_is_wide(table *t)
{
	size_t periods = 0;
	for (size_t i = 0; i < t->n; i++)
		if (looks_like_period(t->raw[i], t->raw_len[i]))
			periods++;
	return periods >= 2 && periods * 2 >= t->n;
}

static void choose_wide(table *t)
{
	size_t periods = 0;
	for (size_t i = 0; i < t->n; i++)
		if (looks_like_period(t->raw[i], t->raw_len[i]))
			periods++;
	for (size_t i = 0; i < t->n; i++) {
		/* with --wide and no period-like header, every column after the first */
		if (periods ? looks_like_period(t->raw[i], t->raw_len[i]) : i > 0) {
			t->kind[i] = K_CUR;
			t->label[i] = json_text(NULL, t->raw[i], t->raw_len[i], &t->label_len[i]);
		}
	}
}

/* A header that carries years but has no value, indicator or period column
 * (KS2_Attainment_2007-2011: "Number achieving Level 4 in English 2007";
 * SFR36: "CLA_Mar2014") is a table of measures: it melts. */
static int header_carries_years(table *t)
{
	if (synonym_column(t, R_VALUE) >= 0 || synonym_column(t, R_INDICATOR) >= 0 ||
	    synonym_column(t, R_PERIOD) >= 0)
		return 0;
	for (size_t i = 0; i < t->n; i++) {
		const char *s = t->raw[i];
		size_t n = t->raw_len[i], p, y;
		trim(&s, &n);
		if (header_period(s, n, &p, &y))
			return 1;
	}
	return 0;
}

static void force_columns(table *t, const name_list *l, const char *opt, int how)
{
	for (size_t k = 0; k < l->n; k++) {
		int c = column_or_die(t, opt, l->name[k], KPI_EXIT_USAGE);
		if (t->force[c] && t->force[c] != how) {
			out_flush();
			kpi_usage_error("%s: column '%s' is named by both --breakdown and --attribute",
					t->file, t->name[c]);
		}
		t->force[c] = how;
	}
}

void plan_header(table *t)
{
	ingest_opts *o = t->o;
	for (int r = 0; r < R_COUNT; r++)
		t->role_col[r] = -1;
	int tp = find_column(t, "time_period");
	t->ees = tp >= 0 && find_column(t, "geographic_level") >= 0 &&
		 strcmp(t->name[tp], "time_period") == 0;
	if (o->shape == SHAPE_WIDE)
		t->wide = 1;
	else if (o->measures.n || o->measures_all)
		t->melt = 1;
	else if (o->shape == SHAPE_AUTO && t->ees)
		t->melt = 1;
	else if (o->shape == SHAPE_AUTO && header_is_wide(t))
		t->wide = 1;
	else if (o->shape == SHAPE_AUTO && header_carries_years(t))
		t->melt = 1;
	if (t->melt)
		for (size_t m = 0; m < o->nmap; m++)
			if (o->map[m].role == R_INDICATOR || o->map[m].role == R_VALUE)
				kpi_usage_error("--map %s cannot be used with --measures (the measure columns "
						"give the indicator and value)",
						role_name[o->map[m].role]);
	if (t->wide)
		choose_wide(t);
	force_columns(t, &o->breakdown, "--breakdown", FORCE_BREAKDOWN);
	force_columns(t, &o->attribute, "--attribute", FORCE_ATTRIBUTE);
	find_roles(t);
	for (size_t i = 0; i < t->n; i++)
		if (t->force[i] && t->role[i] >= 0 && t->role[i] != R_BREAKDOWN) {
			out_flush();
			kpi_usage_error("%s: --%s: column '%s' is the %s column", t->file,
					t->force[i] == FORCE_BREAKDOWN ? "breakdown" : "attribute", t->name[i],
					role_name[t->role[i]]);
		}

	/* --filter columns: a column that is not there matches no row */
	t->fs.col = kpi_xcalloc(o->nfilter + 1, sizeof(int));
	for (size_t f = 0; f < o->nfilter; f++) {
		int c = column_or_die(t, "--filter", o->filter[f].column, KPI_EXIT_DATA);
		t->fs.col[f] = c;
		t->is_filter[c] = 1;
	}

	if (t->melt) {
		for (size_t i = 0; i < t->n; i++)
			if (t->role[i] < 0 && !t->force[i] &&
			    (is_geography(t, i) || strcmp(t->name[i], "time_identifier") == 0))
				t->kind[i] = K_GEO;
		for (size_t m = 0; m < o->measures.n && !o->measures_all; m++) {
			int c = column_or_die(t, "--measures", o->measures.name[m], KPI_EXIT_DATA);
			if (t->role[c] >= 0 || t->force[c]) {
				out_flush();
				kpi_usage_error("%s: --measures: column '%s' is the %s column", t->file,
						t->name[c],
						t->role[c] >= 0 ? role_name[t->role[c]]
						: t->force[c] == FORCE_BREAKDOWN ? "--breakdown"
										  : "--attribute");
			}
			t->kind[c] = K_CUR;
		}
	}
	if (o->period && (t->wide || t->role_col[R_PERIOD] >= 0)) {
		out_flush();
		kpi_usage_error("%s: --period: the file has its own periods (%s)", t->file,
				t->wide ? "its header" : t->name[t->role_col[R_PERIOD]]);
	}
	if (t->ees || o->ees_meta)
		meta_load(t);
}

int plan_needs_profile(const table *t)
{
	return t->melt && !t->meta;
}

static void warn_header(table *t, const char *fmt, const char *what);

/* Decides each remaining column of a melt. */
static void classify_melt(table *t)
{
	ingest_opts *o = t->o;
	int auto_measures = o->measures_all || o->measures.n == 0;
	for (size_t i = 0; i < t->n; i++) {
		if (t->kind[i] == K_ROLE && t->role[i] == R_BREAKDOWN) {
			t->kind[i] = t->force[i] == FORCE_ATTRIBUTE ? K_PASS : K_BREAKDOWN;
			continue;
		}
		if (t->kind[i] != K_PASS)
			continue; /* role, named measure, geography */
		if (t->force[i]) {
			t->kind[i] = t->force[i] == FORCE_BREAKDOWN ? K_BREAKDOWN : K_PASS;
			continue;
		}
		if (t->meta) {
			int type = t->meta[i].type;
			t->kind[i] = type == 'I' && auto_measures ? K_CUR : type == 'F' ? K_BREAKDOWN : K_PASS;
			continue;
		}
		const col_profile *p = &t->prof[i];
		int number = p->measure_like && !never_measure(t->name[i]) && !t->is_filter[i];
		const char *s = t->raw[i];
		size_t n = t->raw_len[i];
		trim(&s, &n);
		if (n == 0 && !p->varies && p->first_len == 0)
			t->kind[i] = K_NONE; /* no name, no value: nothing to say */
		else if (number)
			t->kind[i] = auto_measures ? K_CUR : K_PASS;
		else if (p->varies)
			t->kind[i] = K_BREAKDOWN;
		else
			t->kind[i] = K_PASS; /* one value on every row: it describes the file */
		/* a pipe was judged on its first rows: the rest must keep to it */
		if (t->nheld == SAMPLE_ROWS && !p->varies && !number)
			t->check_const[t->ncheck++] = (int)i;
	}
}

/* The indicator and period of each measure column of a melt without a
 * period column: from its header ("… 2007", "CLA_Mar2014"), the file's one
 * period (when the headers that carry a year all carry the same), or --period. */
static void measure_periods(table *t)
{
	ingest_opts *o = t->o;
	size_t *pat = kpi_xcalloc(t->n, sizeof *pat), *yat = kpi_xcalloc(t->n, sizeof *yat);
	int *has = kpi_xcalloc(t->n, sizeof *has);
	int any = 0, same = 1, common = -1;
	for (size_t i = 0; i < t->n; i++) {
		if (t->kind[i] != K_CUR)
			continue;
		const char *s = t->raw[i];
		size_t n = t->raw_len[i];
		trim(&s, &n);
		has[i] = header_period(s, n, &pat[i], &yat[i]);
		if (!has[i])
			continue;
		/* pat/yat from the trimmed text */
		pat[i] += (size_t)(s - t->raw[i]);
		yat[i] += (size_t)(s - t->raw[i]);
		size_t end = (size_t)(s - t->raw[i]) + n;
		if (common < 0) {
			common = (int)i;
		} else {
			size_t cend = t->raw_len[common];
			const char *cs = t->raw[common];
			while (cend && (cs[cend - 1] == ' ' || cs[cend - 1] == '\t'))
				cend--;
			if (end - yat[i] != cend - yat[common] ||
			    memcmp(t->raw[i] + yat[i], cs + yat[common], end - yat[i]) != 0)
				same = 0;
			else if (pat[common] == yat[common] && pat[i] < yat[i])
				common = (int)i; /* the more specific form: "Mar2014" over "2014" */
		}
		any = 1;
	}
	t->header_periods = any;
	char *shared = NULL;
	size_t shared_len = 0;
	if (any && same) {
		const char *s = t->raw[common] + pat[common];
		size_t n = t->raw_len[common] - pat[common];
		shared = json_text(NULL, s, n, &shared_len);
	} else if (!any && o->period) {
		shared = json_text(NULL, o->period, strlen(o->period), &shared_len);
	}
	kpi_buf missing = KPI_BUF_INIT;
	size_t nmissing = 0;
	for (size_t i = 0; i < t->n; i++) {
		if (t->kind[i] != K_CUR)
			continue;
		if (has[i]) {
			/* the indicator is the header without its year */
			size_t end = yat[i];
			while (end > 0 && (t->raw[i][end - 1] == ' ' || t->raw[i][end - 1] == '_' ||
					   t->raw[i][end - 1] == '-' || t->raw[i][end - 1] == '.' ||
					   t->raw[i][end - 1] == '/' || t->raw[i][end - 1] == '\t'))
				end--;
			free(t->label[i]);
			t->label[i] = json_text(o->indicator_prefix, t->raw[i], end, &t->label_len[i]);
		}
		if (shared) {
			t->period[i] = kpi_xstrdup(shared);
			t->period_len[i] = shared_len;
		} else if (has[i]) {
			const char *s = t->raw[i] + pat[i];
			size_t n = t->raw_len[i] - pat[i];
			t->period[i] = json_text(NULL, s, n, &t->period_len[i]);
		} else if (o->period) {
			t->period[i] = json_text(NULL, o->period, strlen(o->period), &t->period_len[i]);
			nmissing++; /* counted to know --period was used */
		} else if (any) {
			if (nmissing < MAX_LISTED)
				kpi_buf_printf(&missing, "%s%s", missing.len ? ", " : "", t->name[i]);
			nmissing++;
		}
	}
	if (!any && !o->period)
		warn_header(t, "%s", "no period column and no period in the headers: the observations "
				     "have none (see --period, --map period=COLUMN)");
	if (o->period && any && (same || nmissing == 0)) {
		out_flush();
		kpi_usage_error("%s: --period: the headers give the period%s", t->file,
				same ? " of every measure" : "s");
	}
	if (missing.len) {
		if (nmissing > MAX_LISTED)
			kpi_buf_printf(&missing, " and %zu more", nmissing - MAX_LISTED);
		out_flush();
		kpi_warn_at(header_at(t), "%zu measure column%s carry no period in the header, unlike the others "
			    "(%s): their observations have none (see --period)",
			    nmissing, nmissing == 1 ? "" : "s", missing.data);
	}
	kpi_buf_free(&missing);
	free(shared);
	free(pat);
	free(yat);
	free(has);
}

static void add_plan(table *t, int col, const char *name)
{
	kpi_buf k = KPI_BUF_INIT;
	kpi_json_escape(&k, name, strlen(name));
	kpi_buf_addc(&k, ':');
	t->plan = kpi_xrealloc(t->plan, (t->nplan + 1) * sizeof *t->plan);
	t->plan[t->nplan].col = col;
	t->plan[t->nplan].key = k.data;
	t->plan[t->nplan].key_len = k.len;
	t->nplan++;
}

static int melts_meta(const table *t)
{
	if (!t->meta)
		return 0;
	for (size_t i = 0; i < t->n; i++)
		if (t->kind[i] == K_CUR && t->meta[i].type == 'I')
			return 1;
	return 0;
}

/* Output field names that pass-through columns must not take. */
static int name_is_set(table *t, const char *s)
{
	if (strcmp(s, "source") == 0)
		return 1;
	if (melts_meta(t) && (strcmp(s, "indicator_label") == 0 || strcmp(s, "indicator_unit") == 0 ||
			      strcmp(s, "indicator_dp") == 0))
		return 1;
	for (int r = 0; r < R_COUNT; r++)
		if (strcmp(s, role_name[r]) == 0) {
			if (r == R_INDICATOR || r == R_VALUE)
				return t->melt || t->wide || t->role_col[r] >= 0;
			if (r == R_PERIOD)
				return t->wide || t->role_col[r] >= 0 || t->header_periods || t->o->period;
			if (r == R_AREA)
				return t->role_col[r] >= 0 || t->narea > 0;
			if (r == R_BREAKDOWN)
				return t->role_col[r] >= 0 || t->nbd > 0;
			return t->role_col[r] >= 0;
		}
	return 0;
}

static void warn_header(table *t, const char *fmt, const char *what)
{
	out_flush();
	kpi_warn_at(header_at(t), fmt, what);
}

/* The breakdown object's fields, in column order. */
static void breakdown_fields(table *t)
{
	if (!t->melt)
		for (size_t i = 0; i < t->n; i++)
			if (t->force[i] == FORCE_BREAKDOWN)
				t->kind[i] = K_BREAKDOWN;
	/* a plain file's breakdown column joins the object when --breakdown makes one */
	int b = t->role_col[R_BREAKDOWN];
	if (!t->melt && b >= 0 && t->o->breakdown.n && t->force[b] != FORCE_ATTRIBUTE)
		t->kind[b] = K_BREAKDOWN;
	for (size_t i = 0; i < t->n; i++) {
		if (t->kind[i] != K_BREAKDOWN)
			continue;
		t->bd_cols[t->nbd++] = (int)i;
		const char *key = t->role[i] == R_BREAKDOWN ? "breakdown" : t->name[i];
		kpi_buf k = KPI_BUF_INIT;
		kpi_json_escape(&k, key, strlen(key));
		kpi_buf_addc(&k, ':');
		t->bd_key[i] = k.data;
		t->bd_key_len[i] = k.len;
	}
}

void make_plan(table *t)
{
	ingest_opts *o = t->o;
	if (t->melt)
		classify_melt(t);
	for (size_t i = 0; i < t->n && t->melt; i++) {
		if (t->kind[i] != K_CUR)
			continue;
		/* the indicator is the header; an unnamed measure takes its column_N name */
		const char *s = t->raw[i];
		size_t n = t->raw_len[i];
		trim(&s, &n);
		if (n == 0) {
			s = t->name[i];
			n = strlen(s);
		}
		t->label[i] = json_text(o->indicator_prefix, s, n, &t->label_len[i]);
	}
	if (t->melt && t->role_col[R_PERIOD] < 0)
		measure_periods(t);
	breakdown_fields(t);
	if (t->ees && t->role_col[R_AREA] < 0) {
		t->area_cols = kpi_xcalloc(N_AREA_NAMES, sizeof(int));
		for (size_t a = 0; a < N_AREA_NAMES; a++) {
			int c = find_column(t, ees_area_names[a]);
			if (c >= 0 && strcmp(t->name[c], ees_area_names[a]) == 0)
				t->area_cols[t->narea++] = c;
		}
	}
	if (t->wide && t->role_col[R_INDICATOR] < 0) {
		/* the first label column names the indicator */
		for (size_t i = 0; i < t->n; i++)
			if (t->kind[i] == K_PASS && t->role[i] < 0) {
				set_role(t, R_INDICATOR, (int)i);
				break;
			}
	}

	for (int r = 0; r < R_COUNT; r++) {
		int col = t->role_col[r];
		if ((t->melt || t->wide) && r == R_VALUE)
			col = SRC_CUR_CELL;
		else if (t->melt && r == R_INDICATOR)
			col = SRC_CUR_LABEL;
		else if (t->wide && r == R_PERIOD)
			col = SRC_CUR_LABEL;
		else if (t->melt && r == R_PERIOD && col < 0 && (t->header_periods || o->period))
			col = SRC_CUR_PERIOD;
		else if (r == R_PERIOD && col < 0 && o->period)
			col = SRC_OPT_PERIOD;
		else if (r == R_AREA && col < 0 && t->narea)
			col = SRC_EES_AREA;
		else if (r == R_BREAKDOWN && t->nbd)
			col = SRC_BREAKDOWN;
		if (col == -1)
			continue;
		add_plan(t, col, role_name[r]);
	}
	if (melts_meta(t)) {
		add_plan(t, SRC_META_LABEL, "indicator_label");
		add_plan(t, SRC_META_UNIT, "indicator_unit");
		add_plan(t, SRC_META_DP, "indicator_dp");
	}
	if (o->period && !t->melt && !t->wide)
		t->opt_period = json_text(NULL, o->period, strlen(o->period), &t->opt_period_len);

	/* pass-through columns, input order */
	kpi_buf b = KPI_BUF_INIT, renamed = KPI_BUF_INIT;
	for (size_t i = 0; i < t->n; i++) {
		if (t->kind[i] != K_PASS && t->kind[i] != K_GEO)
			continue;
		const char *nm = t->name[i];
		if (name_is_set(t, nm)) {
			for (int k = 2;; k++) {
				kpi_buf_clear(&b);
				kpi_buf_printf(&b, "%s_%d", t->name[i], k);
				if (!name_is_set(t, b.data) && find_column(t, b.data) < 0)
					break;
			}
			kpi_buf_printf(&renamed, "%s%s -> %s", renamed.len ? ", " : "", nm, b.data);
			nm = b.data;
		}
		add_plan(t, (int)i, nm);
	}
	if (renamed.len)
		warn_header(t, "columns renamed, as kpi-ingest sets these fields: %s", renamed.data);
	kpi_buf_free(&b);
	kpi_buf_free(&renamed);
	if (t->melt) {
		int any = 0;
		for (size_t i = 0; i < t->n; i++)
			any |= t->kind[i] == K_CUR;
		if (!any && o->measures_all) {
			kpi_buf cols = KPI_BUF_INIT;
			columns_present(t, &cols, "");
			out_flush();
			kpi_die(KPI_EXIT_DATA, "%s: --measures all matches no column (none holds only numbers "
				"and symbols); columns present: %s", t->file, cols.data);
		}
		if (!any)
			warn_header(t, "%s", "no measure columns found (see --measures)");
	}
	if (!t->melt && !t->wide && t->role_col[R_VALUE] < 0)
		warn_header(t, "%s", "no value column found: rows pass through as they are "
				     "(see --map, --measures, --wide)");
	t->planned = 1;
}

void plan_free(table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->label[i]);
		free(t->period[i]);
		free(t->bd_key[i]);
		free(t->cell_sfx[i]);
	}
	for (size_t p = 0; p < t->nplan; p++)
		free(t->plan[p].key);
	free(t->plan);
	free(t->area_cols);
	free(t->opt_period);
}
