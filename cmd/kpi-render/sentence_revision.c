/* sentence_revision.c: with --show-revisions, what a later release changed.
 * kpi-trend writes the earlier releases of a figure as "revisions" on the
 * latest value and on each history point (docs/records.md); a report that
 * shows today's figures says which of the figures it quotes, the latest and
 * the previous, were revised, from what, and in which release. */
#include "sentence.h"

static void revision(snt *s, const rnd_point *p)
{
	const rnd_ind *ind = s->ind;
	if (!p->period || !p->value.has || !p->revised_from.has
	    || snt_same_text(ind, p->revised_from.v, p->value.v))
		return;
	snt_label(snt_t(s, 0), s, p->period);
	rnd_fmt_value(snt_t(s, 1), ind, p->revised_from.v);
	rnd_fmt_value(snt_t(s, 2), ind, p->value.v);
	if (p->released) {
		rnd_period_label(snt_t(s, 3), p->released, "date", KPI_LABEL_LONG);
		SNT_SAY(s, PH_REVISION_DATED, {S_PERIOD, snt_s(s, 0)}, {S_FROM_VALUE, snt_s(s, 1)},
			{S_VALUE, snt_s(s, 2)}, {S_RELEASED, snt_s(s, 3)});
	} else {
		SNT_SAY(s, PH_REVISION_UNDATED, {S_PERIOD, snt_s(s, 0)}, {S_FROM_VALUE, snt_s(s, 1)},
			{S_VALUE, snt_s(s, 2)});
	}
}

void rnd_sentence_revisions(rnd_para *out, const rnd_ind *ind, const rnd_opts *o)
{
	if (!o->show_revisions)
		return;
	snt s = {.p = out, .ind = ind, .o = o};
	kpi_buf_init(&s.b);
	for (int i = 0; i < SNT_TEXTS; i++)
		kpi_buf_init(&s.t[i]);
	revision(&s, &ind->latest);
	if (ind->has_previous)
		revision(&s, &ind->previous);
	kpi_buf_free(&s.b);
	for (int i = 0; i < SNT_TEXTS; i++)
		kpi_buf_free(&s.t[i]);
}
