/* kpi-ingest: CSV, TSV, NDJSON and JSON as councils and the DfE publish them ->
 * raw observations, one NDJSON record per line (contract section 1).
 * Syntax only: values, periods and names pass as written. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "kpi/buf.h"
#include "kpi/cli.h"
#include "kpi/diag.h"
#include "kpi/out.h"
#include "kpi/period.h"
#include "ingest.h"

static const char help_text[] =
	"Usage: kpi-ingest [OPTION]... [FILE]...\n"
	"Read CSV, TSV, NDJSON or JSON files (or standard input) in the long, wide or\n"
	"Explore Education Statistics shapes and write one raw observation per line\n"
	"as NDJSON: indicator, period, value, numerator, denominator, area, breakdown\n"
	"(those the input has), the other columns under snake_case names, and source.\n"
	"\n"
	"  -f, --format=FMT          auto (default: by extension, else by the first line),\n"
	"                            csv, tsv, ndjson or json (a JSON document)\n"
	"  -d, --delimiter=C         field delimiter (one byte, or 'tab')\n"
	"  -e, --encoding=ENC        utf-8 (default) or windows-1252\n"
	"  -m, --map=FIELD=COLUMN    take FIELD (indicator, period, value, numerator,\n"
	"                            denominator, area, breakdown) from COLUMN; repeatable\n"
	"  -w, --wide                periods are columns: one record per non-empty cell\n"
	"  -l, --long                one record per row: no wide or EES detection\n"
	"  -M, --measures=COL,COL    one record per measure column of each row,\n"
	"                            indicator = the column's header; 'all' = the\n"
	"                            columns that hold only numbers and symbols\n"
	"  -F, --filter=COL=VALUE    keep rows whose COL is VALUE; repeatable (same\n"
	"                            column: any of the values; different columns: all)\n"
	"      --unmatched-filter=WHAT  a --filter value that matches no row: error\n"
	"                            (the default, exit 1) or warn (said, and the rows\n"
	"                            of the other values kept; exit 1 when none is)\n"
	"  -b, --breakdown=COL,COL   these columns are fields of the breakdown object\n"
	"  -a, --attribute=COL,COL   these columns pass through, never breakdown fields\n"
	"  -P, --period=PERIOD       the period of a file that has none\n"
	"      --numerator=MEASURE=COLUMN  the numerator of measure column MEASURE is\n"
	"                            the row's COLUMN (the count beside a percentage);\n"
	"                            repeatable\n"
	"      --denominator=MEASURE=COLUMN  the same for the denominator\n"
	"      --no-auto-pairs       do not give a percentage column (X_percent, X_pct,\n"
	"                            X_pc, pt_X) its count column (X_count, X_number,\n"
	"                            X, t_X) as numerator, nor a rate_per_N its\n"
	"                            count and population_estimate\n"
	"      --released=DATE       the files are the release (vintage) published on\n"
	"                            DATE (YYYY-MM-DD): each record gets \"released\"\n"
	"      --ees-meta=FILE       EES metadata (default: NAME.meta.csv beside NAME.csv)\n"
	"      --records=PATH        a JSON document's array of records (result.records)\n"
	"  -p, --indicator-prefix=P  prefix the indicator of measure columns with P\n"
	"  -v, --verbose             print every warning, not one line per cause\n"
	"      --keep-going          reject bad rows (to --rejects) and carry on\n"
	"      --rejects=FILE        write rejected rows to FILE as NDJSON\n"
	"  -h, --help                show this help and exit\n"
	"  -V, --version             show the version and exit\n"
	"\n"
	"Exit status: 0 all input read, 1 bad data (or a --filter or --measures that\n"
	"matches nothing), 2 usage or I/O error.\n"
	"See kpi-ingest(1).\n";

const char *const role_name[R_COUNT] = {
	"indicator", "period", "value", "numerator", "denominator", "area", "breakdown"};

int role_from_name(const char *name)
{
	for (int r = 0; r < R_COUNT; r++)
		if (strcmp(name, role_name[r]) == 0)
			return r;
	return -1;
}

kpi_buf out = KPI_BUF_INIT;

void out_flush(void)
{
	if (out.len)
		kpi_out_buf(&out);
}

void out_flush_if_full(void)
{
	if (out.len >= (1 << 16))
		kpi_out_buf(&out);
}

void reject(ingest_opts *o, const char *where, const char *reason, const char *line, size_t len)
{
	out_flush();
	fflush(stdout);
	kpi_run_reject(&o->run, where, reason, line, len);
}

enum {
	OPT_EES_META = KPI_OPT_FIRST_TOOL,
	OPT_RECORDS,
	OPT_RELEASED,
	OPT_NUMERATOR,
	OPT_DENOMINATOR,
	OPT_NO_AUTO_PAIRS,
	OPT_UNMATCHED_FILTER,
};

static void add_map(ingest_opts *o, const char *arg)
{
	const char *eq = strchr(arg, '=');
	if (!eq || eq == arg || !eq[1])
		kpi_usage_error("--map: '%s' is not FIELD=COLUMN", arg);
	char *field = kpi_xstrndup(arg, (size_t)(eq - arg));
	int r = role_from_name(field);
	if (r < 0)
		kpi_usage_error("--map: '%s' is not a field (indicator, period, value, numerator, "
				"denominator, area, breakdown)", field);
	free(field);
	o->map = kpi_xrealloc(o->map, (o->nmap + 1) * sizeof *o->map);
	o->map[o->nmap].role = r;
	o->map[o->nmap].column = eq + 1;
	o->nmap++;
}

void check_map_melt(const ingest_opts *o)
{
	for (size_t m = 0; m < o->nmap; m++)
		if (o->map[m].role == R_INDICATOR || o->map[m].role == R_VALUE)
			kpi_usage_error("--map %s cannot be used with --measures (the measure columns "
					"give the indicator and value)",
					role_name[o->map[m].role]);
}

/* --numerator MEASURE=COLUMN, --denominator MEASURE=COLUMN */
static void add_pair(ingest_opts *o, int role, const char *arg)
{
	const char *opt = role == R_NUMERATOR ? "--numerator" : "--denominator";
	const char *eq = strchr(arg, '=');
	if (!eq || eq == arg || !eq[1])
		kpi_usage_error("%s: '%s' is not MEASURE=COLUMN", opt, arg);
	o->pairs = kpi_xrealloc(o->pairs, (o->npairs + 1) * sizeof *o->pairs);
	o->pairs[o->npairs].role = role;
	o->pairs[o->npairs].measure = kpi_xstrndup(arg, (size_t)(eq - arg));
	o->pairs[o->npairs].column = eq + 1;
	o->npairs++;
}

static void add_filter(ingest_opts *o, const char *arg)
{
	const char *eq = strchr(arg, '=');
	if (!eq || eq == arg)
		kpi_usage_error("--filter: '%s' is not COLUMN=VALUE", arg);
	o->filter = kpi_xrealloc(o->filter, (o->nfilter + 1) * sizeof *o->filter);
	o->filter[o->nfilter].column = kpi_xstrndup(arg, (size_t)(eq - arg));
	o->filter[o->nfilter].value = eq + 1;
	o->nfilter++;
}

/* COL,COL,... onto L (repeatable options add up) */
static void add_names(name_list *l, const char *opt, const char *arg)
{
	const char *s = arg;
	for (;;) {
		const char *comma = strchr(s, ',');
		size_t n = comma ? (size_t)(comma - s) : strlen(s);
		if (n == 0)
			kpi_usage_error("%s: '%s' has an empty column name", opt, arg);
		l->name = kpi_xrealloc(l->name, (l->n + 1) * sizeof *l->name);
		l->name[l->n++] = kpi_xstrndup(s, n);
		if (!comma)
			break;
		s = comma + 1;
	}
}

static void free_names(name_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->name[i]);
	free(l->name);
}

static void set_measures(ingest_opts *o, const char *arg)
{
	if (strcasecmp(arg, "all") == 0) {
		o->measures_all = 1;
		return;
	}
	add_names(&o->measures, "--measures", arg);
}

static char parse_delimiter(const char *arg)
{
	if (strcasecmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0)
		return '\t';
	if (strlen(arg) != 1 || arg[0] == '"' || arg[0] == '\n' || arg[0] == '\r')
		kpi_usage_error("--delimiter: '%s' is not one byte (or 'tab')", arg);
	return arg[0];
}

static in_format format_by_extension(const char *path)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (!dot || (slash && dot < slash))
		return FMT_AUTO;
	dot++;
	if (strcasecmp(dot, "csv") == 0)
		return FMT_CSV;
	if (strcasecmp(dot, "tsv") == 0 || strcasecmp(dot, "tab") == 0)
		return FMT_TSV;
	if (strcasecmp(dot, "ndjson") == 0 || strcasecmp(dot, "jsonl") == 0)
		return FMT_NDJSON;
	if (strcasecmp(dot, "json") == 0)
		return FMT_JSON;
	return FMT_AUTO;
}

/* From the first line: '{' is NDJSON; more tabs than commas is TSV; no
 * commas but semicolons is CSV with ';'. */
static in_format sniff(const char *line, size_t n, char *delim)
{
	size_t i = 0;
	while (i < n && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (i < n && line[i] == '{')
		return FMT_NDJSON;
	size_t commas = 0, tabs = 0, semis = 0;
	int quoted = 0;
	for (; i < n; i++) {
		if (line[i] == '"')
			quoted = !quoted;
		else if (!quoted && line[i] == ',')
			commas++;
		else if (!quoted && line[i] == '\t')
			tabs++;
		else if (!quoted && line[i] == ';')
			semis++;
	}
	if (tabs > commas)
		return FMT_TSV;
	if (commas == 0 && semis > 0)
		*delim = ';';
	return FMT_CSV;
}

static int blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

static void ingest_file(ingest_opts *o, const char *path)
{
	kpi_lines *in = kpi_lines_open_or_die(path);
	char *line;
	size_t n;
	int r;
	while ((r = kpi_lines_next_or_die(in, &line, &n)) == 1 && blank_line(line, n))
		;
	if (r == 0) {
		kpi_lines_close(in);
		return;
	}
	in_format fmt = o->format;
	char delim = ',';
	if (fmt == FMT_AUTO && o->delim)
		fmt = FMT_CSV;
	if (fmt == FMT_AUTO && strcmp(path, "-") != 0)
		fmt = format_by_extension(path);
	/* ".json" names documents, and sometimes NDJSON; a '[' (or a path
	 * given by --records) on standard input is a document */
	if (fmt == FMT_JSON && o->format == FMT_AUTO && !json_is_document(o, line, n, 1))
		fmt = FMT_NDJSON;
	else if (fmt == FMT_AUTO && json_is_document(o, line, n, 0))
		fmt = FMT_JSON;
	if (fmt == FMT_AUTO)
		fmt = sniff(line, n, &delim);
	else if (fmt == FMT_CSV && !o->delim)
		sniff(line, n, &delim); /* a ".csv" from a European Excel may use ';' */
	if (fmt == FMT_TSV)
		delim = '\t';
	if (o->delim)
		delim = o->delim;
	if (o->records && fmt != FMT_JSON)
		kpi_usage_error("%s: --records applies to JSON documents", path);
	if (fmt == FMT_NDJSON) {
		ingest_ndjson(o, in, line, n);
	} else if (fmt == FMT_JSON) {
		rows *src = json_rows_open(o, in, line, n);
		if (src)
			ingest_rows(o, src);
	} else {
		ingest_rows(o, csv_rows_open(in, delim, o->enc, line, n));
	}
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		KPI_COMMON_LONGOPTS,
		{"format", required_argument, NULL, 'f'},
		{"delimiter", required_argument, NULL, 'd'},
		{"encoding", required_argument, NULL, 'e'},
		{"map", required_argument, NULL, 'm'},
		{"wide", no_argument, NULL, 'w'},
		{"long", no_argument, NULL, 'l'},
		{"measures", required_argument, NULL, 'M'},
		{"filter", required_argument, NULL, 'F'},
		{"indicator-prefix", required_argument, NULL, 'p'},
		{"breakdown", required_argument, NULL, 'b'},
		{"attribute", required_argument, NULL, 'a'},
		{"period", required_argument, NULL, 'P'},
		{"ees-meta", required_argument, NULL, OPT_EES_META},
		{"records", required_argument, NULL, OPT_RECORDS},
		{"released", required_argument, NULL, OPT_RELEASED},
		{"numerator", required_argument, NULL, OPT_NUMERATOR},
		{"denominator", required_argument, NULL, OPT_DENOMINATOR},
		{"no-auto-pairs", no_argument, NULL, OPT_NO_AUTO_PAIRS},
		{"unmatched-filter", required_argument, NULL, OPT_UNMATCHED_FILTER},
		{"verbose", no_argument, NULL, 'v'},
		{0, 0, 0, 0}};
	ingest_opts o;
	memset(&o, 0, sizeof o);
	int verbose = 0;
	kpi_run_init(&o.run);
	kpi_cli_init(argc, argv, "kpi-ingest");
	kpi_out_stream();
	int c;
	while ((c = getopt_long(argc, argv, "f:d:e:m:wlM:F:p:b:a:P:v" KPI_COMMON_SHORTOPTS, longopts, NULL)) !=
	       -1) {
		if (kpi_cli_common(c, optarg, &o.run, help_text))
			continue;
		switch (c) {
		case 'f':
			if (strcmp(optarg, "auto") == 0)
				o.format = FMT_AUTO;
			else if (strcmp(optarg, "csv") == 0)
				o.format = FMT_CSV;
			else if (strcmp(optarg, "tsv") == 0)
				o.format = FMT_TSV;
			else if (strcmp(optarg, "ndjson") == 0 || strcmp(optarg, "jsonl") == 0)
				o.format = FMT_NDJSON;
			else if (strcmp(optarg, "json") == 0)
				o.format = FMT_JSON;
			else
				kpi_usage_error("--format: '%s' is not auto, csv, tsv, ndjson or json", optarg);
			break;
		case 'd':
			o.delim = parse_delimiter(optarg);
			break;
		case 'e': {
			int e = kpi_encoding_from_name(optarg);
			if (e < 0)
				kpi_usage_error("--encoding: '%s' is not utf-8 or windows-1252", optarg);
			o.enc = (kpi_encoding)e;
			break;
		}
		case 'm':
			add_map(&o, optarg);
			break;
		case 'w':
			o.shape = SHAPE_WIDE;
			break;
		case 'l':
			o.shape = SHAPE_LONG;
			break;
		case 'M':
			set_measures(&o, optarg);
			break;
		case 'F':
			add_filter(&o, optarg);
			break;
		case 'p':
			o.indicator_prefix = optarg;
			break;
		case 'b':
			add_names(&o.breakdown, "--breakdown", optarg);
			break;
		case 'a':
			add_names(&o.attribute, "--attribute", optarg);
			break;
		case 'P':
			if (!*optarg)
				kpi_usage_error("--period: the period is empty");
			o.period = optarg;
			break;
		case OPT_EES_META:
			o.ees_meta = optarg;
			break;
		case OPT_RECORDS:
			if (!*optarg || optarg[0] == '.' || optarg[strlen(optarg) - 1] == '.' ||
			    strstr(optarg, ".."))
				kpi_usage_error("--records: '%s' is not a path of keys (such as result.records)",
						optarg);
			o.records = optarg;
			break;
		case OPT_RELEASED: {
			kpi_period d;
			if (kpi_period_parse_canonical(optarg, KPI_PT_DATE, &d) != 0)
				kpi_usage_error("--released: '%s' is not a date (YYYY-MM-DD)", optarg);
			o.released = optarg;
			break;
		}
		case OPT_NUMERATOR:
			add_pair(&o, R_NUMERATOR, optarg);
			break;
		case OPT_DENOMINATOR:
			add_pair(&o, R_DENOMINATOR, optarg);
			break;
		case OPT_NO_AUTO_PAIRS:
			o.no_auto_pairs = 1;
			break;
		case OPT_UNMATCHED_FILTER:
			if (strcmp(optarg, "warn") != 0 && strcmp(optarg, "error") != 0)
				kpi_usage_error("--unmatched-filter: '%s' is not warn or error", optarg);
			o.unmatched_warn = strcmp(optarg, "warn") == 0;
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			kpi_usage_error("unknown option");
		}
	}
	if (o.shape == SHAPE_WIDE && (o.measures.n || o.measures_all))
		kpi_usage_error("--wide and --measures cannot be used together");
	if (o.shape == SHAPE_LONG && (o.measures.n || o.measures_all))
		kpi_usage_error("--long and --measures cannot be used together");
	if (o.measures.n || o.measures_all)
		check_map_melt(&o);
	kpi_tally_init(&o.tally, verbose);
	kpi_cli_option_file("--ees-meta", o.ees_meta, argc - optind, argv + optind);
	kpi_run_start(&o.run, argc - optind, argv + optind, 0, NULL);

	if (optind == argc) {
		ingest_file(&o, "-");
	} else {
		for (int i = optind; i < argc; i++)
			ingest_file(&o, argv[i]);
	}
	out_flush();
	kpi_buf_free(&out);
	free(o.map);
	for (size_t i = 0; i < o.nfilter; i++)
		free((char *)o.filter[i].column);
	free(o.filter);
	for (size_t i = 0; i < o.npairs; i++)
		free((char *)o.pairs[i].measure);
	free(o.pairs);
	free_names(&o.measures);
	free_names(&o.breakdown);
	free_names(&o.attribute);
	kpi_tally_free(&o.tally);
	int status = kpi_run_finish(&o.run);
	kpi_out_close();
	return status;
}
