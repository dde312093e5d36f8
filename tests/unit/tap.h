/* tap.h: a tiny TAP producer for the C unit tests.
 *   ok(cond, "name %d", i);  is_str(got, exp, "name");  is_num(got, exp, tol, "name");
 *   return tap_done();        prints "1..N" and returns non-zero when any failed.
 * Each test program prints TAP; scripts/run-tests counts "ok"/"not ok" lines,
 * one line per test case.
 *
 * A case with several checks (a row of a table, a vector of a vector file):
 *   tap_case("2017-06");  is_str(...); is_long(...);  tap_case_end();
 * prints ONE line, "ok N - 2017-06", or "not ok N - 2017-06" followed by the
 * failing checks as "#" comments.  tap_vector() is tap_case() for a vector
 * of a tests/vectors file: its line reads "ok N - vector: NAME", which
 * scripts/run-tests counts apart. */
#ifndef KPI_TAP_H
#define KPI_TAP_H
#include <stddef.h>
#include <stdint.h>

int ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int is_str(const char *got, const char *exp, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int is_long(long got, long exp, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* |got - exp| <= tol */
int is_num(double got, double exp, double tol, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Open a case: the checks until tap_case_end() are its fields. */
void tap_case(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tap_vector(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Close the case: prints its one TAP line; returns 1 when every field passed. */
int tap_case_end(void);
int tap_done(void);
/* The next number of a deterministic generator (xorshift64*) whose state
 * the test keeps, seeded by its own constant, so a failure can be replayed. */
static inline uint64_t tap_rng(uint64_t *state)
{
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return *state * 2685821657736338717ULL;
}
/* Directory of the repository's tests/ (from $KPI_TESTS, else "tests"). */
const char *tap_tests_dir(void);
/* Whole file into a malloc'd NUL-terminated buffer, or NULL. */
char *tap_slurp(const char *path, size_t *len);

#endif
