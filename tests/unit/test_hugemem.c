/* test_hugemem.c: large blocks in huge pages (lib/hugemem.c).  Whether the
 * system gives huge pages is not seen here (a hint); what is: the sizes and
 * alignment promised, and memory that holds what is written. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "kpi/hugemem.h"
#include "tap.h"

int main(void)
{
	static const size_t sizes[] = {1, 4096, KPI_HUGE_PAGE - 1, KPI_HUGE_PAGE, KPI_HUGE_PAGE + 1,
				       3 * KPI_HUGE_PAGE + 17};
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		size_t n = sizes[i], got = 0;
		unsigned char *p = kpi_xmalloc_huge(n, &got);
		size_t whole = (n + KPI_HUGE_PAGE - 1) / KPI_HUGE_PAGE * KPI_HUGE_PAGE;
		tap_case("%zu bytes", n);
		ok(got >= n, "at least the size asked (%zu for %zu)", got, n);
		ok(got == n || (got == whole && (uintptr_t)p % KPI_HUGE_PAGE == 0),
		   "whole huge pages, aligned to one (or exactly N where none could be had)");
		memset(p, 0xA5, got);
		ok(p[0] == 0xA5 && p[got - 1] == 0xA5, "every byte given can be written");
		tap_case_end();
		free(p);
	}
	size_t got;
	void *none = kpi_xmalloc_huge(0, &got);
	ok(none != NULL && got == 0, "0 bytes: a block all the same, of 0 bytes");
	free(none);
	return tap_done();
}
