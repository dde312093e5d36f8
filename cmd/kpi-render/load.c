/* load.c: judged summaries (contract §3 and §4) into rnd_ind.
 * Every field but "indicator" is optional: a missing field, a null, or a
 * value of the wrong type is read as absent, so the report says less rather
 * than failing on a summary from an older or a partial pipeline.
 *
 * Read with the strict record parser of lib/record.c, not jansson: the line
 * is validated once, and the nested objects (previous, window, history
 * points, ...) are parsed from their raw text only when needed.  Building
 * and freeing a jansson tree of every record was over half of kpi-render's
 * time on a council's month.  The strings kept go to blocks shared by
 * every record, that never move. */
#include "render.h"
#include "kpi/breakdown.h"
#include "kpi/diag.h"
#include "kpi/lines.h"
#include "kpi/record.h"
#include "kpi/utf8.h"
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* Scratch records, one per depth: the summary, an object in it, an object
 * in that (window.high, a signal of spc). */
static kpi_record rec_top, rec_1, rec_2;

/* The strings, history points and SPC signals of every record loaded:
 * blocks that never move, filled in turn (a block of strings per record
 * left most of each block unused, and the fresh memory's page faults and
 * malloc's bins were a third of loading 72 months of a council).  Freed
 * with the records (rnd_inds_free). */
static struct {
	char **blocks;
	size_t n, used, size;
} strings_kept;

/* N bytes among those kept, at an offset aligned for any object when
 * ALIGNED. */
static char *kept_bytes(size_t n, int aligned)
{
	size_t a = _Alignof(max_align_t), at = strings_kept.used;
	if (aligned)
		at = (at + a - 1) / a * a;
	if (!strings_kept.n || at + n > strings_kept.size) {
		size_t size = n > 65536 ? n : 65536;
		strings_kept.blocks = kpi_xrealloc(strings_kept.blocks, (strings_kept.n + 1) * sizeof *strings_kept.blocks);
		strings_kept.blocks[strings_kept.n++] = kpi_xmalloc(size);
		strings_kept.size = size;
		at = 0;
	}
	strings_kept.used = at + n;
	return strings_kept.blocks[strings_kept.n - 1] + at;
}

/* A copy of S[0..n) among the strings kept. */
static const char *keep(rnd_ind *d, const char *s, size_t n)
{
	(void)d;
	char *out = kept_bytes(n + 1, 0);
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

/* A copy of the N objects of SIZE at P among the bytes kept (NULL for none). */
static void *keep_array(const void *p, size_t n, size_t size)
{
	if (!n)
		return NULL;
	void *out = kept_bytes(n * size, 1);
	memcpy(out, p, n * size);
	return out;
}

static const kpi_field *field(const kpi_record *r, const char *key)
{
	return r ? kpi_record_get(r, key) : NULL;
}

static const char *str(rnd_ind *d, const kpi_record *r, const char *key)
{
	const kpi_field *f = field(r, key);
	return f && f->type == KPI_JT_STRING ? keep(d, f->str, f->str_len) : NULL;
}

/* The words a reader sees for the summary's breakdown (a string or an object
 * of column -> value, lib/breakdown.c), or NULL for the total series. */
static const char *breakdown_label(rnd_ind *d, const kpi_record *r)
{
	const kpi_field *f = field(r, "breakdown");
	kpi_buf b = KPI_BUF_INIT;
	const char *s = NULL;
	if (f && kpi_breakdown_label(&b, f) == 0 && b.len)
		s = keep(d, b.data, b.len);
	kpi_buf_free(&b);
	return s;
}

static rnd_num num(const kpi_record *r, const char *key)
{
	rnd_num n = {0, 0};
	const kpi_field *f = field(r, key);
	if (f && f->type == KPI_JT_NUMBER) {
		n.v = f->num;
		n.has = isfinite(n.v);
	}
	return n;
}

static int truth(const kpi_record *r, const char *key)
{
	const kpi_field *f = field(r, key);
	return f && f->type == KPI_JT_TRUE;
}

static void point(rnd_ind *d, rnd_point *p, const kpi_record *r)
{
	p->period = str(d, r, "period");
	p->value = num(r, "value");
	p->num = num(r, "numerator");
	p->den = num(r, "denominator");
	p->status = str(d, r, "status");
	p->released = str(d, r, "released");
	/* the figure this one replaced: the last (latest) of the earlier releases */
	p->revised_from = (rnd_num){0, 0};
	size_t n = kpi_elems_count(r, "revisions");
	kpi_elems it;
	const char *e;
	size_t len;
	if (n && kpi_elems_start(&it, r, "revisions"))
		for (size_t i = 0; kpi_elems_next(&it, &e, &len); i++)
			if (i + 1 == n)
				p->revised_from = num(kpi_record_parse_object(&rec_2, e, len), "value");
}

/* An array of strings; other elements are skipped. */
static const char **strings(rnd_ind *d, const kpi_record *r, const char *key, size_t *n)
{
	*n = 0;
	size_t cap = kpi_elems_count(r, key);
	if (!cap)
		return NULL;
	const char **v = kpi_xcalloc(cap, sizeof *v);
	kpi_elems it;
	const char *e;
	size_t len;
	kpi_elems_start(&it, r, key);
	while (kpi_elems_next(&it, &e, &len)) {
		if (len < 2 || e[0] != '"')
			continue;
		if (!memchr(e, '\\', len)) {
			v[(*n)++] = keep(d, e + 1, len - 2);
			continue;
		}
		kpi_buf b = KPI_BUF_INIT;
		if (kpi_json_string_decode(e, len, &b) == 0)
			v[(*n)++] = keep(d, b.data, b.len);
		kpi_buf_free(&b);
	}
	return v;
}

static void window(rnd_ind *d, const kpi_record *w)
{
	rnd_num len = num(w, "length");
	d->window.length = len.has ? (long)len.v : 0;
	d->window.mean = num(w, "mean");
	d->window.is_high = truth(w, "is_high");
	d->window.is_low = truth(w, "is_low");
	d->window.num_sum = num(w, "numerator_sum");
	d->window.den_sum = num(w, "denominator_sum");
	const kpi_record *h = kpi_record_object(&rec_2, w, "high");
	d->window.high = num(h, "value");
	d->window.high_period = str(d, h, "period");
	h = kpi_record_object(&rec_2, w, "low");
	d->window.low = num(h, "value");
	d->window.low_period = str(d, h, "period");
}

/* The points of a history and the signals of an SPC chart, gathered here
 * in one walk of their array, then kept at their size. */
static rnd_point *points_read;
static rnd_signal *signals_read;
static size_t points_cap, signals_cap;

static void history(rnd_ind *d, const kpi_record *o)
{
	kpi_elems it;
	const char *e;
	size_t n, got = 0;
	if (!kpi_elems_start(&it, o, "history"))
		return;
	while (kpi_elems_next(&it, &e, &n)) {
		const kpi_record *h = kpi_record_parse_object(&rec_1, e, n);
		if (!h)
			continue;
		if (got == points_cap) {
			points_cap = points_cap ? 2 * points_cap : 64;
			points_read = kpi_xrealloc(points_read, points_cap * sizeof *points_read);
		}
		point(d, &points_read[got++], h);
	}
	d->history = keep_array(points_read, got, sizeof *points_read);
	d->n_history = got;
}

static void spc(rnd_ind *d, const kpi_record *s)
{
	rnd_num pts = num(s, "points");
	d->spc.points = pts.has ? (long)pts.v : 0;
	d->spc.mean = num(s, "mean");
	d->spc.ucl = num(s, "ucl");
	d->spc.lcl = num(s, "lcl");
	d->spc.upper_2s = num(s, "upper_2s");
	d->spc.lower_2s = num(s, "lower_2s");
	d->spc.variation = str(d, s, "variation");
	d->spc.status = str(d, s, "status");
	kpi_elems it;
	const char *e;
	size_t n, got = 0;
	if (!kpi_elems_start(&it, s, "signals"))
		return;
	while (kpi_elems_next(&it, &e, &n)) {
		const kpi_record *g = kpi_record_parse_object(&rec_2, e, n);
		const char *period = g ? str(d, g, "period") : NULL;
		if (!period)
			continue;
		if (got == signals_cap) {
			signals_cap = signals_cap ? 2 * signals_cap : 64;
			signals_read = kpi_xrealloc(signals_read, signals_cap * sizeof *signals_read);
		}
		rnd_signal *sg = &signals_read[got++];
		sg->period = period;
		sg->rule = str(d, g, "rule");
		sg->klass = str(d, g, "class");
	}
	d->spc.signals = keep_array(signals_read, got, sizeof *signals_read);
	d->spc.n_signals = got;
}

/* kpi-flag --compare: the comparators that were compared, and the rank. */
static void comparators(rnd_ind *d, const kpi_record *o)
{
	kpi_elems it;
	const char *e;
	size_t n;
	kpi_elems_start(&it, o, "comparators");
	while (kpi_elems_next(&it, &e, &n) && d->n_comparators < 3) {
		const kpi_record *c = kpi_record_parse_object(&rec_1, e, n);
		rnd_num v = num(c, "value");
		if (!c || !v.has)
			continue;
		d->comparator[d->n_comparators].kind = str(d, c, "kind");
		d->comparator[d->n_comparators].area = str(d, c, "area");
		d->comparator[d->n_comparators].period = str(d, c, "period");
		d->comparator[d->n_comparators].comparison = str(d, c, "comparison");
		d->comparator[d->n_comparators++].value = v;
	}
	const kpi_record *r = kpi_record_object(&rec_1, o, "rank");
	if (r) {
		rnd_num pos = num(r, "position"), of = num(r, "of");
		d->rank.has = pos.has && of.has;
		d->rank.position = (long)pos.v;
		d->rank.of = (long)of.v;
		d->rank.quartile = str(d, r, "quartile");
	}
}

static void targets(rnd_ind *d, const kpi_record *o)
{
	const kpi_record *t = kpi_record_object(&rec_1, o, "target");
	if (t) {
		d->target.value = num(t, "value");
		d->target.due = str(d, t, "due");
		d->has_target = d->target.value.has;
	}
	size_t cap = kpi_elems_count(o, "targets");
	if (cap) {
		d->targets = kpi_xcalloc(cap, sizeof *d->targets);
		kpi_elems it;
		const char *e;
		size_t n;
		kpi_elems_start(&it, o, "targets");
		while (kpi_elems_next(&it, &e, &n)) {
			const kpi_record *g = kpi_record_parse_object(&rec_1, e, n);
			rnd_num v = num(g, "value");
			if (!v.has)
				continue;
			d->targets[d->n_targets].value = v;
			d->targets[d->n_targets++].due = str(d, g, "due");
		}
	}
	d->target_gap = num(o, "target_gap");
	d->target_needed = num(o, "target_needed");
	const kpi_field *met = field(o, "target_met");
	d->target_met = met && (met->type == KPI_JT_TRUE || met->type == KPI_JT_FALSE)
				? met->type == KPI_JT_TRUE : -1;
}

static void fill(rnd_ind *d, const kpi_record *o)
{
	d->indicator = str(d, o, "indicator");
	d->name = str(d, o, "name");
	d->section = str(d, o, "section");
	d->unit = str(d, o, "unit");
	d->polarity = str(d, o, "polarity");
	d->area = str(d, o, "area");
	d->breakdown = breakdown_label(d, o);
	d->as_at = str(d, o, "as_at");
	d->period_type = str(d, o, "period_type");
	d->source = str(d, o, "source");
	d->counted = str(d, o, "counted");
	d->level = str(d, o, "geographic_level");
	d->area_code = str(d, o, "new_la_code");
	if (!d->area_code || !*d->area_code)
		d->area_code = str(d, o, "old_la_code");
	if (d->area_code && !*d->area_code)
		d->area_code = NULL;
	d->order = num(o, "order");
	d->decimals = kpi_record_decimals(o);
	point(d, &d->latest, o);

	const kpi_record *p = kpi_record_object(&rec_1, o, "previous");
	if ((d->has_previous = p != NULL))
		point(d, &d->previous, p);
	p = kpi_record_object(&rec_1, o, "year_ago");
	if ((d->has_year_ago = p != NULL))
		point(d, &d->year_ago, p);
	d->change = num(o, "change");
	d->change_pct = num(o, "change_pct");

	const kpi_record *w = kpi_record_object(&rec_1, o, "window");
	if ((d->window.has = w != NULL))
		window(d, w);
	d->highest_since = str(d, o, "highest_since");
	d->lowest_since = str(d, o, "lowest_since");
	const kpi_record *run = kpi_record_object(&rec_1, o, "run");
	d->run.direction = str(d, run, "direction");
	d->run.since = str(d, run, "since");
	rnd_num rl = num(run, "length");
	d->run.length = rl.has ? (long)rl.v : 0;
	d->first_period = str(d, o, "first_period");
	d->window.span = d->window.length;
	int ok = 0;
	long since_first = d->first_period && d->latest.period
				   ? rnd_series_diff(d, d->latest.period, d->first_period, &ok) + 1
				   : 0;
	if (ok && since_first >= 1 && since_first < d->window.span)
		d->window.span = since_first;
	d->n_gaps = kpi_elems_count(o, "gaps");
	history(d, o);
	/* kpi-trend's previous point carries no release: its history entry does */
	for (size_t i = 0; d->has_previous && d->previous.period && i < d->n_history; i++)
		if (d->history[i].period && strcmp(d->history[i].period, d->previous.period) == 0) {
			d->previous.released = d->history[i].released;
			d->previous.revised_from = d->history[i].revised_from;
		}

	const kpi_record *s = kpi_record_object(&rec_1, o, "spc");
	if ((d->spc.has = s != NULL))
		spc(d, s);
	/* kpi-trend writes the number of periods since the latest value (0 when
	 * current, null without a value); a boolean true from an older producer
	 * says stale without saying by how much. */
	rnd_num st = num(o, "stale");
	d->stale = st.has && st.v >= 1 ? (long)st.v : truth(o, "stale") ? 1 : st.has ? 0 : -1;

	targets(d, o);
	d->rag = str(d, o, "rag");

	const kpi_record *b = kpi_record_object(&rec_1, o, "benchmark");
	if (b) {
		d->benchmark.area = str(d, b, "area");
		d->benchmark.period = str(d, b, "period");
		d->benchmark.comparison = str(d, b, "comparison");
		d->benchmark.value = num(b, "value");
		d->benchmark.quartile = str(d, b, "quartile");
		d->benchmark.rank = num(b, "rank");
		d->benchmark.has = d->benchmark.value.has;
	}
	comparators(d, o);
	d->assessment = str(d, o, "assessment");
	d->movement = str(d, o, "movement");
	d->reasons = strings(d, o, "reasons", &d->n_reasons);
	d->flags = strings(d, o, "flags", &d->n_flags);
	rnd_whole_decimals(d);
}

/* 1 when KEEP is empty or names the as_at of O (the text of a top-level
 * "as_at" string). */
static int as_at_wanted(const kpi_record *o, const char *const *keep_as_at, size_t n_keep)
{
	if (!n_keep)
		return 1;
	const kpi_field *f = kpi_record_get(o, "as_at");
	if (!f || f->type != KPI_JT_STRING)
		return 0;
	for (size_t i = 0; i < n_keep; i++)
		if (strlen(keep_as_at[i]) == f->str_len && memcmp(keep_as_at[i], f->str, f->str_len) == 0)
			return 1;
	return 0;
}

void rnd_load(rnd_inds *out, const char *path, kpi_run *run, const char *const *keep_as_at, size_t n_keep)
{
	kpi_lines *in = kpi_lines_open_or_die(path);
	char *line;
	size_t len;
	char err[256];
	while (kpi_lines_next_or_die(in, &line, &len)) {
		size_t i = 0;
		while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
			i++;
		if (i == len)
			continue; /* blank lines are skipped, as kpi_ndjson does */
		run->read++;
		const kpi_record *o = &rec_top;
		if (kpi_record_parse(&rec_top, line, len, err, sizeof err) != 0) {
			kpi_run_reject(run, kpi_lines_where(in), err, line, len);
			continue;
		}
		const kpi_field *ind = kpi_record_get(o, "indicator");
		if (!ind || ind->type != KPI_JT_STRING) {
			kpi_run_reject(run, kpi_lines_where(in),
				       "a judged summary needs an \"indicator\" string", line, len);
			continue;
		}
		/* --each-as-at --as-at: a record of another period is read, not kept
		 * (nor its strings copied) */
		if (!as_at_wanted(o, keep_as_at, n_keep)) {
			run->written++;
			continue;
		}
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 16;
			out->v = kpi_xrealloc(out->v, out->cap * sizeof *out->v);
		}
		rnd_ind *d = &out->v[out->n++];
		memset(d, 0, sizeof *d);
		snprintf(d->where, sizeof d->where, "%s", kpi_lines_where(in));
		fill(d, o);
		run->written++;
	}
	kpi_lines_close(in);
}

void rnd_inds_free(rnd_inds *v)
{
	for (size_t i = 0; i < v->n; i++) {
		rnd_ind *d = &v->v[i];
		free(d->targets);
		free(d->reasons);
		free(d->flags);
	}
	free(points_read);
	free(signals_read);
	points_read = NULL, signals_read = NULL;
	points_cap = signals_cap = 0;
	for (size_t k = 0; k < strings_kept.n; k++)
		free(strings_kept.blocks[k]);
	free(strings_kept.blocks);
	memset(&strings_kept, 0, sizeof strings_kept);
	free(v->v);
	v->v = NULL;
	v->n = v->cap = 0;
	kpi_record_free(&rec_top);
	kpi_record_free(&rec_1);
	kpi_record_free(&rec_2);
}

int rnd_has_flag(const rnd_ind *ind, const char *flag)
{
	for (size_t i = 0; i < ind->n_flags; i++)
		if (strcmp(ind->flags[i], flag) == 0)
			return 1;
	return 0;
}

int rnd_has_reason(const rnd_ind *ind, const char *reason)
{
	for (size_t i = 0; i < ind->n_reasons; i++)
		if (ind->reasons[i] && strcmp(ind->reasons[i], reason) == 0)
			return 1;
	return 0;
}
