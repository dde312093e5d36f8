/* csv_columns.c: see csv_columns.h. */
#include "kpi/csv_columns.h"
#include "kpi/buf.h"
#include "kpi/names.h"
#include <stdio.h>
#include <string.h>

int kpi_csv_columns(const kpi_csv_row *header, const char *const *names, int n, int nrequired,
		    int *col, const char *what, char *err, size_t errsz)
{
	for (int k = 0; k < n; k++)
		col[k] = -1;
	kpi_buf b = KPI_BUF_INIT;
	for (size_t i = 0; i < header->n; i++) {
		kpi_snake_case(&b, header->field[i], header->len[i]);
		for (int k = 0; k < n; k++)
			if (col[k] < 0 && strcmp(kpi_buf_str(&b), names[k]) == 0)
				col[k] = (int)i;
	}
	kpi_buf_free(&b);
	for (int k = 0; k < nrequired; k++)
		if (col[k] < 0) {
			kpi_buf need = KPI_BUF_INIT;
			for (int j = 0; j < nrequired; j++)
				kpi_buf_printf(&need, "%s%s", j ? "," : "", names[j]);
			snprintf(err, errsz, "%s has no '%s' column (needs %s)", what, names[k],
				 kpi_buf_str(&need));
			kpi_buf_free(&need);
			return -1;
		}
	return 0;
}

char *kpi_csv_cell(const kpi_csv_row *row, int col)
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

char *kpi_fold_dup(const char *s)
{
	kpi_buf b = KPI_BUF_INIT;
	kpi_fold_name(&b, s, strlen(s));
	char *r = kpi_xstrdup(kpi_buf_str(&b));
	kpi_buf_free(&b);
	return r;
}
