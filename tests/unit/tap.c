/* tap.c: see tap.h */
#include "tap.h"
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int n_run, n_failed;

static int report(int cond, const char *fmt, va_list ap)
{
	n_run++;
	if (!cond)
		n_failed++;
	printf("%sok %d - ", cond ? "" : "not ", n_run);
	vprintf(fmt, ap);
	putchar('\n');
	return cond;
}

int ok(int cond, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(cond, fmt, ap);
	va_end(ap);
	return cond;
}

int is_str(const char *got, const char *exp, const char *fmt, ...)
{
	int cond = (got == NULL && exp == NULL) || (got && exp && strcmp(got, exp) == 0);
	va_list ap;
	va_start(ap, fmt);
	report(cond, fmt, ap);
	va_end(ap);
	if (!cond)
		printf("#   got:      %s%s%s\n#   expected: %s%s%s\n", got ? "'" : "", got ? got : "NULL",
		       got ? "'" : "", exp ? "'" : "", exp ? exp : "NULL", exp ? "'" : "");
	return cond;
}

int is_long(long got, long exp, const char *fmt, ...)
{
	int cond = got == exp;
	va_list ap;
	va_start(ap, fmt);
	report(cond, fmt, ap);
	va_end(ap);
	if (!cond)
		printf("#   got:      %ld\n#   expected: %ld\n", got, exp);
	return cond;
}

int is_num(double got, double exp, double tol, const char *fmt, ...)
{
	int cond = fabs(got - exp) <= tol || (isnan(got) && isnan(exp));
	va_list ap;
	va_start(ap, fmt);
	report(cond, fmt, ap);
	va_end(ap);
	if (!cond)
		printf("#   got:      %.17g\n#   expected: %.17g\n", got, exp);
	return cond;
}

void diag(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("# ", stdout);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
}

int tap_done(void)
{
	printf("1..%d\n", n_run);
	fflush(stdout);
	return n_failed ? 1 : 0;
}

const char *tap_tests_dir(void)
{
	const char *d = getenv("KPI_TESTS");
	return d && *d ? d : "tests";
}

char *tap_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap + 1);
	size_t got;
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			char *nb = realloc(buf, cap * 2 + 1);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	fclose(f);
	if (!buf)
		return NULL;
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}
