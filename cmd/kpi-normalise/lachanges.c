/* lachanges.c: kpi-normalise's council lookup: the shipped la-changes.csv,
 * then each --la-changes FILE over it (kpi-la-changes(5)). */
#include <stdlib.h>
#include "kpi/cli.h"
#include "kpi/diag.h"
#include "kpi/la_changes.h"
#include "lachanges.h"

kpi_la_changes *load_la_changes(int shipped, char *const *paths, size_t n)
{
	kpi_la_changes *lc = kpi_la_changes_new();
	char err[1024];
	int status;
	if (shipped) {
		char *path = kpi_data_path("la-changes.csv");
		int rc = kpi_la_changes_load(lc, path, err, sizeof err, &status);
		free(path);
		if (rc != 0)
			kpi_die(status, "%s", err);
	}
	for (size_t i = 0; i < n; i++)
		if (kpi_la_changes_load(lc, paths[i], err, sizeof err, &status) != 0)
			kpi_die(status, "%s", err);
	return lc;
}
