/* benchmarks.c: benchmark figures for kpi-flag (see benchmarks.h). */
#include <stdlib.h>
#include <string.h>
#include "kpi/benchmarks.h"
#include "kpi/buf.h"
#include "kpi/csv.h"
#include "kpi/diag.h"
#include "kpi/names.h"
#include "kpi/value.h"

typedef struct {
	kpi_benchmark b;
	char *ind_key, *area_key, *bd_key;  /* folded; bd_key NULL when none */
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

static char *fold(const char *s)
{
	kpi_buf b = KPI_BUF_INIT;
	kpi_fold_name(&b, s, strlen(s));
	char *r = kpi_xstrdup(kpi_buf_str(&b));
	kpi_buf_free(&b);
	return r;
}

static char *cell(const kpi_csv_row *row, int col)
{
	if (col < 0 || (size_t)col >= row->n)
		return NULL;
	const char *s = row->field[col];
	size_t n = row->len[col];
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n ? kpi_xstrndup(s, n) : NULL;
}

/* 1: a number in *v; 0: empty or a status token (no figure); dies when neither */
static int number_cell(const kpi_csv_row *row, int col, const char *what, const char *where, double *v)
{
	char *s = cell(row, col);
	if (!s)
		return 0;
	kpi_value val;
	if (kpi_value_parse(s, strlen(s), &val) != 0)
		kpi_die_at(KPI_EXIT_DATA, where, "%s '%s' is not a number", what, s);
	free(s);
	if (val.status != KPI_ST_OK)
		return 0;
	*v = val.value;
	return 1;
}

static void header(kpi_csv *c, const kpi_csv_row *row, int col[C_N])
{
	for (int k = 0; k < C_N; k++)
		col[k] = -1;
	kpi_buf b = KPI_BUF_INIT;
	for (size_t i = 0; i < row->n; i++) {
		kpi_buf_clear(&b);
		kpi_snake_case(&b, row->field[i], row->len[i]);
		for (int k = 0; k < C_N; k++)
			if (col[k] < 0 && strcmp(kpi_buf_str(&b), col_names[k]) == 0)
				col[k] = (int)i;
	}
	kpi_buf_free(&b);
	for (int k = C_INDICATOR; k <= C_VALUE; k++)
		if (col[k] < 0)
			kpi_die_at(KPI_EXIT_DATA, kpi_csv_where(c),
				   "benchmarks file has no '%s' column (needs indicator,area,period,value)",
				   col_names[k]);
}

static void parse_row(kpi_benchmarks *bs, kpi_csv *c, const kpi_csv_row *row, const int col[C_N])
{
	const char *where = kpi_csv_where(c);
	bench_row r;
	memset(&r, 0, sizeof r);
	double value;
	if (!number_cell(row, col[C_VALUE], "value", where, &value))
		return; /* no figure: nothing to compare with */
	r.b.value = value;
	r.b.has_lower = number_cell(row, col[C_LOWER], "lower", where, &r.b.lower);
	r.b.has_upper = number_cell(row, col[C_UPPER], "upper", where, &r.b.upper);
	r.b.indicator = cell(row, col[C_INDICATOR]);
	if (!r.b.indicator)
		kpi_die_at(KPI_EXIT_DATA, where, "empty indicator");
	r.b.area = cell(row, col[C_AREA]);
	if (!r.b.area)
		kpi_die_at(KPI_EXIT_DATA, where, "empty area");
	char *text = cell(row, col[C_PERIOD]);
	if (!text)
		kpi_die_at(KPI_EXIT_DATA, where, "empty period");
	kpi_period_opts opts = {KPI_YEAR_FINANCIAL, NULL, 0};
	char err[256], end[11];
	if (kpi_period_parse(text, &opts, &r.b.period, err, sizeof err) != 0)
		kpi_die_at(KPI_EXIT_DATA, where, "period: %s", err);
	free(text);
	kpi_period_format(&r.b.period, r.b.period_text);
	kpi_period_bounds(&r.b.period, r.start, end);
	r.b.source = cell(row, col[C_SOURCE]);
	r.b.breakdown = cell(row, col[C_BREAKDOWN]);
	r.b.order = bs->n;
	r.ind_key = fold(r.b.indicator);
	r.area_key = fold(r.b.area);
	r.bd_key = r.b.breakdown ? fold(r.b.breakdown) : NULL;
	if (bs->n == bs->cap) {
		bs->cap = bs->cap ? 2 * bs->cap : 64;
		bs->rows = kpi_xrealloc(bs->rows, bs->cap * sizeof *bs->rows);
	}
	bs->rows[bs->n++] = r;
}

kpi_benchmarks *kpi_benchmarks_load(const char *path)
{
	kpi_csv *c = kpi_csv_open_or_die(path, ',', KPI_ENC_UTF8);
	kpi_benchmarks *bs = kpi_xcalloc(1, sizeof *bs);
	kpi_csv_row *row;
	int col[C_N], have_header = 0, rc;
	while ((rc = kpi_csv_next(c, &row)) != 0) {
		if (rc < 0)
			kpi_die_at(KPI_EXIT_DATA, kpi_csv_where(c), "%s", kpi_csv_error(c));
		if (!have_header) {
			header(c, row, col);
			have_header = 1;
			continue;
		}
		parse_row(bs, c, row, col);
	}
	if (!have_header)
		kpi_die_at(KPI_EXIT_DATA, path,
			   "benchmarks file is empty (needs a header indicator,area,period,value)");
	kpi_csv_close(c);
	return bs;
}

void kpi_benchmarks_free(kpi_benchmarks *bs)
{
	if (!bs)
		return;
	for (size_t i = 0; i < bs->n; i++) {
		bench_row *r = &bs->rows[i];
		free(r->b.indicator);
		free(r->b.area);
		free(r->b.breakdown);
		free(r->b.source);
		free(r->ind_key);
		free(r->area_key);
		free(r->bd_key);
	}
	free(bs->rows);
	free(bs);
}

size_t kpi_benchmarks_count(const kpi_benchmarks *bs)
{
	return bs ? bs->n : 0;
}

const kpi_benchmark *kpi_benchmarks_find(const kpi_benchmarks *bs, const char *indicator,
					 const char *breakdown, const char *area,
					 const kpi_period *as_at)
{
	if (!bs || !indicator)
		return NULL;
	char *ik = fold(indicator);
	char *ak = area ? fold(area) : NULL;
	char *bk = breakdown ? fold(breakdown) : NULL;
	char start[11], end[11];
	kpi_period_bounds(as_at, start, end);
	/* rows with this breakdown when there are any, else rows without one */
	int specific = 0;
	for (size_t i = 0; i < bs->n && bk; i++)
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
		if (strcmp(r->area_key, ak) != 0 || strcmp(r->start, start) > 0)
			continue;
		if (!best || kpi_period_cmp(&r->b.period, &best->b.period) > 0)
			best = r;
	}
	free(ik);
	free(ak);
	free(bk);
	return best ? &best->b : NULL;
}
