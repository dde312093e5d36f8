/* kpi_strtab.c: see kpi_strtab.h. */
#include "kpi/strtab.h"
#include "kpi/diag.h"
#include <stdlib.h>
#include <string.h>

/* Eight bytes at a time (byte-wise FNV was a tenth of kpi-trend's time);
 * the length goes into the last word, so "ab" and "ab\0" differ. */
uint32_t kpi_hash_bytes(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
	size_t len = n;
	while (n >= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 29;
		s += 8;
		n -= 8;
	}
	uint64_t w = 0; /* the last 0 to 7 bytes, as memcpy would put them in a zeroed word */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* a memcpy of a variable length is a call: whole loads instead, within the string */
	if (n && len >= 8) {
		memcpy(&w, s + n - 8, 8);
		w >>= 8 * (8 - n);
	} else if (n >= 4) {
		uint32_t lo, hi;
		memcpy(&lo, s, 4);
		memcpy(&hi, s + n - 4, 4);
		w = lo | (uint64_t)hi << (8 * (n - 4));
	} else if (n) {
		const unsigned char *u = (const unsigned char *)s;
		w = u[0] | (uint64_t)u[n / 2] << (8 * (n / 2)) | (uint64_t)u[n - 1] << (8 * (n - 1));
	}
#else
	if (n)
		memcpy(&w, s, n);
#endif
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
	/* every bit of the result depends on every byte: the tables take their
	 * slot from the low bits, and with one multiplication those did not
	 * see the last bytes of a short string ("2015-04" and "2015-05" fell
	 * in one slot of every table) */
	h ^= h >> 32;
	h *= 0x9e3779b97f4a7c15ULL;
	h ^= h >> 32;
	return (uint32_t)h;
}

void kpi_strtab_init(kpi_strtab *t)
{
	memset(t, 0, sizeof *t);
	kpi_buf_init(&t->text);
	t->cap = 1024;
	t->off = kpi_xmalloc(t->cap * sizeof *t->off);
	t->off[0] = 0;
	t->n = 1;
	t->nslot = 2048;
	t->slot = kpi_xcalloc(t->nslot, sizeof *t->slot);
}

void kpi_strtab_free(kpi_strtab *t)
{
	kpi_buf_free(&t->text);
	free(t->off);
	free(t->slot);
	memset(t, 0, sizeof *t);
}

const char *kpi_strtab_str(const kpi_strtab *t, uint32_t id, size_t *len)
{
	const char *e = t->text.data + t->off[id];
	uint32_t n;
	memcpy(&n, e, sizeof n);
	if (len)
		*len = n;
	return e + sizeof n;
}

/* The hash of a slot's text, kept with its id. */
#define SLOT_HASH(e) ((uint32_t)((e) >> 32))
#define SLOT_ID(e) ((uint32_t)(e))

static void grow_slots(kpi_strtab *t)
{
	size_t nslot = t->nslot * 2;
	uint64_t *slot = kpi_xcalloc(nslot, sizeof *slot);
	for (size_t j = 0; j < t->nslot; j++) { /* the texts are not read again */
		uint64_t e = t->slot[j];
		if (!e)
			continue;
		size_t i = SLOT_HASH(e) & (nslot - 1);
		while (slot[i])
			i = (i + 1) & (nslot - 1);
		slot[i] = e;
	}
	free(t->slot);
	t->slot = slot;
	t->nslot = nslot;
}

/* The id of S[0..n) of hash H, or 0 with *AT the empty slot it would take. */
static uint32_t probe(const kpi_strtab *t, const char *s, size_t n, uint32_t h, size_t *at)
{
	size_t i = h & (t->nslot - 1);
	for (; t->slot[i]; i = (i + 1) & (t->nslot - 1)) {
		if (SLOT_HASH(t->slot[i]) != h)
			continue;
		size_t len;
		const char *e = kpi_strtab_str(t, SLOT_ID(t->slot[i]), &len);
		if (len == n && memcmp(e, s, n) == 0)
			return SLOT_ID(t->slot[i]);
	}
	*at = i;
	return 0;
}

uint32_t kpi_strtab_find(const kpi_strtab *t, const char *s, size_t n)
{
	size_t at;
	return probe(t, s, n, kpi_hash_bytes(s, n), &at);
}

uint32_t kpi_strtab_push(kpi_strtab *t, const char *s, size_t n)
{
	if (n > UINT32_MAX)
		kpi_die(KPI_EXIT_DATA, "a field of %zu bytes is too long", n);
	if (t->n == UINT32_MAX)
		kpi_die(KPI_EXIT_DATA, "too many distinct strings");
	if (t->n == t->cap) {
		t->cap *= 2;
		t->off = kpi_xrealloc(t->off, t->cap * sizeof *t->off);
	}
	uint32_t id = t->n++;
	t->off[id] = t->text.len;
	uint32_t len32 = (uint32_t)n;
	kpi_buf_reserve(&t->text, sizeof len32 + n + 1);
	kpi_buf_add(&t->text, &len32, sizeof len32);
	kpi_buf_add(&t->text, s, n);
	kpi_buf_addc(&t->text, '\0');
	return id;
}

uint32_t kpi_strtab_add(kpi_strtab *t, const char *s, size_t n)
{
	if (n > UINT32_MAX)
		kpi_die(KPI_EXIT_DATA, "a field of %zu bytes is too long", n);
	uint32_t h = kpi_hash_bytes(s, n);
	size_t i;
	uint32_t found = probe(t, s, n, h, &i);
	if (found)
		return found;
	uint32_t id = kpi_strtab_push(t, s, n);
	t->slot[i] = (uint64_t)h << 32 | id;
	if (++t->nindexed * 2 > t->nslot)
		grow_slots(t);
	return id;
}
