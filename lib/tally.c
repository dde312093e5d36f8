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

/* Is ITEM one of C's listed items?  (The same item twice, as the earlier
 * record of two duplicates, is listed once.) */
static int is_listed(const struct kpi_tally_cause *c, const char *item)
{
	for (size_t i = 0; i < c->listed_items.len; i += strlen(c->listed_items.data + i) + 1)
		if (strcmp(c->listed_items.data + i, item) == 0)
			return 1;
	return 0;
}

/* The length of the file part of WHERE: FILE of FILE:LINE, FILE:LINE:COLUMN
 * (a wide cell's column is its header: "ks2.csv:5:Total eligible 2007") and
 * FILE#POINTER.  A cause is counted per input file, so a line's FILE:LINE
 * and the items it lists are of one file (a pipeline's records come from
 * several). */
size_t kpi_tally_file_len(const char *where)
{
	if (!where)
		return 0;
	/* the first ":LINE" followed by ':' or the end */
	for (const char *c = strchr(where, ':'); c; c = strchr(c + 1, ':')) {
		size_t d = strspn(c + 1, "0123456789");
		if (d && (c[1 + d] == ':' || c[1 + d] == '\0'))
			return (size_t)(c - where);
	}
	const char *hash = strrchr(where, '#');
	return hash ? (size_t)(hash - where) : strlen(where);
}

void kpi_tally_add_item(kpi_tally *t, const char *where, const char *message, const char *item)
{
	if (t->verbose) {
		if (item)
			kpi_warn_at(where, "%s: %s", message, item);
		else
			kpi_warn_at(where, "%s", message);
		return;
	}
	struct kpi_tally_cause *c = NULL;
	size_t file = kpi_tally_file_len(where);
	for (unsigned i = 0; i < t->n && !c; i++)
		if (strcmp(t->cause[i].message, message) == 0 && t->cause[i].file_len == file &&
		    (!file || memcmp(t->cause[i].first_where, where, file) == 0))
			c = &t->cause[i];
	if (!c) {
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 8;
			t->cause = kpi_xrealloc(t->cause, t->cap * sizeof *t->cause);
		}
		c = &t->cause[t->n++];
		memset(c, 0, sizeof *c);
		c->message = kpi_xstrdup(message);
		c->first_where = kpi_xstrdup(where);
		c->file_len = file;
	}
	c->count++;
	if (!item || is_listed(c, item))
		return;
	if (c->listed == KPI_TALLY_LISTED) {
		c->unlisted++;
		return;
	}
	if (c->listed++)
		kpi_buf_adds(&c->items, ", ");
	kpi_buf_adds(&c->items, item);
	kpi_buf_add(&c->listed_items, item, strlen(item) + 1);
}

void kpi_tally_add(kpi_tally *t, const char *where, const char *message)
{
	kpi_tally_add_item(t, where, message, NULL);
}

static void cause_free(struct kpi_tally_cause *c)
{
	free(c->message);
	free(c->first_where);
	kpi_buf_free(&c->items);
	kpi_buf_free(&c->listed_items);
}

void kpi_tally_flush(kpi_tally *t)
{
	for (unsigned i = 0; i < t->n; i++) {
		struct kpi_tally_cause *c = &t->cause[i];
		kpi_buf line = KPI_BUF_INIT;
		kpi_buf_adds(&line, c->message);
		if (c->listed) {
			kpi_buf_adds(&line, ": ");
			kpi_buf_add(&line, c->items.data, c->items.len);
			if (c->unlisted)
				kpi_buf_printf(&line, " and %llu more", c->unlisted);
		}
		if (c->count > 1)
			kpi_buf_printf(&line, " (%llu times; the first here, --verbose lists each)", c->count);
		kpi_warn_at(c->first_where, "%s", kpi_buf_str(&line));
		kpi_buf_free(&line);
		cause_free(c);
	}
	t->n = 0;
}

void kpi_tally_free(kpi_tally *t)
{
	for (unsigned i = 0; i < t->n; i++)
		cause_free(&t->cause[i]);
	t->n = 0;
	free(t->cause);
	t->cause = NULL;
	t->cap = 0;
}
