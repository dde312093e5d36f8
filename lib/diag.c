/* diag.c: messages on stderr in the contract's form, and exits. */
#include "kpi/diag.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *prog = "kpi";

void kpi_set_prog(const char *name)
{
	const char *slash = strrchr(name, '/');
	prog = slash ? slash + 1 : name;
}

const char *kpi_prog(void)
{
	return prog;
}

static void vmsg(const char *where, const char *fmt, va_list ap)
{
	fflush(stdout); /* keep the order of output and messages on a terminal */
	if (where)
		fprintf(stderr, "%s: %s: ", prog, where);
	else
		fprintf(stderr, "%s: ", prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void kpi_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(NULL, fmt, ap);
	va_end(ap);
}

void kpi_warn_at(const char *where, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(where, fmt, ap);
	va_end(ap);
}

void kpi_die(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(NULL, fmt, ap);
	va_end(ap);
	exit(status);
}

void kpi_die_at(int status, const char *where, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(where, fmt, ap);
	va_end(ap);
	exit(status);
}

void kpi_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(NULL, fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", prog);
	exit(KPI_EXIT_USAGE);
}
