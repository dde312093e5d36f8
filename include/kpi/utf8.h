/* utf8.h: UTF-8 validation (RFC 3629: no overlongs, no surrogates, <= U+10FFFF). */
#ifndef KPI_UTF8_H
#define KPI_UTF8_H
#include <stddef.h>

/* Returns n when s[0..n) is valid UTF-8, else the offset of the first bad byte. */
size_t kpi_utf8_check(const char *s, size_t n);

#endif
