/* encoding.c: input encodings (see encoding.h). */
#include <string.h>
#include <strings.h>
#include "kpi/encoding.h"

int kpi_encoding_from_name(const char *name)
{
	static const struct {
		const char *name;
		kpi_encoding enc;
	} names[] = {
		{"utf-8", KPI_ENC_UTF8},
		{"utf8", KPI_ENC_UTF8},
		{"windows-1252", KPI_ENC_WINDOWS_1252},
		{"windows1252", KPI_ENC_WINDOWS_1252},
		{"cp1252", KPI_ENC_WINDOWS_1252},
	};
	if (!name)
		return -1;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(name, names[i].name) == 0)
			return (int)names[i].enc;
	return -1;
}

/* Code points of bytes 0x80-0x9F; 0x00-0x7F and 0xA0-0xFF equal their byte
 * (Latin-1).  The five bytes Windows leaves undefined map to the C1 control
 * of the same value, as MultiByteToWideChar does. */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

void kpi_cp1252_to_utf8(kpi_buf *out, const char *s, size_t n)
{
	/* at most 3 UTF-8 bytes per input byte */
	kpi_buf_reserve(out, n * 3 + 1);
	unsigned char *d = (unsigned char *)out->data + out->len;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		unsigned cp = c < 0x80 ? c : c < 0xA0 ? cp1252_high[c - 0x80] : c;
		if (cp < 0x80) {
			*d++ = (unsigned char)cp;
		} else if (cp < 0x800) {
			*d++ = (unsigned char)(0xC0 | (cp >> 6));
			*d++ = (unsigned char)(0x80 | (cp & 0x3F));
		} else {
			*d++ = (unsigned char)(0xE0 | (cp >> 12));
			*d++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
			*d++ = (unsigned char)(0x80 | (cp & 0x3F));
		}
	}
	out->len = (size_t)((char *)d - out->data);
	out->data[out->len] = '\0';
}
