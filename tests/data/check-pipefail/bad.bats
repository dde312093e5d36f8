#!/usr/bin/env bats
# Fixture for tests/checks.bats: every pipeline below loses a tool's status.
@test "a tool piped into jq" {
	run bash -c "kpi-flag x.ndjson | jq -c .flags"
}

@test "a tool in the middle, single quotes, over two lines" {
	run bash -c 'printf x |
		kpi-normalise | head -1'
}

@test "sh has no pipefail" {
	run sh -c "kpi-render x | tail -1"
}

@test "a tool in a variable" {
	for t in kpi-ingest kpi-trend; do
		run bash -c "$t in | head -1 >/dev/null"
	done
}

@test "a substitution whose status is thrown away" {
	[ "$(kpi-normalise --list-catalogue | wc -l)" -ge 60 ]
	local m=$(kpi-normalise --list-catalogue | wc -l)
}

@test "pipefail switched off" {
	set +o pipefail
}
