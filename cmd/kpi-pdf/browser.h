/* browser.h: one headless Chromium, driven over the DevTools protocol on a
 * pipe (--remote-debugging-pipe: JSON messages ended by NUL on fds 3 and 4),
 * printing page after page to PDF without starting a browser per page. */
#ifndef KPI_PDF_BROWSER_H
#define KPI_PDF_BROWSER_H
#include "kpi/buf.h"

/* The browser's executable: $KPI_CHROMIUM (a name looked up on PATH, or a
 * path), else the first of chromium, chromium-browser, google-chrome,
 * google-chrome-stable on PATH.  Malloc'd; NULL when none is found. */
char *browser_find(void);

/* Starts EXE headless with a fresh profile and opens a tab; exit 2 with a
 * message when it does not start. */
void browser_start(const char *exe);

/* Loads the file URL and prints it to PDF, in OUT (cleared first), with the
 * footer FOOTER (a Chromium footer template) and no header.  Returns 0, or
 * -1 with the browser's words in OUT when the page could not be loaded or
 * printed; exit 2 when the browser stops answering. */
int browser_print(const char *url, const char *footer, kpi_buf *out);

/* Closes the browser and removes its profile.  Also done at exit. */
void browser_stop(void);

#endif
