/* narrative.c: --narrative FILE, the Head of Service text.
 *
 *   ## Section name          text for that section (matched like catalogue
 *   Author: Dana Whitlow – Child Protection and Review     sections: case,
 *   text...                  spaces and punctuation ignored); an optional
 *                            first "Author:" line names the writer
 *   ### CODE                 a comment on one indicator (in the section
 *   text...                  above it, else anywhere in the report)
 *
 * A heading that matches nothing, and text before the first heading, are
 * errors naming the line (exit 1): nothing written is silently dropped. */
#include "render.h"
#include "kpi/diag.h"
#include "kpi/lines.h"
#include "kpi/names.h"
#include "kpi/text.h"
#include <stdlib.h>
#include <string.h>

static char **owned;
static size_t n_owned;

static const char *keep(kpi_buf *b)
{
	owned = kpi_xrealloc(owned, (n_owned + 1) * sizeof *owned);
	return owned[n_owned++] = kpi_xstrdup(kpi_buf_str(b));
}

/* The narrative's lines, read once: --each-as-at applies it to every
 * report, and a process substitution can be read only once. */
static kpi_buf narrative_text;
static int have_text;

static kpi_lines *open_narrative(const char *path)
{
	if (!have_text) {
		kpi_lines *in = kpi_lines_open_or_die(path);
		char *line;
		size_t len;
		while (kpi_lines_next_or_die(in, &line, &len)) {
			char msg[64];
			if (kpi_text_check_msg(line, len, msg, sizeof msg) != 0)
				kpi_die_at(KPI_EXIT_DATA, kpi_lines_where(in), "%s", msg);
			kpi_buf_add(&narrative_text, line, len);
			kpi_buf_addc(&narrative_text, '\n');
		}
		kpi_lines_close(in);
		have_text = 1;
	}
	return kpi_lines_from_memory(narrative_text.data ? narrative_text.data : "", narrative_text.len, path);
}

void rnd_narrative_free(void)
{
	kpi_buf_free(&narrative_text);
	have_text = 0;
	for (size_t i = 0; i < n_owned; i++)
		free(owned[i]);
	free(owned);
	owned = NULL;
	n_owned = 0;
}

static int folded_equal(const char *a, size_t an, const char *b)
{
	kpi_buf x = KPI_BUF_INIT, y = KPI_BUF_INIT;
	kpi_fold_name(&x, a, an);
	kpi_fold_name(&y, b, strlen(b));
	int eq = x.len > 0 && strcmp(kpi_buf_str(&x), kpi_buf_str(&y)) == 0;
	kpi_buf_free(&x);
	kpi_buf_free(&y);
	return eq;
}

static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

/* The heading text without its marks and surrounding spaces. */
static const char *heading_text(const char *line, int level, size_t *n)
{
	const char *s = line + level;
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '#'))
		len--;
	*n = len;
	return s;
}

static int heading_level(const char *line)
{
	int n = 0;
	while (line[n] == '#')
		n++;
	return (n == 2 || n == 3) && (line[n] == ' ' || line[n] == '\t') ? n : 0;
}

/* Where the text being collected goes. */
typedef struct {
	rnd_section *section; /* "## " text */
	rnd_item *item;       /* "### " text */
	kpi_buf text;
	char where[300];
} target;

static void finish(target *t)
{
	/* trim blank lines at both ends */
	kpi_buf *b = &t->text;
	const char *s = kpi_buf_str(b);
	size_t start = 0, end = b->len;
	while (start < end && (s[start] == '\n' || s[start] == ' ' || s[start] == '\t'))
		start++;
	while (end > start && (s[end - 1] == '\n' || s[end - 1] == ' ' || s[end - 1] == '\t'))
		end--;
	kpi_buf trimmed = KPI_BUF_INIT;
	kpi_buf_add(&trimmed, s + start, end - start);
	const char *text = kpi_buf_str(&trimmed);
	if (t->section && !t->item) {
		if (t->section->narrative && *text) {
			/* a section named twice: its texts follow each other */
			kpi_buf all = KPI_BUF_INIT;
			kpi_buf_adds(&all, t->section->narrative);
			kpi_buf_adds(&all, "\n\n");
			kpi_buf_adds(&all, text);
			t->section->narrative = keep(&all);
			kpi_buf_free(&all);
		} else if (!t->section->narrative) {
			t->section->narrative = keep(&trimmed);
		}
	} else if (t->item) {
		if (t->item->comment && *text) {
			kpi_buf all = KPI_BUF_INIT;
			kpi_buf_adds(&all, t->item->comment);
			kpi_buf_adds(&all, "\n\n");
			kpi_buf_adds(&all, text);
			t->item->comment = keep(&all);
			kpi_buf_free(&all);
		} else if (!t->item->comment) {
			t->item->comment = keep(&trimmed);
		}
	}
	kpi_buf_free(&trimmed);
	kpi_buf_clear(b);
}

static rnd_item *find_item(rnd_report *r, rnd_section *in, const char *h, size_t n)
{
	/* "### 2.05.04" or "### 2.05.04 Child protection visits" */
	size_t code_len = strcspn(h, " \t");
	if (code_len > n)
		code_len = n;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < r->n_items; i++) {
			rnd_item *it = &r->items[i];
			if (pass == 0 && in) {
				int inside = 0;
				for (size_t k = 0; k < in->n; k++)
					inside |= in->items[k] == it;
				if (!inside)
					continue;
			}
			if (folded_equal(h, n, it->code) || folded_equal(h, code_len, it->code))
				return it;
		}
		if (!in)
			break;
	}
	return NULL;
}

void rnd_narrative_apply(rnd_report *r, const char *path)
{
	kpi_lines *in = open_narrative(path);
	char *line;
	size_t len;
	target t = {0};
	kpi_buf_init(&t.text);
	int started = 0, author_allowed = 0;
	while (kpi_lines_next_or_die(in, &line, &len)) {
		int level = heading_level(line);
		if (level) {
			if (started)
				finish(&t);
			started = 1;
			size_t hn;
			const char *h = heading_text(line, level, &hn);
			if (level == 2) {
				rnd_section *s = NULL;
				for (size_t i = 0; i < r->n_sections && !s; i++)
					if (folded_equal(h, hn, r->sections[i].name))
						s = &r->sections[i];
				if (!s)
					kpi_die_at(KPI_EXIT_DATA, kpi_lines_where(in),
						   "narrative heading '## %.*s' matches no section of the report",
						   (int)hn, h);
				t.section = s;
				t.item = NULL;
				author_allowed = 1;
			} else {
				rnd_item *it = find_item(r, t.section, h, hn);
				if (!it)
					kpi_die_at(KPI_EXIT_DATA, kpi_lines_where(in),
						   "narrative heading '### %.*s' matches no indicator of the report",
						   (int)hn, h);
				t.item = it;
				author_allowed = 0;
			}
			continue;
		}
		if (!started) {
			if (blank(line))
				continue;
			kpi_die_at(KPI_EXIT_DATA, kpi_lines_where(in),
				   "narrative text before the first '## Section' or '### CODE' heading");
		}
		if (author_allowed && !blank(line)) {
			author_allowed = 0;
			if (strncmp(line, "Author:", 7) == 0) {
				const char *a = line + 7;
				while (*a == ' ' || *a == '\t')
					a++;
				kpi_buf ab = KPI_BUF_INIT;
				kpi_buf_adds(&ab, a);
				t.section->narrative_author = keep(&ab);
				kpi_buf_free(&ab);
				continue;
			}
		}
		kpi_buf_add(&t.text, line, len);
		kpi_buf_addc(&t.text, '\n');
	}
	if (started)
		finish(&t);
	kpi_buf_free(&t.text);
	kpi_lines_close(in);
}
