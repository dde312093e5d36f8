/* libFuzzer harness: the period parser (lib/period*.c).  Whatever parses must
 * format to canonical text that parses back to the same period. */
#include "kpi/period.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 200)
		return 0;
	char text[201];
	memcpy(text, data, size);
	text[size] = '\0';
	static const char *const idents[] = {NULL, "Academic year", "Calendar year", "Financial year",
					     "Reporting year", "Spring term", "Week 5"};
	for (size_t k = 0; k < sizeof idents / sizeof idents[0]; k++) {
		kpi_period_opts o = {(k & 1) ? KPI_YEAR_ACADEMIC : KPI_YEAR_FINANCIAL, idents[k], (int)(k & 2), 0, 0};
		kpi_period p, q;
		char err[512];
		if (kpi_period_parse(text, &o, &p, err, sizeof err) != 0)
			continue;
		char canon[KPI_PERIOD_BUFSZ];
		kpi_period_format(&p, canon);
		if (kpi_period_parse_canonical(canon, p.type, &q) != 0 || kpi_period_cmp(&p, &q) != 0)
			abort();
		kpi_period r;
		kpi_period_from_ordinal(p.type, kpi_period_ordinal(&p), &r);
		if (kpi_period_cmp(&p, &r) != 0)
			abort();
		char s[11], e[11], label[64];
		kpi_period_bounds(&p, s, e);
		kpi_period_label(&p, KPI_LABEL_SHORT, label, sizeof label);
		kpi_period_label(&p, KPI_LABEL_LONG, label, sizeof label);
		kpi_period_label(&p, KPI_LABEL_AS_AT, label, sizeof label);
	}
	return 0;
}
