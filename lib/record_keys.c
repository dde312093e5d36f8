/* record_keys.c: fields found by number, once per shape (record_keys.h). */
#include "kpi/record_keys.h"
#include "kpi/buf.h"
#include <stdlib.h>
#include <string.h>

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void kpi_keyed_init(kpi_keyed *k, const char *const *keys, size_t n_keys)
{
	memset(k, 0, sizeof *k);
	kpi_record_init(&k->rec);
	k->keys = keys;
	k->n_keys = n_keys;
	k->ix = kpi_xmalloc((n_keys ? n_keys : 1) * sizeof *k->ix);
}

void kpi_keyed_free(kpi_keyed *k)
{
	kpi_record_free(&k->rec);
	free(k->ix);
	memset(k, 0, sizeof *k);
}

const kpi_record *kpi_keyed_parse(kpi_keyed *k, const char *line, size_t len, char *err, size_t errsz)
{
	k->parsed = kpi_record_parse(&k->rec, line, len, err, errsz) == 0;
	return k->parsed ? &k->rec : NULL;
}

const kpi_record *kpi_keyed_nested(kpi_keyed *k, const char *raw, size_t len)
{
	char err[8];
	/* the text was validated with the record it is part of: the shallow
	 * parse reads its fields as the strict one would, with no UTF-8 check
	 * and no second pass over the values nested in it */
	k->parsed = raw && len && raw[0] == '{' &&
		    kpi_record_parse_shallow(&k->rec, raw, len, err, sizeof err) == 0;
	if (!k->parsed)
		return NULL;
	/* the shallow parse's nested values run to the next ',' or bracket,
	 * spaces included: the strict parse's end at their closing bracket */
	for (size_t i = 0; i < k->rec.n; i++) {
		kpi_field *f = &k->rec.f[i];
		if (f->type == KPI_JT_OBJECT || f->type == KPI_JT_ARRAY)
			while (f->raw_len > 1 && is_space(f->raw[f->raw_len - 1]))
				f->raw_len--;
	}
	return &k->rec;
}

const kpi_record *kpi_keyed_object(kpi_keyed *k, const kpi_field *f)
{
	if (!f || f->type != KPI_JT_OBJECT) {
		k->parsed = 0;
		return NULL;
	}
	return kpi_keyed_nested(k, f->raw, f->raw_len);
}

/* The index of every key, for the keys of the record now parsed. */
static void index_keys(kpi_keyed *k)
{
	for (size_t i = 0; i < k->n_keys; i++) {
		const kpi_field *f = kpi_record_get(&k->rec, k->keys[i]);
		k->ix[i] = f ? (int)(f - k->rec.f) : -1;
	}
	k->id = k->rec.shape_id;
}

const kpi_field *kpi_keyed_get(kpi_keyed *k, size_t key)
{
	if (!k || !k->parsed || key >= k->n_keys)
		return NULL;
	if (k->id != k->rec.shape_id)
		index_keys(k);
	int i = k->ix[key];
	return i >= 0 ? &k->rec.f[i] : NULL;
}

int kpi_elems_of(kpi_elems *it, const kpi_field *f)
{
	if (!f || f->type != KPI_JT_ARRAY) {
		it->p = it->end = NULL;
		return 0;
	}
	it->p = f->raw + 1;                /* after '[' */
	it->end = f->raw + f->raw_len - 1; /* at ']' */
	return 1;
}

size_t kpi_elems_count_of(const kpi_field *f)
{
	kpi_elems it;
	const char *e;
	size_t n, count = 0;
	if (kpi_elems_of(&it, f))
		while (kpi_elems_next(&it, &e, &n))
			count++;
	return count;
}

/* The opening quote of the string whose closing quote is at Q: the '"'
 * before it with an even run of backslashes before it (an escaped quote
 * has an odd one).  BEGIN when there is none (not valid JSON). */
static const char *string_start(const char *begin, const char *q)
{
	while (q > begin) {
		q--;
		if (*q != '"')
			continue;
		size_t bs = 0;
		while (q - bs > begin && q[-1 - (ptrdiff_t)bs] == '\\')
			bs++;
		if (bs % 2 == 0)
			return q;
	}
	return begin;
}

int kpi_elems_prev(kpi_elems *it, const char **e, size_t *n)
{
	const char *begin = it->p, *s = it->end;
	if (!s)
		return 0;
	while (s > begin && (is_space(s[-1]) || s[-1] == ','))
		s--;
	if (s <= begin)
		return 0;
	const char *stop = s;
	int depth = 0;
	while (s > begin) {
		char c = s[-1];
		if (c == '"') {
			s = string_start(begin, s - 1);
			continue;
		}
		if (c == '}' || c == ']')
			depth++;
		else if (c == '{' || c == '[')
			depth--;
		else if (c == ',' && depth == 0)
			break;
		s--;
	}
	while (s < stop && is_space(*s))
		s++;
	*e = s;
	*n = (size_t)(stop - s);
	it->end = s;
	return 1;
}
