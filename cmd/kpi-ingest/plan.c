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
#include "kpi/diag.h"
#include "kpi/json_write.h"
#include "kpi/names.h"
#include "table.h"

static void force_columns(table *t, const name_list *l, const char *opt, int how)
{
	for (size_t k = 0; k < l->n; k++) {
		int c = column_or_die(t, opt, l->name[k]);
		if (t->col[c].force && t->col[c].force != how) {
			out_flush();
			kpi_usage_error("%s: column '%s' is named by both --breakdown and --attribute",
					t->file, t->col[c].name);
		}
		t->col[c].force = how;
	}
}

void plan_header(table *t)
{
	ingest_opts *o = t->o;
	for (int r = 0; r < R_COUNT; r++)
		t->role_col[r] = -1;
	int tp = find_column(t, "time_period");
	t->ees = tp >= 0 && find_column(t, "geographic_level") >= 0 &&
		 strcmp(t->col[tp].name, "time_period") == 0;
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
		check_map_melt(o);
	if (t->wide)
		choose_wide(t);
	force_columns(t, &o->breakdown, "--breakdown", FORCE_BREAKDOWN);
	force_columns(t, &o->attribute, "--attribute", FORCE_ATTRIBUTE);
	find_roles(t);
	for (size_t i = 0; i < t->n; i++)
		if (t->col[i].force && t->col[i].role >= 0 && t->col[i].role != R_BREAKDOWN) {
			out_flush();
			kpi_usage_error("%s: --%s: column '%s' is the %s column", t->file,
					t->col[i].force == FORCE_BREAKDOWN ? "breakdown" : "attribute", t->col[i].name,
					role_name[t->col[i].role]);
		}

	/* --filter columns: a column that is not there matches no row */
	t->fs.col = kpi_xcalloc(o->nfilter + 1, sizeof(int));
	for (size_t f = 0; f < o->nfilter; f++) {
		int c = column_or_die(t, "--filter", o->filter[f].column);
		t->fs.col[f] = c;
		t->col[c].is_filter = 1;
	}

	if (t->melt) {
		for (size_t i = 0; i < t->n; i++)
			if (t->col[i].role < 0 && !t->col[i].force &&
			    (is_geography(t, i) || strcmp(t->col[i].name, "time_identifier") == 0))
				t->col[i].kind = K_GEO;
		for (size_t m = 0; m < o->measures.n && !o->measures_all; m++) {
			int c = column_or_die(t, "--measures", o->measures.name[m]);
			if (t->col[c].role >= 0 || t->col[c].force) {
				out_flush();
				kpi_usage_error("%s: --measures: column '%s' is the %s column", t->file,
						t->col[c].name,
						t->col[c].role >= 0 ? role_name[t->col[c].role]
						: t->col[c].force == FORCE_BREAKDOWN ? "--breakdown"
										  : "--attribute");
			}
			t->col[c].kind = K_CUR;
		}
	}
	if (o->period && (t->wide || t->role_col[R_PERIOD] >= 0)) {
		out_flush();
		kpi_usage_error("%s: --period: the file has its own periods (%s)", t->file,
				t->wide ? "its header" : t->col[t->role_col[R_PERIOD]].name);
	}
	if (t->ees || o->ees_meta)
		meta_load(t);
}

int plan_needs_profile(const table *t)
{
	return t->melt && !t->has_meta;
}

static void warn_header(table *t, const char *fmt, const char *what);

/* Decides each remaining column of a melt. */
static void classify_melt(table *t)
{
	ingest_opts *o = t->o;
	int auto_measures = o->measures_all || o->measures.n == 0;
	for (size_t i = 0; i < t->n; i++) {
		if (t->col[i].kind == K_ROLE && t->col[i].role == R_BREAKDOWN) {
			t->col[i].kind = t->col[i].force == FORCE_ATTRIBUTE ? K_PASS : K_BREAKDOWN;
			continue;
		}
		if (t->col[i].kind != K_PASS)
			continue; /* role, named measure, geography */
		if (t->col[i].force) {
			t->col[i].kind = t->col[i].force == FORCE_BREAKDOWN ? K_BREAKDOWN : K_PASS;
			continue;
		}
		if (t->has_meta) {
			int type = t->col[i].meta.type;
			t->col[i].kind = type == 'I' && auto_measures ? K_CUR : type == 'F' ? K_BREAKDOWN : K_PASS;
			continue;
		}
		const col_profile *p = &t->col[i].prof;
		int number = p->measure_like && !never_measure(t->col[i].name) && !t->col[i].is_filter;
		const char *s = t->col[i].raw;
		size_t n = t->col[i].raw_len;
		trim(&s, &n);
		if (n == 0 && !p->varies && p->first_len == 0)
			t->col[i].kind = K_NONE; /* no name, no value: nothing to say */
		else if (number)
			t->col[i].kind = auto_measures ? K_CUR : K_PASS;
		else if (p->varies)
			t->col[i].kind = K_BREAKDOWN;
		else
			t->col[i].kind = K_PASS; /* one value on every row: it describes the file */
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
		if (t->col[i].kind != K_CUR)
			continue;
		const char *s = t->col[i].raw;
		size_t n = t->col[i].raw_len;
		trim(&s, &n);
		has[i] = header_period(s, n, &pat[i], &yat[i]);
		if (!has[i])
			continue;
		/* pat/yat from the trimmed text */
		pat[i] += (size_t)(s - t->col[i].raw);
		yat[i] += (size_t)(s - t->col[i].raw);
		size_t end = (size_t)(s - t->col[i].raw) + n;
		if (common < 0) {
			common = (int)i;
		} else {
			size_t cend = t->col[common].raw_len;
			const char *cs = t->col[common].raw;
			while (cend && (cs[cend - 1] == ' ' || cs[cend - 1] == '\t'))
				cend--;
			if (end - yat[i] != cend - yat[common] ||
			    memcmp(t->col[i].raw + yat[i], cs + yat[common], end - yat[i]) != 0)
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
		const char *s = t->col[common].raw + pat[common];
		size_t n = t->col[common].raw_len - pat[common];
		shared = json_text(NULL, s, n, &shared_len);
	} else if (!any && o->period) {
		shared = json_text(NULL, o->period, strlen(o->period), &shared_len);
	}
	kpi_buf missing = KPI_BUF_INIT;
	size_t nmissing = 0;
	for (size_t i = 0; i < t->n; i++) {
		if (t->col[i].kind != K_CUR)
			continue;
		if (has[i]) {
			/* the indicator is the header without its year */
			size_t end = yat[i];
			while (end > 0 && (t->col[i].raw[end - 1] == ' ' || t->col[i].raw[end - 1] == '_' ||
					   t->col[i].raw[end - 1] == '-' || t->col[i].raw[end - 1] == '.' ||
					   t->col[i].raw[end - 1] == '/' || t->col[i].raw[end - 1] == '\t'))
				end--;
			free(t->col[i].label);
			t->col[i].label = json_text(o->indicator_prefix, t->col[i].raw, end, &t->col[i].label_len);
		}
		if (shared) {
			t->col[i].period = kpi_xstrdup(shared);
			t->col[i].period_len = shared_len;
		} else if (has[i]) {
			const char *s = t->col[i].raw + pat[i];
			size_t n = t->col[i].raw_len - pat[i];
			t->col[i].period = json_text(NULL, s, n, &t->col[i].period_len);
		} else if (o->period) {
			t->col[i].period = json_text(NULL, o->period, strlen(o->period), &t->col[i].period_len);
			nmissing++; /* counted to know --period was used */
		} else if (any) {
			if (nmissing < MAX_LISTED)
				kpi_buf_printf(&missing, "%s%s", missing.len ? ", " : "", t->col[i].name);
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
	/* doubled when full (nplan a power of two): a header of 10,000 columns
	 * is 15 reallocations, not 10,000 copies of a growing array */
	if ((t->nplan & (t->nplan - 1)) == 0)
		t->plan = kpi_xrealloc(t->plan, (t->nplan ? 2 * t->nplan : 1) * sizeof *t->plan);
	t->plan[t->nplan].col = col;
	t->plan[t->nplan].key = k.data;
	t->plan[t->nplan].key_len = k.len;
	t->plan[t->nplan].trim = 0;
	t->nplan++;
}

static int melts_meta(const table *t)
{
	if (!t->has_meta)
		return 0;
	for (size_t i = 0; i < t->n; i++)
		if (t->col[i].kind == K_CUR && t->col[i].meta.type == 'I')
			return 1;
	return 0;
}

/* Output field names that pass-through columns must not take. */
static int name_is_set(table *t, const char *s)
{
	if (strcmp(s, "source") == 0 || (t->o->released && strcmp(s, "released") == 0))
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
			if (r == R_NUMERATOR)
				return t->role_col[r] >= 0 || t->has_num;
			if (r == R_DENOMINATOR)
				return t->role_col[r] >= 0 || t->has_den;
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
			if (t->col[i].force == FORCE_BREAKDOWN)
				t->col[i].kind = K_BREAKDOWN;
	/* a plain file's breakdown column joins the object when --breakdown makes one */
	int b = t->role_col[R_BREAKDOWN];
	if (!t->melt && b >= 0 && t->o->breakdown.n && t->col[b].force != FORCE_ATTRIBUTE)
		t->col[b].kind = K_BREAKDOWN;
	for (size_t i = 0; i < t->n; i++) {
		if (t->col[i].kind != K_BREAKDOWN)
			continue;
		t->bd_cols[t->nbd++] = (int)i;
		const char *key = t->col[i].role == R_BREAKDOWN ? "breakdown" : t->col[i].name;
		kpi_buf k = KPI_BUF_INIT;
		kpi_json_escape(&k, key, strlen(key));
		kpi_buf_addc(&k, ':');
		t->col[i].bd_key = k.data;
		t->col[i].bd_key_len = k.len;
	}
}

void make_plan(table *t)
{
	ingest_opts *o = t->o;
	if (t->melt)
		classify_melt(t);
	for (size_t i = 0; i < t->n && t->melt; i++) {
		if (t->col[i].kind != K_CUR)
			continue;
		/* the indicator is the header; an unnamed measure takes its column_N name */
		const char *s = t->col[i].raw;
		size_t n = t->col[i].raw_len;
		trim(&s, &n);
		if (n == 0) {
			s = t->col[i].name;
			n = strlen(s);
		}
		t->col[i].label = json_text(o->indicator_prefix, s, n, &t->col[i].label_len);
	}
	if (t->melt && t->role_col[R_PERIOD] < 0)
		measure_periods(t);
	find_pairs(t);
	breakdown_fields(t);
	if (t->ees && t->role_col[R_AREA] < 0)
		find_ees_areas(t);
	if (t->wide && t->role_col[R_INDICATOR] < 0) {
		/* the first label column names the indicator */
		for (size_t i = 0; i < t->n; i++)
			if (t->col[i].kind == K_PASS && t->col[i].role < 0) {
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
		else if (r == R_NUMERATOR && col < 0 && t->has_num)
			col = SRC_CUR_NUMERATOR;
		else if (r == R_DENOMINATOR && col < 0 && t->has_den)
			col = SRC_CUR_DENOMINATOR;
		if (col == -1)
			continue;
		add_plan(t, col, role_name[r]);
		t->plan[t->nplan - 1].trim = r == R_AREA;
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
		if (t->col[i].kind != K_PASS && t->col[i].kind != K_GEO)
			continue;
		const char *nm = t->col[i].name;
		if (name_is_set(t, nm)) {
			for (int k = 2;; k++) {
				kpi_buf_clear(&b);
				kpi_buf_printf(&b, "%s_%d", t->col[i].name, k);
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
			any |= t->col[i].kind == K_CUR;
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
		free(t->col[i].label);
		free(t->col[i].period);
		free(t->col[i].bd_key);
		free(t->col[i].cell_sfx);
	}
	for (size_t p = 0; p < t->nplan; p++)
		free(t->plan[p].key);
	free(t->plan);
	free(t->area_cols);
	free(t->opt_period);
}
