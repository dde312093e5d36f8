/* Unit tests: lib/atomic.c, files written whole or not at all. */
#include "kpi/atomic.h"
#include "tap.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/kpi-test-atomic.XXXXXX";

static int entries(void)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)))
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	if (d)
		closedir(d);
	return n;
}

int main(void)
{
	if (!mkdtemp(dir)) {
		ok(0, "mkdtemp");
		return tap_done();
	}
	char path[256];
	snprintf(path, sizeof path, "%s/report.html", dir);

	kpi_atomic a;
	kpi_atomic_open(&a, path);
	struct stat st;
	ok(stat(path, &st) != 0, "the report does not exist while it is written");
	is_long(entries(), 1, "one temporary file meanwhile");
	ok(a.tmp && strstr(a.tmp, "/.report.html.") != NULL, "the temporary file is hidden beside it: %s",
	   a.tmp ? a.tmp : "(none)");
	kpi_atomic_write(&a, "new", 3);
	kpi_atomic_commit(&a);
	is_long(entries(), 1, "after commit: the report alone");
	size_t len = 0;
	char *text = tap_slurp(path, &len);
	is_str(text ? text : "", "new", "its contents");
	free(text);

	/* a second report over the first: the old one stays until the rename */
	kpi_atomic_open(&a, path);
	kpi_atomic_write(&a, "newer", 5);
	text = tap_slurp(path, &len);
	is_str(text ? text : "", "new", "the old report stays whole while the new one is written");
	free(text);
	kpi_atomic_commit(&a);
	text = tap_slurp(path, &len);
	is_str(text ? text : "", "newer", "replaced at commit");
	free(text);

	/* a path that is not a regular file is written in place */
	char link[256];
	snprintf(link, sizeof link, "%s/link.html", dir);
	ok(symlink(path, link) == 0, "symlink made");
	kpi_atomic_open(&a, link);
	ok(a.tmp == NULL, "a symbolic link is written in place");
	kpi_atomic_write(&a, "via link", 8);
	kpi_atomic_commit(&a);
	struct stat lst;
	ok(lstat(link, &lst) == 0 && S_ISLNK(lst.st_mode), "the link is still a link");
	text = tap_slurp(path, &len);
	is_str(text ? text : "", "via link", "its target was written");
	free(text);

	unlink(link);
	unlink(path);
	rmdir(dir);
	return tap_done();
}
