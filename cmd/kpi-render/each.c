/* each.c: one report per group of the input, each to a file named from the
 * data (lib/outname.c): --each-as-at groups the records by as_at period,
 * --each-area by council.  Every name is made before any report is written:
 * an as_at that names no file stops the run with nothing written; a council
 * that names none is said and left out, and the others are written (one
 * council's bad code must not cost the other 150 their reports). */
#include "render.h"
#include "kpi/atomic.h"
#include "kpi/csv_columns.h"
#include "kpi/diag.h"
#include "kpi/geography.h"
#include "kpi/names.h"
#include "kpi/out.h"
#include "kpi/outname.h"
#include <stdlib.h>
#include <string.h>

int rnd_is_council(const rnd_ind *d)
{
	/* as kpi-flag tells the kinds of area apart (lib/geography.c) */
	return d->area && *d->area && kpi_area_kind_of(d->level, d->area_code, d->area) == KPI_AREA_COUNCIL;
}

/* The file-name text of the council of D into NAME: 0, or -1 (the error
 * said, naming the record, when SAY) for a council with no code or a code
 * that is none. */
static int area_name(const rnd_ind *d, char name[KPI_OUTNAME_BUFSZ], int say)
{
	if (!d->area_code) {
		if (say)
			kpi_warn_at(d->where, "the council \"%s\" has no area code (new_la_code, old_la_code or the like): no report "
				    "file can be named after it", d->area);
		return -1;
	}
	if (kpi_outname_area(d->area_code, name) != 0) {
		if (say)
			kpi_warn_at(d->where, "the council \"%s\" has the code \"%s\", which is no ONS or DfE "
				    "area code: no report file can be named after it", d->area, d->area_code);
		return -1;
	}
	return 0;
}

/* 1 when D is the council SEL names (its name folded, or its code). */
static int area_matches(const rnd_ind *d, const char *sel_fold, const char *sel)
{
	if (d->area_code && strcmp(d->area_code, sel) == 0)
		return 1;
	char *f = kpi_fold_dup(d->area);
	int same = strcmp(f, sel_fold) == 0;
	free(f);
	return same;
}

/* The councils of INDS (names the distinct council names, as many as 12). */
static void council_names(const rnd_inds *inds, kpi_buf *out)
{
	kpi_name_list l = {out, 0, 0};
	char **seen = kpi_xcalloc(inds->n ? inds->n : 1, sizeof *seen);
	size_t n_seen = 0;
	for (size_t i = 0; i < inds->n; i++) {
		const rnd_ind *d = &inds->v[i];
		if (!rnd_is_council(d))
			continue;
		char *f = kpi_fold_dup(d->area);
		size_t k = 0;
		while (k < n_seen && strcmp(seen[k], f) != 0)
			k++;
		if (k < n_seen) {
			free(f);
			continue;
		}
		seen[n_seen++] = f;
		kpi_name_list_add(&l, d->area);
	}
	kpi_name_list_end(&l);
	for (size_t k = 0; k < n_seen; k++)
		free(seen[k]);
	free(seen);
}

/* Marks in CHOSEN the records of the councils AREAS name (every council when
 * there are none); an area that names no council is an error. */
static void choose(const rnd_inds *inds, const char *const *areas, size_t n_areas, char *chosen)
{
	for (size_t i = 0; i < inds->n; i++)
		chosen[i] = n_areas == 0 && rnd_is_council(&inds->v[i]);
	for (size_t a = 0; a < n_areas; a++) {
		char *f = kpi_fold_dup(areas[a]);
		int found = 0;
		for (size_t i = 0; i < inds->n; i++)
			if (rnd_is_council(&inds->v[i]) && area_matches(&inds->v[i], f, areas[a]))
				chosen[i] = 1, found = 1;
		free(f);
		if (!found) {
			kpi_buf names = KPI_BUF_INIT;
			council_names(inds, &names);
			kpi_die(KPI_EXIT_DATA, "--area '%s': no council of that name or code in the input "
				"(councils present: %s)", areas[a], kpi_buf_str(&names));
		}
	}
}

static char (*sort_names)[KPI_OUTNAME_BUFSZ];

static int by_name(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(sort_names[i], sort_names[j]);
	return c ? c : (i > j) - (i < j);
}

/* The records of INDS that go in a report, by their file names (NAMES),
 * sorted by name and stably (a report lists its records in input order),
 * into ORDER; returns how many.  *FAILED counts the councils that name no
 * file (each said once; their records are in no report).  Each period of
 * --as-at that no record has takes a place past the records (ORDER holds
 * INDS->n + K for the K-th period; NAMES has room for them): its report
 * is written from no record. */
static size_t name_all(const rnd_inds *inds, const rnd_each *e, const char *chosen,
		       char (*names)[KPI_OUTNAME_BUFSZ], size_t *order, size_t *failed)
{
	const char *last_failed = NULL;
	*failed = 0;
	size_t n = inds->n, placed = 0;
	const char *first_unplaced = NULL;
	for (size_t i = 0; i < n; i++) {
		const rnd_ind *d = &inds->v[i];
		if (e->by == RND_EACH_AREA) {
			/* England, regions and the councils not chosen: comparators only */
			if (!chosen[i])
				continue;
			int again = last_failed && strcmp(last_failed, d->area) == 0;
			if (area_name(d, names[i], !again) != 0) {
				*failed += !again;
				last_failed = d->area;
				continue;
			}
		} else {
			if (!d->as_at || !*d->as_at) {
				if (!first_unplaced)
					first_unplaced = d->where;
				continue;
			}
			kpi_period_type type = kpi_period_type_from_name(d->period_type ? d->period_type : "");
			if (kpi_outname_period(d->as_at, type, names[i]) != 0)
				kpi_die_at(KPI_EXIT_DATA, d->where,
					   "as_at \"%s\" is not a canonical %s%speriod: no report file can be named after it",
					   d->as_at, type ? kpi_period_type_name(type) : "", type ? " " : "");
		}
		order[placed++] = i;
	}
	if (first_unplaced)
		kpi_warn_at(first_unplaced, "%zu record%s without as_at %s in no report (the first is here)",
			    n - placed, n - placed == 1 ? "" : "s", n - placed == 1 ? "is" : "are");
	for (size_t k = 0; k < e->n_as_at; k++) {
		size_t i = 0;
		while (i < n && !(inds->v[i].as_at && strcmp(inds->v[i].as_at, e->as_at[k]) == 0))
			i++;
		if (i < n)
			continue;
		/* main checked that it names a file */
		kpi_outname_period(e->as_at[k], KPI_PT_NONE, names[n + k]);
		order[placed++] = n + k;
	}
	sort_names = names;
	qsort(order, placed, sizeof *order, by_name);
	return placed;
}

size_t rnd_render_each(rnd_inds *inds, const rnd_each *e, rnd_render_fn render, const void *arg)
{
	size_t n = inds->n, room = n + e->n_as_at, failed;
	/* the councils chosen first: an --area no record has ends the run
	 * before anything else is allocated, and this at file scope, so that a
	 * leak checker still sees it then (a local the optimiser no longer
	 * holds at exit() reads as lost) */
	static char *chosen;
	chosen = NULL;
	if (e->by == RND_EACH_AREA) {
		chosen = kpi_xcalloc(n ? n : 1, 1);
		choose(inds, e->areas, e->n_areas, chosen);
	}
	size_t *order = kpi_xcalloc(room ? room : 1, sizeof *order);
	char(*names)[KPI_OUTNAME_BUFSZ] = kpi_xcalloc(room ? room : 1, sizeof *names);
	size_t placed = name_all(inds, e, chosen, names, order, &failed);
	free(chosen);
	chosen = NULL;
	const char *field = e->by == RND_EACH_AREA ? "area" : "as_at";
	rnd_inds group = {kpi_xcalloc(n ? n : 1, sizeof *group.v), 0, n};
	kpi_buf out = KPI_BUF_INIT, path = KPI_BUF_INIT;
	for (size_t i = 0; i < placed;) {
		const char *name = names[order[i]];
		group.n = 0;
		/* shallow copies: the group borrows the records' strings */
		for (; i < placed && strcmp(names[order[i]], name) == 0; i++)
			if (order[i] < n)
				group.v[group.n++] = inds->v[order[i]];
		if (e->list) {
			kpi_buf_printf(&out, "%s\t%s\n", name, group.v[0].area);
			continue;
		}
		kpi_buf_clear(&out);
		render(&out, &group, arg);
		kpi_buf_clear(&path);
		kpi_outname_fill(&path, e->template, field, name);
		kpi_atomic f;
		kpi_atomic_open(&f, path.data);
		kpi_atomic_write(&f, out.data, out.len);
		kpi_atomic_commit(&f);
	}
	if (e->list)
		kpi_out_buf(&out);
	kpi_buf_free(&out);
	kpi_buf_free(&path);
	free(group.v);
	free(names);
	free(order);
	return failed;
}
