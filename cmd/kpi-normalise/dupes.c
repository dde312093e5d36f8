/* dupes.c: a compact open-addressing set of observation keys. */
#include "dupes.h"
#include "kpi/bytes.h"
#include "kpi/hugemem.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* What is kept of one observation (16 bytes). */
typedef struct {
	uint32_t value_hash;
	uint16_t num_hash, den_hash; /* the numerator and denominator, 0 if not given */
	uint32_t line;
	uint16_t file;      /* interned source file name + 1, NO_NAME if unknown; 0: an empty entry */
	uint16_t column;    /* interned column text after the line, NO_NAME if none */
} obs;

#define NO_NAME 0xFFFF

/* Arrays of at most 2^BIG_CLASS entries come from the blocks; bigger ones
 * (a series of more than 16,384 periods) from malloc. */
#define BIG_CLASS 14
#define HUGE_BLOCK KPI_HUGE_PAGE

/* A series: the entries of its periods lo .. lo + cap - 1. */
typedef struct {
	uint64_t hash;
	long lo;
	obs *arr;
	uint32_t cap, n;    /* entries, and those in use */
	uint32_t spilled;   /* its observations in the spill table */
} series;

/* A series' place in the index: its index + 1 in ser (0: an empty place)
 * and the high half of its hash. */
typedef struct {
	uint32_t index, tag;
} ser_place;

/* The spill table's slot: an observation far from its series' run. */
typedef struct {
	uint64_t key;       /* 0 marks an empty slot (a real 0 key is stored as 1) */
	obs o;
} slot;

struct dupes {
	series *ser;
	size_t nser, capser;
	ser_place *ser_at;  /* open addressing, at most half full */
	size_t nser_at;
	size_t last_ser;    /* the series looked up last (the next record's, nearly always) */
	int have_last;
	size_t used;        /* distinct observations */
	/* the series' arrays (a power of two of entries each) are carved from
	 * blocks, the big blocks in huge pages where the system has them (a
	 * page fault for every 4 KiB of them was a tenth of the time), and
	 * those outgrown are kept for reuse, a list per size */
	obs *free_arr[BIG_CLASS + 1];
	char *block;
	size_t block_used, block_size;
	char **blocks;
	size_t nblocks;
	size_t nbig;        /* arrays from malloc */
	slot *slot;         /* the spill table (NULL until needed) */
	size_t nslot, spilled;
	/* interned names: file names and wide-row columns are few */
	char **name;
	size_t nname, capname;
	uint64_t *name_hash;
	size_t last, last_len;  /* the name interned last (the next record's file, nearly always) */
	int last_is_file;       /* it was a source's file name */
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

/* N zeroed bytes.  The tables are looked at in one place at random per
 * record: past a few megabytes each look missed the TLB as well as the
 * cache, so a big one is asked for in huge pages where the system has them
 * (a hint only). */
static void *zeroed(size_t n)
{
	if (n >= HUGE_BLOCK) {
		size_t bytes;
		void *p = kpi_xmalloc_huge(n, &bytes);
		memset(p, 0, bytes);
		return p;
	}
	return kpi_xcalloc(1, n);
}

static int size_class(uint32_t cap)
{
	int c = 0;
	while ((1UL << c) < cap)
		c++;
	return c;
}

/* A zeroed array of CAP entries (a power of two). */
static obs *new_array(dupes *d, uint32_t cap)
{
	int c = size_class(cap);
	size_t bytes = (size_t)cap * sizeof(obs);
	if (c > BIG_CLASS) {
		d->nbig++;
		return kpi_xcalloc(cap, sizeof(obs));
	}
	if (d->free_arr[c]) {
		obs *a = d->free_arr[c];
		memcpy(&d->free_arr[c], a, sizeof(obs *));
		memset(a, 0, bytes);
		return a;
	}
	if (d->block_used + bytes > d->block_size) {
		/* the rest of the block, as free arrays of the sizes that fit */
		for (int k = BIG_CLASS; k >= 0; k--) {
			size_t kb = ((size_t)1 << k) * sizeof(obs);
			if (d->block && d->block_used + kb <= d->block_size) {
				obs *a = (obs *)(d->block + d->block_used);
				memcpy(a, &d->free_arr[k], sizeof(obs *));
				d->free_arr[k] = a;
				d->block_used += kb;
			}
		}
		/* blocks grow from 64 KiB, so a small input stays small */
		size_t n = d->block_size ? d->block_size * 2 : (size_t)64 << 10;
		while (n < bytes)
			n *= 2;
		if (n > HUGE_BLOCK)
			n = HUGE_BLOCK;
		d->blocks = kpi_xrealloc(d->blocks, (d->nblocks + 1) * sizeof *d->blocks);
		d->blocks[d->nblocks++] = d->block = zeroed(n);
		d->block_size = n;
		d->block_used = 0;
	}
	obs *a = (obs *)(d->block + d->block_used);
	d->block_used += bytes;
	return a;
}

static void free_array(dupes *d, obs *a, uint32_t cap)
{
	int c = size_class(cap);
	if (c > BIG_CLASS) {
		d->nbig--;
		free(a);
		return;
	}
	memcpy(a, &d->free_arr[c], sizeof(obs *));
	d->free_arr[c] = a;
}

dupes *dupes_new(void)
{
	return kpi_xcalloc(1, sizeof(dupes));
}

void dupes_free(dupes *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nname; i++)
		free(d->name[i]);
	free(d->name);
	free(d->name_hash);
	for (size_t i = 0; i < d->nser && d->nbig; i++)
		if (size_class(d->ser[i].cap) > BIG_CLASS) {
			free(d->ser[i].arr);
			d->nbig--;
		}
	for (size_t i = 0; i < d->nblocks; i++)
		free(d->blocks[i]);
	free(d->blocks);
	free(d->ser);
	free(d->ser_at);
	free(d->slot);
	free(d);
}

size_t dupes_count(const dupes *d)
{
	return d->used;
}

size_t dupes_spilled(const dupes *d)
{
	return d->spilled;
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
	if (d->nname >= NO_NAME - 1) /* stored + 1 (file) and beside NO_NAME */
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

/* A[0..n) == B[0..n), eight bytes at a time inline (a file name of some
 * forty bytes: memcmp was a call per record). */
static int same_name(const char *a, const char *b, size_t n)
{
	if (n < 8)
		return kpi_same_bytes(a, b, n);
	uint64_t x, y;
	for (size_t i = 0; i + 8 < n; i += 8) {
		memcpy(&x, a + i, 8), memcpy(&y, b + i, 8);
		if (x != y)
			return 0;
	}
	memcpy(&x, a + n - 8, 8), memcpy(&y, b + n - 8, 8); /* the last eight, overlapping */
	return x == y;
}

/* "FILE:LINE[:COLUMN]" (SRC[0..n), NUL-terminated): the first ":digits"
 * that ends the text or is followed by ':' is the line. */
static void split_source(dupes *d, const char *src, size_t n, obs *o)
{
	uint16_t file;
	o->column = NO_NAME;
	o->line = 0;
	/* the file named last, then ":digits" that end the text or come before
	 * ':' (the next line of the same file, nearly always): no earlier ':'
	 * can be the line's, as none was in the source that named the file */
	if (d->nname && d->last_is_file && n > d->last_len + 1 && src[d->last_len] == ':' &&
	    src[d->last_len + 1] >= '0' && src[d->last_len + 1] <= '9' &&
	    same_name(src, d->name[d->last], d->last_len)) {
		const char *q = src + d->last_len + 1;
		unsigned long line = 0;
		if (n - d->last_len - 1 <= 9) { /* nine digits or fewer: no test of the limit */
			unsigned dg;
			while ((dg = (unsigned)(unsigned char)*q - '0') <= 9)
				line = line * 10 + dg, q++;
		} else {
			while (*q >= '0' && *q <= '9' && line < 0xFFFFFFFFUL / 10)
				line = line * 10 + (unsigned long)(*q++ - '0');
		}
		if (q == src + n) {
			o->file = (uint16_t)(d->last + 1);
			o->line = (uint32_t)line;
			return;
		}
	}
	for (const char *p = strchr(src, ':'); p; p = strchr(p + 1, ':')) {
		const char *q = p + 1;
		unsigned long line = 0;
		while (*q >= '0' && *q <= '9' && line < 0xFFFFFFFFUL / 10)
			line = line * 10 + (unsigned long)(*q++ - '0');
		if (q == p + 1 || (*q && *q != ':'))
			continue;
		file = intern(d, src, (size_t)(p - src));
		d->last_is_file = 1;
		o->file = file == NO_NAME ? NO_NAME : (uint16_t)(file + 1);
		o->line = (uint32_t)line;
		if (*q == ':') {
			o->column = intern(d, q + 1, strlen(q + 1));
			d->last_is_file = 0;
		}
		return;
	}
	file = intern(d, src, strlen(src)); /* no line number: keep it whole */
	d->last_is_file = 1;
	o->file = file == NO_NAME ? NO_NAME : (uint16_t)(file + 1);
}

/* The series whose hash is H, made when new.  The index keeps beside each
 * series' place the high half of its hash, so that a probe reads the
 * series itself only when that matches (a read of a series at random per
 * probe was a cache miss each). */
static series *find_series(dupes *d, uint64_t h)
{
	if (d->have_last && d->ser[d->last_ser].hash == h)
		return &d->ser[d->last_ser];
	if ((d->nser + 1) * 2 > d->nser_at) { /* keep the index at most half full */
		size_t n = d->nser_at ? d->nser_at * 2 : 1024;
		ser_place *at = zeroed(n * sizeof *at);
		for (size_t i = 0; i < d->nser; i++) {
			size_t j = (size_t)d->ser[i].hash & (n - 1);
			while (at[j].index)
				j = (j + 1) & (n - 1);
			at[j].index = (uint32_t)(i + 1);
			at[j].tag = (uint32_t)(d->ser[i].hash >> 32);
		}
		free(d->ser_at);
		d->ser_at = at;
		d->nser_at = n;
	}
	size_t mask = d->nser_at - 1, j = (size_t)h & mask;
	uint32_t tag = (uint32_t)(h >> 32);
	for (; d->ser_at[j].index; j = (j + 1) & mask)
		if (d->ser_at[j].tag == tag && d->ser[d->ser_at[j].index - 1].hash == h)
			break;
	if (!d->ser_at[j].index) {
		if (d->nser == d->capser) {
			d->capser = d->capser ? d->capser * 2 : 1024;
			d->ser = kpi_xrealloc(d->ser, d->capser * sizeof *d->ser);
		}
		series *s = &d->ser[d->nser];
		memset(s, 0, sizeof *s);
		s->hash = h;
		d->ser_at[j].index = (uint32_t)++d->nser;
		d->ser_at[j].tag = tag;
	}
	d->last_ser = d->ser_at[j].index - 1;
	d->have_last = 1;
	return &d->ser[d->last_ser];
}

/* The entry of period ORD in S's array, the array grown to hold it when it
 * stays at most four times what its entries need; NULL when ORD is too far
 * from the series' run for that (it goes to the spill table).  The array
 * doubles (toward ORD's side, so a series read backwards grows as well as
 * one read forwards). */
static obs *series_entry(dupes *d, series *s, long ord)
{
	if (!s->arr) {
		s->arr = new_array(d, 1);
		s->cap = 1;
		s->lo = ord;
		return s->arr;
	}
	unsigned long off = (unsigned long)ord - (unsigned long)s->lo;
	if (ord >= s->lo && off < s->cap)
		return &s->arr[off];
	/* the span from the lower to the higher end: differences of ordinals
	 * far apart (days of distant years) are exact in unsigned arithmetic,
	 * and tested against the limit before anything is added to them */
	unsigned long limit = 4 * ((unsigned long)s->n + s->spilled + 1), span;
	if (ord < s->lo) {
		unsigned long below = (unsigned long)s->lo - (unsigned long)ord;
		if (below >= limit)
			return NULL;
		span = below + s->cap;
	} else {
		if (off >= limit)
			return NULL;
		span = off + 1;
	}
	unsigned long cap = s->cap;
	while (cap < span)
		cap *= 2;
	if (cap > limit || cap > UINT32_MAX)
		return NULL;
	obs *arr = new_array(d, (uint32_t)cap);
	long lo = s->lo;
	if (ord < s->lo) { /* the room grows below, down to LONG_MIN at most */
		unsigned long down = cap - s->cap, room = (unsigned long)s->lo - (unsigned long)LONG_MIN;
		lo = (long)((unsigned long)s->lo - (down < room ? down : room));
	}
	memcpy(arr + (s->lo - lo), s->arr, s->cap * sizeof *arr);
	free_array(d, s->arr, s->cap);
	s->arr = arr;
	s->cap = (uint32_t)cap;
	s->lo = lo;
	return &arr[(unsigned long)ord - (unsigned long)lo];
}

static void grow(dupes *d)
{
	size_t old_n = d->nslot;
	slot *old = d->slot;
	d->nslot = old_n ? old_n * 2 : 1024;
	d->slot = zeroed(d->nslot * sizeof(slot));
	for (size_t i = 0; i < old_n; i++) {
		if (!old[i].key)
			continue;
		size_t j = (size_t)old[i].key & (d->nslot - 1);
		while (d->slot[j].key)
			j = (j + 1) & (d->nslot - 1);
		d->slot[j] = old[i];
	}
	free(old);
}

/* The spill table's slot of KEY: where it is, or the empty slot where it
 * would go. */
static slot *spill_slot(dupes *d, uint64_t key)
{
	size_t mask = d->nslot - 1, i = (size_t)key & mask;
	while (d->slot[i].key && d->slot[i].key != key)
		i = (i + 1) & mask;
	return &d->slot[i];
}

/* Two counts agree when both are given and equal, or one is not given. */
static int counts_agree(uint16_t a, uint16_t b)
{
	return a == b || a == 0 || b == 0;
}

/* The answer for an observation seen before, kept in O. */
static int seen_before(dupes *d, const obs *o, const dupes_figure *fig, kpi_buf *earlier)
{
	kpi_buf_clear(earlier);
	if (o->file == NO_NAME)
		kpi_buf_adds(earlier, "an earlier record");
	else if (o->line == 0)
		kpi_buf_adds(earlier, d->name[o->file - 1]);
	else
		kpi_buf_printf(earlier, "%s:%lu", d->name[o->file - 1], (unsigned long)o->line);
	if (o->column != NO_NAME)
		kpi_buf_printf(earlier, ":%s", d->name[o->column]);
	if (o->value_hash != fig->value_hash)
		return DUPES_DIFFERENT;
	return counts_agree(o->num_hash, fig->num_hash) && counts_agree(o->den_hash, fig->den_hash)
		       ? DUPES_SAME
		       : DUPES_DIFFERENT_COUNTS;
}

static void keep(dupes *d, obs *o, const dupes_figure *fig, const char *source, size_t source_len)
{
	o->value_hash = fig->value_hash;
	o->num_hash = fig->num_hash;
	o->den_hash = fig->den_hash;
	split_source(d, source, source_len, o);
	d->used++;
}

int dupes_check(dupes *d, uint64_t series_hash, long ord, const dupes_figure *fig,
		const char *source, kpi_buf *earlier)
{
	return dupes_check_len(d, series_hash, ord, fig, source, strlen(source), earlier);
}

int dupes_check_len(dupes *d, uint64_t series_hash, long ord, const dupes_figure *fig,
		    const char *source, size_t source_len, kpi_buf *earlier)
{
	series *s = find_series(d, series_hash);
	unsigned long off = (unsigned long)ord - (unsigned long)s->lo;
	if (s->arr && ord >= s->lo && off < s->cap && s->arr[off].file)
		return seen_before(d, &s->arr[off], fig, earlier);
	uint64_t key = 0;
	if (s->spilled) { /* it may have been kept apart, when it was far from the run */
		key = dupes_hash(series_hash, &ord, sizeof ord);
		key += !key;
		slot *sl = spill_slot(d, key);
		if (sl->key)
			return seen_before(d, &sl->o, fig, earlier);
	}
	obs *o = series_entry(d, s, ord);
	if (o) {
		keep(d, o, fig, source, source_len);
		s->n++;
		return DUPES_NEW;
	}
	if (!key) {
		key = dupes_hash(series_hash, &ord, sizeof ord);
		key += !key;
	}
	if ((d->spilled + 1) * 2 > d->nslot)
		grow(d);
	slot *sl = spill_slot(d, key);
	sl->key = key;
	keep(d, &sl->o, fig, source, source_len);
	s->spilled++;
	d->spilled++;
	return DUPES_NEW;
}
