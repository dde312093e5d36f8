/* cli.h: what every tool's command line shares.
 *
 *   static const struct option longopts[] = {
 *       KPI_COMMON_LONGOPTS,
 *       {"window", required_argument, NULL, 'w'},
 *       {0}};
 *   kpi_cli_init(argc, argv, "kpi-trend");
 *   while ((c = getopt_long(argc, argv, "w:" KPI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
 *       if (kpi_cli_common(c, optarg, &run, HELP_TEXT)) continue;
 *       switch (c) { ... }
 *   }
 *   FILE arguments after options; none means "-" (standard input).
 */
#ifndef KPI_CLI_H
#define KPI_CLI_H
#include <getopt.h>
#include "kpi/run.h"

enum { KPI_OPT_KEEP_GOING = 0x1000, KPI_OPT_REJECTS, KPI_OPT_FIRST_TOOL = 0x1100 };

#define KPI_COMMON_SHORTOPTS "hV"
#define KPI_COMMON_LONGOPTS \
	{"help", no_argument, NULL, 'h'}, \
	{"version", no_argument, NULL, 'V'}, \
	{"keep-going", no_argument, NULL, KPI_OPT_KEEP_GOING}, \
	{"rejects", required_argument, NULL, KPI_OPT_REJECTS}

/* Sets the program name, output checking and the C numeric locale. */
void kpi_cli_init(int argc, char **argv, const char *prog);
/* Handles -h, -V, --keep-going, --rejects and getopt's '?' (usage error, exit 2).
 * Returns 1 when C was one of those.  RUN may be NULL for tools without records. */
int kpi_cli_common(int c, const char *arg, kpi_run *run, const char *help_text);
/* Prints "PROG (kpi) VERSION" and exits 0. */
_Noreturn void kpi_cli_version(void);
/* Prints TEXT and exits 0. */
_Noreturn void kpi_cli_help(const char *text);

/* Option values: exit 2 with "PROG: --NAME: 'ARG' is not ..." when bad. */
long kpi_cli_long(const char *name, const char *arg, long min, long max);
double kpi_cli_double(const char *name, const char *arg);

/* Standard input can be read once.  Call for each file option given (after
 * the options, before anything is read), with the data's FILE arguments:
 * exits 2 when PATH is "-" and standard input already carries the data (no
 * FILE, or a FILE "-") or another option's file.  Otherwise the second
 * reader would read the data as its file, or nothing at all. */
void kpi_cli_option_file(const char *option, const char *path, int n, char *const *files);

/* A data file (catalogue.csv, england-benchmarks.csv): $KPI_DATADIR/FILE,
 * else beside the executable (BIN/../share/kpi, or share/ of the source tree
 * for build/bin), else PREFIX/share/kpi.  Returns a malloc'd path. */
char *kpi_data_path(const char *file);

#endif
