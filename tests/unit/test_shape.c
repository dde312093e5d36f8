/* Unit tests: the fast paths of lib/record.c and lib/strtab.c agree with the
 * slow ones.
 *   record_shape.c  the shape cache: a record whose keys are the last record's,
 *             byte for byte, reads its keys from the shape and its values in
 *             one loop (parse_shaped, plain_number); every line is parsed
 *             also by a fresh kpi_record (no shape: the full parse) and the
 *             two must agree field for field, or on the error
 *             and a line of the shape whose strings were seen to be ASCII
 *             skips the UTF-8 check; with reuse_prefix, the fields a line
 *             shares with the line before are taken from its parse
 *   strtab.c  kpi_hash_bytes' tail read by whole loads */
#include "kpi/record.h"
#include "kpi/strtab.h"
#include "tap.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A deterministic generator (xorshift64*), so a failure can be replayed. */
static uint64_t rng_state = 0x2545f4914f6cdd1dULL;
static uint64_t rng(void)
{
	return tap_rng(&rng_state);
}

static int pick(int n)
{
	return (int)(rng() % (uint64_t)n);
}

/* The keys of the base record: typed-record names, an escaped one, one
 * with UTF-8, one long one. */
static const char *const base_keys[] = {
	"\"indicator\"", "\"name\"", "\"value\"", "\"value_raw\"", "\"numerator\"",
	"\"status\"", "\"period\"", "\"period_type\"", "\"area\"", "\"breakdown\"",
	"\"caf\\u00e9\"", "\"\\u0061rea2\"", "\"a_rather_long_key_name_of_forty_bytes_x\"", "\"source\"",
};
enum { NKEYS = sizeof base_keys / sizeof base_keys[0] };

/* A random JSON value, mostly valid: strings with and without escapes,
 * numbers on both sides of the 15-digit fast path and with exponents,
 * literals, nested values; now and then a bad one. */
static void random_value(kpi_buf *b)
{
	static const char *const fixed[] = {
		"null", "true", "false", "0", "-0", "0.5", "-0.25", "35.1", "100", "1e3", "1.5E-2", "-7e+2",
		"123456789012345", "1234567890123456", "12345678901234567890", "0.123456789012345",
		"0.1234567890123456", "99999999999999999999999.5", "\"\"", "\"ok\"", "\"2015-04\"",
		"\"caf\\u00e9 \\\"quoted\\\" \\n\"", "\"\\ud83d\\ude00\"", "\"Benchmark indicator 1\"",
		"\"a string longer than sixteen bytes, so the wide copy runs\"", "{}", "[]",
		"{\"sex\":\"Male\",\"age\":\"0-4\"}", "[1,2,{\"a\":null}]", "{\"a\":{\"b\":[true]}}",
		/* bad */
		"01", "1.", "-", ".5", "1e", "nul", "tru", "\"\\x\"", "\"\x01\"", "\"open", "{\"a\":1,\"a\":2}",
		"[1,]", "1e999", "+1",
	};
	int nfixed = sizeof fixed / sizeof fixed[0];
	int bad_from = nfixed - 14;
	int k = pick(20) ? pick(bad_from) : pick(nfixed);
	if (pick(3) == 0) { /* a random plain decimal */
		char t[40];
		int n = 0;
		if (pick(3) == 0)
			t[n++] = '-';
		int nint = 1 + pick(9), nfrac = pick(9);
		for (int i = 0; i < nint; i++)
			t[n++] = (char)('0' + (i == 0 ? 1 + pick(9) : pick(10)));
		if (nfrac)
			t[n++] = '.';
		for (int i = 0; i < nfrac; i++)
			t[n++] = (char)('0' + pick(10));
		kpi_buf_add(b, t, (size_t)n);
		return;
	}
	kpi_buf_adds(b, fixed[k]);
}

/* A line of the keys KEYS[0..n), each with a random value; now and then a
 * space, a trailing byte, or a cut. */
static void make_line(kpi_buf *b, const char *const *keys, int n)
{
	kpi_buf_clear(b);
	kpi_buf_addc(b, '{');
	for (int i = 0; i < n; i++) {
		if (i)
			kpi_buf_adds(b, pick(50) ? "," : " ,");
		kpi_buf_adds(b, keys[i]);
		kpi_buf_adds(b, pick(50) ? ":" : ": ");
		random_value(b);
	}
	kpi_buf_addc(b, '}');
	if (pick(60) == 0)
		kpi_buf_adds(b, pick(2) ? " " : "x");
	if (pick(60) == 0 && b->len > 2)
		b->len -= 1 + (size_t)pick((int)b->len - 1);
}

/* The same fields, or the same error. */
static int same_parse(const kpi_record *a, int ra, const char *ea, const kpi_record *b, int rb, const char *eb)
{
	if (ra != rb)
		return 0;
	if (ra != 0)
		return strcmp(ea, eb) == 0;
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++) {
		const kpi_field *x = &a->f[i], *y = &b->f[i];
		if (x->key_len != y->key_len || memcmp(x->key, y->key, x->key_len + 1) != 0 || x->type != y->type ||
		    x->raw != y->raw || x->raw_len != y->raw_len || x->str_len != y->str_len)
			return 0;
		if (x->type == KPI_JT_STRING && memcmp(x->str, y->str, x->str_len + 1) != 0)
			return 0;
		if (x->type != KPI_JT_STRING && (x->str || y->str))
			return 0;
		if (x->type == KPI_JT_NUMBER && memcmp(&x->num, &y->num, sizeof x->num) != 0)
			return 0;
	}
	return 1;
}

/* The keys of R as one string, for the shape id check. */
static void keys_of(const kpi_record *r, kpi_buf *out)
{
	kpi_buf_clear(out);
	for (size_t i = 0; i < r->n; i++) {
		kpi_buf_add(out, &r->f[i].key_len, sizeof r->f[i].key_len);
		kpi_buf_add(out, r->f[i].key, r->f[i].key_len);
	}
}

/* Streams of lines mostly of one shape, with keys that differ by one byte,
 * are reordered, repeated, dropped or added, escaped (\u0061 for a), or
 * hold invalid UTF-8; strict and shallow parses. */
static void test_shape_stream(int shallow)
{
	kpi_record cached, fresh;
	kpi_record_init(&cached);
	kpi_buf line = KPI_BUF_INIT, last_keys = KPI_BUF_INIT, keys = KPI_BUF_INIT;
	char ea[256], eb[256];
	int bad = 0, fast = 0, ok_lines = 0, same_id_wrong = 0;
	unsigned long last_id = 0;
	char mutated[NKEYS][64];
	const char *k[NKEYS + 1];
	for (int it = 0; it < 60000; it++) {
		int n = NKEYS;
		for (int i = 0; i < NKEYS; i++)
			k[i] = base_keys[i];
		int change = pick(8) == 0 ? pick(9) : -1;
		int at = pick(NKEYS);
		switch (change) {
		case 0: { /* one byte of a key changed */
			snprintf(mutated[at], sizeof mutated[at], "%s", base_keys[at]);
			mutated[at][1 + pick((int)strlen(mutated[at]) - 2)] = (char)('a' + pick(26));
			k[at] = mutated[at];
			break;
		}
		case 1: { /* two keys swapped */
			int b = pick(NKEYS);
			k[at] = base_keys[b];
			k[b] = base_keys[at];
			break;
		}
		case 2: /* a key repeated: a duplicate */
			k[at] = base_keys[(at + 1) % NKEYS];
			break;
		case 3: /* a key dropped */
			n = at;
			break;
		case 4: /* a key added */
			k[n++] = "\"extra\"";
			break;
		case 5: /* "area" written with an escape (the same key once decoded) */
			for (int i = 0; i < NKEYS; i++)
				if (strcmp(base_keys[i], "\"area\"") == 0)
					k[i] = "\"\\u0061rea\"";
			break;
		case 6: /* invalid UTF-8 in a key that otherwise matches */
			snprintf(mutated[at], sizeof mutated[at], "%s", base_keys[at]);
			mutated[at][1] = (char)0xff;
			k[at] = mutated[at];
			break;
		case 7: /* a control character in a key */
			snprintf(mutated[at], sizeof mutated[at], "%s", base_keys[at]);
			mutated[at][1] = '\t';
			k[at] = mutated[at];
			break;
		default:
			break;
		}
		make_line(&line, k, n);
		kpi_record_init(&fresh);
		int ra = shallow ? kpi_record_parse_shallow(&cached, line.data, line.len, ea, sizeof ea)
				 : kpi_record_parse(&cached, line.data, line.len, ea, sizeof ea);
		int rb = shallow ? kpi_record_parse_shallow(&fresh, line.data, line.len, eb, sizeof eb)
				 : kpi_record_parse(&fresh, line.data, line.len, eb, sizeof eb);
		if (!same_parse(&cached, ra, ea, &fresh, rb, eb)) {
			if (bad++ < 5)
				diag("differs on %s (%d %s / %d %s)", line.data, ra, ra ? ea : "", rb, rb ? eb : "");
		}
		if (ra == 0) {
			ok_lines++;
			keys_of(&cached, &keys);
			/* the same id: the same keys as the last record read */
			if (cached.shape_id == last_id &&
			    (keys.len != last_keys.len || memcmp(keys.data, last_keys.data, keys.len) != 0))
				same_id_wrong++;
			if (cached.shape_id == last_id)
				fast++;
			last_id = cached.shape_id;
			kpi_buf_clear(&last_keys);
			kpi_buf_add(&last_keys, keys.data, keys.len);
		}
		kpi_record_free(&fresh);
	}
	ok(bad == 0, "%s: the shape cache reads 60,000 lines as a fresh parser does (%d differ)",
	   shallow ? "shallow" : "strict", bad);
	ok(same_id_wrong == 0, "%s: an unchanged shape id means the same keys in the same order", shallow ? "shallow" : "strict");
	ok(fast > ok_lines / 2, "%s: most lines that parse keep the shape (%d of %d)", shallow ? "shallow" : "strict", fast, ok_lines);
	kpi_record_free(&cached);
	kpi_buf_free(&line);
	kpi_buf_free(&last_keys);
	kpi_buf_free(&keys);
}

/* Exact cases: each line after LAST, the shape's record. */
static void test_shape_cases(void)
{
	static const struct {
		const char *last, *line, *err; /* err NULL: parses */
	} cases[] = {
		{"{\"area\":1,\"b\":2}", "{\"area\":1,\"b\":2}", NULL},
		{"{\"area\":1,\"b\":2}", "{\"\\u0061rea\":1,\"b\":2}", NULL},
		{"{\"area\":1,\"b\":2}", "{\"area\":1,\"area\":2}", "duplicate key \"area\""},
		{"{\"area\":1,\"b\":2}", "{\"area\":1,\"\\u0061rea\":2}", "duplicate key \"area\""},
		{"{\"area\":1,\"b\":2}", "{\"b\":1,\"area\":2}", NULL},
		{"{\"area\":1,\"b\":2}", "{\"area\":1}", NULL},
		{"{\"area\":1,\"b\":2}", "{\"area\":1,\"b\":2,\"c\":3}", NULL},
		{"{\"area\":1,\"b\":2}", "{\"area\":1,\"b\":2,\"b\":3}", "duplicate key \"b\""},
		{"{\"area\":1,\"b\":2}", "{\"area\":01,\"b\":2}", "invalid JSON at column 10: ',' or '}' expected"},
		{"{\"area\":1,\"b\":2}", "{\"area\":1,\"b\":2} ", NULL},
		{"{\"area\":1,\"b\":2}", "{\"area\":1,\"b\":2}x", "invalid JSON at column 17: text after the object"},
		{"{\"area\":1,\"b\":2}", "{\"are\xff\":1,\"b\":2}", "invalid UTF-8 (byte 0xFF at column 6)"},
		{"{\"area\":1,\"b\":2}", "{\"area\":\"\xc3\",\"b\":2}", "invalid UTF-8 (byte 0xC3 at column 10)"},
		{"{\"area\":1,\"b\":2}", "{\"area\":\"a\tb\",\"b\":2}", "invalid JSON at column 11: control character in string"},
		{"{\"area\":1,\"b\":2}", "{\"area\":1e999,\"b\":2}", "invalid JSON at column 9: number out of range"},
		{"{\"area\":1,\"b\":2}", "{\"area\":{\"x\":1,\"x\":2},\"b\":2}", NULL /* checked below: nested duplicate */},
		{"{}", "{}", NULL},
		{"{\"a\":1}", "{}", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		kpi_record cached, fresh;
		kpi_record_init(&cached);
		kpi_record_init(&fresh);
		char ea[256] = "", eb[256] = "";
		if (kpi_record_parse(&cached, cases[i].last, strlen(cases[i].last), ea, sizeof ea) != 0)
			diag("case %zu: the shape's line does not parse: %s", i, ea);
		int ra = kpi_record_parse(&cached, cases[i].line, strlen(cases[i].line), ea, sizeof ea);
		int rb = kpi_record_parse(&fresh, cases[i].line, strlen(cases[i].line), eb, sizeof eb);
		int want_ok = cases[i].err == NULL && !strstr(cases[i].line, "\"x\":1,\"x\"");
		ok(same_parse(&cached, ra, ea, &fresh, rb, eb) && (ra == 0) == want_ok &&
			   (want_ok || !cases[i].err || strcmp(ea, cases[i].err) == 0),
		   "after %s, %s: %s", cases[i].last, cases[i].line, ra ? ea : "parses");
		kpi_record_free(&cached);
		kpi_record_free(&fresh);
	}
}

/* A key that was read by the shallow parser (no UTF-8 check) and is then
 * met again by the strict one: the line's UTF-8 check still refuses it. */
static void test_shallow_then_strict(void)
{
	kpi_record r;
	kpi_record_init(&r);
	char err[256];
	const char *bad = "{\"k\xff\":1}";
	ok(kpi_record_parse_shallow(&r, bad, strlen(bad), err, sizeof err) == 0, "shallow reads a key of invalid UTF-8");
	ok(kpi_record_parse(&r, bad, strlen(bad), err, sizeof err) != 0 && strstr(err, "UTF-8"),
	   "the strict parse of the same key, from the shape, refuses it: %s", err);
	kpi_record_free(&r);
}

/* A line of the shape's keys whose strings are ASCII is not UTF-8 checked
 * again (kpi_record_parse: copy_plain saw every byte of its strings):
 * strings of random ASCII, valid UTF-8 and invalid bytes (a lone lead
 * byte, 0xFF, an overlong, a surrogate, a cut sequence) at every place of
 * short and long strings (the 16-byte chunks and the tail), in the last
 * field too, are read by a record whose shape is the line's own keys (the
 * shallow parse of the same line taught it) as a fresh record reads them:
 * the same fields, or the same "invalid UTF-8" message. */
static void test_ascii_skip(void)
{
	static const char *const bits[] = {
		"a", "Z", "0", " ", "-", "\\u00e9", "\\n", "\\\"",       /* ASCII and escapes */
		"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80",          /* valid UTF-8 */
		"\xff", "\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xe2\x82", "\x80", "\xf5\x80\x80\x80", /* invalid */
	};
	int nbits = sizeof bits / sizeof bits[0];
	kpi_record cached, fresh;
	kpi_record_init(&cached);
	kpi_buf line = KPI_BUF_INIT;
	char ea[256], eb[256];
	int bad = 0, ok_lines = 0, refused = 0;
	for (int it = 0; it < 40000; it++) {
		kpi_buf_clear(&line);
		kpi_buf_addc(&line, '{');
		int n = 3 + pick(NKEYS - 3);
		for (int i = 0; i < n; i++) {
			if (i)
				kpi_buf_addc(&line, ',');
			kpi_buf_adds(&line, base_keys[i]);
			kpi_buf_addc(&line, ':');
			if (pick(4) == 0) {
				random_value(&line);
				continue;
			}
			kpi_buf_addc(&line, '"');
			int len = pick(3) ? pick(20) : pick(70);
			int odd = pick(3) == 0 ? pick(len + 1) : -1; /* where one non-ASCII bit goes */
			for (int j = 0; j < len; j++)
				kpi_buf_adds(&line, j == odd ? bits[8 + pick(nbits - 8)] : bits[pick(pick(8) ? 5 : 8)]);
			kpi_buf_addc(&line, '"');
		}
		kpi_buf_addc(&line, '}');
		kpi_record_init(&fresh);
		kpi_record_parse_shallow(&cached, line.data, line.len, ea, sizeof ea);
		int ra = kpi_record_parse(&cached, line.data, line.len, ea, sizeof ea);
		int rb = kpi_record_parse(&fresh, line.data, line.len, eb, sizeof eb);
		if (!same_parse(&cached, ra, ea, &fresh, rb, eb) && bad++ < 5)
			diag("differs on %s (%d %s / %d %s)", line.data, ra, ra ? ea : "", rb, rb ? eb : "");
		ok_lines += ra == 0;
		refused += ra != 0 && strstr(ea, "UTF-8") != NULL;
		kpi_record_free(&fresh);
	}
	ok(bad == 0, "ASCII lines skip the UTF-8 check: 40,000 lines of the shape's keys read as a fresh parser reads them (%d differ)", bad);
	ok(ok_lines > 10000 && refused > 5000, "both kinds were met: %d lines parse, %d are refused as invalid UTF-8", ok_lines, refused);
	kpi_record_free(&cached);
	kpi_buf_free(&line);
}

/* kpi_hash_bytes against the byte-wise tail it replaced. */
static uint32_t hash_reference(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
	while (n >= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 29;
		s += 8;
		n -= 8;
	}
	uint64_t w = 0;
	if (n)
		memcpy(&w, s, n);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 32;
	h *= 0x9e3779b97f4a7c15ULL;
	h ^= h >> 32;
	return (uint32_t)h;
}

static void test_hash_tail(void)
{
	char buf[64];
	int bad = 0;
	for (int it = 0; it < 100000; it++) {
		size_t n = (size_t)pick(41), off = (size_t)pick(8);
		for (size_t i = 0; i < n; i++)
			buf[off + i] = (char)rng();
		if (kpi_hash_bytes(buf + off, n) != hash_reference(buf + off, n))
			bad++;
	}
	ok(bad == 0, "kpi_hash_bytes: the same hash as the byte-wise tail on 100,000 strings of 0 to 40 bytes (%d differ)", bad);
}

/* The tables take their slot from the hash's low bits: months, which
 * differ only in their last bytes, and quoted figures spread over them. */
static void test_hash_spread(void)
{
	static unsigned char used[1024];
	char t[32];
	int distinct = 0;
	for (int m = 0; m < 240; m++) {
		int n = snprintf(t, sizeof t, "%04d-%02d", 2010 + m / 12, m % 12 + 1);
		unsigned slot = kpi_hash_bytes(t, (size_t)n) & 1023;
		distinct += !used[slot];
		used[slot] = 1;
	}
	ok(distinct >= 200, "kpi_hash_bytes: 240 months fall in %d of 1,024 slots", distinct);
	memset(used, 0, sizeof used);
	distinct = 0;
	for (int v = 0; v < 500; v++) {
		int n = snprintf(t, sizeof t, "\"%d.%d\"", v / 10, v % 10);
		unsigned slot = kpi_hash_bytes(t, (size_t)n) & 1023;
		distinct += !used[slot];
		used[slot] = 1;
	}
	ok(distinct >= 350, "kpi_hash_bytes: 500 quoted figures fall in %d of 1,024 slots", distinct);
}

/* kpi_record.reuse_prefix: streams of lines each made from the line before
 * by changing a few values (anywhere: first, last, a number to a longer or
 * shorter one, a string to one with escapes, UTF-8, invalid UTF-8 or a
 * control character; a long value that makes the store grow), or changing
 * nothing, or now and then a key, a space or a cut: a record that takes
 * the shared fields from the line before reads every line as a fresh
 * parser does, field for field (pointers into this line), or with the same
 * error; and it does take fields so. Each line is parsed from a copy of
 * its own length (a read past it is the sanitizers'). */
static void test_prefix_reuse(void)
{
	kpi_record reused, fresh;
	kpi_record_init(&reused);
	reused.reuse_prefix = 1;
	kpi_buf val[NKEYS], line = KPI_BUF_INIT;
	for (int i = 0; i < NKEYS; i++) {
		kpi_buf_init(&val[i]);
		random_value(&val[i]);
	}
	static const char *const odd[] = {"\"caf\xc3\xa9\"", "\"bad \xff byte\"", "\"tab\there\"",
					  "\"x\\u00e9y\"", "12", "123", "1", "-0", "\"ok\"", "\"ok \"",
					  "\"\xe2\x82\xac\"", "\"\xe2\x82\""};
	char ea[256], eb[256];
	int bad = 0, lines_ok = 0, wrongly_taken = 0, prev_ok = 0;
	size_t taken = 0, taken_later = 0;
	kpi_buf prev_raw[NKEYS]; /* the last line parsed: each value's text */
	for (int i = 0; i < NKEYS; i++)
		kpi_buf_init(&prev_raw[i]);
	for (int it = 0; it < 60000; it++) {
		int changes = pick(4) ? pick(3) : 0;
		for (int c = 0; c < changes; c++) {
			int at = pick(4) ? pick(NKEYS) : (pick(2) ? 0 : NKEYS - 1);
			kpi_buf_clear(&val[at]);
			switch (pick(6)) {
			case 0:
				kpi_buf_adds(&val[at], odd[pick(sizeof odd / sizeof odd[0])]);
				break;
			case 1: { /* a long string: the store grows */
				kpi_buf_addc(&val[at], '"');
				int n = pick(3000);
				for (int k = 0; k < n; k++)
					kpi_buf_addc(&val[at], (char)('a' + pick(26)));
				kpi_buf_addc(&val[at], '"');
				break;
			}
			default:
				random_value(&val[at]);
				break;
			}
		}
		kpi_buf_clear(&line);
		kpi_buf_addc(&line, '{');
		int key_changed = pick(200) == 0 ? pick(NKEYS) : -1;
		for (int i = 0; i < NKEYS; i++) {
			if (i)
				kpi_buf_adds(&line, pick(400) ? "," : " ,");
			kpi_buf_adds(&line, i == key_changed ? "\"other\"" : base_keys[i]);
			kpi_buf_addc(&line, ':');
			kpi_buf_add(&line, val[i].data, val[i].len);
		}
		kpi_buf_addc(&line, '}');
		if (pick(300) == 0 && line.len > 2)
			line.len -= 1 + (size_t)pick((int)line.len - 1);
		char *copy = kpi_xmalloc(line.len ? line.len : 1);
		memcpy(copy, line.data, line.len);
		kpi_record_init(&fresh);
		int ra = kpi_record_parse(&reused, copy, line.len, ea, sizeof ea);
		int rb = kpi_record_parse(&fresh, copy, line.len, eb, sizeof eb);
		if (!same_parse(&reused, ra, ea, &fresh, rb, eb) || (ra != 0 && reused.same_fields)) {
			if (bad++ < 5)
				diag("differs on %.*s (%d %s / %d %s)", (int)line.len, copy, ra, ra ? ea : "", rb, rb ? eb : "");
		}
		if (ra == 0) {
			lines_ok++;
			taken += reused.same_fields;
			/* a field taken is the line before's value of its key,
			 * the same text; past the shared start too */
			for (size_t i = 0; i < reused.n; i++) {
				if (!reused.taken[i])
					continue;
				if (i >= reused.same_fields)
					taken_later++;
				if (!prev_ok || i >= NKEYS || prev_raw[i].len != reused.f[i].raw_len ||
				    memcmp(prev_raw[i].data, reused.f[i].raw, reused.f[i].raw_len) != 0)
					wrongly_taken++;
			}
			for (size_t i = 0; i < reused.same_fields; i++)
				if (!reused.taken[i])
					wrongly_taken++;
		}
		prev_ok = ra == 0 && reused.n == NKEYS;
		for (size_t i = 0; prev_ok && i < NKEYS; i++) {
			kpi_buf_clear(&prev_raw[i]);
			kpi_buf_add(&prev_raw[i], reused.f[i].raw, reused.f[i].raw_len);
		}
		kpi_record_free(&fresh);
		free(copy);
		if (pick(500) == 0) { /* a shallow parse between: it vouches for less, and is not reused */
			kpi_buf_clear(&line);
			kpi_buf_adds(&line, "{\"a\":[1,]}");
			kpi_record_parse_shallow(&reused, line.data, line.len, ea, sizeof ea);
			prev_ok = 0;
		}
	}
	ok(wrongly_taken == 0 && taken_later > (size_t)lines_ok,
	   "reuse_prefix: a field taken is the line before's value (%d not), also after the shared start (%zu)",
	   wrongly_taken, taken_later);
	for (int i = 0; i < NKEYS; i++)
		kpi_buf_free(&prev_raw[i]);
	ok(bad == 0, "reuse_prefix: 60,000 lines, each like the one before, read as a fresh parser reads them (%d differ)", bad);
	ok(taken > (size_t)lines_ok * 3, "reuse_prefix: fields are taken from the line before (%zu in %d lines)", taken, lines_ok);
	for (int i = 0; i < NKEYS; i++)
		kpi_buf_free(&val[i]);
	kpi_buf_free(&line);
	kpi_record_free(&reused);
}

int main(void)
{
	test_shape_cases();
	test_prefix_reuse();
	test_shape_stream(0);
	test_shape_stream(1);
	test_shallow_then_strict();
	test_ascii_skip();
	test_hash_tail();
	test_hash_spread();
	return tap_done();
}
