/* checks.c: the out-of-line parts of kpi-normalise's checks (checks.h):
 * a problem's message, a number in one, and whether a count is a multiple
 * of ten (a count the DfE may have rounded). */
#include "checks.h"
#include <stdarg.h>
#include <string.h>

void add_problem(normaliser *nz, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* problems: NUL-separated messages */
	kpi_buf_add(&nz->problems, msg, strlen(msg) + 1);
}

const char *nz_num(char buf[KPI_NUM_BUFSZ], double v)
{
	if (kpi_fmt_double(buf, v) < 0)
		strcpy(buf, "?");
	return buf;
}

int nz_multiple_of_ten(double n)
{
	if (n > -9e15 && n < 9e15) { /* fmod was a call per record */
		long long i = (long long)n;
		return (double)i == n && i % 10 == 0; /* a fraction is no multiple */
	}
	return fmod(n, 10) == 0;
}
