/* ingest.h: the parts of kpi-ingest. */
#ifndef KPI_INGEST_H
#define KPI_INGEST_H
#include <stddef.h>
#include "kpi/buf.h"
#include "kpi/csv.h"
#include "kpi/encoding.h"
#include "kpi/lines.h"
#include "kpi/record.h"
#include "kpi/run.h"
#include "kpi/tally.h"

/* The fields of a raw observation kpi-ingest sets, in contract order. */
enum role {
	R_INDICATOR, R_PERIOD, R_VALUE, R_NUMERATOR, R_DENOMINATOR, R_AREA, R_BREAKDOWN,
	R_COUNT
};
extern const char *const role_name[R_COUNT];
/* the role named NAME, or -1 */
int role_from_name(const char *name);

typedef enum { FMT_AUTO, FMT_CSV, FMT_TSV, FMT_NDJSON, FMT_JSON } in_format;
typedef enum { SHAPE_AUTO, SHAPE_LONG, SHAPE_WIDE } in_shape;

struct map_opt {
	int role;
	const char *column;
};
struct filter_opt {
	const char *column;
	const char *value;
};

/* --numerator MEASURE=COLUMN, --denominator MEASURE=COLUMN */
struct pair_opt {
	int role; /* R_NUMERATOR or R_DENOMINATOR */
	const char *measure, *column;
};

/* A list of column names from options such as --measures A,B (repeatable). */
typedef struct {
	char **name;
	size_t n;
} name_list;

typedef struct {
	in_format format;
	char delim;                /* 0: by format */
	kpi_encoding enc;
	in_shape shape;
	struct map_opt *map;
	size_t nmap;
	struct filter_opt *filter;
	size_t nfilter;
	int unmatched_warn;        /* --unmatched-filter warn: a value matching no row is said, not an error */
	name_list measures;        /* --measures COL,COL */
	int measures_all;
	struct pair_opt *pairs;
	size_t npairs;
	int no_auto_pairs;         /* --no-auto-pairs */
	name_list breakdown;       /* --breakdown COL,COL: fields of the breakdown object */
	name_list attribute;       /* --attribute COL,COL: passed through, never breakdown */
	const char *indicator_prefix;
	const char *period;        /* --period: the period of a file that has none */
	const char *ees_meta;      /* --ees-meta FILE */
	const char *records;       /* --records PATH of a JSON document */
	const char *released;      /* --released DATE: the release every record belongs to */
	kpi_run run;
	kpi_tally tally;           /* warnings, one line per cause (--verbose: each) */
} ingest_opts;

/* A usage error when --map names the indicator or value, which the measure
 * columns give: called once --measures is known (from the options, before
 * any input is read) or an EES file is melted (from its header). */
void check_map_melt(const ingest_opts *o);

/* A message lists at most this many names (the closest first) and counts the rest. */
enum { MAX_LISTED = 10 };

/* Output: records are built in OUT and written in large blocks. */
extern kpi_buf out;
void out_flush_if_full(void);
/* Write OUT now (before a message, so output and messages keep their order). */
void out_flush(void);

/* A bad record: flushes output, then kpi_run_reject. */
void reject(ingest_opts *o, const char *where, const char *reason, const char *line, size_t len);

/* --- rows of a table: a CSV/TSV file or the records of a JSON document ---- */
typedef struct rows rows;
typedef struct {
	/* 1: *row is the next row (the header first; valid until the next
	 * call); 0: the end; -1: a bad row (error() says why, where() where) */
	int (*next)(rows *r, kpi_csv_row **row);
	/* where the last row (or error) is: "FILE:LINE", "FILE#/records/3" */
	const char *(*where)(rows *r);
	const char *(*error)(rows *r);
	/* the last row's text, for --rejects */
	const char *(*raw)(rows *r, size_t *len);
	/* can the rows be read again (a regular file, a document in memory)? */
	int (*rewindable)(rows *r);
	/* 0: the next row is the first after the header again; -1: cannot */
	int (*rewind)(rows *r);
	void (*close)(rows *r);
} rows_ops;

struct rows {
	const rows_ops *ops;
	const char *file;        /* FILE, as messages name it */
	/* What goes between FILE and a row's number in "source": ":" for a line
	 * of a CSV file, "#/result/records/" for a record of a JSON document.
	 * A JSON string's inside (escaped, no quotes). */
	const char *at_json;
	int cell_by_key;         /* a wide row's cell is ".../17/KEY", not "...:LINE:COLUMN" */
};

/* rows.c: the rows of a CSV/TSV file (FIRST is its first non-blank line, already read). */
rows *csv_rows_open(kpi_lines *in, char delim, kpi_encoding enc, char *first, size_t first_len);

/* json_in.c: the records of a JSON document as rows (NULL when the document
 * has none); exits on a document that cannot be read. */
rows *json_rows_open(ingest_opts *o, kpi_lines *in, char *first, size_t first_len);
/* Is the input a JSON document rather than NDJSON?  (FIRST: its first
 * non-blank line; BY_NAME: it is named *.json.) */
int json_is_document(ingest_opts *o, const char *first, size_t n, int by_name);

/* table.c: one table (its header, then rows) to raw observations. */
void ingest_rows(ingest_opts *o, rows *src);
/* ndjson_in.c: one NDJSON file. */
void ingest_ndjson(ingest_opts *o, kpi_lines *in, char *first, size_t first_len);

/* header.c: naming and recognising columns */
/* Does header text S look like a period ("Apr-16", "2019/20", "2007", "Q1 2019")? */
int looks_like_period(const char *s, size_t n);
/* Does cell S look like a measure value (a number, or a DfE/GSS symbol:
 * c, x, z, u, k, low, :, .., ., the same in brackets, 12u)? */
int looks_like_measure(const char *s, size_t n);
/* A header that ends in a period ("Number achieving Level 4 2007",
 * "CLA_Mar2014", "CLA_stp2014"): 1 with *PERIOD_AT the start of the period
 * text (to the end: "2007", "Mar2014", "2014") and *YEAR_AT the start of its
 * year ("2007", "2014", "2014"); 0 when it does not end in one, or is one. */
int header_period(const char *s, size_t n, size_t *period_at, size_t *year_at);
/* S without leading and trailing spaces and tabs. */
void trim(const char **s, size_t *n);

#endif
