/* normalise.c: the meaning of one raw observation (contract §2). */
#include "normalise.h"
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kpi/breakdown.h"
#include "kpi/bytes.h"
#include "kpi/diag.h"
#include "kpi/json_write.h"
#include "kpi/la_changes.h"
#include "kpi/names.h"
#include "kpi/numfmt.h"

/* The pieces of a typed record, appended to B as JSON text.  add() is
 * kpi_buf_add without the terminating NUL, always inline (a call per piece
 * was a tenth of the instructions): the last piece of each text is put with
 * kpi_buf_add or ended by end_text(). */
static inline __attribute__((always_inline)) void add(kpi_buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap) /* kpi_buf_reserve, which was not always inlined */
		kpi_buf_grow(b, n);
	if (n) /* P may be NULL when N is 0 (an empty kpi_buf) */
		memcpy(b->data + b->len, p, n);
	b->len += n;
}
#define PUT_LIT(b, lit) add((b), lit, sizeof lit - 1)

/* Into room made before (normalise_record reserves once what a typed
 * record can take), through a cursor W of its own: a check per piece, and
 * the buffer's length loaded and stored again after every byte written
 * (a char store may alias it), were a tenth of the instructions. */
#define W_PUT(w, p, n) (memcpy((w), (p), (n)), (w) += (n))
#define W_LIT(w, lit) W_PUT(w, lit, sizeof lit - 1)

/* W_PUT of a text of any length, most often a few bytes (a value, an area
 * code): those without a call. */
static inline __attribute__((always_inline)) char *w_put(char *w, const void *p, size_t n)
{
	if (n > 16)
		return W_PUT(w, p, n);
	kpi_copy_short(w, p, n);
	return w + n;
}

static void end_text(kpi_buf *b)
{
	kpi_buf_reserve(b, 0);
	b->data[b->len] = '\0';
}

void normaliser_init(normaliser *nz, const kpi_catalogue *cat)
{
	memset(nz, 0, sizeof *nz);
	nz->cat = cat;
	nz->seen = dupes_new();
	warnings_init(&nz->warn);
	subgroup_init(&nz->bd);
}

void normaliser_free(normaliser *nz)
{
	dupes_free(nz->seen);
	warnings_free(&nz->warn);
	subgroup_free(&nz->bd);
	kpi_buf_free(&nz->scratch);
	kpi_buf_free(&nz->earlier);
	kpi_buf_free(&nz->problems);
	kpi_buf_free(&nz->text);
	kpi_buf_free(&nz->class_text);
	kpi_buf_free(&nz->class_unit);
	kpi_buf_free(&nz->class_dp);
	kpi_buf_free(&nz->head);
	kpi_buf_free(&nz->series_key);
	kpi_shape_memo_free(&nz->shape);
	if (nz->period_memo)
		for (size_t i = 0; i < NZ_PERIOD_CACHE; i++) {
			kpi_buf_free(&nz->period_memo[i].text);
			kpi_buf_free(&nz->period_memo[i].tid);
			kpi_buf_free(&nz->period_memo[i].json);
		}
	free(nz->period_memo);
}

void normaliser_forget(normaliser *nz)
{
	kpi_shape_memo_forget(&nz->shape);
	nz->series_valid = 0;
	kpi_la_changes_forget(nz->la_changes);
}

void normaliser_finish(normaliser *nz)
{
	warnings_flush(&nz->warn);
}

/* The fields this stage sets: not passed through from the input.  The
 * first ones (up to F_NOWN) are also the ones it reads. */
enum {
	F_INDICATOR, F_SOURCE, F_PERIOD_RAW, F_PERIOD, F_VALUE_RAW, F_VALUE, F_NUMERATOR,
	F_DENOMINATOR, F_AREA, F_BREAKDOWN, F_RELEASED, F_NREAD,
	F_NAME = F_NREAD, F_SECTION, F_UNIT, F_POLARITY, F_ORDER, F_STATUS, F_PERIOD_TYPE,
	F_PERIOD_START, F_PERIOD_END, F_DATA_QUALITY, F_COMPARABLE, F_NOWN
};
/* Each name with its length, counted by the compiler. */
#define OWN(s) {s, sizeof s - 1}
static const struct {
	const char *name;
	size_t len;
} own_fields[F_NOWN] = {
	OWN("indicator"), OWN("source"), OWN("period_raw"), OWN("period"), OWN("value_raw"),
	OWN("value"), OWN("numerator"), OWN("denominator"), OWN("area"), OWN("breakdown"),
	OWN("released"),
	OWN("name"), OWN("section"), OWN("unit"), OWN("polarity"), OWN("order"), OWN("status"),
	OWN("period_type"), OWN("period_start"), OWN("period_end"), OWN("data_quality"),
	OWN("comparable")
};
#undef OWN

/* Which own field KEY is, or -1.  Once per input field, so by first letter
 * (candidates are stored as index + 1; 0 ends a list). */
static int own_field(const char *key, size_t len)
{
	static const unsigned char by_letter[26][7] = {
		['a' - 'a'] = {F_AREA + 1},
		['b' - 'a'] = {F_BREAKDOWN + 1},
		['c' - 'a'] = {F_COMPARABLE + 1},
		['d' - 'a'] = {F_DENOMINATOR + 1, F_DATA_QUALITY + 1},
		['i' - 'a'] = {F_INDICATOR + 1},
		['n' - 'a'] = {F_NUMERATOR + 1, F_NAME + 1},
		['o' - 'a'] = {F_ORDER + 1},
		['p' - 'a'] = {F_PERIOD_RAW + 1, F_PERIOD + 1, F_POLARITY + 1, F_PERIOD_TYPE + 1,
			       F_PERIOD_START + 1, F_PERIOD_END + 1},
		['r' - 'a'] = {F_RELEASED + 1},
		['s' - 'a'] = {F_SOURCE + 1, F_SECTION + 1, F_STATUS + 1},
		['u' - 'a'] = {F_UNIT + 1},
		['v' - 'a'] = {F_VALUE_RAW + 1, F_VALUE + 1},
	};
	if (len == 0 || key[0] < 'a' || key[0] > 'z')
		return -1;
	const unsigned char *cand = by_letter[key[0] - 'a'];
	for (int i = 0; i < 7 && cand[i]; i++) {
		int k = cand[i] - 1;
		if (own_fields[k].len == len && memcmp(key, own_fields[k].name, len) == 0)
			return k;
	}
	return -1;
}

/* Fields read but passed through: EES time and metadata columns. */
enum { P_TIME_IDENTIFIER, P_INDICATOR_LABEL, P_INDICATOR_UNIT, P_INDICATOR_DP, P_N };
_Static_assert(F_NREAD == NZ_NREAD && P_N == NZ_NPASSED, "normalise.h's NZ_NREAD and NZ_NPASSED");
static const char *const passed_read[P_N] = {
	"time_identifier", "indicator_label", "indicator_unit", "indicator_dp"
};

/* The record's own fields, found in one pass (kpi_record_get per field
 * scanned the record a dozen times). */
typedef struct {
	const kpi_field *const *f;        /* F_NREAD + P_N of them; f[F_NREAD + j]: p[j] */
	const kpi_field *const *p;        /* read, but passed through: f + F_NREAD */
	uint64_t own;                     /* bit i: field i (< 64) is an own field */
} own_index;

/* What KEY is: an own field, NZ_KEY_PASSED + a field read but passed
 * through, or -1. */
static int key_meaning(const char *key, size_t len)
{
	int k = own_field(key, len);
	if (k < 0 && len >= 12 && (key[0] == 't' || key[0] == 'i')) /* cheap first test */
		for (int j = 0; j < P_N; j++)
			if (strcmp(key, passed_read[j]) == 0)
				return NZ_KEY_PASSED + j;
	return k;
}

/* Where REC's fields are: looked up by key when the keys are not the last
 * record's, else where they were. */
static void index_record(normaliser *nz, const kpi_record *rec, own_index *ix)
{
	if (!kpi_shape_memo_same(&nz->shape, rec)) {
		nz->at.n_read = 0;
		nz->at.own = 0;
		for (size_t i = 0; i < rec->n; i++) {
			const kpi_field *f = &rec->f[i];
			int k = key_meaning(f->key, f->key_len);
			if (k >= 0 && k < F_NOWN && i < 64)
				nz->at.own |= 1ULL << i;
			if (k >= 0 && k < F_NREAD)
				nz->at.read[nz->at.n_read].which = (unsigned char)k;
			else if (k >= NZ_KEY_PASSED)
				nz->at.read[nz->at.n_read].which = (unsigned char)(F_NREAD + k - NZ_KEY_PASSED);
			else
				continue;
			nz->at.read[nz->at.n_read++].pos = i; /* each key once: no overflow */
		}
		nz->at.base_valid = 0;
	}
	/* the fields' addresses: those of the last record, when it had this
	 * shape and was parsed into the same array (nearly always) */
	if (!nz->at.base_valid || rec->f != nz->at.base) {
		memset(nz->at.f, 0, sizeof nz->at.f);
		for (size_t j = 0; j < nz->at.n_read; j++)
			nz->at.f[nz->at.read[j].which] = &rec->f[nz->at.read[j].pos];
		nz->at.base = rec->f;
		nz->at.base_valid = 1;
	}
	ix->f = nz->at.f;
	ix->p = nz->at.f + F_NREAD;
	ix->own = nz->at.own;
}

/* The length of string field F's text as a C string (to a "\u0000" in it):
 * its decoded length when its JSON text holds no escape (every escape is
 * longer than what it stands for, so the text is then the bytes and the
 * quotes). */
static size_t cstr_len(const kpi_field *f)
{
	return f->raw_len == f->str_len + 2 ? f->str_len : strlen(f->str);
}

static const char *field_str(const kpi_field *f)
{
	return f && f->type == KPI_JT_STRING ? f->str : NULL;
}

/* For qualified aliases: a field of the record, else of its breakdown object. */
typedef struct {
	const kpi_record *rec;
	const subgroup *bd;
} match_ctx;

static const char *record_field_text(void *ctx, const char *field)
{
	const match_ctx *m = ctx;
	const char *s = kpi_record_str(m->rec, field);
	return s ? s : subgroup_field(m->bd, field);
}

/* A number cell: the parsed value, or a status, or -1 when it is neither. */
typedef struct {
	int present;          /* the field is there and not null */
	const kpi_field *field; /* the field it was read from */
	const char *text;     /* the text it was read from (into the record or line) */
	size_t len;
	kpi_value v;
} cell;

/* Reads field F (string, number or null; RAW, the value_raw of an earlier
 * run, wins when it is a string: idempotent) into C.  -1 on a bad type. */
static inline __attribute__((always_inline)) int read_cell(const kpi_field *raw, const kpi_field *f,
							   cell *c)
{
	c->present = 0;
	c->field = NULL;
	c->text = NULL;
	c->len = 0;
	c->v = (kpi_value){.status = KPI_ST_MISSING};
	if (raw && raw->type == KPI_JT_STRING)
		f = raw;
	if (!f || f->type == KPI_JT_NULL)
		return 0;
	c->field = f;
	if (f->type == KPI_JT_STRING) {
		c->text = f->str;
		c->len = f->str_len;
	} else if (f->type == KPI_JT_NUMBER) {
		c->text = f->raw;
		c->len = f->raw_len;
	} else {
		return -1;
	}
	c->present = 1;
	return 0;
}

static int unit_is(const kpi_cat_entry *e, const char *unit)
{
	return e && strcmp(e->unit, unit) == 0;
}

/* The units the checks know, and the catalogue's year type, of entry E: the
 * last entry's are kept (records come indicator by indicator). */
enum { U_OTHER, U_COUNT, U_PERCENT, U_RATE_10K, U_RATE_100K, U_RATIO };

static void entry_kind_find(normaliser *nz, const kpi_cat_entry *e);
static inline void entry_kind(normaliser *nz, const kpi_cat_entry *e)
{
	if (!nz->kind_valid || e != nz->kind_entry)
		entry_kind_find(nz, e);
}

static void entry_kind_find(normaliser *nz, const kpi_cat_entry *e)
{
	static const char *const units[] = {"", "count", "percent", "rate_per_10k", "rate_per_100k", "ratio"};
	nz->kind_unit = U_OTHER;
	for (int u = U_COUNT; u <= U_RATIO; u++)
		if (unit_is(e, units[u]))
			nz->kind_unit = u;
	nz->kind_year = e && strcmp(e->year_type, "academic") == 0    ? (int)KPI_YEAR_ACADEMIC
			: e && strcmp(e->year_type, "financial") == 0 ? (int)KPI_YEAR_FINANCIAL
								      : -1;
	nz->kind_entry = e;
	nz->kind_valid = 1;
}

static void add_problem(normaliser *nz, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add_problem(normaliser *nz, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* problems: NUL-separated messages */
	kpi_buf_add(&nz->problems, msg, strlen(msg) + 1);
}

static const char *num(char buf[KPI_NUM_BUFSZ], double v)
{
	if (kpi_fmt_double(buf, v) < 0)
		strcpy(buf, "?");
	return buf;
}

/* pow(10, -d), the rounding of a value written with D decimals: the common
 * D are kept as pow() gave them (the same bits, without a call per record). */
static double ten_to_minus(int d)
{
	enum { LO = -24, HI = 24 };
	static double memo[HI - LO + 1];
	static int have;
	if (!have) {
		for (int i = LO; i <= HI; i++)
			memo[i - LO] = pow(10, -i);
		have = 1;
	}
	return d >= LO && d <= HI ? memo[d - LO] : pow(10, -d);
}

int nz_multiple_of_ten(double n)
{
	if (n > -9e15 && n < 9e15) { /* fmod was a call per record */
		long long i = (long long)n;
		return (double)i == n && i % 10 == 0; /* a fraction is no multiple */
	}
	return fmod(n, 10) == 0;
}

/* The checks of issue 5: they add problems, never stop. */
static void check_values(normaliser *nz, const kpi_cat_entry *e, const cell *val,
			 const cell *numr, const cell *den)
{
	char a[KPI_NUM_BUFSZ], b[KPI_NUM_BUFSZ], c[KPI_NUM_BUFSZ];
	int has_v = kpi_value_known(&val->v), has_n = kpi_value_known(&numr->v),
	    has_d = kpi_value_known(&den->v);
	double v = val->v.value, n = numr->v.value, d = den->v.value;
	entry_kind(nz, e);
	int unit = nz->kind_unit;
	if (has_v && unit == U_COUNT && v < 0)
		add_problem(nz, "negative count %s", num(a, v));
	if (has_n && n < 0)
		add_problem(nz, "negative numerator %s", num(a, n));
	if (has_d && d < 0)
		add_problem(nz, "negative denominator %s", num(a, d));
	if (has_d && d == 0)
		add_problem(nz, "denominator is 0");
	if (has_v && unit == U_PERCENT && (v < 0 || v > 100))
		add_problem(nz, "percent %s is outside 0-100", num(a, v));
	if (has_n && has_d && d > 0 && unit == U_PERCENT && n > d)
		add_problem(nz, "numerator %s is greater than denominator %s", num(a, n), num(b, d));
	double scale = unit == U_PERCENT ? 100 : unit == U_RATE_10K ? 1e4
		     : unit == U_RATE_100K ? 1e5 : unit == U_RATIO ? 1 : 0;
	if (has_v && has_n && has_d && d > 0 && scale > 0) {
		double expect = scale * n / d;
		/* within the rounding of the value as written: 22.6 covers 22.55..22.65;
		 * and of the count: the DfE rounds national and regional counts to
		 * the nearest 10 (11910 children may be 11905..11914), so a multiple
		 * of 10 is read as any count it could have been rounded from */
		double tol = 0.5 * ten_to_minus(val->v.decimals) + 1e-9 * fabs(expect);
		if (n >= 10 && nz_multiple_of_ten(n))
			tol += scale * 5 / d;
		if (fabs(v - expect) > tol) {
			char e6[32];
			snprintf(e6, sizeof e6, "%.6g", expect);
			add_problem(nz, "value %s disagrees with numerator/denominator %s/%s = %s",
				    num(a, v), num(b, n), num(c, d), e6);
		}
	}
}

static int parse_cell_other(normaliser *nz, const kpi_cat_entry *e, cell *c, const char *what,
			    kpi_buf *reason);

/* Value, numerator or denominator text to a number or status: a plain
 * decimal inline, anything else through parse_cell_other. */
static inline __attribute__((always_inline)) int parse_cell(normaliser *nz, const kpi_cat_entry *e,
							    cell *c, const char *what, kpi_buf *reason)
{
	if (!c->present)
		return 0;
	if (!nz->percent_fractions && kpi_value_parse_short(c->text, c->len, &c->v))
		return 0;
	return parse_cell_other(nz, e, c, what, reason);
}

static int parse_cell_other(normaliser *nz, const kpi_cat_entry *e, cell *c, const char *what,
			    kpi_buf *reason)
{
	if (kpi_value_parse_short(c->text, c->len, &c->v) || kpi_value_parse(c->text, c->len, &c->v) == 0) {
		if (nz->percent_fractions && kpi_value_known(&c->v) && unit_is(e, "percent") &&
		    !c->v.percent_sign && strcmp(what, "value") == 0) {
			c->v.value *= 100;
			c->v.decimals -= 2;
			c->v.shortest = 0; /* the text is no longer the number's */
		}
		return 0;
	}
	if (kpi_duration_like(c->text, c->len)) {
		kpi_duration_unit u;
		if (!e || unit_is(e, "days")) /* a duration the catalogue does not know: days */
			u = KPI_DUR_DAYS;
		else if (unit_is(e, "weeks"))
			u = KPI_DUR_WEEKS;
		else {
			kpi_buf_printf(reason, "%s '%.*s' is a duration (%s) but the indicator's unit is %s, "
				       "not days or weeks", what, (int)c->len, c->text,
				       nz->duration_form == KPI_DUR_YY_MM ? "years:months" : "months:days",
				       e->unit);
			return -1;
		}
		if (kpi_duration_parse(c->text, c->len, nz->duration_form, u, &c->v.value) == 0) {
			c->v.status = KPI_ST_OK;
			c->v.decimals = 0;
			return 0;
		}
		kpi_buf_printf(reason, "%s '%.*s' is not a valid duration (%s)", what, (int)c->len,
			       c->text, nz->duration_form == KPI_DUR_YY_MM ? "years:months, months 0-11"
									 : "months:days, days 0-30");
		return -1;
	}
	kpi_buf_printf(reason, "%s '%.*s' is not a number or a status "
		       "(suppressed c, not_available x : .., not_applicable z ., rounds_to_zero "
		       "low k, low_reliability 12u, missing NA n/a, error #VALUE! #DIV/0!; "
		       "[c] [x] [z] [low] [u] [k])", what, (int)c->len, c->text);
	return -1;
}

/* A hash of C's status and value (to the bit): two multiplications (a
 * dupes_hash of them was a tenth of the duplicate check). */
static uint32_t hash_cell(const cell *c)
{
	uint64_t bits = 0;
	if (kpi_value_known(&c->v))
		memcpy(&bits, &c->v.value, sizeof c->v.value);
	uint64_t h = (bits ^ (uint64_t)c->v.status * 0x9E3779B97F4A7C15ULL) * 0xBF58476D1CE4E5B9ULL;
	h ^= h >> 31;
	h *= 0x94D049BB133111EBULL;
	return (uint32_t)(h ^ (h >> 32));
}

/* A numerator's or denominator's hash for the duplicate check, 0 when the
 * record gives no number (absent, null, suppressed: a file that gives the
 * percentage alone says nothing against one that gives its count). */
static uint16_t count_hash(const cell *c)
{
	if (!kpi_value_known(&c->v))
		return 0;
	uint32_t h = hash_cell(c);
	uint16_t h16 = (uint16_t)(h ^ (h >> 16));
	return h16 ? h16 : 1;
}

/* Appends N bytes of P with their length before them (so the parts of a key
 * read one way only). */
static void key_part(kpi_buf *b, const void *p, size_t n)
{
	uint32_t len = (uint32_t)n;
	add(b, &len, sizeof len);
	add(b, p, n);
}

/* A part of the series' key: a tag byte (0 none), then P[0..n) with its length. */
typedef struct {
	char tag;
	const void *p;
	size_t n;
} key_ref;

/* Whether SK is the key PARTS[0..np) make (key_part's layout). */
static int key_is(const kpi_buf *sk, const key_ref *parts, size_t np)
{
	size_t at = 0;
	for (size_t i = 0; i < np; i++) {
		const key_ref *r = &parts[i];
		if (r->tag) {
			if (at >= sk->len || sk->data[at] != r->tag)
				return 0;
			at++;
		}
		uint32_t len = (uint32_t)r->n;
		if (sk->len - at < sizeof len + r->n || memcmp(sk->data + at, &len, sizeof len) != 0 ||
		    !kpi_same_bytes(sk->data + at + sizeof len, r->p, r->n))
			return 0;
		at += sizeof len + r->n;
	}
	return at == sk->len;
}

/* Whether cache entry PC holds PTEXT[0..plen) parsed with POPTS. */
static int period_cached_is(const period_cache *pc, const char *ptext, size_t plen,
			    const kpi_period_opts *popts)
{
	const char *tid = popts->time_identifier;
	return pc->valid && pc->text.len == plen && kpi_same_bytes(pc->text.data, ptext, plen) &&
	       pc->year_type == popts->year_type && pc->column_is_date == popts->column_is_date &&
	       pc->snapshot_month == popts->snapshot_month && pc->snapshot_day == popts->snapshot_day &&
	       (tid == NULL) == (pc->has_tid == 0) && (!tid || strcmp(tid, pc->tid.data) == 0);
}

/* The period cache's hash of a text: a period's text is short ("Apr-15",
 * "2019-20"), so its first and last eight bytes, inline (dupes_hash was a
 * call and a loop); a longer one through dupes_hash.  A collision only
 * costs a parse. */
static uint64_t period_text_hash(const char *p, size_t n)
{
	uint64_t a, b;
	if (n > 16)
		return dupes_hash(DUPES_HASH_INIT, p, n);
	if (n >= 8) {
		memcpy(&a, p, 8), memcpy(&b, p + n - 8, 8);
	} else if (n >= 4) {
		uint32_t x, y;
		memcpy(&x, p, 4), memcpy(&y, p + n - 4, 4);
		a = x, b = y;
	} else {
		const unsigned char *u = (const unsigned char *)p;
		a = n ? (uint64_t)u[0] | (uint64_t)u[n >> 1] << 8 | (uint64_t)u[n - 1] << 16 : 0;
		b = 0;
	}
	uint64_t h = (a ^ (uint64_t)n << 56) * 0x9E3779B97F4A7C15ULL ^ b * 0xC4CEB9FE1A85EC53ULL;
	h ^= h >> 32;
	h *= 0xFF51AFD7ED558CCDULL;
	return h ^ (h >> 29);
}

/* A file holds few distinct period texts: successful parses are kept (in a
 * table of pairs of entries, the pair picked by the text's hash: with one
 * entry per hash, two of a series' hundred months sharing one were parsed
 * again in every series) with everything that can change them.  The entry
 * holding PTEXT's parse, or NULL with the reason. */
static period_cache *parse_period_cached(normaliser *nz, const char *ptext, size_t plen,
					 const kpi_period_opts *popts, kpi_buf *reason)
{
	if (!nz->period_memo)
		nz->period_memo = kpi_xcalloc(NZ_PERIOD_CACHE, sizeof *nz->period_memo);
	uint64_t h = period_text_hash(ptext, plen);
	period_cache *pair = &nz->period_memo[2 * ((h ^ (h >> 32)) & (NZ_PERIOD_CACHE / 2 - 1))];
	const char *tid = popts->time_identifier;
	for (int way = 0; way < 2; way++) {
		period_cache *pc = &pair[way];
		if (period_cached_is(pc, ptext, plen, popts)) {
			pair[0].recent = (unsigned char)way;
			return pc;
		}
	}
	char perr[512];
	kpi_period per;
	if (kpi_period_parse(ptext, popts, &per, perr, sizeof perr) != 0) {
		kpi_buf_adds(reason, perr);
		return NULL;
	}
	/* the entry of the pair not used last makes room */
	int way = pair[0].recent ^ 1;
	pair[0].recent = (unsigned char)way;
	period_cache *pc = &pair[way];
	kpi_period_format(&per, pc->canon);
	kpi_period_bounds(&per, pc->start, pc->end);
	pc->valid = 1;
	pc->year_type = popts->year_type;
	pc->column_is_date = popts->column_is_date;
	pc->snapshot_month = popts->snapshot_month;
	pc->snapshot_day = popts->snapshot_day;
	kpi_buf_clear(&pc->text);
	kpi_buf_add(&pc->text, ptext, plen);
	pc->has_tid = tid != NULL;
	kpi_buf_clear(&pc->tid);
	if (tid)
		kpi_buf_adds(&pc->tid, tid);
	pc->per = per;
	pc->ordinal = kpi_period_ordinal(&per);
	kpi_buf_clear(&pc->json);
	return pc;
}

static void put_string(kpi_buf *b, const char *s)
{
	kpi_json_escape(b, s, strlen(s));
}

static void put_string_or_null(kpi_buf *b, const char *s)
{
	if (s)
		put_string(b, s);
	else
		PUT_LIT(b, "null");
}

/* The shortest round-trip text of V (null for NaN or infinity, as kpi_jw_number). */
static void put_number(kpi_buf *b, double v)
{
	char t[KPI_NUM_BUFSZ];
	int n = kpi_fmt_double(t, v);
	if (n < 0)
		PUT_LIT(b, "null");
	else
		add(b, t, (size_t)n);
}

/* The first N bytes of the string field F's decoded text as JSON, at W
 * in B's room: the field's own text when that is all of it and holds no
 * escape (then it is exactly what escaping gives: the parser let through
 * no quote, backslash or control character), else the bytes escaped
 * again.  A string holds an escape exactly when its text is more than its
 * bytes and the two quotes (every escape is longer than what it stands
 * for).  Where the text ends. */
static char *w_field_string(kpi_buf *b, char *w, const kpi_field *f, size_t n)
{
	if (n == f->str_len && f->raw_len == f->str_len + 2)
		return w_put(w, f->raw, f->raw_len);
	b->len = (size_t)(w - b->data);
	kpi_json_escape(b, f->str, n);
	return b->data + b->len;
}

/* The text of cell C as a JSON string (value_raw), at W in B's room. */
static char *w_cell_text(kpi_buf *b, char *w, const cell *c)
{
	if (c->field->type == KPI_JT_STRING)
		return w_field_string(b, w, c->field, c->len);
	*w++ = '"'; /* a JSON number's text needs no escape */
	W_PUT(w, c->text, c->len);
	*w++ = '"';
	return w;
}

/* ',"status":' and the name of status ST (the names are words: no escape), at W. */
static char *w_status(char *w, kpi_status st)
{
	enum { NST = KPI_ST_LOW_RELIABILITY + 1 };
	static char text[NST][48];
	static unsigned char len[NST];
	unsigned i = (unsigned)st < NST ? (unsigned)st : KPI_ST_ERROR; /* kpi_status_name's "error" */
	if (!len[i]) {
		kpi_buf t = KPI_BUF_INIT;
		PUT_LIT(&t, ",\"status\":");
		put_string(&t, kpi_status_name((kpi_status)i));
		if (t.len > sizeof text[i])
			kpi_die(KPI_EXIT_IO, "a status name of %zu bytes", t.len);
		memcpy(text[i], t.data, t.len);
		len[i] = (unsigned char)t.len;
		kpi_buf_free(&t);
	}
	return W_PUT(w, text[i], len[i]);
}

/* The shortest round-trip text of V (null for NaN or infinity, as
 * kpi_jw_number), at W. */
static char *w_number(char *w, double v)
{
	char t[KPI_NUM_BUFSZ];
	int n = kpi_fmt_double(t, v);
	if (n < 0)
		return W_LIT(w, "null");
	return W_PUT(w, t, (size_t)n);
}

/* The number of C (its own text when that is the number's shortest text),
 * else null, at W. */
static inline __attribute__((always_inline)) char *w_cell_value(char *w, const cell *c)
{
	if (c->v.shortest) /* known from the parse (the text is a plain decimal) */
		return w_put(w, c->text, c->len - (c->text[c->len - 1] == '%'));
	if (!kpi_value_known(&c->v))
		return W_LIT(w, "null");
	if (kpi_fmt_is_shortest(c->text, c->len, c->v.value))
		return W_PUT(w, c->text, c->len - (c->text[c->len - 1] == '%'));
	return w_number(w, c->v.value);
}

/* A field passed through as it was: ',' key ':' value. */
static void put_passed(kpi_buf *b, const kpi_field *f)
{
	kpi_buf_addc(b, ',');
	kpi_json_escape(b, f->key, f->key_len);
	kpi_buf_addc(b, ':');
	add(b, f->raw, f->raw_len);
}

/* The typed breakdown as a reader sees it, for a message. */
static const char *breakdown_words(normaliser *nz)
{
	kpi_field f = *nz->bd.raw; /* a string: as it was */
	if (nz->bd.is_object) {
		f.type = KPI_JT_OBJECT;
		f.raw = nz->bd.out;
		f.raw_len = nz->bd.out_len;
	}
	kpi_buf_clear(&nz->scratch);
	kpi_buf_addc(&nz->scratch, '\'');
	kpi_breakdown_label(&nz->scratch, &f);
	kpi_buf_addc(&nz->scratch, '\'');
	return nz->scratch.data;
}

/* The unit class of column IND, with the record's EES metadata (remembered
 * for the next record, which nearly always names the same column). */
static kpi_col_class column_class(normaliser *nz, const kpi_field *ind, const own_index *ix)
{
	const char *unit = field_str(ix->p[P_INDICATOR_UNIT]), *dp = field_str(ix->p[P_INDICATOR_DP]);
	int same = nz->class_text.data && nz->class_text.len == ind->str_len &&
		   kpi_same_bytes(nz->class_text.data, ind->str, ind->str_len) &&
		   nz->class_has_unit == (unit != NULL) && nz->class_has_dp == (dp != NULL) &&
		   (!unit || strcmp(unit, nz->class_unit.data) == 0) &&
		   (!dp || strcmp(dp, nz->class_dp.data) == 0);
	if (same)
		return nz->class_last;
	kpi_col_class cls = kpi_column_class(ind->str, ind->str_len, unit, dp);
	if (cls == KPI_COL_UNKNOWN && !unit && ix->p[P_INDICATOR_LABEL]) {
		const kpi_field *label = ix->p[P_INDICATOR_LABEL];
		if (label->type == KPI_JT_STRING)
			cls = kpi_column_class(label->str, label->str_len, NULL, NULL);
	}
	kpi_buf_clear(&nz->class_text);
	kpi_buf_add(&nz->class_text, ind->str, ind->str_len);
	kpi_buf_clear(&nz->class_unit);
	kpi_buf_adds(&nz->class_unit, unit ? unit : "");
	kpi_buf_clear(&nz->class_dp);
	kpi_buf_adds(&nz->class_dp, dp ? dp : "");
	nz->class_has_unit = unit != NULL;
	nz->class_has_dp = dp != NULL;
	nz->class_last = cls;
	return cls;
}

int normalise_record(normaliser *nz, const kpi_record *rec, kpi_ndjson *in, kpi_buf *out,
		     const char **where_out, kpi_buf *reason)
{
	kpi_buf_clear(reason);
	kpi_buf_clear(&nz->problems);
	own_index ix;
	index_record(nz, rec, &ix);
	const char *source = field_str(ix.f[F_SOURCE]);
	*where_out = source ? source : kpi_ndjson_where(in); /* the line's place only when needed */
	size_t where_len = source ? cstr_len(ix.f[F_SOURCE]) : strlen(*where_out);

	/* indicator, and the breakdown a qualified alias may select on */
	const kpi_field *ind = ix.f[F_INDICATOR];
	if (!ind || ind->type != KPI_JT_STRING || ind->str_len == 0) {
		kpi_buf_adds(reason, ind ? "indicator is not a non-empty string" : "no indicator field");
		return NZ_BAD;
	}
	if (subgroup_read(&nz->bd, ix.f[F_BREAKDOWN], reason) != 0)
		return NZ_BAD;
	match_ctx mctx = {rec, &nz->bd};
	char *const *qfields;
	size_t nq;
	const kpi_cat_entry *e = kpi_catalogue_match_fields(nz->cat, ind->str, ind->str_len,
							    record_field_text, &mctx, &qfields, &nq);
	if (e) {
		/* a count column is never a percent indicator, nor a percent a count */
		kpi_col_class cls = column_class(nz, ind, &ix);
		if (!kpi_column_fits(cls, e->unit)) {
			if (nz->strict) {
				kpi_buf_printf(reason, "indicator '%s' is %s, not catalogue indicator '%s' (%s)",
					       ind->str, kpi_column_class_name(cls), e->id, e->unit);
				return NZ_BAD;
			}
			warn_unit(&nz->warn, ind->str, ind->str_len, cls, e, *where_out);
			if (nz->warn.left_out) {
				nz->warn.n_left_out++;
				return NZ_LEFT_OUT;
			}
			e = NULL;
			qfields = NULL;
			nq = 0;
		}
	} else if (nz->strict) {
		kpi_buf_printf(reason, "unknown indicator '%s' (not in the catalogue %s)", ind->str,
			       kpi_catalogue_path(nz->cat));
		return NZ_BAD;
	} else {
		warn_unknown(&nz->warn, ind->str, ind->str_len, *where_out);
		if (nz->warn.left_out) {
			nz->warn.n_left_out++;
			return NZ_LEFT_OUT;
		}
	}
	subgroup_select(&nz->bd, qfields, nq);
	/* period */
	const kpi_field *pf = ix.f[F_PERIOD_RAW];
	if (!pf || pf->type != KPI_JT_STRING)
		pf = ix.f[F_PERIOD];
	const char *ptext;
	size_t ptext_len;
	if (pf && pf->type == KPI_JT_STRING) {
		ptext = pf->str;
		ptext_len = cstr_len(pf);
	} else if (pf && pf->type == KPI_JT_NUMBER) {
		kpi_buf_clear(&nz->text);
		kpi_buf_add(&nz->text, pf->raw, pf->raw_len);
		ptext = nz->text.data;
		ptext_len = strlen(ptext); /* the JSON text of a number: no NUL */
	} else {
		kpi_buf_adds(reason, pf && pf->type != KPI_JT_NULL ? "period is not a string" : "no period");
		return NZ_BAD;
	}
	kpi_period_opts popts = {nz->year_type, field_str(ix.p[P_TIME_IDENTIFIER]), nz->period_is_date,
				 e ? e->snapshot_month : 0, e ? e->snapshot_day : 0};
	entry_kind(nz, e);
	if (nz->kind_year >= 0)
		popts.year_type = (kpi_year_type)nz->kind_year;
	period_cache *pc = parse_period_cached(nz, ptext, ptext_len, &popts, reason);
	if (!pc)
		return NZ_BAD;
	const char *pcanon = pc->canon;

	/* the release (vintage) the figure belongs to: absent, null or "" = undated */
	const char *released = NULL;
	const kpi_field *rf = ix.f[F_RELEASED];
	if (rf && rf->type == KPI_JT_STRING && rf->str_len) {
		kpi_period rd;
		if (kpi_period_parse_canonical(rf->str, KPI_PT_DATE, &rd) != 0) {
			kpi_buf_printf(reason, "released '%s' is not a date (YYYY-MM-DD)", rf->str);
			return NZ_BAD;
		}
		released = rf->str;
	} else if (rf && rf->type != KPI_JT_NULL && rf->type != KPI_JT_STRING) {
		kpi_buf_adds(reason, "released is not a string (a date, YYYY-MM-DD) or null");
		return NZ_BAD;
	}

	/* value, numerator, denominator */
	cell val, numr, den;
	if (read_cell(ix.f[F_VALUE_RAW], ix.f[F_VALUE], &val) ||
	    read_cell(NULL, ix.f[F_NUMERATOR], &numr) || read_cell(NULL, ix.f[F_DENOMINATOR], &den)) {
		kpi_buf_adds(reason, "value, numerator and denominator must be strings, numbers or null");
		return NZ_BAD;
	}
	if (parse_cell(nz, e, &val, "value", reason) || parse_cell(nz, e, &numr, "numerator", reason) ||
	    parse_cell(nz, e, &den, "denominator", reason))
		return NZ_BAD;
	check_values(nz, e, &val, &numr, &den);
	if (nz->problems.len && !nz->lenient) {
		for (size_t i = 0; i < nz->problems.len; i += strlen(nz->problems.data + i) + 1)
			kpi_buf_printf(reason, "%s%s", i ? "; " : "", nz->problems.data + i);
		return NZ_BAD;
	}

	/* one council, one area: a changed code or a reorganised council (la_changes.h) */
	const char *la_area = kpi_la_changes_area(nz->la_changes, rec, ix.f[F_AREA], pc->end);

	/* the duplicate key: same indicator, area, breakdown (its identity) and period */
	const char *id = e ? e->id : ind->str;
	uint64_t k = 0;
	dupes_figure fig = {0, 0, 0};
	if (!nz->no_duplicates) {
		/* the series' key, its parts one after the other, hashed at once;
		 * records come series by series, so when the parts are the last
		 * record's (read against its key without writing) so is the hash */
		const kpi_field *area = ix.f[F_AREA];
		key_ref parts[5];
		size_t np = 0;
		if (!e || e != nz->id_entry) { /* the entry's id: its length kept */
			nz->id_len = strlen(id);
			nz->id_entry = e;
		}
		parts[np++] = (key_ref){0, id, nz->id_len};
		if (la_area)
			parts[np++] = (key_ref){0, la_area, strlen(la_area)};
		else if (!area || area->type == KPI_JT_NULL)
			parts[np++] = (key_ref){0, "\1", 1}; /* no area */
		else if (area->type == KPI_JT_STRING)
			parts[np++] = (key_ref){0, area->str, area->str_len};
		else /* a number, true or false: as written, apart from strings */
			parts[np++] = (key_ref){'\2', area->raw, area->raw_len};
		parts[np++] = (key_ref){0, nz->bd.key.data ? nz->bd.key.data : "", nz->bd.key.len};
		parts[np++] = (key_ref){0, &pc->per.type, sizeof pc->per.type};
		if (released) /* each release of an observation is its own; undated is one more */
			parts[np++] = (key_ref){0, released, cstr_len(rf)};
		kpi_buf *sk = &nz->series_key;
		if (!nz->series_valid || !key_is(sk, parts, np)) {
			kpi_buf_clear(sk);
			for (size_t i = 0; i < np; i++) {
				if (parts[i].tag)
					kpi_buf_addc(sk, parts[i].tag);
				key_part(sk, parts[i].p, parts[i].n);
			}
			end_text(sk);
			nz->series_hash = dupes_hash(DUPES_HASH_INIT, sk->data, sk->len);
			nz->series_valid = 1;
		}
		k = nz->series_hash;
		fig.value_hash = hash_cell(&val);
		fig.num_hash = count_hash(&numr);
		fig.den_hash = count_hash(&den);
	}

	/* the catalogue's words, the same for every record of an entry: the text
	 * of the last entry's is kept (records come indicator by indicator) */
	if (!e || e != nz->head_entry) {
		kpi_buf_clear(&nz->head);
		PUT_LIT(&nz->head, "\"indicator\":");
		kpi_json_escape(&nz->head, id, strlen(id));
		PUT_LIT(&nz->head, ",\"name\":");
		put_string_or_null(&nz->head, e ? e->name : field_str(ix.p[P_INDICATOR_LABEL]));
		PUT_LIT(&nz->head, ",\"section\":");
		put_string_or_null(&nz->head, e && *e->section ? e->section : NULL);
		PUT_LIT(&nz->head, ",\"unit\":");
		put_string_or_null(&nz->head, e ? e->unit : NULL);
		PUT_LIT(&nz->head, ",\"polarity\":");
		put_string_or_null(&nz->head, e ? e->polarity : NULL);
		PUT_LIT(&nz->head, ",\"order\":");
		if (e)
			put_number(&nz->head, (double)e->order);
		else
			PUT_LIT(&nz->head, "null");
		/* only where the catalogue says (issue 15): kpi-flag goes by unit otherwise */
		if (e && e->comparable >= 0) {
			if (e->comparable)
				PUT_LIT(&nz->head, ",\"comparable\":true");
			else
				PUT_LIT(&nz->head, ",\"comparable\":false");
		}
		end_text(&nz->head);
		nz->head_entry = e;
	}
	/* the period's part, kept with the parsed period */
	if (!pc->json.len) {
		kpi_buf *pj = &pc->json;
		PUT_LIT(pj, ",\"period\":");
		put_string(pj, pc->canon);
		PUT_LIT(pj, ",\"period_type\":");
		put_string(pj, kpi_period_type_name(pc->per.type));
		PUT_LIT(pj, ",\"period_start\":");
		put_string(pj, pc->start);
		PUT_LIT(pj, ",\"period_end\":");
		put_string(pj, pc->end);
		PUT_LIT(pj, ",\"period_raw\":");
		put_string(pj, ptext);
		end_text(pj);
	}

	/* the typed record, written straight into OUT: the parts of it are
	 * always in this order, so each key's separator is known (kpi_jw
	 * decided it per item).  Room for all of it up to the source is made
	 * at once: the catalogue's and the period's parts, the breakdown, what
	 * comes from the line (each field's text at most twice, value and
	 * value_raw, escaped at most six bytes a byte), four numbers, a status,
	 * an area or source not from the line, and the keys. */
	size_t out_at = out->len;
	kpi_buf_reserve(out, nz->head.len + pc->json.len + nz->bd.out_len + 12 * in->len +
				     4 * KPI_NUM_BUFSZ + 512 + (la_area ? 6 * strlen(la_area) : 0) +
				     (source ? 0 : 6 * where_len));
	char *w = out->data + out->len;
	W_LIT(w, "{");
	W_PUT(w, nz->head.data, nz->head.len);
	/* only where the catalogue says (kpi-flag and kpi-render go by unit
	 * otherwise), and the record has no decimals of its own (it passes through) */
	if (e && e->decimals >= 0 && !kpi_record_get(rec, "decimals")) {
		W_LIT(w, ",\"decimals\":");
		w = w_number(w, e->decimals);
	}
	W_LIT(w, ",\"value\":");
	w = w_cell_value(w, &val);
	W_LIT(w, ",\"value_raw\":");
	if (val.present)
		w = w_cell_text(out, w, &val);
	else
		W_LIT(w, "null");
	W_LIT(w, ",\"numerator\":");
	w = w_cell_value(w, &numr);
	W_LIT(w, ",\"denominator\":");
	w = w_cell_value(w, &den);
	w = w_status(w, val.v.status);
	W_PUT(w, pc->json.data, pc->json.len);
	W_LIT(w, ",\"area\":");
	if (la_area) {
		out->len = (size_t)(w - out->data);
		put_string(out, la_area);
		w = out->data + out->len;
	} else if (ix.f[F_AREA]) {
		w = w_put(w, ix.f[F_AREA]->raw, ix.f[F_AREA]->raw_len);
	} else {
		W_LIT(w, "null");
	}
	W_LIT(w, ",\"breakdown\":");
	if (nz->bd.out)
		W_PUT(w, nz->bd.out, nz->bd.out_len);
	else
		W_LIT(w, "null");
	W_LIT(w, ",\"source\":");
	if (source) {
		w = w_field_string(out, w, ix.f[F_SOURCE], where_len);
	} else {
		out->len = (size_t)(w - out->data);
		put_string(out, *where_out);
		w = out->data + out->len;
	}
	out->len = (size_t)(w - out->data);
	/* the rest (rare) checks its room */
	if (released) {
		PUT_LIT(out, ",\"released\":");
		kpi_buf_reserve(out, rf->raw_len);
		out->len = (size_t)(w_field_string(out, out->data + out->len, rf, cstr_len(rf)) - out->data);
	}
	if (nz->problems.len) {
		PUT_LIT(out, ",\"data_quality\":[");
		for (size_t i = 0; i < nz->problems.len; i += strlen(nz->problems.data + i) + 1) {
			if (i)
				kpi_buf_addc(out, ',');
			put_string(out, nz->problems.data + i);
		}
		kpi_buf_addc(out, ']');
	}
	/* the fields passed through: of the first 64, those not own (most
	 * records have none), then the rest by key */
	uint64_t passed = ~ix.own & (rec->n >= 64 ? ~0ULL : (1ULL << rec->n) - 1);
	for (; passed; passed &= passed - 1)
		put_passed(out, &rec->f[__builtin_ctzll(passed)]);
	for (size_t i = 64; i < rec->n; i++)
		if (own_field(rec->f[i].key, rec->f[i].key_len) < 0)
			put_passed(out, &rec->f[i]);
	kpi_buf_add(out, "}\n", 2);

	/* duplicates: same indicator, area, breakdown (its identity) and period */
	if (!nz->no_duplicates) {
		/* the period as its ordinal (one to one within a type) */
		int seen = dupes_check_len(nz->seen, k, pc->ordinal, &fig, *where_out, where_len,
					   &nz->earlier);
		if (seen != DUPES_NEW) {
			out->len = out_at;
			out->data[out_at] = '\0';
		}
		if (seen == DUPES_SAME) {
			warn_same_duplicate(&nz->warn, *where_out, nz->earlier.data, id, pcanon);
			return NZ_MERGED;
		}
		if (seen == DUPES_DIFFERENT || seen == DUPES_DIFFERENT_COUNTS) {
			kpi_buf_printf(reason, "duplicate of %s (%s, period %s%s%s%s%s) with a different %s "
				       "'%.*s'; if the two are releases, date them with kpi-ingest --released DATE",
				       nz->earlier.data, id, pcanon, nz->bd.out ? ", breakdown " : "",
				       nz->bd.out ? breakdown_words(nz) : "", released ? ", released " : "",
				       released ? released : "",
				       seen == DUPES_DIFFERENT ? "value" : "numerator or denominator, value",
				       (int)val.len, val.text ? val.text : "");
			return NZ_BAD;
		}
	}
	return NZ_WRITTEN;
}
