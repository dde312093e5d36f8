/* svg.c: drawings of a series.  Inline SVG for HTML (a sparkline per
 * indicator, a small XmR chart where SPC has limits) and a text sparkline of
 * Unicode blocks for Markdown and text tables.  Every number in the SVG is
 * written to one decimal, so the output is the same on every machine. */
#include "render.h"
#include "kpi/numfmt.h"
#include <math.h>
#include <string.h>

/* A coordinate to one decimal, half away from zero, "-0.0" as "0.0".
 * Integer arithmetic: a report draws thousands of these, and the shortest
 * round-trip text kpi_fmt_fixed starts from (via snprintf) was a third of
 * kpi-render's time.  Coordinates are within the drawing (hundreds), far
 * from where v * 10 loses precision. */
static void coord(kpi_buf *b, double v)
{
	if (!isfinite(v) || fabs(v) > 1e15)
		v = 0;
	long long t = llround(v * 10);
	char d[24];
	size_t n = sizeof d;
	unsigned long long u = t < 0 ? (unsigned long long)-t : (unsigned long long)t;
	d[--n] = (char)('0' + u % 10);
	d[--n] = '.';
	u /= 10;
	do {
		d[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (t < 0)
		d[--n] = '-';
	kpi_buf_add(b, d + n, sizeof d - n);
}

/* The last N history points (up to 24), for drawing. */
static size_t drawn(const rnd_ind *ind, size_t max, size_t *first)
{
	size_t n = ind->n_history < max ? ind->n_history : max;
	*first = ind->n_history - n;
	return n;
}

static int range(const rnd_ind *ind, size_t first, size_t n, double *lo, double *hi)
{
	int any = 0;
	for (size_t i = first; i < first + n; i++) {
		const rnd_point *p = &ind->history[i];
		if (!p->value.has)
			continue;
		if (!any || p->value.v < *lo)
			*lo = p->value.v;
		if (!any || p->value.v > *hi)
			*hi = p->value.v;
		any = 1;
	}
	return any;
}

void rnd_text_sparkline(kpi_buf *b, const rnd_ind *ind)
{
	static const char *blocks[8] = {
		"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
		"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"};
	size_t first, n = drawn(ind, 12, &first);
	double lo = 0, hi = 0;
	if (!range(ind, first, n, &lo, &hi))
		return;
	for (size_t i = first; i < first + n; i++) {
		const rnd_point *p = &ind->history[i];
		if (!p->value.has) {
			kpi_buf_addc(b, ' ');
			continue;
		}
		int k = hi > lo ? (int)floor((p->value.v - lo) / (hi - lo) * 7 + 0.5) : 3;
		kpi_buf_adds(b, blocks[k < 0 ? 0 : k > 7 ? 7 : k]);
	}
}

/* A polyline through the points, broken where a value is missing. */
static void line(kpi_buf *b, const rnd_ind *ind, size_t first, size_t n, double x0, double dx,
		 double y0, double h, double lo, double hi, const char *attrs)
{
	int open = 0;
	for (size_t i = first; i < first + n; i++) {
		const rnd_point *p = &ind->history[i];
		if (!p->value.has) {
			if (open)
				kpi_buf_adds(b, "\"/>");
			open = 0;
			continue;
		}
		double x = x0 + dx * (double)(i - first);
		double y = hi > lo ? y0 + h - (p->value.v - lo) / (hi - lo) * h : y0 + h / 2;
		if (!open)
			kpi_buf_printf(b, "<polyline %s points=\"", attrs);
		else
			kpi_buf_addc(b, ' ');
		coord(b, x);
		kpi_buf_addc(b, ',');
		coord(b, y);
		open = 1;
	}
	if (open)
		kpi_buf_adds(b, "\"/>");
}

void rnd_svg_sparkline(kpi_buf *b, const rnd_ind *ind, kpi_label_style st)
{
	size_t first, n = drawn(ind, 24, &first);
	double lo = 0, hi = 0;
	if (!range(ind, first, n, &lo, &hi))
		return;
	const double w = 120, h = 28, pad = 3;
	double dx = n > 1 ? (w - 2 * pad) / (double)(n - 1) : 0;
	kpi_buf_adds(b, "<svg class=\"spark\" xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"28\" "
			"viewBox=\"0 0 120 28\" role=\"img\" aria-label=\"");
	kpi_buf t = KPI_BUF_INIT, from = KPI_BUF_INIT, to = KPI_BUF_INIT, name = KPI_BUF_INIT;
	rnd_subject(&name, ind); /* the name a reader knows, never the slug */
	const char *p0 = ind->history[first].period, *p1 = ind->history[first + n - 1].period;
	if (p0 && p1) {
		rnd_period_label(&from, p0, ind->period_type, st);
		rnd_period_label(&to, p1, ind->period_type, st);
		RND_SAY(&t, PH_CHART_TREND, {S_INDICATOR, kpi_buf_str(&name)}, {S_FROM_PERIOD, kpi_buf_str(&from)},
			{S_TO_PERIOD, kpi_buf_str(&to)});
	} else {
		RND_SAY(&t, PH_CHART_TREND_UNDATED, {S_INDICATOR, kpi_buf_str(&name)});
	}
	kpi_buf_free(&name);
	rnd_html_escape(b, kpi_buf_str(&t));
	kpi_buf_free(&t);
	kpi_buf_free(&from);
	kpi_buf_free(&to);
	kpi_buf_adds(b, "\">");
	line(b, ind, first, n, pad, dx, pad, h - 2 * pad, lo, hi,
	     "fill=\"none\" stroke=\"#333\" stroke-width=\"1.5\"");
	const rnd_point *last = &ind->history[first + n - 1];
	if (last->value.has) {
		double x = pad + dx * (double)(n - 1);
		double y = hi > lo ? pad + (h - 2 * pad) - (last->value.v - lo) / (hi - lo) * (h - 2 * pad) : h / 2;
		kpi_buf_adds(b, "<circle cx=\"");
		coord(b, x);
		kpi_buf_adds(b, "\" cy=\"");
		coord(b, y);
		kpi_buf_adds(b, "\" r=\"2.5\" fill=\"#333\"/>");
	}
	kpi_buf_adds(b, "</svg>");
}

static const char *signal_class(const rnd_ind *ind, const char *period)
{
	for (size_t i = 0; period && i < ind->spc.n_signals; i++)
		if (strcmp(ind->spc.signals[i].period, period) == 0)
			return ind->spc.signals[i].klass ? ind->spc.signals[i].klass : "neutral";
	return NULL;
}

static void hline(kpi_buf *b, double x0, double x1, double y, const char *attrs)
{
	kpi_buf_adds(b, "<line x1=\"");
	coord(b, x0);
	kpi_buf_adds(b, "\" x2=\"");
	coord(b, x1);
	kpi_buf_adds(b, "\" y1=\"");
	coord(b, y);
	kpi_buf_adds(b, "\" y2=\"");
	coord(b, y);
	kpi_buf_printf(b, "\" %s/>", attrs);
}

static void label_at(kpi_buf *b, double x, double y, const char *anchor, const char *text)
{
	kpi_buf_adds(b, "<text x=\"");
	coord(b, x);
	kpi_buf_adds(b, "\" y=\"");
	coord(b, y);
	kpi_buf_printf(b, "\" text-anchor=\"%s\">", anchor);
	rnd_html_escape(b, text);
	kpi_buf_adds(b, "</text>");
}

int rnd_svg_xmr(kpi_buf *b, const rnd_ind *ind, kpi_label_style st)
{
	if (!ind->spc.has || !ind->spc.status || strcmp(ind->spc.status, "ok") != 0 ||
	    !ind->spc.mean.has || !ind->spc.ucl.has || !ind->spc.lcl.has)
		return 0;
	size_t first, n = drawn(ind, 24, &first);
	double lo = 0, hi = 0;
	if (n < 2 || !range(ind, first, n, &lo, &hi))
		return 0;
	double mean = ind->spc.mean.v, ucl = ind->spc.ucl.v, lcl = ind->spc.lcl.v;
	/* the drawing is clipped at the unit's bounds: no negative counts, no 120% */
	int nonneg = rnd_is_percent(ind) || rnd_is_count(ind) || rnd_is_rate(ind);
	double lcl_d = nonneg && lcl < 0 ? 0 : lcl;
	double ucl_d = rnd_is_percent(ind) && ucl > 100 ? 100 : ucl;
	lo = fmin(lo, lcl_d);
	hi = fmax(hi, ucl_d);
	int tgt = ind->has_target;
	if (tgt) {
		lo = fmin(lo, ind->target.value.v);
		hi = fmax(hi, ind->target.value.v);
	}
	double padv = (hi - lo) * 0.05;
	if (padv == 0)
		padv = fabs(hi) * 0.05 + 1;
	lo -= padv;
	hi += padv;
	if (nonneg && lo < 0)
		lo = 0;
	/* a percentage's scale ends at 100%: its top label never reads 103.1% */
	if (rnd_is_percent(ind) && hi > 100)
		hi = 100;

	const double W = 360, H = 160, L = 44, R = 40, T = 8, B = 22;
	double pw = W - L - R, ph = H - T - B, dx = pw / (double)(n - 1);
#define Y(v) (T + ph - ((v) - lo) / (hi - lo) * ph)

	kpi_buf t = KPI_BUF_INIT, v[4], name = KPI_BUF_INIT;
	rnd_subject(&name, ind);
	kpi_buf_adds(b, "<svg class=\"xmr\" xmlns=\"http://www.w3.org/2000/svg\" width=\"360\" height=\"160\" "
			"viewBox=\"0 0 360 160\" role=\"img\" aria-label=\"");
	double shown_v[4] = {mean, lcl, ucl, tgt ? ind->target.value.v : 0};
	for (int k = 0; k < 4; k++) {
		kpi_buf_init(&v[k]);
		rnd_fmt_value(&v[k], ind, shown_v[k]);
	}
	if (tgt)
		RND_SAY(&t, PH_CHART_XMR_TARGET, {S_INDICATOR, kpi_buf_str(&name)}, {S_MEAN, kpi_buf_str(&v[0])},
			{S_LCL, kpi_buf_str(&v[1])}, {S_UCL, kpi_buf_str(&v[2])}, {S_TARGET, kpi_buf_str(&v[3])});
	else
		RND_SAY(&t, PH_CHART_XMR, {S_INDICATOR, kpi_buf_str(&name)}, {S_MEAN, kpi_buf_str(&v[0])},
			{S_LCL, kpi_buf_str(&v[1])}, {S_UCL, kpi_buf_str(&v[2])});
	for (int k = 0; k < 4; k++)
		kpi_buf_free(&v[k]);
	kpi_buf_free(&name);
	rnd_html_escape(b, kpi_buf_str(&t));
	kpi_buf_adds(b, "\" font-family=\"Arial, sans-serif\" font-size=\"9\">");

	kpi_buf_adds(b, "<rect x=\"44\" y=\"8\" width=\"276\" height=\"130\" fill=\"#fafafa\" stroke=\"#ddd\"/>");
	hline(b, L, L + pw, Y(mean), "stroke=\"#555\" stroke-width=\"1\"");
	if (ucl <= hi)
		hline(b, L, L + pw, Y(ucl), "stroke=\"#888\" stroke-dasharray=\"4 3\"");
	if (lcl >= lo)
		hline(b, L, L + pw, Y(lcl), "stroke=\"#888\" stroke-dasharray=\"4 3\"");
	if (tgt)
		hline(b, L, L + pw, Y(ind->target.value.v), "stroke=\"#b3261e\" stroke-dasharray=\"7 3\" stroke-width=\"1.2\"");

	/* right-hand labels of the lines; one too close to a label already
	 * written is left out (the target first, then mean, UCL, LCL) */
	kpi_buf_clear(&t);
	double ys[4];
	int nys = 0;
	const char *names[4] = {rnd_phrase(PH_CHART_TARGET), rnd_phrase(PH_CHART_MEAN),
				rnd_phrase(PH_CHART_UCL), rnd_phrase(PH_CHART_LCL)};
	double at[4] = {tgt ? ind->target.value.v : 0, mean, ucl, lcl};
	int shown[4] = {tgt, 1, ucl <= hi, lcl >= lo};
	for (int k = 0; k < 4; k++) {
		if (!shown[k])
			continue;
		double y = Y(at[k]);
		int clash = 0;
		for (int j = 0; j < nys; j++)
			clash |= fabs(ys[j] - y) < 9;
		if (clash)
			continue;
		ys[nys++] = y;
		label_at(b, L + pw + 3, y + 3, "start", names[k]);
	}
	/* left-hand scale: the top and bottom of the drawing */
	rnd_fmt_value(&t, ind, hi);
	label_at(b, L - 3, T + 8, "end", kpi_buf_str(&t));
	kpi_buf_clear(&t);
	rnd_fmt_value(&t, ind, lo);
	label_at(b, L - 3, T + ph, "end", kpi_buf_str(&t));
	kpi_buf_clear(&t);
	/* first and last period */
	rnd_period_label(&t, ind->history[first].period, ind->period_type, st);
	label_at(b, L, H - 6, "start", kpi_buf_str(&t));
	kpi_buf_clear(&t);
	rnd_period_label(&t, ind->history[first + n - 1].period, ind->period_type, st);
	label_at(b, L + pw, H - 6, "end", kpi_buf_str(&t));
	kpi_buf_free(&t);

	line(b, ind, first, n, L, dx, T, ph, lo, hi, "fill=\"none\" stroke=\"#444\" stroke-width=\"1\"");
	for (size_t i = first; i < first + n; i++) {
		const rnd_point *p = &ind->history[i];
		if (!p->value.has)
			continue;
		const char *k = signal_class(ind, p->period);
		const char *fill = !k ? "#9e9e9e" : strcmp(k, "improvement") == 0 ? "#1f77b4"
			       : strcmp(k, "concern") == 0 ? "#e67e00" : "#7b4ea3";
		kpi_buf_printf(b, "<circle class=\"%s\" cx=\"", k ? k : "common");
		coord(b, L + dx * (double)(i - first));
		kpi_buf_adds(b, "\" cy=\"");
		coord(b, Y(p->value.v));
		kpi_buf_printf(b, "\" r=\"%s\" fill=\"%s\"/>", k ? "3.5" : "2.5", fill);
	}
#undef Y
	kpi_buf_adds(b, "</svg>");
	return 1;
}
