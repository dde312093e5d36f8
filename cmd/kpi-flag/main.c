/* kpi-flag: series summaries in, judged summaries out (contract §4):
 * targets, RAG, benchmark, interval, SPC assurance and the judgement
 * "improvement or current issue" with its reasons.  See kpi-flag.1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "flag.h"
#include "kpi/buf.h"
#include "kpi/cli.h"
#include "kpi/diag.h"
#include "kpi/ndjson.h"
#include "kpi/out.h"
#include "kpi/record_keys.h"
#include "kpi/run.h"

static const char help_text[] =
	"Usage: kpi-flag [OPTION]... [FILE]...\n"
	"Judge series summaries (from kpi-trend): targets, RAG, benchmark, 95% interval,\n"
	"SPC assurance, and whether each is an improvement or a current issue, with reasons.\n"
	"With no FILE, or FILE -, read standard input.\n"
	"\n"
	"  -t, --targets FILE         targets CSV: indicator,target,due [,area,tolerance,label,\n"
	"                             assessment,reason]; several rows = staged targets\n"
	"      --tolerance T          amber band when a target is missed: T points for percents,\n"
	"                             T units otherwise, or T% of the target (default 5 points\n"
	"                             for percents, 5% of the target otherwise)\n"
	"  -b, --benchmarks FILE      benchmarks CSV: indicator,area,period,value [,lower,upper,\n"
	"                             source,breakdown]; 'default' is the shipped England file\n"
	"  -a, --benchmark-area NAME  the benchmark area; without --benchmarks, series of area\n"
	"                             NAME in the input are the benchmark (the input is buffered)\n"
	"  -c, --compare KINDS        england, region, neighbours, or a comma list of them:\n"
	"                             each council's series against those areas of the\n"
	"                             input (an all-council DfE file) and its rank and\n"
	"                             quartile among the councils (the input is buffered)\n"
	"      --neighbours FILE      the DfE statistical-neighbour model (old_la_code,\n"
	"                             SN_1 .. SN_10), for --compare neighbours\n"
	"      --regions FILE         each council's region (old_la_code,new_la_code,la_name,\n"
	"                             region_code,region_name), for --compare region when a\n"
	"                             record has no region_name (default: the shipped\n"
	"                             la-regions.csv)\n"
	"      --small-denominator N  flag percentages with a denominator below N (default 20)\n"
	"      --small-n MODE         caveat (default): small numbers only add a flag;\n"
	"                             stable: a small-number move inside the interval is stable\n"
	"      --window N             periods in the window when a summary has no\n"
	"                             window.length (default 12)\n"
	"      --slight-points P      a percentage moving at most P points is slight\n"
	"                             (default: its average moving range, else 3)\n"
	"      --slight-percent P     another moving under P% of its previous value is\n"
	"                             slight (default: its average moving range, else 3)\n"
	"  -e, --explain              print one line per series saying why, instead of records\n"
	"      --keep-going           carry on after a bad record (exit status still 1)\n"
	"      --rejects FILE         write bad records to FILE (implies --keep-going)\n"
	"  -h, --help                 show this help and exit\n"
	"  -V, --version              show the version and exit\n"
	"\n"
	"The judgement rule, in order, is in kpi-flag(1).  Exit status: 0 ok, 1 bad data,\n"
	"2 usage or I/O error.\n";

enum {
	OPT_TOLERANCE = KPI_OPT_FIRST_TOOL, OPT_SMALL_DEN, OPT_SMALL_N, OPT_WINDOW,
	OPT_SLIGHT_POINTS, OPT_SLIGHT_PERCENT, OPT_NEIGHBOURS, OPT_REGIONS
};

static const struct option longopts[] = {
	KPI_COMMON_LONGOPTS,
	{"targets", required_argument, NULL, 't'},
	{"tolerance", required_argument, NULL, OPT_TOLERANCE},
	{"benchmarks", required_argument, NULL, 'b'},
	{"benchmark-area", required_argument, NULL, 'a'},
	{"compare", required_argument, NULL, 'c'},
	{"neighbours", required_argument, NULL, OPT_NEIGHBOURS},
	{"regions", required_argument, NULL, OPT_REGIONS},
	{"small-denominator", required_argument, NULL, OPT_SMALL_DEN},
	{"small-n", required_argument, NULL, OPT_SMALL_N},
	{"window", required_argument, NULL, OPT_WINDOW},
	{"slight-points", required_argument, NULL, OPT_SLIGHT_POINTS},
	{"slight-percent", required_argument, NULL, OPT_SLIGHT_PERCENT},
	{"explain", no_argument, NULL, 'e'},
	{0, 0, 0, 0}
};

static double nonnegative(const char *name, const char *arg)
{
	double v = kpi_cli_double(name, arg);
	if (v < 0)
		kpi_usage_error("--%s: '%s' is not a number >= 0", name, arg);
	return v;
}

/* One record: judge it and write it (or its --explain line). */
static void process(const flag_ctx *ctx, kpi_run *run, const kpi_record *rec, const char *line,
		    size_t len, const char *where, kpi_buf *out)
{
	char err[256];
	flag_result r;
	if (flag_compute(ctx, rec, &r, err, sizeof err) != 0) {
		kpi_run_reject(run, where, err, line, len);
		flag_result_free(&r);
		return;
	}
	kpi_buf_clear(out);
	if (ctx->explain)
		flag_explain(ctx, &r, out);
	else if (flag_write(&r, rec, out) != 0) {
		kpi_run_reject(run, where, "a computed number is not finite", line, len);
		flag_result_free(&r);
		return;
	}
	kpi_out_buf(out);
	run->written++;
	flag_result_free(&r);
}

/* --benchmark-area without --benchmarks: the benchmark series may come
 * after the series they serve, so every record is read first. */
typedef struct {
	char *line, *where;
	size_t len;
	int valid;   /* the first pass parsed it strictly */
} held;

static void run_buffered(flag_ctx *ctx, kpi_run *run, char **files, int nfiles, kpi_buf *out)
{
	held *h = NULL;
	size_t n = 0, cap = 0;
	stream_bench sb;
	memset(&sb, 0, sizeof sb);
	/* without --compare only the benchmark area's series are looked up */
	if (!ctx->compare)
		stream_bench_only(&sb, ctx->bench_area);
	kpi_record strict;
	kpi_record_init(&strict);
	for (int i = 0; i < nfiles; i++) {
		kpi_ndjson in;
		kpi_ndjson_open(&in, files[i]);
		/* the first pass collects the areas' series; every line is
		 * parsed strictly, and rejected in order, in the second */
		in.shallow = 1;
		int rc;
		while ((rc = kpi_ndjson_next(&in)) != 0) {
			char err[256];
			/* every area is kept: --compare reads them all, and an
			 * absent benchmark area is named against those present */
			int valid = rc > 0 && kpi_record_parse(&strict, in.line, in.len, err, sizeof err) == 0;
			if (valid)
				stream_bench_add(&sb, &strict);
			if (n == cap) {
				cap = cap ? 2 * cap : 256;
				h = kpi_xrealloc(h, cap * sizeof *h);
			}
			h[n].line = kpi_xstrndup(in.line, in.len);
			h[n].len = in.len;
			h[n].where = kpi_xstrdup(kpi_ndjson_where(&in));
			h[n].valid = valid;
			n++;
		}
		kpi_ndjson_close(&in);
	}
	ctx->stream = &sb;
	compare_check_areas(ctx);
	kpi_keyed rec;
	kpi_keyed_init(&rec, NULL, 0);
	for (size_t i = 0; i < n; i++) {
		char err[256];
		run->read++;
		/* a line the first pass validated is read again without the
		 * checks (the same fields); any other is parsed strictly, for
		 * its error */
		const kpi_record *r = h[i].valid ? kpi_keyed_nested(&rec, h[i].line, h[i].len) : NULL;
		if (!r)
			r = kpi_keyed_parse(&rec, h[i].line, h[i].len, err, sizeof err);
		if (!r)
			kpi_run_reject(run, h[i].where, err, h[i].line, h[i].len);
		else
			process(ctx, run, r, h[i].line, h[i].len, h[i].where, out);
		free(h[i].line);
		free(h[i].where);
	}
	kpi_keyed_free(&rec);
	kpi_record_free(&strict);
	free(h);
	stream_bench_free(&sb);
	ctx->stream = NULL;
}

static void run_streaming(const flag_ctx *ctx, kpi_run *run, char **files, int nfiles, kpi_buf *out)
{
	for (int i = 0; i < nfiles; i++) {
		kpi_ndjson in;
		kpi_ndjson_open(&in, files[i]);
		int rc;
		while ((rc = kpi_ndjson_next(&in)) != 0) {
			run->read++;
			if (rc < 0)
				kpi_run_reject(run, kpi_ndjson_where(&in), in.err, in.line, in.len);
			else
				process(ctx, run, &in.rec, in.line, in.len, kpi_ndjson_where(&in), out);
		}
		kpi_ndjson_close(&in);
	}
}

int main(int argc, char **argv)
{
	kpi_run run;
	kpi_run_init(&run);
	kpi_cli_init(argc, argv, "kpi-flag");
	kpi_out_stream();
	flag_ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	ctx.small_den = 20;
	ctx.window = 12;
	judge_opts_init(&ctx.jo);
	const char *targets_path = NULL, *bench_path = NULL, *neighbours_path = NULL, *regions_path = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "t:b:a:c:e" KPI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (kpi_cli_common(c, optarg, &run, help_text))
			continue;
		switch (c) {
		case 't':
			targets_path = optarg;
			break;
		case OPT_TOLERANCE:
			if (kpi_target_number(optarg, &ctx.tolerance, &ctx.tolerance_pct) != 0 ||
			    ctx.tolerance < 0)
				kpi_usage_error("--tolerance: '%s' is not a number >= 0 (5, 2.5 or 5%%)", optarg);
			ctx.has_tolerance = 1;
			break;
		case 'b':
			bench_path = optarg;
			break;
		case 'a':
			if (!*optarg)
				kpi_usage_error("--benchmark-area: the area name is empty");
			ctx.bench_area = optarg;
			break;
		case 'c':
			ctx.compare = compare_parse_kinds(optarg);
			if (ctx.compare < 0)
				kpi_usage_error("--compare: '%s' is not a comma list of england, region and "
						"neighbours", optarg);
			break;
		case OPT_NEIGHBOURS:
			neighbours_path = optarg;
			break;
		case OPT_REGIONS:
			regions_path = optarg;
			break;
		case OPT_SMALL_DEN:
			ctx.small_den = (double)kpi_cli_long("small-denominator", optarg, 0, 1000000000L);
			break;
		case OPT_SMALL_N:
			if (strcmp(optarg, "stable") == 0)
				ctx.jo.small_n_stable = 1;
			else if (strcmp(optarg, "caveat") == 0)
				ctx.jo.small_n_stable = 0;
			else
				kpi_usage_error("--small-n: '%s' is not stable or caveat", optarg);
			break;
		case OPT_WINDOW:
			ctx.window = (int)kpi_cli_long("window", optarg, 1, 10000);
			break;
		case OPT_SLIGHT_POINTS:
			ctx.jo.slight_points = nonnegative("slight-points", optarg);
			ctx.jo.slight_points_set = 1;
			break;
		case OPT_SLIGHT_PERCENT:
			ctx.jo.slight_percent = nonnegative("slight-percent", optarg);
			ctx.jo.slight_percent_set = 1;
			break;
		case 'e':
			ctx.explain = 1;
			break;
		default:
			kpi_usage_error("unknown option");
		}
	}
	if ((ctx.compare & CMP_NEIGHBOURS) && !neighbours_path)
		kpi_usage_error("--compare neighbours needs --neighbours FILE (the DfE statistical-neighbour model)");
	if (neighbours_path && !(ctx.compare & CMP_NEIGHBOURS))
		kpi_usage_error("--neighbours is for --compare neighbours");
	if (regions_path && !(ctx.compare & CMP_REGION))
		kpi_usage_error("--regions is for --compare region");
	kpi_cli_option_file("--targets", targets_path, argc - optind, argv + optind);
	kpi_cli_option_file("--benchmarks", bench_path, argc - optind, argv + optind);
	kpi_cli_option_file("--neighbours", neighbours_path, argc - optind, argv + optind);
	kpi_cli_option_file("--regions", regions_path, argc - optind, argv + optind);
	const char *option_files[] = {targets_path, bench_path, neighbours_path, regions_path};
	kpi_run_start(&run, argc - optind, argv + optind, 4, option_files);
	char err[4096 + 512];
	int load_status;
	if (targets_path && !(ctx.targets = kpi_targets_load(targets_path, err, sizeof err, &load_status)))
		kpi_die(load_status, "%s", err);
	if (bench_path) {
		char *path = strcmp(bench_path, "default") == 0 ? kpi_data_path("england-benchmarks.csv")
							       : kpi_xstrdup(bench_path);
		ctx.bench_file = kpi_benchmarks_load(path, err, sizeof err, &load_status);
		if (!ctx.bench_file) {
			kpi_targets_free(ctx.targets);
			kpi_die(load_status, "%s", err);
		}
		/* an area the file does not have would give no benchmark at all,
		 * silently (issue 15): the same error as an area absent from the input */
		if (ctx.bench_area && !kpi_benchmarks_has_area(ctx.bench_file, ctx.bench_area)) {
			kpi_buf names = KPI_BUF_INIT;
			kpi_benchmarks_area_names(ctx.bench_file, &names);
			kpi_die(KPI_EXIT_DATA, "--benchmark-area: no row of '%.200s' in %s (areas present: %s)",
				ctx.bench_area, path, kpi_buf_str(&names));
		}
		free(path);
	}
	if (neighbours_path)
		ctx.neighbours = sn_model_load(neighbours_path);
	if (ctx.compare & CMP_REGION) {
		/* the shipped file unless --regions names another */
		char *path = regions_path ? kpi_xstrdup(regions_path) : kpi_data_path("la-regions.csv");
		ctx.regions = la_regions_load(path);
		free(path);
	}
	static char dash[] = "-";
	char *stdin_only[] = {dash};
	char **files = optind < argc ? argv + optind : stdin_only;
	int nfiles = optind < argc ? argc - optind : 1;
	kpi_buf out = KPI_BUF_INIT;
	if ((ctx.bench_area && !ctx.bench_file) || ctx.compare)
		run_buffered(&ctx, &run, files, nfiles, &out);
	else
		run_streaming(&ctx, &run, files, nfiles, &out);
	kpi_buf_free(&out);
	kpi_targets_free(ctx.targets);
	kpi_benchmarks_free(ctx.bench_file);
	sn_model_free(ctx.neighbours);
	la_regions_free(ctx.regions);
	compare_free();
	flag_scratch_free();
	int status = kpi_run_finish(&run);
	kpi_out_close();
	return status;
}
