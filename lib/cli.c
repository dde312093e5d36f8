/* cli.c: the command-line behaviour every tool shares. */
#include "kpi/cli.h"
#include "kpi/buf.h"
#include "kpi/diag.h"
#include "kpi/out.h"
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef KPI_VERSION
#define KPI_VERSION "unknown"
#endif
#ifndef KPI_DATADIR
#define KPI_DATADIR "/usr/local/share/kpi"
#endif

void kpi_cli_init(int argc, char **argv, const char *prog)
{
	(void)argc;
	(void)argv;
	kpi_set_prog(prog);
	setlocale(LC_ALL, "C"); /* strtod and printf use '.', whatever the user's locale */
	kpi_out_init();
}

void kpi_cli_version(void)
{
	printf("%s (kpi) %s\n", kpi_prog(), KPI_VERSION);
	kpi_out_close();
	exit(KPI_EXIT_OK);
}

void kpi_cli_help(const char *text)
{
	kpi_out_puts(text);
	kpi_out_close();
	exit(KPI_EXIT_OK);
}

int kpi_cli_common(int c, const char *arg, kpi_run *run, const char *help_text)
{
	switch (c) {
	case 'h':
		kpi_cli_help(help_text);
	case 'V':
		kpi_cli_version();
	case KPI_OPT_KEEP_GOING:
		if (run)
			run->keep_going = 1;
		return 1;
	case KPI_OPT_REJECTS:
		if (run) {
			run->rejects_path = arg;
			run->keep_going = 1;
		}
		return 1;
	case '?':
	case ':':
		/* getopt_long has printed what was wrong */
		fprintf(stderr, "Try '%s --help' for more information.\n", kpi_prog());
		exit(KPI_EXIT_USAGE);
	default:
		return 0;
	}
}

long kpi_cli_long(const char *name, const char *arg, long min, long max)
{
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < min || v > max)
		kpi_usage_error("--%s: '%s' is not a whole number from %ld to %ld", name, arg, min, max);
	return v;
}

double kpi_cli_double(const char *name, const char *arg)
{
	char *end;
	errno = 0;
	double v = strtod(arg, &end);
	if (errno || end == arg || *end || !isfinite(v))
		kpi_usage_error("--%s: '%s' is not a number", name, arg);
	return v;
}

void kpi_cli_option_file(const char *option, const char *path, int n, char *const *files)
{
	static const char *stdin_option; /* the file option already reading standard input */
	if (!path || strcmp(path, "-") != 0)
		return;
	if (stdin_option)
		kpi_usage_error("%s - and %s -: standard input can be read only once", stdin_option, option);
	int data_reads_stdin = n == 0;
	for (int i = 0; i < n && !data_reads_stdin; i++)
		data_reads_stdin = strcmp(files[i], "-") == 0;
	if (data_reads_stdin)
		kpi_usage_error("%s -: standard input carries the data (%s); name a file for %s, "
				"or give the data as FILE", option, n ? "FILE -" : "no FILE given", option);
	stdin_option = option;
}

/* Candidates in order: $KPI_DATADIR; beside the executable, as installed
 * (BIN/../share/kpi) or in the source tree (build/bin/../../share); the
 * directory compiled in from PREFIX.  The first that holds FILE wins. */
char *kpi_data_path(const char *file)
{
	const char *env = getenv("KPI_DATADIR");
	kpi_buf b = KPI_BUF_INIT;
	if (env && *env) {
		kpi_buf_printf(&b, "%s/%s", env, file);
		return b.data;
	}
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			static const char *const rel[] = {"../share/kpi", "../../share"};
			for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
				kpi_buf_clear(&b);
				kpi_buf_printf(&b, "%s/%s/%s", exe, rel[i], file);
				if (access(b.data, R_OK) == 0)
					return b.data;
			}
		}
	}
	kpi_buf_clear(&b);
	kpi_buf_printf(&b, "%s/%s", KPI_DATADIR, file);
	return b.data;
}
