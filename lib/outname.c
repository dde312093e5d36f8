/* outname.c: file-name text from periods and area codes (see outname.h). */
#include "kpi/outname.h"
#include <string.h>

static const char academic_suffix[] = "-AY";

int kpi_outname_period(const char *text, kpi_period_type type, char out[KPI_OUTNAME_BUFSZ])
{
	kpi_period p;
	char canon[KPI_PERIOD_BUFSZ];
	out[0] = '\0';
	/* canonical means what kpi_period_format writes, byte for byte */
	if (!text || kpi_period_parse_canonical(text, type, &p) != 0)
		return -1;
	kpi_period_format(&p, canon);
	if (strcmp(canon, text) != 0)
		return -1;
	size_t n = 0;
	for (const char *c = canon; *c; c++)
		out[n++] = *c == '/' ? '_' : *c;
	out[n] = '\0';
	if (p.type == KPI_PT_ACADEMIC_YEAR)
		memcpy(out + n, academic_suffix, sizeof academic_suffix);
	return 0;
}

int kpi_outname_period_parse(const char *name, char text[KPI_PERIOD_BUFSZ], kpi_period_type *type)
{
	size_t n = strlen(name), suffix = sizeof academic_suffix - 1;
	kpi_period_type want = KPI_PT_NONE;
	text[0] = '\0';
	if (n >= suffix && strcmp(name + n - suffix, academic_suffix) == 0) {
		want = KPI_PT_ACADEMIC_YEAR;
		n -= suffix;
	}
	if (n >= KPI_PERIOD_BUFSZ)
		return -1;
	char canon[KPI_PERIOD_BUFSZ];
	for (size_t i = 0; i < n; i++) {
		if (name[i] == '/')
			return -1; /* only "_" stands for it */
		canon[i] = name[i] == '_' ? '/' : name[i];
	}
	canon[n] = '\0';
	/* the name must be the one this text of this type is given */
	kpi_period p;
	char again[KPI_OUTNAME_BUFSZ];
	if (kpi_period_parse_canonical(canon, want, &p) != 0 ||
	    kpi_outname_period(canon, p.type, again) != 0 || strcmp(again, name) != 0)
		return -1;
	memcpy(text, canon, n + 1);
	*type = p.type;
	return 0;
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int kpi_outname_area(const char *code, char out[KPI_OUTNAME_BUFSZ])
{
	out[0] = '\0';
	if (!code)
		return -1;
	size_t n = strlen(code);
	int gss = n == 9 && code[0] >= 'A' && code[0] <= 'Z' && all_digits(code + 1, 8);
	int la_number = n == 3 && all_digits(code, 3);
	if (!gss && !la_number)
		return -1;
	memcpy(out, code, n + 1);
	return 0;
}

size_t kpi_outname_fill(kpi_buf *out, const char *template, const char *field, const char *name)
{
	size_t fn = strlen(field), count = 0;
	for (const char *t = template; *t;) {
		if (t[0] == '{' && strncmp(t + 1, field, fn) == 0 && t[1 + fn] == '}') {
			kpi_buf_adds(out, name);
			t += fn + 2;
			count++;
		} else {
			kpi_buf_addc(out, *t++);
		}
	}
	kpi_buf_reserve(out, 0); /* NUL-terminated even when nothing was added */
	return count;
}
