/* kpi-render: judged summaries -> the board report (Markdown, HTML, text,
 * CSV or JSON).  Reads every record first (a report is about all of them),
 * builds one report model, then writes it in the chosen format.  With
 * --each-as-at, one report per as_at period of the input (the summaries of
 * kpi-trend --every-period), each from its own records; with --each-area, one
 * per council of an all-council input. */
#include "render.h"
#include "kpi/atomic.h"
#include "kpi/cli.h"
#include "kpi/diag.h"
#include "kpi/hugemem.h"
#include "kpi/out.h"
#include "kpi/outname.h"
#include <stdlib.h>
#include <string.h>

static const char help_text[] =
	"Usage: kpi-render [OPTION]... [FILE]...\n"
	"Write the board report from judged summaries (kpi-flag output).\n"
	"With no FILE, or FILE -, read standard input.\n"
	"\n"
	"  -f, --format FMT           md (default), html, txt, csv or json\n"
	"  -o, --output FILE          write the report to FILE, not standard output (whole or\n"
	"                             not at all: through a temporary file renamed into place)\n"
	"  -e, --each-as-at TEMPLATE  one report per as_at period of the input, each from the\n"
	"                             records of that period, to TEMPLATE with {as_at} replaced\n"
	"                             by the period's file-name text (2024-03; 2023/24 gives\n"
	"                             2023_24) (reports/cpb-{as_at}.html); written like -o\n"
	"      --as-at PERIOD         with --each-as-at: only the report as at PERIOD (as\n"
	"                             as_at writes it: 2024-03, 2023/24), written even when\n"
	"                             no record has that as_at; may be given more than once\n"
"      --each-area TEMPLATE   one report per council of the input (geographic_level\n"
	"                             Local authority; England and regions are comparators),\n"
	"                             to TEMPLATE with {area} replaced by the council's code\n"
	"                             (new_la_code, else old_la_code or the like); written\n"
	"                             like -o\n"
	"      --area NAME            with --each-area or --list-areas: only this council (its\n"
	"                             name or code); may be given more than once\n"
	"      --list-areas           list the councils --each-area writes, one per line: the\n"
	"                             file-name text, a tab, the area; no report\n"
	"  -s, --style STYLE          highlight (default): the board paper, a summary of\n"
	"                             what needs attention, the Current issues and\n"
	"                             Improvement worth telling, the recommendation,\n"
	"                             contacts and every table in an appendix;\n"
	"                             full: per section the table and both lists whole;\n"
	"                             summary: the two lists without codes, after a\n"
	"                             data-quality preface; headlines: three to five\n"
	"                             bullets per theme; dashboard: one numbered table\n"
	"                             per theme (md, html and txt)\n"
	"      --full                 the same as --style full\n"
	"      --report-config FILE   the report's title, board, meeting date, month style,\n"
	"                             recommendation, officers and footer\n"
	"                             (kpi-report-config(5)); options given here win\n"
	"      --title TEXT           the report's title\n"
	"      --board NAME           the board or committee; without --title the title is\n"
	"                             \"Highlight Report for NAME MEETING-DATE\"\n"
	"      --meeting-date DATE    the meeting date (2022-12-14 is written 14 December 2022)\n"
	"      --month-style STYLE    every month of the report: short (Jun 17, default) or\n"
	"                             long (June 2017); headings always long\n"
	"      --narrative FILE       Markdown with '## Section' and '### CODE' headings: the\n"
	"                             Head of Service narrative and comments on indicators\n"
	"      --compare-with PERIOD  compare the latest figure with this period (the last\n"
	"                             report's month, e.g. 2022-08) instead of the previous one\n"
	"      --show-revisions       say which figures a later release revised, and from\n"
	"                             what; mark them [r] in tables; CSV and JSON carry\n"
	"                             the earlier figures\n"
	"      --small-denominator N  denominators below N are low numbers (default 20)\n"
	"      --footer TEXT          a closing line (producing team, service, month written)\n"
	"      --phrases FILE         the report's words ('id = template' lines,\n"
	"                             kpi-phrases(5)) replacing the default phrases;\n"
	"                             may be given more than once, the last one wins\n"
	"      --generated-at TEXT    print this time stamp; without it the output has none and\n"
	"                             the same input gives the same bytes\n"
	"      --keep-going           skip bad records (exit status 1 at the end)\n"
	"      --rejects FILE         write bad records to FILE (implies --keep-going)\n"
	"  -h, --help                 show this help and exit\n"
	"  -V, --version              show the version and exit\n"
	"\n"
	"Exit status: 0 ok, 1 bad data (a bad record, an unmatched narrative heading,\n"
	"a bad line in a phrases or report file),\n"
	"2 usage or I/O error.  See kpi-render(1).\n";

enum {
	OPT_TITLE = KPI_OPT_FIRST_TOOL, OPT_BOARD, OPT_MEETING_DATE, OPT_MONTH_STYLE,
	OPT_NARRATIVE, OPT_GENERATED_AT, OPT_COMPARE_WITH, OPT_SMALL_DEN, OPT_FOOTER, OPT_PHRASES,
	OPT_FULL, OPT_REPORT_CONFIG, OPT_SHOW_REVISIONS, OPT_EACH_AREA, OPT_AREA, OPT_LIST_AREAS,
	OPT_AS_AT
};

typedef void (*formatter)(kpi_buf *, const rnd_report *);

static formatter pick_format(const char *name)
{
	static const struct {
		const char *name;
		formatter fn;
	} formats[] = {
		{"md", rnd_fmt_md}, {"markdown", rnd_fmt_md}, {"html", rnd_fmt_html},
		{"txt", rnd_fmt_txt}, {"text", rnd_fmt_txt}, {"csv", rnd_fmt_csv},
		{"json", rnd_fmt_json},
	};
	for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
		if (strcmp(formats[i].name, name) == 0)
			return formats[i].fn;
	kpi_usage_error("--format: '%s' is not one of md, html, txt, csv, json", name);
}

/* The report of INDS onto OUT. */
static void render_one(kpi_buf *out, rnd_inds *inds, const rnd_report_opts *o, formatter fmt)
{
	rnd_report r;
	rnd_report_build(&r, inds, o);
	fmt(out, &r);
	rnd_report_free(&r);
}

/* OUT empty, with room for the report of INDS: a report of thousands of
 * records (about 1 KB each in HTML) starts in huge pages (hugemem.h), where
 * realloc keeps it as it grows; the first store into each of its fresh 4 KB
 * pages was a page fault, a tenth of the time of a million observations'
 * report. */
static void report_buf(kpi_buf *out, const rnd_inds *inds)
{
	if (inds->n < 2048)
		return;
	out->data = kpi_xmalloc_huge(inds->n * 1024, &out->cap);
	out->data[0] = '\0';
	out->len = 0;
}

/* --each-as-at and --each-area (each.c): each group's report as render_one writes it */
typedef struct {
	const rnd_report_opts *o;
	formatter fmt;
	int by_area;    /* --each-area: the title names the council */
} render_ctx;

static void render_group(kpi_buf *out, rnd_inds *group, const void *arg)
{
	const render_ctx *c = arg;
	rnd_report_opts o = *c->o;
	if (c->by_area && group->n)
		o.area = group->v[0].area;
	render_one(out, group, &o, c->fmt);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		KPI_COMMON_LONGOPTS,
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"each-as-at", required_argument, NULL, 'e'},
		{"each-area", required_argument, NULL, OPT_EACH_AREA},
		{"area", required_argument, NULL, OPT_AREA},
		{"as-at", required_argument, NULL, OPT_AS_AT},
		{"list-areas", no_argument, NULL, OPT_LIST_AREAS},
		{"style", required_argument, NULL, 's'},
		{"title", required_argument, NULL, OPT_TITLE},
		{"board", required_argument, NULL, OPT_BOARD},
		{"meeting-date", required_argument, NULL, OPT_MEETING_DATE},
		{"month-style", required_argument, NULL, OPT_MONTH_STYLE},
		{"narrative", required_argument, NULL, OPT_NARRATIVE},
		{"generated-at", required_argument, NULL, OPT_GENERATED_AT},
		{"compare-with", required_argument, NULL, OPT_COMPARE_WITH},
		{"show-revisions", no_argument, NULL, OPT_SHOW_REVISIONS},
		{"small-denominator", required_argument, NULL, OPT_SMALL_DEN},
		{"footer", required_argument, NULL, OPT_FOOTER},
		{"phrases", required_argument, NULL, OPT_PHRASES},
		{"full", no_argument, NULL, OPT_FULL},
		{"report-config", required_argument, NULL, OPT_REPORT_CONFIG},
		{0, 0, 0, 0}};
	kpi_cli_init(argc, argv, "kpi-render");
	kpi_run run;
	kpi_run_init(&run);
	rnd_report_opts o = {0};
	o.text.month_style = KPI_LABEL_SHORT;
	o.style = RND_STYLE_HIGHLIGHT;
	int month_style_set = 0, style_set = 0;
	const char *config_path = NULL;
	o.text.small_den = 20;
	formatter fmt = rnd_fmt_md;
	const char *output = NULL, *narrative = NULL, *each = NULL;
	const char **phrases = kpi_xcalloc((size_t)argc, sizeof *phrases);
	const char **areas = kpi_xcalloc((size_t)argc, sizeof *areas);
	const char **as_at = kpi_xcalloc((size_t)argc, sizeof *as_at);
	size_t n_phrases = 0, n_as_at = 0;
	rnd_each each_area = {RND_EACH_AREA, NULL, areas, 0, NULL, 0, 0};
	int c;
	while ((c = getopt_long(argc, argv, "f:o:e:s:" KPI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (kpi_cli_common(c, optarg, &run, help_text))
			continue;
		switch (c) {
		case 'f': fmt = pick_format(optarg); break;
		case 'o': output = optarg; break;
		case 'e':
			if (!strstr(optarg, "{as_at}"))
				kpi_usage_error("--each-as-at: '%s' has no {as_at} to replace", optarg);
			each = optarg;
			break;
		case OPT_EACH_AREA:
			if (!strstr(optarg, "{area}"))
				kpi_usage_error("--each-area: '%s' has no {area} to replace", optarg);
			each_area.template = optarg;
			break;
		case OPT_AREA: areas[each_area.n_areas++] = optarg; break;
		case OPT_AS_AT: {
			char name[KPI_OUTNAME_BUFSZ];
			if (kpi_outname_period(optarg, KPI_PT_NONE, name) != 0)
				kpi_usage_error("--as-at: '%s' is not a period as as_at writes one (2024-03, "
						"2023/24, 2024-Q1)", optarg);
			as_at[n_as_at++] = optarg;
			break;
		}
		case OPT_LIST_AREAS: each_area.list = 1; break;
		case 's': {
			int st = rnd_style_from_name(optarg);
			if (st < 0)
				kpi_usage_error("--style: '%s' is not one of highlight, full, summary, headlines, "
						"dashboard", optarg);
			if (style_set && o.style != (rnd_style)st)
				kpi_usage_error("--style %s and --%s ask for two styles", optarg,
						rnd_style_name(o.style));
			o.style = (rnd_style)st;
			style_set = 1;
			break;
		}
		case OPT_FULL:
			if (style_set && o.style != RND_STYLE_FULL)
				kpi_usage_error("--full and --style %s ask for two styles", rnd_style_name(o.style));
			o.style = RND_STYLE_FULL;
			style_set = 1;
			break;
		case OPT_REPORT_CONFIG: config_path = optarg; break;
		case OPT_TITLE: o.title = optarg; break;
		case OPT_BOARD: o.board = optarg; break;
		case OPT_MEETING_DATE: o.meeting_date = optarg; break;
		case OPT_MONTH_STYLE:
			if (strcmp(optarg, "short") == 0)
				o.text.month_style = KPI_LABEL_SHORT;
			else if (strcmp(optarg, "long") == 0)
				o.text.month_style = KPI_LABEL_LONG;
			else
				kpi_usage_error("--month-style: '%s' is not short or long", optarg);
			month_style_set = 1;
			break;
		case OPT_NARRATIVE: narrative = optarg; break;
		case OPT_GENERATED_AT: o.generated_at = optarg; break;
		case OPT_COMPARE_WITH: o.text.compare_with = optarg; break;
		case OPT_SHOW_REVISIONS: o.text.show_revisions = 1; break;
		case OPT_SMALL_DEN:
			o.text.small_den = (double)kpi_cli_long("small-denominator", optarg, 0, 1000000000L);
			break;
		case OPT_FOOTER: o.footer = optarg; break;
		case OPT_PHRASES: phrases[n_phrases++] = optarg; break;
		default: kpi_usage_error("unexpected option");
		}
	}
	if (each && output)
		kpi_usage_error("--each-as-at and --output both name where the report goes");
	if (each_area.template && (output || each))
		kpi_usage_error("--each-area and --%s both name where the report goes", output ? "output" : "each-as-at");
	if (each_area.list && (output || each || each_area.template))
		kpi_usage_error("--list-areas writes no report: not with --%s",
				output ? "output" : each ? "each-as-at" : "each-area");
	if (each_area.n_areas && !each_area.template && !each_area.list)
		kpi_usage_error("--area is for --each-area and --list-areas");
	if (n_as_at && !each)
		kpi_usage_error("--as-at is for --each-as-at");
	/* the files options name, for --rejects: the phrases files, the narrative
	 * (phrases has room: each --phrases took two of the ARGC arguments) */
	phrases[n_phrases] = narrative;
	kpi_cli_option_file("--report-config", config_path, argc - optind, argv + optind);
	kpi_cli_option_file("--narrative", narrative, argc - optind, argv + optind);
	for (size_t i = 0; i < n_phrases; i++)
		kpi_cli_option_file("--phrases", phrases[i], argc - optind, argv + optind);
	kpi_run_start(&run, argc - optind, argv + optind, (int)n_phrases + 1, phrases);
	rnd_phrases_load(phrases, n_phrases);
	free(phrases);
	o.text.brief = o.style == RND_STYLE_HIGHLIGHT;
	/* the report file gives what the command line does not */
	rnd_config config = {0};
	if (config_path) {
		rnd_config_load(&config, config_path);
		if (!o.title)
			o.title = config.title;
		if (!o.board)
			o.board = config.board;
		if (!o.meeting_date)
			o.meeting_date = config.meeting_date;
		if (!o.footer)
			o.footer = config.footer;
		if (!month_style_set && config.month_style >= 0)
			o.text.month_style = (kpi_label_style)config.month_style;
		o.config = &config;
	}

	rnd_inds inds = {0};
	if (optind >= argc)
		rnd_load(&inds, "-", &run, as_at, n_as_at);
	for (int i = optind; i < argc; i++)
		rnd_load(&inds, argv[i], &run, as_at, n_as_at);

	o.narrative = narrative;
	render_ctx ctx = {&o, fmt, each_area.template != NULL};
	size_t unnamed = 0;
	if (each) {
		rnd_each e = {RND_EACH_AS_AT, each, NULL, 0, as_at, n_as_at, 0};
		rnd_render_each(&inds, &e, render_group, &ctx);
	} else if (each_area.template || each_area.list) {
		unnamed = rnd_render_each(&inds, &each_area, render_group, &ctx);
	} else {
		kpi_buf out = KPI_BUF_INIT;
		report_buf(&out, &inds);
		render_one(&out, &inds, &o, fmt);
		if (output) {
			kpi_atomic f;
			kpi_atomic_open(&f, output);
			kpi_atomic_write(&f, out.data, out.len);
			kpi_atomic_commit(&f);
		} else {
			kpi_out_buf(&out);
		}
		kpi_buf_free(&out);
	}
	free(areas);
	free(as_at);
	rnd_narrative_free();
	rnd_phrases_free();
	rnd_config_free(&config);
	rnd_inds_free(&inds);
	rnd_fig_memo_free();
	int status = kpi_run_finish(&run);
	if (unnamed && status == KPI_EXIT_OK)
		status = KPI_EXIT_DATA;
	kpi_out_close();
	return status;
}
