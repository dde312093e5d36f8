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
	if (nz->period_memo)
		for (size_t i = 0; i < NZ_PERIOD_CACHE; i++) {
			kpi_buf_free(&nz->period_memo[i].text);
			kpi_buf_free(&nz->period_memo[i].tid);
			kpi_buf_free(&nz->period_memo[i].json);
		}
	free(nz->period_memo);
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
static const char *const passed_read[P_N] = {
	"time_identifier", "indicator_label", "indicator_unit", "indicator_dp"
};

/* The record's own fields, found in one pass (kpi_record_get per field
 * scanned the record a dozen times). */
typedef struct {
	const kpi_field *f[F_NREAD];
	const kpi_field *p[P_N];          /* read, but passed through */
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

static void index_record(normaliser *nz, const kpi_record *rec, own_index *ix)
{
	memset(ix, 0, sizeof *ix);
	for (size_t i = 0; i < rec->n; i++) {
		const kpi_field *f = &rec->f[i];
		int k;
		if (i < sizeof nz->key_at / sizeof nz->key_at[0] && f->key_len < sizeof nz->key_at[0].key) {
			if (nz->key_at[i].len == f->key_len + 1 && kpi_same_bytes(nz->key_at[i].key, f->key, f->key_len)) {
				k = nz->key_at[i].what;
			} else {
				k = key_meaning(f->key, f->key_len);
				memcpy(nz->key_at[i].key, f->key, f->key_len);
				nz->key_at[i].len = (unsigned char)(f->key_len + 1);
				nz->key_at[i].what = (signed char)k;
			}
		} else {
			k = key_meaning(f->key, f->key_len);
		}
		if (k >= 0 && k < F_NOWN && i < 64)
			ix->own |= 1ULL << i;
		if (k >= 0 && k < F_NREAD)
			ix->f[k] = f;
		else if (k >= NZ_KEY_PASSED)
			ix->p[k - NZ_KEY_PASSED] = f;
	}
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
	const char *text;     /* the text it was read from (into the record or line) */
	size_t len;
	kpi_value v;
} cell;

/* Reads field F (string, number or null; RAW, the value_raw of an earlier
 * run, wins when it is a string: idempotent) into C.  -1 on a bad type. */
static int read_cell(const kpi_field *raw, const kpi_field *f, cell *c)
{
	memset(c, 0, sizeof *c);
	c->v.status = KPI_ST_MISSING;
	if (raw && raw->type == KPI_JT_STRING)
		f = raw;
	if (!f || f->type == KPI_JT_NULL)
		return 0;
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

static void entry_kind(normaliser *nz, const kpi_cat_entry *e)
{
	if (nz->kind_valid && e == nz->kind_entry)
		return;
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
		double tol = 0.5 * pow(10, -val->v.decimals) + 1e-9 * fabs(expect);
		if (n >= 10 && fmod(n, 10) == 0)
			tol += scale * 5 / d;
		if (fabs(v - expect) > tol) {
			char e6[32];
			snprintf(e6, sizeof e6, "%.6g", expect);
			add_problem(nz, "value %s disagrees with numerator/denominator %s/%s = %s",
				    num(a, v), num(b, n), num(c, d), e6);
		}
	}
}

/* Value, numerator or denominator text to a number or status. */
static int parse_cell(normaliser *nz, const kpi_cat_entry *e, cell *c, const char *what,
		      kpi_buf *reason)
{
	if (!c->present)
		return 0;
	if (kpi_value_parse(c->text, c->len, &c->v) == 0) {
		if (nz->percent_fractions && kpi_value_known(&c->v) && unit_is(e, "percent") &&
		    !c->v.percent_sign && strcmp(what, "value") == 0) {
			c->v.value *= 100;
			c->v.decimals -= 2;
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

static uint64_t hash_cell(uint64_t h, const cell *c)
{
	uint64_t w[2] = {(uint64_t)c->v.status, 0};
	if (kpi_value_known(&c->v))
		memcpy(&w[1], &c->v.value, sizeof c->v.value);
	return dupes_hash(h, w, sizeof w);
}

static uint32_t fold32(uint64_t h)
{
	return (uint32_t)(h ^ (h >> 32));
}

/* A numerator's or denominator's hash for the duplicate check, 0 when the
 * record gives no number (absent, null, suppressed: a file that gives the
 * percentage alone says nothing against one that gives its count). */
static uint16_t count_hash(const cell *c)
{
	if (!kpi_value_known(&c->v))
		return 0;
	uint32_t h = fold32(hash_cell(DUPES_HASH_INIT, c));
	uint16_t h16 = (uint16_t)(h ^ (h >> 16));
	return h16 ? h16 : 1;
}

/* Writes field F as it was (or null), after its key. */
static void pass_field(kpi_jw *w, const kpi_field *f)
{
	if (f)
		kpi_jw_raw(w, f->raw, f->raw_len);
	else
		kpi_jw_null(w);
}

/* A file holds few distinct period texts: successful parses are kept (in a
 * table indexed by the text's hash) with everything that can change them. */
static int parse_period_cached(normaliser *nz, const char *ptext, const kpi_period_opts *popts,
			       kpi_period *per, char pcanon[KPI_PERIOD_BUFSZ], char pstart[11],
			       char pend[11], period_cache **entry, kpi_buf *reason)
{
	size_t plen = strlen(ptext);
	if (!nz->period_memo)
		nz->period_memo = kpi_xcalloc(NZ_PERIOD_CACHE, sizeof *nz->period_memo);
	uint64_t h = dupes_hash(DUPES_HASH_INIT, ptext, plen);
	period_cache *pc = &nz->period_memo[(h ^ (h >> 32)) & (NZ_PERIOD_CACHE - 1)];
	const char *tid = popts->time_identifier;
	if (pc->valid && pc->year_type == popts->year_type &&
	    pc->column_is_date == popts->column_is_date &&
	    pc->snapshot_month == popts->snapshot_month && pc->snapshot_day == popts->snapshot_day &&
	    pc->text.len == plen &&
	    memcmp(pc->text.data, ptext, plen) == 0 && (tid == NULL) == (pc->has_tid == 0) &&
	    (!tid || strcmp(tid, pc->tid.data) == 0)) {
		*per = pc->per;
		memcpy(pcanon, pc->canon, KPI_PERIOD_BUFSZ);
		memcpy(pstart, pc->start, 11);
		memcpy(pend, pc->end, 11);
		*entry = pc;
		return 0;
	}
	char perr[512];
	if (kpi_period_parse(ptext, popts, per, perr, sizeof perr) != 0) {
		kpi_buf_adds(reason, perr);
		return -1;
	}
	kpi_period_format(per, pcanon);
	kpi_period_bounds(per, pstart, pend);
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
	pc->per = *per;
	memcpy(pc->canon, pcanon, KPI_PERIOD_BUFSZ);
	memcpy(pc->start, pstart, 11);
	memcpy(pc->end, pend, 11);
	kpi_buf_clear(&pc->json);
	*entry = pc;
	return 0;
}

/* The number of C (its text again when that is the number's shortest
 * text), else null; after its key. */
static void write_cell_value(kpi_jw *w, const cell *c)
{
	if (kpi_value_known(&c->v))
		kpi_jw_number_text(w, c->v.value, c->text, c->len);
	else
		kpi_jw_null(w);
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
		   memcmp(nz->class_text.data, ind->str, ind->str_len) == 0 &&
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

int normalise_record(normaliser *nz, const kpi_record *rec, const char *where, kpi_buf *out,
		     const char **where_out, kpi_buf *reason)
{
	kpi_buf_clear(reason);
	kpi_buf_clear(&nz->problems);
	own_index ix;
	index_record(nz, rec, &ix);
	const char *source = field_str(ix.f[F_SOURCE]);
	*where_out = source ? source : where;

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
	}
	subgroup_select(&nz->bd, qfields, nq);
	/* period */
	const kpi_field *pf = ix.f[F_PERIOD_RAW];
	if (!pf || pf->type != KPI_JT_STRING)
		pf = ix.f[F_PERIOD];
	const char *ptext;
	if (pf && pf->type == KPI_JT_STRING) {
		ptext = pf->str;
	} else if (pf && pf->type == KPI_JT_NUMBER) {
		kpi_buf_clear(&nz->text);
		kpi_buf_add(&nz->text, pf->raw, pf->raw_len);
		ptext = nz->text.data;
	} else {
		kpi_buf_adds(reason, pf && pf->type != KPI_JT_NULL ? "period is not a string" : "no period");
		return NZ_BAD;
	}
	kpi_period_opts popts = {nz->year_type, field_str(ix.p[P_TIME_IDENTIFIER]), nz->period_is_date,
				 e ? e->snapshot_month : 0, e ? e->snapshot_day : 0};
	entry_kind(nz, e);
	if (nz->kind_year >= 0)
		popts.year_type = (kpi_year_type)nz->kind_year;
	kpi_period per;
	char pcanon[KPI_PERIOD_BUFSZ], pstart[11], pend[11];
	period_cache *pentry;
	if (parse_period_cached(nz, ptext, &popts, &per, pcanon, pstart, pend, &pentry, reason) != 0)
		return NZ_BAD;

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
	const char *la_area = kpi_la_changes_area(nz->la_changes, rec, ix.f[F_AREA], pend);

	/* the duplicate key: same indicator, area, breakdown (its identity) and period */
	const char *id = e ? e->id : ind->str;
	uint64_t k = 0;
	dupes_figure fig = {0, 0, 0};
	if (!nz->no_duplicates) {
		k = dupes_hash(DUPES_HASH_INIT, id, strlen(id) + 1);
		const kpi_field *area = ix.f[F_AREA];
		if (la_area)
			k = dupes_hash(k, la_area, strlen(la_area) + 1);
		else if (!area || area->type == KPI_JT_NULL)
			k = dupes_hash(k, "\1", 2);
		else if (area->type == KPI_JT_STRING)
			k = dupes_hash(k, area->str, area->str_len + 1);
		else
			k = dupes_hash(k, area->raw, area->raw_len) ^ 0x9e3779b97f4a7c15ULL;
		k = dupes_hash(k, nz->bd.key.data, nz->bd.key.len + 1);
		k = dupes_hash(k, &per.type, sizeof per.type);
		if (released) /* each release of an observation is its own; undated is one more */
			k = dupes_hash(k, released, strlen(released) + 1);
		/* the period as its ordinal (one to one within a type) */
		k = dupes_key(k, kpi_period_ordinal(&per));
		fig.value_hash = fold32(hash_cell(DUPES_HASH_INIT, &val));
		fig.num_hash = count_hash(&numr);
		fig.den_hash = count_hash(&den);
		/* the table of a million observations is far bigger than the
		 * cache: its slot is fetched while the record is written, and the
		 * record taken back if it is a duplicate (a third of the time went
		 * on waiting for the slot) */
		dupes_prefetch(nz->seen, k);
	}

	/* the typed record */
	size_t out_at = out->len;
	kpi_jw w;
	kpi_jw_init(&w, out);
	kpi_jw_begin_object(&w);
	/* the catalogue's words, the same for every record of an entry: the text
	 * of the last entry's is kept (records come indicator by indicator) */
	size_t head_at = out->len;
	if (e && e == nz->head_entry) {
		kpi_jw_replay(&w, nz->head.data, nz->head.len, 6);
	} else {
		kpi_jw_kstr(&w, "indicator", id);
		kpi_jw_kstr(&w, "name", e ? e->name : field_str(ix.p[P_INDICATOR_LABEL]));
		kpi_jw_kstr(&w, "section", e && *e->section ? e->section : NULL);
		kpi_jw_kstr(&w, "unit", e ? e->unit : NULL);
		kpi_jw_kstr(&w, "polarity", e ? e->polarity : NULL);
		kpi_jw_knum_or_null(&w, "order", e != NULL, e ? (double)e->order : 0);
		nz->head_entry = e;
		kpi_buf_clear(&nz->head);
		kpi_buf_add(&nz->head, out->data + head_at, out->len - head_at);
	}
	/* only where the catalogue says (issue 15): kpi-flag goes by unit otherwise */
	if (e && e->comparable >= 0)
		kpi_jw_kbool(&w, "comparable", e->comparable);
	/* only where the catalogue says (kpi-flag and kpi-render go by unit
	 * otherwise), and the record has no decimals of its own (it passes through) */
	if (e && e->decimals >= 0 && !kpi_record_get(rec, "decimals"))
		kpi_jw_knum(&w, "decimals", e->decimals);
	KPI_JW_KEY_LIT(&w, "value");
	write_cell_value(&w, &val);
	KPI_JW_KEY_LIT(&w, "value_raw");
	if (val.present)
		kpi_jw_stringn(&w, val.text, val.len);
	else
		kpi_jw_null(&w);
	KPI_JW_KEY_LIT(&w, "numerator");
	write_cell_value(&w, &numr);
	KPI_JW_KEY_LIT(&w, "denominator");
	write_cell_value(&w, &den);
	KPI_JW_KEY_LIT(&w, "status");
	kpi_jw_string(&w, kpi_status_name(val.v.status));
	/* the period's part, kept with the parsed period */
	size_t period_at = out->len;
	if (pentry->json.len) {
		kpi_jw_replay(&w, pentry->json.data, pentry->json.len, 16);
	} else {
		kpi_jw_kstr(&w, "period", pcanon);
		kpi_jw_kstr(&w, "period_type", kpi_period_type_name(per.type));
		kpi_jw_kstr(&w, "period_start", pstart);
		kpi_jw_kstr(&w, "period_end", pend);
		kpi_jw_kstr(&w, "period_raw", ptext);
		kpi_buf_add(&pentry->json, out->data + period_at, out->len - period_at);
	}
	KPI_JW_KEY_LIT(&w, "area");
	if (la_area)
		kpi_jw_string(&w, la_area);
	else
		pass_field(&w, ix.f[F_AREA]);
	KPI_JW_KEY_LIT(&w, "breakdown");
	if (nz->bd.out)
		kpi_jw_raw(&w, nz->bd.out, nz->bd.out_len);
	else
		kpi_jw_null(&w);
	KPI_JW_KEY_LIT(&w, "source");
	kpi_jw_string(&w, *where_out);
	if (released) {
		KPI_JW_KEY_LIT(&w, "released");
		kpi_jw_string(&w, released);
	}
	if (nz->problems.len) {
		kpi_jw_key(&w, "data_quality");
		kpi_jw_begin_array(&w);
		for (size_t i = 0; i < nz->problems.len; i += strlen(nz->problems.data + i) + 1)
			kpi_jw_string(&w, nz->problems.data + i);
		kpi_jw_end_array(&w);
	}
	for (size_t i = 0; i < rec->n; i++) {
		const kpi_field *f = &rec->f[i];
		if (i < 64 ? (ix.own >> i) & 1 : own_field(f->key, f->key_len) >= 0)
			continue;
		kpi_jw_keyn(&w, f->key, f->key_len);
		kpi_jw_raw(&w, f->raw, f->raw_len);
	}
	kpi_jw_end_object(&w);
	kpi_jw_newline(&w);

	/* duplicates: same indicator, area, breakdown (its identity) and period */
	if (!nz->no_duplicates) {
		int seen = dupes_check(nz->seen, k, &fig, *where_out, &nz->earlier);
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
