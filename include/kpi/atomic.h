/* atomic.h: a file written whole or not at all.  The text goes to a
 * temporary file beside PATH (.NAME.XXXXXX, same directory, so same file
 * system) that is renamed over PATH once complete: PATH holds either its old
 * contents or all of the new, never half a report.  The temporary file is
 * removed when the tool exits on an error and on SIGINT, SIGTERM or SIGHUP;
 * only SIGKILL (or a crash) can leave one behind.  Protects against
 * interruption, not power loss (no fsync).
 *
 * A new PATH is created with mode 0666 less the umask, as fopen would; a
 * PATH replaced keeps its mode.
 *
 * A PATH that exists and is not a regular file (/dev/stdout, a FIFO, a
 * symbolic link) is written in place, as fopen would. */
#ifndef KPI_ATOMIC_H
#define KPI_ATOMIC_H
#include <stddef.h>
#include <stdio.h>

typedef struct {
	FILE *f;
	char *path;
	char *tmp;      /* NULL when writing in place */
} kpi_atomic;

/* Opens PATH for writing; exit 2 with a message on failure.  One at a time. */
void kpi_atomic_open(kpi_atomic *a, const char *path);
/* Checked write (exit 2 with a message naming PATH on failure). */
void kpi_atomic_write(kpi_atomic *a, const void *p, size_t n);
/* Flushes, closes and renames into place; exit 2 with a message on failure
 * (the temporary file is removed and PATH left as it was). */
void kpi_atomic_commit(kpi_atomic *a);

#endif
