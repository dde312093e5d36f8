/* libFuzzer harness: the catalogue loader (lib/catalogue.c) over arbitrary
 * file contents.  A load either fails with status 1 or 2 and a message, or
 * gives entries with the required fields, valid units and polarities, each
 * found again by its own id and aliases (one folded key, one row). */
#include "kpi/catalogue.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *row_field(void *ctx, const char *field)
{
	(void)field;
	return ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	if (!path[0])
		snprintf(path, sizeof path, "/tmp/fuzz_catalogue.%ld.csv", (long)getpid());
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	char err[512] = "";
	int status = 0;
	kpi_catalogue *c = kpi_catalogue_load(path, err, sizeof err, &status);
	if (!c) {
		if ((status != 1 && status != 2) || err[0] == '\0')
			abort();
		return 0;
	}
	for (size_t i = 0; i < kpi_catalogue_count(c); i++) {
		const kpi_cat_entry *e = kpi_catalogue_entry(c, i);
		if (!e->id || !e->name || !e->unit || !e->polarity || e->order != (long)i + 1)
			abort();
		if (!kpi_unit_valid(e->unit) || !kpi_polarity_valid(e->polarity))
			abort();
		const kpi_cat_entry *m = kpi_catalogue_match(c, e->id, strlen(e->id), NULL, NULL);
		if (m && m != e)
			abort();
		for (size_t a = 0; a < e->n_alias; a++) {
			const char *al = e->alias[a];
			m = kpi_catalogue_match(c, al, strlen(al), row_field, (void *)al);
			(void)m;
		}
	}
	/* the input itself as an indicator name */
	kpi_catalogue_match(c, (const char *)data, size, row_field, (void *)"x");
	kpi_catalogue_free(c);
	return 0;
}
