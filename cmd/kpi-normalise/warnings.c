/* warnings.c: kpi-normalise's warnings through lib/tally.c (warnings.h). */
#include "warnings.h"
#include <string.h>
#include "kpi/diag.h"
#include "kpi/names.h"

void warnings_init(nz_warnings *w)
{
	memset(w, 0, sizeof *w);
	kpi_strtab_init(&w->seen);
	kpi_tally_init(&w->tally, 0);
}

void warnings_free(nz_warnings *w)
{
	kpi_strtab_free(&w->seen);
	kpi_buf_free(&w->last);
	kpi_buf_free(&w->scratch);
	kpi_buf_free(&w->item);
	kpi_tally_free(&w->tally);
}

/* 1 when KEY[0..n) was seen before; else remembers it. */
static int seen_before(nz_warnings *w, const char *key, size_t n)
{
	if (kpi_strtab_find(&w->seen, key, n))
		return 1;
	kpi_strtab_add(&w->seen, key, n);
	return 0;
}

/* One warning of cause MESSAGE about w->item; verbose is read here, as the
 * caller sets it after warnings_init. */
static void add(nz_warnings *w, const char *where, const char *message)
{
	w->tally.verbose = w->verbose;
	kpi_tally_add_item(&w->tally, where, message, kpi_buf_str(&w->item));
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
	kpi_buf_clear(&w->scratch);
	kpi_buf_printf(&w->scratch, w->left_out ? "indicator not in the catalogue %s, left out"
				: "indicator not in the catalogue %s (unit and polarity null)",
		       w->catalogue_path);
	kpi_buf_clear(&w->item);
	kpi_buf_printf(&w->item, "'%.*s'", (int)n, name);
	add(w, where, kpi_buf_str(&w->scratch));
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
	kpi_buf_clear(&w->item);
	kpi_buf_printf(&w->item, "'%.*s' is %s, not catalogue indicator '%s' (%s)", (int)n, name,
		       kpi_column_class_name(cls), e->id, e->unit);
	add(w, where, w->left_out ? "column whose unit does not fit the catalogue indicator it names, left out"
			: "column whose unit does not fit the catalogue indicator it names, passed as unknown");
}

void warn_same_duplicate(nz_warnings *w, const char *where, const char *earlier, const char *id,
			 const char *period)
{
	kpi_buf_clear(&w->item);
	kpi_buf_printf(&w->item, "%s (%s, period %s)", earlier, id, period);
	add(w, where, "duplicate with the same value as an earlier record, passed once");
}

void warnings_flush(nz_warnings *w)
{
	kpi_tally_flush(&w->tally);
	if (w->n_left_out)
		kpi_warn("%llu %s left out by --catalogued-only: %s not in the catalogue %s",
			 w->n_left_out, w->n_left_out == 1 ? "record" : "records",
			 w->n_left_out == 1 ? "its indicator is" : "their indicators are",
			 w->catalogue_path);
	w->n_left_out = 0; /* printed once */
}
