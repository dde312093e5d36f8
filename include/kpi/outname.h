/* outname.h: the text a file name takes from data.  A report named by its
 * period (kpi-render --each-as-at, kpi-regenerate) or by its council's area
 * code gets that part of its name from here and nowhere else.
 *
 * One mapping, reversible, in which different periods never share a name:
 * the canonical period text with "/" written "_", and "-AY" after an
 * academic year (whose canonical text is a financial year's).
 *
 *   period type        canonical      file-name text
 *   month              2010-11        2010-11
 *   quarter            2010-Q3        2010-Q3
 *   financial_quarter  2010/11-Q3     2010_11-Q3
 *   financial_year     2010/11        2010_11
 *   academic_year      2010/11        2010_11-AY
 *   year               2010           2010
 *   term               2010/11-T2     2010_11-T2
 *   week               2010-W05       2010-W05
 *   date               2010-11-30     2010-11-30
 *
 * An area code is its own name: an ONS (GSS) code, a capital letter and
 * eight digits (E09000033), or a DfE local-authority number, three digits
 * (213).
 *
 * Anything else has no name: text that is not a canonical period of its type
 * ("..", "2010/11/..", "Nov 2010"), an area written as a name.  Names hold
 * only digits, capital letters, "-" and "_" and start with a digit or a
 * letter, so a name from data can never climb out of a directory, hide a
 * file or look like an option. */
#ifndef KPI_OUTNAME_H
#define KPI_OUTNAME_H
#include <stddef.h>
#include "kpi/buf.h"
#include "kpi/period.h"

#define KPI_OUTNAME_BUFSZ 16

/* The file-name text of the canonical period TEXT of TYPE (KPI_PT_NONE: the
 * type the text reads as, 2010/11 a financial year) into OUT: 0, or -1 (OUT
 * empty) when TEXT is not canonical text of that type. */
int kpi_outname_period(const char *text, kpi_period_type type, char out[KPI_OUTNAME_BUFSZ]);
/* The reverse: the canonical text and type of the period NAME names; 0, or
 * -1 when NAME is no period's name. */
int kpi_outname_period_parse(const char *name, char text[KPI_PERIOD_BUFSZ], kpi_period_type *type);

/* The file-name text of the area code CODE: 0, or -1 (OUT empty) when CODE is
 * not an area code.  The name of a code is the code, so this is its own
 * reverse. */
int kpi_outname_area(const char *code, char out[KPI_OUTNAME_BUFSZ]);

/* TEMPLATE with every "{FIELD}" replaced by NAME, appended to OUT
 * (NUL-terminated).  Returns the number of replacements. */
size_t kpi_outname_fill(kpi_buf *out, const char *template, const char *field, const char *name);

#endif
