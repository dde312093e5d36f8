/* lines.h: a line reader that knows FILE:LINE.
 * Lines of any length; "\n" or "\r\n" ends a line (both are removed); in a
 * file whose first line ends in a lone "\r" (a classic Mac file, Excel's
 * "CSV (Macintosh)"), "\r" ends lines too; a UTF-8
 * BOM at the start of the file is removed; a last line without "\n" is a line.
 * The reader does not check encoding: see utf8.h. */
#ifndef KPI_LINES_H
#define KPI_LINES_H
#include <stddef.h>
#include <stdio.h>

typedef struct kpi_lines kpi_lines;

/* PATH "-" is standard input (named "-" in messages).  NULL with errno set on failure. */
kpi_lines *kpi_lines_open(const char *path);
/* Over an open stream; NAME is what messages call it.  The stream is not closed. */
kpi_lines *kpi_lines_from(FILE *f, const char *name);
/* Over bytes in memory (copied); for tests and fuzzing. */
kpi_lines *kpi_lines_from_memory(const char *bytes, size_t n, const char *name);
/* Open PATH or exit 2 with "PROG: PATH: reason". */
kpi_lines *kpi_lines_open_or_die(const char *path);
void kpi_lines_close(kpi_lines *r);

/* 1: *line (NUL-terminated, without its line end; valid until the next call)
 *    and *len are set; 0: end of file; -1: read error (errno set). */
int kpi_lines_next(kpi_lines *r, char **line, size_t *len);
/* Read the next line or exit 2 on a read error ("PROG: FILE: reason"). */
int kpi_lines_next_or_die(kpi_lines *r, char **line, size_t *len);

/* A reader over a regular file (a named file, or standard input redirected
 * from one) can read it again from where it started: kpi-ingest makes a
 * first pass over a file to learn its columns.  kpi_lines_rewind: 0, and the
 * next line is the first again (numbered 1); -1 (errno set) when it cannot. */
int kpi_lines_rewindable(const kpi_lines *r);
int kpi_lines_rewind(kpi_lines *r);

const char *kpi_lines_name(const kpi_lines *r);
unsigned long kpi_lines_lineno(const kpi_lines *r);      /* 1-based number of the last line read */
unsigned long long kpi_lines_offset(const kpi_lines *r); /* file byte offset where the last line began (after any BOM counts as 3 bytes) */
/* "FILE:LINE" of the last line read, in a static buffer of the reader. */
const char *kpi_lines_where(kpi_lines *r);

#endif
