/* buf.c: growable byte buffer and checked allocation. */
#include "kpi/buf.h"
#include "kpi/diag.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Noreturn void out_of_memory(size_t n)
{
	kpi_die(KPI_EXIT_IO, "out of memory (%zu bytes)", n);
}

void *kpi_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

void *kpi_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory(n * size);
	return p;
}

void *kpi_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory(n);
	return q;
}

char *kpi_xstrndup(const char *s, size_t n)
{
	char *p = kpi_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *kpi_xstrdup(const char *s)
{
	return kpi_xstrndup(s, strlen(s));
}

void kpi_buf_init(kpi_buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void kpi_buf_free(kpi_buf *b)
{
	free(b->data);
	kpi_buf_init(b);
}

void kpi_buf_grow(kpi_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->data = kpi_xrealloc(b->data, cap);
	b->cap = cap;
	b->data[b->len] = '\0'; /* the promise of buf.h holds from the first allocation */
}

void kpi_buf_adds(kpi_buf *b, const char *s)
{
	kpi_buf_add(b, s, strlen(s));
}

void kpi_buf_printf(kpi_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char small[256];
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		kpi_buf_add(b, small, (size_t)n);
		return;
	}
	kpi_buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void kpi_buf_clear(kpi_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

const char *kpi_buf_str(kpi_buf *b)
{
	return b->data ? b->data : "";
}
