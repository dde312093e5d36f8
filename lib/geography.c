/* geography.c: what kind of area a record is (see geography.h). */
#include "kpi/geography.h"
#include "kpi/la_changes.h"
#include "kpi/names.h"
#include <string.h>

const char *const kpi_area_level_fields[] = {"geographic_level", "geog_l", NULL};
const char *const kpi_area_code_fields[] = {"new_la_code", "area_code", "new_geog_code", "old_la_code", "la_number",
					    "geog_c", NULL};

static int given(const char *s)
{
	return s && *s;
}

static kpi_area_kind by_level(const char *level)
{
	return kpi_fold_eq(level, "national")                                      ? KPI_AREA_NATIONAL
	       : kpi_fold_eq(level, "regional") || kpi_fold_eq(level, "region")    ? KPI_AREA_REGIONAL
	       : kpi_fold_eq(level, "local authority") || kpi_fold_eq(level, "la") ? KPI_AREA_COUNCIL
										   : KPI_AREA_OTHER;
}

/* -1 when CODE says nothing of the kind (a code of another scheme) */
static int by_code(const char *code)
{
	size_t n = strlen(code);
	if (kpi_la_is_dfe_code(code, n))
		return strcmp(code, "999") == 0 ? KPI_AREA_NATIONAL : KPI_AREA_COUNCIL;
	if (kpi_la_is_ons_code(code, n)) {
		/* the ONS's entity codes: E92 a country, E12 a region (E15 its
		 * older name), E06-E11 and E13 the councils' (unitary, district,
		 * metropolitan, London borough, county, metropolitan county,
		 * inner and outer London), W06 a Welsh unitary authority */
		static const char *const council[] = {"E06", "E07", "E08", "E09", "E10", "E11", "E13", "W06"};
		if (strncmp(code, "E92", 3) == 0 || strncmp(code, "W92", 3) == 0)
			return KPI_AREA_NATIONAL;
		if (strncmp(code, "E12", 3) == 0 || strncmp(code, "E15", 3) == 0)
			return KPI_AREA_REGIONAL;
		for (size_t i = 0; i < sizeof council / sizeof *council; i++)
			if (strncmp(code, council[i], 3) == 0)
				return KPI_AREA_COUNCIL;
		return -1;
	}
	/* the older files' letters: E for England, a region's initials */
	if (strcmp(code, "E") == 0)
		return KPI_AREA_NATIONAL;
	if (n <= 3 && strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == n)
		return KPI_AREA_REGIONAL;
	return -1;
}

kpi_area_kind kpi_area_kind_of(const char *level, const char *code, const char *name)
{
	if (given(level))
		return by_level(level);
	int k = given(code) ? by_code(code) : -1;
	if (k >= 0)
		return (kpi_area_kind)k;
	return kpi_fold_eq(name, "england") ? KPI_AREA_NATIONAL : KPI_AREA_COUNCIL;
}
