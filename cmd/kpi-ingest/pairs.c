/* pairs.c: the count beside a percentage.  A melted row often holds a
 * percentage and the count it is a percentage of (DfE files: rereferral_count
 * and rereferral_percent, CPP_subsequent and CPP_subsequent_percent,
 * t_pupils_pa_10_exact and pt_pupils_pa_10_exact).  Written as separate
 * observations, the percentage loses its count and a report can only say
 * "22.1%" where a board expects "22.1% (150)".  Here each measure column gets
 * its numerator and denominator columns: from --numerator/--denominator, else
 * from the DfE's naming of such pairs.
 *
 * A rate per N children (EES: rate_per_10000 beside children_count and
 * population_estimate) is the same shape: its count is the row's one _count
 * column and its base the population estimate.  The population is the base
 * of the rate, not an indicator of its own (a board paper never reports the
 * child population as a KPI), so, paired by the naming rule, it travels as
 * the rate's denominator and is not melted into records of its own. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "kpi/diag.h"
#include "kpi/strtab.h"
#include "table.h"

/* The measure columns by name, lowered: one lookup per candidate name, so a
 * melt of 100,000 measure columns is not a quadratic search. */
typedef struct {
	kpi_strtab names;  /* ids 1, 2, ... in the order added */
	int *col;          /* col[id - 1]: the first measure column of that name */
	kpi_buf key;
} measure_names;

static void lowered(kpi_buf *b, const char *s, size_t n, const char *suffix)
{
	kpi_buf_clear(b);
	for (size_t i = 0; i < n; i++)
		kpi_buf_addc(b, (char)tolower((unsigned char)s[i]));
	for (; *suffix; suffix++)
		kpi_buf_addc(b, (char)tolower((unsigned char)*suffix));
}

static void names_init(measure_names *m, const table *t)
{
	kpi_strtab_init(&m->names);
	m->col = kpi_xcalloc(t->n ? t->n : 1, sizeof *m->col);
	m->key = (kpi_buf)KPI_BUF_INIT;
	uint32_t n = 0;
	for (size_t i = 0; i < t->n; i++) {
		if (t->col[i].kind != K_CUR)
			continue;
		lowered(&m->key, t->col[i].name, strlen(t->col[i].name), "");
		uint32_t id = kpi_strtab_add(&m->names, m->key.data, m->key.len);
		if (id > n)
			m->col[(n = id) - 1] = (int)i;
	}
}

static void names_free(measure_names *m)
{
	kpi_strtab_free(&m->names);
	free(m->col);
	kpi_buf_free(&m->key);
}

/* The measure column whose name is STEM followed by SUFFIX (any case), or -1. */
static int measure_named(measure_names *m, const char *stem, size_t stem_len, const char *suffix)
{
	lowered(&m->key, stem, stem_len, suffix);
	uint32_t id = kpi_strtab_find(&m->names, m->key.data, m->key.len);
	return id ? m->col[id - 1] : -1;
}

/* The count column the name of percentage column C points at, or -1:
 * STEM_percent, STEM_pct, STEM_pc with STEM_count, STEM_number or STEM;
 * pt_STEM with t_STEM (the EES prefixes of a total and its percentage). */
static int named_count(const table *t, measure_names *m, size_t c)
{
	static const char *const pct_suffix[] = {"_percent", "_pct", "_pc"};
	static const char *const count_suffix[] = {"_count", "_number", ""};
	const char *nm = t->col[c].name;
	size_t n = strlen(nm);
	for (size_t s = 0; s < sizeof pct_suffix / sizeof *pct_suffix; s++) {
		size_t sl = strlen(pct_suffix[s]);
		if (n <= sl || strcasecmp(nm + n - sl, pct_suffix[s]) != 0)
			continue;
		for (size_t k = 0; k < sizeof count_suffix / sizeof *count_suffix; k++) {
			int found = measure_named(m, nm, n - sl, count_suffix[k]);
			if (found >= 0)
				return found;
		}
		return -1;
	}
	if (n > 3 && strncasecmp(nm, "pt_", 3) == 0) {
		/* t_STEM: the name without its leading 'p' */
		return measure_named(m, nm + 1, n - 1, "");
	}
	return -1;
}

/* RATE_per_DIGITS, or rate_per_DIGITS: a rate per N (any case). */
static int is_rate_per_n(const char *nm)
{
	size_t n = strlen(nm), d = n;
	while (d > 0 && isdigit((unsigned char)nm[d - 1]))
		d--;
	static const char tail[] = "rate_per_";
	size_t tl = sizeof tail - 1;
	return d < n && d >= tl && strncasecmp(nm + d - tl, tail, tl) == 0 &&
	       (d == tl || nm[d - tl - 1] == '_');
}

/* The EES pair of a rate per N: its base (a measure column named
 * population_estimate or population) and its count (the row's only other
 * measure column whose name ends in _count). */
static void rate_pairs(table *t, measure_names *m)
{
	int base = measure_named(m, "population_estimate", 19, "");
	if (base < 0)
		base = measure_named(m, "population", 10, "");
	if (base < 0)
		return;
	int count = -1, counts = 0;
	for (size_t i = 0; i < t->n; i++) {
		const char *nm = t->col[i].name;
		size_t n = strlen(nm);
		if (t->col[i].kind == K_CUR && (int)i != base && n > 6 &&
		    strcasecmp(nm + n - 6, "_count") == 0) {
			count = (int)i;
			counts++;
		}
	}
	for (size_t i = 0; i < t->n; i++) {
		if (t->col[i].kind != K_CUR || !is_rate_per_n(t->col[i].name))
			continue;
		if (t->col[i].den_col < 0) {
			t->col[i].den_col = base;
			/* a --measures list that names it keeps its records */
			t->col[base].base_only = t->o->measures.n == 0 || t->o->measures_all;
		}
		if (t->col[i].num_col < 0 && counts == 1)
			t->col[i].num_col = count;
	}
}

void find_pairs(table *t)
{
	const ingest_opts *o = t->o;
	for (size_t i = 0; i < t->n; i++) {
		t->col[i].num_col = t->col[i].den_col = -1;
		t->col[i].base_only = 0;
	}
	t->has_num = t->has_den = 0;
	for (size_t p = 0; p < o->npairs; p++) {
		const char *opt = o->pairs[p].role == R_NUMERATOR ? "--numerator" : "--denominator";
		int m = column_or_die(t, opt, o->pairs[p].measure);
		if (t->col[m].kind != K_CUR) {
			out_flush();
			kpi_die(KPI_EXIT_DATA, "%s: %s: column '%s' is not a measure column%s", t->file, opt,
				o->pairs[p].measure,
				t->melt ? "" : " (the file has one value column: use --map numerator=COLUMN)");
		}
		int c = column_or_die(t, opt, o->pairs[p].column);
		if (o->pairs[p].role == R_NUMERATOR)
			t->col[m].num_col = c;
		else
			t->col[m].den_col = c;
	}
	if (t->melt && !o->no_auto_pairs) {
		measure_names m;
		names_init(&m, t);
		rate_pairs(t, &m);
		for (size_t i = 0; i < t->n; i++)
			if (t->col[i].kind == K_CUR && t->col[i].num_col < 0)
				t->col[i].num_col = named_count(t, &m, i);
		names_free(&m);
	}
	for (size_t i = 0; i < t->n; i++) {
		t->has_num |= t->col[i].num_col >= 0;
		t->has_den |= t->col[i].den_col >= 0;
	}
}
