/* Unit tests: kpi-trend's store of pass-through fields (cmd/kpi-trend/store_pass.c).
 * A field whose text is the point's period, its first or last day, or its
 * value's shortest text is kept as that fact (the fast path) and written
 * back from the point; the points share lists of fields through a cache.
 * Every point's fields, as store_pass_field gives them, must be the text
 * the record held (the slow path: the text itself), for random records of
 * every period type, snapshot dates, near misses (another day, a space, an
 * escape, a number, a trailing zero, '%'), shapes that change mid-stream
 * and input in any order; and with a field whose texts do not repeat,
 * pushed without a lookup once that is seen. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kpi/period.h"
#include "kpi/run.h"
#include "../../cmd/kpi-trend/store.h"
#include "tap.h"

/* A deterministic generator (xorshift64*), so a failure can be replayed. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;
static uint64_t rng(void)
{
	return tap_rng(&rng_state);
}

static int pick(int n)
{
	return (int)(rng() % (uint64_t)n);
}

enum { SERIES = 300, POINTS = 40 };

/* What each point's pass-through fields must read back as: "key":raw,... */
static char *expect[SERIES][POINTS];
static char period_of[SERIES][POINTS][KPI_PERIOD_BUFSZ];
static int all_exact; /* records whose fields are each the fast path's text, and the same note */
/* a sixth field, "comment", whose texts nearly never repeat (store_pass.c pushes
 * those, and their lists, without a lookup once it has seen enough) */
static int unique_comment;

static const kpi_period_type types[] = {KPI_PT_MONTH, KPI_PT_QUARTER, KPI_PT_FINANCIAL_YEAR, KPI_PT_WEEK,
					KPI_PT_DATE};

/* The text of a pass-through field: the exact text of the fast path, or a
 * near miss of it. */
static int field_text(char *out, size_t sz, int kind, const char *period, const char *start, const char *end,
		      const char *value_text, int value_null)
{
	const char *exact = kind == 0 ? period : kind == 1 ? start : kind == 2 ? end : value_text;
	int r = pick(10);
	if (kind == 3 && value_null) {
		snprintf(out, sz, r < 5 ? "\"c\"" : "null");
		return 0;
	}
	if (r < 6) {
		snprintf(out, sz, "\"%s\"", exact);
		return strcmp(exact, "0.30000000000000004") != 0; /* 17 digits: not kept as the value */
	}
	switch (r) {
	case 6: /* another day or period: one digit changed */
		snprintf(out, sz, "\"%s\"", exact);
		for (char *p = out + strlen(out) - 2; p > out; p--)
			if (*p >= '0' && *p <= '8') {
				(*p)++;
				break;
			}
		break;
	case 7: /* a trailing space, or '%' after a value */
		snprintf(out, sz, kind == 3 ? "\"%s%%\"" : "\"%s \"", exact);
		break;
	case 8: /* the same text through an escape of its first byte */
		snprintf(out, sz, "\"\\u00%02x%s\"", (unsigned char)exact[0], exact + 1);
		break;
	default: /* a number, or the value with a trailing zero */
		if (kind == 3)
			snprintf(out, sz, strchr(exact, '.') ? "\"%s0\"" : "%s", exact);
		else
			snprintf(out, sz, "%d", pick(3000));
		break;
	}
	return 0;
}

static void make_input(const char *path)
{
	static const char *const keys[] = {"period_raw", "period_start", "period_end", "value_raw", "note"};
	FILE *fp = fopen(path, "w");
	/* each series' periods, then the records in an order: series by series,
	 * or shuffled */
	struct rec {
		int s, k;
	} *recs = malloc(sizeof *recs * SERIES * POINTS);
	size_t n = 0;
	for (int s = 0; s < SERIES; s++)
		for (int k = 0; k < POINTS; k++)
			recs[n++] = (struct rec){s, k};
	for (size_t i = n - 1; i > 0 && pick(2); i--) {
		size_t j = (size_t)pick((int)i + 1);
		struct rec t = recs[i];
		recs[i] = recs[j];
		recs[j] = t;
	}
	long first[SERIES];
	kpi_period_type type[SERIES];
	int snapshot[SERIES];
	for (int s = 0; s < SERIES; s++) {
		type[s] = types[s % 5];
		snapshot[s] = type[s] == KPI_PT_DATE && s % 2;
		first[s] = type[s] == KPI_PT_DATE ? 16000 + pick(400) : type[s] == KPI_PT_FINANCIAL_YEAR ? 1990 + pick(20)
								      : 24000 + pick(100);
	}
	for (size_t i = 0; i < n; i++) {
		int s = recs[i].s, k = recs[i].k;
		kpi_period p;
		long ord = first[s] + k;
		if (snapshot[s]) { /* one day each year: 31 March */
			kpi_period_from_ordinal(KPI_PT_DATE, first[s], &p);
			p.year += k;
			p.sub = 3;
			p.day = 31;
		} else if (type[s] == KPI_PT_DATE) {
			ord = first[s] + 3 * k + (k % 2); /* days apart: no snapshot */
			kpi_period_from_ordinal(KPI_PT_DATE, ord, &p);
		} else {
			kpi_period_from_ordinal(type[s], ord, &p);
		}
		char text[KPI_PERIOD_BUFSZ], start[11], end[11];
		kpi_period_format(&p, text);
		kpi_period_bounds(&p, start, end);
		snprintf(period_of[s][k], sizeof period_of[s][k], "%s", text);
		int value_null = pick(12) == 0;
		char value_text[40];
		switch (pick(4)) {
		case 0: snprintf(value_text, sizeof value_text, "%d", pick(2000) - 1000); break;
		case 1: snprintf(value_text, sizeof value_text, "%d.%d", pick(100), 1 + pick(9)); break;
		case 2: snprintf(value_text, sizeof value_text, "-0.%03d", 1 + pick(999)); break;
		default: snprintf(value_text, sizeof value_text, "0.30000000000000004"); break;
		}
		if (!strcmp(value_text, "0"))
			snprintf(value_text, sizeof value_text, "7");
		/* the pass-through fields in the usual order, or two swapped (the
		 * shape changes) */
		int order[5] = {0, 1, 2, 3, 4};
		if (pick(10) == 0) {
			int a = pick(5), b = pick(5), t = order[a];
			order[a] = order[b];
			order[b] = t;
		}
		char line[1024], fields[700] = "";
		size_t fl = 0;
		int exact = 0;
		for (int j = 0; j < 5; j++) {
			int kind = order[j];
			char raw[80];
			if (kind == 4) {
				int note = pick(2);
				snprintf(raw, sizeof raw, "\"%s\"", note ? text : "note");
				exact += !note;
			} else {
				exact += field_text(raw, sizeof raw, kind, text, start, end, value_text, value_null);
			}
			fl += (size_t)snprintf(fields + fl, sizeof fields - fl, "%s\"%s\":%s", j ? "," : "", keys[kind], raw);
		}
		if (unique_comment) /* one in sixteen the same text */
			fl += (size_t)snprintf(fields + fl, sizeof fields - fl, ",\"comment\":\"%s %zu %d\"",
					       pick(16) ? "row" : "same", pick(16) ? i : 0, pick(16) ? pick(1000) : 0);
		snprintf(line, sizeof line,
			 "{\"indicator\":\"I\",\"area\":\"A%03d\",\"period\":\"%s\",\"period_type\":\"%s\",\"value\":%s,%s}\n",
			 s, text, kpi_period_type_name(type[s]), value_null ? "null" : value_text, fields);
		fputs(line, fp);
		all_exact += exact == 5;
		expect[s][k] = strdup(fields);
	}
	fclose(fp);
	free(recs);
}

static void test_pass_fields(int unique)
{
	unique_comment = unique;
	all_exact = 0;
	char path[] = "/tmp/test_trend_store.XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	make_input(path);
	kpi_run run;
	kpi_run_init(&run);
	store st;
	store_init(&st, &run);
	store_read(&st, path);
	store_finish(&st);
	int bad = 0, checked = 0, snapshots = 0;
	kpi_buf got = KPI_BUF_INIT;
	for (size_t i = 0; i < st.n; i++) {
		const series *s = &st.s[i];
		int sn = atoi(store_str(&st, s->area, NULL) + 1);
		snapshots += s->snap_month != 0;
		for (uint32_t k = 0; k < s->n; k++) {
			const obs *o = &s->o[k];
			char pb[KPI_PERIOD_BUFSZ];
			store_period_text(s, o->ord, pb);
			int pk = 0;
			while (pk < POINTS && strcmp(period_of[sn][pk], pb) != 0)
				pk++;
			kpi_buf_clear(&got);
			for (uint32_t f = 0, nf = store_pass_count(&st, o); f < nf; f++) {
				const char *key, *raw;
				size_t klen, rlen;
				char buf[STORE_PASS_BUFSZ];
				store_pass_field(&st, s, o, f, &key, &klen, &raw, &rlen, buf);
				kpi_buf_printf(&got, "%s\"%.*s\":%.*s", f ? "," : "", (int)klen, key, (int)rlen, raw);
			}
			checked++;
			if (pk == POINTS || strcmp(kpi_buf_str(&got), expect[sn][pk]) != 0) {
				if (bad++ < 5)
					diag("series A%03d %s: %s, not %s", sn, pb, kpi_buf_str(&got),
					     pk < POINTS ? expect[sn][pk] : "(no such period)");
			}
		}
	}
	ok(bad == 0 && checked == SERIES * POINTS,
	   "every point's pass-through fields read back as written (%d points of %d checked, %d differ)", checked,
	   SERIES * POINTS, bad);
	ok(snapshots == SERIES / 10, "the snapshot series were read as such (%d of %d)", snapshots, SERIES / 10);
	uint32_t most = (uint32_t)(SERIES * POINTS - all_exact + 60); /* a list per shape for those */
	if (!unique)
		ok(all_exact > 500 && st.lists.n - 1 <= most,
		   "points share their lists: %u lists for %d points, %d of them all of the fast path's texts",
		   st.lists.n - 1, SERIES * POINTS, all_exact);
	else
		ok(st.str.nindexed + 4000 < st.str.n - 1 && st.lists.nindexed + 4000 < st.lists.n - 1,
		   "texts that do not repeat, and their lists, are pushed (texts %u, %zu looked up; lists %u, %zu)",
		   st.str.n - 1, st.str.nindexed, st.lists.n - 1, st.lists.nindexed);
	kpi_buf_free(&got);
	store_free(&st);
	unlink(path);
	for (int s = 0; s < SERIES; s++)
		for (int k = 0; k < POINTS; k++)
			free(expect[s][k]);
}

int main(void)
{
	test_pass_fields(0);
	test_pass_fields(1);
	return tap_done();
}
