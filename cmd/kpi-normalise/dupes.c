/* dupes.c: a compact open-addressing set of observation keys. */
#define _DEFAULT_SOURCE /* MADV_HUGEPAGE (Linux); without it the table is in ordinary pages */
#include "dupes.h"
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

typedef struct {
	uint64_t key;       /* 0 marks an empty slot (a real 0 key is stored as 1) */
	uint32_t value_hash;
	uint32_t line;
	uint16_t file;      /* interned source file name, NO_NAME if unknown */
	uint16_t column;    /* interned column text after the line, NO_NAME if none */
	uint16_t num_hash, den_hash; /* the numerator and denominator, 0 if not given */
} slot;

#define NO_NAME 0xFFFF

struct dupes {
	slot *slot;
	size_t nslot, used;
	/* interned names: file names and wide-row columns are few */
	char **name;
	size_t nname, capname;
	uint64_t *name_hash;
	size_t last, last_len;  /* the name interned last (the next record's file, nearly always) */
};

/* Eight bytes at a time, each word multiplied in and its high half folded
 * down (byte-wise FNV was a twentieth of kpi-normalise's instructions); the
 * length goes in first, so "ab" then "c" differs from "a" then "bc". */
uint64_t dupes_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	h = (h ^ (uint64_t)n) * 0x9E3779B97F4A7C15ULL;
	for (; n >= 8; s += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
		h ^= h >> 32;
	}
	uint64_t w = 0;
	if (n >= 4) { /* the last 4 to 7 bytes as two words that may overlap */
		uint32_t a, b;
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		w = (uint64_t)a | (uint64_t)b << 32;
	} else {
		for (size_t i = 0; i < n; i++)
			w |= (uint64_t)s[i] << (8 * i);
	}
	/* every bit of the result depends on every bit of the input: the table
	 * takes its slot from the low bits */
	h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
	h ^= h >> 32;
	h *= 0xFF51AFD7ED558CCDULL;
	return h ^ (h >> 29);
}

/* N empty slots.  Every record looks at one slot at random: past a few
 * megabytes each look missed the TLB as well as the cache, so a big table is
 * asked for in huge pages where the system has them (a hint only). */
static slot *new_slots(size_t n)
{
#ifdef MADV_HUGEPAGE
	const size_t huge = (size_t)2 << 20;
	size_t bytes = n * sizeof(slot);
	if (bytes >= huge) {
		bytes = (bytes + huge - 1) & ~(huge - 1);
		void *p = aligned_alloc(huge, bytes);
		if (p) {
			madvise(p, bytes, MADV_HUGEPAGE);
			memset(p, 0, bytes);
			return p;
		}
	}
#endif
	return kpi_xcalloc(n, sizeof(slot));
}

dupes *dupes_new(void)
{
	dupes *d = kpi_xcalloc(1, sizeof *d);
	d->nslot = 1024;
	d->slot = new_slots(d->nslot);
	return d;
}

void dupes_free(dupes *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nname; i++)
		free(d->name[i]);
	free(d->name);
	free(d->name_hash);
	free(d->slot);
	free(d);
}

size_t dupes_count(const dupes *d)
{
	return d->used;
}

static uint16_t intern(dupes *d, const char *s, size_t n)
{
	if (d->nname && n == d->last_len && memcmp(d->name[d->last], s, n) == 0)
		return (uint16_t)d->last;
	uint64_t h = dupes_hash(DUPES_HASH_INIT, s, n);
	for (size_t i = 0; i < d->nname; i++) /* few names: a linear scan is enough */
		if (d->name_hash[i] == h && strlen(d->name[i]) == n && memcmp(d->name[i], s, n) == 0) {
			d->last = i;
			d->last_len = n;
			return (uint16_t)i;
		}
	if (d->nname >= NO_NAME)
		return NO_NAME;
	if (d->nname == d->capname) {
		d->capname = d->capname ? d->capname * 2 : 16;
		d->name = kpi_xrealloc(d->name, d->capname * sizeof *d->name);
		d->name_hash = kpi_xrealloc(d->name_hash, d->capname * sizeof *d->name_hash);
	}
	d->name[d->nname] = kpi_xstrndup(s, n);
	d->name_hash[d->nname] = h;
	d->last = d->nname;
	d->last_len = n;
	return (uint16_t)d->nname++;
}

/* "FILE:LINE[:COLUMN]": the first ":digits" that ends the text or is
 * followed by ':' is the line. */
static void split_source(dupes *d, const char *src, slot *s)
{
	s->file = s->column = NO_NAME;
	s->line = 0;
	for (const char *p = strchr(src, ':'); p; p = strchr(p + 1, ':')) {
		const char *q = p + 1;
		unsigned long line = 0;
		while (*q >= '0' && *q <= '9' && line < 0xFFFFFFFFUL / 10)
			line = line * 10 + (unsigned long)(*q++ - '0');
		if (q == p + 1 || (*q && *q != ':'))
			continue;
		s->file = intern(d, src, (size_t)(p - src));
		s->line = (uint32_t)line;
		if (*q == ':')
			s->column = intern(d, q + 1, strlen(q + 1));
		return;
	}
	s->file = intern(d, src, strlen(src)); /* no line number: keep it whole */
}

uint64_t dupes_key(uint64_t series, long ord)
{
	uint64_t group = (uint64_t)ord >> 3;
	return (dupes_hash(series, &group, sizeof group) & ~(uint64_t)7) | ((uint64_t)ord & 7);
}

/* The home slot of KEY: its block of eight slots from the series and group
 * bits, its place in the block from the period's low bits (dupes_key), so
 * that the observations of a series, which arrive together, share cache
 * lines and pages (a slot at random per record was a cache and TLB miss
 * each).  grow() and dupes_check() must both use this one function, or a
 * key re-inserted by grow() is no longer found where the check looks. */
static size_t home_slot(uint64_t key, size_t mask)
{
	uint64_t block = key >> 3;
	block ^= block >> 29;
	return (size_t)((block << 3) | (key & 7)) & mask;
}

void dupes_prefetch(const dupes *d, uint64_t key)
{
#ifdef __GNUC__
	__builtin_prefetch(&d->slot[home_slot(key ? key : 1, d->nslot - 1)]);
#else
	(void)d, (void)key;
#endif
}

static void grow(dupes *d)
{
	size_t old_n = d->nslot;
	slot *old = d->slot;
	d->nslot *= 2;
	d->slot = new_slots(d->nslot);
	for (size_t i = 0; i < old_n; i++) {
		if (!old[i].key)
			continue;
		size_t j = home_slot(old[i].key, d->nslot - 1);
		while (d->slot[j].key)
			j = (j + 1) & (d->nslot - 1);
		d->slot[j] = old[i];
	}
	free(old);
}

/* Two counts agree when both are given and equal, or one is not given. */
static int counts_agree(uint16_t a, uint16_t b)
{
	return a == b || a == 0 || b == 0;
}

int dupes_check(dupes *d, uint64_t key, const dupes_figure *fig, const char *source,
		kpi_buf *earlier)
{
	if (key == 0)
		key = 1;
	size_t mask = d->nslot - 1, i = home_slot(key, mask);
	while (d->slot[i].key) {
		if (d->slot[i].key == key) {
			const slot *s = &d->slot[i];
			kpi_buf_clear(earlier);
			if (s->file == NO_NAME)
				kpi_buf_adds(earlier, "an earlier record");
			else if (s->line == 0)
				kpi_buf_adds(earlier, d->name[s->file]);
			else
				kpi_buf_printf(earlier, "%s:%lu", d->name[s->file], (unsigned long)s->line);
			if (s->column != NO_NAME)
				kpi_buf_printf(earlier, ":%s", d->name[s->column]);
			if (s->value_hash != fig->value_hash)
				return DUPES_DIFFERENT;
			return counts_agree(s->num_hash, fig->num_hash) && counts_agree(s->den_hash, fig->den_hash)
				       ? DUPES_SAME
				       : DUPES_DIFFERENT_COUNTS;
		}
		i = (i + 1) & mask;
	}
	slot *s = &d->slot[i];
	s->key = key;
	s->value_hash = fig->value_hash;
	s->num_hash = fig->num_hash;
	s->den_hash = fig->den_hash;
	split_source(d, source, s);
	if (++d->used * 2 > d->nslot)
		grow(d);
	return DUPES_NEW;
}
