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
	{
		/* modes: a new file gets 0666 less the umask, a replaced one keeps its own */
		char m[256];
		snprintf(m, sizeof m, "%s/mode.txt", dir);
		mode_t old_mask = umask(027);
		kpi_atomic_open(&a, m);
		kpi_atomic_write(&a, "1\n", 2);
		kpi_atomic_commit(&a);
		ok(stat(m, &st) == 0 && (st.st_mode & 07777) == 0640, "new under umask 027: 0640 (%o)",
		   (unsigned)(st.st_mode & 07777));
		umask(022);
		kpi_atomic_open(&a, m);
		kpi_atomic_write(&a, "2\n", 2);
		kpi_atomic_commit(&a);
		ok(stat(m, &st) == 0 && (st.st_mode & 07777) == 0640, "replaced under umask 022: still 0640 (%o)",
		   (unsigned)(st.st_mode & 07777));
		chmod(m, 0604);
		kpi_atomic_open(&a, m);
		kpi_atomic_write(&a, "3\n", 2);
		kpi_atomic_commit(&a);
		ok(stat(m, &st) == 0 && (st.st_mode & 07777) == 0604, "a 0604 file stays 0604 (%o)",
		   (unsigned)(st.st_mode & 07777));
		umask(old_mask);
		unlink(m);
	}
	rmdir(dir);
	return tap_done();
}
