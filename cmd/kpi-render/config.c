/* config.c: --report-config FILE, the report's own details
 * (kpi-report-config(5)):
 *
 *   # Northbridge: the Corporate Parenting Board's highlight report
 *   title = Highlight Report for Children's Services Corporate Parenting Board
 *   board = Corporate Parenting Board
 *   meeting-date = 2025-05-14
 *   month-style = long
 *   recommendation = The Board is asked to note the report.
 *   officer = Priya Castell; Head of Service, Front Door and MASH; priya.castell@example.gov.uk
 *   footer = Produced by the Performance and Intelligence Team
 *
 * One "key = value" a line; a line that starts with a space or a tab
 * continues the value above it (a long recommendation); "#" starts a
 * comment line.  recommendation and officer may be given more than once;
 * the other keys once.  A bad line ends the tool: "FILE:LINE: why", exit 1. */
#include "render.h"
#include "kpi/diag.h"
#include "kpi/lines.h"
#include "kpi/text.h"
#include <stdlib.h>
#include <string.h>

static const char *const keys[] = {
	"title", "board", "meeting-date", "month-style", "footer", "recommendation", "officer",
};
enum { K_TITLE, K_BOARD, K_MEETING_DATE, K_MONTH_STYLE, K_FOOTER, K_RECOMMENDATION, K_OFFICER, K_COUNT };

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* S[0..n) without the spaces around it, as a new string. */
static char *trimmed(const char *s, size_t n)
{
	while (n && is_space(*s))
		s++, n--;
	while (n && is_space(s[n - 1]))
		n--;
	return kpi_xstrndup(s, n);
}

static char **push(char **v, size_t *n, char *s)
{
	v = kpi_xrealloc(v, (*n + 1) * sizeof *v);
	v[(*n)++] = s;
	return v;
}

/* "Name; Role; detail; detail" */
static void officer(rnd_config *c, const char *value, const char *where)
{
	rnd_officer o = {0};
	char **parts = NULL;
	size_t n = 0;
	for (const char *s = value;;) {
		size_t len = strcspn(s, ";");
		char *part = trimmed(s, len);
		if (*part)
			parts = push(parts, &n, part);
		else
			free(part);
		if (!s[len])
			break;
		s += len + 1;
	}
	if (n < 2) {
		for (size_t i = 0; i < n; i++)
			free(parts[i]);
		free(parts);
		kpi_die_at(KPI_EXIT_DATA, where, "an officer is 'name; role' (then any e-mail, telephone, ...)");
	}
	o.name = parts[0];
	o.role = parts[1];
	o.n_details = n - 2;
	o.details = kpi_xcalloc(n - 2 ? n - 2 : 1, sizeof *o.details);
	for (size_t i = 2; i < n; i++)
		o.details[i - 2] = parts[i];
	free(parts);
	c->officers = kpi_xrealloc(c->officers, (c->n_officers + 1) * sizeof *c->officers);
	c->officers[c->n_officers++] = o;
}

/* Puts the value of KEY, read on the line WHERE, in C. */
static void set(rnd_config *c, int key, char *value, const char *where)
{
	char **slot = NULL;
	switch (key) {
	case K_TITLE: slot = &c->title; break;
	case K_BOARD: slot = &c->board; break;
	case K_MEETING_DATE: slot = &c->meeting_date; break;
	case K_FOOTER: slot = &c->footer; break;
	case K_MONTH_STYLE:
		if (strcmp(value, "short") == 0)
			c->month_style = KPI_LABEL_SHORT;
		else if (strcmp(value, "long") == 0)
			c->month_style = KPI_LABEL_LONG;
		else
			kpi_die_at(KPI_EXIT_DATA, where, "month-style is short or long, not '%.60s'", value);
		free(value);
		return;
	case K_RECOMMENDATION:
		c->recommendations = push(c->recommendations, &c->n_recommendations, value);
		return;
	case K_OFFICER:
		officer(c, value, where);
		free(value);
		return;
	}
	*slot = value;
}

/* The line WHERE holds only text a report can show: valid UTF-8, no
 * control character but a tab (lib/text.c). */
static void check_text(const char *line, size_t len, const char *where)
{
	char msg[96];
	if (kpi_text_check_line_msg(line, len, msg, sizeof msg) != 0)
		kpi_die_at(KPI_EXIT_DATA, where, "%s", msg);
}

/* The file being read.  A bad line ends the run from deep inside (set(),
 * check_text()), and the optimiser need not keep a local pointer alive up
 * to exit(): held here, the lines stay reachable rather than lost. */
static kpi_lines *volatile reading; /* volatile: a store never read is not removed */

void rnd_config_load(rnd_config *c, const char *path)
{
	memset(c, 0, sizeof *c);
	c->month_style = -1;
	kpi_lines *in = reading = kpi_lines_open_or_die(path);
	unsigned long seen[K_COUNT] = {0};
	kpi_buf value = KPI_BUF_INIT;
	char where[300] = "", *line;
	int key = -1;
	size_t len;
	for (;;) {
		int more = kpi_lines_next_or_die(in, &line, &len);
		if (more) {
			check_text(line, len, kpi_lines_where(in));
			if (len && is_space(line[0])) {
				/* continues the value above */
				size_t s = 0;
				while (s < len && is_space(line[s]))
					s++;
				if (s == len)
					continue;
				if (key < 0)
					kpi_die_at(KPI_EXIT_DATA, kpi_lines_where(in),
						   "an indented line continues a value, but no 'key = value' is above it");
				kpi_buf_addc(&value, ' ');
				kpi_buf_adds(&value, line + s);
				continue;
			}
		}
		/* the value being read is whole */
		if (key >= 0) {
			char *v = trimmed(value.data ? value.data : "", value.len);
			if (!*v) {
				free(v);
				kpi_die_at(KPI_EXIT_DATA, where, "'%s' has no value", keys[key]);
			}
			set(c, key, v, where);
			key = -1;
			kpi_buf_clear(&value);
		}
		if (!more)
			break;
		if (!len || line[0] == '#')
			continue;
		size_t e = 0;
		while (e < len && line[e] != '=')
			e++;
		if (e == len)
			kpi_die_at(KPI_EXIT_DATA, kpi_lines_where(in), "not 'key = value': '%.60s'", line);
		char *k = trimmed(line, e);
		for (int i = 0; i < K_COUNT && key < 0; i++)
			if (strcmp(k, keys[i]) == 0)
				key = i;
		if (key < 0) {
			kpi_buf known = KPI_BUF_INIT;
			for (int i = 0; i < K_COUNT; i++)
				kpi_buf_printf(&known, "%s%s", i ? ", " : "", keys[i]);
			kpi_die_at(KPI_EXIT_DATA, kpi_lines_where(in), "unknown key '%.60s' (the keys: %s)", k,
				   kpi_buf_str(&known));
		}
		free(k);
		if (seen[key] && key != K_RECOMMENDATION && key != K_OFFICER)
			kpi_die_at(KPI_EXIT_DATA, kpi_lines_where(in), "'%s' is set twice (first on line %lu)",
				   keys[key], seen[key]);
		seen[key] = kpi_lines_lineno(in);
		snprintf(where, sizeof where, "%s", kpi_lines_where(in));
		kpi_buf_add(&value, line + e + 1, len - e - 1);
	}
	kpi_buf_free(&value);
	kpi_lines_close(in);
	reading = NULL;
}

void rnd_config_free(rnd_config *c)
{
	free(c->title);
	free(c->board);
	free(c->meeting_date);
	free(c->footer);
	for (size_t i = 0; i < c->n_recommendations; i++)
		free(c->recommendations[i]);
	free(c->recommendations);
	for (size_t i = 0; i < c->n_officers; i++) {
		rnd_officer *o = &c->officers[i];
		free(o->name);
		free(o->role);
		for (size_t k = 0; k < o->n_details; k++)
			free(o->details[k]);
		free(o->details);
	}
	free(c->officers);
	memset(c, 0, sizeof *c);
}
