/* table.c: CSV and TSV files in three shapes.
 *
 *   long   one row per observation; columns found by name (synonyms) or --map
 *   wide   one row per indicator, periods as header cells; a record per
 *          non-empty period cell, source FILE:LINE:COLUMN
 *   melt   (--measures, and EES tidy files by default) a record per measure
 *          column of each row, indicator = the column's header
 *
 * The header decides a plan: the list of output fields and where each one's
 * text comes from.  Each row is then written by one loop over the plan,
 * straight into the output buffer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kpi/csv.h"
#include "kpi/diag.h"
#include "kpi/json_write.h"
#include "kpi/names.h"
#include "kpi/strtab.h"
#include "ingest.h"

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
		    "geography", "geographyname", "areacode", "lacode", "newlacode", "oldlacode",
		    "geographycode", NULL},
	[R_BREAKDOWN] = {"breakdown", "subgroup", "breakdowngroup", "group", NULL},
};

/* EES name columns, most specific first: a row's area is the first non-empty. */
static const char *const ees_area_names[] = {
	"school_name", "provider_name", "institution_name", "ward_name", "pcon_name", "lad_name",
	"la_name", "english_devolved_area_name", "local_enterprise_partnership_name",
	"mayoral_combined_authority_name", "lsip_name", "opportunity_area_name",
	"rsc_region_lead_name", "region_name", "country_name"};

/* Where an output field's text comes from, when not a plain column. */
enum { SRC_EES_AREA = -10, SRC_CUR_CELL = -11, SRC_CUR_LABEL = -12 };

/* --measures all (and an EES file) decides from this many first rows. */
enum { SAMPLE_ROWS = 100 };

typedef struct {
	int col;        /* column, or SRC_* */
	char *key;      /* "\"name\":" */
	size_t key_len;
} plan_field;

typedef struct {
	ingest_opts *o;
	kpi_csv *csv;
	const char *file;
	size_t n;              /* columns */
	char **raw;            /* header cells as written */
	size_t *raw_len;
	char **name;           /* unique snake_case names */
	int *role;             /* role of each column, or -1 */
	int *is_cur;           /* a measure (melt) or period (wide) column */
	char **label;          /* JSON string for SRC_CUR_LABEL, per column */
	size_t *label_len;
	int role_col[R_COUNT];
	int ees;
	int melt, wide;
	int *area_cols;        /* EES area candidates */
	size_t narea;
	int *filter_col;       /* column of each --filter */
	int *is_filter;        /* per column: named by a --filter */
	plan_field *plan;
	size_t nplan;
	int planned;
	kpi_csv_row *held[SAMPLE_ROWS]; /* rows held back until the plan is made */
	size_t nheld;
	char *source_key;      /* "\"source\":\"FILE:" */
	size_t source_key_len;
	unsigned long header_line;
} table;

static int find_column(table *t, const char *text)
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

static int column_or_die(table *t, const char *opt, const char *text)
{
	int c = find_column(t, text);
	if (c < 0) {
		out_flush();
		kpi_die(KPI_EXIT_USAGE, "%s: %s: no column '%s'", t->file, opt, text);
	}
	return c;
}

/* snake_case names, column_N for empty ones, _2 _3 for duplicates (one warning). */
enum { MAX_DUPS_NAMED = 10 };

/* A file may have thousands of columns of one name: the names given so far
 * are kept in a hash table, and each repeated name remembers the last
 * suffix it took, so naming stays linear. */
static void name_columns(table *t)
{
	kpi_buf b = KPI_BUF_INIT, dups = KPI_BUF_INIT;
	size_t n_dups = 0;
	kpi_strtab taken;
	kpi_strtab_init(&taken);
	int *next_k = NULL; /* by id in taken, for a repeated name: the suffix to try next */
	size_t cap_k = 0;
	t->name = kpi_xcalloc(t->n, sizeof *t->name);
	for (size_t i = 0; i < t->n; i++) {
		kpi_snake_case(&b, t->raw[i], t->raw_len[i]);
		if (b.len == 0)
			kpi_buf_printf(&b, "column_%zu", i + 1);
		uint32_t id = kpi_strtab_find(&taken, b.data, b.len);
		if (id) {
			char *base = kpi_xstrdup(b.data);
			if (id >= cap_k) {
				size_t cap = id * 2 + 16;
				next_k = kpi_xrealloc(next_k, cap * sizeof *next_k);
				for (size_t j = cap_k; j < cap; j++)
					next_k[j] = 2;
				cap_k = cap;
			}
			for (int k = next_k[id];; k++) {
				kpi_buf_clear(&b);
				kpi_buf_printf(&b, "%s_%d", base, k);
				if (!kpi_strtab_find(&taken, b.data, b.len)) {
					next_k[id] = k + 1;
					break;
				}
			}
			/* the first few by name; a file of thousands says how many more */
			if (++n_dups <= MAX_DUPS_NAMED)
				kpi_buf_printf(&dups, "%scolumn %zu '%s' -> %s", dups.len ? ", " : "", i + 1,
					       base, b.data);
			free(base);
		}
		kpi_strtab_add(&taken, b.data, b.len);
		t->name[i] = kpi_xstrdup(b.data);
	}
	kpi_strtab_free(&taken);
	free(next_k);
	if (dups.len) {
		char where[4200];
		snprintf(where, sizeof where, "%s:%lu", t->file, t->header_line);
		if (n_dups > MAX_DUPS_NAMED)
			kpi_buf_printf(&dups, " and %zu more", n_dups - MAX_DUPS_NAMED);
		out_flush();
		kpi_warn_at(where, "duplicate column names renamed: %s", dups.data);
	}
	kpi_buf_free(&b);
	kpi_buf_free(&dups);
}

static void find_roles(table *t)
{
	ingest_opts *o = t->o;
	kpi_buf f = KPI_BUF_INIT;
	for (int r = 0; r < R_COUNT; r++)
		t->role_col[r] = -1;
	for (size_t m = 0; m < o->nmap; m++) {
		int c = column_or_die(t, "--map", o->map[m].column);
		int r = o->map[m].role;
		if (t->role_col[r] >= 0)
			t->role[t->role_col[r]] = -1; /* a later --map of the field wins */
		t->role_col[r] = c;
		t->role[c] = r;
	}
	if (t->ees) {
		int c = find_column(t, "time_period");
		if (t->role_col[R_PERIOD] < 0)
			t->role_col[R_PERIOD] = c;
		c = find_column(t, "breakdown");
		if (t->role_col[R_BREAKDOWN] < 0 && c >= 0)
			t->role_col[R_BREAKDOWN] = c;
	} else {
		for (int r = 0; r < R_COUNT; r++) {
			if (t->role_col[r] >= 0)
				continue;
			/* a melt takes indicator and value from the measures, and
			 * a numerator or denominator only by --map */
			if (t->melt && r != R_PERIOD && r != R_AREA && r != R_BREAKDOWN)
				continue;
			for (size_t s = 0; synonyms[r][s] && t->role_col[r] < 0; s++) {
				for (size_t i = 0; i < t->n; i++) {
					if (t->role[i] >= 0 || t->is_cur[i])
						continue;
					kpi_fold_name(&f, t->raw[i], t->raw_len[i]);
					if (strcmp(f.data, synonyms[r][s]) == 0) {
						t->role_col[r] = (int)i;
						t->role[i] = r;
						break;
					}
				}
			}
		}
	}
	for (int r = 0; r < R_COUNT; r++)
		if (t->role_col[r] >= 0)
			t->role[t->role_col[r]] = r;
	kpi_buf_free(&f);
}

static int is_ees_standard(const char *name)
{
	size_t n = strlen(name);
	return strcmp(name, "time_period") == 0 || strcmp(name, "time_identifier") == 0 ||
	       strcmp(name, "geographic_level") == 0 ||
	       (n > 5 && strcmp(name + n - 5, "_code") == 0) ||
	       (n > 5 && strcmp(name + n - 5, "_name") == 0);
}

/* A JSON string of header text (trimmed), with an optional prefix. */
static char *json_label(const char *prefix, const char *s, size_t n, size_t *len)
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
	t->nplan++;
}

/* Chooses the measure columns of a melt: those named, or those whose cells
 * in the sample of first rows all look like numbers or symbols. */
static void choose_measures(table *t, kpi_csv_row **sample, size_t nsample)
{
	ingest_opts *o = t->o;
	if (!o->measures_all && o->nmeasure) {
		for (size_t m = 0; m < o->nmeasure; m++) {
			int c = column_or_die(t, "--measures", o->measure[m]);
			t->is_cur[c] = 1;
		}
	} else {
		for (size_t i = 0; i < t->n; i++) {
			if (t->role[i] >= 0 || t->is_filter[i])
				continue;
			if (t->ees && is_ees_standard(t->name[i]))
				continue;
			int measure = 1;
			for (size_t k = 0; k < nsample && measure; k++)
				measure = looks_like_measure(sample[k]->field[i], sample[k]->len[i]);
			t->is_cur[i] = measure;
		}
	}
	for (size_t i = 0; i < t->n; i++) {
		if (t->is_cur[i] && t->role[i] >= 0) {
			out_flush();
			kpi_die(KPI_EXIT_USAGE, "%s: --measures: column '%s' is the %s column", t->file,
				t->name[i], role_name[t->role[i]]);
		}
		if (t->is_cur[i])
			t->label[i] = json_label(o->indicator_prefix, t->raw[i], t->raw_len[i],
						 &t->label_len[i]);
	}
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
			t->is_cur[i] = 1;
			t->label[i] = json_label(NULL, t->raw[i], t->raw_len[i], &t->label_len[i]);
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

/* Output field names that pass-through columns must not take. */
static int name_is_set(table *t, const char *s)
{
	if (strcmp(s, "source") == 0)
		return 1;
	for (int r = 0; r < R_COUNT; r++)
		if (strcmp(s, role_name[r]) == 0) {
			if (r == R_INDICATOR || r == R_VALUE)
				return t->melt || t->wide || t->role_col[r] >= 0;
			if (r == R_PERIOD)
				return t->wide || t->role_col[r] >= 0;
			if (r == R_AREA)
				return t->role_col[r] >= 0 || t->narea > 0;
			return t->role_col[r] >= 0;
		}
	return 0;
}

static void make_plan(table *t, kpi_csv_row **sample, size_t nsample)
{
	ingest_opts *o = t->o;
	if (t->melt)
		choose_measures(t, sample, nsample);
	if (t->ees && t->role_col[R_AREA] < 0) {
		t->area_cols = kpi_xcalloc(sizeof ees_area_names / sizeof ees_area_names[0], sizeof(int));
		for (size_t a = 0; a < sizeof ees_area_names / sizeof ees_area_names[0]; a++) {
			int c = find_column(t, ees_area_names[a]);
			if (c >= 0 && strcmp(t->name[c], ees_area_names[a]) == 0)
				t->area_cols[t->narea++] = c;
		}
	}
	if (t->wide && t->role_col[R_INDICATOR] < 0) {
		/* the first label column names the indicator */
		for (size_t i = 0; i < t->n; i++)
			if (!t->is_cur[i] && t->role[i] < 0) {
				t->role_col[R_INDICATOR] = (int)i;
				t->role[i] = R_INDICATOR;
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
		else if (r == R_AREA && col < 0 && t->narea)
			col = SRC_EES_AREA;
		if (col == -1)
			continue;
		add_plan(t, col, role_name[r]);
	}
	/* pass-through columns, input order */
	kpi_buf b = KPI_BUF_INIT, renamed = KPI_BUF_INIT;
	for (size_t i = 0; i < t->n; i++) {
		if (t->role[i] >= 0 || t->is_cur[i])
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
	if (renamed.len) {
		char where[4200];
		snprintf(where, sizeof where, "%s:%lu", t->file, t->header_line);
		out_flush();
		kpi_warn_at(where, "columns renamed, as kpi-ingest sets these fields: %s", renamed.data);
	}
	kpi_buf_free(&b);
	kpi_buf_free(&renamed);
	if (t->melt && o->nmeasure == 0 && nsample) {
		int any = 0;
		for (size_t i = 0; i < t->n; i++)
			any |= t->is_cur[i];
		if (!any) {
			char where[4200];
			snprintf(where, sizeof where, "%s:%lu", t->file, t->header_line);
			out_flush();
			kpi_warn_at(where, "no measure columns found (see --measures)");
		}
	}
	if (!t->melt && !t->wide && t->role_col[R_VALUE] < 0) {
		char where[4200];
		snprintf(where, sizeof where, "%s:%lu", t->file, t->header_line);
		out_flush();
		kpi_warn_at(where, "no value column found: rows pass through as they are "
				   "(see --map, --measures, --wide)");
	}
	t->planned = 1;
}

/* The hot path writes into OUT directly after one capacity check per piece. */
static inline void room(kpi_buf *b, size_t n)
{
	if (b->len + n + 1 > b->cap)
		kpi_buf_reserve(b, n);
}

static inline void put(kpi_buf *b, const char *s, size_t n)
{
	room(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
}

/* S as a JSON string: copied between quotes when nothing needs escaping
 * (nearly every cell), else by kpi_json_escape. */
static inline void put_string(kpi_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == '"' || c == '\\') {
			kpi_json_escape(b, s, n);
			return;
		}
	}
	room(b, n + 2);
	char *d = b->data + b->len;
	*d++ = '"';
	memcpy(d, s, n);
	d[n] = '"';
	b->len += n + 2;
}

static void put_ulong(kpi_buf *b, unsigned long v)
{
	char tmp[24];
	int i = sizeof tmp;
	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	put(b, tmp + i, sizeof tmp - (size_t)i);
}

/* One record: the plan over ROW, CUR being the measure or period column. */
static void emit(table *t, kpi_csv_row *row, int cur)
{
	put(&out, "{", 1);
	for (size_t p = 0; p < t->nplan; p++) {
		plan_field *f = &t->plan[p];
		int col = f->col;
		if (col == SRC_EES_AREA) {
			col = -1;
			for (size_t a = 0; a < t->narea && col < 0; a++)
				if (row->len[t->area_cols[a]])
					col = t->area_cols[a];
			if (col < 0)
				continue;
		}
		put(&out, f->key, f->key_len);
		if (col == SRC_CUR_LABEL)
			put(&out, t->label[cur], t->label_len[cur]);
		else if (col == SRC_CUR_CELL)
			put_string(&out, row->field[cur], row->len[cur]);
		else
			put_string(&out, row->field[col], row->len[col]);
		put(&out, ",", 1);
	}
	put(&out, t->source_key, t->source_key_len);
	put_ulong(&out, row->line);
	if (t->wide) {
		put(&out, ":", 1);
		put_ulong(&out, (unsigned long)cur + 1);
	}
	put(&out, "\"}\n", 3);
	out.data[out.len] = '\0';
	out_flush_if_full();
}

static int row_is_empty(kpi_csv_row *row)
{
	for (size_t i = 0; i < row->n; i++)
		if (row->len[i])
			return 0;
	return 1;
}

static int row_is_header(table *t, kpi_csv_row *row)
{
	if (row->n != t->n)
		return 0;
	for (size_t i = 0; i < t->n; i++)
		if (row->len[i] != t->raw_len[i] || memcmp(row->field[i], t->raw[i], row->len[i]) != 0)
			return 0;
	return 1;
}

static int row_passes_filters(table *t, kpi_csv_row *row)
{
	ingest_opts *o = t->o;
	for (size_t f = 0; f < o->nfilter; f++) {
		int col = t->filter_col[f];
		int match = 0;
		/* several --filter on one column: any of their values */
		for (size_t g = 0; g < o->nfilter; g++) {
			if (t->filter_col[g] != col)
				continue;
			size_t n = strlen(o->filter[g].value);
			if (row->len[col] == n && memcmp(row->field[col], o->filter[g].value, n) == 0)
				match = 1;
		}
		if (!match)
			return 0;
	}
	return 1;
}

/* A copy of ROW, kept while the sample for --measures all fills. */
static kpi_csv_row *copy_row(const kpi_csv_row *row)
{
	size_t bytes = 0;
	for (size_t i = 0; i < row->n; i++)
		bytes += row->len[i] + 1;
	kpi_csv_row *c = kpi_xmalloc(sizeof *c + row->n * (sizeof(char *) + sizeof(size_t)) + bytes);
	*c = *row;
	c->field = (char **)(c + 1);
	c->len = (size_t *)(c->field + row->n);
	char *text = (char *)(c->len + row->n);
	for (size_t i = 0; i < row->n; i++) {
		memcpy(text, row->field[i], row->len[i] + 1);
		c->field[i] = text;
		c->len[i] = row->len[i];
		text += row->len[i] + 1;
	}
	return c;
}

static void table_free(table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->raw[i]);
		free(t->name[i]);
		free(t->label[i]);
	}
	for (size_t p = 0; p < t->nplan; p++)
		free(t->plan[p].key);
	free(t->raw);
	free(t->raw_len);
	free(t->name);
	free(t->role);
	free(t->is_cur);
	free(t->label);
	free(t->label_len);
	free(t->area_cols);
	free(t->filter_col);
	free(t->is_filter);
	free(t->plan);
	free(t->source_key);
}

static void read_header(table *t, kpi_csv_row *h)
{
	ingest_opts *o = t->o;
	t->n = h->n;
	t->header_line = h->line;
	t->raw = kpi_xcalloc(t->n, sizeof *t->raw);
	t->raw_len = kpi_xcalloc(t->n, sizeof *t->raw_len);
	for (size_t i = 0; i < t->n; i++) {
		t->raw[i] = kpi_xstrndup(h->field[i], h->len[i]);
		t->raw_len[i] = h->len[i];
	}
	t->role = kpi_xcalloc(t->n, sizeof *t->role);
	for (size_t i = 0; i < t->n; i++)
		t->role[i] = -1;
	t->is_cur = kpi_xcalloc(t->n, sizeof *t->is_cur);
	t->label = kpi_xcalloc(t->n, sizeof *t->label);
	t->label_len = kpi_xcalloc(t->n, sizeof *t->label_len);
	name_columns(t);

	t->ees = find_column(t, "time_period") >= 0 && find_column(t, "geographic_level") >= 0 &&
		 strcmp(t->name[find_column(t, "time_period")], "time_period") == 0;
	if (o->shape == SHAPE_WIDE)
		t->wide = 1;
	else if (o->nmeasure || o->measures_all)
		t->melt = 1;
	else if (o->shape == SHAPE_AUTO && t->ees)
		t->melt = 1;
	else if (o->shape == SHAPE_AUTO && header_is_wide(t))
		t->wide = 1;
	if (t->melt)
		check_map_melt(o);
	if (t->wide)
		choose_wide(t);
	find_roles(t);

	t->filter_col = kpi_xcalloc(o->nfilter + 1, sizeof(int));
	t->is_filter = kpi_xcalloc(t->n, sizeof(int));
	for (size_t f = 0; f < o->nfilter; f++) {
		t->filter_col[f] = column_or_die(t, "--filter", o->filter[f].column);
		t->is_filter[t->filter_col[f]] = 1;
	}

	kpi_buf k = KPI_BUF_INIT;
	kpi_json_escape(&k, t->file, strlen(t->file));
	k.len--; /* without the closing quote: ":LINE\"" follows */
	kpi_buf s = KPI_BUF_INIT;
	kpi_buf_adds(&s, "\"source\":");
	kpi_buf_add(&s, k.data, k.len);
	kpi_buf_addc(&s, ':');
	kpi_buf_free(&k);
	t->source_key = s.data;
	t->source_key_len = s.len;
}

static void write_row(table *t, kpi_csv_row *row)
{
	t->o->run.written++;
	if (!row_passes_filters(t, row))
		return;
	if (t->melt || t->wide) {
		for (size_t i = 0; i < t->n; i++)
			if (t->is_cur[i] && row->len[i])
				emit(t, row, (int)i);
	} else {
		emit(t, row, -1);
	}
}

/* Makes the plan from the held rows, then writes them.  Held rows are
 * copies, except the last when LAST_IS_READERS (the reader's current row). */
static void plan_and_replay(table *t, int last_is_readers)
{
	make_plan(t, t->held, t->nheld);
	for (size_t k = 0; k < t->nheld; k++)
		write_row(t, t->held[k]);
	for (size_t k = 0; k < t->nheld; k++)
		if (!(last_is_readers && k + 1 == t->nheld))
			free(t->held[k]);
	t->nheld = 0;
}

/* --keep-going past a header that cannot be read: the header and every row
 * after it go to the rejects (so read = written + rejected and the rejects
 * hold the whole file), with one message for the header and one for the rest. */
static void reject_file(table *t)
{
	ingest_opts *o = t->o;
	size_t len;
	const char *raw = kpi_csv_raw(t->csv, &len);
	char header_at[4200];
	snprintf(header_at, sizeof header_at, "%s", kpi_csv_where(t->csv));
	o->run.read++;
	reject(o, header_at, kpi_csv_error(t->csv), raw, len);
	char reason[4300];
	snprintf(reason, sizeof reason, "not read: the header (%s) cannot be read", header_at);
	unsigned long long rows = 0;
	kpi_csv_row *row;
	int r;
	while ((r = kpi_csv_next(t->csv, &row)) != 0) {
		if (r > 0 && row_is_empty(row))
			continue;
		raw = kpi_csv_raw(t->csv, &len);
		o->run.read++;
		rows++;
		kpi_run_reject_quietly(&o->run, kpi_csv_where(t->csv), reason, raw, len);
	}
	if (rows)
		kpi_warn_at(header_at, "the %llu row%s after this header rejected with it", rows,
			    rows == 1 ? "" : "s");
	kpi_csv_close(t->csv);
}

void ingest_table(ingest_opts *o, kpi_lines *in, char delim, char *first, size_t first_len)
{
	table t;
	memset(&t, 0, sizeof t);
	t.o = o;
	t.file = kpi_lines_name(in);
	t.csv = kpi_csv_from_lines(in, delim, o->enc, first, first_len);
	kpi_csv_row *row;
	int r;

	if ((r = kpi_csv_next(t.csv, &row)) < 0) {
		/* a header we cannot read leaves nothing to read the rows by */
		out_flush();
		if (!o->run.keep_going)
			kpi_die_at(KPI_EXIT_DATA, kpi_csv_where(t.csv), "%s", kpi_csv_error(t.csv));
		reject_file(&t);
		return;
	}
	if (r == 0) {
		kpi_csv_close(t.csv);
		return;
	}
	read_header(&t, row);

	while ((r = kpi_csv_next(t.csv, &row)) != 0) {
		if (r < 0) {
			o->run.read++;
			size_t len;
			const char *raw = kpi_csv_raw(t.csv, &len);
			reject(o, kpi_csv_where(t.csv), kpi_csv_error(t.csv), raw, len);
			continue;
		}
		if (row->n != t.n) {
			if (row_is_empty(row))
				continue;
			o->run.read++;
			char msg[96];
			snprintf(msg, sizeof msg, "row has %zu field%s, header has %zu", row->n,
				 row->n == 1 ? "" : "s", t.n);
			size_t len;
			const char *raw = kpi_csv_raw(t.csv, &len);
			reject(o, kpi_csv_where(t.csv), msg, raw, len);
			continue;
		}
		if (row_is_empty(row))
			continue;
		if (row_is_header(&t, row)) {
			out_flush();
			kpi_warn_at(kpi_csv_where(t.csv), "note: header repeated, skipped");
			continue;
		}
		o->run.read++;
		if (!t.planned) {
			if (t.melt && o->nmeasure == 0 && t.nheld < SAMPLE_ROWS - 1) {
				t.held[t.nheld++] = copy_row(row);
				continue;
			}
			t.held[t.nheld++] = row;
			plan_and_replay(&t, 1);
			continue;
		}
		write_row(&t, row);
	}
	if (!t.planned && t.nheld)
		plan_and_replay(&t, 0);
	kpi_csv_close(t.csv);
	table_free(&t);
}
