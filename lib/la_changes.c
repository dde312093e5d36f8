/* la_changes.c: council code changes and reorganisations (see la_changes.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kpi/buf.h"
#include "kpi/bytes.h"
#include "kpi/csv.h"
#include "kpi/csv_columns.h"
#include "kpi/diag.h"
#include "kpi/la_changes.h"
#include "kpi/lines.h"
#include "kpi/names.h"
#include "kpi/period.h"
#include "kpi/shape_memo.h"
#include "kpi/strtab.h"

enum { K_CODE, K_REORG };

typedef struct {
	int kind;
	char *date, *from_code, *from_la, *from_name, *to_code, *to_la, *to_name, *from_area, *source;
	size_t file;         /* index into files */
	unsigned long line;
	int replaced;        /* by a later file's rows for the same predecessor */
} la_row;

/* What one key of the index leads to: "c" + a 9-character code, "l" + a
 * 3-digit code of a reorganisation row, "m" + one of a row without from_code. */
typedef struct {
	long code_row;       /* the code change from this code, or -1 */
	long reorg_row;      /* a reorganisation of this council, or -1 */
	const char *series;  /* its from_area, the first one given */
} la_entry;

struct kpi_la_changes {
	la_row *row;
	size_t n, cap;
	char **files;
	size_t nfiles;
	kpi_strtab keys;
	la_entry *entry;     /* by key id */
	size_t nentry;
	size_t live;
	kpi_buf key;         /* scratch */
	/* the last record's codes and what the lookup said (records come in
	 * runs of one council: an EES row gives one record per measure) */
	int memo_valid, memo_found;
	kpi_buf memo_code, memo_la;  /* "" when the record had none */
	kpi_la_council memo;
	/* where the last record's code fields are (code_fields[] index by
	 * field position, in order), kept while the records' keys stay the same */
	kpi_shape_memo shape;
	size_t n_code_at;
	struct {
		size_t at;
		unsigned char field;
	} code_at[9];
};

enum {
	C_CHANGE, C_DATE, C_FROM_CODE, C_FROM_LA, C_FROM_NAME, C_TO_CODE, C_TO_LA, C_TO_NAME,
	C_FROM_AREA, C_SOURCE, C_N
};
static const char *const col_names[C_N] = {
	"change", "date", "from_code", "from_la_code", "from_name", "to_code", "to_la_code",
	"to_name", "from_area", "source"
};
#define REQUIRED_COLUMNS "change,date,from_code,from_la_code,from_name,to_code,to_la_code,to_name"

int kpi_la_is_ons_code(const char *s, size_t n)
{
	if (n != 9 || s[0] < 'A' || s[0] > 'Z')
		return 0;
	/* the eight digits at once (every record's area passes here): a byte
	 * below '0' sets its top bit in x - 0x30.., one above '9' in x + 0x46..
	 * (the lowest byte out of range is always seen: no borrow or carry
	 * reaches it from the digits below it) */
	uint64_t x;
	memcpy(&x, s + 1, 8);
	return (((x - 0x3030303030303030ULL) | (x + 0x4646464646464646ULL) | x) &
		0x8080808080808080ULL) == 0;
}

int kpi_la_is_dfe_code(const char *s, size_t n)
{
	if (n != 3)
		return 0;
	for (size_t i = 0; i < 3; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

kpi_la_changes *kpi_la_changes_new(void)
{
	kpi_la_changes *lc = kpi_xcalloc(1, sizeof *lc);
	kpi_strtab_init(&lc->keys);
	return lc;
}

static void row_free(la_row *r)
{
	free(r->date);
	free(r->from_code);
	free(r->from_la);
	free(r->from_name);
	free(r->to_code);
	free(r->to_la);
	free(r->to_name);
	free(r->from_area);
	free(r->source);
}

void kpi_la_changes_free(kpi_la_changes *lc)
{
	if (!lc)
		return;
	for (size_t i = 0; i < lc->n; i++)
		row_free(&lc->row[i]);
	free(lc->row);
	for (size_t i = 0; i < lc->nfiles; i++)
		free(lc->files[i]);
	free(lc->files);
	kpi_strtab_free(&lc->keys);
	free(lc->entry);
	kpi_buf_free(&lc->key);
	kpi_buf_free(&lc->memo_code);
	kpi_buf_free(&lc->memo_la);
	kpi_shape_memo_free(&lc->shape);
	free(lc);
}

size_t kpi_la_changes_count(const kpi_la_changes *lc)
{
	return lc ? lc->live : 0;
}

/* The id of key KIND + CODE; 0 when absent (ADD: added). */
static uint32_t key_id(kpi_la_changes *lc, char kind, const char *code, int add)
{
	kpi_buf_clear(&lc->key);
	kpi_buf_addc(&lc->key, kind);
	kpi_buf_adds(&lc->key, code);
	return add ? kpi_strtab_add(&lc->keys, lc->key.data, lc->key.len)
		   : kpi_strtab_find(&lc->keys, lc->key.data, lc->key.len);
}

static la_entry *entry_for(kpi_la_changes *lc, char kind, const char *code)
{
	uint32_t id = key_id(lc, kind, code, 1);
	if (id >= lc->nentry) {
		size_t n = lc->nentry ? lc->nentry : 16;
		while (n <= id)
			n *= 2;
		lc->entry = kpi_xrealloc(lc->entry, n * sizeof *lc->entry);
		for (size_t i = lc->nentry; i < n; i++)
			lc->entry[i] = (la_entry){-1, -1, NULL};
		lc->nentry = n;
	}
	return &lc->entry[id];
}

static const la_entry *entry_find(const kpi_la_changes *lc, char kind, const char *code)
{
	/* the scratch key is the one mutable part a lookup needs */
	uint32_t id = key_id((kpi_la_changes *)lc, kind, code, 0);
	return id && id < lc->nentry ? &lc->entry[id] : NULL;
}

static void add_reorg(kpi_la_changes *lc, la_entry *e, size_t i)
{
	e->reorg_row = (long)i;
	if (!e->series && lc->row[i].from_area)
		e->series = lc->row[i].from_area;
}

/* The index over the rows in force. */
static void build_index(kpi_la_changes *lc)
{
	kpi_strtab_free(&lc->keys);
	kpi_strtab_init(&lc->keys);
	free(lc->entry);
	lc->entry = NULL;
	lc->nentry = 0;
	lc->live = 0;
	for (size_t i = 0; i < lc->n; i++) {
		const la_row *r = &lc->row[i];
		if (r->replaced)
			continue;
		lc->live++;
		if (r->kind == K_CODE) {
			entry_for(lc, 'c', r->from_code)->code_row = (long)i;
			continue;
		}
		if (r->from_code)
			add_reorg(lc, entry_for(lc, 'c', r->from_code), i);
		if (r->from_la) {
			add_reorg(lc, entry_for(lc, 'l', r->from_la), i);
			if (!r->from_code)
				add_reorg(lc, entry_for(lc, 'm', r->from_la), i);
		}
	}
}

/* The predecessor a row is about: its from_code, else its DfE code. */
static const char *predecessor(const la_row *r)
{
	return r->from_code ? r->from_code : r->from_la;
}

static int same(const char *a, const char *b)
{
	return a && b ? strcmp(a, b) == 0 : a == b;
}

static int fail(char *err, size_t errsz, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
	return -1;
}

/* The cells of ROW into R; -1 with ERR when one is malformed. */
static int parse_row(la_row *r, const kpi_csv_row *row, const int col[C_N], char *err, size_t errsz)
{
	memset(r, 0, sizeof *r);
	char *change = kpi_csv_cell(row, col[C_CHANGE]);
	r->date = kpi_csv_cell(row, col[C_DATE]);
	r->from_code = kpi_csv_cell(row, col[C_FROM_CODE]);
	r->from_la = kpi_csv_cell(row, col[C_FROM_LA]);
	r->from_name = kpi_csv_cell(row, col[C_FROM_NAME]);
	r->to_code = kpi_csv_cell(row, col[C_TO_CODE]);
	r->to_la = kpi_csv_cell(row, col[C_TO_LA]);
	r->to_name = kpi_csv_cell(row, col[C_TO_NAME]);
	r->from_area = kpi_csv_cell(row, col[C_FROM_AREA]);
	r->source = kpi_csv_cell(row, col[C_SOURCE]);
	int rc = 0;
	if (!change || (strcmp(change, "code") != 0 && strcmp(change, "reorganisation") != 0))
		rc = fail(err, errsz, "change '%s' is not code or reorganisation", change ? change : "");
	else
		r->kind = strcmp(change, "code") == 0 ? K_CODE : K_REORG;
	free(change);
	if (rc)
		return rc;
	kpi_period d;
	if (!r->date || kpi_period_parse_canonical(r->date, KPI_PT_DATE, &d) != 0)
		return fail(err, errsz, "date '%s' is not a date (YYYY-MM-DD)", r->date ? r->date : "");
	const struct {
		const char *name, *text;
		int ons;
	} codes[] = {{"from_code", r->from_code, 1}, {"from_la_code", r->from_la, 0},
		     {"to_code", r->to_code, 1}, {"to_la_code", r->to_la, 0}};
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		const char *t = codes[i].text;
		if (!t)
			continue;
		if (codes[i].ons && !kpi_la_is_ons_code(t, strlen(t)))
			return fail(err, errsz, "%s '%s' is not a 9-character ONS code (a capital letter "
				    "and 8 digits: E06000059)", codes[i].name, t);
		if (!codes[i].ons && !kpi_la_is_dfe_code(t, strlen(t)))
			return fail(err, errsz, "%s '%s' is not a 3-digit DfE code (838)", codes[i].name, t);
	}
	if (!r->from_name || !r->to_name)
		return fail(err, errsz, "empty %s", !r->from_name ? "from_name" : "to_name");
	if (r->kind == K_CODE) {
		if (!r->from_code || !r->to_code)
			return fail(err, errsz, "a code change needs from_code and to_code");
		if (strcmp(r->from_code, r->to_code) == 0)
			return fail(err, errsz, "from_code and to_code are both %s", r->from_code);
		if (r->from_la && r->to_la && strcmp(r->from_la, r->to_la) != 0)
			return fail(err, errsz, "a code change keeps the council's DfE code: from_la_code %s "
				    "and to_la_code %s differ (a reorganisation?)", r->from_la, r->to_la);
		if (r->from_area)
			return fail(err, errsz, "from_area names a reorganised council's series, not a "
				    "code change's");
		return 0;
	}
	if (!r->from_code && !r->from_la)
		return fail(err, errsz, "a reorganisation needs from_code or from_la_code");
	if (!r->to_code && !r->to_la)
		return fail(err, errsz, "a reorganisation needs to_code or to_la_code");
	if (r->from_code && r->to_code && strcmp(r->from_code, r->to_code) == 0)
		return fail(err, errsz, "from_code and to_code are both %s", r->from_code);
	if (r->from_la && r->to_la && strcmp(r->from_la, r->to_la) == 0)
		return fail(err, errsz, "from_la_code and to_la_code are both %s: a council that keeps "
			    "its DfE code is a code change", r->from_la);
	if (r->from_area && kpi_fold_eq(r->from_area, r->to_name))
		return fail(err, errsz, "from_area '%s' is the successor's name: the predecessor's "
			    "series needs a name of its own", r->from_area);
	if (!r->from_area && kpi_fold_eq(r->from_name, r->to_name))
		return fail(err, errsz, "from_name and to_name are both '%s': give the predecessor's "
			    "series a name of its own in from_area", r->from_name);
	return 0;
}

/* Row R (not yet added) against the rows FIRST.. of its own file. */
static int check_against_file(const kpi_la_changes *lc, size_t first, const la_row *r, char *err,
			      size_t errsz)
{
	for (size_t i = first; i < lc->n; i++) {
		const la_row *o = &lc->row[i];
		if (!same(predecessor(o), predecessor(r)))
			continue;
		if (o->kind != r->kind)
			return fail(err, errsz, "%s is a %s on line %lu, not also a %s", predecessor(r),
				    o->kind == K_CODE ? "code change" : "reorganisation", o->line,
				    r->kind == K_CODE ? "code change" : "reorganisation");
		if (same(o->to_code, r->to_code) && same(o->to_la, r->to_la))
			return fail(err, errsz, "repeats line %lu (%s to %s)", o->line, predecessor(r),
				    r->to_code ? r->to_code : r->to_la);
		if (r->kind == K_CODE)
			return fail(err, errsz, "%s already changes to %s on line %lu", r->from_code,
				    o->to_code, o->line);
		if (o->from_area && r->from_area && strcmp(o->from_area, r->from_area) != 0)
			return fail(err, errsz, "from_area '%s' differs from '%s' on line %lu (the same "
				    "council)", r->from_area, o->from_area, o->line);
		if (strcmp(o->date, r->date) != 0)
			return fail(err, errsz, "date %s differs from %s on line %lu (the same council)",
				    r->date, o->date, o->line);
	}
	return 0;
}

/* Code changes that come back to where they started; -1 with ERR naming a row. */
static int check_chains(const kpi_la_changes *lc, char *err, size_t errsz)
{
	for (size_t i = 0; i < lc->n; i++) {
		const la_row *r = &lc->row[i];
		if (r->replaced || r->kind != K_CODE)
			continue;
		const char *at = r->to_code;
		for (size_t steps = 0; steps <= lc->live; steps++) {
			if (strcmp(at, r->from_code) == 0)
				return fail(err, errsz, "%s:%lu: the code changes from %s come back to it",
					    lc->files[r->file], r->line, r->from_code);
			const la_entry *e = entry_find(lc, 'c', at);
			if (!e || e->code_row < 0)
				break;
			at = lc->row[e->code_row].to_code;
		}
	}
	return 0;
}

/* Comment lines (#) and blank lines before the header; the header line in
 * *LINE, or 0 at the end of the file, -1 on a read error. */
static int skip_comments(kpi_lines *in, char **line, size_t *len)
{
	int rc;
	while ((rc = kpi_lines_next(in, line, len)) == 1) {
		size_t i = 0;
		while (i < *len && ((*line)[i] == ' ' || (*line)[i] == '\t'))
			i++;
		if (i < *len && (*line)[i] != '#')
			return 1;
	}
	return rc;
}

int kpi_la_changes_load(kpi_la_changes *lc, const char *path, char *errbuf, size_t errsz,
			int *status)
{
	kpi_lines *in = kpi_lines_open(path);
	char *line;
	size_t len;
	int rc = in ? skip_comments(in, &line, &len) : -1;
	if (rc < 0) {
		snprintf(errbuf, errsz, "%s: %s", path, strerror(errno));
		*status = KPI_EXIT_IO;
		kpi_lines_close(in);
		return -1;
	}
	if (rc == 0) {
		snprintf(errbuf, errsz, "%s: la-changes file is empty (needs a header " REQUIRED_COLUMNS ")",
			 path);
		*status = KPI_EXIT_DATA;
		kpi_lines_close(in);
		return -1;
	}
	kpi_csv *c = kpi_csv_from_lines(in, ',', KPI_ENC_UTF8, line, len);
	size_t file = lc->nfiles++, first = lc->n;
	lc->files = kpi_xrealloc(lc->files, lc->nfiles * sizeof *lc->files);
	lc->files[file] = kpi_xstrdup(path);
	kpi_csv_row *row;
	int col[C_N], have_header = 0, bad = 0;
	char err[512];
	while (!bad && (rc = kpi_csv_read(c, &row)) != 0) {
		la_row r;
		if (rc < 0) {
			snprintf(err, sizeof err, "%s", kpi_csv_error(c));
			bad = 1;
		} else if (!have_header) {
			bad = kpi_csv_columns(row, col_names, C_N, C_TO_NAME + 1, col, "la-changes file", err,
					      sizeof err) != 0;
			have_header = 1;
		} else if (row->n && row->field[0][0] == '#') {
			continue; /* a comment */
		} else if (parse_row(&r, row, col, err, sizeof err) != 0 ||
			   check_against_file(lc, first, &r, err, sizeof err) != 0) {
			row_free(&r);
			bad = 1;
		} else {
			r.file = file;
			r.line = row->line;
			if (lc->n == lc->cap) {
				lc->cap = lc->cap ? 2 * lc->cap : 32;
				lc->row = kpi_xrealloc(lc->row, lc->cap * sizeof *lc->row);
			}
			lc->row[lc->n++] = r;
		}
	}
	if (rc == -2) {
		snprintf(errbuf, errsz, "%s: %s", kpi_csv_name(c), kpi_csv_error(c));
		*status = KPI_EXIT_IO;
	} else if (bad) {
		snprintf(errbuf, errsz, "%s: %s", kpi_csv_where(c), err);
		*status = KPI_EXIT_DATA;
	}
	kpi_csv_close(c);
	if (rc == -2 || bad) {
		for (size_t i = first; i < lc->n; i++)
			row_free(&lc->row[i]);
		lc->n = first;
		return -1;
	}
	/* this file's rows replace the earlier files' rows for the same councils */
	for (size_t i = 0; i < first; i++)
		for (size_t j = first; j < lc->n && !lc->row[i].replaced; j++)
			if (same(predecessor(&lc->row[i]), predecessor(&lc->row[j])))
				lc->row[i].replaced = 1;
	build_index(lc);
	lc->memo_valid = 0;
	if (check_chains(lc, errbuf, errsz) != 0) {
		*status = KPI_EXIT_DATA;
		return -1;
	}
	return 0;
}

int kpi_la_changes_find(const kpi_la_changes *lc, const char *code, const char *la,
			kpi_la_council *out)
{
	memset(out, 0, sizeof *out);
	if (!lc || !lc->live || (!code && !la))
		return 0;
	const la_entry *e = NULL;
	int found = 0;
	if (code) {
		const char *at = code;
		for (size_t steps = 0; steps < lc->live; steps++) {
			e = entry_find(lc, 'c', at);
			if (!e || e->code_row < 0)
				break;
			at = lc->row[e->code_row].to_code;
		}
		if (at != code) {
			out->current_code = at;
			out->code_date = lc->row[entry_find(lc, 'c', code)->code_row].date;
			found = 1;
			e = entry_find(lc, 'c', at);
		}
		if ((!e || e->reorg_row < 0) && la)
			e = entry_find(lc, 'm', la);
	} else {
		e = entry_find(lc, 'l', la);
	}
	if (e && e->reorg_row >= 0) {
		out->reorganised = 1;
		out->date = lc->row[e->reorg_row].date;
		out->series_name = e->series;
		found = 1;
	}
	return found;
}

/* The record's fields that hold a council's codes, and each one's rank
 * among the fields of its kind (0 first): a 9-character code, a DfE code.
 * Every record passes here, most with no such field: by key length first
 * (the table is in order of it), then by the first letter. */
static const struct {
	const char *name;
	size_t len;
	int ons, dfe;  /* rank, or -1 */
} code_fields[] = {
	{"geog_c", 6, -1, 3},      {"la_code", 7, 2, 1},       {"ons_code", 8, 4, -1},
	{"gss_code", 8, 5, -1},    {"area_code", 9, 1, -1},    {"la_number", 9, -1, 2},
	{"new_la_code", 11, 0, -1}, {"old_la_code", 11, -1, 0}, {"new_geog_code", 13, 3, -1},
};
/* code_fields[by_len[L] .. by_len[L + 1]) are the names of length L */
static const unsigned char by_len[15] = {0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 6, 6, 8, 8, 9};

/* Which code_fields[] entry KEY[0..len) is, or -1. */
static int code_field(const char *key, size_t len)
{
	if (len > 13)
		return -1;
	for (size_t k = by_len[len]; k < by_len[len + 1]; k++)
		if (code_fields[k].name[0] == key[0] && memcmp(code_fields[k].name, key, len) == 0)
			return (int)k;
	return -1;
}

/* Where REC's code fields are, into lc->code_at: once per shape of keys. */
static void find_code_fields(kpi_la_changes *lc, const kpi_record *rec)
{
	lc->n_code_at = 0;
	for (size_t i = 0; i < rec->n; i++) {
		int k = code_field(rec->f[i].key, rec->f[i].key_len);
		if (k >= 0 && lc->n_code_at < sizeof lc->code_at / sizeof lc->code_at[0]) {
			lc->code_at[lc->n_code_at].at = i;
			lc->code_at[lc->n_code_at].field = (unsigned char)k;
			lc->n_code_at++;
		}
	}
}

/* The council's codes in REC's fields, by rank: *code, *la (NULL when none).
 * Every record passes here, most with no such field: the fields' places
 * are found when the keys change (a record has each key once, so at most
 * one field of each name: code_at cannot overflow). */
static void record_codes(kpi_la_changes *lc, const kpi_record *rec, const char **code, const char **la)
{
	int code_rank = 99, la_rank = 99;
	*code = *la = NULL;
	if (!kpi_shape_memo_same(&lc->shape, rec))
		find_code_fields(lc, rec);
	for (size_t j = 0; j < lc->n_code_at; j++) {
		const kpi_field *f = &rec->f[lc->code_at[j].at];
		if (f->type != KPI_JT_STRING)
			continue;
		size_t k = lc->code_at[j].field;
		int r = code_fields[k].ons;
		if (r >= 0 && r < code_rank && kpi_la_is_ons_code(f->str, f->str_len)) {
			*code = f->str;
			code_rank = r;
		}
		r = code_fields[k].dfe;
		if (r >= 0 && r < la_rank && kpi_la_is_dfe_code(f->str, f->str_len)) {
			*la = f->str;
			la_rank = r;
		}
	}
}

/* kpi_la_changes_find, through the memo of the last record's codes */
static int find_memo(kpi_la_changes *lc, const char *code, const char *la, kpi_la_council *out)
{
	const char *c = code ? code : "", *l = la ? la : "";
	size_t cn = code ? 9 : 0, ln = la ? 3 : 0; /* codes that passed kpi_la_is_*_code */
	if (!lc->memo_valid || lc->memo_code.len != cn || lc->memo_la.len != ln ||
	    !kpi_same_bytes(lc->memo_code.data, c, cn) || !kpi_same_bytes(lc->memo_la.data, l, ln)) {
		kpi_buf_clear(&lc->memo_code);
		kpi_buf_adds(&lc->memo_code, c);
		kpi_buf_clear(&lc->memo_la);
		kpi_buf_adds(&lc->memo_la, l);
		lc->memo_found = kpi_la_changes_find(lc, code, la, &lc->memo);
		lc->memo_valid = 1;
	}
	*out = lc->memo;
	return lc->memo_found;
}

const char *kpi_la_changes_area(kpi_la_changes *lc, const kpi_record *rec,
				const kpi_field *area, const char *period_end)
{
	if (!lc || !lc->live || !rec)
		return NULL;
	const char *code, *la;
	record_codes(lc, rec, &code, &la);
	int area_is_code = area && area->type == KPI_JT_STRING &&
			   kpi_la_is_ons_code(area->str, area->str_len);
	if (area_is_code && (!code || strcmp(code, area->str) != 0)) {
		code = area->str; /* the area written as a code is the code that counts */
		la = NULL;
	}
	kpi_la_council cl;
	if (!find_memo(lc, code, la, &cl))
		return NULL;
	if (area_is_code) /* an earlier code, of a period before it changed */
		return period_end && cl.current_code && strcmp(period_end, cl.code_date) < 0
		       ? cl.current_code : NULL;
	if (cl.series_name && !(area && area->type == KPI_JT_STRING &&
				strcmp(area->str, cl.series_name) == 0))
		return cl.series_name;
	return NULL;
}

void kpi_la_changes_forget(kpi_la_changes *lc)
{
	if (!lc)
		return;
	kpi_shape_memo_forget(&lc->shape);
	lc->memo_valid = 0;
}
