/* typed_write.h: the pieces of a typed record as JSON text, for
 * kpi-normalise's writer (typed_write.c): appended to a kpi_buf, or put
 * through a cursor W into room made before.  The short copies are inline:
 * a call per piece was a tenth of the instructions. */
#ifndef NORMALISE_TYPED_WRITE_H
#define NORMALISE_TYPED_WRITE_H
#include <string.h>
#include "kpi/buf.h"
#include "kpi/bytes.h"
#include "kpi/numfmt.h"
#include "kpi/value.h"
#include "kpi/diag.h"
#include "cells.h"

/* The pieces of a typed record, appended to B as JSON text.  add() is
 * kpi_buf_add without the terminating NUL, always inline (a call per piece
 * was a tenth of the instructions): the last piece of each text is put with
 * kpi_buf_add or ended by end_text(). */
static inline __attribute__((always_inline)) void add(kpi_buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap) /* kpi_buf_reserve, which was not always inlined */
		kpi_buf_grow(b, n);
	if (n) /* P may be NULL when N is 0 (an empty kpi_buf) */
		memcpy(b->data + b->len, p, n);
	b->len += n;
}
#define PUT_LIT(b, lit) add((b), lit, sizeof lit - 1)

/* Into room made before (normalise_record reserves once what a typed
 * record can take), through a cursor W of its own: a check per piece, and
 * the buffer's length loaded and stored again after every byte written
 * (a char store may alias it), were a tenth of the instructions. */
#define W_PUT(w, p, n) (memcpy((w), (p), (n)), (w) += (n))
#define W_LIT(w, lit) W_PUT(w, lit, sizeof lit - 1)

/* W_PUT of a text of any length, most often a few bytes (a value, an area
 * code): those without a call. */
static inline __attribute__((always_inline)) char *w_put(char *w, const void *p, size_t n)
{
	if (n > 16)
		return W_PUT(w, p, n);
	kpi_copy_short(w, p, n);
	return w + n;
}

/* Ends B's text with its NUL (after add()). */
void end_text(kpi_buf *b);
/* S as a JSON string; S or null. */
void put_string(kpi_buf *b, const char *s);
void put_string_or_null(kpi_buf *b, const char *s);
/* The shortest round-trip text of V (null for NaN or infinity, as kpi_jw_number). */
void put_number(kpi_buf *b, double v);
/* The first N bytes of the string field F's decoded text as JSON, at W in
 * B's room; where the text ends. */
char *w_field_string(kpi_buf *b, char *w, const kpi_field *f, size_t n);
/* The shortest round-trip text of V (or null), at W. */
char *w_number(char *w, double v);
/* A field passed through as it was: ',' key ':' value. */
void put_passed(kpi_buf *b, const kpi_field *f);

/* ',"status":' and the name of status ST (the names are words: no escape), at W. */
static inline char *w_status(char *w, kpi_status st)
{
	enum { NST = KPI_ST_LOW_RELIABILITY + 1 };
	static char text[NST][48];
	static unsigned char len[NST];
	unsigned i = (unsigned)st < NST ? (unsigned)st : KPI_ST_ERROR; /* kpi_status_name's "error" */
	if (!len[i]) {
		kpi_buf t = KPI_BUF_INIT;
		PUT_LIT(&t, ",\"status\":");
		put_string(&t, kpi_status_name((kpi_status)i));
		if (t.len > sizeof text[i])
			kpi_die(KPI_EXIT_IO, "a status name of %zu bytes", t.len);
		memcpy(text[i], t.data, t.len);
		len[i] = (unsigned char)t.len;
		kpi_buf_free(&t);
	}
	return W_PUT(w, text[i], len[i]);
}

/* The text of cell C as a JSON string (value_raw), at W in B's room. */
static inline char *w_cell_text(kpi_buf *b, char *w, const cell *c)
{
	if (c->field->type == KPI_JT_STRING)
		return w_field_string(b, w, c->field, c->len);
	*w++ = '"'; /* a JSON number's text needs no escape */
	W_PUT(w, c->text, c->len);
	*w++ = '"';
	return w;
}

/* The number of C (its own text when that is the number's shortest text),
 * else null, at W. */
static inline __attribute__((always_inline)) char *w_cell_value(char *w, const cell *c)
{
	if (c->v.shortest) /* known from the parse (the text is a plain decimal) */
		return w_put(w, c->text, c->len - (c->text[c->len - 1] == '%'));
	if (!kpi_value_known(&c->v))
		return W_LIT(w, "null");
	if (kpi_fmt_is_shortest(c->text, c->len, c->v.value))
		return W_PUT(w, c->text, c->len - (c->text[c->len - 1] == '%'));
	return w_number(w, c->v.value);
}

#endif
