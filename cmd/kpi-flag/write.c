/* write.c: the judged record kpi-flag writes for one summary: its fields
 * passed through as they were (copied from the line where they can be), then
 * kpi-flag's own (target, benchmark, interval, comparators, assurance,
 * movement, assessment, reasons, flags) from flag_compute's result. */
#include <stdlib.h>
#include <string.h>
#include "flag.h"
#include "kpi/json_write.h"
#include "kpi/shape_memo.h"

/* the fields kpi-flag sets, in the order it writes them */
static const char *const own_fields[] = {
	"target", "targets", "target_gap", "target_met", "target_needed", "rag", "benchmark",
	"interval", "comparators", "rank", "spc_assurance", "movement", "movement_basis", "movement_band", "assessment", "reasons", "flags", NULL
};

static int is_own(const char *key)
{
	for (int i = 0; own_fields[i]; i++)
		if (strcmp(key, own_fields[i]) == 0)
			return 1;
	return 0;
}

/* Which fields of REC are kpi-flag's own, by position: found once per
 * shape of keys (shape_memo.h), as a summary's 30 keys compared with 15
 * names each were a tenth of kpi-flag's time. */
static const unsigned char *own_by_position(const kpi_record *rec)
{
	static kpi_shape_memo memo = KPI_SHAPE_MEMO_INIT;
	static unsigned char *own;
	static size_t cap;
	if (kpi_shape_memo_same(&memo, rec))
		return own;
	if (rec->n > cap) {
		cap = rec->n;
		own = kpi_xrealloc(own, cap);
	}
	for (size_t i = 0; i < rec->n; i++)
		own[i] = (unsigned char)is_own(rec->f[i].key);
	return own;
}

static void write_target(kpi_jw *w, const kpi_target *t)
{
	kpi_jw_begin_object(w);
	kpi_jw_knum(w, "value", t->value);
	kpi_jw_kstr(w, "due", t->has_due ? t->due_text : NULL);
	if (t->label)
		kpi_jw_kstr(w, "label", t->label);
	kpi_jw_end_object(w);
}

int flag_write(const flag_result *r, const kpi_record *rec, kpi_buf *out)
{
	kpi_jw w;
	kpi_jw_init(&w, out);
	kpi_jw_begin_object(&w);
	/* The fields passed through.  A field that follows the one before it
	 * in the line with exactly ,"KEY": between them (no space, no escape:
	 * anything else is longer) reads in the line as the writer would write
	 * it, so a run of such fields is copied from the line as it is. */
	const char *run = NULL, *run_end = NULL;
	unsigned items = 0;
	const kpi_field *last = NULL;
	const unsigned char *own = own_by_position(rec);
	for (size_t i = 0; i < rec->n; i++) {
		const kpi_field *f = &rec->f[i];
		if (own[i]) {
			last = NULL;
			continue;
		}
		items++;
		if (last && run && (size_t)(f->raw - (last->raw + last->raw_len)) == f->key_len + 4) {
			run_end = f->raw + f->raw_len;
		} else {
			if (run)
				kpi_jw_replay(&w, run, (size_t)(run_end - run), items - 1);
			run = NULL;
			kpi_jw_keyn(&w, f->key, f->key_len);
			kpi_jw_raw(&w, f->raw, f->raw_len);
			run = run_end = f->raw + f->raw_len;
		}
		last = f;
	}
	if (run && run_end > run)
		kpi_jw_replay(&w, run, (size_t)(run_end - run), items);
	kpi_jw_key(&w, "target");
	if (r->in_force >= 0)
		write_target(&w, r->tset.row[r->in_force]);
	else
		kpi_jw_null(&w);
	kpi_jw_key(&w, "targets");
	kpi_jw_begin_array(&w);
	for (size_t i = 0; i < r->tset.n; i++)
		write_target(&w, r->tset.row[i]);
	kpi_jw_end_array(&w);
	kpi_jw_knum_or_null(&w, "target_gap", r->has_gap, r->gap);
	kpi_jw_key(&w, "target_met");
	if (r->has_met)
		kpi_jw_bool(&w, r->met);
	else
		kpi_jw_null(&w);
	kpi_jw_knum_or_null(&w, "target_needed", r->has_needed, (double)r->needed);
	kpi_jw_kstr(&w, "rag", r->rag);
	kpi_jw_key(&w, "benchmark");
	if (r->bench.found) {
		kpi_jw_begin_object(&w);
		kpi_jw_kstr(&w, "area", r->bench.area);
		kpi_jw_kstr(&w, "period", r->bench.period);
		kpi_jw_knum(&w, "value", r->bench.value);
		kpi_jw_kstr(&w, "comparison", kpi_comparison_name(r->bench.cmp));
		if (r->bench.has_lower)
			kpi_jw_knum(&w, "lower", r->bench.lower);
		if (r->bench.has_upper)
			kpi_jw_knum(&w, "upper", r->bench.upper);
		if (r->bench.source)
			kpi_jw_kstr(&w, "source", r->bench.source);
		kpi_jw_end_object(&w);
	} else {
		kpi_jw_null(&w);
	}
	kpi_jw_key(&w, "interval");
	if (r->has_interval) {
		kpi_jw_begin_object(&w);
		kpi_jw_knum(&w, "lower", r->iv.lower);
		kpi_jw_knum(&w, "upper", r->iv.upper);
		kpi_jw_kstr(&w, "method", kpi_iv_method_name(r->iv.method));
		kpi_jw_end_object(&w);
	} else {
		kpi_jw_null(&w);
	}
	if (r->compared)
		compare_write(&w, r);
	kpi_jw_kstr(&w, "spc_assurance", r->assurance);
	kpi_jw_kstr(&w, "movement", judge_move_name(r->out.movement));
	kpi_jw_kstr(&w, "movement_basis", judge_basis_name(r->out.basis));
	kpi_jw_knum_or_null(&w, "movement_band", r->out.basis != BASIS_NONE && r->out.basis != BASIS_LIMITS,
			    r->out.band);
	kpi_jw_kstr(&w, "assessment", r->out.assessment);
	kpi_jw_key(&w, "reasons");
	kpi_jw_begin_array(&w);
	for (size_t i = 0; i < r->out.n_reasons; i++)
		kpi_jw_string(&w, r->out.reasons[i]);
	kpi_jw_end_array(&w);
	kpi_jw_key(&w, "flags");
	kpi_jw_begin_array(&w);
	for (int f = 0; f < F_COUNT; f++)
		if (r->out.flags & (1u << f))
			kpi_jw_string(&w, judge_flag_names[f]);
	kpi_jw_end_array(&w);
	kpi_jw_end_object(&w);
	kpi_jw_newline(&w);
	return w.bad_number ? -1 : 0;
}
