/* strtab.h: interned byte strings for kpi-trend.  Each distinct string is
 * stored once in one arena and named by a small integer id (1, 2, ...), so the
 * per-observation store holds 4-byte ids instead of pointers or copies. */
#ifndef TREND_STRTAB_H
#define TREND_STRTAB_H
#include <stddef.h>
#include <stdint.h>
#include "kpi/buf.h"

typedef struct {
	kpi_buf text;      /* entries: 4-byte length, the bytes, a NUL */
	size_t *off;       /* off[id]: where entry id starts in text (id 0 unused) */
	uint32_t n;        /* ids in use, plus the unused 0 */
	uint32_t cap;
	uint32_t *slot;    /* open addressing: 0 empty, else an id */
	size_t nslot;
} strtab;

void strtab_init(strtab *t);
void strtab_free(strtab *t);
/* The id of S[0..n), adding it when new. */
uint32_t strtab_add(strtab *t, const char *s, size_t n);
/* The bytes of ID (NUL-terminated) and their length. */
const char *strtab_str(const strtab *t, uint32_t id, size_t *len);

#endif
