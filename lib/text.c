/* text.c: control characters in text from data (see text.h). */
#include "kpi/text.h"
#include "kpi/utf8.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* A C0 control other than TAB, LF and CR, or DEL. */
static int bad_ascii(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
}

size_t kpi_text_control_at(const char *str, size_t n, unsigned *code)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n >= 1 && bad_ascii(s[0])) {
		*code = s[0];
		return 1;
	}
	/* a C1 control is U+0080-U+009F: 0xC2 0x80-0x9F */
	if (n >= 2 && s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F) {
		*code = s[1];
		return 2;
	}
	return 0;
}

/* 1 when the eight bytes of W are all printable ASCII (0x20-0x7E); a word
 * holding anything else (TAB, LF and CR too) is looked at byte by byte. */
static int plain_word(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	uint64_t below_space = (w - 0x20 * ones) & ~w & highs; /* a byte < 0x20 */
	uint64_t del = ((w ^ 0x7F * ones) - ones) & ~(w ^ 0x7F * ones) & highs;
	return !((w & highs) | below_space | del);
}

size_t kpi_text_check(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (!plain_word(w))
				break;
			i += 8;
		}
		if (i >= n)
			break;
		unsigned char c = s[i];
		unsigned code;
		if (kpi_text_control_at(str + i, n - i, &code))
			return i;
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t ok = kpi_utf8_check(str + i, n - i < 4 ? n - i : 4);
		if (ok == 0)
			return i;
		/* one whole character: its lead byte says how long it is */
		i += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
	}
	return n;
}

const char *kpi_text_control_name(const char *s, size_t n, size_t off, char buf[32])
{
	unsigned cp;
	if (off >= n || !kpi_text_control_at(s + off, n - off, &cp))
		return NULL;
	if (cp == 0)
		snprintf(buf, 32, "NUL byte");
	else
		snprintf(buf, 32, "control character U+%04X", cp);
	return buf;
}

int kpi_text_check_msg(const char *s, size_t n, char *msg, size_t msgsz)
{
	size_t bad = kpi_text_check(s, n);
	if (bad == n)
		return 0;
	char what[32];
	if (kpi_text_control_name(s, n, bad, what))
		snprintf(msg, msgsz, "%s at column %zu", what, bad + 1);
	else
		snprintf(msg, msgsz, "invalid UTF-8 (byte 0x%02X at column %zu)", (unsigned char)s[bad], bad + 1);
	return -1;
}

int kpi_text_check_line_msg(const char *s, size_t n, char *msg, size_t msgsz)
{
	const char *brk = memchr(s, '\n', n), *cr = memchr(s, '\r', n);
	if (!brk || (cr && cr < brk))
		brk = cr;
	size_t end = brk ? (size_t)(brk - s) : n;
	if (kpi_text_check_msg(s, end, msg, msgsz) != 0)
		return -1;
	if (brk)
		snprintf(msg, msgsz, "control character U+%04X at column %zu", (unsigned)*brk, end + 1);
	return brk ? -1 : 0;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

int kpi_text_check_json(const char *line, size_t n, char *msg, size_t msgsz)
{
	/* outside strings a parsed line holds no backslash and nothing above
	 * 0x7E, and raw C0 controls inside them were refused by the parser: what
	 * is left to find is an escape, a DEL or a C1 control */
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	for (size_t i = 0; i < n; i++) {
		/* eight bytes at a time past those that cannot start one: a word
		 * with no backslash and no byte of 0x7F or above */
		while (i + 8 <= n) {
			uint64_t w, bs;
			memcpy(&w, line + i, 8);
			bs = w ^ 0x5C * ones;
			if (((w + ones) | w | ((bs - ones) & ~bs)) & highs)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		unsigned char c = (unsigned char)line[i];
		unsigned cp = 0x100; /* none */
		if (c == '\\' && i + 1 < n) {
			char e = line[i + 1];
			if (e == 'b')
				cp = '\b';
			else if (e == 'f')
				cp = '\f';
			else if (e == 'u' && i + 5 < n) {
				unsigned v = 0;
				int ok = 1;
				for (int k = 2; k < 6; k++) {
					int h = hexval(line[i + (size_t)k]);
					ok &= h >= 0;
					v = v * 16 + (unsigned)(h < 0 ? 0 : h);
				}
				if (ok && ((v < 0x20 && v != '\t' && v != '\n' && v != '\r') || (v >= 0x7F && v <= 0x9F)))
					cp = v;
			}
			if (cp == 0x100) {
				i++; /* the escaped character: "\\\\u0000" is a backslash and text */
				continue;
			}
		} else if (!kpi_text_control_at(line + i, n - i, &cp)) {
			continue;
		}
		if (cp == 0)
			snprintf(msg, msgsz, "NUL byte at column %zu", i + 1);
		else
			snprintf(msg, msgsz, "control character U+%04X at column %zu", cp, i + 1);
		return -1;
	}
	return 0;
}

void kpi_text_escape(kpi_buf *out, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	kpi_buf_reserve(out, n);
	while (i < n) {
		/* good text up to BAD, but for its LF and CR */
		size_t bad = i + kpi_text_check(str + i, n - i);
		while (i < bad) {
			size_t j = i;
			while (j < bad && s[j] != '\n' && s[j] != '\r')
				j++;
			kpi_buf_add(out, str + i, j - i);
			if (j < bad)
				kpi_buf_adds(out, s[j++] == '\n' ? "\\n" : "\\r");
			i = j;
		}
		if (i >= n)
			break;
		unsigned code;
		size_t len = kpi_text_control_at(str + i, n - i, &code);
		if (!len) {
			code = s[i]; /* a byte of bad UTF-8 */
			len = 1;
		}
		kpi_buf_printf(out, "\\x%02x", code);
		i += len;
	}
	kpi_buf_reserve(out, 0);
}
