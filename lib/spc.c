/* spc.c: XmR charts, reference/methods.md section A (see spc.h). */
#include "kpi/spc.h"
#include "kpi/buf.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { R_OUTSIDE, R_TREND, R_TWO3, R_SHIFT, N_RULES };
_Static_assert(N_RULES == sizeof(uint32_t), "a point's rules are read as one word");

const char *kpi_spc_rule_name(unsigned rule)
{
	switch (rule) {
	case KPI_SPC_OUTSIDE_LIMITS: return "outside_limits";
	case KPI_SPC_TREND: return "trend";
	case KPI_SPC_TWO_OF_THREE: return "two_of_three";
	case KPI_SPC_SHIFT: return "shift";
	default: return NULL;
	}
}

const char *kpi_spc_class_name(kpi_spc_class c)
{
	switch (c) {
	case KPI_SPC_IMPROVEMENT: return "improvement";
	case KPI_SPC_CONCERN: return "concern";
	default: return "neutral";
	}
}

kpi_spc_class kpi_spc_classify(int direction, kpi_polarity pol)
{
	if (pol == KPI_POL_NEUTRAL)
		return KPI_SPC_NEUTRAL;
	int good = pol == KPI_POL_HIGHER ? 1 : -1;
	return direction == good ? KPI_SPC_IMPROVEMENT : KPI_SPC_CONCERN;
}

void kpi_spc_opts_init(kpi_spc_opts *o)
{
	o->min_points = KPI_SPC_MIN_POINTS;
	o->screen_outliers = 0;
	o->baseline = 0;
}

void kpi_spc_init(kpi_spc *s)
{
	memset(s, 0, sizeof *s);
}

void kpi_spc_free(kpi_spc *s)
{
	free(s->seg);
	free(s->sig);
	free(s->pos);
	free(s->val);
	free(s->dir);
	free(s->side);
	memset(s, 0, sizeof *s);
}

static void reserve_work(kpi_spc *s, size_t n)
{
	if (n <= s->work_cap)
		return;
	size_t cap = s->work_cap ? s->work_cap : 64;
	while (cap < n)
		cap *= 2;
	s->pos = kpi_xrealloc(s->pos, cap * sizeof *s->pos);
	s->val = kpi_xrealloc(s->val, cap * sizeof *s->val);
	s->dir = kpi_xrealloc(s->dir, cap * N_RULES);
	s->side = kpi_xrealloc(s->side, 3 * cap + 2); /* (segment_rules) */
	s->work_cap = cap;
}

static kpi_spc_segment *new_segment(kpi_spc *s, size_t start)
{
	if (s->n_seg == s->seg_cap) {
		s->seg_cap = s->seg_cap ? 2 * s->seg_cap : 4;
		s->seg = kpi_xrealloc(s->seg, s->seg_cap * sizeof *s->seg);
	}
	kpi_spc_segment *g = &s->seg[s->n_seg++];
	memset(g, 0, sizeof *g);
	g->start = start;
	return g;
}

static void add_signal(kpi_spc *s, const kpi_spc_signal *sg)
{
	if (s->n_sig == s->sig_cap) {
		s->sig_cap = s->sig_cap ? 2 * s->sig_cap : 16;
		s->sig = kpi_xrealloc(s->sig, s->sig_cap * sizeof *s->sig);
	}
	s->sig[s->n_sig++] = *sg;
}

/* +1 above, -1 below, 0 on (or NaN), without a branch */
static inline int side_of(double v, double centre)
{
	return (v > centre) - (v < centre);
}

/* A.2-A.4 on the NP points in s->pos/s->val.  0 when insufficient. */
static int segment_limits(kpi_spc *s, size_t np, const kpi_spc_opts *o, kpi_spc_segment *g)
{
	size_t nb = (o->baseline && o->baseline < np) ? o->baseline : np;
	g->n_baseline = nb;
	if (nb < o->min_points || nb == 0)
		return 0;
	double sum = 0;
	for (size_t k = 0; k < nb; k++)
		sum += s->val[k];
	double mean = sum / (double)nb;
	double mr_sum = 0;
	size_t n_mr = 0;
	for (size_t k = 0; k + 1 < nb; k++)
		if (s->pos[k + 1] == s->pos[k] + 1) {
			mr_sum += fabs(s->val[k + 1] - s->val[k]);
			n_mr++;
		}
	if (n_mr == 0)
		return 0;
	double avg_mr = mr_sum / (double)n_mr;
	size_t screened = 0;
	if (o->screen_outliers && avg_mr > 0) {
		/* A.3: drop moving ranges >= 3.267 MRbar once; at least one is kept
		 * because some range is <= its own mean. */
		double cut = KPI_SPC_SCREEN * avg_mr, kept_sum = 0;
		size_t kept = 0;
		for (size_t k = 0; k + 1 < nb; k++)
			if (s->pos[k + 1] == s->pos[k] + 1) {
				double mr = fabs(s->val[k + 1] - s->val[k]);
				if (mr < cut) {
					kept_sum += mr;
					kept++;
				}
			}
		screened = n_mr - kept;
		avg_mr = kept_sum / (double)kept;
	}
	g->n_moving_ranges = n_mr;
	g->n_screened = screened;
	double ucl = mean + KPI_SPC_LIMIT * avg_mr, lcl = mean - KPI_SPC_LIMIT * avg_mr;
	double upper_2s = mean + KPI_SPC_TWO_SIGMA * avg_mr, lower_2s = mean - KPI_SPC_TWO_SIGMA * avg_mr;
	/* values near the largest double (1e308 and 0 in turn) overflow the sums
	 * or the limits: no chart, rather than limits of infinity */
	if (!isfinite(mean) || !isfinite(avg_mr) || !isfinite(ucl) || !isfinite(lcl) ||
	    !isfinite(upper_2s) || !isfinite(lower_2s)) {
		g->overflow = 1;
		return 0;
	}
	g->mean = mean;
	g->avg_mr = avg_mr;
	g->ucl = ucl;
	g->lcl = lcl;
	g->upper_2s = upper_2s;
	g->lower_2s = lower_2s;
	return 1;
}

/* A.5: marks s->dir[p * N_RULES + rule] with the direction of each rule met.
 * A chart's points fall either side at random, so the rules are found
 * with as few branches on the values as can be: each point's side, step
 * and whether it is beyond its side's two-sigma line first, then the runs
 * by their length at each point (the loops that followed each run
 * mispredicted at nearly every point). */
static void segment_rules(kpi_spc *s, size_t np, const kpi_spc_segment *g)
{
	const double *v = s->val;
	signed char *dir = s->dir;
	/* side[0..np) and step[0..np - 1) each between two 2s, which no side
	 * or step is: side[-1], side[np] = step[-1], step[np - 1] */
	signed char *side = s->side + 1, *step = side + np + 1, *beyond = step + np;
	memset(dir, 0, np * N_RULES);

	for (size_t p = 0; p < np; p++) {
		/* (ucl >= lcl: at most one holds) */
		dir[p * N_RULES + R_OUTSIDE] = (signed char)((v[p] > g->ucl) - (v[p] < g->lcl));
		int sd = side_of(v[p], g->mean);
		side[p] = (signed char)sd;
		beyond[p] = (signed char)(((sd > 0) & (v[p] > g->upper_2s)) | ((sd < 0) & (v[p] < g->lower_2s)));
	}
	side[-1] = side[np] = 2;
	for (size_t k = 0; k + 1 < np; k++)
		step[k] = (signed char)side_of(v[k + 1], v[k]);
	step[np - 1] = 2;

	/* trend: maximal runs of equal non-zero steps; r steps cover r + 1
	 * points.  Runs are visited in order, so a turning point shared by two
	 * qualifying runs ends with the later run's direction.  (The run's
	 * length is kept by a multiplication, and the long run, which is rare,
	 * is asked about first: the branches are then predicted.) */
	size_t run = 0;
	for (size_t k = 0; k + 1 < np; k++) {
		run = run * (size_t)(step[k] == step[k - 1]) + 1;
		if (run + 1 >= KPI_SPC_RUN && step[k + 1] != step[k] && step[k] != 0)
			for (size_t p = k + 1 - run; p <= k + 1; p++) /* steps k+1-run..k */
				dir[p * N_RULES + R_TREND] = step[k];
	}

	/* two of three: windows of three all on one side, two or more beyond
	 * that side's two-sigma line; only the points beyond are flagged */
	for (size_t a = 0; a + 2 < np; a++) {
		int sd = side[a];
		if (beyond[a] + beyond[a + 1] + beyond[a + 2] >= 2 && sd != 0 && side[a + 1] == sd && side[a + 2] == sd)
			for (int q = 0; q < 3; q++)
				if (beyond[a + q])
					dir[(a + q) * N_RULES + R_TWO3] = (signed char)sd;
	}

	/* shift: maximal runs of 7 or more on one side; on the mean breaks */
	run = 0;
	for (size_t p = 0; p < np; p++) {
		run = run * (size_t)(side[p] == side[p - 1]) + 1;
		if (run >= KPI_SPC_RUN && side[p + 1] != side[p] && side[p] != 0)
			for (size_t q = p + 1 - run; q <= p; q++)
				dir[q * N_RULES + R_SHIFT] = side[p];
	}
}

static void run_segment(kpi_spc *s, const double *v, size_t a, size_t b, kpi_polarity pol,
			const kpi_spc_opts *o)
{
	kpi_spc_segment *g = new_segment(s, a);
	size_t np = 0;
	for (size_t i = a; i < b; i++)
		if (!isnan(v[i])) {
			s->pos[np] = i;
			s->val[np] = v[i];
			np++;
		}
	g->n_points = np;
	s->has_last = np > 0;
	if (np)
		s->last_index = s->pos[np - 1];
	g->ok = segment_limits(s, np, o, g);
	if (!g->ok)
		return;
	segment_rules(s, np, g);
	for (size_t p = 0; p < np; p++) {
		const signed char *d = &s->dir[p * N_RULES];
		uint32_t any;
		memcpy(&any, d, sizeof any); /* (N_RULES bytes: most points meet none) */
		if (!any)
			continue;
		kpi_spc_signal sg = {0};
		for (int r = N_RULES - 1; r >= 0; r--)
			if (d[r]) {
				sg.rules |= 1u << r;
				sg.rule = 1u << r;
				sg.direction = d[r];
			}
		if (!sg.rules)
			continue;
		sg.index = s->pos[p];
		sg.cls = kpi_spc_classify(sg.direction, pol);
		add_signal(s, &sg);
	}
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

void kpi_spc_run(kpi_spc *s, const double *v, size_t n, kpi_polarity pol,
		 const kpi_spc_opts *o, const size_t *rebase_at, size_t n_rebase)
{
	s->n_seg = 0;
	s->n_sig = 0;
	s->has_last = 0;
	s->last_index = 0;
	reserve_work(s, n ? n : 1);

	/* segment starts: sorted rebase positions inside (0, n) */
	size_t *cuts = NULL, n_cuts = 0;
	if (n_rebase) {
		cuts = kpi_xmalloc(n_rebase * sizeof *cuts);
		for (size_t i = 0; i < n_rebase; i++)
			if (rebase_at[i] > 0 && rebase_at[i] < n)
				cuts[n_cuts++] = rebase_at[i];
		qsort(cuts, n_cuts, sizeof *cuts, cmp_size);
	}
	size_t start = 0;
	for (size_t c = 0; c < n_cuts; c++) {
		if (cuts[c] == start)
			continue; /* duplicate */
		run_segment(s, v, start, cuts[c], pol, o);
		start = cuts[c];
	}
	run_segment(s, v, start, n, pol, o);
	free(cuts);
}

const kpi_spc_segment *kpi_spc_last(const kpi_spc *s)
{
	return s->n_seg ? &s->seg[s->n_seg - 1] : NULL;
}

const char *kpi_spc_variation(const kpi_spc *s)
{
	static const char *const names[3][2] = {
		{"improvement_low", "improvement_high"},
		{"concern_low", "concern_high"},
		{"neutral_low", "neutral_high"},
	};
	const kpi_spc_segment *g = kpi_spc_last(s);
	if (!g || !g->ok || !s->has_last)
		return NULL;
	/* signals are in position order, so the last point's is the last one */
	if (s->n_sig && s->sig[s->n_sig - 1].index == s->last_index) {
		const kpi_spc_signal *sg = &s->sig[s->n_sig - 1];
		return names[sg->cls][sg->direction > 0];
	}
	return "common_cause";
}

const char *kpi_spc_assurance(double target, kpi_polarity pol, double ucl, double lcl)
{
	if (pol == KPI_POL_NEUTRAL)
		return NULL;
	if (target > ucl)
		return pol == KPI_POL_HIGHER ? "consistent_fail" : "consistent_pass";
	if (target < lcl)
		return pol == KPI_POL_HIGHER ? "consistent_pass" : "consistent_fail";
	return "inconsistent";
}
