/* record_scan.c: the record parser's out-of-line token readers: the rest
 * of a string that is not plain (escapes, \u sequences and surrogate
 * pairs, the errors), and a JSON number of any form (Clinger's fast path,
 * else strtod, with the range check).  The plain cases are inline in
 * record_scan.h. */
#include "record_scan.h"
#include <errno.h>
#include <stdlib.h>

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

/* The rest of a string from ps->p, inside it: escapes, errors, and the
 * whole of a string that is only checked (OUT NULL). */
int kpi_rec_parse_string_rest(parser *ps, kpi_buf *out)
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

int kpi_rec_parse_number(parser *ps, double *num)
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
