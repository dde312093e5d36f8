# helper.bash: loaded by every bats file:  load helper
# Puts the build under test on PATH (KPI_BIN, set by scripts/run-tests; default build/bin),
# points the tools at the repository's share/ and finds ../shared when present.
# This file is read again for every test: it forks nothing (a fork costs
# more here than most tests), so no $(...) outside functions.
case $BATS_TEST_FILENAME in
*/tests/*.bats) REPO=${BATS_TEST_FILENAME%/tests/*} ;;
*) REPO="$(cd "$(dirname "${BATS_TEST_FILENAME}")/.." && pwd)" ;;
esac
export KPI_BIN="${KPI_BIN:-$REPO/build/bin}"
export PATH="$KPI_BIN:$REPO/pipelines:$PATH"
export KPI_DATADIR="$REPO/share"
export LC_ALL=C
# A pipeline in a test body fails when any stage fails (bats runs the body
# under set -e, which alone sees only the last stage); scripts/check-pipefail
# checks that this stays and that every `bash -c` pipeline sets it too.
set -o pipefail
SHARED="${KPI_SHARED:-$REPO/../shared}"
DATA="$REPO/tests/data"
# bats-support and bats-assert, their files sourced directly: their load.bash
# forks a dirname for every file, which cost more than most tests
for _f in /usr/lib/bats/bats-support/src/*.bash /usr/lib/bats/bats-assert/src/*.bash; do
	# shellcheck disable=SC1090
	source "$_f"
done
unset _f

# need_shared: skip (with a message) where ../shared is absent, e.g. a user's clone.
need_shared() {
	[ -d "$SHARED/data/real" ] || skip "../shared/data/real is absent (a user's clone): real-data test skipped"
}

# kill_at_first_report DIR PID [-]: SIGTERM to PID (to its process group with
# "-") as soon as a report (a regular file) is in DIR, then waits for it and
# sets killed_status to its exit status.  Fails when PID ended before the
# kill, which would test nothing: hold the run with a FIFO among its outputs
# (a report written to a FIFO no one reads blocks until the kill).
kill_at_first_report() {
	local dir=$1 pid=$2 target=$2 i=0
	[ "${3:-}" != - ] || target=-$2
	while [ -z "$(find "$dir" -maxdepth 1 -type f ! -name '.*' 2>/dev/null)" ] &&
		kill -0 "$pid" 2>/dev/null && [ $i -lt 3000 ]; do
		sleep 0.01; i=$((i + 1))
	done
	if ! kill -TERM -- "$target" 2>/dev/null; then
		wait "$pid" || true
		fail "the run ended before the kill: nothing was interrupted"
		return 1
	fi
	killed_status=0
	wait "$pid" || killed_status=$?
}

# assert_whole_reports DIR: every HTML report in DIR (the regular files) ends
# its document, and no temporary file (.NAME.html.XXXXXX) is left.  One awk
# reads every report's last line (not a tail and a grep a report, forked
# under bats' DEBUG trap: a council's reports are 150 and more) and names
# each that does not end its document.
assert_whole_reports() {
	run ls -A "$1"
	refute_output --partial ".html."
	local f reports=()
	for f in "$1"/*.html; do
		[ -f "$f" ] && reports+=("$f")
	done
	[ ${#reports[@]} -gt 0 ] || return 0
	run awk 'BEGIN {
		for (i = 1; i < ARGC; i++) {
			last = ""
			while ((getline line < ARGV[i]) > 0) last = line
			close(ARGV[i])
			if (index(last, "</html>") == 0) print ARGV[i] " is not a whole report"
		}
	}' "${reports[@]}"
	[ "$status" -eq 0 ] && [ -z "$output" ] || fail "${output:-awk exited $status}"
}

# need_tools: skip (with a message) until the five tools are built.
need_tools() {
	local t
	for t in kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render; do
		[ -x "$KPI_BIN/$t" ] || skip "$t is not built yet"
	done
}

# untraced FUNCTION [ARG...]: runs FUNCTION in a subshell without bats's DEBUG
# trap.  bats runs that trap before every command of a test to know the line
# that failed; in a loop of hundreds of commands (a corpus, a file of every
# row) it costs more than the commands.  A failure inside still fails the
# test, reported at the line of the untraced call.
untraced() {
	(
		trap - DEBUG
		set +T
		"$@"
	)
}
