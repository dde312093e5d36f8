/* record_walk.c: the nested values of a parsed record.  kpi_record_parse
 * validates a whole line once and keeps nested objects and arrays as raw
 * text; a tool parses only the ones it reads, when it reads them.  That is
 * what makes kpi-flag and kpi-render several times cheaper than building a
 * jansson tree of every record. */
#include "kpi/record.h"
#include "kpi/record_keys.h"
#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

int kpi_record_num(const kpi_record *r, const char *key, double *v)
{
	const kpi_field *f = r ? kpi_record_get(r, key) : NULL;
	if (!f || f->type != KPI_JT_NUMBER)
		return 0;
	*v = f->num;
	return 1;
}

int kpi_record_decimals(const kpi_record *r)
{
	double d;
	if (kpi_record_num(r, "decimals", &d))
		return d >= 0 && d <= 6 && d == (int)d ? (int)d : -1;
	const char *dp = kpi_record_str(r, "indicator_dp");
	if (dp && dp[0] >= '0' && dp[0] <= '6' && !dp[1])
		return dp[0] - '0';
	return -1;
}

kpi_jtype kpi_record_type(const kpi_record *r, const char *key)
{
	const kpi_field *f = r ? kpi_record_get(r, key) : NULL;
	return f ? f->type : KPI_JT_NULL;
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Whether the array or object RAW[0..len) has anything between its brackets. */
static int has_members(const char *raw, size_t len)
{
	for (size_t i = 1; i + 1 < len; i++)
		if (!is_ws(raw[i]))
			return 1;
	return 0;
}

int kpi_record_truthy(const kpi_record *r, const char *key)
{
	const kpi_field *f = r ? kpi_record_get(r, key) : NULL;
	if (!f)
		return 0;
	switch (f->type) {
	case KPI_JT_NULL:
	case KPI_JT_FALSE: return 0;
	case KPI_JT_TRUE: return 1;
	case KPI_JT_NUMBER: return f->num != 0;
	case KPI_JT_STRING: return f->str_len > 0;
	case KPI_JT_ARRAY:
	case KPI_JT_OBJECT: return has_members(f->raw, f->raw_len);
	}
	return 0;
}

const kpi_record *kpi_record_parse_object(kpi_record *into, const char *raw, size_t len)
{
	char err[8];
	if (!raw || !len || raw[0] != '{')
		return NULL;
	return kpi_record_parse(into, raw, len, err, sizeof err) == 0 ? into : NULL;
}

const kpi_record *kpi_record_object(kpi_record *into, const kpi_record *r, const char *key)
{
	const kpi_field *f = r ? kpi_record_get(r, key) : NULL;
	return f && f->type == KPI_JT_OBJECT ? kpi_record_parse_object(into, f->raw, f->raw_len) : NULL;
}

int kpi_elems_start(kpi_elems *it, const kpi_record *r, const char *key)
{
	return kpi_elems_of(it, r ? kpi_record_get(r, key) : NULL);
}

/* The scan stops only at a string, a bracket or a comma; everything else
 * is passed over. */
enum { EL_OTHER, EL_QUOTE, EL_OPEN, EL_CLOSE, EL_COMMA };
static const unsigned char elem_class[256] = {
	['"'] = EL_QUOTE, ['{'] = EL_OPEN, ['['] = EL_OPEN,
	['}'] = EL_CLOSE, [']'] = EL_CLOSE, [','] = EL_COMMA,
};

/* Where the scan is between two bytes: inside a string or not, after a
 * backslash inside one (the next byte is passed over), and the depth. */
typedef struct {
	int depth, in_string, escaped;
} value_scan;

/* One byte C at S of the scan: S when the value ends there, else NULL. */
static inline const char *scan_byte(value_scan *v, const char *s, unsigned char c)
{
	if (v->in_string) {
		if (v->escaped)
			v->escaped = 0;
		else if (c == '\\')
			v->escaped = 1;
		else if (c == '"')
			v->in_string = 0;
		return NULL;
	}
	switch (elem_class[c]) {
	case EL_OTHER: break;
	case EL_QUOTE: v->in_string = 1; break;
	case EL_OPEN: v->depth++; break;
	case EL_CLOSE:
		if (v->depth-- == 0)
			return s;
		break;
	case EL_COMMA:
		if (v->depth == 0)
			return s;
		break;
	}
	return NULL;
}

/* Sixteen bytes at a time with SSE2 (every x86-64): only the bytes that can
 * change the scan (quotes, backslashes, brackets, commas) are looked at
 * one by one; in a history point that is a third of them, and the byte
 * loop was 700 instructions a point, a tenth of kpi-render's. */
const char *kpi_json_value_end(const char *s, const char *end)
{
	value_scan v = {0, 0, 0};
#if defined(__SSE2__) && defined(__GNUC__)
	unsigned carry = 0; /* 1: the next chunk's first byte is escaped */
	const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'), comma = _mm_set1_epi8(','),
		      lower = _mm_set1_epi8(0x20), open = _mm_set1_epi8('{'), close = _mm_set1_epi8('}');
	while (end - s >= 16) {
		__m128i c = _mm_loadu_si128((const __m128i *)(const void *)s);
		/* '[' and ']' are '{' and '}' without the 0x20 bit; no other
		 * byte becomes either with it */
		__m128i folded = _mm_or_si128(c, lower);
		__m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(c, quote), _mm_cmpeq_epi8(c, bslash)),
					   _mm_or_si128(_mm_cmpeq_epi8(c, comma),
							_mm_or_si128(_mm_cmpeq_epi8(folded, open),
								     _mm_cmpeq_epi8(folded, close))));
		unsigned mask = (unsigned)_mm_movemask_epi8(hit) & ~carry;
		carry = 0;
		while (mask) {
			unsigned k = (unsigned)__builtin_ctz(mask);
			mask &= mask - 1;
			if (v.in_string && s[k] == '\\') {
				/* the byte after it is passed over, whatever it is */
				if (k == 15)
					carry = 1;
				else
					mask &= ~(1u << (k + 1));
				continue;
			}
			const char *at = scan_byte(&v, s + k, (unsigned char)s[k]);
			if (at)
				return at;
		}
		s += 16;
	}
	v.escaped = (int)carry;
#endif
	for (; s < end; s++) {
		const char *at = scan_byte(&v, s, (unsigned char)*s);
		if (at)
			return at;
	}
	return end;
}

/* The raw text is valid JSON (the line was parsed), so an element ends where
 * kpi_json_value_end says. */
int kpi_elems_next(kpi_elems *it, const char **e, size_t *n)
{
	const char *s = it->p, *end = it->end;
	while (s < end && (is_ws(*s) || *s == ','))
		s++;
	if (s >= end)
		return 0;
	const char *start = s;
	s = kpi_json_value_end(s, end);
	const char *stop = s;
	while (stop > start && is_ws(stop[-1]))
		stop--;
	*e = start;
	*n = (size_t)(stop - start);
	it->p = s;
	return 1;
}

size_t kpi_elems_count(const kpi_record *r, const char *key)
{
	return kpi_elems_count_of(r ? kpi_record_get(r, key) : NULL);
}
