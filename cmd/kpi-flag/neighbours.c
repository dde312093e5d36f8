/* neighbours.c: --neighbours FILE, the DfE's statistical-neighbour model as
 * published (sn_model_2025_wide.csv): old_la_code, la_name, then SN_1 ..
 * SN_10, each neighbour's 3-digit code (the SN_kP closeness columns are not
 * needed).  Councils are matched by code, not name: "St Helens" and
 * "St. Helens" are one council; a record with no old_la_code is matched by
 * la_name, folded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compare.h"
#include "kpi/csv_columns.h"
#include "kpi/diag.h"
#include "kpi/names.h"

enum { C_CODE, C_NAME, C_SN1 };
#define N_COLS (C_SN1 + KPI_SN_MAX)

struct sn_model {
	sn_council *row;
	size_t n, cap;
};

static void free_row(sn_council *r)
{
	free(r->code);
	free(r->fold);
	for (int k = 0; k < r->n; k++)
		free(r->sn[k]);
}

/* "3" and "003" are one code; a code is 1 to 3 digits */
static char *code_text(const char *cell)
{
	if (!cell)
		return NULL;
	size_t n = strlen(cell);
	if (n == 0 || n > 3 || strspn(cell, "0123456789") != n)
		return NULL;
	char *s = kpi_xmalloc(4);
	snprintf(s, 4, "%03d", atoi(cell));
	return s;
}

static int load_row(sn_model *m, const kpi_csv_row *row, const int *col, char *err, size_t errsz)
{
	char *cell = kpi_csv_cell(row, col[C_CODE]);
	sn_council r;
	memset(&r, 0, sizeof r);
	r.code = code_text(cell);
	if (!r.code) {
		snprintf(err, errsz, "old_la_code '%.20s' is not a 3-digit council code", cell ? cell : "");
		free(cell);
		return -1;
	}
	free(cell);
	cell = kpi_csv_cell(row, col[C_NAME]);
	r.fold = cell ? kpi_fold_dup(cell) : NULL;
	free(cell);
	for (int k = 0; k < KPI_SN_MAX; k++) {
		cell = kpi_csv_cell(row, col[C_SN1 + k]);
		if (!cell)
			continue;
		char *code = code_text(cell);
		if (!code) {
			snprintf(err, errsz, "SN_%d '%.20s' is not a 3-digit council code", k + 1, cell);
			free(cell);
			free_row(&r);
			return -1;
		}
		free(cell);
		r.sn[r.n++] = code;
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 160;
		m->row = kpi_xrealloc(m->row, m->cap * sizeof *m->row);
	}
	m->row[m->n++] = r;
	return 0;
}

int flag_csv_load(const char *path, const char *const *names, int n_names, int required, const char *what,
		  const char *empty, int (*read_row)(void *into, const kpi_csv_row *row, const int *col, char *err,
						     size_t errsz),
		  void *into, size_t (*count)(const void *into))
{
	kpi_csv *c = kpi_csv_open_or_die(path, ',', KPI_ENC_UTF8);
	kpi_csv_row *row;
	int col[32];
	int have_header = 0, rc, bad = 0;
	char err[512];
	while (!bad && (rc = kpi_csv_next(c, &row)) != 0) {
		if (rc < 0) {
			snprintf(err, sizeof err, "%s", kpi_csv_error(c));
			bad = 1;
		} else if (row->n && row->field[0][0] == '#') {
			continue; /* a comment: the file's source */
		} else if (!have_header) {
			bad = kpi_csv_columns(row, names, n_names, required, col, what, err, sizeof err) != 0;
			have_header = 1;
		} else {
			bad = read_row(into, row, col, err, sizeof err) != 0;
		}
	}
	char where[4096];
	snprintf(where, sizeof where, "%s", bad || have_header ? kpi_csv_where(c) : path);
	kpi_csv_close(c);
	if (!bad && have_header && count(into))
		return 0;
	if (!bad)
		snprintf(err, sizeof err, "%s", empty);
	kpi_die_at(KPI_EXIT_DATA, where, "%s", err);
	return -1;
}

static int load_sn_row(void *m, const kpi_csv_row *row, const int *col, char *err, size_t errsz)
{
	return load_row(m, row, col, err, errsz);
}

static size_t sn_count(const void *m)
{
	return ((const sn_model *)m)->n;
}

sn_model *sn_model_load(const char *path)
{
	static const char *const names[N_COLS] = {
		"old_la_code", "la_name", "sn_1", "sn_2", "sn_3", "sn_4", "sn_5", "sn_6", "sn_7", "sn_8",
		"sn_9", "sn_10"
	};
	sn_model *m = kpi_xcalloc(1, sizeof *m);
	flag_csv_load(path, names, N_COLS, C_SN1 + 1, "neighbours file",
		      "neighbours file has no councils (needs a header old_la_code,la_name,SN_1,...,SN_10 and "
		      "a row per council)",
		      load_sn_row, m, sn_count);
	return m;
}

void sn_model_free(sn_model *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++)
		free_row(&m->row[i]);
	free(m->row);
	free(m);
}

const sn_council *sn_model_find(const sn_model *m, const char *code, const char *name)
{
	char *want = code_text(code);
	const sn_council *hit = NULL;
	if (want) {
		for (size_t i = 0; i < m->n && !hit; i++)
			if (strcmp(m->row[i].code, want) == 0)
				hit = &m->row[i];
	} else if (name) {
		char *fold = kpi_fold_dup(name);
		for (size_t i = 0; i < m->n && !hit; i++)
			if (m->row[i].fold && strcmp(m->row[i].fold, fold) == 0)
				hit = &m->row[i];
		free(fold);
	}
	free(want);
	return hit;
}
