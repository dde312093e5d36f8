/* record_nested.c: the strict check of a record's nested objects and
 * arrays, kept raw: their grammar, depth (at most 64) and duplicate keys
 * ("a" and "\u0061" are one key), decoding nothing. */
#include "record_scan.h"
#include "record_dupkeys.h"
#include <stdlib.h>

enum { MAX_DEPTH = 64 };

/* Duplicate keys.  The keys of an object are compared directly while they
 * are few (KEYS_DIRECT: every object kpi writes); past that, a hash table of
 * the keys makes the check linear in the keys of the object (a 128-bit filter
 * of the hashes, tried before, saturated past a hundred keys and a record of
 * 100,000 keys took 12 s in every stage). */
enum { KEYS_DIRECT = 16 };

/* The keys of one nested object, for the duplicate check: raw spans into the
 * line, or a decoded copy when the key has an escape ("a" and "\u0061" are
 * one key).  The first KEYS_DIRECT sit on the stack. */
typedef struct {
	const char *p[KEYS_DIRECT], **more;
	size_t n[KEYS_DIRECT], *more_n;
	char *owned[KEYS_DIRECT], **more_owned;
	size_t count, cap;
	key_table table;
} key_set;

static const char *key_set_at(const void *keys, size_t i, size_t *n)
{
	const key_set *k = keys;
	if (i < KEYS_DIRECT) {
		*n = k->n[i];
		return k->p[i];
	}
	*n = k->more_n[i - KEYS_DIRECT];
	return k->more[i - KEYS_DIRECT];
}

static void keys_free(key_set *k)
{
	for (size_t i = 0; i < k->count; i++)
		free(i < KEYS_DIRECT ? k->owned[i] : k->more_owned[i - KEYS_DIRECT]);
	free(k->more);
	free(k->more_n);
	free(k->more_owned);
	free(k->table.slot);
}

/* Adds the key whose literal (quotes included) is RAW[0..len); 1 if it was there. */
static int keys_add(key_set *k, const char *raw, size_t len)
{
	const char *s = raw + 1;
	size_t n = len - 2;
	char *owned = NULL;
	if (memchr(s, '\\', n)) {
		kpi_buf b = KPI_BUF_INIT;
		kpi_json_string_decode(raw, len, &b);
		owned = b.data ? b.data : kpi_xstrdup("");
		s = owned;
		n = b.len;
	}
	if (k->count < KEYS_DIRECT) {
		for (size_t i = 0; i < k->count; i++)
			if (same_key(k->p[i], k->n[i], s, n)) {
				free(owned);
				return 1;
			}
		k->p[k->count] = s;
		k->n[k->count] = n;
		k->owned[k->count] = owned;
		k->count++;
		return 0;
	}
	size_t m = k->count - KEYS_DIRECT;
	if (m == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 16;
		k->more = kpi_xrealloc(k->more, k->cap * sizeof *k->more);
		k->more_n = kpi_xrealloc(k->more_n, k->cap * sizeof *k->more_n);
		k->more_owned = kpi_xrealloc(k->more_owned, k->cap * sizeof *k->more_owned);
	}
	k->more[m] = s;
	k->more_n[m] = n;
	k->more_owned[m] = owned;
	if (kpi_rec_table_add(&k->table, k, key_set_at, k->count)) {
		free(owned);
		return 1;
	}
	k->count++;
	return 0;
}

/* Validates any value (nested ones included), decoding nothing. */
int kpi_rec_skip_value(parser *ps, int depth)
{
	skip_ws(ps);
	if (ps->p >= ps->end)
		return fail(ps, "value expected");
	switch (*ps->p) {
	case '"':
		return parse_string(ps, NULL);
	case '{':
	case '[': {
		char close = *ps->p == '{' ? '}' : ']';
		int is_obj = close == '}';
		if (depth >= MAX_DEPTH)
			return fail(ps, "nesting deeper than 64 levels");
		ps->p++;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == close) {
			ps->p++;
			return 0;
		}
		key_set keys;
		keys.count = keys.cap = 0;
		keys.more = NULL;
		keys.more_n = NULL;
		keys.more_owned = NULL;
		keys.table.slot = NULL;
		keys.table.nslot = 0;
		int rc = -2;
		while (rc == -2) {
			if (is_obj) {
				skip_ws(ps);
				if (ps->p >= ps->end || *ps->p != '"') {
					rc = fail(ps, "object key expected");
					break;
				}
				const char *key = ps->p;
				if (parse_string(ps, NULL) < 0) {
					rc = -1;
					break;
				}
				if (keys_add(&keys, key, (size_t)(ps->p - key))) {
					char what[240];
					snprintf(what, sizeof what, "duplicate key %.*s in a nested object",
						 (int)(ps->p - key > 200 ? 200 : ps->p - key), key);
					ps->p = key;
					rc = fail(ps, what);
					break;
				}
				skip_ws(ps);
				if (ps->p >= ps->end || *ps->p != ':') {
					rc = fail(ps, "':' expected");
					break;
				}
				ps->p++;
			}
			if (kpi_rec_skip_value(ps, depth + 1) < 0) {
				rc = -1;
				break;
			}
			skip_ws(ps);
			if (ps->p < ps->end && *ps->p == ',') {
				ps->p++;
				continue;
			}
			if (ps->p < ps->end && *ps->p == close) {
				ps->p++;
				rc = 0;
				break;
			}
			rc = fail(ps, is_obj ? "',' or '}' expected" : "',' or ']' expected");
		}
		keys_free(&keys);
		return rc;
	}
	case 't':
		return parse_literal(ps, "true", 4);
	case 'f':
		return parse_literal(ps, "false", 5);
	case 'n':
		return parse_literal(ps, "null", 4);
	default:
		if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9'))
			return kpi_rec_parse_number(ps, NULL);
		return fail(ps, "unexpected character");
	}
}
