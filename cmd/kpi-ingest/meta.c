/* meta.c: an EES file's metadata, NAME.meta.csv beside NAME.csv (or named
 * by --ees-meta).  Its col_type says which columns are indicators (the
 * measures) and which are filters (the breakdown's fields); label,
 * indicator_unit and indicator_dp go with each observation of an indicator
 * as indicator_label, indicator_unit and indicator_dp, as written. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "kpi/csv.h"
#include "kpi/csv_columns.h"
#include "kpi/diag.h"
#include "kpi/json_write.h"
#include "table.h"

/* NAME.meta.csv for NAME.csv, when it is there; NULL otherwise. */
static char *beside(const char *file)
{
	size_t n = strlen(file);
	if (strcmp(file, "-") == 0 || n < 5 || strcasecmp(file + n - 4, ".csv") != 0 ||
	    (n >= 9 && strcasecmp(file + n - 9, ".meta.csv") == 0))
		return NULL;
	kpi_buf b = KPI_BUF_INIT;
	kpi_buf_add(&b, file, n - 4);
	kpi_buf_adds(&b, ".meta.csv");
	struct stat st;
	if (stat(b.data, &st) != 0 || !S_ISREG(st.st_mode)) {
		kpi_buf_free(&b);
		return NULL;
	}
	return b.data;
}

static char *json_cell(const kpi_csv_row *row, int col, size_t *len)
{
	kpi_buf b = KPI_BUF_INIT;
	const char *s = col >= 0 && (size_t)col < row->n ? row->field[col] : "";
	size_t n = col >= 0 && (size_t)col < row->n ? row->len[col] : 0;
	trim(&s, &n);
	kpi_json_escape(&b, s, n);
	*len = b.len;
	return b.data;
}

enum { M_NAME, M_TYPE, M_LABEL, M_UNIT, M_DP, M_COUNT };

void meta_load(table *t)
{
	const char *path = t->o->ees_meta;
	char *found = path ? NULL : beside(t->file);
	if (!path && !found)
		return;
	if (!path)
		path = found;
	kpi_csv *c = kpi_csv_open(path, ',', KPI_ENC_UTF8);
	if (!c) {
		out_flush();
		kpi_die(KPI_EXIT_IO, "%s: %s", path, strerror(errno));
	}
	t->meta_path = kpi_xstrdup(path);
	free(found);
	t->has_meta = 1;
	static const char *const names[M_COUNT] = {"col_name", "col_type", "label", "indicator_unit",
						   "indicator_dp"};
	int col[M_COUNT];
	char err[256];
	kpi_csv_row *row;
	int r = kpi_csv_next(c, &row);
	if (r < 0) {
		out_flush();
		kpi_die_at(KPI_EXIT_DATA, kpi_csv_where(c), "%s", kpi_csv_error(c));
	}
	if (r == 0 || kpi_csv_columns(row, names, M_COUNT, 2, col, "EES metadata", err, sizeof err) != 0) {
		out_flush();
		kpi_die_at(KPI_EXIT_DATA, kpi_csv_where(c), "%s",
			   r == 0 ? "EES metadata file is empty" : err);
	}
	kpi_buf missing = KPI_BUF_INIT;
	while ((r = kpi_csv_next(c, &row)) != 0) {
		if (r < 0) {
			out_flush();
			kpi_die_at(KPI_EXIT_DATA, kpi_csv_where(c), "%s", kpi_csv_error(c));
		}
		char *name = kpi_csv_cell(row, col[M_NAME]);
		char *type = kpi_csv_cell(row, col[M_TYPE]);
		if (!name && !type) /* a row of empty fields */
			continue;
		int kind = type && strcasecmp(type, "Filter") == 0      ? 'F'
			   : type && strcasecmp(type, "Indicator") == 0 ? 'I'
									: 0;
		if (!name || !kind) {
			const char *why = !name ? "col_name is empty" : "col_type is neither Filter nor Indicator";
			free(name);
			free(type);
			out_flush();
			kpi_die_at(KPI_EXIT_DATA, kpi_csv_where(c), "%s", why);
		}
		int i = find_column(t, name);
		if (i < 0) {
			kpi_buf_printf(&missing, "%s%s", missing.len ? ", " : "", name);
		} else {
			col_meta *m = &t->col[i].meta;
			m->type = kind;
			free(m->label);
			free(m->unit);
			free(m->dp);
			m->label = json_cell(row, col[M_LABEL], &m->label_len);
			m->unit = json_cell(row, col[M_UNIT], &m->unit_len);
			m->dp = json_cell(row, col[M_DP], &m->dp_len);
		}
		free(name);
		free(type);
	}
	kpi_csv_close(c);
	if (missing.len) {
		out_flush();
		kpi_warn("%s: columns not in %s, left out: %s", t->meta_path, t->file, missing.data);
	}
	kpi_buf_free(&missing);
}

void meta_free(table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->col[i].meta.label);
		free(t->col[i].meta.unit);
		free(t->col[i].meta.dp);
	}
	free(t->meta_path);
	t->has_meta = 0;
}
