/* targets.c: the targets file of kpi-flag (see targets.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kpi/buf.h"
#include "kpi/csv.h"
#include "kpi/csv_columns.h"
#include "kpi/diag.h"
#include "kpi/names.h"
#include "kpi/targets.h"
#include "kpi/value.h"

struct kpi_targets {
	kpi_target *rows;
	size_t n, cap;
	char **ind_key;   /* folded indicator per row */
	char **area_key;  /* folded area per row, NULL when none */
};

enum { C_INDICATOR, C_TARGET, C_DUE, C_AREA, C_TOLERANCE, C_LABEL, C_ASSESSMENT, C_REASON, C_N };
static const char *const col_names[C_N] = {
	"indicator", "target", "due", "area", "tolerance", "label", "assessment", "reason"
};


/* the cell text with surrounding spaces removed, or NULL when empty */

int kpi_target_number(const char *s, double *v, int *pct)
{
	kpi_value val;
	if (!s || kpi_value_parse(s, strlen(s), &val) != 0 || val.status != KPI_ST_OK)
		return -1;
	*v = val.value;
	if (pct)
		*pct = val.percent_sign;
	return 0;
}

static int valid_assessment(const char *s)
{
	return strcmp(s, "improvement") == 0 || strcmp(s, "issue") == 0 ||
	       strcmp(s, "stable") == 0 || strcmp(s, "no_data") == 0;
}

/* 0, or -1 with the message in ERR */
static int header(const kpi_csv_row *row, int col[C_N], char *err, size_t errsz)
{
	return kpi_csv_columns(row, col_names, C_N, C_DUE + 1, col, "targets file", err, errsz);
}

static void row_free(kpi_target *r)
{
	free(r->indicator);
	free(r->area);
	free(r->label);
	free(r->assessment);
	free(r->reason);
	free(r->where);
}

/* R from ROW: 0, or -1 with the message in ERR (R freed) */
static int parse_row(kpi_target *r, const kpi_csv_row *row, const int col[C_N], const char *where,
		     char *err, size_t errsz)
{
	memset(r, 0, sizeof *r);
	r->indicator = kpi_csv_cell(row, col[C_INDICATOR]);
	r->area = kpi_csv_cell(row, col[C_AREA]);
	r->label = kpi_csv_cell(row, col[C_LABEL]);
	r->assessment = kpi_csv_cell(row, col[C_ASSESSMENT]);
	r->reason = kpi_csv_cell(row, col[C_REASON]);
	r->where = kpi_xstrdup(where);
	if (!r->indicator) {
		snprintf(err, errsz, "empty indicator");
		goto bad;
	}
	char *text = kpi_csv_cell(row, col[C_TARGET]);
	if (text) {
		int rc = kpi_target_number(text, &r->value, NULL);
		if (rc != 0)
			snprintf(err, errsz, "target '%.100s' is not a number", text);
		free(text);
		if (rc != 0)
			goto bad;
		r->has_value = 1;
	}
	text = kpi_csv_cell(row, col[C_DUE]);
	if (text) {
		kpi_period_opts opts = {KPI_YEAR_FINANCIAL, NULL, 0, 0, 0};
		char perr[256];
		int rc = kpi_period_parse(text, &opts, &r->due, perr, sizeof perr);
		free(text);
		if (rc != 0) {
			snprintf(err, errsz, "due: %s", perr);
			goto bad;
		}
		char start[11];
		kpi_period_format(&r->due, r->due_text);
		kpi_period_bounds(&r->due, start, r->due_end);
		r->has_due = 1;
	}
	text = kpi_csv_cell(row, col[C_TOLERANCE]);
	if (text) {
		int rc = kpi_target_number(text, &r->tolerance, &r->tolerance_pct);
		if (rc != 0 || r->tolerance < 0)
			snprintf(err, errsz, "tolerance '%.100s' is not a number >= 0", text);
		free(text);
		if (rc != 0 || r->tolerance < 0)
			goto bad;
		r->has_tolerance = 1;
	}
	if (r->assessment && !valid_assessment(r->assessment)) {
		snprintf(err, errsz, "assessment '%.100s' is not improvement, issue, stable or no_data",
			 r->assessment);
		goto bad;
	}
	if (!r->has_value && !r->assessment) {
		snprintf(err, errsz, "row has neither a target nor an assessment");
		goto bad;
	}
	return 0;
bad:
	row_free(r);
	return -1;
}

static void add_row(kpi_targets *t, kpi_target *r)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->rows = kpi_xrealloc(t->rows, t->cap * sizeof *t->rows);
		t->ind_key = kpi_xrealloc(t->ind_key, t->cap * sizeof *t->ind_key);
		t->area_key = kpi_xrealloc(t->area_key, t->cap * sizeof *t->area_key);
	}
	r->order = t->n;
	t->ind_key[t->n] = kpi_fold_id_dup(r->indicator);
	t->area_key[t->n] = r->area ? kpi_fold_dup(r->area) : NULL;
	t->rows[t->n++] = *r;
}

kpi_targets *kpi_targets_load(const char *path, char *errbuf, size_t errsz, int *status)
{
	kpi_csv *c = kpi_csv_open(path, ',', KPI_ENC_UTF8);
	if (!c) {
		snprintf(errbuf, errsz, "%s: %s", path, strerror(errno));
		*status = KPI_EXIT_IO;
		return NULL;
	}
	kpi_targets *t = kpi_xcalloc(1, sizeof *t);
	kpi_csv_row *row;
	int col[C_N];
	int have_header = 0, rc, bad = 0;
	char err[512];
	while (!bad && (rc = kpi_csv_read(c, &row)) != 0) {
		kpi_target r;
		if (rc < 0) {
			snprintf(err, sizeof err, "%s", kpi_csv_error(c));
			bad = 1;
		} else if (!have_header) {
			bad = header(row, col, err, sizeof err) != 0;
			have_header = 1;
		} else if (parse_row(&r, row, col, kpi_csv_where(c), err, sizeof err) != 0) {
			bad = 1;
		} else {
			add_row(t, &r);
		}
	}
	if (rc == -2) { /* a read error */
		snprintf(errbuf, errsz, "%s: %s", kpi_csv_name(c), kpi_csv_error(c));
		*status = KPI_EXIT_IO;
		kpi_csv_close(c);
		kpi_targets_free(t);
		return NULL;
	}
	if (bad || !have_header) {
		if (!bad)
			snprintf(err, sizeof err, "targets file is empty (needs a header indicator,target,due)");
		snprintf(errbuf, errsz, "%s: %s", bad || have_header ? kpi_csv_where(c) : path, err);
		*status = KPI_EXIT_DATA;
		kpi_csv_close(c);
		kpi_targets_free(t);
		return NULL;
	}
	kpi_csv_close(c);
	return t;
}

void kpi_targets_free(kpi_targets *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		kpi_target *r = &t->rows[i];
		free(r->indicator);
		free(r->area);
		free(r->label);
		free(r->assessment);
		free(r->reason);
		free(r->where);
		free(t->ind_key[i]);
		free(t->area_key[i]);
	}
	free(t->rows);
	free(t->ind_key);
	free(t->area_key);
	free(t);
}

/* by due date (end of the due period), undated last, then file order */
static int by_due(const void *a, const void *b)
{
	const kpi_target *x = *(const kpi_target *const *)a, *y = *(const kpi_target *const *)b;
	if (x->has_due != y->has_due)
		return x->has_due ? -1 : 1;
	if (x->has_due) {
		int c = strcmp(x->due_end, y->due_end);
		if (c)
			return c;
	}
	return x->order < y->order ? -1 : x->order > y->order;
}

size_t kpi_targets_find(const kpi_targets *t, const char *indicator, const char *area,
			kpi_target_set *s)
{
	memset(s, 0, sizeof *s);
	if (!t || !indicator)
		return 0;
	char *ik = kpi_fold_id_dup(indicator), *ak = area ? kpi_fold_dup(area) : NULL;
	/* rows for this area when there are any, else the rows without an area */
	int specific = 0;
	for (size_t i = 0; i < t->n && ak; i++)
		if (t->area_key[i] && strcmp(t->ind_key[i], ik) == 0 && strcmp(t->area_key[i], ak) == 0)
			specific = 1;
	s->row = kpi_xmalloc((t->n ? t->n : 1) * sizeof *s->row);
	for (size_t i = 0; i < t->n; i++) {
		if (strcmp(t->ind_key[i], ik) != 0)
			continue;
		int mine = specific ? t->area_key[i] && strcmp(t->area_key[i], ak) == 0
				    : t->area_key[i] == NULL;
		if (!mine)
			continue;
		const kpi_target *r = &t->rows[i];
		if (r->assessment && !s->override)
			s->override = r;
		if (r->has_value)
			s->row[s->n++] = r;
	}
	qsort(s->row, s->n, sizeof *s->row, by_due);
	free(ik);
	free(ak);
	return s->n;
}

void kpi_target_set_free(kpi_target_set *s)
{
	free(s->row);
	memset(s, 0, sizeof *s);
}

long kpi_target_in_force(const kpi_target_set *s, const kpi_period *as_at)
{
	if (!s->n)
		return -1;
	char start[11], end[11];
	kpi_period_bounds(as_at, start, end);
	for (size_t i = 0; i < s->n; i++)
		if (!s->row[i]->has_due || strcmp(s->row[i]->due_end, end) >= 0)
			return (long)i;
	return (long)s->n - 1;
}
