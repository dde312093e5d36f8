/* test_render_fast.c: kpi-render's fast paths against the slow ones.
 * The texts of the figures it formats are kept (cmd/kpi-render/numtext.c):
 * every figure reads the same with the kept texts as formatted afresh
 * (kpi_fmt_report), however the table's slots are shared, and
 * rnd_same_printed is kpi_same_printed.  The escapes (escape.c) copy runs of
 * bytes a format writes as they are: the same text as byte by byte. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../cmd/kpi-render/render.h"
#include "kpi/numfmt.h"
#include "tap.h"

/* a value of many kinds: whole, one decimal, long binary fractions, large, tiny, negative */
static double some_value(uint64_t *rng)
{
	uint64_t r = tap_rng(rng);
	double v;
	switch (r % 6) {
	case 0: v = (double)(r >> 20 & 1023); break;
	case 1: v = (double)(r >> 20 & 1023) / 10; break;
	case 2: v = (double)(r >> 11) / 9007199254740992.0 * 100; break;
	case 3: v = (double)(r >> 30) * 1e3; break;
	case 4: v = (double)(r >> 40) * 1e-9; break;
	default: v = 0.05 * (double)(r >> 50 & 255) - 2.45; break;
	}
	return (r >> 8 & 1) ? -v : v;
}

/* Random text: printable ASCII, the bytes formats escape, controls (C0,
 * DEL, C1 as UTF-8), other UTF-8, stray bytes. */
static void some_text(char *t, size_t cap, uint64_t *rng)
{
	static const char *const bits[] = {"a", "Zz 9", "&", "<", ">", "\"", "'", "\\", "`", "*", "_", "[", "]",
					   "|", "#", "\n", "\r", "\t", "\x1b[31m", "\x7f", "\xc2\x9b", "\xc2\xa3",
					   "\xe2\x80\x94", "\xc2", "\x9b", "~", " "};
	size_t n = 0, k = tap_rng(rng) % 12;
	t[0] = '\0';
	for (size_t i = 0; i < k; i++) {
		const char *b = bits[tap_rng(rng) % (sizeof bits / sizeof *bits)];
		if (n + strlen(b) + 1 > cap)
			break;
		strcpy(t + n, b);
		n += strlen(b);
	}
}

static int escapes_agree(uint64_t *rng, int rounds)
{
	void (*const esc[])(kpi_buf *, const char *) = {rnd_ctrl_escape, rnd_html_escape, rnd_md_escape,
							 rnd_csv_escape};
	kpi_buf a = KPI_BUF_INIT, b = KPI_BUF_INIT;
	int agree = 0;
	for (int i = 0; i < rounds; i++) {
		char t[200];
		some_text(t, sizeof t, rng);
		int all = 1;
		for (size_t f = 0; f < sizeof esc / sizeof *esc; f++) {
			kpi_buf_clear(&a);
			kpi_buf_clear(&b);
			kpi_buf_adds(&a, "");
			kpi_buf_adds(&b, "");
			rnd_escape_runs = 1;
			esc[f](&a, t);
			rnd_escape_runs = 0;
			esc[f](&b, t);
			all &= a.len == b.len && memcmp(a.data, b.data, a.len) == 0;
		}
		agree += all;
	}
	rnd_escape_runs = 1;
	kpi_buf_free(&a);
	kpi_buf_free(&b);
	return agree;
}

/* The points of generated record I: mostly short; now and then longer
 * than any before and than a first block (64 KB, 744 points), so the room
 * kept for a history grows in place and moves to a fresh block. */
static size_t points_of(size_t i)
{
	return i % 1000 == 7 ? 700 + i / 10 : i % 75;
}

/* Loads ROUNDS generated summaries, the history of record i of
 * points_of(i) points and its SPC chart of i % 23 signals, through
 * rnd_load: past a megabyte the kept blocks and the records are in huge
 * pages.  Returns the records whose every point and signal reads back. */
static int loads_agree(int rounds)
{
	char path[] = "/tmp/test_render_fast.XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f)
		return -1;
	for (int i = 0; i < rounds; i++) {
		fprintf(f, "{\"indicator\":\"I%d\",\"period\":\"2024-%02d\",\"value\":%d,\"history\":[", i, i % 12 + 1, i);
		for (int j = 0; j < (int)points_of((size_t)i); j++)
			fprintf(f, "%s{\"period\":\"p%d.%d\",\"value\":%d.5,\"status\":\"ok\"}", j ? "," : "", i, j, j);
		fprintf(f, "],\"spc\":{\"points\":%d,\"signals\":[", i % 75);
		for (int j = 0; j < i % 23; j++)
			fprintf(f, "%s{\"period\":\"s%d.%d\",\"rule\":\"r\",\"class\":\"c\"}", j ? "," : "", i, j);
		fprintf(f, "]}}\n");
	}
	fclose(f);
	kpi_run run;
	kpi_run_init(&run);
	rnd_inds inds = {0};
	rnd_load(&inds, path, &run, NULL, 0);
	remove(path);
	int good = 0;
	char want[64];
	for (size_t i = 0; i < inds.n; i++) {
		const rnd_ind *d = &inds.v[i];
		int ok_all = d->n_history == points_of(i) && d->spc.n_signals == i % 23;
		snprintf(want, sizeof want, "I%zu", i);
		ok_all = ok_all && strcmp(d->indicator, want) == 0 && d->latest.value.v == (double)i;
		for (size_t j = 0; ok_all && j < d->n_history; j++) {
			snprintf(want, sizeof want, "p%zu.%zu", i, j);
			ok_all = strcmp(d->history[j].period, want) == 0 && d->history[j].value.v == j + 0.5 &&
				 strcmp(d->history[j].status, "ok") == 0;
		}
		for (size_t j = 0; ok_all && j < d->spc.n_signals; j++) {
			snprintf(want, sizeof want, "s%zu.%zu", i, j);
			ok_all = strcmp(d->spc.signals[j].period, want) == 0 && strcmp(d->spc.signals[j].klass, "c") == 0;
		}
		good += ok_all;
	}
	if (inds.n != (size_t)rounds)
		good = -1;
	rnd_inds_free(&inds);
	return good;
}

int main(void)
{
	uint64_t rng = 0xf16e5ULL;
	static const char *const units[] = {"percent", "count", "rate_per_10k", "ratio", "days", "currency", NULL};
	int same = 0, total = 0, same_printed = 0;
	kpi_buf fast = KPI_BUF_INIT, slow = KPI_BUF_INIT;
	/* 60,000 figures over a few thousand values: the table (4096 slots)
	 * is hit, missed and its slots taken over */
	double pool[3000];
	for (size_t i = 0; i < sizeof pool / sizeof *pool; i++)
		pool[i] = some_value(&rng);
	for (int k = 0; k < 60000; k++) {
		rnd_ind ind;
		memset(&ind, 0, sizeof ind);
		uint64_t r = tap_rng(&rng);
		ind.unit = units[r % 7];
		ind.decimals = (int)((r >> 8) % 9) - 2; /* -2 .. 6: -1 and below read as the unit's */
		double v = pool[(r >> 16) % 3000], w = pool[(r >> 32) % 3000];
		kpi_buf_clear(&fast);
		kpi_buf_clear(&slow);
		rnd_fig_memo = 1;
		rnd_fmt_value(&fast, &ind, v);
		int fast_same = rnd_same_printed(&ind, v, w);
		rnd_fig_memo = 0;
		rnd_fmt_value(&slow, &ind, v);
		total++;
		if (strcmp(kpi_buf_str(&fast), kpi_buf_str(&slow)) == 0)
			same++;
		else if (total - same < 5)
			diag("%.17g at %d (%s): %s, afresh %s", v, ind.decimals, ind.unit ? ind.unit : "-",
			     kpi_buf_str(&fast), kpi_buf_str(&slow));
		if (fast_same == kpi_same_printed(v, w, rnd_decimals(&ind)))
			same_printed++;
	}
	is_long(same, total, "every figure reads the same from the kept texts as formatted afresh");
	is_long(same_printed, total, "rnd_same_printed is kpi_same_printed");
	/* the same value at other decimals is another text */
	rnd_ind ind;
	memset(&ind, 0, sizeof ind);
	ind.unit = "percent";
	rnd_fig_memo = 1;
	kpi_buf_clear(&fast);
	ind.decimals = 1;
	rnd_fmt_value(&fast, &ind, 12.25);
	kpi_buf_addc(&fast, ' ');
	ind.decimals = 2;
	rnd_fmt_value(&fast, &ind, 12.25);
	kpi_buf_addc(&fast, ' ');
	ind.decimals = 1;
	rnd_fmt_value(&fast, &ind, 12.25);
	kpi_buf_addc(&fast, ' ');
	rnd_fmt_value(&fast, &ind, -0.04);
	is_str(kpi_buf_str(&fast), "12.3% 12.25% 12.3% 0.0%", "decimals are part of the key; -0.0 reads 0.0");
	kpi_buf_clear(&fast);
	rnd_html_escape(&fast, "a<b & \"c\" \x1b[0m caf\xc3\xa9 \xc2\x9b'");
	is_str(kpi_buf_str(&fast), "a&lt;b &amp; &quot;c&quot; \\x1b[0m caf\xc3\xa9 \\x9b&#39;", "HTML escape: runs and escapes");
	is_long(escapes_agree(&rng, 20000), 20000, "every escape writes the same copying runs as byte by byte");
	kpi_buf_free(&fast);
	kpi_buf_free(&slow);
	rnd_fig_memo_free();
	is_long(loads_agree(5000), 5000, "5,000 loaded summaries: every history point and signal as written");
	return tap_done();
}
