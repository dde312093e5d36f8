/* period_parse.c: written periods (placeholder while the parser is written) */
#include "kpi/period.h"
#include <stdio.h>

int kpi_period_parse(const char *text, const kpi_period_opts *opts, kpi_period *out,
		     char *err, size_t errsz)
{
	(void)opts;
	if (kpi_period_parse_canonical(text, KPI_PT_NONE, out) == 0)
		return 0;
	snprintf(err, errsz, "unrecognised period \"%s\"", text);
	return -1;
}
