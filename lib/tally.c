/* tally.c: one line per cause of warning (tally.h). */
#include "kpi/tally.h"
#include "kpi/buf.h"
#include "kpi/diag.h"
#include <stdlib.h>
#include <string.h>

void kpi_tally_init(kpi_tally *t, int verbose)
{
	memset(t, 0, sizeof *t);
	t->verbose = verbose;
}

void kpi_tally_add(kpi_tally *t, const char *where, const char *message)
{
	if (t->verbose) {
		kpi_warn_at(where, "%s", message);
		return;
	}
	for (unsigned i = 0; i < t->n; i++)
		if (strcmp(t->cause[i].message, message) == 0) {
			t->cause[i].count++;
			return;
		}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 8;
		t->cause = kpi_xrealloc(t->cause, t->cap * sizeof *t->cause);
	}
	t->cause[t->n].message = kpi_xstrdup(message);
	t->cause[t->n].first_where = kpi_xstrdup(where);
	t->cause[t->n].count = 1;
	t->n++;
}

void kpi_tally_flush(kpi_tally *t)
{
	for (unsigned i = 0; i < t->n; i++) {
		struct kpi_tally_cause *c = &t->cause[i];
		if (c->count == 1)
			kpi_warn_at(c->first_where, "%s", c->message);
		else
			kpi_warn_at(c->first_where, "%s (%llu times; the first here, --verbose lists each)",
				    c->message, c->count);
		free(c->message);
		free(c->first_where);
	}
	t->n = 0;
}

void kpi_tally_free(kpi_tally *t)
{
	for (unsigned i = 0; i < t->n; i++) {
		free(t->cause[i].message);
		free(t->cause[i].first_where);
	}
	t->n = 0;
	free(t->cause);
	t->cause = NULL;
	t->cap = 0;
}
