/* names.c: snake_case column names and folded matching keys. */
#include <stdlib.h>
#include <string.h>
#include "kpi/names.h"

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

void kpi_snake_case(kpi_buf *out, const char *s, size_t n)
{
	kpi_buf_clear(out);
	kpi_buf_reserve(out, n);
	int pending_sep = 0;
	for (size_t i = 0; i < n; i++) {
		char c = lower(s[i]);
		int keep = alnum(c) || (unsigned char)c >= 0x80;
		if (!keep) {
			pending_sep = out->len > 0;
			continue;
		}
		if (pending_sep)
			kpi_buf_addc(out, '_');
		pending_sep = 0;
		kpi_buf_addc(out, c);
	}
	if (!out->data)
		kpi_buf_add(out, "", 0);
}

/* Length of a UTF-8 punctuation or space character at s that folding drops
 * (curly quotes and apostrophes, en and em dashes, no-break space), else 0. */
static size_t unicode_punct(const unsigned char *s, size_t n)
{
	if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2; /* U+00A0 */
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x90 && s[2] <= 0x9F)
		return 3; /* U+2010..U+201F: dashes and quotation marks */
	return 0;
}

void kpi_fold_name(kpi_buf *out, const char *s, size_t n)
{
	kpi_buf_clear(out);
	kpi_buf_reserve(out, n);
	for (size_t i = 0; i < n; i++) {
		size_t skip = unicode_punct((const unsigned char *)s + i, n - i);
		if (skip) {
			i += skip - 1;
			continue;
		}
		char c = lower(s[i]);
		if (alnum(c) || (unsigned char)c >= 0x80)
			kpi_buf_addc(out, c);
	}
	if (!out->data)
		kpi_buf_add(out, "", 0);
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A '.' between two digits is written as U+00B7 before kpi_fold_name, which
 * keeps it like any non-ASCII letter; a terminating add leaves a C string
 * even when nothing is kept (kpi_buf_reserve does not terminate a buffer it
 * first allocates). */
void kpi_fold_id(kpi_buf *out, const char *s, size_t n)
{
	size_t dots = 0;
	for (size_t i = 1; i + 1 < n; i++)
		dots += s[i] == '.' && is_digit(s[i - 1]) && is_digit(s[i + 1]);
	if (!dots) {
		kpi_fold_name(out, s, n);
		kpi_buf_add(out, "", 0);
		return;
	}
	char *t = kpi_xmalloc(n + dots), *o = t;
	for (size_t i = 0; i < n; i++) {
		if (i && i + 1 < n && s[i] == '.' && is_digit(s[i - 1]) && is_digit(s[i + 1])) {
			*o++ = (char)0xC2;
			*o++ = (char)0xB7;
		} else {
			*o++ = s[i];
		}
	}
	kpi_fold_name(out, t, (size_t)(o - t));
	kpi_buf_add(out, "", 0);
	free(t);
}

char *kpi_fold_id_dup(const char *s)
{
	kpi_buf b = KPI_BUF_INIT;
	kpi_fold_id(&b, s, strlen(s));
	return b.data;
}

void kpi_name_list_add(kpi_name_list *l, const char *name)
{
	if (l->shown == 12) {
		l->more++;
		return;
	}
	kpi_buf_adds(l->out, l->shown++ ? ", " : "");
	kpi_buf_adds(l->out, name);
}

void kpi_name_list_end(kpi_name_list *l)
{
	if (!l->shown)
		kpi_buf_adds(l->out, "none");
	if (l->more)
		kpi_buf_printf(l->out, " and %zu more", l->more);
}

int kpi_fold_eq(const char *a, const char *b)
{
	if (!a || !b)
		return 0;
	kpi_buf x = KPI_BUF_INIT, y = KPI_BUF_INIT;
	kpi_fold_name(&x, a, strlen(a));
	kpi_fold_name(&y, b, strlen(b));
	int eq = strcmp(kpi_buf_str(&x), kpi_buf_str(&y)) == 0;
	kpi_buf_free(&x);
	kpi_buf_free(&y);
	return eq;
}
