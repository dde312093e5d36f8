/* store_read.c: reading typed observations into the series store (see store.h). */
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

/* Blocks after the first are asked for in huge pages where the system has
 * them (hugemem.h): the first store into each 4 KB page of points was a
 * page fault, a tenth of the time on a million points.  The first block is
 * an ordinary one of OBS_FIRST_BLOCK points, so a small input costs no 2 MB
 * page, and a large one few 4 KB faults (a first block of 2 MB was 512 of
 * them, some 40 us each on the bench's virtual machine). */
static struct obs_block *new_block(size_t cap, int first)
{
	size_t bytes = sizeof(struct obs_block) + cap * sizeof(obs);
	struct obs_block *b = first ? kpi_xmalloc(bytes) : kpi_xmalloc_huge(bytes, &bytes);
	b->cap = (bytes - sizeof *b) / sizeof(obs);
	b->used = 0;
	return b;
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
		size_t least = b ? OBS_BLOCK : OBS_FIRST_BLOCK;
		struct obs_block *nb = new_block(cap > least ? cap : least, !b);
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

/* Room for a table of at least N bytes (*GOT: how many) that may grow
 * large (the series, their slots): in huge pages from TABLE_HUGE bytes,
 * where one fault maps 2 MB (4 KB page faults, some 40 us each on the
 * bench's virtual machine, were a tenth of the time on 20,000 series). */
enum { TABLE_HUGE = 256 << 10 };
static void *table_alloc(size_t n, size_t *got)
{
	*got = n;
	return n >= TABLE_HUGE ? kpi_xmalloc_huge(n, got) : kpi_xmalloc(n);
}

static void grow_series_slots(store *st)
{
	size_t nslot = st->nslot * 2, bytes;
	uint32_t *slot = table_alloc(nslot * sizeof *slot, &bytes);
	memset(slot, 0, nslot * sizeof *slot);
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
		size_t bytes;
		series *ns = table_alloc((st->cap ? 2 * st->cap : 256) * sizeof *st->s, &bytes);
		if (st->n)
			memcpy(ns, st->s, st->n * sizeof *st->s);
		free(st->s);
		st->s = ns;
		st->cap = bytes / sizeof *st->s;
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
