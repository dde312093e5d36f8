/* bytes.h: the comparison of short byte strings, inline. */
#ifndef KPI_BYTES_H
#define KPI_BYTES_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A[0..n) == B[0..n), reading no byte outside them.  Below 24 bytes (the
 * keys of a record) in at most three word comparisons: a call to memcmp
 * cost more than the comparison. */
static inline int kpi_same_bytes(const char *a, const char *b, size_t n)
{
	uint64_t x, y, x2, y2;
	if (n >= 24)
		return memcmp(a, b, n) == 0;
	if (n >= 8) {
		memcpy(&x, a, 8), memcpy(&y, b, 8);
		memcpy(&x2, a + n - 8, 8), memcpy(&y2, b + n - 8, 8);
		if (x != y || x2 != y2)
			return 0;
		if (n <= 16)
			return 1;
		memcpy(&x, a + 8, 8), memcpy(&y, b + 8, 8);
		return x == y;
	}
	if (n >= 4) {
		uint32_t u, v, u2, v2;
		memcpy(&u, a, 4), memcpy(&v, b, 4);
		memcpy(&u2, a + n - 4, 4), memcpy(&v2, b + n - 4, 4);
		return u == v && u2 == v2;
	}
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* D[0..n) = S[0..n) for N up to 16, in at most two moves that may
 * overlap (no call, no loop: the end of a string). */
static inline void kpi_copy_short(void *d, const void *s, size_t n)
{
	unsigned char *o = d;
	const unsigned char *p = s;
	if (n >= 8) {
		uint64_t a, b;
		memcpy(&a, p, 8), memcpy(&b, p + n - 8, 8);
		memcpy(o, &a, 8), memcpy(o + n - 8, &b, 8);
	} else if (n >= 4) {
		uint32_t a, b;
		memcpy(&a, p, 4), memcpy(&b, p + n - 4, 4);
		memcpy(o, &a, 4), memcpy(o + n - 4, &b, 4);
	} else if (n) {
		unsigned char a = p[0], b = p[n >> 1], c = p[n - 1];
		o[0] = a, o[n >> 1] = b, o[n - 1] = c;
	}
}

#endif
