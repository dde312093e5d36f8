/* period_write.h: a tiny bounded writer of period texts (private to lib/:
 * period.c's canonical text and dates, period_label.c's labels): no
 * snprintf in the hot paths, and the length that would have been written
 * kept, like snprintf's. */
#ifndef KPI_PERIOD_WRITE_H
#define KPI_PERIOD_WRITE_H
#include <stddef.h>
#include "period_cal.h"

typedef struct {
	char *p, *end;  /* end: one before the last byte, kept for the NUL */
	size_t len;     /* length that would have been written */
} writer;

static inline void w_init(writer *w, char *buf, size_t sz)
{
	w->p = buf;
	w->end = sz ? buf + sz - 1 : buf;
	w->len = 0;
	if (sz)
		*buf = '\0';
}

static inline void w_ch(writer *w, char c)
{
	if (w->p < w->end) {
		*w->p++ = c;
		*w->p = '\0';
	}
	w->len++;
}

static inline void w_str(writer *w, const char *s)
{
	while (*s)
		w_ch(w, *s++);
}

/* decimal, zero-padded to WIDTH digits */
static inline void w_num(writer *w, long v, int width)
{
	char digits[24];
	int n = 0;
	unsigned long u;
	if (v < 0) {
		w_ch(w, '-');
		u = 0UL - (unsigned long)v;
	} else {
		u = (unsigned long)v;
	}
	do {
		digits[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	while (n < width) {
		w_ch(w, '0');
		width--;
	}
	while (n)
		w_ch(w, digits[--n]);
}

/* "2016/17": the second year's last two digits */
static inline void w_split_year(writer *w, long y)
{
	w_num(w, y, 4);
	w_ch(w, '/');
	w_num(w, floor_mod(y + 1, 100), 2);
}

#endif
