/* csv.h: a streaming CSV/TSV reader over libcsv that knows where each row
 * starts.  Rows are fed one physical line at a time, so memory is bounded by
 * the longest row.  UTF-8 BOM and CRLF are handled; blank lines are skipped;
 * a quoted field may hold delimiters, doubled quotes and newlines (the row's
 * line is the physical line where it starts); an unterminated quote at end of
 * file and a stray quote inside an unquoted field are errors.
 * Bytes are checked as UTF-8 (or converted from Windows-1252 first). */
#ifndef KPI_CSV_H
#define KPI_CSV_H
#include <stddef.h>
#include "kpi/encoding.h"
#include "kpi/lines.h"

typedef struct {
	size_t n;            /* number of fields */
	char **field;        /* NUL-terminated field texts, as written (quotes removed) */
	size_t *len;
	unsigned long line;  /* physical line where the row starts (1-based) */
	unsigned long end_line; /* physical line where it ends */
} kpi_csv_row;

typedef struct kpi_csv kpi_csv;

/* PATH "-" is stdin.  DELIM ',' or '\t' (any byte).  NULL with errno on failure. */
kpi_csv *kpi_csv_open(const char *path, char delim, kpi_encoding enc);
kpi_csv *kpi_csv_open_or_die(const char *path, char delim, kpi_encoding enc);
/* Over a line reader the caller opened (and perhaps read a line from, to
 * sniff the format); the reader is closed by kpi_csv_close.  PENDING, when
 * not NULL, is the line last read from IN (still valid): it is read first. */
kpi_csv *kpi_csv_from_lines(kpi_lines *in, char delim, kpi_encoding enc,
			    char *pending, size_t pending_len);
void kpi_csv_close(kpi_csv *c);
/* 1: *row is the next row (valid until the next call); 0: end of file;
 * -1: bad data, message from kpi_csv_error() (e.g. "invalid UTF-8 (byte 0xe9
 * at byte offset 1234)" or "unterminated quoted field"), where from
 * kpi_csv_where().  After -1 reading may continue with the next row.
 * A read error exits 2 ("PROG: FILE: reason"). */
int kpi_csv_next(kpi_csv *c, kpi_csv_row **row);
/* kpi_csv_next for a loader that returns its errors (lib/ does not exit):
 * a read error is -2, the reason (strerror) from kpi_csv_error(). */
int kpi_csv_read(kpi_csv *c, kpi_csv_row **row);
/* Reading a regular file again from its first row (see kpi_lines_rewind):
 * kpi_csv_rewind returns 0, or -1 when the input is a pipe. */
int kpi_csv_rewindable(const kpi_csv *c);
int kpi_csv_rewind(kpi_csv *c);
const char *kpi_csv_error(const kpi_csv *c);
/* "FILE:LINE" of the last row (or of the error) */
const char *kpi_csv_where(kpi_csv *c);
const char *kpi_csv_name(const kpi_csv *c);
/* The raw text of the last row's physical lines (for --rejects). */
const char *kpi_csv_raw(kpi_csv *c, size_t *len);

#endif
