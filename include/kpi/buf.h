/* buf.h: a growable byte buffer, and allocation that never returns NULL. */
#ifndef KPI_BUF_H
#define KPI_BUF_H
#include <stddef.h>
#include <string.h>

/* Out of memory ends the tool with exit 2 and a message. */
void *kpi_xmalloc(size_t n);
void *kpi_xcalloc(size_t n, size_t size);
void *kpi_xrealloc(void *p, size_t n);
char *kpi_xstrdup(const char *s);
char *kpi_xstrndup(const char *s, size_t n);

typedef struct {
	char *data;   /* always NUL-terminated after any kpi_buf_* call (data may be NULL only before the first) */
	size_t len;
	size_t cap;
} kpi_buf;

#define KPI_BUF_INIT {NULL, 0, 0}
void kpi_buf_init(kpi_buf *b);
void kpi_buf_free(kpi_buf *b);
/* Grows the buffer; the slow path of kpi_buf_reserve. */
void kpi_buf_grow(kpi_buf *b, size_t extra);

/* The hot appends are inline: writers call them once per byte or field. */
static inline void kpi_buf_reserve(kpi_buf *b, size_t extra)
{
	if (b->len + extra + 1 > b->cap)
		kpi_buf_grow(b, extra);
}

static inline void kpi_buf_add(kpi_buf *b, const void *p, size_t n)
{
	kpi_buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static inline void kpi_buf_addc(kpi_buf *b, char c)
{
	kpi_buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void kpi_buf_adds(kpi_buf *b, const char *s);
void kpi_buf_printf(kpi_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void kpi_buf_clear(kpi_buf *b);
/* The contents as a C string ("" for an empty buffer). */
const char *kpi_buf_str(kpi_buf *b);

#endif
