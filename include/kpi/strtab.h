/* strtab.h: interned byte strings.  Each distinct string is stored once in
 * one arena and named by a small integer id (1, 2, ...): kpi-trend's
 * per-observation store holds 4-byte ids instead of pointers or copies, and
 * kpi-ingest names thousands of columns without comparing each with all. */
#ifndef KPI_STRTAB_H
#define KPI_STRTAB_H
#include <stddef.h>
#include <stdint.h>
#include "kpi/buf.h"

typedef struct {
	kpi_buf text;      /* entries: 4-byte length, the bytes, a NUL */
	size_t *off;       /* off[id]: where entry id starts in text (id 0 unused) */
	uint32_t n;        /* ids in use, plus the unused 0 */
	uint32_t cap;
	/* open addressing: 0 empty, else an id in the low 32 bits and its
	 * hash in the high: a probe compares the text only when the hashes
	 * agree (each compare was a cache miss or two: a table of a million
	 * texts spent most of its time in them) */
	uint64_t *slot;
	size_t nslot;
	size_t nindexed;   /* ids in slot (kpi_strtab_push adds none) */
} kpi_strtab;

void kpi_strtab_init(kpi_strtab *t);
void kpi_strtab_free(kpi_strtab *t);
/* The id of S[0..n), adding it when new. */
uint32_t kpi_strtab_add(kpi_strtab *t, const char *s, size_t n);
/* A new id for S[0..n), not looked up and not found by later lookups: for
 * a text that will not repeat (the lookup of a new text in a large table
 * is a cache miss or two; the copy is not).  A text pushed may also be
 * added: the two ids then name equal texts. */
uint32_t kpi_strtab_push(kpi_strtab *t, const char *s, size_t n);
/* The id of S[0..n), or 0 when it has not been added. */
uint32_t kpi_strtab_find(const kpi_strtab *t, const char *s, size_t n);
/* The table's hash of S[0..n) (also for other tables of byte strings). */
uint32_t kpi_hash_bytes(const char *s, size_t n);
/* The bytes of ID (NUL-terminated) and their length. */
const char *kpi_strtab_str(const kpi_strtab *t, uint32_t id, size_t *len);

#endif
