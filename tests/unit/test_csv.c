/* test_csv.c: the streaming CSV reader (csv.h) and encodings (encoding.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kpi/buf.h"
#include "kpi/csv.h"
#include "kpi/encoding.h"
#include "tap.h"

static char path[64];

/* Writes TEXT (N bytes) to a temporary file and opens it. */
static kpi_csv *open_text(const char *text, size_t n, char delim, kpi_encoding enc)
{
	snprintf(path, sizeof path, "/tmp/test_csv.%ld.csv", (long)getpid());
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(text, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
	kpi_csv *c = kpi_csv_open(path, delim, enc);
	if (!c) {
		perror(path);
		exit(2);
	}
	return c;
}
#define OPEN(lit) open_text(lit, sizeof(lit) - 1, ',', KPI_ENC_UTF8)

/* The row as "a|b|c@LINE" for compact comparisons. */
static const char *show(kpi_csv_row *r)
{
	static kpi_buf b;
	kpi_buf_clear(&b);
	for (size_t i = 0; i < r->n; i++) {
		if (i)
			kpi_buf_addc(&b, '|');
		kpi_buf_add(&b, r->field[i], r->len[i]);
	}
	kpi_buf_printf(&b, "@%lu", r->line);
	return kpi_buf_str(&b);
}

static const char *where_tail(kpi_csv *c)
{
	/* ":LINE" part of "FILE:LINE" */
	return strrchr(kpi_csv_where(c), ':');
}

int main(void)
{
	kpi_csv *c;
	kpi_csv_row *r;

	/* plain rows, blank lines skipped, line numbers */
	c = OPEN("a,b,c\n\n1,2,3\n\n\n4,,6");
	is_long(kpi_csv_next(c, &r), 1, "header row");
	is_str(show(r), "a|b|c@1", "header fields and line");
	is_long(kpi_csv_next(c, &r), 1, "row after blank line");
	is_str(show(r), "1|2|3@3", "line 3");
	is_long(kpi_csv_next(c, &r), 1, "last line without newline");
	is_str(show(r), "4||6@6", "empty middle field, line 6");
	is_str(where_tail(c), ":6", "where names line 6");
	is_long(kpi_csv_next(c, &r), 0, "end of file");
	kpi_csv_close(c);

	/* quoting: delimiters, doubled quotes, newlines inside quotes */
	c = OPEN("x,y\n\"Bristol, City of\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\nnext,1\n");
	kpi_csv_next(c, &r);
	is_long(kpi_csv_next(c, &r), 1, "quoted row");
	is_str(show(r), "Bristol, City of|say \"hi\"@2", "comma and doubled quotes");
	is_long(kpi_csv_next(c, &r), 1, "multi-line row");
	is_str(show(r), "two\nlines|z@3", "newline kept, row starts on line 3");
	is_long((long)r->end_line, 4, "row ends on line 4");
	size_t rawlen;
	const char *raw = kpi_csv_raw(c, &rawlen);
	is_str(raw, "\"two\nlines\",z", "raw text of both lines");
	is_long(kpi_csv_next(c, &r), 1, "row after multi-line row");
	is_str(show(r), "next|1@5", "line count continues");
	raw = kpi_csv_raw(c, &rawlen);
	is_str(raw, "next,1", "raw text of a plain row");
	kpi_csv_close(c);

	/* BOM, CRLF, spaces kept, quoted empty fields */
	c = OPEN("\xEF\xBB\xBFname,v \r\n Close ,\"\"\r\n\"\",\r\n");
	kpi_csv_next(c, &r);
	is_str(show(r), "name|v @1", "BOM removed, CR removed, trailing space kept");
	kpi_csv_next(c, &r);
	is_str(show(r), " Close |@2", "leading and trailing spaces kept, \"\" is empty");
	kpi_csv_next(c, &r);
	is_str(show(r), "|@3", "quoted empty then empty");
	is_long((long)r->n, 2, "two fields");
	is_long(kpi_csv_next(c, &r), 0, "end");
	kpi_csv_close(c);

	/* TSV: commas are data */
	c = open_text("a\tb\n1,5\t\"q\"\n", 11 + 1, '\t', KPI_ENC_UTF8);
	kpi_csv_next(c, &r);
	kpi_csv_next(c, &r);
	is_str(show(r), "1,5|q@2", "TSV with comma in field");
	kpi_csv_close(c);

	/* invalid UTF-8: error naming the byte and file offset, then carry on */
	c = OPEN("a,b\ncaf\xE9,1\nok,2\n");
	kpi_csv_next(c, &r);
	is_long(kpi_csv_next(c, &r), -1, "invalid UTF-8 is an error");
	is_str(kpi_csv_error(c), "invalid UTF-8 (byte 0xe9 at byte offset 7)", "message");
	is_str(where_tail(c), ":2", "at line 2");
	raw = kpi_csv_raw(c, &rawlen);
	is_long((long)rawlen, 6, "raw line kept for rejects");
	is_long(kpi_csv_next(c, &r), 1, "reading continues");
	is_str(show(r), "ok|2@3", "next row");
	kpi_csv_close(c);

	/* Windows-1252 converted */
	c = open_text("caf\xE9,\x80\x93\n", 8, ',', KPI_ENC_WINDOWS_1252);
	is_long(kpi_csv_next(c, &r), 1, "cp1252 row");
	is_str(show(r), "caf\xC3\xA9|\xE2\x82\xAC\xE2\x80\x9C@1", "e-acute, euro, left double quote");
	kpi_csv_close(c);

	/* unterminated quote at end of file */
	c = OPEN("a,b\n1,2\n3,\"open\nmore\n");
	kpi_csv_next(c, &r);
	kpi_csv_next(c, &r);
	is_long(kpi_csv_next(c, &r), -1, "unterminated quote");
	is_str(kpi_csv_error(c), "unterminated quoted field", "message");
	is_str(where_tail(c), ":3", "where the record starts");
	raw = kpi_csv_raw(c, &rawlen);
	is_str(raw, "3,\"open\nmore", "raw text of the open record");
	is_long(kpi_csv_next(c, &r), 0, "then end of file");
	kpi_csv_close(c);

	/* stray quote, text after closing quote */
	c = OPEN("a,b\"c\n\"x\"y,1\n\"fine\",2\n");
	is_long(kpi_csv_next(c, &r), -1, "stray quote");
	is_str(kpi_csv_error(c), "stray quote in an unquoted field", "stray message");
	is_long(kpi_csv_next(c, &r), -1, "text after closing quote");
	is_str(kpi_csv_error(c), "text after a closing quote", "after-quote message");
	is_str(where_tail(c), ":2", "line 2");
	is_long(kpi_csv_next(c, &r), 1, "recovers");
	is_str(show(r), "fine|2@3", "quoted row after errors");
	kpi_csv_close(c);

	/* a huge field */
	{
		size_t big = 1 << 20;
		char *t = malloc(big + 16);
		memset(t, 'x', big);
		memcpy(t + big, ",\"y\"\n", 5);
		c = open_text(t, big + 5, ',', KPI_ENC_UTF8);
		is_long(kpi_csv_next(c, &r), 1, "huge row");
		is_long((long)r->len[0], (long)big, "1 MiB field");
		is_str(r->field[1], "y", "field after it");
		kpi_csv_close(c);
		free(t);
	}

	/* empty file, only blank lines */
	c = OPEN("");
	is_long(kpi_csv_next(c, &r), 0, "empty file");
	kpi_csv_close(c);
	c = OPEN("\n\r\n\n");
	is_long(kpi_csv_next(c, &r), 0, "blank lines only");
	kpi_csv_close(c);

	/* over a line reader whose first line the caller already read */
	{
		kpi_lines *in = kpi_lines_from_memory("h1,h2\n\"a\nb\",c\n", 14, "mem");
		char *line;
		size_t n;
		kpi_lines_next(in, &line, &n);
		c = kpi_csv_from_lines(in, ',', KPI_ENC_UTF8, line, n);
		is_long(kpi_csv_next(c, &r), 1, "pending line read first");
		is_str(show(r), "h1|h2@1", "pending line is the header");
		is_long(kpi_csv_next(c, &r), 1, "then the reader's lines");
		is_str(show(r), "a\nb|c@2", "multi-line row after it");
		is_str(kpi_csv_where(c), "mem:2", "where uses the reader's name");
		is_long(kpi_csv_next(c, &r), 0, "end");
		kpi_csv_close(c);
	}

	/* missing file */
	ok(kpi_csv_open("/nonexistent/x.csv", ',', KPI_ENC_UTF8) == NULL, "missing file gives NULL");

	/* encoding names */
	is_long(kpi_encoding_from_name("UTF-8"), KPI_ENC_UTF8, "UTF-8");
	is_long(kpi_encoding_from_name("cp1252"), KPI_ENC_WINDOWS_1252, "cp1252");
	is_long(kpi_encoding_from_name("Windows-1252"), KPI_ENC_WINDOWS_1252, "Windows-1252");
	is_long(kpi_encoding_from_name("latin9"), -1, "unknown");
	kpi_buf b = KPI_BUF_INIT;
	kpi_cp1252_to_utf8(&b, "\x81\xFF" "a", 3);
	is_str(kpi_buf_str(&b), "\xC2\x81\xC3\xBF" "a", "undefined byte to C1, 0xFF to y-diaeresis");
	kpi_buf_free(&b);

	unlink(path);
	/* rewinding: the rows again from the first, quoted rows included */
	c = OPEN("h,v\n\"a\nb\",1\n2,3\n");
	ok(kpi_csv_rewindable(c), "rewind: a file can be read again");
	kpi_csv_next(c, &r);
	kpi_csv_next(c, &r);
	is_long(kpi_csv_next(c, &r), 1, "rewind: to the last row");
	is_long(kpi_csv_next(c, &r), 0, "rewind: end");
	is_long(kpi_csv_rewind(c), 0, "rewind: done");
	kpi_csv_next(c, &r);
	is_str(show(r), "h|v@1", "rewind: the header again");
	kpi_csv_next(c, &r);
	is_str(show(r), "a\nb|1@2", "rewind: a quoted line break again");
	kpi_csv_close(c);
	/* rewinding in the middle of an unterminated quote starts afresh */
	c = OPEN("h\n\"open\n");
	kpi_csv_next(c, &r);
	is_long(kpi_csv_next(c, &r), -1, "rewind: unterminated quote");
	is_long(kpi_csv_rewind(c), 0, "rewind after an error");
	is_long(kpi_csv_next(c, &r), 1, "rewind: the header after the error");
	is_str(show(r), "h@1", "rewind: the header's fields");
	kpi_csv_close(c);

	return tap_done();
}
