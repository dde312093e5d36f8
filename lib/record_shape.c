/* record_shape.c: the record parser's fast path.  The shape is the keys
 * of the last record parsed, kept as their text; a line with the same keys
 * in the same order, written without spaces (every record a kpi tool
 * writes), is read through it in one tight loop, and with reuse_prefix the
 * fields a line repeats from the one before are taken from that parse.
 * Shape ids (kpi_record.shape_id) are made here. */
#include "record_shape.h"
#include <stdlib.h>

/* Shape ids are counted for the process, not for each record: a record
 * initialised again, or another at the same address, never repeats an id,
 * so (record, id) alone says the keys are the ones seen (shape_memo.h). */
static unsigned long shape_ids;

unsigned long kpi_rec_new_shape_id(void)
{
	if (!++shape_ids)
		++shape_ids;
	return shape_ids;
}

void kpi_rec_keep_shape(kpi_record *r, size_t from)
{
	if (from > r->n)
		from = r->n;
	if (r->shape_cap < r->n) {
		r->shape_cap = r->n;
		r->shape = kpi_xrealloc(r->shape, r->shape_cap * sizeof *r->shape);
	}
	r->shape_raw.len = from ? r->shape[from - 1].raw_off + r->shape[from - 1].raw_len : 0;
	r->shape_keys.len = from ? r->shape[from - 1].key_off + r->shape[from - 1].key_len + 1 : 0;
	for (size_t i = from; i < r->n; i++) {
		struct kpi_shape_key *k = &r->shape[i];
		const char *raw = r->key_raw[2 * i];
		k->raw_off = r->shape_raw.len;
		k->raw_len = (size_t)(r->key_raw[2 * i + 1] - raw);
		kpi_buf_add(&r->shape_raw, raw, k->raw_len);
		k->key_off = r->shape_keys.len;
		k->key_len = r->f[i].key_len;
		kpi_buf_add(&r->shape_keys, r->f[i].key, k->key_len);
		kpi_buf_addc(&r->shape_keys, '\0');
	}
	r->shape_n = r->n;
	r->shape_ascii = 1;
	for (size_t i = 0; i < r->shape_raw.len; i++)
		if ((unsigned char)r->shape_raw.data[i] & 0x80)
			r->shape_ascii = 0;
	for (size_t i = 0; i < r->n; i++) /* the shape's buffer may have moved */
		r->f[i].key = r->shape_keys.data + r->shape[i].key_off;
	r->shape_id = kpi_rec_new_shape_id();
}

void kpi_rec_reuse_room(kpi_record *r, size_t n)
{
	if (n <= r->reuse_cap)
		return;
	r->reuse = kpi_xrealloc(r->reuse, n * sizeof *r->reuse);
	r->taken = kpi_xrealloc(r->taken, n);
	memset(r->reuse + r->reuse_cap, 0, (n - r->reuse_cap) * sizeof *r->reuse);
	memset(r->taken + r->reuse_cap, 0, n - r->reuse_cap);
	r->reuse_cap = n;
}

/* Field I, taken from the line before, a string still in that parse's
 * store (r->store_prev): copied to held[I], where it stays while the field
 * is taken line after line. */
static void hold(kpi_record *r, size_t i)
{
	kpi_field *g = &r->f[i];
	kpi_buf *h = &r->reuse[i].held;
	h->len = 0;
	kpi_buf_add(h, g->str, g->str_len);
	g->str = h->data;
	r->reuse[i].is_held = 1;
}

/* The length of the longest common prefix of A[0..n) and B[0..n). */
static size_t common_prefix(const char *a, const char *b, size_t n)
{
	size_t i = 0;
#if defined(__SSE2__) && defined(__GNUC__)
	while (n - i >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(a + i)),
			y = _mm_loadu_si128((const __m128i *)(const void *)(b + i));
		unsigned differ = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, y)) ^ 0xFFFFu;
		if (differ)
			return i + (size_t)__builtin_ctz(differ);
		i += 16;
	}
#endif
	while (i < n && a[i] == b[i])
		i++;
	return i;
}

/* A record whose keys are the shape's, in order, written without spaces
 * (every record a kpi tool writes): the keys are matched against the
 * shape's text and the values read in one tight loop; the keys are known
 * free of duplicates.  1 when the whole line was read so; 0 at the first
 * thing that differs (another key, a space, a bad value, ...), and the
 * caller parses the line in full, which gives the same fields or the error.
 * REUSE: r->prev_line, r->f and r->store hold the last line read so (its
 * strings in the store in field order): the fields of this line whose
 * text, and the comma after it, lie in the bytes the two lines share from
 * their start are that parse's, moved to this line (a series' records
 * repeat their first hundred bytes or more, the catalogue's fields). */
int kpi_rec_parse_shaped(parser *pp, int reuse)
{
	/* p and end in locals (registers); ps only for the calls out, which
	 * take its address */
	parser ps = *pp;
	const char *p = ps.p, *end = ps.end;
	kpi_record *r = ps.r;
	size_t n = r->shape_n;
	if (p >= end || *p != '{')
		return 0;
	p++;
	if (r->cap < n) {
		r->cap = n;
		r->f = kpi_xrealloc(r->f, r->cap * sizeof *r->f);
	}
	size_t same = 0; /* the fields taken from the line before in the bytes both start with */
	unsigned char *taken = NULL;
	if (r->reuse_prefix) {
		kpi_rec_reuse_room(r, n);
		taken = r->taken;
		if (!reuse) /* the strings are all read into the store */
			for (size_t k = 0; k < n; k++)
				r->reuse[k].is_held = 0;
	}
	const char *prev = r->prev_line.data;
	unsigned tick = reuse ? ++r->reuse_tick : 0;
	if (reuse) {
		/* the last parse's strings stay readable in store_prev while
		 * this one writes its own: a taken one is copied from there */
		kpi_buf t = r->store;
		r->store = r->store_prev;
		r->store_prev = t;
		size_t plen = r->prev_line.len, len = (size_t)(end - ps.s);
		size_t shared = common_prefix(ps.s, prev, len < plen ? len : plen);
		for (; same < n; same++) {
			kpi_field *g = &r->f[same];
			size_t at = (size_t)(p - ps.s) + r->shape[same].raw_len + g->raw_len; /* its ',' or '}' */
			if (at >= shared)
				break;
			g->raw = p + r->shape[same].raw_len;
			if (g->type == KPI_JT_STRING && !r->reuse[same].is_held)
				hold(r, same);
			taken[same] = 1;
			r->reuse[same].miss = 0;
			p = ps.s + at + 1;
		}
	}
	/* the decoded strings are never longer than the line; copy_plain
	 * writes up to 16 bytes past what it keeps */
	r->store.len = 0;
	kpi_buf_reserve(&r->store, (size_t)(end - ps.s) + 32);
	r->store.data[0] = '\0';
	const char *store = r->store.data; /* so it does not move: strings point into it at once */
	const char *shape_raw = r->shape_raw.data, *shape_keys = r->shape_keys.data;
	kpi_field *f = r->f + same;
	const char *qp = prev + (p - ps.s); /* the line before, where p is in this one */
	unsigned char seen = 0; /* the bytes copy_plain saw, or'd (a register, not ps's) */
	for (size_t i = same; i < n; i++, f++) {
		const struct kpi_shape_key *sk = &r->shape[i];
		if (reuse) {
			struct kpi_reuse_field *rf = &r->reuse[i];
			/* the key, the value and its ',' or '}' as the line
			 * before has them here: that parse's field (key,
			 * type, number and string are those of this text).  A
			 * field that differs line after line (a value, a
			 * period) is compared on one line in 16 only. */
			size_t len = sk->raw_len + f->raw_len + 1;
			const char *q = qp;
			qp += len;
			if (rf->miss < 2 || !(tick & 15)) {
				if ((size_t)(end - p) >= len && p[len - 2] == q[len - 2] && p[len - 1] == q[len - 1] &&
				    kpi_same_bytes(p, q, len)) {
					f->raw = p + sk->raw_len;
					if (f->type == KPI_JT_STRING && !rf->is_held)
						hold(r, i);
					taken[i] = 1;
					rf->miss = 0;
					p += len;
					continue;
				}
				rf->miss += rf->miss < 2;
			}
			rf->is_held = 0;
		}
		if ((size_t)(end - p) <= sk->raw_len || !kpi_same_bytes(p, shape_raw + sk->raw_off, sk->raw_len))
			return 0;
		p += sk->raw_len;
		if (taken)
			taken[i] = 0;
		f->key = shape_keys + sk->key_off;
		f->key_len = sk->key_len;
		f->raw = p;
		f->str = NULL;
		f->str_len = 0;
		f->num = 0;
		char c = *p;
		if (c == '"') {
			size_t soff = r->store.len;
			ps.p = p + 1;
			copy_plain(&ps, &r->store, &seen);
			if (ps.p < end && *ps.p == '"') {
				ps.p++;
				r->store.data[++r->store.len] = '\0';
			} else if (ps.unseen = 1, kpi_rec_parse_string_rest(&ps, &r->store) < 0) {
				return 0;
			}
			p = ps.p;
			f->type = KPI_JT_STRING;
			f->str = store + soff;
			f->str_len = r->store.len - soff - 1;
		} else if ((c >= '0' && c <= '9') || c == '-') {
			ps.p = p;
			if (plain_number(&ps, &f->num) < 0 && kpi_rec_parse_number(&ps, &f->num) < 0)
				return 0;
			p = ps.p;
			f->type = KPI_JT_NUMBER;
		} else {
			ps.p = p;
			switch (c) {
			case 'n':
				if (parse_literal(&ps, "null", 4) < 0)
					return 0;
				f->type = KPI_JT_NULL;
				break;
			case 't':
				if (parse_literal(&ps, "true", 4) < 0)
					return 0;
				f->type = KPI_JT_TRUE;
				break;
			case 'f':
				if (parse_literal(&ps, "false", 5) < 0)
					return 0;
				f->type = KPI_JT_FALSE;
				break;
			case '{': case '[':
				f->type = c == '{' ? KPI_JT_OBJECT : KPI_JT_ARRAY;
				ps.unseen = 1;
				if ((ps.shallow ? skip_unchecked(&ps) : kpi_rec_skip_value(&ps, 1)) < 0)
					return 0;
				break;
			default:
				return 0;
			}
			p = ps.p;
		}
		f->raw_len = (size_t)(p - f->raw);
		if (p >= end || *p != (i + 1 < n ? ',' : '}'))
			return 0;
		p++;
	}
	if (!n) { /* "{}" */
		if (p >= end || *p != '}')
			return 0;
		p++;
	}
	if (p != end || r->store.data != store)
		return 0;
	r->n = n;
	r->same_fields = same;
	pp->seen_high = ps.seen_high | seen;
	pp->unseen = ps.unseen;
	return 1;
}
