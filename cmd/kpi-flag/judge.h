/* judge.h: the judgement "improvement or current issue" of kpi-flag.
 * The rule is a pure function of what the summary says (judge_in), so it
 * can be tested case by case; main.c fills judge_in from a record.
 * The rule, in order, is stated in kpi-flag.1 (JUDGEMENT) and judge.c. */
#ifndef KPI_FLAG_JUDGE_H
#define KPI_FLAG_JUDGE_H
#include <stddef.h>
#include "kpi/interval.h"

/* Flags (contract §4), as bits in the contract's order. */
enum {
	F_WINDOW_HIGH, F_WINDOW_LOW, F_RUN_IMPROVING, F_RUN_WORSENING, F_SPC_IMPROVEMENT,
	F_SPC_CONCERN, F_TARGET_MET, F_TARGET_MISSED, F_SMALL_DENOMINATOR,
	F_REPORTING_COMMENCED, F_GAP_IN_SERIES, F_BENCHMARK_BETTER, F_BENCHMARK_WORSE,
	F_DATA_QUALITY, F_STALE, F_COUNT
};
extern const char *const judge_flag_names[F_COUNT];

typedef enum { UNIT_OTHER = 0, UNIT_PERCENT, UNIT_COUNT } judge_unit;

typedef struct {
	kpi_polarity pol;
	judge_unit unit;
	const char *status;        /* the latest status; NULL means ok */
	int has_value;
	double value;
	/* the move from the previous point */
	int has_change;
	double change, change_pct; /* change_pct: relative %, when has_change_pct */
	int has_change_pct;
	/* 12-month window */
	int window_length;
	int is_high, is_low;
	int has_mean;
	double mean;
	int has_year_ago;
	double year_ago;
	/* run ending at the latest point: +1 up, -1 down, 0 flat or none */
	int run_dir, run_length;
	/* run ending at the previous point (from history) */
	int prior_dir, prior_length, prior_from_first;
	/* special cause at the latest point: +1 improvement, -1 concern, 0 none */
	int spc;
	int annual;                /* yearly period: benchmark decides (rule 8) */
	/* target in force */
	int has_target, target_met, target_due_soon;
	kpi_comparison bench;
	int small_den, prev_in_interval;
	/* override from the targets file */
	const char *override, *override_reason;
	/* flag inputs */
	int reporting_commenced, gap_in_series, data_quality, stale;
	/* not judged on an older figure (issue 15): the latest period's figure
	 * is suppressed; the series ended while the other areas' go on */
	int suppressed_latest, reporting_ended;
	/* movement (judge_movement): the previous value (else value - change),
	 * the counts behind a percentage or rate, the decimals the value is
	 * printed with (kpi_report_decimals), and from SPC the average moving
	 * range and the (unclipped) process limits */
	int has_previous;
	double previous;
	int has_num, has_prev_num;
	double num, prev_num;
	int decimals;
	int has_avg_mr, has_limits;
	double avg_mr, ucl, lcl;
} judge_in;

typedef struct {
	/* "slight" (judge_movement): a count that moves by at most slight_count;
	 * else a move within the series' average moving range, or without one
	 * (or when the option is given, *_set) at most slight_points for a
	 * percentage and under slight_percent % of the previous value otherwise */
	double slight_points;  /* --slight-points (3) */
	double slight_percent; /* --slight-percent (3) */
	int slight_points_set, slight_percent_set;
	double slight_count;   /* (2) */
	int run_min;           /* changes in one direction that make a run (3) */
	int window_min;        /* points a window needs for its best/worst to count (3) */
	int small_n_stable;    /* --small-n stable */
} judge_opts;

void judge_opts_init(judge_opts *o);

#define JUDGE_MAX_REASONS 8
/* The movement of the latest value from the previous one (contract §4a):
 * the one classification every sentence of a report uses. */
typedef enum { MOVE_NONE = 0, MOVE_UNCHANGED, MOVE_SLIGHT, MOVE_CLEAR, MOVE_SHARP } judge_move;
/* "unchanged", "slight", "clear", "sharp"; NULL for MOVE_NONE */
const char *judge_move_name(judge_move m);
/* The rule of report-style.md §9, first that holds: none without a latest
 * and a previous value; unchanged when the two print the same; slight when
 * the count moved by at most slight_count or the move is within the slight
 * band (see judge_opts); sharp when the latest value is outside the process
 * limits or the move exceeds three average moving ranges; else clear. */
judge_move judge_movement(const judge_in *in, const judge_opts *o);
/* Which rule sized the move, so a report's legend says only what its
 * sentences used: the count's one or two (band: slight_count), the
 * series' average moving range (band: avg_mr), the points of a percentage
 * without one (band: slight_points), the per cent of the previous value
 * of another figure without one (band: slight_percent), or the process
 * limits (a sharp move; no band).  BASIS_NONE for none or unchanged. */
typedef enum {
	BASIS_NONE = 0, BASIS_COUNT, BASIS_MOVING_RANGE, BASIS_POINTS, BASIS_PERCENT, BASIS_LIMITS
} judge_basis;
/* "count", "moving_range", "points", "percent", "limits"; NULL for BASIS_NONE */
const char *judge_basis_name(judge_basis b);
/* judge_movement, with the rule that sized the move in *BASIS and its
 * band in *BAND (0 for none). */
judge_move judge_movement_basis(const judge_in *in, const judge_opts *o, judge_basis *basis, double *band);

typedef struct {
	const char *assessment;    /* "improvement", "issue", "stable", "no_data" */
	judge_move movement;
	judge_basis basis;         /* the rule that sized the movement, and its band */
	double band;
	const char *reasons[JUDGE_MAX_REASONS];
	size_t n_reasons;
	unsigned flags;            /* 1u << F_* */
	int rule;                  /* the number of the rule that decided (1-11) */
} judge_out;

void judge(const judge_in *in, const judge_opts *o, judge_out *out);

/* +1 when a move of SIGN (+1 up, -1 down) is good under POL, -1 bad, 0 neutral/none */
int judge_goodness(kpi_polarity pol, int sign);

#endif
