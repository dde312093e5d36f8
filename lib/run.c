/* run.c: bad records, --keep-going, --rejects and the counts. */
#include "kpi/run.h"
#include "kpi/buf.h"
#include "kpi/diag.h"
#include "kpi/json_write.h"
#include "kpi/out.h"
#include "kpi/utf8.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void kpi_run_init(kpi_run *run)
{
	memset(run, 0, sizeof *run);
}

/* Whether PATH names the file ST describes. */
static int is_file(const struct stat *st, const char *path)
{
	struct stat o;
	return path && stat(path, &o) == 0 && o.st_dev == st->st_dev && o.st_ino == st->st_ino;
}

/* Refuses a --rejects FILE the tool also reads: fopen "w" would empty it
 * before a line of it is read (and replacing it after the run would lose it
 * all the same), so it is a usage error. */
static void refuse_input(const kpi_run *run, int n, char *const *files, int n_other,
			 const char *const *other)
{
	struct stat rej, in;
	if (stat(run->rejects_path, &rej) != 0 || !S_ISREG(rej.st_mode))
		return; /* a new file, /dev/null, a FIFO: nothing to lose */
	const char *also = NULL;
	int reads_stdin = n == 0;
	for (int i = 0; i < n && !also; i++) {
		if (strcmp(files[i], "-") == 0)
			reads_stdin = 1;
		else if (is_file(&rej, files[i]))
			also = files[i];
	}
	for (int i = 0; i < n_other && !also; i++)
		if (is_file(&rej, other[i]))
			also = other[i];
	if (!also && reads_stdin && fstat(STDIN_FILENO, &in) == 0 && in.st_dev == rej.st_dev &&
	    in.st_ino == rej.st_ino)
		also = "standard input";
	if (also)
		kpi_die(KPI_EXIT_USAGE, "--rejects %s: that file is also an input (%s); writing the rejects "
			"would empty it before it is read", run->rejects_path, also);
}

void kpi_run_start(kpi_run *run, int n, char *const *files, int n_other, const char *const *other)
{
	if (run->rejects_path) {
		refuse_input(run, n, files, n_other, other);
		if (!run->keep_going)
			run->keep_going = 1; /* --rejects implies --keep-going */
		run->rejects = kpi_fopen_write(run->rejects_path);
	}
}

/* The input line as a JSON string; bytes that are not UTF-8 as \u00XX so nothing is lost. */
static void escape_line(kpi_buf *b, const char *s, size_t n)
{
	size_t bad = kpi_utf8_check(s, n);
	if (bad == n) {
		kpi_json_escape(b, s, n);
		return;
	}
	kpi_buf_addc(b, '"');
	size_t i = 0;
	while (i < n) {
		size_t ok = kpi_utf8_check(s + i, n - i);
		kpi_buf t = KPI_BUF_INIT;
		kpi_json_escape(&t, s + i, ok);
		kpi_buf_add(b, t.data + 1, t.len - 2); /* without its quotes */
		kpi_buf_free(&t);
		i += ok;
		if (i < n) {
			kpi_buf_printf(b, "\\u00%02x", (unsigned char)s[i]);
			i++;
		}
	}
	kpi_buf_addc(b, '"');
}

void kpi_run_reject(kpi_run *run, const char *where, const char *reason,
		    const char *line, size_t len)
{
	kpi_warn_at(where, "%s", reason);
	if (!run->keep_going)
		exit(KPI_EXIT_DATA);
	kpi_run_reject_quietly(run, where, reason, line, len);
}

void kpi_run_reject_quietly(kpi_run *run, const char *where, const char *reason,
			    const char *line, size_t len)
{
	run->rejected++;
	if (!run->rejects)
		return;
	kpi_buf b = KPI_BUF_INIT;
	kpi_jw w;
	kpi_jw_init(&w, &b);
	kpi_jw_begin_object(&w);
	kpi_jw_kstr(&w, "source", where);
	kpi_jw_kstr(&w, "reason", reason);
	kpi_jw_key(&w, "line");
	if (line) {
		kpi_buf t = KPI_BUF_INIT;
		escape_line(&t, line, len);
		kpi_jw_raw(&w, t.data, t.len);
		kpi_buf_free(&t);
	} else {
		kpi_jw_null(&w);
	}
	kpi_jw_end_object(&w);
	kpi_jw_newline(&w);
	kpi_fwrite_checked(run->rejects, run->rejects_path, b.data, b.len);
	kpi_buf_free(&b);
}

int kpi_run_finish(kpi_run *run)
{
	if (run->rejects) {
		kpi_fclose_checked(run->rejects, run->rejects_path);
		run->rejects = NULL;
	}
	if (run->keep_going) {
		fflush(stdout);
		if (run->left_out)
			kpi_warn("%llu records read, %llu written, %llu left out, %llu rejected",
				 run->read, run->written, run->left_out, run->rejected);
		else
			kpi_warn("%llu records read, %llu written, %llu rejected",
				 run->read, run->written, run->rejected);
	}
	return run->rejected ? KPI_EXIT_DATA : KPI_EXIT_OK;
}
