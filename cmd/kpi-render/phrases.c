/* phrases.c: phrases files (kpi-phrases(5)) read, checked and filled.
 *
 *   # a comment
 *   p1.rose = {subject} rose from {from_value} in {from_period} to {to_value} in {to_period}.
 *
 * One "id = template" per line; spaces around "=" and at the end of the
 * line are not part of the template; "{{" and "}}" are literal braces.
 * Each template is compiled once into literal and slot pieces. */
#include "phrases.h"
#include "kpi/cli.h"
#include "kpi/diag.h"
#include "kpi/lines.h"
#include "kpi/text.h"
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *id;
	int pattern;
	uint64_t slots;
} table[PH_COUNT] = {
#define PH(e, id, pattern, slots) {id, pattern, slots},
#include "phrase_list.h"
#undef PH
};

static const char *const slot_names[S_COUNT_OF_SLOTS] = {
	"subject", "value", "period", "from_value", "from_period", "to_value", "to_period",
	"from", "start", "difference", "target", "due", "met", "count", "counted", "n",
	"noun", "periods", "window", "threshold", "as_at", "year_ago", "year_value",
	"year_period", "targets", "list", "next", "area", "significance", "quartile", "rank",
	"numerator", "denominator", "board", "meeting_date", "indicators", "improvements",
	"issues", "number", "section", "author", "time", "range", "indicator", "problems",
	"mean", "lcl", "ucl", "improvement", "concern", "name", "role", "details", "marker",
	"released", "listed", "from_count",
};

/* A template: its pieces, literal text (slot < 0) or a slot, over TEXT. */
typedef struct {
	int slot;
	size_t off, len;
} piece;

typedef struct {
	char *text;       /* the literal pieces' bytes, braces unescaped */
	piece *pieces;
	size_t n;
} phrase;

static phrase phrases[PH_COUNT];

const char *rnd_phrase_name(rnd_phrase_id id)
{
	return table[id].id;
}

int rnd_phrase_pattern(rnd_phrase_id id)
{
	return table[id].pattern;
}

const char *rnd_phrase(rnd_phrase_id id)
{
	return phrases[id].text ? phrases[id].text : "";
}

static int find_id(const char *s, size_t n)
{
	for (int i = 0; i < PH_COUNT; i++)
		if (strlen(table[i].id) == n && memcmp(table[i].id, s, n) == 0)
			return i;
	return -1;
}

static int find_slot(const char *s, size_t n)
{
	for (int i = 0; i < S_COUNT_OF_SLOTS; i++)
		if (strlen(slot_names[i]) == n && memcmp(slot_names[i], s, n) == 0)
			return i;
	return -1;
}

/* "{subject}, {value}" or "none": the slots ID allows, for messages. */
static void slot_list(kpi_buf *b, int id)
{
	for (int i = 0; i < S_COUNT_OF_SLOTS; i++)
		if (table[id].slots & (UINT64_C(1) << i))
			kpi_buf_printf(b, "%s{%s}", b->len ? ", " : "", slot_names[i]);
	if (!b->len)
		kpi_buf_adds(b, "none");
}

static void add_piece(phrase *p, int slot, size_t off, size_t len)
{
	if (slot < 0 && len == 0)
		return;
	if (slot < 0 && p->n && p->pieces[p->n - 1].slot < 0) {
		p->pieces[p->n - 1].len += len; /* literal text runs on */
		return;
	}
	p->pieces = kpi_xrealloc(p->pieces, (p->n + 1) * sizeof *p->pieces);
	p->pieces[p->n++] = (piece){slot, off, len};
}

/* Compiles template T[0..n) of phrase ID into P; exits naming WHERE when a
 * brace or a slot is wrong. */
static void compile(phrase *p, int id, const char *t, size_t n, const char *where)
{
	p->text = kpi_xmalloc(n + 1);
	size_t len = 0, lit = 0; /* bytes of text written; start of the current literal */
	for (size_t i = 0; i < n;) {
		if ((t[i] == '{' || t[i] == '}') && i + 1 < n && t[i + 1] == t[i]) {
			p->text[len++] = t[i];
			i += 2;
			continue;
		}
		if (t[i] == '}')
			kpi_die_at(KPI_EXIT_DATA, where, "'}' closes no slot (write }} for a brace)");
		if (t[i] != '{') {
			p->text[len++] = t[i++];
			continue;
		}
		const char *close = memchr(t + i, '}', n - i);
		if (!close)
			kpi_die_at(KPI_EXIT_DATA, where, "'{' opens no slot (write {{ for a brace)");
		size_t name_len = (size_t)(close - t - i - 1);
		int slot = find_slot(t + i + 1, name_len);
		if (slot < 0 || !(table[id].slots & (UINT64_C(1) << slot))) {
			kpi_buf allowed = KPI_BUF_INIT;
			slot_list(&allowed, id);
			kpi_die_at(KPI_EXIT_DATA, where, "phrase '%s' has no slot {%.*s} (its slots: %s)",
				   table[id].id, (int)name_len, t + i + 1, kpi_buf_str(&allowed));
		}
		add_piece(p, -1, lit, len - lit);
		add_piece(p, slot, 0, 0);
		lit = len;
		i += name_len + 2;
	}
	add_piece(p, -1, lit, len - lit);
	p->text[len] = '\0';
}

static void clear(phrase *p)
{
	free(p->text);
	free(p->pieces);
	memset(p, 0, sizeof *p);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Reads one phrases file; seen[id] is the line that set ID in it. */
static void load_file(const char *path)
{
	kpi_lines *in = kpi_lines_open_or_die(path);
	unsigned long *seen = kpi_xcalloc(PH_COUNT, sizeof *seen);
	char *line;
	size_t len;
	while (kpi_lines_next_or_die(in, &line, &len)) {
		const char *where = kpi_lines_where(in);
		char msg[96];
		if (kpi_text_check_line_msg(line, len, msg, sizeof msg) != 0)
			kpi_die_at(KPI_EXIT_DATA, where, "%s", msg);
		size_t s = 0;
		while (s < len && is_space(line[s]))
			s++;
		if (s == len || line[s] == '#')
			continue;
		size_t e = s;
		while (e < len && !is_space(line[e]) && line[e] != '=')
			e++;
		size_t eq = e;
		while (eq < len && is_space(line[eq]))
			eq++;
		if (eq == len || line[eq] != '=' || e == s)
			kpi_die_at(KPI_EXIT_DATA, where, "not 'id = template': '%.60s'", line + s);
		int id = find_id(line + s, e - s);
		if (id < 0)
			kpi_die_at(KPI_EXIT_DATA, where, "unknown phrase id '%.*s'", (int)(e - s), line + s);
		if (seen[id])
			kpi_die_at(KPI_EXIT_DATA, where, "phrase '%s' is set twice (first on line %lu)",
				   table[id].id, seen[id]);
		seen[id] = kpi_lines_lineno(in);
		size_t t = eq + 1, end = len;
		while (t < end && is_space(line[t]))
			t++;
		while (end > t && is_space(line[end - 1]))
			end--;
		clear(&phrases[id]);
		compile(&phrases[id], id, line + t, end - t, where);
	}
	free(seen);
	kpi_lines_close(in);
}

void rnd_phrases_load(const char *const *files, size_t n)
{
	rnd_phrases_free();
	char *def = kpi_data_path("phrases/en-GB.phrases");
	load_file(def);
	for (int i = 0; i < PH_COUNT; i++)
		if (!phrases[i].text)
			kpi_die(KPI_EXIT_IO, "%s: phrase '%s' is missing (is kpi installed whole?)", def,
				table[i].id);
	free(def);
	for (size_t i = 0; i < n; i++)
		load_file(files[i]);
}

void rnd_phrases_free(void)
{
	for (int i = 0; i < PH_COUNT; i++)
		clear(&phrases[i]);
}

void rnd_phrase_fill(kpi_buf *b, rnd_phrase_id id, const rnd_arg *args, size_t n)
{
	const phrase *p = &phrases[id];
	for (size_t i = 0; i < p->n; i++) {
		const piece *pc = &p->pieces[i];
		if (pc->slot < 0) {
			kpi_buf_add(b, p->text + pc->off, pc->len);
			continue;
		}
		const char *v = NULL;
		for (size_t k = 0; k < n && !v; k++)
			if ((int)args[k].slot == pc->slot)
				v = args[k].text;
		if (!v)
			continue;
		size_t at = b->len;
		kpi_buf_adds(b, v);
		/* the subject inside a sentence: "In Mar 24, children in care ..." */
		char *s = b->data + at;
		if (pc->slot == S_SUBJECT && i > 0 && b->len > at && s[0] >= 'A' && s[0] <= 'Z' &&
		    !(s[1] >= 'A' && s[1] <= 'Z'))
			s[0] = (char)(s[0] - 'A' + 'a');
	}
}
