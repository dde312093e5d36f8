/* libFuzzer harness: kpi-render's loading, report model and escaping, over
 * arbitrary judged-summary lines (built with the .c files of cmd/kpi-render but main.c).
 * With --keep-going nothing in the loading path exits; exit() is still wrapped
 * (to jump back with its status) in case a future change makes one.
 * Properties: rnd_html_escape leaves no '<', '>', '"' or bare '&'; the HTML,
 * Markdown and text reports are valid UTF-8 and hold no terminal control
 * character (C0 but TAB, LF and CR; DEL; C1); the JSON report parses; every
 * row of the CSV report has the header's number of fields.  The phrases are
 * the default file (share/, or $KPI_DATADIR).
 * FUZZ_EXTRA: cmd/kpi-render
 * FUZZ_LDFLAGS: -Wl,--wrap=exit
 * FUZZ_OPTIONS: -close_fd_mask=2
 */
#include "render.h"
#include "kpi/csv.h"
#include "kpi/diag.h"
#include "kpi/lines.h"
#include "kpi/run.h"
#include "kpi/utf8.h"
#include <jansson.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static jmp_buf back;
static int inside;

void __real_exit(int status);
void __wrap_exit(int status)
{
	if (inside) {
		inside = 0;
		longjmp(back, status == 0 ? 100 : status);
	}
	__real_exit(status);
}

static void check_escape(const char *s)
{
	kpi_buf b = KPI_BUF_INIT;
	rnd_html_escape(&b, s);
	for (size_t i = 0; i < b.len; i++) {
		char ch = b.data[i];
		if (ch == '<' || ch == '>' || ch == '"')
			abort();
		if (ch == '&') {
			static const char *const ent[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#x27;"};
			int known = 0;
			for (size_t k = 0; k < sizeof ent / sizeof ent[0]; k++)
				if (strncmp(b.data + i, ent[k], strlen(ent[k])) == 0)
					known = 1;
			if (!known)
				abort();
		}
	}
	kpi_buf_free(&b);
}

static void check_utf8(const kpi_buf *b)
{
	if (b->len && kpi_utf8_check(b->data, b->len) != b->len)
		abort();
	for (size_t i = 0; i < b->len; i++) {
		unsigned char c = (unsigned char)b->data[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f ||
		    (c == 0xc2 && i + 1 < b->len && (unsigned char)b->data[i + 1] >= 0x80 &&
		     (unsigned char)b->data[i + 1] <= 0x9f))
			abort();
	}
}

static void check_csv(const kpi_buf *b)
{
	kpi_lines *in = kpi_lines_from_memory(b->data, b->len, "report.csv");
	kpi_csv *c = kpi_csv_from_lines(in, ',', KPI_ENC_UTF8, NULL, 0);
	kpi_csv_row *row;
	size_t width = 0;
	int rc;
	while ((rc = kpi_csv_next(c, &row)) != 0) {
		if (rc < 0)
			abort();
		if (width == 0)
			width = row->n;
		else if (row->n != width)
			abort();
	}
	kpi_csv_close(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	if (!path[0]) {
		kpi_set_prog("fuzz_render");
		snprintf(path, sizeof path, "/tmp/fuzz_render.%ld.ndjson", (long)getpid());
		setenv("KPI_DATADIR", "share", 0); /* the harness runs from the repository */
		rnd_phrases_load(NULL, 0);
	}
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	check_escape(text);
	free(text);

	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	int status = setjmp(back);
	if (status != 0) {
		if (status != 1 && status != 2)
			abort();
		return 0;
	}
	inside = 1;
	kpi_run run;
	kpi_run_init(&run);
	run.keep_going = 1;
	rnd_inds inds = {0};
	rnd_load(&inds, path, &run, NULL, 0);
	rnd_report_opts o = {0};
	o.text.month_style = (size & 1) ? KPI_LABEL_LONG : KPI_LABEL_SHORT;
	o.text.small_den = 20;
	o.title = "Fuzz <report> & \"title\"";
	o.board = "Board";
	rnd_report r;
	rnd_report_build(&r, &inds, &o);
	kpi_buf b = KPI_BUF_INIT;
	rnd_fmt_html(&b, &r);
	check_utf8(&b);
	kpi_buf_clear(&b);
	rnd_fmt_md(&b, &r);
	check_utf8(&b);
	kpi_buf_clear(&b);
	rnd_fmt_txt(&b, &r);
	check_utf8(&b);
	kpi_buf_clear(&b);
	rnd_fmt_json(&b, &r);
	json_error_t je;
	json_t *j = json_loadb(b.data, b.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
	if (!j && b.len)
		abort();
	json_decref(j);
	kpi_buf_clear(&b);
	rnd_fmt_csv(&b, &r);
	check_csv(&b);
	kpi_buf_free(&b);
	rnd_report_free(&r);
	rnd_inds_free(&inds);
	inside = 0;
	return 0;
}
