/* store_pass.c: a point's pass-through fields (the input fields kpi-trend
 * does not read), kept as shared lists of interned texts (see store.h). */
#include "store_int.h"
#include "kpi/breakdown.h"
#include "kpi/buf.h"
#include "kpi/bytes.h"
#include "kpi/diag.h"
#include "kpi/hugemem.h"
#include "kpi/numfmt.h"
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PERIOD_TEXTS = 256 };
static struct period_texts period_texts[PERIOD_TEXTS];

static void quote_into(char *dst, unsigned char *len, const char *s)
{
	size_t n = strlen(s);
	dst[0] = '"';
	memcpy(dst + 1, s, n);
	dst[n + 1] = '"';
	*len = (unsigned char)(n + 2);
}

/* The period of type TYPE at ORD (a snapshot series' year is its day that
 * year: SNAP_MONTH, SNAP_DAY) as text: KIND DERIVED_*, quoted. */
const struct period_texts *period_texts_of(int type, long ord, int snap_month, int snap_day)
{
	struct period_texts *c = &period_texts[((unsigned long)ord * 31u + (unsigned)type * 7u + (unsigned)snap_month * 3u + (unsigned)snap_day) % PERIOD_TEXTS];
	int key_type = type | snap_month << 8 | snap_day << 16;
	if (c->type == key_type && c->ord == ord)
		return c;
	kpi_period p;
	if (snap_month) {
		memset(&p, 0, sizeof p);
		p.type = KPI_PT_DATE;
		p.year = (int)ord;
		p.sub = snap_month;
		p.day = snap_day;
	} else {
		kpi_period_from_ordinal((kpi_period_type)type, ord, &p);
	}
	char text[KPI_PERIOD_BUFSZ], start[11], end[11];
	kpi_period_format(&p, text);
	kpi_period_bounds(&p, start, end);
	quote_into(c->text[DERIVED_PERIOD], &c->len[DERIVED_PERIOD], text);
	quote_into(c->text[DERIVED_START], &c->len[DERIVED_START], start);
	quote_into(c->text[DERIVED_END], &c->len[DERIVED_END], end);
	c->type = key_type;
	c->ord = ord;
	return c;
}

/* The kind of text X's raw text is: one of PT's, the texts of the point's
 * period, or the text of the record's value V (a number field, or NULL)
 * in quotes when that is the shortest text of the number; 0 none. */
/* Whether the number text T[0..n) (a value's, n at most 7) is the shortest
 * text of its number V, through a direct-mapped cache by the text: a
 * stream's values repeat a few thousand texts. */
enum { SHORTEST_MEMO = 2048 };
static struct shortest_memo {
	uint64_t text;         /* the text's bytes and its length, 0 empty */
	int shortest;
} shortest_memo[SHORTEST_MEMO];

static int value_is_shortest(const char *t, size_t n, double v)
{
	if (n > 7)
		return kpi_fmt_is_shortest(t, n, v);
	/* a whole number without a leading zero (a count) is its own
	 * shortest text, as kpi_fmt_is_shortest finds: V was read from T */
	size_t i = n && t[0] == '-';
	if (i < n && t[i] >= '1' && t[i] <= '9') {
		while (++i < n && t[i] >= '0' && t[i] <= '9')
			;
		if (i == n)
			return 1;
	}
	uint64_t key = (uint64_t)n << 56;
	for (i = 0; i < n; i++)
		key |= (uint64_t)(unsigned char)t[i] << (8 * i);
	struct shortest_memo *m = &shortest_memo[(key * 0x9E3779B97F4A7C15ull) >> 53];
	if (m->text == key)
		return m->shortest;
	m->text = key;
	return m->shortest = kpi_fmt_is_shortest(t, n, v);
}

/* HINT: the kind the field was last time, tried first (a pass-through
 * field is the same kind point after point). */
static int derived_kind(const kpi_field *x, const struct period_texts *pt, const kpi_field *v, unsigned char *hint)
{
	if (x->type != KPI_JT_STRING)
		return 0;
	int h = *hint;
	if (h && x->raw_len == pt->len[h] && kpi_same_bytes(x->raw, pt->text[h], x->raw_len))
		return h;
	for (int k = 1; k <= DERIVED_END; k++)
		if (x->raw_len == pt->len[k] && kpi_same_bytes(x->raw, pt->text[k], x->raw_len))
			return *hint = (unsigned char)k;
	if (!v || v->type != KPI_JT_NUMBER || x->raw_len < v->raw_len + 2 || x->raw_len > v->raw_len + 3 ||
	    !kpi_same_bytes(x->raw + 1, v->raw, v->raw_len))
		return 0;
	int percent = x->raw_len == v->raw_len + 3;
	if (percent && x->raw[v->raw_len + 1] != '%')
		return 0;
	if (!value_is_shortest(v->raw, v->raw_len, v->num))
		return 0;
	return percent ? DERIVED_VALUE_PERCENT : DERIVED_VALUE;
}

/* The id of pass-through field X (the shape's J-th) as one entry of the
 * store's table: key length, key, raw value (or a DERIVED_* mark when it is
 * one of PT's texts of the point's period). */
static uint32_t pass_id(store *st, size_t j, const kpi_field *x, const struct period_texts *pt, const kpi_field *v)
{
	struct store_shape *sh = st->shape;
	int kind = derived_kind(x, pt, v, &sh->stat[j].kind);
	if (kind) {
		uint32_t *d = &sh->derived[j * DERIVED_KINDS + (size_t)kind - 1];
		if (!*d) {
			uint32_t kl = (uint32_t)x->key_len;
			char mark[2] = {DERIVED_MARK, (char)kind};
			kpi_buf_clear(&st->scratch);
			kpi_buf_add(&st->scratch, &kl, sizeof kl);
			kpi_buf_add(&st->scratch, x->key, x->key_len);
			kpi_buf_add(&st->scratch, mark, sizeof mark);
			*d = kpi_strtab_add(&st->str, st->scratch.data, st->scratch.len);
		}
		return *d;
	}
	pass_memo *m = NULL;
	if (j < PASS_MEMO_FIELDS && x->raw_len <= PASS_MEMO_TEXT) {
		if (!sh->memo[j])
			sh->memo[j] = kpi_xcalloc(PASS_MEMO, sizeof *sh->memo[j]);
		m = &sh->memo[j][kpi_hash_bytes(x->raw, x->raw_len) & (PASS_MEMO - 1)];
		if (m->gen == sh->gen && m->len == x->raw_len && kpi_same_bytes(m->text, x->raw, x->raw_len))
			return m->id;
	}
	uint32_t kl = (uint32_t)x->key_len;
	kpi_buf_clear(&st->scratch);
	kpi_buf_add(&st->scratch, &kl, sizeof kl);
	kpi_buf_add(&st->scratch, x->key, x->key_len);
	kpi_buf_add(&st->scratch, x->raw, x->raw_len);
	pass_stat *ps = &sh->stat[j];
	uint32_t id;
	if (ps->push) {
		id = kpi_strtab_push(&st->str, st->scratch.data, st->scratch.len);
	} else {
		uint32_t before = st->str.n;
		id = kpi_strtab_add(&st->str, st->scratch.data, st->scratch.len);
		ps->fresh += id >= before;
		if (++ps->added == PASS_FRESH_AFTER)
			ps->push = ps->fresh >= PASS_FRESH_AFTER / 8 * 7;
	}
	if (m) {
		m->gen = sh->gen;
		m->id = id;
		m->len = (unsigned char)x->raw_len;
		memcpy(m->text, x->raw, x->raw_len);
	}
	return id;
}

/* The id in st->lists of the list of REC's pass-through fields, through a
 * direct-mapped cache of short lists by their ids (a stream repeats a few
 * thousand lists: the table's probe and comparison were some 150
 * instructions a point). */
enum { LIST_MEMO = 4096, LIST_MEMO_IDS = 6 };
static struct list_memo {
	uint32_t id;           /* 0: empty */
	uint32_t n;
	uint32_t ids[LIST_MEMO_IDS];
} list_memo[LIST_MEMO], list_memo_last;

/* (the memo holds ids of one store's lists) */
void list_memo_clear(void)
{
	memset(list_memo, 0, sizeof list_memo);
	memset(&list_memo_last, 0, sizeof list_memo_last);
}

static int same_list(const struct list_memo *m, const uint32_t *ids, size_t n)
{
	if (!m->id || m->n != n)
		return 0;
	for (size_t j = 0; j < n; j++)
		if (m->ids[j] != ids[j])
			return 0;
	return 1;
}

uint32_t pass_list(store *st, struct store_shape *sh, const kpi_record *rec, const struct period_texts *ptx,
			  const kpi_field *value)
{
	size_t n = sh->n_pass;
	kpi_buf_clear(&st->pass_ids);
	kpi_buf_reserve(&st->pass_ids, n * sizeof(uint32_t));
	uint32_t *ids = (uint32_t *)(void *)st->pass_ids.data;
	uint64_t h = n;
	uint32_t before = st->str.n, fresh = 0;
	for (size_t j = 0; j < n; j++) {
		ids[j] = pass_id(st, j, &rec->f[sh->pass[j]], ptx, value);
		h = (h ^ ids[j]) * 0x9E3779B97F4A7C15ull;
		fresh |= ids[j] >= before;
	}
	if (fresh) /* a text new to the table: the list is new too */
		return kpi_strtab_push(&st->lists, st->pass_ids.data, n * sizeof(uint32_t));
	struct list_memo *m = NULL;
	if (n <= LIST_MEMO_IDS) {
		/* the last point's list first: its fields' texts are
		 * mostly kept as kinds (the period's, the value's), the same
		 * ids point after point, and the memo's slot was a cache miss */
		if (same_list(&list_memo_last, ids, n))
			return list_memo_last.id;
		m = &list_memo[(h >> 40) & (LIST_MEMO - 1)];
		if (same_list(m, ids, n)) {
			list_memo_last = *m;
			return m->id;
		}
	}
	uint32_t id = kpi_strtab_add(&st->lists, st->pass_ids.data, n * sizeof(uint32_t));
	if (m) {
		m->id = id;
		m->n = (uint32_t)n;
		memcpy(m->ids, ids, n * sizeof *ids);
		list_memo_last = *m;
	}
	return id;
}

uint32_t store_pass_count(const store *st, const obs *o)
{
	size_t len = 0;
	if (o->pt)
		kpi_strtab_str(&st->lists, o->pt, &len);
	return (uint32_t)(len / sizeof(uint32_t));
}

void store_pass_field(const store *st, const series *s, const obs *o, uint32_t i, const char **key,
		      size_t *klen, const char **raw, size_t *rlen, char *buf)
{
	uint32_t id, kl;
	size_t len;
	memcpy(&id, kpi_strtab_str(&st->lists, o->pt, NULL) + (size_t)i * sizeof id, sizeof id);
	const char *e = kpi_strtab_str(&st->str, id, &len);
	memcpy(&kl, e, sizeof kl);
	*key = e + sizeof kl;
	*klen = kl;
	*raw = e + sizeof kl + kl;
	*rlen = len - sizeof kl - kl;
	if (*rlen == 2 && (*raw)[0] == DERIVED_MARK) {
		int kind = (*raw)[1];
		*raw = buf;
		if (kind == DERIVED_VALUE || kind == DERIVED_VALUE_PERCENT) {
			int n = kpi_fmt_double(buf + 1, o->value); /* the text it was: its shortest */
			buf[0] = '"';
			if (kind == DERIVED_VALUE_PERCENT)
				buf[++n] = '%';
			buf[n + 1] = '"';
			*rlen = (size_t)n + 2;
			return;
		}
		const struct period_texts *pt = period_texts_of(s->snap_month ? KPI_PT_DATE : (int)s->type, o->ord,
							       s->snap_month, s->snap_day);
		memcpy(buf, pt->text[kind], pt->len[kind]);
		*rlen = pt->len[kind];
	}
}
