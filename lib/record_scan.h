/* record_scan.h: the JSON tokens of the record parser (private to lib/:
 * record.c, record_scan.c, record_nested.c and record_shape.c).  The
 * parser's state, and the readers of strings, numbers and literals that the
 * parse of every line runs through, inline here: they were inlined into
 * the loops that call them when all of the parser was one file, and a call
 * per string or number would cost the hot path (record_scan.c has the
 * rarer rest: escapes, long numbers). */
#ifndef KPI_RECORD_SCAN_H
#define KPI_RECORD_SCAN_H
#include "kpi/record.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "kpi/bytes.h"
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

typedef struct {
	const char *s, *p, *end;
	kpi_record *r;
	char *err;
	size_t errsz;
	int shallow;      /* nested values passed over, not validated */
	/* kpi_rec_parse_shaped: the bytes of its strings that copy_plain saw, or'd
	 * (bit 7 set: a byte that is not ASCII), and whether a string or value
	 * was read another way (escapes, nesting), which it cannot vouch for */
	unsigned char seen_high;
	unsigned char unseen;
	unsigned char shaped_tried; /* parse_record: kpi_rec_parse_shaped failed already */
} parser;

static inline int fail(parser *ps, const char *what)
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

/* The rest of a string from ps->p, inside it (record_scan.c). */
int kpi_rec_parse_string_rest(parser *ps, kpi_buf *out);

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
	return kpi_rec_parse_string_rest(ps, out);
}

static const double exact_pow10[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/* A JSON number at ps->p (record_scan.c); NUM NULL: only validated. */
int kpi_rec_parse_number(parser *ps, double *num);

/* (inline: with N known, the comparison is one load, not a call) */
static inline __attribute__((always_inline)) int parse_literal(parser *ps, const char *word, size_t n)
{
	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return fail(ps, "unexpected character");
	ps->p += n;
	return 0;
}

/* A plain JSON number at ps->p: an optional '-', at most 15 digits with an
 * optional fraction, no exponent, read as kpi_rec_parse_number reads it (the same
 * digits into M, the same one division).  0 with ps->p moved past it, or -1
 * (ps->p unmoved) for any other number, which kpi_rec_parse_number then reads. */
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

/* Validates any value (nested ones included), decoding nothing (record_nested.c). */
int kpi_rec_skip_value(parser *ps, int depth);

/* Passes over a nested object or array by bracket matching alone (strings
 * respected), for kpi_record_parse_shallow. */
static inline int skip_unchecked(parser *ps)
{
	const char *e = kpi_json_value_end(ps->p, ps->end);
	if (e >= ps->end)
		return fail(ps, "unterminated object or array");
	ps->p = e;
	return 0;
}

#endif
