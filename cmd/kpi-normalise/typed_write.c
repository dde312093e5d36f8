/* typed_write.c: the pieces of a typed record that kpi-normalise writes
 * by call (typed_write.h has the inline ones): JSON strings and numbers,
 * a string field's text as it was or escaped again, a field passed
 * through. */
#include "typed_write.h"
#include "kpi/diag.h"
#include "kpi/json_write.h"

void end_text(kpi_buf *b)
{
	kpi_buf_reserve(b, 0);
	b->data[b->len] = '\0';
}

void put_string(kpi_buf *b, const char *s)
{
	kpi_json_escape(b, s, strlen(s));
}

void put_string_or_null(kpi_buf *b, const char *s)
{
	if (s)
		put_string(b, s);
	else
		PUT_LIT(b, "null");
}

void put_number(kpi_buf *b, double v)
{
	char t[KPI_NUM_BUFSZ];
	int n = kpi_fmt_double(t, v);
	if (n < 0)
		PUT_LIT(b, "null");
	else
		add(b, t, (size_t)n);
}

/* The first N bytes of the string field F's decoded text as JSON, at W
 * in B's room: the field's own text when that is all of it and holds no
 * escape (then it is exactly what escaping gives: the parser let through
 * no quote, backslash or control character), else the bytes escaped
 * again.  A string holds an escape exactly when its text is more than its
 * bytes and the two quotes (every escape is longer than what it stands
 * for).  Where the text ends. */
char *w_field_string(kpi_buf *b, char *w, const kpi_field *f, size_t n)
{
	if (n == f->str_len && f->raw_len == f->str_len + 2)
		return w_put(w, f->raw, f->raw_len);
	b->len = (size_t)(w - b->data);
	kpi_json_escape(b, f->str, n);
	return b->data + b->len;
}

/* The shortest round-trip text of V (null for NaN or infinity, as
 * kpi_jw_number), at W. */
char *w_number(char *w, double v)
{
	char t[KPI_NUM_BUFSZ];
	int n = kpi_fmt_double(t, v);
	if (n < 0)
		return W_LIT(w, "null");
	return W_PUT(w, t, (size_t)n);
}

void put_passed(kpi_buf *b, const kpi_field *f)
{
	kpi_buf_addc(b, ',');
	kpi_json_escape(b, f->key, f->key_len);
	kpi_buf_addc(b, ':');
	add(b, f->raw, f->raw_len);
}
