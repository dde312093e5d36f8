/* column_names.c: the name each column of a table gets in the records
 * (kpi_snake_case of its header cell, made unique). */
#include <stdlib.h>
#include "kpi/diag.h"
#include "kpi/names.h"
#include "kpi/strtab.h"
#include "table.h"

/* snake_case names, column_N for empty ones, _2 _3 for duplicates (one warning). */
enum { MAX_DUPS_NAMED = 10 };

/* A file may have thousands of columns of one name: the names given so far
 * are kept in a hash table, and each repeated name remembers the last
 * suffix it took, so naming stays linear. */
void name_columns(table *t)
{
	kpi_buf b = KPI_BUF_INIT, dups = KPI_BUF_INIT;
	size_t n_dups = 0;
	kpi_strtab taken;
	kpi_strtab_init(&taken);
	int *next_k = NULL; /* by id in taken, for a repeated name: the suffix to try next */
	size_t cap_k = 0;
	for (size_t i = 0; i < t->n; i++) {
		kpi_snake_case(&b, t->col[i].raw, t->col[i].raw_len);
		if (b.len == 0)
			kpi_buf_printf(&b, "column_%zu", i + 1);
		uint32_t id = kpi_strtab_find(&taken, b.data, b.len);
		if (id) {
			char *base = kpi_xstrdup(b.data);
			if (id >= cap_k) {
				size_t cap = id * 2 + 16;
				next_k = kpi_xrealloc(next_k, cap * sizeof *next_k);
				for (size_t j = cap_k; j < cap; j++)
					next_k[j] = 2;
				cap_k = cap;
			}
			for (int k = next_k[id];; k++) {
				kpi_buf_clear(&b);
				kpi_buf_printf(&b, "%s_%d", base, k);
				if (!kpi_strtab_find(&taken, b.data, b.len)) {
					next_k[id] = k + 1;
					break;
				}
			}
			/* the first few by name; a file of thousands says how many more */
			if (++n_dups <= MAX_DUPS_NAMED)
				kpi_buf_printf(&dups, "%scolumn %zu '%s' -> %s", dups.len ? ", " : "", i + 1,
					       base, b.data);
			free(base);
		}
		kpi_strtab_add(&taken, b.data, b.len);
		t->col[i].name = kpi_xstrdup(b.data);
	}
	kpi_strtab_free(&taken);
	free(next_k);
	if (dups.len) {
		if (n_dups > MAX_DUPS_NAMED)
			kpi_buf_printf(&dups, " and %zu more", n_dups - MAX_DUPS_NAMED);
		out_flush();
		kpi_warn_at(header_at(t), "duplicate column names renamed: %s", dups.data);
	}
	kpi_buf_free(&b);
	kpi_buf_free(&dups);
}
