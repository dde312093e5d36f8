/* out.h: checked output.  Every write is checked; a full disk or any other
 * write error ends the tool with exit 2 and a message; a closed pipe ends it
 * quietly through the default SIGPIPE action, like any Unix filter. */
#ifndef KPI_OUT_H
#define KPI_OUT_H
#include <stddef.h>
#include <stdio.h>
#include "kpi/buf.h"

/* Call once at start: restores SIGPIPE's default action, gives stdout a large buffer. */
void kpi_out_init(void);
/* For a tool whose output is a stream of records, after kpi_out_init: a
 * pipe on stdout is asked to hold 1 MB (a hint), so the tools of a chain
 * take turns less often.  A report, written once at the end, keeps the
 * system's pipe: a reader that stops early still ends its writer by
 * SIGPIPE rather than finding the whole report taken. */
void kpi_out_stream(void);
/* Write to stdout (buffered).  On error: message naming "standard output", exit 2. */
void kpi_out_write(const void *p, size_t n);
void kpi_out_puts(const char *s);
/* Write the buffer to stdout and clear it. */
void kpi_out_buf(kpi_buf *b);
/* Flush and fclose stdout, checking both; call before a normal exit. */
void kpi_out_close(void);

/* The same for another stream opened for writing (rejects file, a report file).
 * NAME is used in messages. */
FILE *kpi_fopen_write(const char *path);          /* exit 2 with message on failure */
void kpi_fwrite_checked(FILE *f, const char *name, const void *p, size_t n);
void kpi_fclose_checked(FILE *f, const char *name);
/* Shared handling of a failed write on F: EPIPE ends quietly, anything else exits 2. */
_Noreturn void kpi_write_failed(const char *name, int err);

#endif
