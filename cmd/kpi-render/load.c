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
#include "kpi/geography.h"
#include "kpi/hugemem.h"
#include "kpi/lines.h"
#include "kpi/record.h"
#include "kpi/record_keys.h"
#include "kpi/utf8.h"
#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* The records read, one per kind of object (a record keeps the keys of the
 * last it parsed, so each kind parses on its fast path and finds its fields
 * by number, record_keys.h).  The keys of a point come first in a summary's
 * list, so point() reads both. */
enum {
	K_PERIOD, K_VALUE, K_NUMERATOR, K_DENOMINATOR, K_STATUS, K_RELEASED, K_REVISIONS, K_POINT_KEYS,
	K_INDICATOR = K_POINT_KEYS, K_NAME, K_SECTION, K_UNIT, K_POLARITY, K_AREA, K_BREAKDOWN, K_AS_AT,
	K_PERIOD_TYPE, K_SOURCE, K_COUNTED, K_LEVEL, K_GEOG_L, K_NEW_CODE, K_AREA_CODE, K_NEW_GEOG_CODE, K_OLD_CODE,
	K_LA_NUMBER, K_GEOG_C, K_ORDER, K_PREVIOUS,
	K_YEAR_AGO, K_CHANGE, K_CHANGE_PCT, K_WINDOW, K_HIGHEST_SINCE, K_LOWEST_SINCE, K_RUN,
	K_FIRST_PERIOD, K_GAPS, K_HISTORY, K_SPC, K_STALE, K_TARGET, K_TARGETS, K_TARGET_GAP,
	K_TARGET_NEEDED, K_TARGET_MET, K_RAG, K_BENCHMARK, K_COMPARATORS, K_RANK, K_ASSESSMENT,
	K_MOVEMENT, K_MOVEMENT_BASIS, K_MOVEMENT_BAND, K_REASONS, K_FLAGS, K_SUMMARY_KEYS
};
static const char *const summary_keys[K_SUMMARY_KEYS] = {
	"period", "value", "numerator", "denominator", "status", "released", "revisions",
	"indicator", "name", "section", "unit", "polarity", "area", "breakdown", "as_at",
	"period_type", "source", "counted", "geographic_level", "geog_l", "new_la_code", "area_code", "new_geog_code",
	"old_la_code", "la_number", "geog_c", "order",
	"previous", "year_ago", "change", "change_pct", "window", "highest_since", "lowest_since", "run",
	"first_period", "gaps", "history", "spc", "stale", "target", "targets", "target_gap",
	"target_needed", "target_met", "rag", "benchmark", "comparators", "rank", "assessment",
	"movement", "movement_basis", "movement_band", "reasons", "flags"
};
enum { KW_LENGTH, KW_MEAN, KW_IS_HIGH, KW_IS_LOW, KW_NUM_SUM, KW_DEN_SUM, KW_HIGH, KW_LOW, KW_KEYS };
static const char *const window_keys[KW_KEYS] = {
	"length", "mean", "is_high", "is_low", "numerator_sum", "denominator_sum", "high", "low"
};
enum { KE_VALUE, KE_PERIOD, KE_KEYS };  /* window.high and .low, a revision */
static const char *const extreme_keys[KE_KEYS] = {"value", "period"};
enum { KR_DIRECTION, KR_SINCE, KR_LENGTH, KR_KEYS };
static const char *const run_keys[KR_KEYS] = {"direction", "since", "length"};
enum { KS_POINTS, KS_MEAN, KS_UCL, KS_LCL, KS_UPPER_2S, KS_LOWER_2S, KS_VARIATION, KS_STATUS, KS_SIGNALS, KS_KEYS };
static const char *const spc_keys[KS_KEYS] = {
	"points", "mean", "ucl", "lcl", "upper_2s", "lower_2s", "variation", "status", "signals"
};
enum { KG_PERIOD, KG_RULE, KG_CLASS, KG_KEYS };
static const char *const signal_keys[KG_KEYS] = {"period", "rule", "class"};
enum { KC_VALUE, KC_KIND, KC_AREA, KC_PERIOD, KC_COMPARISON, KC_KEYS };
static const char *const comparator_keys[KC_KEYS] = {"value", "kind", "area", "period", "comparison"};
enum { KN_POSITION, KN_OF, KN_QUARTILE, KN_KEYS };
static const char *const rank_keys[KN_KEYS] = {"position", "of", "quartile"};
enum { KT_VALUE, KT_DUE, KT_KEYS };
static const char *const target_keys[KT_KEYS] = {"value", "due"};
enum { KB_AREA, KB_PERIOD, KB_COMPARISON, KB_VALUE, KB_QUARTILE, KB_RANK, KB_KEYS };
static const char *const benchmark_keys[KB_KEYS] = {"area", "period", "comparison", "value", "quartile", "rank"};

static struct {
	int ready;
	kpi_keyed top, previous, year_ago, point, revision, window, extreme, run, spc, signal,
		comparator, rank, target, benchmark;
} rd;

/* The keys of summary_keys that kpi_area_level_fields and
 * kpi_area_code_fields (lib/geography.c) name, in their order: found once,
 * so the fields are listed in one place only. */
static size_t level_keys[4], code_keys[8], n_level_keys, n_code_keys;

static size_t keys_of(const char *const *fields, size_t *keys, size_t room)
{
	size_t n = 0;
	for (size_t i = 0; fields[i]; i++) {
		size_t k = 0;
		while (k < K_SUMMARY_KEYS && strcmp(summary_keys[k], fields[i]) != 0)
			k++;
		assert(k < K_SUMMARY_KEYS && n < room); /* summary_keys holds every one */
		if (k < K_SUMMARY_KEYS && n < room)
			keys[n++] = k;
	}
	return n;
}

static void readers_init(void)
{
	if (rd.ready)
		return;
	n_level_keys = keys_of(kpi_area_level_fields, level_keys, sizeof level_keys / sizeof *level_keys);
	n_code_keys = keys_of(kpi_area_code_fields, code_keys, sizeof code_keys / sizeof *code_keys);
	kpi_keyed_init(&rd.top, summary_keys, K_SUMMARY_KEYS);
	kpi_keyed_init(&rd.previous, summary_keys, K_POINT_KEYS);
	kpi_keyed_init(&rd.year_ago, summary_keys, K_POINT_KEYS);
	kpi_keyed_init(&rd.point, summary_keys, K_POINT_KEYS);
	kpi_keyed_init(&rd.revision, extreme_keys, KE_KEYS);
	kpi_keyed_init(&rd.window, window_keys, KW_KEYS);
	kpi_keyed_init(&rd.extreme, extreme_keys, KE_KEYS);
	kpi_keyed_init(&rd.run, run_keys, KR_KEYS);
	kpi_keyed_init(&rd.spc, spc_keys, KS_KEYS);
	kpi_keyed_init(&rd.signal, signal_keys, KG_KEYS);
	kpi_keyed_init(&rd.comparator, comparator_keys, KC_KEYS);
	kpi_keyed_init(&rd.rank, rank_keys, KN_KEYS);
	kpi_keyed_init(&rd.target, target_keys, KT_KEYS);
	kpi_keyed_init(&rd.benchmark, benchmark_keys, KB_KEYS);
	rd.ready = 1;
}

static void readers_free(void)
{
	if (!rd.ready)
		return;
	kpi_keyed *all[] = {&rd.top, &rd.previous, &rd.year_ago, &rd.point, &rd.revision, &rd.window,
			    &rd.extreme, &rd.run, &rd.spc, &rd.signal, &rd.comparator, &rd.rank,
			    &rd.target, &rd.benchmark};
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		kpi_keyed_free(all[i]);
	rd.ready = 0;
}

static const char *str(kpi_keyed *k, size_t key)
{
	const kpi_field *f = kpi_keyed_get(k, key);
	return f && f->type == KPI_JT_STRING ? rnd_keep(f->str, f->str_len) : NULL;
}

/* The first of KEYS[0..n) that K has as a string not empty, or NULL. */
static const char *first_str(kpi_keyed *k, const size_t *keys, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const kpi_field *f = kpi_keyed_get(k, keys[i]);
		if (f && f->type == KPI_JT_STRING && f->str_len)
			return rnd_keep(f->str, f->str_len);
	}
	return NULL;
}


/* The words a reader sees for the summary's breakdown (a string or an object
 * of column -> value, lib/breakdown.c), or NULL for the total series. */
static const char *breakdown_label(const kpi_field *f)
{
	kpi_buf b = KPI_BUF_INIT;
	const char *s = NULL;
	if (f && kpi_breakdown_label(&b, f) == 0 && b.len)
		s = rnd_keep(b.data, b.len);
	kpi_buf_free(&b);
	return s;
}

static rnd_num num(kpi_keyed *k, size_t key)
{
	rnd_num n = {0, 0};
	const kpi_field *f = kpi_keyed_get(k, key);
	if (f && f->type == KPI_JT_NUMBER) {
		n.v = f->num;
		n.has = isfinite(n.v);
	}
	return n;
}

static int truth(kpi_keyed *k, size_t key)
{
	const kpi_field *f = kpi_keyed_get(k, key);
	return f && f->type == KPI_JT_TRUE;
}

/* A point: K holds a summary, its previous or year_ago, or a history point
 * (the point keys are first in each list). */
static void point(rnd_point *p, kpi_keyed *k)
{
	p->period = str(k, K_PERIOD);
	p->value = num(k, K_VALUE);
	p->num = num(k, K_NUMERATOR);
	p->den = num(k, K_DENOMINATOR);
	p->status = str(k, K_STATUS);
	p->released = str(k, K_RELEASED);
	/* the figure this one replaced: the last (latest) of the earlier releases */
	p->revised_from = (rnd_num){0, 0};
	kpi_elems it;
	const char *e, *last = NULL;
	size_t len, last_len = 0;
	if (kpi_elems_of(&it, kpi_keyed_get(k, K_REVISIONS)))
		while (kpi_elems_next(&it, &e, &len))
			last = e, last_len = len;
	if (last && kpi_keyed_nested(&rd.revision, last, last_len))
		p->revised_from = num(&rd.revision, KE_VALUE);
}

/* An array of strings; other elements are skipped. */
static const char **strings(const kpi_field *f, size_t *n)
{
	*n = 0;
	size_t cap = kpi_elems_count_of(f);
	if (!cap)
		return NULL;
	const char **v = kpi_xcalloc(cap, sizeof *v);
	kpi_elems it;
	const char *e;
	size_t len;
	kpi_elems_of(&it, f);
	while (kpi_elems_next(&it, &e, &len)) {
		if (len < 2 || e[0] != '"')
			continue;
		if (!memchr(e, '\\', len)) {
			v[(*n)++] = rnd_keep(e + 1, len - 2);
			continue;
		}
		kpi_buf b = KPI_BUF_INIT;
		if (kpi_json_string_decode(e, len, &b) == 0)
			v[(*n)++] = rnd_keep(b.data, b.len);
		kpi_buf_free(&b);
	}
	return v;
}

static void window(rnd_ind *d, kpi_keyed *w)
{
	rnd_num len = num(w, KW_LENGTH);
	d->window.length = len.has ? (long)len.v : 0;
	d->window.mean = num(w, KW_MEAN);
	d->window.is_high = truth(w, KW_IS_HIGH);
	d->window.is_low = truth(w, KW_IS_LOW);
	d->window.num_sum = num(w, KW_NUM_SUM);
	d->window.den_sum = num(w, KW_DEN_SUM);
	kpi_keyed_object(&rd.extreme, kpi_keyed_get(w, KW_HIGH));
	d->window.high = num(&rd.extreme, KE_VALUE);
	d->window.high_period = str(&rd.extreme, KE_PERIOD);
	kpi_keyed_object(&rd.extreme, kpi_keyed_get(w, KW_LOW));
	d->window.low = num(&rd.extreme, KE_VALUE);
	d->window.low_period = str(&rd.extreme, KE_PERIOD);
}

/* The longest history and list of signals read so far: the room each
 * next one starts with. */
static size_t points_room = 32, signals_room = 8;

static void history(rnd_ind *d, const kpi_field *f)
{
	kpi_elems it;
	const char *e;
	size_t n, got = 0;
	if (!kpi_elems_of(&it, f))
		return;
	rnd_kept_array a;
	rnd_kept_array_start(&a, points_room, sizeof(rnd_point));
	while (kpi_elems_next(&it, &e, &n)) {
		if (!kpi_keyed_nested(&rd.point, e, n))
			continue;
		if (got == a.cap) {
			rnd_kept_array_grow(&a);
			points_room = a.cap;
		}
		point((rnd_point *)a.v + got++, &rd.point);
	}
	d->history = rnd_kept_array_end(&a, got);
	d->n_history = got;
}

static void spc(rnd_ind *d, kpi_keyed *s)
{
	rnd_num pts = num(s, KS_POINTS);
	d->spc.points = pts.has ? (long)pts.v : 0;
	d->spc.mean = num(s, KS_MEAN);
	d->spc.ucl = num(s, KS_UCL);
	d->spc.lcl = num(s, KS_LCL);
	d->spc.upper_2s = num(s, KS_UPPER_2S);
	d->spc.lower_2s = num(s, KS_LOWER_2S);
	d->spc.variation = str(s, KS_VARIATION);
	d->spc.status = str(s, KS_STATUS);
	kpi_elems it;
	const char *e;
	size_t n, got = 0;
	if (!kpi_elems_of(&it, kpi_keyed_get(s, KS_SIGNALS)))
		return;
	rnd_kept_array a;
	rnd_kept_array_start(&a, signals_room, sizeof(rnd_signal));
	while (kpi_elems_next(&it, &e, &n)) {
		kpi_keyed *g = &rd.signal;
		const char *period = kpi_keyed_nested(g, e, n) ? str(g, KG_PERIOD) : NULL;
		if (!period)
			continue;
		if (got == a.cap) {
			rnd_kept_array_grow(&a);
			signals_room = a.cap;
		}
		rnd_signal *sg = (rnd_signal *)a.v + got++;
		sg->period = period;
		sg->rule = str(g, KG_RULE);
		sg->klass = str(g, KG_CLASS);
	}
	d->spc.signals = rnd_kept_array_end(&a, got);
	d->spc.n_signals = got;
}

/* kpi-flag --compare: the comparators that were compared, and the rank. */
static void comparators(rnd_ind *d, kpi_keyed *o)
{
	kpi_elems it;
	const char *e;
	size_t n;
	kpi_keyed *c = &rd.comparator;
	kpi_elems_of(&it, kpi_keyed_get(o, K_COMPARATORS));
	while (kpi_elems_next(&it, &e, &n) && d->n_comparators < 3) {
		kpi_keyed_nested(c, e, n);
		rnd_num v = num(c, KC_VALUE);
		if (!v.has)
			continue;
		d->comparator[d->n_comparators].kind = str(c, KC_KIND);
		d->comparator[d->n_comparators].area = str(c, KC_AREA);
		d->comparator[d->n_comparators].period = str(c, KC_PERIOD);
		d->comparator[d->n_comparators].comparison = str(c, KC_COMPARISON);
		d->comparator[d->n_comparators++].value = v;
	}
	kpi_keyed *r = &rd.rank;
	if (kpi_keyed_object(r, kpi_keyed_get(o, K_RANK))) {
		rnd_num pos = num(r, KN_POSITION), of = num(r, KN_OF);
		d->rank.has = pos.has && of.has;
		d->rank.position = (long)pos.v;
		d->rank.of = (long)of.v;
		d->rank.quartile = str(r, KN_QUARTILE);
	}
}

static void targets(rnd_ind *d, kpi_keyed *o)
{
	kpi_keyed *t = &rd.target;
	if (kpi_keyed_object(t, kpi_keyed_get(o, K_TARGET))) {
		d->target.value = num(t, KT_VALUE);
		d->target.due = str(t, KT_DUE);
		d->has_target = d->target.value.has;
	}
	const kpi_field *all = kpi_keyed_get(o, K_TARGETS);
	size_t cap = kpi_elems_count_of(all);
	if (cap) {
		d->targets = kpi_xcalloc(cap, sizeof *d->targets);
		kpi_elems it;
		const char *e;
		size_t n;
		kpi_elems_of(&it, all);
		while (kpi_elems_next(&it, &e, &n)) {
			kpi_keyed_nested(t, e, n);
			rnd_num v = num(t, KT_VALUE);
			if (!v.has)
				continue;
			d->targets[d->n_targets].value = v;
			d->targets[d->n_targets++].due = str(t, KT_DUE);
		}
	}
	d->target_gap = num(o, K_TARGET_GAP);
	d->target_needed = num(o, K_TARGET_NEEDED);
	const kpi_field *met = kpi_keyed_get(o, K_TARGET_MET);
	d->target_met = met && (met->type == KPI_JT_TRUE || met->type == KPI_JT_FALSE)
				? met->type == KPI_JT_TRUE : -1;
}

static void fill(rnd_ind *d, kpi_keyed *o)
{
	d->indicator = str(o, K_INDICATOR);
	d->name = str(o, K_NAME);
	d->section = str(o, K_SECTION);
	d->unit = str(o, K_UNIT);
	d->polarity = str(o, K_POLARITY);
	d->area = str(o, K_AREA);
	d->breakdown = breakdown_label(kpi_keyed_get(o, K_BREAKDOWN));
	d->as_at = str(o, K_AS_AT);
	d->period_type = str(o, K_PERIOD_TYPE);
	d->source = str(o, K_SOURCE);
	d->counted = str(o, K_COUNTED);
	d->level = first_str(o, level_keys, n_level_keys);
	d->area_code = first_str(o, code_keys, n_code_keys);
	d->order = num(o, K_ORDER);
	d->decimals = kpi_record_decimals(&o->rec);
	point(&d->latest, o);

	if ((d->has_previous = kpi_keyed_object(&rd.previous, kpi_keyed_get(o, K_PREVIOUS)) != NULL))
		point(&d->previous, &rd.previous);
	if ((d->has_year_ago = kpi_keyed_object(&rd.year_ago, kpi_keyed_get(o, K_YEAR_AGO)) != NULL))
		point(&d->year_ago, &rd.year_ago);
	d->change = num(o, K_CHANGE);
	d->change_pct = num(o, K_CHANGE_PCT);

	if ((d->window.has = kpi_keyed_object(&rd.window, kpi_keyed_get(o, K_WINDOW)) != NULL))
		window(d, &rd.window);
	d->highest_since = str(o, K_HIGHEST_SINCE);
	d->lowest_since = str(o, K_LOWEST_SINCE);
	kpi_keyed *run = &rd.run;
	kpi_keyed_object(run, kpi_keyed_get(o, K_RUN));
	d->run.direction = str(run, KR_DIRECTION);
	d->run.since = str(run, KR_SINCE);
	rnd_num rl = num(run, KR_LENGTH);
	d->run.length = rl.has ? (long)rl.v : 0;
	d->first_period = str(o, K_FIRST_PERIOD);
	d->window.span = d->window.length;
	int ok = 0;
	long since_first = d->first_period && d->latest.period
				   ? rnd_series_diff(d, d->latest.period, d->first_period, &ok) + 1
				   : 0;
	if (ok && since_first >= 1 && since_first < d->window.span)
		d->window.span = since_first;
	d->n_gaps = kpi_elems_count_of(kpi_keyed_get(o, K_GAPS));
	history(d, kpi_keyed_get(o, K_HISTORY));
	/* kpi-trend's previous point carries no release: its history entry does */
	for (size_t i = 0; d->has_previous && d->previous.period && i < d->n_history; i++)
		if (d->history[i].period && strcmp(d->history[i].period, d->previous.period) == 0) {
			d->previous.released = d->history[i].released;
			d->previous.revised_from = d->history[i].revised_from;
		}

	if ((d->spc.has = kpi_keyed_object(&rd.spc, kpi_keyed_get(o, K_SPC)) != NULL))
		spc(d, &rd.spc);
	/* kpi-trend writes the number of periods since the latest value (0 when
	 * current, null without a value); a boolean true from an older producer
	 * says stale without saying by how much. */
	rnd_num st = num(o, K_STALE);
	d->stale = st.has && st.v >= 1 ? (long)st.v : truth(o, K_STALE) ? 1 : st.has ? 0 : -1;

	targets(d, o);
	d->rag = str(o, K_RAG);

	kpi_keyed *b = &rd.benchmark;
	if (kpi_keyed_object(b, kpi_keyed_get(o, K_BENCHMARK))) {
		d->benchmark.area = str(b, KB_AREA);
		d->benchmark.period = str(b, KB_PERIOD);
		d->benchmark.comparison = str(b, KB_COMPARISON);
		d->benchmark.value = num(b, KB_VALUE);
		d->benchmark.quartile = str(b, KB_QUARTILE);
		d->benchmark.rank = num(b, KB_RANK);
		d->benchmark.has = d->benchmark.value.has;
	}
	comparators(d, o);
	d->assessment = str(o, K_ASSESSMENT);
	d->movement = str(o, K_MOVEMENT);
	d->movement_basis = str(o, K_MOVEMENT_BASIS);
	d->movement_band = num(o, K_MOVEMENT_BAND);
	d->reasons = strings(kpi_keyed_get(o, K_REASONS), &d->n_reasons);
	d->flags = strings(kpi_keyed_get(o, K_FLAGS), &d->n_flags);
	rnd_whole_decimals(d);
}

/* Twice the room for records.  Past 4 MB (some 3,000 records) the array
 * moves to huge pages (hugemem.h): realloc's copy into fresh pages was a
 * third of kpi-render's page faults on a million observations. */
static void grow_inds(rnd_inds *out)
{
	size_t cap = out->cap ? out->cap * 2 : 16, bytes = cap * sizeof *out->v;
	if (bytes < 2 * KPI_HUGE_PAGE) {
		out->v = kpi_xrealloc(out->v, bytes);
	} else {
		rnd_ind *v = kpi_xmalloc_huge(bytes, &bytes);
		memcpy(v, out->v, out->n * sizeof *v);
		free(out->v);
		out->v = v;
		cap = bytes / sizeof *v;
	}
	out->cap = cap;
}

/* 1 when KEEP is empty or names the as_at of O (the text of a top-level
 * "as_at" string). */
static int as_at_wanted(kpi_keyed *o, const char *const *keep_as_at, size_t n_keep)
{
	if (!n_keep)
		return 1;
	const kpi_field *f = kpi_keyed_get(o, K_AS_AT);
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
	readers_init();
	kpi_keyed *o = &rd.top;
	while (kpi_lines_next_or_die(in, &line, &len)) {
		size_t i = 0;
		while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
			i++;
		if (i == len)
			continue; /* blank lines are skipped, as kpi_ndjson does */
		run->read++;
		if (!kpi_keyed_parse(o, line, len, err, sizeof err)) {
			kpi_run_reject(run, kpi_lines_where(in), err, line, len);
			continue;
		}
		const kpi_field *ind = kpi_keyed_get(o, K_INDICATOR);
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
		if (out->n == out->cap)
			grow_inds(out);
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
	rnd_kept_free();
	free(v->v);
	v->v = NULL;
	v->n = v->cap = 0;
	readers_free();
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
