/* normalise.c: the meaning of one raw observation (contract §2): the
 * normaliser's life, and normalise_record, which reads a record's fields
 * (fields.c), its indicator (the catalogue, the column's unit class), its
 * period (period_cache.c), its figures (cells.c), its council, checks it
 * against the observations before (series_key.c, dupes.c) and writes the
 * typed record (typed_write.c). */
#include "normalise.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kpi/breakdown.h"
#include "kpi/bytes.h"
#include "kpi/json_write.h"
#include "kpi/la_changes.h"
#include "kpi/names.h"
#include "cells.h"
#include "checks.h"
#include "fields.h"
#include "period_cache.h"
#include "series_key.h"
#include "typed_write.h"

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
