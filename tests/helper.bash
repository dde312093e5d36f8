# helper.bash: loaded by every bats file:  load helper
# Puts the build under test on PATH (KPI_BIN, set by scripts/run-tests; default build/bin),
# points the tools at the repository's share/ and finds ../shared when present.
REPO="$(cd "$(dirname "${BATS_TEST_FILENAME}")/.." && pwd)"
export KPI_BIN="${KPI_BIN:-$REPO/build/bin}"
export PATH="$KPI_BIN:$REPO/pipelines:$PATH"
export KPI_DATADIR="$REPO/share"
export LC_ALL=C
SHARED="${KPI_SHARED:-$REPO/../shared}"
DATA="$REPO/tests/data"
load '/usr/lib/bats/bats-support/load'
load '/usr/lib/bats/bats-assert/load'

# need_shared: skip (with a message) where ../shared is absent, e.g. a user's clone.
need_shared() {
	[ -d "$SHARED/data/real" ] || skip "../shared/data/real is absent (a user's clone): real-data test skipped"
}

# kill_at_first_report DIR PID [-]: SIGTERM to PID (to its process group with
# "-") as soon as a report is in DIR, or when PID has finished; then waits.
kill_at_first_report() {
	local dir=$1 pid=$2 target=$2 i=0
	[ "${3:-}" != - ] || target=-$2
	while [ -z "$(ls "$dir" 2>/dev/null)" ] && kill -0 "$pid" 2>/dev/null && [ $i -lt 3000 ]; do
		sleep 0.01; i=$((i + 1))
	done
	kill -TERM -- "$target" 2>/dev/null || true
	wait "$pid" || true
}

# assert_whole_reports DIR: every HTML report in DIR ends its document, and no
# temporary file (.NAME.html.XXXXXX) is left.
assert_whole_reports() {
	run ls -A "$1"
	refute_output --partial ".html."
	local f
	for f in "$1"/*.html; do
		[ -e "$f" ] || continue
		tail -n 1 "$f" | grep -q '</html>' || fail "$f is not a whole report"
	done
}

# need_tools: skip (with a message) until the five tools are built.
need_tools() {
	local t
	for t in kpi-ingest kpi-normalise kpi-trend kpi-flag kpi-render; do
		[ -x "$KPI_BIN/$t" ] || skip "$t is not built yet"
	done
}
