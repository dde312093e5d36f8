/* kpi-render: judged summaries -> the board report (Markdown, HTML, text,
 * CSV or JSON).  Reads every record first (a report is about all of them),
 * builds one report model, then writes it in the chosen format. */
#include "render.h"
#include "kpi/cli.h"
#include "kpi/diag.h"
#include "kpi/out.h"
#include <stdlib.h>
#include <string.h>

static const char help_text[] =
	"Usage: kpi-render [OPTION]... [FILE]...\n"
	"Write the board report from judged summaries (kpi-flag output).\n"
	"With no FILE, or FILE -, read standard input.\n"
	"\n"
	"  -f, --format FMT           md (default), html, txt, csv or json\n"
	"  -o, --output FILE          write the report to FILE, not standard output\n"
	"  -s, --style STYLE          full (default): tables, Current issues and Improvement;\n"
	"                             summary: the two lists without codes, after a\n"
	"                             data-quality preface; headlines: three to five\n"
	"                             bullets per theme; dashboard: one numbered table\n"
	"                             per theme (md, html and txt)\n"
	"      --title TEXT           the report's title\n"
	"      --board NAME           the board or committee; without --title the title is\n"
	"                             \"Highlight Report for NAME MEETING-DATE\"\n"
	"      --meeting-date DATE    the meeting date (2022-12-14 is written 14 December 2022)\n"
	"      --month-style STYLE    months in sentences: short (Jun 17, default) or long (June 2017)\n"
	"      --narrative FILE       Markdown with '## Section' and '### CODE' headings: the\n"
	"                             Head of Service narrative and comments on indicators\n"
	"      --compare-with PERIOD  compare the latest figure with this period (the last\n"
	"                             report's month, e.g. 2022-08) instead of the previous one\n"
	"      --small-denominator N  denominators below N are low numbers (default 20)\n"
	"      --footer TEXT          a closing line (producing team, service, month written)\n"
	"      --generated-at TEXT    print this time stamp; without it the output has none and\n"
	"                             the same input gives the same bytes\n"
	"      --keep-going           skip bad records (exit status 1 at the end)\n"
	"      --rejects FILE         write bad records to FILE (implies --keep-going)\n"
	"  -h, --help                 show this help and exit\n"
	"  -V, --version              show the version and exit\n"
	"\n"
	"Exit status: 0 ok, 1 bad data (a bad record, an unmatched narrative heading),\n"
	"2 usage or I/O error.  See kpi-render(1).\n";

enum {
	OPT_TITLE = KPI_OPT_FIRST_TOOL, OPT_BOARD, OPT_MEETING_DATE, OPT_MONTH_STYLE,
	OPT_NARRATIVE, OPT_GENERATED_AT, OPT_COMPARE_WITH, OPT_SMALL_DEN, OPT_FOOTER
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

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		KPI_COMMON_LONGOPTS,
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"style", required_argument, NULL, 's'},
		{"title", required_argument, NULL, OPT_TITLE},
		{"board", required_argument, NULL, OPT_BOARD},
		{"meeting-date", required_argument, NULL, OPT_MEETING_DATE},
		{"month-style", required_argument, NULL, OPT_MONTH_STYLE},
		{"narrative", required_argument, NULL, OPT_NARRATIVE},
		{"generated-at", required_argument, NULL, OPT_GENERATED_AT},
		{"compare-with", required_argument, NULL, OPT_COMPARE_WITH},
		{"small-denominator", required_argument, NULL, OPT_SMALL_DEN},
		{"footer", required_argument, NULL, OPT_FOOTER},
		{0, 0, 0, 0}};
	kpi_cli_init(argc, argv, "kpi-render");
	kpi_run run;
	kpi_run_init(&run);
	rnd_report_opts o = {0};
	o.text.month_style = KPI_LABEL_SHORT;
	o.text.small_den = 20;
	formatter fmt = rnd_fmt_md;
	const char *output = NULL, *narrative = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "f:o:s:" KPI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (kpi_cli_common(c, optarg, &run, help_text))
			continue;
		switch (c) {
		case 'f': fmt = pick_format(optarg); break;
		case 'o': output = optarg; break;
		case 's': {
			int st = rnd_style_from_name(optarg);
			if (st < 0)
				kpi_usage_error("--style: '%s' is not one of full, summary, headlines, dashboard",
						optarg);
			o.style = (rnd_style)st;
			break;
		}
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
			break;
		case OPT_NARRATIVE: narrative = optarg; break;
		case OPT_GENERATED_AT: o.generated_at = optarg; break;
		case OPT_COMPARE_WITH: o.text.compare_with = optarg; break;
		case OPT_SMALL_DEN:
			o.text.small_den = (double)kpi_cli_long("small-denominator", optarg, 0, 1000000000L);
			break;
		case OPT_FOOTER: o.footer = optarg; break;
		default: kpi_usage_error("unexpected option");
		}
	}
	kpi_run_start(&run);

	rnd_inds inds = {0};
	if (optind >= argc)
		rnd_load(&inds, "-", &run);
	for (int i = optind; i < argc; i++)
		rnd_load(&inds, argv[i], &run);

	rnd_report r;
	rnd_report_build(&r, &inds, &o);
	if (narrative)
		rnd_narrative_apply(&r, narrative);

	kpi_buf out = KPI_BUF_INIT;
	fmt(&out, &r);
	if (output) {
		FILE *f = kpi_fopen_write(output);
		kpi_fwrite_checked(f, output, out.data, out.len);
		kpi_fclose_checked(f, output);
	} else {
		kpi_out_buf(&out);
	}
	kpi_buf_free(&out);
	rnd_report_free(&r);
	rnd_narrative_free();
	rnd_inds_free(&inds);
	int status = kpi_run_finish(&run);
	kpi_out_close();
	return status;
}
