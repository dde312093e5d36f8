/* atomic.c: write to a temporary file, then rename over the target. */
#include "kpi/atomic.h"
#include "kpi/buf.h"
#include "kpi/diag.h"
#include "kpi/out.h"
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary file being written, for the exit and signal handlers.
 * Set only while no other code reads it, so the handler's unlink sees a
 * complete string or NULL. */
static char *volatile pending;

static void remove_pending(void)
{
	char *p = pending;
	if (p)
		unlink(p);
}

static void on_signal(int sig)
{
	remove_pending();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* The handled signals are held while the temporary file comes into being
 * and while it is renamed, so that a signal never finds a temporary file
 * that `pending` does not name (a process spends much of its time in
 * those two system calls, and signals arrive as they return). */
static void hold_signals(int hold)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(hold ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

static void install_handlers(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	atexit(remove_pending);
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		struct sigaction sa, old;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		/* a signal our parent told us to ignore stays ignored */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	}
}

void kpi_atomic_open(kpi_atomic *a, const char *path)
{
	memset(a, 0, sizeof *a);
	a->path = kpi_xstrdup(path);
	struct stat st;
	int exists = lstat(path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		a->f = kpi_fopen_write(path);
		return;
	}
	install_handlers();
	const char *slash = strrchr(path, '/');
	size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
	kpi_buf t = KPI_BUF_INIT;
	kpi_buf_add(&t, path, dir_len);
	kpi_buf_addc(&t, '.');
	kpi_buf_adds(&t, path + dir_len);
	kpi_buf_adds(&t, ".XXXXXX");
	hold_signals(1);
	int fd = mkstemp(t.data);
	if (fd < 0) {
		int err = errno;
		hold_signals(0);
		kpi_buf_free(&t);
		kpi_die(KPI_EXIT_IO, "%s: %s", path, strerror(err));
	}
	a->tmp = t.data; /* the buffer's bytes, owned from here */
	pending = a->tmp;
	hold_signals(0);
	/* mkstemp makes the file 0600: a report replacing a file keeps that
	 * file's mode (a 0640 report stays 0640), a new one gets what fopen
	 * would give it, 0666 less the umask */
	mode_t mode;
	if (exists) {
		mode = st.st_mode & 07777;
	} else {
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	if (fchmod(fd, mode) != 0 || !(a->f = fdopen(fd, "w"))) {
		int err = errno;
		close(fd);
		kpi_die(KPI_EXIT_IO, "%s: %s", path, strerror(err));
	}
}

void kpi_atomic_write(kpi_atomic *a, const void *p, size_t n)
{
	kpi_fwrite_checked(a->f, a->path, p, n);
}

void kpi_atomic_commit(kpi_atomic *a)
{
	kpi_fclose_checked(a->f, a->path);
	a->f = NULL;
	if (a->tmp) {
		hold_signals(1);
		if (rename(a->tmp, a->path) != 0) {
			int err = errno;
			hold_signals(0);
			kpi_die(KPI_EXIT_IO, "%s: %s", a->path, strerror(err));
		}
		pending = NULL;
		hold_signals(0);
		free(a->tmp);
	}
	free(a->path);
	memset(a, 0, sizeof *a);
}
