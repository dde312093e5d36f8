/* benchmarks.c: benchmark figures for kpi-flag (see benchmarks.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kpi/benchmarks.h"
#include "kpi/breakdown.h"
#include "kpi/buf.h"
#include "kpi/csv.h"
#include "kpi/csv_columns.h"
#include "kpi/diag.h"
#include "kpi/json_write.h"
#include "kpi/names.h"
#include "kpi/record.h"
#include "kpi/value.h"

typedef struct {
	kpi_benchmark b;
	char *ind_key, *area_key;            /* folded */
	char *bd_key;                        /* the breakdown's identity ("" the total); NULL: every breakdown ("*") */
	char start[11];                      /* first day of the period */
} bench_row;

struct kpi_benchmarks {
	bench_row *rows;
	size_t n, cap;
};

enum { C_INDICATOR, C_AREA, C_PERIOD, C_VALUE, C_LOWER, C_UPPER, C_SOURCE, C_BREAKDOWN, C_N };
static const char *const col_names[C_N] = {
	"indicator", "area", "period", "value", "lower", "upper", "source", "breakdown"
};



/* 1: a number in *v; 0: empty or a status token (no figure); -1: neither (ERR says why) */
static int number_cell(const kpi_csv_row *row, int col, const char *what, double *v, char *err,
		       size_t errsz)
{
	char *s = kpi_csv_cell(row, col);
	if (!s)
		return 0;
	kpi_value val;
	int rc = kpi_value_parse(s, strlen(s), &val);
	if (rc != 0)
		snprintf(err, errsz, "%s '%.100s' is not a number", what, s);
	free(s);
	if (rc != 0)
		return -1;
	if (!kpi_value_known(&val)) /* 12u, of low reliability, is still a figure */
		return 0;
	*v = val.value;
	return 1;
}

/* 0, or -1 with the message in ERR */
static int header(const kpi_csv_row *row, int col[C_N], char *err, size_t errsz)
{
	return kpi_csv_columns(row, col_names, C_N, C_VALUE + 1, col, "benchmarks file", err, errsz);
}

static void row_free(bench_row *r)
{
	free(r->b.indicator);
	free(r->b.area);
	free(r->b.breakdown);
	free(r->b.source);
	free(r->ind_key);
	free(r->area_key);
	free(r->bd_key);
}

/* The identity (lib/breakdown.c) of the row's breakdown cell into r->bd_key:
 * a JSON object {"column": "value", ...} as kpi-normalise writes an EES
 * sub-group, else the text S, which is {"breakdown": S}.  -1 (ERR) when the
 * cell starts like an object but is not one of strings. */
static int breakdown_cell_key(bench_row *r, char *err, size_t errsz)
{
	const char *text = r->b.breakdown;
	kpi_buf doc = KPI_BUF_INIT, key = KPI_BUF_INIT;
	kpi_record rec;
	kpi_record_init(&rec);
	/* the cell as the value of a one-field record, to read it as a field */
	kpi_buf_adds(&doc, "{\"breakdown\":");
	if (text[0] == '{')
		kpi_buf_adds(&doc, text);
	else
		kpi_json_escape(&doc, text, strlen(text));
	kpi_buf_addc(&doc, '}');
	char perr[128];
	int rc = kpi_record_parse(&rec, doc.data, doc.len, perr, sizeof perr) == 0 && rec.n == 1
		 ? kpi_breakdown_key(&key, &rec.f[0]) : -1;
	if (rc == 0)
		r->bd_key = kpi_xstrdup(kpi_buf_str(&key));
	else
		snprintf(err, errsz, "breakdown '%.100s' is not text nor a JSON object of column -> value",
			 text);
	kpi_record_free(&rec);
	kpi_buf_free(&doc);
	kpi_buf_free(&key);
	return rc;
}

/* 1: a row in R; 0: a row without a figure (left out); -1: bad, ERR says why */
static int parse_row(bench_row *r, const kpi_csv_row *row, const int col[C_N], char *err, size_t errsz)
{
	memset(r, 0, sizeof *r);
	int rc = number_cell(row, col[C_VALUE], "value", &r->b.value, err, errsz);
	if (rc <= 0)
		return rc; /* no figure: nothing to compare with */
	if ((r->b.has_lower = number_cell(row, col[C_LOWER], "lower", &r->b.lower, err, errsz)) < 0 ||
	    (r->b.has_upper = number_cell(row, col[C_UPPER], "upper", &r->b.upper, err, errsz)) < 0)
		return -1;
	r->b.indicator = kpi_csv_cell(row, col[C_INDICATOR]);
	r->b.area = kpi_csv_cell(row, col[C_AREA]);
	r->b.source = kpi_csv_cell(row, col[C_SOURCE]);
	r->b.breakdown = kpi_csv_cell(row, col[C_BREAKDOWN]);
	char *text = kpi_csv_cell(row, col[C_PERIOD]);
	if (!r->b.indicator || !r->b.area || !text) {
		snprintf(err, errsz, "empty %s", !r->b.indicator ? "indicator" : !r->b.area ? "area" : "period");
		free(text);
		row_free(r);
		return -1;
	}
	kpi_period_opts opts = {KPI_YEAR_FINANCIAL, NULL, 0, 0, 0};
	char perr[256], end[11];
	/* canonical text is itself (2025-09-30 a day, as kpi-normalise writes a
	 * snapshot); else a period as people write it */
	rc = kpi_period_parse_canonical(text, KPI_PT_NONE, &r->b.period) == 0 ? 0
	     : kpi_period_parse(text, &opts, &r->b.period, perr, sizeof perr);
	free(text);
	if (rc != 0) {
		snprintf(err, errsz, "period: %s", perr);
		row_free(r);
		return -1;
	}
	kpi_period_format(&r->b.period, r->b.period_text);
	kpi_period_bounds(&r->b.period, r->start, end);
	r->ind_key = kpi_fold_id_dup(r->b.indicator);
	r->area_key = kpi_fold_dup(r->b.area);
	/* An empty cell is the total's figure: England's rate for all school
	 * types is not the rate for special schools, so it must not stand beside
	 * a sub-group's series.  "*" says the figure serves every breakdown. */
	if (!r->b.breakdown)
		r->bd_key = kpi_xstrdup("");
	else if (strcmp(r->b.breakdown, "*") != 0 && breakdown_cell_key(r, err, errsz) != 0) {
		row_free(r);
		return -1;
	}
	return 1;
}

kpi_benchmarks *kpi_benchmarks_load(const char *path, char *errbuf, size_t errsz, int *status)
{
	kpi_csv *c = kpi_csv_open(path, ',', KPI_ENC_UTF8);
	if (!c) {
		snprintf(errbuf, errsz, "%s: %s", path, strerror(errno));
		*status = KPI_EXIT_IO;
		return NULL;
	}
	kpi_benchmarks *bs = kpi_xcalloc(1, sizeof *bs);
	kpi_csv_row *row;
	int col[C_N], have_header = 0, rc, bad = 0;
	char err[512];
	while (!bad && (rc = kpi_csv_read(c, &row)) != 0) {
		bench_row r;
		if (rc < 0) {
			snprintf(err, sizeof err, "%s", kpi_csv_error(c));
			bad = 1;
		} else if (!have_header) {
			bad = header(row, col, err, sizeof err) != 0;
			have_header = 1;
		} else if ((rc = parse_row(&r, row, col, err, sizeof err)) < 0) {
			bad = 1;
		} else if (rc > 0) {
			if (bs->n == bs->cap) {
				bs->cap = bs->cap ? 2 * bs->cap : 64;
				bs->rows = kpi_xrealloc(bs->rows, bs->cap * sizeof *bs->rows);
			}
			r.b.order = bs->n;
			bs->rows[bs->n++] = r;
		}
	}
	if (rc == -2) { /* a read error */
		snprintf(errbuf, errsz, "%s: %s", kpi_csv_name(c), kpi_csv_error(c));
		*status = KPI_EXIT_IO;
		kpi_csv_close(c);
		kpi_benchmarks_free(bs);
		return NULL;
	}
	if (bad || !have_header) {
		if (!bad)
			snprintf(err, sizeof err,
				 "benchmarks file is empty (needs a header indicator,area,period,value)");
		snprintf(errbuf, errsz, "%s: %s", bad || have_header ? kpi_csv_where(c) : path, err);
		*status = KPI_EXIT_DATA;
		kpi_csv_close(c);
		kpi_benchmarks_free(bs);
		return NULL;
	}
	kpi_csv_close(c);
	return bs;
}

void kpi_benchmarks_free(kpi_benchmarks *bs)
{
	if (!bs)
		return;
	for (size_t i = 0; i < bs->n; i++)
		row_free(&bs->rows[i]);
	free(bs->rows);
	free(bs);
}

size_t kpi_benchmarks_count(const kpi_benchmarks *bs)
{
	return bs ? bs->n : 0;
}

const kpi_benchmark *kpi_benchmarks_find(const kpi_benchmarks *bs, const char *indicator,
					 const char *breakdown_key, const char *area,
					 const kpi_period *as_at)
{
	if (!bs || !indicator)
		return NULL;
	char *ik = kpi_fold_id_dup(indicator);
	char *ak = area ? kpi_fold_dup(area) : NULL;
	const char *bk = breakdown_key ? breakdown_key : "";
	char start[11], end[11];
	kpi_period_bounds(as_at, start, end);
	/* rows with this breakdown when there are any, else rows for every
	 * breakdown ("*") */
	int specific = 0;
	for (size_t i = 0; i < bs->n; i++)
		if (bs->rows[i].bd_key && strcmp(bs->rows[i].ind_key, ik) == 0 &&
		    strcmp(bs->rows[i].bd_key, bk) == 0)
			specific = 1;
	const bench_row *best = NULL;
	for (size_t i = 0; i < bs->n; i++) {
		const bench_row *r = &bs->rows[i];
		if (strcmp(r->ind_key, ik) != 0)
			continue;
		int mine = specific ? r->bd_key && strcmp(r->bd_key, bk) == 0 : r->bd_key == NULL;
		if (!mine)
			continue;
		if (!ak)
			ak = kpi_xstrdup(r->area_key); /* the indicator's first area */
		if (strcmp(r->area_key, ak) != 0 || strcmp(r->start, end) > 0)
			continue;
		if (!best || kpi_period_cmp(&r->b.period, &best->b.period) > 0)
			best = r;
	}
	free(ik);
	free(ak);
	return best ? &best->b : NULL;
}

int kpi_benchmarks_has_area(const kpi_benchmarks *bs, const char *area)
{
	if (!bs || !area)
		return 0;
	char *ak = kpi_fold_dup(area);
	int found = 0;
	for (size_t i = 0; i < bs->n && !found; i++)
		found = strcmp(bs->rows[i].area_key, ak) == 0;
	free(ak);
	return found;
}

void kpi_benchmarks_area_names(const kpi_benchmarks *bs, kpi_buf *out)
{
	size_t n = bs ? bs->n : 0;
	kpi_name_list l = {out, 0, 0};
	for (size_t i = 0; i < n; i++) {
		size_t j = 0;
		while (j < i && strcmp(bs->rows[j].area_key, bs->rows[i].area_key) != 0)
			j++;
		if (j == i) /* not said already */
			kpi_name_list_add(&l, bs->rows[i].b.area);
	}
	kpi_name_list_end(&l);
}
