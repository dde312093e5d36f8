/* text.h: what text from data may hold, and how a terminal is shown it.
 *
 * Text fields hold valid UTF-8 and no control character but TAB, LF and CR:
 * a NUL cuts a C string short ("cla_count\0x" would become cla_count), and
 * an escape sequence acts on the terminal that shows it (ESC ] 0 ; ... BEL
 * sets its title).  The C0 controls, DEL and the C1 controls U+0080-U+009F
 * are refused by the first stage that reads a text (kpi-ingest, the targets,
 * benchmarks and catalogue files, kpi-render's narrative) as bad data naming
 * FILE:LINE.  What reaches a message or a line of text for a terminal anyway
 * (a later stage fed by hand, a file name) is escaped there: kpi_text_escape. */
#ifndef KPI_TEXT_H
#define KPI_TEXT_H
#include <stddef.h>
#include "kpi/buf.h"

/* The length (1, or 2 for a C1 control) of the control character other than
 * TAB, LF and CR that starts S[0..n), with its code point in *CODE; 0 when
 * S starts none.  The one definition of a control character in text. */
size_t kpi_text_control_at(const char *s, size_t n, unsigned *code);
/* N when S[0..n) is valid UTF-8 holding no control character but TAB, LF
 * and CR; else the offset of the first bad byte. */
size_t kpi_text_check(const char *s, size_t n);
/* The control character that starts at S[OFF] (OFF < N) as messages name it,
 * in BUF: "NUL byte", "control character U+001B"; NULL when S[OFF] starts no
 * control character (it is then invalid UTF-8). */
const char *kpi_text_control_name(const char *s, size_t n, size_t off, char buf[32]);
/* 0 when S[0..n) is good text; else -1 with the message in MSG:
 * "invalid UTF-8 (byte 0xFF at column 6)", "NUL byte at column 6",
 * "control character U+001B at column 6" (columns count bytes from 1). */
int kpi_text_check_msg(const char *s, size_t n, char *msg, size_t msgsz);
/* The same for one line of a text file (a phrases file, a report config),
 * in which an LF or CR is a control character too: TAB is the only one a
 * line may hold. */
int kpi_text_check_line_msg(const char *s, size_t n, char *msg, size_t msgsz);
/* The same for the strings (keys and values, nested ones too) of LINE, a
 * JSON text already parsed: a control character written raw (DEL, C1) or as
 * an escape (\u0000, \u001b, \b, \f); the column is where it starts. */
int kpi_text_check_json(const char *line, size_t n, char *msg, size_t msgsz);

/* S[0..n) onto OUT (NUL-terminated) with every control character but TAB
 * written "\n", "\r" or "\xHH", HH its code (ESC "\x1b", the C1 CSI
 * "\x9b", as kpi-render writes them in reports), and every byte of invalid
 * UTF-8 as "\xHH", HH the byte. */
void kpi_text_escape(kpi_buf *out, const char *s, size_t n);

#endif
