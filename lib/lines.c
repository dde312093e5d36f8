/* lines.c: a line reader over read(2) with its own buffer, so a line may be
 * any length and the hot path is one memchr per line. */
#include "kpi/lines.h"
#include "kpi/buf.h"
#include "kpi/diag.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct kpi_lines {
	int fd;
	int own_fd;
	char *name;
	char *buf;         /* buf[start..end) holds unread bytes */
	size_t start, end, cap;
	int eof;
	unsigned long lineno;
	unsigned long long offset;      /* file offset of buf[start] */
	unsigned long long line_offset; /* file offset of the last line */
	size_t where_prefix; /* bytes of "NAME:" already in where, 0 before the first call */
	int ends;            /* line ends: 0 not yet known, LF_ENDS or CR_ENDS */
	off_t origin;        /* where a regular file started (stdin may not be at 0); -1 if not one */
	char where[64 + 4096];
};

enum { INITIAL_CAP = 1 << 17 };

/* A file's line ends are decided by its first one.  "\n" and "\r\n" (every
 * file but one from a classic Mac) take the fast path, one memchr per line,
 * and keep any other "\r" in the line.  A first line ending in a lone "\r"
 * ("CSV (Macintosh)" from Excel) makes "\r", "\r\n" and "\n" all end lines. */
enum { LF_ENDS = 1, CR_ENDS = 2 };

/* The first "\r" or "\n" in P[0..n), or NULL. */
static char *first_end(char *p, size_t n)
{
	char *cr = memchr(p, '\r', n);
	char *lf = memchr(p, '\n', cr ? (size_t)(cr - p) : n);
	return lf ? lf : cr;
}

static kpi_lines *make(int fd, int own, const char *name)
{
	kpi_lines *r = kpi_xcalloc(1, sizeof *r);
	r->fd = fd;
	r->own_fd = own;
	r->name = kpi_xstrdup(name);
	r->cap = INITIAL_CAP;
	r->buf = kpi_xmalloc(r->cap + 1);
	r->origin = -1;
	struct stat st;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		r->origin = lseek(fd, 0, SEEK_CUR);
	return r;
}

kpi_lines *kpi_lines_open(const char *path)
{
	if (strcmp(path, "-") == 0)
		return make(STDIN_FILENO, 0, "-");
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	return make(fd, 1, path);
}

kpi_lines *kpi_lines_from(FILE *f, const char *name)
{
	fflush(f);
	return make(fileno(f), 0, name);
}

kpi_lines *kpi_lines_from_memory(const char *bytes, size_t n, const char *name)
{
	kpi_lines *r = make(-1, 0, name);
	if (n > r->cap) {
		r->cap = n;
		r->buf = kpi_xrealloc(r->buf, r->cap + 1);
	}
	if (n)
		memcpy(r->buf, bytes, n);
	r->end = n;
	r->eof = 1;
	return r;
}

kpi_lines *kpi_lines_open_or_die(const char *path)
{
	kpi_lines *r = kpi_lines_open(path);
	if (!r)
		kpi_die(KPI_EXIT_IO, "%s: %s", path, strerror(errno));
	return r;
}

void kpi_lines_close(kpi_lines *r)
{
	if (!r)
		return;
	if (r->own_fd)
		close(r->fd);
	free(r->name);
	free(r->buf);
	free(r);
}

/* Reads more bytes after buf[end]; moves unread bytes to the front first.
 * Returns bytes read, 0 at EOF, -1 on error. */
static ssize_t fill(kpi_lines *r)
{
	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	if (r->end == r->cap) {
		r->cap *= 2;
		r->buf = kpi_xrealloc(r->buf, r->cap + 1);
	}
	for (;;) {
		ssize_t n = read(r->fd, r->buf + r->end, r->cap - r->end);
		if (n < 0 && errno == EINTR)
			continue;
		if (n > 0)
			r->end += (size_t)n;
		return n;
	}
}

int kpi_lines_next(kpi_lines *r, char **line, size_t *len)
{
	size_t scanned = 0; /* bytes after start already known to hold no line end */
	for (;;) {
		char *base = r->buf + r->start;
		size_t avail = r->end - r->start;
		char *nl = NULL;
		int cr_last = 0;
		if (avail > scanned)
			nl = r->ends == LF_ENDS ? memchr(base + scanned, '\n', avail - scanned)
					       : first_end(base + scanned, avail - scanned);
		/* a "\r" last in the buffer: whether "\n" follows is not known yet */
		if (nl && *nl == '\r' && nl + 1 == base + avail && !r->eof) {
			scanned = (size_t)(nl - base);
			nl = NULL;
			cr_last = 1;
		} else if (nl && !r->ends) {
			r->ends = *nl == '\r' && (nl + 1 == base + avail || nl[1] != '\n') ? CR_ENDS : LF_ENDS;
			if (r->ends == LF_ENDS && *nl == '\r')
				nl++; /* the "\n" of the first "\r\n" */
		}
		size_t n;
		size_t consumed;
		if (nl) {
			n = (size_t)(nl - base);
			consumed = n + 1;
			if (*nl == '\r' && n + 1 < avail && nl[1] == '\n')
				consumed++; /* "\r\n" in a file of CR ends */
		} else if (r->eof) {
			if (avail == 0)
				return 0;
			n = avail;
			consumed = avail;
		} else {
			if (!cr_last)
				scanned = avail;
			ssize_t got = fill(r);
			if (got < 0)
				return -1;
			if (got == 0)
				r->eof = 1;
			continue;
		}
		r->lineno++;
		r->line_offset = r->offset;
		r->offset += consumed;
		if (r->lineno == 1 && n >= 3 && memcmp(base, "\xEF\xBB\xBF", 3) == 0) {
			base += 3;
			n -= 3;
		}
		if (n > 0 && base[n - 1] == '\r' && nl && *nl == '\n')
			n--;
		base[n] = '\0'; /* overwrites the line end, or the spare byte at buf[cap] */
		r->start += consumed;
		*line = base;
		*len = n;
		return 1;
	}
}

int kpi_lines_rewindable(const kpi_lines *r)
{
	return r->origin >= 0;
}

int kpi_lines_rewind(kpi_lines *r)
{
	if (r->origin < 0 || lseek(r->fd, r->origin, SEEK_SET) != r->origin)
		return -1;
	r->start = r->end = 0;
	r->eof = 0;
	r->lineno = 0;
	r->offset = r->line_offset = 0;
	return 0; /* the line ends found before stay: it is the same file */
}

int kpi_lines_next_or_die(kpi_lines *r, char **line, size_t *len)
{
	int rc = kpi_lines_next(r, line, len);
	if (rc < 0)
		kpi_die(KPI_EXIT_IO, "%s: %s", r->name, strerror(errno));
	return rc;
}

const char *kpi_lines_name(const kpi_lines *r)
{
	return r->name;
}

unsigned long kpi_lines_lineno(const kpi_lines *r)
{
	return r->lineno;
}

unsigned long long kpi_lines_offset(const kpi_lines *r)
{
	return r->line_offset;
}

/* Called once per record by every tool: "NAME:" is written once and only
 * the line number is formatted each time (snprintf cost as much as parsing). */
const char *kpi_lines_where(kpi_lines *r)
{
	if (!r->where_prefix) {
		size_t n = strlen(r->name);
		if (n + 1 + 24 > sizeof r->where) { /* a huge name: cut to fit, as snprintf does */
			snprintf(r->where, sizeof r->where, "%s:%lu", r->name, r->lineno);
			return r->where;
		}
		memcpy(r->where, r->name, n);
		r->where[n] = ':';
		r->where_prefix = n + 1;
	}
	char digits[24];
	int nd = 0;
	unsigned long v = r->lineno;
	do {
		digits[nd++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	char *d = r->where + r->where_prefix;
	while (nd)
		*d++ = digits[--nd];
	*d = '\0';
	return r->where;
}
