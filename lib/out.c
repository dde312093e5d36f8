/* out.c: checked output.  stdout gets a large buffer; every fwrite and the
 * final fflush/fclose are checked.  A closed pipe: SIGPIPE's default action
 * ends the tool quietly (EPIPE, if SIGPIPE is ignored by our parent, too). */
#define _GNU_SOURCE /* F_SETPIPE_SZ (Linux); without it the pipe keeps its size */
#include "kpi/out.h"
#include "kpi/diag.h"
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static char stdout_buf[1 << 16];

/* A pipe on standard output is asked to hold 1 MB (Linux's limit for an
 * unprivileged process by default; a hint, nothing is said when refused).
 * Its default 64 KB is one buffer of ours: the tools of a chain passing
 * 400 MB of records took turns at every 64 KB, each write waking the
 * reader and waiting for it (16,000 context switches in ingest | normalise
 * | trend on a million observations, 2,000 with 1 MB; a tenth less CPU). */
void kpi_out_stream(void)
{
#ifdef F_SETPIPE_SZ
	struct stat st;
	if (fstat(STDOUT_FILENO, &st) == 0 && S_ISFIFO(st.st_mode))
		(void)fcntl(STDOUT_FILENO, F_SETPIPE_SZ, 1 << 20);
#endif
}

void kpi_out_init(void)
{
	signal(SIGPIPE, SIG_DFL);
	/* beyond a file-size limit (ulimit -f) a write fails with EFBIG and is
	 * reported like a full disk, rather than killing the tool mid-file */
	signal(SIGXFSZ, SIG_IGN);
	setvbuf(stdout, stdout_buf, _IOFBF, sizeof stdout_buf);
}

void kpi_write_failed(const char *name, int err)
{
	if (err == EPIPE)
		_exit(128 + SIGPIPE); /* like being killed by SIGPIPE, and as quiet */
	kpi_die(KPI_EXIT_IO, "write error on %s: %s", name, strerror(err ? err : EIO));
}

void kpi_fwrite_checked(FILE *f, const char *name, const void *p, size_t n)
{
	if (n && fwrite(p, 1, n, f) != n)
		kpi_write_failed(name, errno);
}

void kpi_out_write(const void *p, size_t n)
{
	kpi_fwrite_checked(stdout, "standard output", p, n);
}

void kpi_out_puts(const char *s)
{
	kpi_out_write(s, strlen(s));
}

void kpi_out_buf(kpi_buf *b)
{
	kpi_out_write(b->data, b->len);
	kpi_buf_clear(b);
}

void kpi_fclose_checked(FILE *f, const char *name)
{
	errno = 0;
	int bad = fflush(f) != 0 || ferror(f);
	int err = errno;
	if (fclose(f) != 0 && !bad) {
		bad = 1;
		err = errno;
	}
	if (bad)
		kpi_write_failed(name, err);
}

void kpi_out_close(void)
{
	kpi_fclose_checked(stdout, "standard output");
}

FILE *kpi_fopen_write(const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		kpi_die(KPI_EXIT_IO, "%s: %s", path, strerror(errno));
	return f;
}
