/* compare.h: kpi-flag's comparisons with other areas of the same input
 * (--compare england,region,neighbours; contract §4a `comparators` and
 * `rank`; methods.md D, D.2 and F) and the statistical-neighbour model
 * they read (neighbours.c). */
#ifndef KPI_FLAG_COMPARE_H
#define KPI_FLAG_COMPARE_H
#include <stddef.h>
#include "kpi/csv.h"
#include "kpi/interval.h"
#include "kpi/period.h"

/* The DfE statistical-neighbour model: each council's neighbours by code. */
#define KPI_SN_MAX 10
typedef struct {
	char *code;               /* 3 digits, "358" */
	char *fold;               /* la_name folded, or NULL */
	char *sn[KPI_SN_MAX];     /* the neighbours' codes, closest first */
	int n;
} sn_council;
typedef struct sn_model sn_model;

/* Loads PATH (old_la_code, la_name, SN_1 .. SN_10); bad data exits 1. */
sn_model *sn_model_load(const char *path);
void sn_model_free(sn_model *m);
/* The council with CODE ("358", "1" is "001"), else, when CODE is not a
 * code, the council named NAME (folded); NULL when none. */
const sn_council *sn_model_find(const sn_model *m, const char *code, const char *name);

/* Reads the CSV PATH for --neighbours and --regions (neighbours.c): lines
 * starting with # are comments, the header finds NAMES (the first REQUIRED
 * of them must be there; WHAT names the file in a message), and each row
 * goes to READ_ROW(INTO, ...), which returns -1 with a message in ERR for a
 * bad one.  Bad data, or no rows (COUNT(INTO) 0: the message EMPTY), ends
 * the tool with exit 1 naming the file and line; 0 otherwise. */
int flag_csv_load(const char *path, const char *const *names, int n_names, int required, const char *what,
		  const char *empty, int (*read_row)(void *into, const kpi_csv_row *row, const int *col,
						     char *err, size_t errsz),
		  void *into, size_t (*count)(const void *into));

/* --regions FILE (regions.c): each council's region, for a record without
 * region_name. */
typedef struct la_regions la_regions;
/* Loads PATH (old_la_code, new_la_code, la_name, region_code, region_name;
 * # comments); bad data exits 1. */
la_regions *la_regions_load(const char *path);
void la_regions_free(la_regions *m);
/* The region_name of the council with DFE_CODE, else ONS_CODE, else NAME
 * (folded); NULL when none (any argument may be NULL). */
const char *la_regions_find(const la_regions *m, const char *dfe_code, const char *ons_code, const char *name);

/* The kinds --compare takes. */
enum { CMP_ENGLAND = 1, CMP_REGION = 2, CMP_NEIGHBOURS = 4 };
#define CMP_KINDS 3

/* One entry of `comparators`. */
typedef struct {
	const char *kind;             /* "england", "region", "neighbours" */
	const char *area;             /* the area's name as in the data; "statistical neighbours" */
	int has_period;
	char period[KPI_PERIOD_BUFSZ];
	int has_value;
	double value;
	int n;                        /* neighbours with a value; -1 for the other kinds */
	kpi_comparison cmp;
	const char *method;           /* "interval", "value", or NULL when not compared */
} flag_comparator;

/* `rank`: position among the councils with a value, of how many, band A-D. */
typedef struct {
	int has;
	size_t position, of;
	char quartile;
} flag_rank;

/* --compare LIST: the CMP_* bits, or -1 when a word is not one of them. */
int compare_parse_kinds(const char *list);

#endif
