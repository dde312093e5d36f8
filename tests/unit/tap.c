/* tap.c: see tap.h */
#include "tap.h"
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int n_run, n_failed;

/* The open case (tap_case): its name, whether a field failed, and the
 * failing fields' report, printed under its TAP line at tap_case_end. */
static int in_case, case_failed;
static char *case_name, *case_log;
static size_t case_log_len;
static FILE *case_out;

/* Where a check's details go: the case's log inside a case, else stdout. */
static FILE *detail_out(void)
{
	return in_case ? case_out : stdout;
}

static int report(int cond, const char *fmt, va_list ap)
{
	if (in_case) {
		if (!cond) {
			case_failed = 1;
			fputs("#   failed: ", case_out);
			vfprintf(case_out, fmt, ap);
			fputc('\n', case_out);
		}
		return cond;
	}
	n_run++;
	if (!cond)
		n_failed++;
	printf("%sok %d - ", cond ? "" : "not ", n_run);
	vprintf(fmt, ap);
	putchar('\n');
	return cond;
}

static void case_open(const char *prefix, const char *fmt, va_list ap)
{
	if (in_case)
		tap_case_end();
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	size_t plen = strlen(prefix);
	case_name = malloc(plen + (size_t)(n < 0 ? 0 : n) + 1);
	if (!case_name)
		abort();
	memcpy(case_name, prefix, plen);
	vsnprintf(case_name + plen, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
	case_out = open_memstream(&case_log, &case_log_len);
	if (!case_out)
		abort();
	in_case = 1;
	case_failed = 0;
}

void tap_case(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	case_open("", fmt, ap);
	va_end(ap);
}

void tap_vector(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	case_open("vector: ", fmt, ap);
	va_end(ap);
}

int tap_case_end(void)
{
	if (!in_case)
		return 1;
	in_case = 0;
	fclose(case_out);
	int pass = !case_failed;
	ok(pass, "%s", case_name);
	if (!pass)
		fputs(case_log, stdout);
	free(case_name);
	free(case_log);
	case_name = case_log = NULL;
	return pass;
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
		fprintf(detail_out(), "#   got:      %s%s%s\n#   expected: %s%s%s\n", got ? "'" : "", got ? got : "NULL",
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
		fprintf(detail_out(), "#   got:      %ld\n#   expected: %ld\n", got, exp);
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
		fprintf(detail_out(), "#   got:      %.17g\n#   expected: %.17g\n", got, exp);
	return cond;
}

void diag(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("# ", detail_out());
	vfprintf(detail_out(), fmt, ap);
	fputc('\n', detail_out());
	va_end(ap);
}

int tap_done(void)
{
	tap_case_end();
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
