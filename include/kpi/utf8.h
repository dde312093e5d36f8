/* utf8.h: UTF-8 validation (RFC 3629: no overlongs, no surrogates, <= U+10FFFF). */
#ifndef KPI_UTF8_H
#define KPI_UTF8_H
#include <stddef.h>

/* Returns n when s[0..n) is valid UTF-8, else the offset of the first bad byte. */
size_t kpi_utf8_check(const char *s, size_t n);
/* 0 when s[0..n) is valid UTF-8; else -1 with every tool's message in MSG:
 * "invalid UTF-8 (byte 0xFF at column 6)" (columns count bytes from 1). */
int kpi_utf8_check_msg(const char *s, size_t n, char *msg, size_t msgsz);

#endif
