/* escape.c: text from the data as each format writes it.  Whatever else a
 * format escapes, terminal control characters never reach the output as
 * they are: ESC and the other C0 controls but TAB, LF and CR, DEL and the
 * C1 controls (U+0080 to U+009F) are written as \xHH, HH their code in hex
 * (ESC is \x1b, CSI \x9b), so a report shown in a terminal cannot set its
 * title or colours, and the reader sees that something was there.  A
 * backslash itself is written as it is. */
#include "render.h"
#include <string.h>

/* The length of the control character at S (1 or 2 bytes), 0 if none; its
 * code in *code. */
static size_t control_at(const unsigned char *s, unsigned *code)
{
	if ((s[0] < 0x20 && s[0] != '\t' && s[0] != '\n' && s[0] != '\r') || s[0] == 0x7f) {
		*code = s[0];
		return 1;
	}
	if (s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f) {
		*code = s[1];
		return 2;
	}
	return 0;
}

static void hex(kpi_buf *b, unsigned code)
{
	static const char digits[] = "0123456789abcdef";
	char t[4] = {'\\', 'x', digits[code >> 4], digits[code & 15]};
	kpi_buf_add(b, t, 4);
}

void rnd_ctrl_escape(kpi_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (p && *p) {
		/* runs without a control are copied whole */
		size_t n = 0;
		unsigned code;
		while (p[n] && !control_at(p + n, &code))
			n++;
		kpi_buf_add(b, (const char *)p, n);
		p += n;
		size_t c = *p ? control_at(p, &code) : 0;
		if (c) {
			hex(b, code);
			p += c;
		}
	}
}

void rnd_html_escape(kpi_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	for (; p && *p; p++) {
		unsigned code;
		size_t c = control_at(p, &code);
		if (c) {
			hex(b, code);
			p += c - 1;
			continue;
		}
		switch (*p) {
		case '&': kpi_buf_adds(b, "&amp;"); break;
		case '<': kpi_buf_adds(b, "&lt;"); break;
		case '>': kpi_buf_adds(b, "&gt;"); break;
		case '"': kpi_buf_adds(b, "&quot;"); break;
		case '\'': kpi_buf_adds(b, "&#39;"); break;
		default: kpi_buf_addc(b, (char)*p);
		}
	}
}

void rnd_md_escape(kpi_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	for (; p && *p; p++) {
		unsigned code;
		size_t c = control_at(p, &code);
		if (c) {
			hex(b, code);
			p += c - 1;
		} else if (*p == '\n' || *p == '\r') {
			kpi_buf_addc(b, ' ');
		} else {
			if (strchr("\\`*_[]<>|#", *p))
				kpi_buf_addc(b, '\\');
			kpi_buf_addc(b, (char)*p);
		}
	}
}
