/* table.c: a table's rows (a CSV/TSV file, or the records of a JSON
 * document) to raw observations, in three shapes:
 *
 *   long   one row per observation; columns found by name (synonyms) or --map
 *   wide   one row per indicator, periods as header cells; a record per
 *          non-empty period cell, source FILE:LINE:COLUMN
 *   melt   (--measures, EES tidy files, headers that carry years) a record
 *          per measure column of each row, indicator = the column's header
 *
 * The header and, for a melt, the rows decide a plan (plan.c): the list of
 * output fields and where each one's text comes from.  Each row is then
 * written by one loop over the plan, straight into the output buffer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kpi/diag.h"
#include "kpi/json_write.h"
#include "kpi/names.h"
#include "kpi/strtab.h"
#include "table.h"

/* snake_case names, column_N for empty ones, _2 _3 for duplicates (one warning). */
enum { MAX_DUPS_NAMED = 10 };

/* A file may have thousands of columns of one name: the names given so far
 * are kept in a hash table, and each repeated name remembers the last
 * suffix it took, so naming stays linear. */
static void name_columns(table *t)
{
	kpi_buf b = KPI_BUF_INIT, dups = KPI_BUF_INIT;
	size_t n_dups = 0;
	kpi_strtab taken;
	kpi_strtab_init(&taken);
	int *next_k = NULL; /* by id in taken, for a repeated name: the suffix to try next */
	size_t cap_k = 0;
	for (size_t i = 0; i < t->n; i++) {
		kpi_snake_case(&b, t->col[i].raw, t->col[i].raw_len);
		if (b.len == 0)
			kpi_buf_printf(&b, "column_%zu", i + 1);
		uint32_t id = kpi_strtab_find(&taken, b.data, b.len);
		if (id) {
			char *base = kpi_xstrdup(b.data);
			if (id >= cap_k) {
				size_t cap = id * 2 + 16;
				next_k = kpi_xrealloc(next_k, cap * sizeof *next_k);
				for (size_t j = cap_k; j < cap; j++)
					next_k[j] = 2;
				cap_k = cap;
			}
			for (int k = next_k[id];; k++) {
				kpi_buf_clear(&b);
				kpi_buf_printf(&b, "%s_%d", base, k);
				if (!kpi_strtab_find(&taken, b.data, b.len)) {
					next_k[id] = k + 1;
					break;
				}
			}
			/* the first few by name; a file of thousands says how many more */
			if (++n_dups <= MAX_DUPS_NAMED)
				kpi_buf_printf(&dups, "%scolumn %zu '%s' -> %s", dups.len ? ", " : "", i + 1,
					       base, b.data);
			free(base);
		}
		kpi_strtab_add(&taken, b.data, b.len);
		t->col[i].name = kpi_xstrdup(b.data);
	}
	kpi_strtab_free(&taken);
	free(next_k);
	if (dups.len) {
		if (n_dups > MAX_DUPS_NAMED)
			kpi_buf_printf(&dups, " and %zu more", n_dups - MAX_DUPS_NAMED);
		out_flush();
		kpi_warn_at(header_at(t), "duplicate column names renamed: %s", dups.data);
	}
	kpi_buf_free(&b);
	kpi_buf_free(&dups);
}

/* The hot path writes into OUT directly after one capacity check per piece. */
static inline void room(kpi_buf *b, size_t n)
{
	if (b->len + n + 1 > b->cap)
		kpi_buf_reserve(b, n);
}

static inline void put(kpi_buf *b, const char *s, size_t n)
{
	room(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
}

/* S as a JSON string: copied between quotes when nothing needs escaping
 * (nearly every cell), else by kpi_json_escape. */
static inline void put_string(kpi_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == '"' || c == '\\') {
			kpi_json_escape(b, s, n);
			return;
		}
	}
	room(b, n + 2);
	char *d = b->data + b->len;
	*d++ = '"';
	memcpy(d, s, n);
	d[n] = '"';
	b->len += n + 2;
}

static void put_ulong(kpi_buf *b, unsigned long v)
{
	char tmp[24];
	int i = sizeof tmp;
	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	put(b, tmp + i, sizeof tmp - (size_t)i);
}

/* {"column": "value", ...}: the breakdown fields of ROW, values trimmed */
static void put_breakdown(table *t, const kpi_csv_row *row)
{
	put(&out, "{", 1);
	for (size_t k = 0; k < t->nbd; k++) {
		int c = t->bd_cols[k];
		if (k)
			put(&out, ",", 1);
		put(&out, t->col[c].bd_key, t->col[c].bd_key_len);
		const char *s = row->field[c];
		size_t n = row->len[c];
		trim(&s, &n);
		put_string(&out, s, n);
	}
	put(&out, "}", 1);
}

/* One record: the plan over ROW, CUR being the measure or period column. */
static void emit(table *t, kpi_csv_row *row, int cur)
{
	put(&out, "{", 1);
	for (size_t p = 0; p < t->nplan; p++) {
		plan_field *f = &t->plan[p];
		int col = f->col;
		if (col == SRC_EES_AREA) {
			col = -1;
			for (size_t a = 0; a < t->narea && col < 0; a++)
				if (row->len[t->area_cols[a]])
					col = t->area_cols[a];
			if (col < 0)
				continue;
		} else if (col == SRC_CUR_PERIOD && !t->col[cur].period) {
			continue;
		} else if (col <= SRC_META_LABEL && col >= SRC_META_DP && t->col[cur].meta.type != 'I') {
			continue;
		} else if (col == SRC_CUR_NUMERATOR || col == SRC_CUR_DENOMINATOR) {
			col = col == SRC_CUR_NUMERATOR ? t->col[cur].num_col : t->col[cur].den_col;
			if (col < 0)
				continue;
		}
		put(&out, f->key, f->key_len);
		switch (col) {
		case SRC_CUR_LABEL:
			put(&out, t->col[cur].label, t->col[cur].label_len);
			break;
		case SRC_CUR_CELL:
			put_string(&out, row->field[cur], row->len[cur]);
			break;
		case SRC_CUR_PERIOD:
			put(&out, t->col[cur].period, t->col[cur].period_len);
			break;
		case SRC_OPT_PERIOD:
			put(&out, t->opt_period, t->opt_period_len);
			break;
		case SRC_BREAKDOWN:
			put_breakdown(t, row);
			break;
		case SRC_META_LABEL:
			put(&out, t->col[cur].meta.label, t->col[cur].meta.label_len);
			break;
		case SRC_META_UNIT:
			put(&out, t->col[cur].meta.unit, t->col[cur].meta.unit_len);
			break;
		case SRC_META_DP:
			put(&out, t->col[cur].meta.dp, t->col[cur].meta.dp_len);
			break;
		default:
			put_string(&out, row->field[col], row->len[col]);
		}
		put(&out, ",", 1);
	}
	put(&out, t->source_key, t->source_key_len);
	put_ulong(&out, row->line);
	if (t->wide)
		put(&out, t->col[cur].cell_sfx, t->col[cur].cell_sfx_len);
	put(&out, "\"}\n", 3);
	out.data[out.len] = '\0';
	out_flush_if_full();
}

static int row_is_empty(const kpi_csv_row *row)
{
	for (size_t i = 0; i < row->n; i++)
		if (row->len[i])
			return 0;
	return 1;
}

static int row_is_header(table *t, const kpi_csv_row *row)
{
	if (row->n != t->n)
		return 0;
	for (size_t i = 0; i < t->n; i++)
		if (row->len[i] != t->col[i].raw_len || memcmp(row->field[i], t->col[i].raw, row->len[i]) != 0)
			return 0;
	return 1;
}

/* A cell that gives an observation: not empty, not only spaces. */
static inline int cell_given(const kpi_csv_row *row, size_t i)
{
	size_t n = row->len[i];
	if (!n)
		return 0;
	const char *s = row->field[i];
	if (*s != ' ' && *s != '\t')
		return 1;
	trim(&s, &n);
	return n > 0;
}

/* A copy of ROW, held while the first rows of a pipe are read. */
static kpi_csv_row *copy_row(const kpi_csv_row *row)
{
	size_t bytes = 0;
	for (size_t i = 0; i < row->n; i++)
		bytes += row->len[i] + 1;
	kpi_csv_row *c = kpi_xmalloc(sizeof *c + row->n * (sizeof(char *) + sizeof(size_t)) + bytes);
	*c = *row;
	c->field = (char **)(c + 1);
	c->len = (size_t *)(c->field + row->n);
	char *text = (char *)(c->len + row->n);
	for (size_t i = 0; i < row->n; i++) {
		memcpy(text, row->field[i], row->len[i] + 1);
		c->field[i] = text;
		c->len[i] = row->len[i];
		text += row->len[i] + 1;
	}
	return c;
}

/* A pipe's column judged constant on the first rows has another value in
 * ROW: the series already written would change meaning.  Without
 * --keep-going that ends the run; with it, this row and the rest of the
 * file are rejected (read = written + rejected still holds). */
static int breaks_constant(table *t, const kpi_csv_row *row)
{
	for (size_t k = 0; k < t->ncheck; k++) {
		int c = t->check_const[k];
		const col_profile *p = &t->col[c].prof;
		if (row->len[c] == p->first_len && memcmp(row->field[c], p->first, p->first_len) == 0)
			continue;
		kpi_buf m = KPI_BUF_INIT;
		kpi_buf_printf(&m, "column '%s' is '%s' here but was '%s' on all of the first %d rows, so it "
				   "was read as describing the file (a pipe is judged on its first rows): "
				   "say --breakdown %s or --attribute %s",
			       t->col[c].name, row->field[c], p->first, SAMPLE_ROWS, t->col[c].name, t->col[c].name);
		t->broken_reason = m.data;
		return 1;
	}
	return 0;
}

static void write_row(table *t, kpi_csv_row *row, int held)
{
	ingest_opts *o = t->o;
	if (!held && (t->broken || (t->ncheck && breaks_constant(t, row)))) {
		size_t len;
		const char *raw = t->src->ops->raw(t->src, &len);
		const char *where = t->src->ops->where(t->src);
		if (!t->broken) {
			t->broken = 1;
			out_flush();
			if (!o->run.keep_going)
				kpi_die_at(KPI_EXIT_DATA, where, "%s", t->broken_reason);
			reject(o, where, t->broken_reason, raw, len);
		} else {
			t->broken_rows++;
			kpi_run_reject_quietly(&o->run, where,
					       "not read: an earlier row changed a column read as constant",
					       raw, len);
		}
		return;
	}
	o->run.written++;
	if (o->nfilter && !filters_pass_row(&t->fs, o, row))
		return;
	if (t->melt || t->wide) {
		for (size_t i = 0; i < t->n; i++)
			if (t->col[i].kind == K_CUR && cell_given(row, i))
				emit(t, row, (int)i);
	} else {
		emit(t, row, -1);
	}
}

/* Makes the plan from the held rows, then writes them. */
static void plan_and_replay(table *t)
{
	make_plan(t);
	for (size_t k = 0; k < t->nheld; k++) {
		write_row(t, t->held[k], 1);
		free(t->held[k]);
	}
	t->nheld = 0;
}

static void table_free(table *t)
{
	plan_free(t);
	profile_free(t);
	meta_free(t);
	filters_free(&t->fs, t->o);
	for (size_t i = 0; i < t->n; i++) {
		free(t->col[i].raw);
		free(t->col[i].name);
	}
	free(t->col);
	free(t->bd_cols);
	free(t->check_const);
	free(t->held);
	free(t->source_key);
	free(t->header_where);
	free(t->broken_reason);
}

/* --keep-going past a header that cannot be read: the header and every row
 * after it go to the rejects (so read = written + rejected and the rejects
 * hold the whole file), with one message for the header and one for the rest. */
static void reject_file(table *t)
{
	ingest_opts *o = t->o;
	rows *src = t->src;
	size_t len;
	const char *raw = src->ops->raw(src, &len);
	char header_where[4200];
	snprintf(header_where, sizeof header_where, "%s", src->ops->where(src));
	o->run.read++;
	reject(o, header_where, src->ops->error(src), raw, len);
	char reason[4300];
	snprintf(reason, sizeof reason, "not read: the header (%s) cannot be read", header_where);
	unsigned long long n = 0;
	kpi_csv_row *row;
	int r;
	while ((r = src->ops->next(src, &row)) != 0) {
		if (r > 0 && row_is_empty(row))
			continue;
		raw = src->ops->raw(src, &len);
		o->run.read++;
		n++;
		kpi_run_reject_quietly(&o->run, src->ops->where(src), reason, raw, len);
	}
	if (n)
		kpi_warn_at(header_where, "the %llu row%s after this header rejected with it", n,
			    n == 1 ? "" : "s");
}

static void read_header(table *t, kpi_csv_row *h)
{
	rows *src = t->src;
	t->n = h->n;
	t->header_where = kpi_xstrdup(src->ops->where(src));
	size_t n = t->n ? t->n : 1;
	t->col = kpi_xcalloc(n, sizeof *t->col);
	for (size_t i = 0; i < t->n; i++) {
		t->col[i].raw = kpi_xstrndup(h->field[i], h->len[i]);
		t->col[i].raw_len = h->len[i];
		t->col[i].role = -1;
	}
	t->bd_cols = kpi_xcalloc(n, sizeof *t->bd_cols);
	t->check_const = kpi_xcalloc(n, sizeof *t->check_const);
	name_columns(t);

	/* a wide cell's source: FILE:LINE:COLUMN, or FILE#/records/17/KEY */
	kpi_buf b = KPI_BUF_INIT;
	for (size_t i = 0; i < t->n; i++) {
		kpi_buf_clear(&b);
		if (src->cell_by_key) {
			kpi_buf_addc(&b, '/');
			for (size_t k = 0; k < t->col[i].raw_len; k++) /* a JSON pointer's escapes */
				if (t->col[i].raw[k] == '~')
					kpi_buf_adds(&b, "~0");
				else if (t->col[i].raw[k] == '/')
					kpi_buf_adds(&b, "~1");
				else
					kpi_buf_addc(&b, t->col[i].raw[k]);
		} else {
			kpi_buf_printf(&b, ":%zu", i + 1);
		}
		kpi_buf e = KPI_BUF_INIT;
		kpi_json_escape(&e, b.data, b.len);
		t->col[i].cell_sfx = kpi_xstrndup(e.data + 1, e.len - 2); /* without its quotes */
		t->col[i].cell_sfx_len = e.len - 2;
		kpi_buf_free(&e);
	}
	kpi_buf_free(&b);

	plan_header(t);
	filters_start(&t->fs, t->o);

	kpi_buf k = KPI_BUF_INIT;
	kpi_json_escape(&k, t->file, strlen(t->file));
	k.len--; /* without the closing quote: the rest of the source follows */
	kpi_buf s = KPI_BUF_INIT;
	if (t->o->released) /* checked as YYYY-MM-DD: nothing to escape */
		kpi_buf_printf(&s, "\"released\":\"%s\",", t->o->released);
	kpi_buf_adds(&s, "\"source\":");
	kpi_buf_add(&s, k.data, k.len);
	kpi_buf_adds(&s, src->at_json);
	kpi_buf_free(&k);
	t->source_key = s.data;
	t->source_key_len = s.len;
}

/* A melt learns its columns from the rows: a regular file (or a document
 * in memory) is read once whole first; a pipe's first SAMPLE_ROWS rows are
 * held back.  Returns 1 when the plan is made, 0 when the rows are to be held. */
static int first_pass(table *t)
{
	rows *src = t->src;
	profile_start(t);
	if (!src->ops->rewindable(src)) {
		t->held = kpi_xcalloc(SAMPLE_ROWS, sizeof *t->held);
		return 0;
	}
	kpi_csv_row *row;
	int r;
	unsigned long long nrows = 0;
	while ((r = src->ops->next(src, &row)) != 0) {
		if (r < 0 || row->n != t->n || row_is_empty(row) || row_is_header(t, row))
			continue; /* bad rows are reported when they are read for good */
		profile_add(t, row);
		nrows++;
	}
	if (src->ops->rewind(src) != 0) {
		out_flush();
		kpi_die(KPI_EXIT_IO, "%s: cannot read the file a second time", t->file);
	}
	if (nrows)
		make_plan(t);
	return 1;
}

void ingest_rows(ingest_opts *o, rows *src)
{
	table t;
	memset(&t, 0, sizeof t);
	t.o = o;
	t.src = src;
	t.file = src->file;
	kpi_csv_row *row;
	int r;

	if ((r = src->ops->next(src, &row)) < 0) {
		/* a header we cannot read leaves nothing to read the rows by */
		out_flush();
		if (!o->run.keep_going)
			kpi_die_at(KPI_EXIT_DATA, src->ops->where(src), "%s", src->ops->error(src));
		reject_file(&t);
		src->ops->close(src);
		return;
	}
	if (r == 0) {
		src->ops->close(src);
		return;
	}
	read_header(&t, row);
	if (!plan_needs_profile(&t))
		make_plan(&t);
	else
		first_pass(&t);

	while ((r = src->ops->next(src, &row)) != 0) {
		if (r < 0) {
			o->run.read++;
			size_t len;
			const char *raw = src->ops->raw(src, &len);
			reject(o, src->ops->where(src), src->ops->error(src), raw, len);
			continue;
		}
		if (row->n != t.n) {
			if (row_is_empty(row))
				continue;
			o->run.read++;
			char msg[96];
			snprintf(msg, sizeof msg, "row has %zu field%s, header has %zu", row->n,
				 row->n == 1 ? "" : "s", t.n);
			size_t len;
			const char *raw = src->ops->raw(src, &len);
			reject(o, src->ops->where(src), msg, raw, len);
			continue;
		}
		if (row_is_empty(row))
			continue;
		if (row_is_header(&t, row)) {
			out_flush();
			kpi_tally_add(&o->tally, src->ops->where(src), "note: header repeated, skipped");
			continue;
		}
		o->run.read++;
		if (!t.planned) {
			/* a pipe: its first rows decide the columns */
			profile_add(&t, row);
			t.held[t.nheld++] = copy_row(row);
			if (t.nheld == SAMPLE_ROWS)
				plan_and_replay(&t);
			continue;
		}
		write_row(&t, row, 0);
	}
	if (!t.planned && t.nheld)
		plan_and_replay(&t);
	out_flush();
	kpi_tally_flush(&o->tally);
	if (t.broken_rows)
		kpi_warn("%s: the %llu row%s after the row that changed a constant column rejected with it",
			 t.file, t.broken_rows, t.broken_rows == 1 ? "" : "s");
	filters_finish(&t.fs, o, t.file);
	src->ops->close(src);
	table_free(&t);
}
