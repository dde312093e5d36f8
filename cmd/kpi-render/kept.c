/* kept.c: the memory of the records kpi-render loads (render.h: rnd_keep,
 * rnd_kept_array_*): strings and arrays in blocks that never move. */
#include "render.h"
#include "kpi/hugemem.h"
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* The strings, history points and SPC signals of every record loaded:
 * blocks that never move, filled in turn (a block of strings per record
 * left most of each block unused, and the fresh memory's page faults and
 * malloc's bins were a third of loading 72 months of a council).  Strings
 * and arrays are kept apart, so an array is filled where it is kept while
 * its points' strings are kept (history, spc).  Past the first megabyte the
 * blocks are 2 MB in huge pages where the system has them (hugemem.h):
 * the first store into each fresh page was a page fault, and loading a
 * million observations' summaries touched some 40 MB.  Freed with the
 * records (rnd_inds_free, rnd_kept_free). */
typedef struct {
	char **blocks;
	size_t n, used, size, total;
} kept_area;
static kept_area strings_kept, arrays_kept;

enum { KEPT_BLOCK = 65536, KEPT_ORDINARY = 1 << 20 };

/* Room for N bytes in A at its next offset (aligned for any object when
 * ALIGNED), not yet taken: kept_take takes it. */
static char *kept_room(kept_area *a, size_t n, int aligned)
{
	size_t al = _Alignof(max_align_t), at = a->used;
	if (aligned)
		at = (at + al - 1) / al * al;
	if (!a->n || at + n > a->size) {
		size_t size = n > KEPT_BLOCK ? n : KEPT_BLOCK;
		char *b;
		if (a->total >= KEPT_ORDINARY)
			b = kpi_xmalloc_huge(size, &size);
		else
			b = kpi_xmalloc(size);
		a->blocks = kpi_xrealloc(a->blocks, (a->n + 1) * sizeof *a->blocks);
		a->blocks[a->n++] = b;
		a->size = size;
		a->total += size;
		a->used = at = 0;
	}
	return a->blocks[a->n - 1] + at;
}

/* Takes the N bytes at P, the room kept_room gave last. */
static void kept_take(kept_area *a, const char *p, size_t n)
{
	a->used = (size_t)(p - a->blocks[a->n - 1]) + n;
}

/* N bytes among those kept in A. */
static char *kept_bytes(kept_area *a, size_t n, int aligned)
{
	char *p = kept_room(a, n, aligned);
	kept_take(a, p, n);
	return p;
}

const char *rnd_keep(const char *s, size_t n)
{
	char *out = kept_bytes(&strings_kept, n + 1, 0);
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

void rnd_kept_array_start(rnd_kept_array *k, size_t cap, size_t size)
{
	k->v = kept_room(&arrays_kept, cap * size, 1);
	k->cap = cap;
	k->size = size;
}

void rnd_kept_array_grow(rnd_kept_array *k)
{
	char *old = k->v;
	size_t bytes = k->cap * k->size;
	/* the arrays' area holds nothing after the room: the new room starts
	 * where the old one did unless a fresh block was needed */
	k->v = kept_room(&arrays_kept, 2 * bytes, 1);
	if (k->v != old)
		memcpy(k->v, old, bytes);
	k->cap *= 2;
}

void *rnd_kept_array_end(rnd_kept_array *k, size_t n)
{
	if (!n)
		return NULL;
	kept_take(&arrays_kept, k->v, n * k->size);
	return k->v;
}

void rnd_kept_free(void)
{
	kept_area *areas[] = {&strings_kept, &arrays_kept};
	for (size_t a = 0; a < 2; a++) {
		for (size_t k = 0; k < areas[a]->n; k++)
			free(areas[a]->blocks[k]);
		free(areas[a]->blocks);
		memset(areas[a], 0, sizeof *areas[a]);
	}
}
