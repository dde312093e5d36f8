/* warnings.c: one line per cause (warnings.h). */
#include "warnings.h"
#include <string.h>
#include "kpi/diag.h"
#include "kpi/names.h"

enum { LISTED = 5 };  /* names a summary line shows before "and N more" */

static void cause_free(nz_cause *c)
{
	kpi_buf_free(&c->names);
	kpi_buf_free(&c->first);
}

void warnings_init(nz_warnings *w)
{
	memset(w, 0, sizeof *w);
	kpi_strtab_init(&w->seen);
}

void warnings_free(nz_warnings *w)
{
	kpi_strtab_free(&w->seen);
	kpi_buf_free(&w->last);
	kpi_buf_free(&w->scratch);
	cause_free(&w->unknown);
	cause_free(&w->unit);
	cause_free(&w->same);
}

/* 1 when KEY[0..n) was seen before; else remembers it. */
static int seen_before(nz_warnings *w, const char *key, size_t n)
{
	if (kpi_strtab_find(&w->seen, key, n))
		return 1;
	kpi_strtab_add(&w->seen, key, n);
	return 0;
}

/* Counts one more of cause C; the first few name[0..n) are listed. */
static void count(nz_cause *c, const char *where, const char *name, size_t n)
{
	if (!c->count++)
		kpi_buf_adds(&c->first, where);
	if (name && c->listed < LISTED) {
		if (c->listed++)
			kpi_buf_adds(&c->names, ", ");
		kpi_buf_add(&c->names, name, n);
	}
}

void warn_unknown(nz_warnings *w, const char *name, size_t n, const char *where)
{
	if (w->last.data && w->last.len == n && memcmp(w->last.data, name, n) == 0)
		return; /* the same text as the last one: counted already */
	kpi_buf_clear(&w->last);
	kpi_buf_add(&w->last, name, n);
	kpi_fold_name(&w->scratch, name, n);
	kpi_buf_addc(&w->scratch, '\x1e'); /* not a unit mismatch's key */
	if (seen_before(w, w->scratch.data, w->scratch.len))
		return;
	if (w->verbose) {
		kpi_warn_at(where, "unknown indicator '%.*s' (not in the catalogue %s): "
			    "unit and polarity are null", (int)n, name, w->catalogue_path);
		return;
	}
	kpi_buf_clear(&w->scratch);
	kpi_buf_printf(&w->scratch, "'%.*s'", (int)n, name);
	count(&w->unknown, where, w->scratch.data, w->scratch.len);
}

void warn_unit(nz_warnings *w, const char *name, size_t n, kpi_col_class cls,
	       const kpi_cat_entry *e, const char *where)
{
	kpi_buf_clear(&w->scratch);
	kpi_buf_add(&w->scratch, name, n);
	kpi_buf_addc(&w->scratch, '\x1f');
	kpi_buf_adds(&w->scratch, e->id);
	if (seen_before(w, w->scratch.data, w->scratch.len))
		return;
	kpi_buf_clear(&w->scratch);
	kpi_buf_printf(&w->scratch, "'%.*s' is %s, not catalogue indicator '%s' (%s)", (int)n, name,
		       kpi_column_class_name(cls), e->id, e->unit);
	if (w->verbose) {
		kpi_warn_at(where, "%s: passed as an unknown indicator", w->scratch.data);
		return;
	}
	count(&w->unit, where, w->scratch.data, w->scratch.len);
}

void warn_same_duplicate(nz_warnings *w, const char *where, const char *earlier, const char *id,
			 const char *period)
{
	if (w->verbose) {
		kpi_warn_at(where, "duplicate of %s (%s, period %s) with the same value: passed once",
			    earlier, id, period);
		return;
	}
	if (!w->same.count)
		kpi_buf_printf(&w->same.names, "%s, duplicate of %s (%s, period %s)", where, earlier, id,
			       period);
	count(&w->same, where, NULL, 0);
}

static const char *more(kpi_buf *b, const nz_cause *c)
{
	kpi_buf_clear(b);
	if (c->count > c->listed)
		kpi_buf_printf(b, " and %lu more", c->count - c->listed);
	kpi_buf_reserve(b, 0);
	return b->data ? b->data : "";
}

void warnings_flush(nz_warnings *w)
{
	kpi_buf m = KPI_BUF_INIT;
	if (w->unknown.count)
		kpi_warn("%lu indicator%s not in the catalogue %s (unit and polarity null): %s%s; "
			 "first at %s", w->unknown.count, w->unknown.count == 1 ? "" : "s",
			 w->catalogue_path, w->unknown.names.data, more(&m, &w->unknown),
			 w->unknown.first.data);
	if (w->unit.count)
		kpi_warn("%lu column%s whose unit does not fit the catalogue indicator %s, "
			 "passed as unknown: %s%s; first at %s", w->unit.count,
			 w->unit.count == 1 ? "" : "s", w->unit.count == 1 ? "it names" : "they name",
			 w->unit.names.data, more(&m, &w->unit), w->unit.first.data);
	if (w->same.count)
		kpi_warn("%lu duplicate%s with the same value passed once; first at %s",
			 w->same.count, w->same.count == 1 ? "" : "s", w->same.names.data);
	kpi_buf_free(&m);
	nz_cause *all[] = {&w->unknown, &w->unit, &w->same};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		all[i]->count = all[i]->listed = 0;
		kpi_buf_clear(&all[i]->names);
		kpi_buf_clear(&all[i]->first);
	}
}
