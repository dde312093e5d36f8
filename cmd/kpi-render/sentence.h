/* sentence.h: what the sentence files share.  A pattern chooses a phrase
 * by id and fills its slots; it never writes words of its own.
 *
 *   sentence.c         the entry: which patterns speak, in what order;
 *                      availability (17), staged targets (10); the helpers
 *   sentence_move.c    the latest move: 1, 2, 5 (after a peak), 6, 13
 *   sentence_place.c   where the figure stands: 3, 4, 5 (runs), 7, 12, 16
 *   sentence_target.c  targets 8 and 9, averages 11, benchmark 14,
 *                      small numbers 15 */
#ifndef KPI_RENDER_SENTENCE_H
#define KPI_RENDER_SENTENCE_H
#include "render.h"

#define SNT_TEXTS 6

/* One entry being written: its paragraph, the sentence being built in b,
 * scratch texts for slots, the indicator and the options. */
typedef struct {
	rnd_para *p;
	kpi_buf b;
	kpi_buf t[SNT_TEXTS];
	const rnd_ind *ind;
	const rnd_opts *o;
	int said_off_target;  /* pattern 18 opened the entry */
} snt;

/* Scratch text I, cleared for a slot's value; its string. */
kpi_buf *snt_t(snt *s, int i);
const char *snt_s(snt *s, int i);
/* The sentence built in s->b, when not empty, goes to the paragraph as
 * phrase ID's (BOLD: the format emphasises it); s->b is cleared. */
void snt_emit(snt *s, rnd_phrase_id id, int bold);
/* Fill phrase ID and emit it as a sentence. */
#define SNT_SAY(s, id, ...) \
	do { \
		RND_SAY(&(s)->b, (id), __VA_ARGS__); \
		snt_emit((s), (id), 0); \
	} while (0)
/* A sentence without slots. */
void snt_say_plain(snt *s, rnd_phrase_id id, int bold);

/* +1 higher is better, -1 lower is better, 0 neutral or unknown */
int snt_good_dir(const rnd_ind *ind);
int snt_same(const char *a, const char *b);
/* The period as the report writes months (--month-style: "Mar 23" or
 * "March 2023"), in every sentence alike. */
void snt_label(kpi_buf *b, snt *s, const char *period);
/* The point of PERIOD: latest, previous, year ago or from the history. */
const rnd_point *snt_point_at(const rnd_ind *ind, const char *period);
/* Value with count; counts of zero, one and two as words. */
void snt_vc(kpi_buf *b, const rnd_ind *ind, const rnd_point *p, int with_den, const char *note);
/* The latest figure with its count and any caveat (small numbers, low
 * reliability) in its brackets. */
void snt_latest_vc(kpi_buf *b, snt *s);
/* The figures print the same. */
int snt_same_text(const rnd_ind *ind, double a, double b);
/* "Sep 23 (88.9)": phrase point, the value optional. */
void snt_point(kpi_buf *b, snt *s, const char *period, const rnd_point *p);
/* The window as an adjective, "12-month", "12-quarter", or with YEAR_WORD
 * "year" for a year of months or quarters; "" under three periods. */
void snt_window_adj(kpi_buf *b, const rnd_ind *ind, int year_word);
/* An annual series' window of three years or more: its years in words
 * (number.words) into B, and 1; else 0, B untouched.  Pattern 5 then says
 * "the highest in five years" (the *_years phrases), not "a 5-year high". */
int snt_window_years(kpi_buf *b, const rnd_ind *ind);
rnd_phrase_id snt_noun(const rnd_ind *ind);
/* Percentages with small denominators: low numbers (pattern 15). */
int snt_small_numbers(const rnd_ind *ind, const rnd_point *p, const rnd_opts *o);

/* sentence_move.c: returns 1 when it named the window's peak (or trough)
 * last period, 2 when it gave the longer run (pattern 6), else 0. */
int snt_movement(snt *s);
/* sentence_place.c */
int snt_run(snt *s);
int snt_loose_trend(snt *s);
int snt_extreme(snt *s, int said_began, int said_longer, const char **named);
int snt_level_held(snt *s);
void snt_year_ago(snt *s, const char *named);
/* sentence_target.c: pattern 18 (off target, first) and the targets;
 * after pattern 18 the target sentences leave out what it said */
void snt_off_target(snt *s);
void snt_targets(snt *s);
void snt_average(snt *s, int wanted);
void snt_benchmark(snt *s);
void snt_small_note(kpi_buf *b, snt *s);
/* A count with what is counted (count.counted): "13 children", "235". */
void snt_counted(kpi_buf *b, const rnd_ind *ind, const char *count);

#endif
