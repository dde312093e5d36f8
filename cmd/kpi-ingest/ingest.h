/* ingest.h: the parts of kpi-ingest. */
#ifndef KPI_INGEST_H
#define KPI_INGEST_H
#include <stddef.h>
#include "kpi/buf.h"
#include "kpi/encoding.h"
#include "kpi/lines.h"
#include "kpi/run.h"

/* The fields of a raw observation kpi-ingest sets, in contract order. */
enum role {
	R_INDICATOR, R_PERIOD, R_VALUE, R_NUMERATOR, R_DENOMINATOR, R_AREA, R_BREAKDOWN,
	R_COUNT
};
extern const char *const role_name[R_COUNT];
/* the role named NAME, or -1 */
int role_from_name(const char *name);

typedef enum { FMT_AUTO, FMT_CSV, FMT_TSV, FMT_NDJSON } in_format;
typedef enum { SHAPE_AUTO, SHAPE_LONG, SHAPE_WIDE } in_shape;

struct map_opt {
	int role;
	const char *column;
};
struct filter_opt {
	const char *column;
	const char *value;
};

typedef struct {
	in_format format;
	char delim;                /* 0: by format */
	kpi_encoding enc;
	in_shape shape;
	struct map_opt *map;
	size_t nmap;
	struct filter_opt *filter;
	size_t nfilter;
	char **measure;            /* --measures COL,COL */
	size_t nmeasure;
	int measures_all;
	const char *indicator_prefix;
	kpi_run run;
} ingest_opts;

/* A usage error when --map names the indicator or value, which the measure
 * columns give: called once --measures is known (from the options, before
 * any input is read) or an EES file is melted (from its header). */
void check_map_melt(const ingest_opts *o);

/* Output: records are built in OUT and written in large blocks. */
extern kpi_buf out;
void out_flush_if_full(void);
/* Write OUT now (before a message, so output and messages keep their order). */
void out_flush(void);

/* A bad record: flushes output, then kpi_run_reject. */
void reject(ingest_opts *o, const char *where, const char *reason, const char *line, size_t len);

/* One CSV/TSV file from IN (FIRST is the first non-blank line, already read). */
void ingest_table(ingest_opts *o, kpi_lines *in, char delim, char *first, size_t first_len);
/* One NDJSON file. */
void ingest_ndjson(ingest_opts *o, kpi_lines *in, char *first, size_t first_len);

/* header.c: naming and recognising columns */
/* Does header text S look like a period ("Apr-16", "2019/20", "2007", "Q1 2019")? */
int looks_like_period(const char *s, size_t n);
/* Does cell S look like a measure value (a number, or a suppression symbol)? */
int looks_like_measure(const char *s, size_t n);
/* S without leading and trailing spaces and tabs. */
void trim(const char **s, size_t *n);

#endif
