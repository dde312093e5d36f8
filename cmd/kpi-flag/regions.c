/* regions.c: --regions FILE (default share/kpi/la-regions.csv), each
 * English council's region, for --compare region when a council's record
 * has no region_name (the KS2 2007-2011 file names its councils by
 * la_number alone).  Columns old_la_code, new_la_code, la_name,
 * region_code, region_name; lines starting with # are comments.  A council
 * is found by its DfE 3-digit code, else its ONS code, else its name
 * (folded). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compare.h"
#include "kpi/csv_columns.h"
#include "kpi/diag.h"
#include "kpi/la_changes.h"
#include "kpi/names.h"

enum { R_OLD, R_NEW, R_NAME, R_REGION_CODE, R_REGION, R_COLS };

typedef struct {
	char *old_code, *new_code, *fold, *region;
} la_region;

struct la_regions {
	la_region *row;
	size_t n, cap;
};

static void free_row(la_region *r)
{
	free(r->old_code);
	free(r->new_code);
	free(r->fold);
	free(r->region);
}

static int load_row(la_regions *m, const kpi_csv_row *row, const int *col, char *err, size_t errsz)
{
	la_region r;
	memset(&r, 0, sizeof r);
	r.old_code = kpi_csv_cell(row, col[R_OLD]);
	r.new_code = kpi_csv_cell(row, col[R_NEW]);
	char *name = kpi_csv_cell(row, col[R_NAME]);
	r.fold = name ? kpi_fold_dup(name) : NULL;
	free(name);
	r.region = kpi_csv_cell(row, col[R_REGION]);
	if (r.old_code && *r.old_code && !kpi_la_is_dfe_code(r.old_code, strlen(r.old_code))) {
		snprintf(err, errsz, "old_la_code '%.20s' is not a 3-digit council code", r.old_code);
		free_row(&r);
		return -1;
	}
	if (!r.region || !*r.region || (!(r.old_code && *r.old_code) && !(r.new_code && *r.new_code) && !r.fold)) {
		snprintf(err, errsz, "a council needs a code or a name, and a region_name");
		free_row(&r);
		return -1;
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 160;
		m->row = kpi_xrealloc(m->row, m->cap * sizeof *m->row);
	}
	m->row[m->n++] = r;
	return 0;
}

static int load_region_row(void *m, const kpi_csv_row *row, const int *col, char *err, size_t errsz)
{
	return load_row(m, row, col, err, errsz);
}

static size_t regions_count(const void *m)
{
	return ((const la_regions *)m)->n;
}

la_regions *la_regions_load(const char *path)
{
	static const char *const names[R_COLS] = {"old_la_code", "new_la_code", "la_name", "region_code",
						  "region_name"};
	la_regions *m = kpi_xcalloc(1, sizeof *m);
	flag_csv_load(path, names, R_COLS, R_COLS, "regions file",
		      "regions file has no councils (needs a header "
		      "old_la_code,new_la_code,la_name,region_code,region_name and a row per council)",
		      load_region_row, m, regions_count);
	return m;
}

void la_regions_free(la_regions *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++)
		free_row(&m->row[i]);
	free(m->row);
	free(m);
}

const char *la_regions_find(const la_regions *m, const char *dfe_code, const char *ons_code, const char *name)
{
	if (!m)
		return NULL;
	if (dfe_code && *dfe_code)
		for (size_t i = 0; i < m->n; i++)
			if (m->row[i].old_code && strcmp(m->row[i].old_code, dfe_code) == 0)
				return m->row[i].region;
	if (ons_code && *ons_code)
		for (size_t i = 0; i < m->n; i++)
			if (m->row[i].new_code && strcmp(m->row[i].new_code, ons_code) == 0)
				return m->row[i].region;
	if (name && *name) {
		char *fold = kpi_fold_dup(name);
		const char *hit = NULL;
		for (size_t i = 0; i < m->n && !hit; i++)
			if (m->row[i].fold && strcmp(m->row[i].fold, fold) == 0)
				hit = m->row[i].region;
		free(fold);
		return hit;
	}
	return NULL;
}
