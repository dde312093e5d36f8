/* kpi-trend: one summary per series (indicator + area + breakdown), as at a
 * period, with an XmR chart.  Reads typed observations (contract §2), writes
 * series summaries (contract §3).  See kpi-trend(1). */
#include "kpi/cli.h"
#include "kpi/diag.h"
#include "kpi/out.h"
#include "kpi/run.h"
#include "kpi/spc.h"
#include "store.h"
#include "summary.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help_text[] =
	"Usage: kpi-trend [OPTION]... [FILE]...\n"
	"Summarise typed observations (kpi-normalise output) as one record per series\n"
	"(indicator + area + breakdown): latest point, previous, change, year ago,\n"
	"window high/low/mean, highest/lowest since, run, gaps, history and an XmR\n"
	"SPC chart.  With no FILE, or when FILE is -, read standard input.\n"
	"\n"
	"  -a, --as-at PERIOD     summarise as at PERIOD (canonical, e.g. 2017-06);\n"
	"                         later points are ignored (default: the latest period)\n"
	"      --as-known-at DATE use, for each observation, its latest release on or\n"
	"                         before DATE (YYYY-MM-DD); undated ones always count\n"
	"  -e, --every-period     one summary per series per period, in one pass\n"
	"  -w, --window N         window of N periods (default 12)\n"
	"      --history N        keep the last N observations in history (default 24)\n"
	"      --min-points N     fewest points for SPC limits (default 12)\n"
	"      --baseline N       SPC limits from the first N points of each segment\n"
	"      --rebase PERIOD    start new SPC limits at PERIOD (repeatable)\n"
	"      --screen-outliers  screen large moving ranges before the limits\n"
	"      --keep-going       reject bad records and carry on (exit status 1)\n"
	"      --rejects FILE     write rejected records to FILE (implies --keep-going)\n"
	"  -h, --help             show this help and exit\n"
	"  -V, --version          show the version and exit\n"
	"\n"
	"Exit status: 0 ok, 1 bad data, 2 usage or I/O error.  See kpi-trend(1).\n";

enum {
	OPT_HISTORY = KPI_OPT_FIRST_TOOL, OPT_MIN_POINTS, OPT_BASELINE, OPT_REBASE, OPT_SCREEN,
	OPT_KNOWN_AT
};

static const store *sort_store;

/* absent and null sort before any string; strings bytewise */
static int cmp_label(uint32_t a, uint32_t b)
{
	int ka = a == 0 ? 0 : a == AREA_NULL ? 1 : 2, kb = b == 0 ? 0 : b == AREA_NULL ? 1 : 2;
	if (ka != kb || ka < 2)
		return ka - kb;
	size_t la, lb;
	const char *sa = store_str(sort_store, a, &la), *sb = store_str(sort_store, b, &lb);
	int c = memcmp(sa, sb, la < lb ? la : lb);
	return c ? c : (la > lb) - (la < lb);
}

/* catalogue order (missing last), then indicator, area, breakdown */
static int cmp_series(const void *pa, const void *pb)
{
	const series *a = &sort_store->s[*(const size_t *)pa], *b = &sort_store->s[*(const size_t *)pb];
	int ha = !isnan(a->order_num), hb = !isnan(b->order_num);
	if (ha != hb)
		return hb - ha;
	if (ha && a->order_num != b->order_num)
		return a->order_num < b->order_num ? -1 : 1;
	int c = a->indicator == b->indicator ? 0 : cmp_label(a->indicator, b->indicator);
	if (!c)
		c = cmp_label(a->area, b->area);
	if (!c)
		c = cmp_label(a->breakdown, b->breakdown);
	if (!c && a->type != b->type)
		c = a->type < b->type ? -1 : 1;
	return c;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		KPI_COMMON_LONGOPTS,
		{"as-at", required_argument, NULL, 'a'},
		{"every-period", no_argument, NULL, 'e'},
		{"window", required_argument, NULL, 'w'},
		{"history", required_argument, NULL, OPT_HISTORY},
		{"min-points", required_argument, NULL, OPT_MIN_POINTS},
		{"baseline", required_argument, NULL, OPT_BASELINE},
		{"rebase", required_argument, NULL, OPT_REBASE},
		{"screen-outliers", no_argument, NULL, OPT_SCREEN},
		{"as-known-at", required_argument, NULL, OPT_KNOWN_AT},
		{0, 0, 0, 0}};
	kpi_run run;
	kpi_run_init(&run);
	kpi_cli_init(argc, argv, "kpi-trend");
	kpi_out_stream();
	trend_opts opt;
	memset(&opt, 0, sizeof opt);
	opt.window = 12;
	opt.history = 24;
	kpi_spc_opts_init(&opt.spc);
	opt.rebase = kpi_xmalloc((size_t)argc * sizeof *opt.rebase);
	long baseline = 0;
	uint16_t known_at = 0;
	int c;
	while ((c = getopt_long(argc, argv, "a:ew:" KPI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (kpi_cli_common(c, optarg, &run, help_text))
			continue;
		switch (c) {
		case 'a':
			opt.as_at = optarg;
			break;
		case 'e':
			opt.every_period = 1;
			break;
		case 'w':
			opt.window = kpi_cli_long("window", optarg, 1, 100000);
			break;
		case OPT_HISTORY:
			opt.history = kpi_cli_long("history", optarg, 0, 100000);
			break;
		case OPT_MIN_POINTS:
			opt.spc.min_points = (size_t)kpi_cli_long("min-points", optarg, 2, 100000);
			break;
		case OPT_BASELINE:
			baseline = kpi_cli_long("baseline", optarg, 2, 100000);
			break;
		case OPT_REBASE:
			opt.rebase[opt.n_rebase++] = optarg;
			break;
		case OPT_SCREEN:
			opt.spc.screen_outliers = 1;
			break;
		case OPT_KNOWN_AT:
			if (!(known_at = store_release_day(optarg)))
				kpi_usage_error("--as-known-at: '%s' is not a date YYYY-MM-DD from 1970 to 2149",
						optarg);
			break;
		default:
			kpi_usage_error("unknown option");
		}
	}
	if (baseline && (size_t)baseline < opt.spc.min_points)
		kpi_usage_error("--baseline %ld is below --min-points %zu: limits need at least %zu points",
				baseline, opt.spc.min_points, opt.spc.min_points);
	opt.spc.baseline = (size_t)baseline;
	trend_check_opts(&opt);
	kpi_run_start(&run, argc - optind, argv + optind, 0, NULL);

	store st;
	store_init(&st, &run);
	st.known_at = known_at;
	if (optind == argc) {
		store_read(&st, "-");
	} else {
		for (int i = optind; i < argc; i++)
			store_read(&st, argv[i]);
	}
	store_finish(&st);

	trend t;
	trend_init(&t, &st, &opt);
	size_t *order = kpi_xmalloc((st.n ? st.n : 1) * sizeof *order);
	for (size_t i = 0; i < st.n; i++)
		order[i] = i;
	sort_store = &st;
	qsort(order, st.n, sizeof *order, cmp_series);
	for (size_t i = 0; i < st.n; i++)
		trend_series(&t, &st.s[order[i]]);
	trend_flush(&t);
	if (st.n && !t.written && opt.as_at)
		kpi_warn("no series has an observation at or before %s", opt.as_at);
	kpi_out_close();

	run.written = run.read - run.rejected;
	free(order);
	free(opt.rebase);
	trend_free(&t);
	store_free(&st);
	return kpi_run_finish(&run);
}
