/* store.c: reading typed observations into the series store (see store.h). */
#include "store.h"
#include "kpi/breakdown.h"
#include "kpi/buf.h"
#include "kpi/diag.h"
#include "kpi/hugemem.h"
#include "kpi/numfmt.h"
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kpi/bytes.h"

/* What kpi-trend does with each input field. */
typedef enum {
	F_PASS = 0, F_INDICATOR, F_AREA, F_BREAKDOWN, F_PERIOD, F_PERIOD_TYPE,
	F_VALUE, F_NUMERATOR, F_DENOMINATOR, F_STATUS, F_SOURCE, F_REBASE, F_RELEASED,
	F_NAME, F_SECTION, F_UNIT, F_POLARITY, F_ORDER,
	F_REPLACED /* a field kpi-trend sets: dropped from the input */
} field_role;

static const struct {
	const char *key;
	field_role role;
} roles[] = {
	{"indicator", F_INDICATOR}, {"area", F_AREA}, {"breakdown", F_BREAKDOWN},
	{"period", F_PERIOD}, {"period_type", F_PERIOD_TYPE}, {"value", F_VALUE},
	{"numerator", F_NUMERATOR}, {"denominator", F_DENOMINATOR}, {"status", F_STATUS},
	{"source", F_SOURCE}, {"rebase", F_REBASE}, {"released", F_RELEASED}, {"name", F_NAME}, {"section", F_SECTION},
	{"unit", F_UNIT}, {"polarity", F_POLARITY}, {"order", F_ORDER},
	{"as_at", F_REPLACED}, {"stale", F_REPLACED}, {"previous", F_REPLACED},
	{"change", F_REPLACED}, {"change_pct", F_REPLACED}, {"year_ago", F_REPLACED},
	{"window", F_REPLACED}, {"highest_since", F_REPLACED}, {"lowest_since", F_REPLACED},
	{"run", F_REPLACED}, {"first_period", F_REPLACED}, {"gaps", F_REPLACED},
	{"history", F_REPLACED}, {"spc", F_REPLACED}, {"revisions", F_REPLACED},
};

/* The role of KEY.  Records from one pipeline repeat the same keys in the
 * same order, so the role found at each position is remembered: the check
 * is inline, the search is not. */
enum { ROLE_CACHE = 64 };
static char role_key[ROLE_CACHE][24];
static unsigned char role_len[ROLE_CACHE];
static field_role role_at_pos[ROLE_CACHE];

static field_role role_find(const char *key, size_t len, size_t pos)
{
	field_role r = F_PASS;
	if (strlen(key) == len)
		for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
			if (strcmp(roles[i].key, key) == 0) {
				r = roles[i].role;
				break;
			}
	if (pos < ROLE_CACHE && len < sizeof role_key[0]) {
		memcpy(role_key[pos], key, len);
		role_len[pos] = (unsigned char)(len + 1);
		role_at_pos[pos] = r;
	}
	return r;
}

static inline field_role role_of(const char *key, size_t len, size_t pos)
{
	if (pos < ROLE_CACHE && len < sizeof role_key[0] && role_len[pos] == len + 1
	    && kpi_same_bytes(role_key[pos], key, len))
		return role_at_pos[pos];
	return role_find(key, len, pos);
}

/* What the keys of the records of one shape (kpi_record.shape_id: the same
 * keys in the same order, nearly every record of a stream) say: the field
 * of each role and the pass-through fields, found once for the shape.  Each
 * pass-through field of the first PASS_MEMO_FIELDS has a small cache of
 * the ids its short values were interned as (a field repeats a few hundred
 * values: a month's dates, a value's text), so most are not interned again
 * (a direct-mapped cache: with 2,048 entries 93% of the lookups hit on the
 * first 100,000 of the bench's points, with 256 55%). */
enum { PASS_MEMO = 2048, PASS_MEMO_FIELDS = 8, PASS_MEMO_TEXT = 19 };
typedef struct {
	unsigned long long gen;  /* the shape's gen when filled (0: empty) */
	uint32_t id;             /* the entry's id in the store's table */
	unsigned char len;
	char text[PASS_MEMO_TEXT]; /* the value's raw text */
} pass_memo;

/* A pass-through field whose text is the point's period, or its first or
 * last day, as kpi-trend writes them ("period_raw":"2015-04",
 * "period_start":"2015-04-01", "period_end":"2015-04-30" in every record
 * of a canonical source), or the record's value as it is written when
 * that is the value's shortest text ("value_raw":"35.1" beside
 * "value":35.1), or that text and a percent sign, as people write a
 * percentage ("value_raw":"35.1%": without this kind every point's list
 * was its own, and the table of lists took a third of the time), is kept
 * as that fact, not as its text: an entry of the
 * key and a raw text no JSON value has, "\001" and the kind, which
 * store_pass_field() writes back from the point's period or value.  The
 * points of a stream then share one list of pass-through fields, not 20
 * bytes each, and the fields' texts are not looked up point by point
 * (their caches' misses were a tenth of the time). */
enum { DERIVED_PERIOD = 1, DERIVED_START, DERIVED_END, DERIVED_VALUE, DERIVED_VALUE_PERCENT, DERIVED_KINDS = 5 };
#define DERIVED_MARK '\001'

/* A pass-through field whose texts do not repeat (a count written
 * "12,345", a value "35.10", a comment), in a large input: looking each one
 * up in the table of texts to find it new was a cache miss or two, and the
 * list holding it, new too, another (a million such points took four times
 * as long as a million that repeat).  Once PASS_FRESH_AFTER of its texts
 * have gone to the table and seven in eight were new, its texts are copied
 * in without the lookup (kpi_strtab_push), and a list holding a text new
 * to the table is itself new: it too is copied in without one.  Ids name
 * texts; equal texts under two ids write the same. */
enum { PASS_FRESH_AFTER = 4096 };
typedef struct {
	uint32_t key;              /* the field's key's hash: kept while a new shape has that key there */
	uint32_t added, fresh;     /* texts sent to the table, of them new */
	int push;                  /* the field's texts are pushed, not looked up */
	unsigned char kind;        /* the period's text it was last (DERIVED_PERIOD to _END), 0 none */
} pass_stat;

struct store_shape {
	unsigned long id;          /* the kpi_record.shape_id described, 0 none */
	unsigned long long gen;    /* counts the shapes seen (numbers pass_memo entries) */
	int pos[F_REPLACED];       /* the index of each role's field, -1 none */
	uint32_t *pass;            /* the indices of the pass-through fields */
	pass_stat *stat;           /* per pass-through field (n_stat made) */
	size_t n_stat;
	uint32_t *derived;         /* DERIVED_KINDS per pass-through field: the entry's id, 0 not made yet */
	size_t n_pass, cap_pass;
	pass_memo *memo[PASS_MEMO_FIELDS]; /* PASS_MEMO entries each, made when first used */
};

/* Fills SH from REC's keys. */
static void shape_learn(struct store_shape *sh, const kpi_record *rec)
{
	for (int k = 0; k < F_REPLACED; k++)
		sh->pos[k] = -1;
	sh->n_pass = 0;
	for (size_t i = 0; i < rec->n; i++) {
		field_role r = role_of(rec->f[i].key, rec->f[i].key_len, i);
		if (r == F_PASS) {
			if (sh->n_pass == sh->cap_pass) {
				sh->cap_pass = sh->cap_pass ? 2 * sh->cap_pass : 16;
				sh->pass = kpi_xrealloc(sh->pass, sh->cap_pass * sizeof *sh->pass);
				sh->derived = kpi_xrealloc(sh->derived, sh->cap_pass * DERIVED_KINDS * sizeof *sh->derived);
				size_t old = sh->n_stat;
				sh->stat = kpi_xrealloc(sh->stat, sh->cap_pass * sizeof *sh->stat);
				memset(sh->stat + old, 0, (sh->cap_pass - old) * sizeof *sh->stat);
				sh->n_stat = sh->cap_pass;
			}
			memset(sh->derived + sh->n_pass * DERIVED_KINDS, 0, DERIVED_KINDS * sizeof *sh->derived);
			uint32_t kh = kpi_hash_bytes(rec->f[i].key, rec->f[i].key_len);
			if (sh->stat[sh->n_pass].key != kh) /* (records of two shapes in turn keep theirs) */
				memset(&sh->stat[sh->n_pass], 0, sizeof *sh->stat), sh->stat[sh->n_pass].key = kh;
			sh->pass[sh->n_pass++] = (uint32_t)i;
		} else if (r != F_REPLACED) {
			sh->pos[r] = (int)i;
		}
	}
	sh->id = rec->shape_id;
	sh->gen++;
}

/* The id of S[0..n) in the store's table, through LAST: the text interned
 * last in this place (records of one series repeat their indicator, area
 * and status). */
static uint32_t intern_new(store *st, interned *last, const char *s, size_t n)
{
	last->id = kpi_strtab_add(&st->str, s, n);
	kpi_buf_clear(&last->text);
	kpi_buf_add(&last->text, s, n);
	return last->id;
}

static inline __attribute__((always_inline)) uint32_t intern_last(store *st, interned *last, const char *s, size_t n)
{
	if (last->id && last->text.len == n && kpi_same_bytes(last->text.data, s, n))
		return last->id;
	return intern_new(st, last, s, n);
}

/* The series' points live in large blocks, not one malloc'd array each:
 * the points of a series nearly always arrive together, and the series at
 * the end of the last block grows in place, eight points at a time, with
 * no copy; any other moves to the end with twice its room (its old room is
 * not reused).  Growing 9,100 arrays by realloc was 7% of kpi-trend's time
 * on 1M points (malloc's bins and the copies), and left half of each
 * array's last doubling unused. */
enum { OBS_BLOCK = 1 << 16, OBS_STEP = 8 };
struct obs_block {
	struct obs_block *next;   /* the block before */
	size_t cap, used;
	obs o[];
};

/* Blocks after the first are asked for in huge pages where the system has
 * them (hugemem.h): the first store into each 4 KB page of points was a
 * page fault, a tenth of the time on a million points.  The first block is
 * an ordinary one, so a small input costs no 2 MB page. */
static struct obs_block *new_block(size_t cap, int first)
{
	size_t bytes = sizeof(struct obs_block) + cap * sizeof(obs);
	struct obs_block *b = first ? kpi_xmalloc(bytes) : kpi_xmalloc_huge(bytes, &bytes);
	b->cap = (bytes - sizeof *b) / sizeof(obs);
	b->used = 0;
	return b;
}

static void list_memo_clear(void);

void store_init(store *st, kpi_run *run)
{
	memset(st, 0, sizeof *st);
	kpi_strtab_init(&st->str);
	kpi_buf_init(&st->sources);
	kpi_buf_addc(&st->sources, '\0'); /* offset 0: "" */
	kpi_strtab_init(&st->lists);
	kpi_buf_init(&st->pass_ids);
	st->nslot = 1024;
	st->slot = kpi_xcalloc(st->nslot, sizeof *st->slot);
	st->run = run;
	kpi_buf_init(&st->scratch);
	st->shape = kpi_xcalloc(1, sizeof *st->shape);
	list_memo_clear();
}

void store_free(store *st)
{
	for (size_t i = 0; i < st->n; i++)
		free(st->s[i].rev);
	while (st->blocks) {
		struct obs_block *b = st->blocks;
		st->blocks = b->next;
		free(b);
	}
	free(st->s);
	free(st->wide);
	free(st->slot);
	kpi_strtab_free(&st->lists);
	kpi_buf_free(&st->pass_ids);
	for (int i = 0; i < st->n_source_file; i++)
		free(st->source_file[i]);
	kpi_buf_free(&st->sources);
	kpi_buf_free(&st->scratch);
	free(st->shape->pass);
	free(st->shape->derived);
	free(st->shape->stat);
	for (int j = 0; j < PASS_MEMO_FIELDS; j++)
		free(st->shape->memo[j]);
	free(st->shape);
	kpi_buf_free(&st->bd_text);
	kpi_buf_free(&st->last_indicator.text);
	kpi_buf_free(&st->last_area.text);
	kpi_buf_free(&st->last_status.text);
	for (int k = 0; k < 6; k++)
		kpi_buf_free(&st->last_cat[k].text);
	kpi_strtab_free(&st->str);
}

const char *store_str(const store *st, uint32_t id, size_t *len)
{
	return kpi_strtab_str(&st->str, id, len);
}

/* A compact source: the top bit set, the file's index, the line number. */
#define SOURCE_COMPACT 0x80000000u
#define SOURCE_LINE_BITS 23

const char *store_source_id(const store *st, uint32_t id, kpi_buf *scratch)
{
	if (!(id & SOURCE_COMPACT))
		return st->sources.data + id;
	unsigned file = (id & ~SOURCE_COMPACT) >> SOURCE_LINE_BITS;
	kpi_buf_clear(scratch);
	kpi_buf_add(scratch, st->source_file[file], st->source_file_len[file]);
	kpi_buf_printf(scratch, ":%lu", (unsigned long)(id & ((1u << SOURCE_LINE_BITS) - 1)));
	return scratch->data;
}

const char *store_source(const store *st, const obs *o, kpi_buf *scratch)
{
	return store_source_id(st, o->source, scratch);
}

const char *store_status(const store *st, const obs *o)
{
	return o->status ? kpi_strtab_str(&st->str, st->status[o->status], NULL) : NULL;
}

uint16_t store_release_day(const char *text)
{
	kpi_period p;
	if (kpi_period_parse_canonical(text, KPI_PT_DATE, &p) != 0)
		return 0;
	long d = kpi_period_ordinal(&p) + 1;
	return d >= 1 && d <= UINT16_MAX ? (uint16_t)d : 0;
}

const char *store_release_text(uint16_t d, char *buf)
{
	kpi_period p;
	char end[11];
	kpi_period_from_ordinal(KPI_PT_DATE, (long)d - 1, &p);
	kpi_period_bounds(&p, buf, end);
	return buf;
}

uint32_t store_lower_bound(const obs *o, uint32_t n, long ord)
{
	uint32_t a = 0, b = n;
	while (a < b) {
		uint32_t mid = a + (b - a) / 2;
		if (o[mid].ord < ord)
			a = mid + 1;
		else
			b = mid;
	}
	return a;
}

const obs *store_revisions(const series *s, int32_t ord, uint32_t *n)
{
	uint32_t a = store_lower_bound(s->rev, s->nrev, ord);
	uint32_t e = a;
	while (e < s->nrev && s->rev[e].ord == ord)
		e++;
	*n = e - a;
	return s->rev + a;
}

/* The index of source file FILE[0..n) (kept as written), or -1 when there
 * are 256 already or FILE holds a NUL. */
static int source_file(store *st, const char *file, size_t n)
{
	int last = st->last_source_file; /* records come file by file */
	if (st->n_source_file && st->source_file_len[last] == n && kpi_same_bytes(st->source_file[last], file, n))
		return last;
	for (int i = 0; i < st->n_source_file; i++)
		if (st->source_file_len[i] == n && memcmp(st->source_file[i], file, n) == 0)
			return st->last_source_file = i;
	if (st->n_source_file == 256 || memchr(file, '\0', n))
		return -1; /* (a file holding a NUL is kept as text: no file kept here holds one) */
	st->source_file[st->n_source_file] = kpi_xstrndup(file, n);
	st->source_file_len[st->n_source_file] = n;
	return st->last_source_file = st->n_source_file++;
}

/* A source: "FILE:LINE" with LINE 1 to 2^23-1 written without leading zeros
 * (every record from kpi-ingest) as a number; other text in st->sources.
 * The source of every observation is kept, and a copy of each would be
 * some 40 bytes a point. */
static uint32_t add_source(store *st, const char *s, size_t n)
{
	/* the line: up to 7 digits at the end, read from the last, after a
	 * ':' and without a leading zero */
	const char *q = s + n;
	uint32_t line = 0, scale = 1;
	while (q > s && q[-1] >= '0' && q[-1] <= '9' && scale <= 10000000) {
		line += (uint32_t)(q[-1] - '0') * scale;
		scale *= 10;
		q--;
	}
	int file;
	if (q < s + n && scale <= 10000000 && q > s && q[-1] == ':' && *q != '0' && line < (1u << SOURCE_LINE_BITS) &&
	    (file = source_file(st, s, (size_t)(q - 1 - s))) >= 0)
		return SOURCE_COMPACT | (uint32_t)file << SOURCE_LINE_BITS | line;
	size_t off = st->sources.len;
	if (off + n + 1 > SOURCE_COMPACT)
		kpi_die(KPI_EXIT_DATA, "too much input: more than 2 GB of source text");
	kpi_buf_add(&st->sources, s, n);
	kpi_buf_addc(&st->sources, '\0');
	return (uint32_t)off;
}

/* The texts of a period as pass-through fields may hold them, quoted: the
 * period, its first and last day (a record's period is rarely its
 * predecessor's: a small cache by ordinal). */
enum { PERIOD_TEXTS = 256 };
static struct period_texts {
	int type;             /* 0: empty */
	long ord;
	unsigned char len[DERIVED_END + 1];
	char text[DERIVED_END + 1][KPI_PERIOD_BUFSZ + 2];
} period_texts[PERIOD_TEXTS];

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
static const struct period_texts *period_texts_of(int type, long ord, int snap_month, int snap_day)
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
enum { SHORTEST_MEMO = 1024 };
static struct shortest_memo {
	uint64_t text;         /* the text's bytes and its length, 0 empty */
	int shortest;
} shortest_memo[SHORTEST_MEMO];

static int value_is_shortest(const char *t, size_t n, double v)
{
	if (n > 7)
		return kpi_fmt_is_shortest(t, n, v);
	uint64_t key = (uint64_t)n << 56;
	for (size_t i = 0; i < n; i++)
		key |= (uint64_t)(unsigned char)t[i] << (8 * i);
	struct shortest_memo *m = &shortest_memo[(key * 0x9E3779B97F4A7C15ull) >> 54];
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

/* Room in S for at least one more point. */
static void obs_room(store *st, series *s)
{
	struct obs_block *b = st->blocks;
	if (b && s->o && s->o + s->cap == b->o + b->used && b->cap - b->used >= OBS_STEP &&
	    s->cap <= UINT32_MAX - OBS_STEP) {
		b->used += OBS_STEP;
		s->cap += OBS_STEP;
		return;
	}
	if (s->cap > UINT32_MAX / 2)
		kpi_die(KPI_EXIT_DATA, "too much input: a series of more than 2^31 points");
	size_t cap = s->cap ? 2 * (size_t)s->cap : OBS_STEP;
	if (!b || b->cap - b->used < cap) {
		struct obs_block *nb = new_block(cap > OBS_BLOCK ? cap : OBS_BLOCK, !b);
		nb->next = b;
		st->blocks = b = nb;
	}
	obs *o = b->o + b->used;
	b->used += cap;
	if (s->n)
		memcpy(o, s->o, (size_t)s->n * sizeof *o);
	s->o = o;
	s->cap = (uint32_t)cap;
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
static void list_memo_clear(void)
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

static uint32_t pass_list(store *st, struct store_shape *sh, const kpi_record *rec, const struct period_texts *ptx,
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

static uint8_t status_index(store *st, const char *s, size_t n, kpi_ndjson *nd)
{
	uint32_t id = intern_last(st, &st->last_status, s, n);
	if (st->status[st->status_last] == id)
		return st->status_last;
	for (int i = 1; i <= st->n_status; i++)
		if (st->status[i] == id)
			return st->status_last = (uint8_t)i;
	if (st->n_status == 255)
		kpi_die_at(KPI_EXIT_DATA, kpi_ndjson_where(nd), "more than 255 distinct status values");
	st->status[++st->n_status] = id;
	return st->status_last = (uint8_t)st->n_status;
}

static uint32_t key_hash(uint32_t a, uint32_t b, uint32_t c)
{
	uint64_t h = a * 0x9E3779B97F4A7C15ull;
	h ^= (h >> 29) + b * 0xBF58476D1CE4E5B9ull;
	h ^= (h >> 31) + c * 0x94D049BB133111EBull;
	h ^= h >> 32;
	return (uint32_t)h;
}

static void grow_series_slots(store *st)
{
	size_t nslot = st->nslot * 2;
	uint32_t *slot = kpi_xcalloc(nslot, sizeof *slot);
	for (size_t i = 0; i < st->n; i++) {
		const series *s = &st->s[i];
		size_t h = key_hash(s->indicator, s->area, s->breakdown) & (nslot - 1);
		while (slot[h])
			h = (h + 1) & (nslot - 1);
		slot[h] = (uint32_t)(i + 1);
	}
	free(st->slot);
	st->slot = slot;
	st->nslot = nslot;
}

/* The series of (IND, AREA, BD); *created set when it is new. */
static series *find_series(store *st, uint32_t ind, uint32_t area, uint32_t bd, int *created)
{
	size_t h = key_hash(ind, area, bd) & (st->nslot - 1);
	while (st->slot[h]) {
		series *s = &st->s[st->slot[h] - 1];
		if (s->indicator == ind && s->area == area && s->breakdown == bd) {
			*created = 0;
			return s;
		}
		h = (h + 1) & (st->nslot - 1);
	}
	if (st->n == st->cap) {
		st->cap = st->cap ? 2 * st->cap : 256;
		st->s = kpi_xrealloc(st->s, st->cap * sizeof *st->s);
	}
	series *s = &st->s[st->n++];
	memset(s, 0, sizeof *s);
	s->indicator = ind;
	s->area = area;
	s->breakdown = bd;
	s->order_num = NAN;
	st->slot[h] = (uint32_t)st->n;
	if (st->n * 2 > st->nslot)
		grow_series_slots(st);
	*created = 1;
	return s;
}

/* "CLA01", area "Barnet", breakdown "Under 1" */
static void describe(const store *st, const series *s, kpi_buf *b)
{
	kpi_buf_printf(b, "\"%s\"", kpi_strtab_str(&st->str, s->indicator, NULL));
	if (s->area && s->area != AREA_NULL)
		kpi_buf_printf(b, ", area \"%s\"", kpi_strtab_str(&st->str, s->area, NULL));
	if (s->breakdown && s->breakdown_raw) {
		/* the words a reader sees, from the JSON text kept */
		kpi_record r;
		kpi_record_init(&r);
		size_t len;
		const char *raw = kpi_strtab_str(&st->str, s->breakdown_raw, &len);
		kpi_buf doc = KPI_BUF_INIT;
		kpi_buf_adds(&doc, "{\"b\":");
		kpi_buf_add(&doc, raw, len);
		kpi_buf_addc(&doc, '}');
		if (kpi_record_parse_object(&r, doc.data, doc.len) && r.n == 1) {
			kpi_buf_adds(b, ", breakdown \"");
			kpi_breakdown_label(b, &r.f[0]);
			kpi_buf_addc(b, '"');
		}
		kpi_buf_free(&doc);
		kpi_record_free(&r);
	}
}

static int reject(store *st, const char *where, const char *line, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static int reject(store *st, const char *where, const char *line, size_t len, const char *fmt, ...)
{
	char reason[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	kpi_run_reject(st->run, where, reason, line, len);
	return -1;
}

static const char *type_text(kpi_jtype t)
{
	switch (t) {
	case KPI_JT_NULL: return "null";
	case KPI_JT_FALSE: case KPI_JT_TRUE: return "a boolean";
	case KPI_JT_NUMBER: return "a number";
	case KPI_JT_STRING: return "a string";
	case KPI_JT_ARRAY: return "an array";
	default: return "an object";
	}
}

/* A number-or-null field into *out (NaN for null or absent); 0 ok, -1 wrong type. */
static int number_field(const kpi_field *f, double *out)
{
	*out = NAN;
	if (!f || f->type == KPI_JT_NULL)
		return 0;
	if (f->type != KPI_JT_NUMBER)
		return -1;
	*out = f->num;
	return 0;
}

/* An area: 0 absent, AREA_NULL null, else the string's id; -1 wrong type. */
static int64_t label_field(store *st, const kpi_field *f)
{
	if (!f)
		return 0;
	if (f->type == KPI_JT_NULL)
		return AREA_NULL;
	if (f->type != KPI_JT_STRING)
		return -1;
	return intern_last(st, &st->last_area, f->str, f->str_len);
}

/* The identity of breakdown F (lib/breakdown.c): 0 for the total series, else
 * the id of its key; -1 when F is not a breakdown. */
static int64_t breakdown_key(store *st, const kpi_field *f)
{
	if (!f || f->type == KPI_JT_NULL)
		return 0;
	if (st->bd_valid && st->bd_text.len == f->raw_len && memcmp(st->bd_text.data, f->raw, f->raw_len) == 0)
		return st->bd_key;
	kpi_buf_clear(&st->scratch);
	if (kpi_breakdown_key(&st->scratch, f) != 0)
		return -1;
	st->bd_key = st->scratch.len ? kpi_strtab_add(&st->str, st->scratch.data, st->scratch.len) : 0;
	kpi_buf_clear(&st->bd_text);
	kpi_buf_add(&st->bd_text, f->raw, f->raw_len);
	st->bd_valid = 1;
	return st->bd_key;
}

/* The period type named by the string F, through the name read last (a
 * stream repeats one). */
static kpi_period_type period_type_of(const kpi_field *f)
{
	static char last[16];
	static size_t last_len;
	static kpi_period_type last_type = KPI_PT_NONE;
	if (last_type != KPI_PT_NONE && f->str_len == last_len && last_len < sizeof last &&
	    kpi_same_bytes(f->str, last, last_len))
		return last_type;
	kpi_period_type t = kpi_period_type_from_name(f->str);
	if (t != KPI_PT_NONE && f->str_len < sizeof last && strlen(f->str) == f->str_len) {
		memcpy(last, f->str, f->str_len);
		last_len = f->str_len;
		last_type = t;
	}
	return t;
}

/* The ordinal of the canonical period F (a string) of type T into *ORD: 0,
 * or -1 when it is not one.  A direct-mapped cache of the periods read
 * (a stream has a few hundred; parsing one was some 150 instructions a
 * record). */
enum { PERIOD_CACHE = 1024, PERIOD_CACHE_TEXT = 15 };
static struct period_cache {
	int type;                 /* 0: empty */
	unsigned char len;
	char text[PERIOD_CACHE_TEXT];
	long ord;
} period_cache[PERIOD_CACHE];

static int period_ordinal(const kpi_field *f, kpi_period_type t, long *ord)
{
	const char *x = f->str;
	if (t == KPI_PT_MONTH && f->str_len == 7 && x[4] == '-') {
		/* "YYYY-MM" read in place (kpi_period_parse_canonical's
		 * rule; kpi_period_ordinal's y * 12 + m - 1): the cache's
		 * lookup was a cache miss */
		unsigned d[6] = {(unsigned)x[0] - '0', (unsigned)x[1] - '0', (unsigned)x[2] - '0',
				 (unsigned)x[3] - '0', (unsigned)x[5] - '0', (unsigned)x[6] - '0'};
		if (d[0] <= 9 && d[1] <= 9 && d[2] <= 9 && d[3] <= 9 && d[4] <= 9 && d[5] <= 9) {
			long y = d[0] * 1000L + d[1] * 100 + d[2] * 10 + d[3], m = d[4] * 10L + d[5];
			if (m < 1 || m > 12)
				return -1;
			*ord = y * 12 + m - 1;
			return 0;
		}
	}
	struct period_cache *c = NULL;
	if (f->str_len <= PERIOD_CACHE_TEXT) {
		c = &period_cache[(kpi_hash_bytes(f->str, f->str_len) + (unsigned)t * 0x9E3779B1u) & (PERIOD_CACHE - 1)];
		if (c->type == (int)t && c->len == f->str_len && kpi_same_bytes(c->text, f->str, f->str_len)) {
			*ord = c->ord;
			return 0;
		}
	}
	kpi_period p;
	if (kpi_period_parse_canonical(f->str, t, &p) != 0)
		return -1;
	*ord = kpi_period_ordinal(&p);
	if (c && strlen(f->str) == f->str_len) { /* (a "\u0000" would end the text parsed) */
		c->type = (int)t;
		c->len = (unsigned char)f->str_len;
		memcpy(c->text, f->str, f->str_len);
		c->ord = *ord;
	}
	return 0;
}

/* S's catalogue fields (and its breakdown as written) from REC. */
static void set_catalogue(store *st, series *s, const struct store_shape *sh, const kpi_record *rec)
{
	const kpi_field *c;
	s->has_cat = 1;
	uint32_t *dst[5] = {&s->name, &s->section, &s->unit, &s->polarity, &s->order};
	for (int k = 0; k < 5; k++) {
		if (sh->pos[F_NAME + k] < 0) {
			*dst[k] = 0;
			continue;
		}
		c = &rec->f[sh->pos[F_NAME + k]];
		/* usually what the last record said: not interned again */
		*dst[k] = intern_last(st, &st->last_cat[k], c->raw, c->raw_len);
	}
	c = sh->pos[F_ORDER] >= 0 ? &rec->f[sh->pos[F_ORDER]] : NULL;
	s->order_num = c && c->type == KPI_JT_NUMBER ? c->num : NAN;
	/* the breakdown as the latest record writes it */
	c = sh->pos[F_BREAKDOWN] >= 0 ? &rec->f[sh->pos[F_BREAKDOWN]] : NULL;
	s->breakdown_raw = c ? intern_last(st, &st->last_cat[5], c->raw, c->raw_len) : 0;
}

/* C (NaN for none) as a count kept in a point, into *OUT: 0 when it is
 * not one (see COUNT_NONE). */
static int count_fits(double c, uint32_t *out)
{
	if (isnan(c)) {
		*out = COUNT_NONE;
		return 1;
	}
	if (!(c >= 0 && c < (double)COUNT_NONE) || signbit(c) || (double)(uint32_t)c != c)
		return 0;
	*out = (uint32_t)c;
	return 1;
}

/* O's numerator and denominator (NaN: none). */
static void set_counts(store *st, obs *o, double num, double den)
{
	uint32_t a, b;
	if (count_fits(num, &a) && count_fits(den, &b)) {
		o->num = a;
		o->den = b;
		o->flags &= (uint8_t)~OBS_WIDE;
		return;
	}
	if (st->n_wide >= UINT32_MAX)
		kpi_die(KPI_EXIT_DATA, "too much input: more than 2^32 points with counts that are not whole numbers");
	if (st->n_wide == st->cap_wide) {
		st->cap_wide = st->cap_wide ? 2 * st->cap_wide : 256;
		st->wide = kpi_xrealloc(st->wide, 2 * st->cap_wide * sizeof *st->wide);
	}
	st->wide[2 * st->n_wide] = num;
	st->wide[2 * st->n_wide + 1] = den;
	o->num = (uint32_t)st->n_wide++;
	o->den = 0;
	o->flags |= OBS_WIDE;
}

/* WHERE: the input's FILE:LINE, made only when it is needed */
#define WHERE kpi_ndjson_where(nd)
static int add_record(store *st, kpi_ndjson *nd)
{
	const kpi_record *rec = &nd->rec;
	const char *line = nd->line;
	size_t len = nd->len;
	struct store_shape *sh = st->shape;
	if (!sh->id || sh->id != rec->shape_id)
		shape_learn(sh, rec);
	/* the field of each role, or NULL */
#define fr(k) (sh->pos[k] >= 0 ? &rec->f[sh->pos[k]] : (const kpi_field *)NULL)
	/* the field of role K is the last record's, that record kept: taken
	 * from its line, or absent from both (a record that took its
	 * indicator has that line's keys) */
#define TAKEN(k) (sh->pos[k] < 0 || rec->taken[sh->pos[k]])
	int prev = st->prev.ok && rec->taken && sh->pos[F_INDICATOR] >= 0 && rec->taken[sh->pos[F_INDICATOR]];
	st->prev.ok = 0;
	/* the last record's series: its indicator, area, breakdown and period type */
	int same_series = prev && TAKEN(F_AREA) && TAKEN(F_BREAKDOWN) && TAKEN(F_PERIOD_TYPE);
	const kpi_field *f;
	kpi_period_type pt;
	if (same_series) { /* (those fields were found good in that record) */
		pt = st->s[st->prev.series].type;
		if (!(f = fr(F_PERIOD)) || f->type != KPI_JT_STRING)
			return reject(st, WHERE, line, len, f ? "period is %s, not a string" : "no period%s",
				      f ? type_text(f->type) : "");
		f = fr(F_PERIOD_TYPE);
	} else {
		if (!(f = fr(F_INDICATOR)) || f->type != KPI_JT_STRING)
			return reject(st, WHERE, line, len, f ? "indicator is %s, not a string" : "no indicator%s",
				      f ? type_text(f->type) : "");
		if (!(f = fr(F_PERIOD)) || f->type != KPI_JT_STRING)
			return reject(st, WHERE, line, len, f ? "period is %s, not a string" : "no period%s",
				      f ? type_text(f->type) : "");
		if (!(f = fr(F_PERIOD_TYPE)) || f->type != KPI_JT_STRING)
			return reject(st, WHERE, line, len,
				      f ? "period_type is %s, not a string" : "no period_type (typed observations from kpi-normalise expected)%s",
				      f ? type_text(f->type) : "");
		pt = period_type_of(f);
		if (pt == KPI_PT_NONE)
			return reject(st, WHERE, line, len, "unknown period_type '%s'", f->str);
	}
	long ord;
	if (period_ordinal(fr(F_PERIOD), pt, &ord) != 0)
		return reject(st, WHERE, line, len, "period '%s' is not a canonical %s period",
			      fr(F_PERIOD)->str, f->str);
	if (ord < INT32_MIN || ord > INT32_MAX)
		return reject(st, WHERE, line, len, "period '%s' is out of range", fr(F_PERIOD)->str);

	obs o;
	memset(&o, 0, sizeof o);
	o.ord = (int32_t)ord;
	static const char *const numname[3] = {"value", "numerator", "denominator"};
	double num, den;
	double *num_out[3] = {&o.value, &num, &den};
	for (int k = 0; k < 3; k++)
		if (number_field(fr(F_VALUE + k), num_out[k]) != 0)
			return reject(st, WHERE, line, len, "%s is %s, not a number or null "
				      "(typed observations from kpi-normalise expected)",
				      numname[k], type_text(fr(F_VALUE + k)->type));
	if (prev && TAKEN(F_STATUS)) {
		o.status = st->prev.status;
	} else if ((f = fr(F_STATUS)) && f->type != KPI_JT_NULL) {
		if (f->type != KPI_JT_STRING)
			return reject(st, WHERE, line, len, "status is %s, not a string", type_text(f->type));
		o.status = status_index(st, f->str, f->str_len, nd);
	}
	if ((f = fr(F_REBASE)) && f->type != KPI_JT_NULL) {
		if (f->type != KPI_JT_TRUE && f->type != KPI_JT_FALSE)
			return reject(st, WHERE, line, len, "rebase is %s, not true or false", type_text(f->type));
		if (f->type == KPI_JT_TRUE)
			o.flags |= OBS_REBASE;
	}
	if ((f = fr(F_RELEASED)) && f->type != KPI_JT_NULL) {
		if (f->type != KPI_JT_STRING || !(o.released = store_release_day(f->str)))
			return reject(st, WHERE, line, len, "released is not a date YYYY-MM-DD from 1970 to 2149");
	}
	if ((f = fr(F_SOURCE)) && f->type != KPI_JT_NULL && f->type != KPI_JT_STRING)
		return reject(st, WHERE, line, len, "source is %s, not a string", type_text(f->type));
	int64_t area = 0, bd = 0;
	uint32_t ind = 0;
	if (!same_series) {
		area = label_field(st, fr(F_AREA));
		if (area < 0)
			return reject(st, WHERE, line, len, "area is %s, not a string", type_text(fr(F_AREA)->type));
		bd = breakdown_key(st, fr(F_BREAKDOWN));
		if (bd < 0 && fr(F_BREAKDOWN)->type == KPI_JT_OBJECT)
			return reject(st, WHERE, line, len, "breakdown has a field that is not a string or null");
		if (bd < 0)
			return reject(st, WHERE, line, len, "breakdown is %s, not a string, an object of "
				      "column -> value, or null", type_text(fr(F_BREAKDOWN)->type));
		ind = intern_last(st, &st->last_indicator, fr(F_INDICATOR)->str, fr(F_INDICATOR)->str_len);
	}

	if ((f = fr(F_SOURCE)) && f->type == KPI_JT_STRING) {
		o.source = add_source(st, f->str, f->str_len);
		o.flags |= OBS_HAS_SOURCE;
	} else {
		const char *where = WHERE;
		o.source = add_source(st, where, strlen(where));
	}

	series *s;
	if (same_series) {
		s = &st->s[st->prev.series];
	} else {
		int created;
		s = find_series(st, ind, (uint32_t)area, (uint32_t)bd, &created);
		if (created) {
			s->type = pt;
			s->type_source = o.source;
		} else if (s->type != pt) {
			kpi_buf d = KPI_BUF_INIT, s1 = KPI_BUF_INIT, s2 = KPI_BUF_INIT;
			describe(st, s, &d);
			reject(st, WHERE, line, len, "period_type %s (source %s) differs from %s (source %s) in series %s",
			       kpi_period_type_name(pt), store_source_id(st, o.source, &s1), kpi_period_type_name(s->type),
			       store_source_id(st, s->type_source, &s2), kpi_buf_str(&d));
			kpi_buf_free(&d);
			kpi_buf_free(&s1);
			kpi_buf_free(&s2);
			return -1;
		}
	}

	if (sh->n_pass)
		o.pt = pass_list(st, sh, rec, period_texts_of((int)pt, ord, 0, 0), fr(F_VALUE));

	int cat = 0;
	if (!s->has_cat || o.ord >= s->cat_ord) {
		cat = 1;
		s->cat_ord = o.ord;
		/* the same texts as the last record, which set them in this
		 * series: the ids are there already */
		if (!(same_series && st->prev.cat && TAKEN(F_NAME) && TAKEN(F_SECTION) && TAKEN(F_UNIT) &&
		      TAKEN(F_POLARITY) && TAKEN(F_ORDER)))
			set_catalogue(st, s, sh, rec);
	}

	set_counts(st, &o, num, den);
	if (s->n == s->cap)
		obs_room(st, s);
	s->o[s->n++] = o;
	if (!st->has_type[pt] || ord > st->latest[pt]) {
		st->has_type[pt] = 1;
		st->latest[pt] = ord;
	}
	st->prev.ok = 1;
	st->prev.series = (size_t)(s - st->s);
	st->prev.status = o.status;
	st->prev.cat = cat;
	return 0;
}
#undef fr
#undef TAKEN
#undef WHERE

void store_read(store *st, const char *path)
{
	kpi_ndjson nd;
	kpi_ndjson_open(&nd, path);
	nd.rec.reuse_prefix = 1; /* a series' records repeat their first fields */
	st->shape->id = 0; /* shape ids are those of one reader's record */
	st->prev.ok = 0;
	int rc;
	while ((rc = kpi_ndjson_next(&nd)) != 0) {
		st->run->read++;
		if (rc < 0) {
			st->prev.ok = 0;
			kpi_run_reject(st->run, kpi_ndjson_where(&nd), nd.err, nd.line, nd.len);
		} else
			add_record(st, &nd);
	}
	kpi_ndjson_close(&nd);
}

typedef struct {
	int32_t ord;
	uint32_t idx;
	uint16_t released;
} ord_idx;

/* by period, then release (undated first), then input order */
static int cmp_ord_idx(const void *a, const void *b)
{
	const ord_idx *x = a, *y = b;
	if (x->ord != y->ord)
		return x->ord < y->ord ? -1 : 1;
	if (x->released != y->released)
		return x->released < y->released ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int same_number(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

/* Counts agree when equal or when one record does not give one (a file that
 * gives a percentage alone, another with its count). */
static int counts_agree(double a, double b)
{
	return isnan(a) || isnan(b) || a == b;
}

/* Same value and status, and numerator and denominator where both give
 * them (sources and other fields may differ). */
static int same_numbers(const store *st, const obs *a, const obs *b)
{
	return same_number(a->value, b->value) && counts_agree(store_num(st, a), store_num(st, b))
	       && counts_agree(store_den(st, a), store_den(st, b)) && a->status == b->status;
}

/* KEPT, merged with an agreeing duplicate D: the counts only D gives. */
static void take_counts(store *st, obs *kept, const obs *d)
{
	double num = store_num(st, kept), den = store_den(st, kept);
	if (isnan(num))
		num = store_num(st, d);
	if (isnan(den))
		den = store_den(st, d);
	set_counts(st, kept, num, den);
}

const char *store_period_text(const series *s, long ord, char *buf)
{
	kpi_period p;
	if (s->snap_month) {
		p.type = KPI_PT_DATE;
		p.year = (int)ord;
		p.sub = s->snap_month;
		p.day = s->snap_day;
	} else {
		kpi_period_from_ordinal(s->type, ord, &p);
	}
	kpi_period_format(&p, buf);
	return buf;
}

long store_series_ord(const series *s, long ord, int exact)
{
	if (!s->snap_month)
		return ord;
	kpi_period p;
	kpi_period_from_ordinal(KPI_PT_DATE, ord, &p);
	int before = p.sub < s->snap_month || (p.sub == s->snap_month && p.day < s->snap_day);
	if (exact && (p.sub != s->snap_month || p.day != s->snap_day))
		return LONG_MIN;
	return p.year - before;
}

/* A date series all of whose points fall on one day of the year is annual:
 * its ordinals become years (the window, gaps, year ago and --every-period
 * then count years, not days). */
static void annual_snapshot(series *s)
{
	kpi_period p;
	int month = 0, day = 0;
	for (uint32_t k = 0; k < s->n; k++) {
		kpi_period_from_ordinal(KPI_PT_DATE, s->o[k].ord, &p);
		if (k && (p.sub != month || p.day != day))
			return;
		month = p.sub;
		day = p.day;
	}
	if (!s->n || (month == 2 && day == 29))
		return;
	for (uint32_t k = 0; k < s->n; k++) {
		kpi_period_from_ordinal(KPI_PT_DATE, s->o[k].ord, &p);
		s->o[k].ord = p.year;
	}
	for (uint32_t k = 0; k < s->nrev; k++) { /* revisions are of those points: the same day */
		kpi_period_from_ordinal(KPI_PT_DATE, s->rev[k].ord, &p);
		s->rev[k].ord = p.year;
	}
	s->snap_month = month;
	s->snap_day = day;
}

static void add_revision(series *s, const obs *o)
{
	if ((s->nrev & (s->nrev - 1)) == 0) /* 0, 1, 2, 4, ...: grow by doubling */
		s->rev = kpi_xrealloc(s->rev, (s->nrev ? 2 * (size_t)s->nrev : 1) * sizeof *s->rev);
	s->rev[s->nrev++] = *o;
}

void store_finish(store *st)
{
	if (st->known_at) /* the latest period as known then */
		memset(st->has_type, 0, sizeof st->has_type);
	for (size_t i = 0; i < st->n; i++) {
		series *s = &st->s[i];
		uint32_t k, sorted = 1;
		for (k = 1; k < s->n && sorted; k++)
			sorted = s->o[k - 1].ord < s->o[k].ord
				 || (s->o[k - 1].ord == s->o[k].ord && s->o[k - 1].released <= s->o[k].released);
		if (!sorted) {
			/* by period, release, then input order (so the later of two duplicates is rejected) */
			ord_idx *t = kpi_xmalloc(s->n * sizeof *t);
			for (k = 0; k < s->n; k++)
				t[k] = (ord_idx){s->o[k].ord, k, s->o[k].released};
			qsort(t, s->n, sizeof *t, cmp_ord_idx);
			obs *o = kpi_xmalloc((size_t)s->n * sizeof *o);
			for (k = 0; k < s->n; k++)
				o[k] = s->o[t[k].idx];
			memcpy(s->o, o, (size_t)s->n * sizeof *o);
			free(o);
			free(t);
		}
		uint32_t w = 0;
		for (k = 0; k < s->n; k++) {
			if (st->known_at && s->o[k].released > st->known_at)
				continue; /* not yet published as known at --as-known-at */
			if (w && s->o[w - 1].ord == s->o[k].ord && s->o[w - 1].released != s->o[k].released) {
				/* a later release of the point: the earlier one is a revision
				 * when the figure changed, else the later one confirms it */
				if (!same_numbers(st, &s->o[w - 1], &s->o[k]))
					add_revision(s, &s->o[w - 1]);
				s->o[w - 1] = s->o[k];
				continue;
			}
			if (w && s->o[w - 1].ord == s->o[k].ord && same_numbers(st, &s->o[w - 1], &s->o[k])) {
				/* an agreeing duplicate: merged into the first */
				take_counts(st, &s->o[w - 1], &s->o[k]);
				continue;
			}
			if (w && s->o[w - 1].ord == s->o[k].ord) {
				kpi_period p;
				char text[KPI_PERIOD_BUFSZ];
				kpi_period_from_ordinal(s->type, s->o[k].ord, &p);
				kpi_period_format(&p, text);
				kpi_buf d = KPI_BUF_INIT, s1 = KPI_BUF_INIT, s2 = KPI_BUF_INIT;
				describe(st, s, &d);
				reject(st, store_source(st, &s->o[k], &s1), NULL, 0,
				       "duplicate observation for period %s in series %s (also at %s)", text,
				       kpi_buf_str(&d), store_source(st, &s->o[w - 1], &s2));
				kpi_buf_free(&d);
				kpi_buf_free(&s1);
				kpi_buf_free(&s2);
				continue;
			}
			s->o[w++] = s->o[k];
		}
		s->n = w;
		if (st->known_at && w) {
			int pt = s->type;
			if (!st->has_type[pt] || s->o[w - 1].ord > st->latest[pt])
				st->latest[pt] = s->o[w - 1].ord;
			st->has_type[pt] = 1;
		}
		if (s->type == KPI_PT_DATE)
			annual_snapshot(s);
	}
}
