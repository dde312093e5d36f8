/* summary_json.c: a series summary's JSON text (contract §3), written
 * straight into the output buffer.
 *
 * A summary's keys, separators and nesting are fixed, so they are written
 * as literals with their commas, not through kpi_jw (whose key escaping,
 * separator state and calls were a third of kpi-trend's instructions on
 * 20,000 series: a summary writes some 180 keys, most of them in its
 * history).  Texts that repeat are kept as their JSON: numbers by their
 * bits, periods by their ordinal, statuses by their index.  The bytes are
 * those kpi_jw wrote: the tests compare them. */
#include "summary.h"
#include "kpi/numfmt.h"
#include "kpi/out.h"
#include "kpi/period.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

/* ---- appending ------------------------------------------------------------ */

static inline void put(kpi_buf *b, const char *s, size_t n)
{
	kpi_buf_reserve(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
}

/* a literal: its length is known when compiled */
#define LIT(t, s) put(&(t)->out, "" s, sizeof(s) - 1)

static void null_or_string(trend *t, const char *s)
{
	if (s)
		kpi_json_escape(&t->out, s, strlen(s));
	else
		LIT(t, "null");
}

/* V's shortest round-trip text into OUT (KPI_NUM_BUFSZ): its length, or
 * 0 when V is not finite (written null).  A whole number (a count, a
 * length, most values) is its digits, the text kpi_fmt_double writes,
 * found without it. */
static int num_text(double v, char *out)
{
	if (!isfinite(v))
		return 0;
	if (v > -1e15 && v < 1e15 && (double)(int64_t)v == v) {
		char d[24], *e = d + sizeof d, *q = e;
		uint64_t u = v < 0 ? (uint64_t)-(int64_t)v : (uint64_t)v;
		do
			*--q = (char)('0' + u % 10);
		while (u /= 10);
		if (v < 0)
			*--q = '-';
		memcpy(out, q, (size_t)(e - q));
		return (int)(e - q);
	}
	int n = kpi_fmt_double(out, v);
	return n > 0 ? n : 0; /* (not expected of a finite number: null, as kpi_jw wrote) */
}

/* A number that seldom repeats (a mean, a limit, a percentage change). */
static void num_fresh(trend *t, double v)
{
	char text[KPI_NUM_BUFSZ];
	int n = num_text(v, text);
	if (n)
		put(&t->out, text, (size_t)n);
	else
		LIT(t, "null");
}

/* The text of the numbers written last, by their bits: a series' history
 * writes some 100 numbers, and its values and counts repeat (a thousand
 * distinct values in the bench's 1M points), while kpi_fmt_double's
 * shortest round trip costs some 600 instructions.  Entries are half a
 * cache line, and numbers that seldom repeat go round it (num_fresh):
 * the memo's cache misses were half of this writer's time. */
enum { NUM_MEMO = 4096, NUM_MEMO_TEXT = 23 };
static struct {
	uint64_t bits;
	unsigned char len;  /* 0: empty */
	char text[NUM_MEMO_TEXT];
} num_memo[NUM_MEMO];

/* V's shortest round-trip text, or null when it is not finite */
static void num(trend *t, double v)
{
	if (!isfinite(v)) {
		LIT(t, "null");
		return;
	}
	uint64_t bits;
	memcpy(&bits, &v, sizeof bits);
	uint64_t h = bits * 0x9E3779B97F4A7C15ull;
	size_t slot = (size_t)(h >> 52) & (NUM_MEMO - 1);
	if (num_memo[slot].len && num_memo[slot].bits == bits) {
		put(&t->out, num_memo[slot].text, num_memo[slot].len);
		return;
	}
	char text[KPI_NUM_BUFSZ];
	int n = num_text(v, text);
	if (!n) {
		LIT(t, "null");
		return;
	}
	if (n <= NUM_MEMO_TEXT) {
		num_memo[slot].bits = bits;
		num_memo[slot].len = (unsigned char)n;
		memcpy(num_memo[slot].text, text, (size_t)n);
	}
	put(&t->out, text, (size_t)n);
}

/* A count or a whole number's text without the memo; else through it. */
static inline void num_value(trend *t, double v)
{
	if (v > -1e15 && v < 1e15 && (double)(int64_t)v == v)
		num_fresh(t, v);
	else
		num(t, v);
}

/* The period of S at ORD, quoted, through a direct-mapped cache by the
 * series' kind of period and the ordinal (a summary writes some 40
 * periods, nearly all of them written for the series before). */
enum { PERIOD_MEMO = 1024 };
static struct {
	uint32_t kind;       /* type | snapshot month << 8 | day << 16; 0: empty */
	int32_t ord;
	unsigned char len;
	char text[KPI_PERIOD_BUFSZ + 2];
} period_memo[PERIOD_MEMO];

static void period(trend *t, const series *s, long ord)
{
	if (s->type == KPI_PT_MONTH && ord >= 0 && ord < 12 * 10000) {
		/* "YYYY-MM" (kpi_period_format's; ordinal y * 12 + m - 1)
		 * written in place: the commonest period, and the memo's
		 * lookup was a cache miss */
		unsigned y = (unsigned)ord / 12, mo = (unsigned)ord % 12 + 1;
		kpi_buf_reserve(&t->out, 9);
		char *d = t->out.data + t->out.len;
		d[0] = '"';
		d[1] = (char)('0' + y / 1000);
		d[2] = (char)('0' + y / 100 % 10);
		d[3] = (char)('0' + y / 10 % 10);
		d[4] = (char)('0' + y % 10);
		d[5] = '-';
		d[6] = (char)('0' + mo / 10);
		d[7] = (char)('0' + mo % 10);
		d[8] = '"';
		t->out.len += 9;
		return;
	}
	uint32_t kind = (uint32_t)s->type | (uint32_t)s->snap_month << 8 | (uint32_t)s->snap_day << 16;
	size_t slot = ((uint32_t)ord * 0x9E3779B1u + kind * 0x85EBCA77u) >> 22 & (PERIOD_MEMO - 1);
	if (period_memo[slot].kind == kind && period_memo[slot].ord == ord && ord >= INT32_MIN && ord <= INT32_MAX) {
		put(&t->out, period_memo[slot].text, period_memo[slot].len);
		return;
	}
	char pb[KPI_PERIOD_BUFSZ];
	store_period_text(s, ord, pb);
	size_t n = strlen(pb);
	size_t at = t->out.len;
	kpi_json_escape(&t->out, pb, n); /* (canonical periods need no escape) */
	size_t len = t->out.len - at;
	if (ord >= INT32_MIN && ord <= INT32_MAX && len <= KPI_PERIOD_BUFSZ + 2) {
		period_memo[slot].kind = kind;
		period_memo[slot].ord = (int32_t)ord;
		period_memo[slot].len = (unsigned char)len;
		memcpy(period_memo[slot].text, t->out.data + at, len);
	}
}

/* O's status as JSON: a string or null, kept per status index */
static void status(trend *t, const obs *o)
{
	if (!o->status) {
		LIT(t, "null");
		return;
	}
	const uint32_t *at = t->status_json_at;
	put(&t->out, t->status_json.data + at[o->status], at[o->status + 1] - at[o->status]);
}

void trend_json_init(trend *t)
{
	const store *st = t->st;
	kpi_buf_init(&t->status_json);
	t->status_json_at[0] = t->status_json_at[1] = 0;
	for (int i = 1; i <= st->n_status; i++) {
		size_t len;
		const char *s = store_str(st, st->status[i], &len);
		kpi_json_escape(&t->status_json, s, len);
		t->status_json_at[i + 1] = (uint32_t)t->status_json.len;
	}
	memset(period_memo, 0, sizeof period_memo);
}

/* ---- the parts of a summary ----------------------------------------------- */

static void raw_field(trend *t, const char *key, size_t klen, uint32_t id)
{
	if (!id)
		return;
	size_t len;
	const char *raw = store_str(t->st, id, &len);
	put(&t->out, key, klen);
	put(&t->out, raw, len);
}
#define RAW_FIELD(t, key, id) raw_field((t), ",\"" key "\":", sizeof(",\"" key "\":") - 1, (id))

static int raw_is(trend *t, uint32_t id, const char *quoted)
{
	if (!id)
		return 0;
	size_t len;
	const char *raw = store_str(t->st, id, &len);
	return len == strlen(quoted) && memcmp(raw, quoted, len) == 0;
}

/* The release of O (",released", when dated) and the earlier releases of its
 * figure (",revisions", when there are any: contract §4a). */
static void write_release(trend *t, const series *s, const obs *o)
{
	char day[11];
	if (o->released) {
		LIT(t, ",\"released\":");
		null_or_string(t, store_release_text(o->released, day));
	}
	uint32_t n = 0;
	const obs *r = s->nrev ? store_revisions(s, o->ord, &n) : NULL;
	if (!n)
		return;
	LIT(t, ",\"revisions\":[");
	for (uint32_t i = 0; i < n; i++) {
		if (i)
			LIT(t, ",");
		LIT(t, "{\"value\":");
		num_value(t, r[i].value);
		LIT(t, ",\"released\":");
		null_or_string(t, r[i].released ? store_release_text(r[i].released, day) : NULL);
		LIT(t, ",\"source\":");
		null_or_string(t, store_source(t->st, &r[i], &t->scratch));
		LIT(t, "}");
	}
	LIT(t, "]");
}

/* ,"value":V,"numerator":N,"denominator":D of O */
static void value_counts(trend *t, const obs *o)
{
	LIT(t, ",\"value\":");
	num_value(t, o->value);
	LIT(t, ",\"numerator\":");
	num_value(t, store_num(t->st, o));
	LIT(t, ",\"denominator\":");
	num_value(t, store_den(t->st, o));
}

/* {period, value, numerator, denominator}, or null */
static void point(trend *t, const series *s, const obs *o)
{
	if (!o) {
		LIT(t, "null");
		return;
	}
	LIT(t, "{\"period\":");
	period(t, s, o->ord);
	value_counts(t, o);
	LIT(t, "}");
}

static void write_window(trend *t, const series *s, long anchor, uint32_t m, const obs *latest)
{
	long from = anchor - t->opt->window; /* the window is (from, anchor] */
	uint32_t a = m;
	while (a > 0 && s->o[a - 1].ord > from)
		a--;
	size_t points = 0, n_num = 0, n_den = 0;
	double sum = 0, num_sum = 0, den_sum = 0;
	const obs *hi = NULL, *lo = NULL;
	for (uint32_t i = a; i < m; i++) {
		const obs *o = &s->o[i];
		if (isnan(o->value))
			continue;
		points++;
		sum += o->value;
		double n = store_num(t->st, o), d = store_den(t->st, o);
		if (!isnan(n)) {
			num_sum += n;
			n_num++;
		}
		if (!isnan(d)) {
			den_sum += d;
			n_den++;
		}
		/* ties: the later period is the high (low) */
		if (!hi || o->value >= hi->value)
			hi = o;
		if (!lo || o->value <= lo->value)
			lo = o;
	}
	int in_window = latest && !isnan(latest->value) && latest->ord > from;
	LIT(t, ",\"window\":{\"length\":");
	num_fresh(t, (double)t->opt->window);
	LIT(t, ",\"from\":");
	period(t, s, from + 1);
	LIT(t, ",\"to\":");
	period(t, s, anchor);
	LIT(t, ",\"points\":");
	num_fresh(t, (double)points);
	const obs *ends[2] = {hi, lo};
	for (int e = 0; e < 2; e++) {
		if (e)
			LIT(t, ",\"low\":");
		else
			LIT(t, ",\"high\":");
		if (!ends[e]) {
			LIT(t, "null");
			continue;
		}
		LIT(t, "{\"value\":");
		num_value(t, ends[e]->value);
		LIT(t, ",\"period\":");
		period(t, s, ends[e]->ord);
		LIT(t, "}");
	}
	LIT(t, ",\"mean\":");
	num_fresh(t, points ? sum / (double)points : NAN);
	LIT(t, ",\"numerator_sum\":");
	num_fresh(t, n_num ? num_sum : NAN);
	LIT(t, ",\"denominator_sum\":");
	num_fresh(t, n_den ? den_sum : NAN);
	if (in_window && hi && latest->value >= hi->value)
		LIT(t, ",\"is_high\":true");
	else
		LIT(t, ",\"is_high\":false");
	if (in_window && lo && latest->value <= lo->value)
		LIT(t, ",\"is_low\":true}");
	else
		LIT(t, ",\"is_low\":false}");
}

static double clip(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* V, a limit clipped or not: RAW's text TEXT[0..n) (0: null) when it is RAW */
static void limit(trend *t, double v, double raw, const char *text, int n)
{
	if (v != raw)
		num_fresh(t, v);
	else if (n)
		put(&t->out, text, (size_t)n);
	else
		LIT(t, "null");
}

static void write_spc(trend *t, const series *s, size_t nv_here)
{
	if (nv_here) {
		trend_chart(t, s, nv_here - 1);
	} else {
		kpi_spc_run(&t->spc, NULL, 0, KPI_POL_NEUTRAL, &t->opt->spc, NULL, 0);
		t->spc_k = -1;
	}
	const kpi_spc_segment *g = kpi_spc_last(&t->spc);
	int32_t first = nv_here ? s->o[t->vi[0]].ord : 0;
	/* limits clipped to what the unit allows; the raw ones too */
	double lo = -INFINITY, hi = INFINITY;
	if (raw_is(t, s->unit, "\"percent\"")) {
		lo = 0;
		hi = 100;
	} else if (raw_is(t, s->unit, "\"count\"") || raw_is(t, s->unit, "\"rate_per_10k\"")
		   || raw_is(t, s->unit, "\"rate_per_100k\"")) {
		lo = 0;
	}
	LIT(t, ",\"spc\":{\"points\":");
	num_fresh(t, (double)g->n_points);
	if (g->ok) {
		LIT(t, ",\"mean\":");
		num_fresh(t, g->mean);
		LIT(t, ",\"avg_mr\":");
		num_fresh(t, g->avg_mr);
		/* the limits' texts, found once for the clipped and raw ones */
		char ut[KPI_NUM_BUFSZ], lt[KPI_NUM_BUFSZ];
		int un = num_text(g->ucl, ut), ln = num_text(g->lcl, lt);
		LIT(t, ",\"ucl\":");
		limit(t, clip(g->ucl, lo, hi), g->ucl, ut, un);
		LIT(t, ",\"lcl\":");
		limit(t, clip(g->lcl, lo, hi), g->lcl, lt, ln);
		LIT(t, ",\"upper_2s\":");
		num_fresh(t, clip(g->upper_2s, lo, hi));
		LIT(t, ",\"lower_2s\":");
		num_fresh(t, clip(g->lower_2s, lo, hi));
		LIT(t, ",\"ucl_raw\":");
		limit(t, g->ucl, g->ucl, ut, un);
		LIT(t, ",\"lcl_raw\":");
		limit(t, g->lcl, g->lcl, lt, ln);
	} else {
		LIT(t, ",\"mean\":null,\"avg_mr\":null,\"ucl\":null,\"lcl\":null,\"upper_2s\":null,"
		       "\"lower_2s\":null,\"ucl_raw\":null,\"lcl_raw\":null");
	}
	LIT(t, ",\"segment_start\":");
	if (nv_here)
		period(t, s, first + (long)g->start);
	else
		LIT(t, "null");
	LIT(t, ",\"signals\":[");
	for (size_t i = 0; i < t->spc.n_sig; i++) {
		const kpi_spc_signal *sg = &t->spc.sig[i];
		if (i)
			LIT(t, ",");
		LIT(t, "{\"period\":");
		period(t, s, first + (long)sg->index);
		LIT(t, ",\"rule\":");
		null_or_string(t, kpi_spc_rule_name(sg->rule));
		if (sg->direction > 0)
			LIT(t, ",\"direction\":\"high\",\"class\":");
		else
			LIT(t, ",\"direction\":\"low\",\"class\":");
		null_or_string(t, kpi_spc_class_name(sg->cls));
		LIT(t, "}");
	}
	LIT(t, "],\"variation\":");
	null_or_string(t, kpi_spc_variation(&t->spc));
	if (g->ok)
		LIT(t, ",\"status\":\"ok\"}");
	else if (g->overflow)
		LIT(t, ",\"status\":\"overflow\"}");
	else
		LIT(t, ",\"status\":\"insufficient_data\"}");
}

void trend_write(trend *t, const series *s, long anchor, uint32_t m, size_t nv)
{
	const store *st = t->st;
	const obs *latest = nv ? &s->o[t->vi[nv - 1]] : &s->o[m - 1];
	const obs *prev = nv >= 2 ? &s->o[t->vi[nv - 2]] : NULL;

	size_t len;
	const char *ind = store_str(st, s->indicator, &len);
	LIT(t, "{\"indicator\":");
	kpi_json_escape(&t->out, ind, len);
	RAW_FIELD(t, "name", s->name);
	RAW_FIELD(t, "section", s->section);
	RAW_FIELD(t, "unit", s->unit);
	RAW_FIELD(t, "polarity", s->polarity);
	RAW_FIELD(t, "order", s->order);
	if (s->area == AREA_NULL) {
		LIT(t, ",\"area\":null");
	} else if (s->area) {
		const char *area = store_str(st, s->area, &len);
		LIT(t, ",\"area\":");
		kpi_json_escape(&t->out, area, len);
	}
	RAW_FIELD(t, "breakdown", s->breakdown_raw);
	LIT(t, ",\"period\":");
	period(t, s, latest->ord);
	LIT(t, ",\"period_type\":");
	null_or_string(t, kpi_period_type_name(s->type));
	value_counts(t, latest);
	LIT(t, ",\"status\":");
	status(t, latest);
	if (latest->flags & OBS_HAS_SOURCE) {
		LIT(t, ",\"source\":");
		null_or_string(t, store_source(st, latest, &t->scratch));
	}
	write_release(t, s, latest);
	for (uint32_t i = 0, n = store_pass_count(st, latest); i < n; i++) {
		const char *key, *raw;
		size_t klen, rlen;
		char text[STORE_PASS_BUFSZ];
		store_pass_field(st, s, latest, i, &key, &klen, &raw, &rlen, text);
		LIT(t, ",");
		kpi_json_escape(&t->out, key, klen);
		LIT(t, ":");
		put(&t->out, raw, rlen);
	}

	LIT(t, ",\"as_at\":");
	period(t, s, anchor);
	LIT(t, ",\"stale\":");
	num_fresh(t, nv ? (double)(anchor - latest->ord) : NAN);
	LIT(t, ",\"previous\":");
	point(t, s, prev);
	double change = prev ? kpi_decimal_sub(latest->value, prev->value) : NAN; /* 0.3, not 0.30000000000000426 */
	LIT(t, ",\"change\":");
	num_value(t, change);
	LIT(t, ",\"change_pct\":");
	num_fresh(t, prev && prev->value != 0 ? change / fabs(prev->value) * 100 : NAN);

	const obs *year_ago = NULL;
	if (nv) {
		/* binary search for the period one year before the latest */
		long want = latest->ord - (s->snap_month ? 1 : kpi_period_per_year(s->type));
		uint32_t a = store_lower_bound(s->o, m, want);
		if (a < m && s->o[a].ord == want && !isnan(s->o[a].value))
			year_ago = &s->o[a];
	}
	LIT(t, ",\"year_ago\":");
	point(t, s, year_ago);
	write_window(t, s, anchor, m, nv ? latest : NULL);

	size_t k = nv ? nv - 1 : 0;
	LIT(t, ",\"highest_since\":");
	if (nv && t->hi_since[k] >= 0)
		period(t, s, s->o[t->vi[t->hi_since[k]]].ord);
	else
		LIT(t, "null");
	LIT(t, ",\"lowest_since\":");
	if (nv && t->lo_since[k] >= 0)
		period(t, s, s->o[t->vi[t->lo_since[k]]].ord);
	else
		LIT(t, "null");

	if (nv) {
		if (t->run_dir[k] > 0)
			LIT(t, ",\"run\":{\"direction\":\"up\",\"length\":");
		else if (t->run_dir[k] < 0)
			LIT(t, ",\"run\":{\"direction\":\"down\",\"length\":");
		else
			LIT(t, ",\"run\":{\"direction\":\"flat\",\"length\":");
		num_fresh(t, (double)t->run_len[k]);
		LIT(t, ",\"since\":");
		period(t, s, s->o[t->vi[t->run_since[k]]].ord);
		LIT(t, "},\"first_period\":");
		period(t, s, s->o[t->vi[0]].ord);
	} else {
		LIT(t, ",\"run\":null,\"first_period\":null");
	}

	LIT(t, ",\"gaps\":[");
	for (size_t g = 0; nv && g < t->n_gaps && t->gaps[g] < latest->ord; g++) {
		if (g)
			LIT(t, ",");
		period(t, s, t->gaps[g]);
	}
	LIT(t, "],\"history\":[");
	uint32_t h0 = m > (uint32_t)t->opt->history ? m - (uint32_t)t->opt->history : 0;
	for (uint32_t i = h0; i < m; i++) {
		const obs *o = &s->o[i];
		if (i > h0)
			LIT(t, ",");
		LIT(t, "{\"period\":");
		period(t, s, o->ord);
		value_counts(t, o);
		LIT(t, ",\"status\":");
		status(t, o);
		if (o->released || s->nrev)
			write_release(t, s, o);
		LIT(t, "}");
	}
	LIT(t, "]");

	write_spc(t, s, nv);
	kpi_buf_add(&t->out, "}\n", 2);
	t->written++;
	if (t->out.len >= 1 << 16)
		kpi_out_buf(&t->out);
}
