/* test_shape_memo.c: kpi_shape_memo_same (shape_memo.h) against a direct
 * comparison of each record's keys with the last record's, over random
 * records: runs of one key set, key sets that differ in one key, in order,
 * in spaces or escapes, failed parses between, and records initialised again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kpi/buf.h"
#include "kpi/record.h"
#include "kpi/shape_memo.h"
#include "tap.h"

/* keys as written in a line: some decode alike ("a\u0062" is "ab") */
static const char *const key_text[] = {
	"\"indicator\"", "\"period\"", "\"value\"", "\"area\"", "\"la_code\"", "\"new_la_code\"",
	"\"source\"", "\"a\\u0062\"", "\"ab\"", "\"x\"", "\"\"", "\"time_identifier\"",
};
enum { NKEYS = sizeof key_text / sizeof key_text[0] };

/* The keys of the last record parsed, decoded, one after another ("\0"-separated). */
static void keys_of(const kpi_record *r, kpi_buf *out)
{
	kpi_buf_clear(out);
	for (size_t i = 0; i < r->n; i++) {
		uint32_t n = (uint32_t)r->f[i].key_len;
		kpi_buf_add(out, &n, sizeof n);
		kpi_buf_add(out, r->f[i].key, r->f[i].key_len);
	}
}

/* A random record line from the key set SET (a bitmask, in the order
 * given by PERM), with the odd space; sometimes broken.  SIG: its keys'
 * text as written. */
static void make_line(uint64_t *rng, kpi_buf *line, kpi_buf *sig, unsigned set, const int *perm,
		      int *broken)
{
	kpi_buf_clear(line);
	kpi_buf_clear(sig);
	kpi_buf_addc(line, '{');
	int first = 1;
	*broken = 0;
	for (int j = 0; j < NKEYS; j++) {
		int k = perm[j];
		if (!(set >> k & 1))
			continue;
		if (!first)
			kpi_buf_addc(line, ',');
		first = 0;
		size_t at = line->len;
		if (tap_rng(rng) % 16 == 0)
			kpi_buf_addc(line, ' ');
		kpi_buf_adds(line, key_text[k]);
		kpi_buf_adds(line, tap_rng(rng) % 16 == 0 ? " : " : ":");
		kpi_buf_add(sig, line->data + at, line->len - at); /* the key as written */
		switch (tap_rng(rng) % 4) {
		case 0: kpi_buf_adds(line, "\"E06000001\""); break;
		case 1: kpi_buf_adds(line, "12.5"); break;
		case 2: kpi_buf_adds(line, "null"); break;
		default: kpi_buf_adds(line, "\"835\""); break;
		}
	}
	if ((set >> 7 & 1) && (set >> 8 & 1)) /* "a\u0062" and "ab": the same key */
		*broken = 1;
	if (tap_rng(rng) % 40 == 0) { /* a duplicate key, or bad JSON */
		kpi_buf_adds(line, first ? "\"x\":1,\"x\":2" : ",\"x\":1,\"x\":2");
		*broken = 1;
	} else if (tap_rng(rng) % 60 == 0) {
		kpi_buf_adds(line, ",");
		*broken = 1;
	}
	kpi_buf_addc(line, '}');
}

static void shuffle(uint64_t *rng, int *perm)
{
	for (int i = NKEYS - 1; i > 0; i--) {
		int j = (int)(tap_rng(rng) % (uint64_t)(i + 1)), t = perm[i];
		perm[i] = perm[j];
		perm[j] = t;
	}
}

static void test_random(void)
{
	uint64_t rng = 0x5A4E3D2C1B0A9988ULL;
	kpi_record rec;
	kpi_record_init(&rec);
	kpi_shape_memo m = KPI_SHAPE_MEMO_INIT;
	kpi_buf line = KPI_BUF_INIT, last = KPI_BUF_INIT, now = KPI_BUF_INIT;
	kpi_buf sig = KPI_BUF_INIT, last_sig = KPI_BUF_INIT;
	int have_last = 0, perm[NKEYS], quiet = 0; /* quiet: no failed parse or re-init since the last */
	for (int j = 0; j < NKEYS; j++)
		perm[j] = j;
	unsigned set = 0x7F;
	long bad = 0, same = 0, parsed = 0, reinit = 0;
	char err[256];
	for (int i = 0; i < 200000; i++) {
		uint64_t what = tap_rng(&rng) % 100;
		if (what < 3)
			set ^= 1u << (tap_rng(&rng) % NKEYS); /* one key more or less */
		else if (what < 5)
			shuffle(&rng, perm);
		else if (what < 6)
			set = (unsigned)(tap_rng(&rng) % (1u << NKEYS));
		else if (what < 7) { /* the same record again from the start: its ids start again */
			kpi_record_free(&rec);
			kpi_record_init(&rec);
			reinit++;
			quiet = 0;
		}
		int broken;
		make_line(&rng, &line, &sig, set, perm, &broken);
		if (kpi_record_parse(&rec, line.data, line.len, err, sizeof err) != 0) {
			if (!broken && !ok(0, "line %d parses: %s: %s", i, line.data, err))
				break;
			quiet = 0;
			continue;
		}
		parsed++;
		keys_of(&rec, &now);
		/* the same keys may be written otherwise ("a\u0062", spaces): then
		 * either answer is right, and after a failed parse or the record
		 * initialised again (the shape's id changes or starts again); the
		 * same keys written the same way just after must be found the same */
		int may = have_last && now.len == last.len && memcmp(now.data, last.data, now.len) == 0;
		int must = may && quiet && sig.len == last_sig.len && memcmp(sig.data, last_sig.data, sig.len) == 0;
		int got = kpi_shape_memo_same(&m, &rec), expect = must;
		if (got ? !may : must) {
			bad++;
			if (bad < 5)
				diag("line %d: %s: same %d, expected %d", i, line.data, got, expect);
		}
		same += got;
		kpi_buf_clear(&last);
		kpi_buf_add(&last, now.data ? now.data : "", now.len);
		kpi_buf_clear(&last_sig);
		kpi_buf_add(&last_sig, sig.data, sig.len);
		quiet = 1;
		have_last = 1;
		if (tap_rng(&rng) % 500 == 0) { /* forgotten: the next is never the same */
			kpi_shape_memo_forget(&m);
			have_last = 0;
		}
	}
	is_long(bad, 0, "200,000 random lines (%ld parsed, %ld the same keys, %ld re-initialised): "
		"same whenever the keys are written as the last record's, and never when they differ", parsed, same, reinit);
	ok(same > parsed / 4 && same < parsed * 3 / 4, "both answers are common");
	kpi_shape_memo_free(&m);
	kpi_record_free(&rec);
	kpi_buf_free(&line);
	kpi_buf_free(&last);
	kpi_buf_free(&now);
	kpi_buf_free(&sig);
	kpi_buf_free(&last_sig);
}

/* Two records side by side: each call compares with the other's keys. */
static void test_two_records(void)
{
	kpi_record a, b;
	kpi_record_init(&a);
	kpi_record_init(&b);
	char err[256];
	kpi_shape_memo m = KPI_SHAPE_MEMO_INIT;
	ok(kpi_record_parse(&a, "{\"x\":1}", 7, err, sizeof err) == 0 &&
	   kpi_record_parse(&b, "{\"x\":2}", 7, err, sizeof err) == 0, "both parse");
	ok(!kpi_shape_memo_same(&m, &a), "the first record: not the same");
	ok(kpi_shape_memo_same(&m, &a), "the same record again: the same");
	ok(!kpi_shape_memo_same(&m, &b), "another record with the same keys: not taken for it");
	ok(kpi_record_parse(&b, "{\"y\":2}", 7, err, sizeof err) == 0, "b again, other keys");
	ok(!kpi_shape_memo_same(&m, &b), "other keys: not the same");
	ok(kpi_record_parse(&b, "{}", 2, err, sizeof err) == 0, "an empty object");
	ok(!kpi_shape_memo_same(&m, &b) && kpi_shape_memo_same(&m, &b), "no keys, then no keys again");
	/* a record initialised again never repeats an id (they are counted
	 * for the process), even for other keys at the same address */
	kpi_record_free(&a);
	kpi_record_init(&a);
	ok(kpi_record_parse(&a, "{\"x\":1}", 7, err, sizeof err) == 0, "a, keys x");
	ok(!kpi_shape_memo_same(&m, &a), "a after b: not the same");
	unsigned long id = a.shape_id;
	kpi_record_free(&a);
	kpi_record_init(&a);
	ok(kpi_record_parse(&a, "{\"y\":1}", 7, err, sizeof err) == 0 && a.shape_id != id,
	   "a initialised again, keys y: a new shape id");
	ok(!kpi_shape_memo_same(&m, &a), "not taken for the keys x");
	kpi_shape_memo_free(&m);
	kpi_record_free(&a);
	kpi_record_free(&b);
}

int main(void)
{
	test_random();
	test_two_records();
	return tap_done();
}
