/* browser.c: a headless Chromium on a pipe, printing pages to PDF.
 *
 * Chromium started with --remote-debugging-pipe reads DevTools protocol
 * commands on its fd 3 and writes answers and events on its fd 4, each a
 * JSON object ended by a NUL byte.  One browser prints every file of a run:
 * a tab is opened once, then each file is loaded into it and printed. */
/* nftw is XSI */
#define _XOPEN_SOURCE 700
#include "browser.h"
#include "kpi/diag.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* How long the browser may take over one answer (starting, loading a page,
 * printing one): a long report prints in a second or two. */
enum { ANSWER_SECONDS = 120 };

static pid_t child = -1;
static int to_browser = -1, from_browser = -1;
static char *profile;           /* the browser's own temporary profile */
static kpi_buf inbox;           /* bytes read that are not yet a message */
static long long next_id = 1;
static char *session;           /* the tab's session */
static kpi_buf loads;           /* "\n"-joined loaderIds whose page loaded */

static char *executable(const char *dir, size_t dlen, const char *name)
{
	kpi_buf b = KPI_BUF_INIT;
	if (dlen == 0)
		kpi_buf_adds(&b, ".");
	else
		kpi_buf_add(&b, dir, dlen);
	kpi_buf_printf(&b, "/%s", name);
	struct stat st;
	if (stat(b.data, &st) == 0 && S_ISREG(st.st_mode) && access(b.data, X_OK) == 0)
		return b.data;
	kpi_buf_free(&b);
	return NULL;
}

static char *lookup(const char *name)
{
	if (strchr(name, '/')) {
		struct stat st;
		return stat(name, &st) == 0 && S_ISREG(st.st_mode) && access(name, X_OK) == 0
			? kpi_xstrdup(name) : NULL;
	}
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/bin:/bin";
	for (;;) {
		const char *end = strchr(path, ':');
		size_t n = end ? (size_t)(end - path) : strlen(path);
		char *p = executable(path, n, name);
		if (p)
			return p;
		if (!end)
			return NULL;
		path = end + 1;
	}
}

char *browser_find(void)
{
	const char *env = getenv("KPI_CHROMIUM");
	if (env && *env)
		return lookup(env);
	static const char *const names[] = {
		"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char *p = lookup(names[i]);
		if (p)
			return p;
	}
	return NULL;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	remove(path);
	return 0;
}

/* Waits up to SECONDS for the browser to end; 1 when it has. */
static int reap(int seconds)
{
	for (int i = 0; i < seconds * 20; i++) {
		pid_t r = waitpid(child, NULL, WNOHANG);
		if (r == child || (r < 0 && errno != EINTR))
			return 1;
		struct timespec ts = {0, 50 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	return 0;
}

void browser_stop(void)
{
	if (to_browser >= 0) {
		/* asked politely; closing the pipe also ends it */
		static const char bye[] = "{\"id\":0,\"method\":\"Browser.close\"}";
		if (write(to_browser, bye, sizeof bye) < 0) {
			/* already gone */
		}
		close(to_browser);
		to_browser = -1;
	}
	if (child > 0) {
		if (!reap(10)) {
			kill(child, SIGKILL);
			reap(5);
		}
		child = -1;
	}
	if (from_browser >= 0) {
		close(from_browser);
		from_browser = -1;
	}
	if (profile) {
		nftw(profile, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
		free(profile);
		profile = NULL;
	}
}

static _Noreturn void browser_gone(const char *what)
{
	int status = 0;
	pid_t r = 0;
	/* its pipe closes as it exits: give it a moment to be reaped */
	for (int i = 0; child > 0 && i < 100 && r == 0; i++) {
		r = waitpid(child, &status, WNOHANG);
		if (r == 0) {
			struct timespec ts = {0, 50 * 1000 * 1000};
			nanosleep(&ts, NULL);
		}
	}
	if (r == child) {
		child = -1;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			kpi_die(KPI_EXIT_IO, "the browser could not be started");
		if (WIFSIGNALED(status))
			kpi_die(KPI_EXIT_IO, "the browser %s (killed by signal %d)", what, WTERMSIG(status));
		kpi_die(KPI_EXIT_IO, "the browser %s (exit %d)", what,
			WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	}
	kpi_die(KPI_EXIT_IO, "the browser %s", what);
}

static void send_text(const char *text, size_t n)
{
	while (n) {
		ssize_t w = write(to_browser, text, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			browser_gone("stopped");
		}
		text += w;
		n -= (size_t)w;
	}
}

/* The next message from the browser; exit 2 when none comes. */
static json_t *receive(void)
{
	for (;;) {
		char *nul = inbox.len ? memchr(inbox.data, '\0', inbox.len) : NULL;
		if (nul) {
			size_t n = (size_t)(nul - inbox.data);
			json_error_t e;
			json_t *m = json_loadb(inbox.data, n, 0, &e);
			memmove(inbox.data, nul + 1, inbox.len - n - 1);
			inbox.len -= n + 1;
			inbox.data[inbox.len] = '\0';
			if (!m || !json_is_object(m))
				kpi_die(KPI_EXIT_IO, "the browser sent a message that is not a JSON object");
			return m;
		}
		struct pollfd p = {from_browser, POLLIN, 0};
		int r = poll(&p, 1, ANSWER_SECONDS * 1000);
		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0)
			kpi_die(KPI_EXIT_IO, "the browser did not answer within %d seconds", ANSWER_SECONDS);
		kpi_buf_reserve(&inbox, 65536);
		ssize_t got = read(from_browser, inbox.data + inbox.len, 65536);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			browser_gone("stopped");
		inbox.len += (size_t)got;
		inbox.data[inbox.len] = '\0';
	}
}

/* An event: the loads of the tab's pages are noted, a crash ends the run. */
static void event(json_t *m)
{
	const char *method = json_string_value(json_object_get(m, "method"));
	if (!method)
		return;
	json_t *params = json_object_get(m, "params");
	if (strcmp(method, "Page.lifecycleEvent") == 0) {
		const char *name = json_string_value(json_object_get(params, "name"));
		const char *loader = json_string_value(json_object_get(params, "loaderId"));
		if (name && loader && strcmp(name, "load") == 0)
			kpi_buf_printf(&loads, "\n%s\n", loader);
	} else if (strcmp(method, "Inspector.targetCrashed") == 0 ||
		   strcmp(method, "Target.targetCrashed") == 0) {
		kpi_die(KPI_EXIT_IO, "the browser's page crashed");
	}
}

/* Sends METHOD with PARAMS (stolen; may be NULL) to the tab (SESS) or the
 * browser (NULL); returns the answer, an object with "result" or "error". */
static json_t *call(const char *sess, const char *method, json_t *params)
{
	long long id = next_id++;
	json_t *msg = json_pack("{s:I,s:s}", "id", (json_int_t)id, "method", method);
	if (params)
		json_object_set_new(msg, "params", params);
	if (sess)
		json_object_set_new(msg, "sessionId", json_string(sess));
	char *text = json_dumps(msg, JSON_COMPACT);
	if (!text)
		kpi_die(KPI_EXIT_IO, "out of memory");
	send_text(text, strlen(text) + 1);      /* with its NUL */
	free(text);
	json_decref(msg);
	for (;;) {
		json_t *m = receive();
		json_t *mid = json_object_get(m, "id");
		if (json_is_integer(mid) && json_integer_value(mid) == id)
			return m;
		event(m);
		json_decref(m);
	}
}

/* The answer's error message, or NULL when it has a result. */
static const char *failure(json_t *answer)
{
	json_t *e = json_object_get(answer, "error");
	if (!e)
		return NULL;
	const char *s = json_string_value(json_object_get(e, "message"));
	return s ? s : "an unknown error";
}

/* The string RESULT.KEY of an answer that must have it; exit 2 otherwise. */
static const char *result_string(json_t *answer, const char *method, const char *key)
{
	const char *why = failure(answer);
	if (why)
		kpi_die(KPI_EXIT_IO, "the browser refused %s: %s", method, why);
	const char *s = json_string_value(json_object_get(json_object_get(answer, "result"), key));
	if (!s)
		kpi_die(KPI_EXIT_IO, "the browser's answer to %s has no %s", method, key);
	return s;
}

static void move_fd(int from, int to)
{
	if (from != to) {
		dup2(from, to);
		close(from);
	}
}

/* The profiles of runs ended by a signal (the exit handlers did not run):
 * TMP/kpi-pdf.PID.XXXXXX whose PID is no longer a process. */
static void sweep(const char *tmp)
{
	DIR *d = opendir(tmp);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		char *end;
		if (strncmp(e->d_name, "kpi-pdf.", 8) != 0)
			continue;
		long pid = strtol(e->d_name + 8, &end, 10);
		if (end == e->d_name + 8 || *end != '.' || strlen(end) != 7 || pid <= 0 ||
		    pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		kpi_buf path = KPI_BUF_INIT;
		kpi_buf_printf(&path, "%s/%s", tmp, e->d_name);
		nftw(path.data, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
		kpi_buf_free(&path);
	}
	closedir(d);
}

void browser_start(const char *exe)
{
	const char *tmpdir = getenv("TMPDIR");
	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	sweep(tmpdir);
	kpi_buf dir = KPI_BUF_INIT;
	kpi_buf_printf(&dir, "%s/kpi-pdf.%ld.XXXXXX", tmpdir, (long)getpid());
	if (!mkdtemp(dir.data))
		kpi_die(KPI_EXIT_IO, "cannot make a temporary directory in %s: %s", tmpdir,
			strerror(errno));
	profile = dir.data;
	atexit(browser_stop);

	int in[2], out[2];
	if (pipe(in) != 0 || pipe(out) != 0)
		kpi_die(KPI_EXIT_IO, "cannot make a pipe: %s", strerror(errno));
	/* a write to a browser that has gone is an error here, not a signal */
	signal(SIGPIPE, SIG_IGN);
	kpi_buf arg = KPI_BUF_INIT;
	kpi_buf_printf(&arg, "--user-data-dir=%s", profile);
	fflush(NULL);
	child = fork();
	if (child < 0)
		kpi_die(KPI_EXIT_IO, "cannot start the browser: %s", strerror(errno));
	if (child == 0) {
		/* its fd 3 reads our commands, its fd 4 carries its answers;
		 * the ends are moved above 4 first so none is overwritten */
		int r = fcntl(in[0], F_DUPFD, 10), w = fcntl(out[1], F_DUPFD, 10);
		close(in[0]); close(in[1]); close(out[0]); close(out[1]);
		move_fd(r, 3);
		move_fd(w, 4);
		int null = open("/dev/null", O_RDWR);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
			if (!getenv("KPI_PDF_DEBUG"))
				dup2(null, 2);
			if (null > 4)
				close(null);
		}
		signal(SIGPIPE, SIG_DFL);
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		char *argv[20];
		int n = 0;
		argv[n++] = (char *)exe;
		argv[n++] = "--headless";
		argv[n++] = "--remote-debugging-pipe";
		argv[n++] = arg.data;
		argv[n++] = "--disable-gpu";
		argv[n++] = "--no-first-run";
		argv[n++] = "--no-default-browser-check";
		argv[n++] = "--disable-background-networking";
		argv[n++] = "--disable-component-update";
		argv[n++] = "--disable-sync";
		argv[n++] = "--disable-extensions";
		argv[n++] = "--hide-scrollbars";
		argv[n++] = "--mute-audio";
		/* Chromium refuses to run as root inside its sandbox */
		if (geteuid() == 0)
			argv[n++] = "--no-sandbox";
		argv[n++] = "about:blank";
		argv[n] = NULL;
		execv(exe, argv);
		_exit(127);
	}
	kpi_buf_free(&arg);
	close(in[0]);
	close(out[1]);
	to_browser = in[1];
	from_browser = out[0];
	fcntl(to_browser, F_SETFD, FD_CLOEXEC);
	fcntl(from_browser, F_SETFD, FD_CLOEXEC);

	json_t *a = call(NULL, "Target.createTarget", json_pack("{s:s}", "url", "about:blank"));
	char *target = kpi_xstrdup(result_string(a, "Target.createTarget", "targetId"));
	json_decref(a);
	a = call(NULL, "Target.attachToTarget", json_pack("{s:s,s:b}", "targetId", target, "flatten", 1));
	session = kpi_xstrdup(result_string(a, "Target.attachToTarget", "sessionId"));
	json_decref(a);
	free(target);
	static const char *const setup[] = {"Page.enable", "Page.setLifecycleEventsEnabled"};
	for (size_t i = 0; i < sizeof setup / sizeof *setup; i++) {
		json_t *params = i == 1 ? json_pack("{s:b}", "enabled", 1) : NULL;
		a = call(session, setup[i], params);
		const char *why = failure(a);
		if (why)
			kpi_die(KPI_EXIT_IO, "the browser refused %s: %s", setup[i], why);
		json_decref(a);
	}
}

/* Base64 (RFC 4648, with padding, as the protocol sends binary data) into
 * OUT; -1 when S is not base64. */
static int base64_decode(const char *s, kpi_buf *out)
{
	static signed char value[256];
	static int ready;
	if (!ready) {
		static const char alphabet[] =
			"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
		memset(value, -1, sizeof value);
		for (int i = 0; i < 64; i++)
			value[(unsigned char)alphabet[i]] = (signed char)i;
		ready = 1;
	}
	unsigned long acc = 0;
	int bits = 0, pad = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '=') {
			pad++;
			continue;
		}
		if (pad || value[*p] < 0)
			return -1;
		acc = (acc << 6 | (unsigned long)value[*p]) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			kpi_buf_addc(out, (char)(acc >> bits & 0xff));
		}
	}
	return pad > 2 ? -1 : 0;
}

static int loaded(const char *loader)
{
	kpi_buf key = KPI_BUF_INIT;
	kpi_buf_printf(&key, "\n%s\n", loader);
	int yes = loads.len && strstr(loads.data, key.data) != NULL;
	kpi_buf_free(&key);
	return yes;
}

int browser_print(const char *url, const char *footer, kpi_buf *out)
{
	kpi_buf_clear(out);
	kpi_buf_clear(&loads);
	json_t *a = call(session, "Page.navigate", json_pack("{s:s}", "url", url));
	const char *why = failure(a);
	json_t *res = json_object_get(a, "result");
	if (!why)
		why = json_string_value(json_object_get(res, "errorText"));
	if (why) {
		kpi_buf_adds(out, why);
		json_decref(a);
		return -1;
	}
	const char *loader = json_string_value(json_object_get(res, "loaderId"));
	if (!loader)
		kpi_die(KPI_EXIT_IO, "the browser's answer to Page.navigate has no loaderId");
	char *want = kpi_xstrdup(loader);
	json_decref(a);
	/* the page's own load, not that of the page before it */
	while (!loaded(want)) {
		json_t *m = receive();
		event(m);
		json_decref(m);
	}
	free(want);

	a = call(session, "Page.printToPDF",
		 json_pack("{s:b,s:b,s:b,s:s,s:s,s:s}", "printBackground", 1,
			   "preferCSSPageSize", 1, "displayHeaderFooter", 1,
			   "headerTemplate", "<span></span>", "footerTemplate", footer,
			   "transferMode", "ReturnAsBase64"));
	why = failure(a);
	if (why) {
		kpi_buf_adds(out, why);
		json_decref(a);
		return -1;
	}
	const char *data = json_string_value(json_object_get(json_object_get(a, "result"), "data"));
	if (!data || base64_decode(data, out) != 0 || out->len < 5 || memcmp(out->data, "%PDF-", 5) != 0)
		kpi_die(KPI_EXIT_IO, "the browser's answer to Page.printToPDF is not a PDF");
	json_decref(a);
	return 0;
}
