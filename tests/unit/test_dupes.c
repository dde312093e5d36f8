/* Unit tests: kpi-normalise's duplicate table (cmd/kpi-normalise/dupes.c).
 * Its two places for an observation, the series' array by period (the fast
 * path: a series' periods side by side) and the spill table (periods far
 * from the rest of their series), must answer as a plain set of every
 * observation seen does, in any order of input. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../cmd/kpi-normalise/dupes.h"
#include "tap.h"

/* A deterministic generator (xorshift64*), so a failure can be replayed. */
static uint64_t rng_state = 0x2545F4914F6CDD1DULL;
static uint64_t rng(void)
{
	return tap_rng(&rng_state);
}

/* The reference: every observation seen, in an open-addressing map. */
typedef struct {
	uint64_t series;
	long ord;
	dupes_figure fig;
	char source[48];
	int used;
} ref_obs;

typedef struct {
	ref_obs *slot;
	size_t n;
} ref_set;

static ref_obs *ref_find(ref_set *r, uint64_t series, long ord)
{
	uint64_t h = (series ^ (uint64_t)ord * 0x9E3779B97F4A7C15ULL) * 0xFF51AFD7ED558CCDULL;
	size_t i = (size_t)(h >> 20) & (r->n - 1);
	while (r->slot[i].used && !(r->slot[i].series == series && r->slot[i].ord == ord))
		i = (i + 1) & (r->n - 1);
	return &r->slot[i];
}

/* What dupes_check should answer, by the rule of dupes.h. */
static int ref_check(ref_set *r, uint64_t series, long ord, const dupes_figure *fig,
		     const char *source, char earlier[48])
{
	ref_obs *o = ref_find(r, series, ord);
	if (!o->used) {
		o->used = 1;
		o->series = series;
		o->ord = ord;
		o->fig = *fig;
		snprintf(o->source, sizeof o->source, "%s", source);
		earlier[0] = '\0';
		return DUPES_NEW;
	}
	snprintf(earlier, 48, "%s", o->source);
	if (o->fig.value_hash != fig->value_hash)
		return DUPES_DIFFERENT;
	int num = o->fig.num_hash == fig->num_hash || !o->fig.num_hash || !fig->num_hash;
	int den = o->fig.den_hash == fig->den_hash || !o->fig.den_hash || !fig->den_hash;
	return num && den ? DUPES_SAME : DUPES_DIFFERENT_COUNTS;
}

/* Runs N observations of the shape SHAPE through dupes and the reference;
 * the number of answers that differ.  *SPILLED: how many dupes kept apart. */
enum { CONSECUTIVE, BACKWARDS, SHUFFLED, SPARSE, EXTREMES, INTERLEAVED };
static int run_shape(int shape, int n, size_t *spilled, size_t *kept)
{
	ref_set r = {calloc(1u << 19, sizeof(ref_obs)), 1u << 19};
	dupes *d = dupes_new();
	kpi_buf earlier = KPI_BUF_INIT;
	int bad = 0;
	for (int i = 0; i < n; i++) {
		uint64_t series;
		long ord;
		uint64_t x = rng();
		switch (shape) {
		case CONSECUTIVE: /* series after series, periods in order, some repeated */
			series = (uint64_t)(i / 100) * 0x9E3779B97F4A7C15ULL;
			ord = 24000 + i % 100 - (x % 10 == 0 ? (long)(x >> 40) % 5 : 0);
			break;
		case BACKWARDS: /* periods newest first */
			series = (uint64_t)(i / 100) * 0x9E3779B97F4A7C15ULL;
			ord = 24100 - i % 100 + (x % 10 == 0 ? (long)(x >> 40) % 5 : 0);
			break;
		case SHUFFLED: /* any series, any period of a run of 300 */
			series = (x % 500) * 0x9E3779B97F4A7C15ULL;
			ord = (long)((x >> 16) % 300);
			break;
		case SPARSE: /* days of distant years, and a run: both places */
			series = (x % 50) * 0x9E3779B97F4A7C15ULL;
			ord = x & 0x100 ? (long)((x >> 16) % 2000) * 97 - 50000 : (long)((x >> 16) % 64);
			break;
		case EXTREMES: /* ordinals at the ends of long: no overflow */
			series = x % 7;
			ord = x & 1 ? LONG_MAX - (long)((x >> 8) % 40) : LONG_MIN + (long)((x >> 8) % 40);
			if (x & 2)
				ord = (long)((x >> 8) % 40) - 20;
			break;
		default: /* INTERLEAVED: two series alternating, one long series of 20,000 periods */
			series = i & 1 ? 1 : 2;
			ord = i & 1 ? (long)(i / 2) % 20000 : (long)(x % 30000);
			break;
		}
		dupes_figure fig = {(uint32_t)(x >> 33) % 3, (uint16_t)((x >> 50) % 3),
				    (uint16_t)((x >> 60) % 3)};
		char source[48], want[48];
		if (x & 4)
			snprintf(source, sizeof source, "file%d.csv:%d", (int)((x >> 3) % 3), i + 2);
		else
			snprintf(source, sizeof source, "wide.csv:%d:col%d", i + 2, (int)((x >> 5) % 4));
		int got = dupes_check(d, series, ord, &fig, source, &earlier);
		int exp = ref_check(&r, series, ord, &fig, source, want);
		if (got != exp || (got != DUPES_NEW && strcmp(earlier.data, want) != 0)) {
			if (bad++ < 5)
				diag("shape %d, record %d (series %llu, period %ld): %d '%s', want %d '%s'",
				     shape, i, (unsigned long long)series, ord, got,
				     got != DUPES_NEW ? earlier.data : "", exp, want);
		}
	}
	*spilled = dupes_spilled(d);
	*kept = dupes_count(d);
	size_t distinct = 0;
	for (size_t i = 0; i < r.n; i++)
		distinct += (size_t)r.slot[i].used;
	if (distinct != *kept) {
		diag("shape %d: %zu kept, %zu distinct", shape, *kept, distinct);
		bad++;
	}
	kpi_buf_free(&earlier);
	dupes_free(d);
	free(r.slot);
	return bad;
}

int main(void)
{
	static const char *const names[] = {"consecutive periods", "periods backwards",
		"shuffled series and periods", "sparse periods (days years apart)",
		"ordinals at the ends of long", "interleaved, and one series of 20,000 periods"};
	for (int shape = CONSECUTIVE; shape <= INTERLEAVED; shape++) {
		size_t spilled, kept;
		int bad = run_shape(shape, 200000, &spilled, &kept);
		ok(bad == 0, "%s: as a set of every observation (%zu kept, %zu apart; %d differ)",
		   names[shape], kept, spilled, bad);
		if (shape == CONSECUTIVE || shape == BACKWARDS)
			ok(spilled == 0, "%s: all in the series' arrays (%zu apart)", names[shape], spilled);
		else if (shape == SHUFFLED) /* the arrays catch up as a series fills in */
			ok(spilled > 0 && spilled < kept / 3, "%s: most in the series' arrays (%zu of %zu apart)",
			   names[shape], spilled, kept);
		else
			ok(spilled > 100 && spilled < kept, "%s: both places used (%zu of %zu apart)",
			   names[shape], spilled, kept);
	}

	/* the earlier source as it was given */
	dupes *d = dupes_new();
	kpi_buf e = KPI_BUF_INIT;
	dupes_figure fig = {7, 1, 2}, other = {8, 1, 2}, counts = {7, 3, 0}, none = {7, 0, 0};
	ok(dupes_check(d, 42, 5, &fig, "a.csv:12", &e) == DUPES_NEW, "new");
	ok(dupes_check(d, 42, 5, &fig, "b.csv:3", &e) == DUPES_SAME, "the same again");
	is_str(e.data, "a.csv:12", "names the first");
	ok(dupes_check(d, 42, 5, &other, "b.csv:4", &e) == DUPES_DIFFERENT, "another value");
	ok(dupes_check(d, 42, 5, &counts, "b.csv:5", &e) == DUPES_DIFFERENT_COUNTS, "another numerator");
	ok(dupes_check(d, 42, 5, &none, "b.csv:6", &e) == DUPES_SAME, "no counts: says nothing against");
	ok(dupes_check(d, 42, 6, &fig, "pack.csv", &e) == DUPES_NEW, "the next period");
	ok(dupes_check(d, 42, 6, &fig, "x", &e) == DUPES_SAME && strcmp(e.data, "pack.csv") == 0,
	   "a source without a line kept whole");
	ok(dupes_check(d, 42, 1000000, &fig, "w.csv:9:KPI 3", &e) == DUPES_NEW, "a period far away");
	ok(dupes_check(d, 42, 1000000, &fig, "x", &e) == DUPES_SAME && strcmp(e.data, "w.csv:9:KPI 3") == 0,
	   "found apart, with its column");
	ok(dupes_spilled(d) == 1, "kept apart (%zu)", dupes_spilled(d));
	ok(dupes_check(d, 43, 5, &fig, "a.csv:12", &e) == DUPES_NEW, "another series");
	ok(dupes_count(d) == 4, "four kept (%zu)", dupes_count(d));
	kpi_buf_free(&e);
	dupes_free(d);
	return tap_done();
}
