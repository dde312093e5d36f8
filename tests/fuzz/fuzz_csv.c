/* libFuzzer harness: the CSV reader (lib/csv.c) over arbitrary bytes, both
 * encodings; every row's fields must be NUL-terminated and its lines ordered. */
#include "kpi/csv.h"
#include "kpi/lines.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	char delim = (data[0] & 1) ? '\t' : ',';
	kpi_encoding enc = (data[0] & 2) ? KPI_ENC_WINDOWS_1252 : KPI_ENC_UTF8;
	kpi_lines *in = kpi_lines_from_memory((const char *)data + 1, size - 1, "fuzz.csv");
	kpi_csv *c = kpi_csv_from_lines(in, delim, enc, NULL, 0);
	kpi_csv_row *row;
	int rc;
	unsigned long last = 0;
	int guard = 0;
	while ((rc = kpi_csv_next(c, &row)) != 0 && guard++ < 100000) {
		if (rc < 0)
			continue;
		if (row->line < last || row->end_line < row->line)
			abort();
		last = row->line;
		for (size_t i = 0; i < row->n; i++)
			if (row->field[i][row->len[i]] != '\0')
				abort();
	}
	kpi_csv_close(c);
	return 0;
}
