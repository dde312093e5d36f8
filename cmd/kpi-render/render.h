/* render.h: kpi-render's private model.
 *
 *   load.c      judged summaries (NDJSON) -> rnd_ind, tolerant of missing fields
 *   phrases.c   the words: phrase ids, templates with slots (phrases.h)
 *   periods.c   period labels ("Jun 17", "June 2017", "31 March 2024")
 *   numtext.c   numbers as a report writes them ("74.2% (268)", "361 (68.9)")
 *   sentence.c  the entry: which patterns of report-style.md §3 speak, in
 *               what order; the patterns themselves in sentence_move.c,
 *               sentence_place.c and sentence_target.c (sentence.h)
 *   report.c    the report model: sections, table cells, lists, counts
 *   summary.c   the highlight report's opening summary and what it lists
 *   config.c    --report-config FILE: title, board, officers, recommendation
 *   style.c     what --style adds to the model
 *   narrative.c --narrative FILE: section narratives and indicator comments
 *   writer.c    one walk of the report for md, html and txt (rnd_writer);
 *   fmt_md.c, fmt_html.c, fmt_txt.c  each format's markup; fmt_csv.c and
 *               fmt_json.c the data formats; svg.c sparklines and XmR charts;
 *               escape.c what text from the data becomes in each format
 */
#ifndef KPI_RENDER_H
#define KPI_RENDER_H
#include <stddef.h>
#include "kpi/buf.h"
#include "kpi/period.h"
#include "kpi/run.h"
#include "phrases.h"

/* A number that may be absent (missing field or null). */
typedef struct {
	int has;
	double v;
} rnd_num;

/* One point of a series: latest, previous, year ago or a history entry.
 * Strings point into the strings load.c keeps. */
typedef struct {
	const char *period;
	rnd_num value, num, den;
	const char *status;
	const char *released;  /* its release ("released"), or NULL */
	rnd_num revised_from;  /* the figure it replaced: the last of its "revisions" */
} rnd_point;

typedef struct {
	rnd_num value;
	const char *due;
} rnd_target;

typedef struct {
	const char *period, *rule, *klass;
} rnd_signal;

typedef struct {
	char where[64];       /* FILE:LINE, for messages */
	const char *indicator, *name, *section, *unit, *polarity, *area;
	const char *breakdown;  /* the breakdown's label (kpi_breakdown_label), or NULL */
	int keep_qualifier;     /* another indicator of the report has this name but
				 * its bracketed qualifier: sentences keep it */
	const char *as_at, *period_type, *source, *counted;
	const char *level;      /* geographic_level (else geog_l), or NULL */
	const char *area_code;  /* the first of kpi_area_code_fields (lib/geography.c), or NULL */
	rnd_num order;
	int decimals;         /* kpi_record_decimals: "decimals", else "indicator_dp", or -1 */
	rnd_point latest;
	int has_previous, has_year_ago;
	rnd_point previous, year_ago;
	rnd_num change, change_pct;
	struct {
		int has;
		long length;
		long span;    /* the periods the window covers with data: its length, or
			       * fewer when the series began inside it (8 years of a
			       * 12-year window are not a "12-year low") */
		rnd_num high, low, mean, num_sum, den_sum;
		const char *high_period, *low_period;
		int is_high, is_low;
	} window;
	const char *highest_since, *lowest_since;
	struct {
		const char *direction, *since;
		long length;
	} run;
	const char *first_period;
	size_t n_gaps;
	rnd_point *history;
	size_t n_history;
	struct {
		int has;
		long points;
		rnd_num mean, ucl, lcl, upper_2s, lower_2s;
		rnd_signal *signals;
		size_t n_signals;
		const char *variation, *status;
	} spc;
	long stale;           /* periods from the latest value to as_at (kpi-trend's
			       * number); 0 current, -1 unknown */
	int behind;           /* the latest figure is two periods or more behind
			       * the report's as-at (rnd_mark_behind) */
	int has_target;
	rnd_target target;
	rnd_target *targets;
	size_t n_targets;
	rnd_num target_gap, target_needed;
	int target_met;       /* -1 unknown, 0 missed, 1 met */
	const char *rag;
	struct {
		int has;
		const char *area, *period, *comparison, *quartile;
		rnd_num value, rank;
	} benchmark;
	/* kpi-flag --compare (contract §4a): neighbours, region, England */
	struct {
		const char *kind, *area, *period, *comparison;
		rnd_num value;
	} comparator[3];
	size_t n_comparators;
	struct {
		int has;
		long position, of;
		const char *quartile;
	} rank;
	const char *assessment;
	const char *movement;     /* kpi-flag's: unchanged, slight, clear, sharp, or NULL */
	const char *movement_basis; /* the rule that sized it: count, moving_range, points, percent, limits */
	rnd_num movement_band;    /* that rule's band (3 for 3 points), when it has one */
	const char **reasons, **flags;
	size_t n_reasons, n_flags;
} rnd_ind;

/* Options that shape the text. */
typedef struct {
	kpi_label_style month_style;   /* every month label: KPI_LABEL_SHORT or KPI_LABEL_LONG */
	double small_den;              /* denominators below this are "low numbers" */
	const char *compare_with;      /* --compare-with PERIOD, or NULL */
	int show_revisions;            /* --show-revisions: say and mark revised figures */
	int brief;                     /* the highlight report: a benchmark that does not differ
					* significantly is left to the table */
} rnd_opts;

/* ---- kept.c: the strings and arrays of the records loaded ---- */
/* A copy of S[0..n), NUL-terminated, kept until rnd_kept_free. */
const char *rnd_keep(const char *s, size_t n);
/* An array filled in place among the arrays kept: room for CAP objects of
 * SIZE at V (start), moved to twice the room when full (grow), then
 * ended at the count filled: the array, or NULL for none.  Only one is
 * filled at a time; strings may be kept meanwhile. */
typedef struct {
	char *v;
	size_t cap, size;
} rnd_kept_array;
void rnd_kept_array_start(rnd_kept_array *k, size_t cap, size_t size);
void rnd_kept_array_grow(rnd_kept_array *k);
void *rnd_kept_array_end(rnd_kept_array *k, size_t n);
/* Frees every string and array kept. */
void rnd_kept_free(void);

/* ---- load.c ---- */
typedef struct {
	rnd_ind *v;
	size_t n, cap;
} rnd_inds;
/* Reads every record of PATH ("-" = stdin) and appends them. Bad lines are
 * rejected through RUN (exit 1 without --keep-going).  With N_KEEP > 0 only
 * the records whose as_at is one of KEEP_AS_AT are kept (the others are read
 * and counted as written: --each-as-at --as-at). */
void rnd_load(rnd_inds *out, const char *path, kpi_run *run, const char *const *keep_as_at, size_t n_keep);
void rnd_inds_free(rnd_inds *v);
int rnd_has_flag(const rnd_ind *ind, const char *flag);
/* 1 when kpi-flag's reasons include REASON ("suppressed_latest"). */
int rnd_has_reason(const rnd_ind *ind, const char *reason);

/* ---- each.c: --each-as-at, --each-area, --list-areas ---- */
typedef enum { RND_EACH_AS_AT, RND_EACH_AREA } rnd_each_by;
typedef struct {
	rnd_each_by by;
	const char *template;      /* with {as_at} or {area} */
	const char *const *areas;  /* --area: only these councils (names or codes) */
	size_t n_areas;
	const char *const *as_at;  /* --as-at: only these periods, each with a report
				    * even when no record has it */
	size_t n_as_at;
	int list;                  /* --list-areas: "NAME<TAB>AREA" lines, no report */
} rnd_each;
/* 1 when D is a council's record: its geographic_level is Local authority,
 * or, without one, its area is not England (as kpi-flag tells them). */
int rnd_is_council(const rnd_ind *d);
typedef void (*rnd_render_fn)(kpi_buf *out, rnd_inds *group, const void *arg);
/* One report per group of INDS, RENDER(out, group, ARG) written whole or not
 * at all to E's template filled with the group's file name.  Returns the
 * councils left out because they name no file (each said on stderr). */
size_t rnd_render_each(rnd_inds *inds, const rnd_each *e, rnd_render_fn render, const void *arg);

/* ---- periods.c ---- */
/* Label of canonical PERIOD (TYPE_NAME as in period_type, may be NULL);
 * the text itself when it does not parse. */
void rnd_period_label(kpi_buf *b, const char *period, const char *type_name, kpi_label_style st);
/* Label of the period N periods of D's series after PERIOD (a yearly
 * snapshot steps by year); PERIOD itself when it does not parse. */
void rnd_series_label_plus(kpi_buf *b, const rnd_ind *d, const char *period, long n, kpi_label_style st);
/* later - earlier in periods of their type; 0 with *ok = 0 when not comparable */
long rnd_period_diff(const char *later, const char *earlier, const char *type_name, int *ok);
/* A target's due text ("2023-03", "2023-03-31", "2022/23") as "March 2023" (LONG)
 * or "Mar 23" (SHORT). */
void rnd_due_label(kpi_buf *b, const char *due, kpi_label_style st);
/* 1 when period A ends on or before the end of period B (a target due by
 * the report's month); *ok = 0 when either does not parse */
int rnd_period_ends_by(const char *a, const char *b, int *ok);
/* <0, 0, >0 by period; *ok = 0 when either does not parse */
int rnd_period_cmp_text(const char *a, const char *b, const char *type_name, int *ok);
/* The noun of the periods of a series, as the phrase of its singular
 * (PH_PERIOD_MONTH, PH_PERIOD_QUARTER, ... PH_PERIOD_OTHER; the plural is
 * the next id), and its text for a number N of them. */
rnd_phrase_id rnd_period_noun(const char *type_name, const char *period);
/* The same for the series of D: a date series on one day of the year counts
 * years. */
rnd_phrase_id rnd_series_noun(const rnd_ind *d);
/* rnd_period_diff in the series' own periods (years for a yearly snapshot). */
long rnd_series_diff(const rnd_ind *d, const char *later, const char *earlier, int *ok);
/* Sets each indicator's behind: 1 when the period two after its latest has
 * ended by the end of the report's as-at AS_AT (of AS_AT_TYPE), so that a
 * later figure is overdue by a whole period, not merely waiting for its
 * release.  A DfE file that stops years before the report's other data
 * (SEN2's 2022 in a report as at 31 August 2025) is; a year's figure in a
 * report as at the end of the next year is not. */
void rnd_mark_behind(rnd_inds *inds, const char *as_at, const char *as_at_type);
/* 1 when PERIOD (of D's series) is before D's own as_at: a figure older
 * than the month the series is reported as at ("Data for Mar 25 is not yet
 * available"). */
int rnd_before_as_at(const rnd_ind *d, const char *period);
const char *rnd_noun(rnd_phrase_id noun, long n);

/* ---- numtext.c ---- */
int rnd_decimals(const rnd_ind *ind);
/* Whether A and B print the same at IND's decimals (kpi_same_printed, through
 * the texts numtext.c keeps). */
int rnd_same_printed(const rnd_ind *ind, double a, double b);
/* numtext.c keeps the texts of the figures it formats (1, the default); 0
 * formats every one afresh.  rnd_fig_memo_free frees them. */
extern int rnd_fig_memo;
void rnd_fig_memo_free(void);
/* A rate, days, weeks or a score (a percentage always shows one decimal
 * place) whose catalogue and data give no decimal places, and whose every
 * figure (latest, previous, year ago, history, targets, benchmark,
 * comparators) is a whole number, shows none: the DfE publishes its rates per
 * 10,000 and its average days as whole numbers, and "578 days" is what was
 * published, "578.0 days" a precision it never had.  Sets DECIMALS to 0. */
void rnd_whole_decimals(rnd_ind *ind);
int rnd_is_percent(const rnd_ind *ind);
int rnd_is_rate(const rnd_ind *ind);
int rnd_is_count(const rnd_ind *ind);
/* "1,234" (rounded to a whole number) */
void rnd_fmt_int(kpi_buf *b, double n);
/* a value in the indicator's unit: "74.2%", "68.9", "1,234", "£1,234", "21.5 days" */
void rnd_fmt_value(kpi_buf *b, const rnd_ind *ind, double v);
/* the same without unit words or signs: "74.2", "68.9", "1,234" */
void rnd_fmt_bare(kpi_buf *b, const rnd_ind *ind, double v);
/* A difference in the unit.  RND_DIFF_CELL: signed, as a table shows it
 * ("+3.5pp", "-12"); RND_DIFF_PROSE: its size, as a sentence says it ("3.5
 * percentage points", "12").  Percentages differ in points (phrases
 * value.points_short and value.points), never in "%". */
typedef enum { RND_DIFF_CELL, RND_DIFF_PROSE } rnd_diff_use;
void rnd_fmt_diff(kpi_buf *b, const rnd_ind *ind, double d, rnd_diff_use use);
/* value with its count, count first for counts and rates:
 *   "74.2% (268)", "361 (68.9)", "268"; WITH_DEN: "74.2% (268 out of 361)";
 *   NOTE (may be NULL) goes inside the brackets after "; ". */
void rnd_fmt_vc(kpi_buf *b, const rnd_ind *ind, const rnd_point *p, int with_den, const char *note);
/* compact value with count for tables: "74.2% (268/361)", "361 (68.9)" */
void rnd_fmt_cell(kpi_buf *b, const rnd_ind *ind, const rnd_point *p);
/* a count in words for one and two ("one", "two"), "no"/"none" for zero, else digits */
void rnd_fmt_count_words(kpi_buf *b, double n, int zero_as_none);
/* the word for a value's status ("suppressed", "<0.5"); the status itself when unknown */
const char *rnd_status_word(const char *status);

/* ---- sentence.c ---- */
typedef struct {
	char *text;
	int bold;
	rnd_phrase_id id;    /* the phrase it was written from: its pattern */
} rnd_sentence;
typedef struct {
	rnd_sentence *s;
	size_t n, cap;
} rnd_para;
void rnd_para_add(rnd_para *p, const char *text, int bold, rnd_phrase_id id);
void rnd_para_free(rnd_para *p);
/* The sentences of one indicator entry. */
void rnd_sentences(rnd_para *out, const rnd_ind *ind, const rnd_opts *opts);
/* sentence_revision.c: with --show-revisions, a sentence for the latest and
 * the previous figure when a later release revised it. */
void rnd_sentence_revisions(rnd_para *out, const rnd_ind *ind, const rnd_opts *opts);
/* The name as a sentence subject: a trailing qualifier ("(rate per
 * 10,000)") removed unless keep_qualifier, the breakdown in brackets after
 * it ("... with a dental check (Health provider)"). */
void rnd_subject(kpi_buf *b, const rnd_ind *ind);
/* 1 when the indicator is listed under Improvement but misses its target
 * (kpi-flag(1), JUDGEMENT): its entry says so first and carries a marker. */
int rnd_off_target(const rnd_ind *ind);

/* ---- report.c ---- */
/* --style: the report types of report-style.md §5. */
typedef enum {
	RND_STYLE_HIGHLIGHT, /* the board paper: summary, highlighted lists, recommendation,
			      * contacts, the tables as an appendix */
	RND_STYLE_FULL,      /* the long form: per section the table, every listed entry */
	RND_STYLE_SUMMARY,   /* two lists without codes, a data-quality preface */
	RND_STYLE_HEADLINES, /* three to five headline bullets per theme */
	RND_STYLE_DASHBOARD  /* one numbered table per theme */
} rnd_style;

typedef struct {
	const rnd_ind *ind;
	char *code;          /* indicator code */
	char *label;         /* name, with breakdown and area when present */
	rnd_para para;       /* generated sentences */
	char *c_latest, *c_previous, *c_change, *c_range, *c_target, *c_rag, *c_bench, *c_trend;
	char *c_gap, *c_unit;  /* dashboard: target gap, unit in words */
	char *c_neighbours, *c_region, *c_rank;  /* kpi-flag --compare's comparators */
	/* a range whose window differs from its section's heading: the heading
	 * of its own window and the range alone ("Range over 5 years", "91.0% –
	 * 97.0%"), for a layout with one heading per cell (text's stacked
	 * table); c_range then carries the window ("91.0% – 97.0% (5 years)") */
	char *range_own_heading, *c_range_own;
	/* a latest figure for another period than its section's heading names:
	 * the heading of its own period and the figure alone ("Latest (Jan
	 * 24)", "74.2% (268/361)"); c_latest then names the period ("Jan 24:
	 * 74.2% (268/361)") */
	char *latest_own_heading, *c_latest_own;
	char *headline;        /* headlines: the entry's first point, or NULL */
	const char *comment; /* narrative "### CODE" text, or NULL */
	int listed;          /* in Current issues or Improvement */
	int highlighted;     /* listed, and with something to say (summary.c) */
	int off_target;      /* rnd_off_target */
	const char *shown_code; /* the code as headings show it: the catalogue id when
				 * it is the council's code, NULL for a slug */
} rnd_item;

typedef struct {
	char *name;
	rnd_item **items;
	size_t n, cap;
	char *range_heading;          /* "12-month range", "Range over 4 quarters", "Range" */
	char *latest_heading;         /* "Latest (Mar 24)": the period most figures are for */
	const char *narrative;        /* "## Section" text, or NULL */
	const char *narrative_author; /* "Author:" line, or NULL */
	const rnd_item **headlines;   /* headlines: the three to five picked */
	size_t n_headlines;
} rnd_section;

/* An officer of the contacts block: name, role, then contact details. */
typedef struct {
	char *name, *role;
	char **details;
	size_t n_details;
} rnd_officer;

/* --report-config FILE (config.c, kpi-report-config(5)).  Options given
 * on the command line win over the file. */
typedef struct {
	char *title, *board, *meeting_date, *footer;
	int month_style;        /* -1 unset, else a kpi_label_style */
	char **recommendations;
	size_t n_recommendations;
	rnd_officer *officers;
	size_t n_officers;
} rnd_config;
void rnd_config_load(rnd_config *c, const char *path);
void rnd_config_free(rnd_config *c);

/* The opening summary of the highlight report (summary.c). */
typedef struct {
	char *position;         /* "At 31 March 2025, 36 of the 82 indicators improved and ..." */
	char *targets;          /* "5 of the 12 targets due by March 2025 are met. ..." */
	char **attention;       /* the three to five lines */
	size_t n_attention;
} rnd_summary;

typedef struct {
	const char *title, *board, *generated_at;
	char *heading;          /* the title line */
	char *meeting_date;     /* "14 December 2022", or NULL */
	char *as_at;            /* canonical as_at, or NULL */
	char *as_at_label;      /* "31 March 2024", or NULL */
	char *intro;            /* the summary paragraph */
	const char *footer;     /* --footer text, or NULL */
	rnd_item *items;
	size_t n_items;
	rnd_section *sections;
	size_t n_sections;
	size_t n_improvement, n_issue, n_stable, n_no_data, n_target_met, n_target;
	rnd_style style;
	int show_revisions;     /* --show-revisions: the data formats carry earlier figures */
	kpi_label_style month_style;
	int show_codes;         /* some indicator's id is a council code: a Code column */
	int show_neighbours, show_region, show_rank;  /* some item has one: its column */
	char **dq_notes;        /* summary: "Name: what is wrong with the data" */
	size_t n_dq_notes;
	rnd_summary summary;    /* highlight: the opening summary */
	const rnd_config *config; /* recommendation and officers, or NULL */
} rnd_report;

typedef struct {
	const char *title, *board, *meeting_date, *generated_at, *footer;
	const char *area;       /* --each-area: the council the title names, or NULL */
	const char *narrative;  /* --narrative FILE or NULL: applied before the summary
				 * counts what the lists write up */
	rnd_opts text;
	rnd_style style;
	const rnd_config *config;
} rnd_report_opts;

void rnd_report_build(rnd_report *r, rnd_inds *inds, const rnd_report_opts *o);
void rnd_report_free(rnd_report *r);
/* B's text as a new string (the caller frees it), B emptied for the next. */
char *rnd_take(kpi_buf *b);

/* ---- cells.c ---- */
/* IT's table cells: the figures of IND as text. */
void rnd_item_cells(rnd_item *it, const rnd_ind *ind, const rnd_opts *o);
/* S's range heading, from the window most of its series share; a cell
 * whose window differs names its own. */
void rnd_section_range_heading(rnd_section *s);
/* S's latest heading, "Latest (Mar 24)", from the period most of its
 * figures are for; a figure for another period names its own. */
void rnd_section_latest_heading(rnd_section *s, const rnd_opts *o);
/* The benchmark column's heading: the area every benchmark names, else
 * column.benchmark; column.england when none names one. */
const char *rnd_bench_heading(const rnd_report *r);
/* The region column's heading: the region every item's comparator names,
 * else column.region. */
const char *rnd_region_heading(const rnd_report *r);
/* D's comparator of KIND ("neighbours", "region", "england"), or -1. */
int rnd_comparator(const rnd_ind *d, const char *kind);

/* ---- report.c: a section's lists ---- */
/* the items of S with assessment A ("issue", "improvement"); with
 * HIGHLIGHTED only those with something to say or a narrative comment */
size_t rnd_section_list(const rnd_section *s, const char *a, int highlighted, const rnd_item **out);
/* IT is written up in a highlight report's list: something to say or a
 * narrative comment */
int rnd_item_written(const rnd_item *it);
/* the items of S in neither list whose figures a later release revised
 * (--show-revisions: their sentences say so) */
size_t rnd_section_revised(const rnd_section *s, const rnd_item **out);
/* 1 when ID is a snake_case slug ([a-z0-9_] with a letter), not a code a
 * council writes ("4.02.01", "NI 062") */
int rnd_is_slug(const char *id);

/* ---- summary.c ---- */
/* Marks the items with something to say (highlighted). */
void rnd_mark_highlights(rnd_report *r);
/* Writes the opening summary of R. */
void rnd_summary_build(rnd_report *r, const rnd_opts *o);
void rnd_summary_free(rnd_summary *s);
/* the items of S with a narrative comment: those in neither list, or with
 * ALL every one (for styles that write no lists up) */
size_t rnd_section_notes(const rnd_section *s, int all, const rnd_item **out);

/* ---- style.c ---- */
/* "highlight", "full", "summary", "headlines", "dashboard"; -1 for another name */
int rnd_style_from_name(const char *name);
const char *rnd_style_name(rnd_style st);
/* The style's parts of the model: dashboard cells, headline picks and the
 * data-quality notes.  Called by rnd_report_build. */
void rnd_style_build(rnd_report *r, const rnd_opts *o);
void rnd_style_free(rnd_report *r);
/* The unit as a dashboard writes it: "%", "count", "per 10,000", "days" */
const char *rnd_unit_words(const rnd_ind *ind);


/* ---- narrative.c ---- */
/* Attaches the narrative file's sections and comments; an unmatched heading
 * ends the tool with exit 1 and a message naming it. */
void rnd_narrative_apply(rnd_report *r, const char *path);
void rnd_narrative_free(void);

/* ---- writer.c: the one walk of md, html and txt ---- */
typedef enum { RND_COL_TEXT, RND_COL_NUM, RND_COL_RAG, RND_COL_TREND } rnd_col_kind;
typedef enum {
	RND_CELL_CODE, RND_CELL_LABEL, RND_CELL_UNIT, RND_CELL_LATEST, RND_CELL_PREVIOUS,
	RND_CELL_CHANGE, RND_CELL_RANGE, RND_CELL_TARGET, RND_CELL_GAP, RND_CELL_RAG,
	RND_CELL_BENCH, RND_CELL_TREND, RND_CELL_NEIGHBOURS, RND_CELL_REGION, RND_CELL_RANK
} rnd_cell;
typedef struct {
	const char *heading;
	rnd_col_kind kind;   /* NUM: a figure, right-aligned; RAG and TREND drawn by the format */
	rnd_cell cell;
} rnd_column;
typedef struct {
	const rnd_column *cols;
	size_t n_cols;
	rnd_item *const *rows;
	size_t n_rows;
} rnd_table;
/* The text of a cell of IT */
const char *rnd_cell_text(const rnd_item *it, rnd_cell c);

/* A list entry: the indicator's heading (with its code when WITH_CODE and
 * the item shows one), when FULL its sentences and a labelled comment, else
 * its comment; CHART: its XmR chart (HTML); MARKER: a marker after the
 * heading (marker.off_target), or NULL. */
typedef struct {
	const rnd_item *item;
	int full, with_code, chart;
	const char *marker;
} rnd_entry;
typedef enum {
	RND_BULLETS_NOTES,     /* plain bullets */
	RND_BULLETS_HEADLINES, /* --style headlines */
	RND_BULLETS_NUMBERED,  /* numbered: the recommendations */
} rnd_bullets;

/* A format's markup.  Every text passes through escape; a heading or label
 * comes from the phrases, text from the data as it is. */
typedef struct rnd_writer rnd_writer;
struct rnd_writer {
	kpi_buf *b;
	const rnd_report *r;   /* the report being written (set by rnd_write) */
	int in_box;            /* inside box_begin ... box_end (the format's own state) */
	char *caption;         /* a subheading the next table carries (HTML's own state) */
	void (*escape)(kpi_buf *b, const char *s);
	void (*begin)(rnd_writer *w, const char *title);  /* before the title */
	void (*title)(rnd_writer *w, const char *text);
	void (*subtitle)(rnd_writer *w, const char *text);
	void (*meta)(rnd_writer *w, const char *label, const char *value, int last);
	void (*intro)(rnd_writer *w, const char *text);
	void (*section_begin)(rnd_writer *w, const char *id, const char *heading);
	void (*section_end)(rnd_writer *w);
	/* a heading inside a section (the appendix's sections) */
	void (*subheading)(rnd_writer *w, const char *id, const char *heading);
	void (*paragraph)(rnd_writer *w, const char *text);
	/* "How to read this report": a box of bullets, and the charts' key */
	void (*box_begin)(rnd_writer *w, const char *id, const char *heading);
	void (*chart_key)(rnd_writer *w);
	void (*box_end)(rnd_writer *w);
	void (*table)(rnd_writer *w, const rnd_table *t);
	void (*list_begin)(rnd_writer *w, const char *title, size_t n, const char *empty);
	void (*item)(rnd_writer *w, const rnd_entry *e, size_t index);
	void (*list_end)(rnd_writer *w, size_t n);
	/* bullets under TITLE (NULL: none); EMPTY when there are none */
	void (*bullets_begin)(rnd_writer *w, rnd_bullets kind, const char *title, size_t n, const char *empty);
	void (*bullet)(rnd_writer *w, rnd_bullets kind, size_t index, const char *text);
	void (*bullets_end)(rnd_writer *w, rnd_bullets kind, size_t n);
	void (*narrative)(rnd_writer *w, const char *heading, const char *text);
	void (*end)(rnd_writer *w, const char *footer, const char *generated);
};
/* Writes R through W (whose b is set). */
void rnd_write(rnd_writer *w, const rnd_report *r);

/* ---- formats ---- */
void rnd_fmt_md(kpi_buf *out, const rnd_report *r);
void rnd_fmt_txt(kpi_buf *out, const rnd_report *r);
void rnd_fmt_csv(kpi_buf *out, const rnd_report *r);
void rnd_fmt_json(kpi_buf *out, const rnd_report *r);
void rnd_fmt_html(kpi_buf *out, const rnd_report *r);

/* ---- escape.c ---- */
/* Terminal control characters (C0 but TAB, LF and CR; DEL; C1, U+0080 to
 * U+009F) written visibly as \x1b, \x7f, \x9b, all else as it is. */
void rnd_ctrl_escape(kpi_buf *b, const char *s);
/* HTML-escaped text (and controls as above) into b */
void rnd_html_escape(kpi_buf *b, const char *s);
/* escape.c copies a run of bytes a format writes as they are at once (1,
 * the default); 0 writes every byte through the format's writer. */
extern int rnd_escape_runs;
/* Markdown: markup characters backslashed, line ends as spaces, controls as above */
void rnd_md_escape(kpi_buf *b, const char *s);
/* A CSV field's text: quotes doubled (the caller quotes the field), controls as above */
void rnd_csv_escape(kpi_buf *b, const char *s);

/* ---- svg.c ---- */
/* Month labels in the report's style ST. */
void rnd_svg_sparkline(kpi_buf *b, const rnd_ind *ind, kpi_label_style st);
/* 1 when drawn (spc status ok with limits) */
int rnd_svg_xmr(kpi_buf *b, const rnd_ind *ind, kpi_label_style st);
/* unicode block sparkline "▁▂▅█" from the history, "" without values */
void rnd_text_sparkline(kpi_buf *b, const rnd_ind *ind);

#endif
