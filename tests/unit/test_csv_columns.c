/* Unit tests: lib/csv_columns.c, side files read by column name. */
#include "kpi/csv.h"
#include "kpi/csv_columns.h"
#include "kpi/lines.h"
#include "tap.h"
#include <stdlib.h>
#include <string.h>

int main(void)
{
	const char *text = "Indicator, Due Date ,Target\r\nCLA1,  Mar-25 ,\t95%\t\n";
	kpi_csv *c = kpi_csv_from_lines(kpi_lines_from_memory(text, strlen(text), "t.csv"), ',',
					KPI_ENC_UTF8, NULL, 0);
	kpi_csv_row *row;
	ok(kpi_csv_next(c, &row) == 1, "header read");
	static const char *const names[] = {"indicator", "target", "due_date", "area"};
	int col[4];
	char err[200];
	ok(kpi_csv_columns(row, names, 4, 3, col, "targets file", err, sizeof err) == 0, "required columns found");
	ok(col[0] == 0 && col[1] == 2 && col[2] == 1 && col[3] == -1, "columns by snake_case name (%d %d %d %d)",
	   col[0], col[1], col[2], col[3]);
	ok(kpi_csv_columns(row, names, 4, 4, col, "targets file", err, sizeof err) == -1, "missing required column");
	is_str(err, "targets file has no 'area' column (needs indicator,target,due_date,area)", "message names it");
	ok(kpi_csv_next(c, &row) == 1, "row read");
	char *due = kpi_csv_cell(row, 1), *target = kpi_csv_cell(row, 2);
	is_str(due, "Mar-25", "cell trimmed of spaces");
	is_str(target, "95%", "cell trimmed of tabs");
	ok(kpi_csv_cell(row, -1) == NULL && kpi_csv_cell(row, 9) == NULL, "absent column is NULL");
	free(due);
	free(target);
	char *f = kpi_fold_dup("Children’s Visits (%)");
	is_str(f, "childrensvisits", "fold_dup");
	free(f);
	kpi_csv_close(c);
	return tap_done();
}
