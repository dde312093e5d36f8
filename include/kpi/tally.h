/* tally.h: warnings a person can read.  A cause that recurs (a repeated
 * header, say) is printed once, with how often it happened and where it
 * first did:
 *   PROG: FILE:7: header repeated, skipped (3 times; the first here)
 * With verbose set, every occurrence is printed as it happens instead. */
#ifndef KPI_TALLY_H
#define KPI_TALLY_H

typedef struct {
	int verbose;
	struct kpi_tally_cause {
		char *message;     /* the cause: fixed text, no per-occurrence detail */
		char *first_where; /* FILE:LINE of its first occurrence */
		unsigned long long count;
	} *cause;
	unsigned n, cap;
} kpi_tally;

void kpi_tally_init(kpi_tally *t, int verbose);
/* One occurrence of MESSAGE at WHERE. */
void kpi_tally_add(kpi_tally *t, const char *where, const char *message);
/* Prints one line per cause (nothing under verbose: already printed), in
 * the order the causes first happened, and forgets them. */
void kpi_tally_flush(kpi_tally *t);
/* Forgets every cause without printing. */
void kpi_tally_free(kpi_tally *t);

#endif
