/* breakdown.c: identity and label of a series' sub-group (breakdown.h). */
#include "kpi/breakdown.h"
#include "kpi/names.h"
#include <stdlib.h>
#include <string.h>

static int lower_eq(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word);
	if (n != w)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != word[i])
			return 0;
	}
	return 1;
}

int kpi_breakdown_is_total(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) /* surrounding spaces */
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (lower_eq(s, n, "total") || lower_eq(s, n, "all"))
		return 1;
	if (n > 6 && lower_eq(s, 6, "total "))
		return 1;
	if (n > 4 && lower_eq(s, 4, "all "))
		return 1;
	if (n > 6 && lower_eq(s + n - 6, 6, " total"))
		return 1;
	return 0;
}

/* One field of a breakdown: its column and value (value NULL for null). */
typedef struct {
	const char *col, *val;
	size_t col_len, val_len;
} bd_field;

typedef struct {
	bd_field *f;
	size_t n;
	kpi_record obj;   /* the parsed object, when F is one */
	bd_field one;     /* a string F */
} bd_fields;

/* F's fields into FS; -1 when F is not a breakdown. */
static int fields_of(bd_fields *fs, const kpi_field *f)
{
	fs->f = NULL;
	fs->n = 0;
	kpi_record_init(&fs->obj);
	if (!f || f->type == KPI_JT_NULL)
		return 0;
	if (f->type == KPI_JT_STRING) {
		fs->one = (bd_field){"breakdown", f->str, 9, f->str_len};
		fs->f = &fs->one;
		fs->n = 1;
		return 0;
	}
	if (f->type != KPI_JT_OBJECT || !kpi_record_parse_object(&fs->obj, f->raw, f->raw_len))
		return -1;
	fs->f = kpi_xcalloc(fs->obj.n ? fs->obj.n : 1, sizeof *fs->f);
	for (size_t i = 0; i < fs->obj.n; i++) {
		const kpi_field *g = &fs->obj.f[i];
		if (g->type != KPI_JT_STRING && g->type != KPI_JT_NULL)
			return -1;
		fs->f[fs->n++] = (bd_field){g->key, g->type == KPI_JT_STRING ? g->str : NULL,
					    g->key_len, g->type == KPI_JT_STRING ? g->str_len : 0};
	}
	return 0;
}

static void fields_free(bd_fields *fs)
{
	if (fs->f != &fs->one)
		free(fs->f);
	kpi_record_free(&fs->obj);
}

/* A null or empty value, or a total, says nothing about the sub-group. */
static int is_total_field(const bd_field *b)
{
	return !b->val || b->val_len == 0 || kpi_breakdown_is_total(b->val, b->val_len);
}

static int cmp_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* kpi_fold_name of S[0..n) appended to OUT (kpi_fold_name replaces). */
static void fold_onto(kpi_buf *out, kpi_buf *scratch, const char *s, size_t n)
{
	kpi_fold_name(scratch, s, n);
	kpi_buf_add(out, scratch->data, scratch->len);
}

int kpi_breakdown_key(kpi_buf *out, const kpi_field *f)
{
	bd_fields fs;
	if (fields_of(&fs, f) != 0) {
		fields_free(&fs);
		return -1;
	}
	if (fs.n) {
		/* folded "column=value" per field, sorted so the order of columns
		 * in a file does not make another series */
		kpi_buf part = KPI_BUF_INIT, scratch = KPI_BUF_INIT;
		size_t *at = kpi_xcalloc(fs.n, sizeof *at), k = 0;
		for (size_t i = 0; i < fs.n; i++) {
			if (is_total_field(&fs.f[i]))
				continue;
			at[k++] = part.len;
			fold_onto(&part, &scratch, fs.f[i].col, fs.f[i].col_len);
			kpi_buf_addc(&part, '=');
			fold_onto(&part, &scratch, fs.f[i].val, fs.f[i].val_len);
			kpi_buf_addc(&part, '\0');
		}
		char **p = kpi_xcalloc(fs.n, sizeof *p);
		for (size_t i = 0; i < k; i++)
			p[i] = part.data + at[i];
		qsort(p, k, sizeof *p, cmp_text);
		for (size_t i = 0; i < k; i++) {
			if (i)
				kpi_buf_addc(out, '\x1f');
			kpi_buf_adds(out, p[i]);
		}
		free(p);
		free(at);
		kpi_buf_free(&part);
		kpi_buf_free(&scratch);
	}
	kpi_buf_reserve(out, 0); /* NUL-terminated even when nothing was added */
	fields_free(&fs);
	return 0;
}

int kpi_breakdown_label(kpi_buf *out, const kpi_field *f)
{
	bd_fields fs;
	if (fields_of(&fs, f) != 0) {
		fields_free(&fs);
		return -1;
	}
	int first = 1;
	for (size_t i = 0; i < fs.n; i++) {
		if (is_total_field(&fs.f[i]))
			continue;
		if (!first)
			kpi_buf_adds(out, ", ");
		kpi_buf_add(out, fs.f[i].val, fs.f[i].val_len);
		first = 0;
	}
	kpi_buf_reserve(out, 0);
	fields_free(&fs);
	return 0;
}
