/* cells.h: the value, numerator and denominator of a raw observation:
 * read from their fields and parsed to a number or a status; and the kind
 * of the indicator's unit the checks go by (checks.h).  The reading and the
 * plain decimal are inline: every record runs through them; the rest is
 * cells.c's. */
#ifndef NORMALISE_CELLS_H
#define NORMALISE_CELLS_H
#include "normalise.h"

/* A number cell: the parsed value, or a status, or -1 when it is neither. */
typedef struct {
	int present;          /* the field is there and not null */
	const kpi_field *field; /* the field it was read from */
	const char *text;     /* the text it was read from (into the record or line) */
	size_t len;
	kpi_value v;
} cell;

/* Reads field F (string, number or null; RAW, the value_raw of an earlier
 * run, wins when it is a string: idempotent) into C.  -1 on a bad type. */
static inline __attribute__((always_inline)) int read_cell(const kpi_field *raw, const kpi_field *f,
							   cell *c)
{
	c->present = 0;
	c->field = NULL;
	c->text = NULL;
	c->len = 0;
	c->v = (kpi_value){.status = KPI_ST_MISSING};
	if (raw && raw->type == KPI_JT_STRING)
		f = raw;
	if (!f || f->type == KPI_JT_NULL)
		return 0;
	c->field = f;
	if (f->type == KPI_JT_STRING) {
		c->text = f->str;
		c->len = f->str_len;
	} else if (f->type == KPI_JT_NUMBER) {
		c->text = f->raw;
		c->len = f->raw_len;
	} else {
		return -1;
	}
	c->present = 1;
	return 0;
}

/* The units the checks know, and the catalogue's year type, of entry E: the
 * last entry's are kept (records come indicator by indicator). */
enum { U_OTHER, U_COUNT, U_PERCENT, U_RATE_10K, U_RATE_100K, U_RATIO };

/* The kind of entry E (kpi_unit, kind_year) found and kept in NZ. */
void entry_kind_find(normaliser *nz, const kpi_cat_entry *e);
static inline void entry_kind(normaliser *nz, const kpi_cat_entry *e)
{
	if (!nz->kind_valid || e != nz->kind_entry)
		entry_kind_find(nz, e);
}

/* A cell's text that is not a plain decimal (cells.c): a number of any
 * form, a status, a duration; -1 with the reason. */
int parse_cell_other(normaliser *nz, const kpi_cat_entry *e, cell *c, const char *what,
			    kpi_buf *reason);

/* Value, numerator or denominator text to a number or status: a plain
 * decimal inline, anything else through parse_cell_other. */
static inline __attribute__((always_inline)) int parse_cell(normaliser *nz, const kpi_cat_entry *e,
							    cell *c, const char *what, kpi_buf *reason)
{
	if (!c->present)
		return 0;
	if (!nz->percent_fractions && kpi_value_parse_short(c->text, c->len, &c->v))
		return 0;
	return parse_cell_other(nz, e, c, what, reason);
}

#endif
