/* json_write.h: a fast JSON writer into a kpi_buf, one record per line,
 * without building a jansson tree.  Strings are escaped per RFC 8259
 * (quote, backslash and control characters; non-ASCII UTF-8 is written as is).
 *
 *   kpi_jw w; kpi_jw_init(&w, &buf);
 *   kpi_jw_begin_object(&w);
 *   kpi_jw_key(&w, "indicator"); kpi_jw_string(&w, "CLA01");
 *   kpi_jw_knum(&w, "value", 23.5);
 *   kpi_jw_end_object(&w);
 *   kpi_jw_newline(&w);          then kpi_out_buf(&buf)
 */
#ifndef KPI_JSON_WRITE_H
#define KPI_JSON_WRITE_H
#include <stddef.h>
#include <jansson.h>
#include "kpi/buf.h"

#define KPI_JW_MAXDEPTH 64
typedef struct {
	kpi_buf *b;
	int depth;
	unsigned char count[KPI_JW_MAXDEPTH]; /* items written at each depth (saturating) */
	int after_key;
	int bad_number; /* set when a NaN or infinity was offered (null written instead) */
} kpi_jw;

void kpi_jw_init(kpi_jw *w, kpi_buf *b);
void kpi_jw_begin_object(kpi_jw *w);
void kpi_jw_end_object(kpi_jw *w);
void kpi_jw_begin_array(kpi_jw *w);
void kpi_jw_end_array(kpi_jw *w);
void kpi_jw_key(kpi_jw *w, const char *key);
void kpi_jw_keyn(kpi_jw *w, const char *key, size_t n);
/* A key written as given: QUOTED[0..n) is the key's JSON string and its
 * colon.  KPI_JW_KEY_LIT(w, "value") makes it of a literal key that needs no
 * escape, for the keys a tool writes in every record. */
void kpi_jw_key_quoted(kpi_jw *w, const char *quoted, size_t n);
#define KPI_JW_KEY_LIT(w, key) kpi_jw_key_quoted((w), "\"" key "\":", sizeof("\"" key "\":") - 1)
void kpi_jw_string(kpi_jw *w, const char *s);
void kpi_jw_stringn(kpi_jw *w, const char *s, size_t n);
/* Shortest round-trip text.  NaN/inf: writes null, sets w->bad_number, returns -1;
 * a tool must treat that as an error (numbers are never NaN in the contract). */
int kpi_jw_number(kpi_jw *w, double v);
/* The same, for V read from TEXT[0..len) (a trailing '%' is passed over):
 * TEXT is written as it is when it is provably the shortest round-trip text
 * of V (a plain decimal of at most 15 digits that reads back as V), which
 * saves formatting the number again. */
int kpi_jw_number_text(kpi_jw *w, double v, const char *text, size_t len);
void kpi_jw_null(kpi_jw *w);
void kpi_jw_bool(kpi_jw *w, int v);
/* A JSON value written as given (already valid JSON, e.g. a pass-through field). */
void kpi_jw_raw(kpi_jw *w, const char *json, size_t n);
/* The text of items this writer wrote before from the same state (in the
 * same place of an object: the separator before the first included), again;
 * ITEMS is how many there are now at this depth.  For parts of a record that
 * repeat from record to record (kpi-normalise's catalogue words and period). */
void kpi_jw_replay(kpi_jw *w, const char *json, size_t n, unsigned items);
/* A jansson value, numbers in the shortest form.  Returns -1 on NaN/inf. */
int kpi_jw_json(kpi_jw *w, const json_t *v);
/* Ends the line: "\n" (only at depth 0). */
void kpi_jw_newline(kpi_jw *w);

/* key + value shorthands */
void kpi_jw_kstr(kpi_jw *w, const char *key, const char *s);       /* s NULL -> null */
int  kpi_jw_knum(kpi_jw *w, const char *key, double v);
void kpi_jw_knull(kpi_jw *w, const char *key);
void kpi_jw_kbool(kpi_jw *w, const char *key, int v);
/* number when has is non-zero, else null */
int  kpi_jw_knum_or_null(kpi_jw *w, const char *key, int has, double v);

/* Append s escaped as a JSON string (with quotes) to b. */
void kpi_json_escape(kpi_buf *b, const char *s, size_t n);

#endif
