/* diag.c: messages on stderr in the contract's form, and exits. */
#include "kpi/diag.h"
#include "kpi/buf.h"
#include "kpi/text.h"
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

/* Writes "PROG: [WHERE: ]MESSAGE\n" to stderr.  Messages quote data (an
 * indicator, a period, a file name, a record's "source"): control characters
 * and invalid UTF-8 in them are escaped (kpi_text_escape), so a message is
 * one line and cannot act on the terminal that shows it. */
static void vmsg(const char *where, const char *fmt, va_list ap)
{
	fflush(stdout); /* keep the order of output and messages on a terminal */
	char small[512], *text = small;
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(small, sizeof small, fmt, aq);
	va_end(aq);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof small) {
		text = kpi_xmalloc((size_t)n + 1);
		vsnprintf(text, (size_t)n + 1, fmt, ap);
	}
	kpi_buf line = KPI_BUF_INIT;
	kpi_text_escape(&line, prog, strlen(prog));
	kpi_buf_adds(&line, ": ");
	if (where) {
		kpi_text_escape(&line, where, strlen(where));
		kpi_buf_adds(&line, ": ");
	}
	kpi_text_escape(&line, text, (size_t)n);
	kpi_buf_addc(&line, '\n');
	fwrite(line.data, 1, line.len, stderr);
	kpi_buf_free(&line);
	if (text != small)
		free(text);
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
