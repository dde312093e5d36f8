/* tally.h: warnings a person can read.  A cause that recurs (a repeated
 * header, say) is printed once, with how often it happened and where it
 * first did:
 *   PROG: FILE:7: note: header repeated, skipped (3 times; the first here, --verbose lists each)
 * A cause may name an item each time (an indicator, an earlier record): the
 * line lists the first few of them:
 *   PROG: FILE:2: indicator not in the catalogue C (unit and polarity null):
 *     'x1', 'x2', 'x3', 'x4', 'x5' and 2 more (7 times; the first here, ...)
 * (one line), per input file.  With verbose set, every occurrence is printed as it happens
 * instead ("PROG: FILE:LINE: message: item").  Every warning of the tools
 * that is counted goes through here, so they all read alike. */
#ifndef KPI_TALLY_H
#define KPI_TALLY_H
#include "kpi/buf.h"

enum { KPI_TALLY_LISTED = 5 }; /* items a line lists before "and N more" */

typedef struct {
	int verbose;
	struct kpi_tally_cause {
		char *message;     /* the cause: fixed text, no per-occurrence detail */
		char *first_where; /* FILE:LINE of its first occurrence */
		size_t file_len;   /* FILE's length in it: a cause is one file's */
		unsigned long long count;
		kpi_buf items;     /* the first KPI_TALLY_LISTED distinct items, ", " between */
		kpi_buf listed_items; /* the same, each ending in a NUL (to compare) */
		unsigned listed;
		unsigned long long unlisted; /* items after the list was full */
	} *cause;
	unsigned n, cap;
} kpi_tally;

void kpi_tally_init(kpi_tally *t, int verbose);
/* The length of FILE in WHERE (FILE:LINE, FILE:LINE:COLUMN, FILE#POINTER):
 * the causes of different files are counted apart. */
size_t kpi_tally_file_len(const char *where);
/* One occurrence of MESSAGE at WHERE. */
void kpi_tally_add(kpi_tally *t, const char *where, const char *message);
/* One occurrence of MESSAGE at WHERE, about ITEM. */
void kpi_tally_add_item(kpi_tally *t, const char *where, const char *message, const char *item);
/* Prints one line per cause (nothing under verbose: already printed), in
 * the order the causes first happened, and forgets them. */
void kpi_tally_flush(kpi_tally *t);
/* Forgets every cause without printing. */
void kpi_tally_free(kpi_tally *t);

#endif
