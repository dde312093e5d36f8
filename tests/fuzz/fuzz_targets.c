/* libFuzzer harness: the targets loader (lib/targets.c) over arbitrary file
 * contents.  The loader ends the tool on bad data (kpi_die_at -> exit): here
 * exit() is wrapped to jump back, so a bad file is one more input, not the
 * end of the run; the status must be 1 or 2.  What the loader allocated and
 * opened before it "exited" (memory, descriptors, libcsv parsers) is tracked
 * through wrapped malloc/open/csv_init and released after the jump, so that
 * millions of bad inputs neither leak nor run out of descriptors.
 * What loads must answer kpi_targets_find and kpi_target_in_force consistently.
 * FUZZ_LDFLAGS: -Wl,--wrap=exit,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free,--wrap=open,--wrap=close,--wrap=csv_init,--wrap=csv_free
 * FUZZ_OPTIONS: -close_fd_mask=2
 */
#include "kpi/diag.h"
#include "kpi/period.h"
#include "kpi/targets.h"
#include <csv.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static jmp_buf back;
static int loading;

/* ---- what the loader holds while it runs ---- */
static void **live;
static size_t n_live, cap_live;
static int live_fd[16];
static size_t n_fd;
static struct csv_parser *live_csv[16];
static size_t n_csv;

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
int __real_open(const char *path, int flags, ...);
int __real_close(int fd);
int __real_csv_init(struct csv_parser *p, unsigned char options);
void __real_csv_free(struct csv_parser *p);
void __real_exit(int status);

static void track(void *p)
{
	if (!p)
		return;
	if (n_live == cap_live) {
		cap_live = cap_live ? 2 * cap_live : 1024;
		live = __real_realloc(live, cap_live * sizeof *live);
		if (!live)
			abort();
	}
	live[n_live++] = p;
}

static void untrack(void *p)
{
	for (size_t i = n_live; i-- > 0;)
		if (live[i] == p) {
			live[i] = live[--n_live];
			return;
		}
}

void *__wrap_malloc(size_t n)
{
	void *p = __real_malloc(n);
	if (loading)
		track(p);
	return p;
}

void *__wrap_calloc(size_t n, size_t size)
{
	void *p = __real_calloc(n, size);
	if (loading)
		track(p);
	return p;
}

void *__wrap_realloc(void *p, size_t n)
{
	void *q = __real_realloc(p, n);
	if (loading && q) {
		if (p)
			untrack(p);
		track(q);
	}
	return q;
}

void __wrap_free(void *p)
{
	if (loading && p)
		untrack(p);
	__real_free(p);
}

int __wrap_open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	int fd = __real_open(path, flags, mode);
	if (loading && fd >= 0 && n_fd < sizeof live_fd / sizeof live_fd[0])
		live_fd[n_fd++] = fd;
	return fd;
}

int __wrap_close(int fd)
{
	for (size_t i = 0; loading && i < n_fd; i++)
		if (live_fd[i] == fd) {
			live_fd[i] = live_fd[--n_fd];
			break;
		}
	return __real_close(fd);
}

int __wrap_csv_init(struct csv_parser *p, unsigned char options)
{
	int rc = __real_csv_init(p, options);
	if (loading && rc == 0 && n_csv < sizeof live_csv / sizeof live_csv[0])
		live_csv[n_csv++] = p;
	return rc;
}

void __wrap_csv_free(struct csv_parser *p)
{
	for (size_t i = 0; loading && i < n_csv; i++)
		if (live_csv[i] == p) {
			live_csv[i] = live_csv[--n_csv];
			break;
		}
	__real_csv_free(p);
}

/* after the jump: release what the loader held, parsers first (they live
 * inside tracked memory) */
static void release(void)
{
	for (size_t i = 0; i < n_csv; i++)
		__real_csv_free(live_csv[i]);
	for (size_t i = 0; i < n_fd; i++)
		__real_close(live_fd[i]);
	for (size_t i = 0; i < n_live; i++)
		__real_free(live[i]);
	n_csv = n_fd = n_live = 0;
}

void __wrap_exit(int status)
{
	if (loading) {
		loading = 0;
		longjmp(back, status == 0 ? 100 : status);
	}
	__real_exit(status);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	if (!path[0]) {
		kpi_set_prog("fuzz_targets");
		snprintf(path, sizeof path, "/tmp/fuzz_targets.%ld.csv", (long)getpid());
	}
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	int status = setjmp(back);
	if (status != 0) {
		release();
		if (status != 1 && status != 2)
			abort();
		return 0;
	}
	n_csv = n_fd = n_live = 0;
	loading = 1;
	kpi_targets *t = kpi_targets_load(path);
	loading = 0;
	n_csv = n_fd = n_live = 0; /* loaded: all of it belongs to t now */

	static const char *const as_at_text[] = {"2024-03", "2023/24", "2024-Q1", "2030"};
	kpi_period_opts o = {KPI_YEAR_FINANCIAL, NULL, 0, 0, 0};
	kpi_period as_at;
	char err[512];
	/* every indicator and area written in the file, found again */
	const char *s = (const char *)data;
	for (size_t k = 0; k < sizeof as_at_text / sizeof as_at_text[0]; k++) {
		if (kpi_period_parse(as_at_text[k], &o, &as_at, err, sizeof err) != 0)
			abort();
		char ind[64];
		size_t n = 0;
		size_t start = k < size ? k : 0;
		while (start + n < size && n < sizeof ind - 1 && s[start + n] != ',' && s[start + n] != '\n')
			n++;
		memcpy(ind, s + start, n);
		ind[n] = '\0';
		kpi_target_set set;
		size_t found = kpi_targets_find(t, ind, k & 1 ? "Northbridge" : NULL, &set);
		long i = kpi_target_in_force(&set, &as_at);
		if ((found == 0 && i != -1) || (found > 0 && (i < 0 || (size_t)i >= found)))
			abort();
		for (size_t j = 0; j < found; j++)
			if (!set.row[j]->has_value)
				abort();
		kpi_target_set_free(&set);
	}
	kpi_targets_free(t);
	double v;
	int pct;
	char cell[64];
	size_t n = size < sizeof cell - 1 ? size : sizeof cell - 1;
	memcpy(cell, data, n);
	cell[n] = '\0';
	kpi_target_number(cell, &v, &pct);
	return 0;
}
