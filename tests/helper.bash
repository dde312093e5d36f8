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
