/* record.c: strict single-pass parser for one JSON object per line.
 * Top-level fields are kept with their raw text; nested values are
 * validated and kept raw.  Decoded keys and strings go to r->store; their
 * pointers are fixed up after parsing, since the store may move. */
#include "kpi/record.h"
#include "kpi/strtab.h"
#include "kpi/utf8.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include "kpi/bytes.h"
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

enum { MAX_DEPTH = 64 };

typedef struct {
	const char *s, *p, *end;
	kpi_record *r;
	char *err;
	size_t errsz;
	int shallow;      /* nested values passed over, not validated */
	/* parse_shaped: the bytes of its strings that copy_plain saw, or'd
	 * (bit 7 set: a byte that is not ASCII), and whether a string or value
	 * was read another way (escapes, nesting), which it cannot vouch for */
	unsigned char seen_high;
	unsigned char unseen;
	unsigned char shaped_tried; /* parse_record: parse_shaped failed already */
} parser;

static int fail(parser *ps, const char *what)
{
	snprintf(ps->err, ps->errsz, "invalid JSON at column %zu: %s",
		 (size_t)(ps->p - ps->s) + 1, what);
	return -1;
}

static inline __attribute__((always_inline)) void skip_ws(parser *ps)
{
	if (ps->p < ps->end && (unsigned char)*ps->p > ' ')
		return; /* the usual case: no space at all between tokens */
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int read_hex4(parser *ps, unsigned *out)
{
	if (ps->end - ps->p < 4)
		return fail(ps, "truncated \\u escape");
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		int h = hexval(ps->p[i]);
		if (h < 0)
			return fail(ps, "bad \\u escape");
		v = v * 16 + (unsigned)h;
	}
	ps->p += 4;
	*out = v;
	return 0;
}

static void put_utf8(kpi_buf *b, unsigned cp)
{
	char t[4];
	size_t n;
	if (cp < 0x80) {
		t[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		t[0] = (char)(0xC0 | cp >> 6);
		t[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		t[0] = (char)(0xE0 | cp >> 12);
		t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		t[0] = (char)(0xF0 | cp >> 18);
		t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	kpi_buf_add(b, t, n);
}

/* Bytes that end a plain run inside a string: '"', '\\' and control characters. */
static const unsigned char string_special[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, ['\\'] = 1,
};

/* The plain bytes of a string onto OUT, sixteen at a time with SSE2 (every
 * x86-64), else eight at a time in a word (a record is some 40 short
 * strings, and copying them as they are checked saves a pass and a memcpy
 * call each): up to the first '"', '\\', control character or the end,
 * which ps->p is left on.  The chunk is stored whole; only its plain bytes
 * are counted.  The word tests are exact about the first byte that hits (a
 * borrow only disturbs the bytes after it), which is the lowest set bit on a
 * little-endian machine; elsewhere, a byte at a time.  OUT has room for the
 * rest of the line and 16 bytes more. */
static inline __attribute__((always_inline)) void copy_plain(parser *ps, kpi_buf *out, unsigned char *seen)
{
	const unsigned char *p = (const unsigned char *)ps->p, *end = (const unsigned char *)ps->end;
	char *d = out->data + out->len;
#if defined(__SSE2__) && defined(__GNUC__)
	const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'),
		      below = _mm_set1_epi8(0x20 - 128), flip = _mm_set1_epi8(-128);
	__m128i high = _mm_setzero_si128();
	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		_mm_storeu_si128((__m128i *)(void *)d, v);
		high = _mm_or_si128(high, v);
		/* control characters: below 0x20 as unsigned bytes (signed
		 * compare after flipping the top bit) */
		__m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)),
					   _mm_cmplt_epi8(_mm_xor_si128(v, flip), below));
		unsigned mask = (unsigned)_mm_movemask_epi8(hit);
		if (mask) {
			size_t k = (size_t)__builtin_ctz(mask);
			p += k;
			d += k;
			*seen |= (unsigned char)(_mm_movemask_epi8(high) ? 0x80 : 0);
			goto done;
		}
		p += 16;
		d += 16;
	}
	*seen |= (unsigned char)(_mm_movemask_epi8(high) ? 0x80 : 0);
	/* Fewer than 16 bytes left (the end of a line's last string): the 16
	 * bytes that end the line, when it has them, looked at from p on, and
	 * the plain ones copied in two moves; the byte loop below cost a tenth
	 * of kpi-normalise's parse.  *seen may take in bytes after the
	 * string: it only ever says too much (then UTF-8 is checked). */
	if (p < end && end - (const unsigned char *)ps->s >= 16) {
		size_t left = (size_t)(end - p), skip = 16 - left;
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(end - 16));
		__m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)),
					   _mm_cmplt_epi8(_mm_xor_si128(v, flip), below));
		unsigned mask = (unsigned)_mm_movemask_epi8(hit) >> skip;
		size_t k = mask ? (size_t)__builtin_ctz(mask) : left;
		if ((unsigned)_mm_movemask_epi8(v) >> skip)
			*seen |= 0x80;
		kpi_copy_short(d, p, k);
		p += k;
		d += k;
		goto done;
	}
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	uint64_t acc = 0;
	while (end - p >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		memcpy(d, &w, 8);
		acc |= w;
		uint64_t q = w ^ (ones * '"'), bs = w ^ (ones * '\\');
		uint64_t hit = (((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((bs - ones) & ~bs)) & highs;
		if (hit) {
			size_t k = (size_t)__builtin_ctzll(hit) >> 3;
			p += k;
			d += k;
			*seen |= (unsigned char)(acc & highs ? 0x80 : 0);
			goto done;
		}
		p += 8;
		d += 8;
	}
	*seen |= (unsigned char)(acc & highs ? 0x80 : 0);
#endif
	while (p < end && !string_special[*p]) {
		*seen |= *p;
		*d++ = (char)*p++;
	}
	goto done; /* keeps the label used where the chunk loops are left out */
done:
	*d = '\0'; /* the buffer's invariant */
	out->len = (size_t)(d - out->data);
	ps->p = (const char *)p;
}

/* The rest of a string from ps->p, inside it: escapes, errors, and the
 * whole of a string that is only checked (OUT NULL). */
static int parse_string_rest(parser *ps, kpi_buf *out)
{
	const char *run = ps->p;
	for (;;) {
		/* the plain bytes of the string in one tight loop (strings in
		 * records are short: a word-at-a-time scan did not pay) */
		const char *p = ps->p, *end = ps->end; /* locals: char stores may alias ps->p */
		while (p < end && !string_special[(unsigned char)*p])
			p++;
		ps->p = p;
		if (ps->p >= ps->end)
			return fail(ps, "unterminated string");
		unsigned char c = (unsigned char)*ps->p;
		if (c == '"') {
			if (out)
				kpi_buf_add(out, run, (size_t)(ps->p - run));
			ps->p++;
			if (out)
				kpi_buf_addc(out, '\0');
			return 0;
		}
		if (c < 0x20)
			return fail(ps, "control character in string");
		if (c == '\\') {
			if (out)
				kpi_buf_add(out, run, (size_t)(ps->p - run));
			ps->p++;
			if (ps->p >= ps->end)
				return fail(ps, "unterminated string");
			char e = *ps->p++;
			char lit = 0;
			switch (e) {
			case '"': lit = '"'; break;
			case '\\': lit = '\\'; break;
			case '/': lit = '/'; break;
			case 'b': lit = '\b'; break;
			case 'f': lit = '\f'; break;
			case 'n': lit = '\n'; break;
			case 'r': lit = '\r'; break;
			case 't': lit = '\t'; break;
			case 'u': {
				unsigned cp;
				if (read_hex4(ps, &cp) < 0)
					return -1;
				if (cp >= 0xD800 && cp <= 0xDBFF) {
					unsigned lo;
					if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u')
						return fail(ps, "unpaired surrogate in \\u escape");
					ps->p += 2;
					if (read_hex4(ps, &lo) < 0)
						return -1;
					if (lo < 0xDC00 || lo > 0xDFFF)
						return fail(ps, "unpaired surrogate in \\u escape");
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
					return fail(ps, "unpaired surrogate in \\u escape");
				}
				if (out)
					put_utf8(out, cp);
				break;
			}
			default:
				ps->p--;
				return fail(ps, "bad escape in string");
			}
			if (lit && out)
				kpi_buf_addc(out, lit);
			run = ps->p;
			continue;
		}
		ps->p++;
	}
}

/* Parses a string at ps->p (on '"').  With OUT, decodes into it (NUL-terminated).
 * Inline: the plain strings of a record take this path alone. */
static inline __attribute__((always_inline)) int parse_string(parser *ps, kpi_buf *out)
{
	ps->p++; /* opening quote */
	if (out) {
		/* the decoded text is never longer than the raw rest of the line */
		kpi_buf_reserve(out, (size_t)(ps->end - ps->p) + 16);
		copy_plain(ps, out, &ps->seen_high);
		if (ps->p < ps->end && *ps->p == '"') {
			ps->p++;
			out->data[++out->len] = '\0'; /* the string's NUL, then the buffer's */
			return 0;
		}
		/* an escape, a control character or the end */
	}
	return parse_string_rest(ps, out);
}

static const double exact_pow10[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

static int parse_number(parser *ps, double *num)
{
	const char *start = ps->p;
	int neg = 0;
	uint64_t m = 0;      /* the digits as an integer, while it stays exact */
	int ndigits = 0, nfrac = 0;
	if (ps->p < ps->end && *ps->p == '-')
		ps->p++, neg = 1;
	if (ps->p >= ps->end)
		return fail(ps, "truncated number");
	if (*ps->p == '0') {
		ps->p++;
		ndigits = 1;
	} else if (*ps->p >= '1' && *ps->p <= '9') {
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') {
			m = m * 10 + (uint64_t)(*ps->p++ - '0');
			ndigits++;
			if (ndigits > 19)
				m = 0; /* too long for the fast path; ndigits says so */
		}
	} else {
		return fail(ps, "bad number");
	}
	if (ps->p < ps->end && *ps->p == '.') {
		ps->p++;
		if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
			return fail(ps, "bad number: digit expected after '.'");
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') {
			if (ndigits < 19)
				m = m * 10 + (uint64_t)(*ps->p - '0');
			ps->p++;
			ndigits++, nfrac++;
		}
	}
	int has_exp = 0;
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		has_exp = 1;
		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
			return fail(ps, "bad number: digit expected in exponent");
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	}
	/* a nested number is only validated, but must be in range like any other:
	 * without an exponent and with at most 308 integer digits it is */
	double scratch;
	if (!num) {
		if (!has_exp && ndigits - nfrac <= 308)
			return 0;
		num = &scratch;
	}
	/* Clinger's fast path (15 digits or fewer, no exponent): m and 10^k are
	 * exact doubles, so one correctly rounded division is what strtod gives. */
	if (!has_exp && ndigits <= 15 && nfrac <= 22) {
		double v = (double)m / exact_pow10[nfrac];
		*num = neg ? -v : v;
		return 0;
	}
	char small[64];
	size_t n = (size_t)(ps->p - start);
	char *tmp = n < sizeof small ? small : malloc(n + 1);
	if (!tmp)
		return fail(ps, "out of memory");
	memcpy(tmp, start, n);
	tmp[n] = '\0';
	errno = 0;
	double v = strtod(tmp, NULL);
	int range = errno == ERANGE && (v > 1 || v < -1);
	if (tmp != small)
		free(tmp);
	if (range) {
		ps->p = start;
		return fail(ps, "number out of range");
	}
	*num = v;
	return 0;
}

/* (inline: with N known, the comparison is one load, not a call) */
static inline __attribute__((always_inline)) int parse_literal(parser *ps, const char *word, size_t n)
{
	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return fail(ps, "unexpected character");
	ps->p += n;
	return 0;
}

/* Duplicate keys.  The keys of an object are compared directly while they
 * are few (KEYS_DIRECT: every object kpi writes); past that, a hash table of
 * the keys makes the check linear in the keys of the object (a 128-bit filter
 * of the hashes, tried before, saturated past a hundred keys and a record of
 * 100,000 keys took 12 s in every stage). */
enum { KEYS_DIRECT = 16 };

/* Key I of a set of keys, for the table. */
typedef const char *(*key_at_fn)(const void *keys, size_t i, size_t *n);

typedef struct {
	uint32_t *slot;   /* open addressing: 0 empty, else a key's index + 1 */
	size_t nslot;     /* a power of two, or 0 */
} key_table;

static int same_key(const char *a, size_t an, const char *b, size_t bn)
{
	return an == bn && memcmp(a, b, an) == 0;
}

/* Sizes T for ROOM keys (at most half full) and puts keys 0..COUNT-1, known
 * to be distinct, into it. */
static void table_fill(key_table *t, const void *keys, key_at_fn at, size_t count, size_t room)
{
	size_t want = 64;
	while (want < 2 * room + 2)
		want *= 2;
	if (t->nslot < want) {
		free(t->slot);
		t->slot = kpi_xmalloc(want * sizeof *t->slot);
		t->nslot = want;
	}
	memset(t->slot, 0, t->nslot * sizeof *t->slot);
	size_t mask = t->nslot - 1;
	for (size_t i = 0; i < count; i++) {
		size_t n;
		const char *k = at(keys, i, &n);
		size_t h = kpi_hash_bytes(k, n) & mask;
		while (t->slot[h])
			h = (h + 1) & mask;
		t->slot[h] = (uint32_t)(i + 1);
	}
}

/* Key I (keys 0..I-1 are in T): 1 when an equal key is there, else 0 with
 * key I added (T grows to stay at most half full). */
static int table_add(key_table *t, const void *keys, key_at_fn at, size_t i)
{
	if (2 * (i + 1) >= t->nslot)
		table_fill(t, keys, at, i, 2 * (i + 1));
	size_t n, mask = t->nslot - 1;
	const char *k = at(keys, i, &n);
	size_t h = kpi_hash_bytes(k, n) & mask;
	for (; t->slot[h]; h = (h + 1) & mask) {
		size_t qn;
		const char *q = at(keys, t->slot[h] - 1, &qn);
		if (same_key(k, n, q, qn))
			return 1;
	}
	t->slot[h] = (uint32_t)(i + 1);
	return 0;
}

/* The keys of one nested object, for the duplicate check: raw spans into the
 * line, or a decoded copy when the key has an escape ("a" and "\u0061" are
 * one key).  The first KEYS_DIRECT sit on the stack. */
typedef struct {
	const char *p[KEYS_DIRECT], **more;
	size_t n[KEYS_DIRECT], *more_n;
	char *owned[KEYS_DIRECT], **more_owned;
	size_t count, cap;
	key_table table;
} key_set;

static const char *key_set_at(const void *keys, size_t i, size_t *n)
{
	const key_set *k = keys;
	if (i < KEYS_DIRECT) {
		*n = k->n[i];
		return k->p[i];
	}
	*n = k->more_n[i - KEYS_DIRECT];
	return k->more[i - KEYS_DIRECT];
}

static void keys_free(key_set *k)
{
	for (size_t i = 0; i < k->count; i++)
		free(i < KEYS_DIRECT ? k->owned[i] : k->more_owned[i - KEYS_DIRECT]);
	free(k->more);
	free(k->more_n);
	free(k->more_owned);
	free(k->table.slot);
}

/* Adds the key whose literal (quotes included) is RAW[0..len); 1 if it was there. */
static int keys_add(key_set *k, const char *raw, size_t len)
{
	const char *s = raw + 1;
	size_t n = len - 2;
	char *owned = NULL;
	if (memchr(s, '\\', n)) {
		kpi_buf b = KPI_BUF_INIT;
		kpi_json_string_decode(raw, len, &b);
		owned = b.data ? b.data : kpi_xstrdup("");
		s = owned;
		n = b.len;
	}
	if (k->count < KEYS_DIRECT) {
		for (size_t i = 0; i < k->count; i++)
			if (same_key(k->p[i], k->n[i], s, n)) {
				free(owned);
				return 1;
			}
		k->p[k->count] = s;
		k->n[k->count] = n;
		k->owned[k->count] = owned;
		k->count++;
		return 0;
	}
	size_t m = k->count - KEYS_DIRECT;
	if (m == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 16;
		k->more = kpi_xrealloc(k->more, k->cap * sizeof *k->more);
		k->more_n = kpi_xrealloc(k->more_n, k->cap * sizeof *k->more_n);
		k->more_owned = kpi_xrealloc(k->more_owned, k->cap * sizeof *k->more_owned);
	}
	k->more[m] = s;
	k->more_n[m] = n;
	k->more_owned[m] = owned;
	if (table_add(&k->table, k, key_set_at, k->count)) {
		free(owned);
		return 1;
	}
	k->count++;
	return 0;
}

/* Validates any value (nested ones included), decoding nothing. */
static int skip_value(parser *ps, int depth)
{
	skip_ws(ps);
	if (ps->p >= ps->end)
		return fail(ps, "value expected");
	switch (*ps->p) {
	case '"':
		return parse_string(ps, NULL);
	case '{':
	case '[': {
		char close = *ps->p == '{' ? '}' : ']';
		int is_obj = close == '}';
		if (depth >= MAX_DEPTH)
			return fail(ps, "nesting deeper than 64 levels");
		ps->p++;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == close) {
			ps->p++;
			return 0;
		}
		key_set keys;
		keys.count = keys.cap = 0;
		keys.more = NULL;
		keys.more_n = NULL;
		keys.more_owned = NULL;
		keys.table.slot = NULL;
		keys.table.nslot = 0;
		int rc = -2;
		while (rc == -2) {
			if (is_obj) {
				skip_ws(ps);
				if (ps->p >= ps->end || *ps->p != '"') {
					rc = fail(ps, "object key expected");
					break;
				}
				const char *key = ps->p;
				if (parse_string(ps, NULL) < 0) {
					rc = -1;
					break;
				}
				if (keys_add(&keys, key, (size_t)(ps->p - key))) {
					char what[240];
					snprintf(what, sizeof what, "duplicate key %.*s in a nested object",
						 (int)(ps->p - key > 200 ? 200 : ps->p - key), key);
					ps->p = key;
					rc = fail(ps, what);
					break;
				}
				skip_ws(ps);
				if (ps->p >= ps->end || *ps->p != ':') {
					rc = fail(ps, "':' expected");
					break;
				}
				ps->p++;
			}
			if (skip_value(ps, depth + 1) < 0) {
				rc = -1;
				break;
			}
			skip_ws(ps);
			if (ps->p < ps->end && *ps->p == ',') {
				ps->p++;
				continue;
			}
			if (ps->p < ps->end && *ps->p == close) {
				ps->p++;
				rc = 0;
				break;
			}
			rc = fail(ps, is_obj ? "',' or '}' expected" : "',' or ']' expected");
		}
		keys_free(&keys);
		return rc;
	}
	case 't':
		return parse_literal(ps, "true", 4);
	case 'f':
		return parse_literal(ps, "false", 5);
	case 'n':
		return parse_literal(ps, "null", 4);
	default:
		if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9'))
			return parse_number(ps, NULL);
		return fail(ps, "unexpected character");
	}
}

/* Shape ids are counted for the process, not for each record: a record
 * initialised again, or another at the same address, never repeats an id,
 * so (record, id) alone says the keys are the ones seen (shape_memo.h). */
static unsigned long shape_ids;

static unsigned long new_shape_id(void)
{
	if (!++shape_ids)
		++shape_ids;
	return shape_ids;
}

void kpi_record_init(kpi_record *r)
{
	memset(r, 0, sizeof *r);
	kpi_buf_init(&r->store);
	r->shape_id = new_shape_id(); /* the shape of no keys */
	r->shape_ascii = 1;
}

void kpi_record_free(kpi_record *r)
{
	free(r->f);
	free(r->slot);
	free(r->shape);
	free(r->key_raw);
	kpi_buf_free(&r->prev_line);
	kpi_buf_free(&r->store_prev);
	for (size_t i = 0; i < r->reuse_cap; i++)
		kpi_buf_free(&r->reuse[i].held);
	free(r->reuse);
	free(r->taken);
	kpi_buf_free(&r->shape_raw);
	kpi_buf_free(&r->shape_keys);
	kpi_buf_free(&r->store);
	memset(r, 0, sizeof *r);
}

/* Offsets into store are kept in the pointer fields during parsing. */
#define OFF(x) ((const char *)(uintptr_t)(x))



/* Passes over a nested object or array by bracket matching alone (strings
 * respected), for kpi_record_parse_shallow. */
static int skip_unchecked(parser *ps)
{
	const char *e = kpi_json_value_end(ps->p, ps->end);
	if (e >= ps->end)
		return fail(ps, "unterminated object or array");
	ps->p = e;
	return 0;
}

static int parse_record(parser *ps);
static int parse_shaped(parser *pp, int reuse);

/* Top-level keys (a typed record has 21): each key's tag (length and three
 * of its bytes) marks one bit of 64; only a key whose bit is already set is
 * compared, by tag and then in full, with the keys before it.  The pairwise
 * comparison of every key, or a hash of every key into a table, cost more
 * than the rest of the parse. */
enum { KEYS_TAGGED = 64 };

static uint32_t key_tag(const char *k, size_t n)
{
	if (n == 0)
		return 0;
	const unsigned char *u = (const unsigned char *)k;
	return (uint32_t)n * 0x9E3779B1u ^ ((uint32_t)u[0] | (uint32_t)u[n - 1] << 8 | (uint32_t)u[n >> 1] << 16);
}

static const kpi_field *tagged_duplicate(const kpi_record *r)
{
	uint32_t tag[KEYS_TAGGED];
	uint64_t seen = 0;
	for (size_t i = 0; i < r->n; i++) {
		const kpi_field *f = &r->f[i];
		uint32_t t = key_tag(f->key, f->key_len);
		uint64_t bit = 1ULL << ((t * 0x2545F491u) >> 26);
		tag[i] = t;
		if (seen & bit) {
			for (size_t j = 0; j < i; j++)
				if (tag[j] == t && same_key(f->key, f->key_len, r->f[j].key, r->f[j].key_len))
					return f;
		}
		seen |= bit;
	}
	return NULL;
}

/* Makes R's keys (free of duplicates) the shape: keys 0..FROM-1 are the
 * shape's already; the text of each later key I is r->key_raw[2I] to
 * r->key_raw[2I+1].  R's keys then point into the shape. */
static void keep_shape(kpi_record *r, size_t from)
{
	if (from > r->n)
		from = r->n;
	if (r->shape_cap < r->n) {
		r->shape_cap = r->n;
		r->shape = kpi_xrealloc(r->shape, r->shape_cap * sizeof *r->shape);
	}
	r->shape_raw.len = from ? r->shape[from - 1].raw_off + r->shape[from - 1].raw_len : 0;
	r->shape_keys.len = from ? r->shape[from - 1].key_off + r->shape[from - 1].key_len + 1 : 0;
	for (size_t i = from; i < r->n; i++) {
		struct kpi_shape_key *k = &r->shape[i];
		const char *raw = r->key_raw[2 * i];
		k->raw_off = r->shape_raw.len;
		k->raw_len = (size_t)(r->key_raw[2 * i + 1] - raw);
		kpi_buf_add(&r->shape_raw, raw, k->raw_len);
		k->key_off = r->shape_keys.len;
		k->key_len = r->f[i].key_len;
		kpi_buf_add(&r->shape_keys, r->f[i].key, k->key_len);
		kpi_buf_addc(&r->shape_keys, '\0');
	}
	r->shape_n = r->n;
	r->shape_ascii = 1;
	for (size_t i = 0; i < r->shape_raw.len; i++)
		if ((unsigned char)r->shape_raw.data[i] & 0x80)
			r->shape_ascii = 0;
	for (size_t i = 0; i < r->n; i++) /* the shape's buffer may have moved */
		r->f[i].key = r->shape_keys.data + r->shape[i].key_off;
	r->shape_id = new_shape_id();
}

static const char *field_key_at(const void *keys, size_t i, size_t *n)
{
	const kpi_field *f = &((const kpi_record *)keys)->f[i];
	*n = f->key_len;
	return f->key;
}

/* After a parse through the shape: LINE is kept for the next one to
 * compare with, and where each value lies in it (kpi_record.reuse_prefix). */
static void keep_line(kpi_record *r, const char *line, size_t len)
{
	if (!r->reuse_prefix)
		return;
	r->prev_line.len = 0; /* (where each value lies in it: parse_shaped) */
	kpi_buf_add(&r->prev_line, line, len);
	r->prev_valid = 1;
}

/* Room for N fields in the arrays of reuse_prefix (new ones zero). */
static void reuse_room(kpi_record *r, size_t n)
{
	if (n <= r->reuse_cap)
		return;
	r->reuse = kpi_xrealloc(r->reuse, n * sizeof *r->reuse);
	r->taken = kpi_xrealloc(r->taken, n);
	memset(r->reuse + r->reuse_cap, 0, (n - r->reuse_cap) * sizeof *r->reuse);
	memset(r->taken + r->reuse_cap, 0, n - r->reuse_cap);
	r->reuse_cap = n;
}

/* Field I, taken from the line before, a string still in that parse's
 * store (r->store_prev): copied to held[I], where it stays while the field
 * is taken line after line. */
static void hold(kpi_record *r, size_t i)
{
	kpi_field *g = &r->f[i];
	kpi_buf *h = &r->reuse[i].held;
	h->len = 0;
	kpi_buf_add(h, g->str, g->str_len);
	g->str = h->data;
	r->reuse[i].is_held = 1;
}

int kpi_record_parse(kpi_record *r, const char *line, size_t len, char *err, size_t errsz)
{
	parser ps = {line, line, line + len, r, err, errsz, 0, 0, 0, 0};
	/* A record of the shape's keys is read first: when every byte of its
	 * strings was seen (copy_plain) to be ASCII, as were the keys, the line
	 * is ASCII and so valid UTF-8, and is not checked again (the check was
	 * a twentieth of kpi-trend's instructions).  Else the order is the
	 * check, then the parse, as the messages expect.  The fields taken from
	 * the line before (reuse_prefix) are bytes of a line that was valid,
	 * ending before an ASCII comma: valid UTF-8 whatever the rest is. */
	int reuse = r->prev_valid;
	r->prev_valid = 0;
	r->same_fields = 0;
	r->n = 0;
	if (parse_shaped(&ps, reuse)) {
		if ((!(ps.seen_high & 0x80) && !ps.unseen && r->shape_ascii) ||
		    kpi_utf8_check_msg(line, len, err, errsz) == 0) {
			keep_line(r, line, len);
			return 0;
		}
		r->n = 0;
		r->same_fields = 0;
		kpi_buf_clear(&r->store);
		return -1;
	}
	r->same_fields = 0;
	r->n = 0;
	kpi_buf_clear(&r->store);
	if (kpi_utf8_check_msg(line, len, err, errsz) != 0) {
		r->n = 0;
		kpi_buf_clear(&r->store);
		return -1;
	}
	ps.shaped_tried = 1;
	int rc = parse_record(&ps);
	if (rc == 0 && r->reuse_prefix) { /* nothing taken */
		reuse_room(r, r->n);
		memset(r->taken, 0, r->n);
	}
	return rc;
}

int kpi_record_parse_shallow(kpi_record *r, const char *line, size_t len, char *err, size_t errsz)
{
	parser ps = {line, line, line + len, r, err, errsz, 1, 0, 0, 0};
	r->prev_valid = 0; /* a shallow parse vouches for less than a strict one */
	r->same_fields = 0;
	return parse_record(&ps);
}

/* A plain JSON number at ps->p: an optional '-', at most 15 digits with an
 * optional fraction, no exponent, read as parse_number reads it (the same
 * digits into M, the same one division).  0 with ps->p moved past it, or -1
 * (ps->p unmoved) for any other number, which parse_number then reads. */
static inline __attribute__((always_inline)) int plain_number(parser *ps, double *num)
{
	const char *p = ps->p, *end = ps->end;
	int neg = 0, ndigits = 0, nfrac = 0;
	uint64_t m = 0;
	if (p < end && *p == '-')
		p++, neg = 1;
	if (p < end && *p == '0') {
		p++;
		ndigits = 1;
	} else if (p < end && *p >= '1' && *p <= '9') {
		while (p < end && *p >= '0' && *p <= '9' && ndigits < 16)
			m = m * 10 + (uint64_t)(*p++ - '0'), ndigits++;
	} else {
		return -1;
	}
	if (p < end && *p == '.') {
		p++;
		if (p >= end || *p < '0' || *p > '9')
			return -1;
		while (p < end && *p >= '0' && *p <= '9' && ndigits < 16)
			m = m * 10 + (uint64_t)(*p++ - '0'), ndigits++, nfrac++;
	}
	if (ndigits > 15 || (p < end && ((*p >= '0' && *p <= '9') || *p == 'e' || *p == 'E')))
		return -1;
	/* (a count, numerator or denominator: no division, whose latency
	 * took 8% of kpi-trend's samples in the parse) */
	double v = nfrac ? (double)m / exact_pow10[nfrac] : (double)m;
	*num = neg ? -v : v;
	ps->p = p;
	return 0;
}

/* The length of the longest common prefix of A[0..n) and B[0..n). */
static size_t common_prefix(const char *a, const char *b, size_t n)
{
	size_t i = 0;
#if defined(__SSE2__) && defined(__GNUC__)
	while (n - i >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(a + i)),
			y = _mm_loadu_si128((const __m128i *)(const void *)(b + i));
		unsigned differ = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, y)) ^ 0xFFFFu;
		if (differ)
			return i + (size_t)__builtin_ctz(differ);
		i += 16;
	}
#endif
	while (i < n && a[i] == b[i])
		i++;
	return i;
}

/* A record whose keys are the shape's, in order, written without spaces
 * (every record a kpi tool writes): the keys are matched against the
 * shape's text and the values read in one tight loop; the keys are known
 * free of duplicates.  1 when the whole line was read so; 0 at the first
 * thing that differs (another key, a space, a bad value, ...), and the
 * caller parses the line in full, which gives the same fields or the error.
 * REUSE: r->prev_line, r->f and r->store hold the last line read so (its
 * strings in the store in field order): the fields of this line whose
 * text, and the comma after it, lie in the bytes the two lines share from
 * their start are that parse's, moved to this line (a series' records
 * repeat their first hundred bytes or more, the catalogue's fields). */
static int parse_shaped(parser *pp, int reuse)
{
	/* p and end in locals (registers); ps only for the calls out, which
	 * take its address */
	parser ps = *pp;
	const char *p = ps.p, *end = ps.end;
	kpi_record *r = ps.r;
	size_t n = r->shape_n;
	if (p >= end || *p != '{')
		return 0;
	p++;
	if (r->cap < n) {
		r->cap = n;
		r->f = kpi_xrealloc(r->f, r->cap * sizeof *r->f);
	}
	size_t same = 0; /* the fields taken from the line before in the bytes both start with */
	unsigned char *taken = NULL;
	if (r->reuse_prefix) {
		reuse_room(r, n);
		taken = r->taken;
		if (!reuse) /* the strings are all read into the store */
			for (size_t k = 0; k < n; k++)
				r->reuse[k].is_held = 0;
	}
	const char *prev = r->prev_line.data;
	unsigned tick = reuse ? ++r->reuse_tick : 0;
	if (reuse) {
		/* the last parse's strings stay readable in store_prev while
		 * this one writes its own: a taken one is copied from there */
		kpi_buf t = r->store;
		r->store = r->store_prev;
		r->store_prev = t;
		size_t plen = r->prev_line.len, len = (size_t)(end - ps.s);
		size_t shared = common_prefix(ps.s, prev, len < plen ? len : plen);
		for (; same < n; same++) {
			kpi_field *g = &r->f[same];
			size_t at = (size_t)(p - ps.s) + r->shape[same].raw_len + g->raw_len; /* its ',' or '}' */
			if (at >= shared)
				break;
			g->raw = p + r->shape[same].raw_len;
			if (g->type == KPI_JT_STRING && !r->reuse[same].is_held)
				hold(r, same);
			taken[same] = 1;
			r->reuse[same].miss = 0;
			p = ps.s + at + 1;
		}
	}
	/* the decoded strings are never longer than the line; copy_plain
	 * writes up to 16 bytes past what it keeps */
	r->store.len = 0;
	kpi_buf_reserve(&r->store, (size_t)(end - ps.s) + 32);
	r->store.data[0] = '\0';
	const char *store = r->store.data; /* so it does not move: strings point into it at once */
	const char *shape_raw = r->shape_raw.data, *shape_keys = r->shape_keys.data;
	kpi_field *f = r->f + same;
	const char *qp = prev + (p - ps.s); /* the line before, where p is in this one */
	unsigned char seen = 0; /* the bytes copy_plain saw, or'd (a register, not ps's) */
	for (size_t i = same; i < n; i++, f++) {
		const struct kpi_shape_key *sk = &r->shape[i];
		if (reuse) {
			struct kpi_reuse_field *rf = &r->reuse[i];
			/* the key, the value and its ',' or '}' as the line
			 * before has them here: that parse's field (key,
			 * type, number and string are those of this text).  A
			 * field that differs line after line (a value, a
			 * period) is compared on one line in 16 only. */
			size_t len = sk->raw_len + f->raw_len + 1;
			const char *q = qp;
			qp += len;
			if (rf->miss < 2 || !(tick & 15)) {
				if ((size_t)(end - p) >= len && p[len - 2] == q[len - 2] && p[len - 1] == q[len - 1] &&
				    kpi_same_bytes(p, q, len)) {
					f->raw = p + sk->raw_len;
					if (f->type == KPI_JT_STRING && !rf->is_held)
						hold(r, i);
					taken[i] = 1;
					rf->miss = 0;
					p += len;
					continue;
				}
				rf->miss += rf->miss < 2;
			}
			rf->is_held = 0;
		}
		if ((size_t)(end - p) <= sk->raw_len || !kpi_same_bytes(p, shape_raw + sk->raw_off, sk->raw_len))
			return 0;
		p += sk->raw_len;
		if (taken)
			taken[i] = 0;
		f->key = shape_keys + sk->key_off;
		f->key_len = sk->key_len;
		f->raw = p;
		f->str = NULL;
		f->str_len = 0;
		f->num = 0;
		char c = *p;
		if (c == '"') {
			size_t soff = r->store.len;
			ps.p = p + 1;
			copy_plain(&ps, &r->store, &seen);
			if (ps.p < end && *ps.p == '"') {
				ps.p++;
				r->store.data[++r->store.len] = '\0';
			} else if (ps.unseen = 1, parse_string_rest(&ps, &r->store) < 0) {
				return 0;
			}
			p = ps.p;
			f->type = KPI_JT_STRING;
			f->str = store + soff;
			f->str_len = r->store.len - soff - 1;
		} else if ((c >= '0' && c <= '9') || c == '-') {
			ps.p = p;
			if (plain_number(&ps, &f->num) < 0 && parse_number(&ps, &f->num) < 0)
				return 0;
			p = ps.p;
			f->type = KPI_JT_NUMBER;
		} else {
			ps.p = p;
			switch (c) {
			case 'n':
				if (parse_literal(&ps, "null", 4) < 0)
					return 0;
				f->type = KPI_JT_NULL;
				break;
			case 't':
				if (parse_literal(&ps, "true", 4) < 0)
					return 0;
				f->type = KPI_JT_TRUE;
				break;
			case 'f':
				if (parse_literal(&ps, "false", 5) < 0)
					return 0;
				f->type = KPI_JT_FALSE;
				break;
			case '{': case '[':
				f->type = c == '{' ? KPI_JT_OBJECT : KPI_JT_ARRAY;
				ps.unseen = 1;
				if ((ps.shallow ? skip_unchecked(&ps) : skip_value(&ps, 1)) < 0)
					return 0;
				break;
			default:
				return 0;
			}
			p = ps.p;
		}
		f->raw_len = (size_t)(p - f->raw);
		if (p >= end || *p != (i + 1 < n ? ',' : '}'))
			return 0;
		p++;
	}
	if (!n) { /* "{}" */
		if (p >= end || *p != '}')
			return 0;
		p++;
	}
	if (p != end || r->store.data != store)
		return 0;
	r->n = n;
	r->same_fields = same;
	pp->seen_high = ps.seen_high | seen;
	pp->unseen = ps.unseen;
	return 1;
}

/* The object of a line, into ps->r. */
static int parse_record(parser *pp)
{
	parser ps = *pp;
	kpi_record *r = ps.r;
	char *err = ps.err;
	size_t errsz = ps.errsz;
	r->n = 0;
	kpi_buf_clear(&r->store);
	if (!ps.shaped_tried && parse_shaped(&ps, 0))
		return 0;
	r->n = 0;
	kpi_buf_clear(&r->store);
	size_t miss = SIZE_MAX; /* the first field whose key is not the shape's */
	skip_ws(&ps);
	if (ps.p >= ps.end || *ps.p != '{')
		return fail(&ps, "a JSON object expected");
	ps.p++;
	skip_ws(&ps);
	if (ps.p < ps.end && *ps.p == '}') {
		ps.p++;
	} else {
		for (;;) {
			skip_ws(&ps);
			if (ps.p >= ps.end || *ps.p != '"')
				return fail(&ps, "object key expected");
			if (r->n == r->cap) {
				r->cap = r->cap ? r->cap * 2 : 16;
				r->f = realloc(r->f, r->cap * sizeof *r->f);
				if (!r->f)
					return fail(&ps, "out of memory");
			}
			kpi_field *f = &r->f[r->n];
			memset(f, 0, sizeof *f);
			const struct kpi_shape_key *sk = r->n < miss && r->n < r->shape_n ? &r->shape[r->n] : NULL;
			if (sk && (size_t)(ps.end - ps.p) >= sk->raw_len &&
			    kpi_same_bytes(ps.p, r->shape_raw.data + sk->raw_off, sk->raw_len)) {
				/* the shape's key: the same text reads the same, '"' to ':' */
				f->key = r->shape_keys.data + sk->key_off;
				f->key_len = sk->key_len;
				ps.p += sk->raw_len;
			} else {
				if (miss == SIZE_MAX)
					miss = r->n;
				if (2 * r->n + 2 > r->key_raw_cap) {
					r->key_raw_cap = 2 * r->cap;
					r->key_raw = kpi_xrealloc(r->key_raw, r->key_raw_cap * sizeof *r->key_raw);
				}
				r->key_raw[2 * r->n] = ps.p;
				size_t koff = r->store.len;
				if (parse_string(&ps, &r->store) < 0)
					return -1;
				f->key = OFF(koff);
				f->key_len = r->store.len - koff - 1;
				skip_ws(&ps);
				if (ps.p >= ps.end || *ps.p != ':')
					return fail(&ps, "':' expected");
				ps.p++;
				r->key_raw[2 * r->n + 1] = ps.p;
			}
			skip_ws(&ps);
			f->raw = ps.p;
			if (ps.p >= ps.end)
				return fail(&ps, "value expected");
			char c = *ps.p;
			if (c == '"') {
				size_t soff = r->store.len;
				if (parse_string(&ps, &r->store) < 0)
					return -1;
				f->type = KPI_JT_STRING;
				f->str = OFF(soff);
				f->str_len = r->store.len - soff - 1;
			} else if (c == '{' || c == '[') {
				if ((ps.shallow ? skip_unchecked(&ps) : skip_value(&ps, 1)) < 0)
					return -1;
				f->type = c == '{' ? KPI_JT_OBJECT : KPI_JT_ARRAY;
			} else if (c == 't') {
				if (parse_literal(&ps, "true", 4) < 0)
					return -1;
				f->type = KPI_JT_TRUE;
			} else if (c == 'f') {
				if (parse_literal(&ps, "false", 5) < 0)
					return -1;
				f->type = KPI_JT_FALSE;
			} else if (c == 'n') {
				if (parse_literal(&ps, "null", 4) < 0)
					return -1;
				f->type = KPI_JT_NULL;
			} else if (c == '-' || (c >= '0' && c <= '9')) {
				if (parse_number(&ps, &f->num) < 0)
					return -1;
				f->type = KPI_JT_NUMBER;
			} else {
				return fail(&ps, "unexpected character");
			}
			f->raw_len = (size_t)(ps.p - f->raw);
			r->n++;
			skip_ws(&ps);
			if (ps.p < ps.end && *ps.p == ',') {
				ps.p++;
				continue;
			}
			if (ps.p < ps.end && *ps.p == '}') {
				ps.p++;
				break;
			}
			return fail(&ps, "',' or '}' expected");
		}
	}
	skip_ws(&ps);
	if (ps.p != ps.end)
		return fail(&ps, "text after the object");
	/* offsets -> pointers (the keys from the shape point into it) */
	for (size_t i = 0; i < r->n; i++) {
		kpi_field *f = &r->f[i];
		if (i >= miss)
			f->key = r->store.data + (uintptr_t)f->key;
		if (f->type == KPI_JT_STRING)
			f->str = r->store.data + (uintptr_t)f->str;
	}
	/* duplicate keys: none when the keys are the shape's (or the first of
	 * them), else compared through tags while few, else through a table */
	const kpi_field *dup = NULL;
	if (miss == SIZE_MAX) {
		if (r->n != r->shape_n)
			keep_shape(r, r->n);
	} else if (r->n <= KEYS_TAGGED) {
		dup = tagged_duplicate(r);
	} else {
		key_table t = {r->slot, r->nslot};
		table_fill(&t, r, field_key_at, 0, r->n);
		for (size_t i = 0; i < r->n && !dup; i++)
			if (table_add(&t, r, field_key_at, i))
				dup = &r->f[i];
		r->slot = t.slot;
		r->nslot = t.nslot;
	}
	if (!dup && miss != SIZE_MAX)
		keep_shape(r, miss);
	if (dup) {
		snprintf(err, errsz, "duplicate key \"%.*s\"", (int)(dup->key_len > 200 ? 200 : dup->key_len), dup->key);
		return -1;
	}
	return 0;
}

const kpi_field *kpi_record_get(const kpi_record *r, const char *key)
{
	if (!r)
		return NULL;
	size_t n = strlen(key);
	for (size_t i = 0; i < r->n; i++)
		if (r->f[i].key_len == n && memcmp(r->f[i].key, key, n) == 0)
			return &r->f[i];
	return NULL;
}

int kpi_json_string_decode(const char *raw, size_t len, kpi_buf *out)
{
	char err[8];
	parser ps = {raw, raw, raw + len, NULL, err, sizeof err, 0, 0, 0, 0};
	if (!len || raw[0] != '"' || parse_string(&ps, out) < 0 || ps.p != ps.end)
		return -1;
	out->len--; /* parse_string ends each string with a NUL of its own */
	return 0;
}

const char *kpi_record_str(const kpi_record *r, const char *key)
{
	const kpi_field *f = kpi_record_get(r, key);
	return f && f->type == KPI_JT_STRING ? f->str : NULL;
}
