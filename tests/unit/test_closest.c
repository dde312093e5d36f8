/* test_closest.c: the values nearest a mistyped one (lib/closest.c) and
 * warnings by cause (lib/tally.c). */
#include "kpi/buf.h"
#include "kpi/closest.h"
#include "kpi/tally.h"
#include "tap.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	is_long((long)kpi_edit_distance("kitten", 6, "sitting", 7), 3, "kitten/sitting");
	is_long((long)kpi_edit_distance("", 0, "abc", 3), 3, "empty to abc");
	is_long((long)kpi_edit_distance("Leeds", 5, "leeds", 5), 0, "case is ignored");

	kpi_buf b = KPI_BUF_INIT;
	const char *levels[] = {"Regional", "National", "Local authority"};
	kpi_closest(&b, levels, 3, "Local Authority", 10);
	is_str(b.data, "Local authority, National, Regional", "the case-insensitive match first, then by distance");

	kpi_buf_clear(&b);
	const char *areas[] = {"York", "Leicester", "Leeds", "Barnet", "Kent", "Wigan"};
	kpi_closest(&b, areas, 6, "leeds", 3);
	is_str(b.data, "Leeds, Kent, Wigan, ... (6 in all)", "cut at MAX, with the count");

	kpi_buf_clear(&b);
	kpi_closest(&b, areas, 0, "x", 3);
	is_str(kpi_buf_str(&b), "", "nothing to list: nothing appended");

	kpi_buf_clear(&b);
	const char *ties[] = {"b", "a", "c"};
	kpi_closest(&b, ties, 3, "z", 10);
	is_str(b.data, "a, b, c", "ties in byte order");
	kpi_buf_free(&b);

	/* tally: stderr into a file */
	char path[64];
	snprintf(path, sizeof path, "/tmp/test_closest.%ld", (long)getpid());
	fflush(stderr);
	if (!freopen(path, "w", stderr))
		return 1;
	kpi_tally t;
	kpi_tally_init(&t, 0);
	kpi_tally_add(&t, "f.csv:7", "note: header repeated, skipped");
	kpi_tally_add(&t, "f.csv:9", "other cause");
	kpi_tally_add(&t, "f.csv:12", "note: header repeated, skipped");
	kpi_tally_add(&t, "f.csv:20", "note: header repeated, skipped");
	kpi_tally_flush(&t);
	kpi_tally_flush(&t); /* flushed causes are forgotten */
	kpi_tally_free(&t);
	kpi_tally_init(&t, 1);
	kpi_tally_add(&t, "g.csv:2", "each");
	kpi_tally_add(&t, "g.csv:3", "each");
	kpi_tally_add_item(&t, "g.csv:4", "unknown", "'a'");
	kpi_tally_flush(&t);
	kpi_tally_free(&t);
	/* a cause with items lists the first five */
	kpi_tally_init(&t, 0);
	static const char *const item[] = {"'x1'", "'x2'", "'x3'", "'x4'", "'x5'", "'x6'", "'x7'"};
	for (int i = 0; i < 7; i++)
		kpi_tally_add_item(&t, i ? "h.csv:9" : "h.csv:2", "unknown indicator", item[i]);
	kpi_tally_add_item(&t, "h.csv:3", "one of a kind", "'y'");
	kpi_tally_add_item(&t, "h.csv:4", "two", "'z1'");
	kpi_tally_add_item(&t, "h.csv:5", "two", "'z2'");
	/* the same item again is listed once, and is no "more" */
	kpi_tally_add_item(&t, "h.csv:6", "same item", "a.csv:2");
	kpi_tally_add_item(&t, "h.csv:7", "same item", "a.csv:2");
	kpi_tally_flush(&t);
	kpi_tally_free(&t);
	fclose(stderr);
	size_t n;
	char *text = tap_slurp(path, &n);
	unlink(path);
	is_str(text, "kpi: f.csv:7: note: header repeated, skipped (3 times; the first here, --verbose lists each)\n"
		     "kpi: f.csv:9: other cause\n"
		     "kpi: g.csv:2: each\n"
		     "kpi: g.csv:3: each\n"
		     "kpi: g.csv:4: unknown: 'a'\n"
		     "kpi: h.csv:2: unknown indicator: 'x1', 'x2', 'x3', 'x4', 'x5' and 2 more "
		     "(7 times; the first here, --verbose lists each)\n"
		     "kpi: h.csv:3: one of a kind: 'y'\n"
		     "kpi: h.csv:4: two: 'z1', 'z2' (2 times; the first here, --verbose lists each)\n"
		     "kpi: h.csv:6: same item: a.csv:2 (2 times; the first here, --verbose lists each)\n",
	       "one line per cause, in order; verbose: every one; the first items listed");
	free(text);
	return tap_done();
}
