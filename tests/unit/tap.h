/* tap.h: a tiny TAP producer for the C unit tests.
 *   ok(cond, "name %d", i);  is_str(got, exp, "name");  is_num(got, exp, tol, "name");
 *   return tap_done();        prints "1..N" and returns non-zero when any failed.
 * Each test program prints TAP; scripts/run-tests counts "ok"/"not ok" lines. */
#ifndef KPI_TAP_H
#define KPI_TAP_H
#include <stddef.h>

int ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int is_str(const char *got, const char *exp, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int is_long(long got, long exp, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* |got - exp| <= tol */
int is_num(double got, double exp, double tol, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int tap_done(void);
/* Directory of the repository's tests/ (from $KPI_TESTS, else "tests"). */
const char *tap_tests_dir(void);
/* Whole file into a malloc'd NUL-terminated buffer, or NULL. */
char *tap_slurp(const char *path, size_t *len);

#endif
