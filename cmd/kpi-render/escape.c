/* escape.c: text from the data as each format writes it.  Whatever else a
 * format escapes, terminal control characters never reach the output as
 * they are: ESC and the other C0 controls but TAB, LF and CR, DEL and the
 * C1 controls (U+0080 to U+009F) are written as \xHH, HH their code in hex
 * (ESC is \x1b, CSI \x9b), so a report shown in a terminal cannot set its
 * title or colours, and the reader sees that something was there.  A
 * backslash itself is written as it is. */
#include "render.h"
#include "kpi/text.h"
#include <string.h>

static void hex(kpi_buf *b, unsigned code)
{
	static const char digits[] = "0123456789abcdef";
	char t[4] = {'\\', 'x', digits[code >> 4], digits[code & 15]};
	kpi_buf_add(b, t, 4);
}

/* The bytes each format writes as they are: printable ASCII but the ones
 * its writer changes (escape_tables).  A run of them is copied at once. */
enum { ESC_PLAIN, ESC_HTML, ESC_MD, ESC_CSV, ESC_FORMATS };
static unsigned char as_is[ESC_FORMATS][256];
int rnd_escape_runs = 1; /* 0: every byte through its writer (the unit test's reference) */

static void escape_tables(void)
{
	static int ready;
	static const char *const changed[ESC_FORMATS] = {"", "&<>\"'", "\\`*_[]<>|#", "\""};
	if (ready)
		return;
	for (int f = 0; f < ESC_FORMATS; f++)
		for (int c = 0x20; c < 0x7f; c++)
			as_is[f][c] = !strchr(changed[f], c);
	ready = 1;
}

/* S written through B: controls as \xHH, every other byte by OTHER, but a
 * run of bytes of FORMAT's as_is, copied as they are (what OTHER writes
 * for each of them). */
static void escape_with(kpi_buf *b, const char *s, void (*other)(kpi_buf *, unsigned char), int format)
{
	const unsigned char *p = (const unsigned char *)s;
	escape_tables();
	const unsigned char *keep = as_is[format];
	while (p && *p) {
		if (rnd_escape_runs && keep[*p]) {
			const unsigned char *run = p;
			while (keep[*p]) /* as_is[0] is 0: stops at the end */
				p++;
			kpi_buf_add(b, (const char *)run, (size_t)(p - run));
			continue;
		}
		unsigned code;
		/* two bytes can be read: S is NUL-terminated (lib/text.c says
		 * what a control character is) */
		size_t c = kpi_text_control_at((const char *)p, 2, &code);
		if (c) {
			hex(b, code);
			p += c;
		} else {
			other(b, *p);
			p++;
		}
	}
}

static void plain(kpi_buf *b, unsigned char c)
{
	kpi_buf_addc(b, (char)c);
}

static void html(kpi_buf *b, unsigned char c)
{
	switch (c) {
	case '&': kpi_buf_adds(b, "&amp;"); break;
	case '<': kpi_buf_adds(b, "&lt;"); break;
	case '>': kpi_buf_adds(b, "&gt;"); break;
	case '"': kpi_buf_adds(b, "&quot;"); break;
	case '\'': kpi_buf_adds(b, "&#39;"); break;
	default: kpi_buf_addc(b, (char)c);
	}
}

static void markdown(kpi_buf *b, unsigned char c)
{
	if (c == '\n' || c == '\r') {
		kpi_buf_addc(b, ' ');
		return;
	}
	if (strchr("\\`*_[]<>|#", c))
		kpi_buf_addc(b, '\\');
	kpi_buf_addc(b, (char)c);
}

static void csv(kpi_buf *b, unsigned char c)
{
	if (c == '"')
		kpi_buf_addc(b, '"');
	kpi_buf_addc(b, (char)c);
}

void rnd_ctrl_escape(kpi_buf *b, const char *s)
{
	escape_with(b, s, plain, ESC_PLAIN);
}

void rnd_html_escape(kpi_buf *b, const char *s)
{
	escape_with(b, s, html, ESC_HTML);
}

void rnd_md_escape(kpi_buf *b, const char *s)
{
	escape_with(b, s, markdown, ESC_MD);
}

void rnd_csv_escape(kpi_buf *b, const char *s)
{
	escape_with(b, s, csv, ESC_CSV);
}
