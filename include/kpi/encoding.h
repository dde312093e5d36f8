/* encoding.h: input encodings. */
#ifndef KPI_ENCODING_H
#define KPI_ENCODING_H
#include <stddef.h>
#include "kpi/buf.h"

typedef enum { KPI_ENC_UTF8 = 0, KPI_ENC_WINDOWS_1252 } kpi_encoding;

/* "utf-8", "utf8", "windows-1252", "cp1252" (case-insensitive); -1 if unknown. */
int kpi_encoding_from_name(const char *name);
/* Appends s[0..n) converted from Windows-1252 to UTF-8 (the five undefined
 * bytes 0x81 0x8D 0x8F 0x90 0x9D map to the C1 controls, as Windows does). */
void kpi_cp1252_to_utf8(kpi_buf *out, const char *s, size_t n);

#endif
