/* hugemem.c: large blocks in transparent huge pages (hugemem.h). */
#define _DEFAULT_SOURCE /* MADV_HUGEPAGE (Linux); without it the memory is ordinary */
#include "kpi/hugemem.h"
#include "kpi/buf.h"
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

void *kpi_xmalloc_huge(size_t n, size_t *got)
{
	size_t bytes = n;
	void *p = NULL;
	if (n && n <= SIZE_MAX - (KPI_HUGE_PAGE - 1)) {
		bytes = (n + KPI_HUGE_PAGE - 1) & ~(KPI_HUGE_PAGE - 1);
		p = aligned_alloc(KPI_HUGE_PAGE, bytes);
	}
	if (p) {
#ifdef MADV_HUGEPAGE
		madvise(p, bytes, MADV_HUGEPAGE);
#endif
	} else {
		bytes = n;
		p = kpi_xmalloc(n);
	}
	if (got)
		*got = bytes;
	return p;
}
