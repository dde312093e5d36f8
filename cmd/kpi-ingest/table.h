/* table.h: one table being read (table.c reads, plan.c decides what each
 * column is, profile.c learns the columns, filter.c keeps --filter, meta.c
 * reads EES metadata). */
#ifndef KPI_INGEST_TABLE_H
#define KPI_INGEST_TABLE_H
#include "kpi/strtab.h"
#include "ingest.h"

/* Where an output field's text comes from, when not a plain column. */
enum {
	SRC_EES_AREA = -10,   /* the row's most specific non-empty EES name column */
	SRC_CUR_CELL = -11,   /* the measure or period cell */
	SRC_CUR_LABEL = -12,  /* the measure's indicator, or the period of a wide cell */
	SRC_CUR_PERIOD = -13, /* the period in the measure's header (or the file's, or --period) */
	SRC_BREAKDOWN = -14,  /* the breakdown object */
	SRC_META_LABEL = -15, /* EES metadata of the measure: label, unit, decimal places */
	SRC_META_UNIT = -16,
	SRC_META_DP = -17,
	SRC_OPT_PERIOD = -18, /* --period, for a long file without periods */
	SRC_CUR_NUMERATOR = -19,   /* the measure's numerator column (pairs.c) */
	SRC_CUR_DENOMINATOR = -20, /* the measure's denominator column */
};

/* What a column is. */
enum col_kind {
	K_PASS,      /* passed through under its name */
	K_ROLE,      /* indicator, period, value... (t->role) */
	K_CUR,       /* a measure (melt) or a period (wide): one observation per cell */
	K_BREAKDOWN, /* a field of the breakdown object */
	K_GEO,       /* geography or time: passed through, never a measure or breakdown */
	K_NONE,      /* no name and empty on every row: not written */
};

/* --breakdown and --attribute */
enum { FORCE_NONE, FORCE_BREAKDOWN, FORCE_ATTRIBUTE };

/* What the rows (the whole file, or the first rows of a pipe) showed of a column. */
typedef struct {
	char *first;          /* its first cell */
	size_t first_len;
	unsigned char seen;   /* a row has been seen */
	unsigned char varies; /* a later cell differs from the first */
	unsigned char measure_like; /* every cell a number, symbol or empty */
} col_profile;

/* A column's line in the EES metadata file. */
typedef struct {
	int type;             /* 0 not listed, 'F' Filter, 'I' Indicator */
	char *label, *unit, *dp; /* JSON strings */
	size_t label_len, unit_len, dp_len;
} col_meta;

typedef struct {
	int col;        /* column, or SRC_* */
	char *key;      /* "\"name\":" */
	size_t key_len;
	int trim;       /* the area: written trimmed ("North East " in old DfE files) */
} plan_field;

/* What is known of one column. */
typedef struct {
	char *raw;             /* the header cell as written */
	size_t raw_len;
	char *name;            /* unique snake_case name */
	int role;              /* its role, or -1 */
	int kind;              /* enum col_kind */
	int force;             /* FORCE_* */
	int is_filter;         /* named by a --filter */
	char *label;           /* JSON string for SRC_CUR_LABEL */
	size_t label_len;
	char *period;          /* JSON string for SRC_CUR_PERIOD (a measure), or NULL */
	size_t period_len;
	char *cell_sfx;        /* a wide cell's source after the row: ":3" or "/KEY" */
	size_t cell_sfx_len;
	char *bd_key;          /* "\"name\":" as a breakdown field */
	size_t bd_key_len;
	col_meta meta;         /* its line in the EES metadata */
	int num_col, den_col;  /* a measure's numerator and denominator columns, or -1 (pairs.c) */
	int base_only;         /* the base of a rate (pairs.c): no records of its own */
	col_profile prof;      /* what the rows showed of it (a melt) */
} column;

/* --filter: per option, how many rows matched; per column, the values seen
 * while some value of it had matched none (for the message). */
typedef struct {
	int *col;                  /* column of each --filter (CSV) */
	unsigned long long *hits;  /* rows whose column had this --filter's value */
	kpi_strtab *seen;          /* by --filter: values present (kept on the first of a column) */
	int *seen_full;            /* too many distinct values to keep them all */
	const char **val;          /* scratch: this row's value of each --filter's column */
	size_t *len;
	unsigned long long rows, passed;
} filter_state;

/* A pipe's first rows are held until the columns are known. */
enum { SAMPLE_ROWS = 1000 };

typedef struct {
	ingest_opts *o;
	rows *src;
	const char *file;
	char *header_where;    /* FILE:LINE of the header, for messages */
	size_t n;              /* columns */
	column *col;
	int *bd_cols;          /* the breakdown fields' columns, in order */
	size_t nbd;
	char *opt_period;      /* --period as a JSON string, for SRC_OPT_PERIOD */
	size_t opt_period_len;
	int has_meta;          /* EES metadata was read (col[].meta) */
	char *meta_path;
	int profiled;          /* col[].prof is being filled */
	int role_col[R_COUNT];
	int ees;               /* time_period and geographic_level */
	int melt, wide;
	int header_periods;    /* a melt whose periods come from its headers */
	int *area_cols;        /* EES area candidates */
	size_t narea;
	int *check_const;      /* a pipe: columns judged constant from the first rows */
	size_t ncheck;
	int broken;            /* a pipe broke a constant column (--keep-going: the rest is rejected) */
	char *broken_reason;
	unsigned long long broken_rows;
	int has_num, has_den;  /* some measure has a numerator, a denominator column */
	plan_field *plan;
	size_t nplan;
	int planned;
	kpi_csv_row **held;    /* rows held back until the plan is made */
	size_t nheld;
	char *source_key;      /* "\"source\":\"FILE:" */
	size_t source_key_len;
	filter_state fs;
} table;

/* column_names.c */
/* t->col[i].name for every column: snake_case of its header cell, column_N
 * for an empty one, _2 _3 ... for duplicates (one warning naming them). */
void name_columns(table *t);

/* emit.c */
/* One record: the plan over ROW, CUR being the measure or period column
 * (-1 for a long row). */
void emit(table *t, kpi_csv_row *row, int cur);

/* plan.c */
/* Column kinds from the header alone: roles, --map, --breakdown/--attribute,
 * --filter columns, geography; and whether the file is EES, long, wide or a melt. */
void plan_header(table *t);
/* Does deciding the columns need the rows (a melt without metadata)? */
int plan_needs_profile(const table *t);
/* Decides measures and breakdown fields (from t->prof when profiled) and
 * builds the plan. */
void make_plan(table *t);
void plan_free(table *t);

/* pairs.c: each measure's numerator and denominator columns (col[].num_col,
 * den_col), from --numerator/--denominator and the names of a percentage and
 * its count; exits when an option names a column that is not there. */
void find_pairs(table *t);

/* columns.c */
/* The column TEXT names (its snake_case name, or its header or name folded), or -1. */
int find_column(table *t, const char *text);
/* Column TEXT named by option OPT; when it is not there, exit 1 (bad data,
 * whichever the option) naming the closest columns. */
int column_or_die(table *t, const char *opt, const char *text);
/* The names of the columns, closest to TEXT first, onto B */
void columns_present(table *t, kpi_buf *b, const char *text);
/* "FILE:LINE" of the header */
const char *header_at(table *t);
/* Column C plays role R (a later --map of R wins). */
void set_role(table *t, int r, int c);
/* Roles from --map, the EES names and the synonyms; the area of an older
 * DfE table from its unnamed column after a code. */
void find_roles(table *t);
/* Is column I a place (a geography column of the EES standard or of older
 * tables, or one named like an area)? */
int is_geography(table *t, size_t i);
/* Identifiers hold digits but are never measures: codes, names, ids. */
int never_measure(const char *name);
/* The header of a wide file; its period columns (K_CUR, labelled). */
int header_is_wide(table *t);
void choose_wide(table *t);
/* A header with no value, indicator or period column whose cells carry years. */
int header_carries_years(table *t);
/* The EES name columns, most specific first, into t->area_cols. */
void find_ees_areas(table *t);
/* S (trimmed) as a JSON string, PREFIX before it; malloc'd, length in *LEN. */
char *json_text(const char *prefix, const char *s, size_t n, size_t *len);

/* profile.c */
void profile_start(table *t);
void profile_add(table *t, const kpi_csv_row *row);
void profile_free(table *t);

/* filter.c (the CSV side; the NDJSON side keeps its own state through the same calls) */
void filters_start(filter_state *fs, const ingest_opts *o);
/* Does a row whose --filter columns hold VALUE[f] pass?  Counts the hits. */
int filters_pass_row(filter_state *fs, const ingest_opts *o, const kpi_csv_row *row);
/* The same for an NDJSON record. */
int filters_pass_record(filter_state *fs, const ingest_opts *o, const kpi_record *rec);
/* At the end of a file: a --filter that matched no row is an error (exit 1)
 * naming the values present. */
void filters_finish(filter_state *fs, const ingest_opts *o, const char *file);
void filters_free(filter_state *fs, const ingest_opts *o);

/* meta.c: the EES metadata of T's file (NAME.meta.csv beside it, or
 * --ees-meta); sets t->meta, or leaves it NULL when there is none. */
void meta_load(table *t);
void meta_free(table *t);

#endif
