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
 * written by one loop over the plan, straight into the output buffer
 * (emit.c); column_names.c names the columns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kpi/diag.h"
#include "kpi/json_write.h"
#include "table.h"

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
			if (t->col[i].kind == K_CUR && !t->col[i].base_only && cell_given(row, i))
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
