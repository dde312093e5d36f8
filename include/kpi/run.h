/* run.h: --keep-going, --rejects FILE and the record counts.
 * A bad record without --keep-going: "PROG: WHERE: reason", exit 1.
 * With --keep-going: the message, the record to --rejects as NDJSON
 * {"source","reason","line"}, and at the end on stderr
 *   PROG: N records read, N written, N rejected
 * with read = written + rejected (a record a tool merges or drops on purpose,
 * such as an identical duplicate, is counted as written by that tool's rule,
 * documented in its man page).  A record an option leaves out on purpose
 * (kpi-normalise --catalogued-only) is counted apart:
 *   PROG: N records read, N written, N left out, N rejected */
#ifndef KPI_RUN_H
#define KPI_RUN_H
#include <stddef.h>
#include <stdio.h>

typedef struct {
	int keep_going;
	const char *rejects_path;
	FILE *rejects;
	unsigned long long read, written, rejected;
	unsigned long long left_out; /* on purpose, by an option: neither written nor rejected */
} kpi_run;

void kpi_run_init(kpi_run *run);
/* After option parsing: opens --rejects (exit 2 on failure).  FILES[0..n)
 * are the FILE operands (none, or "-": standard input) and OTHER[0..n_other)
 * the other files the tool reads (a catalogue, targets; NULL entries are
 * skipped): a --rejects FILE that is one of them is refused with exit 2
 * before it is opened, as opening it would empty it unread. */
void kpi_run_start(kpi_run *run, int n, char *const *files, int n_other, const char *const *other);
/* A bad record.  LINE (may be NULL) is the input text, written to the
 * rejects file as a JSON string (invalid UTF-8 bytes as \u00XX). */
void kpi_run_reject(kpi_run *run, const char *where, const char *reason,
		    const char *line, size_t len);
/* The same under --keep-going without the message, for the records that
 * follow one bad record and fall with it (the caller says how many). */
void kpi_run_reject_quietly(kpi_run *run, const char *where, const char *reason,
			    const char *line, size_t len);
/* Closes the rejects file, prints the counts when --keep-going, returns the
 * exit status: 1 if anything was rejected, else 0. */
int kpi_run_finish(kpi_run *run);

#endif
