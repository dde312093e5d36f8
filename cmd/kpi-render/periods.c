/* periods.c: period labels for the report, over period.h.
 * A period that does not parse as canonical text is printed as it is. */
#include "render.h"
#include <string.h>

static int parse(const char *text, const char *type_name, kpi_period *p)
{
	if (!text)
		return -1;
	kpi_period_type t = type_name ? kpi_period_type_from_name(type_name) : KPI_PT_NONE;
	if (kpi_period_parse_canonical(text, t, p) == 0)
		return 0;
	/* the type may be wrong for this text (a due date beside monthly data) */
	return t != KPI_PT_NONE ? kpi_period_parse_canonical(text, KPI_PT_NONE, p) : -1;
}

/* 1 when P is a date on the last day of its month. */
static int month_end(const kpi_period *p)
{
	if (p->type != KPI_PT_DATE)
		return 0;
	kpi_period next;
	kpi_period_from_ordinal(KPI_PT_DATE, kpi_period_ordinal(p) + 1, &next);
	return next.day == 1;
}

/* The label of P in style ST; 0 when it has none. A snapshot at a month's
 * end (the DfE's 31 March, the workforce's 30 September) is said as its
 * month in the report's month style ("32.6% in Sep 25", not "in 30 Sep
 * 25"); the "as at" date keeps its day. */
static int label(kpi_buf *b, kpi_period p, kpi_label_style st)
{
	char out[64];
	if (st != KPI_LABEL_AS_AT && month_end(&p)) {
		p.type = KPI_PT_MONTH;
		p.day = 0;
	}
	if (kpi_period_label(&p, st, out, sizeof out) <= 0)
		return 0;
	kpi_buf_adds(b, out);
	return 1;
}

void rnd_period_label(kpi_buf *b, const char *period, const char *type_name, kpi_label_style st)
{
	kpi_period p;
	if (!period)
		return;
	if (parse(period, type_name, &p) != 0 || !label(b, p, st))
		kpi_buf_adds(b, period);
}

void rnd_series_label_plus(kpi_buf *b, const rnd_ind *d, const char *period, long n, kpi_label_style st)
{
	kpi_period p, q;
	if (!period)
		return;
	if (parse(period, d->period_type, &p) == 0) {
		if (p.type == KPI_PT_DATE && rnd_series_noun(d) == PH_PERIOD_YEAR) {
			q = p; /* a yearly snapshot: the same day N years on */
			q.year += (int)n;
			if (q.sub == 2 && q.day == 29)
				q.day = 28;
		} else
			kpi_period_from_ordinal(p.type, kpi_period_ordinal(&p) + n, &q);
		if (label(b, q, st))
			return;
	}
	kpi_buf_adds(b, period);
}

long rnd_period_diff(const char *later, const char *earlier, const char *type_name, int *ok)
{
	kpi_period a, e;
	*ok = 0;
	if (parse(later, type_name, &a) || parse(earlier, type_name, &e) || a.type != e.type)
		return 0;
	*ok = 1;
	return kpi_period_ordinal(&a) - kpi_period_ordinal(&e);
}

int rnd_period_cmp_text(const char *a, const char *b, const char *type_name, int *ok)
{
	kpi_period pa, pb;
	*ok = 0;
	if (parse(a, type_name, &pa) || parse(b, type_name, &pb))
		return 0;
	*ok = 1;
	return kpi_period_cmp(&pa, &pb);
}

int rnd_period_ends_by(const char *a, const char *b, int *ok)
{
	kpi_period pa, pb;
	char a0[11], a1[11], b0[11], b1[11];
	*ok = 0;
	if (parse(a, NULL, &pa) || parse(b, NULL, &pb))
		return 0;
	*ok = 1;
	kpi_period_bounds(&pa, a0, a1);
	kpi_period_bounds(&pb, b0, b1);
	return strcmp(a1, b1) <= 0; /* ISO dates sort as text */
}

void rnd_due_label(kpi_buf *b, const char *due, kpi_label_style st)
{
	kpi_period p;
	char out[64];
	if (!due)
		return;
	if (parse(due, NULL, &p) == 0) {
		/* a due date is read as its month: "by March 2023", not "by 31 March 2023" */
		if (p.type == KPI_PT_DATE) {
			p.type = KPI_PT_MONTH;
			p.day = 0;
		}
		if (kpi_period_label(&p, st, out, sizeof out) > 0) {
			kpi_buf_adds(b, out);
			return;
		}
	}
	kpi_buf_adds(b, due);
}

rnd_phrase_id rnd_period_noun(const char *type_name, const char *period)
{
	kpi_period p;
	if (parse(period, type_name, &p) != 0)
		return PH_PERIOD_OTHER;
	switch (p.type) {
	case KPI_PT_MONTH:
		return PH_PERIOD_MONTH;
	case KPI_PT_QUARTER:
	case KPI_PT_FINANCIAL_QUARTER:
		return PH_PERIOD_QUARTER;
	case KPI_PT_FINANCIAL_YEAR:
	case KPI_PT_ACADEMIC_YEAR:
	case KPI_PT_YEAR:
		return PH_PERIOD_YEAR;
	case KPI_PT_TERM:
		return PH_PERIOD_TERM;
	case KPI_PT_WEEK:
		return PH_PERIOD_WEEK;
	default:
		return PH_PERIOD_OTHER;
	}
}

rnd_phrase_id rnd_series_noun(const rnd_ind *d)
{
	kpi_period l, e;
	/* a snapshot on one day of the year steps by year, as kpi-trend counts
	 * it (the workforce as at 30 September): "4 years in a row" */
	if (parse(d->latest.period, d->period_type, &l) == 0 && l.type == KPI_PT_DATE &&
	    parse(d->previous.period ? d->previous.period : d->first_period, d->period_type, &e) == 0 &&
	    e.type == KPI_PT_DATE && e.year != l.year && e.sub == l.sub && e.day == l.day)
		return PH_PERIOD_YEAR;
	return rnd_period_noun(d->period_type, d->latest.period);
}

long rnd_series_diff(const rnd_ind *d, const char *later, const char *earlier, int *ok)
{
	kpi_period a, e;
	if (rnd_series_noun(d) == PH_PERIOD_YEAR && parse(later, d->period_type, &a) == 0 &&
	    parse(earlier, d->period_type, &e) == 0 && a.type == KPI_PT_DATE && e.type == KPI_PT_DATE) {
		*ok = 1;
		return a.year - e.year;
	}
	return rnd_period_diff(later, earlier, d->period_type, ok);
}

const char *rnd_noun(rnd_phrase_id noun, long n)
{
	/* phrase_list.h lists each singular before its plural */
	return rnd_phrase(n == 1 ? noun : (rnd_phrase_id)(noun + 1));
}

int rnd_before_as_at(const rnd_ind *d, const char *period)
{
	int ok = 0;
	return d->as_at && period && rnd_period_cmp_text(period, d->as_at, d->period_type, &ok) < 0 && ok;
}

/* 1 when D's latest period, two periods on, has ended by END (YYYY-MM-DD). */
static int series_behind(const rnd_ind *d, const char *end)
{
	kpi_period p, q;
	char q0[11], q1[11];
	if (!d->latest.period || parse(d->latest.period, d->period_type, &p) != 0)
		return 0;
	if (p.type == KPI_PT_DATE) {
		if (rnd_series_noun(d) != PH_PERIOD_YEAR)
			return 0; /* a snapshot of no known step */
		q = p; /* a yearly snapshot: the same day two years on */
		q.year += 2;
		if (q.sub == 2 && q.day == 29)
			q.day = 28;
	} else {
		kpi_period_from_ordinal(p.type, kpi_period_ordinal(&p) + 2, &q);
	}
	kpi_period_bounds(&q, q0, q1);
	return strcmp(q1, end) <= 0; /* ISO dates sort as text */
}

void rnd_mark_behind(rnd_inds *inds, const char *as_at, const char *as_at_type)
{
	kpi_period a;
	char a0[11], a1[11];
	int known = as_at && parse(as_at, as_at_type, &a) == 0;
	if (known)
		kpi_period_bounds(&a, a0, a1);
	for (size_t i = 0; i < inds->n; i++)
		inds->v[i].behind = known && series_behind(&inds->v[i], a1);
}
