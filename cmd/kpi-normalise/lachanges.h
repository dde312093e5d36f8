/* lachanges.h: kpi-normalise's council lookup (see lachanges.c). */
#ifndef LACHANGES_H
#define LACHANGES_H
#include <stddef.h>
#include "kpi/la_changes.h"

/* The shipped la-changes.csv of the data directory (when SHIPPED), then
 * PATHS[0..n) over it; exits 1 (bad file) or 2 (unreadable) with the message. */
kpi_la_changes *load_la_changes(int shipped, char *const *paths, size_t n);

#endif
