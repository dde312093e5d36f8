/* hugemem.c: large blocks in transparent huge pages (hugemem.h). */
#define _DEFAULT_SOURCE /* MADV_HUGEPAGE (Linux); without it the memory is ordinary */
#include "kpi/hugemem.h"
#include "kpi/buf.h"
#include <stdlib.h>
#include <sys/mman.h>

void *kpi_xmalloc_huge(size_t n, size_t *got)
{
	size_t bytes = n + KPI_HUGE_PAGE - 1 < n ? n : (n + KPI_HUGE_PAGE - 1) & ~(KPI_HUGE_PAGE - 1);
	void *p = bytes ? aligned_alloc(KPI_HUGE_PAGE, bytes) : NULL;
	if (!p) {
		bytes = n;
		p = kpi_xmalloc(n);
	}
#ifdef MADV_HUGEPAGE
	else
		madvise(p, bytes, MADV_HUGEPAGE);
#endif
	if (got)
		*got = bytes;
	return p;
}
