/* Unit tests: lib/text.c, control characters in text from data. */
#include "kpi/text.h"
#include "tap.h"
#include "text_rule.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void check_msg(const char *s, size_t n, const char *want)
{
	char msg[96];
	int rc = kpi_text_check_msg(s, n, msg, sizeof msg);
	is_str(rc == 0 ? "(good text)" : msg, want, "message: %s", want);
}

static void check_line(const char *s, size_t n, const char *want)
{
	char msg[96];
	int rc = kpi_text_check_line_msg(s, n, msg, sizeof msg);
	is_str(rc == 0 ? "(good text)" : msg, want, "line message: %s", want);
}

static void check_json(const char *line, const char *want)
{
	char msg[96];
	int rc = kpi_text_check_json(line, strlen(line), msg, sizeof msg);
	is_str(rc == 0 ? "(good text)" : msg, want, "JSON %s", line);
}

static void escapes(const char *s, size_t n, const char *want)
{
	kpi_buf b = KPI_BUF_INIT;
	kpi_text_escape(&b, s, n);
	is_str(kpi_buf_str(&b), want, "escaped: %s", want);
	kpi_buf_free(&b);
}

int main(void)
{
	/* good text */
	is_long((long)kpi_text_check("", 0), 0, "empty text");
	is_long((long)kpi_text_check("cla_count", 9), 9, "ASCII");
	is_long((long)kpi_text_check("a\tb\nc\rd", 7), 7, "TAB, LF and CR are text");
	is_long((long)kpi_text_check("caf\xC3\xA9 \xE2\x80\x93 \xF0\x9F\x98\x80", 14), 14, "two-, three- and four-byte characters");
	is_long((long)kpi_text_check("no\xC2\xA0" "break", 9), 9, "U+00A0 (after the C1 controls) is text");

	/* control characters, wherever they fall in an eight-byte word */
	for (size_t at = 0; at < 17; at++) {
		char s[24];
		memset(s, 'x', sizeof s);
		s[at] = '\0';
		if (kpi_text_check(s, sizeof s) != at)
			ok(0, "NUL at %zu", at);
		s[at] = '\033';
		if (kpi_text_check(s, sizeof s) != at)
			ok(0, "ESC at %zu", at);
		s[at] = 0x7F;
		if (kpi_text_check(s, sizeof s) != at)
			ok(0, "DEL at %zu", at);
	}
	ok(1, "NUL, ESC and DEL found at each of 17 places");
	is_long((long)kpi_text_check("ab\xC2\x9B" "2J", 6), 2, "C1 CSI U+009B");
	is_long((long)kpi_text_check("\xC2\x80", 2), 0, "U+0080");
	is_long((long)kpi_text_check("ab\xFF", 3), 2, "invalid UTF-8");
	is_long((long)kpi_text_check("ab\xE2\x80", 4 - 1), 2, "a truncated character");
	is_long((long)kpi_text_check("\xC0\xAF", 2), 0, "an overlong form");

	/* the fast path agrees with the byte-by-byte rule on every byte value in
	 * every place of a word, and on pseudo-random text */
	int disagree = 0;
	for (unsigned v = 0; v < 256; v++)
		for (size_t at = 0; at < 16; at++) {
			unsigned char s[16];
			memset(s, 'a', sizeof s);
			s[at] = (unsigned char)v;
			if (kpi_text_check((const char *)s, sizeof s) != text_rule_check(s, sizeof s))
				disagree++;
		}
	uint64_t x = 88172645463325252ULL;
	static const unsigned char alphabet[] = {'a', 'b', ' ', '\t', '\n', '\r', 0, 0x1B, 0x7F,
						 0xC2, 0x80, 0x9B, 0xA0, 0xC3, 0xA9, 0xE2, 0xF0, 0x9F};
	for (int round = 0; round < 20000; round++) {
		unsigned char s[40];
		size_t n = (size_t)(round % 40);
		for (size_t i = 0; i < n; i++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			/* mostly plain letters, so the fast path runs */
			s[i] = x % 4 ? (unsigned char)('a' + x % 26) : alphabet[(x >> 8) % sizeof alphabet];
		}
		if (kpi_text_check((const char *)s, n) != text_rule_check(s, n))
			disagree++;
	}
	is_long(disagree, 0, "word-at-a-time and byte-by-byte agree");

	/* names and messages */
	char buf[32];
	is_str(kpi_text_control_name("a\0b", 3, 1, buf), "NUL byte", "NUL named");
	is_str(kpi_text_control_name("a\033b", 3, 1, buf), "control character U+001B", "ESC named");
	is_str(kpi_text_control_name("\xC2\x85", 2, 0, buf), "control character U+0085", "C1 named");
	ok(kpi_text_control_name("\xFF", 1, 0, buf) == NULL, "bad UTF-8 is no control character");
	check_msg("plain", 5, "(good text)");
	check_msg("9\0" "9", 3, "NUL byte at column 2");
	check_msg("x\033]0;t\007", 7, "control character U+001B at column 2");
	check_msg("abcde\xFF", 6, "invalid UTF-8 (byte 0xFF at column 6)");
	/* a line of a text file (phrases, report config): a CR left in it is a
	 * control character too; a tab is not */
	check_line("a\tb \xC3\xA9", 6, "(good text)");
	check_line("a\rb", 3, "control character U+000D at column 2");
	check_line("a\nb", 3, "control character U+000A at column 2");
	check_line("ab\xC2\x9B", 4, "control character U+009B at column 3");
	check_line("ab\033[31m", 7, "control character U+001B at column 3");
	check_line("\xE9t\xE9", 3, "invalid UTF-8 (byte 0xE9 at column 1)");

	/* JSON lines, already parsed: escapes and raw DEL/C1 */
	check_json("{\"a\":\"plain \\\"quoted\\\" \\\\ \\/ \\t\\n\\r \\u0009\\u000A\\u000d \\u00e9\"}", "(good text)");
	check_json("{\"a\":\"K\\u0000nt\"}", "NUL byte at column 8");
	check_json("{\"a\":\"\\u001B]0;x\"}", "control character U+001B at column 7");
	check_json("{\"a\":\"x\\u007f\"}", "control character U+007F at column 8");
	check_json("{\"a\":\"x\\u0085\"}", "control character U+0085 at column 8");
	check_json("{\"a\":\"x\\u00A0\"}", "(good text)");
	check_json("{\"a\":\"\\b\"}", "control character U+0008 at column 7");
	check_json("{\"o\":{\"k\":[\"\\f\"]}}", "control character U+000C at column 13");
	check_json("{\"a\\u0001\":1}", "control character U+0001 at column 4");
	check_json("{\"a\":\"\\\\u0000 and \\\\b are text\"}", "(good text)");
	check_json("{\"a\":\"x\x7F\"}", "control character U+007F at column 8");
	check_json("{\"a\":\"x\xC2\x9B\"}", "control character U+009B at column 8");

	{
		/* the word-at-a-time skip: an escape, a DEL or a C1 control at every
		 * place of the first three words is found, at its column */
		int missed = 0;
		for (size_t at = 6; at < 30; at++) {
			static const char *const bad[] = {"\\u001b", "\x7f", "\xc2\x85", "\\b"};
			for (size_t k = 0; k < 4; k++) {
				char line[64], msg[96];
				memset(line, 'a', sizeof line);
				memcpy(line, "{\"a\":\"", 6);
				size_t bn = strlen(bad[k]);
				memcpy(line + at, bad[k], bn);
				memcpy(line + 40, "\"}", 3);
				char want[64];
				snprintf(want, sizeof want, "at column %zu", at + 1);
				if (kpi_text_check_json(line, 42, msg, sizeof msg) == 0 || !strstr(msg, want))
					missed++;
			}
			char line[64], msg[96];
			memset(line, 'a', sizeof line);
			memcpy(line, "{\"a\":\"", 6);
			memcpy(line + at, "\\\\b\\\"", 5); /* an escaped backslash, then b; an escaped quote */
			memcpy(line + 40, "\"}", 3);
			if (kpi_text_check_json(line, 42, msg, sizeof msg) != 0)
				missed++;
		}
		is_long(missed, 0, "controls found at every place of a word, escaped backslashes passed");
	}

	/* escaping for a terminal */
	escapes("plain text", 10, "plain text");
	escapes("a\tb", 3, "a\tb");
	escapes("two\nlines\r", 10, "two\\nlines\\r");
	escapes("\033]0;pwned\007", 10, "\\x1b]0;pwned\\x07");
	escapes("K\0nt", 4, "K\\x00nt");
	escapes("x\x7F", 2, "x\\x7f");
	escapes("\xC2\x9B" "2J", 4, "\\x9b2J");
	escapes("caf\xC3\xA9", 5, "caf\xC3\xA9");
	escapes("bad \xFF\xFE utf8", 11, "bad \\xff\\xfe utf8");
	escapes("cut \xE2\x80", 6, "cut \\xe2\\x80");
	escapes("", 0, "");
	{
		/* linear: a long text of newlines and escapes */
		kpi_buf in = KPI_BUF_INIT, out = KPI_BUF_INIT;
		for (int i = 0; i < 100000; i++)
			kpi_buf_adds(&in, i % 2 ? "ab\n" : "c\033d");
		kpi_text_escape(&out, in.data, in.len);
		is_long((long)out.len, 50000L * (4 + 6), "100,000 pieces escaped");
		kpi_buf_free(&in);
		kpi_buf_free(&out);
	}
	return tap_done();
}
