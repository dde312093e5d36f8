/* diag.h: messages and exit statuses, per the contract (design/contract.md §5).
 *   PROG: FILE:LINE: message     on stderr
 *   exit 0 ok, 1 bad data, 2 usage or I/O */
#ifndef KPI_DIAG_H
#define KPI_DIAG_H

enum { KPI_EXIT_OK = 0, KPI_EXIT_DATA = 1, KPI_EXIT_USAGE = 2, KPI_EXIT_IO = 2 };

void kpi_set_prog(const char *name);
const char *kpi_prog(void);

/* "PROG: message" */
void kpi_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "PROG: WHERE: message"; WHERE is FILE:LINE (or FILE) */
void kpi_warn_at(const char *where, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
_Noreturn void kpi_die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
_Noreturn void kpi_die_at(int status, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Usage error: the message, then "Try 'PROG --help' for more information.", exit 2. */
_Noreturn void kpi_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
