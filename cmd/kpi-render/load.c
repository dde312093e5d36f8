/* load.c: judged summaries (contract §3 and §4) into rnd_ind.
 * Every field but "indicator" is optional: a missing field, a null, or a
 * value of the wrong type is read as absent, so the report says less rather
 * than failing on a summary from an older or a partial pipeline. */
#include "render.h"
#include "kpi/lines.h"
#include "kpi/ndjson.h"
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static const char *str(json_t *o, const char *key)
{
	json_t *v = o ? json_object_get(o, key) : NULL;
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static rnd_num num(json_t *o, const char *key)
{
	rnd_num n = {0, 0};
	json_t *v = o ? json_object_get(o, key) : NULL;
	if (json_is_number(v)) {
		n.v = json_number_value(v);
		n.has = isfinite(n.v);
	}
	return n;
}

static int truth(json_t *o, const char *key)
{
	json_t *v = o ? json_object_get(o, key) : NULL;
	return json_is_true(v);
}

static json_t *obj(json_t *o, const char *key)
{
	json_t *v = o ? json_object_get(o, key) : NULL;
	return json_is_object(v) ? v : NULL;
}

static json_t *arr(json_t *o, const char *key)
{
	json_t *v = o ? json_object_get(o, key) : NULL;
	return json_is_array(v) ? v : NULL;
}

static void point(rnd_point *p, json_t *o)
{
	p->period = str(o, "period");
	p->value = num(o, "value");
	p->num = num(o, "numerator");
	p->den = num(o, "denominator");
	p->status = str(o, "status");
}

static const char **strings(json_t *a, size_t *n)
{
	*n = 0;
	if (!a || !json_array_size(a))
		return NULL;
	const char **v = kpi_xcalloc(json_array_size(a), sizeof *v);
	for (size_t i = 0; i < json_array_size(a); i++)
		if (json_is_string(json_array_get(a, i)))
			v[(*n)++] = json_string_value(json_array_get(a, i));
	return v;
}

static void fill(rnd_ind *d, json_t *o)
{
	d->obj = o;
	d->indicator = str(o, "indicator");
	d->name = str(o, "name");
	d->section = str(o, "section");
	d->unit = str(o, "unit");
	d->polarity = str(o, "polarity");
	d->area = str(o, "area");
	d->breakdown = str(o, "breakdown");
	d->as_at = str(o, "as_at");
	d->period_type = str(o, "period_type");
	d->source = str(o, "source");
	d->counted = str(o, "counted");
	d->order = num(o, "order");
	rnd_num dec = num(o, "decimals");
	d->decimals = dec.has && dec.v >= 0 && dec.v <= 6 ? (int)dec.v : -1;
	point(&d->latest, o);

	json_t *p = obj(o, "previous");
	if ((d->has_previous = p != NULL))
		point(&d->previous, p);
	p = obj(o, "year_ago");
	if ((d->has_year_ago = p != NULL))
		point(&d->year_ago, p);
	d->change = num(o, "change");
	d->change_pct = num(o, "change_pct");

	json_t *w = obj(o, "window");
	if ((d->window.has = w != NULL)) {
		rnd_num len = num(w, "length");
		d->window.length = len.has ? (long)len.v : 0;
		d->window.high = num(obj(w, "high"), "value");
		d->window.high_period = str(obj(w, "high"), "period");
		d->window.low = num(obj(w, "low"), "value");
		d->window.low_period = str(obj(w, "low"), "period");
		d->window.mean = num(w, "mean");
		d->window.is_high = truth(w, "is_high");
		d->window.is_low = truth(w, "is_low");
		d->window.num_sum = num(w, "numerator_sum");
		d->window.den_sum = num(w, "denominator_sum");
	}
	d->highest_since = str(o, "highest_since");
	d->lowest_since = str(o, "lowest_since");
	json_t *run = obj(o, "run");
	d->run.direction = str(run, "direction");
	d->run.since = str(run, "since");
	rnd_num rl = num(run, "length");
	d->run.length = rl.has ? (long)rl.v : 0;
	d->first_period = str(o, "first_period");
	json_t *gaps = arr(o, "gaps");
	d->n_gaps = gaps ? json_array_size(gaps) : 0;

	json_t *h = arr(o, "history");
	if (h && json_array_size(h)) {
		d->history = kpi_xcalloc(json_array_size(h), sizeof *d->history);
		for (size_t i = 0; i < json_array_size(h); i++)
			if (json_is_object(json_array_get(h, i)))
				point(&d->history[d->n_history++], json_array_get(h, i));
	}

	json_t *spc = obj(o, "spc");
	if ((d->spc.has = spc != NULL)) {
		rnd_num pts = num(spc, "points");
		d->spc.points = pts.has ? (long)pts.v : 0;
		d->spc.mean = num(spc, "mean");
		d->spc.ucl = num(spc, "ucl");
		d->spc.lcl = num(spc, "lcl");
		d->spc.upper_2s = num(spc, "upper_2s");
		d->spc.lower_2s = num(spc, "lower_2s");
		d->spc.variation = str(spc, "variation");
		d->spc.status = str(spc, "status");
		json_t *sig = arr(spc, "signals");
		if (sig && json_array_size(sig)) {
			d->spc.signals = kpi_xcalloc(json_array_size(sig), sizeof *d->spc.signals);
			for (size_t i = 0; i < json_array_size(sig); i++) {
				json_t *s = json_array_get(sig, i);
				if (!json_is_object(s) || !str(s, "period"))
					continue;
				rnd_signal *g = &d->spc.signals[d->spc.n_signals++];
				g->period = str(s, "period");
				g->rule = str(s, "rule");
				g->klass = str(s, "class");
			}
		}
	}
	d->stale = truth(o, "stale");

	json_t *t = obj(o, "target");
	if (t) {
		d->target.value = num(t, "value");
		d->target.due = str(t, "due");
		d->has_target = d->target.value.has;
	}
	json_t *ts = arr(o, "targets");
	if (ts && json_array_size(ts)) {
		d->targets = kpi_xcalloc(json_array_size(ts), sizeof *d->targets);
		for (size_t i = 0; i < json_array_size(ts); i++) {
			json_t *e = json_array_get(ts, i);
			rnd_num v = num(e, "value");
			if (!v.has)
				continue;
			d->targets[d->n_targets].value = v;
			d->targets[d->n_targets++].due = str(e, "due");
		}
	}
	d->target_gap = num(o, "target_gap");
	d->target_needed = num(o, "target_needed");
	json_t *met = json_object_get(o, "target_met");
	d->target_met = json_is_boolean(met) ? json_is_true(met) : -1;
	d->rag = str(o, "rag");

	json_t *b = obj(o, "benchmark");
	if (b) {
		d->benchmark.area = str(b, "area");
		d->benchmark.period = str(b, "period");
		d->benchmark.comparison = str(b, "comparison");
		d->benchmark.value = num(b, "value");
		d->benchmark.quartile = str(b, "quartile");
		d->benchmark.rank = num(b, "rank");
		d->benchmark.has = d->benchmark.value.has;
	}
	d->assessment = str(o, "assessment");
	d->reasons = strings(arr(o, "reasons"), &d->n_reasons);
	d->flags = strings(arr(o, "flags"), &d->n_flags);
}

void rnd_load(rnd_inds *out, const char *path, kpi_run *run)
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
		json_t *o = kpi_json_parse_object(line, len, err, sizeof err);
		if (!o) {
			kpi_run_reject(run, kpi_lines_where(in), err, line, len);
			continue;
		}
		if (!str(o, "indicator")) {
			kpi_run_reject(run, kpi_lines_where(in),
				       "a judged summary needs an \"indicator\" string", line, len);
			json_decref(o);
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
		free(d->history);
		free(d->spc.signals);
		free(d->targets);
		free(d->reasons);
		free(d->flags);
		json_decref(d->obj);
	}
	free(v->v);
	v->v = NULL;
	v->n = v->cap = 0;
}

int rnd_has_flag(const rnd_ind *ind, const char *flag)
{
	for (size_t i = 0; i < ind->n_flags; i++)
		if (strcmp(ind->flags[i], flag) == 0)
			return 1;
	return 0;
}
