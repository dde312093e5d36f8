/* kpi-pdf: print HTML reports to PDF through one headless Chromium. */
/* realpath is XSI */
#define _XOPEN_SOURCE 700
#include "browser.h"
#include "kpi/atomic.h"
#include "kpi/buf.h"
#include "kpi/cli.h"
#include "kpi/diag.h"
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help_text[] =
	"Usage: kpi-pdf [OPTION]... HTML...\n"
	"Print HTML reports (kpi-render -f html) to PDF through one headless Chromium,\n"
	"started once for every file: the page's print styles (A4 pages, tables not\n"
	"split mid-row), no browser header, and a footer with the report's title and\n"
	"the page number.  Each file's PDF goes beside it, its .html or .htm ending\n"
	"(which each file must have) replaced by .pdf, written whole or not at all.\n"
	"\n"
	"  -o, --output FILE        the PDF of the one HTML file given, not beside it\n"
	"      --footer-left TEXT   the footer's left part (default: {title})\n"
	"      --footer-right TEXT  the footer's right part (default: Page {page} of\n"
	"                           {pages}); {title} is the report's title, {page}\n"
	"                           the page's number, {pages} the number of pages\n"
	"      --browser            print the Chromium that would be used and exit\n"
	"  -h, --help               this help\n"
	"  -V, --version            the version of kpi\n"
	"\n"
	"Environment: KPI_CHROMIUM is the browser (a name looked up on PATH, or a path);\n"
	"by default chromium, chromium-browser, google-chrome or google-chrome-stable.\n"
	"\n"
	"Exit status: 0 every PDF written; 2 a usage or I/O error, no browser (the\n"
	"message names the Debian package, chromium), or a page that could not be\n"
	"printed (the other files are still printed).\n";

enum { OPT_FOOTER_LEFT = KPI_OPT_FIRST_TOOL, OPT_FOOTER_RIGHT, OPT_BROWSER };

static const char no_browser[] =
	"no Chromium found (KPI_CHROMIUM, else chromium, chromium-browser, google-chrome "
	"on PATH): install the Debian package chromium";

/* TEXT as footer HTML: escaped, its {title}, {page} and {pages} the spans
 * Chromium fills in. */
static void footer_part(kpi_buf *b, const char *text)
{
	static const struct { const char *token, *span; } fills[] = {
		{"{title}", "<span class=\"title\"></span>"},
		{"{pages}", "<span class=\"totalPages\"></span>"},
		{"{page}", "<span class=\"pageNumber\"></span>"},
	};
	for (const char *p = text; *p; p++) {
		size_t i, n = sizeof fills / sizeof *fills;
		for (i = 0; i < n; i++) {
			size_t len = strlen(fills[i].token);
			if (strncmp(p, fills[i].token, len) == 0) {
				kpi_buf_adds(b, fills[i].span);
				p += len - 1;
				break;
			}
		}
		if (i < n)
			continue;
		switch (*p) {
		case '<': kpi_buf_adds(b, "&lt;"); break;
		case '>': kpi_buf_adds(b, "&gt;"); break;
		case '&': kpi_buf_adds(b, "&amp;"); break;
		case '"': kpi_buf_adds(b, "&quot;"); break;
		default: kpi_buf_addc(b, *p);
		}
	}
}

/* The footer: the left part and the right part on one line, small, inside
 * the page's side margins (15 mm portrait, 12 mm on a landscape page). */
static char *footer_template(const char *left, const char *right)
{
	kpi_buf b = KPI_BUF_INIT;
	kpi_buf_adds(&b, "<div style=\"font-family:sans-serif;font-size:8pt;color:#444;"
		     "width:100%;margin:0 12mm;display:flex;justify-content:space-between;"
		     "gap:6mm\"><span>");
	footer_part(&b, left);
	kpi_buf_adds(&b, "</span><span style=\"white-space:nowrap\">");
	footer_part(&b, right);
	kpi_buf_adds(&b, "</span></div>");
	return b.data;
}

/* The file: URL of an existing PATH (absolute, percent-encoded). */
static char *file_url(const char *path)
{
	char *abs = realpath(path, NULL);
	if (!abs)
		kpi_die(KPI_EXIT_IO, "%s: %s", path, strerror(errno));
	kpi_buf b = KPI_BUF_INIT;
	kpi_buf_adds(&b, "file://");
	for (const unsigned char *p = (const unsigned char *)abs; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    strchr("/-._~", *p))
			kpi_buf_addc(&b, (char)*p);
		else
			kpi_buf_printf(&b, "%%%02X", *p);
	}
	free(abs);
	return b.data;
}

/* The length of NAME without its .html or .htm ending; 0 when it has
 * neither (the browser takes a file for HTML by its ending). */
static size_t html_stem(const char *name)
{
	size_t n = strlen(name);
	if (n > 5 && strcmp(name + n - 5, ".html") == 0)
		return n - 5;
	if (n > 4 && strcmp(name + n - 4, ".htm") == 0)
		return n - 4;
	return 0;
}

/* FILE.html -> FILE.pdf (FILE.htm too) */
static char *pdf_name(const char *html)
{
	kpi_buf b = KPI_BUF_INIT;
	kpi_buf_add(&b, html, html_stem(html));
	kpi_buf_adds(&b, ".pdf");
	return b.data;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		KPI_COMMON_LONGOPTS,
		{"output", required_argument, NULL, 'o'},
		{"footer-left", required_argument, NULL, OPT_FOOTER_LEFT},
		{"footer-right", required_argument, NULL, OPT_FOOTER_RIGHT},
		{"browser", no_argument, NULL, OPT_BROWSER},
		{0}};
	const char *output = NULL, *left = "{title}", *right = "Page {page} of {pages}";
	int show_browser = 0, c;
	kpi_cli_init(argc, argv, "kpi-pdf");
	while ((c = getopt_long(argc, argv, "o:" KPI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (kpi_cli_common(c, optarg, NULL, help_text))
			continue;
		switch (c) {
		case 'o': output = optarg; break;
		case OPT_FOOTER_LEFT: left = optarg; break;
		case OPT_FOOTER_RIGHT: right = optarg; break;
		case OPT_BROWSER: show_browser = 1; break;
		default: kpi_usage_error("unknown option");
		}
	}
	if (show_browser) {
		char *found = browser_find();
		if (!found)
			kpi_die(KPI_EXIT_IO, "%s", no_browser);
		printf("%s\n", found);
		free(found);
		return fflush(stdout) == 0 && !ferror(stdout) ? 0 : KPI_EXIT_IO;
	}
	int nfiles = argc - optind;
	if (nfiles == 0)
		kpi_usage_error("no HTML file to print");
	if (output && nfiles > 1)
		kpi_usage_error("-o names the PDF of one HTML file; %d were given", nfiles);
	/* every file is checked before the browser starts: nothing is written
	 * when one cannot be read */
	for (int i = optind; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0)
			kpi_usage_error("the HTML is read from a file, not standard input");
		if (access(argv[i], R_OK) != 0)
			kpi_die(KPI_EXIT_IO, "%s: %s", argv[i], strerror(errno));
		if (!html_stem(argv[i]))
			kpi_usage_error("%s: not an .html or .htm file (the browser goes by the ending)",
					argv[i]);
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			kpi_die(KPI_EXIT_IO, "%s: Is a directory", argv[i]);
	}
	/* looked for once the files are known good: a usage error above ends
	 * the run with nothing allocated (valgrind read the path as lost) */
	char *exe = browser_find();
	if (!exe)
		kpi_die(KPI_EXIT_IO, "%s", no_browser);

	char *footer = footer_template(left, right);
	browser_start(exe);
	kpi_buf pdf = KPI_BUF_INIT;
	int failed = 0;
	for (int i = optind; i < argc; i++) {
		char *url = file_url(argv[i]);
		char *name = output ? kpi_xstrdup(output) : pdf_name(argv[i]);
		if (browser_print(url, footer, &pdf) != 0) {
			kpi_warn("%s: not printed: %s", argv[i], kpi_buf_str(&pdf));
			failed = 1;
		} else {
			kpi_atomic a;
			kpi_atomic_open(&a, name);
			kpi_atomic_write(&a, pdf.data, pdf.len);
			kpi_atomic_commit(&a);
		}
		free(url);
		free(name);
	}
	browser_stop();
	kpi_buf_free(&pdf);
	free(footer);
	free(exe);
	return failed ? KPI_EXIT_IO : 0;
}
