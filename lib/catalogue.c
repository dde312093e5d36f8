/* catalogue.c: loading the indicator catalogue and matching names to it. */
#include "kpi/catalogue.h"
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kpi/buf.h"
#include "kpi/cli.h"
#include "kpi/csv.h"
#include "kpi/names.h"

enum { KIND_ID, KIND_ALIAS, KIND_NAME };
static const char *const kind_words[] = {"id", "alias", "name"};

/* One folded name that leads to a row.  Keys with the same folded text are
 * chained (only qualified aliases may share a folded text between rows). */
typedef struct {
	char *fold;
	const char *as_written;
	size_t row;
	int kind;
	size_t nq;        /* qualifiers: field (snake_case) = value (folded) */
	char **qfield, **qvalue;
	long next;        /* next key with the same fold, or -1 */
} cat_key;

struct kpi_catalogue {
	char *path;
	kpi_cat_entry *row;
	size_t nrow, caprow;
	cat_key *key;
	size_t nkey, capkey;
	long *slot;       /* open addressing: first key index of a fold, or -1 */
	size_t nslot;     /* power of two */
	kpi_buf *scratch; /* folding buffers for match() on a const catalogue */
	struct match_cache *last; /* the last match, when it did not depend on qualifiers */
};

/* Consecutive records nearly always name the same indicator: match() keeps
 * its last answer for the same text, unless qualified aliases were involved
 * (their answer depends on the record's other fields). */
struct match_cache {
	kpi_buf text;     /* the indicator as given */
	const kpi_cat_entry *e;
	int valid;
};

static const char *const units[] = {
	"percent", "count", "rate_per_10k", "rate_per_100k", "days", "weeks",
	"ratio", "score", "currency", NULL
};
static const char *const polarities[] = {
	"higher_is_better", "lower_is_better", "neutral", NULL
};

static int in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

int kpi_unit_valid(const char *unit)
{
	return in_list(unit, units);
}

int kpi_polarity_valid(const char *polarity)
{
	return in_list(polarity, polarities);
}

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* The slot holding FOLD's chain, or the empty slot where it would go. */
static size_t find_slot(const kpi_catalogue *c, const char *fold, size_t n)
{
	size_t mask = c->nslot - 1;
	size_t i = (size_t)hash_bytes(fold, n) & mask;
	while (c->slot[i] >= 0) {
		const char *k = c->key[c->slot[i]].fold;
		if (strlen(k) == n && memcmp(k, fold, n) == 0)
			return i;
		i = (i + 1) & mask;
	}
	return i;
}

static void rehash(kpi_catalogue *c)
{
	size_t old_n = c->nslot;
	long *old = c->slot;
	c->nslot = old_n ? old_n * 2 : 64;
	c->slot = kpi_xmalloc(c->nslot * sizeof *c->slot);
	for (size_t i = 0; i < c->nslot; i++)
		c->slot[i] = -1;
	for (size_t i = 0; i < old_n; i++)
		if (old[i] >= 0) {
			const char *f = c->key[old[i]].fold;
			c->slot[find_slot(c, f, strlen(f))] = old[i];
		}
	free(old);
}

static int fail(char *err, size_t errsz, int *status, int st, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static int fail(char *err, size_t errsz, int *status, int st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
	*status = st;
	return -1;
}

static int same_qualifiers(const cat_key *a, const cat_key *b)
{
	if (a->nq != b->nq)
		return 0;
	for (size_t i = 0; i < a->nq; i++)
		if (strcmp(a->qfield[i], b->qfield[i]) != 0 || strcmp(a->qvalue[i], b->qvalue[i]) != 0)
			return 0;
	return 1;
}

static void free_key(cat_key *k)
{
	free(k->fold);
	for (size_t i = 0; i < k->nq; i++) {
		free(k->qfield[i]);
		free(k->qvalue[i]);
	}
	free(k->qfield);
	free(k->qvalue);
}

/* Adds K (taking its strings); a claim on a key another row holds is an error. */
static int add_key(kpi_catalogue *c, cat_key *k, char *err, size_t errsz, int *status)
{
	if ((c->nkey + 1) * 2 > c->nslot)
		rehash(c);
	size_t n = strlen(k->fold);
	size_t s = find_slot(c, k->fold, n);
	for (long i = c->slot[s]; i >= 0; i = c->key[i].next) {
		const cat_key *o = &c->key[i];
		if ((o->nq == 0) != (k->nq == 0) || (k->nq && !same_qualifiers(o, k)))
			continue;
		if (o->row == k->row)
			goto drop; /* the same row names itself twice: harmless */
		const kpi_cat_entry *a = &c->row[o->row], *b = &c->row[k->row];
		int kind = k->kind;
		const char *text = k->as_written;
		free_key(k);
		if (o->kind == kind)
			return fail(err, errsz, status, 1,
				    "%s:%lu: %s '%s' is claimed twice: by line %lu (%s) and line %lu (%s)",
				    c->path, b->line, kind_words[kind], text,
				    a->line, a->id, b->line, b->id);
		return fail(err, errsz, status, 1,
			    "%s:%lu: %s '%s' of line %lu (%s) is already the %s of line %lu (%s)",
			    c->path, b->line, kind_words[kind], text, b->line, b->id,
			    kind_words[o->kind], a->line, a->id);
	}
	if (c->nkey == c->capkey) {
		c->capkey = c->capkey ? c->capkey * 2 : 128;
		c->key = kpi_xrealloc(c->key, c->capkey * sizeof *c->key);
	}
	k->next = c->slot[s];
	c->key[c->nkey] = *k;
	c->slot[s] = (long)c->nkey++;
	return 0;
drop:
	free_key(k);
	return 0;
}

static char *trimmed_dup(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return kpi_xstrndup(s, n);
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char *fold_dup(const char *s, size_t n)
{
	kpi_buf b = KPI_BUF_INIT;
	kpi_fold_id(&b, s, n);
	return b.data;
}

/* "base[field=value][field=value]" -> key with qualifiers.  -1 if malformed. */
static int parse_alias(const char *text, cat_key *k)
{
	const char *open = strchr(text, '[');
	k->nq = 0;
	k->qfield = k->qvalue = NULL;
	if (!open) {
		k->fold = fold_dup(text, strlen(text));
		return k->fold[0] ? 0 : -1;
	}
	k->fold = fold_dup(text, (size_t)(open - text));
	if (!k->fold[0])
		return -1;
	const char *p = open;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		if (*p != '[')
			return -1;
		const char *close = strchr(p, ']');
		const char *eq = memchr(p, '=', close ? (size_t)(close - p) : 0);
		if (!close || !eq || eq == p + 1)
			return -1;
		k->qfield = kpi_xrealloc(k->qfield, (k->nq + 1) * sizeof *k->qfield);
		k->qvalue = kpi_xrealloc(k->qvalue, (k->nq + 1) * sizeof *k->qvalue);
		kpi_buf f = KPI_BUF_INIT;
		kpi_snake_case(&f, p + 1, (size_t)(eq - p - 1));
		kpi_buf_add(&f, "", 0);
		k->qfield[k->nq] = f.data;
		k->qvalue[k->nq] = fold_dup(eq + 1, (size_t)(close - eq - 1));
		k->nq++;
		p = close + 1;
	}
	return 0;
}

static const char *const columns[] = {
	"id", "name", "section", "unit", "polarity", "aliases", "year_type", "snapshot",
	"definition", "source", "comparable", "decimals"
};
enum { COL_ID, COL_NAME, COL_SECTION, COL_UNIT, COL_POLARITY, COL_ALIASES, COL_YEAR_TYPE,
       COL_SNAPSHOT, COL_DEFINITION, COL_SOURCE, COL_COMPARABLE, COL_DECIMALS, NCOL };

/* S with control characters shown as '?', for a message. */
static void shown(char *out, size_t sz, const char *s)
{
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && o + 1 < sz; p++) {
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			p++, out[o++] = '?';
		else
			out[o++] = *p < 0x20 || *p == 0x7F ? '?' : (char)*p;
	}
	out[o] = '\0';
}

/* "MM-DD" (a day that every year has) into *month, *day; -1 if not one. */
static int parse_snapshot(const char *s, int *month, int *day)
{
	static const int days[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (strlen(s) != 5 || !is_digit(s[0]) || !is_digit(s[1]) || s[2] != '-' ||
	    !is_digit(s[3]) || !is_digit(s[4]))
		return -1;
	int m = (s[0] - '0') * 10 + (s[1] - '0'), d = (s[3] - '0') * 10 + (s[4] - '0');
	if (m < 1 || m > 12 || d < 1 || d > days[m])
		return -1;
	*month = m;
	*day = d;
	return 0;
}

static int load_row(kpi_catalogue *c, const kpi_csv_row *r, const long *col,
		    char *err, size_t errsz, int *status)
{
	char *v[NCOL];
	for (int i = 0; i < NCOL; i++)
		v[i] = col[i] >= 0 ? trimmed_dup(r->field[col[i]], r->len[col[i]]) : kpi_xstrdup("");
	if (c->nrow == c->caprow) {
		c->caprow = c->caprow ? c->caprow * 2 : 64;
		c->row = kpi_xrealloc(c->row, c->caprow * sizeof *c->row);
	}
	kpi_cat_entry *e = &c->row[c->nrow];
	memset(e, 0, sizeof *e);
	e->id = v[COL_ID];
	e->name = v[COL_NAME];
	e->section = v[COL_SECTION];
	e->unit = v[COL_UNIT];
	e->polarity = v[COL_POLARITY];
	e->year_type = v[COL_YEAR_TYPE];
	e->snapshot = v[COL_SNAPSHOT];
	e->definition = v[COL_DEFINITION];
	e->source = v[COL_SOURCE];
	/* comparable: yes / no, empty = by unit (issue 15) */
	const char *cmp = v[COL_COMPARABLE];
	e->comparable = !*cmp ? -1 : strcmp(cmp, "yes") == 0 ? 1 : strcmp(cmp, "no") == 0 ? 0 : -2;
	free(v[COL_COMPARABLE]);
	/* decimals 0-6: the places its figures are shown with; empty = by unit */
	const char *dp = v[COL_DECIMALS];
	e->decimals = !*dp ? -1 : dp[0] >= '0' && dp[0] <= '6' && !dp[1] ? dp[0] - '0' : -2;
	free(v[COL_DECIMALS]);
	e->line = r->line;
	e->order = (long)c->nrow + 1;
	size_t row = c->nrow++;
	/* aliases: split on ';', empty parts ignored */
	const char *a = v[COL_ALIASES];
	while (*a) {
		const char *semi = strchr(a, ';');
		size_t n = semi ? (size_t)(semi - a) : strlen(a);
		char *t = trimmed_dup(a, n);
		if (*t) {
			e->alias = kpi_xrealloc(e->alias, (e->n_alias + 1) * sizeof *e->alias);
			e->alias[e->n_alias++] = t;
		} else {
			free(t);
		}
		a += n + (semi ? 1 : 0);
	}
	free(v[COL_ALIASES]);

	if (!*e->id)
		return fail(err, errsz, status, 1, "%s:%lu: empty id", c->path, e->line);
	if (e->comparable == -2)
		return fail(err, errsz, status, 1, "%s:%lu: comparable is not yes, no or empty",
			    c->path, e->line);
	if (e->decimals == -2)
		return fail(err, errsz, status, 1, "%s:%lu: decimals is not a number from 0 to 6 or empty",
			    c->path, e->line);
	/* The CSV reader (kpi_text_check in lib/csv.c) has refused every other control
	 * character; an id must not hold the TAB, CR or LF that text may. */
	size_t ctl = strcspn(e->id, "\t\r\n");
	if (e->id[ctl]) {
		char id[256];
		shown(id, sizeof id, e->id);
		return fail(err, errsz, status, 1, "%s:%lu: id '%s' has a control character "
			    "(byte 0x%02X at offset %zu)", c->path, e->line, id,
			    (unsigned char)e->id[ctl], ctl);
	}
	if (!*e->name)
		return fail(err, errsz, status, 1, "%s:%lu: empty name for id '%s'", c->path, e->line, e->id);
	if (!kpi_unit_valid(e->unit))
		return fail(err, errsz, status, 1,
			    "%s:%lu: unit '%s' is not one of percent, count, rate_per_10k, rate_per_100k, "
			    "days, weeks, ratio, score, currency", c->path, e->line, e->unit);
	if (!kpi_polarity_valid(e->polarity))
		return fail(err, errsz, status, 1,
			    "%s:%lu: polarity '%s' is not one of higher_is_better, lower_is_better, neutral",
			    c->path, e->line, e->polarity);
	if (*e->year_type && strcmp(e->year_type, "financial") != 0 && strcmp(e->year_type, "academic") != 0)
		return fail(err, errsz, status, 1, "%s:%lu: year_type '%s' is not financial or academic",
			    c->path, e->line, e->year_type);
	if (*e->snapshot && parse_snapshot(e->snapshot, &e->snapshot_month, &e->snapshot_day) != 0)
		return fail(err, errsz, status, 1,
			    "%s:%lu: snapshot '%s' is not a day of the year as MM-DD (09-30 for 30 September)",
			    c->path, e->line, e->snapshot);

	cat_key k;
	memset(&k, 0, sizeof k);
	k.row = row;
	k.kind = KIND_ID;
	k.as_written = e->id;
	k.fold = fold_dup(e->id, strlen(e->id));
	if (!k.fold[0]) {
		free(k.fold);
		return fail(err, errsz, status, 1, "%s:%lu: id '%s' has no letter or digit to match by",
			    c->path, e->line, e->id);
	}
	if (add_key(c, &k, err, errsz, status))
		return -1;
	for (size_t i = 0; i < e->n_alias; i++) {
		memset(&k, 0, sizeof k);
		k.row = row;
		k.kind = KIND_ALIAS;
		k.as_written = e->alias[i];
		if (parse_alias(e->alias[i], &k) != 0) {
			free_key(&k);
			return fail(err, errsz, status, 1,
				    "%s:%lu: alias '%s' is malformed (expected NAME or NAME[FIELD=VALUE]...)",
				    c->path, e->line, e->alias[i]);
		}
		if (add_key(c, &k, err, errsz, status))
			return -1;
	}
	memset(&k, 0, sizeof k);
	k.row = row;
	k.kind = KIND_NAME;
	k.as_written = e->name;
	k.fold = fold_dup(e->name, strlen(e->name));
	if (!k.fold[0]) {
		free(k.fold);
		return 0;
	}
	return add_key(c, &k, err, errsz, status);
}

kpi_catalogue *kpi_catalogue_load(const char *path, char *err, size_t errsz, int *status)
{
	kpi_csv *in = kpi_csv_open(path, ',', KPI_ENC_UTF8);
	if (!in) {
		fail(err, errsz, status, 2, "%s: %s", path, strerror(errno));
		return NULL;
	}
	kpi_catalogue *c = kpi_xcalloc(1, sizeof *c);
	c->path = kpi_xstrdup(path);
	c->scratch = kpi_xcalloc(2, sizeof *c->scratch);
	c->last = kpi_xcalloc(1, sizeof *c->last);
	rehash(c);
	kpi_csv_row *r;
	long col[NCOL];
	size_t ncol = 0;
	int got, header = 1, rc = 0;
	kpi_buf name = KPI_BUF_INIT;
	while ((got = kpi_csv_read(in, &r)) != 0) {
		if (got == -2) { /* a read error */
			rc = fail(err, errsz, status, 2, "%s: %s", kpi_csv_name(in), kpi_csv_error(in));
			break;
		}
		if (got < 0) {
			rc = fail(err, errsz, status, 1, "%s: %s", kpi_csv_where(in), kpi_csv_error(in));
			break;
		}
		if (header) {
			header = 0;
			ncol = r->n;
			for (int i = 0; i < NCOL; i++) {
				col[i] = -1;
				for (size_t j = 0; j < r->n; j++) {
					kpi_snake_case(&name, r->field[j], r->len[j]);
					kpi_buf_add(&name, "", 0);
					if (strcmp(name.data, columns[i]) == 0)
						col[i] = (long)j;
				}
			}
			static const int required[] = {COL_ID, COL_NAME, COL_UNIT, COL_POLARITY};
			for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
				if (col[required[i]] < 0) {
					rc = fail(err, errsz, status, 1,
						  "%s:%lu: the header has no '%s' column (needs id,name,unit,polarity; "
						  "may have section,aliases,year_type,snapshot,definition,source,comparable,decimals)",
						  path, r->line, columns[required[i]]);
					break;
				}
			if (rc)
				break;
			continue;
		}
		if (r->n != ncol) {
			rc = fail(err, errsz, status, 1, "%s:%lu: row has %zu fields, header has %zu",
				  path, r->line, r->n, ncol);
			break;
		}
		if ((rc = load_row(c, r, col, err, errsz, status)) != 0)
			break;
	}
	kpi_buf_free(&name);
	kpi_csv_close(in);
	if (rc == 0 && header)
		rc = fail(err, errsz, status, 1, "%s: empty file (no header)", path);
	if (rc) {
		kpi_catalogue_free(c);
		return NULL;
	}
	return c;
}

void kpi_catalogue_free(kpi_catalogue *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nkey; i++)
		free_key(&c->key[i]);
	for (size_t i = 0; i < c->nrow; i++) {
		kpi_cat_entry *e = &c->row[i];
		free((char *)e->id);
		free((char *)e->name);
		free((char *)e->section);
		free((char *)e->unit);
		free((char *)e->polarity);
		free((char *)e->year_type);
		free((char *)e->snapshot);
		free((char *)e->definition);
		free((char *)e->source);
		for (size_t j = 0; j < e->n_alias; j++)
			free((char *)e->alias[j]);
		free(e->alias);
	}
	kpi_buf_free(&c->scratch[0]);
	kpi_buf_free(&c->scratch[1]);
	free(c->scratch);
	if (c->last)
		kpi_buf_free(&c->last->text);
	free(c->last);
	free(c->key);
	free(c->row);
	free(c->slot);
	free(c->path);
	free(c);
}

size_t kpi_catalogue_count(const kpi_catalogue *c)
{
	return c->nrow;
}

const kpi_cat_entry *kpi_catalogue_entry(const kpi_catalogue *c, size_t i)
{
	return i < c->nrow ? &c->row[i] : NULL;
}

const char *kpi_catalogue_path(const kpi_catalogue *c)
{
	return c->path;
}

static int qualifiers_hold(const kpi_catalogue *c, const cat_key *k, kpi_cat_field_fn get, void *ctx)
{
	for (size_t i = 0; i < k->nq; i++) {
		const char *v = get(ctx, k->qfield[i]);
		if (!v)
			return 0;
		kpi_fold_id(&c->scratch[1], v, strlen(v));
		if (strcmp(c->scratch[1].data, k->qvalue[i]) != 0)
			return 0;
	}
	return 1;
}

const kpi_cat_entry *kpi_catalogue_match(const kpi_catalogue *c, const char *indicator,
					 size_t n, kpi_cat_field_fn get, void *ctx)
{
	return kpi_catalogue_match_fields(c, indicator, n, get, ctx, NULL, NULL);
}

const kpi_cat_entry *kpi_catalogue_match_fields(const kpi_catalogue *c, const char *indicator,
						size_t n, kpi_cat_field_fn get, void *ctx,
						char *const **fields, size_t *nfields)
{
	struct match_cache *last = c->last;
	if (fields)
		*fields = NULL;
	if (nfields)
		*nfields = 0;
	if (last->valid && last->text.len == n && memcmp(last->text.data, indicator, n) == 0)
		return last->e;
	last->valid = 0;
	kpi_buf *f = &c->scratch[0];
	kpi_fold_id(f, indicator, n);
	const kpi_cat_entry *found = NULL;
	int qualified = 0;
	if (f->len) {
		size_t s = find_slot(c, f->data, f->len);
		const cat_key *best = NULL;
		for (long i = c->slot[s]; i >= 0; i = c->key[i].next) {
			const cat_key *k = &c->key[i];
			if (k->nq) {
				qualified = 1;
				if (get && qualifiers_hold(c, k, get, ctx)) {
					if (fields)
						*fields = k->qfield;
					if (nfields)
						*nfields = k->nq;
					return &c->row[k->row]; /* the most specific claim wins */
				}
			} else if (!best || k->kind < best->kind) {
				best = k;
			}
		}
		found = best ? &c->row[best->row] : NULL;
	}
	if (!qualified) {
		kpi_buf_clear(&last->text);
		kpi_buf_add(&last->text, indicator, n);
		last->e = found;
		last->valid = 1;
	}
	return found;
}

char *kpi_catalogue_default_path(void)
{
	const char *env = getenv("KPI_CATALOGUE");
	if (env && *env)
		return kpi_xstrdup(env);
	return kpi_data_path("catalogue.csv");
}
