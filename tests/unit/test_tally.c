/* Unit tests: lib/tally.c, one warning line per cause and input file. */
#include "kpi/diag.h"
#include "kpi/tally.h"
#include "tap.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void file_len(const char *where, size_t want)
{
	is_long((long)kpi_tally_file_len(where), (long)want, "file part of '%s' is %zu bytes", where, want);
}

/* What kpi_tally_flush prints after the calls of ADD, read back from
 * standard error sent to a temporary file. */
static char *flushed(void (*add)(kpi_tally *))
{
	FILE *tmp = tmpfile();
	int saved = dup(2);
	if (!tmp || saved < 0)
		return NULL;
	fflush(stderr);
	dup2(fileno(tmp), 2);
	kpi_tally t;
	kpi_tally_init(&t, 0);
	add(&t);
	kpi_tally_flush(&t);
	kpi_tally_free(&t);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	long n = ftell(tmp);
	char *s = calloc((size_t)(n > 0 ? n : 0) + 1, 1);
	rewind(tmp);
	if (s && n > 0 && fread(s, 1, (size_t)n, tmp) != (size_t)n)
		s[0] = '\0';
	fclose(tmp);
	return s;
}

static void two_files(kpi_tally *t)
{
	kpi_tally_add_item(t, "a.csv:2", "not in the catalogue", "'x1'");
	kpi_tally_add_item(t, "a.csv:9", "not in the catalogue", "'x2'");
	kpi_tally_add_item(t, "b.csv:2", "not in the catalogue", "'y1'");
	kpi_tally_add_item(t, "a.csv:12:3", "not in the catalogue", "'x3'");
	kpi_tally_add(t, "b.csv:4", "header repeated, skipped");
	kpi_tally_add(t, "b.csv:8", "header repeated, skipped");
}

static void one_file(kpi_tally *t)
{
	for (int i = 0; i < 8; i++) {
		char where[32], item[16];
		snprintf(where, sizeof where, "data.json#/records/%d", i);
		snprintf(item, sizeof item, "'z%d'", i % 7);
		kpi_tally_add_item(t, where, "not in the catalogue", item);
	}
}

int main(void)
{
	kpi_set_prog("test_tally");
	file_len("a.csv:2", 5);
	file_len("a.csv:12:3", 5);
	file_len("-:7", 1);
	file_len("ks2.csv:5:Number achieving Level 4 in English 2007", 7);
	file_len("data.json#/result/records/17", 9);
	file_len("2024:data.csv:5", 13);
	file_len("notes", 5);
	file_len("a.csv:", 6);
	file_len(":12", 0);
	file_len("", 0);
	file_len(NULL, 0);

	char *s = flushed(two_files);
	is_str(s, "test_tally: a.csv:2: not in the catalogue: 'x1', 'x2', 'x3' (3 times; the first here, --verbose lists each)\n"
		  "test_tally: b.csv:2: not in the catalogue: 'y1'\n"
		  "test_tally: b.csv:4: header repeated, skipped (2 times; the first here, --verbose lists each)\n",
	       "a cause is counted per file, in the order first seen");
	free(s);
	s = flushed(one_file);
	is_str(s, "test_tally: data.json#/records/0: not in the catalogue: 'z0', 'z1', 'z2', 'z3', 'z4' and 2 more "
		  "(8 times; the first here, --verbose lists each)\n",
	       "the records of one JSON document are one file; an item once");
	free(s);
	return tap_done();
}
