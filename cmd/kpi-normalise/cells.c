/* cells.c: the value, numerator and denominator of a raw observation
 * beyond the plain decimal of cells.h: statuses, numbers of any form,
 * durations, percentages written as fractions; and the kind of an entry's
 * unit and year type, kept for the next record. */
#include "cells.h"
#include <string.h>

static int unit_is(const kpi_cat_entry *e, const char *unit)
{
	return e && strcmp(e->unit, unit) == 0;
}

void entry_kind_find(normaliser *nz, const kpi_cat_entry *e)
{
	static const char *const units[] = {"", "count", "percent", "rate_per_10k", "rate_per_100k", "ratio"};
	nz->kind_unit = U_OTHER;
	for (int u = U_COUNT; u <= U_RATIO; u++)
		if (unit_is(e, units[u]))
			nz->kind_unit = u;
	nz->kind_year = e && strcmp(e->year_type, "academic") == 0    ? (int)KPI_YEAR_ACADEMIC
			: e && strcmp(e->year_type, "financial") == 0 ? (int)KPI_YEAR_FINANCIAL
								      : -1;
	nz->kind_entry = e;
	nz->kind_valid = 1;
}

int parse_cell_other(normaliser *nz, const kpi_cat_entry *e, cell *c, const char *what,
			    kpi_buf *reason)
{
	if (kpi_value_parse_short(c->text, c->len, &c->v) || kpi_value_parse(c->text, c->len, &c->v) == 0) {
		if (nz->percent_fractions && kpi_value_known(&c->v) && unit_is(e, "percent") &&
		    !c->v.percent_sign && strcmp(what, "value") == 0) {
			c->v.value *= 100;
			c->v.decimals -= 2;
			c->v.shortest = 0; /* the text is no longer the number's */
		}
		return 0;
	}
	if (kpi_duration_like(c->text, c->len)) {
		kpi_duration_unit u;
		if (!e || unit_is(e, "days")) /* a duration the catalogue does not know: days */
			u = KPI_DUR_DAYS;
		else if (unit_is(e, "weeks"))
			u = KPI_DUR_WEEKS;
		else {
			kpi_buf_printf(reason, "%s '%.*s' is a duration (%s) but the indicator's unit is %s, "
				       "not days or weeks", what, (int)c->len, c->text,
				       nz->duration_form == KPI_DUR_YY_MM ? "years:months" : "months:days",
				       e->unit);
			return -1;
		}
		if (kpi_duration_parse(c->text, c->len, nz->duration_form, u, &c->v.value) == 0) {
			c->v.status = KPI_ST_OK;
			c->v.decimals = 0;
			return 0;
		}
		kpi_buf_printf(reason, "%s '%.*s' is not a valid duration (%s)", what, (int)c->len,
			       c->text, nz->duration_form == KPI_DUR_YY_MM ? "years:months, months 0-11"
									 : "months:days, days 0-30");
		return -1;
	}
	kpi_buf_printf(reason, "%s '%.*s' is not a number or a status "
		       "(suppressed c, not_available x : .., not_applicable z ., rounds_to_zero "
		       "low k, low_reliability 12u, missing NA n/a, error #VALUE! #DIV/0!; "
		       "[c] [x] [z] [low] [u] [k])", what, (int)c->len, c->text);
	return -1;
}
