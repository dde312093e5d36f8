/* Unit tests: lib/geography.c, the kind of an area from its level, its
 * code or its name. */
#include "kpi/geography.h"
#include "tap.h"
#include <string.h>

static const char *kind_name(kpi_area_kind k)
{
	return k == KPI_AREA_COUNCIL ? "council" : k == KPI_AREA_NATIONAL ? "national"
					      : k == KPI_AREA_REGIONAL  ? "regional"
									: "other";
}

static void kind(const char *level, const char *code, const char *name, const char *want)
{
	is_str(kind_name(kpi_area_kind_of(level, code, name)), want, "level '%s', code '%s', name '%s' -> %s",
	       level ? level : "(null)", code ? code : "(null)", name ? name : "(null)", want);
}

int main(void)
{
	/* the level decides when there is one: the EES words, the older files' */
	kind("National", NULL, "England", "national");
	kind("Regional", "E12000002", "North West", "regional");
	kind("Local authority", "E08000009", "Trafford", "council");
	kind("LOCAL AUTHORITY", NULL, "Trafford", "council");
	kind("NATIONAL", "999", "ENGLAND", "national");
	kind("REGION", "B", "NORTH WEST", "regional");
	kind("LA", "358", "Trafford", "council");
	kind("Local authority district", "E08000009", "Trafford", "other");
	kind("Ward", NULL, "Hale", "other");
	/* a level wins over the code and the name */
	kind("Regional", "358", "England", "regional");
	/* without a level, the code: DfE numbers and the ONS's entity codes */
	kind(NULL, "358", "Trafford", "council");
	kind("", "358", "Trafford", "council");
	kind(NULL, "999", "ENGLAND", "national");
	kind(NULL, "E92000001", "England", "national");
	kind(NULL, "E12000002", "North West", "regional");
	kind(NULL, "E15000002", "North West", "regional");
	kind(NULL, "E06000001", "Hartlepool", "council");
	kind(NULL, "E07000008", "Cambridge", "council");
	kind(NULL, "E08000009", "Trafford", "council");
	kind(NULL, "E09000006", "Bromley", "council");
	kind(NULL, "E10000009", "Dorset", "council");
	kind(NULL, "E11000001", "Greater Manchester", "council");
	kind(NULL, "E13000001", "Inner London", "council");
	kind(NULL, "W06000015", "Cardiff", "council");
	/* the KS2 2007-2011 file's la_number: E, a region's letters */
	kind(NULL, "E", "England", "national");
	kind(NULL, "NE", "North East", "regional");
	kind(NULL, "YH", "Yorks & the Humber", "regional");
	kind(NULL, "L", "London", "regional");
	kind(NULL, "IL", "Inner London", "regional");
	/* a code of another scheme says nothing: the name decides */
	kind(NULL, "E05000001", "A ward", "council");
	kind(NULL, "T01", "North team", "council");
	kind(NULL, "ne", "North East", "council");
	kind(NULL, "NEWS", "North East", "council");
	kind(NULL, "35", "Trafford", "council");
	/* neither: England by its name, every other area a council */
	kind(NULL, NULL, "England", "national");
	kind(NULL, NULL, "ENGLAND", "national");
	kind(NULL, "", " england ", "national");
	kind(NULL, NULL, "Trafford", "council");
	kind(NULL, NULL, NULL, "council");
	kind(NULL, NULL, "", "council");
	/* the field lists: level first geographic_level, code first new_la_code */
	is_str(kpi_area_level_fields[0], "geographic_level", "level fields start with geographic_level");
	is_str(kpi_area_code_fields[0], "new_la_code", "code fields start with new_la_code");
	size_t n = 0;
	while (kpi_area_code_fields[n])
		n++;
	ok(n == 6 && strcmp(kpi_area_code_fields[n - 1], "geog_c") == 0, "six code fields, geog_c last");
	return tap_done();
}
