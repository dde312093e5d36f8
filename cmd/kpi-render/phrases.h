/* phrases.h: the words of a report as data (kpi-phrases(5)).
 *
 * Every generated sentence, heading and label is a phrase: an id, the
 * pattern it belongs to, and a template with named slots,
 *   p1.rose = {subject} rose from {from_value} in {from_period} to {to_value} in {to_period}.
 * The templates come from share/phrases/en-GB.phrases (installed in
 * DATADIR/phrases), and --phrases FILE replaces any of them.  The code
 * chooses a phrase by its id and fills its slots:
 *   RND_SAY(&b, PH_P1_ROSE, {S_SUBJECT, name}, {S_FROM_VALUE, "6.5% (2)"}, ...);
 */
#ifndef KPI_RENDER_PHRASES_H
#define KPI_RENDER_PHRASES_H
#include <stddef.h>
#include <stdint.h>
#include "kpi/buf.h"

/* The slots a template may name, "{subject}" etc. (slot_names in phrases.c). */
typedef enum {
	S_SUBJECT, S_VALUE, S_PERIOD, S_FROM_VALUE, S_FROM_PERIOD, S_TO_VALUE, S_TO_PERIOD,
	S_FROM, S_START, S_DIFFERENCE, S_TARGET, S_DUE, S_MET, S_COUNT, S_COUNTED, S_N,
	S_NOUN, S_PERIODS, S_WINDOW, S_THRESHOLD, S_AS_AT, S_YEAR_AGO, S_YEAR_VALUE,
	S_YEAR_PERIOD, S_TARGETS, S_LIST, S_NEXT, S_AREA, S_SIGNIFICANCE, S_QUARTILE, S_RANK,
	S_NUMERATOR, S_DENOMINATOR, S_BOARD, S_MEETING_DATE, S_INDICATORS, S_IMPROVEMENTS,
	S_ISSUES, S_NUMBER, S_SECTION, S_AUTHOR, S_TIME, S_RANGE, S_INDICATOR, S_PROBLEMS,
	S_MEAN, S_LCL, S_UCL, S_IMPROVEMENT, S_CONCERN, S_NAME, S_ROLE, S_DETAILS, S_MARKER,
	S_RELEASED, S_LISTED, S_FROM_COUNT,
	S_COUNT_OF_SLOTS
} rnd_slot;
#define B(s) (UINT64_C(1) << S_##s)

typedef enum {
#define PH(e, id, pattern, slots) PH_##e,
#include "phrase_list.h"
#undef PH
	PH_COUNT
} rnd_phrase_id;

/* A slot's value for one fill. */
typedef struct {
	rnd_slot slot;
	const char *text;
} rnd_arg;

/* Reads the default phrases (DATADIR/phrases/en-GB.phrases: every id must be
 * there), then each of FILES in order, each replacing the phrases it names.
 * A bad line ends the tool: "PROG: FILE:LINE: why", exit 1 (exit 2 when a
 * file cannot be read or the default file lacks a phrase). */
void rnd_phrases_load(const char *const *files, size_t n);
void rnd_phrases_free(void);

/* Appends phrase ID with its slots filled from ARGS.  {subject} anywhere but
 * at the start of the template has its first letter lowered, unless the
 * name starts with an acronym ("EHCPs"). */
void rnd_phrase_fill(kpi_buf *b, rnd_phrase_id id, const rnd_arg *args, size_t n);
#define RND_SAY(b, id, ...) \
	rnd_phrase_fill((b), (id), (const rnd_arg[]){__VA_ARGS__}, \
			sizeof((const rnd_arg[]){__VA_ARGS__}) / sizeof(rnd_arg))
/* The text of a phrase without slots. */
const char *rnd_phrase(rnd_phrase_id id);
/* The number of the report-style.md §3 pattern ID belongs to; 0 for none. */
int rnd_phrase_pattern(rnd_phrase_id id);
/* "p1.rose" */
const char *rnd_phrase_name(rnd_phrase_id id);

#endif
