/* geography.h: what kind of area a record is (England, a region, a
 * council), from the EES standard's fields or an older DfE file's.
 *
 * kpi-flag (--compare: councils are ranked, England and the regions are
 * comparators) and kpi-render (--each-area: one report per council) ask the
 * same question of the same fields; this is the one answer.
 *
 *   const char *level = NULL, *code = NULL;
 *   for (size_t i = 0; kpi_area_level_fields[i] && !level; i++)
 *       level = nonempty(get(rec, kpi_area_level_fields[i]));
 *   ... likewise code over kpi_area_code_fields ...
 *   if (kpi_area_kind_of(level, code, area) == KPI_AREA_COUNCIL) ...
 */
#ifndef KPI_GEOGRAPHY_H
#define KPI_GEOGRAPHY_H

typedef enum { KPI_AREA_COUNCIL, KPI_AREA_NATIONAL, KPI_AREA_REGIONAL, KPI_AREA_OTHER } kpi_area_kind;

/* The fields that say an area's level, first found first: the EES
 * standard's geographic_level, then geog_l (NATIONAL, REGION, LA) of the
 * DfE's older underlying-data files (SFR36 of 2014). NULL-terminated. */
extern const char *const kpi_area_level_fields[];
/* The fields that hold an area's code, first found first: the ONS code
 * (new_la_code; area_code of Fingertips-style files, new_geog_code of the
 * older DfE files), then the DfE's 3-digit
 * code (old_la_code; la_number and geog_c of the older files, which write
 * a region's letters there: NE, YH, L). NULL-terminated. */
extern const char *const kpi_area_code_fields[];

/* The kind of the area NAME, from LEVEL (a level field's value) when it is
 * given: National, Regional or Region, Local authority or LA (case and
 * spaces aside), else KPI_AREA_OTHER (a ward, a parliamentary constituency).
 * Without LEVEL, from CODE (a code field's value) when it is given: a
 * 3-digit DfE code or a council's ONS code (E06-E11, E13, W06) is a
 * council, E92000001, 999 or E is England, a region's ONS code (E12, E15)
 * or letters (NE, YH) a region. Without either, England by its name and
 * every other area a council. Any argument may be NULL or empty. */
kpi_area_kind kpi_area_kind_of(const char *level, const char *code, const char *name);

#endif
