/* Unit tests: lib/lines.c, the line reader. */
#include "kpi/lines.h"
#include "tap.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	const char *crkept[] = {"x", "a\rb"};
	expect_lines("LF file: a lone CR stays in its line", "x\na\rb\n", 6, crkept, 2);
	const char *cr[] = {"a", "b", "", "c"};
	expect_lines("CR file (first end a lone CR)", "a\rb\r\rc\r", 7, cr, 4);
	const char *crmixed[] = {"a", "b", "c", "d"};
	expect_lines("CR file: CRLF and LF end lines too", "a\rb\r\nc\nd", 8, crmixed, 4);
	const char *crbom[] = {"h", "1"};
	expect_lines("CR file with a BOM", "\xEF\xBB\xBFh\r1\r", 7, crbom, 2);
	const char *crlast[] = {"a"};
	expect_lines("a lone CR at the very end", "a\r", 2, crlast, 1);

	/* a CR file whose "\r\n" is split by the reader's first read (128 KB) */
	size_t fill = (1 << 17) - 1 - 2; /* "a\r" then the long line's "\r" at byte 131071 */
	char *split = malloc(fill + 8);
	memcpy(split, "a\r", 2);
	memset(split + 2, 'y', fill);
	memcpy(split + 2 + fill, "\r\nz\r", 4);
	kpi_lines *sr = from_bytes(split, fill + 6);
	char *sl;
	size_t sn;
	kpi_lines_next(sr, &sl, &sn);
	is_str(sl, "a", "split CRLF: first line");
	kpi_lines_next(sr, &sl, &sn);
	ok(sn == fill && sl[0] == 'y' && sl[fill - 1] == 'y', "split CRLF: the long line whole");
	kpi_lines_next(sr, &sl, &sn);
	is_str(sl, "z", "split CRLF: no empty line between");
	is_long((long)kpi_lines_lineno(sr), 3, "split CRLF: line 3");
	ok(kpi_lines_next(sr, &sl, &sn) == 0, "split CRLF: then EOF");
	kpi_lines_close(sr);
	free(split);

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

	/* rewinding: a regular file is read again from where the reader began */
	FILE *f = tmpfile();
	fputs("skipped\n\xEF\xBB\xBFh\r\n1\r\n", f);
	rewind(f);
	char skip[16];
	if (!fgets(skip, sizeof skip, f)) /* standard input may not start at byte 0 */
		return 1;
	fflush(f);
	kpi_lines *rw = kpi_lines_from(f, "rw.csv");
	ok(kpi_lines_rewindable(rw), "a regular file is rewindable");
	kpi_lines_next(rw, &line, &len);
	kpi_lines_next(rw, &line, &len);
	is_str(line, "1", "rewind: read to line 2");
	ok(kpi_lines_next(rw, &line, &len) == 0, "rewind: then EOF");
	is_long(kpi_lines_rewind(rw), 0, "rewind: done");
	kpi_lines_next(rw, &line, &len);
	is_str(line, "h", "rewind: the first line again, BOM and CR removed, not the bytes before the start");
	is_str(kpi_lines_where(rw), "rw.csv:1", "rewind: numbered 1 again");
	is_long((long)kpi_lines_offset(rw), 0, "rewind: offset 0 again");
	kpi_lines_close(rw);
	fclose(f);
	int fds[2];
	if (pipe(fds) != 0)
		return 1;
	FILE *pf = fdopen(fds[0], "r");
	kpi_lines *pr = kpi_lines_from(pf, "-");
	ok(!kpi_lines_rewindable(pr) && kpi_lines_rewind(pr) == -1, "a pipe is not rewindable");
	kpi_lines_close(pr);
	fclose(pf);
	close(fds[1]);
	kpi_lines *mr = kpi_lines_from_memory("a\n", 2, "m");
	ok(!kpi_lines_rewindable(mr), "bytes in memory are not rewindable (the reader writes over them)");
	kpi_lines_close(mr);

	ok(kpi_lines_open("/nonexistent/x") == NULL, "missing file gives NULL");
	return tap_done();
}
