#!/usr/bin/env bats
# The chain's fast paths of the sixth pass (issue 19, docs/benchmarks.md):
# the stream tools ask for a 1 MB pipe on their output, kpi-render does
# not; kpi-flag finds its own fields once per shape of keys.  kpi-render's
# blocks in huge pages and its history arrays are checked in
# tests/unit/test_render_fast.c, the 16-byte scan of a value's end in
# tests/unit/test_record_keys.c.
load helper
bats_require_minimum_version 1.5.0

# The size of the pipe on a reader's standard input (F_GETPIPE_SZ).
pipe_size='import fcntl, sys; sys.stdin.buffer.read(); print(fcntl.fcntl(0, 1032))'

@test "chain-speed3: the stream tools ask for a 1 MB pipe on their output, kpi-render keeps the system's" {
	command -v python3 >/dev/null || skip "python3 is not installed"
	local raw="$BATS_TEST_TMPDIR/raw.csv"
	printf 'indicator,period,value\ncla_count,2024-01,12\ncla_count,2024-02,14\n' >"$raw"
	run bash -c "set -o pipefail; kpi-ingest '$raw' | python3 -c '$pipe_size'"
	assert_success
	assert_output 1048576
	run bash -c "set -o pipefail; kpi-ingest '$raw' | kpi-normalise | python3 -c '$pipe_size'"
	assert_output 1048576
	run bash -c "set -o pipefail; kpi-ingest '$raw' | kpi-normalise | kpi-trend | python3 -c '$pipe_size'"
	assert_output 1048576
	run bash -c "set -o pipefail; kpi-ingest '$raw' | kpi-normalise | kpi-trend | kpi-flag | python3 -c '$pipe_size'"
	assert_output 1048576
	run bash -c "set -o pipefail; kpi-ingest '$raw' | kpi-normalise | kpi-trend | kpi-flag | kpi-render | python3 -c '$pipe_size'"
	assert_success
	assert_output 65536
	# not a pipe: nothing is asked, nothing said
	run --separate-stderr bash -c "kpi-ingest '$raw' >'$BATS_TEST_TMPDIR/out.ndjson'"
	assert_success
	[ "$stderr" = "" ]
	[ "$(wc -l <"$BATS_TEST_TMPDIR/out.ndjson")" -eq 2 ]
}

@test "chain-speed3: kpi-flag's own fields found by position while the keys stay, and again when they change" {
	local base="$DATA/flag/base.ndjson" mixed="$BATS_TEST_TMPDIR/mixed.ndjson" one="$BATS_TEST_TMPDIR/one.ndjson"
	# the same summaries with the judged fields of an earlier run at other
	# places, keys reordered, and as they were, in turn
	{
		jq -c . "$base"
		jq -c 'to_entries | .[:3] + [{"key":"rag","value":"red"}] + .[3:] | from_entries' "$base"
		jq -c 'to_entries | reverse | from_entries' "$base"
		jq -c '. + {"flags":["x"],"assessment":"old"}' "$base"
		jq -c . "$base"
	} >"$mixed"
	kpi-flag "$mixed" >"$BATS_TEST_TMPDIR/together.out"
	: >"$BATS_TEST_TMPDIR/apart.out"
	while IFS= read -r line; do
		printf '%s\n' "$line" >"$one"
		kpi-flag "$one" >>"$BATS_TEST_TMPDIR/apart.out"
	done <"$mixed"
	run diff "$BATS_TEST_TMPDIR/apart.out" "$BATS_TEST_TMPDIR/together.out"
	assert_success
	run bash -c "set -o pipefail; jq -c '[.rag, .assessment, (.flags | index(\"x\"))]' '$BATS_TEST_TMPDIR/together.out' | sort -u | wc -l"
	assert_output 1
	[ "$(wc -l <"$BATS_TEST_TMPDIR/together.out")" -eq "$(wc -l <"$mixed")" ]
}
