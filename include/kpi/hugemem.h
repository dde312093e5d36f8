/* hugemem.h: large blocks in transparent huge pages where the system has
 * them.  The first store into each 4 KB page of fresh memory is a page
 * fault; a tool that fills tens of megabytes (kpi-render's records, kpi-
 * normalise's duplicate table) spent a sixth of its time in them.  It is
 * a hint: where huge pages are off or unknown, the memory is ordinary and
 * the result the same. */
#ifndef KPI_HUGEMEM_H
#define KPI_HUGEMEM_H
#include <stddef.h>

/* 2 MB, the x86-64 huge page; blocks are rounded up to it. */
#define KPI_HUGE_PAGE ((size_t)2 << 20)

/* At least N bytes (never NULL: out of memory ends the tool), aligned to
 * and rounded up to KPI_HUGE_PAGE and asked for in huge pages; *GOT, when
 * not NULL, gets the size given.  Free with free(). */
void *kpi_xmalloc_huge(size_t n, size_t *got);

#endif
