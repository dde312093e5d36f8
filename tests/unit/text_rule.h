/* text_rule.h: the rule of kpi/text.h written out byte by byte, with no fast
 * path: the oracle of lib/text.c for its unit test and its fuzz harness. */
#ifndef KPI_TEST_TEXT_RULE_H
#define KPI_TEST_TEXT_RULE_H
#include "kpi/utf8.h"
#include <stddef.h>

/* N when S[0..n) is good text (valid UTF-8, no control character but TAB,
 * LF and CR), else the offset of the first bad byte. */
static inline size_t text_rule_check(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned c = s[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
			return i;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c == 0xC2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F)
			return i;
		size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
		if (kpi_utf8_check((const char *)s + i, n - i) == 0 || i + len > n)
			return i;
		i += len;
	}
	return n;
}

#endif
