/* libFuzzer harness: the targets and benchmarks loaders (lib/targets.c,
 * lib/benchmarks.c) over arbitrary file contents.  The loaders return their
 * errors: a bad file must give NULL, a message and status 1 or 2, and hold
 * nothing afterwards (libFuzzer's leak check).  What loads as targets must
 * answer kpi_targets_find and kpi_target_in_force consistently. */
#include "kpi/benchmarks.h"
#include "kpi/diag.h"
#include "kpi/period.h"
#include "kpi/targets.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	if (!path[0]) {
		kpi_set_prog("fuzz_targets");
		snprintf(path, sizeof path, "/tmp/fuzz_targets.%ld.csv", (long)getpid());
	}
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	char load_err[4600];
	int status = 0;
	load_err[0] = '\0';
	kpi_benchmarks *b = kpi_benchmarks_load(path, load_err, sizeof load_err, &status);
	if (!b && ((status != 1 && status != 2) || !load_err[0]))
		abort();
	kpi_benchmarks_free(b);
	status = 0;
	load_err[0] = '\0';
	kpi_targets *t = kpi_targets_load(path, load_err, sizeof load_err, &status);
	if (!t) {
		if ((status != 1 && status != 2) || !load_err[0])
			abort();
		return 0;
	}

	static const char *const as_at_text[] = {"2024-03", "2023/24", "2024-Q1", "2030"};
	kpi_period_opts o = {KPI_YEAR_FINANCIAL, NULL, 0, 0, 0};
	kpi_period as_at;
	char err[512];
	/* every indicator and area written in the file, found again */
	const char *s = (const char *)data;
	for (size_t k = 0; k < sizeof as_at_text / sizeof as_at_text[0]; k++) {
		if (kpi_period_parse(as_at_text[k], &o, &as_at, err, sizeof err) != 0)
			abort();
		char ind[64];
		size_t n = 0;
		size_t start = k < size ? k : 0;
		while (start + n < size && n < sizeof ind - 1 && s[start + n] != ',' && s[start + n] != '\n')
			n++;
		memcpy(ind, s + start, n);
		ind[n] = '\0';
		kpi_target_set set;
		size_t found = kpi_targets_find(t, ind, k & 1 ? "Northbridge" : NULL, &set);
		long i = kpi_target_in_force(&set, &as_at);
		if ((found == 0 && i != -1) || (found > 0 && (i < 0 || (size_t)i >= found)))
			abort();
		for (size_t j = 0; j < found; j++)
			if (!set.row[j]->has_value)
				abort();
		kpi_target_set_free(&set);
	}
	kpi_targets_free(t);
	double v;
	int pct;
	char cell[64];
	size_t n = size < sizeof cell - 1 ? size : sizeof cell - 1;
	memcpy(cell, data, n);
	cell[n] = '\0';
	kpi_target_number(cell, &v, &pct);
	return 0;
}
