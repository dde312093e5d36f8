/* libFuzzer harness: value cells (lib/value.c) and number text (lib/numfmt.c).
 * A parsed number must be finite and print as text that reads back exactly. */
#include "kpi/numfmt.h"
#include "kpi/value.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kpi_value v;
	const char *s = (const char *)data;
	if (kpi_value_parse(s, size, &v) == 0 && v.status == KPI_ST_OK) {
		if (!isfinite(v.value))
			abort();
		char t[KPI_NUM_BUFSZ];
		if (kpi_fmt_double(t, v.value) < 0 || strtod(t, NULL) != v.value)
			abort();
		char f[64];
		kpi_fmt_fixed(f, sizeof f, v.value, 1);
	}
	double d;
	kpi_duration_parse(s, size, KPI_DUR_YY_MM, KPI_DUR_DAYS, &d);
	kpi_duration_parse(s, size, KPI_DUR_MM_DD, KPI_DUR_MONTHS, &d);
	if (size >= 8) {
		double x;
		memcpy(&x, data, 8);
		char t[KPI_NUM_BUFSZ];
		if (isfinite(x) && (kpi_fmt_double(t, x) < 0 || (strtod(t, NULL) != x && x != 0)))
			abort();
	}
	return 0;
}
