/* utf8.c: UTF-8 validation with an ASCII fast path. */
#include "kpi/utf8.h"
#include <stdio.h>
#include <stdint.h>
#include <string.h>

size_t kpi_utf8_check(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		/* ASCII runs, 32 then eight bytes at a time (a record is
		 * nearly always ASCII throughout) */
		while (i + 32 <= n) {
			uint64_t w[4];
			memcpy(w, s + i, 32);
			if ((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080ULL)
				break;
			i += 32;
		}
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		unsigned c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t need;
		unsigned lo = 0x80, hi = 0xBF;
		if (c >= 0xC2 && c <= 0xDF)
			need = 1;
		else if (c == 0xE0) {
			need = 2;
			lo = 0xA0;
		} else if (c >= 0xE1 && c <= 0xEC)
			need = 2;
		else if (c == 0xED) {
			need = 2;
			hi = 0x9F; /* no surrogates */
		} else if (c >= 0xEE && c <= 0xEF)
			need = 2;
		else if (c == 0xF0) {
			need = 3;
			lo = 0x90;
		} else if (c >= 0xF1 && c <= 0xF3)
			need = 3;
		else if (c == 0xF4) {
			need = 3;
			hi = 0x8F;
		} else
			return i;
		if (i + need >= n) /* truncated sequence */
			return i;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return i;
		for (size_t k = 2; k <= need; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xBF)
				return i;
		i += need + 1;
	}
	return n;
}

int kpi_utf8_check_msg(const char *s, size_t n, char *msg, size_t msgsz)
{
	size_t bad = kpi_utf8_check(s, n);
	if (bad == n)
		return 0;
	snprintf(msg, msgsz, "invalid UTF-8 (byte 0x%02X at column %zu)", (unsigned char)s[bad], bad + 1);
	return -1;
}
