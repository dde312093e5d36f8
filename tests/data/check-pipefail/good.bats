#!/usr/bin/env bats
# Fixture for tests/checks.bats: nothing here loses a tool's status.
@test "pipefail first" {
	run bash -c "set -o pipefail; kpi-flag x.ndjson | jq -c .flags"
}

@test "the tool is the last stage: its status is the pipeline's" {
	run bash -c "printf '%s\n' x | kpi-ingest"
	run sh -c 'cat x | kpi-render -f md'
}

@test "a | inside quotes or || is no pipe" {
	run bash -c "kpi-flag x.ndjson || echo 'a | b'"
	run bash -c "jq -c '.a | .b' x | kpi-trend"
}

@test "PIPESTATUS read by hand" {
	run bash -c "kpi-trend x | head -1; exit \${PIPESTATUS[0]}"
}

@test "a substitution assigned: set -e sees it" {
	n=$(kpi-normalise --list-catalogue | wc -l)
}
