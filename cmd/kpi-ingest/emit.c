/* emit.c: one record of a table's plan (plan.c) over one row, written
 * straight into the output buffer: the hot path of kpi-ingest. */
#include <string.h>
#include "kpi/json_write.h"
#include "table.h"

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
void emit(table *t, kpi_csv_row *row, int cur)
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
		default: {
			const char *s = row->field[col];
			size_t n = row->len[col];
			if (f->trim)
				trim(&s, &n);
			put_string(&out, s, n);
		}
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
