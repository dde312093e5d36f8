/* csv.c: a streaming CSV/TSV reader over libcsv (see csv.h).
 *
 * Physical lines come from lines.h (BOM and CRLF removed there).  Each line
 * is checked as UTF-8 (or converted from Windows-1252), then fed to libcsv
 * followed by "\n"; a record ends when libcsv ends it, so a quoted field may
 * run over several lines and the row keeps the line where it started.
 * A line without a quote character that starts a record cannot hold anything
 * libcsv would treat specially but the delimiter, so it is split here
 * directly: that is the fast path for nearly every real file. */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "kpi/buf.h"
#include "kpi/csv.h"
#include "kpi/diag.h"
#include "kpi/lines.h"
#include "kpi/text.h"

struct kpi_csv {
	kpi_lines *in;
	struct csv_parser p;
	char delim;
	kpi_encoding enc;
	kpi_buf conv;          /* the line converted from Windows-1252 */
	kpi_buf text;          /* field texts of the row, each NUL-terminated */
	size_t *off;           /* offset of each field in text */
	size_t *len;
	char **field;
	size_t nfield, cap;
	int row_done;          /* set by the end-of-record callback */
	int in_record;         /* a record started on an earlier line has not ended */
	unsigned long start_line;
	kpi_buf raw;           /* the record's lines so far, when it spans several */
	const char *raw_line;  /* the record's only line (reader's buffer) */
	size_t raw_len;
	int raw_multi;
	kpi_csv_row row;
	char err[128];
	unsigned long err_line;
	int err_set;           /* kpi_csv_where names err_line */
	kpi_buf where;
	char *pending;         /* a line the caller already read from IN */
	size_t pending_len;
};

/* libcsv trims spaces around unquoted fields by default; kpi keeps every
 * byte as written ("Close " has a meaningful trailing space in real data). */
static int never_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* Only "\n" ends a record: we feed one line at a time, and a bare "\r"
 * inside a line is data. */
static int is_lf(unsigned char c)
{
	return c == '\n';
}

static void parser_init(kpi_csv *c)
{
	if (csv_init(&c->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		kpi_die(KPI_EXIT_IO, "out of memory");
	csv_set_delim(&c->p, (unsigned char)c->delim);
	csv_set_space_func(&c->p, never_space);
	csv_set_term_func(&c->p, is_lf);
}

static void grow_fields(kpi_csv *c);

/* libcsv grows its field buffer by a fixed block (128 bytes unless told):
 * a quoted field running over many lines was copied again at every step,
 * quadratic in its length (100,000 lines after an unclosed quote took 15.8 s
 * under ASan).  Before each line, the block is set to the buffer's size or
 * the line's length, whichever is larger, so the buffer at least doubles
 * when it grows: linear. */
static size_t block_size(const struct csv_parser *p, size_t line_len)
{
	size_t b = p->entry_size > line_len ? p->entry_size : line_len + 1;
	return b < 128 ? 128 : b;
}

static void add_field(kpi_csv *c, const char *s, size_t n)
{
	if (c->nfield == c->cap)
		grow_fields(c);
	c->off[c->nfield] = c->text.len;
	c->len[c->nfield] = n;
	c->nfield++;
	kpi_buf_reserve(&c->text, n + 1);
	memcpy(c->text.data + c->text.len, s, n);
	c->text.len += n;
	c->text.data[c->text.len++] = '\0';
}

static void on_field(void *s, size_t n, void *data)
{
	add_field(data, s ? s : "", s ? n : 0);
}

static void on_record(int term, void *data)
{
	(void)term;
	((kpi_csv *)data)->row_done = 1;
}

kpi_csv *kpi_csv_open(const char *path, char delim, kpi_encoding enc)
{
	kpi_lines *in = kpi_lines_open(path);
	if (!in)
		return NULL;
	return kpi_csv_from_lines(in, delim, enc, NULL, 0);
}

kpi_csv *kpi_csv_from_lines(kpi_lines *in, char delim, kpi_encoding enc,
			    char *pending, size_t pending_len)
{
	kpi_csv *c = kpi_xcalloc(1, sizeof *c);
	c->pending = pending;
	c->pending_len = pending_len;
	c->in = in;
	c->delim = delim;
	c->enc = enc;
	kpi_buf_init(&c->conv);
	kpi_buf_init(&c->text);
	kpi_buf_init(&c->raw);
	kpi_buf_init(&c->where);
	parser_init(c);
	return c;
}

kpi_csv *kpi_csv_open_or_die(const char *path, char delim, kpi_encoding enc)
{
	kpi_csv *c = kpi_csv_open(path, delim, enc);
	if (!c)
		kpi_die(KPI_EXIT_IO, "%s: %s", path, strerror(errno));
	return c;
}

void kpi_csv_close(kpi_csv *c)
{
	if (!c)
		return;
	kpi_lines_close(c->in);
	csv_free(&c->p);
	kpi_buf_free(&c->conv);
	kpi_buf_free(&c->text);
	kpi_buf_free(&c->raw);
	kpi_buf_free(&c->where);
	free(c->off);
	free(c->len);
	free(c->field);
	free(c);
}

/* Drops a record in progress (after an error) and starts libcsv afresh. */
static void reset_record(kpi_csv *c)
{
	csv_free(&c->p);
	parser_init(c);
	c->in_record = 0;
	c->nfield = 0;
	kpi_buf_clear(&c->text);
}

static int fail(kpi_csv *c, unsigned long line, const char *msg)
{
	snprintf(c->err, sizeof c->err, "%s", msg);
	c->err_line = line;
	c->err_set = 1;
	return -1;
}

static void grow_fields(kpi_csv *c)
{
	c->cap = c->cap ? c->cap * 2 : 32;
	c->off = kpi_xrealloc(c->off, c->cap * sizeof *c->off);
	c->len = kpi_xrealloc(c->len, c->cap * sizeof *c->len);
	c->field = kpi_xrealloc(c->field, c->cap * sizeof *c->field);
}

/* Splits a line holding no quote character into fields: one copy of the
 * line, each delimiter in the copy becoming the NUL that ends a field. */
static void split_plain(kpi_csv *c, const char *s, size_t n)
{
	kpi_buf_clear(&c->text);
	kpi_buf_reserve(&c->text, n + 1);
	char *t = c->text.data;
	memcpy(t, s, n);
	t[n] = '\0';
	c->text.len = n + 1;
	char *p = t, *end = t + n;
	for (;;) {
		if (c->nfield == c->cap)
			grow_fields(c);
		char *d = memchr(p, c->delim, (size_t)(end - p));
		if (!d)
			d = end;
		c->off[c->nfield] = (size_t)(p - t);
		c->len[c->nfield] = (size_t)(d - p);
		c->nfield++;
		if (d == end)
			return;
		*d = '\0';
		p = d + 1;
	}
}

static void keep_raw_line(kpi_csv *c, const char *line, size_t n)
{
	if (!c->raw_multi) {
		kpi_buf_clear(&c->raw);
		c->raw_multi = 1;
	} else {
		kpi_buf_addc(&c->raw, '\n');
	}
	kpi_buf_add(&c->raw, line, n);
}

/* The row's raw text ends with LINE: the lines kept so far and LINE when the
 * row spans several (MULTI), else LINE alone. */
static void set_raw(kpi_csv *c, const char *line, size_t n, int multi)
{
	if (multi) {
		keep_raw_line(c, line, n);
		c->raw_line = c->raw.data;
		c->raw_len = c->raw.len;
	} else {
		c->raw_line = line;
		c->raw_len = n;
	}
}

static void finish_row(kpi_csv *c, kpi_csv_row **row)
{
	for (size_t i = 0; i < c->nfield; i++)
		c->field[i] = c->text.data + c->off[i];
	c->row.n = c->nfield;
	c->row.field = c->field;
	c->row.len = c->len;
	c->row.line = c->start_line;
	c->row.end_line = kpi_lines_lineno(c->in);
	*row = &c->row;
}

int kpi_csv_read(kpi_csv *c, kpi_csv_row **row)
{
	char *line;
	size_t n;

	c->err_set = 0;
	for (;;) {
		int r;
		if (c->pending) {
			line = c->pending;
			n = c->pending_len;
			c->pending = NULL;
			r = 1;
		} else {
			r = kpi_lines_next(c->in, &line, &n);
		}
		if (r < 0) {
			/* the reader's error, not the data's: no line to name */
			snprintf(c->err, sizeof c->err, "%s", strerror(errno));
			c->err_set = 0;
			return -2;
		}
		if (r == 0) {
			if (!c->in_record)
				return 0;
			/* Every line we feed ends with "\n", so a record still open
			 * at end of file is inside a quoted field. */
			unsigned long start = c->start_line;
			c->raw_line = c->raw.data;
			c->raw_len = c->raw.len;
			reset_record(c);
			return fail(c, start, "unterminated quoted field");
		}
		if (!c->in_record && n == 0)
			continue;   /* blank line */

		unsigned long lineno = kpi_lines_lineno(c->in);
		/* text: valid UTF-8 without control characters but TAB and CR
		 * (text.h), checked on the line as it will be read */
		const char *raw_line = line;
		size_t raw_n = n;
		if (c->enc == KPI_ENC_WINDOWS_1252) {
			kpi_buf_clear(&c->conv);
			kpi_cp1252_to_utf8(&c->conv, line, n);
			line = c->conv.data;
			n = c->conv.len;
		}
		size_t ok = kpi_text_check(line, n);
		if (ok != n) {
			char msg[96], what[32];
			/* the offset in the file: one Windows-1252 byte per character */
			unsigned long long at = ok;
			if (c->enc == KPI_ENC_WINDOWS_1252) {
				at = 0;
				for (size_t i = 0; i < ok; i++)
					at += ((unsigned char)line[i] & 0xC0) != 0x80;
			}
			at += kpi_lines_offset(c->in);
			if (kpi_text_control_name(line, n, ok, what))
				snprintf(msg, sizeof msg, "%s at byte offset %llu", what, at);
			else
				snprintf(msg, sizeof msg, "invalid UTF-8 (byte 0x%02x at byte offset %llu)",
					 (unsigned char)line[ok], at);
			set_raw(c, raw_line, raw_n, c->in_record);
			reset_record(c);
			return fail(c, lineno, msg);
		}

		if (!c->in_record) {
			c->start_line = lineno;
			c->nfield = 0;
			c->raw_multi = 0;
			kpi_buf_clear(&c->text);
			if (!memchr(line, '"', n)) {
				split_plain(c, line, n);
				c->raw_line = line;
				c->raw_len = n;
				finish_row(c, row);
				return 1;
			}
		}

		c->row_done = 0;
		csv_set_blk_size(&c->p, block_size(&c->p, n));
		size_t used = csv_parse(&c->p, line, n, on_field, on_record, c);
		if (used == n)
			csv_parse(&c->p, "\n", 1, on_field, on_record, c);
		if (csv_error(&c->p) == CSV_EPARSE) {
			unsigned long start = c->in_record ? c->start_line : lineno;
			int stray = used < n && line[used] == '"';
			set_raw(c, line, n, c->in_record);
			reset_record(c);
			return fail(c, start, stray ? "stray quote in an unquoted field"
						    : "text after a closing quote");
		}
		if (csv_error(&c->p) != CSV_SUCCESS)
			kpi_die(KPI_EXIT_IO, "%s: %s", kpi_lines_name(c->in),
				csv_strerror(csv_error(&c->p)));
		if (c->row_done) {
			set_raw(c, line, n, c->raw_multi);
			c->in_record = 0;
			finish_row(c, row);
			return 1;
		}
		/* a quoted field continues on the next line */
		c->in_record = 1;
		keep_raw_line(c, line, n);
	}
}

int kpi_csv_next(kpi_csv *c, kpi_csv_row **row)
{
	int rc = kpi_csv_read(c, row);
	if (rc == -2)
		kpi_die(KPI_EXIT_IO, "%s: %s", kpi_lines_name(c->in), c->err);
	return rc;
}

int kpi_csv_rewindable(const kpi_csv *c)
{
	return kpi_lines_rewindable(c->in);
}

int kpi_csv_rewind(kpi_csv *c)
{
	if (kpi_lines_rewind(c->in) != 0)
		return -1;
	reset_record(c);
	c->pending = NULL;
	c->err_set = 0;
	c->raw_multi = 0;
	c->raw_line = NULL;
	c->raw_len = 0;
	return 0;
}

const char *kpi_csv_error(const kpi_csv *c)
{
	return c->err;
}

const char *kpi_csv_where(kpi_csv *c)
{
	unsigned long line = c->err_set ? c->err_line : c->row.line;
	kpi_buf_clear(&c->where);
	kpi_buf_printf(&c->where, "%s:%lu", kpi_lines_name(c->in), line);
	return c->where.data;
}

const char *kpi_csv_name(const kpi_csv *c)
{
	return kpi_lines_name(c->in);
}

const char *kpi_csv_raw(kpi_csv *c, size_t *len)
{
	if (len)
		*len = c->raw_len;
	return c->raw_line ? c->raw_line : "";
}
