/* kpi-normalise: raw observations in, typed observations out (contract §2).
 * Numbers, suppression, periods and the indicator catalogue. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kpi/cli.h"
#include "kpi/diag.h"
#include "kpi/json_write.h"
#include "kpi/ndjson.h"
#include "kpi/out.h"
#include "kpi/run.h"
#include "lachanges.h"
#include "normalise.h"

static const char help_text[] =
	"Usage: kpi-normalise [OPTION]... [FILE]...\n"
	"Read raw observations (NDJSON from kpi-ingest) and write typed observations:\n"
	"numbers, statuses, canonical periods and the catalogue's indicator ids.\n"
	"With no FILE, or when FILE is -, read standard input.\n"
	"\n"
	"  -c, --catalogue FILE     indicator catalogue (default $KPI_CATALOGUE, else\n"
	"                           the catalogue.csv installed with kpi)\n"
	"      --list-catalogue     print the catalogue as NDJSON and exit\n"
	"      --strict             an indicator not in the catalogue is a data error\n"
	"      --catalogued-only    leave out the indicators not in the catalogue (counted\n"
	"                           on stderr); a board report's agreed indicators\n"
	"      --lenient            failed value checks become a data_quality note\n"
	"      --percent-fractions  percent values written without % are fractions\n"
	"                           (0.235 means 23.5%)\n"
	"      --durations FORM     N:MM values are yy:mm (default) or mm:dd\n"
	"      --year-type TYPE     2016/17 means a financial (default) or academic\n"
	"                           year, for indicators without a catalogue year_type\n"
	"      --period-is-date     whole-number periods are Excel serial dates\n"
	"      --allow-duplicates   do not look for duplicate observations\n"
	"      --la-changes FILE    council code changes and reorganisations, over the\n"
	"                           la-changes.csv installed with kpi; repeatable\n"
	"      --no-la-changes      leave out the installed la-changes.csv\n"
	"  -v, --verbose            print each warning where it happens (default: one\n"
	"                           line per cause, with its count, at the end)\n"
	"      --keep-going         reject bad records and carry on (exit 1 at the end)\n"
	"      --rejects FILE       write rejected records to FILE as NDJSON\n"
	"  -h, --help               show this help and exit\n"
	"  -V, --version            show the version and exit\n"
	"\n"
	"Exit status: 0 ok, 1 bad data, 2 usage or I/O error.  See kpi-normalise(1)\n"
	"kpi-catalogue(5)\n"
	"and kpi-la-changes(5).\n";

enum {
	OPT_LIST = KPI_OPT_FIRST_TOOL, OPT_STRICT, OPT_CATALOGUED_ONLY, OPT_LENIENT, OPT_FRACTIONS, OPT_DURATIONS,
	OPT_YEAR_TYPE, OPT_PERIOD_DATE, OPT_ALLOW_DUPS, OPT_LA_CHANGES, OPT_NO_LA_CHANGES
};

static const struct option longopts[] = {
	KPI_COMMON_LONGOPTS,
	{"catalogue", required_argument, NULL, 'c'},
	{"list-catalogue", no_argument, NULL, OPT_LIST},
	{"strict", no_argument, NULL, OPT_STRICT},
	{"catalogued-only", no_argument, NULL, OPT_CATALOGUED_ONLY},
	{"lenient", no_argument, NULL, OPT_LENIENT},
	{"percent-fractions", no_argument, NULL, OPT_FRACTIONS},
	{"durations", required_argument, NULL, OPT_DURATIONS},
	{"year-type", required_argument, NULL, OPT_YEAR_TYPE},
	{"period-is-date", no_argument, NULL, OPT_PERIOD_DATE},
	{"allow-duplicates", no_argument, NULL, OPT_ALLOW_DUPS},
	{"la-changes", required_argument, NULL, OPT_LA_CHANGES},
	{"no-la-changes", no_argument, NULL, OPT_NO_LA_CHANGES},
	{"verbose", no_argument, NULL, 'v'},
	{0, 0, 0, 0}
};

static void list_catalogue(const kpi_catalogue *cat)
{
	kpi_buf b = KPI_BUF_INIT;
	kpi_jw w;
	for (size_t i = 0; i < kpi_catalogue_count(cat); i++) {
		const kpi_cat_entry *e = kpi_catalogue_entry(cat, i);
		kpi_jw_init(&w, &b);
		kpi_jw_begin_object(&w);
		kpi_jw_kstr(&w, "id", e->id);
		kpi_jw_kstr(&w, "name", e->name);
		kpi_jw_kstr(&w, "section", *e->section ? e->section : NULL);
		kpi_jw_kstr(&w, "unit", e->unit);
		kpi_jw_kstr(&w, "polarity", e->polarity);
		kpi_jw_knum(&w, "order", (double)e->order);
		kpi_jw_key(&w, "aliases");
		kpi_jw_begin_array(&w);
		for (size_t j = 0; j < e->n_alias; j++)
			kpi_jw_string(&w, e->alias[j]);
		kpi_jw_end_array(&w);
		kpi_jw_kstr(&w, "year_type", *e->year_type ? e->year_type : NULL);
		kpi_jw_kstr(&w, "snapshot", *e->snapshot ? e->snapshot : NULL);
		kpi_jw_kstr(&w, "definition", *e->definition ? e->definition : NULL);
		kpi_jw_kstr(&w, "source", *e->source ? e->source : NULL);
		kpi_jw_end_object(&w);
		kpi_jw_newline(&w);
		kpi_out_buf(&b);
	}
	kpi_buf_free(&b);
}

int main(int argc, char **argv)
{
	kpi_run run;
	kpi_run_init(&run);
	kpi_cli_init(argc, argv, "kpi-normalise");
	kpi_out_stream();
	const char *catalogue_path = NULL;
	int list = 0, c, shipped_la_changes = 1;
	/* the files options name: the catalogue, then each --la-changes */
	const char **named = kpi_xcalloc((size_t)argc + 1, sizeof *named);
	size_t n_named = 1;
	normaliser nz;
	normaliser_init(&nz, NULL);
	while ((c = getopt_long(argc, argv, "c:v" KPI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (kpi_cli_common(c, optarg, &run, help_text))
			continue;
		switch (c) {
		case 'c':
			catalogue_path = optarg;
			break;
		case OPT_LIST:
			list = 1;
			break;
		case OPT_STRICT:
			nz.strict = 1;
			break;
		case OPT_CATALOGUED_ONLY:
			nz.warn.left_out = 1;
			break;
		case OPT_LENIENT:
			nz.lenient = 1;
			break;
		case OPT_FRACTIONS:
			nz.percent_fractions = 1;
			break;
		case OPT_DURATIONS:
			if (strcmp(optarg, "yy:mm") == 0)
				nz.duration_form = KPI_DUR_YY_MM;
			else if (strcmp(optarg, "mm:dd") == 0)
				nz.duration_form = KPI_DUR_MM_DD;
			else
				kpi_usage_error("--durations: '%s' is not yy:mm or mm:dd", optarg);
			break;
		case OPT_YEAR_TYPE:
			if (strcmp(optarg, "financial") == 0)
				nz.year_type = KPI_YEAR_FINANCIAL;
			else if (strcmp(optarg, "academic") == 0)
				nz.year_type = KPI_YEAR_ACADEMIC;
			else
				kpi_usage_error("--year-type: '%s' is not financial or academic", optarg);
			break;
		case OPT_PERIOD_DATE:
			nz.period_is_date = 1;
			break;
		case OPT_ALLOW_DUPS:
			nz.no_duplicates = 1;
			break;
		case OPT_LA_CHANGES:
			named[n_named++] = optarg;
			break;
		case OPT_NO_LA_CHANGES:
			shipped_la_changes = 0;
			break;
		case 'v':
			nz.warn.verbose = 1;
			break;
		default:
			kpi_usage_error("unexpected option");
		}
	}

	if (nz.strict && nz.warn.left_out)
		kpi_usage_error("--strict and --catalogued-only do not go together: one fails on an "
				"indicator not in the catalogue, the other leaves it out");
	kpi_cli_option_file("--catalogue", catalogue_path, argc - optind, argv + optind);
	for (size_t i = 1; i < n_named; i++)
		kpi_cli_option_file("--la-changes", named[i], argc - optind, argv + optind);
	char *default_path = catalogue_path ? NULL : kpi_catalogue_default_path();
	char err[1024];
	int status;
	kpi_catalogue *cat = kpi_catalogue_load(catalogue_path ? catalogue_path : default_path,
						err, sizeof err, &status);
	if (!cat)
		kpi_die(status, "%s", err);
	free(default_path);
	nz.cat = cat;
	nz.warn.catalogue_path = kpi_catalogue_path(cat);
	if (list) {
		list_catalogue(cat);
		kpi_catalogue_free(cat);
		normaliser_free(&nz);
		free(named);
		kpi_out_close();
		return KPI_EXIT_OK;
	}

	named[0] = catalogue_path;
	kpi_run_start(&run, argc - optind, argv + optind, (int)n_named, named);
	kpi_la_changes *la_changes = load_la_changes(shipped_la_changes, (char *const *)named + 1,
						     n_named - 1);
	nz.la_changes = la_changes;
	kpi_buf out = KPI_BUF_INIT, reason = KPI_BUF_INIT;
	kpi_ndjson in;
	int nfiles = argc - optind;
	for (int i = 0; i < (nfiles ? nfiles : 1); i++) {
		kpi_ndjson_open(&in, nfiles ? argv[optind + i] : "-");
		int got;
		while ((got = kpi_ndjson_next(&in)) != 0) {
			run.read++;
			if (got < 0) {
				kpi_out_buf(&out); /* keep the order of output and messages */
				if (!run.keep_going)
					normaliser_finish(&nz); /* the warnings so far, before the run stops */
				kpi_run_reject(&run, kpi_ndjson_where(&in), in.err, in.line, in.len);
				continue;
			}
			const char *where;
			int rc = normalise_record(&nz, &in.rec, &in, &out, &where, &reason);
			if (rc == NZ_BAD) {
				kpi_out_buf(&out);
				if (!run.keep_going)
					normaliser_finish(&nz);
				kpi_run_reject(&run, where, reason.data, in.line, in.len);
				continue;
			}
			if (rc == NZ_LEFT_OUT) {
				run.left_out++;
				continue;
			}
			run.written++; /* an identical duplicate counts as written: it was merged */
			/* a megabyte at a time: stdio copies into its 64 KiB buffer
			 * what does not fill whole buffers, so output handed over in
			 * 64 KiB pieces was all copied once more */
			if (out.len >= 1 << 20)
				kpi_out_buf(&out);
		}
		kpi_ndjson_close(&in);
	}
	kpi_out_buf(&out);
	normaliser_finish(&nz);
	kpi_buf_free(&out);
	kpi_buf_free(&reason);
	normaliser_free(&nz);
	kpi_catalogue_free(cat);
	kpi_la_changes_free(la_changes);
	free(named);
	kpi_out_close();
	return kpi_run_finish(&run);
}
