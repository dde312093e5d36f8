/* Unit tests: lib/lines.c, the line reader. */
#include "kpi/lines.h"
#include "tap.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static kpi_lines *from_bytes(const char *bytes, size_t n)
{
	FILE *f = tmpfile();
	fwrite(bytes, 1, n, f);
	rewind(f);
	return kpi_lines_from(f, "t.ndjson");
}

static void expect_lines(const char *name, const char *bytes, size_t n, const char **exp, int nexp)
{
	kpi_lines *r = from_bytes(bytes, n);
	char *line;
	size_t len;
	int i = 0, good = 1;
	while (kpi_lines_next(r, &line, &len) == 1) {
		if (i >= nexp || strlen(exp[i]) != len || memcmp(exp[i], line, len) != 0) {
			diag("%s: line %d is '%s'", name, i + 1, line);
			good = 0;
		}
		i++;
	}
	ok(good && i == nexp, "%s: %d lines as expected (got %d)", name, nexp, i);
	is_long((long)kpi_lines_lineno(r), nexp, "%s: line number", name);
	kpi_lines_close(r);
}

int main(void)
{
	const char *lf[] = {"a", "bc", ""};
	expect_lines("LF", "a\nbc\n\n", 6, lf, 3);
	const char *crlf[] = {"a", "bc"};
	expect_lines("CRLF", "a\r\nbc\r\n", 7, crlf, 2);
	const char *nofinal[] = {"a", "last"};
	expect_lines("no final newline", "a\nlast", 6, nofinal, 2);
	const char *bom[] = {"{}", "\xEF\xBB\xBFx"};
	expect_lines("BOM only on line 1", "\xEF\xBB\xBF{}\n\xEF\xBB\xBFx\n", 11, bom, 2);
	const char *onlybom[] = {""};
	expect_lines("only a BOM", "\xEF\xBB\xBF", 3, onlybom, 1);
	const char *none[] = {NULL};
	expect_lines("empty file", "", 0, none, 0);
	const char *cr[] = {"a\rb"};
	expect_lines("lone CR kept", "a\rb\n", 4, cr, 1);

	/* a 1 MB line between two short ones */
	size_t big = 1 << 20;
	char *bytes = malloc(big + 8);
	memcpy(bytes, "x\n", 2);
	memset(bytes + 2, 'y', big);
	memcpy(bytes + 2 + big, "\nz\n", 3);
	kpi_lines *r = from_bytes(bytes, big + 5);
	char *line;
	size_t len;
	kpi_lines_next(r, &line, &len);
	is_str(line, "x", "1 MB: first line");
	kpi_lines_next(r, &line, &len);
	ok(len == big && line[0] == 'y' && line[big - 1] == 'y' && line[big] == '\0', "1 MB line read whole");
	is_str(kpi_lines_where(r), "t.ndjson:2", "1 MB line: where");
	is_long((long)kpi_lines_offset(r), 2, "1 MB line: byte offset");
	kpi_lines_next(r, &line, &len);
	is_str(line, "z", "1 MB: line after");
	ok(kpi_lines_next(r, &line, &len) == 0, "1 MB: then EOF");
	kpi_lines_close(r);
	free(bytes);

	ok(kpi_lines_open("/nonexistent/x") == NULL, "missing file gives NULL");
	return tap_done();
}
