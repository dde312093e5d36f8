/* filter.c: --filter COL=VALUE, and the error when one matches nothing.
 * While a column's value has matched no row yet, the values the column does
 * hold are kept (up to MAX_KEPT distinct ones), so that the message can name
 * the closest: "--filter geographic_level=Local Authority matches no row;
 * values present: Local authority, National, Regional". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kpi/closest.h"
#include "kpi/diag.h"
#include "table.h"

enum { MAX_KEPT = 10000 };

/* The first --filter naming the same column as F (its values are kept there). */
static size_t leader(const filter_state *fs, const ingest_opts *o, size_t f)
{
	for (size_t g = 0; g < f; g++)
		if (fs->col ? fs->col[g] == fs->col[f]
			    : strcmp(o->filter[g].column, o->filter[f].column) == 0)
			return g;
	return f;
}

void filters_start(filter_state *fs, const ingest_opts *o)
{
	fs->hits = kpi_xcalloc(o->nfilter + 1, sizeof *fs->hits);
	fs->seen = kpi_xcalloc(o->nfilter + 1, sizeof *fs->seen);
	fs->seen_full = kpi_xcalloc(o->nfilter + 1, sizeof *fs->seen_full);
	fs->val = kpi_xcalloc(o->nfilter + 1, sizeof *fs->val);
	fs->len = kpi_xcalloc(o->nfilter + 1, sizeof *fs->len);
	for (size_t f = 0; f < o->nfilter; f++)
		kpi_strtab_init(&fs->seen[f]);
	fs->rows = fs->passed = 0;
}

void filters_free(filter_state *fs, const ingest_opts *o)
{
	for (size_t f = 0; fs->seen && f < o->nfilter; f++)
		kpi_strtab_free(&fs->seen[f]);
	free(fs->seen);
	free(fs->seen_full);
	free(fs->val);
	free(fs->len);
	free(fs->hits);
	free(fs->col);
	memset(fs, 0, sizeof *fs);
}

/* Does some value of F's column still wait for its first match? */
static int column_unmatched(const filter_state *fs, const ingest_opts *o, size_t f)
{
	for (size_t g = f; g < o->nfilter; g++)
		if (leader(fs, o, g) == f && fs->hits[g] == 0)
			return 1;
	return 0;
}

/* One row: VALS[f] (NULL: the row has no such value) for each --filter. */
static int filters_pass(filter_state *fs, const ingest_opts *o, const char *const *vals,
			const size_t *lens)
{
	fs->rows++;
	int pass = 1;
	for (size_t f = 0; f < o->nfilter; f++) {
		size_t lead = leader(fs, o, f);
		if (lead != f)
			continue;
		/* several --filter on one column: any of their values */
		int match = 0;
		for (size_t g = f; g < o->nfilter; g++) {
			if (leader(fs, o, g) != f || !vals[f])
				continue;
			size_t n = strlen(o->filter[g].value);
			if (lens[f] == n && memcmp(vals[f], o->filter[g].value, n) == 0) {
				fs->hits[g]++;
				match = 1;
			}
		}
		if (!match)
			pass = 0;
		if (vals[f] && !fs->seen_full[f] && column_unmatched(fs, o, f)) {
			if (fs->seen[f].n > MAX_KEPT)
				fs->seen_full[f] = 1;
			else
				kpi_strtab_add(&fs->seen[f], vals[f], lens[f]);
		}
	}
	if (pass)
		fs->passed++;
	return pass;
}

int filters_pass_row(filter_state *fs, const ingest_opts *o, const kpi_csv_row *row)
{
	for (size_t f = 0; f < o->nfilter; f++) {
		fs->val[f] = row->field[fs->col[f]];
		fs->len[f] = row->len[fs->col[f]];
	}
	return filters_pass(fs, o, fs->val, fs->len);
}

int filters_pass_record(filter_state *fs, const ingest_opts *o, const kpi_record *rec)
{
	for (size_t f = 0; f < o->nfilter; f++) {
		const kpi_field *k = kpi_record_get(rec, o->filter[f].column);
		fs->val[f] = k && k->type == KPI_JT_STRING ? k->str : NULL;
		fs->len[f] = fs->val[f] ? k->str_len : 0;
	}
	return filters_pass(fs, o, fs->val, fs->len);
}

void filters_finish(filter_state *fs, const ingest_opts *o, const char *file)
{
	if (!o->nfilter || fs->rows == 0)
		return;
	int failed = 0;
	for (size_t f = 0; f < o->nfilter; f++) {
		if (fs->hits[f])
			continue;
		const kpi_strtab *seen = &fs->seen[leader(fs, o, f)];
		kpi_buf list = KPI_BUF_INIT;
		const char **vals = kpi_xcalloc(seen->n ? seen->n : 1, sizeof *vals);
		size_t nv = 0;
		for (uint32_t id = 1; id < seen->n; id++) {
			size_t len;
			vals[nv] = kpi_strtab_str(seen, id, &len);
			if (len == 0)
				vals[nv] = "\"\""; /* an empty cell, shown so */
			nv++;
		}
		kpi_closest(&list, vals, nv, o->filter[f].value, MAX_LISTED);
		free(vals);
		out_flush();
		if (nv)
			kpi_warn("%s: --filter %s=%s matches no row; values present: %s%s", file,
				 o->filter[f].column, o->filter[f].value, list.data,
				 fs->seen_full[leader(fs, o, f)] ? " (and more)" : "");
		else
			kpi_warn("%s: --filter %s=%s matches no row; no row has a value for %s", file,
				 o->filter[f].column, o->filter[f].value, o->filter[f].column);
		kpi_buf_free(&list);
		failed = 1;
	}
	/* --unmatched-filter warn: the values said, the rows of the others kept;
	 * nothing kept is still an error */
	if (failed && o->unmatched_warn) {
		if (fs->passed)
			return;
		out_flush();
		kpi_warn("%s: no row matches the --filter options", file);
		exit(KPI_EXIT_DATA);
	}
	if (!failed && fs->passed == 0) {
		kpi_buf all = KPI_BUF_INIT;
		for (size_t f = 0; f < o->nfilter; f++)
			kpi_buf_printf(&all, "%s--filter %s=%s", f ? " " : "", o->filter[f].column,
				       o->filter[f].value);
		out_flush();
		kpi_warn("%s: %s: each matches rows, but no row matches them all", file, all.data);
		kpi_buf_free(&all);
		failed = 1;
	}
	if (failed)
		exit(KPI_EXIT_DATA);
}
