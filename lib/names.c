/* names.c: snake_case column names and folded matching keys. */
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
